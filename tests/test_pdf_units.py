"""The PDF edition's plain parts, without a build: escaping, LaTeX math, Typst messages, checks."""

from __future__ import annotations

import json
import os
import signal
import unicodedata
from pathlib import Path

import pytest
import typst
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.errors import SphinxParallelError

from test_pdf_support import structure_problems

from typst_pdf import diagnostics, escape, latexmath
from publication.apart import in_child_process
from typst_pdf.output import Source
from typst_pdf.problems import Kind


@settings(max_examples=200, deadline=None)  # a busy machine must not turn slowness into a failure
@given(st.text())
def test_a_string_literal_evaluates_to_the_same_string(value: str) -> None:
    literal = escape.string(value)
    assert literal.startswith('"') and literal.endswith('"')
    inner = literal[1:-1]
    # an unescaped quote would end the literal early; a lone backslash would escape it
    assert '"' not in inner.replace('\\\\', '').replace('\\"', '')


def test_string_literals_round_trip_through_typst() -> None:
    tricky = 'a "quote" \\ back\\slash #read("/etc/passwd") $x$ <l> @r // c\n\ttab \x01 end'
    result = typst.compile(f'#set document(title: "t")\n#metadata({escape.string(tricky)})<v>'
                           .encode(), format="pdf", ignore_system_fonts=True)
    assert result.startswith(b"%PDF")
    found = typst.query(f"#metadata({escape.string(tricky)})<v>".encode(), "<v>",
                        field="value", one=True, ignore_system_fonts=True)
    assert json.loads(found) == tricky.replace("\x01", "")  # no PDF/A holds a C0 control but tab and line breaks


def test_text_turns_soft_line_breaks_into_spaces() -> None:
    assert escape.text("one\ntwo") == '#"one two"'
    assert escape.text("") == ""
    assert escape.raw("x", block=True, lang="python") == '#raw(block: true, lang: "python", "x")'


def _around_breaks(broken: str) -> list[tuple[str, str]]:
    """The characters on either side of each break :func:`escape.breakable` put in."""
    return [(broken[i - 1], broken[i + 1]) for i, char in enumerate(broken) if char == escape.ZWSP]


@pytest.mark.parametrize("run", [
    "အော်စတင်မြို့သည်အင်္ဂလိပ်ဘာသာကျွမ်းကျင်မှုအကန့်အသတ်ရှိသောနေထိုင်သူများအားအရည်အသွေးမြင့်ဝန်ဆောင်မှုများပေးရန်ကတိကဝတ်ပြုထားသည်။",
    "奧斯汀市致力於為英語能力有限的居民提供優質、及時且符合文化需求的服務。我們的目標是讓每位居民都能輕鬆取得所需的資訊。",
    "オースティン市は英語能力が限られた住民に質の高いサービスを提供することに取り組んでいます。",
    "กรุงเทพมหานครเป็นเมืองหลวงและนครที่มีประชากรมากที่สุดของประเทศไทย",
    "ទីក្រុងភ្នំពេញគឺជារាជធានីនិងជាទីក្រុងធំជាងគេបំផុតនៃប្រទេសកម្ពុជា",
], ids=["burmese", "chinese", "japanese", "thai", "khmer"])
def test_a_script_typst_breaks_itself_gets_no_break_put_in(run: str) -> None:
    assert escape.breakable(run) == run


def test_a_break_never_parts_a_letter_from_its_marks() -> None:
    run = "#स्मार्टसिटीऑस्टिनकेनिवासियोंकेलिएगुणवत्तापूर्णसेवाएँक्षत्रियक्षेत्रक्षमता"
    broken = escape.breakable(run)
    assert broken.replace(escape.ZWSP, "") == run and escape.ZWSP in broken
    for before, after in _around_breaks(broken):
        assert unicodedata.category(after) not in {"Mn", "Mc", "Me"}, (before, after)
        assert unicodedata.combining(before) != 9, (before, after)  # a virama


def test_a_break_never_parts_a_bracket_or_quote_from_its_words() -> None:
    for run in ("a" * 19 + "(" + "b" * 30, "a" * 19 + "\u300c" + "b" * 30,
                "a" * 20 + ")" + "b" * 30,
                "a" * 19 + "\u00bb" + "b" * 30, "a" * 20 + "\u00ab" + "b" * 30):  # »German«
        around = _around_breaks(escape.breakable(run))
        assert len(around) == 2, run
        for before, after in around:
            assert unicodedata.category(before) not in {"Ps", "Pi", "Pf"}, run
            assert unicodedata.category(after) not in {"Pe", "Pi", "Pf"}, run
    url = "https://example.org/" + "a" * 50
    assert escape.breakable(url) == escape.ZWSP.join([url[:20], url[20:40], url[40:60], url[60:]])


