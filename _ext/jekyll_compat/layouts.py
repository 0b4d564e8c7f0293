"""A page whose old layout made it: its words named, so none vanish without a word.

Plain Python with no Sphinx import. On many old Jekyll sites a page is only front matter
(``layout: data-inventory``, ``title: Open Data Inventory``) and its layout,
``_layouts/data-inventory.html``, holds the page: its headings and paragraphs, or a
``<div>`` that a script fills. The publication has no such layouts (it shows the page's
own text in its own design), so that page would be published with a title and nothing
else. :func:`unmade_page` says which layout held it and what it said. A page whose Liquid
wrote it from data the old build fetched (a content service's, which the repository does
not hold) is published empty too: :func:`fetched_data` names that data.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import pagesource
from pagesource.suffixes import spellings
from safety.paths import is_inside

LAYOUTS = "_layouts"
SUFFIXES = (".html", ".htm", *spellings())
QUOTED_WORDS = 12
"""How much of the layout's text the warning quotes."""

_OPENING = re.compile(r"\{[%{]")
_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}")
_END_COMMENT = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_TAG = re.compile(r"/?([a-z][a-z0-9-]*)|[!?/]")
HIDDEN = frozenset({"script", "style", "template", "noscript", "svg"})
"""Elements whose content no reader saw as text."""
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
_NAME = re.compile(r"^[\w.-]+$")
_WORD = re.compile(r"\w")
MAX_BYTES = 1 << 20
"""A bigger layout is not read (its words are not quoted)."""


_SITE_LIST = re.compile(r"\{%-?\s*(?:for\s+[\w-]+\s+in|assign\s+[\w-]+\s*=)\s*site\.([A-Za-z][\w-]*)")
"""``{% for doc in site.legislation %}`` (or an ``assign`` of it): a layout that lists a collection."""


@dataclass(frozen=True)
class Listed:
    """A collection the layout listed on the page, whose pages the publication does not read."""

    folder: str   # "_legislation"
    name: str     # "legislation", as `site.legislation`
    pages: int
    section: str  # the folder that would make them the page's section: "legislation"
    taken: bool   # that folder already exists: move the pages into it


@dataclass(frozen=True)
class UnmadePage:
    """A page with no text of its own whose layout made it."""

    layout: str        # "_layouts/data-inventory.html", from the pages' folder
    words: list[str]   # the layout's own visible words (none: a script drew the page)
    by_default: bool = False  # the page named no layout: `_config.yml`'s `defaults:` gave it
    missing: bool = False  # the folder has no file of that layout (only its name is known)
    listed: tuple[Listed, ...] = ()  # the unread collections the layout listed on it

    def message(self) -> str:
        given = " (given by `_config.yml`'s `defaults:`)" if self.by_default else ""
        if self.missing:
            return (f"the page has no text of its own, and its layout `{self.layout}`{given} is not "
                    f"in the folder's `{LAYOUTS}/`: on the old site that layout (or the site's "
                    "theme) made the page, so it is published with its title only; write the "
                    "page's text below its front matter")
        if self.listed:
            one = self.listed[0]
            count = f"the {one.pages} pages" if one.pages != 1 else "the 1 page"
            todo = (f"move them into '{one.section}/'" if one.taken
                    else f"rename '{one.folder}/' to '{one.section}/'")
            more = "".join(f"; so did '{other.folder}/' (`site.{other.name}`)" for other in self.listed[1:])
            return (f"the page has no text of its own: its old layout `{self.layout}`{given} listed "
                    f"{count} of '{one.folder}/' on it (`site.{one.name}`), which Jekyll published "
                    f"on no page of their own and no edition shows{more}: {todo} to publish them "
                    "as this page's section (each then needs a title and position)")
        if not self.words:
            return (f"the page has no text of its own: on the old site its layout "
                    f"`{self.layout}`{given} made it, with scripts or included files the "
                    "publication does not run; write the page's text below its front matter")
        quoted = " ".join(self.words[:QUOTED_WORDS]) + (" …" if len(self.words) > QUOTED_WORDS else "")
        return (f"the page has no text of its own: its {len(self.words)} words are in its old "
                f"layout `{self.layout}`{given} (\"{quoted}\"), which no edition shows; copy "
                "the text that belongs to the page below its front matter")


