"""A page's own language, from its front matter's ``lang:`` (Jekyll's multilingual sites).

Plain Python, no Sphinx. A page written in Arabic on an English site must say so, or a screen
reader reads it with an English voice (WCAG 2.2 SC 3.1.1/3.1.2); its script's direction
comes from CLDR (:mod:`.names`). A value that is no language code is a :class:`Problem`
and the page keeps the publication's language: it never reaches an edition as written.
"""

from __future__ import annotations

import re
from collections.abc import Collection
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


KEYS = ("lang", "locale")
"""Front-matter keys that can only mean the page's language (minima's, minimal-mistakes')."""
OTHER_KEY = "language"
"""po4a's, Hugo's and many themes' key, read only when its value names a language: docs
sites write ``language: python`` for the code a page is about."""


def declared(data: Any) -> tuple[str, Any] | None:
    """The front-matter key that gives the page's language, and its value (None if none)."""
    if not isinstance(data, dict):
        return None
    for key in KEYS:
        if data.get(key) not in (None, ""):
            return key, data[key]
    value = data.get(OTHER_KEY)
    return (OTHER_KEY, value) if names_language(value) else None


def disagreeing(data: Any, key_lines: dict[str, int]) -> Problem | None:
    """A page whose front matter names two languages (``lang: en`` and ``language: es``,
    a template's key left beside the page's own): which one the editions take, said at the
    line of the one left unread. Two tags of one language (``lang: en``, ``locale: en_US``)
    agree."""
    found = declared(data)
    if found is None:
        return None
    taken_key, taken = found
    for key in (*KEYS, OTHER_KEY):
        value = data.get(key)
        if key == taken_key or value in (None, "") or not names_language(value) \
                or not names_language(taken) or _same_language(_code(value), _code(taken)):
            continue
        return Problem(key_lines.get(key, 1), (
            f"the front matter names two languages, `{taken_key}: {str(taken).strip()[:_SHOWN_MAX]}` and "
            f"`{key}: {str(value).strip()[:_SHOWN_MAX]}`: every edition marks the page {_code(taken)}, "
            f"from `{taken_key}:`, and does not read `{key}:`; remove the one that is wrong"))
    return None


def _code(value: str) -> str:
    """A language's tag, whether written as a code (``es``) or by its name (``Spanish``)."""
    code = value.strip()
    try:
        names.locale(tag_of(code))
    except names.UnknownLanguage:
        return tag_of(suggestion(code) or code)
    return tag_of(code)


def _same_language(one: str, other: str) -> bool:
    """``en`` and ``en-US`` agree (one narrows the other); ``zh-Hans`` and ``zh-Hant`` do not."""
    a, b = one.lower().split("-"), other.lower().split("-")
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def names_language(value: Any) -> bool:
    """A language code, or a language's name (``Spanish``), not ``python``."""
    if not isinstance(value, str) or not value.strip():
        return False
    try:
        names.locale(tag_of(value.strip()))
    except names.UnknownLanguage:
        return suggestion(value) is not None
    return True


def read(value: Any, line: int, publication: str, key: str = "lang") -> PageLanguage | Problem | None:
    """The page's language if it is not the publication's (None when it is, or is unset)."""
    if value is None or value == "":
        return None
    meanwhile = f"until then the page is in the publication's language ({publication})"
    if not isinstance(value, str) or not value.strip():
        return Problem(line, f"{key}: must be one language code, not {_shown(value)}; write it like "
                             f"{_EXAMPLES}; {meanwhile}")
    code = value.strip()
    try:
        locale = names.locale(tag_of(code))
    except names.UnknownLanguage:
        hint = suggestion(code)
        write = f"write `{key}: {hint}`" if hint else f"write a BCP 47 code like {_EXAMPLES}"
        return Problem(line, f"{key}: {_shown(code)} is not a language code this build knows; {write}; {meanwhile}")
    tag = tag_of(code)
    if tag.lower() == tag_of(publication).lower():
        return None
    region = locale.territory or (likely_country(locale.language, locale.script) if locale.script else None)
    region = region if region and _REGION.fullmatch(region) else None
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    return PageLanguage(tag, locale.language, region, direction)


