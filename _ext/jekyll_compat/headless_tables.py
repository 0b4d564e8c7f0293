"""kramdown's tables without a header line: rows of ``| a | b |`` and no ``|---|`` under the first.

Plain Python. kramdown read a run of lines starting with ``|`` as a table; a separator
line under its first row only made that row a header. CommonMark needs the line, so such
a table (Vizzuality's just-the-docs initiative template: ``| Status | 🟢 ongoing |``) was
published as its rows of pipes, in every edition and without a word. A delimiter line is
put in under the first row, which heads the table (kramdown's ``|----+----|`` under it is
written as Markdown's); the lines added are returned so that every later line is still
named by its line in the file.
"""

from __future__ import annotations

import re

from pagesource.fences import outside_fences

from .tablecells import _separators

_ROW = re.compile(r" {0,3}\|[^\n]*\|")
_DELIMITER = re.compile(r"[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?")
_JUNCTIONS = re.compile(r"[ \t]*\|[ \t:]*-[ \t:-]*(?:[+|][ \t:]*-[ \t:-]*)*[+|]?[ \t]*")
"""kramdown's header line with ``+`` where its columns meet (``|----+----|``)."""


def with_header_lines(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with a delimiter line under the first row of each table that has none,
    and the 0-based lines added (in the new text). A table here is two or more rows that
    start with ``|`` (up to three spaces before it), at the start of the text or after a
    blank line, outside code, whose first row has two cells or more."""
    if "|" not in text:
        return text, ()
    lines = text.split("\n")
    prose = set(outside_fences(lines))
    out: list[str] = []
    added: list[int] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if (i in prose and i + 1 in prose and (i == 0 or not lines[i - 1].strip())
                and _ROW.match(line) and _ROW.match(lines[i + 1])
                and not _DELIMITER.fullmatch(lines[i + 1]) and (columns := len(_separators(line)) + 1) > 1):
            indent = line[:len(line) - len(line.lstrip())]
            out.append(line)
            if "+" in lines[i + 1] and _JUNCTIONS.fullmatch(lines[i + 1]):
                i += 1  # the header's own line, in the form Markdown reads
            else:
                added.append(len(out))
            out.append(indent + "|" + "---|" * columns)
            i += 1
            while i < len(lines) and i in prose and _ROW.match(lines[i]):
                out.append(lines[i])
                i += 1
            continue
        out.append(line)
        i += 1
    return ("\n".join(out), tuple(added)) if len(out) != len(lines) or out != lines else (text, ())
