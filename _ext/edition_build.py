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
output files in place, which through a hard link would change the live edition too. The
edition a swap replaces is kept as ``EDITION.previous`` and becomes the next ``.new``: only
the files that differ from the live edition (size or modification time; what the last build
wrote) are copied again, so a one-page rebuild neither copies the whole site (~200 MB at
1000 pages) nor deletes it, which on a disk mounted with ``discard`` costs seconds.

``EDITION`` ``all`` is ``make all``: the PDF, the ePub and the site (last, so it ships the
other two), each swapped in on its own, in ONE Python process under one lock: Sphinx runs
in this process (``build_main``, the function behind ``python -m sphinx``), so Python starts
and Sphinx is imported once, not three times (imports were 63-73 % of each builder's
process for our publication: ``bench/results.md``). An edition that fails keeps the last
good one and the others are still built; the exit status then says so. Every edition is
also built in each translation (``languages.build``), in a process of its own that runs
beside the source-language build, before it is swapped in.
"""

from __future__ import annotations

import fcntl
import gc
import os
import re
import shutil
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

LOCK_NAME = ".build.lock"
USAGE = ("usage: edition_build.py BUILDDIR SOURCEDIR EDITION|all [SPHINX-OPTION...]\n"
         "       edition_build.py BUILDDIR SOURCEDIR clean CONFDIR")
BUILDERS = {"pdf": "typst", "epub": "epub", "html": "html"}
"""Each edition's Sphinx builder, in ``make all``'s order: the site last, so it ships the others."""


class BuildFolderProblem(Exception):
    """The folders cannot be built from or into (said in one line, no traceback)."""


class Interrupted(BaseException):
    """Ctrl-C (SIGINT). Not a ``KeyboardInterrupt``: Sphinx's ``build_main`` catches that,
    says "Interrupted!" and returns as from a failed build, so ``make all`` went on to
    build and swap in the next edition."""


def _interrupt(signum: int, frame: Any) -> None:
    raise Interrupted


def count_pages(source: Path) -> int:
    """The pages Sphinx will read (outside folders starting with ``_`` or ``.``, and the
    posts, collections and pages written in HTML of an old Jekyll site)."""
    endings = page_endings(source)
    count = 0
    posts: list[str] = []
    for root, folders, files in os.walk(source):  # as rglob: symbolic links to folders not followed
        posts += [os.path.join(root, name) for name in folders if name == "_posts"]
        folders[:] = [name for name in folders if not name.startswith(PRIVATE)]
        count += sum(1 for name in (*folders, *files)
                     if name.endswith(endings) and not name.startswith(PRIVATE))
    for folder in posts:
        for root, _, files in os.walk(folder):
            count += sum(1 for name in files if name.endswith(endings)
                         and _is_post(source, Path(root, name)))
    if not (source / "_config.yml").is_file():
        return count
    return count + _collection_pages(source, endings) + _html_pages(source)


def page_endings(source: Path) -> tuple[str, ...]:
    """How a page's file name ends (``.md``, ``.MD``, ``.mkd`` …; an old site's ``markdown_ext``)."""
    from pagesource.suffixes import JEKYLL, spellings

    if not (source / "_config.yml").is_file():
        return spellings(JEKYLL)
    from jekyll_compat import markdown_suffixes

    return spellings(markdown_suffixes(source))


def _is_post(source: Path, path: Path) -> bool:
    """A Jekyll post, which is read where it is (``_posts/2016-09-08-welcome.md``)."""
    from jekyll_compat.posts import is_post_path

    return is_post_path(path.relative_to(source).as_posix())


PRIVATE = ("_", ".")


def _html_pages(source: Path) -> int:
    """An old Jekyll site's pages written in HTML (``contact/index.html``, front matter first):
    a site may have no others, and the build reads them (``jekyll_compat``)."""
    from jekyll_compat import leftout

    return len(leftout.html_pages(source))


def _collection_pages(source: Path, endings: tuple[str, ...]) -> int:
    """The pages in the collections an old Jekyll site published (``_projects/``)."""
    from jekyll_compat import inplace, jekyll_config

    return sum(1 for folder in inplace.published_collections(source, jekyll_config(source))
               for path in (source / folder).rglob("*") if path.name.endswith(endings))


def _unread_collections(source: Path) -> str | None:
    """Why a folder whose only pages are in ``_``-folders has none to build when its
    ``_config.yml``, whose ``collections:`` may publish them, cannot be read: at its line."""
    if not (source / "_config.yml").is_file():
        return None
    from jekyll_compat import leftout, unreadable_config

    broken = unreadable_config(source)
    held = leftout.left_out(source, {}, page_endings(source)) if broken else []
    if not broken or not held:
        return None
    line, why = broken
    folders = ", ".join(f"'{gone.folder}/' ({gone.pages} page(s))" for gone in held)
    return (f"{source / '_config.yml'}:{line}: '_config.yml' cannot be read ({why}), so the "
            f"collections it may publish are not known, and the pages in {folders} are all this "
            "folder has: fix '_config.yml' at that line (a value starting with '{' or '[', "
            "such as '{{ site.baseurl }}/…', needs quotes), or rename a folder without its '_'")


def check_source(source: Path) -> int:
    """Refuse a missing or page-less source folder before Sphinx gives a crash report; the pages."""
    if not source.is_dir():
        raise BuildFolderProblem(f"SOURCEDIR {str(source)!r} is no folder (no such folder, or a file): "
                                 "give the folder of Markdown pages, e.g. make all SOURCEDIR=source")
    pages = count_pages(source)
    if not pages and (unread := _unread_collections(source)):
        raise BuildFolderProblem(unread)
    if not pages:
        raise BuildFolderProblem(f"SOURCEDIR {str(source)!r} has no pages (no .md file outside folders "
                                 "starting with _ or ., no Jekyll post, no .html page with front matter beside a _config.yml, "
                                 "nor in a Jekyll collection published by its _config.yml): add a "
                                 "page, or give the right folder")
    return pages


def check_folders(builddir: Path, source: Path) -> None:
    """Refuse a build folder that would replace the pages: the source folder itself (through
    a link too), a folder inside it that Sphinx reads (its ``html/`` of pages was swapped out
    for the site), or a folder around it whose edition folder holds it. A path starting with
    ``-`` is refused too: Sphinx would read it as an option."""
    for name, path in (("BUILDDIR", builddir), ("SOURCEDIR", source)):
        if str(path).startswith("-"):
            raise BuildFolderProblem(f"{name} {str(path)!r} starts with '-', which the build would "
                                     f"read as an option: write it as ./{path}")
    build, pages = Path(os.path.realpath(builddir)), Path(os.path.realpath(source))
    editions = [build / f"{name}{suffix}" for name in (*BUILDERS, "doctrees")
                for suffix in ("", ".new", ".previous", ".old")]
    inside_pages = pages in build.parents and not any(
        part.startswith(PRIVATE) for part in build.relative_to(pages).parts)
    if build == pages or inside_pages or any(e == pages or e in pages.parents for e in editions):
        raise BuildFolderProblem(
            f"BUILDDIR {str(builddir)!r} and SOURCEDIR {str(source)!r} overlap: building would "
            "replace pages with the editions (html/, pdf/, epub/); give a build folder outside the "
            "pages, or one inside them whose name starts with _ (e.g. BUILDDIR=_build)")


def check_not_precious(builddir: Path, keep: Sequence[tuple[str, Path]], doing: str) -> None:
    """Refuse a build folder that is, or holds, one of ``keep`` (name, path): ``make all``
    writes ``html/``, ``pdf/``, ``epub/`` and ``doctrees/`` into it and swaps them (a folder
    of that name already there is renamed, then deleted), so ``BUILDDIR=~`` or
    ``BUILDDIR=/`` replaced such a folder of someone's; ``make clean`` deletes it all."""
    build = Path(os.path.realpath(builddir))
    for name, path in keep:
        real = Path(os.path.realpath(path))
        if real == build or build in real.parents:
            raise BuildFolderProblem(
                f"BUILDDIR {str(builddir)!r} {'is' if real == build else 'holds'} {name} ({real}): "
                f"{doing}; give a folder of its own for the build, e.g. BUILDDIR=_build")


