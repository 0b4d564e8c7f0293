"""A page whose old layout made it: its words named, so none vanish without a word.

Plain Python with no Sphinx import. On many old Jekyll sites a page is only front matter
(``layout: data-inventory``, ``title: Open Data Inventory``) and its layout,
``_layouts/data-inventory.html``, holds the page: its headings and paragraphs, or a
``<div>`` that a script fills. The publication has no such layouts (it shows the page's
own text in its own design), so that page would be published with a title and nothing
else. :func:`unmade_page` says which layout held it and what it said.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from safety.paths import is_inside

LAYOUTS = "_layouts"
SUFFIXES = (".html", ".htm", ".md", ".markdown")
QUOTED_WORDS = 12
"""How much of the layout's text the warning quotes."""

_LIQUID = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}|\{%.*?%\}|\{\{.*?\}\}",
                     re.DOTALL)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
_NAME = re.compile(r"^[\w.-]+$")
_WORD = re.compile(r"\w")
MAX_BYTES = 1 << 20
"""A bigger layout is not read (its words are not quoted)."""


@dataclass(frozen=True)
class UnmadePage:
    """A page with no text of its own whose layout made it."""

    layout: str        # "_layouts/data-inventory.html", from the pages' folder
    words: list[str]   # the layout's own visible words (none: a script drew the page)

    def message(self) -> str:
        if not self.words:
            return (f"the page has no text of its own: on the old site its layout "
                    f"`{self.layout}` made it, with scripts or included files the publication "
                    "does not run; write the page's text below its front matter")
        quoted = " ".join(self.words[:QUOTED_WORDS]) + (" …" if len(self.words) > QUOTED_WORDS else "")
        return (f"the page has no text of its own: its {len(self.words)} words are in its old "
                f"layout `{self.layout}` (\"{quoted}\"), which no edition shows; copy the text "
                "that belongs to the page below its front matter")


def unmade_page(srcdir: Path, layout: object, body: str) -> UnmadePage | None:
    """The layout that made a page whose ``body`` (after its front matter) is empty; None
    when the page has text, names no layout file of ``srcdir``, or is a redirect."""
    if body.strip() or not isinstance(layout, str):
        return None
    name = layout.strip()
    if not _NAME.match(name) or name.lower() == "redirect":
        return None
    path = _layout_file(srcdir, name)
    if path is None:
        return None
    return UnmadePage(path.relative_to(srcdir).as_posix(), visible_words(_read(path)))


def _layout_file(srcdir: Path, name: str) -> Path | None:
    """The layout's file: a real file inside ``srcdir`` (a link out of it, even through a
    linked ``_layouts/``, is never read: its words would be quoted in the build's log)."""
    folder = srcdir / LAYOUTS
    for candidate in [folder / name, *(folder / (name + suffix) for suffix in SUFFIXES)]:
        try:
            if candidate.is_file() and not candidate.is_symlink():
                return candidate if is_inside(Path(os.path.realpath(candidate)), [srcdir]) else None
        except OSError:
            return None
    return None


def _read(path: Path) -> str:
    try:
        with open(path, "rb") as stream:
            return stream.read(MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def visible_words(layout: str) -> list[str]:
    """The words a reader saw of a layout itself: no Liquid, tags, scripts, styles or
    comments, and nothing its ``{% include %}`` files or ``{{ content }}`` added."""
    text = _LIQUID.sub(" ", _FRONT_MATTER.sub("", layout, count=1))
    reader = _TextReader()
    reader.feed(text)
    reader.close()
    return [word for word in " ".join(reader.parts).split() if _WORD.search(word)]


class _TextReader(HTMLParser):
    """Text outside ``<script>``, ``<style>``, ``<template>`` and ``<noscript>``."""

    HIDDEN = frozenset({"script", "style", "template", "noscript", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
