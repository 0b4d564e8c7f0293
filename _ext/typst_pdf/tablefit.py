"""The longest word of each column of a table, for the PDF to fit the table to its page.

Typst gives a table's columns the page's width and breaks a cell's text only between words,
so a table of many columns (a city's data table: 14 columns of names and dates) ran each
column's longest word into the next column and the last one off the paper. ``fit-table`` in
``book.typ`` measures these words in the book's fonts and prints a table that cannot hold
them side by side at a smaller size. Plain Python: the translator hands in each cell's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import escape

PLAIN, STRONG, CODE = "plain", "strong", "code"
"""How a word is printed, which changes its width: body text, bold (a header cell), code."""

_BETWEEN_WORDS = re.compile(r"[\s\u200b]+|(?<=[-\u2010\u2013\u2014/])")
"""Where Typst may break a cell's line: white space, the breaks :func:`escape.breakable` puts
into a long word, and after a hyphen, a dash or a slash (generous: a word thought shorter
than it prints only lets the table stay a little larger)."""


@dataclass
class Cell:
    """One cell: the columns and rows it spans, and its longest word in each style."""

    columns: int = 1
    rows: int = 1
    words: dict[str, str] = field(default_factory=dict)

    def add(self, text: str, style: str) -> None:
        for word in _BETWEEN_WORDS.split(escape.breakable(text)):
            for piece in _pieces(word):
                if len(piece) > len(self.words.get(style, "")):
                    self.words[style] = piece


def _pieces(word: str) -> list[str]:
    """``word``, or a long one Typst breaks itself (Chinese, Thai) in pieces as long as
    :func:`escape.breakable` makes a Latin one's: measured whole, a Chinese paragraph would
    shrink its table to fit it on one line."""
    if len(word) <= escape.LONG_WORD or not escape.breaks_natively(word):
        return [word]
    return [word[i:i + escape.BREAK_EVERY] for i in range(0, len(word), escape.BREAK_EVERY)]


def column_words(rows: list[list[Cell]], columns: int) -> list[dict[str, str]]:
    """Each column's longest word in each style. A cell spanning several columns is left out
    (its words may lie across them); a cell spanning rows keeps its column in the rows below."""
    longest: list[dict[str, str]] = [{} for _ in range(columns)]
    covered = [0] * columns  # rows a cell above still covers in each column
    for row in rows:
        column = 0
        for cell in row:
            while column < columns and covered[column]:
                column += 1
            if column >= columns:
                break
            if cell.columns == 1:
                for style, word in cell.words.items():
                    if len(word) > len(longest[column].get(style, "")):
                        longest[column][style] = word
            for spanned in range(column, min(column + max(cell.columns, 1), columns)):
                covered[spanned] = max(cell.rows, 1)
            column += max(cell.columns, 1)
        covered = [max(rows_left - 1, 0) for rows_left in covered]
    return longest


def typst_words(longest: list[dict[str, str]]) -> str:
    """The words as a Typst array of arrays of content, a column each, for ``fit-table``."""
    printed = {PLAIN: "{}", STRONG: "strong({})", CODE: "raw({})"}
    return "(" + "".join(
        "(" + "".join(printed[style].format(escape.string(word)) + ", "
                      for style, word in sorted(words.items())) + "), "
        for words in longest) + ")"
