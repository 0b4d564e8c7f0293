"""A table row with more cells than its table has columns: the extra cells kept in its last.

Plain Python with no Sphinx import. kramdown showed every cell of a row; the tables MyST
reads (CommonMark's, with GitHub's table rule) show as many cells as the header row has
and drop the rest without a word. In generated reference pages a ``|`` is often part of a
cell's text (the VA's VistA RPC pages: MUMPS code such as ``$P(ORKA(1),"|",2)`` in a
``Code`` cell), so every word after it vanished. Each separator past the last column
becomes ``\\|``: the words stay, in the row's last cell, with the ``|`` shown as written.
The rows are split as markdown-it splits them (an unescaped ``|``, the row's outer pipes
no separators), line for line: no line is added or removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pagesource.fences import markdown_lines

_DELIMITER_CELL = re.compile(r":?-+:?")
_DELIMITER_CHARS = frozenset("|-: \t")
_ENDS_TABLE = re.compile(r" {0,3}(?:[>#]|```|~~~|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$)")
"""A line that starts another block (a quote, heading, fence or rule) and so ends a table."""


@dataclass(frozen=True)
class WideRow:
    """A row whose extra cells were kept: its 0-based line, its cells, its table's columns."""

    line: int
    cells: int
    columns: int


def keep_extra_cells(text: str) -> tuple[str, list[WideRow]]:
    """``text`` with each table row's separators past its table's last column escaped,
    and the rows that had them."""
    if "|" not in text or "-" not in text:
        return text, []
    lines = text.split("\n")
    prose = set(markdown_lines(lines))  # a table in ```{note} too: MyST reads it
    wide: list[WideRow] = []
    i = 0
    while i + 1 < len(lines):
        columns = _columns(lines[i], lines[i + 1]) if i in prose and i + 1 in prose else 0
        if not columns:
            i += 1
            continue
        j = i + 2
        while j < len(lines) and j in prose and lines[j].strip() and not _ENDS_TABLE.match(lines[j]):
            separators = _separators(lines[j])
            if len(separators) + 1 > columns:
                row, cuts = lines[j], [0, *separators[columns - 1:], len(lines[j])]
                lines[j] = "\\".join(row[a:b] for a, b in zip(cuts, cuts[1:]))
                wide.append(WideRow(j, len(separators) + 1, columns))
            j += 1
        i = j
    return ("\n".join(lines), wide) if wide else (text, [])


_ROW = re.compile(r" {0,3}\|[^\n]*\|")
_JUNCTIONS = re.compile(r"[ \t]*\|[ \t:]*-[ \t:-]*(?:[+|][ \t:]*-[ \t:-]*)*[+|]?[ \t]*")
"""kramdown's header line with ``+`` where its columns meet (``|----+----|``). No dash can
be matched two ways (a first try took minutes on a line of `` -`` repeated)."""


