"""Bad pages: the PDF build names the file and line, in words, and never leaves half a PDF."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from conftest import REPO, copy_root, jpeg_bytes, page, write_pages
from test_pdf_support import build_pdf, text_of, the_pdf, words
from test_safety_links import PNG


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_an_image_without_alt_text_is_said_at_its_line_and_fails_a_strict_build(tmp_path: Path) -> None:
    src = copy_root("pdf-alt-missing", tmp_path / "src")
    build = build_pdf(src, tmp_path / "pdf")
    page_file = src / "districts.md"
    where = f"{page_file}:{line_of(page_file, '![](images/district-map.png)')}"
    assert build.returncode != 0, build.output
    assert any(where in w and "has no description (alt text)" in w and "[pdf.alt-missing]" in w
               for w in build.warnings), build.output
    assert "Traceback" not in build.output


def test_an_undescribed_picture_is_decoration_and_the_book_stays_pdf_ua_and_pdf_a(tmp_path: Path) -> None:
    """The site shows ``![](map.png)`` with ``alt=""``, which screen readers skip. Typst
    refuses an image without ``alt`` in a PDF/UA, and a non-strict book lost PDF/UA-1 and
    PDF/A-2a for one undescribed picture (2 of 11 real sites). It is now an artifact: drawn,
    skipped by screen readers, and the book keeps both standards."""
    import pikepdf

    from test_pdf_support import structure_problems, struct_elements

    src = copy_root("pdf-alt-missing", tmp_path / "src")
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    assert build.returncode == 0, build.output
    assert any("[pdf.alt-missing]" in w for w in build.warnings), build.output
    assert not any("[pdf.not-conforming]" in w for w in build.warnings), build.output
    pdf = the_pdf(tmp_path / "pdf")
    assert structure_problems(pdf) == []
    with pikepdf.open(pdf) as doc:
        drawn = [name for page in doc.pages
                 for name, xobject in (page.Resources.get("/XObject") or {}).items()
                 if xobject.get("/Subtype") == "/Image"]
        assert drawn, "the picture is still in the book"
        kinds = {str(e.S) for e in struct_elements(doc)}
        assert "/Figure" not in kinds  # decoration, not a figure without a description
    assert "Each district elects one council member." in words(text_of(pdf))


def test_a_non_strict_build_writes_a_pdf_typst_refuses_as_pdf_ua_without_it_and_says_so(
        tmp_path: Path) -> None:
    """STRICT=0 always yields every edition: a heading with no words (only an undescribed
    picture), which Typst refuses in a PDF/UA, is written without PDF/UA, said at its line."""
    src = copy_root("pdf-refused", tmp_path / "src")
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    where = f"{src / 'districts.md'}:{line_of(src / 'districts.md', '## ![](')}"
    assert build.returncode == 0, build.output
    assert any(where in w and "this heading has no words" in w and "[pdf.heading]" in w
               for w in build.warnings), build.output
    assert any("WITHOUT ua-1, a-2a" in w and "[pdf.not-conforming]" in w for w in build.warnings)
    assert "Austin has ten council districts." in words(text_of(the_pdf(tmp_path / "pdf")))


def test_each_pdf_problem_starts_a_line_of_its_own(tmp_path: Path) -> None:
    """``make all``'s log showed ``compiling x.pdf... <file>:<line>: WARNING: …`` and
    ``writing Typst... <file>:<line>: WARNING: …``: problems said while a progress line was
    open, where no ``file:line`` reader (an editor, CI annotations) found them. Said after
    it, each starts its own line: the translator's as Typst's."""
    src = copy_root("pdf-refused", tmp_path / "src")
    command = [sys.executable, "-m", "sphinx", "-b", "typst", "-c", str(REPO), "-d", str(tmp_path / "d"),
               "--no-color", str(src), str(tmp_path / "pdf")]
    log = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         check=False).stdout
    said = [line for line in log.splitlines() if "[pdf." in line]
    assert any("[pdf.alt-missing]" in line for line in said), log  # the translator's
    assert any("[pdf.heading]" in line for line in said), log  # Typst's
    assert all(line.startswith((str(src), "WARNING: ", "ERROR: ")) for line in said), said


def test_a_failed_build_leaves_the_previous_pdf_as_it_was(tmp_path: Path) -> None:
    src = copy_root("pdf-refused", tmp_path / "src")
    described = src / "districts.md"
    broken = described.read_text(encoding="utf-8")
    described.write_text(broken.replace("## ![](", "## Map ![The ten districts]("), encoding="utf-8")
    assert build_pdf(src, tmp_path / "pdf").returncode == 0
    before = the_pdf(tmp_path / "pdf").read_bytes()

    described.write_text(broken + "\nA new sentence.\n", encoding="utf-8")
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode != 0, build.output
    assert "smart-city-austin.pdf was not written" in build.output
    assert the_pdf(tmp_path / "pdf").read_bytes() == before
    assert "A new sentence." in (tmp_path / "pdf" / "smart-city-austin.typ").read_text()
    assert not list((tmp_path / "pdf").glob(".*.tmp")), "a temporary file was left behind"


def test_every_script_prints_and_a_character_no_font_has_is_substituted(tmp_path: Path) -> None:
    """Emoji, Arabic, Chinese, Greek, maths symbols print; a private-use character becomes
    a visible substitute with one warning at its line, and the PDF is still written."""
    scripts = "Test 🧪 ✓ مرحبا بالعالم 中山 日本語 Ελληνικά Привет Tiếng Việt ∀x ∈ ℝ: x² ≥ 0"
    src = write_pages(tmp_path / "src", {
        "index.md": page("Glyphs", None, "Below."),
        "names.md": page("Names", 1, f"Line one.\n\n{scripts}\n\nThe vendor logo \uf8ff twice \uf8ff."),
    })
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    where = f"{src / 'names.md'}:{line_of(src / 'names.md', 'vendor logo')}"
    glyphs = [w for w in build.warnings if "[pdf.glyph]" in w]
    assert len(glyphs) == 1 and where in glyphs[0] and "U+F8FF" in glyphs[0], build.output
    assert build.returncode == 0, build.output
    text = " ".join(page.extract_text() for page in PdfReader(the_pdf(tmp_path / "pdf")).pages)
    for word in ("🧪", "✓", "中山", "日本語", "Ελληνικά", "Привет", "Tiếng", "∀x", "ℝ", "≥"):
        assert word in text, word
    assert "مرحبا" in text or "ابحرم" in text  # right to left: pypdf may give visual order
    assert text.count("[U+F8FF PRIVATE USE]") == 2
    again = build_pdf(src, tmp_path / "pdf2", strict=False)
    assert the_pdf(tmp_path / "pdf2").read_bytes() == the_pdf(tmp_path / "pdf").read_bytes(), again.output


def test_a_page_in_a_script_no_font_has_gets_a_few_warnings_not_one_per_letter(tmp_path: Path) -> None:
    """A line of Tibetan gave twelve warnings, one per letter, a page of it forty: the first
    three characters are said one by one at their lines, the rest in one warning at the
    first of them, and each still prints as its code point and name."""
    tibetan = "བཀྲ་ཤིས་བདེ་ལེགས།"
    src = write_pages(tmp_path / "src", {
        "index.md": page("Greetings", None, "Below."),
        "bo.md": page("Tibetan", 1, f"Line one.\n\nIn Tibetan: {tibetan}\n\nAgain: ཀ"),
    })
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    assert build.returncode == 0, build.output
    where = f"{src / 'bo.md'}:{line_of(src / 'bo.md', 'In Tibetan')}"
    glyphs = [w for w in build.warnings if "[pdf.glyph]" in w]
    distinct = len(set(tibetan))
    assert len(glyphs) == 4 and all(where in w for w in glyphs), build.output
    assert f"{distinct - 3} more characters on this page are in none of the PDF's fonts" in glyphs[3]
    text = " ".join(p.extract_text() for p in PdfReader(the_pdf(tmp_path / "pdf")).pages)
    assert text.count("[U+0F40 TIBETAN LETTER KA]") == 2, text


def test_isomers_hyphen_in_a_title_prints_as_a_hyphen(tmp_path: Path) -> None:
    """GovTech's IM8 catalog (Isomer) titles its controls `AC᠆1`, with U+1806 MONGOLIAN TODO
    SOFT HYPHEN: the PDF printed `AC[U+1806 MONGOLIAN TODO SOFT HYPHEN]1` in the heading and
    the contents. It prints `AC-1`, and the warning says so."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Catalog", None, "The controls."),
        "ac-1.md": page("AC\u18061", 1, "Deny access by default."),
    })
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    assert build.returncode == 0, build.output
    glyphs = [w for w in build.warnings if "[pdf.glyph]" in w]
    assert len(glyphs) == 1 and "U+1806" in glyphs[0] and "prints '-', which reads the same" in glyphs[0]
    text = " ".join(page.extract_text() for page in PdfReader(the_pdf(tmp_path / "pdf")).pages)
    assert "AC-1" in text and "U+1806" not in text, text


