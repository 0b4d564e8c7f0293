"""Which files are Markdown pages: the one list every room asks. Plain Python (no Sphinx).

Jekyll read as Markdown every file whose suffix is in ``markdown_ext`` (by default
``markdown,mkdown,mkdn,mkd,md``), in any case: a page saved on Windows as ``Budget.MD`` was
published like ``budget.md``. The build reads the same files, in lower, UPPER and Title case
(``.md``, ``.MD``, ``.Md``: what editors and old file systems write; Sphinx matches a suffix
as written, so each spelling is one of its ``source_suffix``), plus the suffixes a site's own
``_config.yml`` adds (:func:`site_suffixes`, untrusted). Any other spelling of them
(``.mD``), and the Markdown suffixes of other tools Jekyll did not read (``.mdown``), are said
by ``safety`` ("not read, rename it"), never left out without a word.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from typing import Any

JEKYLL = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd")
"""Jekyll's default ``markdown_ext``, in the order one is kept when two files are one page
(``a.md`` and ``a.mkd`` were both published at ``a.html``, one over the other)."""

LOOK_ALIKE = (".mdown", ".mdwn", ".markdn", ".mdtxt", ".mdtext", ".mdx")
"""Markdown by other tools' names, which Jekyll did not read as Markdown (unless a site's
``markdown_ext`` names them): such a page is said, not read (Docusaurus' ``.mdx`` too: a page
copied from its ``docs/`` was left out without a word)."""

REFUSED = frozenset((
    "html", "htm", "xhtml", "xml", "svg", "css", "scss", "sass", "js", "mjs", "json", "yml",
    "yaml", "csv", "tsv", "txt", "text", "py", "rb", "sh", "cff", "po", "pot", "mo", "rst",
    "tex", "typ", "pdf", "epub", "png", "jpg", "jpeg", "gif", "webp", "ico", "liquid",
    "textile", "doctree", "pickle"))
"""Suffixes a ``markdown_ext`` may not make pages of: files the build, a browser or Jekyll
reads as something else (a site's HTML pages, its data, the build's own files)."""

HTML = ".html"
"""A Jekyll page written in HTML: a ``.html`` file whose first line is ``---`` (front matter).
Jekyll ran its Liquid and published it; any other ``.html`` file it copied as it was. On an old
Jekyll site that has such pages the build reads them too (``jekyll_compat``), and the project
(``safety.project``) takes a ``.html`` file for a page only when :func:`is_html_page`."""

MAX_SITE_SUFFIXES = 16
MAX_ENTRIES, MAX_REFUSED = 64, 8  # a hostile list is said in a few warnings, not thousands
_SITE_SUFFIX = re.compile(r"[a-z0-9]{1,16}")


def site_suffixes(value: Any) -> tuple[tuple[str, ...], list[str]]:
    """A ``_config.yml``'s ``markdown_ext`` (``"md,mkd,rmd"``, untrusted): the suffixes it
    adds to :data:`JEKYLL` (``(".rmd",)``), and why each entry it names is not used. Jekyll's
    own are always read, even when the site's list leaves them out (their words are published)."""
    if value is None:
        return (), []
    if not isinstance(value, str):
        return (), ["is not text: write the suffixes as one line, e.g. `markdown_ext: \"md,mkd\"`"]
    added: list[str] = []
    refused: list[str] = []
    entries = value.split(",", MAX_ENTRIES)
    if len(entries) > MAX_ENTRIES:
        refused.append(f"lists more than {MAX_ENTRIES} entries: those after them are not read as Markdown")
        entries = entries[:MAX_ENTRIES]
    for entry in entries:
        if len(refused) > MAX_REFUSED:
            break
        name = entry.strip().lower().lstrip(".")
        if not name or "." + name in JEKYLL or "." + name in added:
            continue
        if not _SITE_SUFFIX.fullmatch(name):
            refused.append(f"names '{entry.strip()[:40]}', which is no file suffix (letters and "
                           "digits, at most 16), so it is not read as Markdown")
        elif name in REFUSED:
            refused.append(f"names '{name}', a kind of file that is not Markdown, so .{name} "
                           "files are not read as Markdown pages")
        elif len(added) == MAX_SITE_SUFFIXES:
            refused.append(f"names more than {MAX_SITE_SUFFIXES} suffixes: '{name}' and the ones "
                           "after it are not read as Markdown")
            break
        else:
            added.append("." + name)
    return tuple(added), refused