def test_a_long_code_word_breaks_between_its_names_not_inside_one() -> None:
    """The City's dataset names (``south_1st_slaughter_lane_…``) were broken every 20
    characters, so the PDF's text held "slaughte\u200br" and a search for the street found
    nothing. A break goes after the nearest ``_``, ``/``, ``.``, ``-`` … instead, when one
    leaves a piece of at least half the usual length; a run without one breaks as before."""
    word = "south_1st_slaughter_lane_eastbound_signal_timing_2019"
    pieces = escape.breakable(word).split(escape.ZWSP)
    assert "".join(pieces) == word and len(pieces) > 1
    assert all(piece[-1] in escape.SEPARATORS for piece in pieces[:-1]), pieces
    assert all(len(piece) <= escape.BREAK_EVERY for piece in pieces), pieces
    url = "https://data.austintexas.gov/Transportation-and-Mobility/Traffic-Signal-Requests/abcd"
    assert "austintexas.gov/" in escape.breakable(url).split(escape.ZWSP)


@pytest.mark.parametrize(("latex", "typst_math"), [
    ("x^2 + 1", "x^(2) + 1"),
    (r"\frac{a+b}{c_{i}}", "frac(a + b, c_(i))"),
    (r"\sqrt[3]{x}", "root(3, x)"),
    (r"\text{if } x \leq \alpha", 'upright("if ") x lt.eq alpha'),
    (r"f(x, y)", "f paren.l x comma y paren.r"),
    (r"\sum_{i=1}^{n} i", "sum_(i = 1)^(n) i"),
    (r'\text{#read("/etc/passwd")}', r'upright("#read(\"/etc/passwd\")")'),
    # an empty argument is an empty string: Typst fails on frac(, ), and the whole PDF with it
    (r"\frac{}{} \hat{} \sqrt[]{} \mathbf{}", 'frac("", "") hat("") sqrt("") bold("")'),
    # plain TeX's \over, as MathJax reads it (Beautiful Jekyll's sample post: the quadratic
    # formula was printed as its source in the PDF, with a pdf.math warning)
    (r"x = {-b \pm \sqrt{b^2-4ac} \over 2a}", "x = frac(- b plus.minus sqrt(b^(2) - 4 a c), 2 a)"),
    (r"{\over}", 'frac("", "")'),
])
def test_latex_math_becomes_typst_math(latex: str, typst_math: str) -> None:
    assert latexmath.to_typst(latex) == typst_math


@pytest.mark.parametrize("latex", [
    r"\unknowncommand x", "{a", "a}", r"\frac{a}", "x^",
    r"\begin{tikzcd} a \end{tikzcd}", r"\begin{matrix} a \end{pmatrix}", r"\end{matrix}",
    r"\begin{matrix} a", r"\begin{array}{p{2cm}} a \end{array}", r"\left( a", r"a \right)",
    r"\frac{a \\ b}{c}", r"{a & b}", r"\begin matrix", r"{a \over b \over c}", r"a \over b",
])
def test_latex_outside_the_vocabulary_is_refused(latex: str) -> None:
    with pytest.raises(latexmath.Unsupported):
        latexmath.to_typst(latex)


def test_every_command_in_the_vocabulary_names_a_typst_symbol() -> None:
    # Typst renames symbols between versions (sect, diff, planck.reduce, angle.l went in
    # 0.14): one unknown name fails the whole PDF, not just the formula
    symbols = "".join("\\" + name + " x " for name in latexmath.SYMBOLS)
    functions = "".join("\\" + name + "{x}" for name in [
        *latexmath._ACCENTS, *latexmath._STYLES, *latexmath._BELOW_ABOVE, *latexmath._TEXT])
    switches = "".join("{\\" + name + " x}" for name in latexmath._SWITCHES)
    body = latexmath.to_typst(symbols + functions + switches + "".join(latexmath._CHARS))
    typst.compile(f"$ {body} $".encode(), format="svg", ignore_system_fonts=True)


@settings(max_examples=300, derandomize=True, deadline=None)  # a CI run is repeatable; fuzz locally for more
@given(st.text(alphabet="ab1+-=^_{}()[],.|/*!'\\ fractsqrx", max_size=30))
def test_any_accepted_formula_compiles(latex: str) -> None:
    try:
        body = latexmath.to_typst(latex)
    except latexmath.Unsupported:
        return
    typst.compile(f"$ {body} $".encode(), format="svg", ignore_system_fonts=True)


