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


BLOOMINGTON = {
    "_config.yml": "name: City of Bloomington\nmarkdown: redcarpet\npygments: true\nbaseurl: /\n",
    "_layouts/default.html": "<html><head><title>{{page.title}}</title></head><body>{{content}}</body></html>\n",
    "index.md": ("---\nlayout: default\ntitle: City of Bloomington\n---\n# Open Source Software\n\n"
                 "The City of Bloomington is committed to using and contributing to open source software.\n"),
    "projects/index.md": ("---\nlayout: default\ntitle: Projects - City of Bloomington\n---\n# Projects\n\n"
                          "We have a number of free and open projects that solve common problems "
                          "that municipal governments face:\n"),
    "guides/installation.md": ("---\nlayout: default\ntitle: Install Guides\n---\n\n# Installation\n\n"
                               "With a large number of projects and a small team, keeping "
                               "documentation current is a challenge.\n"),
}


def test_a_title_that_already_names_the_site_is_not_followed_by_its_name_again(tmp_path: Path) -> None:
    """Bloomington titled its pages "Projects - City of Bloomington" (its layout printed the
    title alone): the browser's tab and a search result read it once, not
    "Projects - City of Bloomington - City of Bloomington"."""
    source = write_pages(tmp_path / "src", BLOOMINGTON)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output

    def tab(relative: str) -> str:
        soup = BeautifulSoup((tmp_path / "html" / relative).read_text(encoding="utf-8"), "html.parser")
        return " ".join(soup.title.get_text().split())

    assert tab("projects/index.html") == "Projects - City of Bloomington"
    assert tab("guides/installation.html") == "Install Guides - City of Bloomington"
    assert tab("index.html") == "City of Bloomington"
