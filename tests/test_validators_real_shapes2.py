"""What real-shaped folders of pages made and a validator refused, second sweep (the City
of Austin's repositories and four cities' Jekyll sites, through EPUBCheck, the Nu checker,
axe at desktop and 320 px, the PDF structure check and a watch for other hosts).

Each test builds the smallest folder with the shape that failed and runs that validator on
what it made: for EPUBCheck, errors and warnings both fail it.
"""

from __future__ import annotations

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
