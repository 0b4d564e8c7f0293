"""Position order is the same in the HTML sidebar, prev/next links, ePub spine and ePub contents."""

from __future__ import annotations

import posixpath
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
import pypdf
from bs4 import BeautifulSoup

from conftest import REPO, copy_root, sphinx_build, write_pages

NESTED_ORDER = [
    "index", "jekyll", "jekyll/child", "jekyll/inner", "jekyll/inner/leaf",
    "guide/index", "guide/one", "guide/two", "guide/basics/index", "guide/basics/a",
    "guide/basics/deep/index", "guide/basics/deep/leaf", "last",
]
FLAT_ORDER = ["index", "z", "a", "c", "b", "y"]


def docname(href: str, relative_to: str = "") -> str:
    if href.startswith("#"):
        return relative_to
    path = posixpath.normpath(posixpath.join(posixpath.dirname(relative_to), unquote(href.split("#")[0])))
    return path.removesuffix(".html").removesuffix(".xhtml")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def sidebar_order(html: Path, page: str = "index") -> list[str]:
    tree = soup(html / f"{page}.html").select_one(".sidebar-tree")
    return [docname(a["href"], page) for a in tree.select("a.reference")]


def next_links_order(html: Path) -> list[str]:
    order, current = ["index"], "index"
    while (link := soup(html / f"{current}.html").select_one("a.next-page")) is not None:
        current = docname(link["href"], current)
        order.append(current)
    return order


def previous_links_order(html: Path, last: str) -> list[str]:
    order, current = [last], last
    while (link := soup(html / f"{current}.html").select_one("a.prev-page")) is not None:
        current = docname(link["href"], current)
        order.append(current)
    return order[::-1]


def epub_orders(epub: Path) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(epub) as archive:
        opf = BeautifulSoup(archive.read("content.opf"), "xml")
        nav = BeautifulSoup(archive.read("nav.xhtml"), "xml")
    hrefs = {item["id"]: item["href"] for item in opf.find_all("item")}
    spine = [docname(hrefs[ref["idref"]]) for ref in opf.find("spine").find_all("itemref")]
    contents = [docname(a["href"]) for a in nav.find("nav").find_all("a") if "#" not in a["href"]]
    return [d for d in spine if d != "nav"], contents


@pytest.fixture(scope="module")
def nested(tmp_path_factory):
    base = tmp_path_factory.mktemp("nested")
    src = copy_root("order-nested", base / "src")
    html = sphinx_build(src, base / "html", doctrees=base / "doctrees")
    epub = sphinx_build(src, base / "epub", "epub", doctrees=base / "doctrees")
    assert html.returncode == 0 and epub.returncode == 0, html.output + epub.output
    return base


def test_sidebar_lists_every_page_in_position_order(nested):
    assert sidebar_order(nested / "html") == NESTED_ORDER[1:]
    assert sidebar_order(nested / "html", "guide/basics/deep/leaf") == NESTED_ORDER[1:]


def test_next_and_previous_links_walk_the_same_order(nested):
    assert next_links_order(nested / "html") == NESTED_ORDER
    assert previous_links_order(nested / "html", NESTED_ORDER[-1]) == NESTED_ORDER


def test_epub_spine_and_contents_follow_the_order(nested):
    spine, contents = epub_orders(nested / "epub" / "smart-city-austin.epub")
    assert spine == NESTED_ORDER
    assert contents == NESTED_ORDER


def test_section_landing_page_lists_its_children(nested):
    listing = soup(nested / "html" / "guide" / "index.html").select(
        "article .publication-contents a.reference")
    assert [docname(a["href"], "guide/index") for a in listing] == [
        "guide/one", "guide/two", "guide/basics/index", "guide/basics/a",
        "guide/basics/deep/index", "guide/basics/deep/leaf"]


def test_unpublished_pages_are_in_no_edition(nested):
    html = nested / "html"
    for name in ("draft", "hidden/index", "hidden/child"):
        assert not (html / f"{name}.html").exists()
        assert not (nested / "epub" / f"{name}.xhtml").exists()
    for page in html.rglob("*.html"):
        assert "Not for publication" not in page.read_text(encoding="utf-8")


