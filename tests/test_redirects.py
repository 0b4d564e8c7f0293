"""Old URLs keep working: redirect pages from front matter and from conf.py.

Unit tests of the plan (``_ext/citation/redirects.py``), of the page-order hook that keeps
redirect-only pages out of the outline, then a build in which every redirect is followed
to a page that exists.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, copy_root, page, sphinx_build, write_pages

from website import redirects
from pageorder.frontmatter import Page, read_page
from pageorder.outline import build_outline

import publication

ROOT = publication.load(REPO / "CITATION.cff").url.rstrip("/") + "/"


def html_file(docname: str) -> str:
    return docname + ".html"


@pytest.mark.parametrize("old, files", [
    ("/projects/x/", ["projects/x/index.html"]),
    ("projects/x.html", ["projects/x.html"]),
    ("/projects/x", ["projects/x.html", "projects/x/index.html"]),
    ("/", ["index.html"]),
    ("https://old.example.org/a/b/?q=1#top", ["a/b/index.html"]),
    ("/a/../../etc/passwd", ["etc/passwd.html", "etc/passwd/index.html"]),  # never outside
    ("/projects/smart%20buses/", ["projects/smart buses/index.html"]),  # Jekyll's spaces
])
def test_files_for_old_addresses(old: str, files: list[str]) -> None:
    assert redirects.files_for(old) == files


def test_plan_every_kind_of_redirect() -> None:
    front = {
        "index": {"title": "Home"},
        "new": {"title": "New", "redirect_from": ["/old/"], "permalink": "/projects/new/"},
        "moved": {"redirect_to": "/projects/new/"},            # resolved via the permalink
        "away": {"layout": "redirect", "redirect_to": "https://example.org/"},
        "spaced": {"redirect_to": "/new%20page/"},
        "new page": {"title": "A file name with a space"},
    }
    planned, problems = redirects.plan(front, {"index", "new", "new page"}, {"older.html": "new"},
                                       html_file, own_hosts=["example.org"])
    assert problems == []
    assert {(r.source, r.target, r.external) for r in planned} == {
        ("old/index.html", "new", False),
        ("projects/new/index.html", "new", False),
        ("moved.html", "new", False),
        ("away.html", "https://example.org/", True),
        ("older.html", "new", False),
        ("spaced.html", "new page", False),
    }


def test_a_pages_own_permalink_wins_over_another_pages_redirect_from() -> None:
    """18F's site: ``contact.md`` kept ``redirect_from: /hire/`` after ``hire.md`` took
    ``permalink: /hire/``. The pages were planned by name, so /hire/ led to Contact and
    the Hire page was told its permalink was "a redirect"; renamed, the other way round."""
    for contact in ("contact", "z-contact"):
        front = {"index": {}, contact: {"redirect_from": "/hire/"}, "hire": {"permalink": "/hire/"}}
        planned, problems = redirects.plan(front, set(front), {}, html_file)
        assert [(r.source, r.target) for r in planned] == [("hire/index.html", "hire")]
        assert [(p.origin, p.kind) for p in problems] == [(contact, redirects.Kind.DUPLICATE)]
        assert "is the address of the page 'hire' (its permalink)" in problems[0].message


def test_plan_reports_problems() -> None:
    front = {
        "index": {},
        "a": {"redirect_from": ["/index.html", "/shared/"]},
        "b": {"redirect_from": "/shared/"},
        "c": {"layout": "redirect"},
        "d": {"redirect_to": "/nowhere/"},
    }
    planned, problems = redirects.plan(front, {"index", "a", "b"}, {}, html_file)
    kinds = sorted((p.origin, p.subtype) for p in problems)
    assert kinds == [("a", "collision"), ("b", "duplicate"), ("c", "target-missing"),
                     ("d", "target-missing")]
    assert [(r.source, r.target) for r in planned] == [("shared/index.html", "a")]


def test_redirect_page_html_is_static_and_followable() -> None:
    text = redirects.page_html("../new.html", "https://x.org/new.html", "A <new> page")
    found = BeautifulSoup(text, "lxml")
    assert found.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../new.html"
    assert found.find("link", rel="canonical")["href"] == "https://x.org/new.html"
    assert found.find("a")["href"] == "../new.html" and found.find("a").string == "A <new> page"
    assert not found.find("script")


def test_page_order_keeps_redirect_pages_out(tmp_path: Path) -> None:
    write_pages(tmp_path, {"moved.md": "---\nredirect_to: /new/\n---\n",
                           "layout.md": "---\nlayout: redirect\nredirect_to: x\n---\n",
                           "plain.md": page("Plain", 1, layout="page")})
    pages = {name: read_page(name, tmp_path / f"{name}.md") for name in ("moved", "layout", "plain")}
    for name in ("moved", "layout"):
        assert pages[name].redirect and pages[name].problems == (), name   # no "title missing"
    outline = build_outline(pages, "plain")
    assert outline.unpublished == {"moved", "layout"} and outline.order == ("plain",)


def test_a_redirecting_landing_at_its_own_address_is_no_collision() -> None:
    """A Jekyll section landing whose permalink is also its Jekyll URL and which sent its
    readers on to a page of its section (the City's ``_projects/atxfloods/index.md``): the
    landing stays at that address and lists that page, so nothing is said; one sending its
    readers out of its section is said once."""
    front = {"index": {}, "x/index": {"layout": "redirect", "permalink": "/x/",
                                      "redirect_to": "/x/a/"}, "x/a": {}, "y": {}}
    published = {"index", "x/index", "x/a", "y"}
    planned, problems = redirects.plan(front, published, {}, html_file,
                                       jekyll_urls={"x/index": "/x/"})
    assert problems == [] and planned == []

    front["x/index"]["redirect_to"] = "/y/"
    planned, problems = redirects.plan(front, published, {}, html_file,
                                       jekyll_urls={"x/index": "/x/"})
    assert [(p.origin, p.subtype) for p in problems] == [("x/index", "collision")]
    assert planned == []


def test_a_redirect_landing_page_names_and_orders_its_section() -> None:
    """`folder/index.md` that only redirects still lands its folder, with its title and position."""
    pages = {"index": Page("index", "Home"),
             "projects/index": Page("projects/index", "Projects", 3, redirect=True),
             "projects/a": Page("projects/a", "A", 1),
             "about": Page("about", "About", 2)}
    outline = build_outline(pages, "index")
    assert outline.order == ("index", "about", "projects/index", "projects/a")
    assert outline.sections == {"projects/index"} and not outline.unpublished
    assert outline.problems == ()                      # no "no landing page"

    pages["projects"] = Page("projects", "Projects", 4)   # Jekyll's landing beside the folder
    outline = build_outline(pages, "index")
    assert outline.children["projects"] == ("projects/a",)   # the page with text lands it
    assert outline.unpublished == {"projects/index"} and outline.sections == frozenset()
    assert outline.problems == ()                      # not "two landing pages"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("redirects")
    src = copy_root("cite-basic", out / "src")
    doctrees = out / "doctrees"
    epub = sphinx_build(src, out / "epub", "epub", doctrees=doctrees)
    assert epub.returncode == 0, epub.output
    html = sphinx_build(src, out / "html", doctrees=doctrees)
    assert html.returncode == 0, html.output
    return out


def follow(html: Path, path: Path) -> tuple[str, str | None]:
    """Follow one redirect page: (where the browser lands, its canonical link)."""
    found = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    refresh = found.find("meta", attrs={"http-equiv": "refresh"})["content"]
    delay, _, target = refresh.partition("; url=")
    assert delay == "0"
    assert found.find("a")["href"] == target  # a person can follow it too
    here = "http://host/" + path.relative_to(html).as_posix()
    landed = urljoin(here, target)
    return landed, found.find("link", rel="canonical")["href"]


def test_follow_every_redirect(site: Path) -> None:
    html = site / "html"
    expected = {
        "old/definition/index.html": "definition.html",
        "old-definition.html": "definition.html",
        "projects/definition/index.html": "definition.html",
        "projects/deep-page.html": "section/deep.html",
        "projects/deep-page/index.html": "section/deep.html",
        "moved.html": "section/deep.html",
        "very/old/moved/index.html": "section/deep.html",
        "elsewhere.html": "https://www.austintexas.gov/",
    }
    found = {}
    for path in html.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            landed, canonical = follow(html, path)
            if landed.startswith("http://host/"):
                target = landed.removeprefix("http://host/")
                assert (html / target).is_file(), (path, target)
                assert canonical == ROOT + target
            else:
                target = landed
                assert canonical == landed
            found[path.relative_to(html).as_posix()] = target
    assert found == expected


def test_redirect_pages_are_no_chapters(site: Path) -> None:
    index = BeautifulSoup((site / "html" / "index.html").read_text(encoding="utf-8"), "lxml")
    nav = [a["href"] for a in index.select(".sidebar-tree a")]
    assert nav and not any(h.startswith(("moved", "elsewhere")) for h in nav)
    with zipfile.ZipFile(next((site / "epub").glob("*.epub"))) as book:
        names = book.namelist()
    assert not any("moved" in n or "elsewhere" in n for n in names), names


def copy_project(destination: Path) -> Path:
    """conf.py, CITATION.cff and the extensions and templates, to change them in a test."""
    destination.mkdir(parents=True)
    for name in ("conf.py", "CITATION.cff"):
        shutil.copy(REPO / name, destination / name)
    for name in ("_ext", "_templates", "_static"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, destination / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def test_site_wide_redirect_map(tmp_path: Path) -> None:
    conf = copy_project(tmp_path / "project")
    with (conf / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write('\nsite_redirects = {"contents.html": "section/index", "/about/": "/definition/",'
                     ' "gone": "https://example.org/"}\n')
    src = copy_root("cite-basic", tmp_path / "src")
    build = sphinx_build(src, tmp_path / "html", confdir=conf)
    assert build.returncode == 0, build.output
    html = tmp_path / "html"
    assert follow(html, html / "contents.html")[0] == "http://host/section/index.html"
    assert follow(html, html / "about" / "index.html")[0] == "http://host/definition.html"
    assert follow(html, html / "gone" / "index.html")[0] == "https://example.org/"


def test_a_redirect_to_nowhere_warns_with_file_and_line(tmp_path: Path) -> None:
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home"),
        "a.md": page("A", 1),
        "old.md": "---\nlayout: page\nredirect_to: /no/such/page/\n---\n",
    })
    build = sphinx_build(src, tmp_path / "html")
    assert build.returncode != 0
    (warning,) = [w for w in build.warnings if "redirect" in w]
    assert "old.md:3" in warning and "/no/such/page/" in warning and "[redirect.target-missing]" \
        in warning
    assert sphinx_build(src, tmp_path / "html2", strict=False).returncode == 0


def test_a_redirect_pages_own_words_are_said_lost_and_its_markup_is_not(tmp_path: Path) -> None:
    """A page that only redirects is built in no edition: the words under its front matter,
    a working redirect's or one to nowhere, were dropped without a word. The meta refresh
    that redirect pages of old sites carry (Liquid and a tag) is no words."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home"),
        "moved.md": "---\ntitle: Permits\nredirect_to: /index/\n---\n\n\n"
                    "Apply for a **permit** on the new page.\n\nCall 3-1-1.\n",
        "gone.md": "---\nredirect_to: /nowhere/\n---\n\nThe pool opens in May.\n",
        "stub.md": "---\nredirect_to: /index/\n---\n"
                   "<meta http-equiv=\"refresh\" content=\"0; url={{ '/index/' | relative_url }}\">\n"
                   "<!-- moved in 2019 -->\n",
    })
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    lost = [w for w in build.warnings if w.endswith("[redirect.text-lost]")]
    assert lost == [
        f"{src / 'gone.md'}:5: WARNING: the page's text (5 words from here on) is lost: it "
        "redirects to '/nowhere/', which is no page of this site, so no edition publishes it; lead "
        "`redirect_to:` to a page of this site and move the text there, or remove `redirect_to:` "
        "to publish the page [redirect.text-lost]",
        f"{src / 'moved.md'}:7: WARNING: the page's text (10 words from here on) is lost: it only "
        "redirects (to '/index/'), so no edition publishes it; move the text to the page it leads "
        "to, or remove `redirect_to:` to publish the page [redirect.text-lost]"], build.warnings