def precious(source: Path, confdir: Path | None) -> list[tuple[str, Path]]:
    """The folders no build folder may be or hold: the pages, the project, home, the root."""
    found = [("the file system's root", Path("/")), ("the pages (SOURCEDIR)", source)]
    if confdir is not None:
        found.append(("the project (CONFDIR)", confdir))
    return [*found, ("your home folder", Path.home())]


def published_as_is(confdir: Path | None) -> list[Path]:
    """The folders ``conf.py``'s ``html_static_path`` and ``html_extra_path`` name: Sphinx
    copies every file in them into the site as it is (none when ``conf.py`` cannot be read:
    Sphinx says why)."""
    if confdir is None or not (confdir / "conf.py").is_file():
        return []
    import runpy

    try:
        settings = runpy.run_path(str(confdir / "conf.py"))
        entries = [*settings.get("html_static_path", ()), *settings.get("html_extra_path", ())]
        return [confdir / entry for entry in entries if isinstance(entry, (str, os.PathLike))]
    except Exception:  # noqa: BLE001 - Sphinx reads conf.py next and reports what is wrong
        return []


def check_not_published(builddir: Path, source: Path, published: Sequence[Path]) -> None:
    """Refuse a build folder, or a folder of pages, inside a folder the site publishes as it
    is: ``BUILDDIR=_static`` put the doctree cache into the project's ``_static/`` and the
    site published it (every page's source in ``pagesource.pickle``, unpublished pages and
    drafts too), with the last site inside the next; pages there were published as Markdown."""
    for folder in published:
        shared = Path(os.path.realpath(folder))
        for name, path in (("BUILDDIR", builddir), ("SOURCEDIR", source)):
            real = Path(os.path.realpath(path))
            if real == shared or shared in real.parents:
                what = ("the build's cache (every page's source, unpublished ones too)"
                        if name == "BUILDDIR" else "the pages' Markdown (unpublished pages too)")
                raise BuildFolderProblem(
                    f"{name} {str(path)!r} is in {str(folder)!r}, whose every file the site "
                    f"publishes as it is: {what} would be on the site, so nothing is built; "
                    f"give a folder outside it, e.g. {name}={'_build' if name == 'BUILDDIR' else 'source'}")


