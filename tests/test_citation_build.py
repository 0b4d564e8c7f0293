"""The built editions say what CITATION.cff says, and the website makes citing a copy-paste.

One small project (tests/roots/cite-basic) is built as `make all` does: the ePub first,
a PDF placeholder where `make pdf` puts the PDF, then the HTML with ``editions_dir``.
Every page is parsed with BeautifulSoup; the Highwire tags are read with the rules of
Zotero's "Embedded Metadata" translator (emulated in ``zotero_item``).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, copy_root, sphinx_build

import publication
from citation import citations

META = publication.load(REPO / "CITATION.cff")
ROOT = META.url if META.url.endswith("/") else META.url + "/"
CHAPTERS = {"definition", "section/index", "section/deep"}
PUBLICATION_PAGES = {"index", "cite"}
PDF_BYTES = b"%PDF-1.7\n% a stand-in for the PDF edition\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``<out>/epub``, ``<out>/pdf`` (a stand-in) and ``<out>/html``, one doctree cache."""
    out = tmp_path_factory.mktemp("cite-build")
    src = copy_root("cite-basic", out / "src")
    doctrees = out / "doctrees"
    epub = sphinx_build(src, out / "epub", "epub", doctrees=doctrees)
    assert epub.returncode == 0, epub.output
    (out / "pdf").mkdir()
    (out / "pdf" / f"{META.slug}.pdf").write_bytes(PDF_BYTES)
    html = sphinx_build(src, out / "html", doctrees=doctrees, extra=("-D", f"editions_dir={out}"))
    assert html.returncode == 0, html.output
    return out


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def pages(html: Path) -> dict[str, BeautifulSoup]:
    """Every page built from a source page (not search, genindex, redirects, 404)."""
    found = {}
    for path in sorted(html.rglob("*.html")):
        docname = path.relative_to(html).with_suffix("").as_posix()
        page = soup(path)
        if page.find("meta", attrs={"http-equiv": "refresh"}) or docname in {"search", "genindex",
                                                                            "404"}:
            continue
        found[docname] = page
    return found


def metas(page: BeautifulSoup, key: str, attr: str = "name") -> list[str]:
    return [m["content"] for m in page.head.find_all("meta", attrs={attr: key})]


def zotero_author(value: str) -> dict[str, str | None]:
    """Zotero's cleanAuthor as Embedded Metadata calls it (comma => "Last, First")."""
    use_comma = "," in value
    value = re.sub(r"^[\s.,/\[\]:]+", "", value)
    value = re.sub(r"[\s,/\[\]:.]+$", "", value)
    if use_comma:
        parts = re.split(r", ?", value)
        return {"lastName": parts[0], "firstName": parts[1] if len(parts) > 1 else None}
    first, _, last = value.rpartition(" ")
    return {"lastName": last, "firstName": first or None}


def zotero_item(page: BeautifulSoup) -> dict[str, object]:
    """What "Save to Zotero" makes of a page's Highwire tags (Embedded Metadata rules)."""
    types = {"citation_journal_title": "journalArticle",
             "citation_technical_report_institution": "report",
             "citation_conference_title": "conferencePaper", "citation_book_title": "bookSection",
             "citation_inbook_title": "bookSection", "citation_dissertation_institution": "thesis"}
    item_type = None
    for tag in page.head.find_all("meta"):
        name = tag.get("name") or tag.get("property") or ""
        short = name[name.rfind("citation_"):] if "citation_" in name else ""
        item_type = types.get(short, item_type)

    def first(key: str) -> str | None:
        found = metas(page, key)
        return found[0] if found else None

    return {
        "itemType": item_type,
        "title": first("citation_title"),
        "creators": [zotero_author(a) for a in metas(page, "citation_author")],
        "date": first("citation_publication_date"),
        "institution": first("citation_technical_report_institution"),
        "bookTitle": first("citation_book_title"),
        "publisher": first("citation_publisher"),
        "url": first("citation_public_url"),
        "language": first("citation_language"),
        "pdf": first("citation_pdf_url"),
    }


def local(html: Path, url: str) -> Path:
    """The file of the built site that a URL of the published site is."""
    assert url.startswith(ROOT), url
    return html / url[len(ROOT):]


