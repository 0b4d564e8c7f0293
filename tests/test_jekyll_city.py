"""A Jekyll project portfolio shaped like the City's old site builds as Jekyll showed it.

The test root ``jekyll-city`` has what the City's real pages have: no ``index.md``, a
redirecting landing page beside every project folder (``curb-sensors.md`` +
``curb-sensors/``, nested ``about.md`` + ``about/``) that carries the section's title and
position, an "Overview" at position 1 in every project, unpublished and ``_``-prefixed
(draft) landings, a UTF-8 BOM, a page with several ``# `` headings, Liquid over
``site.data``, kramdown leftovers and collections in ``_config.yml``. It is built once,
the way a new user would: ``make all SOURCEDIR=… STRICT=0``.
"""

from __future__ import annotations

import os

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, Build, copy_root, require_tool, sphinx_build
from test_order_editions import epub_orders, next_links_order, previous_links_order, sidebar_order, soup
from test_pdf_support import outline

# Jekyll's navigation: sections by position, the pages inside each by position.
JEKYLL_NAV = [
    (0, "projects", "Projects"),
    (1, "projects/curb-sensors", "Curb sensors"),
    (2, "projects/curb-sensors/overview", "Overview"),
    (2, "projects/curb-sensors/findings", "Findings"),
    (2, "projects/curb-sensors/about", "About the pilot"),
    (3, "projects/curb-sensors/about/team", "Team"),
    (3, "projects/curb-sensors/about/budget", "Budget"),
    (1, "projects/flood-alerts", "Flood alerts"),
    (2, "projects/flood-alerts/overview", "Overview"),
    (2, "projects/flood-alerts/gauges", "Gauges"),
    (1, "projects/permit-help", "Permit help"),
    (2, "projects/permit-help/overview", "Overview"),
    (2, "projects/permit-help/interviews", "Interviews"),
    (0, "updates", "News"),
    (1, "updates/first-year", "A first year of pilots"),
    (1, "updates/library-sessions", "Listening sessions at the library"),
]
ORDER = ["index"] + [docname for _, docname, _ in JEKYLL_NAV]
# Unpublished, under an unpublished landing, `_`-prefixed (draft) or in `_drafts/`.
HIDDEN = ["about", "projects/flood-alerts/history", "projects/parking-pilot",
          "projects/parking-pilot/overview", "projects/_pilot", "projects/_pilot/overview"]
