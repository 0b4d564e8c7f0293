"""A page a release published stays reachable at its address after it leaves the build.

Released in 0.9.0, ``pools.html`` was renamed (or deleted) before the next version: the
current site deleted its page, and a reader following a citation or a bookmark of the
site's own address (the page's ``rel=canonical``, what the address bar shows) found a 404,
though ``editions/0.9.0/pools.html`` still held the words. Now its address leads to the
last release that has it, keeping the passage's ``#part``, and the archived page says the
page is no longer in the current edition.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import sphinx_build, write_pages

OLD = b"<html><body><article><h1>Pools</h1><p id='p-1'>Pools open in May.</p></article></body></html>"


def release_with(editions: Path, version: str, pages: dict[str, bytes]) -> None:
    folder = editions / version
    passages = [{"chapter": name[:-5], "chapter_title": "Pools", "kind": "paragraph", "file": name, "id": "p-1", "text": "Words.", "pdf_page": 1}
                for name in pages]
    files = {**pages, "passages.json": json.dumps(
        {"version": version, "date": "2020-01-01", "passages": passages}).encode()}
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    (folder / "SHA256SUMS").write_text("".join(
        f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in sorted(files.items())))


def test_a_released_page_that_left_the_build_leads_to_its_last_release(tmp_path):
    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "swimming.md": "---\ntitle: Swimming\nposition: 1\n---\n\nPools open in June.\n"})
    release_with(tmp_path / "editions", "0.8.0", {"index.html": OLD, "pools.html": OLD,
                                                  "benches.html": OLD})
    release_with(tmp_path / "editions", "0.9.0", {"index.html": OLD, "pools.html": OLD})
    result = sphinx_build(source, tmp_path / "out")
    assert result.returncode == 0 and "Traceback" not in result.output, result.output
    site = result.outdir
    for page, version in (("pools.html", "0.9.0"), ("benches.html", "0.8.0")):
        html = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        refresh = html.find("meta", attrs={"http-equiv": "refresh"})["content"]
        assert refresh == f"0; url=editions/{version}/{page}", refresh
        assert html.find("script")["src"] == "_static/redirect.js"  # keeps #p-1
        assert html.find("a")["href"] == f"editions/{version}/{page}"
        assert f"version {version}" in html.get_text(), html.get_text()
        archived = (site / "editions" / version / page).read_text(encoding="utf-8")
        assert "not in the current edition" in archived, archived
    live = (site / "swimming.html").read_text(encoding="utf-8")
    assert "Pools open in June." in live  # a page the build has is never replaced
    kept = (site / "editions" / "0.9.0" / "index.html").read_text(encoding="utf-8")
    assert "Read this page in the current edition" in kept


def test_a_left_pages_address_is_not_frozen_into_the_next_release(tmp_path):
    """Frozen into 1.1 and published at ``editions/1.1/pools.html``, its relative link led to
    ``editions/1.1/editions/1.0/pools.html``, which is nowhere: the site writes it anew."""
    from record import releases

    source = write_pages(tmp_path / "source", {"index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    release_with(tmp_path / "editions", "0.9.0", {"index.html": OLD, "pools.html": OLD})
    result = sphinx_build(source, tmp_path / "out")
    assert result.returncode == 0, result.output
    assert (result.outdir / "pools.html").is_file()
    files = releases.site_files(result.outdir)
    assert "pools.html" not in files and "index.html" in files


def test_a_left_pages_address_follows_the_last_release_that_has_it(tmp_path):
    source = write_pages(tmp_path / "source", {"index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    release_with(tmp_path / "editions", "0.8.0", {"index.html": OLD, "pools.html": OLD})
    assert sphinx_build(source, tmp_path / "out").returncode == 0
    release_with(tmp_path / "editions", "0.9.0", {"index.html": OLD, "pools.html": OLD})
    result = sphinx_build(source, tmp_path / "out")
    assert result.returncode == 0, result.output
    assert 'url=editions/0.9.0/pools.html"' in (result.outdir / "pools.html").read_text(encoding="utf-8")


def test_a_renamed_pages_archive_links_the_page_its_passages_moved_to(tmp_path):
    """pools.md renamed swimming.md, its words kept: the 0.9.0 copy's banner said the page
    was gone and linked the home page, though the same passages are on swimming.html."""
    from record.passages import normalise, passage_id

    words = "Pools open in May."
    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "swimming.md": f"---\ntitle: Swimming\nposition: 1\n---\n\n{words}\n"})
    folder = tmp_path / "editions"
    release_with(folder, "0.9.0", {"index.html": OLD, "pools.html": OLD})
    listed = folder / "0.9.0" / "passages.json"
    data = json.loads(listed.read_text())
    for p in data["passages"]:
        p["id"] = passage_id("paragraph", normalise(words))
    listed.write_text(json.dumps(data))
    (folder / "0.9.0" / "SHA256SUMS").write_text("".join(
        f"{hashlib.sha256((folder / '0.9.0' / n).read_bytes()).hexdigest()}  {n}\n"
        for n in ("index.html", "passages.json", "pools.html")))
    result = sphinx_build(source, tmp_path / "out")
    assert result.returncode == 0, result.output
    archived = BeautifulSoup((result.outdir / "editions" / "0.9.0" / "pools.html").read_text(
        encoding="utf-8"), "html.parser")
    link = archived.select_one(".record-archive-banner a")
    assert link["href"] == "../../swimming.html" and "Read this page" in link.get_text(), archived


def test_an_archive_is_named_by_the_title_it_was_released_under(tmp_path):
    """Cited as "Old Parks Report" 0.9.0, the archive said it was an earlier edition of the
    current title only: a reader could not tell it was the work the citation named."""
    source = write_pages(tmp_path / "source", {"index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    folder = tmp_path / "editions"
    release_with(folder, "0.9.0", {"index.html": OLD})
    listed = folder / "0.9.0" / "passages.json"
    listed.write_text(json.dumps({**json.loads(listed.read_text()), "title": "Old Parks Report"}))
    (folder / "0.9.0" / "SHA256SUMS").write_text("".join(
        f"{hashlib.sha256((folder / '0.9.0' / n).read_bytes()).hexdigest()}  {n}\n"
        for n in ("index.html", "passages.json")))
    result = sphinx_build(source, tmp_path / "out")
    assert result.returncode == 0, result.output
    banner = BeautifulSoup((result.outdir / "editions" / "0.9.0" / "index.html").read_text(
        encoding="utf-8"), "html.parser").select_one(".record-archive-banner").get_text(" ")
    assert "earlier edition of Old Parks Report (now Smart City Austin )" in " ".join(banner.split()) \
        or "earlier edition of Old Parks Report (now Smart City Austin)" in " ".join(banner.split()), banner
