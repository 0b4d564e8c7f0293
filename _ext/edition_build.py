"""Build one edition next to the last good one and swap it in: ``python _ext/edition_build.py``.

The Makefile calls it with the paths as arguments, so no path ever goes through shell
quoting (a ``BUILDDIR`` with spaces, quotes or ``$`` is just a path here)::

    edition_build.py BUILDDIR SOURCEDIR EDITION SPHINX-OPTION...

It builds ``BUILDDIR/EDITION.new`` with ``python -m sphinx SPHINX-OPTION... SOURCEDIR
BUILDDIR/EDITION.new`` and moves it into place only when Sphinx succeeded, so a failed or
killed build never replaces a good edition. The whole of ``BUILDDIR`` is locked while it
works (the editions share one doctree cache): a second build of the same folder waits for
the first, never interleaves with it. A build stopped between the two renames of the swap
leaves ``EDITION.old`` and no ``EDITION``: the next build puts it back before anything else.

``.new`` starts as a copy of the current edition so Sphinx's rebuilds stay incremental. A
copy, not hard links: Sphinx (``StandaloneHTMLBuilder.handle_page``, ``copyfile``) rewrites
output files in place, which through a hard link would change the live edition too.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

LOCK_NAME = ".build.lock"
USAGE = "usage: edition_build.py BUILDDIR SOURCEDIR EDITION [SPHINX-OPTION...]"


class BuildFolderProblem(Exception):
    """The folders cannot be built from or into (said in one line, no traceback)."""


def check_source(source: Path) -> None:
    """Refuse a missing or page-less source folder before Sphinx gives a crash report."""
    if not source.is_dir():
        raise BuildFolderProblem(f"SOURCEDIR {str(source)!r} is no folder (no such folder, or a file): "
                                 "give the folder of Markdown pages, e.g. make all SOURCEDIR=source")
    for path in source.rglob("*"):
        if path.suffix in (".md", ".markdown") and not any(
                part.startswith(("_", ".")) for part in path.relative_to(source).parts):
            return
    raise BuildFolderProblem(f"SOURCEDIR {str(source)!r} has no pages (no .md file outside folders "
                             "starting with _ or .): add a page, or give the right folder")


def recover(builddir: Path, edition: str) -> str | None:
    """Finish or undo a swap that was stopped half way; say what was done, if anything."""
    live, old = builddir / edition, builddir / f"{edition}.old"
    if not old.exists():
        return None
    if live.exists():  # the new edition was already in place: only the clean-up was missed
        shutil.rmtree(old)
        return None
    os.rename(old, live)
    return (f"{live}: restored the last good edition from {old.name} "
            "(an earlier build was stopped while swapping editions)")


def seed(builddir: Path, edition: str) -> Path:
    """A fresh ``EDITION.new``: a copy of the live edition (times kept, for incremental builds)."""
    live, new = builddir / edition, builddir / f"{edition}.new"
    if new.exists():
        shutil.rmtree(new)
    if live.is_dir():
        shutil.copytree(live, new, symlinks=True)
    return new


def swap(builddir: Path, edition: str) -> None:
    """Put ``EDITION.new`` in place of ``EDITION``; a stop between the renames is recovered."""
    live, new, old = (builddir / edition, builddir / f"{edition}.new",
                      builddir / f"{edition}.old")
    if live.exists():
        os.rename(live, old)
    os.rename(new, live)
    if old.exists():
        shutil.rmtree(old)


class BuildLock:
    """An exclusive lock on the build folder, released by the kernel if the process dies."""

    def __init__(self, builddir: Path) -> None:
        self.path = builddir / LOCK_NAME
        self.handle: int | None = None

    def __enter__(self) -> BuildLock:
        self.handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"{self.path.parent}: another build is using this folder; waiting for it to finish",
                  file=sys.stderr, flush=True)
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.handle is not None
        os.close(self.handle)  # closing releases the lock
        self.handle = None


def build(builddir: Path, source: Path, edition: str, sphinx_options: Sequence[str]) -> int:
    """Build, swap, and return the exit status (Sphinx's, or 2 for unusable folders)."""
    check_source(source)
    builddir.mkdir(parents=True, exist_ok=True)
    with BuildLock(builddir):
        note = recover(builddir, edition)
        if note:
            print(note, file=sys.stderr)
        new = seed(builddir, edition)
        command = [sys.executable, "-m", "sphinx", *sphinx_options, str(source), str(new)]
        status = subprocess.run(command, check=False).returncode
        if status != 0:
            print(f"{edition} edition not replaced: the build failed (its output is in {new})",
                  file=sys.stderr)
            return status
        swap(builddir, edition)
    print(f"{edition} edition: {builddir / edition}")
    return 0


def main(argv: Sequence[str]) -> int:
    if len(argv) < 3 or not argv[2] or "/" in argv[2] or argv[2].startswith("."):
        print(USAGE, file=sys.stderr)
        return 2
    builddir, source, edition, *options = argv
    try:
        return build(Path(builddir), Path(source), edition, options)
    except BuildFolderProblem as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: {edition} edition in {builddir!r}: {err.strerror or err} "
              f"({err.filename or builddir})", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