def test_a_folder_without_an_index_page_still_answers_at_its_address(tmp_path: Path) -> None:
    """The first page is the landing page; the site's own address (index.html) leads to it."""
    src = write_pages(tmp_path / "src", {"b.md": page("Buses", 2), "a.md": page("Alpha", 1)})
    build = sphinx_build(src, tmp_path / "html")
    assert build.returncode == 0, build.output
    html = tmp_path / "html"
    assert follow(html, html / "index.html")[0] == "http://host/a.html"
    with_index = write_pages(tmp_path / "src2", {"index.md": page("Home"), "a.md": page("Alpha", 1)})
    assert sphinx_build(with_index, tmp_path / "html2").returncode == 0
    home = BeautifulSoup((tmp_path / "html2" / "index.html").read_bytes(), "lxml")
    assert home.select_one('meta[http-equiv="refresh"]') is None and home.h1.get_text().startswith("Home")


def test_the_home_redirect_gives_way_to_any_planned_there() -> None:
    planned = [redirects.Redirect("index.html", "news", "old")]
    assert redirects.with_home(planned, "a", html_file) == planned
    assert redirects.with_home([], "index", html_file) == []
    assert redirects.with_home([], "a", html_file) == [redirects.Redirect("index.html", "a", "conf.py")]


@pytest.mark.parametrize("old, what", [
    ("/sitemap.xml", "the sitemap"), ("/robots.txt", "robots.txt"),
    ("/passages.json", "the passages' ids"), ("/passage-history.json", "the passages' history"),
    ("/searchindex.js", "the search index"), ("/objects.inv", "Sphinx's inventory"),
    ("/.buildinfo", "Sphinx's build record"), ("/editions/SHA256SUMS", "the editions' folder"),
    ("/editions/smart-city-austin.pdf", "the editions' folder"),
    ("/cite/smart-city-austin.bib", "the citation files' folder"), ("/_static", "a file of the theme"),
])
def test_an_old_address_the_site_generates_is_refused_once(old: str, what: str) -> None:
    for front in ({"redirect_from": [old]}, {"permalink": old}):
        planned, problems = redirects.plan({"index": {}, "a": front}, {"index", "a"}, {}, html_file)
        assert planned == []
        (problem,) = problems
        assert problem.subtype == "collision" and what in problem.message and old in problem.message


