"""Links from real Jekyll sites that made their ePub fail EPUBCheck, and the site's HTML wrong.

Each page below is the shape a real site had: a remote picture in a folder with a space
(RSC-020), a picture on another site inside a link (RSC-005: an ``<a>`` in an ``<a>``), a
link to a heading another page does not have (RSC-012). The words stay in every edition,
and each is said once, with the file and line the author must change.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from bs4 import BeautifulSoup

from conftest import jpeg_bytes, page, sphinx_build, write_pages
from test_rawhtml import epubcheck_errors

PICTURES = """\
<p align="center">
  <img src="https://example.org/My Photos/a.jpg" width="49%" />
</p>

<a href="https://example.org/page"><img src="https://example.org/pic.png" alt="A picture"></a>

<div>
<a href="https://example.org/second"><img src="https://example.org/pic2.png" alt="Second picture"></a>
</div>

[<img src="https://example.org/p q.png" alt="Inline picture">](https://example.org/target)

A [spaced link](<https://example.org/a b>) and <a href="https://example.org/Our Team/">our team</a>.

<iframe src="https://example.org/a video"></iframe>
"""

LINKS = """\
Some text.

See [the other page](reflink.md#no-such-heading).

See [the heading](reflink.md#a-heading) and [the raw part](reflink.md#raw-anchor).

Back to [the raw heading](#raw-here), as the CFPB's design manual links its own.

<h2 id="raw-here">Raw heading</h2>
"""

OTHER = """\
Some text.

## A heading

<div id="raw-anchor">Raw part</div>
"""

# A STRICT=0 book is still valid: docutils' marks of mistakes linked to messages no edition
# shows (and {eval-rst} repeated their ids), a div inside a paragraph is no XHTML.
MISTAKES = """\
```{eval-rst}
Sub |nothere| and `broken <`_ and :rfc:`x`.
```

Text <div class="note">inner</div> and <p>a paragraph</p> more.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("epub-links")
    source = write_pages(root / "source", {
        "index.md": page("Home", 1, "Home page.\n\nAlso [the other page](reflink.md#nowhere-here)."),
        "pictures.md": page("Pictures", 2, PICTURES),
        "links.md": page("Links", 3, LINKS),
        "reflink.md": page("Other", 4, OTHER),
        "mistakes.md": page("Mistakes", 5, MISTAKES),
    })
    doctrees = root / "doctrees"
    html = sphinx_build(source, root / "html", "html", strict=False, doctrees=doctrees)
    epub = sphinx_build(source, root / "epub", "epub", strict=False, doctrees=doctrees)
    assert "Traceback" not in html.output + epub.output, html.output + epub.output
    book = next(epub.outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        pages = {name.removesuffix(".xhtml"): archive.read(name).decode()
                 for name in archive.namelist() if name.endswith(".xhtml")}
    site = {name: (html.outdir / f"{name}.html").read_text(encoding="utf-8")
            for name in ("index", "pictures", "links")}
    return source, html, epub, book, pages, site


def article(built, edition: str, name: str) -> BeautifulSoup:
    """A page's text as the edition wrote it (the site's <article>, the book's <body>)."""
    *_, pages, site = built
    soup = BeautifulSoup((pages if edition == "epub" else site)[name], "html.parser")
    return soup.select_one("article") or soup.body


def test_the_book_passes_epubcheck(built):
    *_, book, _, _ = built
    assert epubcheck_errors(book) == []


@pytest.mark.parametrize("edition", ["epub", "html"])
def test_a_remote_address_with_a_space_is_written_as_a_valid_url(built, edition):
    hrefs = [a["href"] for a in article(built, edition, "pictures").find_all("a", href=True)]
    assert "https://example.org/My%20Photos/a.jpg" in hrefs
    assert "https://example.org/a%20b" in hrefs and "https://example.org/Our%20Team/" in hrefs
    assert "https://example.org/a%20video" in hrefs
    assert not [href for href in hrefs if re.search(r"\s", href)], hrefs


@pytest.mark.parametrize("edition", ["epub", "html"])
def test_a_remote_picture_inside_a_link_is_its_words_in_that_link(built, edition):
    text = article(built, edition, "pictures")
    assert [a for a in text.find_all("a") if a.find_parent("a")] == []
    links = {a.get_text(): a["href"] for a in text.find_all("a", href=True)}
    assert links["A picture"] == "https://example.org/page"
    assert links["Second picture"] == "https://example.org/second"
    assert links["Inline picture"] == "https://example.org/target"


@pytest.mark.parametrize("edition", ["epub", "html"])
def test_a_link_to_a_heading_the_page_lacks_goes_to_the_page(built, edition):
    suffix = ".xhtml" if edition == "epub" else ".html"
    links = {a.get_text(): a["href"] for a in article(built, edition, "links").find_all("a", href=True)}
    assert links["the other page"] == f"reflink{suffix}"
    assert links["the heading"] == f"reflink{suffix}#a-heading"
    assert links["the raw part"] == f"reflink{suffix}#raw-anchor"


@pytest.mark.parametrize("edition", ["epub", "html"])
def test_a_link_to_an_id_the_pages_own_html_gives_is_kept(built, edition):
    """``[Typefaces](#typefaces)`` above ``<h2 id="typefaces">``: it worked on Jekyll, and was
    shown as words with a warning that the page had no such anchor."""
    links = {a.get_text(): a["href"] for a in article(built, edition, "links").find_all("a", href=True)}
    assert links["the raw heading"] == "#raw-here"


@pytest.mark.parametrize("edition", ["epub", "html"])
def test_each_dead_heading_is_said_once_where_it_is_written(built, edition):
    """Also on the root page, which the ePub's contents resolve three times more."""
    source, html, epub, *_ = built
    build = epub if edition == "epub" else html
    dead = [w for w in build.warnings if "no-such-heading" in w or "nowhere-here" in w]
    assert len(dead) == 2, build.warnings
    assert any(w.startswith(f"{source / 'index.md'}:8:") for w in dead), dead
    assert any(w.startswith(f"{source / 'links.md'}:8:") for w in dead), dead
    assert all("[link.missing-heading]" in w for w in dead), dead
    assert not [w for w in build.warnings if "myst.xref_missing" in w], build.warnings


def test_a_jpeg_saved_with_a_png_name_keeps_the_book_valid(tmp_path):
    """A photo saved as ``ContentStrategyAssets.png`` but holding a JPEG: the book declared
    it ``image/png`` and EPUBCheck refused it (OPF-029). Its picture and its raw-HTML copy
    are the same file, named for what it is."""
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", None, "Welcome."),
        "design.md": page("Design outcomes", 1, "![Persona posters](ContentStrategyAssets.png)\n\n"
                                                '<img src="ContentStrategyAssets.png" alt="The same posters">\n'),
        "ContentStrategyAssets.png": jpeg_bytes(),
    })
    build = sphinx_build(source, tmp_path / "epub", "epub")
    assert build.returncode == 0, build.output
    [book] = (tmp_path / "epub").glob("*.epub")
    assert epubcheck_errors(book) == []
    with zipfile.ZipFile(book) as archive:
        names = [n for n in archive.namelist() if n.startswith("_images/")]
        text = archive.read("design.xhtml").decode("utf-8")
    assert names == ["_images/ContentStrategyAssets.png.jpg"]
    assert text.count('src="_images/ContentStrategyAssets.png.jpg"') == 2
