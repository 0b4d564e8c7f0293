"""THE FURO SHIM: Furo's sidebar rendered once per build, not once per page.

Furo (``furo._compute_navigation_tree``) resolves the whole global toctree, renders it
to HTML and re-parses it with BeautifulSoup for every page: O(pages²), most of a large
build's time. The sidebar is the same on every page except (a) links are relative to
the page and (b) the path to the current page is marked. So this renders Furo's own
sidebar once, for the root page, cuts it into a template (:mod:`fastnav.template`, which
hard-codes Furo's markup for the current-page marks) and fills it in per page.

It replaces private code of Furo (``furo._compute_navigation_tree``) and calls Sphinx's
``builder._get_local_toctree``, so it guards itself three ways and falls back to Furo's
own code, saying so in an info message, whenever its output could differ:

- **version guard**: only on the Furo release it was verified against
  (:data:`FURO_VERIFIED`; the byte-identity tests check it on every run);
- **parse guard**: a sidebar the template cannot cut exactly is refused;
- **self-check**: each build renders one page's sidebar both ways (the deepest page:
  relative links, current marks up the chain, open toggles) and uses Furo's code for
  the whole build the moment they differ.

To track upstream: Furo pull request 939 computes the navigation tree once per build;
when a Furo release ships it, this shim can go (bump Furo, run the byte-identity tests
with ``-D fastnav_enabled=0`` and without, compare the times in ``bench/``).

A rebuild whose sidebar is made from exactly what the last build's was made from (same
key, :mod:`fastnav.sidebarkey`) takes the last build's sidebar, saved with its key
(:mod:`fastnav.saved`), and skips both renderings: the one that made that sidebar passed
the self-check and gave no warning (a sidebar whose rendering warned is never reused, so
a strict build keeps failing on it).

Per-build state (the template, the shared relative links, navpatch's memory of the
previous build) is one :class:`BuildState` on the builder, never a module global.
"""

from __future__ import annotations

import logging as stdlib_logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from sphinx.util import logging

from . import saved, sidebarkey
from .template import NavTemplate

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

FURO_VERIFIED = "2025.12.19"
"""The Furo release whose sidebar markup the template reproduces byte for byte."""

_STATE = "fastnav_state"


@dataclass
class BuildState:
    """What fastnav knows during one build, kept on the builder."""

    template: NavTemplate | None = None
    made: bool = False  # the template was made (or refused) for the final toctrees
    hrefs: dict[str, dict[str, str]] = field(default_factory=dict)  # uri -> {target: href}
    snapshot_before: Any = None  # navpatch: the previous HTML build's relations and titles
    taken: set[str] = field(default_factory=set)  # navpatch: pages promised a patch
    versions: dict[str, str] = field(default_factory=dict)  # sidebarkey: of the code
    key: str | None = None  # sidebarkey: this build's (None: the sidebar is not to be reused)
    digests: dict[str, str] = field(default_factory=dict)  # sidebarkey: page -> digest


def state_of(builder: Any) -> BuildState:
    """This build's :class:`BuildState` (made on first use)."""
    state = builder.__dict__.get(_STATE)
    if state is None:
        state = builder.__dict__[_STATE] = BuildState()
    return state


def _furo_context(builder: Any, docname: str) -> dict[str, Any]:
    """The part of a page's context Furo's sidebar is computed from."""
    return {"toctree": lambda **kw: builder._get_local_toctree(docname, **kw)}


def _check_page(builder: Any) -> str | None:
    """The page the self-check renders both ways: the deepest one (first by name)."""
    root = builder.config.root_doc
    pages = sorted(d for d in builder.env.found_docs if d != root)
    return max(pages, key=lambda d: builder.get_target_uri(d).count("/"), default=None)


