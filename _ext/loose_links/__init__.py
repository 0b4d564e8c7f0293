"""Sphinx extension: links written the way people write them, made to lead where they meant.

A page's link that MyST cannot resolve is read by :mod:`.core` first: a web address without
``https://`` becomes that link, a Google Docs heading link becomes its text, a link whose
text and address are swapped goes to the text's address; each is one ``file:line`` warning
of type ``link`` saying what to write. What is left unresolved is MyST's to report
(``myst.xref_missing``); its link then points at an anchor no page has, so it is shown as
its text (:class:`DeadAnchorsAsText`) rather than as a link that goes nowhere. A link to a
page that is there, to a heading that is not, goes to the page (:mod:`.fragments`).
"""

from __future__ import annotations

import functools
import logging as logging_std
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

import rawhtml
from publication.logfilters import add_once

from .core import (DUPLICATE_NOTE, Kind, apart_link, refused_autolink, apart_message, as_text_message, blank_line_message,
                   duplicate_note_message, html_as_text_message, html_shown_as_text, html_written, link_name, missing_note_message,
                   nameless_message, opened_before_blank_line, read, refused_definition,
                   same_file_other_capitals, same_file_other_separators,
                   shown_on_purpose, undefined_reference, unread_link)
from . import exported
from .fragments import DeadFragmentsDropped

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"

logger = logging.getLogger(__name__)
WARNING_TYPE = "link"


def _text_of(xref: addnodes.pending_xref) -> list[nodes.Node]:
    """The link's words, without MyST's ``xref myst`` wrapper."""
    if len(xref) == 1 and isinstance(xref[0], nodes.inline) and "xref" in xref[0]["classes"]:
        return [child.deepcopy() for child in xref[0].children]
    return [child.deepcopy() for child in xref.children]


def _line_of(target: str, xref: addnodes.pending_xref, lines: list[str]) -> int | None:
    """The line the address is written on: MyST gives a link its paragraph's first line."""
    start = max((xref.line or 1) - 1, 0)
    needle = target.lstrip("#")
    for number in range(start, len(lines)):
        if needle in lines[number]:
            return number + 1
    return xref.line


def _place(node: nodes.Node | None) -> tuple[str | None, int | None]:
    """The file and line a node came from (MyST gives a ``#target`` link neither: its
    paragraph has both)."""
    while node is not None and not (node.source and node.line):
        node = node.parent
    return (node.source, node.line) if node is not None else (None, None)


def _source_lines(source: str | None) -> list[str]:
    try:
        return Path(source or "").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


class ReadLooseLinks(SphinxPostTransform):
    """Before the old site's links are resolved (priority 5: a ``www.`` address of the old
    site then leads to the page now there) and before MyST's resolver (9)."""

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        std = self.env.domaindata.get("std", {})
        files: dict[str | None, list[str]] = {}
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("reftype") != "myst" or xref.get("refdomain"):
                continue
            target = xref.get("reftarget", "")
            reading = read(target, xref.astext())
            if reading is None or (target and any(target.lower() in std.get(kind, {})
                                                  for kind in ("labels", "anonlabels"))):
                continue
            xref.source, xref.line = _place(xref)
            if xref.source not in files:
                files[xref.source] = _source_lines(xref.source)
            xref.line = _line_of(target, xref, files[xref.source])  # also in the PDF's one tree
            logger.warning(reading.message, location=xref, type=WARNING_TYPE,
                           subtype=reading.kind.value)
            if reading.url is None:
                xref.replace_self(_text_of(xref) or [nodes.Text(target)])
            else:
                words = [nodes.Text(target)] if reading.kind is Kind.SWAPPED else _text_of(xref)
                link = nodes.reference("", "", *words, refuri=reading.url)
                link.source, link.line = xref.source, xref.line
                xref.replace_self(link)


