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
