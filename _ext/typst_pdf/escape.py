"""Turn untrusted text into Typst source that can only ever print that text.

This module is the security boundary of the PDF edition: page text, titles, URLs and
metadata all pass through here. Nothing from a page is written as Typst markup; every
piece of text becomes a Typst *string literal*, where only ``\\`` and ``"`` (and control
characters) need escaping, so ``#``, ``$``, ``*``, ``<label>``, ``@ref``, ``//`` … stay text.
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_NOT_PRINTABLE = re.compile("[\x80-\x9f\ufeff]")
"""C1 controls and U+FEFF inside text (a byte order mark pasted mid-line): Typst has no glyph
for the first and a PDF/A may not hold the second, so one such character in a page made the
whole PDF non-conforming."""
_PRINTABLE = {"\x85": " ", "\ufeff": "\u2060"}  # next line: a space; U+FEFF: the word joiner it meant


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or "\\u{%x}" % ord(char)


def string(text: str) -> str:
    """A Typst string literal (code mode) holding exactly ``text`` (its C1 controls left out,
    U+FEFF as U+2060, which a PDF/A may hold: :data:`_NOT_PRINTABLE`)."""
    text = _NOT_PRINTABLE.sub(lambda m: _PRINTABLE.get(m.group(), ""), str(text))  # str: a lazy translation too
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(_escape_char, body) + '"'


def text(value: str) -> str:
    """Markup that prints ``value`` literally; soft line breaks become spaces."""
    value = value.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    if not value:
        return ""
    return "#" + string(value)


def raw(code: str, *, block: bool = False, lang: str | None = None) -> str:
    """Markup for code shown verbatim (Typst ``raw``), optionally with a language."""
    args = []
    if block:
        args.append("block: true")
    if lang:
        args.append("lang: " + string(lang))
    args.append(string(code))
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