class LinksToMissingPictures(SphinxPostTransform):
    """``[![Map](img/map.png)](img/map.png)``, a picture linked to its own file, when that
    file is missing: Sphinx has said so (``image.not_readable``), and the link, which would
    lead nowhere, is left out without saying it again (MyST's resolver, at 9, would)."""

    default_priority = 4

    def run(self, **kwargs: Any) -> None:
        srcdir = Path(self.env.srcdir)
        for xref in list(self.document.findall(addnodes.pending_xref)):
            target = xref.get("reftarget", "")
            if xref.get("reftype") != "myst" or xref.get("refdomain") or not target or "://" in target:
                continue
            try:
                linked = self.env.relfn2path(target.partition("#")[0], self.env.docname)[0]
            except (OSError, ValueError):
                continue
            pictures = {uri for image in xref.findall(nodes.image)
                        for uri in image.get("candidates", {}).values()}
            try:
                missing = linked in pictures and not (srcdir / linked).is_file()
            except OSError:  # a name too long for the file system (errno 36): no file, said
                missing = True
            if missing:
                xref.replace_self(xref.children)


class DeadAnchorsAsText(SphinxPostTransform):
    """A link MyST could not resolve points at ``#target``, which no page has: its words
    are shown without the link (MyST has already said where it is)."""

    default_priority = 11  # after MyST's resolver (9) and Sphinx's (10)

    def run(self, **kwargs: Any) -> None:
        registered = self.document.ids
        suspects = [ref for ref in self.document.findall(nodes.reference)
                    if ref.get("refid") is not None and ref["refid"] not in registered
                    and not ref.get("refuri")]
        if not suspects:
            return
        # A book's one tree (the PDF) holds other pages' nodes, whose ids it never registered;
        # a page's own HTML gives ids no node has (`<h2 id="use">`).
        ids = rawhtml.ids_in(self.document)
        for ref in suspects:
            if ref["refid"] not in ids:
                ref.replace_self(ref.children or [nodes.Text(ref["refid"])])


_CODE = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block,
         nodes.comment, nodes.target)


class FileLinksWithQueries(SphinxTransform):
    """``[the report](report.pdf?raw=true)`` leads to ``report.pdf``, as a browser reads it.

    MyST links a file beside the page only when the whole address names a file, so
    GitHub's ``?raw=true`` (common in the City's old pages) made it a link to nothing.
    The address before ``?`` is used when it names a file and the whole address does not;
    safety's checks of downloads (priority 100) run after this, on that file."""

    default_priority = 99

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        for xref in list(self.document.findall(addnodes.pending_xref)):
            target = xref.get("reftarget", "")
            if xref.get("reftype") != "myst" or xref.get("refdomain") or "?" not in target:
                continue
            path, _, rest = target.partition("?")
            fragment = rest.partition("#")[2] or None
            if not path or "://" in path or path.startswith(("#", "mailto:")):
                continue
            try:
                whole = Path(env.relfn2path(target, env.docname)[1]).is_file()
                found = Path(env.relfn2path(path, env.docname)[1])
                usable = not whole and found.is_file()
            except (OSError, ValueError):
                continue
            if not usable:
                continue
            attributes = {key: xref[key] for key in ("refdoc", "reftype", "refexplicit") if key in xref}
            if docname := env.path2doc(str(found)):
                new = addnodes.pending_xref("", *xref.children, refdomain="doc", reftarget=docname,
                                            reftargetid=fragment, **attributes)
            else:
                new = addnodes.download_reference("", "", *xref.children, refdomain=None,
                                                  reftarget=path, **attributes)
            new.source, new.line = xref.source, xref.line
            new["classes"] = list(xref["classes"])
            xref.replace_self(new)


