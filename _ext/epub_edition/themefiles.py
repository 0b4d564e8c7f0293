"""Sphinx's theme pictures a book never shows, left out of it.

Plain Python with no Sphinx import. The basic theme brings ``file.png`` (beside each search
result), ``minus.png`` and ``plus.png`` (collapsible toggles). A book has no search page and
no toggles, but everything in ``_static/`` was packed and declared in its manifest: every
book seemed to hold pictures to the reading systems and catalogues that read the manifest.
They are left out, unless a page names one, with the stylesheet declarations that name them
(EPUBCheck refuses a stylesheet that names a file the book lacks: RSC-007).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

THEME_PICTURES = ("file.png", "minus.png", "plus.png")


def _declarations_naming(names: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(r"[^;{}]*url\(\s*['\"]?(?:" + alternatives + r")['\"]?\s*\)[^;{}]*;?")


def leave_out(static: Path, pages: Iterable[str]) -> list[str]:
    """Remove from ``static`` (the book's ``_static/``) the theme pictures no page's text
    names, and the declarations of its stylesheets that name them; the names removed."""
    texts = list(pages)
    unused = [name for name in THEME_PICTURES if (static / name).is_file()
              and not any(f"_static/{name}" in text for text in texts)]
    if not unused:
        return []
    for name in unused:
        (static / name).unlink()
    naming = _declarations_naming(unused)
    for sheet in sorted(static.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8")
        kept = naming.sub("", text)
        if kept != text:
            sheet.write_text(kept, encoding="utf-8")
    return unused
