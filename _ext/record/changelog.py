"""Release notes: one ``## <version>`` section per release in ``CHANGES.md``.

Plain Python. ``## 1.1.0``, ``## 1.1.0 (2026-12-01)`` and Keep a Changelog's
``## [1.1.0] - 2026-12-01`` all name version 1.1.0.
"""

from __future__ import annotations

import re
from pathlib import Path

_HEADING = re.compile(r"^##\s+\[?v?(\d[\w.+-]*)\]?")
_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


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


def heading_date(path: Path, version: str) -> tuple[str, int] | None:
    """The day the heading of ``version``'s notes names (``## 1.1.0 (2026-12-01)``,
    ``## [1.1.0] - 2026-12-01``) and its line; None when it names none (or has no notes)."""
    section = sections(path).get(version)
    if section is None:
        return None
    line = path.read_text(encoding="utf-8").splitlines()[section[1] - 1]
    found = _DATE.search(line[_HEADING.match(line).end():])
    return (found[1], section[1]) if found else None
