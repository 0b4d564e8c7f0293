"""The last PDF kept when nothing Typst makes it from has changed.

Plain Python, no Sphinx. Typst's PDF depends only on the ``.typ``, the layout
(``book.typ``), the pictures in ``_images/``, the fonts (its own, which come with its
version, and the font folders), the PDF standards and the timestamp (``SOURCE_DATE_EPOCH``): the reproducible-editions
tests hold it to that. A build whose ``.typ`` comes out the same (a ``make all`` with no
change, or one that changed only the site) would compile the same bytes again, in both
languages. So the build keeps a record beside the doctrees: the key of those inputs, the
SHA-256 of the PDF they gave, and what Typst said (the passages' pages and its warnings,
which are reported again). The PDF in the output folder is used again only when the key
is the same and the file is still the very one recorded; anything else compiles.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import fonts

VERSION = b"1"
"""Changed when what the key covers changes."""


@dataclass(frozen=True)
class Kept:
    """What Typst said when it made the kept PDF."""

    pages: str
    warnings: list[str]


def key(typ: Path, template: Path, images: Path, font_folders: Iterable[Path],
        standards: list[str], timestamp: str) -> str:
    """The SHA-256 of everything the PDF is made from."""
    import typst  # the native module takes ~85 ms to load: only builds that compile pay it

    digest = hashlib.sha256()

    def add(part: bytes) -> None:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)

    add(VERSION)
    add(typst.__version__.encode())
    add(json.dumps([standards, timestamp]).encode())
    add(typ.read_bytes())
    add(template.read_bytes())
    if images.is_dir():
        for path in sorted(p for p in images.rglob("*") if p.is_file()):
            add(path.relative_to(images).as_posix().encode("utf-8", "surrogateescape"))
            add(path.read_bytes())
    for path in fonts.font_files(font_folders):
        stat = path.stat()
        add(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def load(record: Path, wanted: str, pdf: Path) -> Kept | None:
    """What made ``pdf``, if ``record`` says it was made from ``wanted`` and it is unchanged."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        if data["key"] != wanted or data["pdf"] != _sha256(pdf):
            return None
        return Kept(str(data["pages"]), [str(w) for w in data["warnings"]])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(record: Path, made: str, pdf: bytes, pages: str, warnings: list[str]) -> None:
    """Remember what ``pdf`` was made from; a record that cannot be written is not kept."""
    data = {"key": made, "pdf": hashlib.sha256(pdf).hexdigest(), "pages": pages,
            "warnings": warnings}
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except OSError:
        try:
            record.unlink(missing_ok=True)
        except OSError:
            pass