@pytest.mark.parametrize(("latex", "typst_math"), [
    (r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", 'mat(delim: "(", a, b; c, d)'),
    (r"\begin{bmatrix} 1 \\ 2 \\ \end{bmatrix}", 'mat(delim: "[", 1; 2)'),
    (r"\begin{Vmatrix} a & \\ & d \end{Vmatrix}", 'mat(delim: "‖", a, ""; "", d)'),
    (r"\begin{matrix} a \end{matrix}", "mat(delim: #none, a)"),
    (r"\begin{cases} x & \text{if } y \\ 0 & \text{otherwise} \end{cases}",
     'cases(x & upright("if ") y, 0 & upright("otherwise"))'),
    (r"\begin{aligned} a &= b \\ &= c \end{aligned}", "a & = b \\  & = c"),
    (r"\begin{align*} a &= b \label{e} \nonumber \\[2pt] c &= d \end{align*}",
     "a & = b \\ c & = d"),
    (r"\begin{equation} \begin{split} a &= b \end{split} \end{equation}", "a & = b"),
    (r"a \\ b", "a \\ b"),
    (r"\displaylines{a \\ b}", "a \\ b"),
    (r"\\ [a, b]", " \\ bracket.l a comma b bracket.r"),  # maths, not the space after \\
    (r"f(x) = \begin{aligned} a &= b \\ c &= d \end{aligned}",
     "f paren.l x paren.r = cases(delim: #none, a & = b, c & = d)"),
    (r"\begin{gathered} a \\ b \end{gathered} + 1", "mat(delim: #none, a; b) + 1"),
    (r"\left\{ \begin{array}{ll} x & y>0 \\ -x & y \leq 0 \end{array} \right.",
     "lr(brace.l mat(delim: #none, align: #left, x, y > 0; - x, y lt.eq 0))"),
    (r"\begin{array}{|c|c|} \hline a & b \\ \hline c & d \\ \hline \end{array}",
     "mat(delim: #none, augment: #(hline: (1, ), vline: (1, )), a, b; c, d)"),
    (r"\left( \frac{a}{b} \middle| c \right)", "lr(paren.l frac(a, b) mid(bar.v) c paren.r)"),
    (r"\sum_{\substack{i<n \\ j>0}} x", "sum_(mat(delim: #none, i < n; j > 0)) x"),
    (r"\sum_{\begin{subarray}{l} i \\ j \end{subarray}} x",
     "sum_(mat(delim: #none, align: #left, i; j)) x"),
    ('\\begin{cases} \\text{"\\end{cases}#x"} & 1 \\end{cases}',  # text stays a string
     'cases(upright("\\"\\\\end{cases}#x\\"") & 1)'),
])
def test_latex_environments_become_typst_constructs(latex: str, typst_math: str) -> None:
    assert latexmath.to_typst(latex) == typst_math


@pytest.mark.parametrize(("latex", "typst_math"), [
    (r"\underbrace{a+b}_{\text{sum}}", 'underbrace(a + b, upright("sum"))'),
    (r"\overbrace{a}^{n}", "overbrace(a, n)"),
    (r"\overset{\text{def}}{=}", 'limits(=)^(upright("def"))'),
    (r"\underset{x}{\arg\max}", "limits(arg max)_(x)"),
    (r"\operatorname*{argmin}_x f", 'op("argmin", limits: #true)_(x) f'),
    (r"\operatorname{tr} A", 'op("tr") A'),
    (r"{\rm d}x", "upright(d) x"),
    (r"\forall ~v", "forall space v"),
    (r"a \xrightarrow{f} b", "a limits(arrow.r.long)^(f) b"),
    (r"\binom{n}{k}", "binom(n, k)"),
    (r"a \pmod{p}", "a quad paren.l mod p paren.r"),
    (r"\boxed{x}", "#box(stroke: 0.5pt, inset: 0.3em, $ x $)"),
    (r"\epsilon \varepsilon \phi \varphi", "epsilon.alt epsilon phi.alt phi"),
    (r"x = 1 \tag{1.2}", 'x = 1 wide upright("(1.2)")'),
    (r"x \tag*{A}", 'x wide upright("A")'),
    (r"\text{sum from $n=1$, costs \$5}", 'upright("sum from ") n = 1 upright(", costs $5")'),
    (r"\text{a $b}", 'upright("a $b")'),
    (r"\braket{a \vert b} \ket{0}", "lr(chevron.l a bar.v b chevron.r) lr(bar.v 0 chevron.r)"),
    (r"a \not= b \not\in C", "a eq.not b in.not C"),
    (r"\mathop{\mathbb{E}}_{x} y", "op(bb(E), limits: #true)_(x) y"),
    (r"\begin{aligned}[t] a &= b \\* c \cr d \end{aligned}", "a & = b \\ c \\ d"),
    (r"{\color{Violet} a} \textcolor{#00FF00}{b} \textcolor{nocolour}{c}",
     '#text(fill: rgb("#ee82ee"), $ a $) #text(fill: rgb("#00ff00"), $ b $) c'),
    (r'\textcolor{red");#read("x}{c}', "c"),  # a colour is never written from the page
    (r"\begin{array}{*{3}{c}} a & b & c \end{array}", "mat(delim: #none, a, b, c)"),
])
def test_commands_real_pages_use(latex: str, typst_math: str) -> None:
    assert latexmath.to_typst(latex) == typst_math


def test_inline_lines_stay_in_one_box() -> None:
    assert latexmath.to_typst(r"a &= b \\ c &= d", block=False) == \
        "cases(delim: #none, a & = b, c & = d)"
    assert latexmath.to_typst(r"a \\ b", block=False) == "mat(delim: #none, a; b)"


ENVIRONMENTS = ["pmatrix", "Vmatrix", "matrix", "cases", "rcases", "aligned", "align*", "split",
                "gathered", "equation", "array", "alignat", "eqnarray"]
ATOMS = ["a", "1", r"\frac{a}{b}", r"\text{#x, y}", ",", ";", ":", "=", r"\left( a \right.",
         r"\boxed{a}", r"\underbrace{a}_{b}", r"{\rm a}", r"\operatorname*{a}", "~", r"\tag{#1}", r"\text{x $\alpha^2$ $}", r"\ket{a}",
         r"\textcolor{red}{a}", r"\color{#123456}", r"\not=", r"\phantom{a}", r"\\*", r"\mathop{a}", r"\frac", r"\hat", r"\sqrt[]", "{}",
         "x^2", r"\alpha ", r"\hline ", r"\nonumber ", " "]


def _lines(cell: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    row = st.lists(cell, min_size=1, max_size=3).map(" & ".join)
    return st.lists(row, min_size=1, max_size=3).map(r" \\ ".join)


def _wrapped(name: str, body: str) -> str:
    if name == "array":
        return rf"\begin{{array}}{{c|l}} {body} \end{{array}}"
    if name == "alignat":
        return rf"\begin{{alignat}}{{2}} {body} \end{{alignat}}"
    return rf"\begin{{{name}}} {body} \end{{{name}}}"


FORMULAS = _lines(st.recursive(
    st.lists(st.sampled_from(ATOMS), max_size=4).map("".join),
    lambda cell: (st.tuples(st.sampled_from(ENVIRONMENTS), _lines(cell)).map(lambda t: _wrapped(*t))
                  | cell.map(lambda body: rf"\left\{{ {body} \right.")
                  | _lines(cell).map(lambda body: rf"\displaylines{{{body}}}")
                  | st.tuples(cell, cell).map(lambda t: f"{{{t[0]}}}^{{{t[1]}}}")),
    max_leaves=6))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(FORMULAS, st.booleans())
def test_any_accepted_environment_compiles(latex: str, block: bool) -> None:
    try:
        body = latexmath.to_typst(latex, block=block)
    except latexmath.Unsupported:
        return
    typst.compile(f"$ {body} $".encode(), format="svg", ignore_system_fonts=True)


TYPST_ERROR = """error: PDF/A-2a, PDF/UA-1 error: missing alt text
  ┌─ book.typ:5:8
  │
  = hint: make sure your images and equations have alt text

error: PDF/A-2a, PDF/UA-1 error: the text `"中"` could not be displayed with font `"Libertinus Serif"`
  ┌─ smart-city-austin.typ:12:1
  │
  = hint: try using a different font

error: PDF/A-2a, PDF/UA-1 error: the text `"中"` could not be displayed with font `"Libertinus Serif"`
  ┌─ smart-city-austin.typ:12:1
  │
  = hint: try using a different font
"""


def test_typst_messages_are_split_located_and_explained() -> None:
    found = diagnostics.parse(TYPST_ERROR)
    assert [(d.file, d.line, d.kind) for d in found] == [
        ("book.typ", 5, Kind.ALT_MISSING), ("smart-city-austin.typ", 12, Kind.GLYPH)]
    assert "U+4E2D" in found[1].explain("Libertinus Serif")
    assert found[0].hints == ("make sure your images and equations have alt text",)


def test_generated_lines_map_back_to_page_lines() -> None:
    source = Source()
    source.add("header\n\n", None)
    source.add("#heading[x]\n\n", ("intro", 3))
    source.add(lambda: "#link()\n", ("intro", 7))
    source.add("more\n\nand more", ("other", 2))
    text, lines = source.render()
    assert text.splitlines()[2] == "#heading[x]"
    assert lines.lookup(1) is None
    assert lines.lookup(3) == ("intro", 3)
    assert lines.lookup(5) == ("intro", 7)
    assert lines.lookup(8) == ("other", 2)


def test_the_structure_check_rejects_an_untagged_pdf(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(typst.compile(b"= Title\n\nText.", format="pdf", pdf_tags=False,
                                    ignore_system_fonts=True))
    problems = structure_problems(plain)
    assert "MarkInfo/Marked is not true: not a tagged PDF" in problems
    assert any("XMP does not claim" in p for p in problems)
    assert any("DisplayDocTitle" in p for p in problems)


def test_the_structure_check_rejects_a_figure_without_alt(tmp_path: Path) -> None:
    pdf = tmp_path / "shape.pdf"
    svg = tmp_path / "shape.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    pdf.write_bytes(typst.compile(
        b'#set document(title: "t")\n#set text(lang: "en")\n= A\n#image("shape.svg")\n',
        root=str(tmp_path), format="pdf", ignore_system_fonts=True))
    assert "a Figure has no /Alt text" in structure_problems(pdf)


def test_the_typst_source_is_written_in_a_child_that_hands_back_its_result() -> None:
    # The builder writes the .typ in a forked child so that the memory it takes is gone
    # before Typst compiles in this process.
    pid, data = in_child_process(lambda: (os.getpid(), {"images": ["a.png"]}))
    assert pid != os.getpid()
    assert data == {"images": ["a.png"]}


def test_a_warning_the_child_held_back_until_a_step_ended_is_said_once() -> None:
    # The builder's steps hold their warnings back until the progress line has ended
    # (Sphinx's pending_warnings); in the child, whose log is already held back whole,
    # each such warning came back twice: a 51-page book said every link problem twice,
    # the second time as "... [link.no-scheme] [link.no-scheme]".
    from sphinx.util import logging as sphinx_logging

    def warn_in_a_step() -> None:
        with sphinx_logging.pending_warnings():
            sphinx_logging.getLogger("test").warning("a link problem", type="link",
                                                     subtype="no-scheme")

    with sphinx_logging.pending_logging() as memory:
        in_child_process(warn_in_a_step)
        records = memory.clear()
    assert [r.getMessage() for r in records if r.levelname == "WARNING"] == ["a link problem"]


def test_a_failing_or_killed_child_fails_the_build_instead_of_hanging_it() -> None:
    def fail() -> None:
        raise RuntimeError("no such page")

    with pytest.raises(SphinxParallelError, match="no such page"):
        in_child_process(fail)
    with pytest.raises(SphinxParallelError, match="exit code -9"):
        in_child_process(lambda: os.kill(os.getpid(), signal.SIGKILL))


def test_the_shipped_fonts_are_found_and_cover_every_script():
    from typst_pdf import fonts
    folders = fonts.package_folders()
    assert len(folders) == 2 and all(f.is_dir() for f in folders)
    families = ["Libertinus Serif", *fonts.FALLBACK_FAMILIES]
    assert fonts.missing("🧪✓مرحبا中文Ελληνικά Привет Tiếng ∀∑ ǅ", folders, families) == set()
    assert fonts.missing("a\uf8ff\U0010fffd", folders, families) == {"\uf8ff", "\U0010fffd"}
    assert fonts.substitute("🧪") == "[U+1F9EA TEST TUBE]"
    assert fonts.substitute("\U0010fffd") == "[U+10FFFD PRIVATE USE]"


def test_a_dash_or_a_wide_letter_no_font_has_prints_as_what_it_reads():
    """Isomer's CMS writes U+1806 MONGOLIAN TODO SOFT HYPHEN for `-` in titles (`AC᠆1`):
    no font has it, and the PDF printed `AC[U+1806 MONGOLIAN TODO SOFT HYPHEN]1`."""
    from typst_pdf import fonts
    assert fonts.substitute("\u1806") == "-" and fonts.substitute("\u2e3a") == "-"
    assert fonts.substitute("\uff21") == "A" and fonts.substitute("\U0001d400") == "A"
    assert fonts.substitute("\u00b2") == "[U+00B2 SUPERSCRIPT TWO]"  # "2" would say something else
    assert fonts.lookalike("\uf8ff") is None


def test_font_maps_read_with_numbered_glyph_names_are_fonttools_own():
    """``fonts._mapped`` skips the glyph names (the CJK font's CFF charset): same code points."""
    from fontTools.ttLib import TTFont

    from typst_pdf import fonts
    for path in fonts.font_files(fonts.package_folders()):
        stat = path.stat()
        assert fonts._mapped(path, stat.st_size, stat.st_mtime_ns) == frozenset(
            TTFont(path, lazy=True).getBestCmap()), path.name


def test_a_fonts_map_is_read_once_per_installation(tmp_path, monkeypatch):
    """Every PDF build read ~20 fonts' maps with fontTools (its import among them: 30-70 ms
    of a small book's build, in each language's process). The code points of each font
    file are kept with the installation, as Python keeps bytecode, and read back without
    fontTools; a file that changed is read again."""
    import sys

    from publication import installed
    from typst_pdf import fonts
    monkeypatch.setattr(installed, "cache_path", lambda name: tmp_path / "cache" / name)
    path = min(fonts.font_files(fonts.package_folders()), key=lambda p: p.stat().st_size)
    stat = path.stat()
    read = fonts._mapped.__wrapped__(path, stat.st_size, stat.st_mtime_ns)
    assert read and list((tmp_path / "cache" / "fonts").iterdir())
    monkeypatch.setitem(sys.modules, "fontTools.ttLib", None)  # an import now fails
    assert fonts._mapped.__wrapped__(path, stat.st_size, stat.st_mtime_ns) == read
    with pytest.raises(ImportError):  # another version of the file is read, not the kept map
        fonts._mapped.__wrapped__(path, stat.st_size, stat.st_mtime_ns + 1)
    monkeypatch.delitem(sys.modules, "fontTools.ttLib")
    kept = set((tmp_path / "cache" / "fonts").iterdir())
    own = tmp_path / "project-fonts" / path.name  # a project's font, or one a build derived
    own.parent.mkdir()
    own.write_bytes(path.read_bytes())
    assert fonts._mapped.__wrapped__(own, stat.st_size, own.stat().st_mtime_ns) == read
    assert set((tmp_path / "cache" / "fonts").iterdir()) == kept  # not kept: they would pile up


def test_unmapped_reads_only_the_fonts_it_needs(monkeypatch):
    from typst_pdf import fonts
    folders = fonts.package_folders()
    read = []
    real = fonts._mapped.__wrapped__
    monkeypatch.setattr(fonts, "_mapped", lambda path, *key: read.append(path.name) or real(path, *key))
    assert fonts.unmapped({ord("é"), ord("’")}, folders) == set()
    assert "NotoSansCJKtc-Regular.otf" not in read  # the largest, 16 MB: read last, not needed
    read.clear()
    assert fonts.unmapped({ord("中"), 0xF8FF}, folders) == {0xF8FF}
    assert len(read) == len(fonts.font_files(folders))  # a code point no font has: all are read


def test_an_unchanged_book_keeps_its_pdf_and_a_changed_one_is_typeset(tmp_path):
    """typst_pdf.kept: the PDF is used again only for the same inputs and the same file."""
    from conftest import page, sphinx_build, write_pages

    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    source = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Welcome."),
                                              "a.md": page("Alpha", 1, body="First words.")})
    out, doctrees = tmp_path / "pdf", tmp_path / "doctrees"
    pdf = out / "smart-city-austin.pdf"

    def build() -> tuple[bytes, int]:
        result = sphinx_build(source, out, "typst", doctrees=doctrees, env=epoch)
        assert result.returncode == 0, result.output
        return pdf.read_bytes(), pdf.stat().st_mtime_ns

    first, made = build()
    assert build() == (first, made)  # kept: not even written again
    pdf.write_bytes(b"not the PDF the record names")
    assert build()[0] == first  # typeset again
    (source / "a.md").write_text(page("Alpha", 1, body="Other words."), encoding="utf-8")
    changed, _ = build()
    clean = sphinx_build(source, tmp_path / "clean", "typst", env=epoch)
    assert clean.returncode == 0, clean.output
    assert changed != first and changed == (tmp_path / "clean" / pdf.name).read_bytes()


