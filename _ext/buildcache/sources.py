"""Keep the pages' sources read by one build (text, front matter) for the next one.

Page order, the redirects and the Jekyll pages read every page's front matter in every
build (:func:`pagesource.read`), since any page may have moved: at 1,000 pages that is
~80 ms of YAML for a one-page rebuild. The sources are kept beside the doctrees
(``pagesource.pickle``) and loaded before anything reads a page; a file is parsed again
only when its path, modification time or size differ, exactly as within one build. The
output is the same with it or without it (``-D buildcache_sources=0``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pagesource

FILE = "pagesource.pickle"


def load(app: Any, config: Any) -> None:
    """``config-inited``: the last build's sources, before the first page is read."""
    if config.buildcache_sources:
        pagesource.load_kept(Path(app.doctreedir) / FILE)


def save(app: Any, exception: Exception | None) -> None:
    """``build-finished``: this build's sources, if any file was read again."""
    if app.config.buildcache_sources and exception is None and Path(app.doctreedir).is_dir():
        pagesource.keep(Path(app.doctreedir) / FILE, Path(app.srcdir))
