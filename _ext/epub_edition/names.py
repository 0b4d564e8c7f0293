"""Safe, unique file names inside the ePub for pages named anyhow.

Plain Python. EPUB readers and EPUBCheck want package paths without spaces, ``'``, ``#``,
``?``, ``%`` or non-ASCII letters, and two names that differ only by case clash on many
file systems. The City's old pages have all of these, and Sphinx keys the spine by the
quoted link but the manifest by the plain name, so such a page fell out of the book.
Names are made ASCII (accents dropped), every other unsafe character becomes ``_``, and a
clash (ignoring case) gets ``-2``, ``-3``…, decided in sorted order so builds agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_UNSAFE = re.compile(r"[^A-Za-z0-9._/-]")


def ascii_name(name: str) -> str:
    """``name`` with accents dropped and every unsafe character as ``_``."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = _UNSAFE.sub("_", plain)
    parts = [part.lstrip(".") or "_" for part in plain.split("/")]
    return "/".join(parts)


class SafeNames:
    """Maps names (docnames) to safe ones, unique ignoring case."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.table: dict[str, str] = {}
        self.taken: set[str] = set()
        for name in sorted(set(names)):
            self[name]

    def __getitem__(self, name: str) -> str:
        if name not in self.table:
            safe = ascii_name(name)
            stem, dot, suffix = safe.rpartition(".") if "." in safe.rsplit("/", 1)[-1] else (safe, "", "")
            candidate, number = safe, 1
            while candidate.casefold() in self.taken:
                number += 1
                candidate = f"{stem}-{number}{dot}{suffix}"
            self.taken.add(candidate.casefold())
            self.table[name] = candidate
        return self.table[name]
