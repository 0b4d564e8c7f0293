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

LINK_KEYS = ("url", "href", "link", "permalink")
"""The keys a menu entry names its page by."""

MOST = 100_000
"""Entries read from one site's menus: a menu is a few hundred; a hostile file is not walked for ever."""


def is_menu_file(relative: str) -> bool:
    """Whether ``relative`` (a path under ``_data/``) is a menu: by its name, or inside a
    ``sidebars/`` or ``navigation/`` folder."""
    parts = relative.split("/")
    return bool(MENU_FILE.match(parts[-1])) or (len(parts) > 1 and bool(
        re.match(r"^(navigation|nav|menus?|sidebars?)$", parts[-2], re.I)) and
        parts[-1].lower().endswith((".yml", ".yaml", ".json")))


def links(data: Any) -> Iterator[str]:
    """Each link the menu ``data`` lists, depth first, as the sidebar showed them."""
    stack: list[Any] = [data]
    seen = 0
    while stack and seen < MOST:
        node = stack.pop()
        seen += 1
        if isinstance(node, Mapping):
            for key in LINK_KEYS:
                value = node.get(key)
                if isinstance(value, str) and value.strip():
                    yield value.strip()
                    break
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
