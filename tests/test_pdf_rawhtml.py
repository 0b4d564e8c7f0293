"""A page's own HTML in the PDF: its paragraphs, links, pictures, lists and tables typeset as
the same content written in Markdown would be (old Jekyll pages are full of it)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from docutils import nodes

from conftest import page, write_pages
from test_pdf_problems import line_of
from test_pdf_support import (build_pdf, link_annotations, struct_elements, structure_problems, text_of,
                              the_pdf, words)
from test_safety_links import PNG
from typst_pdf import xhtml_nodes

RAW = """Before the HTML.

<div class="intro">
<p>The <strong>first</strong> paragraph links the <a href="https://example.org/plan">plan online</a>.</p>
<img src="images/rain.png" alt="Rainfall by month, highest in May">
<ul>
<li>Apples and pears</li>
<li>Oranges, <em>ripe</em></li>
</ul>
<table>
<tr><th>District</th><th>Parks</th></tr>
<tr><td>North</td><td>12</td></tr>
<tr><td colspan="2">Forty in all</td></tr>
</table>
<h3>Where to go</h3>
<p>Read <a href="other.md#part-two">the second part</a>.<br>A line of its own.</p>
</div>

A Markdown paragraph with <b>inline bold</b> and <a href="other.md">a link to the other page</a>.

After the HTML.
"""

ORDER = ("Before the HTML. The first paragraph links the plan online[1]. • Apples and pears • "
         "Oranges, ripe District Parks North 12 Forty in all Where to go Read the second part (page")


@pytest.fixture(scope="module")
def raw_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    base = tmp_path_factory.mktemp("rawbook")
    src = write_pages(base / "src", {
        "index.md": page("Raw", None, "Below."),
        "raw.md": page("Raw HTML", 1, RAW),
        "other.md": page("Other page", 2, "The other page.\n\n## Part two\n\nSecond part."),
        "images/rain.png": PNG,
    })
    return src, build_pdf(src, base / "pdf")


def test_the_words_come_in_order_in_a_strict_pdf_ua_build(raw_book) -> None:
    src, build = raw_book
    assert build.returncode == 0 and build.warnings == [], build.output
    text = words(text_of(the_pdf(build.outdir)))
    assert ORDER in text, text
    assert "A line of its own. A Markdown paragraph with inline bold and a link to the other page (page" in text
    assert "After the HTML." in text
    assert structure_problems(the_pdf(build.outdir)) == []


def test_its_picture_is_embedded_with_its_description(raw_book) -> None:
    _, build = raw_book
    with pikepdf.open(the_pdf(build.outdir)) as pdf:
        assert any(image.get("/Subtype") == "/Image" for image in _xobjects(pdf))
        alts = {str(e.get("/Alt", "")) for e in struct_elements(pdf) if e.S == "/Figure"}
    assert "Rainfall by month, highest in May" in alts


def test_its_links_lead_where_markdown_links_lead(raw_book) -> None:
    _, build = raw_book
    links = link_annotations(the_pdf(build.outdir))
    assert {"uri": "https://example.org/plan"} in links
    internal = [link for link in links if link.get("internal")]
    assert len(internal) >= 2 + 3, links  # the two page links, besides the contents' entries
    with pikepdf.open(the_pdf(build.outdir)) as pdf:
        kinds = [str(e.S) for e in struct_elements(pdf)]
    assert "/Table" in kinds and "/L" in kinds, kinds


def test_a_picture_without_description_fails_pdf_ua_at_its_line(tmp_path: Path) -> None:
    """As a Markdown picture without one: PDF/UA requires it (``alt=""`` says nothing). A
    non-strict build leaves the picture out, so the City's PDF stays accessible."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Raw", None, "Below."),
        "raw.md": page("Raw HTML", 1, 'Text.\n\n<p>Look: <img src="rain.png" alt=""></p>\n'),
        "rain.png": PNG,
    })
    build = build_pdf(src, tmp_path / "pdf")
    where = f"{src / 'raw.md'}:{line_of(src / 'raw.md', '<img')}:"
    assert build.returncode != 0
    assert any(where in w and "[pdf.alt-missing]" in w for w in build.warnings), build.output
    assert "Traceback" not in build.output
    loose = build_pdf(src, tmp_path / "loose", strict=False)
    assert loose.returncode == 0 and not [w for w in loose.warnings if "[pdf.not-conforming]" in w], loose.output
    assert structure_problems(the_pdf(tmp_path / "loose")) == []
    assert "Text. Look:" in words(text_of(the_pdf(tmp_path / "loose")))


