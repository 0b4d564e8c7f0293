"""The pages' catalogs copied into the build folder, where Sphinx compiles and reads them.

Sphinx writes each ``.mo`` beside its ``.po``: into the source folder, and through a link
(a ``.mo`` linked to any file made every translated build overwrite that file). Here the
build copies the ``.po`` files into a folder of its own, beside the doctrees, and Sphinx
compiles them there with its own code (the same ``.mo`` bytes as before); the source
folder is only read. Plain Python (no Sphinx).
"""

from __future__ import annotations

import os
from pathlib import Path

from publication.atomic import write_atomically

from . import catalog

FOLDER = "_locales"
"""Beside the doctrees: no page's doctree is there (``_`` names are no pages)."""


def mirror(found: catalog.Found, source: Path, target: Path, language: str) -> None:
    """Make ``<target>/<language>/LC_MESSAGES`` hold a copy of each usable ``.po`` of
    ``<source>/<language>/LC_MESSAGES`` and nothing else but the ``.mo`` compiled from one.

    A copy is written only when its bytes changed: its time tells Sphinx whether to compile
    it again, and the ``.mo`` time which pages to read again. A written copy replaces the
    file (never writes through a link).
    """
    origin, copies = catalog.catalog_dir(source, language), catalog.catalog_dir(target, language)
    kept = set()
    for po in found.usable:
        copy = copies / po.relative_to(origin)
        kept |= {copy, copy.with_suffix(".mo")}
        data = po.read_bytes()
        if copy.is_symlink() or not copy.is_file() or copy.read_bytes() != data:
            copy.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(copy, data, durable=False)
    for path in sorted(copies.rglob("*"), reverse=True) if copies.is_dir() else []:
        if path.is_symlink() or (path not in kept and path.is_file()):
            path.unlink()
        elif path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            os.rmdir(path)