def test_a_skipped_heading_level_nests_by_order_without_a_warning(tmp_path: Path) -> None:
    """The City's old pages put `###` under the title throughout: it is the next level down
    (sections nest by order), in the PDF's tags as on the site, and nothing to fix."""
    import pikepdf
    from bs4 import BeautifulSoup

    from conftest import sphinx_build
    from test_pdf_support import struct_elements

    src = write_pages(tmp_path / "src", {
        "index.md": page("Headings", None, "Below."),
        "skip.md": page("Skipping", 1, "Text.\n\n### From one to three\n\n#### Then four\n\nMore text."),
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0 and build.warnings == [], build.output
    with pikepdf.open(the_pdf(tmp_path / "pdf")) as pdf:
        kinds = [str(e.S) for e in struct_elements(pdf) if str(e.S) in ("/H1", "/H2", "/H3", "/H4")]
    assert kinds == ["/H1", "/H1", "/H1", "/H2", "/H3"]  # contents, home page, the chapter
    site = sphinx_build(src, tmp_path / "html")
    assert site.returncode == 0, site.output
    headings = BeautifulSoup((tmp_path / "html" / "skip.html").read_bytes(), "lxml").select("article h1, article h2, article h3, article h4")
    assert [h.name for h in headings] == ["h1", "h2", "h3"]


def test_raw_html_keeps_its_words_and_its_picture(tmp_path: Path) -> None:
    """18F's posts open with <p class="authors">, Open Austin's survey is an include of
    <div>s: their words are the page's, so the PDF prints them as paragraphs, and the
    picture the site shows; tags alone (a box opened, a comment) lose nothing and say nothing."""
    body = ('Before.\n\n<div class="x">Only for the web</div>\n\n'
            '<p class="authors">\n  by Mike Bland\n</p>\n\n'
            '<img src="chart.png" alt="chart">\n\n'
            '<div class="snippet">\n\nAfter.\n\n</div>\n<!-- more -->\n')
    src = write_pages(tmp_path / "src", {
        "index.md": page("Raw", None, "Below."),
        "raw.md": page("Raw HTML", 1, body),
        "chart.png": PNG,
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0 and build.warnings == [], build.output
    text = words(text_of(the_pdf(tmp_path / "pdf")))
    assert "Before. Only for the web by Mike Bland After." in text
    assert '#image("_images/chart.png", alt: "chart")' in (tmp_path / "pdf" / "smart-city-austin.typ").read_text()


def test_an_unknown_node_warns_at_its_line_and_its_text_still_appears(tmp_path: Path) -> None:
    # Sphinx's hlist directive makes nodes the PDF translator has no visitor for.
    body = "Before.\n\n```{hlist}\n:columns: 2\n\n- first column item\n- second column item\n```\n"
    src = write_pages(tmp_path / "src", {"index.md": page("Unknown", None, "Below."),
                                         "hlist.md": page("Columns", 1, body)})
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    first, last = line_of(src / "hlist.md", "{hlist}"), line_of(src / "hlist.md", "second column")
    assert build.returncode == 0, build.output
    assert any(f"{src / 'hlist.md'}:{n}:" in w and "'hlist'" in w and "[pdf.unknown-node]" in w
               for w in build.warnings for n in range(first, last + 1)), build.output
    text = words(text_of(the_pdf(tmp_path / "pdf")))
    assert "first column item" in text and "second column item" in text


def test_math_typst_cannot_show_is_printed_as_its_source_with_a_warning(tmp_path: Path) -> None:
    body = "Text.\n\n$$\n\\begin{tikzcd} a & b \\end{tikzcd}\n$$\n"  # a diagram: no Typst maths
    src = write_pages(tmp_path / "src", {"index.md": page("Math", None, "Below."),
                                         "math.md": page("Matrix", 1, body, math="true")})
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    assert build.returncode == 0, build.output
    assert any("math.md:" in w and "\\begin{tikzcd}" in w and "[pdf.math]" in w
               for w in build.warnings), build.output
    assert "\\begin{tikzcd} a & b \\end{tikzcd}" in words(text_of(the_pdf(tmp_path / "pdf")))


def test_a_bad_paper_setting_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    src = write_pages(tmp_path / "src", {"index.md": page("Paper", None, "Text.")})
    build = build_pdf(src, tmp_path / "pdf", strict=False, extra=("-D", "pdf_paper=napkin"))
    assert build.returncode == 0, build.output
    assert any("pdf_paper" in w and "[pdf.config]" in w for w in build.warnings), build.output


def test_a_font_that_is_not_there_is_named(tmp_path: Path) -> None:
    src = write_pages(tmp_path / "src", {"index.md": page("Fonts", None, "Text.")})
    build = build_pdf(src, tmp_path / "pdf", strict=False,
                      extra=("-D", "pdf_fonts=Comic Sans MS,Libertinus Serif"))
    assert build.returncode == 0, build.output
    assert any("'comic sans ms'" in w and "pdf_font_paths" in w and "[pdf.config]" in w
               for w in build.warnings), build.output


def test_a_missing_picture_is_reported_once_and_a_broken_one_does_not_stop_the_pdf(tmp_path: Path) -> None:
    src = write_pages(tmp_path / "src", {
        "index.md": page("Pictures", None, "Below."),
        "maps.md": page("Maps", 1, "Text.\n\n![Map of the districts](maps/none.png)\n\n"
                                   "![Plan of the route](plan.png)\n"),
        "plan.png": b"\x89PNG\r\n\x1a\n<html>saved from a browser</html>",  # no PNG after its first bytes
    })
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    assert len([w for w in build.warnings if "none.png" in w]) == 1, build.warnings
    assert len([w for w in build.warnings if "plan.png" in w and "[pdf.image]" in w]) == 1, build.warnings
    assert build.returncode == 0, build.output
    text = " ".join(p.extract_text() for p in PdfReader(the_pdf(tmp_path / "pdf")).pages)
    assert "Map of the districts" in text and "Plan of the route" in text


def test_a_jpeg_saved_with_a_png_name_is_in_the_pdf(tmp_path: Path) -> None:
    """A photo saved as ``ContentStrategyAssets.png`` but holding a JPEG (a renamed file):
    browsers and ePub readers show it, and Typst, which goes by the name, stopped the whole
    PDF ("failed to decode image … Invalid PNG signature"), STRICT=0 too."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", None, "Welcome."),
        "design.md": page("Design outcomes", 1, "### Content Strategy\n\n"
                                                "![Persona posters and a content canvas](ContentStrategyAssets.png)\n"),
        "ContentStrategyAssets.png": jpeg_bytes(),
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    reader = PdfReader(the_pdf(tmp_path / "pdf"))
    assert any("/XObject" in (p.get("/Resources") or {}) for p in reader.pages)


def test_a_word_longer_than_any_line_is_printed_whole_across_lines(tmp_path: Path) -> None:
    """A 33,000-character word (a pasted key, an encoded file) was one PDF string longer than
    PDF/A's 32,767 bytes: the strict PDF failed with a Typst error naming no page; a word of a
    few hundred ran off the page's edge. Each now breaks across lines, every character printed
    and none added to the PDF's text; code the same; ordinary words are as they were."""
    huge, long_code = "qz" * 16_500, "x" * 40_000
    body = (f"Before.\n\n{huge}\n\nAfter.\n\n```\n{long_code}\n```\n\n"
            f"A `{'y' * 300}` and café{'é' * 250}\n")
    src = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."),
                                         "long.md": page("Long", 1, body=body)})
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    pages = PdfReader(the_pdf(tmp_path / "pdf")).pages
    text = "".join(p.extract_text() or "" for p in pages)
    assert "\u200b" not in text
    squashed = "".join(text.split())  # each page's running head and number between
    assert squashed.count("qz") == 16_500 and squashed.count("x") >= 40_000
    assert "y" * 300 in squashed and "café" + "é" * 250 in squashed
    assert "Before." in text and "After." in text
    widths = [float(p.mediabox.width) for p in pages]
    assert len(pages) > 5 and len(set(widths)) == 1  # lines broke: tens of pages, not one line
    from typst_pdf.escape import LONG_WORD, breakable

    assert breakable("word " * 100) == "word " * 100
    assert breakable("z" * LONG_WORD) == "z" * LONG_WORD


def test_a_word_longer_than_a_table_cell_breaks_inside_the_cell(tmp_path: Path) -> None:
    """An 80-character name in a table's last column ran past the paper's edge, its end
    unprinted (a word broke only past 200 characters); now it breaks across the cell's lines."""
    name = "Smart_Mobility_Roadmap_Final_Version_Approved_By_Council_October_2019_Appendix.xlsx"
    body = f"| Item | File |\n|---|---|\n| Roadmap | {name} |\n\nThe end.\n"
    src = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."),
                                         "table.md": page("Table", 1, body=body)})
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    text = "\n".join(p.extract_text() or "" for p in PdfReader(the_pdf(tmp_path / "pdf")).pages)
    assert name in "".join(text.split()) and "\u200b" not in text
    assert not any(name in line for line in text.splitlines())  # on two lines of its cell