def test_a_redirect_from_a_generated_file_leaves_the_site_whole(tmp_path: Path) -> None:
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home"),
        "a.md": "---\ntitle: A\nposition: 1\nredirect_from: [\"/sitemap.xml\", \"/passages.json\"]\n---\n\nText.\n",
        "b.md": "---\ntitle: B\nposition: 2\npermalink: /robots.txt\n---\n\nText.\n",
    })
    build = sphinx_build(src, tmp_path / "html", strict=False,
                         extra=("-D", "html_baseurl=https://example.org/"))
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output and "Extension error" not in build.output
    refused = [w for w in build.warnings if w.endswith("[redirect.collision]")]
    assert sorted(w.split(": WARNING")[0].rsplit("/", 1)[1] for w in refused) == ["a.md:4", "a.md:4", "b.md:4"]
    html = tmp_path / "html"
    for name in ("sitemap.xml", "passages.json", "robots.txt"):
        assert (html / name).is_file() and not (html / (name + ".html")).exists(), name
    assert "Sitemap:" in (html / "robots.txt").read_text(encoding="utf-8")


def test_a_pages_redirect_to_another_site_is_a_notice_not_a_redirect() -> None:
    front = {"index": {}, "pay": {"redirect_to": "https://evil.example/", "redirect_from": "/billing/"},
             "city": {"redirect_to": "https://www.austintexas.gov/pay"},
             "here": {"redirect_to": "https://smartcity.austintexas.gov/x/"}}
    planned, problems = redirects.plan(front, {"index"}, {"gone.html": "https://elsewhere.example/"},
                                       html_file, own_hosts=["austintexas.gov", "smartcity.austintexas.gov"])
    assert [(p.origin, p.subtype) for p in problems] == [("pay", "external")]  # once a page
    assert {(r.source, r.notice) for r in planned} == {
        ("pay.html", True), ("billing/index.html", True), ("city.html", False), ("here.html", False),
        ("gone.html", False)}  # conf.py's own word redirects
    assert not redirects.is_own("https://evilaustintexas.gov/", ["austintexas.gov"])
    assert not redirects.is_own("https://austintexas.gov.evil.example/", ["austintexas.gov"])
    # a browser reads a backslash as "/": the host is evil.example, austintexas.gov only its path
    assert not redirects.is_own("https://evil.example\\@austintexas.gov/", ["austintexas.gov"])
    assert not redirects.is_own("https:\\\\evil.example\\@www.austintexas.gov", ["austintexas.gov"])
    assert redirects.is_own("https://www.austintexas.gov\\pay", ["austintexas.gov"])