EDITION_MARKS = {"html": (".buildinfo", "# Sphinx build info"),
                 "epub": (".buildinfo", "# Sphinx build info"),
                 "pdf": ("book.typ", "// The book layout of the PDF edition")}
"""The file, and how it starts, that every edition a build made holds (Sphinx's build
record; the PDF's layout, copied beside the book)."""


def made_by_a_build(folder: Path, edition: str) -> bool:
    """Whether ``folder`` is an edition a build made (or an empty folder: nothing to lose)."""
    name, start = EDITION_MARKS.get(edition, (None, ""))
    try:
        if name is None or not any(folder.iterdir()):
            return True
        with open(folder / name, "rb") as mark:
            return mark.read(len(start)).decode("utf-8", "replace") == start
    except OSError:
        return False


SWAPS = ("", ".new", ".old", ".previous")
"""An edition's folder and its swap's (:func:`seed`, :func:`swap`, :func:`recover`)."""


def made_here(builddir: Path, name: str) -> bool:
    """Whether ``builddir/name`` (an edition's folder or its swap's) is a build's to replace.

    A ``.new`` a stopped first build left may lack the mark Sphinx writes last: it is a
    build's when a build ever locked the folder."""
    edition, _, swap_name = name.partition(".")
    if edition not in EDITION_MARKS or made_by_a_build(builddir / name, edition):
        return True
    return swap_name == "new" and (builddir / LOCK_NAME).exists()


def check_editions_made_here(builddir: Path, editions: Sequence[str]) -> None:
    """Refuse a build folder whose ``html/``, ``epub/`` or ``pdf/`` no build made, or their
    ``.new``, ``.old`` or ``.previous``.

    ``make all BUILDDIR=/var/www`` took the web server's own ``html/`` as the last site: its
    files were copied into the new one and published, and the folder was kept as
    ``html.previous`` only until the next build deleted it. An admin's backup ``html.old``
    was taken for a swap stopped half way: published too, then deleted."""
    foreign = [f"{edition}{swap_name}/" for edition in editions for swap_name in SWAPS
               if (builddir / f"{edition}{swap_name}").is_dir()
               and not made_here(builddir, f"{edition}{swap_name}")]
    if foreign:
        raise BuildFolderProblem(
            f"BUILDDIR {str(builddir)!r} holds {' and '.join(foreign)}, which no build made: "
            "building would publish its files in the new edition and delete the folder at the "
            "next build, so nothing is built; give a folder of its own for the build, e.g. "
            "BUILDDIR=_build, or move that folder away")


def confdir_of(options: Sequence[str]) -> Path | None:
    """The folder of ``conf.py`` Sphinx is given (``-c``), as the Makefile always passes it."""
    options = list(options)
    for index, option in enumerate(options[:-1]):
        if option in ("-c", "--conf-dir"):
            return Path(options[index + 1])
    return None


