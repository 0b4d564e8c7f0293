"""Integrity of the editions: reproducible bytes, atomic replacement, links that resolve.

The reproducibility and atomicity tests go through the real Makefile (`make all`), as city
staff and CI build; the link walker reads the session's build of the real publication.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, page, write_pages

from epub_edition import zipwriter

EPUB_NAME = "smart-city-austin.epub"
EDITIONS = ("pdf", "epub", "html")
EPOCH = "1700000000"  # 2023-11-14T22:13:20Z: not the CITATION.cff date, so its use shows


def make(*args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", "-C", str(REPO), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False)


def make_all(source: Path, build: Path) -> subprocess.CompletedProcess[str]:
    return make("all", f"SOURCEDIR={source}", f"BUILDDIR={build}",
                env={"SOURCE_DATE_EPOCH": EPOCH})


def edition_files(build: Path) -> dict[str, bytes]:
    """Every file of every edition (not the doctree cache), by path relative to ``build``."""
    return {path.relative_to(build).as_posix(): path.read_bytes()
            for edition in EDITIONS for path in sorted((build / edition).rglob("*"))
            if path.is_file()}


# ---------------------------------------------------------------- reproducible


def test_two_clean_builds_in_different_folders_are_byte_identical(tmp_path):
    builds = []
    for name in ("first", "second"):
        source = shutil.copytree(REPO / "source", tmp_path / name / "pages")
        for path in source.rglob("*"):  # other checkout times, same content
            os.utime(path, (time.time() + len(name), time.time() + len(name)))
        done = make_all(source, tmp_path / name / "build")
        assert done.returncode == 0, done.stdout + done.stderr
        builds.append(edition_files(tmp_path / name / "build"))
    first, second = builds
    assert f"pdf/{EPUB_NAME[:-5]}.pdf" in first and f"epub/{EPUB_NAME}" in first
    assert "html/index.html" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_epub_zip_is_ordered_stored_and_dated_from_source_date_epoch(tmp_path):
    source = write_pages(tmp_path / "pages", {"index.md": page("Home"), "a.md": page("Alpha", 1)})
    done = make("epub", f"SOURCEDIR={source}", f"BUILDDIR={tmp_path / 'build'}",
                env={"SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(tmp_path / "build" / "epub" / EPUB_NAME) as epub:
        entries = epub.infolist()
    names = [e.filename for e in entries]
    assert names[:3] == ["mimetype", "META-INF/container.xml", "content.opf"]
    assert names[3:] == sorted(names[3:])
    assert entries[0].compress_type == zipfile.ZIP_STORED and entries[0].extra == b""
    assert {e.date_time for e in entries} == {time.gmtime(int(EPOCH))[:6]}


# ---------------------------------------------------------------- atomic


def test_a_failed_build_leaves_every_previous_edition_intact(tmp_path):
    source = write_pages(tmp_path / "pages", {"index.md": page("Home"), "a.md": page("Alpha", 1)})
    build = tmp_path / "build"
    assert make_all(source, build).returncode == 0
    before = edition_files(build)

    write_pages(source, {"a.md": page("Alpha, rewritten", 1), "b.md": page("Beta", "second")})
    failed = make_all(source, build)

    assert failed.returncode != 0
    assert "[position.invalid]" in failed.stderr
    assert edition_files(build) == before


def epub_members(epub: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(epub) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_unpublished_page_leaves_the_epub_on_the_next_build(tmp_path):
    """Sphinx zips whatever its folder holds: a page unpublished (and its image) must not stay."""
    from test_a11y_epub import one_pixel_png

    source = write_pages(tmp_path / "pages", {
        "index.md": page("Home"), "a.md": page("Alpha", 1),
        "old.md": page("Old plan", 2, body="![The old plan](plan.png)"), "plan.png": one_pixel_png()})
    build = tmp_path / "build"
    assert make("epub", f"SOURCEDIR={source}", f"BUILDDIR={build}").returncode == 0
    assert "old.xhtml" in epub_members(build / "epub" / EPUB_NAME)

    write_pages(source, {"old.md": page("Old plan", 2, published="false")})
    assert make("epub", f"SOURCEDIR={source}", f"BUILDDIR={build}").returncode == 0
    assert make("epub", f"SOURCEDIR={source}", f"BUILDDIR={tmp_path / 'clean'}").returncode == 0

    incremental = epub_members(build / "epub" / EPUB_NAME)
    assert not [name for name in incremental if "old" in name or name.startswith("_images/")]
    assert incremental == epub_members(tmp_path / "clean" / "epub" / EPUB_NAME)


def test_epub_writer_never_leaves_a_half_written_book(tmp_path):
    """A zip that fails half way (here: a member vanished) must not replace the old book."""
    (tmp_path / "mimetype").write_text("application/epub+zip", encoding="ascii")
    (tmp_path / "content.opf").write_text("<package/>", encoding="utf-8")
    book = tmp_path / "book.epub"
    book.write_bytes(b"the previous, complete edition")

    with pytest.raises(FileNotFoundError):
        zipwriter.write_epub(book, tmp_path, ["content.opf", "vanished.xhtml"], int(EPOCH))

    assert book.read_bytes() == b"the previous, complete edition"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.epub", "content.opf", "mimetype"]


def test_epub_writer_replaces_the_book_when_done(tmp_path):
    (tmp_path / "mimetype").write_text("application/epub+zip", encoding="ascii")
    (tmp_path / "b.xhtml").write_text("<html/>", encoding="utf-8")
    (tmp_path / "a.xhtml").write_text("<html/>", encoding="utf-8")
    book = tmp_path / "book.epub"
    book.write_bytes(b"old")
    zipwriter.write_epub(book, tmp_path, ["b.xhtml", "a.xhtml", "b.xhtml"], 0)
    with zipfile.ZipFile(book) as epub:
        assert epub.namelist() == ["mimetype", "a.xhtml", "b.xhtml"]
        assert epub.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)  # the zip format's first day


# ---------------------------------------------------------------- links


def ids_of(soup: BeautifulSoup) -> set[str]:
    return {tag["id"] for tag in soup.find_all(id=True)} | {
        tag["name"] for tag in soup.find_all("a", attrs={"name": True})}


def references(soup: BeautifulSoup) -> Iterator[str]:
    for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                           ("source", "src"), ("iframe", "src")):
        for element in soup.find_all(tag, attrs={attribute: True}):
            yield element[attribute]


def broken_links(files: Mapping[str, bytes], parser: str = "lxml") -> list[str]:
    """Every internal link or anchor in the HTML ``files`` ({posix path: bytes}) that leads nowhere.

    ``/x`` is taken from the site's root, a folder means its ``index.html``; the query
    string is ignored; ``#name`` must be an ``id`` (or ``<a name>``) in the target page.
    """
    pages = {name: BeautifulSoup(data, parser) for name, data in files.items()
             if name.endswith((".html", ".xhtml"))}
    anchors = {name: ids_of(soup) for name, soup in pages.items()}
    broken = []
    for name, soup in pages.items():
        for reference in references(soup):
            parts = urlsplit(reference)
            if parts.scheme or parts.netloc:
                continue  # external: `make linkcheck`, for readers online
            if parts.path.startswith("/"):
                target = PurePosixPath(unquote(parts.path).lstrip("/"))
            else:
                target = PurePosixPath(name).parent / unquote(parts.path)
            target_name = os.path.normpath(target.as_posix()) if parts.path else name
            if target_name not in files and f"{target_name}/index.html" in files:
                target_name = f"{target_name}/index.html"
            if target_name not in files:
                broken.append(f"{name}: {reference} (no file {target_name})")
            elif parts.fragment and unquote(parts.fragment) not in anchors.get(target_name, set()):
                broken.append(f"{name}: {reference} (no anchor #{parts.fragment} in {target_name})")
    return broken


def site_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_every_internal_link_and_anchor_of_the_website_resolves(publication):
    files = site_files(publication / "html")
    assert broken_links(files) == []


def test_every_internal_link_and_anchor_of_the_epub_resolves(publication):
    with zipfile.ZipFile(publication / "epub" / EPUB_NAME) as epub:
        files = {name: epub.read(name) for name in epub.namelist()}
    assert broken_links(files, "xml") == []


def test_link_walker_finds_a_missing_page_and_a_missing_anchor():
    files = {
        "index.html": b'<p id="top"><a href="a.html#nowhere">a</a> <a href="gone.html">b</a>'
                      b' <a href="#top">c</a> <a href="/a.html?x=1#here">d</a>'
                      b' <a href="https://example.org/x">e</a> <img src="_static/x.png"></p>',
        "a.html": b'<h1 id="here">A</h1>',
    }
    assert broken_links(files) == [
        "index.html: a.html#nowhere (no anchor #nowhere in a.html)",
        "index.html: gone.html (no file gone.html)",
        "index.html: _static/x.png (no file _static/x.png)",
    ]


# ---------------------------------------------------------------- make targets for people online


def test_make_linkcheck_uses_sphinx_linkcheck_on_the_pages():
    """`make linkcheck` needs the internet, so it is only read here, never run."""
    dry = make("-n", "linkcheck", "BUILDDIR=/tmp/linkcheck-dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "-b linkcheck" in dry.stdout and "source /tmp/linkcheck-dry-run/linkcheck" in dry.stdout


def test_make_verapdf_says_how_to_get_verapdf_when_it_is_missing(tmp_path):
    done = make("verapdf", f"VERAPDF={tmp_path / 'no-verapdf-here'}", f"BUILDDIR={tmp_path}")
    assert done.returncode != 0
    assert "veraPDF is not installed" in done.stdout + done.stderr
