"""Prune the search index against a set of pages, not a mapping of them.

Before dumping the index, Sphinx's HTML builder calls ``IndexBuilder.prune(env.all_docs)``,
a dict, and ``prune`` narrows each word's set of pages with ``intersection_update``: given
anything but a set, Python walks all of it for every word (~3,000 words × 1,000 pages,
~8 ms of a one-page rebuild). Given a set, it walks the word's few pages instead. Which
pages are kept is the same; ``freeze`` sorts everything it writes, so the index is the same
bytes.
"""

from __future__ import annotations

import functools
from typing import Any


def install(app: Any) -> None:
    """``builder-inited``: the HTML builder's indexer, once made, prunes with a set."""
    builder = app.builder
    prepare = getattr(builder, "prepare_writing", None)
    if prepare is None or getattr(prepare, "setprune", False):
        return

    @functools.wraps(prepare)
    def prepare_writing(docnames: Any) -> None:
        prepare(docnames)
        indexer = getattr(builder, "indexer", None)
        prune = getattr(indexer, "prune", None)
        if prune is not None and not getattr(prune, "setprune", False):
            def prune_with_a_set(docnames: Any) -> None:
                prune(docnames if isinstance(docnames, (set, frozenset)) else set(docnames))
            prune_with_a_set.setprune = True  # type: ignore[attr-defined]
            indexer.prune = prune_with_a_set

    prepare_writing.setprune = True  # type: ignore[attr-defined]
    builder.prepare_writing = prepare_writing
