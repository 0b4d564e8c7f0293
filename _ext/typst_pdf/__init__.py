"""Sphinx extension: the PDF edition, through Typst (``sphinx-build -b typst``).

The PDF is tagged PDF/UA-1 and PDF/A-2a, compiled offline by the ``typst`` package with
only the fonts it embeds (or those the project ships), so two builds give the same bytes.
Its metadata comes from the Sphinx config and the ``pdf_*`` values below, which
``conf.py`` fills from ``CITATION.cff``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .arabicfont import FAMILY as ARABIC_FAMILY
from .builder import TypstPDFBuilder
from .fonts import FALLBACK_FAMILIES
from .rawnodes import RawHtmlAsNodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"

# Typst's own fonts first (the book's look), then the shipped Noto fonts for every other script.
# Noto Sans Arabic before DejaVu Sans Mono, which has Arabic too: Arabic and Persian pages
# were set in the code font, letter-spaced like a typewriter.
# Civic Sans Arabic (arabicfont.py) before Noto Sans Arabic: its text layer gives back the letters
# of Urdu, Persian, Dari and Pashto; Noto Sans Arabic still sets what it lacks.
DEFAULT_FONTS = ["Libertinus Serif", "New Computer Modern", ARABIC_FAMILY, "Noto Sans Arabic", "DejaVu Sans Mono",
                 *(family for family in FALLBACK_FAMILIES if family != "Noto Sans Arabic")]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(TypstPDFBuilder)
    app.add_post_transform(RawHtmlAsNodes)
    add = app.add_config_value
    add("pdf_basename", "", "", types=[str])
    add("pdf_title", "", "", types=[str])
    add("pdf_subtitle", "", "", types=[str])
    add("pdf_authors", [], "", types=[list, tuple])
    add("pdf_publisher", "", "", types=[str])
    add("pdf_subject", "", "", types=[str])
    add("pdf_keywords", [], "", types=[list, tuple])
    add("pdf_license", "", "", types=[str])
    add("pdf_url", "", "", types=[str])
    add("pdf_citation", "", "", types=[str])
    add("pdf_paper", "letter", "", types=[str])
    add("pdf_date_format", "%B %-d, %Y", "", types=[str])
    add("pdf_fonts", DEFAULT_FONTS, "", types=[list, tuple])
    add("pdf_code_font", "DejaVu Sans Mono", "", types=[str])
    add("pdf_font_paths", [], "", types=[list, tuple])
    add("pdf_standards", ["ua-1", "a-2a"], "", types=[list, tuple])
    add("pdf_labels", {}, "", types=[dict])
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
