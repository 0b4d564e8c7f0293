"""Every problem the PDF edition reports, as ``type="pdf"`` warnings with these subtypes.

A project can silence one kind with ``suppress_warnings = ["pdf.<subtype>"]``.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

WARNING_TYPE = "pdf"


class Kind(Enum):
    """Warning subtypes of the PDF edition."""

    UNKNOWN_NODE = "unknown-node"
    """A doctree node the PDF does not know; its text is printed plainly."""

    RAW = "raw"
    """Part of a page's own HTML is shown only as its words in the PDF: nested past Typst's
    limits, a picture it cannot embed (a ``data:`` address), or HTML that is not XHTML."""

    MATH = "math"
    """A formula uses LaTeX that Typst cannot show; it is printed as its source."""

    IMAGE = "image"
    """An image cannot be put in the PDF (remote, missing)."""

    LINK = "link"
    """A link that cannot be followed in a PDF (a relative file, a missing target)."""

    ALT_MISSING = "alt-missing"
    """A picture has no description: the PDF marks it as decoration (a PDF/UA artifact),
    as the site's ``alt=""`` is; a formula without one, which PDF/UA forbids."""

    HEADING = "heading"
    """Headings skip a level, or a heading has no words, which PDF/UA forbids."""

    GLYPH = "glyph"
    """A character that no font of the publication can show."""

    NESTED = "nested"
    """Boxes (notes, asides) nested past ``translator.MAX_BOX_DEPTH``: the inner ones are
    printed without their box, each title in bold."""

    TYPST = "typst"
    """Any other message from the Typst compiler."""

    CONFIG = "config"
    """A ``pdf_*`` setting has a value the PDF edition cannot use."""

    NOT_CONFORMING = "not-conforming"
    """A non-strict build (``STRICT=0``) wrote a PDF without PDF/UA-1 and PDF/A-2a, which
    Typst refused; a strict build fails instead."""

    WRITE = "write"
    """The PDF could not be written to the output folder."""


def warn(message: str, kind: Kind, location: Any = None) -> None:
    """Report one PDF problem the Sphinx way, so ``-W`` fails and ``suppress_warnings`` works."""
    from sphinx.util import logging

    logging.getLogger(__name__).warning(message, location=location, type=WARNING_TYPE,
                                        subtype=kind.value)