def test_a_kept_pdf_record_says_what_typst_said(tmp_path):
    from typst_pdf import kept

    pdf = tmp_path / "book.pdf"
    pdf.write_bytes(b"%PDF-1.7 made")
    record = tmp_path / "doctrees" / "typst-book.json"
    kept.save(record, "key-1", pdf.read_bytes(), "[1]", ["warning: a font fell back"])
    assert kept.load(record, "key-1", pdf) == kept.Kept("[1]", ["warning: a font fell back"])
    assert kept.load(record, "key-2", pdf) is None
    record.write_text("{not json", encoding="utf-8")
    assert kept.load(record, "key-1", pdf) is None


def test_the_kept_pdf_key_covers_every_input_of_typst(tmp_path):
    from typst_pdf import kept

    typ, template, images = tmp_path / "book.typ", tmp_path / "layout.typ", tmp_path / "_images"
    typ.write_text("#[a]")
    template.write_text("#let book = x")
    images.mkdir()
    (images / "logo.png").write_bytes(b"png")
    fonts_dir = tmp_path / "fonts"
    fonts_dir.mkdir()
    (fonts_dir / "A.ttf").write_bytes(b"font")

    def key(standards=("ua-1",), timestamp="1"):
        return kept.key(typ, template, images, [fonts_dir], list(standards), timestamp)

    seen = {key()}
    for change in (lambda: typ.write_text("#[b]"), lambda: template.write_text("#let book = y"),
                   lambda: (images / "logo.png").write_bytes(b"png2"),
                   lambda: (fonts_dir / "A.ttf").write_bytes(b"font, longer")):
        change()
        seen.add(key())
    seen |= {key(standards=()), key(timestamp="2")}
    assert len(seen) == 7


