"""A Jekyll collection is read where the old site kept it (``_projects/``), as Jekyll did.

The City's real repository kept every project in a collection folder (``_projects/<p>.md``
beside ``_projects/<p>/…``, ``_config.yml`` ``collections: projects: output: true``) and
published each document at ``/projects/<p>/…``. The fixture ``jekyll-city`` has the same
pages copied to the top (``projects/``); moved back into ``_projects/`` and ``_updates/``
the site must publish the very same website, byte for byte.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import REPO, copy_root, sphinx_build, write_pages

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory):
    """The City-shaped site built twice: collections copied to the top, and where Jekyll kept them."""
    base = tmp_path_factory.mktemp("collections")
    top = copy_root("jekyll-city", base / "top" / "src")
    inplace = copy_root("jekyll-city", base / "inplace" / "src")
    for name in ("projects", "updates"):
        shutil.move(inplace / name, inplace / f"_{name}")
    builds = {}
    for name, source in (("top", top), ("inplace", inplace)):
        builds[name] = sphinx_build(source, source.parent / "html", strict=False, jobs="1", env=EPOCH)
    return builds


def test_a_collection_in_place_publishes_the_same_site_as_one_copied_to_the_top(both) -> None:
    top, inplace = files_of(both["top"].outdir), files_of(both["inplace"].outdir)
    assert len(top) > 20 and top.keys() == inplace.keys()
    different = sorted(name for name in top if top[name] != inplace[name])
    assert different == ["searchindex.js"]  # it names each page's file: _projects/x.md
    assert b'"_projects/curb-sensors/overview.md"' in inplace["searchindex.js"]
    assert "projects/curb-sensors/overview.html" in inplace and "news/first-year/index.html" in inplace


def test_warnings_name_the_files_where_they_are_and_no_folder_is_left_out(both) -> None:
    def said(build, prefix: str) -> list[str]:
        return sorted(line.split(str(build.outdir.parent / "src") + os.sep)[-1].removeprefix(prefix)
                      for line in build.warnings)

    inplace = both["inplace"].warnings
    assert inplace and not any("[jekyll.folder]" in line for line in inplace)
    assert any(f"{os.sep}_projects{os.sep}flood-alerts{os.sep}gauges.md:16:" in line for line in inplace)
    moved = [line.replace(f"{os.sep}_projects{os.sep}", f"{os.sep}projects{os.sep}")
             .replace(f"{os.sep}_updates{os.sep}", f"{os.sep}updates{os.sep}")
             .replace(str(both["inplace"].outdir.parent), str(both["top"].outdir.parent)) for line in inplace]
    assert sorted(moved) == sorted(both["top"].warnings)


def test_make_check_reads_the_collection_like_a_build(both) -> None:
    from pageorder.check import check

    top = both["top"].outdir.parent / "src"
    inplace = both["inplace"].outdir.parent / "src"
    assert check(inplace, REPO)[1] == check(top, REPO)[1] == 20


def test_only_collections_jekyll_published_are_read(tmp_path: Path) -> None:
    from jekyll_compat.inplace import published_collections

    write_pages(tmp_path, {f"{f}/a.md": "---\ntitle: A\n---\n" for f in
                     ("_projects", "_notes", "_posts", "_team", "docs/_guides")})
    config = {"collections": {"projects": {"output": True}, "notes": {"output": False}, "team": {},
                              "posts": {"output": True}, "missing": {"output": True},
                              "../up": {"output": True}, "a/b": {"output": True}}}
    assert published_collections(tmp_path, config) == {"_projects": "projects"}
    assert published_collections(tmp_path, {"collections": ["projects"]}) == {}
    assert published_collections(tmp_path, {"collections_dir": "docs",
                                            "collections": {"guides": {"output": True}}}) == {"docs/_guides": "guides"}
    assert published_collections(tmp_path, {"collections_dir": "../..",
                                            "collections": {"projects": {"output": True}}}) == {"_projects": "projects"}
    (tmp_path / "_linked").symlink_to(tmp_path / "_notes")
    assert published_collections(tmp_path, {"collections": {"linked": {"output": True}}}) == {}


def test_a_folder_include_names_holds_top_pages(tmp_path: Path) -> None:
    """``include: [_pages]`` made Jekyll read ``_pages/about.md`` as an ordinary page."""
    from jekyll_compat.inplace import published_collections

    write_pages(tmp_path, {f"{f}/a.md": "---\ntitle: A\n---\n" for f in
                           ("_pages", "_more", "_layouts", "_posts", "_projects", "docs/_deep")})
    (tmp_path / "_linked").symlink_to(tmp_path / "_more")
    config = {"include": ["_pages", "_more/", ".htaccess", "_layouts", "_posts", "_missing",
                          "docs/_deep", "_linked", "../_pages", 7, None],
              "collections": {"projects": {"output": True}}}
    assert published_collections(tmp_path, config) == {"_projects": "projects", "_pages": "",
                                                       "_more": ""}
    assert published_collections(tmp_path, {"include": "_pages"}) == {}


def test_the_pages_of_an_included_folder_are_published_at_the_top(tmp_path: Path) -> None:
    source = tmp_path / "src"
    write_pages(source, {
        "_config.yml": "title: Site\ninclude:\n  - _pages\ndefaults:\n  - scope:\n      type: pages\n"
                       "    values:\n      position: 5\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "_pages/about.md": "---\ntitle: About\npermalink: /about-us/\nposition: 1\n---\n\nAbout us.\n",
        "_pages/contact.md": "---\ntitle: Contact\n---\n\nCall 311.\n"})
    build = sphinx_build(source, tmp_path / "html", jobs="1", env=EPOCH)
    assert build.returncode == 0, build.output
    html = build.outdir
    assert (html / "about.html").is_file() and (html / "contact.html").is_file()
    assert not (html / "_pages").exists()
    assert (html / "about-us" / "index.html").is_file()  # its old address still leads to it
    assert "[jekyll.folder]" not in build.output
    home = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = [a["href"] for a in home.select(".toctree-wrapper a")]
    assert listed == ["about.html", "contact.html"]  # positions 1 and 5 (the folder's defaults)


def test_the_page_whose_permalink_is_the_sites_address_is_the_landing_page(tmp_path: Path) -> None:
    """academicpages: no index.md, and `_pages/about.md` (an included folder) has
    `permalink: /`. Its home was "About me"; a generated contents page took the site's address
    instead (and the permalink's redirect was refused as a collision with it)."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Jane Doe\ninclude:\n  - _pages\n",
        "_pages/about.md": "---\ntitle: About me\npermalink: /\n---\n\nI study cities.\n",
        "_pages/cv.md": "---\ntitle: CV\npermalink: /cv/\nposition: 2\n---\n\nMy CV.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert "redirect.collision" not in build.output
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('meta[http-equiv="refresh"]')["content"].endswith("url=about.html")
    about = BeautifulSoup((tmp_path / "html" / "about.html").read_text(encoding="utf-8"), "html.parser")
    assert "I study cities." in about.select_one("article").get_text()


def test_the_home_page_in_a_published_collection_is_the_landing_page(tmp_path: Path) -> None:
    """18F's Before You Ship keeps every page, its home among them, in a `pages` collection
    (`_pages/index.md`, `permalink: /`). A generated contents page took the site's address,
    and the home's own `/` was refused as a collision with it. The collection's
    `permalink: /:path/` published its pages at the top, so they are read there: the home is
    the site's `index.html` itself, and `_pages/ato.md` is `ato.html` (it was `/ato/`)."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "collections:\n  pages:\n    output: true\n    permalink: /:path/\n",
        "_pages/index.md": "---\ntitle: Your guide to launching software\npermalink: /\n---\n\n"
                           "Read this guide early and often.\n",
        "_pages/ato.md": "---\ntitle: ATOs\nposition: 2\n---\n\nAn authority to operate.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert "redirect.collision" not in build.output and "is generated" not in build.output
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Read this guide early and often." in home.select_one("article").get_text()
    assert not (tmp_path / "html" / "pages").exists()
    assert "An authority to operate." in (tmp_path / "html" / "ato.html").read_text(encoding="utf-8")
    assert "ato.html" in (tmp_path / "html" / "ato" / "index.html").read_text(encoding="utf-8")


def test_the_project_maps_collection_files_to_their_page_names(tmp_path: Path) -> None:
    from jekyll_compat.inplace import CollectionsProject

    write_pages(tmp_path, {"index.md": "x", "projects/b.md": "x", "_projects/a.md": "x", "_projects/b.md": "x",
                     "_projects/deep/c.markdown": "x", "_projects/_template/index.md": "x",
                     "_projects/.hidden.md": "x", "_projects/old/d.md": "x", "_projects/notes.txt": "x"})
    project = CollectionsProject(tmp_path, (".md", ".markdown"), {"_projects": "projects"})
    found = project.discover(["_*", "**/_*", ".*", "**/.*", "_projects/old/**"])
    assert found == {"index", "projects/a", "projects/b", "projects/deep/c"}
    assert str(project.doc2path("projects/deep/c", absolute=False)) == "_projects/deep/c.markdown"
    assert str(project.doc2path("projects/b", absolute=False)) == "projects/b.md"  # the top page keeps it
    assert [(c.path.as_posix(), c.docname) for c in project.clashes] == [("_projects/b.md", "projects/b")]
    assert project.path2doc(tmp_path / "_projects" / "a.md") == "projects/a"
    assert project.path2doc("_projects/a.md") == "projects/a"


def test_a_site_whose_pages_are_all_in_a_collection_builds(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {
        "_config.yml": "collections:\n  projects:\n    output: true\n    permalink: /projects/:path/\n",
        "_projects/floods.md": "---\ntitle: Flood alerts\nposition: 1\nlayout: redirect\n"
                               "redirect_to: /projects/floods/about/\n---\n",
        "_projects/floods/about.md": "---\ntitle: About the alerts\nposition: 1\n---\n\n"
                                     "Sensors on [low water crossings](../floods/about.md).\n",
        "_projects/how-to.md": "How to add a project (no front matter: a file, not a page).\n"})
    from edition_build import check_source

    assert check_source(source) == 3  # no BuildFolderProblem: the collection holds the Markdown files
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    page = (tmp_path / "html" / "projects" / "floods" / "about.html").read_text(encoding="utf-8")
    assert "Sensors on" in page and "low water crossings" in page
    assert (tmp_path / "html" / "projects" / "floods" / "about" / "index.html").is_file()  # the old address
    assert not (tmp_path / "html" / "projects" / "how-to.html").exists()
    assert any("_projects/how-to.md:1:" in line and "[jekyll.no-front-matter]" in line for line in build.warnings)


def test_links_written_relative_to_the_old_pages_address_lead_where_they_led(tmp_path: Path) -> None:
    """Jekyll's docs link `[YAML Front Matter](../frontmatter/)` from /docs/posts/: an address
    read from the page's URL (here a redirect_from), not a file name; Project Open Data's
    home links `faq/`. They were shown as bare words with MyST's 'target not found'."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "collections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\n",
        "index.md": "---\ntitle: Home\npermalink: /\n---\n\nRead the [questions](faq/).\n",
        "faq.md": "---\ntitle: Questions\npermalink: /faq/\n---\n\nAsk.\n",
        "_docs/front-matter.md": "---\ntitle: Front Matter\npermalink: /docs/front-matter/\n"
                                 "redirect_from: /docs/frontmatter/index.html\n---\n\nYAML.\n",
        "_docs/datafiles.md": "---\ntitle: Data Files\n---\n\nData.\n",
        "_docs/posts.md": "---\ntitle: Writing posts\npermalink: /docs/posts/\n---\n\n"
                          "Posts need [front matter](../frontmatter/) and may use [data](../datafiles/)\n"
                          "or [this file](datafiles.md).\n\n[Gone](../structure/) is not here.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    page = BeautifulSoup((tmp_path / "html" / "docs" / "posts.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("article a.reference.internal")}
    assert links == {"front matter": "front-matter.html", "data": "datafiles.html",
                     "this file": "datafiles.html"}, links
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("a", string="questions")["href"] == "faq.html"
    [gone] = [w for w in build.warnings if "'../structure/'" in w]
    assert "posts.md:9: WARNING: the link '../structure/' leads to no page" in gone and gone.endswith("[jekyll.link]")
    assert "xref_missing" not in build.output


