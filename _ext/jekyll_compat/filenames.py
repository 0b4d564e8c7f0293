"""Find the file a page names, as a reader of the old site found it.

Plain Python, no Sphinx. Markdown percent-encodes an address (``café terrace.png``
arrives as ``caf%C3%A9%20terrace.png``), and a Mac saves ``café`` decomposed (NFD) while
the page writes it composed (NFC): kramdown and a web server found those files anyway,
so the publication must too.
"""

from __future__ import annotations

import difflib
import functools
import os
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from safety.filetypes import PICTURE_SUFFIXES


def find_file(path: Path) -> Path | None:
    """``path`` as written, or the same name in the other Unicode normal form."""
    for form in (None, "NFC", "NFD"):
        candidate = Path(unicodedata.normalize(form, str(path))) if form else path
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name too long, a NUL
            return None
    return None


def local_file(srcdir: Path, page_folder: Path, address: str, baseurl: str = "") -> Path | None:
    """The file inside ``srcdir`` that a page's relative or root-relative address names.

    ``/assets/x.png`` is relative to the source folder (the old site's root), anything else
    to the page's folder; the query and fragment are ignored, percent-escapes decoded. A file
    outside ``srcdir`` (``../``, a symlink out) is not found. A site served under
    ``baseurl: /smart`` wrote ``/smart/assets/x.png`` too: that is ``/assets/x.png``.
    """
    path = unquote(address.split("#", 1)[0].split("?", 1)[0])
    if not path or "\x00" in path:
        return None
    base = srcdir if path.startswith("/") else page_folder
    found = find_file(base / path.lstrip("/"))
    prefix = "/" + baseurl.strip("/") + "/"
    if found is None and prefix != "//" and path.startswith(prefix):
        found = find_file(srcdir / path[len(prefix):])
    if found is None:
        return None
    root = srcdir.resolve()
    resolved = found.resolve()
    return resolved if resolved.is_relative_to(root) else None


def _loose(name: str) -> str:
    """A file name as a reader compares two that look alike: no spaces, ``%20``, ``_`` or
    ``-``, any case."""
    return "".join(ch for ch in unquote(name) if ch not in " _-").casefold()


def _written(address: str, name: str) -> str:
    """``address`` with its last part replaced by ``name``, escaped as a Markdown address."""
    folder = address.split("#", 1)[0].split("?", 1)[0].rpartition("/")[0]
    return f"{folder}/{quote(name)}" if folder or address.startswith("/") else quote(name)


CLOSE_AMONG = 1_000
"""The most files a folder may have for a missing picture's close names to be looked for
among them (a hostile page naming thousands of missing pictures in a huge folder)."""


def missing_file_advice(srcdir: Path, page_folder: Path, address: str, limit: int = 20_000) -> str | None:
    """What a page's missing picture most likely is, for staff to mend the page: a file of
    nearly its name beside where it should be (spaces, ``%20``, ``_`` or ``-`` missing or
    added, another case: a web server on a Mac or Windows served
    ``Logo.PNG`` for ``logo.png``; a name close to it, a picture uploaded again under a new
    name), else a file of its name elsewhere in the source folder
    (the first ``limit`` files looked at), else where to add it. None: the address leads
    out of the source folder, or more than ``limit`` files were looked at."""
    path = unquote(address.split("#", 1)[0].split("?", 1)[0])
    if not path or "\x00" in path:
        return None
    srcdir = srcdir.resolve()
    try:
        wanted = ((srcdir if path.startswith("/") else page_folder.resolve()) / path.lstrip("/")).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if not wanted.is_relative_to(srcdir):  # no word of what is outside the pages
        return None
    try:
        beside = sorted(p.name for p in wanted.parent.iterdir() if p.is_file()) if wanted.parent.is_dir() else []
    except OSError:
        beside = []
    for name in beside:
        if name.casefold() == wanted.name.casefold():
            return (f"the folder has {name!r}: the case of its letters differs from the page's "
                    f"{wanted.name!r} (the old web server may have ignored case; the publication "
                    f"does not): write ({_written(address, name)}), or rename the file")
    for name in beside:
        if _loose(name) == _loose(wanted.name):
            spaces = "spaces" if " " in name or " " in wanted.name else "'_' or '-'"
            return (f"the folder has {name!r}: its name differs from the page's {wanted.name!r} "
                    f"in {spaces}: write ({_written(address, name)}), or rename the file")
    pictures = [name for name in beside if PurePosixPath(name).suffix.lower() in PICTURE_SUFFIXES]
    # only a picture: `chart.md` is close to `chart.png`, and no picture (safety refuses it)
    close = difflib.get_close_matches(wanted.name, pictures, n=1, cutoff=0.8) if len(beside) <= CLOSE_AMONG else []
    if close:
        return (f"the folder has {close[0]!r}, a name close to the page's {wanted.name!r}: if it "
                f"is that picture, write ({_written(address, close[0])})")
    return _elsewhere(srcdir, wanted, limit)


def _elsewhere(srcdir: Path, wanted: Path, limit: int) -> str | None:
    """A file of ``wanted``'s name in another folder of ``srcdir``, said as its address."""
    try:
        files = _files_by_name(str(srcdir), srcdir.stat().st_mtime_ns, limit)
    except OSError:
        return None
    if files is None:
        return None
    found = files.get(wanted.name.casefold())
    if found is not None:
        return (f"a file of that name is at '{found}': write "
                f"(/{quote(found)}), or move the file to '{wanted.relative_to(srcdir).as_posix()}'")
    return (f"no file of that name is in the source folder: add the picture as "
            f"'{wanted.relative_to(srcdir).as_posix()}', or remove it from the page")


@functools.lru_cache(maxsize=4)
def _files_by_name(srcdir: str, mtime_ns: int, limit: int) -> dict[str, str] | None:
    """Each file name (any case) in ``srcdir``'s folders, not hidden ones, to its first path:
    one walk for all the missing pictures of a build (kept while the source folder's own
    entries are unchanged, so a long-lived process may name a file moved since). None: more
    than ``limit`` files."""
    files: dict[str, str] = {}
    seen = 0
    for folder, subfolders, names in os.walk(srcdir):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            seen += 1
            if seen > limit:
                return None
            files.setdefault(name.casefold(), (Path(folder) / name).relative_to(srcdir).as_posix())
    return files
