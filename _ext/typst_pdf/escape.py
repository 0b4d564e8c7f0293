"""Turn untrusted text into Typst source that can only ever print that text.

This module is the security boundary of the PDF edition: page text, titles, URLs and
metadata all pass through here. Nothing from a page is written as Typst markup; every
piece of text becomes a Typst *string literal*, where only ``\\`` and ``"`` (and control
characters) need escaping, so ``#``, ``$``, ``*``, ``<label>``, ``@ref``, ``//`` … stay text.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
"""C1 controls and U+FEFF inside text (a byte order mark pasted mid-line): Typst has no glyph
for the first and a PDF/A may not hold the second, so one such character in a page made the
whole PDF non-conforming. So did the C0 controls no XML holds, which the page's text has lost
already (safety) but an address does not: a missing picture's name decoded from ``a%00b.png``."""
_PRINTABLE = {"\x85": " ", "\ufeff": "\u2060"}  # next line: a space; U+FEFF: the word joiner it meant


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

LONG_WORD = 40
"""Characters a word (a run without white space) may have before the PDF may break it
anywhere. Typst breaks a line only where Unicode allows it, so a longer word ran off the
page's edge, its end unprinted (a line holds ~90 characters, a table's cell far fewer: an
80-character file name in a table's last column was cut at the paper's edge); and one of
more than ~16,000 characters was one PDF string longer than PDF/A's 32,767 bytes, which
stopped the strict PDF with no page named."""
BREAK_EVERY = 20
"""Characters between the places a word longer than :data:`LONG_WORD` may break."""
ZWSP = "\u200b"
"""A zero-width space: a place a line may break, printed as nothing. It stays in the PDF's
text (pdftotext gives it), so it is put between a word's names where it can be (:data:`SEPARATORS`)."""
_BREAKS_NATIVELY = ("\u0e00-\u0eff"  # Thai, Lao
                    "\u1000-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f"  # Myanmar
                    "\u1780-\u17ff\u19e0-\u19ff"  # Khmer
                    "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff"  # Hangul
                    "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f\U0001b000-\U0001b16f"  # kana
                    "\u3100-\u312f\u31a0-\u31bf\ua000-\ua4cf"  # Bopomofo, Yi
                    "\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
                    "\U00020000-\U000323af")
"""Scripts whose lines Typst breaks without spaces (between ideographs, or at the words its
dictionaries find). A ZWSP there is no help and harms: Typst cut a Burmese syllable at it
(dotted circles), and in Chinese it joined the glyph before it in the PDF's text ("優\u200b"),
so a search for the word found nothing."""
_LONG_RUN = re.compile(r"[^\s%s]{%d,}" % (_BREAKS_NATIVELY, LONG_WORD + 1))
_NATIVE = re.compile("[%s]" % _BREAKS_NATIVELY)
_NO_BREAK_BEFORE = {"Mn", "Mc", "Me", "Cf", "Pe", "Pi", "Pf"}
_NO_BREAK_AFTER = {"Cf", "Ps", "Pi", "Pf"}
_VIRAMA = 9  # canonical combining class
_EMOJI_MODIFIERS = range(0x1F3FB, 0x1F400)
_REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)


def breakable(value: str) -> str:
    """``value`` with a :data:`ZWSP` every :data:`BREAK_EVERY` characters of each word longer
    than :data:`LONG_WORD`, where :func:`_may_break` allows one; the parts of a word in a
    script Typst breaks itself (:data:`_BREAKS_NATIVELY`) are left as they are."""
    if len(value) <= LONG_WORD or not _LONG_RUN.search(value):
        return value
    return _LONG_RUN.sub(lambda match: _with_breaks(match.group()), value)


def breaks_natively(word: str) -> bool:
    """Typst finds places to break ``word`` itself, so :func:`breakable` adds none there."""
    return bool(_NATIVE.search(word))


def _with_breaks(word: str) -> str:
    pieces, last, place = [], 0, BREAK_EVERY
    while place < len(word):
        place = _after_separator(word, last, place)
        if _may_break(word[place - 1], word[place]) or (
                place - last >= FORCE_AFTER and _marks(word[place - 1]) and _marks(word[place])):
            pieces.append(word[last:place])
            last, place = place, place + BREAK_EVERY
        else:
            place += 1
    pieces.append(word[last:])
    return ZWSP.join(pieces)


