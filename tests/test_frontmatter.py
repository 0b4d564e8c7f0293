"""The front-matter reader: what it finds, and the line of every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pageorder.frontmatter import read_page, titled_after_publication
from pageorder.problems import Kind


def read(tmp_path: Path, content: str | bytes):
    path = tmp_path / "page.md"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_page("page", path)


def kinds(page) -> list[Kind]:
    return [problem.kind for problem in page.problems]


def test_title_and_position_with_their_lines(tmp_path):
    page = read(tmp_path, "---\nlayout: page\ntitle: Parking\nposition: 7\n---\n\nText\n")
    assert (page.title, page.title_line, page.position, page.position_line) == ("Parking", 3, 7, 4)
    assert page.published and not page.problems


@pytest.mark.parametrize("value, expected", [("-3", -3), ('"12"', 12), ("0", 0), ("+4", 4)])
def test_whole_numbers_are_positions(tmp_path, value, expected):
    assert read(tmp_path, f"---\ntitle: T\nposition: {value}\n---\n").position == expected


@pytest.mark.parametrize("value", ["first", "1.5", "true", "[1]", "", "1e3"])
def test_other_positions_are_refused_on_their_line(tmp_path, value):
    page = read(tmp_path, f"---\ntitle: T\nnote: x\nposition: {value}\n---\n")
    assert page.position is None
    assert kinds(page) == [Kind.POSITION_INVALID]
    assert page.problems[0].line == 4
    assert "whole number" in page.problems[0].message


def test_title_falls_back_to_first_heading_outside_code(tmp_path):
    page = read(tmp_path, "---\nposition: 1\n---\n\n```\n# not this\n```\n\n## Real heading ##\n")
    assert (page.title, page.title_line) == ("Real heading", 9)


def test_setext_heading_counts(tmp_path):
    assert read(tmp_path, "Intro title\n===========\n\ntext\n").title == "Intro title"


def test_no_title_at_all_is_reported(tmp_path):
    page = read(tmp_path, "---\nposition: 1\n---\n\nJust a paragraph.\n")
    assert page.title == "Page" and kinds(page) == [Kind.TITLE_MISSING]
    assert "titled 'Page' after its file name" in page.problems[0].message


def test_first_page_without_title_is_titled_after_the_publication(tmp_path):
    home = titled_after_publication(read(tmp_path, "---\nlayout: home\n---\n\nWelcome.\n"),
                                    "Smart City Austin")
    assert home.title == "Smart City Austin" and kinds(home) == []
    headed = read(tmp_path, "---\nposition: 1\n---\n\n# Welcome\n")
    assert titled_after_publication(headed, "Smart City Austin").title == "Welcome"


@pytest.mark.parametrize("written", ["", " ~", " ''", " null"])
def test_an_empty_title_is_the_file_name_and_says_so(tmp_path, written):
    page = read(tmp_path, f"---\ntitle:{written}\nposition: 1\n---\n\n## Outcome\n")
    assert page.title == "Page" and kinds(page) == [Kind.TITLE_INVALID]
    assert "`title` is empty: the page is titled 'Page' after its file name" in page.problems[0].message


def test_malformed_yaml_points_at_the_bad_line(tmp_path):
    page = read(tmp_path, "---\ntitle: ok\nposition: [1\nother: x\n---\n\n# Heading\n")
    assert kinds(page) == [Kind.YAML]
    assert page.problems[0].line in (3, 4)
    assert page.title == "Heading"  # the body still names the page


def test_unclosed_front_matter(tmp_path):
    page = read(tmp_path, "---\ntitle: x\n\nbody text\n")
    assert kinds(page)[0] is Kind.YAML and "never closed" in page.problems[0].message


@pytest.mark.parametrize("text, line, said", [
    # fatlan/beautiful-jekyll as stored: _posts/2015-12-02-ipv4-class-ve-subnetting-tablo.md
    ("assets---\nlayout: post\ntitle: IPv4 Class ve Subnetting Tablo\ntags: [ip, network]\n---\n"
     "![Crepe](/a.png)\n", 1, "line 1 is `assets---`, not `---` alone"),
    ("\n---\ntitle: Parks\nposition: 2\n---\n\nText.\n", 2, "it starts on line 2, below a blank line"),
    ("   ---\ntitle: Parks\n---\n\nText.\n", 1, "its `---` is indented"),
])
def test_a_front_matter_not_on_line_1_is_said_not_read(tmp_path, text, line, said):
    """Its `key: value` lines were published as one heading of text (the page's title in
    every edition and in its citation), without a word."""
    page = read(tmp_path, text)
    assert kinds(page) == [Kind.FRONT_MATTER_NOT_FIRST]
    assert page.problems[0].line == line and said in page.problems[0].message


@pytest.mark.parametrize("text", [
    "Intro ---\n\nText\n---\n",               # a dash in a sentence, then a rule
    "# Title\n\nword---\nnot: a key\n---\n",   # below the page's first line
    "x---\ntitle: y\nnever closed\n",
    "\n\n\n\n\n\n---\ntitle: far down\n---\n",
])
def test_text_that_only_looks_like_a_late_front_matter_is_no_problem(tmp_path, text):
    assert Kind.FRONT_MATTER_NOT_FIRST not in kinds(read(tmp_path, text))


def test_front_matter_that_is_not_a_mapping(tmp_path):
    page = read(tmp_path, "---\n- a\n- b\n---\n\n# T\n")
    assert kinds(page) == [Kind.NOT_MAPPING]


def test_non_utf8_byte_is_located_and_the_rest_is_read(tmp_path):
    page = read(tmp_path, b"---\ntitle: Caf\xe9\nposition: 2\n---\n")
    assert kinds(page) == [Kind.ENCODING]
    assert page.problems[0].line == 2
    assert page.position == 2 and page.title == "Café"  # read as Windows-1252


def test_byte_order_mark_is_fine(tmp_path):
    page = read(tmp_path, "\ufeff---\ntitle: BOM\nposition: 1\n---\n")
    assert (page.title, page.position, page.problems) == ("BOM", 1, ())


@pytest.mark.parametrize("content", ["", "\n  \n\t\n"])
def test_empty_file_gets_one_message(tmp_path, content):
    page = read(tmp_path, content)
    assert kinds(page) == [Kind.EMPTY]


@pytest.mark.parametrize("value, published, problem", [
    ("false", False, []), ("true", True, []), ("no", False, []), ("maybe", True, [Kind.PUBLISHED_INVALID]),
])
def test_published_flag(tmp_path, value, published, problem):
    page = read(tmp_path, f"---\ntitle: T\nposition: 1\npublished: {value}\n---\n")
    assert page.published is published and kinds(page) == problem


def test_title_that_is_a_list_is_refused(tmp_path):
    page = read(tmp_path, "---\ntitle: [a, b]\nposition: 1\n---\n\n# Fallback\n")
    assert kinds(page) == [Kind.TITLE_INVALID] and page.title == "Fallback"
    assert "titled 'Fallback' after its first heading" in page.problems[0].message


def test_numeric_title_is_text(tmp_path):
    assert read(tmp_path, "---\ntitle: 2030\nposition: 1\n---\n").title == "2030"


def test_a_json_style_emoji_escape_is_the_emoji_in_every_reading(tmp_path):
    """``"\\ud83d\\ude80"`` (how JSON writes an emoji) is one character, for page order and
    for MyST alike; before, its two halves stopped every edition."""
    from maths.topmatter import safe_load

    page = tmp_path / "a.md"
    page.write_text('---\ntitle: "Launch \\ud83d\\ude80"\nposition: 1\n---\n\nText.\n', encoding="utf-8")
    assert read_page("a", page).title == "Launch \U0001F680"
    assert safe_load('title: "Launch \\ud83d\\ude80"') == {"title": "Launch \U0001F680"}


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -\n\r\t\u2028\x0b\x1c\u0085é#")), max_size=80))
def test_a_page_source_pickles_back_to_the_same_source(text):
    """Its lines are not pickled (pagesource.PageSource.__reduce__) but come back the same."""
    import pickle

    import pagesource

    for source in (pagesource.parse(text), pagesource.parse(f"---\ntitle: x\n---\n{text}")):
        again = pickle.loads(pickle.dumps(source, pickle.HIGHEST_PROTOCOL))
        assert again == source and again.lines == source.lines


def test_a_position_the_sites_defaults_give_is_taken(tmp_path):
    """``_config.yml``'s ``defaults:`` may give a folder's pages their ``position``: it is on
    no line of the page, so its written form is not checked (it was always refused)."""
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    found = read_page("a", page, defaults={"position": 5})
    assert (found.position, found.problems) == (5, ())
    assert read_page("a", page, defaults={"position": True}).position is None
    page.write_text("---\ntitle: A\nposition: 1:30\n---\n\nText.\n", encoding="utf-8")
    assert [p.kind for p in read_page("a", page, defaults={"position": 5}).problems] == [Kind.POSITION_INVALID]


def test_a_merge_conflict_is_named_once_with_its_lines():
    from pagesource import Kind as SourceKind, merge_conflicts, parse

    text = ("# Title\n\n<<<<<<< HEAD\nOurs.\n=======\nTheirs.\n>>>>>>> main\n\n"
            "~~~\n<<<<<<< HEAD\nin code\n=======\n>>>>>>> x\n~~~\n\n<<<<<<< a\nB\n=======\nC\n>>>>>>> b\n")
    [problem] = [p for p in parse(text).problems if p.kind is SourceKind.CONFLICT]
    assert problem.line == 3 and "(lines 3-7 and 1 more)" in problem.message
    for harmless in ("a <<<<<<< b\n=======\n>>>>>>> c\n",  # not at a line's start
                     "<<<<<<< HEAD\nno middle\n>>>>>>> end\n",
                     "=======\n>>>>>>> only the end\n",
                     "```\n<<<<<<< HEAD\n=======\n>>>>>>> x\n```\n",
                     "<<<<<<<< eight\n=======\n>>>>>>> x\n"):
        assert merge_conflicts(harmless, harmless.splitlines()) == [], harmless


TITLE_WITH_REFERENCES = '"Part 1&#58 Foo &amp; &lt;b&gt;&#42;Bar&#42;&lt;/b&gt; &copy"'
"""A reference without its semicolon (a browser decodes it, CommonMark does not), a named
one without it, and references to characters Markdown would read as markup."""
SHOWN = "Part 1: Foo & <b>*Bar*</b> ©"


def test_a_title_reads_its_character_references_as_a_browser_does(tmp_path):
    page = read(tmp_path, f"---\ntitle: {TITLE_WITH_REFERENCES}\nposition: 1\n---\n\nText\n")
    assert page.title == SHOWN and not page.problems


def test_a_titles_character_references_in_every_edition(tmp_path):
    """``Part 1&#58 Foo`` was the title in the site's <title>, its navigation, the ePub
    and the PDF: Jekyll's output, read by a browser, said "Part 1: Foo"."""
    from bs4 import BeautifulSoup
    from conftest import page as md_page, sphinx_build, write_pages
    from test_pdf_support import build_pdf, outline, the_pdf

    source = write_pages(tmp_path / "source", {
        "index.md": md_page("Home", body="Welcome."),
        "part.md": md_page(TITLE_WITH_REFERENCES, 1, body="Text.")})
    html = sphinx_build(source, tmp_path / "html", "html")
    assert html.returncode == 0, html.output
    soup = BeautifulSoup((tmp_path / "html" / "part.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith(SHOWN + " - ")
    assert soup.select_one("article h1").get_text().rstrip("¶") == SHOWN
    home = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert SHOWN in [a.get_text() for a in home.select(".sidebar-tree a")]
    epub = sphinx_build(source, tmp_path / "epub", "epub")
    assert epub.returncode == 0, epub.output
    nav = BeautifulSoup((tmp_path / "epub" / "nav.xhtml").read_text(encoding="utf-8"), "html.parser")
    assert SHOWN in [a.get_text() for a in nav.select("a")]
    pdf = build_pdf(source, tmp_path / "pdf")
    assert pdf.returncode == 0, pdf.output
    assert SHOWN in [title for _, title in outline(the_pdf(tmp_path / "pdf"))]


@pytest.mark.parametrize("written, shown", [
    ('"   "', "Odd"),  # an empty heading in every edition; the PDF lost PDF/UA
    ("[a, b]", "Odd"),  # shown as "['a', 'b']" while the warning said the file name
    ("{a: b}", "Odd"),
    ('"Parks\\nand trails\\u2028today"', "Parks and trails today"),  # the heading ended at "Parks"
    ('"Item #"', "Item #"),  # read as an ATX heading's closing sequence: "Item"
])
def test_the_heading_every_edition_shows_is_the_title_the_outline_names(tmp_path, written, shown):
    from bs4 import BeautifulSoup
    from conftest import page as md_page, sphinx_build, write_pages
    from test_pdf_support import build_pdf, outline, the_pdf

    source = write_pages(tmp_path / "source", {
        "index.md": md_page("Home", body="Welcome."),
        "odd.md": f"---\ntitle: {written}\nposition: 1\n---\n\nText.\n"})
    page = read_page("odd", source / "odd.md")
    assert page.title == shown
    html = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert html.returncode == 0, html.output
    soup = BeautifulSoup((tmp_path / "html" / "odd.html").read_text(encoding="utf-8"), "html.parser")
    assert [h.get_text().rstrip("¶") for h in soup.select("article h1")] == [shown]
    assert soup.title.get_text().startswith(shown + " - ")
    assert "Text." in soup.select_one("article").get_text() and "trails" not in soup.select_one("article p").get_text()
    pdf = build_pdf(source, tmp_path / "pdf", strict=False)
    assert pdf.returncode == 0 and not [w for w in pdf.warnings if "[pdf." in w], pdf.output
    assert shown in [title for _, title in outline(the_pdf(tmp_path / "pdf"))]


def test_a_title_of_a_long_run_of_spaces_is_read_in_linear_time():
    """``\\s*<line break>\\s*`` tried every space of a run as its start: a title of 30,000
    spaces held a build for 20 s, one of 300,000 for about half an hour (a hostile page)."""
    from conftest import ends_apart

    assert ends_apart("from pagesource import titles\n"
                      "assert titles.one_line('A' + ' ' * 300_000 + 'x') == 'A' + ' ' * 300_000 + 'x'\n"
                      "assert titles.one_line('A \\n ' * 50_000 + 'x') == 'A ' * 50_000 + 'x'", limit=120)


@pytest.mark.parametrize("mark", [b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"],
                         ids=["utf-16-le", "utf-16-be", "utf-32-le"])
def test_a_wide_byte_order_mark_before_utf8_text_is_read_as_utf8(mark: bytes, tmp_path: Path) -> None:
    """A UTF-16 mark left before UTF-8 bytes (a tool that joined files, an editor that kept
    the mark): read as UTF-16, the page became CJK garbage without a word. Both readers,
    the front matter's and Sphinx's codec, read the same text."""
    import codecs
    import io

    from pagesource import decode, lenient_utf8

    raw = mark + "---\ntitle: Café\n---\n\nThe café opens at nine.\n".encode("utf-8")
    text, problems = decode(raw)
    assert text.startswith("---\ntitle: Café\n") and "The café opens at nine." in text
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (1, f"the file starts with a {lenient_utf8.encoding_of(mark).upper()} byte order mark, "
            "but its text is UTF-8")]
    assert codecs.decode(raw, lenient_utf8.NAME) == text
    assert io.TextIOWrapper(io.BytesIO(raw), encoding=lenient_utf8.NAME).read() == text
    for wide in ("utf-16", "utf-32"):  # really wide text is read as what its mark says
        real = "---\ntitle: Café\n---\n\nText.\n".encode(wide)
        assert decode(real)[0] == io.TextIOWrapper(io.BytesIO(real), encoding=lenient_utf8.NAME).read() \
            == "---\ntitle: Café\n---\n\nText.\n"


def test_a_value_with_a_colon_is_read_and_said(tmp_path):
    """``title: Budget: FY2024 plan`` (a colon and a space in a value, the commonest YAML
    mistake) lost the whole front matter: every edition titled the page "Page" after its
    file, its position was gone, and the advice ("one `key: value` per line") did not say
    what to change. The value is read as written, and the warning says to quote it."""
    from bs4 import BeautifulSoup
    from conftest import page as md_page, sphinx_build, write_pages

    page = read(tmp_path, "---\ntitle: Budget: FY2024 plan\nposition: 3\n---\n\nText\n")
    assert (page.title, page.position) == ("Budget: FY2024 plan", 3)
    assert kinds(page) == [Kind.YAML] and page.problems[0].line == 2
    assert 'title: "Budget: FY2024 plan"' in page.problems[0].message, page.problems[0].message
    source = write_pages(tmp_path / "source", {
        "index.md": md_page("Home", body="Welcome."),
        "page.md": "---\ntitle: Budget: FY2024 plan\nposition: 1\n---\n\nText.\n"})
    html = sphinx_build(source, tmp_path / "html", "html", strict=False)
    soup = BeautifulSoup((tmp_path / "html" / "page.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one("article h1").get_text().rstrip("¶") == "Budget: FY2024 plan"
    assert [w for w in html.warnings if "page.md:2:" in w and "[position.yaml]" in w], html.output


def test_a_comment_after_a_value_with_a_colon_stays_a_comment(tmp_path):
    """``title: Budget: FY2024 # draft``: read as if quoted, the writer's note (YAML's
    comment) became part of the title, published on every page that lists it."""
    page = read(tmp_path, "---\ntitle: Budget: FY2024 # draft, ask Ana\nposition: 3\n---\n\nText\n")
    assert (page.title, page.position) == ("Budget: FY2024", 3)
    assert "ask Ana" not in page.problems[0].message
    assert read(tmp_path, "---\ntitle: Plan: #3 of 5 #\n---\n\nText\n").title == "Plan: #3 of 5"


@pytest.mark.parametrize("control", ["\x00", "\x01", "\x1b"])
def test_a_control_character_in_a_title_is_left_out_as_the_page_shows_it(tmp_path, control):
    """``title: "Nul<NUL>page"``: YAML refuses the character, so the build said "not valid
    YAML" and "no title, titled 'Page'", while the page, whose control characters the safety
    room leaves out, came out titled "Nulpage". The front matter is read as shown."""
    page = read(tmp_path, f'---\ntitle: "Nul{control}page"\nposition: 3\n---\n\nText\n')
    assert (page.title, page.title_line, page.position) == ("Nulpage", 2, 3)
    assert not page.problems


def test_a_nul_in_a_title_is_said_once_and_the_title_is_what_is_said(tmp_path):
    from bs4 import BeautifulSoup

    from conftest import sphinx_build, write_pages

    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\nposition: 0\n---\n\nHome text.\n",
        "page.md": '---\ntitle: "Nul\x00page"\nposition: 1\n---\n\nSome text.\n',
    })
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output
    said = [w for w in build.warnings if "page.md" in w]
    assert len(said) == 1 and said[0].startswith(f"{src}/page.md:2: ") and "U+0000" in said[0]
    html = BeautifulSoup((tmp_path / "html" / "page.html").read_text(encoding="utf-8"), "lxml")
    assert html.find("h1").get_text(strip=True).rstrip("#¶") == "Nulpage"
