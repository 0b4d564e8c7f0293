"""Pages shaped like more of the City of Austin's own repositories (atd-data-tech's GitBook
wiki, knackpy's Hugo docs, austinconventioncenter.com's README): what GitHub, GitBook or
Hugo showed of them is in every edition, or said with its line, and nothing else is said."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import build_every_edition, sphinx_build, write_pages

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
       b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def _editions_text(base: Path, page: str) -> dict[str, str]:
    html = BeautifulSoup((base / "html" / f"{page}.html").read_text(), "html.parser").find("article")
    book = next((base / "epub").glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        epub = " ".join(BeautifulSoup(archive.read(name), "html.parser").get_text(" ")
                        for name in archive.namelist() if name.endswith(f"{page.replace('/', '_')}.xhtml")
                        or name.endswith(f"{page}.xhtml"))
    pdf = next((base / "typst").glob("*.pdf"))
    printed = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout
    return {name: " ".join(re.sub(r"-\n", "-", text).split())
            for name, text in (("html", html.get_text(" ")), ("epub", epub), ("pdf", printed))}


def test_a_gitbook_hint_closed_right_under_a_picture_is_not_said_to_be_glued(tmp_path: Path) -> None:
    """atd-data-tech's project-delivery-workflow.md ends a hint with a GitBook export's
    ``<img … data-size="original">`` and ``{% endhint %}`` on the next line: the box closed
    there as GitBook showed it, yet the build said the end tag was "shown as written" and
    told staff to add a blank line (a strict build failed on it)."""
    source = write_pages(tmp_path / "src", {
        "SUMMARY.md": "# Table of contents\n\n* [Delivery](README.md)\n",
        "README.md": (
            "# Project Delivery Workflow\n\n{% hint style=\"info\" %}\n"
            "When you click the \"New Issue\" button, you'll find issue templates.&#x20;\n\n"
            "<img src=\".gitbook/assets/shot.png\" alt=\"The New Issue button\" data-size=\"original\">\n"
            "{% endhint %}\n\nWork with the team lead to assign an estimate.\n"),
        ".gitbook/assets/shot.png": PNG})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert not [w for w in build.warnings if "gitbook.glued" in w], build.warnings
    article = BeautifulSoup((tmp_path / "html" / "README.html").read_text(), "html.parser").find("article")
    box = article.select_one(".admonition.note")
    assert box is not None and box.find("img") is not None, article
    assert "endhint" not in article.get_text() and "assign an estimate" not in box.get_text()


def test_a_hugo_book_hint_is_a_box_of_its_kind(tmp_path: Path) -> None:
    """knackpy's docs (pydoc-markdown's Hugo Book theme) wrap warnings in
    ``{{< hint warning >}}`` … ``{{< /hint >}}``: every edition showed the tags as typed
    around the words. Each is now a box of its kind; a tag written wrongly
    (``{{ < /hint > }}``) leaves its box's tags as typed, said at their lines."""
    source = write_pages(tmp_path / "src", {"index.md": (
        "# Knackpy\n\nUse `App.get()` to fetch records.\n\n{{< hint warning >}}\n\n"
        "#### Be Careful When Using Named References\n\n"
        "Namespace conflicts are highly likely when fetching by name.\n{{< /hint >}}\n\n"
        "{{< hint info >}}\n\nIf you've only fetched one container, you can omit its name.\n\n"
        "{{< /hint >}}\n\n{{< hint warning >}}\n\nRecords may look raw.\n\n{{ < /hint > }}\n")})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    article = BeautifulSoup((tmp_path / "out" / "html" / "index.html").read_text(),
                            "html.parser").find("article")
    warning, note = article.select(".admonition.warning"), article.select(".admonition.note")
    assert len(warning) == 1 and "Namespace conflicts" in warning[0].get_text(), article
    assert "Be Careful When Using Named References" in warning[0].get_text()
    assert len(note) == 1 and "omit its name" in note[0].get_text(), article
    for edition, text in _editions_text(tmp_path / "out", "index").items():
        assert "{{< hint warning >}} Namespace" not in text and "hint info" not in text, (edition, text)
        assert "Namespace conflicts" in text and "omit its name" in text and "Records may look raw" in text
    said = [w for w in builds["html"].warnings if "jekyll.liquid" in w]
    assert said and "index.md:18:" in said[0] and "(line 22)" in said[0] and "(line 5)" not in said[0], said


