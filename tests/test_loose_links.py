"""Link addresses as people write them (``loose_links.core``): what each one meant.

The shapes come from the City's real old pages (copied from Google Docs and Word): a
``www.`` address, a bare ``host/path``, a ``#heading=h.…`` link, text and address swapped.
Everything else must be left to MyST, above all file and page names.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from loose_links.core import Kind, read, web_address
from safety import urls


@pytest.mark.parametrize(("target", "text", "kind", "url"), [
    ("www.atxfloods.com", "ATXfloods.com", Kind.NO_SCHEME, "https://www.atxfloods.com"),
    ("projects.austintexas.io/projects/x", "Shared Values", Kind.NO_SCHEME,
     "https://projects.austintexas.io/projects/x"),
    ("WWW.Example.museum/a?b=c#d", "x", Kind.NO_SCHEME, "https://WWW.Example.museum/a?b=c#d"),
    ("austintexas.gov", "the City", Kind.NO_SCHEME, "https://austintexas.gov"),
    ("heading=h.s0gq6c6tiig1", "method", Kind.DOCS_HEADING, None),
    ("#heading=h.feah0f2zwfbp", "values", Kind.DOCS_HEADING, None),
    ("African proverb", "https://www.npr.org/a/b", Kind.SWAPPED, "https://www.npr.org/a/b"),
    # 18F's pages as published: [inquiries18F@gsa.gov](inquiries18F@gsa.gov)
    ("inquiries18F@gsa.gov", "inquiries18F@gsa.gov", Kind.NO_MAILTO, "mailto:inquiries18F@gsa.gov"),
    ("first.last+permits@austintexas.gov", "write to us", Kind.NO_MAILTO,
     "mailto:first.last+permits@austintexas.gov"),
    # pasted from a word processor, which curled the quotes around the address
    ("“https://austintexas.gov/plan”", "the plan", Kind.QUOTED, "https://austintexas.gov/plan"),
    ('"https://austintexas.gov/plan"', "the plan", Kind.QUOTED, "https://austintexas.gov/plan"),
    ("‘www.austintexas.gov’", "the City", Kind.QUOTED, "https://www.austintexas.gov"),
])
def test_what_a_loose_link_meant(target, text, kind, url):
    reading = read(target, text)
    assert reading is not None and (reading.kind, reading.url) == (kind, url)
    assert target.lstrip("#") in reading.message


@pytest.mark.parametrize(("target", "text"), [
    ("plan.md", "the plan"), ("maps/routes.png", "routes"), ("notes.txt", "notes"),
    ("../budget.markdown", "budget"), ("link", "Section name"), ("nowhere.md", "x"),
    ("index.html", "home"), ("report.pdf", "the report"), ("data.json", "data"),
    ("heading-two", "a heading"), ("javascript:alert(1)", "https://evil.example"),
    ("https://example.com", "https://example.com"), ("/projects/x/", "x"),
    ("www", "w"), ("www.", "w"), ("a..com", "x"), ("folder/www.example.com", "x"),
    ("a@b", "x"), ("@gsa.gov", "x"), ("x@gsa.gov/form", "x"), ("x@-gsa.gov", "x"),
    ("photo@2x.png", "retina"),
    ("“javascript:alert(1)”", "x"), ('"plan.md"', "the plan"), ("“https://a.gov/x", "x"), ("“”", "x"),
])
def test_everything_else_is_left_to_myst(target, text):
    assert read(target, text) is None


def test_a_swapped_link_never_links_a_script():
    assert read("African proverb", "javascript:alert(1)") is None
    assert read("African proverb", " https://a.example/ x") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_any_address_gives_an_allowed_link_or_none(target, text):
    reading = read(target, text)
    if reading is not None:
        assert reading.url is None or (
            urls.scheme_of(reading.url) == "mailto" and urls.is_allowed(reading.url)
            or urls.is_external(reading.url) and urls.scheme_of(reading.url) in ("http", "https"))
        assert reading.message


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z0-9_-]{1,20}(/[a-z0-9_-]{1,20}){0,3}\.(md|markdown|png|jpg|svg|pdf|txt|csv|py)",
                     fullmatch=True))
def test_a_file_name_is_never_taken_for_a_web_address(name):
    assert web_address(name) is None


def test_markdown_left_as_words_is_found_and_prose_is_not():
    from loose_links.core import unread_link

    assert unread_link("drown”](/uploads/crossing.jpeg “Courtesy of ")
    assert unread_link("see [the plan]](https://example.org)")
    for prose in ("a [note] (in brackets)", "f(x) = [a](", "the list ends ](", "x ]( y",
                  "[a] [b]", "a ] ( spaced"):
        assert not unread_link(prose), prose


def test_a_link_whose_address_was_never_written_is_found_and_said():
    """techstack's README broke off at ``and [Praise Form](``: shown as typed, unsaid."""
    from loose_links.core import as_text_message, unread_link

    assert unread_link("Office of Police Oversight Complaint Form and [Praise Form](")
    assert not unread_link("f(x) = [a](")
    said = as_text_message(1, "Complaint Form and [Praise Form](")
    assert "`[Praise Form](`" in said and "never written" in said