def likely_country(language: str, script: str) -> str | None:
    """CLDR's likely country of a language in a script (``zh``, ``Hant`` → ``TW``): Typst has
    no script, only a country, to pick glyph shapes by (Traditional Chinese without it was set
    in mainland shapes) and to write the PDF's ``/Lang``."""
    from babel.core import get_global

    subtags = get_global("likely_subtags")
    likely = subtags.get(f"{language}_{script}", "")
    if not likely and subtags.get(f"und_{script}", "").startswith(f"{language}_"):  # zh-Hans: und_Hans
        likely = subtags[f"und_{script}"]
    return next((part for part in likely.split("_")[2:] if _REGION.fullmatch(part)), None)


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= _SHOWN_MAX else shown[:_SHOWN_MAX - 1] + "…"


OTHER_CODES = {"prs": "fa-AF"}
"""Codes of languages CLDR knows by another code: Dari's ISO 639-3 ``prs`` (US cities'
language-access lists) is CLDR's ``fa_AF``."""


def suggestion(written: str) -> str | None:
    """``english`` → ``en``, ``Español`` → ``es``, ``Dari`` or ``prs`` → ``fa-AF``,
    ``Chinese (Traditional)`` → ``zh-Hant``: the code of a language written by its name."""
    key = written.strip().casefold()
    first = key.replace("_", "-").partition("-")[0]
    return OTHER_CODES.get(first) or _codes_by_name().get(key)


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
    for code, name in Locale("en").languages.items():  # "Dari" (fa_AF), "Traditional Chinese"
        if "_" in code:
            found.setdefault(name.casefold(), tag_of(code))
            try:  # "Chinese (Traditional)", as lists of languages write it
                found.setdefault(Locale.parse(code).get_display_name("en").casefold(), tag_of(code))
            except (ValueError, UnknownLocaleError):
                continue
    return found


COMBINED_SCRIPTS = {"Jpan": ("Hani", "Hira", "Kana"), "Kore": ("Hang", "Hani"), "Hans": ("Hani",),
                    "Hant": ("Hani",)}
"""ISO 15924 codes that name scripts used together: their letters are of each."""
LETTERS_PER_CHARACTER = {"Hani": 3, "Hira": 2, "Kana": 2, "Hang": 2}
"""How many letters of an alphabet one character of a script that writes a syllable or a word
stands for, so a page half in Japanese and half in English is not judged by its English
letters: opensource.guide's English metrics page has 6,144 letters, its Chinese translation
2,223 Han characters, its Arabic one 5,073 letters; its Japanese code of conduct, translated
as far as its middle, 554 Han and 1,376 kana to the English rest's 3,722."""
FEWEST_LETTERS = 40
"""A page with fewer letters (a title and a picture) says too little of its script."""
_READ_AT_MOST = 20_000


def written_script(tag: str) -> str | None:
    """The ISO 15924 script a language is written in: the tag's own (``sr-Latn``), else
    CLDR's likely one (``ar`` → ``Arab``, ``zh-TW`` → ``Hant``), else None."""
    from babel.core import get_global

    language, *rest = tag.split("-")
    own = next((part.title() for part in rest if len(part) == 4 and part.isalpha()), None)
    if own is not None:
        return own
    likely = get_global("likely_subtags")
    region = next((part.upper() for part in rest if len(part) == 2), None)
    found = (region and likely.get(f"{language.lower()}_{region}")) or likely.get(language.lower())
    scripts = [part for part in (found or "").split("_")[1:] if len(part) == 4]
    return scripts[0] if scripts else None


def letters_by_script(text: str) -> dict[str, int]:
    """How many of the text's letters (its first 20,000 characters) each script has, a
    character of a syllabary or of Han counted as the letters it stands for
    (:data:`LETTERS_PER_CHARACTER`)."""
    from fontTools.unicodedata import script

    counts: dict[str, int] = {}
    for character in text[:_READ_AT_MOST]:
        if character.isalpha() and (found := script(character)) not in ("Zyyy", "Zinh", "Zzzz"):
            counts[found] = counts.get(found, 0) + LETTERS_PER_CHARACTER.get(found, 1)
    return counts


