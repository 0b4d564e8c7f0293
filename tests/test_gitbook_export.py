"""What GitBook's export writes that GitBook showed as formatted (the City of Boston's
digital-documentation): hints and headings glued to a table's end, page and file blocks,
bold its editor wrote with a space inside, a folder whose README.md the export lost. Each
is published as GitBook showed it, in every edition, or said at its line."""

from __future__ import annotations

import zipfile

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, write_pages

PAGES = {
    "SUMMARY.md": "# Table of contents\n\n* [Home](README.md)\n* [Lando 101](lando.md)\n"
                  "* [Charts](charts/README.md)\n* [Meetings](meetings.md)\n"
                  "* [Release notes 2024](releases/2024.md)\n\n## Standards\n\n"
                  "* [Drupal/PHP coding](style-guides/php/README.md)\n"
                  "  * [Dependency injection](style-guides/php/di.md)\n",
    "style-guides/php/di.md": "# Dependency injection\n\nUse the container.\n",
    "README.md": "# Home\n\nWelcome.\n",
    "lando.md": ("# Lando 101\n\n<table>\n  <tr><td>lando start</td></tr>\n"
                 "</table>{% hint style=\"info\" %}\nRun `lando` to list commands.\n{% endhint %}\n\n"
                 "<table>\n  <tr><td>lando drush</td></tr>\n</table>### 3. Command line tasks\n\n"
                 "Lando runs tasks in the container.\n"),
    "charts/README.md": ("# Charts\n\nSee {% page-ref page=\"../lando.md\" %} first.\n\n"
                         "{% page-ref page=\"../\" %}\n\n{% page-ref page=\"gone.md\" %}\n\n"
                         "{% file src=\"../.gitbook/assets/bar-chart.json\" caption=\"Bar chart schema\" %}\n\n"
                         "{% file src=\"../.gitbook/assets/pie-chart.json\" caption=\"Pie chart schema\" %}\n\n"
                         "{% content-ref url=\"../lando.md\" %}\n[lando.md](../lando.md)\n{% endcontent-ref %}\n\n"
                         "{% content-ref url=\"gone.md\" %}\n[gone.md](gone.md)\n{% endcontent-ref %}\n"),
    "releases/2024.md": "# Release notes 2024\n\nThe year's changes.\n",
    "meetings.md": ("# Meetings\n\n**Monday mornings, required **\n\n"
                    "_**Guides**_**  **  is a collection of how-tos.\n\n"
                    "**Income estimator**\\\n****Takes the household income.\n\n"
                    "Nothing _****_ here, `**kept **` as code.\n\n_Get the latest versions**.**_\n\n```\n**code **\n```\n"),
    ".gitbook/assets/bar-chart.json": "{\"type\": \"bar\"}\n",
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


def test_a_hint_and_a_heading_glued_to_a_table_are_read_as_markdown(site):
    """``</table>{% hint … %}`` and ``</table>### 3. …``: CommonMark read them as the
    table's HTML, so readers saw the tag (and a stray ``:::``) and the heading's source."""
    base, src, builds = site
    main = main_of(base, "lando")
    assert main.select_one("div.admonition.note").get_text(" ", strip=True).endswith("Run lando to list commands. ¶")
    assert main.find("h2").get_text(strip=True).rstrip("¶") == "3. Command line tasks"
    assert [td.get_text() for td in main.select("table td")] == ["lando start", "lando drush"]
    assert "{%" not in main.get_text() and ":::" not in main.get_text() and "###" not in main.get_text()
    said = warnings_of(builds["html"].output)
    assert not [w for w in said if w.startswith(f"{src}/lando.md:")], said


def test_markdown_glued_to_an_element_keeps_its_line():
    """The element's last lines are joined to free a blank line; every Markdown line keeps
    its number, and an element too short for that takes the blank lines before it."""
    from gitbook_compat import glued

    text = "# A\n\n<table>\n  <tr><td>x</td></tr>\n</table>### B\n\n<hr>\n### C\n"
    assert glued.apart(text)[0].split("\n") == [
        "# A", "", "<table> <tr><td>x</td></tr> </table>", "", "### B", "<hr>", "", "### C", ""]
    over_lines = "<table>\n  <tr><td\n  style=\"text-align:left\">x</td></tr>\n</table>Two words.  \nMore.\n"
    assert glued.apart(over_lines)[0].split("\n") == [
        "<table>", "  <tr><td style=\"text-align:left\">x</td></tr> </table>", "", "Two words.  ", "More.", ""]
    kept = "Text\n<div>x</div>### B\n\n<div><pre>\na\n</pre></div>\n### C\n"
    assert glued.apart(kept) == (kept, [2, 7])  # no room; a <pre>'s lines mean something: said


def test_page_refs_and_content_refs_show_the_page_title(site):
    """GitBook showed ``{% page-ref %}`` (content-ref's older form) and a content-ref as a
    card with the page's title; the export's ``[lando.md](../lando.md)`` words are a file
    name. A page that is not there keeps the words, and is said at its line."""
    base, src, builds = site
    links = [(a.get_text(), a["href"]) for a in main_of(base, "charts/README").select("a.reference.internal")
             if "download" not in a["class"]]
    assert links == [("Lando 101", "../lando.html"), ("Home", "../README.html"),
                     ("Lando 101", "../lando.html")], links
    text = main_of(base, "charts/README").get_text()
    assert text.count("gone.md") == 2 and "{%" not in text and "lando.md" not in text
    said = warnings_of(builds["html"].output)
    assert [w.split(": WARNING")[0] for w in said if "'gone.md'" in w] == [
        f"{src}/charts/README.md:7", f"{src}/charts/README.md:18"], said
    assert not [w for w in said if "jekyll.liquid" in w], said


def test_a_file_block_is_a_download_with_its_caption(site):
    """``{% file src=… caption=… %}``: GitBook's download, shown as written and said as
    foreign Liquid; a file the folder lacks is said at its line, its caption kept."""
    base, src, builds = site
    main = main_of(base, "charts/README")
    download = main.select_one("a.reference.download")
    assert download.get_text() == "Bar chart schema" and download["href"].endswith("/bar-chart.json")
    assert (base / "html" / download["href"].replace("../", "", 1)).is_file()
    assert "Pie chart schema" in main.get_text()
    said = warnings_of(builds["html"].output)
    missing = [w for w in said if "pie-chart.json" in w]
    assert len(missing) == 1 and missing[0].startswith(f"{src}/charts/README.md:11: "), said


def test_a_lost_readme_s_section_keeps_its_summary_title_in_every_edition(site):
    """``[Drupal/PHP coding](style-guides/php/README.md)`` with no such file: the section
    was titled "Php" after its folder, and told to add an ``index.md``; it takes
    SUMMARY.md's words, and the one warning is at SUMMARY.md's line."""
    base, src, builds = site
    landing = main_of(base, "style-guides/php/index")
    assert landing.find("h1").get_text(strip=True).rstrip("¶") == "Drupal/PHP coding"
    assert "Dependency injection" in landing.get_text()
    with zipfile.ZipFile(next((base / "epub").glob("*.epub"))) as book:
        nav = book.read("EPUB/nav.xhtml" if "EPUB/nav.xhtml" in book.namelist() else
                        next(n for n in book.namelist() if n.endswith("nav.xhtml"))).decode("utf-8")
    assert "Drupal/PHP coding" in nav and ">Php<" not in nav
    outline = [item.title for item in _flat(pypdf.PdfReader(next((base / "typst").glob("*.pdf"))).outline)]
    assert "Drupal/PHP coding" in outline and "Php" not in outline
    said = warnings_of(builds["html"].output)
    assert not [w for w in said if "position.no-landing" in w and "style-guides" in w], said
    lost = [w for w in said if "gitbook.missing-page" in w]
    assert len(lost) == 1 and lost[0].startswith(f"{src}/SUMMARY.md:11: "), said
    assert "a contents page titled 'Drupal/PHP coding'" in lost[0]


def _flat(items) -> list:
    return [leaf for item in items for leaf in (_flat(item) if isinstance(item, list) else [item])]


def test_bold_the_editor_wrote_with_spaces_inside_is_bold(site):
    """``**required **``, ``**  **``, ``****Takes``, ``_****_``: GitBook showed bold words and
    no empty bold; CommonMark showed every asterisk. Code keeps its asterisks."""
    base, _, _ = site
    main = main_of(base, "meetings")
    assert [b.get_text() for b in main.select("p strong")] == [
        "Monday mornings, required", "Guides", "Income estimator"]
    text = main.get_text()
    assert "Guides is a collection" in " ".join(text.split()) and "Takes the household income." in text
    assert main.find("em", string="Get the latest versions.") is not None
    assert text.count("*") == 8 and "**kept **" in text and "**code **" in text


def test_a_folder_without_landing_is_told_to_add_its_readme(site):
    """A GitBook folder is landed by its README.md, placed by SUMMARY.md: the advice named
    an ``index.md`` with a position, which GitBook never reads."""
    _, src, builds = site
    said = [w for w in warnings_of(builds["html"].output) if "position.no-landing" in w]
    assert len(said) == 1 and said[0].startswith(f"{src}/releases/2024.md:1: "), said
    assert "add 'README.md' beside this file with a title, and list it in the table of contents" in said[0]