class MarkdownShownAsText(SphinxTransform):
    """Once per page, when it is read: a link or picture whose Markdown the reader did not
    take as one shows its ``](address`` as words; one warning names the first place."""

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        texts = [text for text in self.document.findall(nodes.Text)
                 if ("](" in text or "]:" in text or "][" in text or "<" in text and ":" in text)
                 and not _in_code(text)]
        refused = any("]:" in text and refused_definition(text) for text in texts)
        found = [text for text in texts
                 if "](" in text and unread_link(text) and not self._shown_on_purpose(text)
                 or "]:" in text and refused_definition(text)
                 or "<" in text and refused_autolink(text)
                 or not refused and "][" in text and undefined_reference(text)]  # said with its definition
        siblings = _Siblings()
        places: list[tuple[int, Callable[[], tuple[Any, nodes.Node]]]] = [
            (_line_node(text).line or 0, functools.partial(self._typed, text, siblings)) for text in found]
        for paragraph, match in self._apart_links(siblings):
            place = _line_at(paragraph, match.start())
            places.append((place.line or 0, functools.partial(_said_apart, match, place)))
        if places:
            places.sort(key=lambda place: place[0])
            message, location = places[0][1]()  # only the first place is described
            others = tuple(sorted({line for line, _ in places[1:] if line}))
            logger.warning(message(len(places), others=others), location=location,
                           type=WARNING_TYPE, subtype=Kind.AS_TEXT.value)
        self._say_html_shown_as_text()

    def _typed(self, text: nodes.Text, siblings: _Siblings) -> tuple[Any, nodes.Node]:
        """What to say of Markdown shown as typed in ``text``, and where: a picture's
        description or a link's text that a blank line cut is said where it starts."""
        for cuts, before in enumerate(siblings.paragraphs_before(text), start=1):
            if (opened := opened_before_blank_line(_words(before))) is not None:
                return (functools.partial(blank_line_message, opened=opened[0], cuts=cuts),
                        _line_at(before, opened.start()))
            if "[" in _words(before) or "]" in _words(before):
                break
        return functools.partial(as_text_message, text=str(text)), _line_node(text)

    def _apart_links(self, siblings: _Siblings) -> list[tuple[nodes.paragraph, re.Match[str]]]:
        """Each paragraph whose words hold ``[text]`` and ``(address)`` apart, alone or with
        the next paragraph (a blank line between the halves), and where."""
        found = []
        for paragraph in self.document.findall(nodes.paragraph):
            words = _words(paragraph)
            if "]" not in words or _in_code(paragraph):
                continue
            after = siblings.next_paragraph(paragraph) if words.rstrip().endswith("]") else None
            match = apart_link(f"{words}\n\n{_words(after)}" if after is not None else words)
            if match is not None:
                found.append((paragraph, match))
        return found

    def _say_html_shown_as_text(self) -> None:
        """A page's ``<a href=`` or ``<img src=`` the reader took for words (a ``>`` or a space
        missing): shown as typed, its link or picture lost; said once, at the first."""
        found = []
        for text in self.document.findall(nodes.Text):
            if "<" not in text or _in_code(text) or (element := html_shown_as_text(text)) is None:
                continue
            if _said_title(text):
                continue
            line = _line_node(text).line
            written = html_written(_page_lines(self.env), line) if line is not None else None
            if written is not None:
                found.append((text, element, written))
        if found:
            text, element, written = found[0]
            logger.warning(html_as_text_message(element, written, len(found)), location=_line_node(text),
                           type=WARNING_TYPE, subtype=Kind.AS_TEXT.value)

    def _shown_on_purpose(self, text: nodes.Text) -> bool:
        """Whether the page's file escapes both brackets where ``text`` is (:func:`shown_on_purpose`)."""
        line = _line_node(text).line
        if line is None:
            return False
        try:
            lines = Path(self.env.doc2path(self.env.docname)).read_text(
                encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return False
        return shown_on_purpose(lines, line)


class ExportSyntaxShownAsText(SphinxTransform):
    """Once per page, when it is read: another dialect's markup (pandoc's attributes and
    tables, ``~sub~``, ``[TOC]``, ``[[Page]]``…, :mod:`.exported`) shown as typed; one warning
    per kind, at the first place, the others' lines named."""

    default_priority = 800
    BLOCKS = (nodes.paragraph, nodes.title, nodes.term, nodes.rubric, nodes.caption)

    def apply(self, **kwargs: Any) -> None:
        places: dict[exported.Kind, list[tuple[int, exported.Found, nodes.Node, bool]]] = {}
        for block in self.document.findall(lambda node: isinstance(node, self.BLOCKS)):
            words = _words(block)
            if not words or _in_code(block) or _in_warning(block):
                continue
            in_quote = isinstance(block.parent, nodes.block_quote) and block.parent.index(block) == 0
            for found in exported.found_in(words, in_quote=in_quote):
                place = _line_at(block, found.start)
                places.setdefault(found.kind, []).append(
                    (place.line or 0, found, place, isinstance(block, nodes.title)))
        self._simple_tables(places)
        for kind, found in places.items():
            found.sort(key=lambda place: place[0])
            _, first, place, heading = found[0]
            others = tuple(sorted({line for line, *_ in found[1:] if line}))
            logger.warning(exported.message(first, heading=heading, count=len(found), others=others),
                           location=place, type=exported.WARNING_TYPE, subtype=kind.value)

    def _simple_tables(self, places: dict) -> None:
        """A rule MyST drew from a simple table's ``----- ----`` line (no words hold it)."""
        lines = None
        for rule in self.document.findall(nodes.transition):
            if not rule.line:
                continue
            lines = _page_lines(self.env) if lines is None else lines
            at = rule.line - 1
            if 0 < at < len(lines) and exported.simple_table_rule(lines[at], lines[at - 1]):
                found = exported.Found(exported.Kind.SIMPLE_TABLE, 0, lines[at].strip())
                places.setdefault(found.kind, []).append((rule.line, found, rule, False))


class NamelessLinks(SphinxTransform):
    """Once per page, when it is read: a link with nothing a screen reader can say gets a
    name in every edition, and staff get one warning where it is.

    ``[![](map.png)](map.png)`` was a link that screen readers announce as "link" and
    nothing more (WCAG 2.4.4, 4.1.2), and ``[](https://…)`` a link no one could see.
    """

    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        lines: list[str] | None = None
        for link in list(self.document.findall(_is_link)):
            if _words_shown(link) or _in_code(link):
                continue
            pictures = list(link.findall(nodes.image))
            if not pictures and isinstance(link, addnodes.pending_xref):
                continue  # MyST gives a page link without words the page's title
            if any(not isinstance(p.get("alt", None), str) or p["alt"].strip() for p in pictures):
                continue  # a picture without `alt` is named by its address in every writer
            target = link.get("refuri") or link.get("reftarget") or link.get("refid") or ""
            if not target:
                continue
            link.source, link.line = _place(link)
            if lines is None:
                lines = _source_lines(link.source)
            link.line = _line_of(target, link, lines)
            name = link_name(target)
            if pictures:
                pictures[0]["alt"] = name
            else:
                link += nodes.Text(target)
            picture = pictures[0].get("uri", "") if pictures else None
            logger.warning(nameless_message(target, name, picture), location=link,
                           type=WARNING_TYPE, subtype=Kind.NAMELESS.value)


class FootnotesWithoutNotes(SphinxTransform):
    """``[^2]`` with no ``[^2]: …`` on the page: docutils said two errors in its own words
    ("Too many autonumbered footnote references", "Unknown target name") and showed an
    error mark. The reference is shown as typed, and said once where it is."""

    default_priority = 610  # before docutils' Footnotes (620) numbers and resolves them

    def apply(self, **kwargs: Any) -> None:
        references = list(self.document.findall(nodes.footnote_reference))
        if not references:
            return
        notes = {name for note in self.document.findall(nodes.footnote) for name in note["names"]}
        lines: list[str] | None = None
        for reference in references:
            label = reference.get("refname")
            if not label or reference.get("refid") or label in notes:
                continue
            if (name := nodes.fully_normalize_name(label)) in notes:
                _refer_by_name(self.document, reference, label, name)  # [^Note] for [^note]: …
                continue
            source, line = _place(reference)
            if lines is None:
                lines = _source_lines(source)
            written = f"[^{label}]"
            line = next((n for n in range(line or 1, len(lines) + 1) if written in lines[n - 1]), line)
            for ids in reference["ids"]:
                self.document.ids.pop(ids, None)
            refs = self.document.footnote_refs.get(label, [])
            if reference in refs:
                refs.remove(reference)
            if reference in self.document.autofootnote_refs:
                self.document.autofootnote_refs.remove(reference)
            reference.parent.replace(reference, nodes.Text(written))
            logger.warning(missing_note_message(label), location=f"{source}:{line}" if source else None,
                           type=WARNING_TYPE, subtype=Kind.NOTE_MISSING.value)


def _refer_by_name(document: nodes.document, reference: nodes.Element, label: str, name: str) -> None:
    """Docutils finds a note by its name, lower case; MyST keeps the reference's label as
    written, so ``[^Note]`` missed the ``[^note]: …`` its writer meant."""
    refs = document.footnote_refs.get(label, [])
    if reference in refs:
        refs.remove(reference)
    reference["refname"] = name
    document.footnote_refs.setdefault(name, []).append(reference)


def _is_link(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.reference, addnodes.pending_xref, addnodes.download_reference))


