"""Which files an Obsidian vault has, and which one a ``[[name]]`` means, as Obsidian finds it.

Plain Python with no Sphinx import. Obsidian links by file name, not by path: ``[[Curb
Pilot]]`` is ``Projects/Curb Pilot.md`` wherever it is in the vault, and ``![[Pasted image
….png]]`` the picture in ``attachments/``. When several files have the name, Obsidian takes
the one in the linking page's folder, else the one with the shortest path.

Whether a page is Obsidian's (:func:`is_obsidian`): a ``.obsidian/`` folder in its folder or
one above it, up to the pages' folder (the vault as Obsidian keeps it), or a ``[[name]]`` on
it that names a file of the folder (a vault copied without its hidden settings folder, as
"Export" and a drag from the file manager give). Ordinary text with brackets, ``[[1, 2],
[3, 4]]`` or a maths note's ``[[x]]``, names no file: it is never rewritten.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SETTINGS = ".obsidian"
"""The folder Obsidian keeps a vault's settings in, at the vault's top."""

PICTURES = frozenset("png jpg jpeg gif svg webp bmp avif".split())
"""What Obsidian shows as a picture when a page embeds it (``![[map.png]]``)."""

_WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")


@dataclass(frozen=True)
class Vault:
    """The files of the pages' folder (paths relative to it, with ``/``), hidden ones aside."""

    files: tuple[str, ...]

    def find(self, name: str, page: str) -> str | None:
        """The file ``[[name]]`` on ``page`` (a file of the vault) leads to, else None."""
        wanted = _normal(name)
        if not wanted:
            return None
        found = [file for file in self.files if _names(file, wanted)]
        if not found:
            return None
        here = str(PurePosixPath(page).parent)
        return min(found, key=lambda file: (str(PurePosixPath(file).parent) != here,
                                            file.count("/"), len(file), file))


def _normal(name: str) -> str:
    return name.strip().strip("/").replace("\\", "/").casefold()


def _names(file: str, wanted: str) -> bool:
    """Whether ``wanted`` (casefolded) names ``file``: its path or its last parts, with or
    without ``.md`` (Obsidian writes a page's name without it)."""
    path = file.casefold()
    for candidate in (path, path[:-3] if path.endswith(".md") else None):
        if candidate is not None and (candidate == wanted or candidate.endswith("/" + wanted)):
            return True
    return False


def files_of(srcdir: Path) -> Vault:
    """Every file under ``srcdir``, hidden folders (``.obsidian``, ``.git``, ``.trash``) aside."""
    found = []
    for folder, folders, names in os.walk(srcdir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        base = Path(folder).relative_to(srcdir)
        found += [(base / name).as_posix() for name in sorted(names) if not name.startswith(".")]
    return Vault(tuple(found))


def in_vault(page: Path, srcdir: Path) -> bool:
    """Whether a ``.obsidian/`` folder is in the page's folder or one above it, up to ``srcdir``."""
    folder = page.parent
    while True:
        if (folder / SETTINGS).is_dir():
            return True
        if folder == srcdir or srcdir not in folder.parents:
            return False
        folder = folder.parent


def names(text: str) -> Iterable[str]:
    """The names ``[[name]]``, ``[[name|words]]`` and ``[[name#heading]]`` on a page give."""
    for found in _WIKILINK.finditer(text) if "[[" in text else ():
        yield re.split(r"\\?\||#", found.group(2), maxsplit=1)[0]


def is_obsidian(text: str, page: Path, srcdir: Path, vault: Vault) -> bool:
    """Whether the page at ``page`` (``text``) is Obsidian's (see the module's docstring)."""
    if in_vault(page, srcdir):
        return True
    relative = page.relative_to(srcdir).as_posix()
    return any(vault.find(name, relative) is not None for name in names(text) if name.strip())
