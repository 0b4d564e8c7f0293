"""Where a file reference in a page really points, and whether the build may read it.

Plain Python (no Sphinx): a page may read files inside the source folder or inside the
folders a project lists in ``safe_include_paths``; anything else (``../`` out of it, an
absolute path, a symlink that leads out) is refused. Paths are compared after resolving
symlinks, so a link inside the folder to ``/etc`` is outside.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path


def resolve(reference: str, document_dir: Path, srcdir: Path, *, root_is_source: bool) -> Path | None:
    """The real path a reference names (``None`` when it cannot name a file at all).

    ``root_is_source``: Sphinx reads ``/x`` as ``<source>/x``; docutils' ``:file:`` reads it
    as the machine's ``/x``. Sphinx reads ``//x`` as the machine's ``/x`` too (POSIX keeps
    a root of two slashes, and ``relfn2path`` takes only a root of one): taking it as
    ``<source>/x`` published any file of the machine.
    """
    if not reference or "\x00" in reference:
        return None
    reference = "".join(line.strip() for line in reference.splitlines())
    path = Path(reference)
    if path.parts[:1] in {("/",), ("\\",)} and root_is_source:
        path = srcdir.joinpath(*path.parts[1:])
    elif not path.is_absolute():
        path = document_dir / path
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return None


CONTENT_FOLDERS = frozenset({".gitbook", ".attachments", ".github"})
"""Hidden folders that hold a site's own files: GitBook's pictures and files
(``.gitbook/assets/``), an Azure DevOps wiki's (``.attachments/``), GitHub's community pages."""


def hidden_part(path: Path | None, srcdir: Path) -> str | None:
    """The first hidden file or folder (``.env``, ``.git``) on ``path`` (resolved) below the
    source folder, or None: none, or one of :data:`CONTENT_FOLDERS` (not as the file itself)."""
    if path is None:
        return None
    try:
        parts = path.relative_to(os.path.realpath(srcdir)).parts
    except ValueError:
        parts = path.parts
    for at, part in enumerate(parts):
        if part.startswith(".") and part not in (".", "..") and \
                not (part in CONTENT_FOLDERS and at < len(parts) - 1):
            return part
    return None


def hidden_message(reference: str, part: str) -> str:
    """What to say of a hidden file a page reads or offers."""
    where = "a hidden file" if Path(reference).name == part else f"in the hidden folder {part!r}"
    return (f"{reference!r} is {where}, which Jekyll and GitHub Pages never publish and "
            "which may hold secrets (passwords, tokens), so it is not published; give a file "
            "meant for readers a name without the leading '.', outside such a folder")


def is_inside(path: Path, folders: Iterable[Path]) -> bool:
    """``path`` (already resolved) is one of ``folders`` or below one of them."""
    for folder in folders:
        folder = Path(os.path.realpath(folder))
        if path == folder or folder in path.parents:
            return True
    return False


def refused(reference: str, document_dir: Path, srcdir: Path, allowed: Iterable[Path] = (), *,
            root_is_source: bool = True) -> str | None:
    """Why the build must not read ``reference`` from a page in ``document_dir``, or ``None``."""
    path = resolve(reference, document_dir, srcdir, root_is_source=root_is_source)
    if path is None:
        return f"{reference!r} is not a usable file name"
    if is_inside(path, [srcdir, *allowed]):
        return None
    return (f"{reference!r} is outside the source folder (it is {path}); a page may only use "
            "files inside it, or inside a folder listed in `safe_include_paths` in conf.py")


_SPECIAL = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def not_a_file(path: Path | str) -> str | None:
    """Why ``path`` (links followed) may not be opened: a named pipe, a device or a socket
    (opening a FIFO waits for a writer for ever: one in the pages' folder stopped the build
    with no word). ``None`` for a file, a folder or nothing at all."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    what = next((name for test, name in _SPECIAL if test(mode)), None)
    if what is None:
        return None
    return (f"{os.path.basename(os.fspath(path))!r} is {what}, not a file: reading it would wait "
            "for ever, so it is not read; delete it, or put a regular file there")


def page_outside(path: Path | str, srcdir: Path | str,
                 folders: dict[str, str] | None = None) -> str | None:
    """Why the page file at ``path`` may not be read: it is a symlink (or lies in a linked
    folder) that leads outside the source folder (``passwd.md`` → ``/etc/passwd`` published
    the build machine's accounts). ``None`` for a page inside.

    ``folders`` remembers each folder's real path across the calls of one build: a page that
    is no link is its folder's real path plus its name, so a thousand pages in fifty folders
    cost fifty ``realpath`` calls, not a thousand (~50 ms of every rebuild). Paths are
    strings here: ``pathlib`` took ~25 ms of a one-page rebuild at 1,000 pages.
    """
    folders = {} if folders is None else folders
    path = os.fspath(path)
    try:
        if os.path.islink(path):
            real = os.path.realpath(path)
        else:
            folder, name = os.path.split(path)
            real = os.path.join(_real_folder(folder, folders), name)
        root = _real_folder(os.fspath(srcdir), folders)
    except (OSError, ValueError):
        return "its file cannot be resolved; it is not read"
    if real == root or real.startswith(os.path.join(root, "")):
        return None
    return (f"the page is a link to {real}, outside the source folder, so it is not read; "
            "copy the page into the source folder instead of linking to it")


def _real_folder(folder: str, known: dict[str, str]) -> str:
    if folder not in known:
        known[folder] = os.path.realpath(folder)
    return known[folder]