PARALLEL_FROM = 500
"""``-j auto`` reads and writes in parallel from this many pages; below, one process is faster.

Measured on the 2-core machine ``make bench`` runs on (``make html``, clean): at 100 pages
3.97 s wall with ``-j 1`` against 4.6 s with ``-j auto``, at the 177-page City-style site
4.2-4.8 s against 4.2-5.6 s. At 340 pages, on a quiet machine, a tie before the write
phase's collector fix (``buildcache.doctrees``, which only a serial build gets): serial
8.8-9.0 s wall, 8.7-9.0 s CPU, ``-j auto`` 8.7-10.3 s wall, 12.3-14.7 s CPU; after it,
six interleaved runs each on a shared machine (load 6 to 22): serial 16.5-35.7 s wall,
6.6-8.2 s CPU, ``-j auto`` 24.0-62.6 s wall, 9.6-11.7 s CPU. At 1,000 pages parallel won
on a quiet-ish machine before (31-48 s against 34-37 s wall) and loses on a loaded one now
(301 s against 265 s wall, 41.5 s against 25.4 s CPU). Sphinx's workers fork, read, and
send their part of the environment back, and the main process collects over it: that
costs ~40 % more CPU, which pays only when a core is free and the site is large.
"""


def jobs(options: Sequence[str], pages: int) -> list[str]:
    """``options`` with ``-j auto`` made ``-j 1`` for a site under :data:`PARALLEL_FROM` pages."""
    options = list(options)
    for index, option in enumerate(options[:-1]):
        if option in ("-j", "--jobs") and options[index + 1] == "auto" and pages < PARALLEL_FROM:
            options[index + 1] = "1"
    return options


def check_jobs(options: Sequence[str]) -> None:
    """Refuse a ``-j`` (``JOBS=``) that is neither ``auto`` nor a whole number from 1: Sphinx
    printed its usage and argparse's error, and the build then said it was strict, each
    WARNING above failing it, where there was none."""
    for index, option in enumerate(options[:-1]):
        if option not in ("-j", "--jobs"):
            continue
        value = options[index + 1]
        try:
            fine = value == "auto" or int(value) > 0
        except ValueError:
            fine = False
        if not fine:
            raise BuildFolderProblem(f"JOBS={value!r} is not a number of processes: write a whole "
                                     "number from 1 (JOBS=4) or JOBS=auto (one per core)")


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


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _kind(entry: os.DirEntry) -> str:
    if entry.is_symlink():
        return "link"
    if entry.is_dir(follow_symlinks=False):
        return "dir"
    return "file" if entry.is_file(follow_symlinks=False) else "other"


def mirror(live: Path | str, copy: Path | str) -> None:
    """Make ``copy`` hold exactly what ``live`` holds (bytes, modes, times), copying only what differs.

    A file is copied when its size or modification time (ns) differs from the live one's,
    as ``rsync`` decides: a file a build writes gets that build's time, a copy keeps the
    time of what it copies. Links are copied as links, anything else in ``live`` is left out.
    (Paths as strings: a site of 1,000 pages has ~2,300 entries to compare.)
    """
    with os.scandir(live) as entries:
        wanted = {entry.name: entry for entry in entries if _kind(entry) != "other"}
    with os.scandir(copy) as entries:
        present = {entry.name: entry for entry in entries}
    for name, entry in list(present.items()):
        if name not in wanted or _kind(entry) != _kind(wanted[name]):
            _remove(Path(entry.path))
            del present[name]
    for name, entry in wanted.items():
        target, kind = os.path.join(copy, name), _kind(entry)
        if kind == "dir":
            if name not in present:
                os.mkdir(target)
                shutil.copystat(entry.path, target)
            mirror(entry.path, target)
        elif kind == "link":
            link = os.readlink(entry.path)
            if name not in present or os.readlink(target) != link:
                if name in present:
                    os.unlink(target)
                os.symlink(link, target)
        else:
            have, want = present.get(name), entry.stat(follow_symlinks=False)
            if have is None:
                shutil.copy2(entry.path, target, follow_symlinks=False)
            elif not _same_file(have.stat(follow_symlinks=False), want):
                _overwrite(entry.path, target)


def _overwrite(source: str, target: Path | str) -> None:
    """Copy ``source`` over ``target`` in place, then its mode and times.

    Not truncated first: on a disk mounted with ``discard`` freeing a file's blocks and
    taking new ones costs four times the copy (1,000 pages: 0.7 s against 0.17 s). The
    copy is this build's own (``EDITION.new``), never linked to the live edition.
    """
    with open(source, "rb") as reader, open(target, "r+b") as writer:
        shutil.copyfileobj(reader, writer, 1 << 20)
        writer.truncate()
    shutil.copystat(source, target, follow_symlinks=False)