def test_flat_order_ties_and_unpositioned_page(tmp_path):
    src = copy_root("order-flat", tmp_path / "src")
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert sidebar_order(tmp_path / "html") == FLAT_ORDER[1:]
    assert next_links_order(tmp_path / "html") == FLAT_ORDER
    assert [line for line in build.warnings if "[position." in line] == [
        f"{src / 'y.md'}:1: WARNING: the page has no `position`, so it comes after the numbered "
        "pages beside it, by its title; start it with front matter that gives its place: a line "
        "`---`, then `position: 10`, then `---` [position.missing]"]


def test_same_order_under_strict_build_fails_only_on_warning(tmp_path):
    src = copy_root("order-flat", tmp_path / "src")
    build = sphinx_build(src, tmp_path / "html", strict=True)
    assert build.returncode != 0
    assert "y.md:1: WARNING" in build.output and "Traceback" not in build.output


def test_a_category_can_be_silenced(tmp_path):
    src = copy_root("order-flat", tmp_path / "src")
    build = sphinx_build(src, tmp_path / "html", extra=("-D", "suppress_warnings=position.missing"))
    assert build.returncode == 0, build.output


def test_folder_without_index_uses_its_first_page_as_landing(tmp_path):
    src = tmp_path / "pages"
    src.mkdir()
    (src / "b.md").write_text("---\ntitle: Second\nposition: 2\n---\n\nTwo.\n", encoding="utf-8")
    (src / "a.md").write_text("---\ntitle: First\nposition: 1\n---\n\nOne.\n", encoding="utf-8")
    build = sphinx_build(src, tmp_path / "html")
    assert build.returncode == 0, build.output
    assert sidebar_order(tmp_path / "html", "a") == ["b"]
    assert soup(tmp_path / "html" / "a.html").select_one("a.next-page")["href"] == "b.html"


JEKYLL_FOLDERS = {  # the City's `_projects/Smart City Strategic Roadmap/`: Jekyll needs no landing
    "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
    "about.md": "---\ntitle: About us\nposition: 1\n---\n\nWho we are.\n",
    "Smart City Roadmap/Roadmap/layers.md": "---\ntitle: Layers\nposition: 2\n---\n\nThe layers.\n",
    "Smart City Roadmap/Roadmap/creation.md": "---\ntitle: Creation\nposition: 1\n---\n\nHow it began.\n",
    "Smart City Roadmap/team.md": "---\ntitle: Team\nposition: 3\n---\n\nThe team.\n",
    "zero-waste/design.md": "---\ntitle: Design\nposition: 5\n---\n\nThe design.\n",
    # `_projects/SUMMITweek Winter 2018.md` lands `SUMMITweek-Winter-2018/` by its permalink
    "Week 2018.md": "---\ntitle: SUMMITweek 2018\nposition: 4\nlayout: redirect\n"
                    "permalink: /week-2018/\nredirect_to: /week-2018/day/\n---\n",
    "week-2018/day.md": "---\ntitle: Day one\nposition: 1\n---\n\nWorkshops.\n",
}