def unmade_page(srcdir: Path, layout: object, body: str, by_default: bool = False,
                unread: Mapping[str, int] | None = None, page: str = "") -> UnmadePage | None:
    """The layout that made a page whose ``body`` (after its front matter) is empty; None
    when the page has text, or is a redirect. A layout the folder has no file of is named as
    missing: the page is published with its title only (atd-data-and-performance's
    dashboards, copied without ``_layouts/``).
    ``by_default``: the layout is the one ``_config.yml``'s ``defaults:`` give the page (a
    collection's pages often name none: ``_topics/legal-aid.md`` is only a title)."""
    if body.strip() or not isinstance(layout, str):
        return None
    name = layout.strip()
    if not _NAME.match(name) or name.lower() == "redirect":
        return None
    path = _layout_file(srcdir, name)
    if path is None:
        return UnmadePage(name, [], by_default, missing=True) if _absent(srcdir, name) else None
    text = _read(path)
    return UnmadePage(path.relative_to(srcdir).as_posix(), visible_words(text), by_default,
                      listed=_listed(srcdir, text, unread or {}, page))


def _listed(srcdir: Path, layout: str, unread: Mapping[str, int], page: str) -> tuple[Listed, ...]:
    """The collections ``layout`` lists (``site.<name>``) whose ``_<name>/`` folder is in
    ``unread`` (``{folder: its pages}``); ``page``: the page's path without its suffix
    (``legislation``, ``about/index``), whose folder would make them its section."""
    section = page[:-len("/index")] if page.endswith("/index") else page
    found: list[Listed] = []
    for name in dict.fromkeys(_SITE_LIST.findall(layout)):
        folder = f"_{name}"
        if folder in unread and section:
            found.append(Listed(folder, name, unread[folder], section, (srcdir / section).exists()))
    return tuple(found)


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


def _absent(srcdir: Path, name: str) -> bool:
    """Whether no file or link of any layout suffix is there for ``name`` (one that is there
    but not read, a link out of the folder, is no missing layout)."""
    folder = srcdir / LAYOUTS
    try:
        return not any(os.path.lexists(candidate) for candidate in
                       [folder / name, *(folder / (name + suffix) for suffix in SUFFIXES)])
    except (OSError, ValueError):
        return False