def _same_file(have: os.stat_result, want: os.stat_result) -> bool:
    return (have.st_size, have.st_mtime_ns, have.st_mode) == (want.st_size, want.st_mtime_ns,
                                                              want.st_mode)


def seed(builddir: Path, edition: str) -> Path:
    """``EDITION.new`` made a copy of the live edition (times kept, for incremental builds).

    It starts from what is there to start from: a failed build's ``.new`` or the edition
    the last swap replaced (``.previous``), brought up to date by :func:`mirror`.
    """
    live, new, previous = (builddir / edition, builddir / f"{edition}.new",
                           builddir / f"{edition}.previous")
    if not (new.is_dir() and not new.is_symlink()):
        if new.exists() or new.is_symlink():
            _remove(new)
        if previous.is_dir() and not previous.is_symlink():
            os.rename(previous, new)
    if not live.is_dir():
        if new.exists():
            shutil.rmtree(new)
    elif new.exists():
        mirror(live, new)
    else:
        shutil.copytree(live, new, symlinks=True)
    return new


def swap(builddir: Path, edition: str) -> None:
    """Put ``EDITION.new`` in place of ``EDITION``; a stop between the renames is recovered.

    The replaced edition is kept as ``EDITION.previous``, the start of the next ``.new``.
    """
    live, new, old, previous = (builddir / edition, builddir / f"{edition}.new",
                                builddir / f"{edition}.old", builddir / f"{edition}.previous")
    if live.exists():
        os.rename(live, old)
    os.rename(new, live)
    if old.exists():
        if previous.exists() or previous.is_symlink():
            _remove(previous)
        os.rename(old, previous)


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


def sphinx_options(builddir: Path, edition: str, options: Sequence[str]) -> list[str]:
    """The options for one edition: its builder unless given; the site finds the other editions."""
    options = list(options)
    if "-b" not in options:
        if edition not in BUILDERS:
            raise BuildFolderProblem(f"no builder for the edition {edition!r}: give -b BUILDER")
        options = ["-b", BUILDERS[edition], *options]
    if edition == "html" and not any(o.startswith("editions_dir=") for o in options):
        options += ["-D", f"editions_dir={builddir}"]
    return options


def run_sphinx(argv: list[str]) -> int:
    """One ``python -m sphinx`` run, in this process; its exit status."""
    from sphinx.cmd.build import build_main

    if not sys.stdout.isatty():  # Sphinx colours whenever CI=true: plain file:line lines in a log
        argv = ["--no-color", *argv]
    # Nothing to collect while extensions are imported and the last environment is loaded;
    # buildcache.memory turns the collector back on when the builder starts.
    gc.disable()
    try:
        return build_main(argv)
    except SystemExit as stop:  # Sphinx ends argument errors with SystemExit
        return stop.code if isinstance(stop.code, int) else 1
    finally:
        gc.enable()  # whatever a build that stopped early left (buildcache.memory)


def start_translations(builddir: Path, source: Path, new: Path, options: list[str],
                       workers: Any) -> list:
    """Start the same edition in every language of ``publication_languages``, into ``new``."""
    from languages.build import start

    builder, rest, skip = "", [], False
    for option, following in zip(options, [*options[1:], ""]):
        if skip:
            skip = False
            continue
        if option in ("-b", "-d"):  # each translation has its own doctree cache
            builder = following if option == "-b" else builder
            skip = True
            continue
        rest.append(option)
    return start(builder, str(source), str(new), str(builddir), rest, workers)


def build_one(builddir: Path, source: Path, edition: str, options: Sequence[str],
              workers: Any) -> int:
    """Build one edition into ``EDITION.new`` and swap it in (the caller holds the lock).

    The translations start first and build beside the source-language build (each language
    in its own process, kept by ``workers`` for its next edition, with its own doctree
    cache); their output is shown after it, and not at all if it fails.
    """
    from languages.build import finish, stop

    note = recover(builddir, edition)
    if note:
        print(note, file=sys.stderr)
    options = sphinx_options(builddir, edition, options)
    new = seed(builddir, edition)
    translations = start_translations(builddir, source, new, options, workers)
    status = run_sphinx([*options, str(source), str(new)])
    if status != 0:
        stop(translations)
    else:
        status = finish(translations)
    if status != 0:
        print(f"{edition} edition not replaced: the build failed (its output is in {new})",
              file=sys.stderr)
        if (advice := strict_advice(options)) and not isinstance(sys.stderr, SaidOnce):
            print(f"make {edition}: {advice.removeprefix('; ')}", file=sys.stderr)  # make all: at its end
        return status
    swap(builddir, edition)
    print(f"{edition} edition: {builddir / edition}", flush=True)
    return 0


