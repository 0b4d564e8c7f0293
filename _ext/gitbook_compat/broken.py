"""The links GitBook's export marked broken, as their words, each said at its line.

Plain Python with no Sphinx import; every line keeps its number. When a page a link led to
is moved or deleted in GitBook, its export writes the link's address as
``broken-reference`` or ``/broken/pages/<page id>`` (atd-data-tech's wiki has both). No
edition can follow them; the link's words stay, and the warning says what GitBook meant,
so staff look for the page, not for a file named ``broken-reference``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pagesource.fences import markdown_lines, outside_code

_BROKEN = re.compile(r"(?<!!)\[(?P<words>[^\[\]\n]*)\]\(\s*<?(?P<target>broken-reference|/broken/pages/[\w-]*)>?"
                     r"(?:\s+\"[^\"\n]*\")?\s*\)")
"""A link whose words hold no bracket, to one of GitBook's marks, with an optional title."""


@dataclass(frozen=True)
class BrokenLink:
    line: int  # from 1
    words: str
    target: str


def unlink(text: str) -> tuple[str, list[BrokenLink]]:
    """``text`` with each link GitBook marked broken as its words (outside code), and those
    links, line by line."""
    if "broken" not in text:
        return text, []
    lines = text.split("\n")
    found: list[BrokenLink] = []
    for i in markdown_lines(lines):
        if "broken" not in lines[i]:
            continue

        def words(match: re.Match[str], line: int = i) -> str:
            found.append(BrokenLink(line + 1, match.group("words"), match.group("target")))
            return match.group("words")

        lines[i] = outside_code(lines[i], lambda part: _BROKEN.sub(words, part))
    return "\n".join(lines), found
