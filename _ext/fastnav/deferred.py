"""soupsieve, and Furo's ``furo.navigation`` with BeautifulSoup, imported when first used.

Furo imports BeautifulSoup for its navigation pass, and BeautifulSoup imports soupsieve
(CSS selectors) at once: ~55 ms of compiling regular expressions in every site build,
a third of what our extensions, Furo and its BeautifulSoup add to Sphinx's start-up, for
selectors no build uses (fastnav renders Furo's sidebar without them, and Furo's own pass
uses none). BeautifulSoup is given a stand-in module that imports the real one the first
time any of its names is used, so a selector still works. (Python's own
``importlib.util.LazyLoader`` cannot be used: on Python 3.11 an ``import`` of a module
that is already loaded reads its ``__spec__``, which runs the module.)

Furo itself imports its ``navigation`` module, and with it BeautifulSoup (~45 ms more),
as soon as the theme is loaded, although only its per-page sidebar rendering calls it: a
rebuild that takes the last build's sidebar (:mod:`fastnav.sidebarkey`, e.g. after a
body edit) never does. So :func:`defer_furo_navigation` (fastnav's ``setup``, before the
theme loads) registers a stand-in for ``furo.navigation``: its ``get_navigation_tree``
(the one name Furo imports from it) and any other name load Furo's own module on first
use and hand over to it. The code that runs is Furo's either way.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
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


NAME = "furo.navigation"


def _load_real(path: Path) -> types.ModuleType:
    """Furo's own ``navigation`` module, put in the stand-in's place."""
    current = sys.modules.get(NAME)
    if current is not None and not getattr(current, "fastnav_deferred", False):
        return current
    spec = importlib.util.spec_from_file_location(NAME, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[NAME] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules[NAME] = current  # type: ignore[assignment]
        raise
    package = sys.modules.get("furo")
    if package is not None:
        package.navigation = module  # type: ignore[attr-defined]
    return module


def defer_furo_navigation() -> bool:
    """Register the stand-in unless Furo is imported already or cannot be found; True if so."""
    if "furo" in sys.modules or NAME in sys.modules:
        return False
    try:
        spec = importlib.util.find_spec("furo")
    except (ImportError, ValueError):
        return False
    folders = list(spec.submodule_search_locations or ()) if spec else []
    path = Path(folders[0], "navigation.py") if folders else None
    if path is None or not path.is_file():
        return False

    stand_in = types.ModuleType(NAME, __doc__)
    stand_in.__file__ = str(path)
    stand_in.fastnav_deferred = True  # type: ignore[attr-defined]

    def get_navigation_tree(*args: Any, **kwargs: Any) -> Any:
        return _load_real(path).get_navigation_tree(*args, **kwargs)

    def __getattr__(name: str) -> Any:  # noqa: N807 - a module's own __getattr__ (PEP 562)
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_load_real(path), name)

    stand_in.get_navigation_tree = get_navigation_tree  # type: ignore[attr-defined]
    stand_in.__getattr__ = __getattr__  # type: ignore[attr-defined]
    sys.modules[NAME] = stand_in
    return True


for _name in DEFERRED:
    defer(_name)
