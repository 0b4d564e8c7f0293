"""Front-matter data the old site's layouts showed: shown again, or reported, never lost.

Plain Python with no Sphinx import. Jekyll layouts printed front-matter values around a
page (``press_mentions:`` as a list of linked titles, ``project_name:`` in the sidebar);
the publication has no such layouts, so their words silently vanished. A list whose items
each have a title and an address is shown at the end of the page, as a list of links
(with the items' other text after each link), and so is each named group of such lists; any other key the publication does not
understand is reported with its line, unless the page's own Liquid uses it
(``{{ page.key }}``). Keys with a meaning for the publication, Jekyll, MyST or Sphinx are
accepted quietly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pagesource.dates import parse_date

from . import theme_includes
from .titles import name_key

#: Keys read by the publication, Jekyll (and its common plugins), MyST or Sphinx.
KNOWN = frozenset({
    "title", "position", "published",
    "layout", "permalink", "redirect_from", "redirect_to", "redirect", "redirect_url", "date",
    "tags", "categories", "category", "excerpt", "excerpt_separator", "description", "image",
    "author", "authors", "lang", "locale", "slug", "last_modified_at", "sitemap", "seo", "toc", "comments",
    "math", "render_with_liquid",
    "draft",  # Hugo's and Docusaurus' drafts are left out (pageorder.check.unpublished_draft)
    "myst", "html_meta", "substitutions", "jupytext", "kernelspec",
    "orphan", "nocomments", "nosearch", "tocdepth",
    # just-the-docs: read by the outline (pageorder), or said by the contents it makes
    "nav_order", "parent", "grand_parent", "ancestor", "has_children", "has_toc", "nav_exclude",
    "search_exclude",
    # settings of Jekyll's common plugins and themes, whose work the publication does itself:
    # jekyll-paginate-v2's posts list (pageorder's), Beautiful Jekyll's maths (maths')
    "pagination", "mathjax",
    # switches of common themes (Minimal Mistakes, jekyll-seo-tag): they turn a layout's
    # parts on and off, never a reader's words (``active: true``, a City project's badge, is)
    "author_profile", "canonical_url", "classes", "entries_layout", "read_time", "related",
    "share", "show_date", "toc_icon", "toc_label", "toc_sticky",
    # uswds-jekyll's (18F's guides): keep the side menu on screen
    "sticky_sidenav",
    # jekyll-paginate-v2's and most themes' "leave it out of the post lists" (the contents
    # list every page)
    "hidden",
    # a layout's CSS hook (opensource.guide's ``class: coc``); documentation-theme-jekyll's
    # search and tag-page switches and its search keywords
    "class", "folder", "search", "tagName", "keywords",
})
#: Keys naming the menu a layout drew beside the page (documentation-theme-jekyll's
#: ``sidebar: mydoc_sidebar``, uswds-jekyll's ``sidenav: guidelines``, a group of
#: ``_data/navigation.yml`` the outline already follows); no words when a single name, but a
#: ``sidebar:`` of Markdown text (plainlanguage.gov's officers) is words a layout printed.
MENU_NAME_KEYS = ("sidebar", "sidenav")
#: Numbers a theme's menu sorted pages by (just-the-docs' ``nav_order``; ``sort: 'order'``
#: or ``sort: 'weight'`` in a layout's loop, Hugo's ``weight``; Docusaurus'
#: ``sidebar_position``): read by the outline (``pageorder``).
ORDER_KEYS = ("nav_order", "order", "weight", "sidebar_position")


def order_number(value: Any) -> float | None:
    """A finite number a page was sorted by; None for anything else."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
            and abs(value) != float("inf"):
        return float(value)
    return None


#: Keys that named a layout's scripts and styles (``custom_js: [d3.v4.min]``): file names,
#: never words a reader saw; the publication runs no page's scripts.
ASSET_KEY = re.compile(r"(?:^|[_-])(?:js|css|javascripts?|scripts?|styles?|stylesheets?)$", re.IGNORECASE)
TITLE_KEYS = ("title", "name", "text", "label", "headline")
URL_KEYS = ("url", "link", "href", "article_link", "website", "source_url")
#: An item's icon (``icon: github``): the name of a picture the layout drew, no word a reader saw.
ICON_KEY = re.compile(r"(?:^|[_-])icons?$", re.IGNORECASE)


@dataclass(frozen=True)
class LinkItem:
    """One entry of a shown list: a linked title and the item's other words."""

    title: str
    url: str
    details: tuple[str, ...]


