"""A Jekyll page written in HTML (front matter, then HTML) is published in every edition.

Jekyll ran such a page's Liquid and published it; any other ``.html`` file it copied as it
was. The fixture (``tests/roots/jekyll-html-pages``) has the shapes real sites had: 18F's
home page of ``<section>``s with blank lines and indentation inside, academicpages'
``_pages/`` read through ``include:``, a ``404.html``, a static demo without front matter,
and an old ``index.html`` beside ``index.md``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, copy_root, sphinx_build, write_pages

SERVICES = ("Building the twenty-first century city government.",
            "Delivery is the strategy. Permits cost $2,000 and take 10 days.",
            "An office inside the city that helps departments build *useful* services.",
            "Design research", "Procurement help", "Call 311 for anything else")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("html-pages")
    source = copy_root("jekyll-html-pages", base / "src")
    for builder, build in build_every_edition(source, base, strict=False).items():
        (base / f"{builder}.log").write_text(build.output, encoding="utf-8")
    return base


def words(text: str) -> str:
    return " ".join(text.split())


def article(site: Path, docname: str) -> BeautifulSoup:
    html = (site / "html" / f"{docname}.html").read_text(encoding="utf-8")
    main = BeautifulSoup(html, "lxml").select_one("article[role=main]")
    for box in main.select(".chapter-citation"):
        box.decompose()
    return main


def test_a_page_written_in_html_is_published_as_the_old_site_showed_it(site: Path) -> None:
    page = article(site, "services")
    assert page.select_one("h1").get_text(strip=True).rstrip("¶") == "Our services"
    shown = words(page.get_text(" "))
    for sentence in SERVICES:
        assert sentence in shown, sentence
    # HTML, not Markdown: indented lines after blank lines are no code, `*` is no emphasis
    assert not page.select("pre, code, em") and "</" not in shown
    assert [li.get_text(strip=True) for li in page.select("section.services li")] == [
        "Design research", "Procurement help"]
    # Jekyll read no Markdown in the page: its words stay as written, outside elements too
    assert "Text Jekyll showed as written: *stars* and [brackets](not-a-link)." in shown
    assert "An indented line, which is no code in HTML." in shown
    assert not page.select("a[href*=not-a-link]")
    # … but `markdownify` made HTML of Markdown
    assert page.select_one("section.how h2").get_text() == "How we work"
    assert page.select_one("section.how strong").get_text() == "wrong"
    assert "jekyll.html-page" not in (site / "html.log").read_text(encoding="utf-8")


def test_a_page_without_title_that_starts_with_html_is_titled_above_it(site: Path) -> None:
    """18F's home page (``pages/index.html``): no title, ``<section>`` first. Its HTML stood
    before the title the build gives it, outside the chapter, in every edition."""
    page = article(site, "team/index")
    first = page.find(["h1", "h2"])
    assert first.name == "h1" and first.get_text(strip=True).rstrip("¶") == "Team"
    assert page.select_one("section#team section.splash h2").get_text() == "People who answer when you call 311."
    with zipfile.ZipFile(next((site / "epub").glob("*.epub"))) as book:
        chapter = BeautifulSoup(book.read("team/index.xhtml"), "lxml").body
    assert chapter.find(["h1", "h2"]).get_text(strip=True) == "Team"


def test_the_other_editions_publish_it_too(site: Path) -> None:
    with zipfile.ZipFile(next((site / "epub").glob("*.epub"))) as book:
        chapter = words(BeautifulSoup(book.read("services.xhtml"), "lxml").get_text(" "))
        assert "Digital Permits: A Case Study" in words(
            BeautifulSoup(book.read("publications.xhtml"), "lxml").get_text(" "))
    pdf = words(" ".join(p.extract_text() for p in pypdf.PdfReader(next((site / "typst").glob("*.pdf"))).pages))
    for sentence in SERVICES:
        assert sentence in chapter, sentence
        assert sentence in pdf, sentence
    assert "Harvard-style case 224-082, May 2024." in pdf


def test_an_html_page_in_an_included_folder_keeps_its_address(site: Path) -> None:
    page = article(site, "publications")
    assert [(a.get_text(strip=True), a["href"]) for a in page.select(".posts a")] == [
        ("Digital Permits: A Case Study", "https://example.org/case-224-082")]
    home = article(site, "index")
    links = {a.get_text(strip=True): a.get("href") for a in home.select("p a")}
    assert links["our services"] == "services.html"
    assert links["publications"] == "publications.html"


def test_html_files_that_are_no_pages_stay_files(site: Path) -> None:
    """The static demo (no front matter), the site's ``404.html`` and ``search.html``, ``exclude:``'s vendor
    folder and the old ``index.html`` that ``index.md`` stands beside are no chapters."""
    chapters = sorted(p.relative_to(site / "epub").with_suffix("").as_posix()
                      for p in (site / "epub").rglob("*.xhtml") if p.stem != "nav")
    assert chapters == ["index", "publications", "services", "team/index"]
    log = (site / "html.log").read_text(encoding="utf-8")
    assert "index.html:1: WARNING: 'index.html' and 'index.md' are the same page" in log
    assert "[security.same-page]" in log
    home = words(article(site, "index").get_text(" "))
    assert "An old home page" not in home and "We work on the city" in home
    assert "Nothing lives at this old address" not in (site / "html" / "404.html").read_text(encoding="utf-8")
    # the old site's search page: the publication's own search page stays, without a warning
    assert "Type to search the old site" not in (site / "html" / "search.html").read_text(encoding="utf-8")
    assert "security.page-name" not in log
    assert "Vendored words" not in " ".join(p.read_text(encoding="utf-8") for p in (site / "html").rglob("*.html"))
    # the demo is a file a browser would run, as before: said, not linked, not a page "assets/demo"
    assert "the download 'assets/demo.html' is not published" in log
    assert not (site / "html" / "assets" / "demo.html").exists()
    assert "xref_missing" not in log


def test_a_site_without_html_pages_reads_no_html(tmp_path: Path) -> None:
    """The static ``.html`` files of a site with no page written in HTML stay files, and a
    link to ``about.html`` is the old address of ``about.md``."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Site\n",
        "index.md": "---\ntitle: Home\n---\n\nSee [about](about.html).\n",
        "about.md": "---\ntitle: About\nposition: 1\n---\n\nWords.\n",
        "assets/demo.html": "---not front matter\n<p>Static.</p>\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=True)
    assert build.returncode == 0, build.output
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_bytes(), "lxml")
    assert home.select_one("article a[href='about.html']") is not None
    assert not (tmp_path / "html" / "assets" / "demo.html").exists()


