"""A front-matter ``title`` as the one line of heading it is shown as.

Plain Python, no Sphinx. MyST writes the title as ``# {title}`` and reads that as
Markdown, and pageorder names the page in the outline and in its warnings; the two
readings must be one. A title of spaces gave an empty heading in every edition (the PDF
lost PDF/UA: "heading title is empty"), a list or a mapping was shown as Python writes it
(``['a', 'b']``), both while the warning said the page was titled after its file; a line
break (``"Parks\\nand trails"``) ended the heading there and made the rest a paragraph; a
title ending in `` #`` lost the ``#`` (ATX headings' closing sequence).
"""

from __future__ import annotations

import re
from typing import Any

from . import charrefs

_LINE_BREAK = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""What ends a line in Markdown or in Python's ``splitlines`` (which MyST's parser uses)."""
_SPACES = re.compile(r"\s+")
_CLOSING_HASH = re.compile(r"(^|[ \t])(#+)([ \t]*)$")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters XML forbids. YAML refuses them as they are, not written as escapes
(``title: "Bell \\a"``): such a title made the ePub no XML (EPUBCheck RSC-016, fatal), and
markdown-it showed a NUL as U+FFFD. They are left out (pageorder says so)."""


_COMMENT = re.compile(r"<!--.*?-->", re.S)
"""An HTML comment, which MyST reads in a heading as raw HTML that no edition shows."""


def is_shown(value: Any) -> bool:
    """The title is text a heading can show: a string with words, or a number (``title:
    2024``, as Jekyll prints it). Anything else leaves the page to be titled another way.
    A title that is only an HTML comment (``title: "<!-- draft -->"``) has no words: it gave
    an empty heading, ``<title>`` and link everywhere (EPUBCheck RSC-005, axe link-name)."""
    if isinstance(value, str):
        return bool(_COMMENT.sub("", value).strip())
    return isinstance(value, (int, float))


def without_comments(text: str) -> str:
    """``text`` without its HTML comments, shown as a browser shows it: ``Fees <!-- draft
    --> 2024`` is "Fees 2024" (the spaces either side one), ``Fees<!-- x -->2024`` "Fees2024"."""
    if "<!--" not in text:
        return text
    parts = _COMMENT.split(text)
    out = parts[0]
    for part in parts[1:]:
        spaced = out[-1:].isspace() or part[:1].isspace()
        out = out.rstrip() + (" " if spaced and out.strip() else "") + (part.lstrip() if spaced else part)
    return out


def one_line(title: str) -> str:
    """``title`` with each line break (and the spaces around it) as one space, and without
    the characters XML forbids (:data:`NOT_XML`)."""
    return _SPACES.sub(_one_space, NOT_XML.sub("", title)).strip()


def _one_space(spaces: re.Match[str]) -> str:
    """A run of white space with a line break in it is one space; another stays as it is.

    One run at a time: ``\\s*<break>\\s*`` tried each space of a long run as its start, so a
    title of 30,000 spaces took 20 s, and a longer one held the build for hours."""
    return " " if _LINE_BREAK.search(spaces.group()) else spaces.group()


def as_markdown(value: Any) -> str | None:
    """What MyST should read as the page's heading (``# …``); ``None`` for a title it must
    not write (:func:`is_shown`: the page is then titled after its first heading or file)."""
    if not is_shown(value):
        return None
    if not isinstance(value, str):
        return str(value)
    title = charrefs.as_markdown(one_line(without_comments(value)))
    return _CLOSING_HASH.sub(lambda m: f"{m.group(1)}{m.group(2)[:-1]}\\#{m.group(3)}", title)


def atx_text(rest: str) -> str:
    """The words of an ATX heading (what follows ``#`` and its spaces), without its closing
    ``#``s (CommonMark: ``# Title ##``), as ``(.*?)(?:[ \\t]+#+)?[ \\t]*$`` read them. That
    pattern tried every place in a run of spaces: a heading line of 8,000 spaces took 10 s."""
    text = rest.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):
        return bare.rstrip(" \t")
    return text


_HTML_OPENER = re.compile(r"<!--|<(script|style|h([1-6]))\b[^<>]{0,2000}>", re.I)
_HTML_TAG = re.compile(r"<[^<>]{0,2000}>")


def html_title(body: str) -> tuple[str, int, int] | None:
    """The words of a page written in HTML whose first heading is an ``<h1>`` (the Austin
    Convention Center's ``<div class="usa-grid"><h1>Facilities</h1></div>``: the old site
    showed no other title), with where that element starts and ends in ``body``; None when
    its first heading is another, or has no words, or Liquid writes them.

    Each step moves past what it read (a comment, a script, a heading), so a body of
    openers never closed is read once."""
    lower = body.lower()
    at = 0
    while (found := _HTML_OPENER.search(body, at)) is not None:
        if found.group() == "<!--":
            end = body.find("-->", found.end())
            if end < 0:
                return None
            at = end + 3
            continue
        name = found.group(1).lower()
        close = lower.find(f"</{name}", found.end())
        if close < 0 or name != "h1":
            if close < 0 or found.group(2):
                return None
            at = close
            continue
        end = body.find(">", close)
        words = one_line(charrefs.decoded(_HTML_TAG.sub(" ", body[found.end():close])))
        if end < 0 or not words or "{{" in words or "{%" in words:
            return None
        return words, found.start(), end + 1
    return None


_OPENS_EMBEDDING = {"\u202a", "\u202b", "\u202d", "\u202e"}  # LRE, RLE, LRO, RLO
_OPENS_ISOLATE = {"\u2066", "\u2067", "\u2068"}  # LRI, RLI, FSI
_POP_EMBEDDING, _POP_ISOLATE = "\u202c", "\u2069"


def bidi_closers(text: str) -> str:
    """The bidirectional controls that close what ``text`` leaves open (Unicode's rules).

    A title is written inside other text: the browser's tab ("<title> - <publication>"),
    the sidebar, "Next:" links, the ePub's contents, the PDF's running heads. A right-to-left
    override left open in it (U+202E) turned what follows around: "Report\u202e" showed the
    publication's name backwards after it. Closed where the title ends, it turns only the
    title's own words, as its author wrote them."""
    if not any(character in _OPENS_EMBEDDING or character in _OPENS_ISOLATE for character in text):
        return ""
    stack: list[str] = []
    for character in text:
        if character in _OPENS_EMBEDDING:
            stack.append(_POP_EMBEDDING)
        elif character in _OPENS_ISOLATE:
            stack.append(_POP_ISOLATE)
        elif character == _POP_EMBEDDING and stack and stack[-1] == _POP_EMBEDDING:
            stack.pop()
        elif character == _POP_ISOLATE and _POP_ISOLATE in stack:
            while stack.pop() != _POP_ISOLATE:
                pass
    return "".join(reversed(stack))