@dataclass(frozen=True)
class LinkList:
    """A front-matter list shown at the end of the page."""

    key: str
    heading: str
    items: tuple[LinkItem, ...]


@dataclass(frozen=True)
class Unshown:
    """A front-matter key whose value no edition shows."""

    key: str
    line: int


def heading_for(key: str) -> str:
    """``press_mentions`` -> ``Press mentions``."""
    words = re.sub(r"[_-]+", " ", key).strip()
    return words[:1].upper() + words[1:]


def _text(value: Any) -> str:
    """An item's other value as words; a date as Austin writes it (``May 3, 2019``)."""
    day = parse_date(value) if isinstance(value, (str, dt.date)) else None
    if day is not None and re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}.*", str(value)):
        return f"{day:%B} {day.day}, {day.year}"
    return " ".join(str(value).split())


def _first(item: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str, str] | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return key, str(value).strip()
    return None


def as_link_list(key: str, value: Any) -> LinkList | None:
    """The list shape layouts printed: every item a mapping with a title and an address."""
    if not isinstance(value, list) or not value:
        return None
    items: list[LinkItem] = []
    for entry in value:
        if not isinstance(entry, Mapping):
            return None
        title, url = _first(entry, TITLE_KEYS), _first(entry, URL_KEYS)
        if title is None or url is None:
            return None
        details = tuple(_text(v) for k, v in entry.items()
                        if k not in (title[0], url[0]) and not ICON_KEY.search(str(k))
                        and isinstance(v, (str, int, float, dt.date)) and _text(v))
        items.append(LinkItem(title[1], url[1], details))
    return LinkList(key, heading_for(key), tuple(items))


def as_link_groups(key: str, value: Any) -> list[LinkList]:
    """Groups of such lists, each under its name (developers.italia.it's ``resources:``:
    ``- Documentazione: [...]``, ``- Tool: [...]``), one list per group."""
    if not isinstance(value, list) or not value:
        return []
    groups: list[LinkList] = []
    for entry in value:
        if not isinstance(entry, Mapping) or len(entry) != 1:
            return []
        (name, links), = entry.items()
        found = as_link_list(key, links) if isinstance(name, str) and name.strip() else None
        if found is None:
            return []
        groups.append(LinkList(key, " ".join(name.split()), found.items))
    return groups


def subtitle(data: Mapping[str, Any]) -> str:
    """A page's ``subtitle:`` as the words Beautiful Jekyll and its kin showed under the
    title ("" when there is none, or when it is not a text)."""
    value = data.get("subtitle")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return " ".join(str(value).split())


def classify(data: Mapping[str, Any], keylines: Mapping[str, int], body: str,
             landing_of: str = "", printed: frozenset[str] = frozenset()
             ) -> tuple[list[LinkList], list[Unshown]]:
    """The lists to show at the end of the page, and the keys shown nowhere.

    A text the title already says (``nav_title: Resources``, ``short-name: Signal
    Re-timing`` beside ``title: Signal Re-Timing - City of Austin``) is shown; so is
    ``collection: NAME`` on the page that lands the folder of that name (``landing_of``),
    whose contents list the collection's pages, as the City's Zilker theme listed them.
    ``printed``: keys shown under the title beside their layout's labels (``layouts.Field``)."""
    shown: list[LinkList] = []
    unshown: list[Unshown] = []
    title = _words(data.get("title"))
    included = theme_includes.lists_shown(body) if "include" in body else set()
    for key, value in data.items():
        if not isinstance(key, str) or key in KNOWN or value is None or value == "" or value == []:
            continue
        if ASSET_KEY.search(key) or (key == "subtitle" and subtitle(data)):
            continue
        if key in MENU_NAME_KEYS and _names_a_menu(value):
            continue
        if key in printed:
            continue
        if key and key == name_key(data):
            continue  # the page's title (pageorder), as its layout showed it
        if (key in ORDER_KEYS and order_number(value) is not None) or _said_by_language(key, value, data):
            continue
        if re.search(r"\bpage\." + re.escape(key) + r"\b", body) or key in included:
            continue  # the page's own Liquid shows it
        words = _words(value)
        if words and title and f" {words} " in f" {title} ":
            continue
        if key == "collection" and landing_of and words == _words(landing_of):
            continue
        found = as_link_list(key, value)
        groups = as_link_groups(key, value) if found is None else []
        if found is not None:
            shown.append(found)
        elif groups:
            shown.extend(groups)
        else:
            unshown.append(Unshown(key, keylines.get(key, 1)))
    return shown, unshown