def script_problem(text: str, language: PageLanguage, line: int, written: str) -> Problem | None:
    """A :class:`Problem` when most of the page's words are in another script than its
    declared language's (``lang: ar`` over English words). Latin-script languages are not
    judged: their pages quote names, code and addresses in Latin letters alike."""
    script = written_script(language.tag)
    if script is None or script == "Latn":
        return None
    counts = letters_by_script(text)
    total = sum(counts.values())
    own = sum(counts.get(part, 0) for part in COMBINED_SCRIPTS.get(script, (script,)))
    if total < FEWEST_LETTERS or own * 2 >= total:
        return None
    most = max(counts, key=counts.__getitem__)
    name, script_name, most_name = _english_names(language.language, script, most)
    marked = f"{name} and right to left" if language.direction == "rtl" else name
    return Problem(line, f"lang: {_shown(written)} says the page is in {name}, written in {script_name} "
                         f"letters, but {round(100 * counts[most] / total)}% of its words are in {most_name} letters: "
                         f"every edition marks it {marked}, so screen readers read it with their {name} voice. "
                         "Write the language its words are in (`lang: en` for English), or leave "
                         "`lang:` out if they are in the publication's language; or translate the page")


def _english_names(language: str, script: str, most: str) -> tuple[str, str, str]:
    from babel import Locale

    english = Locale("en")
    return (english.languages.get(language, language), english.scripts.get(script, script),
            english.scripts.get(most, most))


_FOLDER_CODE = re.compile(r"[a-z]{2}(?:[-_](?:[a-z]{2}|hans|hant))?")
"""A top folder named as city sites name a language's copies: ``es``, ``vi``, ``zh-tw``,
``zh-hant``; two letters (three-letter codes are words: ``new``, ``art``, ``car``)."""


def folder_language(docname: str, docnames: Collection[str], words: str,
                    publication: str) -> PageLanguage | None:
    """The language of a page that says none, from its top folder, when the site keeps
    translated copies in language folders (``es/index.md`` beside ``index.md``): a folder
    named for a language whose script most of the page's letters are in (``zh/``, ``ko/``),
    or, for a Latin-script language, one of two or more such folders whose page has a twin
    of the same name outside its folder (``it/``, the IT office's, alone is no language)."""
    if not in_language_folder(docname):
        return None
    top, _, rest = docname.partition("/")
    found = read(top, 1, publication)
    if not isinstance(found, PageLanguage):
        return None
    script = written_script(found.tag)
    if script not in (None, "Latn"):
        counts = letters_by_script(words)
        total = sum(counts.values())
        own = sum(counts.get(part, 0) for part in COMBINED_SCRIPTS.get(script, (script,)))
        return found if total >= FEWEST_LETTERS and own * 2 > total else None
    pages_below = _language_folders(frozenset(docnames), publication)
    twins = rest in docnames or any(rest in pages for folder, pages in pages_below.items() if folder != top)
    return found if len(pages_below) >= 2 and twins else None


def in_language_folder(docname: str) -> bool:
    """Whether the page is below a top folder named as a language's copies are (``es/…``)."""
    top, _, rest = docname.partition("/")
    return bool(rest) and _FOLDER_CODE.fullmatch(top) is not None


@lru_cache(maxsize=4)
def _language_folders(docnames: frozenset[str], publication: str) -> dict[str, frozenset[str]]:
    """Each top folder named for a language, with its pages' names below it: worked out once
    a build, not once a page (each page of a folder asked it of every page of the site)."""
    below: dict[str, set[str]] = {}
    for docname in docnames:
        top, _, rest = docname.partition("/")
        if rest and _FOLDER_CODE.fullmatch(top):
            below.setdefault(top, set()).add(rest)
    return {folder: frozenset(pages) for folder, pages in below.items()
            if isinstance(read(folder, 1, publication), PageLanguage)}
