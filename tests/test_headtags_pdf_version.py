"""A page's ``citation_pdf_url`` names the PDF of the version its other citation tags name.

Zotero saves the PDF ``citation_pdf_url`` names with the item. The tags named version 1.0
and ``editions/1.0/trees.html``, but the PDF at the site's ``editions/<slug>.pdf``, which
the next release replaces: saved from the archived 1.0 page after 1.1 came out, the item
said version 1.0 and held 1.1's PDF (or none, once the title, and so the file name,
changed). It is now the version's own copy, ``editions/<v>/editions/<slug>.pdf``, frozen
with the release.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from test_citation_metadata import meta  # noqa: F401  (the project's CITATION.cff, loaded)

from website import headtags
from website.editions import Edition

ROOT = "https://example.org/"


def pdf_url(meta, version_root: str) -> str:  # noqa: F811
    pdf = Edition("pdf", "PDF", "application/pdf", Path("/b/pdf/smart-city.pdf"), 10, "0" * 64)
    page = headtags.Page("Trees", ROOT + "trees.html", False, "en", version_root + "trees.html")
    site = headtags.Site(ROOT, ROOT + "cite/card.png", "card", (pdf,), version_root)
    html = BeautifulSoup("".join(headtags.highwire(meta, page, site, ["City,"])), "html.parser")
    return html.find("meta", attrs={"name": "citation_pdf_url"})["content"]


def test_the_pdf_named_is_the_versions_own(meta) -> None:  # noqa: F811
    kept = f"{ROOT}editions/{meta.version}/"
    assert pdf_url(meta, kept) == f"{kept}editions/smart-city.pdf"


def test_without_a_version_address_the_sites_pdf_is_named(meta) -> None:  # noqa: F811
    assert pdf_url(meta, "") == f"{ROOT}editions/smart-city.pdf"
