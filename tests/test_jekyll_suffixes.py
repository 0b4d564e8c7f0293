"""Every suffix Jekyll read as Markdown is a page in every edition (``notes.mkd``,
``Budget.MD``, a site's own ``markdown_ext``), in order, with links to it; two files of one
page keep one, said at the other."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build_every_edition, page, sphinx_build, write_pages
from pagesource import suffixes

PAGES = {
    "index.md": page("Home", body="See [the budget](Budget.MD), [the notes](notes.mkd), "
                                  "[the goals](plans.mkdown#goals) and [the report](report.rmd)."),
    "Budget.MD": page("Budget", 1, body="The budget."),
    "notes.mkd": page("Notes", 2, body="Old notes. Back [home](index.md)."),
    "plans.mkdown": page("Plans", 3, body="## Goals\n\nThe goals."),
    "minutes.mkdn": page("Minutes", 4, body="The minutes."),
    "archive.Markdown": page("Archive", 5, body="The archive."),
    "report.rmd": page("Report", 6, body="The report."),
    "_config.yml": 'title: Old site\nmarkdown_ext: "markdown,mkdown,mkdn,mkd,md,rmd"\n',
}
ORDER = ["index", "Budget", "notes", "plans", "minutes", "archive", "report"]


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("suffixes")
    src = write_pages(base / "src", PAGES)
    build_every_edition(src, base)
    return base


def test_every_jekyll_markdown_suffix_is_a_page_of_the_site_in_order(editions):
    html = editions / "html"
    index = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "lxml")
    listed = [a["href"] for a in index.select(".sidebar-tree a.reference")]
    assert listed == [f"{name}.html" for name in ORDER[1:]]
    links = {a.get_text(strip=True): a["href"] for a in index.select("article a.reference")}
    assert links["the budget"] == "Budget.html" and links["the notes"] == "notes.html"
    assert links["the goals"] == "plans.html#goals" and links["the report"] == "report.html"
    assert "The budget." in (html / "Budget.html").read_text(encoding="utf-8")
    assert 'href="index.html"' in (html / "notes.html").read_text(encoding="utf-8")
    sitemap = (html / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"/{name}.html</loc>" in sitemap for name in ORDER)


def test_every_jekyll_markdown_suffix_is_in_the_book_and_the_pdf_in_order(editions):
    with zipfile.ZipFile(next((editions / "epub").glob("*.epub"))) as book:
        opf = BeautifulSoup(book.read("content.opf"), "xml")
        hrefs = {item["id"]: item["href"] for item in opf.find_all("item")}
        spine = [hrefs[ref["idref"]] for ref in opf.find("spine").find_all("itemref")]
        assert "The goals." in book.read("plans.xhtml").decode()
    assert [href.removesuffix(".xhtml") for href in spine if href != "nav.xhtml"] == ORDER
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(next((editions / "typst").glob("*.pdf"))).pages)
    at = [text.index(words) for words in ("The budget.", "Old notes.", "The goals.", "The minutes.",
                                           "The archive.", "The report.")]
    assert at == sorted(at)


def test_two_files_of_one_page_keep_the_md_one_said_at_the_other(tmp_path):
    """Jekyll published ``budget.md`` and ``budget.mkd`` both at ``budget.html``, one over
    the other; Sphinx kept the first name it listed (``budget.markdown`` before
    ``budget.md``) and said "multiple files found" with no file. One rule keeps ``.md``."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home"), "budget.md": page("Budget", 1, body="The budget of 2024."),
        "budget.markdown": page("Budget", 1, body="A copy."), "budget.mkd": page("Old", 2, body="Old.")})
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    said = [w for w in build.warnings if "[security.same-page]" in w]
    assert [w.split(": WARNING: ")[0] for w in said] == [f"{src / 'budget.markdown'}:1",
                                                         f"{src / 'budget.mkd'}:1"], build.output
    assert "the build publishes 'budget.md' and leaves 'budget.mkd' out" in said[1]
    assert "multiple files found" not in build.output
    assert "The budget of 2024." in (tmp_path / "html" / "budget.html").read_text(encoding="utf-8")

    check = subprocess.run([sys.executable, "-m", "pageorder.check", "-c", str(REPO), str(src)],
                           capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "_ext")},
                           check=False)
    assert [line.split(":1: ")[0] for line in check.stdout.splitlines() if "[security.same-page]" in line] \
        == [str(src / "budget.markdown"), str(src / "budget.mkd")], check.stdout + check.stderr