def _read(path: Path) -> str:
    try:
        with open(path, "rb") as stream:
            return stream.read(MAX_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""


def visible_words(layout: str) -> list[str]:
    """The words a reader saw of a layout itself: no Liquid, tags, scripts, styles or
    comments, and nothing its ``{% include %}`` files or ``{{ content }}`` added.

    One pass over the text, each part looked at once: a layout is untrusted text, and a
    regular expression or ``html.parser`` takes quadratic time on an unclosed ``{{`` or
    ``<a b='`` repeated (a megabyte of it held a build for hours)."""
    text = _visible_html(_without_liquid(_FRONT_MATTER.sub("", layout, count=1)))
    return [word for word in text.split() if _WORD.search(word)]


def _without_liquid(text: str) -> str:
    """``text`` without its Liquid tags and outputs; a ``{% comment %}`` with what it holds.
    An opening never closed ends the text (Jekyll would have refused the layout)."""
    out, at = [], 0
    while True:
        start = _OPENING.search(text, at)
        if start is None:
            out.append(text[at:])
            break
        out.append(text[at:start.start()])
        close = "%}" if start.group() == "{%" else "}}"
        end = text.find(close, start.end())
        if end < 0:
            break
        at = end + 2
        if _COMMENT.fullmatch(text, start.start(), at):
            ended = _END_COMMENT.search(text, at)
            if ended is None:
                break
            at = ended.end()
        out.append(" ")
    return "".join(out)


def _visible_html(html: str) -> str:
    """The text of ``html`` outside tags, comments and the elements of :data:`HIDDEN`,
    its character references read."""
    lower = html.lower()
    out, at = [], 0
    while True:
        start = html.find("<", at)
        if start < 0:
            out.append(html[at:])
            break
        out.append(html[at:start])
        if html.startswith("<!--", start):
            end = html.find("-->", start + 4)
            if end < 0:
                break
            at = end + 3
            continue
        tag = _TAG.match(lower, start + 1)
        if tag is None:  # "a < b": a character, not a tag
            out.append("<")
            at = start + 1
            continue
        end = html.find(">", tag.end())
        if end < 0:
            break
        at = end + 1
        name = tag.group(1)
        if name in HIDDEN and not tag.group().startswith("/") and not html.startswith("/>", end - 1):
            closing = lower.find("</" + name, at)
            if closing < 0:
                break
            at = closing
        out.append(" ")
    return unescape("".join(out))


def _without_hidden(html: str) -> str:
    """``html`` with what its :data:`HIDDEN` elements hold left out but for its line breaks,
    so each line stays where it was: King County Solutions' schema.org JSON-LD
    (``"url": {{ page.website | jsonify }},`` in a ``<script>``) is no label a reader saw.
    One pass, each ``<`` looked at once, as :func:`_visible_html`."""
    lower = html.lower()
    out, at = [], 0
    while (start := html.find("<", at)) >= 0:
        tag = _TAG.match(lower, start + 1)
        if tag is None:  # "a < b": a character, not a tag
            out.append(html[at:start + 1])
            at = start + 1
            continue
        end = html.find(">", tag.end())
        if end < 0:  # no ">" after it: none after any later "<" either
            break
        name = tag.group(1)
        if name not in HIDDEN or tag.group().startswith("/") or html.startswith("/>", end - 1):
            out.append(html[at:end + 1])
            at = end + 1
            continue
        closing = lower.find("</" + name, end + 1)
        out.append(html[at:end + 1])
        if closing < 0:
            return "".join(out) + "\n" * html.count("\n", end + 1)
        out.append("\n" * html.count("\n", end + 1, closing))
        at = closing
    out.append(html[at:])
    return "".join(out)


_SITE_PATH = re.compile(r"\bsite\.([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)")
JEKYLL_SITE = frozenset({"time", "pages", "posts", "related_posts", "static_files", "html_pages",
                         "html_files", "collections", "documents", "categories", "tags", "url",
                         "baseurl", "github"})
"""What Jekyll itself gave ``site``: never data the site's own build fetched."""


@dataclass(frozen=True)
class FetchedData:
    """``site`` values a page with no words of its own was written from, which the pages'
    folder does not hold: the old site's build fetched them (jekyll-contentful's
    ``site.contentful``), so the page is published empty."""

    paths: list[tuple[str, int]]  # ("site.contentful.page", line in the body, from 0)

    def message(self) -> str:
        named = ", ".join(f"`{path}`" for path, _ in self.paths[:4])
        more = f" and {len(self.paths) - 4} more" if len(self.paths) > 4 else ""
        return (f"the page has no text of its own: on the old site its text came from {named}{more}, "
                "data its build fetched (from a plugin or a content service) that neither "
                "`_config.yml` nor `_data/` holds, so no edition can show it; write the page's "
                "text below its front matter")


def fetched_data(body: str, site: Mapping[str, Any]) -> FetchedData | None:
    """The ``site`` values the Liquid of ``body`` reads that ``site`` lacks, when the body has
    no visible words of its own; None otherwise (a page with words says what it says)."""
    if "site." not in body or visible_words(body):
        return None
    from .liquid_engine import tag_spans  # linear: a pattern read each unclosed ``{{`` to the end

    missing: dict[str, int] = {}
    line, counted = 0, 0  # lines counted once, up to each path found
    for start, end, _ in tag_spans(body):
        for found in _SITE_PATH.finditer(body, start, end):
            path = _missing_part(found.group(1).split("."), site)
            if path and path not in missing:
                line, counted = line + body.count("\n", counted, found.start()), found.start()
                missing[path] = line
    return FetchedData(list(missing.items())) if missing else None


def _missing_part(parts: list[str], site: Mapping[str, Any]) -> str | None:
    """``site.a.b`` up to its first part ``site`` does not have; None when it has them all
    (or a part is no mapping: ``.size``, ``.first``), or Jekyll gave it."""
    if parts[0] in JEKYLL_SITE:
        return None
    value: Any = site
    for i, part in enumerate(parts):
        if not isinstance(value, Mapping):
            return None
        if part not in value:
            return "site." + ".".join(parts[:i + 1])
        value = value[part]
    return None


def listing_page(srcdir: Path, name: str, page_files: list[Path]) -> tuple[str, str] | None:
    """``(page path without its suffix, layout file)`` of the first of ``page_files`` whose
    layout lists ``site.<name>`` (Berkeley's ``about.md``, whose ``_layouts/about.html``
    listed ``site.staff``); None when no page's layout does."""
    lists: dict[str, bool] = {}
    for path in page_files:
        try:
            layout = pagesource.read(path).data.get("layout")
        except OSError:
            continue
        if not isinstance(layout, str) or not _NAME.match(layout.strip()):
            continue
        key = layout.strip()
        if key not in lists:
            found = _layout_file(srcdir, key)
            lists[key] = found is not None and name in _SITE_LIST.findall(_read(found))
        if lists[key]:
            relative = path.relative_to(srcdir).as_posix()
            layout_file = _layout_file(srcdir, key)
            assert layout_file is not None
            return relative.rsplit(".", 1)[0], layout_file.relative_to(srcdir).as_posix()
    return None


_PAGE_OUTPUT = re.compile(r"\{\{-?\s*page\.([A-Za-z_][\w-]*)\s*(\|[^{}]*)?-?\}\}")
"""``{{ page.owner }}`` (a filter after it allowed): the layout printing one front-matter value."""
_JOIN = re.compile(r"\|\s*join\s*:\s*(?:'([^']*)'|\"([^\"]*)\")")
"""``| join: ', '``: a list printed with this between its items."""
_FOR_PAGE = re.compile(r"\{%-?\s*for\s+([A-Za-z_]\w*)\s+in\s+page\.([A-Za-z_][\w-]*)\s*-?%\}")
"""``{% for city in page.location %}``: a loop over a list of the page's front matter."""
_LOOP_OUTPUT = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)(?:\.([A-Za-z_][\w-]*))?\s*(?:\|[^{}]*)?-?\}\}")
_HEADING_OPEN = re.compile(r"<h([2-6])\b[^<>]*>", re.IGNORECASE)
"""A heading a layout labelled a value with (18F's ``<h3> Agency partner </h3>``); not an
``<h1>``, the page's title."""
_ENDFOR = re.compile(r"\{%-?\s*endfor\s*-?%\}")
_HEADER_CELL = re.compile(r"<(th|dt)\b[^<>]*>([^<>]*)</(?:th|dt)\s*>", re.IGNORECASE)
"""``<th>Email</th>``: a table row's (or a definition list's) label, its value in the cells after it."""
_ROW_END = re.compile(r"</(?:tr|dd)\s*>|<(?:tr|dt|th)\b", re.IGNORECASE)
_ROW_CLOSED = re.compile(r"</(?:tr|dd|table|dl)\s*>", re.IGNORECASE)
MAX_LABEL_WORDS = 4
MAX_HEADING_WORDS = 6  # "See the code on GitHub"
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s]{1,2000})\)")
"""``[federalist.18f.gov](https://federalist.18f.gov/)``: a value its layout ``markdownify``-ed."""


