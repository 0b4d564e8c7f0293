"""Word conservation, part four: what real Jekyll, kramdown and GitHub pages write that the
first three grammars did not compose.

Tables with ``|`` escaped or inside code spans, inline HTML and footnotes in cells; lists
indented unevenly (bullets two spaces under ``2.``, four-space continuation paragraphs,
lazy lines, a list right after a paragraph); quotes holding lists, code and headings; HTML
blocks (``<div>``, ``<table>``, ``<p align=center>``) with Markdown and blank lines inside;
kramdown's IALs, ``{:toc}``, abbreviations and definition lists; hard breaks; autolinks and
bare URLs; intraword ``_`` and ``*``, currency, percent and ``#hashtags``; emoji and ZWJ
sequences, right-to-left words, combining accents; setext headings, closing ``#``s; entities.
Each token must be in every edition or said at its block (``test_word_conservation.lost_words``).
A few derandomized examples here; explore with
``WORDS_EXAMPLES=40 WORDS_RANDOM=1 pytest -k grammar_four tests/test_word_conservation4.py``.
"""

from __future__ import annotations

import os
import re
from html import unescape

from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from bs4 import BeautifulSoup

from test_word_conservation import W, edition_texts, kept_everywhere, lost_words, number, squash


def _w(text: str) -> str:
    return text.replace("{w}", W)


WORD = st.sampled_from([
    "{w}", "snake_{w}_case", "{w}_{w}_{w}", "2*{w}*3", "a*{w}", "{w}_", "_{w}", "$2,000 to $3,000 {w}",
    "{w} 25%", "50% {w}", "#{w}", "#hashtag {w}", "{w} \U0001F468\u200D\U0001F469\u200D\U0001F467",
    "\U0001F44D\U0001F3FD {w}", "\U0001F3F3\uFE0F\u200D\U0001F308{w}", "\u05e9\u05dc\u05d5\u05dd {w}",
    "\u0645\u0631\u062d\u0628\u0627 {w} \u0639\u0627\u0644\u0645", "Jose\u0301 {w}", "cafe\u0301{w}",
    "{w}&nbsp;{w}", "{w} &amp; {w}", "{w}&#x2019;s", "&#x2019;{w}&#x2019;", "{w}&mdash;{w}",
    "<https://example.org/{w}>", "https://example.org/{w}", "www.example.org/{w}", "{w}@example.org",
    "<mailto:{w}@example.org>", "**{w}**", "*{w}*", "_{w}_", "`{w}`", "{w}*", "*{w}", "{w}~{w}",
    "HTML {w}", "{w} (HTML)", "C# {w}", "{w} 1/2", "{w}:", "{w};", "({w})", "[{w}]", "{w}!",
    "<br>{w}", "{w}<br/>", "\\*{w}\\*", "{w}\\_{w}", "U.S. {w}", "e.g. {w}", "{w}...", "{w} & {w}",
]).map(_w)


@st.composite
def text(draw, lo=1, hi=4) -> str:
    return " ".join(draw(st.lists(WORD, min_size=lo, max_size=hi)))


@st.composite
def cell(draw) -> str:
    kind = draw(st.sampled_from(["text", "pipe", "code-pipe", "html", "note", "br", "empty", "entity", "link"]))
    if kind == "pipe":
        return _w("{w} \\| {w}")
    if kind == "code-pipe":
        return _w("`{w} \\| {w}`")
    if kind == "html":
        return _w(draw(st.sampled_from(["<b>{w}</b>", "<span class=\"x\">{w}</span>", "<i>{w}</i> {w}",
                                        "<a href=\"https://example.org\">{w}</a>", "<code>{w}</code>"])))
    if kind == "note":
        return _w("{w}[^fn]")
    if kind == "br":
        return _w("{w}<br>{w}")
    if kind == "empty":
        return ""
    if kind == "entity":
        return _w("{w}&nbsp;&amp;&nbsp;{w}")
    if kind == "link":
        return _w("[{w}](https://example.org/x)")
    return draw(text(1, 2))


