"""One metadata source: bumping the version in CITATION.cff changes every edition.

A copy of the project (conf.py, CITATION.cff, _ext, templates) builds the PDF, the ePub
and the HTML as `make all` does (one doctree cache, editions before the site). Then only
``version`` and ``date-released`` change in the copy's CITATION.cff, the same folders are
rebuilt, and every edition must say the new version and date, with fresh checksums.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, build_every_edition, copy_root, page, set_version, sphinx_build, write_pages
from test_redirects import copy_project

OLD, NEW = ("1.0.0", "2026-11-25"), ("2.0.0", "2027-01-15")


def make_all(project: Path, src: Path, out: Path) -> None:
    """`make all`: pdf, epub, html into ``out`` with one doctree cache."""
    has_pdf = '"typst_pdf"' in (project / "conf.py").read_text(encoding="utf-8")
    for builder, folder, extra in (("typst", "pdf", ()), ("epub", "epub", ()),
                                   ("html", "html", ("-D", f"editions_dir={out}"))):
        if builder == "typst" and not has_pdf:
            continue
        build = sphinx_build(src, out / folder, builder, doctrees=out / "doctrees", extra=extra,
                             confdir=project)
        assert build.returncode == 0, build.output


def slug_file(out: Path, kind: str) -> Path:
    (found,) = (out / kind).glob(f"*.{kind}")
    return found


def epub_facts(path: Path) -> tuple[str, str, str]:
    with zipfile.ZipFile(path) as book:
        opf = BeautifulSoup(book.read(next(n for n in book.namelist() if n.endswith(".opf"))), "xml")
        cite = next(n for n in book.namelist() if n.endswith("cite.xhtml"))
        text = " ".join(BeautifulSoup(book.read(cite), "xml").get_text(" ").split())
    return opf.find("meta", property="ibooks:version").string, opf.find("dc:date").string, text


@pytest.fixture(scope="module")
def bumped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("bump")
    project = copy_project(tmp / "project")
    src = copy_root("cite-basic", tmp / "src")
    out = tmp / "out"
    set_version(project, *OLD)
    make_all(project, src, out)
    before = {p.relative_to(out).as_posix(): p.read_bytes()
              for p in out.rglob("*") if p.is_file() and "doctrees" not in p.parts}
    set_version(project, *NEW)
    make_all(project, src, out)
    return {"out": out, "before": before, "project": project}


def test_pdf_changed(bumped: dict[str, object]) -> None:
    out: Path = bumped["out"]
    if not (out / "pdf").is_dir():
        pytest.skip("the PDF builder (typst_pdf) is not in conf.py yet")
    pdf = slug_file(out, "pdf")
    assert pdf.read_bytes() != bumped["before"][pdf.relative_to(out).as_posix()]
    source = pdf.with_suffix(".typ").read_text(encoding="utf-8")
    assert f'"version": "{NEW[0]}"' in source and OLD[0] not in source
    assert "January 15, 2027" in source


def test_epub_changed(bumped: dict[str, object]) -> None:
    out: Path = bumped["out"]
    version, date, cite = epub_facts(slug_file(out, "epub"))
    assert version == NEW[0] and date.startswith(NEW[1])
    assert f"(2027). Smart City Austin (Version {NEW[0]})" in cite
    assert OLD[0] not in cite


def test_html_changed_on_every_page(bumped: dict[str, object]) -> None:
    html: Path = bumped["out"] / "html"
    checked = 0
    for path in html.rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        if not page.head or not page.head.find("meta", attrs={"name": "citation_title"}):
            continue
        checked += 1
        assert page.head.find("meta", attrs={"name": "DCTERMS.hasVersion"})["content"] == NEW[0]
        assert page.head.find("meta", attrs={"name": "citation_publication_date"})["content"] \
            == NEW[1].replace("-", "/")
        assert f"Version {NEW[0]}" in page.select_one(".sidebar-editions").get_text()
        assert f"Version {OLD[0]}" not in page.get_text(), path
    assert checked >= 5
    bib = next((html / "cite").glob("*.bib")).read_text(encoding="utf-8")
    assert f'version = "{NEW[0]}"' in bib and "2027" in bib


def test_shipped_editions_are_the_new_ones(bumped: dict[str, object]) -> None:
    out: Path = bumped["out"]
    folder = out / "html" / "editions"
    sums = dict(reversed(line.split("  ", 1))
                for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines())
    old_sums = bumped["before"]["html/editions/SHA256SUMS"].decode()
    for name, digest in sums.items():
        built = out / name.rsplit(".", 1)[1] / name
        assert hashlib.sha256(built.read_bytes()).hexdigest() == digest
        assert (folder / name).read_bytes() == built.read_bytes()
        assert digest not in old_sums, name


def test_invalid_citation_file_fails_the_build_naming_the_field(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    set_version(project, "1.0.0", "2026-13-01")
    src = copy_root("cite-basic", tmp_path / "src")
    build = sphinx_build(src, tmp_path / "html", confdir=project)
    assert build.returncode != 0 and "Traceback" not in build.output
    [said] = [line for line in build.warnings if line.endswith("[publication.citation]")]
    assert said.startswith(f"{project / 'CITATION.cff'}:1: WARNING: the publication's CITATION.cff "
                           "cannot be used (is not valid Citation File Format 1.2.0: "
                           "date-released: '2026-13-01' does not match"), said


@pytest.mark.parametrize("setting", ["release", "version"])
def test_a_version_given_on_the_command_line_is_the_version_of_every_edition(
        tmp_path: Path, setting: str) -> None:
    """`-D release=…` (or `-D version=…`): PDF, ePub, site and citations all say it."""
    src = copy_root("cite-basic", tmp_path / "src")
    out, given = tmp_path / "out", "7.7.7"
    for builder, folder, extra in (("typst", "pdf", ()), ("epub", "epub", ()),
                                   ("html", "html", ("-D", f"editions_dir={out}"))):
        build = sphinx_build(src, out / folder, builder, doctrees=out / "doctrees",
                             extra=(*extra, "-D", f"{setting}={given}"))
        assert build.returncode == 0, build.output
    source = slug_file(out, "pdf").with_suffix(".typ").read_text(encoding="utf-8")
    assert f'"version": "{given}"' in source and f"(Version {given})" in source
    assert f"Version {OLD[0]}" not in source
    version, _, cite = epub_facts(slug_file(out, "epub"))
    assert version == given and f"(Version {given})" in cite and f"Version {OLD[0]}" not in cite
    page = BeautifulSoup((out / "html" / "cite.html").read_text(encoding="utf-8"), "lxml")
    assert page.head.find("meta", attrs={"name": "DCTERMS.hasVersion"})["content"] == given
    assert f"Version {given}" in page.select_one(".sidebar-editions").get_text()
    assert f"(Version {given})" in page.get_text() and f"Version {OLD[0]}" not in page.get_text()
    bib = next((out / "html" / "cite").glob("*.bib")).read_text(encoding="utf-8")
    assert f'version = "{given}"' in bib


def test_a_long_title_names_every_edition_with_a_file_name_a_disk_can_hold(tmp_path: Path) -> None:
    """A CITATION.cff title of 300 characters (the Jekyll title's limit too) gave a file name
    past the 255 bytes a disk holds: every edition stopped with "File name too long" and a
    traceback. The files take the title's first words; the title is whole in every edition."""
    title = "The City of Austin Office of Innovation Report on " * 6
    cff = (REPO / "CITATION.cff").read_text(encoding="utf-8").replace(
        'title: "Smart City Austin"', f'title: "{title.strip()}"')
    src = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."), "CITATION.cff": cff})
    builds = build_every_edition(src, tmp_path / "out")
    files = [path.name for path in (tmp_path / "out").rglob("*")]
    assert max(len(name.encode()) for name in files) < 120, max(files, key=len)
    [pdf] = (builds["typst"].outdir).glob("*.pdf")
    assert pdf.name.startswith("the-city-of-austin-office-of-innovation-report-on-")
    assert title.strip() in (builds["html"].outdir / "index.html").read_text(encoding="utf-8")