class _Count(stdlib_logging.Handler):
    def __init__(self) -> None:
        super().__init__(stdlib_logging.WARNING)
        self.count = 0

    def emit(self, record: stdlib_logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def _warnings_counted() -> Iterator[_Count]:
    """Count the warnings Sphinx logs meanwhile (a broken toctree, a missing page...)."""
    count, sphinx_logger = _Count(), stdlib_logging.getLogger("sphinx")
    sphinx_logger.addHandler(count)
    try:
        yield count
    finally:
        sphinx_logger.removeHandler(count)


def _reused(builder: Any, state: BuildState, root_uri: str) -> NavTemplate | None:
    """The last build's sidebar as this build's template, when its key is this build's."""
    last = saved.load(builder)
    state.digests = sidebarkey.page_digests(builder.env, builder.config.root_doc,
                                            saved.part(last, "digests", dict),
                                            saved.part(last, "read", dict))
    state.key = sidebarkey.sidebar_key(builder, state.versions, state.digests)
    if last.get("key") != state.key:
        return None
    return NavTemplate.parse(saved.part(last, "sidebar", str), root_uri, hrefs=state.hrefs)


def template(builder: Any, furo_compute: Callable[[dict], str]) -> NavTemplate | None:
    """The sidebar template of this build, or None when Furo's own code must render it."""
    state = state_of(builder)
    if state.made:
        return state.template
    state.made = True
    root = builder.config.root_doc
    root_uri = builder.get_target_uri(root)
    if state.versions:  # set by install() when the shim is on
        state.template = _reused(builder, state, root_uri)
        if state.template is not None:
            return state.template
    with _warnings_counted() as warnings:
        made = NavTemplate.parse(furo_compute(_furo_context(builder, root)), root_uri,
                                 hrefs=state.hrefs)
    if warnings.count:
        state.key = None
    if made is None:
        logger.info("fastnav: this sidebar is not one its template reproduces exactly; "
                    "Furo's own code renders it on every page")
    else:
        page = _check_page(builder)
        if page is not None and made.render(builder.get_target_uri(page)) \
                != furo_compute(_furo_context(builder, page)):
            logger.info("fastnav: its sidebar for %r differs from Furo %s's own; Furo's own "
                        "code renders the sidebar on every page of this build", page,
                        _furo_version())
            made = None
    state.template = made
    return made


def _furo_version() -> str | None:
    try:
        import furo
    except ImportError:
        return None
    return getattr(furo, "__version__", None)


def fast_navigation(furo_compute: Callable[[dict], str], builder: Any) -> Callable[[dict], str]:
    """A drop-in for ``furo._compute_navigation_tree`` that fills ``builder``'s template."""
    def compute(context: dict[str, Any]) -> str:
        pagename = context.get("pagename")
        if "toctree" not in context or pagename is None or not hasattr(builder, "get_target_uri"):
            return furo_compute(context)
        made = template(builder, furo_compute)
        html = made.render(builder.get_target_uri(pagename)) if made else None
        return furo_compute(context) if html is None else html

    compute.furo_original = furo_compute  # type: ignore[attr-defined]
    return compute


def furo_original() -> Callable[[dict], str] | None:
    """Furo's own ``_compute_navigation_tree`` (None without Furo)."""
    try:
        import furo
    except ImportError:
        return None
    current = getattr(furo, "_compute_navigation_tree", None)
    return getattr(current, "furo_original", current)


def install(app: Sphinx) -> None:
    """``builder-inited``: this build's navigation, when Furo is the verified release.

    A build whose theme is Furo has imported it by now (the builder loads its theme
    first); any other build (the PDF, the ePub) leaves it unimported: Furo brings
    BeautifulSoup and soupsieve, ~0.1 s of start-up that only the site needs.
    """
    furo = sys.modules.get("furo")
    if furo is None:
        return
    original = furo_original()
    if original is None:
        logger.info("fastnav: this Furo has no _compute_navigation_tree; "
                    "its sidebar is rendered per page")
        return

    furo._compute_navigation_tree = original
    if not app.config.fastnav_enabled:
        return
    if _furo_version() != FURO_VERIFIED:
        logger.info("fastnav: verified with Furo %s, this is Furo %s; Furo's own code renders "
                    "the sidebar on every page", FURO_VERIFIED, _furo_version())
        return
    furo._compute_navigation_tree = fast_navigation(original, app.builder)
    state_of(app.builder).versions = sidebarkey.versions(app)


def forget(app: Sphinx, env: Any) -> None:
    """``env-updated``: the toctrees are final now; any older template is dropped."""
    if app.builder is not None:
        state = state_of(app.builder)
        state.template, state.made = None, False
