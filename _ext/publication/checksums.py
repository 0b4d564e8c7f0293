"""The facts a download is offered with: its SHA-256, ``SHA256SUMS`` files, its size.

Plain Python. The site's current editions (``website.editions``) and the frozen releases
(``record.releases``) both write and read ``sha256sum``-format files and show sizes the
same way: one implementation, so a reader's ``sha256sum -c`` works on either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path


def sha256(path: Path) -> str:
    """The file's SHA-256, read 1 MiB at a time (a PDF may be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sums_text(files: Mapping[str, str]) -> str:
    """``{name: sha256}`` in ``sha256sum`` format, sorted by name."""
    return "".join(f"{files[name]}  {name}\n" for name in sorted(files))


def read_sums(path: Path) -> dict[str, str]:
    """``{relative path: sha256}`` from a ``sha256sum`` file."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            out[name] = digest
    return out


def human_size(size: int) -> str:
    """``1.4 MB``: decimal units, as browsers and file managers show them."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")
