"""The pages' catalogs copied into the build folder, where Sphinx compiles and reads them.

Sphinx writes each ``.mo`` beside its ``.po``: into the source folder, and through a link
(a ``.mo`` linked to any file made every translated build overwrite that file). Here the
build copies the ``.po`` files into a folder of its own, beside the doctrees, and Sphinx
compiles them there with its own code (the same ``.mo`` bytes as before); the source
folder is only read. Plain Python (no Sphinx).
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from pagesource.titles import NOT_XML
from publication.atomic import write_atomically

from . import catalog

FOLDER = "_locales"
"""Beside the doctrees: no page's doctree is there (``_`` names are no pages)."""


@dataclass(frozen=True)
class Unholdable:
    """Characters XML forbids in a ``.po`` file: how many, the first and its line."""

    po: Path
    line: int
    count: int
    first: str


def holdable(data: bytes) -> tuple[bytes, tuple[int, int, str] | None]:
    """``data`` without the characters XML forbids (:data:`NOT_XML`) and (line, count, first).

    A page's are left out as it is read (``safety``); a ``msgstr`` replaces the words after
    that, and a raw U+0001 or U+FFFE in one made the translated ePub's chapter, contents and
    NCX no XML. A ``.po`` escape writes none of them, so leaving them out of the text is
    enough. A file that is not UTF-8 is left as it is: the catalog check says so."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data, None
    first = NOT_XML.search(text)
    if first is None:
        return data, None
    found = (text.count("\n", 0, first.start()) + 1, len(NOT_XML.findall(text)), first.group())
    return NOT_XML.sub("", text).encode("utf-8"), found


def mirror(found: catalog.Found, source: Path, target: Path, language: str) -> list[Unholdable]:
    """Make ``<target>/<language>/LC_MESSAGES`` hold a copy of each usable ``.po`` of
    ``<source>/<language>/LC_MESSAGES`` and nothing else but the ``.mo`` compiled from one.

    A copy is written only when its bytes changed: its time tells Sphinx whether to compile
    it again, and the ``.mo`` time which pages to read again. A written copy replaces the
    file (never writes through a link). The characters no edition can hold are left out
    of the copy; each file that had some is returned.
    """
    origin, copies = catalog.catalog_dir(source, language), catalog.catalog_dir(target, language)
    kept, unholdable = set(), []
    for po in found.usable:
        copy = copies / po.relative_to(origin)
        kept |= {copy, copy.with_suffix(".mo")}
        data, forbidden = holdable(po.read_bytes())
        if forbidden:
            unholdable.append(Unholdable(po, *forbidden))
        if copy.is_symlink() or not copy.is_file() or copy.read_bytes() != data:
            copy.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(copy, data, durable=False)
    for path in sorted(copies.rglob("*"), reverse=True) if copies.is_dir() else []:
        if path.is_symlink() or (path not in kept and path.is_file()):
            path.unlink()
        elif path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            os.rmdir(path)
    return unholdable


def compile_quietly(target: Path, language: str, use_fuzzy: bool, encoding: str) -> None:
    """Compile each copy whose ``.mo`` is older than it, as Sphinx does (the same bytes), with
    Babel's prints kept off the terminal: a line it skips it printed as ``WARNING: Problem on
    line 8`` with no file, in every edition of the language, and the catalog check says it
    already at its ``file:line``. Sphinx then finds every ``.mo`` current. A copy Babel
    cannot read at all is left to Sphinx, which says so."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(catalog.catalog_dir(target, language).rglob("*.po")):
        mo = po.with_suffix(".mo")
        if mo.is_file() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
            continue
        try:
            with open(po, encoding=encoding) as handle, contextlib.redirect_stdout(io.StringIO()):
                messages = read_po(handle, language)
        except Exception:  # noqa: BLE001 - Sphinx's compile reports it, in its words
            continue
        with open(mo, "wb") as handle:
            write_mo(handle, messages, use_fuzzy)
