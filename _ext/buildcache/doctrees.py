"""Keep Python's cyclic garbage collector off the pages already read.

A full collection walks every object alive, and allocations trigger one again and again
while a build grows: the doctrees kept in memory for writing (a serial build keeps every
page read until it is written), the environment, the pages merged from parallel readers.
Measured on the generated pages, serial, before this: 9 % of a build's CPU at N=100,
18 % at 340, 21 % at 1,000 (5.2 s, 4.2 s of it in 19 full collections). So what is
alive once a page is read is frozen (``gc.freeze``: never walked again) after one
collection of what is not frozen yet, i.e. of what reading that page left behind:

- ``source-read``, before each page is read (the last page's leftovers are garbage by
  then, its doctree is alive);
- ``env-updated``, once every page is read and merged into the environment;
- ``doctree-resolved``, before each page is written, when the pages were read in this
  process (kept in memory for writing, so frozen already): resolving a page adds nodes to
  its frozen doctree, which outlives its writing, and those nodes stayed alive and walked
  by every later collection (135,000 objects by the end of N=340, 0.5-0.8 s of the write
  phase). A page read from its pickle (``-j`` reads, incremental builds) is not frozen,
  so it can be freed once written.

A frozen object that dies is freed only once ``buildcache.memory.thaw`` unfreezes
everything at ``build-finished``: the pages written in a serial build stay in memory
until then (+43 MB at N=1,000, serial). The output does not depend on any of this.
"""

from __future__ import annotations

import gc
from typing import Any


def freeze_read(app: Any, docname: str, source: list[str]) -> None:
    """``source-read``: what reading the pages before this one left alive is frozen."""
    gc.collect()
    gc.freeze()


def note_kept_pages(app: Any, builder: Any) -> None:
    """``write-started``: were the pages read here (Sphinx keeps them in memory to write)?"""
    builder.buildcache_freeze_written = bool(getattr(app.env, "_write_doc_doctree_cache", None))


def freeze_resolved(app: Any, doctree: Any, docname: str) -> None:
    """``doctree-resolved``: what writing the pages before this one left alive is frozen."""
    if getattr(app.builder, "buildcache_freeze_written", False):
        gc.collect()
        gc.freeze()


def freeze_environment(app: Any, env: Any) -> list[str]:
    """``env-updated``: the environment of every page read is frozen (no page to re-read)."""
    gc.collect()
    gc.freeze()
    return []
