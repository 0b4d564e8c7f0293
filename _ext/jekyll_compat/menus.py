"""The order an old site's menu gave its pages: ``_data/navigation.yml`` and its kin.

minimal-mistakes, uswds-jekyll and the documentation themes list a site's pages in a data
file the sidebar is drawn from, in reading order; the pages themselves carry no number.
Without it such a site's docs came in title order, each page warned for a missing
``position``. Plain Python: the menu's links in order, nothing about Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

MENU_FILE = re.compile(r"^(navigation|nav|menus?|sidebars?|toc)([_-][\w-]+)?\.(ya?ml|json)$", re.I)
"""``_data/`` files a theme draws its menu from: ``navigation.yml`` (minimal-mistakes,
uswds-jekyll), ``sidebar.yml`` and ``sidebars/*.yml`` (documentation-theme-jekyll),
``toc.yml``, ``menu.yml``."""

NAMED_MENU = re.compile(r"^(?!footer|social)[a-z][\w-]*?[_-]?(?:nav|navigation)\.(ya?ml|json)$", re.I)
"""A site's own menu named for what it lists: the University of Idaho Library's
``pagesnav.yml``, ``main_nav.yml``, ``site-navigation.yml``. Not a footer's or the social
links' (``footer_nav.yml``): read before the main menu (by name), it gave the footer's pages
the first places."""

LINK_KEYS = ("url", "href", "link", "permalink")
"""The keys a menu entry names its page by."""

TITLE_KEYS = ("title", "name", "text", "label")
"""The keys a menu entry shows its words by."""

MOST = 100_000
"""Entries read from one site's menus: a menu is a few hundred; a hostile file is not walked for ever."""


def is_menu_file(relative: str) -> bool:
    """Whether ``relative`` (a path under ``_data/``) is a menu: by its name, or inside a
    ``sidebars/`` or ``navigation/`` folder."""
    parts = relative.split("/")
    return bool(MENU_FILE.match(parts[-1]) or NAMED_MENU.match(parts[-1])) or (len(parts) > 1 and bool(
        re.match(r"^(navigation|nav|menus?|sidebars?)$", parts[-2], re.I)) and
        parts[-1].lower().endswith((".yml", ".yaml", ".json")))


DOCS_MENU = re.compile(r"^docs\.ya?ml$", re.I)
"""Jekyll's own documentation and jekyll-docs-template: ``_data/docs.yml`` lists each
section's docs by name (``- title: Getting Started / docs: [home, quickstart]``), and
``docs_nav.html`` links each as ``/docs/<name>/``."""


def docs_menu(data: Any) -> list[dict[str, str]] | None:
    """A ``_data/docs.yml`` of named docs as the links of a menu, in order (:data:`DOCS_MENU`);
    None when the file has another shape (a site's own data named ``docs``). Its section
    titles are not made groups: the first section's first doc is the collection's landing
    (``_docs/index.md``, ``/docs/home/``), and a group landing there split the section in two."""
    if not isinstance(data, list) or not data:
        return None
    links: list[dict[str, str]] = []
    for section in data[:MOST]:
        names = section.get("docs") if isinstance(section, Mapping) else None
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            return None
        links.extend({"url": f"/docs/{name.strip().strip('/')}/"} for name in names[:MOST])
    return links


def _link(node: Mapping) -> str | None:
    for key in LINK_KEYS:
        value = node.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _title(node: Mapping) -> str:
    for key in TITLE_KEYS:
        value = node.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return ""


def links(data: Any) -> Iterator[str]:
    """Each link the menu ``data`` lists, depth first, as the sidebar showed them."""
    stack: list[Any] = [data]
    seen = 0
    while stack and seen < MOST:
        node = stack.pop()
        seen += 1
        if isinstance(node, Mapping):
            link = _link(node)
            if link is not None:
                yield link
            stack.extend(reversed([v for k, v in node.items() if k not in LINK_KEYS
                                   and isinstance(v, (Mapping, list))]))
        elif isinstance(node, list):
            stack.extend(reversed([v for v in node if isinstance(v, (Mapping, list))]))


def ranks(menus: list[Any], resolve: Any) -> dict[str, int]:
    """``{docname: its place}`` in the menus read one after another: ``resolve(link)``
    gives the page a link leads to (None: elsewhere). A page listed twice keeps its first place."""
    found: dict[str, int] = {}
    for data in menus:
        for link in links(data):
            docname = resolve(link)
            if docname is not None and docname not in found:
                found[docname] = len(found) + 1
    return found


def groups(data: Any) -> list[tuple[str, list[str]]]:
    """The menu's titled groups that are no page themselves, each with the links under it,
    depth first: minimal-mistakes' ``docs: [{title: Getting Started, children: [...]}]``,
    documentation-theme-jekyll's ``folders: [{title: Overview, folderitems: [...]}]``. The
    sidebar showed their titles as headings over their pages: the sections of the old site.
    A group inside a group is one of its own; its links are not the outer group's."""
    found: list[tuple[str, list[str]]] = []
    stack: list[tuple[Any, int | None]] = [(data, None)]
    seen = 0
    while stack and seen < MOST:
        node, owner = stack.pop()
        seen += 1
        if isinstance(node, Mapping):
            link = _link(node)
            if link is not None and owner is not None:
                found[owner][1].append(link)
            elif link is None and _title(node) and any(isinstance(v, list) for v in node.values()):
                found.append((_title(node), []))
                owner = len(found) - 1
            stack.extend(reversed([(v, owner) for k, v in node.items() if k not in LINK_KEYS
                                   and isinstance(v, (Mapping, list))]))
        elif isinstance(node, list):
            stack.extend(reversed([(v, owner) for v in node if isinstance(v, (Mapping, list))]))
    return [(title, listed) for title, listed in found if listed]


def group_titles(menus: list[Any], resolve: Any) -> dict[str, str]:
    """``{docname: the title of the menu group that lists it}`` (:func:`groups`; ``resolve``
    as for :func:`ranks`); a page two groups list keeps the first."""
    found: dict[str, str] = {}
    for data in menus:
        for title, listed in groups(data):
            for link in listed:
                docname = resolve(link)
                if docname is not None:
                    found.setdefault(docname, title)
    return found