def description_problem(data: Mapping[str, Any]) -> str:
    """Why the page's ``description:`` (its summary in the site's head) is not used ('' when
    it is, or absent): a list or a mapping was dropped without a word, and the head said the
    publication's abstract instead."""
    value = data.get("description")
    if value is None or isinstance(value, str):
        return ""
    what = ("a list" if isinstance(value, list) else "a mapping" if isinstance(value, Mapping)
            else "true or false" if isinstance(value, bool) else "a number" if isinstance(value, (int, float))
            else "not text")
    return (f"`description:` is {what}, not text, so it is not used: the page's summary in the "
            "site's head is the publication's abstract. Write it as one line of text, e.g. "
            "`description: How to apply for a parking permit`")


def _names_a_menu(value: Any) -> bool:
    """A menu switch: on/off, one name (``mydoc_sidebar``) or Minimal Mistakes' ``nav: docs``."""
    if isinstance(value, Mapping) and set(value) == {"nav"}:
        value = value["nav"]
    return isinstance(value, bool) or (isinstance(value, str) and not re.search(r"\s", value.strip()))


def _said_by_language(key: str, value: Any, data: Mapping[str, Any]) -> bool:
    """``language: es`` is the page's language (:func:`languages.pagelang.declared`);
    ``direction: rtl`` beside ``lang: fa``: every edition sets the page in its language's
    direction already; a direction its language does not have is not shown, so it is said."""
    from languages.names import UnknownLanguage, direction
    from languages.pagelang import OTHER_KEY, names_language

    if key == OTHER_KEY and names_language(value):  # `language: es`: the languages room reads it
        return True
    language = data.get("lang") or data.get("locale")
    if key not in ("dir", "direction") or not isinstance(value, str) or not isinstance(language, str):
        return False
    try:
        return direction(language.strip()) == value.strip().lower()
    except UnknownLanguage:
        return False


def _words(value: Any) -> str:
    """A text's words, case and spacing aside ("" for anything but a text or a number)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return " ".join(str(value).casefold().split())


#: Keys the publication reads, which staff write capitalised (Word's ``Title:``).
READ_KEYS = frozenset({"title", "position", "published", "lang", "locale", "draft", "math",
                       "myst", "permalink", "redirect_from", "redirect_to", "date", "parent"})


def unshown_message(unshown: list[Unshown]) -> str:
    """What no edition shows; a read key written with capitals (``Title:``) is named as the
    key to write, for that is no old layout's data but the page's own title, lost. The
    message stands at the first key's line, so only the others name theirs."""
    keys = ", ".join(f"`{u.key}`" + ("" if u.line == unshown[0].line else f" (line {u.line})")
                     for u in unshown)
    miscased = [f"`{str(u.key).lower()}:`" for u in unshown
                if str(u.key) != str(u.key).lower() and str(u.key).lower() in READ_KEYS]
    if miscased and len(miscased) == len(unshown):
        return (f"front-matter data that no edition shows: {keys}. Keys are read in small letters: "
                f"write {', '.join(miscased)}")
    hint = f" (keys are read in small letters: write {', '.join(miscased)})" if miscased else ""
    return (f"front-matter data that no edition shows: {keys}. The old site's layout may have "
            f"shown it; write what matters into the page's text, or remove the key{hint}")


AUTHORS_SHOWN = 12
"""Names of one page's ``author:`` shown; a longer list is a team page's, not a byline."""

AUTHOR_LIMIT = 120
"""Characters of one name shown (a paragraph pasted into ``author:`` is no name)."""


def author_names(value: Any, authors: Mapping[str, Any] | None = None) -> list[str]:
    """The names an ``author:`` (or ``authors:``) value gives, as themes printed them under
    the title: a name, a list of them, jekyll-seo-tag's ``{name: …}``, a ``first_name`` and
    ``last_name`` pair (Code for America's brigade posts), or a key of ``_data/authors.yml``
    (minimal-mistakes: ``author: billy_rick``). pandoc writes ``author:`` as a list too; the
    names were in no edition, unsaid."""
    names = []
    for item in (value if isinstance(value, list) else [value])[:AUTHORS_SHOWN]:
        if isinstance(item, str) and isinstance(authors, Mapping) and isinstance(authors.get(item), Mapping):
            item = authors[item]
        if isinstance(item, Mapping):
            item = item.get("name") or item.get("display_name") or " ".join(
                str(item[key]) for key in ("first_name", "last_name")
                if isinstance(item.get(key), str))
        if isinstance(item, str):
            text = " ".join(item.split())
            if 0 < len(text) <= AUTHOR_LIMIT:
                names.append(text)
    return names
