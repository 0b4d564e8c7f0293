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
from sphinx.locale import __
from sphinx.project import EXCLUDE_PATHS, Project
from sphinx.util import logging
from sphinx.util.matching import get_matching_files

_SPHINX = logging.getLogger("sphinx.project")  # its "Ignored unreadable document", as Sphinx says it


@dataclass(frozen=True)
class Twin:
    """A page's file that is left out: another file is the same page."""

    path: str      # from the source folder: "a.mkd"
    docname: str
    kept: str      # the file that is published: "a.md"


class PagesProject(Project):
    """Sphinx's project, two files of one page resolved by :func:`.suffixes.rank`."""

    twins: tuple[Twin, ...] = ()
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
        for filename in get_matching_files(self.srcdir, include_paths, [*exclude_paths, *EXCLUDE_PATHS]):
            if not self.holds_a_page(filename):
                continue
            if docname := self.path2doc(filename):
                found.setdefault(docname, []).append(filename)
        twins = []
        for docname, files in found.items():
            readable = []
            for filename in sorted(files, key=self.rank) if len(files) > 1 else files:
                if os.access(self.srcdir / filename, os.R_OK):
                    readable.append(filename)
                else:
                    _SPHINX.warning(__("Ignored unreadable document %r."), filename, location=docname)
            if readable:
                self.add(Path(readable[0]), docname)
                twins += [Twin(other, docname, readable[0]) for other in readable[1:]]
        self.twins = tuple(twins)
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
        self.moved = getattr(other, "moved", frozenset())


def twin_problem(twin: Twin) -> str:
    """What is wrong with a left-out twin, and what to do."""
    return (f"'{twin.path}' and '{twin.kept}' are the same page, '{twin.docname}' (the old "
            f"Jekyll site published both at one address, one over the other): the build "
            f"publishes '{twin.kept}' and leaves '{twin.path}' out; merge the two files into one, "
            "or rename one of them")
