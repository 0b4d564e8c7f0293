"""Inline rules of the Markdown reader whose time grew with the square of a paragraph.

mdit-py-plugins' footnote reference rule looks for the ``]`` that ends ``[^label`` one
character at a time, from every ``[^``, to the end of the paragraph when no space comes
first: a hostile page of 40 KB of ``[^`` held a build for minutes (a megabyte, for days).
Here the first space, line end or ``]`` after a position is found once and remembered for
the paragraph, so the rule only runs where it can match, as it would have decided itself.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

_STOP = re.compile(r"[ \n\]]")


def _first_stop(state: Any, position: int) -> int:
    """Where the first space, line end or ``]`` at or after ``position`` is (``len(src)``
    if none), remembered on the paragraph's state: no stop lies between a remembered start
    and its stop, so every start in between has the same answer."""
    known = getattr(state, "_footnote_stop", None)
    if known is not None and known[0] <= position <= known[1]:
        return known[1]
    found = _STOP.search(state.src, position)
    stop = found.start() if found else len(state.src)
    state._footnote_stop = (position, stop)
    return stop


def linear_footnote_refs(parser: MarkdownIt) -> MarkdownIt:
    """Put a guard before the footnote reference rule (if the parser has one)."""
    ruler = parser.inline.ruler
    index = ruler.__find__("footnote_ref")  # markdown-it's only way to read a rule back
    if index < 0:
        return parser
    rule = ruler.__rules__[index]
    footnote_ref = rule.fn
    if getattr(footnote_ref, "guarded", False):
        return parser

    def guarded(state: Any, silent: bool) -> bool:
        start = state.pos
        if state.src.startswith("[^", start) and start + 3 <= state.posMax:
            stop = _first_stop(state, start + 2)
            if stop >= state.posMax or state.src[stop] != "]":
                return False  # the rule's own scan ends the same way, after many steps
        return footnote_ref(state, silent)

    guarded.guarded = True  # type: ignore[attr-defined]
    ruler.at("footnote_ref", guarded, {"alt": list(rule.alt)})
    return parser
