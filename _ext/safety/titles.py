"""Sphinx glue: a title is text, wherever it is shown.

MyST turns the front-matter ``title`` into the page's heading by parsing it as Markdown, so
``title: Parks <img src=x onerror=...>`` becomes raw HTML inside the heading, and Sphinx
copies a heading into every page's sidebar, the prev/next links, the ePub contents and the
search index. Raw markup in any heading is turned back into the text that was written
(Markdown emphasis and code in titles keep working). A right-to-left override a title
leaves open is closed where it ends (:func:`bidi_closers`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from pagesource.titles import bidi_closers  # Sphinx-free: the publication closes its own too

from .problems import WARNING_TYPE, Kind

logger = logging.getLogger(__name__)

_LINE_BREAK = re.compile(r"\s*<(?:br|wbr)\s*/?>\s*", re.IGNORECASE)
"""A line break alone in a raw node: kramdown's headings held them (the VA's VistA pages:
``#### [Native RPCs](TableOfContents) &#187; DVBA CAPRI SETCLAIMTYPE<br/>``)."""


_COMMENT = re.compile(r"\s*<!--.*?-->\s*", re.S)
"""An HTML comment alone in a raw node (``title: "Fees -- 2024 <!-- draft -->"``): a note to
editors, which no browser shows; it was shown as typed in every edition's heading and
contents."""


_OPEN_TAG = re.compile(r"<([a-zA-Z][\w-]*)(?=[\s/>])[^<>]*>")
_EMPTY_ELEMENT = re.compile(r"\s*<([a-zA-Z][\w-]*)(?=[\s/>])[^<>]*>\s*</\1\s*>\s*")


def _empty_elements(title: nodes.title) -> list[nodes.Node]:
    """The raw nodes of elements with nothing inside (``<i class="fa fa-globe"
    aria-hidden="true"></i>``: an icon font's glyph), as one node or an opening and its
    closing tag side by side. Such an element shows no words: shown as text it put its
    markup before the heading's words (Minimal Mistakes posts' Font Awesome headings)."""
    empty: list[nodes.Node] = []
    children = list(title.children)
    for at, child in enumerate(children):
        if not isinstance(child, nodes.raw):
            continue
        if _EMPTY_ELEMENT.fullmatch(child.astext()):
            empty.append(child)
        elif (opened := _OPEN_TAG.fullmatch(child.astext().strip())) and at + 1 < len(children) \
                and isinstance(children[at + 1], nodes.raw) \
                and re.fullmatch(rf"\s*</{re.escape(opened.group(1))}\s*>\s*", children[at + 1].astext()):
            empty += [child, children[at + 1]]
    return empty


SAID = "safety_html_said"
"""Set on a title whose HTML this transform said, shown as text: no other room says it again
(loose_links took a callout's ``<img src=x onerror=…>`` for a picture's HTML gone wrong)."""


class TitlesAreText(SphinxTransform):
    """Replace raw HTML (or any raw output) inside a title by its text; a line break by a
    space, and an element with nothing inside or a comment by nothing, without a word
    (nothing in them is shown or run)."""

    default_priority = 102

    def apply(self, **kwargs: Any) -> None:
        for title in list(self.document.findall(nodes.title)):
            for empty in _empty_elements(title):
                title.remove(empty)
            if title.children and isinstance(title[0], nodes.Text) and not title[0].strip():
                title.remove(title[0])
            elif title.children and isinstance(title[0], nodes.Text) and title[0] != title[0].lstrip():
                title.replace(title[0], nodes.Text(title[0].lstrip()))
            for raw in list(title.findall(nodes.raw)):
                if _COMMENT.fullmatch(raw.astext()):
                    raw.parent.remove(raw)
                    continue
                if _LINE_BREAK.fullmatch(raw.astext()):
                    raw.replace_self(nodes.Text(" "))
                    continue
                logger.warning(f"HTML in a title is shown as text, not run: {raw.astext()!r}",
                               location=(self.env.docname, self.line_of(title)),
                               type=WARNING_TYPE, subtype=Kind.TITLE_MARKUP.value)
                raw.replace_self(nodes.Text(raw.astext()))
                title[SAID] = True
            if title.children and isinstance(title[-1], nodes.Text) and title[-1] != title[-1].rstrip():
                title.replace(title[-1], nodes.Text(title[-1].rstrip()))
            if closing := bidi_closers(title.astext()):
                title.append(nodes.Text(closing))
            self.ids_to_section(title)

    def ids_to_section(self, title: nodes.title) -> None:
        """An anchor inside a heading (a Word export's ``# []{#_Toc83712 .anchor}Summary``)
        belongs to its section: the heading is copied into the page's contents and the
        sidebar, and its copy repeated the id (two elements of one id, the Nu checker's
        error), so the id is moved to the section, where a link to it still leads."""
        section = title.parent
        if not isinstance(section, nodes.section):
            return
        for element in title.findall(nodes.Element, include_self=False):
            if not isinstance(element, (nodes.inline, nodes.target)):
                continue  # a footnote's reference keeps its id: the note links back to it
            for name in element["ids"]:
                section["ids"].append(name)
                self.document.ids[name] = section
            element["ids"] = []

    def line_of(self, title: nodes.title) -> int | None:
        """The heading's line; for the front-matter title (MyST says line 1), its ``title:`` line."""
        line = title.line or (title.parent.line if title.parent else None)
        if line and line > 1:
            return line
        try:
            text = Path(self.env.doc2path(self.env.docname)).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return line
        for number, source_line in enumerate(text.splitlines()[:200], start=1):
            if source_line.startswith("title:"):
                return number
        return line
