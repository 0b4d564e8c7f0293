"""A picture's description written over several lines (the City's smart-city roadmap
describes each timeline so) keeps a space between its lines' words, and a code span's
words, in every edition."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages

PICTURE = (Path(__file__).parent / "roots" / "pdf-alt-missing" / "images" / "district-map.png").read_bytes()

BODY = ("![Timeline of 2017. Key milestones included:\n"
        "January 19: City becomes U.S Ignite Partner\n"
        "January 24: Workshop `2`](map.png)\n")


def test_a_description_over_several_lines_keeps_its_words_apart(tmp_path):
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "roadmap.md": page("Roadmap", 1, body=BODY),
        "map.png": PICTURE})
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode == 0, build.output
    article = BeautifulSoup((tmp_path / "html" / "roadmap.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    alt = article.select_one("img")["alt"]
    assert " ".join(alt.split()) == ("Timeline of 2017. Key milestones included: January 19: City "
                                     "becomes U.S Ignite Partner January 24: Workshop 2")
