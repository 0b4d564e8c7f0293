"""Markdown GitBook's export wrote straight after an HTML element (``</table>### 3. Tasks``,
``</table>{% hint style="info" %}``, or ``</table>`` then ``### 3. Tasks`` on the next line)
read as Markdown, as GitBook showed it, line for line.

Plain Python with no Sphinx import. CommonMark reads every line up to the next blank one as
the element's HTML block, so the heading or the hint was published as its source, without a
warning. A blank line must end the element, and no line may be added: the element's last
lines are joined into one (HTML reads a line break between tags as a space) to free the line
above the Markdown, which keeps its number; when the element is too short for that, the blank
lines before it give the room. An element holding ``<pre>``, a comment or a script, whose
line breaks mean something, is left as it is, as is one without room: their Markdown's
lines are given back, to be said.
"""

from __future__ import annotations

import re

from .blocks import whole_tag

_MAY_OPEN = re.compile(r"^ {0,3}<[A-Za-z]", re.M)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BREAKS_MEAN = re.compile(r"<(?:pre|textarea|script|style)\b|<!--", re.IGNORECASE)
_CLOSES = frozenset({"endhint", "endtab", "endtabs", "endcontent-ref", "endembed", "endcode"})
"""GitBook's end tags, each a line of its own under an element: the box's closing fence (or
a blank line) it becomes ends the element where GitBook ended it (``<img …>`` then
``{% endhint %}``), so nothing is left inside it to say."""
_ENDS_AT_BLANK = (5, 6)
"""markdown-it's ``HTML_SEQUENCES`` indexes of CommonMark's HTML blocks 6 (``<table>``,
``<div>``…, the one kind that may start right under a paragraph's line) and 7: the blocks
that go on to the next blank line."""


def apart(text: str) -> tuple[str, list[int]]:
    """``text`` with a blank line between each top-level HTML element and the Markdown
    written right after it, every Markdown line at its number; and the lines (from 1) of
    Markdown left inside an element's block, shown as written, for the glue to say."""
    if not _MAY_OPEN.search(text):
        return text, []
    from markdown_it import MarkdownIt  # loaded with MyST already

    lines = text.split("\n")
    blocks = [token.map for token in MarkdownIt("commonmark").parse(text)
              if token.type == "html_block" and token.level == 0 and token.map]
    stuck = [line + 1 for start, end in blocks if (line := _make_room(lines, start, end)) is not None]
    return "\n".join(lines), stuck


def _make_room(lines: list[str], start: int, end: int) -> int | None:
    """The first element of one HTML block (lines ``start``..``end``) ended by a blank line
    before the Markdown that follows it in the block; the Markdown's line when there is no
    room for one, or the element's line breaks mean something."""
    if _kind(lines[start]) not in _ENDS_AT_BLANK:
        return None
    closed = _closed_at(lines, start, end)
    if closed is None:
        return None
    line, column = closed
    element = lines[start:line] + [lines[line][:column]]
    rest = lines[line][column:].lstrip(" \t")
    if not rest.strip():
        line += 1
        if (line >= end or _kind(lines[line]) is not None or _indent(lines[line]) >= 4
                or whole_tag(lines[line]) in _CLOSES):
            return None
        rest = lines[line]
    elif rest.startswith("<"):
        return None
    first = _first_slot(lines, start, line, _kind(lines[start]) == _ENDS_AT_BLANK[0])
    if first is None or any(_BREAKS_MEAN.search(part) for part in element):
        return line
    slots = line - 1 - first
    joined = element[:slots - 1] + [" ".join([element[slots - 1].rstrip()]
                                              + [part.strip() for part in element[slots:]])]
    lines[first:line - 1] = joined
    lines[line - 1] = ""
    lines[line] = rest
    return None


def _first_slot(lines: list[str], start: int, line: int, may_follow_text: bool) -> int | None:
    """The first line the element may take so that it ends two lines above ``line``: its own
    first line, or a blank one before it when it has too few lines; None without room."""
    first = start
    while line - 1 - first < 1:
        if first == 0 or lines[first - 1].strip() or not may_follow_text:
            return None
        first -= 1
    return first


def _closed_at(lines: list[str], start: int, end: int) -> tuple[int, int] | None:
    """``(line, column)`` just after the end tag that closes every element opened from line
    ``start`` on (a tag may run over lines: ``<td`` then ``style="…">``); None when the block
    does not start with a tag, or they stay open."""
    if not lines[start].lstrip().startswith("<"):
        return None
    block = "\n".join(lines[start:end])
    opened: list[str] = []
    for tag in _TAG.finditer(block):
        closing, name = tag.group(1), tag.group(2).lower()
        if not (name in _VOID or tag.group(3)):
            if not closing:
                opened.append(name)
                continue
            if not opened or opened[-1] != name:
                return None
            opened.pop()
        if not opened:
            line = block.count("\n", 0, tag.end())
            return start + line, tag.end() - (block.rfind("\n", 0, tag.end()) + 1)
    return None


def _kind(line: str) -> int | None:
    """Which of CommonMark's HTML blocks ``line`` starts (0-based), as markdown-it decides."""
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    text = line.lstrip(" \t")
    if not text.startswith("<"):
        return None
    return next((kind for kind, (opens, _, _) in enumerate(HTML_SEQUENCES) if opens.search(text)), None)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))