_ADVICE = re.compile(r":\d+: .*\[[\w-]+\.[\w.-]+\]\s*$")
"""A note at a file's line with its kind (the plain-language advice of a strict build, which
every builder gives as information, not as a warning)."""


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_REMOTE_PICTURE = re.compile(
    r"(?P<at>.*?:\d+): WARNING: (?:image '(?P<pdf>[^'\n]*)' is left out of the PDF: remote images|"
    r"the picture '(?P<other>[^'\n]*)' is on another site, and (?:an ePub|the website))"
    r".*\[(?P<kind>pdf\.image|epub\.remote-image|security\.remote-picture)\]\s*$", re.S)
"""Each edition's word on a picture on another site (``![a](https://example.org/p.png)``):
one mistake at one file:line, which ``make all`` says once, for all three editions."""


def remote_picture(text: str) -> tuple[tuple[str, str], str] | None:
    """The (file:line, address) of an edition's warning about a picture on another site, and
    the one message that says what every edition does with it; None for any other text."""
    found = _REMOTE_PICTURE.match(_COLOUR.sub("", text))
    if found is None:
        return None
    at, url = found["at"], found["pdf"] if found["pdf"] is not None else found["other"]
    return (at, url), (
        f"{at}: WARNING: the picture '{url}' is on another site, and no edition loads pictures "
        "from other sites: the PDF prints its alt text, the ePub its description, the website a "
        "link to it with its description. Save the picture into the project to show it in "
        f"every edition [{found['kind']}]\n")


_DUPLICATE_LABEL = re.compile(
    r"(?P<file>.*?)(?P<line>:\d+)?: WARNING: the label '(?P<label>[^'\n]*)' is also given on "
    r"'(?P<other>[^\n]*)'; a link to it leads.*\[link\.duplicate-target\]\s*$", re.S)
"""A label given on two pages: the build that reads the second page says it there, naming
the first; a later edition that re-reads the first says it the other way round."""


def _names(path: str, relative: str) -> bool:
    """Whether a warning's file is the page a message names relative to the source folder."""
    return path == relative or path.endswith(("/" + relative, os.sep + relative))


def duplicate_label(text: str) -> tuple[str, str, str, str] | None:
    """(label, warning's file, page it names, line) of a label given on two pages, else None."""
    found = _DUPLICATE_LABEL.match(_COLOUR.sub("", text))
    return (found["label"], found["file"], found["other"], found["line"] or "") if found else None


