"""A map of page → value that the environment saves without pickling each value again.

Sphinx saves the whole environment after reading even one page. At 1,000 pages that
was ~150 ms of a one-page rebuild, ~90 ms of it the pages' tables of contents
(``env.tocs``: 28,000 docutils nodes) and ~10 ms ``record``'s passages, pickled again
although one page changed. A :class:`PagePickles` pickles as each page's value pickled
on its own; the bytes a value was loaded from (or last saved as) are written again
while the map still holds that very object. A page read again gets a new value, so its
bytes are made again. Values must therefore not be changed in place once stored, or
:meth:`PagePickles.forget` be called after: Sphinx's section numbering (numbered
toctrees) writes into ``env.tocs``, so ``buildcache`` forgets those then.

Plain Python: the environment loaded is the same as without it (tests compare).
"""

from __future__ import annotations

import pickle
from typing import Any


class PagePickles(dict):
    """A ``dict`` (docname → value) that keeps each value's pickled bytes for the next save."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept: dict[str, tuple[Any, bytes]] = {}

    def forget(self) -> None:
        """Pickle every value again at the next save (a value may have changed in place)."""
        self.kept.clear()

    def __reduce__(self) -> tuple[Any, tuple[dict[str, bytes]]]:
        pickled, kept = {}, {}
        for name, value in self.items():
            old = self.kept.get(name)
            if old is not None and old[0] is value:
                data = old[1]
            else:
                data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            pickled[name] = data
            kept[name] = (value, data)
        self.kept = kept
        return _restore, (pickled,)


def _restore(pickled: dict[str, bytes]) -> PagePickles:
    restored = PagePickles()
    for name, data in pickled.items():
        value = pickle.loads(data)
        dict.__setitem__(restored, name, value)
        restored.kept[name] = (value, data)
    return restored


def adopt(owner: Any, attribute: str) -> PagePickles:
    """``owner.attribute`` as a :class:`PagePickles` (a plain ``dict`` there is taken over)."""
    value = getattr(owner, attribute, None)
    if not isinstance(value, PagePickles):
        value = PagePickles(value if isinstance(value, dict) else {})
        setattr(owner, attribute, value)
    return value
