"""Lists pasted from a word processor (no Sphinx): Word's and Google Docs' bullets.

Pasted as text, a bulleted list keeps its marks as characters, ``• Pools`` or ``– Pools``,
which Markdown does not read as a list: the items ran together into one line of a
paragraph ("• Pools • Libraries") in every edition. Each such line is read as a list
item, its mark a ``-`` (as long as it: the line keeps its length and its line number), and
the first is said. An en or em dash marks an item only beside another such line, so a lone
"– Jane Smith" under a quote stays as written.
"""

from __future__ import annotations

import re

from pagesource.fences import markdown_lines

from .problems import Kind, Problem

_BULLETS = "\u2022\u25e6\u25aa\u25cf\u2023\u00b7\u25a0\u25a1\u25cb\u27a2\u25ba\u2043"
_DASHES = "\u2013\u2014"
_ITEM = re.compile(rf"^(?P<indent>[ \t]*)(?P<mark>[{_BULLETS}{_DASHES}])[ \t\u00a0]+(?=\S)")


def rewrite(text: str, body_start: int = 0) -> tuple[str, tuple[Problem, ...]]:
    """``text`` with each pasted bullet line a Markdown list item; the first said."""
    if not any(mark in text for mark in _BULLETS + _DASHES):
        return text, ()
    lines = text.split("\n")
    prose = set(i for i in markdown_lines(lines) if i >= body_start)
    items = {i: match for i in prose if (match := _ITEM.match(lines[i]))}
    first = None
    for i, match in sorted(items.items()):
        if match.group("mark") in _DASHES and not (
                (i - 1) in items or (i + 1) in items):
            continue
        lines[i] = (match.group("indent") + "-" + " " * (match.end() - match.end("mark"))
                    + lines[i][match.end():])
        first = first if first is not None else (i, match.group("mark"))
    if first is None:
        return text, ()
    line, mark = first
    return "\n".join(lines), (Problem(line + 1, Kind.WORD_BULLETS, (
        f"the list marks '{mark}' were pasted from a word processor; Markdown does not read "
        "them as a list, so its items ran together into one line: they are read as a list "
        "here; write `- ` at the start of each item instead")),)