def with_header_lines(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with a delimiter line under the first row of each table written without one,
    and the 0-based lines added.

    kramdown read a run of lines that start and end with ``|`` as a table, a separator line
    under its first row only making that row a header; Markdown reads a table only with a
    delimiter line (``|---|---|``) under its first row, so the rows were printed as lines of
    pipes in every edition (fortran-lang's compilers, Vizzuality's just-the-docs template:
    ``| Status | ongoing |``). The first row becomes the header; kramdown's ``|----+----|``
    under it is written in Markdown's form on its own line. A table here is two rows or
    more, of two cells or more, after a blank line (or at the top), outside code; a line
    of text right after it, which kramdown read as a paragraph and Markdown would read as
    one more row, gets a blank line before it.
    """
    if "|" not in text:
        return text, ()
    lines = text.split("\n")
    prose = set(markdown_lines(lines))
    out: list[str] = []
    added: list[int] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        starts = (i in prose and i + 1 in prose and (i == 0 or not lines[i - 1].strip())
                  and _ROW.match(line) and _ROW.match(lines[i + 1])
                  and not _columns(line, lines[i + 1]) and len(_separators(line)) > 0)
        if not starts:
            out.append(line)
            i += 1
            continue
        out.append(line)
        delimiter = line[:len(line) - len(line.lstrip())] + "|" + "---|" * (len(_separators(line)) + 1)
        i += 1
        if "+" in lines[i] and _JUNCTIONS.fullmatch(lines[i]):
            i += 1  # kramdown's own header line, written as Markdown's
        else:
            added.append(len(out))
        out.append(delimiter)
        while i < len(lines) and i in prose and _ROW.match(lines[i]):
            out.append(lines[i])
            i += 1
        if i < len(lines) and i in prose and lines[i].strip():
            added.append(len(out))
            out.append("")
    return ("\n".join(out), tuple(added)) if out != lines else (text, ())


def _columns(header: str, delimiter: str) -> int:
    """The columns of the table these two lines start (markdown-it's rule), else 0."""
    aligns = _delimiter_cells(header, delimiter)
    return len(aligns) if aligns and len(_separators(header)) + 1 == len(aligns) else 0


def _delimiter_cells(header: str, delimiter: str) -> list[str] | None:
    """The cells (``---``, ``:-:``) of a delimiter line under a row with a pipe, whatever
    their number, else None."""
    bare = delimiter.strip()
    if "|" not in header or len(delimiter) - len(delimiter.lstrip(" ")) > 3 or len(bare) < 2 \
            or bare[0] not in "|-:" or not _DELIMITER_CHARS.issuperset(bare) \
            or (bare[0] == "-" and bare[1] in " \t") or len(header) - len(header.lstrip(" ")) > 3:
        return None
    cells = bare.split("|")
    aligns = []
    for n, cell in enumerate(cells):
        cell = cell.strip()
        if not cell:
            if n in (0, len(cells) - 1):
                continue
            return None
        if not _DELIMITER_CELL.fullmatch(cell):
            return None
        aligns.append(cell)
    return aligns


def delimiters_fitted(text: str) -> str:
    """``text`` with each table's delimiter line given as many cells as its header row.

    kramdown drew a table whatever the cells of its separator line; Markdown reads a table
    only when they match the header's, else the lines as a paragraph of pipes (18F's Before
    You Ship: ``Service | Dependency analysis | Code analysis`` over ``--- | --- | --- | ---``,
    its dashes then set as em dashes). Line for line; outside code.
    """
    if "|" not in text or "-" not in text:
        return text
    lines = text.split("\n")
    prose = set(markdown_lines(lines))
    changed = False
    for i in range(len(lines) - 1):
        if i not in prose or i + 1 not in prose or (i and lines[i - 1].strip() and _ROW_LIKE.match(lines[i - 1])):
            continue
        aligns = _delimiter_cells(lines[i], lines[i + 1]) if "|" in lines[i + 1] else None
        columns = len(_separators(lines[i])) + 1  # a bare "---" is a heading's underline
        if not aligns or len(aligns) == columns or columns < 2:
            continue
        fitted = (aligns + ["---"] * columns)[:columns]
        indent = lines[i + 1][:len(lines[i + 1]) - len(lines[i + 1].lstrip())]
        lines[i + 1] = indent + "| " + " | ".join(fitted) + " |"
        changed = True
    return "\n".join(lines) if changed else text


def indented_rows_kept(text: str) -> str:
    """``text`` with a table's rows indented four spaces or more brought to the margin.

    kramdown read any line with a pipe after a table's first two as one of its rows, however
    indented (plainlanguage.gov's ``               |``, an empty row under a header); Markdown
    ends the table there and reads the line as code, so a ``|`` stood in a code block under
    it in every edition. Line for line; outside code.
    """
    if "|" not in text or "-" not in text:
        return text
    lines = text.split("\n")
    prose = set(markdown_lines(lines))
    changed = False
    i = 0
    while i < len(lines) - 1:
        if i not in prose or i + 1 not in prose or _delimiter_cells(lines[i], lines[i + 1]) is None:
            i += 1
            continue
        j = i + 2
        while j < len(lines) and lines[j].strip() and "|" in lines[j] and not _ENDS_TABLE.match(lines[j]):
            if len(lines[j]) - len(lines[j].lstrip(" ")) > 3:
                lines[j] = lines[j].lstrip(" ")
                changed = True
            j += 1
        i = j
    return "\n".join(lines) if changed else text


_ROW_LIKE = re.compile(r".*\|")


def _separators(row: str) -> list[int]:
    """The positions in ``row`` of the pipes that separate its cells: unescaped (markdown-it
    takes any ``|`` after a backslash as text), the row's first and last pipe only a border."""
    start = len(row) - len(row.lstrip())
    end = len(row.rstrip())
    pipes = [at for at in range(start, end) if row[at] == "|" and (at == 0 or row[at - 1] != "\\")]
    if pipes and pipes[0] == start:
        pipes.pop(0)
    if pipes and pipes[-1] == end - 1:
        pipes.pop()
    return pipes
