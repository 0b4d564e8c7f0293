"""Mistakes City staff make with files saved by real tools (Word, Google Docs, old Windows
editors), built as ``make all`` builds them: every word kept, or said once at its line."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import build_every_edition, write_pages


def _article(html: Path) -> str:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return (soup.find("article") or soup).get_text(" ", strip=True)


def _nav(html: Path) -> str:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return soup.find(class_="sidebar-tree").get_text(" ", strip=True)


def test_front_matter_keys_pasted_from_word_are_read_and_said(tmp_path):
    """Word put a non-breaking space before the colon (``title\\u00a0: Libraries``), Google
    Docs curly quotes around a key: the page was said to have no title and no place, and
    "front-matter data that no edition shows: `title `" named a key staff cannot see."""
    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n",
        "nbsp.md": "---\ntitle\u00a0: Libraries\nposition\u00a0: 2\n---\n\nBooks.\n",
        "quoted.md": "---\n\u201ctitle\u201d: Parks\nposition: 3\n---\n\nTrees.\n",
        "last.md": "---\ntitle: Zebra last\nposition: 4\n---\n\nLast.\n",
    })
    builds = build_every_edition(src, tmp_path / "out", strict=False)
    html = tmp_path / "out" / "html"
    assert "Libraries" in _article(html / "nbsp.html")
    assert "Parks" in _article(html / "quoted.html")
    nav = _nav(html / "index.html")
    assert nav.index("Libraries") < nav.index("Parks") < nav.index("Zebra last")
    said = [w for w in builds["html"].warnings if "nbsp.md" in w or "quoted.md" in w]
    assert not any("no title" in w or "no edition shows" in w or "no `position`" in w
                   for w in said), said
    nbsp = [w for w in said if "nbsp.md:2:" in w]
    assert len(nbsp) == 1 and "non-breaking space" in nbsp[0] and "[position.key-typed]" in nbsp[0]
    assert any("nbsp.md:3:" in w and "`position`" in w for w in said), said
    quoted = [w for w in said if "quoted.md:2:" in w]
    assert len(quoted) == 1 and "curly quotes" in quoted[0], said
    assert not any("YAML" in w or "key-typed" not in w for w in said), said


def test_a_page_saved_as_windows_1252_keeps_its_words(tmp_path):
    """Notepad's "ANSI" or an old Word "Plain text" save: every é, ’ and “ became U+FFFD
    in all three editions ("Caf� �quoted�"), the page said only to be not UTF-8."""
    text = "---\ntitle: Caf\u00e9 \u201cMenu\u201d\nposition: 2\n---\n\nIt\u2019s the caf\u00e9 \u2013 open.\n"
    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n",
        "cafe.md": text.encode("cp1252"),
    })
    builds = build_every_edition(src, tmp_path / "out", strict=False)
    words = _article(tmp_path / "out" / "html" / "cafe.html")
    assert "Caf\u00e9 \u201cMenu\u201d" in words and "It\u2019s the caf\u00e9 \u2013 open." in words
    assert "\ufffd" not in words
    said = [w for w in builds["html"].warnings if "cafe.md" in w]
    assert len(said) == 1 and "cafe.md:2:" in said[0] and "Windows-1252" in said[0], said
    assert "save it as UTF-8" in said[0]


def test_a_file_mostly_utf8_with_one_stray_byte_stays_utf8(tmp_path):
    """A page of UTF-8 with one Latin-1 byte pasted in: its other words are UTF-8 and stay so."""
    raw = "---\ntitle: Se\u00f1or\nposition: 2\n---\n\nMa\u00f1ana.\n".encode() + b"Caf\xe9\n"
    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n", "mixed.md": raw})
    build_every_edition(src, tmp_path / "out", strict=False)
    words = _article(tmp_path / "out" / "html" / "mixed.html")
    assert "Se\u00f1or" in words and "Ma\u00f1ana." in words


def test_bullets_pasted_from_word_are_a_list(tmp_path):
    """Word's "• Pools" and Google Docs' "– Pools" lines pasted as text: Markdown read no
    list, so the items ran together in one line ("• Pools • Libraries") in every edition."""
    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n",
        "open.md": ("---\ntitle: Open\nposition: 2\n---\n\nOpen on Sunday:\n"
                    "\u2022 Pools\n\u2022\u00a0Libraries\n\nClosed:\n\n\u2013 City Hall\n\u2013 Courts\n\n"
                    "> Service first.\n\n\u2013 Jane Smith\n\n```\n\u2022 kept as code\n```\n"),
    })
    builds = build_every_edition(src, tmp_path / "out", strict=False)
    soup = BeautifulSoup((tmp_path / "out" / "html" / "open.html").read_text(encoding="utf-8"),
                         "html.parser")
    items = [[li.get_text(" ", strip=True).removesuffix("¶").strip() for li in ul.find_all("li")]
             for ul in soup.find("article").find_all("ul")]
    assert ["Pools", "Libraries"] in items and ["City Hall", "Courts"] in items, items
    words = soup.find("article").get_text(" ", strip=True)
    assert "\u2013 Jane Smith" in words and "\u2022 kept as code" in words
    said = [w for w in builds["html"].warnings if "open.md" in w]
    assert len(said) == 1 and "open.md:7:" in said[0] and "[generators.word-bullets]" in said[0], said


def test_word_lock_files_are_no_pages(tmp_path):
    """Word leaves ``~$<name>`` beside a file it has open (its owner's name in a few bytes):
    it was published as a page titled "~$page", four control characters said of it."""
    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n",
        "page.md": "---\ntitle: Page\nposition: 2\n---\n\nWords.\n",
        "~$page.md": b"\x0bJane Smith\x00\x00\x00\x00",
        "parks/~$index.md": b"\x0bJane Smith\x00\x00\x00\x00",
    })
    builds = build_every_edition(src, tmp_path / "out", strict=True)
    html = tmp_path / "out" / "html"
    assert (html / "page.html").is_file() and not list(html.rglob("~$*"))
    assert not any("~$" in w for w in builds["html"].warnings)


def test_link_with_spaces_for_the_dashes_of_a_file_names_it(tmp_path):
    """Staff link a page by its title, ``[Parks](other page.md)``, or as Windows showed it,
    ``Other_Page.md``, for ``other-page.md``: the warning gave only the general advice."""
    src = write_pages(tmp_path / "src", {
        "index.md": ("---\ntitle: Home\nposition: 1\n---\n\nSee [one](other page.md).\n\n"
                     "And [two](<Other_Page.md#hours>).\n"),
        "other-page.md": "---\ntitle: Other\nposition: 2\n---\n\n## Hours\n\nWords.\n",
    })
    builds = build_every_edition(src, tmp_path / "out", strict=False)
    said = [w for w in builds["html"].warnings if "index.md" in w]
    assert any("index.md:6:" in w and "write 'other-page.md'" in w for w in said), said
    assert any("index.md:8:" in w and "write 'other-page.md#hours'" in w for w in said), said
    assert not any("capital letters count" in w for w in said), said