def markdown(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The Markdown suffixes, lower case, preferred first: Jekyll's, then ``extra``'s."""
    return (*JEKYLL, *(s for s in dict.fromkeys(extra) if s not in JEKYLL))


@functools.cache
def spellings(suffixes: tuple[str, ...] = JEKYLL) -> tuple[str, ...]:
    """Each suffix as a file name may end: ``.md``, ``.MD``, ``.Md``, in the order of ``suffixes``."""
    return tuple(dict.fromkeys(f for s in suffixes for f in (s, s.upper(), "." + s[1:].capitalize())))


def source_suffix(suffixes: tuple[str, ...] = JEKYLL) -> dict[str, str]:
    """Sphinx's ``source_suffix`` for the pages: each spelling read by MyST."""
    return dict.fromkeys(spellings(tuple(suffixes)), "markdown")


def page_suffix(name: str, suffixes: tuple[str, ...] = JEKYLL) -> str | None:
    """The suffix of a page's file ``name`` as written (``.MD``), or None when it is no page."""
    return next((s for s in spellings(suffixes) if name.endswith(s) and len(name) > len(s)), None)


def is_page(name: str, suffixes: tuple[str, ...] = JEKYLL) -> bool:
    """Whether the file ``name`` (or path) is a Markdown page the build reads."""
    return name.endswith(spellings(suffixes)) and page_suffix(name, suffixes) is not None


def stem(name: str, suffixes: tuple[str, ...] = JEKYLL) -> str:
    """``name`` without its page suffix (``Budget.MD`` → ``Budget``); as it is when it has none."""
    suffix = page_suffix(name, suffixes)
    return name[:-len(suffix)] if suffix else name


def rank(name: str, suffixes: tuple[str, ...] = JEKYLL) -> int:
    """Which of two files of one page is kept: the lower rank (``a.md`` before ``a.MD``
    before ``a.markdown`` before ``a.mkd``); a name that is no page last."""
    written = spellings(suffixes)
    suffix = page_suffix(name, suffixes)
    return written.index(suffix) if suffix else len(written)


def unread_suffix(name: str, suffixes: tuple[str, ...] = JEKYLL) -> str | None:
    """A Markdown suffix the build does not read, as written (``.mD``, ``.mdown``), else None."""
    head, dot, suffix = name.rpartition(".")
    if not head or not dot or name.endswith(spellings(suffixes)):
        return None
    lower = "." + suffix.lower()
    return "." + suffix if lower in suffixes or lower in JEKYLL or lower in LOOK_ALIKE else None


def described(suffixes: tuple[str, ...] = JEKYLL) -> str:
    """The suffixes read, for a message: ``.md, .markdown, … or .mkd (lower, UPPER or Title case)``."""
    listed = ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]
    return f"{listed} (in lower, UPPER or Title case)"


def starts_with_front_matter(path: str | os.PathLike[str]) -> bool:
    """Whether the file's first line is ``---`` alone (after a byte order mark): Jekyll's
    sign that a file is a page, not a file it copies as it is. A line may end in CR alone
    (an old Mac's files), as the page's reading (``str.splitlines``) and Sphinx's take it:
    such a page was left out, said to have no front matter above its ``---``."""
    try:
        with open(path, "rb") as handle:
            first = handle.readline(64).removeprefix(b"\xef\xbb\xbf")
    except OSError:
        return False
    return first.split(b"\r", 1)[0].rstrip() == b"---"


def is_html_page(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a Jekyll page written in HTML (:data:`HTML`), not a static file."""
    return os.fspath(path).endswith(HTML) and starts_with_front_matter(path)
