"""The one reader of dates as people write them in front matter and Liquid."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")

_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME_AFTER = (r"(?:(?:\s*(?:,|at)\s+|\s+)\d{1,2}(?::\d{2}){0,2}(?:\s*[ap]\.?m\.?)?"
               r"(?:\s*(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}))?)?\s*$")
r"""A time after the date. Each run of spaces is read by one ``\s``: ``\s*``, ``\s*`` and
``\s*$`` side by side (no am/pm, no zone) took 9.5 s for 2,000 spaces and a letter (cubic)."""
#: ``March 5, 2020`` · ``Mar 5 2020`` · ``Thursday, March 5th, 2020``
_MONTH_FIRST = re.compile(rf"^\s*{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+(\d{{4}}){_TIME_AFTER}", re.I)
#: ``5 March 2020`` · ``5th of March, 2020`` · ``05-Mar-2020``
_DAY_FIRST = re.compile(rf"^\s*{_WEEKDAY}{_DAY}(?:\s+of)?[\s-]+{_MONTH},?[\s-]+(\d{{4}}){_TIME_AFTER}", re.I)


def parse_date(value: Any) -> dt.date | None:
    """The day ``2019-05-03``, ``2019-05-03 10:00:00 -0500``, ``March 5, 2020``, ``5 March
    2020`` or ``Mar 5 2020`` names (Jekyll's Ruby ``Time.parse`` reads them all); None if none.

    Words are read only in these orders: ``03/05/2020`` is March or May depending on who wrote
    it, so it is no date here and the caller says so."""
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    text = str(value or "")
    if match := _DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _MONTH_FIRST.match(text):
        year, month, day = int(match[3]), _MONTHS[match[1].lower()], int(match[2])
    elif match := _DAY_FIRST.match(text):
        year, month, day = int(match[3]), _MONTHS[match[2].lower()], int(match[1])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