def test_a_book_typeset_in_forked_children_is_the_book_typeset_here(tmp_path):
    """typst_pdf.builder.FORK_FROM: below it the .typ is written and Typst run in the build's
    own process, from it in forked children (memory); the files are the same bytes."""
    import subprocess
    import sys

    from conftest import REPO, page, write_pages

    source = write_pages(tmp_path / "pages", {
        "index.md": page("Home", body="Welcome, “quoted”."),
        "a.md": page("Alpha", 1, body="A [link](https://example.org) and a footnote[^1].\n\n[^1]: Note."),
        "b.md": page("Beta", 2, body="## Part\n\nCafé, naïve, 中文.")})
    code = ("import sys; sys.path.insert(0, sys.argv.pop(1))\n"
            "import typst_pdf.builder as builder; builder.FORK_FROM = int(sys.argv.pop(1))\n"
            "from sphinx.cmd.build import build_main; sys.exit(build_main(sys.argv[1:]))\n")
    outputs = {}
    for fork_from in (1, 1000):
        out = tmp_path / f"from-{fork_from}"
        result = subprocess.run(
            [sys.executable, "-c", code, str(REPO / "_ext"), str(fork_from), "-b", "typst",
             "-c", str(REPO), "-d", str(out / "doctrees"), "-W", "--keep-going", "-q",
             str(source), str(out / "pdf")],
            capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
            check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        outputs[fork_from] = {p.name: p.read_bytes() for p in (out / "pdf").iterdir() if p.is_file()}
    assert "smart-city-austin.pdf" in outputs[1]
    assert outputs[1] == outputs[1000]


def test_raw_html_is_read_for_its_words_block_by_block() -> None:
    from typst_pdf import htmltext

    survey = ('<div class="candidate-info-box">\n  <h4 class="strong">Wesley Faulkner</h4>\n'
              '  <small>Responded</small>\n  <img class="survey2016" src="w.jpg" alt="Wesley Faulkner portrait">\n'
              '</div>\n<div class="question"><p>Question 1 of 2</p><p class="strong">Do you agree?</p></div>')
    assert htmltext.read(survey) == htmltext.HtmlText(
        ("Wesley Faulkner", "Responded", "Question 1 of 2", "Do you agree?"), ("img",))
    assert htmltext.read('<div class="snippet">') == htmltext.HtmlText((), ())
    assert htmltext.read("<!-- more -->") == htmltext.HtmlText((), ())
    assert htmltext.read("<style>div.snippet{padding-left: 50px;}</style>") == htmltext.HtmlText((), ())
    assert htmltext.read("<p>Fish &amp; chips<br>daily</p>").paragraphs == ("Fish & chips", "daily")


def test_a_footnote_in_a_heading_that_the_text_refers_to_again_still_makes_the_pdf(tmp_path):
    """``## Costs[^1]`` and later ``Text[^1]``: the heading's footnote label was copied into
    the running header of its pages, and the second reference made Typst stop ("label occurs
    multiple times"): no PDF, even with STRICT=0. Now the text prints the note, the heading
    refers to it; a note only headings refer to is printed in each."""
    from conftest import page, sphinx_build, write_pages

    body = ("## Costs[^1]\n\nText about costs[^1] and a cycle[^2].\n\n## Plan[^3]\n\n## Again[^3]\n\n"
            "[^1]: From the 2019 budget.\n[^2]: One [^4]\n[^3]: Only in headings.\n[^4]: Two [^2]\n")
    source = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Welcome."),
                                              "a.md": page("Alpha", 1, body=body)})
    build = sphinx_build(source, tmp_path / "pdf", "typst")
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert (tmp_path / "pdf" / "smart-city-austin.pdf").is_file()
    typ = (tmp_path / "pdf" / "smart-city-austin.typ").read_text(encoding="utf-8")
    assert typ.count("From the 2019 budget.") == 1 and typ.count("Only in headings.") == 2


