"""What a language code means to a reader: its own name, its script's direction, its hreflang.

Plain Python on Babel's CLDR data (Babel comes with Sphinx), so a language needs no table of ours.
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

_CODE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")


class UnknownLanguage(ValueError):
    """A language code that is not a BCP 47 / CLDR code Babel knows."""


def locale(code: str) -> Locale:
    if not isinstance(code, str) or not _CODE.match(code):
        raise UnknownLanguage(f"{code!r} is not a language code (write it like 'es', 'zh_CN' or 'pt-BR')")
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UnknownLanguage(f"{code!r} is not a language Babel knows (write it like 'es', 'zh_CN' or 'ar')") from None


def own_name(code: str) -> str:
    """``es`` → ``español``: each language is named in that language, as in a switcher."""
    return locale(code).display_name or code


def direction(code: str) -> str:
    """``rtl`` for Arabic, Hebrew, Persian, Urdu…; ``ltr`` otherwise."""
    return "rtl" if locale(code).character_order == "right-to-left" else "ltr"


def hreflang(code: str) -> str:
    """BCP 47 as HTML and sitemaps want it: ``zh_CN`` → ``zh-CN``."""
    return code.replace("_", "-")
