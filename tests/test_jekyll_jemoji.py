"""GitHub's emoji shortcodes (``:+1:``) on an old site that listed jemoji: the emoji, as text,
in every edition; never in code or an address; an unknown name, or a site without jemoji,
as typed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, page, sphinx_build, write_pages
from jekyll_compat import jemoji

BODY = ("Great work :+1: and :smile:! Careful :warning: here. Unknown :nothing_here: stays, "
        "as does 10:30:00.\n\nCode `:smile:` stays, as does\n\n```\n:tada: in a block\n```\n\n"
        "An address https://example.org/:smile:/x and [a link :tada:](https://example.org/:rocket:).\n")
JEMOJI = "title: Old site\nplugins:\n  - jekyll-feed\n  - jemoji\n"


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("jemoji")
    src = write_pages(base / "src", {"_config.yml": JEMOJI, "index.md": page("Home", body=BODY),
                                     "done.md": page('"Done :tada:"', 1, body="All done.")})
    build_every_edition(src, base)
    return base


def test_shortcodes_are_emoji_in_the_sites_words_only(editions):
    html = BeautifulSoup((editions / "html" / "index.html").read_text(encoding="utf-8"), "lxml")
    words = html.select_one("article").get_text()
    assert "Great work 👍 and 😄! Careful ⚠\ufe0f here." in words
    assert ":nothing_here:" in words and "10:30:00" in words
    assert [code.get_text() for code in html.select("article code")][0] == ":smile:"
    assert ":tada: in a block" in html.select_one("article pre").get_text()
    assert "https://example.org/:smile:/x" in words
    link = html.select_one('article a[href="https://example.org/:rocket:"]')
    assert link is not None and link.get_text() == "a link 🎉"
    assert not html.select("article img")  # a character a screen reader names, no picture
    assert "Done 🎉" in html.select_one(".sidebar-tree").get_text()


def test_shortcodes_are_emoji_in_the_book_and_the_pdf(editions):
    with zipfile.ZipFile(next((editions / "epub").glob("*.epub"))) as book:
        text = book.read("index.xhtml").decode()
    assert "Great work 👍 and 😄!" in text and "<code" in text and ":smile:</span></code>" in text
    pdf = " ".join(p.extract_text() for p in pypdf.PdfReader(next((editions / "typst").glob("*.pdf"))).pages)
    assert "👍" in pdf and "😄" in pdf and ":tada: in a block" in pdf


def test_a_site_without_jemoji_keeps_shortcodes_as_typed(tmp_path):
    src = write_pages(tmp_path / "src", {"_config.yml": "title: Old site\nplugins:\n  - jekyll-feed\n",
                                         "index.md": page("Home", body="Great :+1: work.")})
    build = sphinx_build(src, tmp_path / "html")
    assert build.returncode == 0, build.output
    assert "Great :+1: work." in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")

    (src / "_config.yml").write_text(JEMOJI, encoding="utf-8")  # the page depends on the plugin list
    build = sphinx_build(src, tmp_path / "html")
    assert build.returncode == 0, build.output
    assert "Great 👍 work." in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("site", "on"), [
    ({"plugins": ["jemoji"]}, True), ({"gems": ["jekyll-sitemap", "jemoji"]}, True),
    ({"plugins": "jemoji"}, False), ({}, False), ({"plugins": ["jekyll-feed"]}, False),
])
def test_jemoji_is_on_only_when_the_config_lists_it(site, on):
    assert jemoji.uses_jemoji(site) is on


@pytest.mark.parametrize(("text", "expected"), [
    (":+1: :-1: :thumbsup:", "👍 👎 👍"),
    (":smile::tada:", "😄🎉"),
    (":shipit: :nope: 10:30:00", ":shipit: :nope: 10:30:00"),  # GitHub's pictures, unknown names, times
    ("see www.example.org/:tada: and :tada:", "see www.example.org/:tada: and 🎉"),
    ("mailto:a:smile:@example.org :smile:", "mailto:a:smile:@example.org 😄"),
    ("no colon at all", "no colon at all"),
])
def test_shortcodes_outside_addresses(text, expected):
    assert jemoji.with_emoji(text) == expected


LINE_START = (":construction: This is a work in progress\n\n:warning: Mind the gap\n"
              ":bulb: An idea\n\n:Owner: Office of Innovation\n:Status: Draft\n")


@pytest.mark.parametrize("config, shown", [(JEMOJI, "🚧 This is a work in progress"),
                                           ("title: Old site\n", ":construction: This is a work in progress")])
def test_a_shortcode_opening_a_line_is_words_not_a_field(tmp_path, config, shown):
    """cityofaustin/developer-guides: ``:construction: This is a work in progress`` became a
    field named "construction" (its colons gone, no emoji); a field list stays one."""
    src = write_pages(tmp_path / "src", {"_config.yml": config, "index.md": page("Home", body=LINE_START)})
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    article = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "lxml").select_one("article")
    paragraphs = [" ".join(p.get_text(" ").replace("¶", "").split()) for p in article.select("section > p")]
    assert paragraphs[0] == shown
    assert paragraphs[1].startswith(("⚠", ":warning:")) and "Mind the gap" in paragraphs[1]
    assert "An idea" in paragraphs[1]
    assert [dt.get_text(" ", strip=True).rstrip(": ") for dt in article.select("dl.field-list dt")] == ["Owner", "Status"]