def test_every_page_is_a_correct_zotero_item(built: Path) -> None:
    html = built / "html"
    found = pages(html)
    assert set(found) == CHAPTERS | PUBLICATION_PAGES
    for docname, page in found.items():
        item = zotero_item(page)
        canonical = [link["href"] for link in page.head.find_all("link", rel="canonical")]
        assert canonical == [f"{ROOT}{docname}.html"], docname
        assert item["creators"] == [{"lastName": "City of Austin", "firstName": None}], docname
        assert item["date"] == META.date_released.strftime("%Y/%m/%d")
        # a citation names this version's page, kept for good; the canonical is the latest
        assert item["url"] == f"{ROOT}editions/{META.version}/{docname}.html"
        assert item["language"] == "en"
        assert item["publisher"] == META.publisher
        # the version's own PDF (frozen with the release); until then the site's is it
        kept = f"{ROOT}editions/{META.version}/"
        assert item["pdf"].startswith(kept), item["pdf"]
        assert local(html, ROOT + item["pdf"][len(kept):]).read_bytes() == PDF_BYTES
        if docname in PUBLICATION_PAGES:
            assert item["itemType"] == "report", docname
            assert item["title"] == META.title
            assert item["institution"] == META.publisher
        else:
            assert item["itemType"] == "bookSection", docname
            assert item["title"] == page.find("h1").get_text().rstrip("¶").strip()
            assert item["bookTitle"] == META.title


def test_dublin_core_open_graph_twitter_json_ld(built: Path) -> None:
    html = built / "html"
    for docname, page in pages(html).items():
        head = page.head
        assert head.find("link", rel="schema.DC")["href"] == "http://purl.org/dc/elements/1.1/"
        title = page.find("h1").get_text().rstrip("¶").strip()
        expected_title = title if docname in CHAPTERS else title
        assert metas(page, "DC.title") == [expected_title], docname
        assert metas(page, "DC.creator") == list(META.authors)
        assert metas(page, "DC.date") == [META.date_released.isoformat()]
        assert metas(page, "DC.language") == ["en"]
        assert metas(page, "DC.rights") == [META.license_url]
        assert metas(page, "DCTERMS.hasVersion") == [META.version]
        assert f"{ROOT}editions/{META.version}/{docname}.html" in metas(page, "DC.identifier")

        assert metas(page, "og:title", "property") == [title]
        summary = ("Where the deep page's words are, in a line." if docname == "section/deep"
                   else META.abstract)  # a page's own `description:`, else the publication's
        for key, attr in (("description", "name"), ("DC.description", "name"),
                          ("og:description", "property"), ("twitter:description", "name")):
            assert metas(page, key, attr) == [summary], (docname, key)
        assert metas(page, "og:url", "property") == [f"{ROOT}{docname}.html"]
        assert metas(page, "og:site_name", "property") == [META.title]
        (image,) = metas(page, "og:image", "property")
        assert metas(page, "twitter:image") == [image]
        assert metas(page, "twitter:card") == ["summary_large_image"]
        assert metas(page, "og:image:alt", "property")[0].startswith(META.title)
        png = local(html, image).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1200, 630)

        (script,) = head.find_all("script", type="application/ld+json")
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        if docname in PUBLICATION_PAGES:
            assert data["@type"] == "Report"
            assert data["name"] == META.title and data["version"] == META.version
            assert {e["encodingFormat"] for e in data["encoding"]} == {
                "application/pdf", "application/epub+zip"}
            for encoding in data["encoding"]:
                payload = local(html, encoding["contentUrl"]).read_bytes()
                assert hashlib.sha256(payload).hexdigest() == encoding["sha256"]
        else:
            assert data["@type"] == "Chapter" and data["name"] == title
            assert data["isPartOf"]["name"] == META.title
        assert data.get("datePublished") == META.date_released.isoformat()
        assert data["mainEntityOfPage"] == f"{ROOT}{docname}.html"  # the latest
        report = data if data["@type"] == "Report" else data["isPartOf"]
        assert report["url"] == f"{ROOT}editions/{META.version}/"
        if data["@type"] == "Chapter":
            assert data["url"] == f"{ROOT}editions/{META.version}/{docname}.html"