def test_a_folder_without_landing_stays_a_section_in_every_edition(tmp_path):
    src = write_pages(tmp_path / "src", JEKYLL_FOLDERS)
    doctrees = tmp_path / "doctrees"
    builds = {b: sphinx_build(src, tmp_path / b, b, strict=False, doctrees=doctrees)
              for b in ("html", "epub", "typst")}
    assert all(b.returncode == 0 for b in builds.values()), [b.output for b in builds.values()]
    order = ["index", "about", "Smart City Roadmap/index", "Smart City Roadmap/Roadmap/index",
             "Smart City Roadmap/Roadmap/creation", "Smart City Roadmap/Roadmap/layers",
             "Smart City Roadmap/team", "Week 2018", "week-2018/day", "zero-waste/index",
             "zero-waste/design"]
    assert next_links_order(tmp_path / "html") == order
    landing = soup(tmp_path / "html" / "Smart City Roadmap" / "index.html")
    assert landing.select_one("article h1").get_text(strip=True).rstrip("#¶") == "Smart City Roadmap"
    assert [a.get_text(strip=True) for a in landing.select("article .publication-contents a")] == [
        "Roadmap", "Creation", "Layers", "Team"]
    assert soup(tmp_path / "html" / "zero-waste" / "index.html").select_one(
        "article h1").get_text(strip=True).rstrip("#¶") == "Zero Waste"
    spine, contents = epub_orders(tmp_path / "epub" / "smart-city-austin.epub")
    assert [d.replace("_", " ") for d in spine] == [d.replace("_", " ") for d in order]
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(
        next((tmp_path / "typst").glob("*.pdf"))).pages)
    assert text.index("Smart City Roadmap") < text.index("Roadmap\n") < text.index("How it began")
    warned = [w for w in builds["html"].warnings if "[position.no-landing]" in w]
    assert [w.split(": WARNING: ")[0] for w in warned] == [
        f"{src / 'Smart City Roadmap' / 'team.md'}:1", f"{src / 'Smart City Roadmap/Roadmap/creation.md'}:1",
        f"{src / 'zero-waste' / 'design.md'}:1"]
    assert sorted(p.relative_to(src).as_posix() for p in src.rglob("*.md")) == sorted(JEKYLL_FOLDERS)

    (src / "zero-waste" / "index.md").write_text("---\ntitle: Zero waste by 2040\nposition: 4\n---\n\n"
                                                 "Our goal.\n", encoding="utf-8")
    again = sphinx_build(src, tmp_path / "html", strict=False, doctrees=doctrees)
    assert again.returncode == 0, again.output
    landing = soup(tmp_path / "html" / "zero-waste" / "index.html")
    assert landing.select_one("article h1").get_text(strip=True).rstrip("#¶") == "Zero waste by 2040"
    assert "Our goal." in landing.get_text()


def test_a_folders_readme_is_its_section_and_links_to_the_folder_reach_it(tmp_path: Path) -> None:
    """GitHub's way to link a heading of the page it shows for a folder (``./#setup`` in
    ``guide/README.md``) led to a generated contents page, with a warning naming a file in
    the build cache; ``../guide/`` from another folder led there too."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nSee [the guide](guide/README.md).\n",
        "guide/README.md": "---\nposition: 1\n---\n\n# The guide\n\nJump to [setup](./#setup).\n\n"
                           "## Setup\n\nDo this.\n",
        "guide/one.md": "---\ntitle: Step one\nposition: 1\n---\n\nBack to [the guide](./).\n",
        "more/two.md": "---\ntitle: Two\nposition: 1\n---\n\nSee [the guide](../guide/#setup).\n",
        "more/index.md": "---\ntitle: More\nposition: 2\n---\n\nMore.\n"})
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode == 0, build.output
    html = tmp_path / "html"
    assert not (html / "guide" / "index.html").exists()
    assert sidebar_order(html) == ["guide/README", "guide/one", "more/index", "more/two"]
    assert soup(html / "guide" / "README.html").find("a", string="setup")["href"] == "#setup"
    assert soup(html / "guide" / "one.html").find("a", string="the guide")["href"] == "README.html"
    assert soup(html / "more" / "two.html").find("a", string="the guide")["href"] == "../guide/README.html#setup"


def test_an_unpublished_landing_says_the_pages_it_leaves_out(tmp_path):
    """``published: false`` on a section's landing (or a Hugo draft ``_index.md``) left the
    section's other pages out of every edition without a line, drafts or not."""
    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nHome.\n",
        "sec/index.md": "---\ntitle: Section\nposition: 1\npublished: false\n---\n\nSec.\n",
        "sec/b.md": "---\ntitle: B\nposition: 2\n---\n\nB words.\n",
        "sec/a.md": "---\ntitle: A\nposition: 1\n---\n\nA words.\n",
        "open.md": "---\ntitle: Open\nposition: 2\n---\n\nOpen words.\n"})
    build = subprocess.run(  # not quiet (-q): the line is information, as `make html` shows it
        [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "-W", "--no-color",
         "-d", str(tmp_path / "doctrees"), str(src), str(tmp_path / "html")],
        capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    said = [line for line in (build.stdout + build.stderr).splitlines()
            if "landing is not published" in line]
    assert len(said) == 1 and "sec/index.md:1:" in said[0], build.stdout
    assert "the 2 pages of its section (sec/a.md, sec/b.md)" in said[0], said
    assert not (tmp_path / "html" / "sec" / "a.html").exists()
