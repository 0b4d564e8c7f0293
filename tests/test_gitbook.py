"""A folder written for GitBook (the City of Boston's digital-documentation, in small):
SUMMARY.md orders and nests the pages in all three editions, README.md lands its folder."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, copy_root, sphinx_build, write_pages
from test_order_editions import docname, epub_orders, sidebar_order

ORDER = [
    "getting-started/index",
    "getting-started/using-gitbook",
    "getting-started/life-on-the-digital-team/README",
    "getting-started/life-on-the-digital-team/meetings",
    "guides/index",
    "guides/redirects/README",
    "guides/amazon-web-services/README",
    "guides/amazon-web-services/production-overview",
    "guides/amazon-web-services/service-configuration/README",
    "guides/amazon-web-services/service-configuration/restarting-an-ecs-service",
    "guides/maps-on-boston.gov",
    "projects/index",
    "projects/contact-form",
]
TITLES = ["Getting started", "Using GitBook", "Life on the Digital team", "Meetings", "Guides",
          "Redirects", "Digital Webapps", "Production Overview", "Service Configuration",
          "Restarting a service", "Maps on boston.gov", "Projects", "Contact Form"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("gitbook")
    src = copy_root("gitbook-site", base / "src")
    builds = build_every_edition(src, base, strict=False)
    return base, src, builds


def warnings_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if "WARNING" in line]


def test_summary_orders_the_site_navigation(site):
    base, _, _ = site
    assert sidebar_order(base / "html", "README") == ORDER
    assert not (base / "html" / "SUMMARY.html").exists()  # the table of contents is no page


def test_summary_orders_the_epub_spine_and_contents(site):
    base, _, _ = site
    spine, contents = epub_orders(next((base / "epub").glob("*.epub")))
    assert spine == ["README", *ORDER]
    assert contents[contents.index(ORDER[0]):] == ORDER


def test_summary_orders_the_pdf_outline(site):
    base, _, _ = site
    reader = pypdf.PdfReader(next((base / "typst").glob("*.pdf")))

    def titles(items) -> list[str]:
        found = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    shown = titles(reader.outline)
    assert [t for t in shown if t in TITLES] == TITLES


def test_readme_is_home_and_landing_without_position_warnings(site):
    _, _, builds = site
    output = builds["html"].output
    assert "position.missing" not in output and "position.no-landing" not in output
    assert "README.md" not in " ".join(w for w in warnings_of(output) if "myst.xref" in w)
    home = BeautifulSoup((site[0] / "html" / "README.html").read_text(encoding="utf-8"), "lxml")
    assert home.find("h1").get_text(strip=True).startswith("Welcome")
    page = (site[0] / "html" / "getting-started" / "using-gitbook.html").read_text(encoding="utf-8")
    assert 'href="../README.html"' in page  # the link to the root README.md leads to the home


def test_summary_problems_said_once_at_their_line(site):
    _, src, builds = site
    said = warnings_of(builds["html"].output)
    missing = [w for w in said if "gitbook.missing-page" in w]
    assert missing == [next(w for w in said if w.startswith(f"{src}/SUMMARY.md:22: "))]
    assert "projects/street-sweeping.md" in missing[0]
    unlisted = [w for w in said if "gitbook.unlisted" in w]
    assert len(unlisted) == 1 and unlisted[0].startswith(f"{src}/projects/contact-form.md:1: ")


def test_a_folder_without_summary_is_unchanged(tmp_path):
    """No SUMMARY.md: README.md stays a repository's notes and pages still need positions."""
    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nHi.\n",
        "README.md": "# Notes\n\nFor the people who keep the files.\n",
        "guides/README.md": "# Guide notes\n\nText.\n",
        "guides/a.md": "---\ntitle: A\n---\n\nText.\n",
    })
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert not (tmp_path / "html" / "README.html").exists()
    assert "position.no-landing" in build.output and "position.missing" in build.output


def test_summary_core_reads_nesting_groups_and_gitbook_yaml(tmp_path):
    """The Sphinx-free core: GitBook's escapes, ``<…>`` addresses, groups, another root."""
    from gitbook_compat import summary

    entries, groups = summary.parse(
        "# Table of contents\n\n* [Home](README.md)\n\n## Guides <a id=\"g\"></a>\n\n"
        "* [D8 \\(DI\\) -&gt; D9](<guides/a b.md>)\n  * [Deep](guides/x/deep.md#part)\n"
        "* [Web](https://example.org)\n")
    assert [(e.path, e.title, e.line, e.depth) for e in entries] == [
        ("README.md", "Home", 3, 0), ("guides/a b.md", "D8 (DI) -> D9", 7, 0),
        ("guides/x/deep.md", "Deep", 8, 1)]
    assert groups == {"guides": "Guides"}
    write_pages(tmp_path, {".gitbook.yaml": "root: ./docs/\nstructure:\n  readme: intro.md\n"
                                            "  summary: toc.md\n",
                           "docs/intro.md": "# Intro\n", "docs/toc.md": "* [Intro](intro.md)\n"
                                                                     "* [Gone](gone.md)\n"})
    order = summary.reading_order(tmp_path)
    assert order.positions == {"docs/intro.md": 1}
    assert [(p.file, p.line, p.kind) for p in order.problems] == [
        ("docs/toc.md", 2, summary.Kind.MISSING)]
    assert summary.home(tmp_path) == "docs/intro"
    assert summary.layout_of(tmp_path / "docs") is None  # no SUMMARY.md, no .gitbook.yaml
