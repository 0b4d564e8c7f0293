"""What ordering needs from a page's source (:mod:`pagesource`): title, position, published.

Plain Python with no Sphinx import, so it can be tested and reused (a quick checker,
the benchmark) without a build. Every problem keeps the line it was found on.
"""

from __future__ import annotations

import dataclasses

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote
from collections.abc import Mapping
from typing import Any

import pagesource
import pagesource.suffixes
from jekyll_compat.defaults import with_defaults
from jekyll_compat.frontdata import ORDER_KEYS, order_number
from jekyll_compat.meaning import is_redirect_page, permalink
from jekyll_compat.posts import Post
from jekyll_compat.titles import name_key, name_title, titleize_page, titleize_slug
from pagesource import PageSource, charrefs, titles
from pagesource.fences import outside_fences

from .problems import Kind, Problem

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$")  # its words: titles.atx_text
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: not "٣", not YAML 1.1's 1:30 or 0x1F


@dataclass(frozen=True)
class Page:
    """What one source page says about its place in the publication."""

    docname: str
    title: str | None = None
    position: int | None = None
    published: bool = True
    title_line: int = 1
    position_line: int = 1
    problems: tuple[Problem, ...] = field(default=())
    redirect: bool = False  # a Jekyll redirect page: a chapter only as a section's landing
    landing_problems: tuple[Problem, ...] = field(default=())  # reported if it lands a section
    address: str | None = None  # its `permalink:` as a folder (``/a/b/`` -> ``a/b``), if any
    dated: tuple[str, str] | None = None  # a Jekyll post's (UTC moment, file): ordered by date
    nav_order: float | None = None  # just-the-docs' order, used when there is no `position`
    parent: str | None = None  # just-the-docs: the title of the page it is listed under
    parent_line: int = 1
    grand_parent: str | None = None  # the title above the parent (`grand_parent` or `ancestor`)
    language: str | None = None  # `lang:` or `locale:` (``es``, ``es-mx``): a bilingual site's pages
    file: str = ""  # its file under the pages' folder (``_projects/a.md``): messages name it, not its docname
    lands: bool = False  # GitBook's ``README.md``: its folder's landing page (:func:`in_summary_order`)
    menu_group: str | None = None  # the old site's menu group listing it ("Getting Started"): its section
    bare: bool = False  # no front matter at all (a GitHub Pages page): advice says to add one

    @property
    def named(self) -> str:
        """How a message names the page: by its file, which the writer can find."""
        return self.file or self.docname

    @property
    def in_collection(self) -> bool:
        """A document of a Jekyll collection (``_docs/…``), not a post: Jekyll listed those by path."""
        first = self.file.split("/", 1)[0]
        return "/" in self.file and first.startswith("_") and first != "_posts" and self.dated is None

    @property
    def sort_title(self) -> str:
        """The title used for tie-breaks; the file name when there is no title."""
        return (self.title or self.docname.rsplit("/", 1)[-1]).casefold()


def read_page(docname: str, path: Path, post: Post | None = None,
              defaults: Mapping[str, Any] | None = None, file: str = "") -> Page:
    """Read ``path`` and return its :class:`Page`; never raises for bad content. ``file``:
    its path under the pages' folder, for messages."""
    page = ordering(docname, pagesource.read(path), post, defaults,
                    html=path.name.endswith(pagesource.suffixes.HTML))
    return dataclasses.replace(page, file=file) if file else page


def ordering(docname: str, source: PageSource, post: Post | None = None,
             defaults: Mapping[str, Any] | None = None, html: bool = False) -> Page:
    """The ordering view of a page's source: title, position, published, and its problems.

    A Jekyll ``post`` (:mod:`jekyll_compat.posts`) needs no position (its date orders it) and
    no title (Jekyll titles it after its file name); ``published: false`` and a date in the
    future leave it out. ``defaults``: what the old site's ``_config.yml`` gives the page
    (``jekyll_compat.front_matter_defaults``); its own front matter wins. ``html``: the page
    is written in HTML (Jekyll's ``contact/index.html``), and may be titled by its ``<h1>``."""
    problems = [Problem(Kind(p.kind.value), p.line, p.message) for p in source.problems]
    if not source.text.strip():
        problems.append(Problem(Kind.EMPTY, 1, "the page is empty; give it front matter with "
                                "`title:` and `position:` and some text"))
        return Page(docname, problems=tuple(problems))
    data, keylines = (source.data, source.key_lines) if source.front_matter_valid else ({}, {})
    if defaults:
        data = with_defaults(data, {k: v for k, v in defaults.items() if k != "title"})
    # A redirect page is no chapter, unless it lands a section (Jekyll's `folder.md` that
    # redirects to its first page): then its title and position name and order the section.
    redirect = is_redirect_page(data)
    own: list[Problem] = [] if redirect else problems
    lines = list(source.lines)
    untitled: list[Problem] = []
    title, title_line = _title(docname, data, keylines, lines, source.body_start,
                               own if post is None else untitled, html)
    if post is not None and data.get("title") not in (None, ""):
        own.extend(untitled)  # a list or mapping is a mistake; an empty or no title is Jekyll's way
    position, position_line = _position(data, keylines, own, lines)
    published = _published(data, keylines, own) and (post is None or post.published)
    parent, grand_parent = _text(data.get("parent")), _text(data.get("grand_parent") or
                                                            data.get("ancestor"))
    if parent and title and parent.casefold() == title.casefold():
        parent = None  # a folder's `defaults:` gave its own landing its title as parent
    return Page(docname, title, position, published, title_line, position_line, tuple(problems),
                redirect=redirect, landing_problems=tuple(own) if redirect else (),
                address=_address(data), dated=post.order if post is not None else None,
                nav_order=_nav_order(data), parent=parent,
                parent_line=keylines.get("parent", 1), grand_parent=grand_parent,
                language=_language(data), bare=not source.closed)


