"""The ePub edition's builder: Sphinx's ePub 3 builder, accessible and reproducible.

It differs from Sphinx's in three places only: its templates (``templates/``: the
package document carries accessibility metadata, the navigation document ARIA roles),
the ``<html>`` tag of every page (``lang`` and ``xml:lang``), and the zip (fixed dates,
fixed order, written atomically).
"""

from __future__ import annotations

import html
import os
import time
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.builders.epub3 import Epub3Builder
from sphinx.locale import __
from sphinx.util import logging

from . import accessibility, zipwriter

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"


def source_date_epoch() -> int:
    """The build's timestamp: ``SOURCE_DATE_EPOCH`` when set (reproducible), else now."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


class AccessibleEpubBuilder(Epub3Builder):
    """Sphinx's ``epub`` builder with accessibility metadata and a reproducible zip."""

    template_dir = TEMPLATES

    @property
    def html_tag(self) -> str:  # type: ignore[override]
        """Every XHTML page says its language, as WCAG 3.1.1 and DAISY Ace require."""
        lang = html.escape(self.config.epub_language or "en")
        return ('<html xmlns="http://www.w3.org/1999/xhtml" '
                f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">')

    def book_contents(self) -> accessibility.Contents:
        """Count what the accessibility statements depend on, over every page in the book."""
        images = without_alt = 0
        for docname in sorted(self.env.found_docs):
            doctree = self.env.get_doctree(docname)
            for image in doctree.findall(nodes.image):
                images += 1
                without_alt += not str(image.get("alt", "")).strip()
        return accessibility.Contents(images, without_alt)

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        config = self.config
        pairs = accessibility.metadata(
            self.book_contents(),
            summary=config.epub_accessibility_summary or accessibility.default_summary(config.epub_title),
            certified_by=config.epub_accessibility_certifier or config.epub_publisher,
            hazards=tuple(config.epub_accessibility_hazards),
            conforms_to=config.epub_accessibility_conformance or None,
        )
        metadata["accessibility"] = [(name, html.escape(value)) for name, value in pairs]
        return metadata

    def build_epub(self) -> None:
        """Zip the book with fixed dates and order, replacing the old file only when done."""
        outname = self.config.epub_basename + ".epub"
        logger.info(__("writing %s file..."), outname)
        members = ["META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        zipwriter.write_epub(Path(self.outdir, outname), Path(self.outdir), members,
                             source_date_epoch())