def value_parts(value: str) -> list[tuple[str, str | None]]:
    """``(words, address)`` parts of a labelled value: a Markdown link in it (18F's
    ``project_url``, which its layout ``markdownify``-ed) is a link, not its brackets."""
    parts: list[tuple[str, str | None]] = []
    at = 0
    for found in _MARKDOWN_LINK.finditer(value):
        if found.start() > at:
            parts.append((value[at:found.start()], None))
        parts.append((found.group(1), found.group(2)))
        at = found.end()
    if at < len(value):
        parts.append((value[at:], None))
    return parts


@dataclass(frozen=True)
class Field:
    """A layout's line that printed front-matter values after a label (``<strong>Owner:</strong>
    {{ page.owner }}``): the label's words ("Owner") and the keys, in their order."""

    label: str
    keys: tuple[str, ...]
    joins: tuple[tuple[str, str], ...] = ()
    """``(key, separator)`` of each list the layout printed with ``| join:``."""
    glues: tuple[tuple[str, str], ...] = ()
    """``(key, text)``: the punctuation the layout printed before a value after the first
    (``{{ page.latitude }}, {{ page.longitude }}``: ``", "``)."""
    attrs: tuple[tuple[str, str], ...] = ()
    """``(key, name)`` of each list the layout printed item by item in a ``{% for item in
    page.looking %}`` loop as ``{{ item.skill }}``: each item's ``skill``."""


