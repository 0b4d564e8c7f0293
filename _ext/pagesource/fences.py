"""Which lines of a Markdown page are prose, not fenced code: shared by every line scanner."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def outside_fences(lines: Sequence[str], start: int = 0) -> Iterator[int]:
    """The indexes of lines from ``start`` on that are neither in a code fence nor fence lines.

    A fence closes with the same character repeated at least as often (CommonMark); an
    unclosed fence runs to the end of the page.
    """
    fence: str | None = None
    for i in range(start, len(lines)):
        if (match := _FENCE.match(lines[i])) is not None:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is None:
            yield i