def test_a_redirect_to_another_site_warns_at_its_line_and_sends_no_one_there(tmp_path: Path) -> None:
    """``redirect_to: https://evil.example/`` in one page's front matter sent every reader of
    the City's address there, at once, without a word."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home"),
        "pay.md": "---\ntitle: Pay your bill\nredirect_to: https://evil.example/\nredirect_from:\n  - /billing/\n---\n"})
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    (warning,) = [w for w in build.warnings if "[redirect." in w]
    assert warning.startswith(f"{src / 'pay.md'}:3: WARNING: `redirect_to: https://evil.example/`")
    assert warning.endswith("[redirect.external]")
    for old in ("pay.html", "billing/index.html"):
        found = BeautifulSoup((tmp_path / "html" / old).read_text(encoding="utf-8"), "lxml")
        assert found.find("meta", attrs={"http-equiv": "refresh"}) is None, old
        assert found.find("link", rel="canonical") is None, old
        assert found.find("a")["href"] == "https://evil.example/", old
        assert "another site" in found.find("h1").get_text()


def test_a_redirect_keeps_the_passage_a_citation_links(tmp_path: Path) -> None:
    """A page renamed with ``redirect_from: /definition.html``: a citation's link
    ``definition.html#p-…`` landed at the top of the new page, the meta refresh dropping the
    passage. The site's own script (the CSP allows nothing else) sends the ``#part`` on."""
    from test_a11y_html import CHROMIUM, serve  # noqa: F401
    from conftest import require_tool

    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "deep/index.md": page("Deep", 1),
        "deep/smart-city-definition.md": "---\ntitle: Definition\nposition: 1\nredirect_from:\n"
                                         "  - /definition.html\n  - /old/deep/page.html\n---\n\n"
                                         + "Filler words.\n\n" * 80 + "The cited words.\n"})
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode == 0, build.output
    html = tmp_path / "html"
    for old, script in (("definition.html", "_static/redirect.js"), ("old/deep/page.html", "../../_static/redirect.js")):
        tag = BeautifulSoup((html / old).read_text(encoding="utf-8"), "html.parser").select_one("head script")
        assert tag["src"] == script and (html / old).parent.joinpath(script).resolve().is_file()
    page_html = BeautifulSoup((html / "deep" / "smart-city-definition.html").read_text(encoding="utf-8"),
                              "html.parser")
    cited = next(p for p in page_html.select("article p") if "The cited words." in p.get_text())["id"]
    require_tool(CHROMIUM, "the redirect is followed in Debian's Chromium")
    from playwright.sync_api import sync_playwright

    with serve(html) as site, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            tab = chromium.new_page()
            tab.goto(f"{site}old/deep/page.html#{cited}")
            tab.wait_for_url(f"**/deep/smart-city-definition.html#{cited}", timeout=10_000)
        finally:
            chromium.close()


