"""The URLs Jekyll gave the documents of its collections (``_config.yml`` ``collections:``).

Plain Python with no Sphinx import. A collection ``updates`` with
``permalink: /news/:name/`` put ``_updates/first-year.md`` at ``/news/first-year/``, an
address that is not the file's place. Copied into the publication, the collection's
folder is ``updates/`` (``_``-folders are drafts and never built), so its documents are
the pages under ``updates/``; this module says which old address each one had, so links
to it resolve and the old address redirects to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from . import posts

_PLACEHOLDER = re.compile(r":(collection|path|name|title|slug|output_ext|categories|basename|year|"
                          r"short_year|month|i_month|short_month|long_month|day|i_day|y_day)\b")


def collections_of(config: Mapping[str, Any]) -> dict[str, str]:
    """``{collection name: permalink pattern}`` for the collections that set one."""
    found = config.get("collections")
    if not isinstance(found, Mapping):
        return {}
    patterns: dict[str, str] = {}
    for name, settings in found.items():
        if not isinstance(name, str) or not isinstance(settings, Mapping):
            continue
        permalink = settings.get("permalink")
        if isinstance(permalink, str) and permalink.strip():
            patterns[name] = permalink.strip()
    return patterns


def with_collection_files(config: Mapping[str, Any], declared: Mapping[str, Any]) -> dict[str, Any]:
    """``config`` with the collections that ``_<name>/collection.yml`` files declare merged
    in, as Jekyll merges a second ``--config`` file: a file counts only for the collection
    of its own folder (``_catalog/collection.yml``'s ``collections: catalog:``), and its
    settings go over ``_config.yml``'s for that collection."""
    merged = config.get("collections")
    if isinstance(merged, list):
        merged = {name: {} for name in merged if isinstance(name, str)}
    merged = dict(merged) if isinstance(merged, Mapping) else {}
    changed = False
    for name, data in declared.items():
        found = data.get("collections") if isinstance(data, Mapping) else None
        settings = found.get(name) if isinstance(found, Mapping) else None
        if not isinstance(settings, Mapping):
            continue
        own = merged.get(name)
        merged[name] = {**(own if isinstance(own, Mapping) else {}), **settings}
        changed = True
    return {**config, "collections": merged} if changed else dict(config)


def ordered_positions(config: Mapping[str, Any], published: Mapping[str, str]) -> dict[str, int]:
    """``{file from the site's folder: position}`` from each published collection's
    ``order:`` (Jekyll 4's; Isomer writes one for every collection): the n-th file listed
    is at position n, so the pages keep the old site's order, an ``Introduction.md``
    before the controls it introduces."""
    settings = config.get("collections")
    found: dict[str, int] = {}
    if not isinstance(settings, Mapping):
        return found
    for folder, _ in published.items():
        own = settings.get(folder.rsplit("/", 1)[-1].removeprefix("_"))
        order = own.get("order") if isinstance(own, Mapping) else None
        for number, entry in enumerate(order if isinstance(order, list) else [], 1):
            if isinstance(entry, str) and entry.strip("/ ") and ".." not in entry.split("/"):
                found.setdefault(f"{folder}/{entry.strip('/ ')}", number)
    return found


def published_names(config: Mapping[str, Any]) -> list[str]:
    """The collections Jekyll wrote pages for (``output: true``), by name."""
    found = config.get("collections")
    if not isinstance(found, Mapping):
        return []
    return [name for name, settings in found.items() if isinstance(name, str) and name
            and isinstance(settings, Mapping) and settings.get("output") is True]


def _folder(name: str, docname: str) -> str | None:
    """The path of ``docname`` inside collection ``name`` (its folder ``name/`` or ``_name/``)."""
    for folder in (name, "_" + name):
        if docname.startswith(folder + "/"):
            return docname[len(folder) + 1:]
    return None


def expand(pattern: str, collection: str, path: str) -> str:
    """One document's URL from its collection's ``permalink`` pattern. A document named
    with a day (``2020-03-05-first-year``) is dated by it, and its ``:title`` and ``:slug``
    are the words after the day, as Jekyll reads every collection, not only ``_posts``;
    an undated document's ``:year`` was the day Jekyll ran, which no one knows: kept as written."""
    base = path.rsplit("/", 1)[-1]
    values = {"collection": collection, "path": path, "name": base, "title": base, "slug": base,
              "basename": base, "output_ext": ".html", "categories": ""}
    if dated := posts.dated_stem(base):
        day, slug = dated
        values.update(title=posts.slugify(slug, pretty=True, cased=True), slug=posts.slugify(slug),
                      year=f"{day.year:04d}", short_year=f"{day.year % 100:02d}",
                      month=f"{day.month:02d}", i_month=str(day.month), short_month=day.strftime("%b"),
                      long_month=day.strftime("%B"), day=f"{day.day:02d}", i_day=str(day.day),
                      y_day=f"{day.timetuple().tm_yday:03d}")
    url = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), pattern)
    return re.sub(r"/{2,}", "/", "/" + url.lstrip("/"))


_PATHS_ALONE = re.compile(r"/?:path(?:/|\.html|:output_ext)?")


def paths_alone(pattern: str | None) -> bool:
    """Whether a collection's ``permalink`` gives each document its path and nothing more
    (``/:path/``, ``/:path.html``, ``/:path:output_ext``): its documents are read at the top."""
    return pattern is not None and _PATHS_ALONE.fullmatch(pattern.strip()) is not None


def _read_at_top(name: str, docname: str, file: str) -> bool:
    """Whether ``file`` (from the site's folder) is the document ``docname`` of collection
    ``name`` read at the top: ``_pages/about/team.md`` for ``about/team``."""
    parts = file.rsplit("/", docname.count("/") + 1)
    return len(parts) == docname.count("/") + 2 and parts[0].rsplit("/", 1)[-1] == "_" + name


def collection_urls(config: Mapping[str, Any], docnames: Iterable[str],
                    file_of: Callable[[str], str] | None = None) -> dict[str, str]:
    """``{docname: its old URL}`` for every page in a collection with a ``permalink`` pattern.

    A collection's folder landing (``updates.md`` beside ``updates/``) is no document of it.
    ``file_of`` (a page's file from the site's folder) finds the documents of a collection
    read at the top (:func:`paths_alone`).
    """
    patterns = collections_of(config)
    at_top = [name for name, pattern in patterns.items() if paths_alone(pattern)] if file_of else []
    urls: dict[str, str] = {}
    for docname in sorted(docnames):
        file = file_of(docname) if at_top and file_of else ""
        for name, pattern in patterns.items():
            path = _folder(name, docname)
            if not path and name in at_top and _read_at_top(name, docname, file):
                path = docname
            if path:
                urls[docname] = expand(pattern, name, path)
                break
    return urls


def jekyll_urls(config: Mapping[str, Any], docnames: Iterable[str],
                file_of: Callable[[str], str] | None = None) -> dict[str, str]:
    """``{docname: the URL Jekyll gave it}`` where that is not the page's own file now.

    A collection's ``permalink`` pattern first; else, with ``permalink: pretty``, the
    page's path with a trailing slash (``a/b`` was ``/a/b/``, ``a/index`` was ``/a/``).
    Without a ``_config.yml`` (an empty ``config``) there is nothing to say.
    """
    urls = collection_urls(config, docnames, file_of)
    if config.get("permalink") == "pretty":
        for docname in docnames:
            if docname not in urls:
                path = docname.removesuffix("index").rstrip("/")
                urls[docname] = f"/{path}/" if path else "/"
    return urls