def test_what_is_still_flattened_keeps_its_words_with_one_warning(tmp_path: Path) -> None:
    """HTML nested past Typst's limits: its words, said once."""
    deep = "<div>" + "<blockquote>" * 40 + "deep words" + "</blockquote>" * 40 + "</div>"
    body = f"Text.\n\n{deep}\n\nInline " + "<span>" * 80 + "spans" + "</span>" * 80 + " end.\n"
    src = write_pages(tmp_path / "src", {"index.md": page("Raw", None, "Below."),
                                         "raw.md": page("Raw HTML", 1, body)})
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    assert build.returncode == 0, build.output
    raw = [w for w in build.warnings if "[pdf.raw]" in w]
    assert len(raw) == 1, build.output
    assert f"{src / 'raw.md'}:{line_of(src / 'raw.md', '<div>')}:" in raw[0]
    assert "nested more than" in raw[0]
    assert "Text. deep words Inline spans end." in words(text_of(the_pdf(tmp_path / "pdf")))


def test_its_data_pictures_are_embedded_as_markdown_ones_are(tmp_path: Path) -> None:
    """A ``<img src="data:…">`` was printed as its description in the PDF only, while a
    Markdown ``![](data:…)`` was embedded; both now are, with their description."""
    import base64

    data = "data:image/png;base64," + base64.b64encode(PNG).decode()
    body = f'Text.\n\n<p>The chart: <img src="{data}" alt="Rainfall by month"></p>\n'
    src = write_pages(tmp_path / "src", {"index.md": page("Raw", None, "Below."),
                                         "raw.md": page("Raw HTML", 1, body)})
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0 and build.warnings == [], build.output
    assert structure_problems(the_pdf(build.outdir)) == []
    with pikepdf.open(the_pdf(build.outdir)) as pdf:
        assert any(image.get("/Subtype") == "/Image" for image in _xobjects(pdf))
        alts = {str(e.get("/Alt", "")) for e in struct_elements(pdf) if e.S == "/Figure"}
    assert "Rainfall by month" in alts


