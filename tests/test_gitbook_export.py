"""What GitBook's export writes that GitBook showed as formatted (the City of Boston's
digital-documentation): hints and headings glued to a table's end, page and file blocks,
bold its editor wrote with a space inside, a folder whose README.md the export lost. Each
is published as GitBook showed it, in every edition, or said at its line."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, write_pages

PAGES = {
    "SUMMARY.md": "# Table of contents\n\n* [Home](README.md)\n* [Lando 101](lando.md)\n",
    "README.md": "# Home\n\nWelcome.\n",
    "lando.md": ("# Lando 101\n\n<table>\n  <tr><td>lando start</td></tr>\n"
                 "</table>{% hint style=\"info\" %}\nRun `lando` to list commands.\n{% endhint %}\n\n"
                 "<table>\n  <tr><td>lando drush</td></tr>\n</table>### 3. Command line tasks\n\n"
                 "Lando runs tasks in the container.\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("gitbook-export")
    src = write_pages(base / "src", PAGES)
    return base, src, build_every_edition(src, base, strict=False)


def main_of(base, page: str) -> BeautifulSoup:
    html = (base / "html" / f"{page}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml").select_one("[role=main]")


def warnings_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if "WARNING" in line]


def test_an_endhint_no_hint_opened_is_never_a_box_end():
    """``Before {% hint %}`` is left for Liquid to say; its ``{% endhint %}`` made a ``:::``
    that closed nothing, shown to readers as written, unsaid."""
    from gitbook_compat import blocks

    text = "Before {% hint style=\"info\" %}\nWords.\n{% endhint %}\n\n{% endhint %}\n"
    assert blocks.rewrite(text) == text