class SaidOnce:
    """``make all``'s warning stream: a problem an earlier edition already showed is not shown
    again. Sphinx still counts it (the count is taken before the stream), so under ``-W`` every
    edition it touches fails as before; staff read each ``file:line`` once, not once per edition
    (a page with a missing picture is read again by every builder, and says so each time)."""

    def __init__(self, stream: Any, kept: Any = None) -> None:
        self.stream, self.said, self.repeats = stream, set(), 0
        self.labels: list[tuple[str, str, str, str]] = []
        self.kept = kept or (lambda text: "WARNING: " in text or "ERROR: " in text)

    def write(self, text: str) -> int:
        picture = remote_picture(text)  # the three editions' words on it are one message
        key = picture[0] if picture else text
        if label := duplicate_label(text):  # the same two pages, perhaps named the other way
            key = next((said for said in self.labels if said[0] == label[0] and _names(
                label[1], said[2]) and _names(said[1], label[2])), label)
        if key in self.said:
            self.repeats += 1
            return len(text)
        if self.kept(text):
            self.said.add(key)
            if label:
                self.labels.append(label)
        if picture:
            self.stream.write(picture[1])
            return len(text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def build(builddir: Path, source: Path, edition: str, sphinx_options: Sequence[str]) -> int:
    """Build, swap, and return the exit status (Sphinx's, or 2 for unusable folders)."""
    check_jobs(sphinx_options)
    check_folders(builddir, source)
    check_not_precious(builddir, precious(source, confdir_of(sphinx_options)),
                       "building would put the editions' folders into it and replace any "
                       "folder there named like one (html/, pdf/, epub/, doctrees/), so nothing "
                       "is built")
    check_not_published(builddir, source, published_as_is(confdir_of(sphinx_options)))
    check_editions_made_here(builddir, list(BUILDERS) if edition == "all" else [edition])
    sphinx_options = jobs(sphinx_options, check_source(source))
    builddir.mkdir(parents=True, exist_ok=True)
    from languages.build import Workers
    from lean_start import builder_of, leave_out

    leave_out(BUILDERS.values() if edition == "all" else
              [builder_of(sphinx_options) or BUILDERS.get(edition, "")])

    with BuildLock(builddir), Workers() as workers:
        if edition != "all":
            return build_one(builddir, source, edition, sphinx_options, workers)
        stderr = sys.stderr = SaidOnce(sys.stderr)
        stdout = sys.stdout = SaidOnce(sys.stdout, _ADVICE.search)
        try:
            failed = [name for name in BUILDERS
                      if build_one(builddir, source, name, sphinx_options, workers) != 0]
        finally:
            sys.stderr, sys.stdout = stderr.stream, stdout.stream
    if stdout.repeats:
        print(f"make all: {stdout.repeats} note(s) an earlier edition had already shown "
              "were not repeated")
    if stderr.repeats:
        print(f"make all: {stderr.repeats} warning(s) an earlier edition had already shown "
              "were not repeated", file=sys.stderr)
    if failed:
        built = [name for name in BUILDERS if name not in failed]
        print(f"make all: these editions failed: {' '.join(failed)} "
              f"({'the others were built' if built else 'none was built'}; any edition "
              f"built before stays as it was){strict_advice(sphinx_options)}", file=sys.stderr)
        return 1
    return 0


def strict_advice(options: Sequence[str]) -> str:
    """What a strict build that failed asks of its reader: every warning fails it."""
    if "-W" not in options:
        return ""
    return ("; the build is strict, so each WARNING above (file:line) fails it: fix them, "
            "or build the editions anyway with STRICT=0")


def write_bytecode(root: Path = Path(__file__).resolve().parent) -> None:
    """Compile ``root`` (``_ext``) to ``__pycache__`` when Python was told not to write bytecode.

    With ``PYTHONDONTWRITEBYTECODE`` set (many container images and CI machines, and the
    machine ``make bench`` runs on) every build process compiled the extensions' 13,000
    lines again: ~0.15 s of CPU per process, three processes in ``make all``. Their
    bytecode is written as pip writes the installed packages' (which that setting does not
    stop either), into ``__pycache__`` folders git ignores. A file is compiled again when
    its bytecode does not name its source's time and size, as Python checks on import
    (:func:`_fresh`: 2 ms for the whole folder, where ``compileall`` took 8). A folder that
    cannot be written to is left as it is.
    """
    if not sys.dont_write_bytecode:
        return  # Python writes it on import
    import importlib.util
    import py_compile

    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if name != "__pycache__"]
        for name in files:
            if name.endswith(".py"):
                source = os.path.join(folder, name)
                cached = importlib.util.cache_from_source(source)
                if not _fresh(source, cached):
                    try:
                        py_compile.compile(source, cached, doraise=True)
                    except (OSError, py_compile.PyCompileError):
                        continue  # Python compiles it in memory on import, and says what is wrong


def _fresh(source: str, cached: str) -> bool:
    """``cached`` is bytecode of this Python for ``source`` as it is now (time and size)."""
    import importlib.util

    try:
        status = os.stat(source)
        with open(cached, "rb") as stream:
            header = stream.read(16)
    except OSError:
        return False
    return (len(header) == 16 and header[:4] == importlib.util.MAGIC_NUMBER
            and int.from_bytes(header[4:8], "little") == 0
            and int.from_bytes(header[8:12], "little") == int(status.st_mtime) & 0xFFFFFFFF
            and int.from_bytes(header[12:16], "little") == status.st_size & 0xFFFFFFFF)


