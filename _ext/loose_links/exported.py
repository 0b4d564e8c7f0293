"""Markup of other Markdown dialects that MyST shows readers as typed, and what to write instead.

Plain Python with no Sphinx import. Word's and Google Docs' pandoc exports, HackMD and
Obsidian write syntax CommonMark does not know: ``{#executive-summary .unnumbered}`` after a
heading, ``{width="6.5in"}`` apart from its picture, ``CO~2~`` and ``12^th^``, grid tables
(``+----+`` lines), ``[TOC]``, ``[[Page]]`` on a page that is not Obsidian's, ``[!note]`` at the
start of a quote. Every word was published with the markup around it, without a warning.
:func:`found_in` finds them in a block's words as shown (never code); :func:`message` says
what to write.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

WARNING_TYPE = "markup"


class Kind(enum.Enum):
    """Each value is a warning subtype of ``markup``: syntax shown as typed."""

    ATTRIBUTES = "attributes"
    """pandoc's ``{#id .class key="value"}`` where MyST does not read it: after a heading's
    words, or apart from the ``[text]``, link or picture it was for."""

    SUB_SUPERSCRIPT = "sub-superscript"
    """pandoc's ``~subscript~`` or ``^superscript^``."""

    GRID_TABLE = "grid-table"
    """A pandoc or Emacs grid table, drawn with ``+----+`` lines: shown as one paragraph."""

    SIMPLE_TABLE = "simple-table"
    """A pandoc simple table, columns under a ``------- ------`` line: shown as paragraphs
    and a rule."""

    TOC = "toc-marker"
    """HackMD's or Typora's ``[TOC]``."""

    WIKILINK = "wikilink"
    """``[[Page]]`` on a page that is not read as Obsidian's."""

    MKDOCS_MARKS = "mkdocs-marks"
    """MkDocs' (pymdownx) ``==highlight==``, ``^^inserted^^`` and ``++ctrl+alt+del++`` keys."""

    CALLOUT = "callout"
    """``> [!note]`` (Obsidian's callout, GitHub's alert) on a page that is not read as
    Obsidian's."""


@dataclass(frozen=True)
class Found:
    kind: Kind
    start: int
    """Where in the words it starts (for its line)."""
    written: str


_ATTRIBUTE = r"(?:[#.][^\W\d][\w:.-]*|[A-Za-z][\w-]*=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s{}\"']+))"
_PATTERNS = (
    (Kind.ATTRIBUTES, re.compile(rf"\{{[ \t]*{_ATTRIBUTE}(?:[ \t]+{_ATTRIBUTE})*[ \t]*\}}")),
    (Kind.SUB_SUPERSCRIPT, re.compile(r"(?<![~\\])~(?![~\s])[^\s~]{1,40}(?<!\\)~(?!~)"
                                      r"|(?<![\^\\])\^(?![\^\s])[^\s^]{1,40}(?<!\\)\^(?!\^)")),
    (Kind.GRID_TABLE, re.compile(r"^[ \t]*\+(?:[-=:]{3,}\+)+[ \t]*$", re.M)),
    (Kind.TOC, re.compile(r"^[ \t]*\[TOC\][ \t]*$", re.M | re.I)),
    (Kind.WIKILINK, re.compile(r"!?\[\[[^\[\]\n]+\]\]")),
    (Kind.MKDOCS_MARKS, re.compile(r"(?<![=\\])==(?![=\s])[^=\n]{1,80}(?<![\s\\])==(?!=)"
                                   r"|(?<![\^\\])\^\^(?![\^\s])[^\^\n]{1,80}(?<![\s\\])\^\^(?!\^)"
                                   r"|(?<![+\w])\+\+[A-Za-z0-9][\w+-]{0,60}(?<!\+)\+\+(?![+\w])")),
)
_CALLOUT = re.compile(r"\A[ \t]*\[![A-Za-z][\w-]*\][+-]?")
_SIMPLE_RULE = re.compile(r"^[ \t]*-{2,}(?:[ \t]+-{2,})+[ \t]*$")


