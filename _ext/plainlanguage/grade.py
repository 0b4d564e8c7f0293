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
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback("en_US")]
    if path not in pyphen.hdcache:
        compiled = _compiled_dictionary(pyphen, path)
        if compiled is not None:
            pyphen.hdcache[path] = compiled
    return pyphen.Pyphen(lang="en_US")


def _compiled_dictionary(pyphen: Any, path: Path) -> Any:
    """pyphen's ``en_US`` patterns parsed once per installation, as Python keeps bytecode.

    Parsing ``hyph_en_US.dic`` takes ~55 ms of every clean build that checks a page; the
    parsed patterns load in ~5 ms. They are kept in the virtual environment
    (:func:`publication.installed.cache_path`) under the dictionary's and pyphen's stamp,
    so another pyphen or dictionary is parsed again; outside a virtual environment,
    every build parses it. None: parse it (a cache that cannot be read or written never
    fails the build)."""
    import hashlib
    import pickle

    from publication.atomic import write_atomically
    from publication.installed import cache_path

    folder = cache_path("plainlanguage")
    if folder is None:
        return None
    stamp = hashlib.sha256(f"{pickle.HIGHEST_PROTOCOL}\n{dictionary_stamp()}".encode())
    cached = folder / f"hyph_en_US-{stamp.hexdigest()[:16]}.pickle"
    try:
        return pickle.loads(cached.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            IndexError, TypeError, ValueError):
        pass
    parsed = pyphen.HyphDict(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(cached, pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        pass
    return parsed


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
