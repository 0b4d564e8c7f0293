"""What a reader gets from a page's own HTML in the PDF when it cannot be read as XHTML
(:mod:`.xhtml_nodes` reads what rawhtml wrote): its words, block by block.

A Jekyll site's HTML (an include looping over ``_data/``, a ``<p class="authors">``, a
``<details>`` box) is shown on the website and in the ePub; Typst cannot lay it out. Left
out, its words were lost from the PDF (Open Austin's 2016 candidate survey: every candidate
and question). Its text is kept instead, one paragraph per block element; what has no
words (a picture, a frame, an empty ``<div>`` opening a box) is named so the caller can say
what the PDF leaves out, and a fragment of tags alone loses nothing.

Plain Python (the standard library's tolerant HTML parser): no Sphinx, no Typst.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br"})
"""Elements that end the paragraph before them (``br`` too: a line of its own)."""

MEDIA = frozenset({"img", "iframe", "video", "audio", "object", "embed", "svg", "canvas",
                   "picture", "math"})
"""Elements that show something other than words: the PDF leaves them out."""

HIDDEN = frozenset({"script", "style", "template", "noscript", "head", "title"})


@dataclass(frozen=True)
class HtmlText:
    paragraphs: tuple[str, ...]
    """The words of each block, whitespace collapsed as a browser does."""
    media: tuple[str, ...]
    """The names of the elements the PDF cannot show (``img``, ``iframe``…), in order."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.media: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def flush(self) -> None:
        words = " ".join("".join(self.current).split())
        if words:
            self.paragraphs.append(words)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in MEDIA:
            self.media.append(tag)
        if tag in BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.current.append(data)


def read(html: str) -> HtmlText:
    """The words and the pictures/frames of an HTML fragment (comments are neither)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.flush()
    return HtmlText(tuple(reader.paragraphs), tuple(reader.media))
