"""Word and Google Docs documents converted with ``pandoc -t markdown``: pandoc's own Markdown
reached readers as typed (``{#summary .unnumbered}`` in a heading and its contents entry,
``^[note]``, `` `<br>`{=html} ``, ``| address`` lines, ``(@)`` items, ``::: {.note}``), most
of it without a warning. Each is now shown as pandoc showed it, in every edition."""

from __future__ import annotations

import re
import zipfile

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, page, write_pages
from generators_compat.pandoc import rewrite

MEMO = """\
::: {.note}
Draft for council review.
:::

# Executive Summary {#executive-summary .unnumbered}

The pilot saved money.^[Audited by the City
Auditor in [May](https://example.org/may).] More text.

Line breaker`<br>`{=html}after the break. **Due Friday **for every team.

| 200 Main Street
| Austin, TX 78701

(@) First example.
(@good) Second example.

1.  Numbered one

As (@good) shows.

# Budget {#sec-budget}

See [the budget](#sec-budget).

  Metric      Before   After
  ----------- -------- -------
  Visits      100      140
  Costs       200      180

  : Pilot results

-------------------------------------
  Zone        Description
  ----------- -----------------------
  East        Long text spanning
              two lines

  West        Short
-------------------------------------
"""


@pytest.mark.parametrize("written, shown", [
    ("# Summary {#summary .unnumbered}", "# Summary"),
    ("## Plan {-}", "## Plan"),
    ("Intro\n\n# Budget {#sec-budget}", "Intro\n(sec-budget)=\n# Budget"),
    ("Intro\n# Budget {#sec-budget}", "Intro\n# Budget []{#sec-budget}"),
    ("a `<br>`{=html} b", "a <br> b"),
    ("a `` <b>x</b> ``{=html} b", "a <b>x</b> b"),
    ("a `\\newpage`{=latex} b", "a  b"),
    ("| 1 Main St\n|     Suite 2\n| Austin", "1 Main St\\\n\u00a0\u00a0\u00a0\u00a0Suite 2\\\nAustin"),
    ("(@) One.\n(@x) Two.\n\nSee (@x).", "1) One.\n2) Two.\n\nSee 2."),
    ("::: {.warning}\nWords.\n:::", "::: warning\nWords.\n:::"),
    ("**Bold with space **and `**x **` ** lead**.", "**Bold with space** and `**x **`  **lead**."),
    ("A^[B [c] d.] e.", "A[^pandoc-note-1] e.\n\n[^pandoc-note-1]: B [c] d.\n"),
])
def test_pandoc_markdown_is_rewritten_line_for_line(written, shown):
    assert rewrite(written)[0] == shown


@pytest.mark.parametrize("written", [
    "```\n# Summary {#summary}\n| a\n(@) x\n^[y]\n```",  # code
    "`^[not a note]` and `x`{.python}",  # inline code, and attributes of code MyST reads
    "| a | b |\n|---|---|\n| 1 | 2 |",  # a table, not a line block
    "| a | b\n| - | -\n| 1 | 2",  # a table without closing bars
    '::: {custom-style="Quote"}\nWords.\n:::',  # a Word style: maths.switch says it
    "a \\^[not a note] b",  # escaped
    "| a | b\n| c | d",  # kramdown's table without a rule
    "2 ** 3 and 4 ** 5, **bold**, ** alone",  # spaced both sides, or unpaired
])
def test_other_markdown_is_left_alone(written):
    assert rewrite(written)[0] == written


def test_simple_and_multiline_tables_are_pipe_tables_where_they_stand():
    simple = "Intro.\n\n  Metric   Before\n  -------- -------\n  Visits   100\n\n  : Results\n"
    assert rewrite(simple)[0] == ("Intro.\n\n| Metric | Before |\n|---|---|\n| Visits | 100 |\n\n"
                                  "Results\n")
    multiline = ("\n--------------------\n  A      B\n  ------ ------\n  one    two\n         lines\n\n"
                 "  x|y    z\n--------------------\nAfter.")
    assert rewrite(multiline)[0].split("\n") == [
        "", "| A | B |", "|---|---|", "| one | two lines |", "| x\\|y | z |", "", "", "", "", "After."]


@pytest.mark.parametrize("written", [
    "Words\n-----\n", "Words\n\n---\n\nMore\n", "a\n\n-- --\n",
    "\n-----\nA\n-- --\nb\n",  # no closing line: no multiline table
])
def test_rules_and_headings_are_no_tables(written):
    assert rewrite(written)[0] == written


def test_a_note_over_lines_keeps_every_other_line_where_it_was():
    text = "Para one^[a\nb\nc] end\nnext line\n\nLater line.\n"
    out = rewrite(text)[0].split("\n")
    assert out[:6] == ["Para one[^pandoc-note-1] end", "next line", "", "", "", "Later line."]
    assert "[^pandoc-note-1]: a b c" in out


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    base = tmp_path_factory.mktemp("memo")
    source = write_pages(base / "src", {"index.md": page("Parks memo", 1, MEMO)})
    return base, build_every_edition(source, base, strict=False)


def test_a_word_memo_s_pandoc_markdown_is_shown_as_word_showed_it(memo):
    base, builds = memo
    article = BeautifulSoup((base / "html" / "index.html").read_text(encoding="utf-8"), "html.parser").article
    text = " ".join(article.get_text(" ").split())
    book = zipfile.ZipFile(next((base / "epub").glob("*.epub")))
    chapter = " ".join(BeautifulSoup(book.read("index.xhtml"), "xml").get_text(" ").split())
    pdf = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(next((base / "typst").glob("*.pdf"))).pages).split())
    for shown in (text, chapter, pdf):
        for typed in ("{#", ".unnumbered", "^[", "{=html}", "<br>", "| 200", "**", "(@", ":::", "{.note}"):
            assert typed not in shown, (typed, shown)
        for words in ("Long text spanning two lines", "Pilot results", "Executive Summary", "Audited by the City Auditor in May", "200 Main Street",
                      "Austin, TX 78701", "First example.", "Second example.", "after the break",
                      "As 2 shows", "Draft for council review."):
            assert words in shown, (words, shown)
    assert article.select_one(".admonition.note") is not None
    assert article.find("strong", string="Due Friday") is not None
    assert article.find(id="sec-budget") is not None and article.find("a", href="#sec-budget")
    notes = article.select("aside.footnote")
    assert len(notes) == 1 and "Audited by the City Auditor" in notes[0].get_text()
    assert notes[0].find("a", href="https://example.org/may") is not None
    address = article.find(string=re.compile("200 Main Street")).find_parent("p")
    assert address.find("br") is not None and "78701" in address.get_text()
    tables = article.find_all("table")
    assert [[td.get_text(strip=True) for td in t.find_all("td")][-2:] for t in tables] == [["200", "180"], ["West", "Short"]]
    assert "-------" not in text and "-------" not in pdf
    lists = article.find_all("ol")
    assert [len(ol.find_all("li")) for ol in lists] == [2, 1]  # the examples, then the list
    headings = [h.get_text(" ", strip=True) for h in article.find_all(["h1", "h2"])]
    assert [h.rstrip(" ¶") for h in headings[1:3]] == ["Executive Summary", "Budget"], headings
    assert not [w for w in builds["html"].warnings if "index.md" in w and "[style." not in w], builds["html"].output
