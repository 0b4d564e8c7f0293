"""Notion's callouts: an ``<aside>`` that holds Markdown, read as Markdown in a box.

Plain Python with no Sphinx import. Notion's Markdown export writes a callout as
``<aside>``, its icon and words as Markdown (``⚠️ **Decision needed** … [the RFP](https://…)``),
a blank line and ``</aside>``. CommonMark reads the start tag and the lines after it, up to the
blank line, as one HTML block: the bold and the link were shown as typed, asterisks,
brackets and address, without a warning.

The start and end tags, each alone on its line, become the fence of a MyST ``container``
(as :mod:`jekyll_compat.notices` does for a notice ``<div>``), so the words inside are read
as Markdown; the glue makes it a box. Every line keeps its number. An ``<aside>`` with
attributes, or whose lines are all HTML or Liquid (an old site's sidebar), is left as it is.
"""

from __future__ import annotations

import re

from pagesource.fences import closing_lines, container_fence, outside_fences

_OPEN = re.compile(r"^ {0,3}<aside\s*>[ \t]*$", re.I)
_CLOSE = re.compile(r"^[ \t]*</aside\s*>[ \t]*$", re.I)
_TAG = re.compile(r"<(/?)aside\b[^<>]*?(/?)>", re.I)
_NOT_MARKDOWN = re.compile(r"^[ \t]*(?:<|\{[%{]|$)")
"""A line of HTML, of Liquid, or blank."""


def boxes(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with each Notion callout as a MyST container, and each container's first
    line (1-based)."""
    if "<aside" not in text and "<ASIDE" not in text:
        return text, ()
    lines = text.split("\n")
    prose = list(outside_fences(lines))
    closing = closing_lines(lines, prose, _TAG)
    found = []
    for start in prose:
        end = closing.get(start)
        if end is None or not _OPEN.match(lines[start]) or not _CLOSE.match(lines[end]):
            continue
        inside = lines[start + 1:end]
        if all(_NOT_MARKDOWN.match(line) for line in inside):
            continue
        fence = container_fence(inside)
        lines[start], lines[end] = fence + "{container}", fence
        found.append(start + 1)
    return "\n".join(lines), tuple(found)