def test_a_link_the_reader_refused_for_its_address_is_said_so():
    """markdown-it takes no ``javascript:`` link: it stays words, and the reason is its address."""
    from loose_links.core import as_text_message

    said = as_text_message(1, "[a](JaVaScRiPt:alert(1))")
    assert "'JaVaScRiPt:alert(1)' is not one a link may have" in said and "brackets" not in said
    assert "brackets do not pair up" in as_text_message(1, 'drown"](/uploads/x.jpeg')


def test_a_missing_heading_is_named_with_the_one_meant():
    """rob550 linked ``software#camerapy--perception``; the heading is ``camerapy-perception``."""
    from loose_links.core import missing_heading_message

    said = missing_heading_message("docs/software.md", "camerapy--perception",
                                   ["overview", "camerapy-perception", "running"])
    assert "'docs/software.md'" in said and "'#camerapy--perception'" in said
    assert "did you mean '#camerapy-perception'?" in said
    assert "link one of its headings" in missing_heading_message("a.md", "zzz", ["overview"])


def test_markdown_whose_brackets_are_both_escaped_is_shown_on_purpose():
    """Isomer's guide teaches link syntax with `\\[Isomer Guide\\](https://…)`: both brackets
    escaped, Markdown shown on purpose. One escaped `\\]` alone is still a mistake."""
    from loose_links.core import shown_on_purpose

    page = ["Intro.", "", "The format goes like this:<br> \\[Isomer Guide\\](https://guide.isomer.gov.sg).",
            "Second line (e.g., \\[Isomer Guide\\]).", "", "![a crossing\\](/uploads/crossing.jpeg)"]
    assert shown_on_purpose(page, 3)
    assert not shown_on_purpose(page, 6)
    assert not shown_on_purpose(["\\[a\\](b) and [c](d"], 1)
    assert not shown_on_purpose(["\\[a\\](b) then a [c\\](d)"], 1)


def test_a_reference_link_without_its_definition_is_found():
    """loopback.io's `[inserting images][mydoc_images]` was defined by an include of the old
    site: without it the brackets are shown as typed. An index after a name is no link."""
    from loose_links.core import as_text_message, undefined_reference

    assert undefined_reference("Similar to [inserting images][mydoc_images]), you") == "mydoc_images"
    assert undefined_reference("read [here][1].") == "1" and undefined_reference("see [Google][] now") == "Google"
    assert undefined_reference("a[i][j] and m[0][1]") is None and undefined_reference("x [1][2]") is None
    assert "`[mydoc_images]: address`" in as_text_message(1, "to [inserting images][mydoc_images])")


