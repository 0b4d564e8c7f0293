"""Sphinx extension: Furo's sidebar navigation rendered once per build, not once per page.

Furo resolves the whole global toctree, renders it to HTML and re-parses it with
BeautifulSoup for every page: O(pages²), most of a large build's time. The sidebar is
the same on every page except (a) links are relative to the page and (b) the path to
the current page is marked (``current`` classes, ``current-page``, checked toggles).
So this renders Furo's own sidebar once, for the root page (nothing current, links
relative to the top folder), cuts it into a template (:mod:`fastnav.template`) and
fills it in per page. Output is byte-identical to Furo's (tests/test_bench_fastnav.py); any
sidebar the template cannot reproduce exactly falls back to Furo's own code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from sphinx.errors import ExtensionError
from sphinx.util import logging

from pageorder import NAVIGATION_CHANGED

from . import navpatch, settingscache
from .stemcache import memoise_stemmer
from .template import NavTemplate

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

_CACHE = "_fastnav_template"


def _template(builder: Any, furo_compute: Callable[[dict], str]) -> NavTemplate | None:
    """Furo's sidebar for the root page, cut into a template; cached on the builder."""
    if not hasattr(builder, _CACHE):
        root = builder.config.root_doc
        neutral = furo_compute({"toctree": lambda **kw: builder._get_local_toctree(root, **kw)})
        setattr(builder, _CACHE, NavTemplate.parse(neutral, builder.get_target_uri(root)))
    return getattr(builder, _CACHE)


_APP: list[Sphinx] = []  # the application being built (one per process at a time)


def fast_navigation(furo_compute: Callable[[dict], str]) -> Callable[[dict], str]:
    """A drop-in for ``furo._compute_navigation_tree`` that fills the cached template."""
    def compute(context: dict[str, Any]) -> str:
        builder = _APP[-1].builder if _APP else None
        pagename = context.get("pagename")
        if "toctree" not in context or pagename is None or not hasattr(builder, "get_target_uri"):
            return furo_compute(context)
        template = _template(builder, furo_compute)
        html = template.render(builder.get_target_uri(pagename)) if template else None
        return furo_compute(context) if html is None else html

    compute.furo_original = furo_compute  # type: ignore[attr-defined]
    return compute


def install(app: Sphinx) -> None:
    """Swap Furo's per-page navigation for the cached one when the theme is Furo."""
    _APP[:] = [app]
    try:
        import furo
    except ImportError:
        return
    current = getattr(furo, "_compute_navigation_tree", None)
    if current is None:
        logger.info("fastnav: this Furo has no _compute_navigation_tree; "
                    "its sidebar is rendered per page")
        return
    original = getattr(current, "furo_original", current)
    if not app.config.fastnav_enabled:
        furo._compute_navigation_tree = original
    elif current is original:
        furo._compute_navigation_tree = fast_navigation(original)


def forget(app: Sphinx, env: Any) -> None:
    """The toctrees are final once the environment is updated: drop any older template."""
    if app.builder is not None and hasattr(app.builder, _CACHE):
        delattr(app.builder, _CACHE)


def offer_patches(app: Sphinx) -> None:
    """Take over pages whose only change is the navigation (navpatch), when it applies."""
    if navpatch.applies(app):
        navpatch.wrap_write(app)


def take_navigation_only(app: Sphinx, env: Any, docnames: frozenset[str]) -> set[str]:
    """``pageorder-navigation-changed``: the pages navpatch will patch instead of a rewrite."""
    if not navpatch.applies(app) or not getattr(app.builder.write, "fastnav", False):
        return set()
    return navpatch.navigation_only(app, env, set(docnames))


def setup(app: Sphinx) -> dict[str, Any]:
    # -D fastnav_enabled=0 builds with Furo's and Sphinx's own code (to compare, or to bisect)
    app.add_config_value("fastnav_enabled", True, "", types=frozenset({bool}))
    app.connect("builder-inited", install)
    app.connect("builder-inited", memoise_stemmer)
    app.connect("builder-inited", settingscache.install)
    app.connect("builder-inited", offer_patches)  # after install
    try:  # declared by pageorder, when it is loaded (listed before fastnav)
        app.connect(NAVIGATION_CHANGED, take_navigation_only)
    except ExtensionError:
        pass
    app.connect("env-get-updated", navpatch.take_snapshot, priority=400)  # before pageorder
    app.connect("env-updated", forget)
    app.connect("build-finished", navpatch.save_sidebar)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
