"""Each static file's checksum (the ``?v=`` of its ``<link>``/``<script>``) once per build.

Sphinx's page context asks ``_file_checksum`` for every style sheet and script of every
page (12 per page with Furo: 4,104 calls at 340 pages). It caches the checksum by the
file's resolved path, but resolves the path first, each time: ``Path.resolve`` was ~5 % of
a 340-page site build. Within a build the same output folder and file name resolve to the
same file, so remembering the answer by those two gives the same ``?v=``.
"""

from __future__ import annotations

import os
from typing import Any

_sphinx_own: Any = None


def install(app: Any) -> None:
    """``builder-inited``: a fresh memo for this build (Sphinx's own function when switched off)."""
    global _sphinx_own
    try:
        from sphinx.builders import html
    except ImportError:
        return
    if _sphinx_own is None:
        _sphinx_own = getattr(html, "_file_checksum", None)
        if _sphinx_own is None:
            return
    if not app.config.buildcache_checksums:
        html._file_checksum = _sphinx_own
        return
    html._file_checksum = _memo(_sphinx_own)


def _memo(checksum: Any) -> Any:
    known: dict[tuple[str, str], str] = {}

    def file_checksum(outdir: Any, filename: Any) -> str:
        key = (os.fspath(outdir), os.fspath(filename))
        found = known.get(key)
        if found is None:
            found = known[key] = checksum(outdir, filename)  # a refused name raises each time
        return found

    return file_checksum