def test_headings_have_permalinks(built: Path) -> None:
    page = soup(built / "html" / "section" / "deep.html")
    for heading in page.find("article").find_all(["h2", "h3"]):
        if heading.find_parent(class_="chapter-citation"):
            continue
        anchor = heading.find("a", class_="headerlink")
        assert anchor is not None and anchor["href"] == "#" + heading.parent["id"], heading


def test_how_to_cite_page_and_its_downloads(built: Path) -> None:
    html = built / "html"
    page = soup(html / "cite.html")
    text = page.find("article").get_text(" ", strip=True)
    assert citations.plain(citations.apa(META)) in " ".join(text.split())
    for style in ("APA 7", "Chicago", "MLA 9", "BibTeX"):
        assert page.find("p", class_="rubric", string=style), style
    links = {a.get_text(): a["href"] for a in page.select("article a.publication-download")}
    assert links == {"BibTeX (.bib)": f"cite/{META.slug}.bib", "RIS (.ris)": f"cite/{META.slug}.ris",
                     "CSL-JSON (.json)": f"cite/{META.slug}.json"}

    from pybtex.database import parse_string
    import rispy
    bib = parse_string((html / links["BibTeX (.bib)"]).read_text(encoding="utf-8"), "bibtex")
    (entry,) = bib.entries.values()
    assert entry.fields["version"] == META.version and entry.fields["url"] == META.version_url
    (record,) = rispy.loads((html / links["RIS (.ris)"]).read_text(encoding="utf-8"))
    assert record["primary_title"] == META.title and record["edition"] == META.version
    (item,) = json.loads((html / links["CSL-JSON (.json)"]).read_text(encoding="utf-8"))
    assert item["title"] == META.title and item["version"] == META.version
    assert item["URL"] == META.version_url

    # the How to cite page comes last in the navigation
    nav = [a["href"] for a in soup(html / "index.html").select(".sidebar-tree a.reference")]
    assert nav[-1] == "cite.html"


def test_each_chapter_offers_its_citation(built: Path) -> None:
    html = built / "html"
    for docname in CHAPTERS:
        page = soup(html / f"{docname}.html")
        title = page.find("h1").get_text().rstrip("¶").strip()
        (box,) = page.select(".chapter-citation")
        text = box.get_text(" ", strip=True)
        assert title.replace("\u201c", "\u2018").replace("\u201d", "\u2019")[:10] in text or \
            title[:10] in text
        assert f"{ROOT}editions/{META.version}/{docname}.html" in text and "[date accessed]" not in text
        assert text.count(META.title) == 3, text
        assert "no-search" in box["class"]  # every page repeating it would make search useless
    for docname in PUBLICATION_PAGES:
        assert not soup(html / f"{docname}.html").select(".chapter-citation")


def test_editions_are_shipped_with_checksums(built: Path) -> None:
    folder = built / "html" / "editions"
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in sums)
    assert set(listed) == {f"{META.slug}.pdf", f"{META.slug}.epub"}
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert (folder / f"{META.slug}.epub").read_bytes() == \
        (built / "epub" / f"{META.slug}.epub").read_bytes()


def test_editions_panel_on_landing_page_and_sidebar(built: Path) -> None:
    html = built / "html"
    epub_sha = hashlib.sha256((built / "epub" / f"{META.slug}.epub").read_bytes()).hexdigest()
    landing = soup(html / "index.html")
    (panel,) = landing.select("article .publication-editions")
    text = panel.get_text(" ", strip=True)
    assert epub_sha in text and hashlib.sha256(PDF_BYTES).hexdigest() in text
    assert META.version in text and META.date_released.isoformat() in text
    assert f"{len(PDF_BYTES)} bytes" in text
    for docname in pages(html):
        page = soup(html / f"{docname}.html")
        (side,) = page.select(".sidebar-editions")
        hrefs = [a["href"] for a in side.select("a.publication-download")]
        assert len(hrefs) == 2, docname
        for href in hrefs:  # relative links that work from this page
            target = (html / docname).parent / href
            assert target.resolve().is_file(), (docname, href)
        assert epub_sha[:12] in side.get_text()


