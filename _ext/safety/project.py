"""Two files that are one page (``a.md`` and ``a.mkd``): one kept, by a rule, the other said.

Jekyll published both at ``a.html``, one over the other; Sphinx keeps the first it lists
and says "multiple files found" with no file and no line. :class:`PagesProject` keeps the
one :func:`pagesource.suffixes.rank` prefers (``.md``, then ``.MD``, ``.markdown``, …) and
notes the others in :attr:`PagesProject.twins`, which ``safety`` says at each file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pagesource import suffixes

from .names import SECTION_LANDING, is_section_landing, own_exclusions
from sphinx.locale import __
from sphinx.project import EXCLUDE_PATHS, Project
from sphinx.util import logging
from sphinx.util.matching import Matcher

_SPHINX = logging.getLogger("sphinx.project")  # its "Ignored unreadable document", as Sphinx says it


@dataclass(frozen=True)
class FolderLink:
    """A link to a folder among the pages that is not walked: where it is and what it leads to."""

    path: str      # from the source folder: "shared"
    real: str      # where it leads
    loop: bool     # to a folder it is in (itself, the source folder...), else outside the pages


def matching_files(srcdir: str | os.PathLike[str], include_paths: Iterable[str],
                   exclude_paths: Iterable[str], links: list[FolderLink],
                   top: str | os.PathLike[str] | None = None) -> list[str]:
    """:func:`sphinx.util.matching.get_matching_files` without walking a link to a folder
    outside ``srcdir`` or to a folder it is in; each such link is put in ``links``.

    Sphinx follows every link to a folder: ``pages/root`` → ``/`` walked the whole machine
    (the build never ended), and ``pages/again`` → ``.`` published every page forty
    times (``again/again/…/index``, down to the system's limit on links), without a word.
    A link to another folder of the pages is walked as before. ``top`` is the folder to
    walk (default ``srcdir``); names are from it.
    """
    root_real = os.path.realpath(srcdir)
    start = os.path.realpath(top if top is not None else srcdir)
    base = os.path.relpath(top, srcdir) if top is not None else "."
    include, exclude = Matcher(list(include_paths)), Matcher(list(exclude_paths))
    found: list[str] = []
    chains: dict[str, tuple[str, ...]] = {start: (start,)}  # folder walked -> real paths down to it
    for folder, dirs, files in os.walk(start, followlinks=True):
        relative = os.path.relpath(folder, start)
        relative = "" if relative == "." else relative.replace(os.sep, "/")
        chain = chains.pop(folder, (os.path.realpath(folder),))
        prefix = f"{relative}/" if relative else ""
        found += [name for name in (_nfc(prefix + f) for f in sorted(files))
                  if include(name) and not exclude(name)]
        kept = []
        for name in sorted(dirs):
            if exclude(_nfc(prefix + name)):
                continue
            path = os.path.join(folder, name)
            real = os.path.realpath(path) if os.path.islink(path) else os.path.join(chain[-1], name)
            if os.path.islink(path):
                if exclude(_nfc(f"{prefix}{name}/")):  # ``linked/**``: nothing in it is read
                    continue
                loop = real in chain
                if loop or not (real == root_real or real.startswith(os.path.join(root_real, ""))):
                    shown = os.path.normpath(os.path.join(base, os.path.relpath(path, start)))
                    links.append(FolderLink(shown.replace(os.sep, "/"), real, loop))
                    continue
            chains[path] = (*chain, real)
            kept.append(name)
        dirs[:] = kept
    return found


def section_landings(srcdir: str | os.PathLike[str], found: dict[str, list[str]],
                     exclude_paths: Iterable[str], page_suffixes: Iterable[str]) -> list[str]:
    """Each folder's ``_index.md`` (from ``srcdir``) among the folders of the pages ``found``
    (docname -> files) and their parents that :func:`is_section_landing`. Hugo published it
    as the folder's page; as a ``_`` file it was never read, its words lost."""
    own = own_exclusions(exclude_paths)
    folders = {""}
    for docname in found:
        parts = docname.split("/")[:-1]
        folders.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    names = (f"{folder}/{SECTION_LANDING}" if folder else SECTION_LANDING for folder in sorted(folders))
    return [name for name in names if is_section_landing(srcdir, name, own, tuple(page_suffixes))]


def sphinx_walk(dirname: str | os.PathLike[str], include_patterns: Iterable[str] = ("**",),
                exclude_patterns: Iterable[str] = ()) -> list[str]:
    """:func:`matching_files` for Sphinx's own :class:`sphinx.project.Project`, which looks for
    pages once before ``builder-inited`` puts :class:`PagesProject` in its place (a fresh
    environment): that first look walked a link to ``/`` for ever. The links it passes
    over are said by :class:`PagesProject`'s look."""
    return matching_files(dirname, include_patterns, exclude_patterns, [])


def _nfc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", text)


def folder_link_problem(link: FolderLink) -> str:
    """What is wrong with a link to a folder that is not walked, and what to do."""
    if link.loop:
        return (f"the folder '{link.path}' is a link to {link.real}, a folder it is in, so its "
                "pages would be read again and again: it is not read; delete the link")
    return (f"the folder '{link.path}' is a link to {link.real}, outside the source folder, so "
            "its pages are not read; copy the folder into the source folder instead of linking to it")


@dataclass(frozen=True)
class BrokenLink:
    """A page's file that is a link leading to no file (its target gone, or links in a circle)."""

    path: str      # from the source folder: "gone.md"
    target: str    # what the link says


def broken_link_problem(link: BrokenLink) -> str:
    """What is wrong with a page that is a link to no file, and what to do (Sphinx said
    "Ignored unreadable document", with no line and no type, as if it were a matter of
    permissions)."""
    return (f"the page is a link to {link.target}, which leads to no file (moved or deleted, or "
            "links that lead round in a circle), so it is not read; delete the link, or copy the "
            "page into its place")


@dataclass(frozen=True)
class Twin:
    """A page's file that is left out: another file is the same page."""

    path: str      # from the source folder: "a.mkd"
    docname: str
    kept: str      # the file that is published: "a.md"


class PagesProject(Project):
    """Sphinx's project, two files of one page resolved by :func:`.suffixes.rank`."""

    twins: tuple[Twin, ...] = ()
    folder_links: tuple[FolderLink, ...] = ()
    broken_links: tuple[BrokenLink, ...] = ()
    moved: frozenset[str] = frozenset()
    """Pages whose file is another than at the last look (``a.md`` deleted, ``a.mkd`` now
    the page): Sphinx compares only the file's time, older than the last reading."""

    def discover(self, exclude_paths: Iterable[str] = (),
                 include_paths: Iterable[str] = ("**",)) -> set[str]:
        before = dict(self._docname_to_path)
        self.docnames.clear()
        self._path_to_docname.clear()
        self._docname_to_path.clear()
        found: dict[str, list[str]] = {}
        links: list[FolderLink] = []
        for filename in matching_files(self.srcdir, include_paths, [*exclude_paths, *EXCLUDE_PATHS],
                                       links):
            if not self.holds_a_page(filename):
                continue
            if docname := self.path2doc(filename):
                found.setdefault(docname, []).append(filename)
        for filename in section_landings(self.srcdir, found, [*exclude_paths, *EXCLUDE_PATHS],
                                         self.source_suffix):
            found.setdefault(filename.rsplit(".", 1)[0], []).append(filename)
        twins, broken = [], []
        for docname, files in found.items():
            readable = []
            for filename in sorted(files, key=self.rank) if len(files) > 1 else files:
                if os.access(self.srcdir / filename, os.R_OK):
                    readable.append(filename)
                elif os.path.islink(self.srcdir / filename) and not os.path.exists(self.srcdir / filename):
                    broken.append(BrokenLink(filename, os.readlink(self.srcdir / filename)))
                else:
                    _SPHINX.warning(__("Ignored unreadable document %r."), filename, location=docname)
            if readable:
                self.add(Path(readable[0]), docname)
                twins += [Twin(other, docname, readable[0]) for other in readable[1:]]
        self.twins = tuple(twins)
        self.folder_links = tuple(links)
        self.broken_links = tuple(broken)
        self.note_moved(before)
        return self.docnames

    def note_moved(self, before: dict[str, Path]) -> None:
        """:attr:`moved`, from the files the pages had at the last look (``before``)."""
        self.moved = frozenset(d for d, path in self._docname_to_path.items()
                               if before.get(d, path) != path)

    def holds_a_page(self, filename: str | os.PathLike[str]) -> bool:
        """Whether a file with one of the pages' suffixes is a page: a ``.html`` file only
        when it is a Jekyll page written in HTML (front matter first); any other is a file
        the old site copied as it was (``suffixes.is_html_page``)."""
        name = os.fspath(filename)
        return not name.endswith(suffixes.HTML) or suffixes.is_html_page(self.srcdir / name)

    def path2doc(self, filename: str | os.PathLike[str]) -> str | None:
        """Sphinx's, but a ``.html`` file that is no page names none: MyST makes a link to a
        static ``demo.html`` a download, not a link to a page ``demo`` that is not there."""
        docname = super().path2doc(filename)
        if docname is None or not os.fspath(filename).endswith(suffixes.HTML):
            return docname
        return docname if self.holds_a_page(Path(self.srcdir, filename)) else None

    def rank(self, filename: str) -> int:
        return suffixes.rank(filename, self.source_suffix)

    def add(self, path: Path, docname: str) -> None:
        self.docnames.add(docname)
        self._path_to_docname[path] = docname
        self._docname_to_path[docname] = path

    def restore(self, other: Project) -> None:
        super().restore(other)
        self.twins = getattr(other, "twins", ())
        self.folder_links = getattr(other, "folder_links", ())
        self.broken_links = getattr(other, "broken_links", ())
        self.moved = getattr(other, "moved", frozenset())


def twin_problem(twin: Twin) -> str:
    """What is wrong with a left-out twin, and what to do."""
    return (f"'{twin.path}' and '{twin.kept}' are the same page, '{twin.docname}' (the old "
            f"Jekyll site published both at one address, one over the other): the build "
            f"publishes '{twin.kept}' and leaves '{twin.path}' out; merge the two files into one, "
            "or rename one of them")
