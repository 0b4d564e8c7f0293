"""Page text is never Typst code: what a page says is what the PDF prints, character for character."""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import page, write_pages
from test_pdf_support import build_pdf, squash, text_of, the_pdf, words

LOOKS_LIKE_CODE = r"""
#read("/etc/passwd") and #include "x.typ" and #let x = 1

\$x\$ costs \$5, \<label\> and \@ref and // comment and /\* block \*/

stars \* and \_underscores\_ and a back\\slash and \[brackets\] and \~tilde and \`tick\`

\= not a heading, \- not a list, \+ not a list, 1\. not a list, \#set page(width: 1cm)

Code stays code: `#read("/etc/passwd")` and `$x$ <y> @z "q" \ ]`.

```
#import "@preview/evil:1.0.0": *
#read("/etc/passwd") ] " \ $
```
"""


def test_text_that_looks_like_typst_is_printed_literally(tmp_path: Path) -> None:
    src = write_pages(tmp_path / "src", {
        "index.md": page("Escaping", None, "Pages below."),
        "code.md": page("Text that looks like code", 1, LOOKS_LIKE_CODE),
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    assert build.warnings == [], build.output
    text = words(text_of(the_pdf(tmp_path / "pdf")))
    for literal in ('#read("/etc/passwd") and #include "x.typ" and #let x = 1',
                    "$x$ costs $5, <label> and @ref and // comment and /* block */",
                    r"stars * and _underscores_ and a back\slash and [brackets] and ~tilde and `tick`",
                    "= not a heading, - not a list, + not a list, 1. not a list, #set page(width: 1cm)",
                    r'Code stays code: #read("/etc/passwd") and $x$ <y> @z "q" \ ].',
                    '#import "@preview/evil:1.0.0": *', r'#read("/etc/passwd") ] " \ $'):
        assert literal in text, literal
    assert "root:" not in text  # nothing was read from the machine


# Letters, digits, punctuation and symbols the publication's fonts can show (a character
# no font has is reported as an error by design: see test_pdf_problems).
ALPHABET = sorted({
    c for c in itertools.chain(
        map(chr, range(0x20, 0x7F)), map(chr, range(0xA1, 0x180)), map(chr, range(0x391, 0x3CA)),
        map(chr, range(0x410, 0x450)), "‘’“”‚„–—…•€™←→≤≥≠±×÷°†‡‰′″")
    if unicodedata.category(c)[0] in "LNPS" or c == " "
})
MARKDOWN_SPECIAL = set(string.punctuation)


def as_markdown(text: str) -> str:
    """Markdown that shows ``text`` as it is: every ASCII punctuation mark escaped."""
    return "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in text)


PARAGRAPHS = st.lists(
    st.text(alphabet=ALPHABET, min_size=1, max_size=60).map(str.strip).filter(bool),
    min_size=12, max_size=12)


@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(paragraphs=PARAGRAPHS)
def test_random_text_comes_out_of_the_pdf_unchanged(tmp_path_factory, paragraphs: list[str]) -> None:
    root = tmp_path_factory.mktemp("hypothesis")
    body = "\n\n".join(f"BEGIN{n}Q {as_markdown(p)} Q{n}END" for n, p in enumerate(paragraphs))
    src = write_pages(root / "src", {"index.md": page("Random text", None, "Below."),
                                     "random.md": page("Random", 1, body)})
    build = build_pdf(src, root / "pdf")
    assert build.returncode == 0, build.output
    printed = squash(text_of(the_pdf(root / "pdf")))
    for n, paragraph in enumerate(paragraphs):
        match = re.search(f"BEGIN{n}Q(.*?)Q{n}END", printed, re.S)
        assert match, f"paragraph {n} is missing"
        assert match.group(1) == squash(paragraph)


def test_invisible_characters_keep_the_pdf_conforming(tmp_path: Path) -> None:
    """A byte order mark mid-title (U+FEFF) and C1 controls pasted from an old terminal
    (U+009B, U+0085) made Typst write the PDF without PDF/UA-1 and PDF/A-2a."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", None, "Below."),
        "a.md": page('"Launch\\ufeffday"', 1, "Control \x9b[31mred and next\x85line here."),
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    printed = squash(text_of(the_pdf(tmp_path / "pdf")))
    assert "Control[31mredandnextlinehere." in printed, printed  # squash() drops spaces


def test_a_control_character_an_address_decodes_to_keeps_the_pdf_conforming(tmp_path: Path) -> None:
    """``{image} a%00b.png`` that is missing prints its name, decoded to ``a<NUL>b.png``:
    Typst refused the NUL ("disallowed codepoint") and the PDF was written without PDF/UA-1
    and PDF/A-2a, failing a strict build for a problem the page's one warning did not name.
    A character no XML holds is left out of what the PDF prints, as of the page's text."""
    from typst_pdf import escape

    assert escape.string("a\x00b\x1bc\x7fd\ufffe") == '"abcd"'
    assert escape.string("tab\there\nline") == '"tab\\there\\nline"'
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", None, "Below."),
        "a.md": page("Alpha", 1, "```{image} a%00b.png\n:alt: The plan\n```\n\nWords after."),
    })
    build = build_pdf(src, tmp_path / "pdf", strict=False)
    assert build.returncode == 0, build.output
    assert [line.rsplit("[", 1)[1] for line in build.warnings] == ["image.not_readable]"], build.output
    assert "Words after." in text_of(the_pdf(tmp_path / "pdf"))


def test_a_tab_between_words_prints_as_a_space(tmp_path: Path) -> None:
    """Text pasted from Word or a spreadsheet keeps its tabs ("Phone:<tab>512-974-2000"); the
    site shows each as a space, but Typst printed a tab as nothing, so the PDF read (and
    looked) "Phone:512-974-2000" and "Tabtabword": two words made one, with no warning."""
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", None, "Below."),
        "a.md": page("Contacts", 1, "Phone:\t512-974-2000 and Tab\ttabword here.\n\n"
                                    "| Office | Hours |\n|---|---|\n| Permits\tcenter | 8\tto 5 |\n"),
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output
    text = words(text_of(the_pdf(tmp_path / "pdf")))
    assert "Phone: 512-974-2000 and Tab tabword here." in text, text
    assert "Permits center" in text and "8 to 5" in text, text


def test_a_long_run_of_brackets_breaks_and_the_pdf_stays_conforming(tmp_path: Path) -> None:
    """A line of 20,000 ``[``: no place to break it (a bracket is never parted from its words),
    so it stood as one line off the paper, its one string of glyphs longer than PDF/A allows;
    Typst refused the standards and a strict build failed with no page named."""
    from test_pdf_support import structure_problems
    from typst_pdf import escape

    assert escape.ZWSP in escape.breakable("[" * 200)
    assert escape.breakable("“quoted”") == "“quoted”"
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", None, "Below."),
        "a.md": page("Alpha", 1, "Before the run.\n\n" + "[" * 20_000 + "\n\nWords after."),
    })
    build = build_pdf(src, tmp_path / "pdf")
    assert build.returncode == 0, build.output[-3000:]
    pdf = the_pdf(tmp_path / "pdf")
    assert structure_problems(pdf) == []
    assert "Words after." in text_of(pdf)