HIDDEN_WORDS = ["About the lab", "History of the old map", "Parking pilot", "Withdrawn before launch",
                "Drone inspections", "never announced", "Bike counters"]


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``make all`` of a copy of the fixture: (the build folder, what make printed)."""
    base = tmp_path_factory.mktemp("city")
    source = copy_root("jekyll-city", base / "source")
    result = subprocess.run([require_tool("make", "make all builds the editions"), "-s", "-C", str(REPO),
                             "all", f"SOURCEDIR={source}", f"BUILDDIR={base / 'build'}", "STRICT=0",
                             "JOBS=1"], capture_output=True, text=True, timeout=900, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return base / "build", output


def warnings(output: str) -> list[str]:
    return sorted({line for line in output.splitlines() if "WARNING:" in line or "ERROR:" in line})


def test_make_all_builds_three_editions_without_a_crash(city: tuple[Path, str]) -> None:
    build, output = city
    for crash in ("Traceback", "Exception occurred", "unable to load the master document"):
        assert crash not in output
    assert (build / "html" / "index.html").is_file()
    assert list((build / "epub").glob("*.epub")) and list((build / "pdf").glob("*.pdf"))


def test_the_sidebar_follows_jekylls_navigation(city: tuple[Path, str]) -> None:
    html = city[0] / "html"
    assert sidebar_order(html) == ORDER[1:]
    tree = soup(html / "projects/flood-alerts/gauges.html").select_one(".sidebar-tree")
    depth = {a.get_text(strip=True): len(a.find_parents("ul")) - 1 for a in tree.select("a.reference")
             if a.get_text(strip=True) in ("Projects", "Curb sensors", "About the pilot", "Budget")}
    assert depth == {"Projects": 0, "Curb sensors": 1, "About the pilot": 2, "Budget": 3}


def test_prev_and_next_walk_each_project_in_order(city: tuple[Path, str]) -> None:
    html = city[0] / "html"
    assert next_links_order(html) == ORDER
    assert previous_links_order(html, ORDER[-1]) == ORDER


def test_the_epub_spine_and_contents_follow_jekylls_navigation(city: tuple[Path, str]) -> None:
    [book] = (city[0] / "epub").glob("*.epub")
    spine, contents = epub_orders(book)
    assert spine == ORDER and contents == ORDER
    with zipfile.ZipFile(book) as archive:
        nav = BeautifulSoup(archive.read("nav.xhtml"), "xml").find("nav")
    titles = [(len(a.find_parents("ol")) - 1, a.get_text(strip=True)) for a in nav.find_all("a")
              if "#" not in a["href"] and a["href"] != "index.xhtml"]
    assert titles == [(depth, title) for depth, _, title in JEKYLL_NAV]


def test_the_pdf_bookmarks_follow_jekylls_navigation(city: tuple[Path, str]) -> None:
    [pdf] = (city[0] / "pdf").glob("*.pdf")
    chapters = [entry for entry in outline(pdf) if entry[1] not in ("Core team", "Advisors", "How we met", "Thanks")]
    assert chapters == [(depth, title) for depth, _, title in JEKYLL_NAV]


def test_a_redirecting_landing_is_its_sections_page(city: tuple[Path, str]) -> None:
    html = city[0] / "html"
    page = soup(html / "projects/curb-sensors.html").select_one("article[role=main]")
    assert page.find("h1").get_text(strip=True).rstrip("¶") == "Curb sensors"
    listed = [a.get_text(strip=True) for a in page.select(".publication-contents a.reference")]
    assert listed[:3] == ["Overview", "Findings", "About the pilot"]


@pytest.mark.parametrize(("old", "lands_on"), [
    ("projects/curb-sensors/index.html", "overview.html"),
    ("projects/curb-sensors/about/index.html", "team.html"),
    ("projects/index.html", "curb-sensors/overview.html"),
    ("news/first-year/index.html", "../../updates/first-year.html"),        # collection permalink
    ("projects/flood-alerts/gauges/index.html", "../gauges.html"),          # `permalink: pretty`
    ("updates/index.html", "first-year.html"),
])
def test_old_addresses_redirect_to_the_page_now_there(city: tuple[Path, str], old: str,
                                                            lands_on: str) -> None:
    found = soup(city[0] / "html" / old).find("meta", attrs={"http-equiv": "refresh"})
    assert found is not None and found["content"] == f"0; url={lands_on}"


def test_no_false_alarms_about_positions_or_landings(city: tuple[Path, str]) -> None:
    found = warnings(city[1])
    assert not [w for w in found if re.search(r"\[position\.(duplicate|no-landing|title-missing)\]", w)], found
    assert not [w for w in found if "parking-pilot" in w], found  # unpublished: nothing to redirect


def test_a_generated_root_page_lists_the_sections(city: tuple[Path, str]) -> None:
    page = soup(city[0] / "html" / "index.html").select_one("article[role=main]")
    listed = [a.get_text(strip=True) for a in page.select(".publication-contents a.reference")]
    assert listed[0] == "Projects" and "News" in listed
    assert not list((REPO / "tests/roots/jekyll-city").glob("index.*"))  # the sources stay untouched


def test_a_page_with_several_top_headings_is_one_chapter(city: tuple[Path, str]) -> None:
    build = city[0]
    team = soup(build / "html/projects/curb-sensors/about/team.html").select_one("article[role=main]")
    assert [h.get_text(strip=True).rstrip("¶") for h in team.find_all("h1")] == ["Team"]
    assert [h.get_text(strip=True).rstrip("¶") for h in team.find_all("h2")][:3] == [
        "Core team", "Advisors", "Thanks"]
    text = team.get_text(" ", strip=True)
    assert text.index("in front of their shop") < text.index("Cite this chapter")
    sidebar = [a.get_text(strip=True) for a in
               soup(build / "html/index.html").select(".sidebar-tree a.reference")]
    assert "Core team" not in sidebar and "Thanks" not in sidebar
    [pdf] = (build / "pdf").glob("*.pdf")
    marks = outline(pdf)
    team_at = marks.index((3, "Team"))
    assert marks[team_at + 1:team_at + 3] == [(4, "Core team"), (4, "Advisors")]


def test_a_byte_order_mark_hides_no_front_matter(city: tuple[Path, str]) -> None:
    assert (REPO / "tests/roots/jekyll-city/projects/curb-sensors/about/budget.md").read_bytes()[:3] == b"\xef\xbb\xbf"
    page = soup(city[0] / "html/projects/curb-sensors/about/budget.html").select_one("article[role=main]")
    assert page.find("h1").get_text(strip=True).rstrip("¶") == "Budget"
    assert "position:" not in page.get_text() and "---" not in page.find("h1").get_text()


def test_drafts_and_unpublished_sections_are_in_no_edition(city: tuple[Path, str]) -> None:
    build = city[0]
    for docname in HIDDEN:
        assert not (build / "html" / f"{docname}.html").exists(), docname
    [book] = (build / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        text = " ".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml"))
    [pdf] = (build / "pdf").glob("*.pdf")
    typst = (build / "pdf" / (pdf.stem + ".typ")).read_text(encoding="utf-8")
    site = " ".join(p.read_text(encoding="utf-8") for p in (build / "html").rglob("*.html"))
    for words in HIDDEN_WORDS:
        assert words not in text and words not in typst and words not in site, words


def test_a_draft_folder_is_said_not_published_without_a_warning(city: tuple[Path, str]) -> None:
    """``projects/_pilot/`` was a draft on the old site (Jekyll publishes no ``_``-entry):
    one line says where its words are and how to publish them; strict builds stay clean."""
    output = city[1]
    said = [line for line in output.splitlines() if "'projects/_pilot/' holds 1 page(s)" in line]
    assert len(said) == 1 and said[0].endswith("Rename it 'pilot/' to publish them"), said
    assert f"projects{os.sep}_pilot{os.sep}overview.md:1: " in said[0] and "WARNING" not in said[0]


def test_a_strict_build_of_the_landings_alone_is_clean(tmp_path: Path) -> None:
    """The structure on its own (landings, drafts, BOM, several headings) warns about nothing."""
    source = copy_root("jekyll-city", tmp_path / "source")
    for name in ("overview.md", "findings.md"):
        (source / "projects/curb-sensors" / name).write_text(
            f"---\ntitle: {name[:-3].title()}\nposition: {1 if name == 'overview.md' else 2}\n---\n\nText.\n",
            encoding="utf-8")
    for page in ("projects/permit-help/overview.md", "projects/permit-help/interviews.md",
                 "projects/flood-alerts/overview.md",
                 "projects/flood-alerts/gauges.md"):
        path = source / page
        head = path.read_text(encoding="utf-8").split("---\n")[1]
        path.write_text(f"---\n{head}---\n\nText.\n", encoding="utf-8")
    (source / "projects/permit-help/checklist.md").unlink()  # included by interviews.md only
    for landing in ("projects/curb-sensors.md", "projects/flood-alerts.md"):
        path = source / landing
        path.write_text(re.sub(r"project_name: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    (source / "updates.md").write_text((source / "updates.md").read_text(encoding="utf-8").replace(
        "/news/first-year/", "/updates/first-year/"), encoding="utf-8")
    build: Build = sphinx_build(source, tmp_path / "html", "html")
    assert build.returncode == 0, build.output


def test_liquid_runs_as_jekyll_ran_it_over_site_data(city: tuple[Path, str]) -> None:
    page = soup(city[0] / "html/projects/curb-sensors/overview.html").select_one("article[role=main]")
    for link in page.select("a.passage-link"):  # the "¶" beside each passage is not its text
        link.decompose()
    text = page.get_text(" ", strip=True)
    assert "We worked with 3 departments" in text
    assert [li.get_text(" ", strip=True) for li in page.select("li")][:3] == [
        "Transportation Department, which owns the curb", "Watershed Protection, which runs the flood gauges",
        "Public Library, which hosts the listening sessions"]
    assert "must not be published" not in text          # {% if site.data.labels.show_budget %} is false
    assert "Write to lab@example.gov with questions" in text


def test_an_include_runs_from_the_old_sites_includes_folder_in_every_edition(city: tuple[Path, str]) -> None:
    build, _ = city
    said = "Privacy: The sensors count cars, never faces. Questions go to lab@example.gov."
    page = soup(build / "html/projects/curb-sensors/overview.html").select_one("article[role=main]")
    assert said in " ".join(page.get_text(" ", strip=True).replace(" .", ".").split())
    assert page.find("strong", string="Privacy:") is not None
    [book] = (build / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        assert "The sensors count cars, never faces." in archive.read(
            "projects/curb-sensors/overview.xhtml").decode()
    [pdf] = (build / "pdf").glob("*.pdf")
    assert "The sensors count cars, never faces." in pdf.with_suffix(".typ").read_text(encoding="utf-8")


NPR = "https://www.npr.org/sections/goatsandsoda/2016/07/30/487925796/african-proverb"


def test_links_written_as_in_a_word_processor_lead_where_they_meant(city: tuple[Path, str]) -> None:
    """``(www.…)``, ``(#heading=h.…)`` and swapped text and address, as the City's pages have
    them: a link where the meaning is plain, the words without a link where it leads nowhere,
    one warning each at its line."""
    build, output = city
    page = soup(build / "html/projects/permit-help/interviews.html").select_one("article[role=main]")
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select("a[href]")
             if "passage-link" not in a.get("class", []) and "headerlink" not in a.get("class", [])}
    assert links == {"ATXfloods.com": "https://www.atxfloods.com",
                     "the permit portal": "https://abc.austintexas.gov/web/permit/public-search-other",
                     "African proverb": NPR,  # swapped: the words are the text, as meant
                     "gauge readings": "../flood-alerts/gauges.html"}  # the old site's own
    text = " ".join(page.get_text(" ", strip=True).split())
    assert "the method is the one the lab always uses" in text
    assert "Every theme has a page: Section name , and the gauge readings are public." in text
    [book] = (build / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        xhtml = archive.read("projects/permit-help/interviews.xhtml").decode("utf-8")
    assert 'href="https://www.atxfloods.com"' in xhtml and 'href="#' not in xhtml.split("<body")[1]
    [pdf] = (build / "pdf").glob("*.pdf")
    assert '"https://www.atxfloods.com"' in pdf.with_suffix(".typ").read_text(encoding="utf-8")
    said = [w.split("/source/")[-1] for w in warnings(output) if "interviews.md:1" in w and "[link." in w]
    assert [(w.split(": WARNING")[0], w.rsplit("[", 1)[-1]) for w in said] == [
        ("projects/permit-help/interviews.md:14", "link.no-scheme]"),
        ("projects/permit-help/interviews.md:14", "link.no-scheme]"),
        ("projects/permit-help/interviews.md:15", "link.docs-heading]"),
        ("projects/permit-help/interviews.md:16", "link.swapped]"),
        ("projects/permit-help/interviews.md:17", "link.no-scheme]"),
    ], said


def test_include_relative_shows_a_file_beside_the_page_in_every_edition(city: tuple[Path, str]) -> None:
    """``checklist.md`` has no front matter: no page of its own, and no warning that it is
    left out, since its words are published where ``interviews.md`` includes it."""
    build, output = city
    words = "bring your site plan and two forms of identification"
    page = soup(build / "html/projects/permit-help/interviews.html").select_one("article[role=main]")
    assert words in page.get_text(" ", strip=True) and page.find("strong", string="Before the visit:")
    [book] = (build / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        assert words in archive.read("projects/permit-help/interviews.xhtml").decode("utf-8")
    [pdf] = (build / "pdf").glob("*.pdf")
    assert words in pdf.with_suffix(".typ").read_text(encoding="utf-8")
    assert not (build / "html/projects/permit-help/checklist.html").exists()
    assert "checklist.md" not in "\n".join(warnings(output))


def test_liquid_never_runs_inside_code_or_maths(city: tuple[Path, str]) -> None:
    page = soup(city[0] / "html/projects/curb-sensors/findings.html").select_one("article[role=main]")
    assert "{% for reading in site.data.readings %}{{ reading.zone }}" in page.select_one("pre").get_text()
    assert [c.get_text() for c in page.select("p code")] == ["{{ zone.name }}", "{% if free %}"]
    assert "{{T}}" in page.select_one("div.math math")["alttext"]  # MathML, its LaTeX as alt text
    assert not [w for w in warnings(city[1]) if "findings.md" in w and "jekyll.liquid" in w]


def test_liquid_that_cannot_run_is_kept_and_warned_once(city: tuple[Path, str]) -> None:
    found = [w for w in warnings(city[1]) if w.endswith("[jekyll.liquid]")]
    assert len(found) == 1 and "permit-help/interviews.md:9: WARNING:" in found[0], found
    text = soup(city[0] / "html/projects/permit-help/interviews.html").get_text(" ", strip=True)
    assert "The recordings are kept by the lab for two years." in text


def test_deep_lists_and_quotes_keep_every_word_in_every_edition(city: tuple[Path, str]) -> None:
    build, output = city
    words = ["Level 12 Calibration record of 2017", "21 quoted: the crossing on my street flooded",
             "The gauges report every five minutes."]
    page = soup(build / "html/projects/flood-alerts/gauges.html").select_one("article[role=main]")
    text = " ".join(page.get_text(" ", strip=True).split())
    [book] = (build / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        xhtml = BeautifulSoup(archive.read("projects/flood-alerts/gauges.xhtml"), "lxml").get_text(" ", strip=True)
    [pdf] = (build / "pdf").glob("*.pdf")
    typst = pdf.with_suffix(".typ").read_text(encoding="utf-8")
    for phrase in words:
        assert phrase in text and phrase in " ".join(xhtml.split()), phrase
        assert phrase.split(":")[0] in typst, phrase
    found = [w for w in warnings(output) if w.endswith("[jekyll.nesting]")]
    assert [w.split(": WARNING")[0].rsplit("/", 1)[-1] for w in found] == ["gauges.md:16", "gauges.md:38"]


def test_an_unclosed_kramdown_comment_warns_and_hides_nothing(city: tuple[Path, str]) -> None:
    build, output = city
    [found] = [w for w in warnings(output) if w.endswith("[jekyll.comment]")]
    assert "flood-alerts/overview.md:9: WARNING:" in found
    text = soup(build / "html/projects/flood-alerts/overview.html").get_text(" ", strip=True)
    assert "Drivers can subscribe to text alerts" in text and "{::comment}" not in text


def test_front_matter_links_the_old_layout_showed_are_in_every_edition(city: tuple[Path, str]) -> None:
    build, output = city
    page = soup(build / "html/projects/curb-sensors/overview.html").select_one("article[role=main]")
    assert page.select_one("p.rubric").get_text(strip=True) == "Press mentions"
    assert [(a.get_text(), a["href"]) for a in page.select("ul.front-matter-list a")] == [
        ("Sensors tell drivers where the loading zones are free", "https://news.example.com/curb-sensors"),
        ("The curb is the city's most valuable real estate", "https://radio.example.org/curb")]
    assert "— Metro Daily" in page.get_text()
    [pdf] = (build / "pdf").glob("*.pdf")
    assert "Public Radio" in pdf.with_suffix(".typ").read_text(encoding="utf-8")
    [book] = (build / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        assert "Metro Daily" in archive.read("projects/curb-sensors/overview.xhtml").decode("utf-8")


def test_front_matter_no_edition_shows_is_reported_with_its_line(city: tuple[Path, str]) -> None:
    found = [w.split("/source/")[-1] for w in warnings(city[1]) if w.endswith("[jekyll.front-matter]")]
    assert [w.split(": WARNING")[0] for w in found] == [
        "projects/curb-sensors.md:4", "projects/curb-sensors/overview.md:15", "projects/flood-alerts.md:4"]
    assert "`team_size`" in found[1] and "(line 15)" not in found[1] and "press_mentions" not in found[1]


def test_kramdown_typography_as_the_old_site_showed_it(city: tuple[Path, str]) -> None:
    page = soup(city[0] / "html/projects/curb-sensors/about/budget.html").select_one("article[role=main]")
    text = " ".join(page.find("p").get_text().split())
    assert text.startswith("The pilot cost less than a parking garage – about a tenth of one – and took a year…")
    assert "“money well spent” and the vendor’s report" in text and "2017—2018" in text
    findings = soup(city[0] / "html/projects/curb-sensors/findings.html").select_one("article[role=main]")
    assert "{% for reading in site.data.readings %}" in findings.select_one("pre").get_text()  # code as typed


def test_kramdown_typography_can_be_switched_off(tmp_path: Path) -> None:
    source = copy_root("jekyll-city", tmp_path / "source")
    build = sphinx_build(source, tmp_path / "html", "html", strict=False, extra=("-D", "kramdown_typography=0"))
    assert build.returncode == 0, build.output
    page = soup(tmp_path / "html/projects/curb-sensors/about/budget.html").select_one("article[role=main]")
    assert "parking garage -- about" in page.get_text() and 'called it "money well spent"' in page.get_text()


def test_collection_urls_from_config_resolve(city: tuple[Path, str]) -> None:
    """`collections: updates: permalink: /news/:name/` put first-year.md at /news/first-year/."""
    page = soup(city[0] / "html/projects/curb-sensors/overview.html").select_one("article[role=main]")
    [link] = [a for a in page.select("a.reference") if a.get_text() == "first-year news"]
    assert link["href"] == "../../updates/first-year.html"
    assert not [w for w in warnings(city[1]) if w.endswith("[jekyll.link]")]


def test_a_strict_build_fails_only_on_the_real_problems(city: tuple[Path, str]) -> None:
    """Every warning of the fixture is a real problem of its pages, each reported once."""
    found = [w.split("/source/")[-1] for w in warnings(city[1])  # the PDF's own: editions;
             if "[pdf." not in w and "[style." not in w]  # plain-language advice: not a problem
    kinds = sorted({(w.split(": WARNING")[0], w.rsplit("[", 1)[-1].rstrip("]")) for w in found})
    assert kinds == [
        ("projects/curb-sensors.md:4", "jekyll.front-matter"),
        ("projects/curb-sensors/overview.md:15", "jekyll.front-matter"),
        ("projects/flood-alerts.md:4", "jekyll.front-matter"),
        ("projects/flood-alerts/gauges.md:16", "jekyll.nesting"),
        ("projects/flood-alerts/gauges.md:38", "jekyll.nesting"),
        ("projects/flood-alerts/overview.md:9", "jekyll.comment"),
        ("projects/permit-help/interviews.md:14", "link.no-scheme"),
        ("projects/permit-help/interviews.md:15", "link.docs-heading"),
        ("projects/permit-help/interviews.md:16", "link.swapped"),
        ("projects/permit-help/interviews.md:17", "link.no-scheme"),
        ("projects/permit-help/interviews.md:17", "myst.xref_missing"),  # the link's line, not its paragraph's
        ("projects/permit-help/interviews.md:9", "jekyll.liquid"),
        ("projects/permit-help/overview.md:10", "rawhtml.removed"),  # the form's search field
    ], found