def test_a_markdown_suffix_no_build_reads_is_still_said(tmp_path):
    src = write_pages(tmp_path / "src", {"index.md": page("Home"), "a.mD": page("A", 1),
                                         "b.mdown": page("B", 2), "c.MKD": page("C", 3)})
    build = sphinx_build(src, tmp_path / "html", strict=False)
    said = sorted(w.split(": WARNING: ")[0] for w in build.warnings if "[security.page-name]" in w)
    assert said == [f"{src / 'a.mD'}:1", f"{src / 'b.mdown'}:1"], build.output
    assert (tmp_path / "html" / "c.html").is_file()


@pytest.mark.parametrize(("value", "added", "refused"), [
    (None, (), 0),
    ("markdown,mkdown,mkdn,mkd,md", (), 0),
    ("md, RMD ,.txtmd", (".rmd", ".txtmd"), 0),
    ("md,html,yml,../x,a b,", (), 4),
    (["md"], (), 1),
    (",".join(f"x{i}" for i in range(40)), tuple(f".x{i}" for i in range(16)), 1),
])
def test_a_sites_markdown_ext_adds_suffixes_and_refuses_what_is_not_markdown(value, added, refused):
    assert suffixes.site_suffixes(value)[0] == added
    assert len(suffixes.site_suffixes(value)[1]) == refused


def test_one_list_says_which_files_are_pages():
    assert suffixes.is_page("Budget.MD") and suffixes.is_page("a/notes.mkd") and suffixes.is_page("x.Markdown")
    assert not suffixes.is_page(".md") and not suffixes.is_page("a.mD") and not suffixes.is_page("a.mdown")
    assert suffixes.stem("Budget.MD") == "Budget" and suffixes.stem("notes.txt") == "notes.txt"
    assert sorted(["a.mkd", "a.markdown", "a.MD", "a.md"], key=suffixes.rank) == [
        "a.md", "a.MD", "a.markdown", "a.mkd"]
    assert suffixes.unread_suffix("a.mD") == ".mD" and suffixes.unread_suffix("a.MDOWN") == ".MDOWN"
    assert suffixes.unread_suffix("a.md") is None and suffixes.unread_suffix("a.txt") is None
    assert suffixes.is_page("x.rmd", suffixes.markdown([".rmd"]))


def test_a_page_whose_kept_file_is_deleted_is_read_again_from_the_other(tmp_path):
    """Sphinx reads a page again when its file is newer than the last reading; the other
    file of the page (``a.mkd``, written years ago) is older, so the deleted ``a.md``'s
    words stayed published."""
    src = write_pages(tmp_path / "src", {"index.md": page("Home"), "a.md": page("A", 1, body="From md."),
                                         "_projects/index.md": page("Projects", 2),
                                         "_projects/b.md": page("B", 1, body="B from md."),
                                         "_projects/b.mkd": page("B", 1, body="B from mkd."),
                                         "a.mkd": page("A", 1, body="From mkd."),
                                         "_config.yml": "collections:\n  projects:\n    output: true\n"})
    for old in ("a.mkd", "_projects/b.mkd"):
        os.utime(src / old, (1_000_000_000, 1_000_000_000))
    html, doctrees = tmp_path / "html", tmp_path / "doctrees"
    assert sphinx_build(src, html, strict=False, doctrees=doctrees).returncode == 0
    assert "From md." in (html / "a.html").read_text(encoding="utf-8")
    assert "B from md." in (html / "projects" / "b.html").read_text(encoding="utf-8")
    (src / "a.md").unlink()
    (src / "_projects" / "b.md").unlink()
    again = sphinx_build(src, html, strict=True, doctrees=doctrees)
    assert again.returncode == 0, again.output
    assert "From mkd." in (html / "a.html").read_text(encoding="utf-8")
    assert "B from mkd." in (html / "projects" / "b.html").read_text(encoding="utf-8")