def test_a_pretty_address_written_without_its_slash_leads_to_the_page(tmp_path: Path) -> None:
    """Before You Ship's ``infrastructure/aws.md`` links ``../sandbox`` four times (the web
    server answered /infrastructure/sandbox with the page): the words were shown unlinked,
    with MyST's 'leads to no page'. A MyST target name (no address) is still MyST's."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "permalink: pretty\n",
        "index.md": "---\ntitle: Home\n---\n\nSee [infra](infra/).\n",
        "infra.md": "---\ntitle: Infra\n---\n\nLanding.\n",
        "infra/sandbox.md": "---\ntitle: Sandbox\n---\n\n(money-label)=\n## Money\n\nText.\n",
        "infra/aws.md": "---\ntitle: AWS\n---\n\nUse a [sandbox](../sandbox), its [money](../sandbox#money)"
                        " or [the label](money-label).\n\n[Gone](../nowhere) is not here.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    page = BeautifulSoup((tmp_path / "html" / "infra" / "aws.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("article a.reference.internal")}
    assert links == {"sandbox": "sandbox.html", "money": "sandbox.html#money",
                     "the label": "sandbox.html#money-label"}, links
    assert [w for w in build.warnings if "../nowhere" in w], build.output
    assert not [w for w in build.warnings if "'../sandbox" in w], build.output


def test_a_link_to_a_heading_at_a_pages_pretty_address_leads_to_it(tmp_path: Path) -> None:
    """Before You Ship's home links `infrastructure/#federalist` (`permalink: pretty`): the
    page `infrastructure` is there, so MyST was left the link, which it cannot follow with a
    heading: its words were shown without the link, with a warning that no page is there."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "permalink: pretty\n",
        "index.md": "---\ntitle: Home\n---\n\nSee [the fees](guide/#fees) and [the guide](guide/).\n",
        "guide.md": "---\ntitle: Guide\nposition: 1\n---\n\nIntro.\n\n## Fees\n\nFees text.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in home.select("article a.reference.internal")}
    assert links["the fees"] == "guide.html#fees" and links["the guide"] == "guide.html", links
    assert "xref_missing" not in build.output and "jekyll.link" not in build.output


