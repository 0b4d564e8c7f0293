"""Jekyll's front matter defaults (``_config.yml`` ``defaults:``), by Jekyll's own rules.

Plain Python, no Sphinx. Each set is a ``scope`` (``path``, optional ``type``) and
``values``. A set applies to a file when its path is empty or a prefix of the file's path
relative to the site (``*`` in it: a glob), and its type is missing or the file's
(``pages``, ``posts``, ``drafts`` or a collection's name). Of the sets that apply, the one
with the longer path wins, at the same length the one with a type, and at a tie the later
one; values are merged key by key, and the page's own front matter wins over all
(Jekyll 4's ``FrontmatterDefaults``: https://jekyllrb.com/docs/configuration/front-matter-defaults/).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Any

_OLD_TYPES = {"page": "pages", "post": "posts", "draft": "drafts"}


def page_type(relative: str, collections: Mapping[str, str] | None = None) -> str:
    """What Jekyll calls the file ``relative`` (a path from the site's folder, ``/``-separated);
    ``collections``: ``{folder: name}`` of the site's collections."""
    parts = relative.split("/")
    if "_posts" in parts[:-1]:
        return "posts"
    if "_drafts" in parts[:-1]:
        return "drafts"
    for folder, name in (collections or {}).items():
        if relative.startswith(folder + "/"):
            return name or "pages"  # "": a folder `include:` names holds pages
    return "pages"


def values_for(sets: Any, relative: str, kind: str) -> dict[str, Any]:
    """The default values ``_config.yml``'s ``defaults`` (``sets``) give the file ``relative``."""
    if not isinstance(sets, list):
        return {}
    found: dict[str, Any] = {}
    winner: Mapping[str, Any] | None = None
    for entry in sets:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("values"), Mapping):
            continue
        scope = entry.get("scope")
        scope = scope if isinstance(scope, Mapping) else {}
        if not _applies(scope, relative, kind):
            continue
        values = {k: v for k, v in entry["values"].items() if isinstance(k, str)}
        if winner is None or _wins(scope, winner):
            found = _merge(found, values)
            winner = scope
        else:
            found = _merge(values, found)
    return found


def with_defaults(own: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The page's front matter over its defaults (its own keys win, mappings merged)."""
    return _merge(dict(defaults), own) if defaults else dict(own)


def _path(value: Any) -> str:
    return value.strip().lstrip("/") if isinstance(value, str) else ""


def _applies(scope: Mapping[str, Any], relative: str, kind: str) -> bool:
    wanted = scope.get("type")
    if wanted is not None and _OLD_TYPES.get(str(wanted), str(wanted)) != kind:
        return False
    path = _path(scope.get("path"))
    if not path:
        return True
    if "*" in path:
        return fnmatch.fnmatchcase(relative, path) or fnmatch.fnmatchcase(relative, path.rstrip("/") + "/*")
    return relative.startswith(path)


def _wins(new: Mapping[str, Any], old: Mapping[str, Any]) -> bool:
    """Jekyll's ``has_precedence?``: a longer path, else a type, else the later set."""
    new_path, old_path = _path(new.get("path")), _path(old.get("path"))
    if len(new_path) != len(old_path):
        return len(new_path) > len(old_path)
    return "type" in new or "type" not in old


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def unreadable_published(rules: Any) -> Any:
    """The first ``published:`` value of ``defaults:`` that is no true or false (``"true"``,
    quoted, as agrc/gis.utah.gov writes it), else None."""
    for rule in rules if isinstance(rules, list) else ():
        values = rule.get("values") if isinstance(rule, dict) else None
        if isinstance(values, dict) and "published" in values and not isinstance(values["published"], bool):
            return values["published"]
    return None