def test_chinese_and_burmese_paragraphs_get_no_break_put_in(tmp_path: Path) -> None:
    """Every 20 characters of a run without a space got a zero-width space: in Chinese it
    joined the glyph before it in the PDF's text, so "優質" could not be found; in Burmese it
    cut a syllable and Typst printed dotted circles. Typst breaks both scripts' lines itself."""
    chinese = ("奧斯汀市致力於為英語能力有限的居民提供優質、及時且符合文化需求的服務。"
               "我們的目標是讓每位居民都能輕鬆取得所需的資訊。")
    burmese = ("အော်စတင်မြို့သည်အင်္ဂလိပ်ဘာသာကျွမ်းကျင်မှုအကန့်အသတ်ရှိသော"
               "နေထိုင်သူများအားအရည်အသွေးမြင့်ဝန်ဆောင်မှုများပေးရန်ကတိကဝတ်ပြုထားသည်။")
    src = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."),
                                         "zh.md": page("服務", 1, body=chinese, lang="zh-TW"),
                                         "my.md": page("ဝန်ဆောင်မှု", 2, body=burmese, lang="my")})
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    pdf = the_pdf(tmp_path / "pdf")
    text = text_of(pdf)
    assert "\u200b" not in text and "優質" in "".join(text.split())
    assert burmese in pdf.with_suffix(".typ").read_text(encoding="utf-8")


