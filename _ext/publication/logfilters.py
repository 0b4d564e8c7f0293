"""A filter on another package's logger, put there once per process.

Plain Python with no Sphinx import. Sphinx's, MyST's and sphinx-sitemap's loggers live as
long as the process, and ``make all`` sets up our extensions once per edition in one
process: a filter added at each setup would be added three times.
"""

from __future__ import annotations

import logging


def add_once(name: str, kind: type[logging.Filter]) -> None:
    """A ``kind()`` on the logger ``name`` (Sphinx's are ``sphinx.`` + a module's name),
    unless one is there already."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, kind) for f in logger.filters):
        logger.addFilter(kind())