def _language(data: dict[str, Any]) -> str | None:
    """The page's language as Jekyll's multilingual themes set it (``lang: es``, ``locale: es_MX``)."""
    value = data.get("lang") or data.get("locale")
    if not isinstance(value, str) or not 1 < len(value.strip()) <= 35:
        return None
    return value.strip().lower().replace("_", "-")


def _text(value: Any) -> str | None:
    return str(value).strip() or None if isinstance(value, (str, int, float)) \
        and not isinstance(value, bool) else None


def _nav_order(data: dict[str, Any]) -> float | None:
    """just-the-docs' ``nav_order`` (``1``, ``1.5``), else the ``order:`` or ``weight:`` an
    old site's layout sorted by (opensource.guide's ``sort: 'order'``): a number orders the
    page as ``position`` does; any other value is ordered by title, as the theme did."""
    for key in ORDER_KEYS:
        if (number := order_number(data.get(key))) is not None:
            return number
    return None


def _address(data: dict[str, Any]) -> str | None:
    """A permalink as the folder it names (Jekyll's ``/projects/x/``, ``/projects/a%20b/``)."""
    link = permalink(data)
    if not link or "://" in link or "?" in link or "#" in link:
        return None
    parts = [unquote(part) for part in link.strip().split("/") if part]
    if not parts or any(part in (".", "..") for part in parts):
        return None
    return "/".join(parts)


def _title(docname: str, data: dict[str, Any], keylines: dict[str, int], lines: list[str],
           body_start: int, problems: list[Problem], html: bool = False) -> tuple[str | None, int]:
    """The front-matter title; else the first heading (a page written in HTML: its ``<h1>``,
    when that is its first heading); else the file name, as Jekyll titles a page whose
    ``title:`` is left empty (``contact-us.md`` -> "Contact Us"). An empty ``title:`` means
    the file name even when a heading follows (what the old site showed)."""
    by_name = titleize_page(docname, data.get("lang") or data.get("locale"))
    if "title" in data:
        value = data["title"]
        line = keylines.get("title", 1)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(Kind.TITLE_INVALID, line,
                                    f"`title` is empty: the page is titled {by_name!r} after its "
                                    "file name; write `title: ...` to name it yourself"))
            return by_name, line
        if isinstance(value, str) and not titles.is_shown(value):
            problems.append(Problem(Kind.TITLE_INVALID, line,
                                    f"`title` is only an HTML comment ({value.strip()[:60]!r}), which no "
                                    f"edition shows: the page is titled {by_name!r} after its file "
                                    "name; write its words after `title:` (keep the note elsewhere)"))
            return by_name, line
        if isinstance(value, str) and (control := titles.NOT_XML.search(value)):
            problems.append(Problem(Kind.TITLE_INVALID, line,
                                    f"`title` writes U+{ord(control.group()):04X} (an escape such as "
                                    "`\\a` or `\\0`), a control character no edition can hold; it is "
                                    "left out: delete the escape"))
        if isinstance(value, (str, int, float)):  # YAML's bytes (!!binary) or set read as "b'…'"
            return charrefs.decoded(titles.one_line(str(value))), line
        heading = _first_heading(lines, body_start)
        shown, after = (heading[0], "its first heading") if heading else (by_name, "its file name")
        problems.append(Problem(Kind.TITLE_INVALID, line,
                                f"`title` must be text, e.g. `title: Parking sensors`; the page is "
                                f"titled {shown!r} after {after}"))
        return heading or (by_name, line)
    heading = _first_html_heading(lines, body_start) if html else _first_heading(lines, body_start)
    if heading:
        return heading
    if named := name_title(data):  # a people collection's layout printed `page.name` as its heading
        return charrefs.decoded(named), keylines.get(name_key(data), 1)
    first = "an `<h1>` heading" if html else "a `# Heading`"
    after = "its file name" if by_name == titleize_slug(docname) else "its folder's language"
    problems.append(Problem(Kind.TITLE_MISSING, 1, f"the page has no title, so it is titled "
                            f"{by_name!r} after {after}; add `title: ...` to its front "
                            f"matter or start it with {first}"))
    return by_name, 1


