"""The one reader of dates as people write them in front matter and Liquid."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(value: Any) -> dt.date | None:
    """The day at the start of ``2019-05-03`` or ``2019-05-03 10:00:00 -0500``; None if none."""
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    match = _DATE.match(str(value or ""))
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None
