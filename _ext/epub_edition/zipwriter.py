"""Write an ePub zip that is byte-identical for the same files and time, and atomic.

Plain Python with no Sphinx import. Sphinx's own writer stamps each entry with the
file's mtime and never writes to a temporary file, so two builds of the same sources
differ and a crash mid-write leaves a broken ``.epub`` where the good one was.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from publication.atomic import write_atomically

FIRST = ("mimetype", "META-INF/container.xml", "content.opf")
"""Entries written first: ``mimetype`` must be first (and stored) by the OCF spec."""

ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest date a zip entry can hold


def entry_order(members: Iterable[str]) -> list[str]:
    """The OCF entries first, then every other member sorted, each once."""
    present = set(members)
    return [name for name in FIRST if name in present] + sorted(present - set(FIRST))


def date_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """A zip entry date for ``epoch`` (UTC), clamped to the zip format's range."""
    return time.gmtime(max(epoch, ZIP_EPOCH))[:6]


def write_epub(destination: Path, root: Path, members: Iterable[str], epoch: int) -> None:
    """Zip ``members`` (paths relative to ``root``) into ``destination``, atomically.

    The zip is written to a temporary file beside ``destination`` and moved over it
    only when complete, so a reader never sees a half-written book.
    """
    stamp = date_time(epoch)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as epub:
        for name in entry_order(["mimetype", *members]):
            info = zipfile.ZipInfo(name, stamp)
            info.create_system = 3  # Unix, whatever the building machine is
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            epub.writestr(info, (root / name).read_bytes(), compresslevel=9)
    write_atomically(destination, buffer.getvalue())
