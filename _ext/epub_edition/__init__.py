"""Sphinx extension: the publication's ePub edition, accessible and reproducible.

Registers :class:`~epub_edition.builder.AccessibleEpubBuilder` as the ``epub``
builder (so ``sphinx-build -b epub`` and ``make epub`` use it) and the settings for
the accessibility statements it writes into the package document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .accessibility import CONFORMANCE
from .builder import AccessibleEpubBuilder
from .links import UnlinkWhatCannotWork

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx.builders.epub3")
    app.add_builder(AccessibleEpubBuilder, override=True)
    app.add_post_transform(UnlinkWhatCannotWork)
    # Plain-language summary for readers; empty: a default naming the title.
    app.add_config_value("epub_accessibility_summary", "", "epub", str)
    # Who stands behind the conformance claim; empty: epub_publisher.
    app.add_config_value("epub_accessibility_certifier", "", "epub", str)
    # schema.org accessibilityHazard values; "none" fits a text-and-still-images book.
    app.add_config_value("epub_accessibility_hazards", ["none"], "epub", list)
    # dcterms:conformsTo; empty: make no claim.
    app.add_config_value("epub_accessibility_conformance", CONFORMANCE, "epub", str)
    # Identifiers beside epub_identifier, which Sphinx ties to epub_uid (an XML name, so
    # never a URL or DOI): the URL or DOI readers and catalogues look for.
    app.add_config_value("epub_other_identifiers", [], "epub", list)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
