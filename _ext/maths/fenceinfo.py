"""A code block whose first line is written on its opening fence line.

Plain Python, no Sphinx. hack-the-traffic's route lists wrote
```` ```("south_1st_slaughter$south_1st_wm_cannon",…) ```` with the fence: the reader
takes what follows the backticks for the block's language, so the block was empty and the
route in no edition, without a word (GitHub showed nothing of it either). A first word no
language name has (a parenthesis, a ``$``, a ``;``, an angle bracket, or a quote it opens
with) is the block's first line: it is moved there, and said.
"""

from __future__ import annotations

import re
from typing import Any

_NOT_A_LANGUAGE = re.compile(r"[()$;<>]|^[\"']")


def code_on_fence_line(tokens: list[Any]) -> list[tuple[int, str]]:
    """``(line, words)`` for each fenced code block (backticks or tildes) whose info string
    is code, that code made the block's first line (``tokens`` changed in place); lines
    1-based, as the parser read the text."""
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type != "fence" or not token.info or not token.info.strip():
            continue
        info = token.info.strip()
        first = info.split(maxsplit=1)[0]
        if first.startswith("{") or not _NOT_A_LANGUAGE.search(first):
            continue  # a directive (```{note}), or a language with its options
        token.content = info + "\n" + token.content
        token.info = ""
        found.append(((token.map[0] + 1) if token.map else 0, info))
    return found


DIAGRAMS = {"mermaid": "Mermaid", "plantuml": "PlantUML", "puml": "PlantUML"}
"""Fenced blocks GitHub (or a wiki) draws as a diagram; here each is shown as its source."""


def diagram_fences(tokens: list[Any]) -> list[tuple[int, str]]:
    """``(line, kind)`` for each fenced block of a diagram language (:data:`DIAGRAMS`):
    GitHub drew ```` ```mermaid ```` as a flowchart; every edition prints its source, which
    the author should know (lines 1-based)."""
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type == "fence" and token.info and token.info.split()[0].lower() in DIAGRAMS:
            found.append(((token.map[0] + 1) if token.map else 0, DIAGRAMS[token.info.split()[0].lower()]))
    return found


_LAYOUT_TAG = re.compile(r"\s*</?(?:div|section|article|aside|nav|header|footer|main|table|thead|tbody|tr|td|th"
                         r"|ul|ol|li|dl|dt|dd|p|h[1-6]|blockquote|figure|figcaption|details|summary|form)"
                         r"(?=[\s>/])", re.I)


def indented_html(tokens: list[Any]) -> list[tuple[int, int]]:
    """``(line, lines)`` for each code block made by indenting (four spaces, after a blank
    line) whose first line is a page-layout tag (``    <div class="card">``): an old page's
    HTML, indented to look tidy, that Markdown (kramdown too) shows as code, every tag typed
    out (the CUNY City Tech Library's archives page, most of it). A block fenced as
    ```` ```html ```` is code on purpose and not counted."""
    found: list[tuple[int, int]] = []
    for token in tokens:
        if token.type == "code_block" and token.map and _LAYOUT_TAG.match(token.content):
            found.append((token.map[0] + 1, token.content.rstrip("\n").count("\n") + 1))
    return found


def unclosed_fences(tokens: list[Any], lines: list[str]) -> list[tuple[int, int, str]]:
    """``(line, lines after it, fence)`` for each fenced code block at the page's top level that
    is never closed, so runs to the page's end: a closing fence written at column 0 inside a
    list item opens a new block instead (the City's socrata_bt_queries.md), and every heading,
    link and list after it was shown as code, with nothing said. ``lines``: the parsed text's."""
    found: list[tuple[int, int, str]] = []
    for token in tokens:
        if token.type != "fence" or token.level != 0 or not token.map or not token.markup:
            continue
        start, end = token.map
        if end < len(lines) or end - 1 <= start:
            continue  # closed before the end, or nothing after the fence
        last = lines[end - 1].strip()
        marker = token.markup[0]
        if last.startswith(token.markup) and not last.strip(marker):
            continue  # closed on the last line
        if any(line.strip() for line in lines[start + 1:end]):
            found.append((start + 1, end - start - 1, token.markup))
    return found
