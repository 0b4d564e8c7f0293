"""Find the page now at a Jekyll site's old URL (``/projects/x/y/``), and read Jekyll dates.

Plain Python with no Sphinx import. A Jekyll page had one URL: its ``permalink`` if it
set one, else its path with ``.html`` or, with pretty URLs, a trailing slash (a folder's
``index`` is the folder). ``redirect_from`` lists URLs it also answered to. Every spelling
of those URLs is reduced to one key, so a link written any of these ways finds the page.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from html import unescape
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from pagesource.dates import parse_date
from pagesource.suffixes import spellings

from .posts import is_template

_SUFFIXES = (".html", ".htm", *spellings())
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def is_site_path(url: str) -> bool:
    """True for a root-relative link (``/x/y/``), not ``//host`` or ``https:``."""
    return url.startswith("/") and not url.startswith("//") and not _SCHEME.match(url)


def is_relative_url(url: str) -> bool:
    """A link written as an address relative to the page's URL, as Jekyll sites link
    (``../structure/``, ``dataelements/``, ``faq.html``): not a page's file name."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    return bool(path) and not url.startswith(("/", "#")) and not _SCHEME.match(url) \
        and path.endswith(("/", ".html", ".htm"))


def is_extensionless_url(url: str) -> bool:
    """A relative link whose last part has no suffix (``../sandbox``, ``../sandbox#money``):
    on a Jekyll site with pretty URLs, a page's address written without its slash, which the
    web server answered; here it may also be a MyST target name, so only a page found there
    is taken (:class:`ResolveSiteLinks`)."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(path) and not url.startswith(("/", "#")) and not _SCHEME.match(url) \
        and "." not in last.strip(".")


def joined(page_url: str, url: str) -> str:
    """``url`` read from the page at ``page_url``, root-relative, as a browser reads it (a
    ``..`` above the site's root stays at the root: ``urljoin`` dropped the ``/`` there)."""
    found = urljoin("/" + page_url.lstrip("/"), url)
    return found if found.startswith("/") else "/" + found


def url_path(url: str) -> str:
    """The path a URL names on its site: no scheme, host, query or fragment; ``%20`` decoded."""
    return unquote(urlsplit(url.strip()).path)


def page_path(url: str, baseurl: str = "") -> str:
    """What page path a URL means: ``/a/b/``, ``/a/b.html``, ``a/b.md`` all mean ``a/b``.

    The one normaliser of addresses: old links, ``permalink``, ``redirect_from``, redirect
    targets. A folder's ``index`` is kept (see :func:`url_key`); ``baseurl`` is cut off.
    """
    path = url_path(url)
    if baseurl and (path == baseurl or path.startswith(baseurl.rstrip("/") + "/")):
        path = path[len(baseurl.rstrip("/")):]
    path = path.strip("/")
    for suffix in _SUFFIXES:
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return path


def url_key(url: str, baseurl: str = "") -> str:
    """One spelling for every way of writing a page's URL: ``/a/b/``, ``/a/b.html``, ``/a/b``."""
    path = page_path(url, baseurl)
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")].rstrip("/")
    return path


def files_for(old: str) -> list[str]:
    """The files that answer an old URL on a static host.

    ``/a/b/`` is ``a/b/index.html``; ``/a/b.html`` is itself; ``/a/b`` is served as
    ``a/b.html`` by most hosts and as ``a/b/index.html`` by the rest, so both.
    """
    path = url_path(old)
    path = posixpath.normpath("/" + path).lstrip("/") + ("/" if path.endswith("/") else "")
    if path in ("", "/", "."):
        return ["index.html"]
    if path.endswith("/"):
        return [path + "index.html"]
    if path.endswith((".html", ".htm")):
        return [path]
    return [path + ".html", path + "/index.html"]


def listed(value: Any) -> list[str]:
    """``redirect_from`` as a list, whether YAML gave a list or MyST a JSON text of one."""
    if isinstance(value, str) and value.strip().startswith("["):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(item) for item in value if isinstance(item, (str, int))]
    return []


