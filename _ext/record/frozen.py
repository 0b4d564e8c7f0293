"""Whether a release folder is exactly what ``make release`` froze, before anything reads it.

Plain Python. A release folder comes from version control (a pull request can change
it) or from beside the source folder (``/tmp/editions`` for pages in ``/tmp/x``: anyone's),
and the build copies its files into the site. A release is published only when every
``SHA256SUMS`` line is a SHA-256 and a plain relative name, every file is a regular file
reached through no symbolic link, and its bytes hash to what its line says. (Who owns the
files is not asked: a CI checkout may belong to another user than the one building.) Files are opened one folder at a time with ``O_NOFOLLOW``, so a
link swapped in after the check is refused too, and the bytes published are the bytes
hashed (``read``).

What this proves is that the files are those ``SHA256SUMS`` lists; that ``SHA256SUMS`` is
the one ``make release`` wrote is vouched for by version control, where a change to
``editions/`` is a change to what the site serves and is reviewed as such.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUMS = "SHA256SUMS"
_DIGEST = re.compile(r"[0-9a-f]{64}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_OPEN_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_OPEN_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Tampered:
    """Why a release is not what was frozen, at its ``SHA256SUMS`` line (1 when no line is)."""

    line: int
    why: str


class NotFrozen(Exception):
    """A file that cannot be read as a frozen file (the message says why)."""


def name_problem(name: str) -> str | None:
    """Why ``name`` is not a plain relative path inside the release, or None."""
    if not name:
        return "an empty name"
    if _CONTROL.search(name) or "\\" in name:
        return f"{name!r} is not a plain relative path (a backslash or control character)"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return f"{name!r} is not a plain relative path (it is absolute)"
    parts = name.split("/")
    if "" in parts:
        return f"{name!r} is not a plain relative path (an empty segment)"
    if ".." in parts or "." in parts:
        return f"{name!r} is not a plain relative path (`..` or `.`)"
    return None


def entries(text: str) -> Iterator[tuple[int, str, str] | Tampered]:
    """``(line, digest, name)`` per line of a ``SHA256SUMS`` text, or what is wrong with it."""
    seen: set[str] = set()
    for number, line in enumerate(text.split("\n"), 1):
        if not line and number == text.count("\n") + 1:
            return
        digest, gap, name = line.partition("  ")
        if not gap:
            yield Tampered(number, f"{line!r} is not `<SHA-256>  <file>`")
        elif not _DIGEST.fullmatch(digest):
            yield Tampered(number, f"{digest!r} is not a SHA-256 (64 lowercase hex digits)")
        elif problem := name_problem(name):
            yield Tampered(number, problem)
        elif name in seen:
            yield Tampered(number, f"{name!r} is listed twice")
        else:
            seen.add(name)
            yield number, digest, name


def _open(folder: Path, name: str) -> int:
    """A descriptor of the regular file ``folder/name``, no symbolic link on the way."""
    try:
        fd = os.open(folder, _OPEN_DIR)
    except OSError as error:
        raise NotFrozen(f"the release folder cannot be opened as a folder of its own "
                        f"({error.strerror}; a symbolic link is refused)") from None
    try:
        *folders, last = name.split("/")
        for index, part in enumerate(folders):
            try:
                inner = os.open(part, _OPEN_DIR, dir_fd=fd)
            except OSError as error:
                raise NotFrozen(_refusal("/".join(folders[:index + 1]), error, fd, part)) from None
            os.close(fd)
            fd = inner
        try:
            file = os.open(last, _OPEN_FILE, dir_fd=fd)
        except OSError as error:
            raise NotFrozen(_refusal(name, error, fd, last)) from None
    finally:
        os.close(fd)
    info = os.fstat(file)
    if not stat.S_ISREG(info.st_mode):
        os.close(file)
        raise NotFrozen(f"{name!r} is not a regular file")
    return file


def _refusal(name: str, error: OSError, folder: int, part: str) -> str:
    """Why ``part`` (``name`` in the release) could not be opened: Linux says "not a folder"
    of a link opened as a folder, so a link is asked for by name."""
    try:
        link = stat.S_ISLNK(os.stat(part, dir_fd=folder, follow_symlinks=False).st_mode)
    except OSError:
        link = False
    if link or error.errno in (errno.ELOOP, errno.EMLINK):
        return f"{name!r} is a symbolic link, not a frozen file"
    if error.errno == errno.ENOTDIR:
        return f"{name!r} is not a folder"
    if error.errno == errno.ENOENT:
        return f"{name!r} is missing"
    return f"{name!r} cannot be read ({error.strerror})"


def read(folder: Path, name: str, digest: str | None = None) -> bytes:
    """The bytes of ``folder/name`` read without following a link; with ``digest``, only if
    they hash to it."""
    with os.fdopen(_open(folder, name), "rb") as handle:
        data = handle.read()
    if digest is not None and hashlib.sha256(data).hexdigest() != digest:
        raise NotFrozen(f"{name!r} is not the file that was frozen (its SHA-256 differs)")
    return data


def _hash(folder: Path, name: str) -> str:
    digest = hashlib.sha256()
    with os.fdopen(_open(folder, name), "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check(folder: Path) -> Tampered | None:
    """What is wrong with the release in ``folder``, or None if it is exactly as frozen."""
    try:
        text = read(folder, SUMS).decode("utf-8")
    except (NotFrozen, UnicodeDecodeError) as error:
        return Tampered(1, f"{SUMS} cannot be trusted: {error}")
    listed = set()
    for entry in entries(text):
        if isinstance(entry, Tampered):
            return entry
        line, digest, name = entry
        listed.add(name)
        try:
            if _hash(folder, name) != digest:
                return Tampered(line, f"{name!r} is not the file that was frozen (its SHA-256 "
                                      "differs from this line's)")
        except NotFrozen as error:
            return Tampered(line, str(error))
    if "passages.json" not in listed:
        return Tampered(1, f"{SUMS} does not list passages.json")
    return None