def test_alt_text_that_starts_with_screenshot_of_is_said_as_written(tmp_path: Path) -> None:
    """atd-data-tech's ``![Screenshot of the Issues page …](…)``: the warning said the alt
    text 'starts with "image of"', which it does not; it names the words it starts with."""
    source = write_pages(tmp_path / "src", {
        "index.md": "# Issues\n\n![Screenshot of the Issues page with the button circled.](shot.png)\n",
        "shot.png": PNG})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    said = [w for w in build.warnings if "style.alt-text" in w]
    assert said and 'starts with "Screenshot of"' in said[0] and '"image of"' not in said[0], said


def test_a_readme_thanks_with_the_emoji_github_showed(tmp_path: Path) -> None:
    """austinconventioncenter.com's README (no Jekyll site, no GitBook space) ends its credits
    with ``[18F][] :heart:``: GitHub showed a heart, every edition showed ``:heart:`` as typed.
    In code it stays as typed; a GitBook space, which showed it as typed, keeps it."""
    source = write_pages(tmp_path / "src", {"README.md": (
        "## About\n\nThe website of the Austin Convention Center Department.\n\n## Credits\n\n"
        "* Our prototyping wouldn't be nearly as solid without the [U.S. Web Design Standards][uswds] "
        "developed by [18F][] :heart:\n\nRun `echo :heart:` to see it typed.\n\n"
        "[uswds]: https://standards.usa.gov\n[18f]: https://github.com/18f/web-design-standards\n")})
    build_every_edition(source, tmp_path / "out", strict=False)
    for edition, text in _editions_text(tmp_path / "out", "README").items():
        assert "❤" in text and text.count(":heart:") == 1 and "echo :heart:" in text, (edition, text)
    gitbook = write_pages(tmp_path / "book", {"SUMMARY.md": "# Table of contents\n\n* [About](README.md)\n",
                                              "README.md": "# About\n\nWe :heart: open data.\n"})
    sphinx_build(gitbook, tmp_path / "book-html", strict=False)
    assert "We :heart: open data." in (tmp_path / "book-html" / "README.html").read_text()


def test_links_gitbook_marked_broken_keep_their_words_and_say_why(tmp_path: Path) -> None:
    """atd-data-tech's wiki links ``[take another step](broken-reference)`` and
    ``[release](/broken/pages/-M7sk-ZL7BD1ehiqiV8r)``: GitBook's marks for a page moved or
    deleted there. The words stayed, but the warnings spoke of a page called
    'broken-reference' or an address "on the old site"; each now says what GitBook meant."""
    source = write_pages(tmp_path / "src", {
        "SUMMARY.md": "# Table of contents\n\n* [Delivery](README.md)\n",
        "README.md": (
            "# Project Delivery Workflow\n\n{% hint style=\"info\" %}\n"
            "If you are running OSX Catalina, you may need to [take another step](broken-reference) "
            "to complete the configuration.&#x20;\n{% endhint %}\n\n"
            "* If practical, [release](/broken/pages/-M7sk-ZL7BD1ehiqiV8r) versions of an application.\n\n"
            "Write `[x](broken-reference)` in code as it is.\n")})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    for edition, text in _editions_text(tmp_path / "out", "README").items():
        assert "you may need to take another step to complete" in text, (edition, text)
        assert "If practical, release versions" in text and "[x](broken-reference)" in text, (edition, text)
    said = [w for w in builds["html"].warnings if "broken" in w]
    assert [w for w in said if "README.md:4:" in w and "gitbook.broken-link" in w
            and "'take another step'" in w and "moved or deleted" in w], said
    assert [w for w in said if "README.md:7:" in w and "gitbook.broken-link" in w and "'release'" in w], said
    assert not [w for w in said if "xref_missing" in w or "jekyll.link" in w], said


def test_a_page_its_missing_layout_made_is_said_to_be_published_empty(tmp_path: Path) -> None:
    """atd-data-and-performance's dashboards are front matter only (``layout:
    signal-retiming-dash``); copied without ``_layouts/``, each was published with its title
    alone and nothing said. A page with text, or whose layout only wraps it, is not said."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "permalink: pretty\ntitle: 'Transportation Data and Performance Hub'\n",
        "index.md": "---\nlayout: homepage\ntitle: Open Data and Performance Hub\n---\n",
        "signal-retiming.md": ("---\nlayout: signal-retiming-dash\ntitle: Signal Re-Timing\n"
                               "short-name: Signal Re-timing\ncustom_js:\n- d3.v4.min\n---\n"),
        "about.md": "---\nlayout: page\ntitle: About\n---\n\nWe publish open data.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    said = [w for w in build.warnings if "jekyll.layout" in w]
    assert len(said) == 1 and "signal-retiming.md:2:" in said[0], said
    assert "`signal-retiming-dash`" in said[0] and "published with its title only" in said[0], said