@st.composite
def table(draw) -> str:
    columns = draw(st.integers(1, 3))
    outer = columns == 1 or draw(st.booleans())
    rows = [[draw(cell()) for _ in range(columns)] for _ in range(draw(st.integers(1, 3)))]
    head = [draw(text(1, 1)) for _ in range(columns)]

    def line(cells):
        inner = " | ".join(cells)
        return f"| {inner} |" if outer else inner
    align = line([draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(columns)])
    body = [line(head), align] + [line(r) for r in rows]
    return "\n".join(body) + draw(st.sampled_from(["", "", "\n{: .table}"]))


@st.composite
def uneven_list(draw) -> str:
    kind = draw(st.sampled_from(["two-under-ordered", "four-continuation", "lazy", "after-paragraph",
                                 "mixed-markers", "tab", "three-under-bullet", "nested-ordered",
                                 "one-space", "continuation-code"]))
    a, b, c = draw(text()), draw(text()), draw(text())
    if kind == "two-under-ordered":
        return f"1. {a}\n2. {b}\n  - {c}\n  - {draw(text())}"
    if kind == "four-continuation":
        return f"1. {a}\n\n    {b}\n\n2. {c}"
    if kind == "lazy":
        return f"- {a}\n{b}\n- {c}"
    if kind == "after-paragraph":
        return f"{a}\n- {b}\n- {c}"
    if kind == "mixed-markers":
        return f"* {a}\n- {b}\n+ {c}"
    if kind == "tab":
        return f"-\t{a}\n\t-\t{b}\n-\t{c}"
    if kind == "three-under-bullet":
        return f"- {a}\n   - {b}\n      - {c}"
    if kind == "nested-ordered":
        return f"1. {a}\n    1. {b}\n    2. {c}"
    if kind == "one-space":
        return f"-{a}\n- {b}\n 1. {c}"
    return f"1. {a}\n\n        {b}\n\n2. {c}"


@st.composite
def quote(draw) -> str:
    kind = draw(st.sampled_from(["list", "code", "heading", "fenced", "lazy", "nested", "table", "attribution"]))
    a, b = draw(text()), draw(text())
    if kind == "list":
        body = f"{a}\n\n- {b}\n- {draw(text())}"
    elif kind == "code":
        body = f"{a}\n\n    {b}"
    elif kind == "heading":
        body = f"## {a}\n\n{b}"
    elif kind == "fenced":
        body = f"```\n{a}\n```\n{b}"
    elif kind == "nested":
        body = f"{a}\n> {b}"
    elif kind == "table":
        body = f"| {a} |\n|---|\n| {b} |"
    elif kind == "attribution":
        body = f"{a}\n\n\u2014 {b}"
    else:
        return f"> {a}\n{b}"
    return "\n".join("> " + line if line else ">" for line in body.split("\n"))


@st.composite
def html_block(draw) -> str:
    kind = draw(st.sampled_from(["div-blank", "div-md1", "table-md", "p-center", "p-center-md", "div-nested",
                                 "table-blank", "details-list", "div-heading"]))
    a, b = draw(text()), draw(text())
    if kind == "div-blank":
        return f"<div class=\"alert\">\n{a}\n\n{b}\n</div>"
    if kind == "div-md1":
        return f"<div markdown=\"1\">\n## {a}\n\n* {b}\n</div>"
    if kind == "table-md":
        return f"<table>\n<tr>\n<td>\n\n**{a}**\n\n</td>\n<td>{b}</td>\n</tr>\n</table>"
    if kind == "p-center":
        return f"<p align=\"center\">\n  <img src=\"x.png\" alt=\"logo\">\n  <br>\n  {a}\n</p>"
    if kind == "p-center-md":
        return f"<p align=center>\n\n**{a}** {b}\n\n</p>"
    if kind == "div-nested":
        return f"<div>\n<div>\n\n{a}\n\n</div>\n\n{b}\n</div>"
    if kind == "table-blank":
        return f"<table>\n  <tr>\n    <th>{a}</th>\n\n    <td>{b}</td>\n  </tr>\n</table>"
    if kind == "details-list":
        return f"<details>\n<summary>{a}</summary>\n\n1. {b}\n\n</details>"
    return f"<div>\n\n# {a}\n\n{b}\n</div>"