def labelled_fields(srcdir: Path, layout: object) -> list[Field]:
    """The labelled values ``_layouts/<layout>`` printed, one a line, as OpenOakland's data
    portal printed each dataset's owner, year and file: on such a site a page is only its
    front matter, and those values are all a reader saw of it. Only a label of a few words
    ending with ``:`` counts (not a sentence that happens to hold a value); each line is
    read once."""
    if not isinstance(layout, str) or not _NAME.match(layout.strip()):
        return []
    path = _layout_file(srcdir, layout.strip())
    if path is None:
        return []
    try:
        stat = path.stat()
    except OSError:
        return []
    return list(_fields_of(path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=64)
def _fields_of(path: Path, mtime_ns: int, size: int) -> tuple[Field, ...]:
    """:func:`labelled_fields` of one version of a layout file: every page of a site asks
    for its layout's (a City-style site's 177 pages read and parsed it 177 times)."""
    fields: list[Field] = []
    joins: dict[str, str] = {}
    glues: dict[str, str] = {}
    attrs: dict[str, str] = {}

    def add(label: str, keys: list[str]) -> None:
        if label and keys:
            unique = tuple(dict.fromkeys(keys))
            fields.append(Field(label, unique, tuple((k, joins[k]) for k in unique if k in joins),
                                tuple((k, glues[k]) for k in unique[1:] if k in glues),
                                tuple((k, attrs[k]) for k in unique if k in attrs)))

    cell_label, cell_keys = "", []  # a <th> label, and the values of the cells after it
    pending = ""  # a label its line printed no value after ("<strong>Status: </strong></p>")
    loop: tuple[str, str, str] | None = None  # (label, item, key) of a loop over page.key under it
    item_name: str | None = None  # what of each item the loop printed ("": the item itself)
    heading: tuple[str, str] | None = None  # (level, words so far) of a heading not yet closed
    for line in _without_hidden(_FRONT_MATTER.sub("", _read(path), count=1)).splitlines():
        if loop is not None:
            label, item, key = loop
            if _ENDFOR.search(line):
                if item_name is not None:  # each item, as the loop printed them one after another
                    joins[key] = ", "
                    if item_name:
                        attrs[key] = item_name
                    add(label, [key])
                loop = None
                continue
            printed = {found.group(2) or "" for found in _LOOP_OUTPUT.finditer(line)
                       if found.group(1) == item and not _inside_tag(line, found.start())}
            if item_name is not None:
                printed.add(item_name)
            words = [w for w in _visible_html(_without_liquid(line)).split() if _WORD.search(w)]
            if _FOR_PAGE.search(line) or words or len(printed) > 1 or _filters_or_links(line, item):
                loop = None  # more than a list of its items (a nested loop, words, a choice
                # of items, links frontdata lists with their addresses): not read
            elif printed:
                item_name = printed.pop()
            continue
        if heading is not None or (opened := _HEADING_OPEN.search(line)) is not None:
            # a heading over a value ("<h3>Agency partners</h3>" over a list): its label
            whole = line
            if heading is None:
                heading, line = (opened.group(1), ""), line[opened.end():]
            closed = re.search(r"</h" + heading[0] + r"\s*>", line, re.IGNORECASE)
            text = heading[1] + " " + (line[:closed.start()] if closed else line)
            if closed is None:
                heading = (heading[0], text) if len(text) <= 400 else None
                continue
            heading, line = None, line[closed.end():]
            words = _visible_html(_without_liquid(text)).split()
            if "{{" in text:  # a value printed as a heading (Hack for LA's status), no label
                line = whole
            else:
                pending = (" ".join(words).rstrip(":").strip() if 0 < len(words) <= MAX_HEADING_WORDS
                           and _WORD.search(" ".join(words)) else "")
        if pending:
            words = [w for w in _visible_html(_without_liquid(line)).split() if _WORD.search(w)]
            if (looped := _FOR_PAGE.search(line)) is not None and not words:
                loop, item_name, pending = (pending, looped.group(1), looped.group(2)), None, ""
                continue
            first = _PAGE_OUTPUT.search(line)
            if first is not None and not _inside_tag(line, first.start()) and not _visible_html(
                    _without_liquid(line[:first.start()])).strip():
                keys, at = [], 0  # its values, and any a short mark joins ("{{ a }} – {{ b }}")
                for output in _PAGE_OUTPUT.finditer(line):
                    gap = re.sub(r"\s+", " ", _visible_html(_without_liquid(line[at:output.start()])))
                    if _inside_tag(line, output.start()) or (keys and (_WORD.search(gap) or len(gap.strip()) > 3)):
                        break
                    if keys and gap.strip():
                        glues[output.group(1)] = gap
                    keys.append(output.group(1))
                    at = output.end()
                add(pending, keys)  # the label stays: a value an `{% if %}` chose may follow
                continue
            if words:
                pending = ""
        if cell_label and (_ROW_END.search(line) or _HEADER_CELL.search(line)):
            before_end = _ROW_END.search(line)
            for output in _PAGE_OUTPUT.finditer(line, 0, before_end.start() if before_end else 0):
                cell_keys.append(output.group(1))
            add(cell_label, cell_keys)
            cell_label, cell_keys = "", []
        if header := _HEADER_CELL.search(line):
            words = _visible_html(_without_liquid(header.group(2))).strip().rstrip(":").split()
            if 0 < len(words) <= MAX_LABEL_WORDS and not _PAGE_OUTPUT.search(header.group(2)):
                cell_label, cell_keys = " ".join(words), []
                line = line[header.end():]
        label, keys, at = "", [], 0
        for output in _PAGE_OUTPUT.finditer(line):
            if (join := _JOIN.search(output.group(2) or "")) is not None:
                joins[output.group(1)] = join.group(1) if join.group(1) is not None else join.group(2)
            gap = re.sub(r"\s+", " ", _visible_html(_without_liquid(line[at:output.start()])))
            before = gap.strip()
            at = output.end()
            words = before[:-1].split()
            if before.endswith(":") and 0 < len(words) <= MAX_LABEL_WORDS:
                add(label, keys)  # "Owner: {{ page.owner }} Year: {{ page.year }}": two fields
                label, keys = " ".join(words), []
            if label:  # the label's value, or more of it (an address and its words)
                if keys and before and not _WORD.search(before) and len(before) <= 3:
                    glues[output.group(1)] = gap  # "{{ page.latitude }}, {{ page.longitude }}"
                keys.append(output.group(1))
            elif cell_label:
                cell_keys.append(output.group(1))
        add(label, keys)
        if label:
            pending = ""
        elif trailing := _trailing_label(line):
            pending = trailing
        if cell_label and _ROW_CLOSED.search(line):  # "<tr><th>Email</th><td>…</td></tr>"
            add(cell_label, cell_keys)
            cell_label, cell_keys = "", []
    add(cell_label, cell_keys)
    return tuple(fields)


_CHOICE = re.compile(r"\{%-?\s*(?:if|elsif|unless)\b([^%]*)")
"""A test's text, up to the next ``%`` (each scan stops there: linear on a long line)."""
_COMPARES = re.compile(r"==|!=|<|>|\bcontains\b")


def _filters_or_links(line: str, item: str) -> bool:
    """Whether a loop's line chooses among its items (``{% if item.name == 'GitHub' %}``)
    or links each (``href='{{ item.url }}'``): then it is no plain list of them."""
    uses = re.compile(r"\b" + re.escape(item) + r"\b")
    return any(uses.search(found.group(1)) and _COMPARES.search(found.group(1))
               for found in _CHOICE.finditer(line)) or (
        "href" in line and uses.search(line) is not None)


TAG_REACH = 2000


def _inside_tag(line: str, at: int) -> bool:
    """Whether ``line[at]`` is inside an HTML tag (an attribute's value: no words shown);
    only the ``TAG_REACH`` characters before it are looked at, so a long line of values is
    read in linear time."""
    start = max(0, at - TAG_REACH)
    return line.rfind("<", start, at) > line.rfind(">", start, at)


def _trailing_label(line: str) -> str:
    """The label a line ends with and prints no value after (``<p><strong>Status:
    </strong></p>``), its value printed on a later line; "" for none."""
    if _PAGE_OUTPUT.search(line) or "{{" in line:
        return ""
    words = _visible_html(_without_liquid(line)).split()
    if not words or not words[-1].endswith(":"):
        return ""
    label = " ".join(words)[:-1].split()
    return " ".join(label) if 0 < len(label) <= MAX_LABEL_WORDS else ""


def field_value(value: Any, join: str | None = None, attr: str | None = None) -> str:
    """A front-matter value as the words a label is followed by; "" for one that is no plain
    text (a map, HTML, which would be shown raw, or a list its layout did not ``join``: the
    ZIP codes of a King County Solutions place, ``| join: ', '``, are their words; a list of
    maps its layout printed one ``attr`` of each, Hack for LA's open roles' ``skill``)."""
    if attr and isinstance(value, list):
        value = [item.get(attr) for item in value
                 if isinstance(item, dict) and item.get(attr) not in (None, "", False)]
    if join is not None and isinstance(value, list) and value:
        items = [field_value(item) for item in value]
        if join.strip() == "," and any("," in item for item in items):
            join = "; "  # "Bureau of Alcohol, Tobacco, Firearms and Explosives; Federal Election Commission"
        return join.join(items) if all(items) else ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    words = " ".join(str(value).split())
    return "" if "<" in words or "{" in words else words


def _without_head(html: str) -> str:
    """``html`` without its ``<head>`` element (its ``<title>`` and ``<meta>`` are no words a
    reader saw); found by ``find``, each ``<head`` looked at once."""
    lower = html.lower()
    start = lower.find("<head")
    while start >= 0 and lower[start + 5:start + 6].isalnum():  # "<header" is no head
        start = lower.find("<head", start + 5)
    if start < 0:
        return html
    end = lower.find("</head", start)
    return html[:start] + (html[lower.find(">", end) + 1:] if end >= 0 and lower.find(">", end) >= 0 else "")
_BREAKS = re.compile(r"(?:<br\s*/?>\s*)+", re.IGNORECASE)


def prints_description(srcdir: Path, layout: object) -> bool:
    """Whether ``_layouts/<layout>`` printed ``{{ page.description }}`` as words a reader saw
    (Hack for LA's ``project.html``: ``<p>{{page.description}}</p>``, all a project's page
    said of it), not in the head, a tag's attribute or a script."""
    if not isinstance(layout, str) or not _NAME.match(layout.strip()):
        return False
    path = _layout_file(srcdir, layout.strip())
    if path is None:
        return False
    text = _without_head(_without_hidden(_FRONT_MATTER.sub("", _read(path), count=1)))
    return any(found.group(1) == "description" and not _inside_tag(text, found.start())
               for found in _PAGE_OUTPUT.finditer(text))


def description_paragraphs(value: object) -> list[str]:
    """A ``description:`` as the paragraphs its layout showed: a ``<br />`` parts them, other
    tags are left out, their words kept."""
    if not isinstance(value, str):
        return []
    pieces = (" ".join(_visible_html(piece).split()) for piece in _BREAKS.split(value))
    return [piece for piece in pieces if _WORD.search(piece)]


_CATEGORY_LIST = re.compile(r"\bsite\.(categories|tags)\[\s*page\.([A-Za-z_][\w-]*)\s*\]")
"""``site.categories[page.tag]``: the posts of the category the page names."""
_INCLUDE = re.compile(r"\{%-?\s*include(?:_cached)?\s+([\w./-]{1,200})")
MAX_INCLUDES = 20


def listed_category(srcdir: Path, layout: object) -> tuple[str, str] | None:
    """``("categories", "tag")`` when the page's layout, or a file of ``_includes/`` it
    includes, listed ``site.categories[page.tag]`` (or ``site.tags[…]``): OpenOakland's
    category pages were only ``tag: LandUse`` and that list of the category's datasets."""
    if not isinstance(layout, str) or not _NAME.match(layout.strip()):
        return None
    path = _layout_file(srcdir, layout.strip())
    if path is None:
        return None
    text = _read(path)
    includes = srcdir / "_includes"
    texts = [text]
    for name in list(dict.fromkeys(_INCLUDE.findall(text)))[:MAX_INCLUDES]:
        included = includes / name
        try:
            is_file = included.is_file()
        except OSError:  # a name too long for the file system (errno 36): no file
            continue
        if is_file and is_inside(Path(os.path.realpath(included)), [includes]):
            texts.append(_read(included))
    for each in texts:
        if (found := _CATEGORY_LIST.search(each)) is not None:
            return found.group(1), found.group(2)
    return None
