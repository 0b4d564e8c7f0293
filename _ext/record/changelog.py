"""Release notes: one ``## <version>`` section per release in ``CHANGES.md``.

Plain Python. ``## 1.1.0``, ``## 1.1.0 (2026-12-01)`` and Keep a Changelog's
``## [1.1.0] - 2026-12-01`` all name version 1.1.0.
"""

from __future__ import annotations

import re
from pathlib import Path

_HEADING = re.compile(r"^##\s+\[?v?(\d[\w.+-]*)\]?")


def sections(path: Path) -> dict[str, tuple[str, int]]:
    """``{version: (Markdown of its notes, line of its heading)}``; empty without a file."""
    if not path.is_file():
        return {}
    out: dict[str, tuple[str, int]] = {}
    current, start, lines = None, 0, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = _HEADING.match(line)
        if match or line.startswith("# ") or line.startswith("## "):
            if current:
                out.setdefault(current, ("\n".join(lines).strip(), start))
            current, start, lines = (match[1], number, []) if match else (None, 0, [])
            continue
        if current:
            lines.append(line)
    if current:
        out.setdefault(current, ("\n".join(lines).strip(), start))
    return out
