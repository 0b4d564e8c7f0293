"""The problems the record extension reports (``suppress_warnings = ["record.<kind>"]``)."""

from enum import Enum

WARNING_TYPE = "record"


class Kind(Enum):
    """Every kind of problem, by its warning subtype."""

    RELEASE = "release"
    """A folder in ``editions/`` that is not a frozen release (no version name, no sums),
    reported where the ```{releases}``` list is, which leaves it out."""

    UNRELEASED_TEXT = "unreleased-text"
    """The pages' text differs from the frozen release of the version CITATION.cff gives: the
    site, the ePub and the PDF would call new words by a released version, and a citation of
    a new passage would point into that release, where it is not. Said at CITATION.cff's
    ``version``; a strict build fails until the version is a new one."""

    RELEASE_MISSING = "release-missing"
    """A version older than this one has release notes in CHANGES.md but no folder in
    ``editions/``: a frozen release was lost (deleted, not committed), its archive left the
    site, and links into it from other releases lead nowhere. Said at its notes' heading."""

    RELEASE_TAMPERED = "release-tampered"
    """A frozen release that is not exactly what ``make release`` froze (a line of its
    ``SHA256SUMS`` that is no SHA-256 and plain file name, a file reached through a symbolic
    link, other bytes, a folder someone else owns), reported at that line: the release is
    not published, and the site keeps what it published of it before."""
