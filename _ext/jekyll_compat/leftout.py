"""What an old Jekyll site published that the publication does not read, so it can say so.

Plain Python with no Sphinx import. The publication reads Markdown pages outside
``_``-folders, and Jekyll's posts and published collections where they are; Jekyll also
published collections whose ``_config.yml`` entry is gone (``_name/``) and HTML pages with
front matter. Each is named with a file and what to do, or its words would vanish without
a word.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pagesource
from pagesource.suffixes import JEKYLL, spellings, starts_with_front_matter

from .collections import published_names

#: The old site's pages written in HTML that the publication's own pages replace.
REPLACED = {
    "404.html": "page for missing addresses; the publication writes its own 404.html",
    "search.html": "search page (its theme's script); the publication has its own search page",
}
ERROR_PAGE = "404"  # 404.md, 404.markdown, 404.mkd ...
ERROR_PAGE_ADDRESSES = ("/404.html", "/404/", "/404")
"""The ``permalink`` of the old site's page for missing addresses, wherever its file is
(minimal-mistakes keeps it at ``_pages/404.md``, ``permalink: /404.html``)."""


#: Jekyll's own folders: templates, data, drafts, its output. Their Markdown is no page.
MACHINERY = {"_includes", "_layouts", "_data", "_sass", "_site", "_drafts", "_plugins",
             "_templates", "_static", "_build"}


@dataclass(frozen=True)
class LeftOut:
    """A ``_folder/`` with Markdown pages that the publication does not read."""

    folder: str        # "_projects"
    first: Path        # its first page, for the warning's file:line
    pages: int
    published: bool    # Jekyll published it: the posts, or a collection with output: true


def published_by_jekyll(config: Mapping[str, Any]) -> list[str]:
    """``_posts`` and every collection with ``output: true``, as ``_``-folder names."""
    return ["_posts", *(f"_{name}" for name in published_names(config))]


def left_out(srcdir: Path, config: Mapping[str, Any], markdown: tuple[str, ...] = JEKYLL) -> list[LeftOut]:
    """The top ``_``-folders of ``srcdir`` that hold Markdown pages, but not Jekyll's own.

    The publication never reads a ``_``-folder, and the City's old site kept all its
    projects in one (``_projects/``, a collection): copied as it is, its pages would
    vanish without a word, whether or not ``_config.yml`` still declares the collection.
    """
    published = set(published_by_jekyll(config))
    out = []
    for folder in sorted(srcdir.iterdir()) if srcdir.is_dir() else ():
        if not folder.name.startswith("_") or folder.name in MACHINERY:
            continue
        if not folder.is_dir() or folder.is_symlink():
            continue
        pages = sorted(p for p in folder.rglob("*") if p.name.endswith(spellings(markdown)) and p.is_file())
        if pages:
            out.append(LeftOut(folder.name, pages[0], len(pages), folder.name in published))
    return out


def nested_left_out(srcdir: Path, read_in_place: Iterable[str] = (),
                    excluded: Any = lambda relative: False,
                    markdown: tuple[str, ...] = JEKYLL) -> list[LeftOut]:
    """``_``-folders below the top that hold Markdown pages: ``projects/_old/``, or ``_aws/``
    in a collection read in place (cityofaustin/developer-guides kept ``_resources/_aws/``).

    Jekyll never published a ``_``-entry inside a folder or a collection either, and the
    publication never reads one; a top ``_``-folder is :func:`left_out`'s. ``read_in_place``:
    the ``_``-folders the build reads (published collections, also below ``collections_dir``,
    and the posts), as paths from ``srcdir``; a ``_posts/`` anywhere is the posts' (Jekyll's
    posts of a category: ``news/_posts/``). (Entries of ``os.scandir``: one look at each
    folder of a 1,000-page site, ~2 ms.)"""
    found: list[LeftOut] = []
    inside = set(read_in_place)
    folders = [(str(srcdir), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as entries:
                subfolders = sorted((e.name, e.path) for e in entries
                                    if e.is_dir(follow_symlinks=False))
        except OSError:
            continue
        for name, path in reversed(subfolders):
            relative = prefix + name
            if relative in inside:
                folders.append((path, relative + "/"))
            elif name.startswith(".") or name in MACHINERY or name == "_posts" or excluded(relative):
                continue
            elif not name.startswith("_"):
                folders.append((path, relative + "/"))
            elif prefix:
                pages = _markdown_below(path, markdown)
                if pages:
                    found.append(LeftOut(relative, Path(pages[0]), len(pages), False))
    return sorted(found, key=lambda gone: gone.folder)


def _markdown_below(folder: str, markdown: tuple[str, ...]) -> list[str]:
    """The Markdown pages (front matter first) in ``folder`` and below, links not followed."""
    return sorted(path for below, _, files in os.walk(folder) for name in files
                  if name.endswith(spellings(markdown))
                  and not os.path.islink(path := os.path.join(below, name))
                  and has_front_matter(Path(path)))


def _files(srcdir: Path, excluded: Any, suffixes: tuple[str, ...]) -> list[str]:
    """Files with ``suffixes`` under ``srcdir`` (paths from it), never inside a ``_``- or
    ``.``-folder or a folder the build leaves out (``vendor/``, ``node_modules/``: a copied
    Jekyll repository may hold thousands of gem files there)."""
    found = []
    for folder, dirs, files in os.walk(srcdir):
        base = Path(folder).relative_to(srcdir).as_posix()
        prefix = "" if base == "." else base + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")) and not excluded(prefix + d)
                         and not os.path.islink(os.path.join(folder, d)))  # False past PATH_MAX, no OSError
        found += [prefix + f for f in files if f.endswith(suffixes) and not f.startswith(("_", "."))]
    return sorted(found)


has_front_matter = starts_with_front_matter


def html_pages(srcdir: Path, excluded: Any = lambda relative: False) -> list[Path]:
    """``.html`` files with front matter outside ``_``- and ``.``-folders: Jekyll pages
    written in HTML, which the publication reads on a site that has them."""
    return [path for _, path, front in _html_files(srcdir, excluded) if front]


def _html_files(srcdir: Path, excluded: Any) -> Iterator[tuple[str, Path, bool]]:
    """Each ``.html`` file outside ``_``- and ``.``-folders that is a file of its own (no link,
    not one the publication replaces), with whether its front matter comes first."""
    for relative in _files(srcdir, excluded, (".html",)):
        path = srcdir / relative
        if relative in REPLACED or excluded(relative) or path.is_symlink() or not path.is_file():
            continue
        yield relative, path, has_front_matter(path)


@dataclass(frozen=True)
class CopiedHtml:
    """An ``.html`` file without front matter that holds words: Jekyll copied it as it was
    (``about.html``, a whole document) and its readers read it at its address."""

    relative: str      # "about.html"
    words: str         # its first visible words, for the warning


WORDS_SHOWN = 60  # characters of a copied file's words quoted in its warning
READ_LIMIT = 256 * 1024  # characters of a copied file read to find them


_WHOLE_DOCUMENT = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]", re.IGNORECASE)


def copied_html(srcdir: Path, excluded: Any = lambda relative: False) -> list[CopiedHtml]:
    """Whole HTML documents (a doctype, ``<html>`` or ``<body>``) outside ``_``- and
    ``.``-folders without front matter whose body has words (a script or a redirect stub
    has none): the publication publishes no such file (it could run scripts), so each is
    named, or its words would vanish without a word. A fragment (``<p>Part</p>``) is a
    snippet a page reads, not a page its readers opened."""
    found = []
    for relative, path, front in _html_files(srcdir, excluded):
        if front:
            continue
        try:
            with path.open(encoding="utf-8-sig", errors="replace") as file:
                text = file.read(READ_LIMIT)  # its first words are enough
        except OSError:
            continue
        shown = _visible_words(text) if _WHOLE_DOCUMENT.search(text[:4096]) else ""
        if shown:
            found.append(CopiedHtml(relative, shown))
    return found


def _visible_words(text: str) -> str:
    """The first words a browser showed of an HTML document: no head, script or style."""
    from html.parser import HTMLParser

    class Words(HTMLParser):
        hidden = {"head", "script", "style", "title", "noscript", "template"}

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth, self.parts, self.length = 0, [], 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            self.depth += tag in self.hidden

        def handle_endtag(self, tag: str) -> None:
            self.depth -= tag in self.hidden and self.depth > 0

        def handle_data(self, data: str) -> None:
            if not self.depth and self.length <= WORDS_SHOWN and data.split():
                self.parts.append(" ".join(data.split()))
                self.length += len(self.parts[-1]) + 1

    parser = Words()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError):  # html.parser's own complaints about broken markup
        pass
    shown = " ".join(parser.parts)
    return shown if len(shown) <= WORDS_SHOWN else shown[:WORDS_SHOWN].rsplit(" ", 1)[0] + "…"


def static_markdown(srcdir: Path, excluded: Any = lambda relative: False,
                    markdown: tuple[str, ...] = JEKYLL) -> list[str]:
    """Markdown files without front matter, as paths from ``srcdir`` (``notes/snippet.md``).

    Jekyll published only files with front matter as pages and copied the others as they
    were (a README, a snippet for ``{% include_relative %}``): on an old Jekyll site they are
    no pages. ``excluded(relative)`` says what the build leaves out anyway.
    """
    found = []
    for relative in _files(srcdir, excluded, spellings(markdown)):
        path = srcdir / relative
        if path.is_symlink() or not path.is_file() or excluded(relative) or has_front_matter(path):
            continue
        found.append(relative)
    return found


@dataclass(frozen=True)
class Exclusions:
    """What an old Jekyll site never published as pages, for ``exclude_patterns``."""

    patterns: tuple[str, ...]     # the ``exclude:`` entries of ``_config.yml``
    static_files: tuple[str, ...]  # Markdown without front matter (``_projects/x.md`` too)
    error_pages: tuple[str, ...]   # ``404.md``, ``permalink: /404.html``: the publication writes its own

    @property
    def all(self) -> list[str]:
        return [*self.patterns, *self.static_files, *self.error_pages]


def exclusions(srcdir: Path, config: Mapping[str, Any], exclude_patterns: Iterable[str],
               collection_folders: Mapping[str, str] | None = None,
               markdown: tuple[str, ...] = JEKYLL) -> Exclusions:
    """On an old Jekyll site (``config`` is its ``_config.yml``): what it never published.

    ``exclude_patterns`` are the build's own; ``collection_folders`` the collections read
    in place, ``{folder: name}`` (a document there without front matter was a static file
    too; ``""`` for one whose pages are top pages).
    """
    from sphinx.util.matching import Matcher

    listed = config.get("exclude")
    listed = [str(e).strip().strip("/") for e in listed if isinstance(e, (str, int))] \
        if isinstance(listed, list) else []
    patterns = tuple(p for e in listed if e and ".." not in e for p in (e, e + "/**"))
    excluded = Matcher([*exclude_patterns, *patterns])
    files = static_markdown(srcdir, excluded, markdown)
    folders = dict(collection_folders or {})
    for folder in folders:
        files += [f"{folder}/{inner}" for inner in static_markdown(srcdir / folder, excluded, markdown)
                  if not excluded(f"{folder}/{inner}")]
    return Exclusions(patterns, tuple(files), error_pages(srcdir, excluded, folders, markdown))


def error_pages(srcdir: Path, excluded: Any, folders: Mapping[str, str],
                markdown: tuple[str, ...] = JEKYLL) -> tuple[str, ...]:
    """The old site's page for missing addresses, as paths from ``srcdir``: a top page
    named ``404`` (``404.md``, or ``_pages/404.md`` in a folder ``include:`` reads as top
    pages), and any page whose ``permalink`` is the 404 page's, in ``srcdir`` or a folder
    read in place (``folders``). Read as a chapter, it would publish "Page not found"; named
    ``404`` it would replace the publication's own 404.html."""
    named = [f"{folder}/" for folder, name in sorted(folders.items()) if not name]
    found = [name for top in ("", *named) for name in (top + ERROR_PAGE + s for s in spellings(markdown))
             if (srcdir / name).is_file() and not excluded(name)]
    suffixes = (*spellings(markdown), ".html")
    candidates = [relative for relative in _files(srcdir, excluded, suffixes) if relative not in REPLACED]
    for folder in sorted(folders):
        candidates += [f"{folder}/{inner}" for inner in _files(srcdir / folder, excluded, suffixes)
                       if not excluded(f"{folder}/{inner}")]
    found += [relative for relative in candidates
              if relative not in found and _at_error_address(srcdir / relative)]
    return tuple(found)


def _at_error_address(path: Path) -> bool:
    """Whether the page at ``path`` says ``permalink: /404.html`` (or ``/404/``); a file
    without ``404`` in it is not parsed."""
    try:
        if path.is_symlink() or b"404" not in path.read_bytes():
            return False
    except OSError:
        return False
    return pagesource.read(path).data.get("permalink") in ERROR_PAGE_ADDRESSES
