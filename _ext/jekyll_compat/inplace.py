"""Jekyll collections read where they are: ``_projects/a/b.md`` is the page ``projects/a/b``.

A Jekyll site keeps a collection with ``output: true`` in ``_name/`` (or
``<collections_dir>/_name/``) and publishes each document at ``/name/<path>``. The City's
old site kept every project that way. Sphinx reads no ``_``-folder, so each published
collection is read in place under its own name: the page keeps the address Jekyll gave
it, and nobody has to rename a folder before the old pages build.

Plain Python; the Sphinx project this extends is :class:`safety.project.PagesProject`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from safety.project import PagesProject, matching_files
from sphinx.project import EXCLUDE_PATHS
from sphinx.util.matching import Matcher
from sphinx.util.osutil import path_stabilize

from . import posts
from .collections import collections_of, paths_alone, published_names

_NAME = re.compile(r"_[\w.-]+")


def published_collections(srcdir: Path, config: Mapping[str, Any]) -> dict[str, str]:
    """``{folder from srcdir: collection name}`` for each collection Jekyll published, and
    ``{folder: ""}`` for each top ``_``-folder ``_config.yml``'s ``include:`` names.

    Only ``output: true`` (Jekyll wrote no page for the others), only a real folder inside
    ``srcdir`` (never a symbolic link, never ``..``), and never ``_posts``: posts are
    dated entries, read by their own rules (:mod:`.posts`). ``include: [_pages]`` made Jekyll
    read ``_pages/about.md`` as an ordinary page (sites keep their pages there, each with its
    ``permalink``): it is the top page ``about``, as if the folder were not there. So is a
    collection whose ``permalink`` is its documents' paths alone (``/:path/``: uswds-jekyll's
    and plainlanguage.gov's ``_pages``): Jekyll published ``_pages/about/team.md`` at
    ``/about/team/``, a section ``about`` at the top, never under a "Pages" chapter.
    """
    base = config.get("collections_dir")
    base = base.strip().strip("/") if isinstance(base, str) else ""
    if base and (".." in PurePosixPath(base).parts or base.startswith(("_", "."))):
        base = ""
    folders: dict[str, str] = {}
    patterns = collections_of(config)
    for name in published_names(config):
        if name == "posts" or "/" in name or name.startswith((".", "_")) or ".." in name:
            continue
        folder = f"{base}/_{name}" if base else f"_{name}"
        path = srcdir / folder
        if path.is_dir() and not path.is_symlink() and not any(
                (srcdir / p).is_symlink() for p in _parents(folder)):
            folders[folder] = "" if paths_alone(patterns.get(name)) else name
    for folder in included_folders(srcdir, config):
        folders.setdefault(folder, "")
    return folders


def included_folders(srcdir: Path, config: Mapping[str, Any]) -> list[str]:
    """The top ``_``-folders ``include:`` lists (``_pages``, ``_pages/``), real folders
    inside ``srcdir``; never Jekyll's own (``_layouts``, ``_posts``...)."""
    from .leftout import MACHINERY

    listed = config.get("include")
    found = []
    for entry in listed if isinstance(listed, list) else ():
        name = entry.strip().strip("/") if isinstance(entry, str) else ""
        if not _NAME.fullmatch(name) or name in MACHINERY or name == "_posts":
            continue
        path = srcdir / name
        if path.is_dir() and not path.is_symlink():
            found.append(name)
    return sorted(set(found))


def _parents(folder: str) -> list[str]:
    parts = PurePosixPath(folder).parts
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


@dataclass(frozen=True)
class Clash:
    """A collection document whose page name another page already has."""

    path: Path       # the collection's file, from srcdir
    docname: str
    other: Path      # the page that keeps the name


class CollectionsProject(PagesProject):
    """Sphinx's project, plus the documents of published Jekyll collections, and the posts
    (``_posts/2016-09-08-welcome.md`` is ``posts/2016-09-08-welcome``: :mod:`.posts`).

    Sphinx keeps a two-way map between page names and files; a document of ``_projects/``
    is entered as ``projects/<path>``, so everything that asks Sphinx for a page's file
    (reading, images next to the page, dependencies) finds it where it is (of two files of
    one page, ``a.md`` and ``a.mkd``, the one :class:`PagesProject` keeps). Inside the
    folder the usual exclusions apply (``_template/``, ``.``-files, ``README.md``), and
    ``_config.yml``'s ``exclude:`` entries apply to its paths from the source folder.
    """

    def __init__(self, srcdir: str | os.PathLike[str], source_suffix: Iterable[str],
                 collections: Mapping[str, str], with_posts: bool = False) -> None:
        super().__init__(srcdir, source_suffix)
        self.collections = dict(collections)
        self.with_posts = with_posts
        self.posts = posts.Found()
        self.clashes: list[Clash] = []

    def discover(self, exclude_paths: Iterable[str] = (),
                 include_paths: Iterable[str] = ("**",)) -> set[str]:
        exclude_paths, include_paths = list(exclude_paths), list(include_paths)
        before = dict(self._docname_to_path)
        super().discover(exclude_paths, include_paths)
        excluded = Matcher(exclude_paths)
        self.clashes = []
        for folder, name in sorted(self.collections.items()):
            root = Path(self.srcdir, folder)
            links: list = []
            inners = matching_files(self.srcdir, include_paths, [*exclude_paths, *EXCLUDE_PATHS],
                                    links, top=root)
            self.folder_links += tuple(links)
            for inner in sorted(inners, key=lambda inner: (self._page_name(inner) or "", self.rank(inner))):
                path = Path(folder, inner)
                if excluded(path.as_posix()):
                    continue  # a link is entered like any page: safety refuses one out of srcdir, said
                plain = self._page_name(inner)
                if plain is None or not self.holds_a_page(path):
                    continue
                docname = f"{name}/{plain}" if name else plain
                if docname in self.docnames:
                    self.clashes.append(Clash(path, docname, self._docname_to_path[docname]))
                    continue
                self._add(path, docname)
        if self.with_posts:
            self.posts = posts.find(Path(self.srcdir), self.source_suffix, excluded)
            for relative, docname in self.posts.posts.items():
                path = Path(relative)
                if docname in self.docnames:
                    self.clashes.append(Clash(path, docname, self._docname_to_path[docname]))
                else:
                    self._add(path, docname)
        self.note_moved(before)
        return self.docnames

    def _add(self, path: Path, docname: str) -> None:
        if os.access(self.srcdir / path, os.R_OK):
            self.docnames.add(docname)
            self._path_to_docname[path] = docname
            self._docname_to_path[docname] = path

    def _page_name(self, inner: str) -> str | None:
        for suffix in self.source_suffix:
            if inner.endswith(suffix):
                return path_stabilize(inner).removesuffix(suffix)
        return None

    def path2doc(self, filename: str | os.PathLike[str]) -> str | None:
        path = Path(filename)
        if path.is_absolute():
            try:
                path = path.relative_to(self.srcdir)
            except ValueError:
                return super().path2doc(filename)
        found = self._path_to_docname.get(path)
        return found if found is not None else super().path2doc(filename)
