"""A link to a heading another page does not have goes to that page, said once.

``[Hardware](hardware.md#realsense)`` to a page whose heading is now "RealSense camera":
MyST warned ``local id not found`` and still linked ``hardware.html#realsense``, an anchor
no page has; an ePub with one is invalid (EPUBCheck RSC-012). Read before MyST resolves the
link (and after the old site's addresses became pages), the link loses the fragment and
leads to the page, with one ``link.missing-heading`` warning saying what to write. An anchor
only the page's own HTML gives (``<div id="part">``), which MyST does not know, is linked
here, without MyST's warning: the link works.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

import rawhtml

from .core import Kind, missing_heading_message

logger = logging.getLogger(__name__)
WARNING_TYPE = "link"


class DeadFragmentsDropped(SphinxPostTransform):
    """After jekyll_compat's old addresses (5), before MyST's resolver (9)."""

    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        ids: dict[str, set[str]] = {}
        own: dict[int, set[str]] = {}
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("reftype") == "myst" and xref.get("refdomain") is None:
                self.anchor_in_own_html(xref, own)
                continue
            page, fragment = xref.get("reftarget"), xref.get("reftargetid")
            if xref.get("reftype") != "myst" or xref.get("refdomain") != "doc" or not fragment \
                    or page not in self.env.all_docs or self.named(page, fragment):
                continue
            if page not in ids:
                ids[page] = rawhtml.ids_in(self.env.get_doctree(page))
            if fragment in ids[page]:
                xref.replace_self(self.linked(xref, page, fragment))
                continue
            said = missing_heading_message(self.env.doc2path(page, False).as_posix(), fragment,
                                           list(self.slugs(page)))
            logger.warning(said, location=xref, type=WARNING_TYPE, subtype=Kind.MISSING_HEADING.value)
            xref["reftargetid"] = None

    def anchor_in_own_html(self, xref: addnodes.pending_xref, own: dict[int, set[str]]) -> None:
        """``[Typefaces](#typefaces)`` above the page's ``<h2 id="typefaces">`` (the CFPB's
        design manual): MyST knows no such anchor and said the page had none, and the link
        was shown as its words. It is linked to the id, as the old site's browser did."""
        target = xref.get("reftarget", "")
        if not target or target in self.document.nameids or target in self.document.ids:
            return
        page = _page_of(xref)
        if id(page) not in own:
            own[id(page)] = rawhtml.ids_in(page)
        if target not in own[id(page)]:
            return
        words = xref[0].children if len(xref) and xref[0].children else [nodes.Text(target)]
        link = nodes.reference("", "", *words, refid=target, internal=True)
        link.source, link.line = xref.source, xref.line
        xref.replace_self(link)

    def linked(self, xref: addnodes.pending_xref, page: str, fragment: str) -> nodes.Node:
        """The link as MyST makes one to a heading: its words in an ``std-ref`` inline."""
        words = nodes.inline(xref.astext(), "", *xref[0].children, classes=["std", "std-ref"])
        if not words.children:  # [](page.md#part)
            words += nodes.literal(fragment, fragment)
        try:
            link = make_refnode(self.app.builder, self.env.docname, page, fragment, words)
        except NoUri:
            return words
        link.source, link.line = xref.source, xref.line
        return link

    def slugs(self, page: str) -> dict[str, tuple[int | None, str, str]]:
        """MyST's anchors of the page's headings: anchor → (line, section id, heading)."""
        return self.env.metadata.get(page, {}).get("myst_slugs", {})

    def named(self, page: str, fragment: str) -> bool:
        """A heading's anchor, a section's id or a label of the page: what MyST finds itself."""
        slugs = self.slugs(page)
        if fragment in slugs or any(section == fragment for _, section, _ in slugs.values()):
            return True
        std = self.env.domaindata.get("std", {})
        return any(entry[0] == page and fragment in (name, entry[1])
                   for store in ("labels", "anonlabels") for name, entry in std.get(store, {}).items())


def _page_of(node: nodes.Node) -> nodes.Node:
    """The page a node is on: its document, or its file's part of the PDF's one book."""
    parent = node.parent
    while parent is not None and not isinstance(parent, addnodes.start_of_file):
        node, parent = parent, parent.parent
    return parent if parent is not None else node