def found_in(words: str, *, in_quote: bool = False) -> list[Found]:
    """Each kind's first place in a block's ``words`` (as shown; ``in_quote``: the block is
    the first of a quote, where a callout's ``[!kind]`` stands)."""
    found = []
    for kind, pattern in _PATTERNS:
        if (match := pattern.search(words)) is not None:
            found.append(Found(kind, match.start(), match.group(0)))
    if in_quote and (match := _CALLOUT.search(words)) is not None:
        found.append(Found(Kind.CALLOUT, match.start(), match.group(0).strip()))
    return found


def simple_table_rule(line: str, before: str) -> bool:
    """Whether ``line`` (a rule MyST drew) is a simple table's ``----- ----`` under its header
    line ``before``: two runs of dashes or more, words right above."""
    return _SIMPLE_RULE.match(line) is not None and bool(before.strip())


def _heading_anchor(written: str) -> str | None:
    found = re.search(r"#([^\s}]+)", written)
    return found.group(1) if found else None


def message(found: Found, *, heading: bool = False, count: int = 1, others: tuple[int, ...] = ()) -> str:
    """What to say of a page's places of one kind, the first ``found`` (``heading``: in a
    heading's words); ``others``: the other places' lines."""
    more = ""
    if count > 1:
        lines = ", ".join(map(str, others[:10])) + (", …" if len(others) > 10 else "")
        more = f" (and {count - 1} more on the page{': line' + ('s' if len(others) > 1 else '') + ' ' + lines if others else ''})"
    shown = found.written[:60] + ("…" if len(found.written) > 60 else "")
    kind = found.kind
    if kind is Kind.ATTRIBUTES and heading:
        anchor = _heading_anchor(found.written)
        fix = (f"write `({anchor})=` on the line above the heading for that anchor" if anchor
               else "remove them")
        return (f"attributes after a heading's words, `{shown}`, are shown as typed{more}: a "
                f"heading gets its anchor from its words; {fix}, and remove the braces")
    if kind is Kind.ATTRIBUTES:
        return (f"attributes `{shown}` are shown as typed{more}: they are read only right after a "
                "`[text]`, a link, a picture or inline code, with no space or line break between "
                "(`[words]{.underline}`, `![map](map.png){width=50%}`); move them there, or remove them")
    if kind is Kind.SUB_SUPERSCRIPT:
        return (f"`{shown}` is shown as typed, tildes or carets and all{more}: this Markdown has no "
                "~subscript~ or ^superscript^; write the characters (CO₂, 12th), or the roles "
                "{sub}`2` and {sup}`th`")
    if kind is Kind.GRID_TABLE:
        return (f"a grid table (`{shown}` lines) is shown as typed{more}: write it as a table with "
                "a `|` between cells and a `|---|---|` line under the header row, or as a "
                "```{list-table}``` block")
    if kind is Kind.SIMPLE_TABLE:
        return (f"a simple table (columns under a `{shown}` line) is shown as lines of words and a "
                f"rule{more}: write it as a table with a `|` between cells and a `|---|---|` line "
                "under the header row")
    if kind is Kind.TOC:
        return (f"`{shown}` (a table of contents marker) is shown as typed{more}: every edition "
                "lists the page's headings already; remove it, or write a ```{contents}``` block")
    if kind is Kind.WIKILINK:
        return (f"`{shown}` is shown as typed, brackets and all{more}: only a page of an Obsidian "
                "vault (a .obsidian/ folder above it, or a [[name]] on it that names a file of "
                "the folder) is read so; write the link as `[words](page.md)`, or name a file "
                "as it is now")
    if kind is Kind.MKDOCS_MARKS:
        return (f"`{shown}` is shown as typed, marks and all{more}: MkDocs' ==highlight==, "
                "^^inserted^^ and ++key++ marks are no Markdown here; write **bold** for a "
                "highlight, the words alone for an insertion, and keys as {kbd}`Ctrl+Alt+Del`")
    return (f"`{shown}` at the start of a quote is shown as typed{more}: only a page of an Obsidian "
            "vault is read so; write the box as `:::{note}` (or tip, warning, danger …), its words, "
            "then `:::`")