def old_urls(pages: Mapping[str, Mapping[str, Any]], baseurl: str = "",
             collection_urls: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map each old URL key to the docname now answering it.

    A ``permalink`` is the URL the page really had, so it wins over another page's file
    location; ``redirect_from`` and the page's collection URL (``collection_urls``) come next; file locations last (of a page with
    a permalink, after everything else), and a folder's ``README`` answers the folder's
    address when nothing else does (GitHub Pages' jekyll-readme-index). Ties go to the first
    docname in sorted order, so the result never depends on reading order.
    """
    found: dict[str, str] = {}
    claims: list[tuple[int, str, str]] = []
    for docname, front in pages.items():
        permalink = front.get("permalink")
        if isinstance(permalink, str) and permalink.strip() and not is_template(permalink):
            claims.append((0, url_key(permalink, baseurl), docname))
        claims.append((2 if "permalink" not in front else 3, url_key(docname), docname))
        folder, _, name = docname.rpartition("/")
        if folder and name.lower() == "readme":  # jekyll-readme-index: a folder without an index
            claims.append((4, url_key(folder + "/"), docname))
        claims.extend((1, url_key(url, baseurl), docname) for url in listed(front.get("redirect_from")))
    claims.extend((1, url_key(url, baseurl), docname) for docname, url in (collection_urls or {}).items()
                  if docname in pages)
    for _, key, docname in sorted(claims):
        found.setdefault(key, docname)
    return found


def resolve(url: str, urls: Mapping[str, str], baseurl: str = "") -> tuple[str, str | None] | None:
    """The (docname, anchor) a root-relative link leads to, or None if it leads nowhere.

    Jekyll addressed a collection's pages as ``/<collection>/<path>/`` (the City's
    ``/projects/atxfloods/about/``); when the collection's folders were copied to the top,
    with no page under ``<collection>/``, ``<path>`` is the page that link meant.
    """
    key = url_key(url, baseurl)
    docname = urls.get(key)
    if docname is None and (inside := collection_path(key, urls.values())) is not None:
        docname = urls.get(inside)
    if docname is None:
        return None
    fragment = urlsplit(url).fragment
    return docname, (fragment or None)


def collection_path(path: str, docnames: Iterable[str]) -> str | None:
    """``a/b`` for ``projects/a/b`` when no page lives under ``projects/``: the path a
    collection's address (``/<collection>/<path>/``) meant once its folders were copied to
    the top. None when that first folder holds pages, or the path has one part."""
    first, _, rest = path.partition("/")
    if rest and not any(d == first or d.startswith(first + "/") for d in docnames):
        return rest
    return None


def on_site(url: str, site_url: str) -> str | None:
    """``/a/b/#c`` when ``url`` is an absolute link to the old site itself (``_config.yml``'s
    ``url``, over http or https, with or without ``www.``), else None."""
    here, there = urlsplit(site_url.strip()), urlsplit(url.strip())
    host = lambda parts: (parts.hostname or "").lower().removeprefix("www.")  # noqa: E731
    if there.scheme not in ("http", "https") or not host(here) or host(there) != host(here):
        return None
    return (there.path or "/") + (f"#{there.fragment}" if there.fragment else "")


_FULL_HREF = re.compile(r"""(\bhref\s*=\s*)(["'])(https?://[^"'<>]*)\2""", re.I)


def rewrite_own_site_hrefs(html: str, site_url: str, href_for: Callable[[str], str | None]) -> str:
    """``<a href="https://library.example.edu/services/x.html">`` in a page's own HTML, a full
    address on the old site itself, given ``href_for``'s link to the page now there: the
    ePub and PDF keep the reader in the book. One that names no page is left as written."""
    def replace(match: re.Match[str]) -> str:
        path = on_site(unescape(match.group(3)), site_url)
        new = href_for(path) if path else None
        return match.group(0) if new is None else f"{match.group(1)}{match.group(2)}{new}{match.group(2)}"

    return _FULL_HREF.sub(replace, html)


_HTML_HREF = re.compile(r"""(\bhref\s*=\s*)(["'])(/(?!/)[^"'<>]*)\2""", re.I)


def rewrite_hrefs(html: str, href_for: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """Root-relative ``href``s in raw HTML, rewritten by ``href_for``; and those it could not."""
    html, missing = rewrite_hrefs_at(html, href_for)
    return html, [url for url, _ in missing]


def rewrite_hrefs_at(html: str, href_for: Callable[[str], str | None]) -> tuple[str, list[tuple[str, int]]]:
    """:func:`rewrite_hrefs`, each one it could not with its line in ``html`` (0 the first):
    a link five lines into a ``<section>`` is said at its own line, as the PDF says it."""
    missing: list[tuple[str, int]] = []

    def replace(match: re.Match[str]) -> str:
        new = href_for(match.group(3))
        if new is None:
            missing.append((match.group(3), html.count("\n", 0, match.start())))
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{new}{match.group(2)}"

    return _HTML_HREF.sub(replace, html), missing


page_date = parse_date  # a Jekyll ``date`` (``2019-05-03`` or ``2019-05-03 10:00:00 -0500``)


def show_date(date: dt.date) -> str:
    """A date as readers in Austin write it: ``May 3, 2019``."""
    return f"{date:%B} {date.day}, {date.year}"


def same_name(url: str, urls: Mapping[str, str], baseurl: str = "") -> str | None:
    """The one page whose address ends in the same name as ``url``, which leads nowhere
    (Bloomington's ``/community/gsoc.html`` for ``/gsoc.html``): its docname, or None when no
    page, or more than one, has that name."""
    key = url_key(url, baseurl)
    name = key.rsplit("/", 1)[-1]
    if not name:
        return None
    found = {docname for other, docname in urls.items()
             if other != key and other.rsplit("/", 1)[-1] == name}
    return found.pop() if len(found) == 1 else None
