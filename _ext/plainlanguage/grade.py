"""The Flesch-Kincaid reading grade, computed exactly as textstat 0.7.4 does.

textstat's own import scans every installed package (it imports ``pkg_resources``):
0.1-0.5 s in every build that checks a page, more than the grades of a hundred pages. This
is its ``flesch_kincaid_grade`` for ``en_US`` with its defaults (punctuation and apostrophes
removed, syllables from pyphen's hyphenation points, its rounding), on the same pyphen
dictionary; ``tests/test_plain_language.py`` checks both give the same grade on real pages.
"""

from __future__ import annotations

import importlib.util
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

_PUNCTUATION = re.compile(r"[^\w\s]")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


def _round(number: float, points: int) -> float:
    """textstat's ``_legacy_round``: halves away from zero."""
    scale = 10 ** points
    return float(math.floor(number * scale + math.copysign(0.5, number))) / scale


def _word_count(text: str) -> int:
    return len(_PUNCTUATION.sub("", text).split())


def _syllable_count(text: str) -> int:
    return sum(map(_syllables, _PUNCTUATION.sub("", text.lower()).split()))


_counts: dict[str, int] = {}


def count_into(counts: dict[str, int]) -> None:
    """Keep each word's syllables in ``counts`` (words already there are not counted again).

    A build keeps them with its environment (``dictionary_stamp`` tells when they no longer
    hold): a rebuild of one page then seldom loads pyphen's dictionary (~70 ms)."""
    global _counts
    _counts = counts


def counted() -> dict[str, int]:
    """The counts kept so far: a forked check hands them back to the build's mapping."""
    return _counts


def dictionary_stamp() -> str:
    """Which hyphenation dictionary counts syllables (pyphen's code and ``en_US`` file, by
    size and time), found without importing pyphen."""
    spec = importlib.util.find_spec("pyphen")
    folder = Path(spec.origin).parent if spec and spec.origin else Path()
    parts = []
    for path in (folder / "__init__.py", folder / "dictionaries" / "hyph_en_US.dic"):
        try:
            status = path.stat()
        except OSError:
            return ""
        parts.append(f"{path}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(parts)


def _syllables(word: str) -> int:
    """One word's syllables: pyphen's hyphenation points + 1, counted once per word (a
    publication repeats its words: 1,066 words but 447 distinct ones in ``source/``)."""
    count = _counts.get(word)
    if count is None:
        count = _counts[word] = len(_hyphenator().positions(word)) + 1
    return count


def flesch_kincaid_grade(text: str) -> float:
    """0.39 × words per sentence + 11.8 × syllables per word − 15.59, as textstat rounds it."""
    words = _word_count(text)
    sentences = _SENTENCE.findall(text)
    counted = max(1, len(sentences) - sum(1 for sentence in sentences if _word_count(sentence) <= 2))
    sentence_length = _round(words / counted, 1)
    syllables_per_word = _round(_syllable_count(text) / words, 1) if words else 0.0
    return _round(0.39 * sentence_length + 11.8 * syllables_per_word - 15.59, 1)
