"""Every construct CommonMark and our MyST extensions produce, in the PDF without a warning.

The test root ``pdf-constructs`` has headings 1-6, lists (nested, custom start), block
quotes holding lists, definition and field lists, line blocks, code, tables with header
rows and alignment, images and figures with alt text, footnotes, admonitions, rubric,
topic, sidebar, glossary, math, cross references to pages and sections, a nested folder.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_root, page, write_pages
from test_pdf_support import (build_pdf, link_annotations, outline, page_texts, struct_elements,
                              structure_problems, text_of, the_pdf, without_note_marks, words)


@pytest.fixture(scope="module")
def constructs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("constructs")
    build = build_pdf(copy_root("pdf-constructs", root / "src"), root / "pdf")
    assert build.returncode == 0, build.output
    assert build.warnings == [], build.output
    return the_pdf(root / "pdf")


@pytest.fixture(scope="module")
def text(constructs: Path) -> str:
    return words(text_of(constructs))


def typ_source(pdf: Path) -> str:
    return pdf.with_suffix(".typ").read_text(encoding="utf-8")


def test_headings_one_to_six_are_tagged_in_order(constructs: Path) -> None:
    source = typ_source(constructs)
    for level in range(1, 7):
        assert f"#heading(level: {level})" in source
    with pikepdf.open(constructs) as doc:
        kinds = {str(e.S) for e in struct_elements(doc)}
    assert {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6"} <= kinds
    assert structure_problems(constructs) == []


def test_inline_text_lists_and_blocks(text: str) -> None:
    for expected in ("A paragraph with emphasis, strong text, inline code,",
                     "Text under the deepest heading.",
                     "• First bullet", "‣ Nested bullet",
                     "3. Third step, numbered from three", "4. Fourth step", "1. Nested first",
                     "A block quote holds a paragraph,", "• a list item", "and a closing paragraph.",
                     "Term one The first definition.", "Owner: Office of Innovation",
                     "Term three A first definition. A second definition.",
                     "A line that ends with a backslash breaks there.",
                     "A line block keeps its lines: the second line, an indented third line.",
                     'return f"Hello, {name}!"', "plain code with no language"):
        assert expected in text, expected


def test_a_hard_line_break_breaks_the_line(constructs: Path) -> None:
    assert '#"A line that ends with a backslash"#linebreak()' in typ_source(constructs)


def test_code_blocks_keep_their_language(constructs: Path) -> None:
    assert '#raw(block: true, lang: "python", "def greet' in typ_source(constructs)


def test_tables_have_header_rows_alignment_and_captions(constructs: Path, text: str) -> None:
    source = typ_source(constructs)
    assert "table.header(" in source
    assert "table.cell(align: center)" in source and "table.cell(align: right)" in source
    assert "Left Center Right" in text and "longer text 2 3.5" in text
    assert "Bike lanes by district" in text
    with pikepdf.open(constructs) as doc:
        kinds = [str(e.S) for e in struct_elements(doc)]
    assert "/Table" in kinds and "/TH" in kinds


def test_images_and_figures_carry_alt_text(constructs: Path, text: str) -> None:
    with pikepdf.open(constructs) as doc:
        alts = {str(e.get("/Alt")) for e in struct_elements(doc) if e.S == "/Figure"}
    assert {"Blue square", "A blue rectangle standing for a sensor",
            "Map of the council districts, drawn as a blue block"} <= alts
    assert "The council districts. This caption explains the figure." in text


def test_footnotes_are_at_the_foot_of_the_page(text: str) -> None:
    assert "A claim that needs a source.[1] Another one that reuses it.[2]" in text
    assert "[1]The source of the claim." in text
    # a link inside a footnote prints its address after the text: no footnote in a footnote
    assert "A second source, with a link (https://www.austintexas.gov/)." in text


def test_admonitions_and_asides(text: str) -> None:
    for expected in ("Note A note admonition.", "Warning A warning admonition.",
                     "A custom admonition With its own title.", "See also The Text, lists",
                     "A rubric heading", "A topic A topic's body text.",
                     "A sidebar A sidebar's body text."):
        assert expected in text, expected


def test_references_are_clickable_and_give_the_page(constructs: Path, text: str) -> None:
    pages = {m.group(1) for m in re.finditer(r"\(page (\d+)\)", text)}
    assert "A reference to a section: Level two heading (page" in text
    assert "A link to a page: the tables page (page" in text
    assert "A link to a heading on another page: the lists (page" in text
    assert "A glossary term: Open data (page" in text
    assert pages and all(p.isdigit() for p in pages)
    links = link_annotations(constructs)
    assert sum(1 for link in links if link.get("internal")) >= 5
    assert {"uri": "https://www.austintexas.gov/"} in links
    assert {"uri": "https://data.austintexas.gov/"} in links
    # printed for paper: named links get their address in a footnote, bare ones need none
    assert "City of Austin[" in text
    assert "A bare address: https://data.austintexas.gov/." in text


def test_math_is_typeset_with_its_source_as_alt_text(constructs: Path) -> None:
    source = typ_source(constructs)
    assert "#math.equation(block: false" in source and "#math.equation(block: true" in source
    with pikepdf.open(constructs) as doc:
        alts = [str(e.get("/Alt", "")) for e in struct_elements(doc) if e.S == "/Formula"]
    assert any("E = m c^2" in alt for alt in alts), alts


def test_numbered_formulas_keep_sphinx_numbers_and_references_reach_them(text: str) -> None:
    assert "𝑐2 (1) The formula (1) (page" in text


FORMULAS = r"""A rotation:

$$
R = \begin{bmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{bmatrix}
$$

A rate in pieces:

$$
r(x) = \begin{cases} \alpha & \text{if } x > 0 \\ \beta & \text{otherwise} \end{cases}
$$

$$
\left\{ \begin{array}{ll} \xi & \zeta > 0 \\ -\xi & \zeta \leq 0 \end{array} \right.
$$

Inline $\begin{pmatrix} \gamma \\ \delta \end{pmatrix}$ in text.

$$
\boxed{\partial_t \chi = \operatorname{tr}(\underbrace{\varrho}_{\text{density}}) \cap \langle \hbar \rangle}
$$

$$
\tau \not= \textcolor{teal}{\sigma}\phantom{x} \tag{7}
$$
"""
LINES = r"""A derivation, as a Jekyll site writes it:

$$
\begin{aligned}
\Omega &= \kappa + \lambda \\[2pt]
       &= \mu
\end{aligned}
$$

$$
\Phi = 1 \\ \Psi = 2
$$

$$
\displaylines{\eta = 3 \\ \nu = 4}
$$
"""


def test_latex_environments_are_typeset_not_printed_as_source(tmp_path: Path) -> None:
    # real sites write matrices, cases and aligned lines in most display formulas
    src = write_pages(tmp_path / "src", {"index.md": page("Maths", None, "Below."),
                                         "formulas.md": page("Formulas", 1, FORMULAS, math="true"),
                                         "lines.md": page("Lines", 2, LINES)})
    build = build_pdf(src, tmp_path / "pdf")  # strict, PDF/UA-1 and PDF/A-2a
    assert build.returncode == 0, build.output
    assert build.warnings == [], build.output
    pdf = the_pdf(tmp_path / "pdf")
    text = words(text_of(pdf))
    assert "begin" not in text and "\\" not in text and "aligned" not in text
    for symbols in ("𝑅 = [", "cos 𝜃", "𝛼 if 𝑥 > 0", "𝛽 otherwise", "{𝜉", "𝜁 ≤ 0",
                    "Inline (𝛾 𝛿) in text.", "𝜕𝑡𝜒 = tr(", "density", "∩ ⟨ℏ⟩", "𝜏 ≠ 𝜎", "(7)", "Ω = 𝜅 + 𝜆 = 𝜇", "Φ = 1 Ψ = 2", "𝜂 = 3 𝜈 = 4"):
        assert symbols in text, (symbols, text)
    assert structure_problems(pdf) == []


def test_nested_pages_nest_in_the_bookmarks(constructs: Path) -> None:
    marks = outline(constructs)
    assert [t for d, t in marks if d == 0] == ["Every construct",  # the home page's own title
                                               "Text, lists and quotes",
                                               "Tables, figures and notes",
                                               "References and math"]
    assert (1, "Glossary") in marks


def test_two_builds_give_the_same_bytes(constructs: Path, tmp_path: Path) -> None:
    build = build_pdf(copy_root("pdf-constructs", tmp_path / "src"), tmp_path / "pdf")
    assert build.returncode == 0, build.output
    again = the_pdf(tmp_path / "pdf")
    assert hashlib.sha256(again.read_bytes()).hexdigest() == \
        hashlib.sha256(constructs.read_bytes()).hexdigest()


def test_a4_is_a_setting(tmp_path: Path, constructs: Path) -> None:
    with pikepdf.open(constructs) as doc:
        assert [round(float(v)) for v in doc.pages[0].mediabox] == [0, 0, 612, 792]  # Letter
    build = build_pdf(copy_root("pdf-constructs", tmp_path / "src"), tmp_path / "pdf",
                      extra=("-D", "pdf_paper=a4"))
    assert build.returncode == 0, build.output
    with pikepdf.open(the_pdf(tmp_path / "pdf")) as doc:
        assert [round(float(v)) for v in doc.pages[0].mediabox] == [0, 0, 595, 842]


def test_text_survives_without_note_marks(text: str) -> None:
    assert "A claim that needs a source. Another one" in without_note_marks(text)


def test_no_heading_is_left_alone_at_the_bottom_of_a_page(tmp_path: Path) -> None:
    sections = "\n\n".join(
        f"## Section heading {n}\n\n" + " ".join(["A sentence of the section text."] * (3 + n % 7))
        for n in range(60))
    src = write_pages(tmp_path / "src", {"index.md": page("Breaks", None, "Below."),
                                         "long.md": page("A long chapter", 1, sections)})
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    pages = page_texts(the_pdf(tmp_path / "pdf"))
    body_pages = [p for p in pages if "Section heading" in p]
    assert len(body_pages) > 3  # the check means something only across page breaks
    for text in body_pages:
        lines = [line for line in text.splitlines() if line.strip()]
        last = lines[-2] if lines[-1].strip().isdigit() else lines[-1]  # above the page number
        assert not last.startswith("Section heading"), f"stranded heading: {last!r}"


def test_the_cover_shows_a_subtitle_when_one_is_set(tmp_path: Path) -> None:
    src = write_pages(tmp_path / "src", {"index.md": page("Cover", None, "Text.")})
    build = build_pdf(src, tmp_path / "pdf", extra=("-D", "pdf_subtitle=A test subtitle"))
    assert build.returncode == 0, build.output
    cover = words(page_texts(the_pdf(tmp_path / "pdf"))[0])
    assert cover.startswith("Smart City Austin A test subtitle City of Austin Version")


def test_a_chapter_title_with_a_link_builds(tmp_path: Path) -> None:
    # the running header repeats the title; PDF/UA forbids links in such artifacts
    src = write_pages(tmp_path / "src", {
        "index.md": page("Linked", None, "Below."),
        "linked.md": page("About [Austin](https://www.austintexas.gov/)", 1,
                          "\n\n".join(["Text of the page."] * 80)),
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    assert "About Austin" in text_of(the_pdf(tmp_path / "pdf"))


def test_a_heading_that_links_to_a_section_keeps_the_pdf_accessible(tmp_path: Path) -> None:
    """kramdown sites write ``## [Title](#title)`` (ROBOTIS' e-Manual, every heading): the
    link's page number, looked up in a Typst ``context``, left the heading without a title
    PDF/UA-1 can tag, and the whole PDF was written without UA-1 and A-2a."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Linked", None, "Below."),
        "guide.md": page("Guide", 1, "## [Power](#power)\n\nText about power.\n\n"
                                     "## Read [the power section](#power) first\n\nMore text.\n"),
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    assert build.warnings == [], build.output
    pdf = the_pdf(tmp_path / "pdf")
    assert "Read the power section first" in words(text_of(pdf))
    assert structure_problems(pdf) == []


def test_a_headings_link_address_is_printed_under_it_not_in_the_contents(tmp_path: Path) -> None:
    """18F's handbook: ``### 1. Submit an [Intake Form](https://docs.google.com/…)``. The
    address, printed inline in the heading, was also in the contents, the bookmark and the
    running header; on paper it is now said once, under the heading."""
    form = "https://docs.google.com/forms/d/e/1FAIpQLSd/viewform"
    src = write_pages(tmp_path / "src", {
        "index.md": page("Guide", None, "Below."),
        "steps.md": page("Steps", 1, f"## 1. Submit an [Intake Form]({form})\n\n"
                                     "Fill in the form.\n\n## 2. Wait\n\nA week.\n"),
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    assert build.warnings == [], build.output
    pdf = the_pdf(tmp_path / "pdf")
    assert (1, "1. Submit an Intake Form") in outline(pdf)
    text = words(text_of(pdf))
    assert f"1. Submit an Intake Form Intake Form: {form} Fill in the form." in text
    assert text.count(form) == 1
    assert {"uri": form} in link_annotations(pdf)
    assert structure_problems(pdf) == []


def test_a_home_page_titled_otherwise_than_the_book_is_its_first_chapter(tmp_path: Path) -> None:
    """18F's before-you-ship: the home page is "Your guide to launching software" in a book
    named after the site. The PDF left the title out (as if it were the book's, which the
    cover shows) and listed the home page's "Key roles" as a chapter beside the pages."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Your guide to launching software", None,
                         "Intro words.\n\n### Key roles\n\nRoles text.\n"),
        "second.md": page("Second page", 1, "Second text."),
    })
    build = build_pdf(src, tmp_path / "pdf", extra=("-D", "project=Before you ship"))
    assert build.returncode == 0, build.output
    pdf = the_pdf(tmp_path / "pdf")
    assert outline(pdf) == [(0, "Your guide to launching software"), (1, "Key roles"),
                            (0, "Second page")]
    assert "Your guide to launching software Intro words. Key roles" in words(text_of(pdf))
    assert structure_problems(pdf) == []
    same = write_pages(tmp_path / "same", {
        "index.md": page("Before  you SHIP", None, "Intro words.\n\n## Key roles\n\nText.\n"),
        "second.md": page("Second page", 1, "Second text."),
    })
    build = build_pdf(same, tmp_path / "same-pdf", extra=("-D", "project=Before you ship"))
    assert build.returncode == 0, build.output
    assert outline(the_pdf(tmp_path / "same-pdf")) == [(0, "Key roles"), (0, "Second page")]


def test_source_date_epoch_dates_the_pdf(tmp_path: Path) -> None:
    src = write_pages(tmp_path / "src", {"index.md": page("Dated", None, "Text.")})
    build = build_pdf(src, tmp_path / "pdf", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert build.returncode == 0, build.output
    pdf = the_pdf(tmp_path / "pdf")
    with pikepdf.open(pdf) as doc:
        assert str(doc.docinfo["/CreationDate"]).startswith("D:20231114")
    assert "November 14, 2023" in words(page_texts(pdf)[0])


SNIPPETS = [
    "Plain *em* **strong** `code` text.", "- a\n- b\n  - c", "1. one\n2. two", "> quote\n>\n> - item",
    "| a | b |\n|:-|-:|\n| `x` | *y* |", "Term\n: def\n\n: def2", ":F: v", "```{note}\nnote *x*\n```",
    "```{admonition} T\nbody\n```", "$x^2$ and $\\alpha$", "$$\n\\frac{1}{2}\n$$",
    "[l](https://e.com)", "<https://e.com>", "text[^n]\n\n[^n]: note", "---", "```py\ncode\n```",
    "```{rubric} R\n```", "```{topic} T\nb\n```", "```{sidebar} S\nb\n```",
    "```{eval-rst}\n| a\n|   b\n```", "Line\\\nbreak", "```{seealso}\nx\n```",
    "```{list-table} Cap\n:header-rows: 1\n\n* - h\n  - i\n* - 1\n  - 2\n```",
    "- > quote in list\n- item", "> ```\n> code in quote\n> ```", "1. a\n\n   b\n\n2. c",
    "```{versionadded} 1.0\nNew.\n```", "```{important}\n1. x\n```",
]


def quoted(snippet: str) -> str:
    return "\n".join("> " + line if line else ">" for line in snippet.splitlines())


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(st.sampled_from(SNIPPETS), st.booleans()),
                         min_size=3, max_size=10), min_size=3, max_size=3))
def test_constructs_combine_into_valid_typst(tmp_path_factory, pages: list) -> None:
    root = tmp_path_factory.mktemp("combined")
    files = {"index.md": page("Combined", None, "Below.")}
    for n, blocks in enumerate(pages):
        body = "\n\n".join(quoted(s) if in_quote else s for s, in_quote in blocks)
        files[f"page{n}.md"] = page(f"Page {n}", n + 1, body)
    build = build_pdf(write_pages(root / "src", files), root / "pdf", strict=False)
    assert build.returncode == 0, build.output
    assert not [w for w in build.warnings if "[pdf." in w], build.output
