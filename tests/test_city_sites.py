"""Other cities' and counties' old Jekyll sites, as they are, build as Jekyll published them.

Each test is a small project in the shape of a real local-government site (the text
shortened): Santa Monica's Youth Tech Program (its home page kept in ``_pages/index/``,
read through ``include: [_pages]``, with ``permalink: /``), Santa Monica's open data
portal (Bootstrap's ``hidden`` message only its script shows) and the City of
Bloomington's open source pages (``markdown: redcarpet``, ``#Community``).
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import sphinx_build, write_pages


def words(html: Path) -> str:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return " ".join((soup.find("article") or soup).get_text(" ").split())


YOUTHTECH = {
    "_config.yml": ("title: Santa Monica Youth Tech Program\n"
                    'baseurl: "/youthtechprogram"\n'
                    "markdown: redcarpet\n"
                    "include:\n  - _pages\n"),
    "_layouts/base.html": "<html><body>{{ content }}</body></html>\n",
    "_pages/index/index.html": ("---\nlayout: base\npermalink: /\njumbotron:\n  text: >\n"
                                "    #### Summer 2016\n---\n\n<main>\n"
                                "    {% include_relative _eligibility.html %}\n</main>\n"),
    "_pages/index/_eligibility.html": (
        '<div class="eligibility page-section">\n    <div class="container">\n'
        '        <h2 class="section-header">Eligibility</h2>\n'
        "        <article>\n            <h4>Cost</h4>\n            <p>Free of charge!</p>\n"
        "        </article>\n    </div>\n</div>\n"),
    "_pages/data-day.html": ("---\nlayout: base\npermalink: /data-day/\n---\n\n<main>\n"
                             "  <h1>Data Exploration and Storytelling</h1>\n"
                             "  <p>Government is rich with data.</p>\n</main>\n"),
}


def test_a_home_page_kept_in_a_folder_of_an_included_folder_is_the_home(tmp_path: Path) -> None:
    """Jekyll published ``_pages/index/index.html`` (``permalink: /``) as the site's home:
    its words are the publication's first page, not a page "Index" under a generated home."""
    source = write_pages(tmp_path / "src", YOUTHTECH)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    front = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    refresh = front.find("meta", attrs={"http-equiv": "refresh"})  # as a home.md's is
    home = refresh["content"].split("url=", 1)[1] if refresh else "index.html"
    assert "Free of charge!" in words(tmp_path / "html" / home)
    assert "Santa Monica Youth Tech Program" in words(tmp_path / "html" / home).split("Eligibility")[0]
    assert "two landing pages" not in build.output, build.output
    assert "titled 'Index'" not in build.output, build.output
    assert "Data Exploration" in words(tmp_path / "html" / "data-day.html")
