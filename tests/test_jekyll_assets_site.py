"""An old City site written in HTML pages with the jekyll-assets plugin reaches every edition.

The fixture (``tests/roots/jekyll-assets-site``) has the shape of the Austin Convention
Center's site (cityofaustin/austinconventioncenter.com): no Markdown page at all, only
``.html`` pages with front matter in folders, ``permalink: pretty``, collections a content
service filled at build time (empty in the repository), and pictures written as
``<img src="{% asset_path hall-photo.png %}">``, found by the plugin in ``_assets/images/``.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, copy_root

PICTURES = {"event_services/index": ("hall-photo.png", "Exhibit hall set for a trade show"),
            "event_services/technology": ("award.png", "Best In-House Developed Application award")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("assets-site")
    source = copy_root("jekyll-assets-site", base / "src")
    for builder, build in build_every_edition(source, base, strict=False).items():
        (base / f"{builder}.log").write_text(build.output, encoding="utf-8")
    return base


def log(site: Path, builder: str = "html") -> str:
    return (site / f"{builder}.log").read_text(encoding="utf-8")


def epub_pages(site: Path) -> dict[str, str]:
    with zipfile.ZipFile(next((site / "epub").glob("*.epub"))) as book:
        return {name: book.read(name).decode("utf-8") for name in book.namelist()
                if name.endswith(".xhtml")}


def pdf_text(site: Path) -> str:
    reader = pypdf.PdfReader(next((site / "typst").glob("*.pdf")))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_asset_path_pictures_are_published_in_every_edition(site: Path) -> None:
    for docname, (name, alt) in PICTURES.items():
        page = BeautifulSoup((site / "html" / f"{docname}.html").read_text(encoding="utf-8"), "lxml")
        picture = page.find("img", alt=alt)
        assert picture is not None and picture["src"].endswith(f"_images/{name}"), docname
        assert (site / "html" / "_images" / name).is_file()
        chapter = BeautifulSoup(epub_pages(site)[f"{docname}.xhtml"], "xml")
        assert chapter.find("img", alt=alt)["src"].endswith(f"_images/{name}"), docname
    reader = pypdf.PdfReader(next((site / "typst").glob("*.pdf")))
    assert sum(len(page.images) for page in reader.pages) >= len(PICTURES)
    assert "asset_path" not in log(site) + log(site, "typst")


def test_a_picture_asset_source_wrote_is_the_picture(site: Path) -> None:
    """``{% asset_source "floor-plans/overview.svg" %}`` wrote the SVG's markup into the page:
    the picture is published, and the PDF asks for the description the old page never had."""
    page = BeautifulSoup((site / "html" / "facilities" / "floorplan.html").read_text(encoding="utf-8"), "lxml")
    assert page.select_one("article img")["src"].endswith("_images/overview.svg")
    chapter = BeautifulSoup(epub_pages(site)["facilities/floorplan.xhtml"], "xml")
    assert chapter.find("img")["src"].endswith("_images/overview.svg")
    assert re.search(r"floorplan\.html:\d+: WARNING: the picture .*overview\.svg' has no description",
                     log(site, "typst")), log(site, "typst")
    assert "asset_source" not in log(site) + log(site, "epub") + log(site, "typst")


def test_an_asset_no_folder_has_is_said_where_it_was_looked_for(site: Path) -> None:
    """``icons/chat-bubble.png`` is in none of jekyll-assets' folders (the old site's build
    failed on it too): the warning names the page, the line and where the file was looked for."""
    said = [line for line in log(site).splitlines() if "icons/chat-bubble.png" in line]
    assert said and all("/_assets/images/icons/chat-bubble.png' is not in the source folder" in line
                        for line in said), said
    assert any(re.search(r"event_services/index\.html:\d+: WARNING", line) for line in said), said
    page = BeautifulSoup((site / "html" / "event_services" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert "Chat bubble" in page.select_one("article").get_text(" ")


def test_no_edition_shows_a_jekyll_assets_tag(site: Path) -> None:
    """``{% javascript floor_plan %}`` wrote a script, which the publication does not run:
    left out and said at its line, never shown to readers as ``{% … %}``."""
    html = (site / "html" / "event_services" / "technology.html").read_text(encoding="utf-8")
    shown = [BeautifulSoup(html, "lxml").select_one("article").get_text(" "),
             *(BeautifulSoup(text, "xml").get_text(" ") for text in epub_pages(site).values()),
             pdf_text(site)]
    for text in shown:
        assert "{%" not in text and "floor_plan" not in text
    assert re.search(r"technology\.html:\d+: WARNING: .*a script is left out", log(site)), log(site)
    assert "Liquid the publication cannot run" not in log(site)
    for words in ("In-house network services for clients since 1993.", "Presented to the IT Division."):
        assert words in " ".join(shown[0].split()) and words in " ".join(pdf_text(site).split())


def test_asset_path_looks_in_the_plugins_folders_then_the_sites(tmp_path: Path) -> None:
    """As jekyll-assets 2: ``_assets/images/`` … first, then ``assets: sources:``; never a
    file outside the pages' folder, through ``..`` or a link."""
    from jekyll_compat.assets import addresses

    (tmp_path / "elsewhere/pictures").mkdir(parents=True)
    (tmp_path / "elsewhere/pictures/map.png").write_bytes(b"png")
    (tmp_path / "outside.png").write_bytes(b"png")
    pages = tmp_path / "site"
    for name in ("_assets/img/logo.png", "lib/pictures/map.png"):
        (pages / name).parent.mkdir(parents=True, exist_ok=True)
        (pages / name).write_bytes(b"png")
    (pages / "vendor").symlink_to(tmp_path / "elsewhere")  # a source folder linked out of the pages
    text = ('{% asset_path logo.png %} {% asset_path "map.png" %} {% asset_path ../outside.png %} '
            "{% asset_path pictures/map.png %} {% asset_path main.js %} "
            """{% asset_path 'x" onerror="alert(1)' %}""")
    found = addresses(text, pages, {"assets": {"sources": ["vendor", "lib"]}})
    assert found == {"logo.png": "/_assets/img/logo.png", '"map.png"': "/_assets/images/map.png",
                     "../outside.png": "/_assets/images/../outside.png",
                     "pictures/map.png": "/lib/pictures/map.png",
                     "main.js": "/_assets/javascripts/main.js"}


