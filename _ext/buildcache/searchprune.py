"""Prune the search index against a set of pages, not a mapping of them.

Before dumping the index, Sphinx's HTML builder calls ``IndexBuilder.prune(env.all_docs)``,
a dict, and ``prune`` narrows each word's set of pages with ``intersection_update``: given
anything but a set, Python walks all of it for every word (~3,000 words × 1,000 pages,
~8 ms of a one-page rebuild). Given a set, it walks the word's few pages instead. Which
pages are kept is the same; ``freeze`` sorts everything it writes, so the index is the same
bytes.
"""

from __future__ import annotations

from typing import Any

from .indexer import when_made


def install(app: Any) -> None:
    """``builder-inited``: the HTML builder's indexer, once made, prunes with a set."""
    when_made(app.builder, "setprune", _prune_with_a_set)


def _prune_with_a_set(indexer: Any) -> None:
    prune = getattr(indexer, "prune", None)
    if prune is None:
        return

    def prune_with_a_set(docnames: Any) -> None:
        prune(docnames if isinstance(docnames, (set, frozenset)) else set(docnames))

    indexer.prune = prune_with_a_set