@st.composite
def kramdown(draw) -> str:
    kind = draw(st.sampled_from(["ial-para", "toc", "abbr", "deflist", "deflist-multi", "ial-list", "ial-quote",
                                 "ald", "span-ial", "ial-heading"]))
    a, b = draw(text()), draw(text())
    if kind == "ial-para":
        return f"{a}\n{{: .notice--info}}"
    if kind == "toc":
        return f"* TOC\n{{:toc}}\n\n{a}"
    if kind == "abbr":
        return f"HTML {a}\n\n*[HTML]: HyperText {b}"
    if kind == "deflist":
        return f"{a}\n: {b}"
    if kind == "deflist-multi":
        return f"{a}\n: {b}\n: {draw(text())}\n\n{draw(text())}\n: {draw(text())}"
    if kind == "ial-list":
        return f"- {a}\n- {b}\n{{: .checklist}}"
    if kind == "ial-quote":
        return f"> {a}\n{{: .pull-quote}}"
    if kind == "ald":
        return f"{{:refdef: .big}}\n{a}\n{{: refdef}}"
    if kind == "span-ial":
        return f"{a} *{b}*{{: .red}}"
    return f"## {a}\n{{: #custom-id .title}}"


@st.composite
def breaks(draw) -> str:
    a, b = draw(text()), draw(text())
    kind = draw(st.sampled_from(["spaces", "backslash", "br", "spaces-list", "backslash-quote"]))
    if kind == "spaces":
        return f"{a}  \n{b}"
    if kind == "backslash":
        return f"{a}\\\n{b}"
    if kind == "br":
        return f"{a}<br>\n{b}"
    if kind == "spaces-list":
        return f"- {a}  \n  {b}"
    return f"> {a}\\\n> {b}"


@st.composite
def heading(draw) -> str:
    a = draw(text(1, 3))
    kind = draw(st.sampled_from(["setext1", "setext2", "closing", "closing-uneven", "no-space", "setext-multi",
                                 "indented", "entity"]))
    if kind == "setext1":
        return f"{a}\n==="
    if kind == "setext2":
        return f"{a}\n---"
    if kind == "closing":
        return f"## {a} ##"
    if kind == "closing-uneven":
        return f"### {a} #"
    if kind == "no-space":
        return f"##{a}"
    if kind == "setext-multi":
        return f"{a}\n{draw(text(1, 2))}\n========"
    if kind == "indented":
        return f"   ## {a}"
    return f"## {a} &amp; &#x2019;{draw(text(1, 1))}"


NESTED = [
    "Intro {w}\n| {w} | {w} |\n|---|---|\n| {w} | {w} |",
    "| {w} | `a|b` {w} |\n|---|---|\n| {w} | {w} |",
    "- {w}\n\n      {w} indented\n\n- {w}",
    "1. {w}\n2. {w}\n  - {w}\n\n    {w} continuation\n\n3. {w}",
    "> ## {w}\n> 1. {w}\n>    ```\n>    {w}\n>    ```\n> 2. {w}",
    "<div markdown=\"1\">\n\n| {w} | {w} |\n|---|---|\n| {w} | {w} |\n\n</div>",
    "{w}\n\n: {w} after a blank line",
    "Term {w}\n\n: Def {w}\n\n    More {w}",
    "{::options parse_block_html=\"true\" /}\n\n<div>\n**{w}**\n</div>",
    "{w}^[inline note {w}]",
    "## Learn C# {w} #",
    "{w} \\\n{w}",
    "{w}\\",
    "***{w}***\n***",
    "<p align=\"center\">\n**{w}** {w}\n</p>",
    "<table>\n<tr><td>\n\n- {w}\n- {w}\n\n</td></tr>\n</table>",
    "- [ ] {w}\n- [x] {w}\n1. [ ] {w}",
    "{w}\n***\n{w}",
    "+ {w}\n\n  > {w}\n  > - {w}",
    "* * *\n{w}\n- - -",
    "{w} <br/>\n<br/>\n{w}",
    "\u202b{w}\u202c {w}",
    "{w}\u0301\u0302 {w}",
    "x\u200d{w}",
    "| {w} |\n|---|\n| {w} |\n\n| {w} |\n|:-:|\n| {w}&#124;{w} |",
    "1. {w}\n1. {w}\n   * {w}\n1. {w}",
    "10. {w}\n    - {w}\n11. {w}",
    "{w}\n    {w} not code",
    "> {w}\n>\n>> {w}\n> {w}",
    "<div>\n<p>{w}</p>\n\n<p>{w}</p>\n</div>",
    "{w}<sup>[1](#fn1)</sup>\n\n<a name=\"fn1\">1</a>: {w}",
]
"""Pages as people wrote them: a table right after a paragraph, uneven indents, a quote's
list holding code, kramdown's options and definitions after a blank line, breaks at edges."""


