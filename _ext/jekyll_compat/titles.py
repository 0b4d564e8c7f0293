"""The title Jekyll gave a document that has none (``title:`` left empty): every page here.

Plain Python, no Sphinx. Jekyll's ``Document#populate_title`` sets ``title ||=
Utils.titleize_slug(slug)``: ``government-that-works.md`` was shown as "Government That
Works". The City's old pages rely on it (a project's pages with ``title:`` and nothing
after it); without it each page would be named after its first heading ("Outcome", three
times). Deviations: an ``index`` page is named after its folder ("About"), not "Index";
the rule holds for every page, not only a collection's documents (one rule, said in the
warning); and a page with no title and no heading is titled so too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from pagesource.titles import NOT_XML, one_line

_EMPTY_TITLE = re.compile(r"^title:[ \t]*(?:~|null|Null|NULL|'[ \t]*'|\"[ \t]*\")?[ \t]*(?:#.*)?$")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")


def titleize_slug(docname: str) -> str:
    """Jekyll's ``Utils.titleize_slug`` of the page's file name (its folder's, for ``index``)."""
    parts = docname.split("/")
    slug = parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1]
    slug = _DATE_PREFIX.sub("", slug).rstrip(".")
    return " ".join(word[:1].upper() + word[1:] for word in slug.split("-") if word) or slug


def name_key(data: Any) -> str:
    """The key :func:`name_title` takes the page's title from (``name`` or its Spanish,
    Portuguese, French word, ``heading``), or ""."""
    if not isinstance(data, Mapping) or "title" in data:
        return ""
    # `nombre:`, `nome:`, `nom:`: a Spanish, Portuguese, French site's `name:` (tdf-actividades)
    for key, least in (("name", 2), ("nombre", 2), ("nome", 2), ("nom", 2), ("heading", 1)):
        value = data.get(key)
        if isinstance(value, str):
            words = one_line(value)
            if len(words.split()) >= least and not NOT_XML.search(words):
                return key
    return ""


def name_title(data: Any) -> str:
    """A page's ``name:`` when it has no ``title:`` and the name is words ("Whitney Teal", on
    usds.gov's ``_people/``), the title its layout showed; else its ``heading:``, which a
    layout printed as the page's heading (Santa Monica's open data sources: "SODA.NET");
    "" otherwise (a one-word ``name:`` may be a form's or a template's identifier)."""
    key = name_key(data)
    return one_line(data[key]) if key else ""


def titleize_page(docname: str, language: Any = None) -> str:
    """:func:`titleize_slug`, except for the index of a folder named for the page's own
    language (opensource.guide's ``_articles/fa/index.html``, ``lang: fa``): it is titled by
    that language's own name, "فارسی", not "Fa" read out in a Persian voice."""
    parts = docname.split("/")
    if parts[-1] == "index" and len(parts) > 1 and isinstance(language, str) \
            and _code(parts[-2]) == _code(language):
        from languages.names import UnknownLanguage, own_name

        try:
            return own_name(language.strip())
        except UnknownLanguage:
            pass
    return titleize_slug(docname)


def _code(code: str) -> str:
    return code.strip().casefold().replace("_", "-")


_WHOLE_DATE = re.compile(r"\d{4}-\d{1,2}(?:-\d{1,2})?")


def titleize_folder(docname: str) -> str:
    """A generated landing's title from its folder, for readers: ``application_development``
    (a collection's folder) and ``zero-waste`` alike -> "Application Development"; a folder
    named for a date (a week's notes, ``2026-07-07/``) keeps it as written, not "2026 07 07"."""
    parts = docname.split("/")
    folder = parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1]
    if _WHOLE_DATE.fullmatch(folder):
        return folder
    return titleize_slug(docname.replace("_", "-"))


def in_collection(docname: str, collections: Iterable[str]) -> bool:
    """True for a document of one of ``collections`` (its folder ``name/``), not its landing."""
    return any(docname.startswith(name + "/") for name in collections)


def fill_empty_title(text: str, title_line: int, title: str) -> str | None:
    """``text`` with its empty ``title:`` line (1-based ``title_line``) given ``title``; the
    same number of lines. ``None`` when that line is not an empty top-level ``title:``."""
    lines = text.split("\n")
    index = title_line - 1
    if not 0 < index < len(lines) or not _EMPTY_TITLE.match(lines[index].rstrip("\r")):
        return None
    ending = "\r" if lines[index].endswith("\r") else ""
    lines[index] = f"title: {json.dumps(title, ensure_ascii=False)}{ending}"
    return "\n".join(lines)
