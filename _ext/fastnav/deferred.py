"""Furo's ``furo.navigation`` (BeautifulSoup and soupsieve) imported when first used.

Furo imports its ``navigation`` module, and with it BeautifulSoup and soupsieve (~0.1 s
of CPU, soupsieve compiling its CSS grammar), as soon as the theme is loaded, although
only its per-page sidebar rendering calls it. A rebuild that takes the last build's
sidebar (:mod:`fastnav.sidebarkey`, e.g. after a body edit) never does. So, before Furo
is imported, a stand-in for ``furo.navigation`` is registered: its
``get_navigation_tree`` (the one name Furo imports from it) and any other name load
Furo's own module on first use and hand over to it. Nothing else changes: the code that
runs is Furo's, and a build that renders a sidebar imports BeautifulSoup as before.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

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


def defer() -> bool:
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