def test_404_links_resolve_from_a_nested_path(built: Path) -> None:
    html = built / "html"
    page = soup(html / "404.html")
    base = urlsplit(ROOT).path
    missing = "https://example.org" + base + "no/such/deep/page.html"
    hrefs = [a["href"] for a in page.find_all("a")]
    assert hrefs and not page.find_all("script") and not page.find_all("link", rel="stylesheet")
    for href in hrefs:
        path = urlsplit(urljoin(missing, href)).path
        assert path.startswith(base)
        assert (html / path[len(base):]).is_file(), href


def test_robots_points_at_the_sitemap(built: Path) -> None:
    robots = (built / "html" / "robots.txt").read_text(encoding="utf-8")
    (line,) = [x for x in robots.splitlines() if x.startswith("Sitemap:")]
    assert line == f"Sitemap: {ROOT}sitemap.xml"
    assert (built / "html" / "sitemap.xml").is_file()


def test_epub_carries_the_metadata_and_the_colophon(built: Path) -> None:
    with zipfile.ZipFile(built / "epub" / f"{META.slug}.epub") as book:
        opf = next(n for n in book.namelist() if n.endswith(".opf"))
        content = BeautifulSoup(book.read(opf), "xml")
        assert content.find("dc:title").string == META.title
        assert content.find("dc:creator").string == META.author
        assert content.find("dc:identifier").string
        assert META.license in content.find("dc:rights").string
        assert content.find("meta", property="ibooks:version").string == META.version
        assert content.find("dc:date").string.startswith(META.date_released.isoformat())
        cite = BeautifulSoup(book.read(next(n for n in book.namelist()
                                            if n.endswith("cite.xhtml"))), "xml")
        text = " ".join(cite.get_text(" ").split())
        assert citations.plain(citations.apa(META)) in text
        assert META.url in text and META.version in text
        # the ePub links the citation files of its own version on the published site (frozen
        # with the release), not inside the book: the site's cite/ is the latest version's
        hrefs = [a["href"] for a in cite.find_all("a") if "publication-download" in a.get("class", [])]
        kept = f"{ROOT}editions/{META.version}/"
        assert hrefs == [f"{kept}cite/{META.slug}.{kind}" for kind in ("bib", "ris", "json")]
        # the website's own parts stay out of the book
        for name in book.namelist():
            if name.endswith(".xhtml"):
                body = book.read(name).decode()
                assert "citation_title" not in body and "chapter-citation" not in body, name


def test_html_alone_builds_without_editions(tmp_path: Path) -> None:
    """`make html` before any edition exists: no warning, no broken download link."""
    src = copy_root("cite-basic", tmp_path / "src")
    build = sphinx_build(src, tmp_path / "html", extra=("-D", f"editions_dir={tmp_path}"))
    assert build.returncode == 0, build.output
    assert build.warnings == []
    page = soup(tmp_path / "html" / "index.html")
    assert not page.select("a.publication-download[href^='editions/']")
    assert not page.head.find_all("meta", attrs={"name": "citation_pdf_url"})
    assert not (tmp_path / "html" / "editions" / "SHA256SUMS").exists()
    assert page.select(".publication-editions") and page.select(".sidebar-editions")

    # the PDF appears: a rebuild offers it on every page, though no page changed
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / f"{META.slug}.pdf").write_bytes(PDF_BYTES)
    again = sphinx_build(src, tmp_path / "html", extra=("-D", f"editions_dir={tmp_path}"))
    assert again.returncode == 0, again.output
    for name in ("index.html", "definition.html", "section/deep.html"):
        page = soup(tmp_path / "html" / name)
        assert page.select(".sidebar-editions a.publication-download"), name
        assert page.head.find("meta", attrs={"name": "citation_pdf_url"}), name
    assert (tmp_path / "html" / "editions" / "SHA256SUMS").is_file()


