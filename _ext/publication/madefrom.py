"""Files a build makes from a few inputs, not made again while those and the files are unchanged.

A site build writes files that depend only on the publication's metadata and the code
that draws them: the social card (Pillow: ~25 ms) and the BibTeX and RIS files (pybtex
and its LaTeX codec: ~20 ms), the same bytes on every rebuild of one page. Each such set
of files is recorded in the doctree folder (``madefrom.json``) with a key of its inputs
and each file's path, size and modification time. While the key is the same and every
file is still the one recorded (the edition swap copies files with their times), the
files are left as they are.

Plain Python, no Sphinx import.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

RECORD = "madefrom.json"


def key(*parts: Any) -> str:
    """A key from the inputs (``repr`` of each: give values whose ``repr`` is stable)."""
    return hashlib.sha256("\0".join(map(repr, parts)).encode("utf-8")).hexdigest()


def code(*files: str | Path) -> str:
    """A key part for the code that makes the files: its source files' bytes."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(Path(file).read_bytes())
    return digest.hexdigest()


def _stamps(files: Sequence[Path]) -> list[list[Any]] | None:
    out = []
    for file in files:
        try:
            status = os.stat(file)
        except OSError:
            return None
        out.append([os.fspath(file), status.st_size, status.st_mtime_ns])
    return out


def _read(record: Path) -> dict[str, Any]:
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def unchanged(record: Path, name: str, made_from: str, files: Sequence[Path]) -> bool:
    """``files`` are the ones recorded under ``name``, made from the same inputs."""
    entry = _read(record).get(name)
    return (isinstance(entry, dict) and entry.get("key") == made_from
            and entry.get("files") == _stamps(files))


def made(record: Path, name: str, made_from: str, files: Sequence[Path]) -> None:
    """Record ``files`` (just written, or found right) as made from ``made_from``."""
    data = _read(record)
    stamps = _stamps(files)
    entry = {"key": made_from, "files": stamps} if stamps is not None else None
    if data.get(name) == entry:
        return
    if entry is None:
        data.pop(name, None)
    else:
        data[name] = entry
    try:
        record.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    except OSError:
        pass  # only a cache: the files are made again next time