SEPARATORS = frozenset("_/.-=&?,;:|\\+~#@")
"""Where a code word or address parts (``south_1st_street``, ``/a/b``): a break is put after
the nearest one rather than inside a name, whose letters a search of the PDF then finds
whole (a break among them is a zero-width space in the PDF's text: "slaughte\u200br")."""


def _after_separator(word: str, last: int, place: int) -> int:
    """The place after the last :data:`SEPARATORS` character at or before ``place`` that leaves
    a piece of at least half :data:`BREAK_EVERY`; else ``place``. At most that many places
    are looked at: a run with no break (100,000 combining marks) stays linear."""
    for candidate in range(place, max(last + BREAK_EVERY // 2, place - BREAK_EVERY // 2) - 1, -1):
        if word[candidate - 1] in SEPARATORS and _may_break(word[candidate - 1], word[candidate]):
            return candidate
    return place


FORCE_AFTER = 4 * BREAK_EVERY
"""Characters of a run with no break :func:`_may_break` allows, after which one may fall
between two punctuation marks or symbols: a line of 16,000 ``[`` had no place to break,
stood as one line off the paper, and its one string of glyphs was longer than PDF/A
allows, so the PDF lost PDF/UA-1 and PDF/A-2a."""


def _marks(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _may_break(before: str, after: str) -> bool:
    """A break between ``before`` and ``after`` keeps every character whole (an approximation
    of UAX #29's grapheme clusters that errs on the side of no break): a Hindi or Burmese
    syllable cut before its vowel sign or after its virama printed a dotted circle, and
    ``unicodedata.combining`` is 0 for most such marks. Nor does it part a bracket or quote
    from its words; a quote that closes in one language opens in another (»so«, “so”)."""
    return not (unicodedata.category(after) in _NO_BREAK_BEFORE
                or unicodedata.category(before) in _NO_BREAK_AFTER
                or unicodedata.combining(before) == _VIRAMA
                or ord(after) in _EMOJI_MODIFIERS
                or ord(before) in _REGIONAL_INDICATORS and ord(after) in _REGIONAL_INDICATORS)


PDF_STRING_BYTES = 32_767
"""The most bytes PDF/A lets one PDF string hold. Typst writes a heading's words, a picture's
description and a formula's source into one string each (the tagged PDF's ``/Alt`` and
``/T``, the bookmarks); one longer made Typst refuse PDF/A with no page named."""
URL_BYTES = 8_000
"""The longest address Typst takes for a link (UTF-8 bytes): a longer one stopped the whole PDF
edition, even a non-strict build, with "URL is too long" at a line of ``book.typ``."""


def fits_pdf_string(value: str) -> bool:
    """``value`` (as :func:`text` prints it) fits one PDF string: ASCII takes a byte a
    character; anything else makes the string UTF-16, two bytes a unit and two for its mark."""
    value = breakable(value)
    size = len(value) if value.isascii() else 2 + len(value.encode("utf-16-be"))
    return size <= PDF_STRING_BYTES


def fits_link(url: str) -> bool:
    """``url`` is short enough to be a link in the PDF (:data:`URL_BYTES`)."""
    return len(url.encode("utf-8", "surrogatepass")) <= URL_BYTES


def cut_to_pdf_string(value: str) -> str:
    """``value`` cut at a word so that it, with a closing "…", fits one PDF string."""
    if fits_pdf_string(value):
        return value
    low, high = 0, len(value)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if fits_pdf_string(value[:middle] + "\u2026"):
            low = middle
        else:
            high = middle - 1
    kept = value[:low]
    if " " in kept:
        kept = kept.rsplit(" ", 1)[0]
    return kept.rstrip() + "\u2026"


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or "\\u{%x}" % ord(char)


def string(text: str) -> str:
    """A Typst string literal (code mode) holding exactly ``text`` (its C0 controls but tab and
    line breaks, and C1 controls, left out, U+FEFF as U+2060, which a PDF/A may hold:
    :data:`_NOT_PRINTABLE`)."""
    text = _NOT_PRINTABLE.sub(lambda m: _PRINTABLE.get(m.group(), ""), str(text))  # str: a lazy translation too
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(_escape_char, body) + '"'


_FLOWING_SPACE = re.compile(r"\r\n|[\n\r\t]")


def flowing(value: str) -> str:
    """``value`` as running text: soft line breaks and tabs as spaces, as a browser shows
    them. Typst prints a tab as nothing, so "Phone:<tab>512" (pasted from Word) read
    "Phone:512" in the PDF, two words made one."""
    return _FLOWING_SPACE.sub(" ", value)


def text(value: str) -> str:
    """Markup that prints ``value`` literally; soft line breaks and tabs become spaces
    (:func:`flowing`), and a word too long for a line may break (:func:`breakable`)."""
    value = flowing(value)
    if not value:
        return ""
    if in_arabic_script(value):
        return "#text(" + ARABIC_FEATURES + ", " + string(breakable(value)) + ")"
    return "#" + string(breakable(value))


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_MARKS = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"  # 、。「」，：
_KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HAN_RUN = re.compile(f"[{_HAN}][{_HAN}{_CJK_MARKS}]*")
_JAPANESE_RUN = re.compile(f"[{_HAN}{_KANA}][{_HAN}{_KANA}{_CJK_MARKS}]*")
_MARK = re.compile(f"[{_CJK_MARKS}]")
"""A run's opening marks (「) are taken by a step back from it, not by a leading ``[…]*``
in the pattern: that was tried again from each mark of a long run of them (quadratic)."""
_KANA_OR_HANGUL = re.compile(f"[{_KANA}\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_ANY_HAN = re.compile(f"[{_HAN}]")
UNTAGGED_HAN = ("zh", "CN")
"""The language and region Han characters without a language of their own are set in, on a
page in a language without them (an English page's 中文): the one CJK font (Noto Sans CJK TC)
drew them, and their fullwidth punctuation, in Taiwan's shapes unless told otherwise. Simplified
Chinese is by far the commoner in the City's pages (and in the US's); a passage written in
Traditional says so with ``lang="zh-Hant"`` and keeps its shapes."""


def han_parts(value: str) -> list[tuple[str, tuple[str, str | None] | None]]:
    """``value`` cut into its runs of CJK writing, each with the (language, region) it is set
    in, and the text between them (``None``): Han alone is :data:`UNTAGGED_HAN`, Han with kana
    around it Japanese. Empty when ``value`` has no Han, or has Hangul (Korean's Hanja are
    rare; its words are set as before)."""
    if not _ANY_HAN.search(value) or _HANGUL.search(value):
        return []
    japanese = _KANA_OR_HANGUL.search(value) is not None
    runs, language = (_JAPANESE_RUN, ("ja", None)) if japanese else (_HAN_RUN, UNTAGGED_HAN)
    parts: list[tuple[str, tuple[str, str | None] | None]] = []
    at = 0
    for run in runs.finditer(value):
        start = run.start()
        while start > at and _MARK.match(value, start - 1):
            start -= 1
        if start > at:
            parts.append((value[at:start], None))
        parts.append((value[start:run.end()], language))
        at = run.end()
    if at < len(value):
        parts.append((value[at:], None))
    return parts


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
ARABIC_FEATURES = "features: (ccmp: 0)"
"""Noto Sans Arabic draws a letter's dots as a glyph of their own (its ``ccmp``), and Typst
maps that glyph to the letter too: copied, searched or read aloud from the PDF, "مرحبا"
was "اببحرم". Without ``ccmp`` the font draws each letter whole, dots and all. The default
Arabic-script font is now Civic Sans Arabic (``arabicfont.py``); Noto Sans Arabic still sets
what it lacks, and a project may name it in ``pdf_fonts``."""


def in_arabic_script(value: str) -> bool:
    return _ARABIC_SCRIPT.search(value) is not None


def raw(code: str, *, block: bool = False, lang: str | None = None) -> str:
    """Markup for code shown verbatim (Typst ``raw``), optionally with a language."""
    args = []
    if block:
        args.append("block: true")
    if lang:
        args.append("lang: " + string(lang))
    args.append(string("\n".join(breakable(line) for line in code.split("\n"))))
    return "#raw(" + ", ".join(args) + ")"


def label(name: str) -> str:
    """A Typst label value for any name (``label("...")`` accepts every string)."""
    return "label(" + string(name) + ")"


def literal(data: Any) -> str:
    """A Typst literal for config data (the book's metadata): strings are always string literals."""
    if data is None:
        return "none"
    if isinstance(data, bool):
        return "true" if data else "false"
    if isinstance(data, str):
        return string(data)
    if isinstance(data, (list, tuple)):
        return "(" + "".join(literal(v) + ", " for v in data) + ")"
    if isinstance(data, dict):
        if not data:
            return "(:)"
        return "(" + ", ".join(f"{string(str(k))}: {literal(v)}" for k, v in data.items()) + ")"
    return string(str(data))