def test_two_pages_the_old_site_published_at_one_address_are_said_as_such(tmp_path: Path) -> None:
    """18F's methods: `_pages/about.md` (a `/:path/` collection: `/about/`) and
    `pages/about.md` (`permalink: /about/`). The warning said "this redirect is ignored" at the
    line of `layout:`, of a page that asked for no redirect."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: T\ncollections:\n  pages:\n    output: true\n    permalink: /:path/\n",
        "index.md": page("Home", body="Hi."),
        "_pages/about.md": "---\ntitle: About\nlayout: secondary\nposition: 1\n---\n\nAbout A.\n",
        "pages/index.md": page("Pages", 2),
        "pages/about.md": "---\ntitle: About us\npermalink: /about/\nposition: 1\n---\n\nAbout B.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    said = [w for w in build.warnings if "[redirect.duplicate]" in w]
    assert len(said) == 1 and f"{source / '_pages' / 'about.md'}:1: WARNING: this page and the page " \
        "'pages/about' were both published at '/about/' on the old site" in said[0], build.output
    assert "About B." in (tmp_path / "html" / "about" / "index.html").read_text(encoding="utf-8") or \
        "pages/about.html" in (tmp_path / "html" / "about" / "index.html").read_text(encoding="utf-8")


def test_an_old_address_of_a_page_in_another_language_says_its_titles_language(tmp_path: Path) -> None:
    """opensource.guide's ``/ar/metrics/``: "Moved: مقاييس…" on a page marked English, so a
    screen reader read the Arabic title with an English voice."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home"),
        "metrics.md": "---\ntitle: مقاييس المشاريع\nposition: 1\nlang: ar\nredirect_from: /ar/metrics/\n---\n\nنص.\n",
    })
    build = sphinx_build(src, tmp_path / "html")
    assert build.returncode == 0, build.output
    moved = BeautifulSoup((tmp_path / "html" / "ar" / "metrics" / "index.html").read_text(encoding="utf-8"),
                          "html.parser")
    title = moved.select_one("p a span")
    assert (title["lang"], title["dir"], title.get_text()) == ("ar", "rtl", "مقاييس المشاريع")
    assert moved.html["lang"] == "en" and moved.h1.get_text() == "This page has moved"


def test_an_old_address_longer_than_a_files_path_can_be_is_said_not_written(tmp_path):
    """``permalink: /a/:ba/:ba/…`` 16,000 bytes long: writing its redirect stopped the site
    with "File name too long" (errno 36), a traceback and no site; each name was short, the
    path past the file system's 4,096 bytes. A hostile tester's."""
    deep = "a/" * 3000 + "b.html"
    assert redirects.unwritable(deep, set()) == (
        f"is longer than {redirects.MAX_PATH_BYTES} bytes, more than a file's path may be")
    assert redirects.unwritable("a/" * 100 + "b.html", set()) is None
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", 1, "Words."),
        "a.md": page("Alpha", 2, "Text.", redirect_from="/" + "x/:y" * 4000)})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "[redirect.invalid]" in w]
    assert said and said[0].startswith(f"{source / 'a.md'}:4:"), build.warnings
    assert "Text." in (tmp_path / "out/a.html").read_text(encoding="utf-8")
