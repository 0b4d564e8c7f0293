"""pandoc's simple and multiline tables as Markdown tables (``| a | b |``), line for line.

Plain Python with no Sphinx import. ``pandoc -t markdown`` writes a Word table with short
cells as a simple table (columns under a ``------- ------`` line) and one with longer cells
as a multiline table (between two full ``-----`` lines, rows apart by blank lines): MyST
showed their words as paragraphs with a rule, a table no more. Each becomes a pipe table
where it stands, its rows first and the lines it no longer needs left blank after it; the
columns are where pandoc's dashes put them, a cell's lines joined. A ``: caption`` line after
one is shown as its words. Grid tables (``+----+``, cells holding lists) stay
``loose_links.exported``'s to say.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_ROWS = 2000


def _runs(line: str) -> list[tuple[int, int]] | None:
    """The dash runs of a column line (``  ------ ----``), or None for any other line."""
    if "-" not in line or line.strip(" \t-") or "\t" in line:
        return None
    runs, at = [], 0
    while (start := line.find("-", at)) >= 0:
        end = start
        while end < len(line) and line[end] == "-":
            end += 1
        runs.append((start, end))
        at = end
    return runs


def _columns(line: str) -> list[tuple[int, int]] | None:
    """Two columns or more, each two dashes or more."""
    runs = _runs(line)
    return runs if runs and len(runs) >= 2 and all(end - start >= 2 for start, end in runs) else None


def _full(line: str) -> bool:
    runs = _runs(line)
    return bool(runs) and len(runs) == 1 and runs[0][1] - runs[0][0] >= 3 and line.startswith(("-", " -", "  -"))


def _cells(lines: Sequence[str], columns: list[tuple[int, int]]) -> list[str]:
    """Each column's words over ``lines`` (a row), joined by spaces."""
    bounds = [0, *(end for _, end in columns[:-1]), None]
    cells = []
    for at in range(len(columns)):
        parts = (line[bounds[at]:bounds[at + 1]].strip() for line in lines)
        cells.append(" ".join(part for part in parts if part).replace("|", "\\|"))
    return cells


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _rule(count: int) -> str:
    return "|" + "|".join(["---"] * count) + "|"


def _caption(lines: list[str], after: int) -> None:
    """``  : Caption`` (or ``Table: Caption``) after a blank line: its words alone."""
    if after + 1 < len(lines) and not lines[after].strip():
        caption = lines[after + 1].strip()
        for mark in (": ", "Table: "):
            if caption.startswith(mark) and caption[len(mark):].strip():
                lines[after + 1] = caption[len(mark):].strip()


def rewrite(lines: list[str], prose: Sequence[int]) -> None:
    """Each simple or multiline table of ``lines`` (among the Markdown lines ``prose``) as a
    pipe table, in place; the number of lines kept."""
    markdown = set(prose)
    i, last = 0, len(lines)
    while i < last:
        if i not in markdown or (i and lines[i - 1].strip()):
            i += 1
            continue
        end = _multiline(lines, i, markdown) or _simple(lines, i, markdown)
        i = end if end else i + 1


def _simple(lines: list[str], top: int, markdown: set[int]) -> int | None:
    """A header line over a column line, rows of one line each until a blank line."""
    if top + 1 >= len(lines) or not lines[top].strip() or lines[top].startswith("\t"):
        return None
    columns = _columns(lines[top + 1])
    if columns is None or top + 1 not in markdown:
        return None
    end = top + 2
    while end < len(lines) and end in markdown and lines[end].strip() and end - top < MAX_ROWS:
        end += 1
    rows = [row for row in range(top + 2, end) if _columns(lines[row]) is None]
    lines[top] = _row(_cells([lines[top]], columns))
    lines[top + 1] = _rule(len(columns))
    for at, row in enumerate(rows):
        lines[top + 2 + at] = _row(_cells([lines[row]], columns))
    for at in range(top + 2 + len(rows), end):
        lines[at] = ""  # a closing column line
    _caption(lines, end)
    return end


def _multiline(lines: list[str], top: int, markdown: set[int]) -> int | None:
    """A full dash line, header lines, a column line, rows apart by blank lines, a full dash
    line (or, without a header, a column line first)."""
    if top + 2 >= len(lines) or not _full(lines[top]):
        return None
    at = top + 1
    while at < len(lines) and at in markdown and lines[at].strip() and _columns(lines[at]) is None \
            and at - top < MAX_ROWS:
        at += 1
    if at >= len(lines) or at == top + 1 or _columns(lines[at]) is None:
        return None
    columns = _columns(lines[at])
    header = lines[top + 1:at]
    rows: list[list[str]] = [[]]
    end = at + 1
    while end < len(lines) and end in markdown and not _full(lines[end]) and end - top < MAX_ROWS:
        if lines[end].strip():
            rows[-1].append(lines[end])
        elif rows[-1]:
            rows.append([])
        end += 1
    if end >= len(lines) or not _full(lines[end]):
        return None
    rows = [row for row in rows if row]
    table = [_row(_cells(header, columns)), _rule(len(columns)),
             *(_row(_cells(row, columns)) for row in rows)]
    for offset in range(end + 1 - top):
        lines[top + offset] = table[offset] if offset < len(table) else ""
    _caption(lines, end + 1)
    return end + 1
