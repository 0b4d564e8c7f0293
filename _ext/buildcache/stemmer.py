"""Stem each distinct word once per build for the search index, not once per page.

Sphinx's ``IndexBuilder.feed`` memoises the stemmer per page only, so a 1,000-page
build stems the same few thousand words over and over in the pure-Python Snowball
stemmer, serially in the main process. Stemming is a pure function of the word, so
one cache for the whole build (on the builder's indexer) gives the same index.
"""

from __future__ import annotations

import functools
from typing import Any

from .indexer import when_made


def memoise_stemmer(app: Any) -> None:
    """``builder-inited``: the HTML builder's indexer, once made, stems each word once."""
    if app.config.buildcache_stemmer:
        when_made(app.builder, "stemcache", _memoise)


def _memoise(indexer: Any) -> None:
    lang = getattr(indexer, "lang", None)
    if lang is not None:
        lang.stem = functools.lru_cache(maxsize=None)(lang.stem)