def test_what_no_pdf_string_or_link_can_hold_is_said_at_its_line_and_the_pdf_still_conforms(
        tmp_path: Path) -> None:
    """A link's address over Typst's 8,000 bytes stopped the whole PDF edition, even a
    non-strict build, with "URL is too long" at a line of book.typ; a heading, a picture's
    description or a formula longer than one PDF string (32,767 bytes) made the strict PDF
    fail with a Typst error naming no page. Each is now said at its line, the words kept:
    the link's words without the link, the heading as a bold paragraph, the description cut
    at a word, the formula as its source."""
    heading = " ".join(["heading"] * 5_000)
    alt = " ".join(["described"] * 4_000)
    address = "https://example.org/" + "a" * 9_000
    body = (f"Before.\n\n[the long address]({address})\n\n## {heading}\n\n![{alt}](rain.png)\n\n"
            f"$$\n{'x+' * 17_000}y\n$$\n\nAfter.\n")
    src = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."),
                                         "long.md": page("Long", 1, body=body), "rain.png": PNG})
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output
    md = src / "long.md"
    said = {kind: [w for w in build.warnings if f"[pdf.{kind}]" in w]
            for kind in ("link", "heading", "image", "math", "typst", "not-conforming")}
    assert said["typst"] == [] and said["not-conforming"] == [], build.output
    assert len(said["link"]) == 1 and f"{md}:{line_of(md, '[the long address]')}:" in said["link"][0]
    assert len(said["heading"]) == 1 and f"{md}:{line_of(md, '## heading')}:" in said["heading"][0]
    assert len(said["image"]) == 1 and f"{md}:{line_of(md, '![described')}:" in said["image"][0]
    assert len(said["math"]) == 1 and "longer than" in said["math"][0]
    text = words(text_of(the_pdf(tmp_path / "pdf")))
    assert "Before. the long address" in text and "After." in text
    assert text.count("heading") >= 5_000


