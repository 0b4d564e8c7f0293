"""A map of page → value that the environment loads and saves page by page, as needed.

Sphinx loads the whole environment at the start of every build and saves it again after
reading even one page. At 1,000 pages the pages' tables of contents (``env.tocs``:
28,000 docutils nodes) and ``record``'s passages were ~50 ms of the load and ~100 ms of
the save of a one-page rebuild, which looks at one table of contents and one page's
passages. A :class:`PagePickles` pickles as each page's value pickled on its own:

- loaded, each value stays bytes until it is first looked up;
- saved, a value still unread, or still the very object loaded from (or last saved as)
  its bytes, is written as those bytes; only a new value (a page read again) is pickled.

Values must therefore not be changed in place once stored, or :meth:`PagePickles.forget`
be called after: Sphinx's section numbering (numbered toctrees) writes into
``env.tocs``, so ``buildcache`` forgets those then. A plain mapping, not a ``dict``:
every way of reading a value goes through :meth:`PagePickles.__getitem__`.

Plain Python: the values read are the same as without it (tests compare).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator, MutableMapping
from typing import Any


class _Unread:
    """A value as the bytes it was saved as, not unpickled yet."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


class PagePickles(MutableMapping):
    """docname → value, unpickled on first look-up and saved without pickling it again."""

    def __init__(self, values: Any = ()) -> None:
        self._values: dict[str, Any] = {}
        self._kept: dict[str, tuple[Any, bytes]] = {}
        self.update(values)

    def __getitem__(self, name: str) -> Any:
        value = self._values[name]
        if type(value) is _Unread:
            data = value.data
            value = self._values[name] = pickle.loads(data)
            self._kept[name] = (value, data)
        return value

    def __setitem__(self, name: str, value: Any) -> None:
        self._values[name] = value

    def __delitem__(self, name: str) -> None:
        del self._values[name]
        self._kept.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"PagePickles({len(self)} pages)"

    def copy(self) -> dict[str, Any]:
        return dict(self.items())

    def forget(self) -> None:
        """Pickle every value looked up again at the next save (it may have changed in place)."""
        self._kept.clear()

    def __reduce__(self) -> tuple[Any, tuple[dict[str, bytes]]]:
        pickled: dict[str, bytes] = {}
        kept: dict[str, tuple[Any, bytes]] = {}
        for name, value in self._values.items():
            if type(value) is _Unread:
                pickled[name] = value.data
                continue
            old = self._kept.get(name)
            data = old[1] if old is not None and old[0] is value else pickle.dumps(
                value, pickle.HIGHEST_PROTOCOL)
            pickled[name] = data
            kept[name] = (value, data)
        self._kept = kept
        return _restore, (pickled,)


def _restore(pickled: dict[str, bytes]) -> PagePickles:
    restored = PagePickles()
    restored._values = {name: _Unread(data) for name, data in pickled.items()}
    return restored


def adopt(owner: Any, attribute: str) -> PagePickles:
    """``owner.attribute`` as a :class:`PagePickles` (a plain ``dict`` there is taken over)."""
    value = getattr(owner, attribute, None)
    if not isinstance(value, PagePickles):
        value = PagePickles(value if isinstance(value, dict) else {})
        setattr(owner, attribute, value)
    return value