def test_a_front_matter_link_that_leads_nowhere_is_said_at_its_key(tmp_path: Path) -> None:
    """minimal-mistakes' `gallery:` and `feature_row:` items link old addresses; one that
    leads to no page was said at `page.md:1`, not where the list is."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Site\n",
        "index.md": "---\ntitle: Home\nexcerpt: Pictures\ngallery:\n  - url: /nowhere/\n"
                    "    title: Image 1 title caption\n---\n\nText.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    [link] = [w for w in build.warnings if w.endswith("[jekyll.link]")]
    assert "index.md:4: WARNING: the link '/nowhere/' leads to no page" in link


def test_an_old_site_is_published_under_its_own_name_and_address(tmp_path: Path) -> None:
    """Built from its own folder, the old site keeps its `_config.yml` title, description and
    address (not this project's CITATION.cff title, nor its DOI); a CITATION.cff beside the
    pages wins over both."""
    source = write_pages(tmp_path / "site", {
        "_config.yml": "title: Innovation Projects\ndescription: Pilots of the lab\n"
                       "url: http://projects.example.gov\nbaseurl: /lab\n",
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "<title>Home - Innovation Projects</title>" in index or "Innovation Projects</title>" in index
    assert 'href="http://projects.example.gov/lab/index.html"' in index  # canonical
    assert "Smart City Austin" not in index and "doi.org" not in index
    (tmp_path / "CITATION.cff").write_text((REPO / "CITATION.cff").read_text(encoding="utf-8")
                                           .replace("Smart City Austin", "Our Own Book"), encoding="utf-8")
    build = sphinx_build(source, tmp_path / "html2", strict=False)
    assert "Our Own Book</title>" in (tmp_path / "html2" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("key", ["name", "site_title", "topnav_title"])
def test_an_old_site_named_by_name_carries_none_of_this_projects_summary(tmp_path: Path, key: str) -> None:
    """jekyll-now's `_config.yml` names the site with `name:`, documentation-theme-jekyll's
    with `site_title:` and `topnav_title:` (no `title:`). The site was published as "Smart
    City Austin", and a site with a title of its own still got this project's summary,
    keywords and cover subtitle ("What a smart city means for Austin")."""
    source = write_pages(tmp_path / "site", {
        "_config.yml": f"{key}: Wenyao\n",
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n"})
    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert epub.returncode == 0, epub.output
    opf = next((tmp_path / "epub").rglob("content.opf")).read_text(encoding="utf-8")
    assert "<dc:title>Wenyao</dc:title>" in opf or ">Wenyao</dc:title>" in opf, opf
    assert "smart city" not in opf.casefold() and "Smart City Austin" not in opf
    pdf = sphinx_build(source, tmp_path / "pdf", "typst", strict=False)
    assert pdf.returncode == 0, pdf.output
    typ = next(p for p in (tmp_path / "pdf").glob("*.typ") if p.name != "book.typ").read_text(encoding="utf-8")
    assert '"title": "Wenyao"' in typ and "smart city" not in typ.casefold()


def test_a_folder_named_for_a_date_lands_under_that_date(tmp_path: Path) -> None:
    """Open Austin's ``docs/weekly-review-archive/2026-07-07/`` (a meeting's notes, one folder
    a week): its generated landing was titled "2026 07 07", a date no reader writes."""
    from conftest import build_every_edition, write_pages

    source = write_pages(tmp_path / "src", {
        "index.md": "# Open Austin\n\nNotes.\n",
        "archive/2026-07-07/finance.md": "# Finance\n\nSeek out free software.\n",
        "archive/2026-06/board.md": "# Board\n\nThe board met.\n",
        "archive/zero-waste/plan.md": "# Plan\n\nThe plan.\n"})
    build_every_edition(source, tmp_path / "out", strict=False)
    html = tmp_path / "out" / "html" / "archive"
    titles = [BeautifulSoup((html / f / "index.html").read_text(encoding="utf-8"), "html.parser").h1
              .get_text(strip=True).rstrip("¶#") for f in ("2026-07-07", "2026-06", "zero-waste")]
    assert titles == ["2026-07-07", "2026-06", "Zero Waste"]


def test_a_person_named_by_name_is_titled_by_it_in_every_edition(tmp_path: Path) -> None:
    """usds.gov's ``_people/0104_whitney-teal.md``: ``name: Whitney Teal`` and no ``title:``
    (its layout printed ``page.name`` as the heading). The page was titled "0104_whitney
    Teal" after its file, and the name said to be shown nowhere."""
    from conftest import build_every_edition, write_pages

    source = write_pages(tmp_path / "src", {
        "_config.yml": "collections:\n  people:\n    output: true\n",
        "index.md": "---\ntitle: USDS\n---\n\nOur people.\n",
        "_people/0104_whitney-teal.md": "---\nlayout: default\nname: Whitney Teal\n"
                                        "pronouns: She/Her\n---\n\n**Why did you join USDS?**\n\nTo tell stories.\n"})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    page = BeautifulSoup((tmp_path / "out" / "html" / "people" / "0104_whitney-teal.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text(strip=True).rstrip("¶#") == "Whitney Teal"
    warned = "\n".join(builds["html"].warnings)
    assert "0104_whitney Teal" not in warned and "`name`" not in warned, warned
    assert "`pronouns`" in warned  # the layout's other words are still said
    pdf = next((tmp_path / "out" / "typst").glob("*.pdf"))
    assert "Whitney Teal" in "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)


def test_jekyll_titles_a_document_with_an_empty_title_after_its_file() -> None:
    from jekyll_compat.titles import fill_empty_title, titleize_slug

    assert titleize_slug("projects/roadmap/government-that-works") == "Government That Works"
    assert titleize_slug("projects/Smart City/About/index") == "About"
    assert titleize_slug("updates/2019-05-03-first-year") == "First Year"
    text = "---\ntitle:\nposition: 2\n---\n\n## Outcome\n"
    assert fill_empty_title(text, 2, "Safety") == '---\ntitle: "Safety"\nposition: 2\n---\n\n## Outcome\n'
    assert fill_empty_title("---\r\ntitle: ~\r\n---\r\n", 2, "A") == '---\r\ntitle: "A"\r\n---\r\n'
    assert fill_empty_title("---\ntitle: Kept\n---\n", 2, "A") is None
    assert fill_empty_title("---\ntitle:\n---\n", 1, "A") is None  # not the title line


def test_a_page_with_an_empty_title_is_named_as_jekyll_named_a_document(tmp_path: Path) -> None:
    """One rule for every page (a collection's or not), said in the warning; a page with no
    title and no heading at all is named so too, with a heading in the page."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "collections:\n  projects:\n    output: true\n",
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n",
        "notes.md": "---\ntitle:\nposition: 2\n---\n\n## Outcome\n\nNo collection, the same rule.\n",
        "bus-stops.md": "---\nposition: 3\n---\n\nNo title, no heading.\n",
        "_projects/roadmap/government-that-works.md": "---\ntitle:\nposition: 1\n---\n\n## Outcome\n\nFast.\n",
        "_projects/roadmap/safety.md": "---\ntitle:\nposition: 2\n---\n\n## Outcome\n\nSafe.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    from bs4 import BeautifulSoup

    def heading(name: str) -> str:
        page = BeautifulSoup((tmp_path / "html" / name).read_text(encoding="utf-8"), "html.parser")
        return page.select_one("article h1").get_text().strip("¶# \n")

    assert heading("projects/roadmap/government-that-works.html") == "Government That Works"
    assert heading("projects/roadmap/safety.html") == "Safety"
    assert heading("notes.html") == "Notes"
    assert heading("bus-stops.html") == "Bus Stops"
    said = [line for line in build.warnings if "title" in line]
    assert any("notes.md:2: WARNING: `title` is empty: the page is titled 'Notes'" in w for w in said), said
    assert any("bus-stops.md:1: WARNING: the page has no title, so it is titled 'Bus Stops'" in w
               for w in said), said


def test_a_collections_generated_landing_is_titled_for_readers(tmp_path: Path) -> None:
    """cityofaustin/developer-guides: ``collections: application_development: output: true``
    and no landing page for it: the generated one reads "Application Development", not the
    folder's name "Application_development"."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "theme: jekyll-theme-zilker\ntitle: Web Development Guides\npermalink: pretty\n"
                       "collections:\n  application_development:\n    output: true\n",
        "index.md": "---\nlayout: default\ntitle: Home\nposition: 1\n---\n\nThe City's developer guides.\n",
        "_application_development/deployment.md": "---\nlayout: page\ntitle: Deployment\nposition: 1\n"
                                                  "---\n\nHow we deploy.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    landing = BeautifulSoup((tmp_path / "html" / "application_development" / "index.html")
                            .read_text(encoding="utf-8"), "lxml")
    assert landing.find("h1").get_text(" ", strip=True).rstrip(" ¶") == "Application Development"
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert "Application Development" in [a.get_text(strip=True) for a in home.select(".sidebar-tree a")]


def test_a_page_linked_from_outside_into_a_collection_is_refused_and_said(tmp_path: Path) -> None:
    """A link in ``_projects/`` or an included ``_pages/`` is a page like a link at the top:
    safety refuses one that leads out of the source folder, with its warning (it used to be
    skipped without a word)."""
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Secret\nposition: 9\n---\n\nThe build machine's words.\n",
                       encoding="utf-8")
    source = tmp_path / "src"
    write_pages(source, {
        "_config.yml": "include: [_pages]\ncollections:\n  projects:\n    output: true\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "_pages/about.md": "---\ntitle: About\nposition: 1\n---\n\nAbout us.\n",
        "_projects/a.md": "---\ntitle: A\nposition: 2\n---\n\nA project.\n"})
    (source / "_pages" / "secret.md").symlink_to(outside)
    (source / "_projects" / "secret.md").symlink_to(outside)
    build = sphinx_build(source, tmp_path / "html", strict=False, jobs="1", env=EPOCH)
    assert build.returncode == 0, build.output
    said = [line for line in build.output.splitlines() if "[security.file-outside]" in line]
    assert len(said) == 2 and all("outside the source folder" in line for line in said), said
    site = " ".join(p.read_text(encoding="utf-8") for p in build.outdir.rglob("*.html"))
    assert "build machine" not in site and (build.outdir / "about.html").is_file()