def test_a_class_naming_a_programming_language_does_not_stop_the_pdf(tmp_path: Path) -> None:
    """``language-xx`` is docutils' way to say a passage's language, and the PDF tells Typst
    (a screen reader switches voice). A page's own ``{.language-ruby}`` (kramdown's way to
    name a program's language) went to Typst as ``lang: "ruby"``, which stopped the whole
    PDF edition, even a non-strict build; a language code still goes through."""
    body = ("{.language-ruby}\nA ruby paragraph.\n\n{.language-1}\nA digit.\n\n"
            "{.language-fr}\nUn paragraphe.\n")
    src = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."),
                                         "a.md": page("Alpha", 1, body=body)})
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    assert "A ruby paragraph. A digit. Un paragraphe." in words(text_of(the_pdf(tmp_path / "pdf")))
    typ = the_pdf(tmp_path / "pdf").with_suffix(".typ").read_text(encoding="utf-8")
    assert 'lang: "fr"' in typ and 'lang: "ruby"' not in typ


def test_a_picture_whose_name_has_a_backslash_is_in_the_pdf(tmp_path: Path) -> None:
    """Typst refuses a path with a backslash: ``back\\slash.png`` stopped the whole PDF
    edition, even a non-strict build. Its copy beside the .typ is named without one. The
    name is still said (the site would publish the file under it, which Windows refuses),
    and that is the build's only warning."""
    src = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."),
                                         "a.md": page("Alpha", 1, body="![A chart](back\\\\slash.png) and text."),
                                         "back\\slash.png": PNG, "back_slash.png": PNG})
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    assert build.returncode == 0, build.output
    assert [w.rsplit("[", 1)[-1] for w in build.warnings] == ["security.portable-name]"], build.output
    copies = sorted(p.name for p in (tmp_path / "pdf" / "_images").iterdir())
    assert copies and not [name for name in copies if "\\" in name], copies
    assert "A chart" not in text_of(the_pdf(tmp_path / "pdf"))  # the picture, not its description


def test_html_of_only_comments_is_told_in_one_pass():
    """The PDF leaves out raw HTML that is only comments. ``<!--.*?-->`` repeated let a
    text of comments and then a word be tried every way the comments could be joined:
    time doubled with each comment. Each comment now ends at its first ``-->``."""
    from typst_pdf.translator import _COMMENTS

    assert _COMMENTS.fullmatch("<!---->" * 60 + "x") is None
    assert _COMMENTS.fullmatch(" <!-- a --> \n<!-- b\n -- c -->\n") is not None
    assert _COMMENTS.fullmatch("<!-- a --> b -->") is None
