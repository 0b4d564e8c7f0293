"""Wide tables in the PDF: every word inside its column and on the paper.

A city's data table has a dozen columns; Typst shared the page's width among them and broke a
cell's text only between words, so each column's longest word ran into the next and the last
off the paper. The pages are drawn from the build's own ``.typ`` (the PDF's one source) with
the book's fonts, and the ink is looked for where the page's text may not go.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import typst
from PIL import Image

from conftest import page, write_pages
from test_pdf_support import build_pdf, page_texts, structure_problems, the_pdf, words

from typst_pdf import fonts, tablefit

COLUMNS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
           "november").split()
WIDE = ("| " + " | ".join(name.upper() for name in COLUMNS) + " |\n"
        "|" + "---|" * len(COLUMNS) + "\n"
        + "".join("| " + " | ".join(f"{name}{row}" for name in COLUMNS) + " |\n"
                  for row in range(3))
        + "| " + " | ".join(["x"] * (len(COLUMNS) - 1)) + " | Transportation |\n")
NARROW = "| Name | Notes |\n|---|---|\n| Signals | Requests for new traffic signals |\n"


def drawn(pdf: Path) -> list[Image.Image]:
    """Each page as Typst draws it from the ``.typ`` the PDF was compiled from."""
    source = pdf.with_suffix(".typ")
    pngs = typst.compile(str(source), root=str(source.parent), format="png", ppi=72,
                         font_paths=[str(f) for f in fonts.package_folders()],
                         ignore_system_fonts=True)
    return [Image.open(io.BytesIO(png)).convert("L") for png in pngs]


def ink_right(image: Image.Image, top: int = 0, bottom: int | None = None) -> int:
    """The rightmost column of pixels with ink (darker than light grey) between two rows."""
    box = image.crop((0, top, image.width, bottom or image.height)).point(
        lambda v: 255 if v < 160 else 0)
    found = box.getbbox()
    return found[2] if found else 0


@pytest.fixture(scope="module")
def wide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("wide")
    write_pages(root / "src", {
        "index.md": page("Tables", 1, "# Tables\n\nThe signal requests, by month.\n"),
        "data.md": page("Data", 2, "# Data\n\n" + WIDE + "\nAnd a short one:\n\n" + NARROW),
    })
    build = build_pdf(root / "src", root / "pdf")
    assert build.returncode == 0, build.output
    return the_pdf(root / "pdf")


def test_a_wide_tables_words_stay_on_the_paper(wide: Path) -> None:
    pages = drawn(wide)
    text = page_texts(wide)
    index = next(i for i, t in enumerate(text) if "november0" in t)
    picture = pages[index]
    # the running header's rule spans the text's width; nothing below it may pass its end
    header_end = ink_right(picture, 0, picture.height // 12)
    assert header_end > picture.width // 2
    assert ink_right(picture, picture.height // 12) <= header_end + 1


def test_a_wide_tables_words_are_all_there_whole(wide: Path) -> None:
    text = words(" ".join(page_texts(wide)))
    for row in range(3):
        for name in COLUMNS:
            assert f"{name}{row}" in text
    assert "Transportation" in text
    assert structure_problems(wide) == []


def test_only_a_table_too_wide_prints_smaller(wide: Path) -> None:
    source = wide.with_suffix(".typ").read_text(encoding="utf-8")
    assert source.count("#fit-table(") == 2
    probe = wide.parent / "probe.typ"
    probe.write_text(
        f'#import "book.typ": fit-table\n'
        f'#let words = {tablefit.typst_words([{tablefit.PLAIN: "november0"}] * len(COLUMNS))}\n'
        '#fit-table(words, context [#metadata(repr(text.size))<wide>])\n'
        '#fit-table(words.slice(0, 2), context [#metadata(repr(text.size))<narrow>])\n',
        encoding="utf-8")
    sizes = {name: json.loads(typst.query(str(probe), f"<{name}>", field="value", one=True,
                                          root=str(wide.parent)))
             for name in ("wide", "narrow")}
    assert sizes["narrow"] == "11pt"
    assert 0.65 * 11 <= float(sizes["wide"].removesuffix("pt")) < 11


def cells(*rows: list[tuple[int, int, str]]) -> list[list[tablefit.Cell]]:
    made = []
    for row in rows:
        made.append([])
        for columns, rows_, text in row:
            cell = tablefit.Cell(columns, rows_)
            cell.add(text, tablefit.PLAIN)
            made[-1].append(cell)
    return made


def test_each_columns_longest_word_counts_spans() -> None:
    longest = tablefit.column_words(cells(
        [(1, 2, "tall cell"), (2, 1, "spanning-two-columns-word"), (1, 1, "end")],
        [(1, 1, "second"), (1, 1, "third"), (1, 1, "fourthword")],
    ), 4)
    assert [column.get(tablefit.PLAIN) for column in longest] == ["tall", "second", "third",
                                                                  "fourthword"]


def test_a_words_breaks_are_where_typst_may_break() -> None:
    cell = tablefit.Cell()
    cell.add("Traffic-Signal\u200brequests and/or studies " + "x" * 60, tablefit.PLAIN)
    assert cell.words[tablefit.PLAIN] == "x" * tablefit.escape.BREAK_EVERY
    cell = tablefit.Cell()
    cell.add("Transportation-Department", tablefit.CODE)
    assert cell.words == {tablefit.CODE: "Transportation-"}


def test_a_long_run_of_chinese_is_measured_in_pieces_as_a_long_latin_word_is() -> None:
    cell = tablefit.Cell()
    cell.add("奧斯汀市致力於為英語能力有限的居民提供優質、及時且符合文化需求的服務。" * 3, tablefit.PLAIN)
    assert len(cell.words[tablefit.PLAIN]) == tablefit.escape.BREAK_EVERY
