"""Phone links, as City pages write them: "call [3-1-1](tel:311)".

MyST's own list of link schemes lacks ``tel``, so such a link was read as the name of a
page, warned as leading nowhere, and shown without its link in every edition.
"""

from __future__ import annotations

import zipfile

from bs4 import BeautifulSoup

from conftest import build_every_edition, write_pages
from test_pdf_support import text_of, the_pdf

PAGE = ("---\ntitle: Contact\nposition: 1\n---\n\n# Contact\n\n"
        "Call [3-1-1](tel:311) or [the front desk](tel:+1-512-974-2000).\n")


def test_a_phone_link_is_a_link_in_every_edition(tmp_path):
    source = write_pages(tmp_path / "source", {"index.md": "---\ntitle: Guide\n---\n\nThe guide.\n",
                                                "contact.md": PAGE})
    builds = build_every_edition(source, tmp_path, strict=True)
    assert not [w for b in builds.values() for w in b.warnings], [b.warnings for b in builds.values()]

    page = BeautifulSoup((tmp_path / "html" / "contact.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("article a[href^='tel:']")}
    assert links == {"3-1-1": "tel:311", "the front desk": "tel:+1-512-974-2000"}

    book = next((tmp_path / "epub").glob("*.epub"))
    with zipfile.ZipFile(book) as epub:
        chapter = next(epub.read(n).decode() for n in epub.namelist() if n.endswith("contact.xhtml"))
    assert 'href="tel:311"' in chapter and 'href="tel:+1-512-974-2000"' in chapter

    text = " ".join(text_of(the_pdf(tmp_path / "typst")).split())
    assert "tel:311" in text and "tel:+1-512-974-2000" in text  # the address on paper