def clean(builddir: Path, keep: Sequence[tuple[str, Path]]) -> None:
    """``make clean``: delete the build folder, unless it holds what it must not delete.

    ``rm -rf -- $(BUILDDIR)`` took any folder: ``BUILDDIR=.`` deleted the project with its
    pages, ``BUILDDIR=$(SOURCEDIR)`` the pages, ``BUILDDIR=~`` a home folder. A folder that
    is or holds one of ``keep`` (name, path) is refused, and so is a folder of pages (inside
    the first, not named ``_…`` or ``.…``: ``check_folders``' rule); a link is removed, not
    followed."""
    build = Path(os.path.realpath(builddir))
    for index, (name, path) in enumerate(keep):
        real = Path(os.path.realpath(path))
        pages_inside = index == 0 and real in build.parents and not any(
            part.startswith(PRIVATE) for part in build.relative_to(real).parts)
        if real == build or build in real.parents or pages_inside:
            raise BuildFolderProblem(
                f"BUILDDIR {str(builddir)!r} {'is a folder of' if pages_inside else 'holds'} "
                f"{name} ({real}): make clean would delete it, "
                "so nothing is deleted; give the build folder itself, e.g. BUILDDIR=_build")
    if builddir.is_symlink() or (builddir.exists() and not builddir.is_dir()):
        builddir.unlink()
    elif builddir.exists():
        if foreign := not_built_here(builddir):
            raise BuildFolderProblem(
                f"BUILDDIR {str(builddir)!r} holds what no build made ({', '.join(foreign[:3])}"
                f"{', …' if len(foreign) > 3 else ''}): make clean would delete it, so nothing is "
                "deleted; give the build folder itself, e.g. BUILDDIR=_build")
        shutil.rmtree(builddir)


BUILT = re.compile(r"(?:html|pdf|epub|typst|doctrees|gettext|linkcheck|serve|latex|text|man|texinfo"
                   r"|singlehtml|dirhtml|xml|pseudoxml|json|pickle|changes|dummy)"
                   r"(?:-[\w-]+)?(?:\.(?:new|old|previous))?|\.build\.lock|\.buildinfo")
"""What a build folder holds: each edition and Sphinx builder's folder (``-es``: a language;
``.new``, ``.old``, ``.previous``: a swap's), the lock."""


def not_built_here(builddir: Path) -> list[str]:
    """The entries of ``builddir`` no build made: ``make clean BUILDDIR=_ext`` (or
    ``editions``, where the releases of record are, or ``.git``) would have deleted the
    project's code, its frozen editions or its history, none of them the pages, the
    project or home, which :func:`clean` guards by name. An ``html/``, ``epub/`` or ``pdf/``
    (or its ``.new``, ``.old``, ``.previous``) counts only when a build made it
    (:func:`made_here`): a web server's ``html/``, its admin's ``html.old``."""
    return sorted(entry.name + ("/" if entry.is_dir() else "") for entry in builddir.iterdir()
                  if not BUILT.fullmatch(entry.name)
                  or (entry.name.partition(".")[0] in EDITION_MARKS and entry.is_dir()
                      and not entry.is_symlink() and not made_here(builddir, entry.name)))


def main(argv: Sequence[str]) -> int:
    if len(argv) == 4 and argv[2] == "clean":  # BUILDDIR SOURCEDIR clean CONFDIR
        try:
            clean(Path(argv[0]), [("the pages (SOURCEDIR)", Path(argv[1])),
                                  ("the project (CONFDIR)", Path(argv[3])),
                                  ("your home folder", Path.home())])
        except (BuildFolderProblem, OSError) as problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        return 0
    # Imports make a million objects and almost no garbage: the collector's passes over them
    # were ~12 % of importing Sphinx, MyST and the theme. run_sphinx and buildcache.memory
    # turn it on for the build itself.
    gc.disable()
    write_bytecode()
    if len(argv) < 3 or not argv[2] or "/" in argv[2] or argv[2].startswith("."):
        print(USAGE, file=sys.stderr)
        return 2
    builddir, source, edition, *options = argv
    signal.signal(signal.SIGINT, _interrupt)
    try:
        return build(Path(builddir), Path(source), edition, options)
    except Interrupted:
        print(f"make {edition}: interrupted, so the build stopped: no edition was replaced "
              "since (the last good ones are in place)", file=sys.stderr)
        return 130
    except BuildFolderProblem as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: {edition} edition in {builddir!r}: {err.strerror or err} "
              f"({err.filename or builddir})", file=sys.stderr)
        return 2


def end(status: int) -> None:
    """End the process without freeing what it holds, one object at a time.

    After a build the heap holds the environment and the pages (~200 MB at 1,000 pages);
    Python's own exit walks and frees all of it (~15 ms of a one-page rebuild, more
    after a full build). The kernel frees a process's memory at once, so this runs the
    ``atexit`` handlers (logging flushes its streams, multiprocessing reaps its children),
    flushes the standard streams, and leaves with ``os._exit``, as mypy does.
    """
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)


if __name__ == "__main__":
    end(main(sys.argv[1:]))