def test_a_picture_is_decoded_once_until_its_file_changes(tmp_path, monkeypatch):
    """Every pixel is read (a truncated PNG passed Pillow's verify() and stopped Typst), so
    the answer is kept beside the doctrees: the next build decodes only a changed file."""
    import base64
    from typst_pdf import pictures

    whole = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
    short = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC")
    picture, record = tmp_path / "plan.png", tmp_path / "doctrees" / "pictures-typst-reads.json"
    record.parent.mkdir()
    picture.write_bytes(whole)
    readable = pictures.Readable(record)
    assert readable(picture) and not readable(tmp_path / "gone.png")
    readable.save()
    decoded = []
    monkeypatch.setattr(pictures, "typst_can_read", lambda path: decoded.append(path) or False)
    assert pictures.Readable(record)(picture) and decoded == []
    picture.write_bytes(short + b"\0")
    assert not pictures.Readable(record)(picture) and decoded == [picture]
    monkeypatch.undo()
    assert not pictures.typst_can_read(picture)


def _nested(levels: int) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' + "<g>" * levels
            + '<rect width="1" height="1"/>' + "</g>" * levels + "</svg>")


@pytest.mark.parametrize("svg", [
    *(_nested(levels) for levels in (1, 1023, 1024, 3000)),
    *(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="10"><rect width="1" '
      'height="1"/></svg>' for width in ("0", "-5", "0px", ".0", "0%", "1e-9", "abc", "4cm")),
])
def test_an_svg_is_called_readable_exactly_when_typst_draws_it(tmp_path, svg):
    """An SVG Typst refuses stopped the whole PDF (a width of 0: "width, height, or viewbox
    is invalid"; 1,024 nested groups: "nodes limit reached"): the check answers as Typst does."""
    from typst_pdf import pictures

    (tmp_path / "p.svg").write_text(svg, encoding="utf-8")
    (tmp_path / "m.typ").write_text('#image("p.svg")\n', encoding="utf-8")
    try:
        typst.compile(str(tmp_path / "m.typ"), output=str(tmp_path / "m.pdf"))
        drawn = True
    except RuntimeError:
        drawn = False
    assert pictures.typst_can_read(tmp_path / "p.svg") is drawn


