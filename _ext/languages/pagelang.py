"""A page's own language, from its front matter's ``lang:`` (Jekyll's multilingual sites).

Plain Python, no Sphinx. A page written in Arabic on an English site must say so, or a screen
reader reads it with an English voice (WCAG 2.2 SC 3.1.1/3.1.2); its script's direction
comes from CLDR (:mod:`.names`). A value that is no language code is a :class:`Problem`
and the page keeps the publication's language: it never reaches an edition as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import names

_REGION = re.compile(r"[A-Z]{2}")  # ISO 3166-1, the only regions Typst takes
_SHOWN_MAX = 40
_EXAMPLES = "`lang: es`, `lang: ar` or `lang: zh-TW`"


@dataclass(frozen=True)
class PageLanguage:
    """A checked BCP 47 tag and what each edition needs of it."""

    tag: str
    """As HTML's ``lang`` wants it: ``ar-AE``, ``zh-Hant-TW``."""
    language: str
    """ISO 639 code alone (Typst's ``lang``): ``ar``."""
    region: str | None
    """ISO 3166-1 country (Typst's ``region``), or None: ``AE``."""
    direction: str
    """``rtl`` or ``ltr``."""


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


def tag_of(code: str) -> str:
    """BCP 47's conventional case: ``AR_ae`` → ``ar-AE``, ``zh-hant-tw`` → ``zh-Hant-TW``."""
    first, *rest = code.replace("_", "-").split("-")
    parts = [first.lower()]
    for part in rest:
        parts.append(part.title() if len(part) == 4 and part.isalpha() else
                     part.upper() if len(part) == 2 else part.lower())
    return "-".join(parts)


def read(value: Any, line: int, publication: str) -> PageLanguage | Problem | None:
    """The page's language if it is not the publication's (None when it is, or is unset)."""
    if value is None or value == "":
        return None
    meanwhile = f"until then the page is in the publication's language ({publication})"
    if not isinstance(value, str) or not value.strip():
        return Problem(line, f"lang: must be one language code, not {_shown(value)}; write it like "
                             f"{_EXAMPLES}; {meanwhile}")
    code = value.strip()
    try:
        locale = names.locale(tag_of(code))
    except names.UnknownLanguage:
        hint = suggestion(code)
        write = f"write `lang: {hint}`" if hint else f"write a BCP 47 code like {_EXAMPLES}"
        return Problem(line, f"lang: {_shown(code)} is not a language code this build knows; {write}; {meanwhile}")
    tag = tag_of(code)
    if tag.lower() == tag_of(publication).lower():
        return None
    region = locale.territory if locale.territory and _REGION.fullmatch(locale.territory) else None
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return PageLanguage(tag, locale.language, region, direction)


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= _SHOWN_MAX else shown[:_SHOWN_MAX - 1] + "…"


def suggestion(written: str) -> str | None:
    """``english`` → ``en``, ``Español`` → ``es``: the code of a language written by its name."""
    return _codes_by_name().get(written.strip().casefold())


@lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    found: dict[str, str] = {}
    for code, name in Locale("en").languages.items():
        if "_" not in code:
            found.setdefault(name.casefold(), code)
    for code in list(found.values()):
        try:
            own = Locale.parse(code).display_name
        except (ValueError, UnknownLocaleError):
            continue
        if own:
            found.setdefault(own.casefold(), code)
    return found