def _xobjects(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    found, todo, seen = [], [page.obj.get("/Resources") for page in pdf.pages], set()
    while todo:
        resources = todo.pop()
        if not isinstance(resources, pikepdf.Dictionary) or resources.objgen in seen:
            continue
        if resources.objgen != (0, 0):
            seen.add(resources.objgen)
        for xobject in (resources.get("/XObject") or {}).values():
            found.append(xobject)
            todo.append(xobject.get("/Resources"))
    return found


# ---- the reading itself, without Sphinx ------------------------------------------------

def _context() -> xhtml_nodes.Context:
    return xhtml_nodes.Context(lambda href, words: nodes.reference("", "", *words, refuri=href),
                               lambda src, alt: nodes.image("", uri=src, alt=alt))


def test_cells_are_counted_as_a_browser_places_them() -> None:
    table = ('<table><tr><td rowspan="2">a</td><td>b</td><td>c</td></tr>'
             '<tr><td colspan="2">d</td></tr><tr><td>e</td></tr></table>')
    read = xhtml_nodes.blocks(table, _context())
    group = read[0].next_node(nodes.tgroup)
    assert group["cols"] == 3
    entries = list(read[0].findall(nodes.entry))
    assert [e.astext() for e in entries] == [*"abcde", "", ""]  # the last row filled
    assert entries[0]["morerows"] == 1 and entries[3]["morecols"] == 1


def test_a_short_row_is_filled_so_the_next_row_starts_on_its_own() -> None:
    """Typst places cells one after another: a short row would pull the next one up, and a
    cell spanning two columns there would not fit (Typst refused the whole PDF)."""
    table = '<table><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr><tr><td colspan="2">e</td></tr></table>'
    read = xhtml_nodes.blocks(table, _context())
    assert [len(row) for row in read[0].findall(nodes.row)] == [3, 3, 2]


def test_every_caption_of_a_table_keeps_its_words() -> None:
    """Found by random HTML: a table with two captions lost the second's words."""
    read = xhtml_nodes.blocks("<table><caption>First</caption><tr><td>a</td></tr><caption>Second</caption>"
                              "</table>", _context())
    assert " ".join(read[0].next_node(nodes.title).astext().split()) == "First Second"


def test_a_rowspan_past_the_last_row_is_cut_as_html_cuts_it() -> None:
    read = xhtml_nodes.blocks('<table><tr><td rowspan="9">a</td><td>b</td></tr></table>', _context())
    assert read[0].next_node(nodes.entry).get("morerows") is None


def test_unknown_elements_keep_their_words_and_lines() -> None:
    read = xhtml_nodes.blocks('<section>\n<details><summary>More</summary>\n<marquee>Hidden '
                              '<blink>words</blink></marquee></details></section>', _context(), 10)
    assert [n.astext() for n in read[0].findall(nodes.paragraph)] == ["More", "Hidden words"]
    assert [n.line for n in read[0].findall(nodes.paragraph)] == [11, 12]


def test_inline_pieces_are_paired_and_an_unpaired_tag_loses_no_word() -> None:
    paragraph = nodes.paragraph("", "", nodes.Text("A "), nodes.raw("", '<a href="https://x.org/">', format="html"),
                                nodes.Text("link"), nodes.raw("", "</a>", format="html"),
                                nodes.raw("", "<i>", format="html"), nodes.Text(" and more"))
    joined = xhtml_nodes.join_pieces(list(paragraph.children), _context(), lambda n: isinstance(n, nodes.raw))
    assert "".join(n.astext() for n in joined) == "A link and more"
    assert isinstance(joined[1], nodes.reference) and joined[1]["refuri"] == "https://x.org/"


def test_a_quotation_gets_its_marks_and_a_huge_list_start_is_left_out() -> None:
    read = xhtml_nodes.blocks('<p>She said <q>yes</q>.</p><ol start="99999999999999999999"><li>a</li></ol>', _context())
    assert read[0].astext() == "She said \u201cyes\u201d."
    assert "start" not in read[1]


def test_html_that_is_not_xml_is_left_for_plain_text() -> None:
    assert xhtml_nodes.blocks("<p>a &nbsp; <b>b</p>", _context()) is None


def test_its_headings_are_tagged_headings_that_never_skip_a_level(tmp_path: Path) -> None:
    """A page's ``<h2>`` was a bold line (a P) in the PDF, a heading in the site and the ePub:
    a screen reader moving by headings skipped it. Each is now an Hn inside its section, as
    nested as in the site, never skipping a level (PDF/UA-1 refuses that) and not in the
    contents."""
    body = ("Intro.\n\n<h2>How to apply</h2>\n\n<p>Fill the form.</p>\n\n"
            "<div><h2>Step one</h2><h5>Skipped down</h5><p>An ID.</p></div>\n\n"
            "## Markdown section\n\nText.\n\n<div><h1>Written as a top heading</h1><p>Words.</p></div>\n")
    src = write_pages(tmp_path / "src", {"index.md": page("Home", None, "Welcome."),
                                         "guide.md": page("Guide", 1, body)})
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0 and build.warnings == [], build.output
    pdf_path = the_pdf(build.outdir)
    assert structure_problems(pdf_path) == []
    with pikepdf.open(pdf_path) as pdf:
        headings = [str(e.S) for e in struct_elements(pdf) if str(e.S)[:2] == "/H" and str(e.S)[2:].isdigit()]
    # Contents, then Guide, How to apply, Step one, Skipped down, Markdown section, Written as a top heading
    assert headings == ["/H1", "/H1", "/H2", "/H2", "/H3", "/H2", "/H3"], headings
    text = words(text_of(pdf_path))
    assert ("Guide Intro. How to apply Fill the form. Step one Skipped down An ID. Markdown section "
            "Text. Written as a top heading Words.") in text, text
    contents = text.split("Intro.", 1)[0]
    assert "Markdown section" in contents and "How to apply" not in contents, contents


def test_a_pages_own_heading_that_links_to_a_page_keeps_the_pdf_accessible(tmp_path: Path) -> None:
    """cloud-gov/pages-uswds-jekyll's news page lists each post as
    ``<h1 class="title"><a href="{{post.url}}">{{post.title}}</a></h1>``: the link's page
    number, looked up in a Typst ``context``, left the heading without a title PDF/UA-1 can
    tag, and the whole PDF was written without UA-1 and A-2a."""
    body = ('<div class="grid-row">\n<h1 class="title"><a href="other.md">How about a new post</a></h1>\n'
            '<em class="date">February 20, 2020</em>\n</div>\n')
    src = write_pages(tmp_path / "src", {"index.md": page("Home", None, "Welcome."),
                                         "news.md": page("News", 1, body),
                                         "other.md": page("A new post", 2, "Where the magic happens.")})
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0 and build.warnings == [], build.output
    pdf_path = the_pdf(build.outdir)
    assert structure_problems(pdf_path) == []
    assert "How about a new post February 20, 2020" in words(text_of(pdf_path))


def test_a_heading_too_long_for_a_pdf_string_is_a_bold_paragraph_said_at_its_line(tmp_path: Path) -> None:
    """As a Markdown heading is: Typst refused PDF/A for the whole book, naming no page."""
    body = "Intro.\n\n<h2>" + " ".join(["word"] * 9000) + "</h2>\n\n<p>After.</p>\n"
    src = write_pages(tmp_path / "src", {"index.md": page("Home", None, "Welcome."),
                                         "guide.md": page("Guide", 1, body)})
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    said = [w for w in build.warnings if "[pdf.heading]" in w]
    assert len(said) == 1 and f"{src / 'guide.md'}:{line_of(src / 'guide.md', '<h2>')}:" in said[0], build.output
    assert not [w for w in build.warnings if "[pdf.not-conforming]" in w or "[pdf.typst]" in w], build.output
    assert structure_problems(the_pdf(build.outdir)) == []
    assert "word word word" in text_of(the_pdf(build.outdir))
