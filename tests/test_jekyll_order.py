"""How an old Jekyll site ordered pages that carry no ``position``: the ``order:`` its
layout sorted by, its collections by path, its translations' folders by their language.

opensource.guide sorts its guides with ``sort: 'order'``; minimal-mistakes' docs are
``_docs/01-quick-start-guide.md``, ``02-structure.md``… Both came out in title order (the
language folders "Ar", "Fa" among the English guides), each page warned that it "comes
after the numbered pages beside it" when none beside it had a number."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import sphinx_build, write_pages

GUIDES = "title: Guides\ncollections:\n  articles:\n    output: true\n    permalink: /:path/\n"


def contents(html: Path) -> list[tuple[str, str | None]]:
    soup = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "lxml")
    return [(a.get_text(strip=True), a.get("lang")) for a in soup.select(".sidebar-tree a")]


def test_the_order_a_layout_sorted_by_places_the_page_without_a_word(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {
        "_config.yml": GUIDES,
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "_articles/starting.md": "---\ntitle: Starting a Project\norder: 1\nclass: starting\n---\n\nA.\n",
        "_articles/building.md": "---\ntitle: Building Welcoming Communities\norder: 2\n---\n\nB.\n",
        "_articles/zeal.md": "---\ntitle: Advice\nweight: 3\n---\n\nC.\n",
        "_articles/named.md": "---\ntitle: About\norder: first\n---\n\nD.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert [title for title, _ in contents(tmp_path / "out")] == \
        ["Starting a Project", "Building Welcoming Communities", "Advice", "About"]
    said = [w.split(":", 1)[0].rsplit("/", 1)[-1] + " " + w.rsplit("[", 1)[-1] for w in build.warnings]
    assert said == ["named.md position.missing]", "named.md jekyll.front-matter]"], build.warnings


def test_a_collections_documents_without_numbers_keep_jekylls_order_by_path(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Docs\ncollections:\n  docs:\n    output: true\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "docs.md": "---\ntitle: Documentation\nposition: 1\n---\n\nThe docs.\n",
        "_docs/01-quick-start-guide.md": "---\ntitle: Quick-Start Guide\n---\n\nA.\n",
        "_docs/02-structure.md": "---\ntitle: Structure\n---\n\nB.\n",
        "_docs/19-contributing.md": "---\ntitle: Contributing\n---\n\nC.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert [title for title, _ in contents(tmp_path / "out")] == \
        ["Documentation", "Quick-Start Guide", "Structure", "Contributing"]
    missing = [w for w in build.warnings if "[position.missing]" in w]
    assert len(missing) == 3 and all("by its file name, as Jekyll listed its collection" in w
                                     for w in missing), missing


def test_a_translations_folder_landing_is_titled_in_its_own_language(tmp_path: Path) -> None:
    """``_articles/fa/index.html`` (``lang: fa``, no title) was "Fa", marked Persian, so a
    screen reader read the English-looking word in a Persian voice."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": GUIDES,
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "_articles/fa/index.html": "---\nlayout: index\nlang: fa\npermalink: /fa/\ndirection: rtl\n"
                                   "position: 1\n---\n",
        "_articles/fa/metrics.md": "---\nlang: fa\ntitle: سنجه‌ها\nclass: metrics\nposition: 1\n---\n\nمتن باز.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert contents(tmp_path / "out") == [("فارسی", "fa"), ("سنجه‌ها", "fa")]
    page = BeautifulSoup((tmp_path / "out" / "fa" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.find("h1").get_text(strip=True).removesuffix("¶") == "فارسی"
    assert [w.rsplit("[", 1)[-1] for w in build.warnings] == ["position.title-missing]"], build.warnings
    assert "titled 'فارسی' after its folder's language" in build.warnings[0]
