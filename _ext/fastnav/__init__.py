"""Sphinx extension: Furo's sidebar rendered once per build (the shim), and navpatch.

:mod:`fastnav.shim` is the clearly-labelled Furo shim (version guard, self-check,
fallback to Furo's own code); :mod:`fastnav.navpatch` patches the sidebar into the
previous HTML of pages whose only change is the navigation. Output is byte-identical
to Furo's (``tests/test_bench_fastnav.py``). ``-D fastnav_enabled=0`` turns both off.
:mod:`fastnav.deferred` imports soupsieve (Furo's BeautifulSoup's) only when it is used.
The docutils settings and stemmer caches are another room (``buildcache``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.errors import ExtensionError

from pageorder import NAVIGATION_CHANGED

from . import deferred, navpatch, shim  # noqa: F401 - deferred: soupsieve on first use

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"


def take_navigation_only(app: Sphinx, env: Any, docnames: frozenset[str]) -> set[str]:
    """``pageorder-navigation-changed``: the pages navpatch will patch instead of a rewrite."""
    if not navpatch.applies(app) or not getattr(app.builder.write, "fastnav", False):
        return set()
    return navpatch.navigation_only(app, env, set(docnames))


def setup(app: Sphinx) -> dict[str, Any]:
    # -D fastnav_enabled=0 builds with Furo's own code (to compare, or to bisect)
    app.add_config_value("fastnav_enabled", True, "", types=frozenset({bool}))
    app.connect("builder-inited", shim.install)
    app.connect("builder-inited", navpatch.wrap_write)  # after install
    try:  # declared by pageorder, when it is loaded (listed before fastnav)
        app.connect(NAVIGATION_CHANGED, take_navigation_only)
    except ExtensionError:
        pass
    app.connect("env-get-updated", navpatch.take_snapshot, priority=400)  # before pageorder
    app.connect("env-updated", shim.forget)
    app.connect("build-finished", navpatch.save_sidebar)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
