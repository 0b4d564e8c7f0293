"""The PDF's reading of a page's own HTML: each raw HTML node of the assembled book replaced
by the nodes :mod:`.xhtml_nodes` reads from it, before links are resolved.

Its links then go where the same link written in Markdown goes: a page of the publication
(``rawhtml`` noted which) becomes a reference MyST resolves, an old site address is
jekyll_compat's to find, and a link to a file the PDF cannot carry keeps its words. Its
pictures are the files ``rawhtml`` registered, embedded as any picture is.
"""

from __future__ import annotations

from html import unescape
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from maths.switch import FILE_LINES
from rawhtml import DOWNLOADS, HEADING_BASE, IMAGES, PAGES, READ_AS, is_html
from safety import urls
from safety.urls import written_validly

from . import xhtml_nodes
from .problems import Kind, warn


class RawHtmlAsNodes(SphinxPostTransform):
    """Before jekyll_compat's old addresses (5), DeadFragmentsDropped (8) and MyST (9)."""

    default_priority = 3
    formats = ("typst",)

    def run(self, **kwargs: Any) -> None:
        lost: dict[str, tuple[nodes.Node, list[str]]] = {}
        paragraphs: dict[int, nodes.Element] = {}
        for raw in list(self.document.findall(nodes.raw)):
            if not is_html(raw) or xhtml_nodes.BREAK == raw.astext().strip():
                continue
            if isinstance(raw.parent, nodes.TextElement):
                paragraphs.setdefault(id(raw.parent), raw.parent)
                continue
            context = self.context([raw])
            read = xhtml_nodes.blocks(raw.astext(), context, _line(raw))
            if read is not None:
                _at_file_lines(read, raw)
                if raw["ids"] or not read:  # an id given to the block ({#name} above it) stays
                    read = [nodes.container("", *read, ids=list(raw["ids"]))]
                raw.parent.replace(raw, read)
                self.note_lost(context, raw, lost)
        for parent in paragraphs.values():
            pieces = [child for child in parent.children if is_html(child)]
            context = self.context(pieces)
            read = xhtml_nodes.join_pieces(list(parent.children), context, is_html)
            if read is None:  # left for the translator's plain text: its nodes are its own again
                for child in parent.children:
                    child.parent = parent
                continue
            parent[:] = read
            self.note_lost(context, pieces[0], lost)
        for place, what in lost.values():
            warn(f"the PDF edition shows part of this page's HTML only as words "
                 f"({'; '.join(dict.fromkeys(what))}); write it in Markdown so every edition "
                 "shows it the same", Kind.RAW, place)

    def context(self, pieces: list[nodes.raw]) -> xhtml_nodes.Context:
        docname = _docname_at(pieces[0], self.config.root_doc)
        pictures = {written_validly(src): relative for raw in pieces for src, relative in raw.get(IMAGES, ())}
        pages = {unescape(href): (page, fragment) for raw in pieces for href, page, fragment in raw.get(PAGES, ())}
        files = {unescape(href) for raw in pieces for href, _ in raw.get(DOWNLOADS, ())}
        written = {unescape(read): unescape(href) for raw in pieces for read, href in raw.get(READ_AS, {}).items()}

        def link(href: str, words: list[nodes.Node]) -> nodes.Node:
            if href in pages:
                page, fragment = pages[href]
                return addnodes.pending_xref("", nodes.inline("", "", *words, classes=["xref", "myst"]),
                                             refdomain="doc", reftype="myst", reftarget=page,
                                             reftargetid=fragment or None, refdoc=docname, refexplicit=True)
            if href.startswith("#") and len(href) > 1:
                return nodes.reference("", "", *words, refid=unescape(href[1:]))
            if href.startswith("//"):
                href = "https:" + href
            if urls.is_external(href):
                return nodes.reference("", "", *words, refuri=href)
            if href.startswith("/") and href not in files:  # an old site address: jekyll_compat's
                return addnodes.pending_xref("", nodes.inline("", "", *words, classes=["xref", "myst"]),
                                             refdomain="", reftype="myst", reftarget=written.get(href, href),
                                             refdoc=docname, refexplicit=True)
            return nodes.inline("", "", *words)  # a file the PDF cannot carry: its words, as a download link's

        def picture(src: str, alt: str) -> nodes.image | None:
            if src.lower().startswith("data:image/"):  # rawhtml let through only safe ones
                return nodes.image("", uri=src, candidates={"?": src}, alt=alt)
            relative = pictures.get(src)
            if relative is None or relative not in self.env.images:
                return None
            return nodes.image("", uri=relative, candidates={"*": relative}, alt=alt)

        return xhtml_nodes.Context(link, picture, source=pieces[0].source,
                                   heading_base=pieces[0].get(HEADING_BASE, 1))

    def note_lost(self, context: xhtml_nodes.Context, raw: nodes.Node,
                  lost: dict[str, tuple[nodes.Node, list[str]]]) -> None:
        """What the PDF cannot show, said once a page at its first place (as the translator does)."""
        root = self.config.root_doc
        if context.lost:
            docname = _docname_at(raw, root)
            lost.setdefault(docname, (_where(raw), []))[1].extend(context.lost)


def _docname_at(node: nodes.Node, default: str) -> str:
    while node is not None:
        if isinstance(node, addnodes.start_of_file):
            return node["docname"]
        node = node.parent
    return default


def _at_file_lines(read: list[nodes.Node], raw: nodes.raw) -> None:
    """The nodes read from a raw block whose lines a rewrite moved (an include's loop) placed
    at the file's lines (:data:`maths.switch.FILE_LINES`): counted from the block's first
    line they named lines the page does not have, and each warning differed from the other
    editions', so it was said twice."""
    each = raw.get(FILE_LINES)
    if not each or not raw.line:
        return
    for top in read:
        for node in top.findall(nodes.Element):
            if node.line and 0 <= node.line - raw.line < len(each):
                node.line = each[node.line - raw.line]


def _line(node: nodes.Node) -> int:
    while node is not None and not node.line:
        node = node.parent
    return node.line if node is not None else 1


def _where(node: nodes.Node) -> Any:
    while node is not None and not node.line:
        node = node.parent
    return node
