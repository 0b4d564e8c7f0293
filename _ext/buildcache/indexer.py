"""A hook on the HTML builder's search indexer, which it makes anew in ``prepare_writing``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def when_made(builder: Any, mark: str, change: Callable[[Any], None]) -> None:
    """Call ``change(indexer)`` each time ``builder`` has made its search indexer; a second
    call with the same ``mark`` adds nothing (a builder set up twice is changed once)."""
    prepare = getattr(builder, "prepare_writing", None)
    if prepare is None or mark in getattr(prepare, "indexer_hooks", ()):
        return

    @functools.wraps(prepare)
    def prepare_writing(docnames: Any) -> None:
        prepare(docnames)
        indexer = getattr(builder, "indexer", None)
        if indexer is not None:
            change(indexer)

    prepare_writing.indexer_hooks = (*getattr(prepare, "indexer_hooks", ()), mark)  # type: ignore[attr-defined]
    builder.prepare_writing = prepare_writing
