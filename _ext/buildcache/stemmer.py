"""Stem each distinct word once per build for the search index, not once per page.

Sphinx's ``IndexBuilder.feed`` memoises the stemmer per page only, so a 1,000-page
build stems the same few thousand words over and over in the pure-Python Snowball
stemmer, serially in the main process. Stemming is a pure function of the word, so
one cache for the whole build (on the builder's indexer) gives the same index.
"""

from __future__ import annotations

import functools
from typing import Any


def memoise_stemmer(app: Any) -> None:
    """Wrap the HTML builder's ``prepare_writing`` to cache its indexer's stemmer."""
    builder = app.builder
    if not app.config.buildcache_stemmer:
        return
    prepare = getattr(builder, "prepare_writing", None)
    if prepare is None or getattr(prepare, "stemcache", False):
        return

    @functools.wraps(prepare)
    def prepare_writing(docnames: Any) -> None:
        prepare(docnames)
        lang = getattr(getattr(builder, "indexer", None), "lang", None)
        if lang is not None:
            lang.stem = functools.lru_cache(maxsize=None)(lang.stem)

    prepare_writing.stemcache = True  # type: ignore[attr-defined]
    builder.prepare_writing = prepare_writing
