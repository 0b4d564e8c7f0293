"""The problems the record extension reports (``suppress_warnings = ["record.<kind>"]``)."""

from enum import Enum

WARNING_TYPE = "record"


class Kind(Enum):
    """Every kind of problem, by its warning subtype."""

    RELEASE = "release"
    """A folder in ``editions/`` that is not a frozen release (no version name, no sums),
    reported where the ```{releases}``` list is, which leaves it out."""
