"""soupsieve is imported when it is first used, not when Furo imports BeautifulSoup.

Furo imports BeautifulSoup for its navigation pass, and BeautifulSoup imports soupsieve
(CSS selectors) at once: ~55 ms of compiling regular expressions in every site build,
a third of what our extensions, Furo and its BeautifulSoup add to Sphinx's start-up, for
selectors no build uses (fastnav renders Furo's sidebar without them, and Furo's own pass
uses none). BeautifulSoup is given a stand-in module that imports the real one the first
time any of its names is used, so a selector still works. (Python's own
``importlib.util.LazyLoader`` cannot be used: on Python 3.11 an ``import`` of a module
that is already loaded reads its ``__spec__``, which runs the module.)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

DEFERRED = ("soupsieve",)


class Deferred(types.ModuleType):
    """Stands in for a module until one of its names is used, then imports it in its place."""

    def __getattr__(self, name: str) -> Any:
        module = sys.modules.get(self.__name__)
        if module is None or module is self:
            del sys.modules[self.__name__]
            try:
                module = importlib.import_module(self.__name__)
            except BaseException:
                sys.modules[self.__name__] = self
                raise
        return getattr(module, name)


def defer(name: str) -> None:
    """``import name`` gives a :class:`Deferred` module (unless it is imported already)."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return  # not installed: BeautifulSoup says so itself
    stand_in = Deferred(name)
    stand_in.__spec__ = spec
    sys.modules[name] = stand_in


for _name in DEFERRED:
    defer(_name)