def blocks():
    return st.one_of(table(), uneven_list(), quote(), html_block(), kramdown(), breaks(), heading(),
                     text(2, 6), st.sampled_from(NESTED).map(_w))


@st.composite
def projects(draw):
    jekyll = draw(st.booleans())
    made = {}
    for n in range(draw(st.integers(1, 3))):
        body = draw(st.lists(blocks(), min_size=1, max_size=int(os.environ.get("WORDS_BLOCKS", "7"))))
        body = [block.replace("[^fn]", f"[^k{k}]") + (f"\n\n[^k{k}]: {W} note" if "[^fn]" in block else "")
                for k, block in enumerate(body)]
        maths = draw(st.sampled_from(["", "", "math: true\n"]))  # $2,000 to $3,000 on a page with $-maths
        page = f"---\ntitle: {W} {W}\nposition: {n + 1}\n{maths}---\n\n" + "\n\n".join(body) + "\n"
        made[f"page{n + 1}.md"] = number(page, f"p{n + 1}")
    return jekyll, made


SHOWN_AS_TYPED = [
    (r"snake_(p\d+w\d{4})_case", ("html", "epub", "pdf")),
    (r"(?<![\w*])(p\d+w\d{4})_(p\d+w\d{4})_(p\d+w\d{4})(?![\w*])", ("html", "epub", "pdf")),
    (r"\$2,000 to \$3,000 (p\d+w\d{4})", ("html", "epub", "pdf")),
    (r"(?<![\w*])(p\d+w\d{4}) 25%", ("html", "epub", "pdf")),
    (r"50% (p\d+w\d{4})", ("html", "epub", "pdf")),
    (r"#hashtag (p\d+w\d{4})", ("html", "epub")),
    (r"(?<![#\w])#(p\d+w\d{4})", ("html", "epub")),
    (r"(p\d+w\d{4}) \U0001F468\u200D\U0001F469\u200D\U0001F467", ("html", "epub")),
    (r"Jose\u0301 (p\d+w\d{4})", ("html", "epub", "pdf")),
    (r"(p\d+w\d{4})&#x2019;s", ("html", "epub", "pdf")),
    (r"(p\d+w\d{4}) &amp; (p\d+w\d{4})", ("html", "epub", "pdf")),
    (r"(p\d+w\d{4})&mdash;(p\d+w\d{4})", ("html", "epub", "pdf")),
]
"""Words with marks around them that every reader shows as typed: an edition that shows the
token but not its marks garbled the word (``snake_case`` read as emphasis, ``$`` as maths).
The PDF is read in the order its runs were written, not as shown: a ``#`` after a dash, or
words beside right-to-left ones, can come out of order there, so those are not checked in it."""


def in_code(out, stem: str, token: str) -> bool:
    """Is ``token`` in code (``<pre>``, ``<code>``) on the site's page?"""
    html = BeautifulSoup((out / "html" / f"{stem}.html").read_text(encoding="utf-8"), "html.parser")
    return any(token in found.get_text() for found in html.find_all(["pre", "code"]))


def garbled(made: dict, out) -> list[str]:
    """Each word of ``SHOWN_AS_TYPED`` whose marks an edition lost (outside code, where
    every word is as typed anyway, and headings that are no headings)."""
    texts = edition_texts(out)
    found = []
    for name, (page, _) in made.items():
        stem = name.rsplit(".", 1)[0]
        for pattern, editions in SHOWN_AS_TYPED:
            for match in re.finditer(pattern, page):
                line = page[page.rfind("\n", 0, match.start()) + 1:page.find("\n", match.end())]
                if line.lstrip().startswith("#") and "# " not in line:
                    continue  # `##word` is said to show as text, its `#`s too
                typed = squash(unescape(match.group(0)))
                if "&" in match.group(0) and in_code(out, stem, match.group(1)):
                    continue  # code shows an entity as typed
                rtl = re.search("[\u0590-\u08ff]", line)  # the PDF's text runs right to left there
                for edition in editions if not rtl else [e for e in editions if e != "pdf"]:
                    shown = texts[edition].get(stem, texts[edition].get("*", ""))
                    if typed not in shown:
                        found.append(f"{name}: {match.group(0)!r} not as typed in {edition}")
    return found


