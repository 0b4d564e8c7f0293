"""Inline rules of the Markdown reader whose time grew with the square of a paragraph.

mdit-py-plugins' footnote reference rule looks for the ``]`` that ends ``[^label`` one
character at a time, from every ``[^``, to the end of the paragraph when no space comes
first: a hostile page of 40 KB of ``[^`` held a build for minutes (a megabyte, for days).
Here the first space, line end or ``]`` after a position is found once and remembered for
the paragraph, so the rule only runs where it can match, as it would have decided itself.

MyST's heading anchors (``unique_slug``) counted each repeated heading's suffix up from
``-1``: a page of 15,000 headings ``## Notes`` took 40 s, 30,000 four minutes.
:func:`linear_heading_slugs` counts on from where the heading's last repeat stopped.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from myst_parser.mdit_to_docutils import base as myst_base

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


def guard_rule(parser: MarkdownIt, ruler: Any, name: str, guard: Any) -> MarkdownIt:
    """Put ``guard(rule)`` in place of ``ruler``'s rule ``name``, once (if the parser has it)."""
    index = ruler.__find__(name)  # markdown-it's only way to read a rule back
    if index < 0:
        return parser
    rule = ruler.__rules__[index]
    if getattr(rule.fn, "guarded", False):
        return parser
    guarded = guard(rule.fn)
    guarded.guarded = True
    ruler.at(name, guarded, {"alt": list(rule.alt)})
    return parser


def linear_footnote_refs(parser: MarkdownIt) -> MarkdownIt:
    """Put a guard before the footnote reference rule (if the parser has one)."""
    return guard_rule(parser, parser.inline.ruler, "footnote_ref", _footnote_guard)


def _footnote_guard(footnote_ref: Any) -> Any:
    def guarded(state: Any, silent: bool) -> bool:
        start = state.pos
        if state.src.startswith("[^", start) and start + 3 <= state.posMax:
            stop = _first_stop(state, start + 2)
            if stop >= state.posMax or state.src[stop] != "]":
                return False  # the rule's own scan ends the same way, after many steps
        return footnote_ref(state, silent)

    return guarded


_COUNTED: list[tuple[object, dict[str, int]]] = []
"""For the last few pages' slug tables (held, compared by identity): per slug, the first
suffix not yet known to be taken. A table only grows while its page is read, so every
suffix below the remembered one is still taken."""


def _unique_slug(slug: str, existing: Any) -> str:
    """MyST's ``unique_slug`` (``slug``, else ``slug-1``, ``slug-2`` … the first one not in
    ``existing``), counting on from the last repeat's suffix instead of from 1."""
    if slug not in existing:
        return slug
    counted = next((known for table, known in _COUNTED if table is existing), None)
    if counted is None:
        counted = {}
        _COUNTED.insert(0, (existing, counted))
        del _COUNTED[4:]
    index = counted.get(slug, 1)
    while f"{slug}-{index}" in existing:
        index += 1
    counted[slug] = index
    return f"{slug}-{index}"


def linear_heading_slugs() -> None:
    """Put :func:`_unique_slug` where MyST's renderer looks ``unique_slug`` up."""
    myst_base.unique_slug = _unique_slug