def test_an_svg_whose_filter_typst_draws_for_ever_is_not_readable(tmp_path):
    """feTurbulence with a billion octaves: Typst drew it for ever, and the PDF never came."""
    from typst_pdf import pictures

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><filter id="f">'
           '<feTurbulence baseFrequency="0.05" numOctaves="{}"/></filter>'
           '<rect width="100" height="100" filter="url(#f)"/></svg>')
    (tmp_path / "slow.svg").write_text(svg.format(1_000_000_000), encoding="utf-8")
    (tmp_path / "quick.svg").write_text(svg.format(1), encoding="utf-8")
    assert not pictures.drawn_in_time(tmp_path / "slow.svg", seconds=5)
    assert pictures.drawn_in_time(tmp_path / "quick.svg", seconds=120)
    assert pictures.typst_can_read(tmp_path / "quick.svg")


@pytest.mark.parametrize("size, typst_length", [
    ("200px", "150pt"), ("3cm", "3cm"), ("50%", "50%"), ("0.5in", "0.5in"),
    ("9" * 400 + "px", None), ("0px", None), ("1e-05cm", None)])
def test_a_picture_size_is_a_typst_number_or_nothing(size, typst_length):
    """A 400-digit width was ``infpt`` in the .typ: a name, not a number (Typst code)."""
    from typst_pdf.translator import length

    assert length(size) == typst_length