@settings(max_examples=int(os.environ.get("WORDS_EXAMPLES", "3")), derandomize="WORDS_RANDOM" not in os.environ,
          deadline=None, suppress_health_check=list(HealthCheck), database=None,
          phases=[Phase.explicit, Phase.generate] if "WORDS_RANDOM" in os.environ else list(Phase))
@given(project=projects())
def test_grammar_four_words_are_in_every_edition_or_said(tmp_path_factory, project):
    jekyll, made = project
    base = tmp_path_factory.mktemp("words4")
    lost, output = lost_words(jekyll, made, base)
    lost += garbled(made, base / "out")
    pages = "\n\n".join(f"== {name}\n{text}" for name, (text, _) in made.items())
    assert not lost, "\n".join(lost) + "\n\n" + pages + "\n\n" + output


# ---------------------------------------------------------------- what the fuzzer found


def test_an_autolink_inside_an_html_block_keeps_its_address(tmp_path):
    """``<https://example.org/x>`` in a ``<div>``, a ``<summary>``, a ``<p>`` (an address
    written as Markdown's autolink inside HTML): the browser's parser took it for a tag of no
    element, and the address was in no edition, unsaid. It is a link showing its address;
    ``<st1:place>`` (Word's markup) stays markup."""
    body = ('<div class="alert">\nSee <https://example.org/{w}> now {w}.\n</div>\n\n'
            "<details>\n<summary><https://example.org/{w}> more</summary>\n\nbody\n\n</details>\n\n"
            "<p>Mail <mailto:{w}@example.org> or <http://example.org/{w}> or <{w}@example.org></p>\n\n"
            "<p><st1:place>Austin {w}</st1:place></p>\n\n"
            '<p><abbr title="see <https://example.org/t>">{w}</abbr> <a href="https://example.org/o"><https://example.org/{w}></a></p>')
    shown = kept_everywhere(tmp_path, body)
    assert "https://example.org/p1w0001" in shown and "mailto:p1w0004@example.org" in shown, shown
    assert "p1w0006@example.org" in shown and "st1" not in shown, shown
    html = BeautifulSoup((tmp_path / "out" / "html" / "page1.html").read_text(encoding="utf-8"), "html.parser")
    assert html.article.find("a", href="https://example.org/p1w0001").get_text() == "https://example.org/p1w0001"
    assert html.article.find("a", href="mailto:p1w0006@example.org") is not None
    assert html.article.find("abbr")["title"] == "see <https://example.org/t>", "an attribute's value as written"
    assert html.article.find("a", href="https://example.org/o").get_text() == "https://example.org/p1w0009", \
        "inside a link, its address as words: no link in a link"


def test_keys_and_fields_in_angle_brackets_inside_html_are_said(tmp_path):
    """``<p>Press <Ctrl+C> …</p>``, ``<div>Type <first_name> …</div>``, ``Press <Alt-F4>``: a
    key or a field in angle brackets, to the HTML parser a tag whose name holds ``+``, ``_``,
    ``.`` or ``-``; no edition showed it, and only ``<Enter>`` was said."""
    body = ("<p>Press <Ctrl+C> {w} and <Alt-F4> {w}.</p>\n\n<div>\nType <user.name> {w} or <first_name> {w}.\n</div>\n\n"
            "Press <Alt-F4> {w} in a paragraph.\n\n<city-alert heading=\"Closed\">{w}</city-alert>")
    text, tokens = number("---\ntitle: Found\nposition: 1\n---\n\n" + _w(body) + "\n", "p1")
    lost, output = lost_words(False, {"page1.md": (text, tokens)}, tmp_path)
    assert not lost, "\n".join(lost) + "\n\n" + output
    said = [line for line in output.splitlines() if "[rawhtml.placeholder]" in line]
    assert [line.split("page1.md:")[1][:2] for line in said] == ["6:", "8:", "12"], output
    assert "`<Ctrl+C>` and `<Alt-F4>`" in said[0] and "`<user.name>` and `<first_name>`" in said[1], said
    assert "city-alert" not in output, "a component, closed, is no placeholder"
