"""Each picture inside a paragraph at its own line.

Plain Python, no Sphinx. The parser gives lines to blocks only: a picture inside a paragraph
had none, and every warning about it named the paragraph's first line (three badges on lines
3, 4 and 5 of a README were each said at line 3). The picture's token is given the line it
is on, counted from its paragraph's (or table cell's) first line by the line breaks before
it (MyST gives an inline token its block's ``map``, so the line goes in ``meta``); the
renderer sets the image node's line from it.
"""

from __future__ import annotations

from typing import Any

_BREAKS = ("softbreak", "hardbreak")
LINE = "picture_line"
"""An ``image`` token's ``meta`` key: the 0-based line of the text it is on."""


def pictures_at_their_lines(tokens: list[Any]) -> None:
    """Give each ``image`` token inside an inline block the 0-based line it is on, as
    ``meta[LINE]`` (``tokens`` changed in place)."""
    for token in tokens:
        children = token.children
        if token.type != "inline" or not token.map or not children \
                or not any(child.type == "image" for child in children):
            continue
        line = token.map[0]
        for child in children:
            if child.type == "image":
                child.meta[LINE] = line
                line += sum(1 for part in child.children or () if part.type in _BREAKS)
            elif child.type in _BREAKS:
                line += 1
            elif child.type in ("text", "html_inline"):
                line += child.content.count("\n")