def in_summary_order(pages: Mapping[str, Page], order: Any) -> dict[str, Page]:
    """A GitBook folder's pages placed as its ``SUMMARY.md`` lists them
    (:class:`gitbook_compat.summary.Order`): each page's place there is its ``position``
    (its own front matter wins), a page it does not list comes after the listed ones (said
    by gitbook_compat, not as a missing position), and each ``README.md`` lands its folder."""
    if order is None:
        return dict(pages)
    files = [page.file for page in pages.values() if page.file]
    return {docname: replace(page, lands=order.is_landing(page.file),
                             position=page.position if page.position is not None
                             else order.position_of(page.file, files))
            if page.file else page for docname, page in pages.items()}


def in_menu_order(pages: Mapping[str, Page], places: Mapping[str, int],
                  groups: Mapping[str, str] | None = None) -> dict[str, Page]:
    """Pages without a number placed as the old site's menu listed them (``places``:
    ``jekyll_compat.menu_places``), as just-the-docs' ``nav_order`` places a page: their
    own ``position`` or ``nav_order`` wins, and a post keeps its date's place. ``groups``:
    the title of the menu group that lists a page (:attr:`Page.menu_group`)."""
    groups = groups or {}
    if not places and not groups:
        return dict(pages)
    placed = {docname: replace(page, nav_order=places[docname])
              if docname in places and page.position is None and page.nav_order is None
              and page.dated is None else page for docname, page in pages.items()}
    return {docname: replace(page, menu_group=groups[docname]) if docname in groups else page
            for docname, page in placed.items()}


def html_page_title(path: Path) -> str:
    """The title a page written in HTML without ``title:`` takes from its first heading,
    an ``<h1>`` (:func:`pagesource.titles.html_title`); ``""`` for any other page."""
    if not path.name.endswith(pagesource.suffixes.HTML):
        return ""
    source = pagesource.read(path)
    if "title" in source.data:
        return ""
    found = titles.html_title("\n".join(source.lines[source.body_start:]))
    return found[0] if found else ""


def _first_html_heading(lines: list[str], start: int) -> tuple[str, int] | None:
    """A page written in HTML: the words of its ``<h1>`` when that is its first heading."""
    body = "\n".join(lines[start:])
    found = titles.html_title(body)
    return (found[0], start + 1 + body.count("\n", 0, found[1])) if found else None


def titled_after_publication(page: Page, publication: str) -> Page:
    """The first page with no title and no heading is titled after the publication, not
    "Index": a Jekyll site's home page (``layout: home``) had none, and the old site showed
    ``site.title`` in its place; no file name can name the whole publication better."""
    if not publication.strip() or not any(p.kind is Kind.TITLE_MISSING for p in page.problems):
        return page
    return replace(page, title=publication,
                   problems=tuple(p for p in page.problems if p.kind is not Kind.TITLE_MISSING))


def _first_heading(lines: list[str], start: int) -> tuple[str, int] | None:
    for i in outside_fences(lines, start):
        line = lines[i]
        if (match := _ATX_HEADING.match(line)) and titles.atx_text(match.group(1)).strip():
            return titles.atx_text(match.group(1)).strip(), i + 1
        if (line.strip() and i + 1 < len(lines) and _SETEXT_UNDERLINE.match(lines[i + 1])
                and not line.startswith((" " * 4, "\t", ">", "-", "*", "+"))):
            return line.strip(), i + 1
    return None


def _position(data: dict[str, Any], keylines: dict[str, int], problems: list[Problem],
              lines: list[str]) -> tuple[int | None, int]:
    if "position" not in data:
        return None, 1
    value = data["position"]
    line = keylines.get("position", 1)
    # a position `_config.yml`'s `defaults:` gave is on no line of the page to check
    if isinstance(value, int) and not isinstance(value, bool) and (
            "position" not in keylines or _INTEGER.fullmatch(_written(lines, line))):
        return value, line
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value), line
    if isinstance(value, int) and not isinstance(value, bool):
        value = _written(lines, line) or value  # YAML 1.1 read `1:30` as 90: show what was typed
    problems.append(Problem(
        Kind.POSITION_INVALID, line,
        f"`position: {_show(value)}` is not a whole number; write e.g. `position: 3` "
        "(smaller numbers come first, negatives allowed)",
    ))
    return None, line


def _written(lines: list[str], line: int) -> str:
    """The value as typed on its ``key: value`` line (comment dropped), for a YAML number."""
    if not 1 <= line <= len(lines) or ":" not in lines[line - 1]:
        return ""
    return lines[line - 1].split(":", 1)[1].split(" #", 1)[0].strip()


def _published(data: dict[str, Any], keylines: dict[str, int], problems: list[Problem]) -> bool:
    """A ``published:`` that is no true or false publishes the page, as Jekyll (Ruby reads any
    word as yes) did; said at the page's key, or once at ``_config.yml`` when its
    ``defaults:`` gave it (``jekyll_compat``), not again on every page."""
    value = data.get("published", True)
    if isinstance(value, bool):
        return value
    if "published" not in keylines:
        return True
    problems.append(Problem(Kind.PUBLISHED_INVALID, keylines.get("published", 1),
                            f"`published: {_show(value)}` must be `true` or `false`; "
                            "the page is published"))
    return True


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)