RELATIVE_SITE = {
    "_config.yml": "title: Docs\n",
    "index.md": "---\ntitle: Home\n---\n\n<p>Start at the <a href=\"../docs/posts/\">posts</a>.</p>\n",
    "docs/frontmatter.md": "---\ntitle: Front matter\nposition: 2\npermalink: /docs/frontmatter/\n---\n\n"
                           "## Dates\n\nYAML.\n",
    "docs/posts.md": "---\ntitle: Posts\nposition: 1\npermalink: /docs/posts/\n---\n\n"
                     "Markdown: [front matter](../frontmatter/).\n\n"
                     "<p>Raw: <a href=\"../frontmatter/\">raw front matter</a>, "
                     "<a href=\"../frontmatter/#dates\">raw dates</a>, <a href=\"../gone/\">gone</a>.</p>\n\n"
                     "<div>\n<a href=\"../frontmatter/\">block link</a>\n</div>\n"}


@pytest.mark.parametrize("builder", ["html", "epub", "typst"])
def test_relative_links_in_a_pages_html_are_read_from_its_old_address(tmp_path: Path, builder: str) -> None:
    """``<a href="../frontmatter/">`` on the page whose old address was /docs/posts/ leads
    where the same Markdown link leads (the page at /docs/frontmatter/); it was read as a
    file name beside ``docs/posts.md``, found no page, and lost its link. One that leads
    nowhere is said once, as the page has it. A ``..`` above the root stays at the root."""
    from jekyll_compat.urls import joined

    assert joined("/", "../docs/posts/") == "/docs/posts/" and joined("/a/", "../../b/#c") == "/b/#c"
    source = write_pages(tmp_path / "src", RELATIVE_SITE)
    build = sphinx_build(source, tmp_path / "out", builder, strict=False, timeout=600)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "link" in w and "posts.md" in w]
    assert len(said) == 1 and "posts.md:9: WARNING: the link '../gone/' leads to no page" in said[0], said
    assert not [w for w in build.warnings if "/src/index.md:" in w], build.warnings
    if builder == "typst":
        [book] = [p.read_text(encoding="utf-8") for p in (tmp_path / "out").glob("*.typ") if p.name != "book.typ"]
        for words, label in (("raw front matter", "docs/frontmatter:front-matter"),
                             ("raw dates", "docs/frontmatter:dates"), ("block link", "docs/frontmatter:front-matter"),
                             ("posts", "docs/posts:posts")):
            assert f'#xref(label("{label}"), page-word: "page")[#"{words}"]' in book, words
        return
    if builder == "epub":
        from test_rawhtml import epubcheck_errors

        book = next((tmp_path / "out").glob("*.epub"))
        assert epubcheck_errors(book) == []
        with zipfile.ZipFile(book) as archive:
            posts, home = (archive.read(name).decode() for name in ("docs/posts.xhtml", "index.xhtml"))
        suffix = ".xhtml"
    else:
        posts, home = ((tmp_path / "out" / name).read_text(encoding="utf-8") for name in ("docs/posts.html", "index.html"))
        suffix = ".html"
    links = {a.get_text(): a.get("href") for a in BeautifulSoup(posts, "html.parser").select("a")}
    assert links["front matter"] == links["raw front matter"] == links["block link"] == f"frontmatter{suffix}"
    assert links["raw dates"] == f"frontmatter{suffix}#dates" and links.get("gone") is None  # its words
    assert BeautifulSoup(home, "html.parser").find("a", string="posts")["href"] == f"docs/posts{suffix}"


