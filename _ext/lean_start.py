"""What our build processes leave unloaded: Sphinx's builders the editions never use,
two modules until they are used, and the debug records no handler shows.

Sphinx sets up every built-in builder in every build (``sphinx.application.builtin_extensions``),
whichever one it builds with; its picture post-transform imports ``requests`` for remote
pictures, which ``safety`` turns into links; its code post-transform imports the doctest
extension (with ``doctest``, ``unittest`` and ``pdb``) for two regular expressions used on
Python console blocks only. ``requests`` with ``urllib3``, ``idna`` and ``certifi`` were
~30 ms of a one-page rebuild that takes ~0.9 s at 1,000 pages, the ``linkcheck`` builder
as much again, the doctest extension ~12 ms. None of the builders below
registers a setting any build looks at (all are ``rebuild=''``; ``tests`` check it), so
the environment, the shared doctree cache and ``.buildinfo`` are the same whether a build
loads them or not: ``make linkcheck`` (plain ``sphinx-build``, every builder) and our
editions keep reusing each other's cache.

Sphinx sets its logger to ``DEBUG`` and leaves the verbosity to each handler's level, so
every ``[app] adding …`` line of an application's set-up (~800 with our extensions) is built
as a record and offered to three handlers that drop it: ~2,400 in ``make all``, ~40 ms.
After Sphinx's logging set-up, its logger's level is its handlers' lowest: what is shown
is the same at every ``-v``.

Plain Python; the two scripts that start builds (``edition_build.py``,
``translation_worker.py``) call :func:`leave_out` before Sphinx sets up its application.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

OUR_BUILDERS = frozenset({"html", "epub", "typst"})
"""The builders of the three editions (``edition_build.BUILDERS``)."""

UNUSED = ("sphinx.builders.changes", "sphinx.builders.dirhtml", "sphinx.builders.dummy",
          "sphinx.builders.latex", "sphinx.builders.linkcheck", "sphinx.builders.manpage",
          "sphinx.builders.texinfo")
"""Kept: ``epub3`` (our ePub's base), ``html``, and every builder with a setting some build
looks at: ``gettext``, ``text`` and ``xml`` (``rebuild='env'``: leaving them out would make
a build that loads them see the environment as changed and read every page again), and
``singlehtml`` (``rebuild='html'``: it is in the hash of the site's and the ePub's
``.buildinfo``, so a build without it would write every page again after one with it)."""


_ALL: tuple[str, ...] | None = None


def leave_out(builders: Iterable[str]) -> None:
    """Have the next Sphinx applications of this process skip :data:`UNUSED` when all of
    ``builders`` are ours, and load every built-in again when one is not; ``requests`` and
    the doctest extension are imported when first used."""
    from sphinx import application

    _import_when_used("sphinx.util.requests")
    _import_when_used("sphinx.ext.doctest")

    _drop_records_no_handler_shows()
    global _ALL
    if _ALL is None:
        _ALL = application.builtin_extensions
    ours = set(builders) <= OUR_BUILDERS
    application.builtin_extensions = tuple(
        name for name in _ALL if not (ours and name in UNUSED))


def _drop_records_no_handler_shows() -> None:
    import logging

    from sphinx.util import logging as sphinx_logging

    sphinx_setup = sphinx_logging.setup
    if getattr(sphinx_setup, "drops_unshown", False):
        return

    def setup(*args: Any, **kwargs: Any) -> None:
        sphinx_setup(*args, **kwargs)
        logger = logging.getLogger(sphinx_logging.NAMESPACE)
        logger.setLevel(min((handler.level for handler in logger.handlers), default=logging.DEBUG))

    setup.drops_unshown = True  # type: ignore[attr-defined]
    sphinx_logging.setup = setup


def builder_of(argv: Iterable[str]) -> str:
    """The builder a ``sphinx-build`` command line names (``-b NAME``), or ``""``."""
    argv = list(argv)
    for index, option in enumerate(argv[:-1]):
        if option in ("-b", "--builder"):
            return argv[index + 1]
    return ""


def _import_when_used(name: str) -> None:
    """Import ``name`` now as a module that runs its code on first use (Python's own
    ``importlib.util.LazyLoader``); nothing if it is imported already or cannot be found.

    It is also set on its package, so ``from package import name`` takes it as it is: the
    import system would otherwise look at its ``__spec__``, which is a first use."""
    import importlib
    import importlib.util
    import sys

    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    package, _, attribute = name.rpartition(".")
    setattr(importlib.import_module(package), attribute, module)
