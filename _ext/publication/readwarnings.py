"""A page's reading problems said again by every build that does not read it again.

Sphinx warns about a page while reading it, and reads a page again only when it changed. So a
second build said nothing of an unchanged page's problems (Liquid shown as written, front
matter no edition shows) and passed under ``-W`` with them still published; and in ``make all``
only the first edition, whose builder read the pages, failed on them: the ePub and the site
were published. Each warning said while a page is read is kept with the page (in the
environment, so it lasts between builds) and said again, with its type and subtype, by any
build that does not read the page; ``make all`` shows each once (``edition_build.SaidOnce``).
"""

from __future__ import annotations

import logging as logging_std
from typing import TYPE_CHECKING, Any

from changes import recall, remember

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

MEMORY = "publication.read_warnings"
"""The :mod:`changes` key: ``{docname: [(message, type, subtype, location), ...]}``."""


def docname_of(env: Any, location: Any) -> str | None:
    """The page a warning's location names: ``(docname, line)``, a docname, ``path:line``
    or a node (each as Sphinx's logger takes it)."""
    if isinstance(location, tuple) and location:
        location = location[0]
    elif hasattr(location, "source") and not isinstance(location, str):
        location = getattr(location, "source", None)
    if not isinstance(location, str) or not location:
        return None
    if location in env.found_docs:
        return location
    path, _, line = location.rpartition(":")
    if not (path and line.isdigit()):
        path = location
    if " <" in path:  # "page.md <raw>": a node that came from an included text
        path = path.split(" <", 1)[0]
    try:
        return env.path2doc(path)
    except (OSError, ValueError):
        return None


class Keeper(logging_std.Handler):
    """Takes each warning said about one of the pages being read."""

    def __init__(self, env: Any, reading: set[str]) -> None:
        super().__init__(logging_std.WARNING)
        self.env, self.reading = env, reading
        self.kept: dict[str, list[tuple[str, str | None, str | None, Any]]] = {}

    def emit(self, record: logging_std.LogRecord) -> None:
        try:
            self.keep(record)
        except Exception:  # noqa: BLE001 - a warning not kept must not stop the build that said it
            self.handleError(record)

    def keep(self, record: logging_std.LogRecord) -> None:
        if getattr(record, "said_again", False):
            return
        docname = docname_of(self.env, getattr(record, "location", None))
        if docname not in self.reading:
            return
        location = getattr(record, "location", None)
        if not isinstance(location, (str, tuple)):  # a node: its file and line, as Sphinx says them
            from sphinx.util.logging import get_node_location

            location = (get_node_location(location) if hasattr(location, "source") else None) or docname
        self.kept.setdefault(docname, []).append(
            (record.getMessage(), getattr(record, "type", None), getattr(record, "subtype", None),
             location))


_KEEPER = "publication_read_warnings_keeper"


def start_keeping(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: keep what is said about the pages about to be read."""
    stop_keeping(app)
    keeper = Keeper(env, set(docnames))
    logging_std.getLogger("sphinx").addHandler(keeper)
    setattr(app, _KEEPER, keeper)


def stop_keeping(app: Sphinx) -> Keeper | None:
    keeper = getattr(app, _KEEPER, None)
    if keeper is not None:
        logging_std.getLogger("sphinx").removeHandler(keeper)
        setattr(app, _KEEPER, None)
    return keeper


def say_again(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: remember what the pages just read said; say again what the pages
    not read said when they were."""
    from sphinx.util import logging

    keeper = stop_keeping(app)
    reading = keeper.reading if keeper is not None else set()
    kept = dict(recall(env, MEMORY) or {})
    for docname in reading:
        kept.pop(docname, None)
    kept.update(keeper.kept if keeper is not None else {})
    kept = {docname: said for docname, said in kept.items() if docname in env.found_docs}
    remember(env, MEMORY, kept)
    logger = logging.getLogger(__name__)
    for docname in sorted(set(kept) - reading):
        for message, kind, subtype, location in kept[docname]:
            logger.warning("%s", message, type=kind, subtype=subtype, location=location,
                           extra={"said_again": True})
    return []