def test_a_landing_page_in_a_collection_gives_a_book_whose_contents_lead_to_its_pages(tmp_path: Path) -> None:
    """With Before You Ship's home (`_pages/index.md`) as the landing page, the ePub's
    toc.ncx and nav.xhtml named `ato.xhtml` for `pages/ato.xhtml`: read from the book's top,
    not from the landing page's folder, so every entry but the first led to no file
    (EPUBCheck RSC-007)."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "collections:\n  pages:\n    output: true\n    permalink: /guide/:path/\n",
        "_pages/index.md": "---\ntitle: Home\npermalink: /\n---\n\nHome text.\n",
        "_pages/ato.md": "---\ntitle: ATOs\nposition: 2\n---\n\nATO text.\n",
        "_pages/ato/levels.md": "---\ntitle: Levels\nposition: 1\n---\n\nLevels text.\n"})
    build = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert build.returncode == 0, build.output
    [book] = (tmp_path / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as epub:
        names = set(epub.namelist())
        ncx = epub.read("toc.ncx").decode()
        nav = epub.read("nav.xhtml").decode()
    linked = re.findall(r'src="([^"#]+)', ncx) + re.findall(r'href="([^"#]+\.xhtml)', nav)
    assert {"pages/ato.xhtml", "pages/ato/levels.xhtml"} <= set(linked)
    assert all(name in names for name in linked), sorted(set(linked) - names)


def test_a_collection_declared_in_its_own_collection_yml_is_published(tmp_path: Path) -> None:
    """Isomer, the Singapore Government's Jekyll platform, declares each collection in
    `_<name>/collection.yml` and builds with `--config _config.yml,_catalog/collection.yml`
    (GovTech's IM8 control catalog). Its catalog, the site's whole content, was warned as
    "never read" and left out. Only the file in the collection's own folder counts."""
    from jekyll_compat import jekyll_config

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: IM8\npermalink: none\ncollections:\n  catalog:\n    permalink: /old/:path/\n",
        "_catalog/collection.yml": "collections:\n  catalog:\n    output: true\n    order:\n"
                                   "      - Access Control/AC-1.md\n",
        "_catalog/Access Control/AC-1.md": "---\ntitle: AC-1\npermalink: /catalog/ac/ac-1/\n---\n\n"
                                           "Deny access by default.\n",
        "_drafts2/collection.yml": "collections:\n  catalog:\n    output: false\n  drafts2:\n    output: false\n",
        "_notes/collection.yml": "collections:\n  catalog:\n    output: false\n",
        "_notes/a.md": "---\ntitle: A note\n---\n\nNot published.\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    site = jekyll_config(source)
    assert site["collections"]["catalog"] == {"permalink": "/old/:path/", "output": True,
                                              "order": ["Access Control/AC-1.md"]}
    assert site["collections"]["drafts2"] == {"output": False} and "notes" not in site["collections"]
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    page = BeautifulSoup((tmp_path / "html" / "catalog" / "Access Control" / "AC-1.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert "Deny access by default." in page.select_one("article").get_text()
    assert (tmp_path / "html" / "catalog" / "ac" / "ac-1" / "index.html").is_file()  # its old address
    assert "'_catalog/' holds" not in build.output and "'_notes/' holds" in build.output
    assert not (tmp_path / "html" / "notes").exists()


def test_a_collection_yml_that_cannot_be_opened_is_said_at_its_file(tmp_path: Path) -> None:
    """A folder where Isomer's `_resources/collection.yml` should be (an unpacked archive
    does it) was passed over without a word: its collection's settings were missing."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Site\n",
        "_resources/collection.yml/keep.txt": "kept\n",
        "_resources/media.md": "---\ntitle: Media\n---\n\nPress releases.\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = f"{source / '_resources' / 'collection.yml'}:1: WARNING: 'collection.yml' cannot be read " \
           "(it cannot be opened: Is a directory)"
    assert said in build.output and "[jekyll.site-file]" in build.output, build.output


def test_a_collections_order_places_its_pages(tmp_path: Path) -> None:
    """Isomer's `_catalog/collection.yml` lists its files in `order:` (Jekyll 4's), the
    `Introduction.md` of each group first: the pages had no `position`, came alphabetically
    (the introduction after its controls) and each was warned for it. Its own
    `position:` still wins."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: IM8\n",
        "_catalog/collection.yml": "collections:\n  catalog:\n    output: true\n    order:\n"
                                   "      - Access Control/.keep\n      - Access Control/Introduction.md\n"
                                   "      - Access Control/AC-2.md\n      - Access Control/AC-1.md\n"
                                   "      - Access Control/AC-3.md\n",
        "_catalog/Access Control/Introduction.md": "---\ntitle: Introduction\n---\n\nControls.\n",
        "_catalog/Access Control/AC-1.md": "---\ntitle: AC-1\n---\n\nLeast privilege.\n",
        "_catalog/Access Control/AC-2.md": "---\ntitle: AC-2\n---\n\nMFA.\n",
        "_catalog/Access Control/AC-3.md": "---\ntitle: AC-3\nposition: 1\n---\n\nReview.\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert "position.missing" not in build.output, build.output
    landing = BeautifulSoup((tmp_path / "html" / "catalog" / "Access Control" / "index.html")
                            .read_text(encoding="utf-8"), "html.parser")
    listed = [a.get_text(strip=True) for a in landing.select("article .toctree-wrapper a")]
    assert listed == ["AC-3", "Introduction", "AC-2", "AC-1"], listed


def test_a_home_in_an_ordinary_folder_is_the_home_and_its_folder_the_first_level(tmp_path: Path) -> None:
    """18F's federalist templates (and thousands of sites shaped like them) keep their pages
    in `pages/`: `pages/home.md` is the home (`permalink: /`), `pages/about.md` is at
    `/about/`. Only the top folder and collections were searched for the home: the home's
    text was a chapter "Home" inside a generated section "Pages", under a generated front
    page. The home leads now, and the pages beside it are the book's first level."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Modern Team\nmarkdown: kramdown\n",
        "pages/home.md": "---\nlayout: home\npermalink: /\n---\nWe believe government works best "
                         "when it is built for people.\n",
        "pages/about.md": "---\nlayout: page\ntitle: About\npermalink: /about/\n---\n## About GSA\n\n"
                          "GSA provides workplaces.\n",
        "pages/contact.md": "---\ntitle: Contact\npermalink: /contact/\n---\nWrite to us.\n",
        "drafts/home.md": "---\ntitle: Old home\npermalink: /\npublished: false\n---\nGone.\n"})
    html = sphinx_build(source, tmp_path / "html", strict=False)
    assert html.returncode == 0, html.output
    assert "position.no-landing" not in html.output, html.warnings
    home = BeautifulSoup((tmp_path / "html" / "pages" / "home.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert "built for people" in home.select_one("article").get_text()
    tree = home.select_one(".sidebar-tree")
    assert [a.get_text() for a in tree.select("a")] == ["About", "Contact"]
    assert [a.get_text() for a in tree.select(":scope > ul > li > a")] == ["About", "Contact"]
    assert 'url=pages/home.html' in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")

    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert epub.returncode == 0, epub.output
    [book] = (tmp_path / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        nav = BeautifulSoup(archive.read("nav.xhtml"), "html.parser").find("nav")
    assert [a.get_text() for a in nav.select("ol > li > a")][:3] == ["Modern Team", "About", "Contact"]


def test_a_dated_document_in_any_collection_keeps_the_address_jekyll_gave_it(tmp_path: Path) -> None:
    """Jekyll dates every collection's ``2020-03-05-first-year.md`` by its name, not only
    posts': ``:year`` is 2020 and ``:title`` the words after the day. Old links to
    /news/2020/03/first-year/ led to it, and must lead to its page still."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "collections:\n  updates:\n    output: true\n"
                       "    permalink: /news/:year/:month/:title/\n  minutes:\n    output: true\n"
                       "    permalink: /council/:slug.html\n",
        "index.md": "---\ntitle: Home\npermalink: /\n---\n\nRead [the first year](/news/2020/03/first-year/) "
                    "and [the minutes](/council/march-vote.html).\n",
        "_updates/2020-03-05-first-year.md": "---\ntitle: Our first year\n---\n\nA year of sensors.\n",
        "_minutes/2021-3-9-March-Vote.md": "---\ntitle: March vote\n---\n\nThe council voted.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False, env=EPOCH)
    assert build.returncode == 0, build.output
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.find("a", string="the first year")["href"] == "updates/2020-03-05-first-year.html"
    assert home.find("a", string="the minutes")["href"] == "minutes/2021-3-9-March-Vote.html"
    redirect = (tmp_path / "html" / "news" / "2020" / "03" / "first-year" / "index.html").read_text(encoding="utf-8")
    assert "updates/2020-03-05-first-year.html" in redirect
    assert (tmp_path / "html" / "council" / "march-vote.html").is_file()
    assert not [w for w in build.warnings if "jekyll.link" in w]


def test_a_collection_published_at_its_paths_alone_is_read_at_the_top(tmp_path: Path) -> None:
    """plainlanguage.gov and uswds-jekyll keep their pages in `_pages` with `permalink: /:path/`:
    Jekyll published `_pages/about/team.md` at `/about/team/`, a section "About us" at the
    top. It came out under a "Pages" chapter no reader ever saw, with a warning advising a
    file that would be a new page. Its `order:` still places its pages."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Site\ncollections:\n  pages:\n    output: true\n    permalink: /:path/\n"
                       "    order:\n      - about/index.md\n      - law.md\n"
                       "  guidelines:\n    output: true\n    permalink: /:collection/:path/\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "_pages/about/index.md": "---\ntitle: About us\npermalink: /about/\n---\n\nWho we are.\n",
        "_pages/about/team.md": "---\ntitle: Our team\nposition: 1\n---\n\nThe people.\n",
        "_pages/law.md": "---\ntitle: Law\n---\n\nThe act.\n",
        "_guidelines/audience.md": "---\ntitle: Audience\nposition: 3\n---\n\nKnow them.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    html = tmp_path / "html"
    assert "'pages/' has no landing page" not in build.output and "position.missing" not in build.output
    assert not (html / "pages").exists()
    assert (html / "about" / "team.html").is_file() and (html / "law.html").is_file()
    assert "team.html" in (html / "about" / "team" / "index.html").read_text(encoding="utf-8")  # /about/team/
    home = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    top = [a["href"] for a in home.select("article .toctree-wrapper > ul > li > a")]
    assert top == ["about/index.html", "law.html", "guidelines/index.html"], top


def test_a_page_in_a_published_collection_that_sphinx_passes_over_is_said(tmp_path: Path) -> None:
    """``safety`` learns the collections read as pages from ``jekyll_compat`` through a declared
    event (``safety-folders-read-as-pages``): a collection's page whose name is not in composed
    Unicode (``café`` typed as ``e`` + U+0301, as macOS writes it) is said like any page's."""
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "collections:\n  projects:\n    output: true\n",
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nProjects.\n",
        "_projects/cafe\u0301-study.md": "---\ntitle: Study\n---\n\nWords.\n",
    })
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert any("cafe" in line and "[security.page-name]" in line for line in build.warnings), build.output
