"""jekyll-polyglot's languages: which language a page is in, and where polyglot published it.

A polyglot site lists its languages in ``_config.yml`` (``languages: ["en", "es"]``,
``default_lang: "en"``) and writes each translation as a page of its own, with ``lang: es``
and often the same ``permalink: /about/`` as its twin; with ``lang_from_path: true`` a page
in ``es/`` (or ``_posts/es/``) is Spanish without saying so (gaphor.org). Polyglot built the
site once per language: the default language's pages at their own addresses, every other
language's under ``/<lang>/`` (``/es/about/``), so twins never took each other's address.

Plain Python: no Sphinx.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from .meaning import is_other_scheme, is_template

_KEYS = ("lang", "locale")


@dataclass(frozen=True)
class Settings:
    """A polyglot site's ``languages``, ``default_lang`` and ``lang_from_path``."""

    languages: tuple[str, ...]
    default: str
    from_path: bool


def settings(config: Mapping[str, Any]) -> Settings | None:
    """The site's polyglot settings; None when ``languages:`` lists no language (no polyglot)."""
    listed = config.get("languages")
    if not isinstance(listed, list):
        return None
    languages = tuple(str(code).strip() for code in listed if isinstance(code, (str, int)) and str(code).strip())
    if not languages:
        return None
    default = config.get("default_lang")
    default = default.strip() if isinstance(default, str) and default.strip() else "en"
    return Settings(languages, default, config.get("lang_from_path") is True)


def language_of(site: Settings, relative: str, front: Mapping[str, Any]) -> str | None:
    """The language polyglot built the page in: its ``lang:``, else (``lang_from_path``) the
    first folder of its path that names one of the site's languages, else ``default_lang``
    (None when that is polyglot's ``"_"``, which names no language)."""
    for key in _KEYS:
        value = front.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    if site.from_path:
        for part in PurePosixPath(relative).parts[:-1]:
            if part in site.languages:
                return part
    return site.default if site.default in site.languages else None


def localized(site: Settings, language: str | None, address: str) -> str:
    """The address polyglot published ``address`` at for a page in ``language``: under
    ``/<lang>/`` for every language but the default; a web address, or one already under
    its language's folder (``es/about.md`` at ``/es/about/``), as it is."""
    if not language or language == site.default or language not in site.languages:
        return address
    if not isinstance(address, str) or not address.strip() or is_other_scheme(address) \
            or address.strip().startswith(("http:", "https:", "//")):
        return address
    path = "/" + address.strip().lstrip("/")
    if path == f"/{language}" or path.startswith(f"/{language}/"):
        return path
    return f"/{language}{path}"


def localized_front(site: Settings, relative: str, front: Mapping[str, Any]) -> Mapping[str, Any]:
    """The page's front matter with its ``permalink`` and ``redirect_from`` addresses as
    polyglot published them (:func:`localized`); the same mapping when nothing moves."""
    language = language_of(site, relative, front)
    if not language or language == site.default:
        return front
    moved = dict(front)
    permalink = front.get("permalink")
    if isinstance(permalink, str) and not is_template(permalink):  # a template: urls.py expands it
        moved["permalink"] = localized(site, language, permalink)
    old = front.get("redirect_from")
    if isinstance(old, str):
        moved["redirect_from"] = localized(site, language, old)
    elif isinstance(old, list):
        moved["redirect_from"] = [localized(site, language, a) if isinstance(a, str) else a for a in old]
    return moved
