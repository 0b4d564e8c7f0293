"""Bold and italic that touch Chinese, Japanese or Korean words, as kramdown read them.

Plain Python with no Sphinx import. CommonMark closes ``**`` only when it is "right-flanking":
after punctuation (``)``, ``」``) it must be followed by a space or punctuation. Korean
particles and Japanese endings follow a word without a space, so ``**Speed(RPM)**와`` or
``**「重要」**です`` was printed with its asterisks, in every edition; kramdown made it bold.
The same rule, mirrored, keeps ``이**(주)**`` from opening. Here the CJK character on the
far side of such a run is written as its numeric character reference (``&#50752;``): the same
character to every reader, and punctuation to CommonMark's flanking rule. Code, fenced or
inline, is left alone; every line keeps its number.
"""

from __future__ import annotations

import functools
import re

from pagesource.fences import outside_code, outside_fences

_CJK = r"\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_PUNCTUATION = r"""!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2010-\u2027"""
_FIRST_CJK = "\u1100"


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns, compiled when a page first has a CJK character and a ``*``: their
    classes of CJK ranges take ~20 ms to compile, which an English build never needs."""
    may_need = re.compile(rf"\*[{_CJK}]|[{_CJK}]\*")
    stuck = re.compile(rf"(?<=[{_PUNCTUATION}])(?<!\*)(\*+)([{_CJK}])|([{_CJK}])(\*+)(?!\*)(?=[{_PUNCTUATION}])")
    return may_need, stuck


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


def _unstuck(part: str) -> str:
    return _patterns()[1].sub(lambda m: m.group(1) + _reference(m.group(2)) if m.group(1)
                      else _reference(m.group(3)) + m.group(4), part)


def cjk_friendly(text: str) -> str:
    """``text`` with each emphasis run between punctuation and a CJK character made one
    CommonMark reads as kramdown did. A page without such a run is returned as it is."""
    if "*" not in text or max(text) < _FIRST_CJK:
        return text
    may_need = _patterns()[0]
    if not may_need.search(text):
        return text
    lines = text.split("\n")
    for i in outside_fences(lines):
        if "*" in lines[i] and may_need.search(lines[i]):
            lines[i] = outside_code(lines[i], _unstuck)
    return "\n".join(lines)