@pytest.mark.parametrize("text", [
    "[sic] (see above)", "Smith [2] (1997)", "a[i] (x.y)", "[text](ok)", "\\[a\\] (https://x.org)",
    "the [draft]\n(in review) is late", "![Map] (map.png)",
])
def test_prose_with_brackets_then_parentheses_is_not_a_link_apart(text):
    from loose_links.core import apart_link

    assert apart_link(text) is None


@pytest.mark.parametrize(("text", "gap"), [
    ("See the [parking study]\n(https://example.org/study).", "a line break"),
    ("[Register] (/contact/)", "a space"),
    ("[Sign up here]\n\n(https://airtable.com/shrEN0R3acNq3SEpd)", "a blank line"),
    ("[the plan] (plan.md#fees)", "a space"),
])
def test_a_link_whose_halves_are_apart_is_found(text, gap):
    from loose_links.core import apart_link, apart_message

    found = apart_link(text)
    assert found is not None and f"with {gap} between" in apart_message(1, found)


def test_only_a_description_a_blank_line_cut_is_said_so():
    from loose_links.core import opened_before_blank_line

    assert opened_before_blank_line("![A map of the city")[0].startswith("!")
    assert opened_before_blank_line("See [the map\nof the")[0] == "[the map\nof the"
    assert opened_before_blank_line("See [the map](map.png) here") is None
    assert opened_before_blank_line("A \\[note") is None


def test_a_missing_picture_linked_to_its_own_file_is_said_once(tmp_path):
    """``[![Diagram](img/roadmap.png)](img/roadmap.png)`` without the file: Sphinx said the
    picture was not readable and MyST, again, that the link led nowhere."""
    from conftest import sphinx_build, write_pages

    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "a.md": "---\ntitle: Alpha\nposition: 1\n---\n\n[![Diagram of the roadmap](img/roadmap.png)](img/roadmap.png)\n",
    })
    build = sphinx_build(source, tmp_path / "html", strict=False)
    said = [line for line in build.output.splitlines() if "WARNING:" in line]
    assert len(said) == 1 and "the picture 'img/roadmap.png' cannot be found" in said[0], said
    html = (tmp_path / "html" / "a.html").read_text(encoding="utf-8")
    assert "Diagram of the roadmap" in html and 'href="img/roadmap.png"' not in html


def test_links_in_table_rows_are_said_at_their_rows(tmp_path):
    """minimal-mistakes' notice table, a ``[Text](#link1)`` in each row: each was said at the
    line MyST gave the row before it (the first at the header's), so the check of how the
    address was written missed, and the warning named ``'link1'``, an address nobody wrote."""
    from conftest import sphinx_build, write_pages

    rows = "| Type | Example |\n| ---- | ------- |\n| Default | [Text](#link1) |\n| Success | [Text](#link2) |\n"
    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Home\n---\n\nIntro.\n\n" + rows,
        "a.md": "---\ntitle: Alpha\nposition: 1\n---\n\n| A | B |\n|---|---|\n| one | [x](#t1) |\n\n"
                "Between.\n\n> | Q | R |\n> |---|---|\n> | q | two |\n> | [y](#t2) | [z](gone.md) |\n",
    })
    build = sphinx_build(source, tmp_path / "html", strict=False)
    said = [line.split(" WARNING: ") for line in build.output.splitlines() if "[myst.xref_missing]" in line]
    assert [(where.rsplit("/", 1)[-1], what.split(" leads")[0]) for where, what in said] == [
        ("a.md:8:", "the link '#t1'"), ("a.md:15:", "the link '#t2'"), ("a.md:15:", "the link 'gone.md'"),
        ("index.md:9:", "the link '#link1'"), ("index.md:10:", "the link '#link2'")], build.output
    assert ["no heading or anchor on this page" in what for _, what in said] == [True, True, False, True, True]