def test_a_home_page_written_from_fetched_data_is_said_empty(site: Path) -> None:
    """The home page's words came from Contentful at build time (``site.contentful.page``,
    ``site.contentful.menu``; ``_config.yml``'s ``contentful:`` holds only the space's
    settings): published with no words of its own, said once at the first of them."""
    said = [line for line in log(site).splitlines() if "has no text of its own" in line]
    assert len(said) == 1 and re.search(r"/index\.html:5: WARNING: .*`site\.contentful\.page`, "
                                        r"`site\.contentful\.menu`, data its build fetched", said[0]), said
    assert said[0].endswith("[jekyll.layout]")
    home = BeautifulSoup((site / "html" / "index.html").read_text(encoding="utf-8"), "lxml")
    with zipfile.ZipFile(next((site / "epub").glob("*.epub"))) as book:
        chapter = BeautifulSoup(book.read("index.xhtml"), "xml")
    for page in (home.select_one("article"), chapter.body):  # `<h2>{{ contentful.description }}</h2>`
        assert all(h.get_text(strip=True) for h in page.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]))


def test_only_a_page_without_words_of_its_own_is_said_written_from_fetched_data() -> None:
    from jekyll_compat.layouts import fetched_data

    site = {"title": "T", "data": {"nav": [1]}, "contentful": {"spaces": []}}
    body = "\n<h2>{{ site.contentful.page.title }}</h2>\n{% for p in site.pages %}{{ site.data.staff }}{% endfor %}"
    assert fetched_data(body, site).paths == [("site.contentful.page", 1), ("site.data.staff", 2)]
    assert fetched_data("<p>Our halls.</p>" + body, site) is None  # its words are published
    assert fetched_data("{{ site.data.nav.size }} {% for p in site.posts %}{% endfor %}", site) is None


TITLES = ["Event Services", "Technology Services", "Facilities", "Floor Plan", "Room 102"]


def test_a_page_written_in_html_is_titled_by_its_h1_in_every_edition(site: Path) -> None:
    """No page has ``title:``; each shows its title as its first heading, an ``<h1>`` in a
    ``<div>``. That is its title in the contents, the ePub's and the PDF's, said once on the
    page (not after its file name, "Event_services", and then again as the old site's ``<h1>``)."""
    home = BeautifulSoup((site / "html" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert [a.get_text(strip=True) for a in home.select(".publication-contents a")] == TITLES
    with zipfile.ZipFile(next((site / "epub").glob("*.epub"))) as book:
        nav = BeautifulSoup(book.read("nav.xhtml"), "xml")
    assert [a.get_text(strip=True) for a in nav.select("nav a")][1:] == TITLES
    reader = pypdf.PdfReader(next((site / "typst").glob("*.pdf")))
    assert [item.title for item in _flat(reader.outline)] == TITLES
    page = BeautifulSoup((site / "html" / "event_services" / "technology.html").read_text(encoding="utf-8"), "lxml")
    headings = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h1, article h2")]
    assert headings.count("Technology Services") == 1 and headings[0] == "Technology Services"
    assert "title-missing" not in log(site)


def _flat(outline: list) -> list:
    return [item for entry in outline for item in (_flat(entry) if isinstance(entry, list) else [entry])]


def test_only_a_first_heading_that_is_an_h1_titles_the_page() -> None:
    from pagesource.titles import html_title

    body = ('<style>h1 { margin: 0 }</style>\n<!-- <h2>old</h2> -->\n<div class="usa-grid">\n'
            '  <h1 style="margin-top: 0;">Event &amp; Exhibitor<br>Services</h1>\n</div>\n<h2>Team</h2>\n')
    words, start, end = html_title(body)
    assert words == "Event & Exhibitor Services" and body[start:end].startswith("<h1") \
        and body[start:end].endswith("</h1>")
    assert html_title("<h2>Team</h2><h1>Later</h1>") is None  # 18F's home page: titled above it
    assert html_title("<h1>{{ contentful.title }}</h1>") is None and html_title("<h1> </h1>") is None
    assert html_title("<h1>never closed" + "<h1" * 100_000) is None