def test_the_project_takes_only_html_files_with_front_matter(tmp_path: Path) -> None:
    from safety.project import PagesProject

    write_pages(tmp_path, {"a.md": "---\n---\nA", "b.html": "\ufeff---\r\ntitle: B\r\n---\r\n<p>B</p>",
                           "c.html": "<p>static</p>", "d.html": "--- \n", "e.HTML": "---\n---\n"})
    project = PagesProject(tmp_path, {".md": "markdown", ".html": "markdown"})
    assert project.discover() == {"a", "b", "d"}
    assert project.path2doc("c.html") is None and project.path2doc(str(tmp_path / "c.html")) is None
    assert project.path2doc("b.html") == "b" and project.path2doc("a.md") == "a"


def test_an_html_page_whose_permalink_is_the_root_is_the_home_page(tmp_path: Path) -> None:
    """academicpages-style: no ``index.md``; ``_pages/home.html`` says ``permalink: /``."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Lab\ninclude: [_pages]\n",
        "_pages/home.html": "---\ntitle: Welcome to the lab\npermalink: /\n---\n<p>We study buses.</p>\n",
        "_pages/about.md": "---\ntitle: About\nposition: 1\n---\n\nAbout us.\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0, build.output
    moved = BeautifulSoup((tmp_path / "html" / "index.html").read_bytes(), "lxml")
    assert moved.title.get_text() == "Moved: Welcome to the lab"  # as for a Markdown home page
    assert moved.select_one("a[href='home.html']") is not None
    home = BeautifulSoup((tmp_path / "html" / "home.html").read_bytes(), "lxml").select_one("article")
    assert home.select_one("h1").get_text(strip=True).rstrip("¶") == "Welcome to the lab"
    assert "We study buses." in home.get_text()
    assert home.select_one(".toctree-wrapper a[href='about.html']") is not None


def test_a_post_written_in_html_is_a_post(tmp_path: Path) -> None:
    """``_posts/2020-01-05-news.html`` was a post on the old site; it was said and left out."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: News\n",
        "index.md": "---\ntitle: Home\n---\n\nHi.\n",
        "_posts/2020-01-05-news.html": "---\ntitle: Big news\n---\n<p>The bus is free on Sundays.</p>\n",
        "_posts/2020-01-06-copied.html": "<p>No front matter: Jekyll copied it.</p>\n",
        "_posts/2019-01-05-old.md": "---\ntitle: Old news\n---\n\nA Markdown post.\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0, build.output
    post = BeautifulSoup((tmp_path / "html" / "posts" / "2020-01-05-news.html").read_bytes(), "lxml")
    assert post.select_one("article h1").get_text(strip=True).rstrip("¶") == "Big news"
    assert "The bus is free on Sundays." in post.select_one("article").get_text()
    assert not (tmp_path / "html" / "posts" / "2020-01-06-copied.html").exists()
    assert "2020-01-05-news.html' is a post written as .html" not in build.output
