"""``SOURCE_DATE_EPOCH`` as the build's environment gives it. Plain Python (no Sphinx).

Every dated thing in every edition is this time (the release date when it is unset), and
Sphinx reads it itself: as it imports its gettext builder, and for every "last updated"
date. ``abc``, ``1e3`` or a time past the year 9999 stopped every edition with a
traceback, before or after the publication's own code ran. Such a value is set aside as
early as the build can (``conf.py``, before Sphinx imports its builders) and said once the
publication's warnings can be (:func:`publication.glue.fill_config`).
"""

from __future__ import annotations

import os

NAME = "SOURCE_DATE_EPOCH"
LATEST = 253402300799
"""9999-12-31 23:59:59 UTC: the last second Python's dates (and Sphinx's) can write."""

_set_aside: list[str] = []


def problem(value: str) -> str | None:
    """Why ``value`` is no ``SOURCE_DATE_EPOCH`` (the specification's: a non-negative
    integer of ASCII digits), or ``None``."""
    if value.isascii() and value.isdigit() and int(value) <= LATEST:
        return None
    if value.isascii() and value.isdigit():
        return "is after the year 9999"
    return "is not a whole number of seconds since 1970-01-01 (only the digits 0-9)"


def set_aside() -> None:
    """Take an unusable ``SOURCE_DATE_EPOCH`` out of this process's environment (kept for
    :func:`taken`), so neither Sphinx nor an edition reads it."""
    value = os.environ.get(NAME)
    if value is not None and problem(value):
        _set_aside.append(value)
        del os.environ[NAME]


def taken() -> list[str]:
    """The values :func:`set_aside` took since it was last asked (each said once)."""
    found = list(_set_aside)
    _set_aside.clear()
    return found
