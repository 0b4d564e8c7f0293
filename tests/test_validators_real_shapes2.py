"""What real-shaped folders of pages made and a validator refused, second sweep (the City
of Austin's repositories and four cities' Jekyll sites, through EPUBCheck, the Nu checker,
axe at desktop and 320 px, the PDF structure check and a watch for other hosts).

Each test builds the smallest folder with the shape that failed and runs that validator on
what it made: for EPUBCheck, errors and warnings both fail it.
"""

from __future__ import annotations

import re
import zipfile

from conftest import sphinx_build, write_pages
from test_rawhtml import epubcheck_messages


def test_a_home_page_in_a_folder_of_its_own_keeps_the_spine_whole(tmp_path):
    """Santa Monica's Youth Tech site keeps its home in ``_pages/index/index.html``
    (``permalink: /``) beside ``_pages/data-day.html``. Sphinx listed the next page from
    the home's folder as ``index/../data-day.xhtml``, a name no file of the book has: the
    spine held an item missing from the manifest (EPUBCheck OPF-049, RSC-005) and the
    page itself only as a non-linear extra. The book reads it by its own name, in order."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Youth Tech\ninclude:\n  - _pages\n",
        "README.md": "# Youth Tech\n\nNotes for the people who keep the files.\n",
        "_pages/index/index.html": "---\npermalink: /\n---\n\n<p>Welcome words.</p>\n",
        "_pages/data-day.html": ("---\npermalink: /data-day/\n---\n\n<h1>Data Day</h1>\n"
                                 "<p>Data words.</p>\n")})
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in built.output, built.output
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        opf = archive.read("content.opf").decode()
        nav = archive.read("nav.xhtml").decode()
        text = archive.read("data-day.xhtml").decode()
    assert "../" not in opf and 'linear="no"' not in opf
    assert 'href="data-day.xhtml"' in nav and "Data words." in text


def test_a_link_the_book_cannot_keep_loses_the_name_only_a_link_may_carry(tmp_path):
    """Santa Monica's open-data portal filters by category with ``<a href="#api">`` around an
    icon alone: the site names such a link by its address (``aria-label="#api"``). The
    book has no ``#api`` on the page, so the link became an ``<a>`` without ``href`` that
    still carried the label, which only a link may (DAISY Ace: aria-prohibited-attr,
    serious). It is its words, as a dead link of the site is; the site keeps the link."""
    source = write_pages(tmp_path / "src", {"index.md": (
        "---\ntitle: Open data\nposition: 1\n---\n\nThe portal.\n\n"
        '<ul>\n<li>\n<a class="cat-filter" href="#api" data-category="api">\n'
        '<span class="fi fi-api"></span>\n</a>\n</li>\n</ul>\n\nAfter the list.\n')})
    built = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in built.output, built.output
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        text = archive.read("index.xhtml").decode()
    anchors = [tag for tag in re.findall(r"<a\b[^<>]*>", text) if "cat-filter" in tag]
    assert anchors and all("href" not in tag and "aria-label" not in tag for tag in anchors)
    assert "After the list." in text
    site = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in site.output, site.output
    page_html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a [^<>]*href="#api"[^<>]*aria-label=', page_html)