def test_404_and_robots_under_a_sub_path(tmp_path: Path) -> None:
    """Served from https://host/sub/ (a project site): the 404 links keep the /sub/ prefix."""
    src = copy_root("cite-basic", tmp_path / "src")
    build = sphinx_build(src, tmp_path / "html", env={"PUBLICATION_URL": "https://host.example/sub/"})
    assert build.returncode == 0, build.output
    html = tmp_path / "html"
    page = soup(html / "404.html")
    for href in [a["href"] for a in page.find_all("a")]:
        path = urlsplit(urljoin("https://host.example/sub/a/b/c/missing", href)).path
        assert path.startswith("/sub/") and (html / path.removeprefix("/sub/")).is_file(), href
    assert "Sitemap: https://host.example/sub/sitemap.xml" in (html / "robots.txt").read_text()
    assert soup(html / "definition.html").head.find("link", rel="canonical")["href"] == \
        "https://host.example/sub/definition.html"


def test_urls_and_anchors_do_not_follow_positions(tmp_path: Path) -> None:
    """Moving a page in the order keeps every file name and heading anchor."""
    def addresses(html: Path) -> set[str]:
        found = set()
        for path in html.rglob("*.html"):
            name = path.relative_to(html).as_posix()
            found.add(name)
            article = soup(path).find("article")
            if article is not None:
                found.update(f"{name}#{s['id']}" for s in article.find_all("section", id=True))
        return found

    src = copy_root("cite-basic", tmp_path / "src")
    assert sphinx_build(src, tmp_path / "a").returncode == 0
    for name, position in (("definition.md", "position: 1", ), ("section/index.md", "position: 2")):
        path = src / name
        other = "position: 2" if position == "position: 1" else "position: 1"
        path.write_text(path.read_text(encoding="utf-8").replace(position, other), encoding="utf-8")
    assert sphinx_build(src, tmp_path / "b").returncode == 0
    before, after = addresses(tmp_path / "a"), addresses(tmp_path / "b")
    assert before == after and "section/deep.html#first-heading" in before


def test_parallel_build_writes_the_same_pages(tmp_path: Path) -> None:
    """-j 2 (make's -j auto) reads and writes in worker processes: same head, same citations."""
    pages_ = {"index.md": "---\ntitle: Home\n---\n\nHome.\n",
              "cite.md": "---\ntitle: How to cite\nposition: 9000\n---\n\n```{citation}\n```\n"}
    pages_.update({f"p{i:02}.md": f"---\ntitle: Page {i}\nposition: {i}\n---\n\n## Part\n\nText.\n"
                   for i in range(12)})
    src = tmp_path / "src"
    for name, text in pages_.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    serial = sphinx_build(src, tmp_path / "serial", jobs="1")
    parallel = sphinx_build(src, tmp_path / "parallel", jobs="2")
    assert serial.returncode == 0 and parallel.returncode == 0, parallel.output
    for path in (tmp_path / "serial").glob("p*.html"):
        one, two = soup(path), soup(tmp_path / "parallel" / path.name)
        assert str(one.head) == str(two.head), path.name
        assert str(one.select_one(".chapter-citation")) == str(two.select_one(".chapter-citation"))
        assert one.select_one(".chapter-citation") is not None


def test_a_rebuilt_edition_reaches_every_page_in_make_all_order(tmp_path: Path) -> None:
    """ePub then HTML on one cache, then a new PDF and only `make html`: every page says so."""
    src = copy_root("cite-basic", tmp_path / "src")
    doctrees = tmp_path / "doctrees"
    (tmp_path / "pdf").mkdir()
    pdf = tmp_path / "pdf" / f"{META.slug}.pdf"
    pdf.write_bytes(PDF_BYTES)
    extra = ("-D", f"editions_dir={tmp_path}")
    for builder in ("epub", "html"):
        build = sphinx_build(src, tmp_path / builder, builder, doctrees=doctrees,
                             extra=extra if builder == "html" else ())
        assert build.returncode == 0, build.output
    pdf.write_bytes(PDF_BYTES + b"% the next edition\n")
    again = sphinx_build(src, tmp_path / "html", doctrees=doctrees, extra=extra)
    assert again.returncode == 0, again.output
    digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
    for docname in CHAPTERS | PUBLICATION_PAGES:
        page = soup(tmp_path / "html" / f"{docname}.html")
        assert digest in page.select_one(".sidebar-editions").get_text(), docname
