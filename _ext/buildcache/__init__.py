"""Sphinx extension: what Sphinx recomputes per page but is the same for a whole build.

Seven caches, each with its own switch (all on by default; the output is the same
either way, ``tests/test_bench_fastnav.py`` builds with them off too):

- :mod:`buildcache.settings` — docutils' settings built once per build, not per page
  (``-D buildcache_settings=0`` for Sphinx's own code);
- :mod:`buildcache.stemmer` — each word stemmed once per build for the search index,
  not once per page (``-D buildcache_stemmer=0``);
- :mod:`buildcache.templates` — Jinja's compiled templates kept with the installation
  (the virtual environment; else the doctree folder), not compiled again by every build,
  clean or not (``-D buildcache_templates=0``);
- :mod:`buildcache.sources` — the pages' sources (front matter parsed) kept in the doctree
  folder for the next build, which parses only the files that changed
  (``-D buildcache_sources=0``);
- :mod:`buildcache.titles` — each page title rendered to HTML once per build, not once
  for every page whose neighbour links, parents or own title show it
  (``-D buildcache_titles=0``);
- :mod:`buildcache.checksums` — each static file's ``?v=`` checksum found once per build,
  not once per page (``-D buildcache_checksums=0``);
- :mod:`buildcache.docpaths` — each page's file name found once, not once per look-up
  (``-D buildcache_docpaths=0``).

And :mod:`buildcache.progress`, Sphinx's progress lines logged as one record a page, not
three (``-D buildcache_progress=0``: the same characters through Sphinx's own code).

And five that are no cache (no switch: they change no output): :mod:`buildcache.memory`
keeps Python's garbage collector off the environment loaded from the last build,
:mod:`buildcache.doctrees` off the pages already read and written; :mod:`buildcache.reading` reads a
few changed pages without forking workers; :mod:`buildcache.pagepickles` saves the pages'
tables of contents (``env.tocs``) without pickling the unchanged ones again;
:mod:`buildcache.searchprune` prunes the search index against a set of pages.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import (checksums, docpaths, doctrees, memory, progress, reading, searchprune, settings,
               sources, stemmer, templates, titles)
from .pagepickles import adopt

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"


def keep_toc_pickles(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """``env-before-read-docs``: the tables of contents saved as :mod:`.pagepickles`."""
    adopt(env, "tocs")


def forget_numbered_tocs(app: Sphinx, env: Any) -> list[str]:
    """``env-get-updated``, after Sphinx numbered the sections in the tables of contents (in
    place): with numbered toctrees every table of contents is pickled again."""
    if env.numbered_toctrees:
        adopt(env, "tocs").forget()
    return []


COMPILED = frozenset({".pyc", ".pyo", ".mo"})
"""Files made from the code, not the code (git ignores them): a ``.mo`` catalog names the
time it was compiled, so each checkout's number, and the search index's, differed."""


@functools.lru_cache(maxsize=None)
def code_version(root: Path = Path(__file__).resolve().parents[1]) -> int:
    """A number for the code of every extension in ``root`` (``_ext/``), from its files' bytes.

    Sphinx reads every page again when an extension's ``env_version`` changes. Ours never
    did, so a build folder made by an older release of this code kept its pages as that code
    had read them (found on real sites: pages stayed stale until the folder was deleted).
    Worked out once per process (~15 ms for the 1.2 MB of ``_ext/``); the same code gives
    the same number on any machine, so the editions stay reproducible.
    """
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in COMPILED:
            digest.update(path.relative_to(root).as_posix().encode("utf-8", "surrogateescape"))
            digest.update(b"\0" + path.read_bytes() + b"\0")
    return int(digest.hexdigest()[:12], 16) or 1  # 0 would mean "no version" to Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("buildcache_settings", True, "", types=frozenset({bool}))
    app.add_config_value("buildcache_stemmer", True, "", types=frozenset({bool}))
    app.add_config_value("buildcache_templates", True, "", types=frozenset({bool}))
    app.add_config_value("buildcache_templates_dir", "", "", types=frozenset({str}))
    app.add_config_value("buildcache_sources", True, "", types=frozenset({bool}))
    app.add_config_value("buildcache_titles", True, "", types=frozenset({bool}))
    app.add_config_value("buildcache_checksums", True, "", types=frozenset({bool}))
    app.add_config_value("buildcache_docpaths", True, "", types=frozenset({bool}))
    app.add_config_value("buildcache_progress", True, "", types=frozenset({bool}))
    app.connect("config-inited", memory.pause, priority=0)
    app.connect("config-inited", sources.load, priority=1)  # before anything reads a page
    app.connect("builder-inited", memory.freeze_loaded, priority=0)
    app.connect("build-finished", memory.thaw, priority=1000)
    app.connect("source-read", doctrees.freeze_read, priority=0)
    app.connect("env-updated", doctrees.freeze_environment, priority=1000)
    app.connect("write-started", doctrees.note_kept_pages)
    app.connect("doctree-resolved", doctrees.freeze_resolved, priority=0)
    app.connect("env-before-read-docs", reading.read_serially_if_few)
    app.connect("env-updated", reading.restore_parallel, priority=0)
    app.connect("builder-inited", settings.install)
    app.connect("builder-inited", stemmer.memoise_stemmer)
    app.connect("builder-inited", searchprune.install)
    app.connect("builder-inited", templates.install)
    app.connect("builder-inited", titles.install)
    app.connect("builder-inited", checksums.install)
    app.connect("builder-inited", docpaths.install, priority=0)  # before anything asks
    app.connect("builder-inited", progress.install)
    app.connect("build-finished", sources.save)
    app.connect("env-before-read-docs", keep_toc_pickles)
    app.connect("env-get-updated", forget_numbered_tocs, priority=900)
    return {"version": __version__, "env_version": code_version(), "parallel_read_safe": True,
            "parallel_write_safe": True}
