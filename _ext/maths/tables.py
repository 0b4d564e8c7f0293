"""Cells of a Markdown table that the reader leaves out, and header cells left empty,
found so they can be said.

Plain Python, no Sphinx. GitHub's table rule, which MyST's reader follows, shows as many
cells in a row as its header has and drops the rest: a column added to the rows and
not to the header (``| Parks | 311 | Mon–Fri |`` under ``| Name | Phone |``) vanished
from every edition without a word (kramdown, on the old Jekyll site, showed it).

A header cell left empty (``| Name | |``, minimal-mistakes' upgrade table) is an empty
``<th>`` in the site and the ePub and an empty TH in the PDF: a screen reader names each
cell of its column by nothing, and DAISY Ace fails the book (``empty-table-header``).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it.rules_block.table import escapedSplit

_MARKERS = re.compile(r"[ \t>]*")
"""What stands before a table's row inside a quote or a list: not part of its cells."""


def cells_left_out(tokens: list[Any], text: str) -> list[tuple[int, int, int, str]]:
    """``(line, cells, header cells, the words left out)`` for each row with more cells than
    its header; lines 1-based, as the parser read ``text``."""
    lines = text.split("\n")
    found: list[tuple[int, int, int, str]] = []
    header, in_head = 0, False
    for token in tokens:
        kind = token.type
        if kind == "thead_open":
            header, in_head = 0, True
        elif kind == "thead_close":
            in_head = False
        elif kind == "th_open" and in_head:
            header += 1
        elif kind == "tr_open" and not in_head and token.map and token.map[0] < len(lines):
            row = lines[token.map[0]]
            row = row[_MARKERS.match(row).end():].strip()
            columns = escapedSplit(row)
            if columns and columns[0].strip() == "":
                columns.pop(0)
            if columns and columns[-1].strip() == "":
                columns.pop()
            if header and len(columns) > header:
                words = " | ".join(c.strip() for c in columns[header:] if c.strip())
                found.append((token.map[0] + 1, len(columns), header, words))
    return found


def empty_headers(tokens: list[Any]) -> list[tuple[int, list[int], list[str]]]:
    """``(line, empty columns, header words)`` for each table whose header has empty cells;
    the table's line 1-based, its columns counted from 1, every header cell's words."""
    found: list[tuple[int, list[int], list[str]]] = []
    line, words, in_head = 0, [], False
    for token in tokens:
        kind = token.type
        if kind == "table_open":
            line, words = (token.map[0] + 1 if token.map else 0), []
        elif kind == "thead_open":
            in_head = True
        elif kind == "inline" and in_head:
            words.append(token.content.strip())
        elif kind == "thead_close":
            in_head = False
            if empty := [column for column, said in enumerate(words, 1) if not said]:
                found.append((line, empty, words))
    return found


def without_blank_header_rows(document: Any) -> None:
    """Leave out each table header that holds no words and nothing else (``|||`` over
    ``|-|-|``: GitHub's way to draw a table without a header): its empty ``<th>`` cells
    named every cell below by nothing. The table is its rows. A header with one word keeps
    its row (its empty cells are said)."""
    from docutils import nodes

    for thead in list(document.findall(nodes.thead)):
        entries = list(thead.findall(nodes.entry))
        if entries and all(not entry.astext().strip() and not any(
                isinstance(node, nodes.Element) and not isinstance(node, (nodes.entry, nodes.paragraph))
                for node in entry.findall(include_self=False)) for entry in entries):
            thead.parent.remove(thead)