def test_a_link_on_a_paragraphs_later_line_is_said_at_its_line(tmp_path):
    """MyST places a link at its paragraph's first line: the check of how it was written
    read that line, so ``(#fees)`` on the second was named ``'fees'``, with the advice for a
    missing page, and both links below were said a line or two too high."""
    from conftest import sphinx_build, write_pages

    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Home\n---\n\nParking costs money;\nsee [the fees](#fees)\n"
                    "and [the plan](plan-gone.md).\n\n[the map](#map) is below.\n",
    })
    build = sphinx_build(source, tmp_path / "html", strict=False)
    said = [line.split(" WARNING: ") for line in build.output.splitlines() if "[myst.xref_missing]" in line]
    assert [(where.rsplit("/", 1)[-1], what.split(" leads to no ")[0], "heading or anchor on this page" in what)
            for where, what in said] == [("index.md:6:", "the link '#fees'", True),
                                         ("index.md:7:", "the link 'plan-gone.md'", False),
                                         ("index.md:9:", "the link '#map'", True)], build.output


def test_a_hostile_paragraph_is_looked_at_in_linear_time():
    """A paragraph of 300,000 characters that opens brackets and never closes them, or puts
    spaces after ``]`` and no ``(``: the first look took minutes (quadratic), the build hung."""
    from conftest import ends_apart

    assert ends_apart("from loose_links.core import apart_link, opened_before_blank_line\n"
                      "n = 300_000\n"
                      "assert apart_link('[' + 'a' * n) is None\n"
                      "assert apart_link('[ab]' + ' ' * n + 'x') is None\n"
                      "assert opened_before_blank_line('x] ' + '![a' * (n // 3)) is not None\n")
@pytest.mark.parametrize(("written", "why"), [
    ('See <a href="https://gis.utah.gov/data/"the data</a> today.', "a space or a `>` is missing"),
    ('A map: <img src="map.png" alt="Map of the parks"', "its `>` is missing"),
    ('Next <a href="a.html" target="_blank"rel="noopener">the notes</a>', "a space or a `>` is missing"),
    ("Also <a href=", "its `>` is missing"),
])
def test_html_for_a_link_or_picture_shown_as_typed_is_found_and_explained(written, why):
    from loose_links.core import html_as_text_message, html_shown_as_text, html_written

    shown = written.replace("</a>", "")  # the reader keeps the closing tag as HTML
    element = html_shown_as_text(shown)
    assert element in ("a", "img")
    message = html_as_text_message(element, html_written([written], 1))
    assert why in message and ("[words](address)" in message or "![description](picture)" in message)


def test_html_written_on_purpose_as_words_is_not_a_mistake():
    from loose_links.core import html_shown_as_text, html_written

    assert html_written(['Type `<a href="x">` or &lt;a href="y"&gt; or \\<img src="z">.'], 1) is None
    assert html_shown_as_text("the <a> element and its href= attribute") is None
    assert html_shown_as_text("if a<b and c>d then href=x") is None


def test_only_a_tags_own_run_together_value_is_a_mistake():
    """A data: picture's address ends `==`: read from the `=` inside it, `==" alt="x"` looked
    like a value run into the next words (the PDF test's own picture failed its build)."""
    from loose_links.core import html_run_together

    assert html_run_together('<p>See <a href="/b/"how to contribute</a></p>')[:2] == ("a", '<a href="/b/"how to contribute')
    assert html_run_together('<img src="data:image/png;base64,iVBORw0KGgo==" alt="A dot">') is None
    assert html_run_together('<a href=x title="t">y</a> <img src="a.png"/>') is None
    assert html_run_together('<a class="x" target="_blank"rel="noopener">t</a>')[0] == "a"


def test_many_tags_are_read_in_linear_time():
    from conftest import ends_apart

    assert ends_apart("from loose_links.core import html_run_together\n"
                      "html_run_together(('<a ' + 'b=\"1\" ' * 600) * 400 + ('<img ' + 'x=\"y\" ' * 10) * 40_000)",
                      limit=60)