def _is_line_break(node: nodes.Node) -> bool:
    """MyST's hard line break: an HTML ``<br />`` and a LaTeX ``\\\\``, raw."""
    return isinstance(node, nodes.raw) and node.astext().strip() in ("<br />", "\\\\")


def _words_shown(link: nodes.Element) -> str:
    """The words a link shows: a line break says none (GitBook's exports put one alone in a
    link after a badge, a line ending in two spaces: ``<a><br></a>``, axe's link-name)."""
    return "".join(text.astext() for text in link.findall(nodes.Text)
                   if not _is_line_break(text.parent)).strip()


def _in_warning(node: nodes.Node) -> bool:
    """``node`` is the text of a warning the page's reading made (a ``system_message``): its
    words quote the page's markup, and are in no edition."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.system_message):
            return True
        parent = parent.parent
    return False


def _in_code(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _CODE):
            return True
        parent = parent.parent
    return False


def _said_apart(match: re.Match[str], place: nodes.Node) -> tuple[Any, nodes.Node]:
    return functools.partial(apart_message, found=match), place


class _Siblings:
    """The paragraphs beside a page's paragraph, each parent's children indexed once (a page
    of thousands of paragraphs is not searched again for each)."""

    def __init__(self) -> None:
        self.positions: dict[int, dict[int, int]] = {}

    def _position(self, node: nodes.Node) -> int:
        parent = node.parent
        if id(parent) not in self.positions:
            self.positions[id(parent)] = {id(child): i for i, child in enumerate(parent.children)}
        return self.positions[id(parent)][id(node)]

    def paragraphs_before(self, text: nodes.Text, limit: int = 50) -> list[nodes.paragraph]:
        """The paragraphs right before the one ``text`` is in, nearest first, up to the first
        thing that is not one: what blank lines split off (a picture's description of several
        paragraphs, the City's "History of Austin's open & smart initiatives")."""
        paragraph = text.parent
        while paragraph is not None and not isinstance(paragraph, nodes.paragraph):
            paragraph = paragraph.parent
        if paragraph is None or paragraph.parent is None:
            return []
        index = self._position(paragraph)
        found: list[nodes.paragraph] = []
        for before in reversed(paragraph.parent.children[max(index - limit, 0):index]):
            if not isinstance(before, nodes.paragraph):
                break
            found.append(before)
        return found

    def next_paragraph(self, paragraph: nodes.paragraph) -> nodes.paragraph | None:
        parent = paragraph.parent
        if parent is None:
            return None
        index = self._position(paragraph) + 1
        after = parent.children[index] if index < len(parent.children) else None
        return after if isinstance(after, nodes.paragraph) else None


def _words(paragraph: nodes.Element) -> str:
    """A paragraph's words as shown, without its code (``[a] (b.md)`` there is on purpose)."""
    return "".join(text for text in paragraph.findall(nodes.Text) if not _in_code(text))


def _line_at(paragraph: nodes.Element, offset: int) -> nodes.Element:
    """A stand-in for ``paragraph`` placed at the line its words' ``offset`` is on (a
    paragraph knows only its first line)."""
    place = nodes.inline()
    place.source = _line_node(paragraph).source if paragraph.line is None else paragraph.source
    start = paragraph.line if paragraph.line is not None else _line_node(paragraph).line
    place.line = (start or 1) + _words(paragraph)[:offset].count("\n")
    return place


def _line_node(node: nodes.Node) -> nodes.Node:
    """The nearest element that knows its line (a Text node does not)."""
    parent = node.parent
    while parent is not None and parent.line is None:
        parent = parent.parent
    return parent if parent is not None else node


UNRESOLVED_ADVICE = ("leads to no page, heading or file of the publication, so its words are shown "
                     "without a link: link to a page's file as it is now (e.g. 'parking.md'), a "
                     "heading on it ('parking.md#fees'), a file beside the page, or a full https:// "
                     "address")


def _unresolved_advice(env: Any, target: str, location: Any = None) -> str:
    """What to write instead of ``target``: the page's file when only its capitals differ.
    The page is the link's own (its node's source): ``env.docname`` is another page's while
    a builder resolves several (a link in ``parks/`` was read from the top folder)."""
    docname = env.docname
    source = getattr(location, "source", None) if isinstance(location, nodes.Node) else None
    if source:
        try:
            docname = env.path2doc(source) or docname
        except (ValueError, OSError):
            pass
    sources = []
    for found in sorted(env.found_docs):
        try:
            sources.append(Path(env.doc2path(found)).relative_to(env.srcdir).as_posix())
        except (ValueError, OSError):
            continue
    written = same_file_other_capitals(target, docname, sources)
    why = "capital letters count"
    if written is None:
        written = same_file_other_separators(target, docname, sources)
        why = "a link names a file as it is named, dashes and all"
    if written is None:
        return UNRESOLVED_ADVICE
    anchor = target.partition("#")[1] + target.partition("#")[2]
    return (f"{UNRESOLVED_ADVICE.split(': ', 1)[0]}: the page's file is named {written!r} "
            f"({why}): write {written + anchor!r}")


UNRESOLVED_ANCHOR_ADVICE = ("leads to no heading or anchor on this page, so its words are shown without "
                            "a link: write the anchor of one of its headings (e.g. '#fees' for '## Fees'), "
                            "or a heading on another page ('parking.md#fees')")


def _written_at(target: str, node: Any) -> tuple[str | None, bool]:
    """Where the page wrote the link (``file:line``), and whether as ``(#target)``.

    MyST places a link at its paragraph's first line and names a ``#target`` without its
    ``#``: the warning named an address the writer never wrote ("the link 'appendix-a' leads
    to no page", for ``[Appendix A](#appendix-a)``: the City of Lebanon's ordinance), and a
    link on a paragraph's second line was said at the first. The paragraph's lines, up to
    the blank line that ends it, are looked at."""
    from sphinx.util.logging import get_node_location

    where = get_node_location(node) if isinstance(node, nodes.Node) else None
    path, _, line = (where or "").rpartition(":")
    if not path or not line.isdigit():
        return None, False
    try:
        lines = _lines_of(path, Path(path).stat().st_mtime_ns)
    except OSError:
        return None, False
    for number in range(int(line), len(lines) + 1):
        text = lines[number - 1]
        if number > int(line) and not text.strip():
            break
        if f"(#{target}" in text or f"(<#{target}>" in text:
            return f"{path}:{number}", True
        if f"({target}" in text or f"(<{target}>" in text:
            return f"{path}:{number}", False
    return None, False


def _said_title(node: nodes.Node) -> bool:
    """Inside a title whose HTML safety said, shown as text (``security.title-markup``)."""
    from safety.titles import SAID

    while node is not None:
        if isinstance(node, nodes.title):
            return bool(node.get(SAID))
        node = node.parent
    return False


def _page_lines(env: Any) -> list[str]:
    """The lines of the page being read, as its file has them."""
    path = str(env.doc2path(env.docname))
    try:
        return list(_lines_of(path, os.stat(path).st_mtime_ns))
    except OSError:
        return []


@functools.lru_cache(maxsize=8)
def _lines_of(path: str, mtime_ns: int) -> tuple[str, ...]:
    """A page's lines (as of ``mtime_ns``), read once for all its unresolved links."""
    try:
        return tuple(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def _left_out_page_advice(env: Any, docname: str, xref: Any) -> str | None:
    """MyST's "Unknown source document 'old'" of a link to a page whose file is there but left
    out (``published: false``, a draft): what happened and what to do, the link as written.
    A file outside the folder of pages (GitBook's ``{% content-ref url="../secret/page.md" %}``)
    is no page of the publication: said so, with the path as the page wrote it (it was said
    to be "published: false", at its absolute path on the build machine)."""
    suffixes = env.config.source_suffix
    srcdir = Path(env.srcdir)
    for suffix in (suffixes if isinstance(suffixes, (dict, list, tuple)) else [suffixes]):
        try:
            file = srcdir / (docname + suffix)
            there = file.is_file()
            outside = there and not Path(os.path.realpath(file)).is_relative_to(os.path.realpath(srcdir))
        except (OSError, ValueError):
            there = outside = False
        if there:
            anchor = xref.get("reftargetid") if isinstance(xref, nodes.Element) else None
            if outside:
                written = _as_written(env, file, xref) + (f"#{anchor}" if anchor else "")
                return (f"the link {written!r} leads outside the folder of pages, to a file that is "
                        "no page of the publication, so its words are shown without a link: copy "
                        "that page into the folder of pages and link to it there, or link to its "
                        "web address")
            written = docname + suffix + (f"#{anchor}" if anchor else "")
            return (f"the link {written!r} leads to a page that is left out of the publication "
                    "(its front matter says published: false or draft: true), so its words are "
                    "shown without a link: publish that page, or link to another")
    return None


def _as_written(env: Any, file: Path, xref: Any) -> str:
    """``file`` as a link on the linking page writes it: from that page's folder, ``/`` apart."""
    refdoc = xref.get("refdoc") if isinstance(xref, nodes.Element) else None
    try:
        base = Path(env.doc2path(refdoc)).parent if refdoc else Path(env.srcdir)
        return Path(os.path.relpath(os.path.normpath(file), os.path.normpath(base))).as_posix()
    except (OSError, ValueError):
        return file.name


def say_what_to_do_with_unresolved_links(app: Sphinx, config: Any) -> None:
    """``config-inited``: MyST's resolver, saying what to write instead of a link it cannot
    resolve. It said "'myst' cross-reference target not found: 'parkng.md'", the most common
    mistake in a page, with no advice; the warning's type (``myst.xref_missing``) is kept,
    so ``suppress_warnings`` reads it as before."""
    try:
        from myst_parser.sphinx_ext.myst_refs import MystReferenceResolver
    except ImportError:
        return

    class AdvisingResolver(MystReferenceResolver):
        def log_warning(self, target: str | None, msg: str, subtype: Any, **kwargs: Any) -> None:
            if target and msg == f"'myst' cross-reference target not found: {target!r}":
                where, as_anchor = _written_at(target, kwargs.get("location"))
                msg = (f"the link {'#' + target!r} {UNRESOLVED_ANCHOR_ADVICE}" if as_anchor
                       else f"the link {target!r} {_unresolved_advice(self.env, target, kwargs.get('location'))}")
                kwargs["location"] = where or kwargs.get("location")
            elif target and msg == f"Unknown source document {target!r}":
                msg = _left_out_page_advice(self.env, target, kwargs.get("location")) or msg
            super().log_warning(target, msg, subtype, **kwargs)

    transforms = app.registry.post_transforms
    transforms[:] = [AdvisingResolver if t is MystReferenceResolver else t for t in transforms]


class TypedDuplicateLabels(logging_std.Filter):
    """Sphinx's "duplicate label h1, other instance in /home/…/a.md" said what, with no type
    and no advice: typed ``link.duplicate-target`` (so ``-W`` and ``suppress_warnings`` know
    it), the other page named from this one, with what to do."""

    def filter(self, record: logging_std.LogRecord) -> bool:
        if str(record.msg).startswith("duplicate label ") and not getattr(record, "type", None):
            record.type, record.subtype = WARNING_TYPE, Kind.DUPLICATE_TARGET.value
            if isinstance(record.args, tuple) and len(record.args) == 2:
                # Sphinx named the other page by its whole path on the build machine
                name, other = record.args
                here = getattr(getattr(record, "location", None), "source", None)
                other = os.path.relpath(other, os.path.dirname(here)) if here else os.path.basename(other)
                record.msg, record.args = ("the label '%s' is also given on '%s'; a link to it "
                                           "leads to only one of them: give each label its own "
                                           "name"), (name, Path(other).as_posix())
            else:
                record.msg = (f"{record.msg}; a link to it leads to only one of them: give each "
                              "label its own name")
        return True


class LeftOutNotes(logging_std.Filter):
    """MyST's "Duplicate footnote definition found for label: 'p2'" (``ref.footnote``) did not
    say that the second note's words are in no edition, nor what to do: now it does."""

    def filter(self, record: logging_std.LogRecord) -> bool:
        found = DUPLICATE_NOTE.match(str(record.msg))
        if found:
            record.msg = duplicate_note_message(found.group(1))
        return True


def setup(app: Sphinx) -> dict[str, Any]:
    add_once("sphinx.sphinx.domains.std", TypedDuplicateLabels)
    add_once("sphinx.myst_parser.warnings_", LeftOutNotes)
    app.connect("config-inited", say_what_to_do_with_unresolved_links)
    app.add_transform(FileLinksWithQueries)
    app.add_transform(MarkdownShownAsText)
    app.add_transform(ExportSyntaxShownAsText)
    app.add_transform(NamelessLinks)
    app.add_transform(FootnotesWithoutNotes)
    app.add_post_transform(ReadLooseLinks)
    app.add_post_transform(LinksToMissingPictures)
    app.add_post_transform(DeadFragmentsDropped)
    app.add_post_transform(DeadAnchorsAsText)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["Kind", "setup"]
