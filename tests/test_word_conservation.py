"""Word conservation: every word a page shows its reader is in every edition, or said.

Hypothesis composes pages from what real Jekyll, GitHub, kramdown and Word-export pages
hold (headings with IALs, lists, tables, footnotes, HTML blocks, Liquid, entities, emoji,
CJK and RTL words, front matter variants), each readable word a unique token (``p1w0003``).
All three editions of a small project are built as ``make all`` does with STRICT=0; each
token must be in the site's article text, the ePub's XHTML and the PDF's text, or a
``WARNING`` must name the page at a line of the block that held it (a title: of its front
matter; a warning that speaks for the rest of the page: any line before). A few
derandomized examples here (several pages per build); to explore, run more and bigger
pages outside the suite: ``WORDS_EXAMPLES=200 WORDS_BLOCKS=12 pytest -k every_word``. The
PDF is read as one text: a title lost from its chapter but printed in the contents passes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pypdf
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import REPO, page, sphinx_build, write_pages

W = "\x00"
"""Where a token goes: numbered per page once the page is composed (``number``)."""

TOOL = str(REPO / "_ext" / "edition_build.py")


# ---------------------------------------------------------------- the grammar: inline text

def words(n: int = 1) -> str:
    return " ".join([W] * n)


plain = st.integers(1, 3).map(words)
decor = st.sampled_from([
    "{w}", "*{w}*", "_{w}_", "**{w}**", "__{w}__", "***{w}***", "`{w}`", "~~{w}~~",
    "[{w}](https://example.org/a)", "[{w}](other.md)", "[{w} {w}][ref]", "<https://example.org/{w}>",
    "{w}&nbsp;{w}", "&ldquo;{w}&rdquo;", "\u201c{w}\u201d", "\u2018{w}\u2019", "\"{w}\"", "'{w}'",
    "{w} &amp; {w}", "{w}&mdash;{w}", "{w} :smile: {w}", "{w} \U0001F600 {w}", "\u6771\u4eac {w}",
    "\u0645\u0631\u062d\u0628\u0627 {w}", "\u05e9\u05dc\u05d5\u05dd {w}", "$2,000 and {w} $5",
    "costs $5 {w}", "{w}<br>{w}", "<span style=\"color:red\">{w}</span>", "<b>{w}</b>", "<em>{w}</em>",
    "{w}[^n{fn}]", "<abbr title=\"x\">{w}</abbr>", "<kbd>{w}</kbd>", "{w} -- {w}", "{w}...",
    "<!-- hidden -->{w}", "{w} <img src=\"x.png\" alt=\"pic\"> {w}", "HTML {w}",
    # what Word, Google Docs and hand-written HTML leave in text
    "<u>{w}</u>", "<sup>{w}</sup>", "<sub>{w}</sub>", "[{w}]{.underline}", "[]{#_Toc1}{w}",
    "<a name=\"_Toc2\"></a>{w}", "\\*{w}\\*", "\\_{w}\\_", "\\[{w}\\]", "{w}\\#",
    "H~2~O {w}", "{w}^2^", "&#8220;{w}&#8221;", "&#x2014;{w}", "&foo; {w}", "{w}&copy;",
    # text that looks like markup to someone
    "a <{w}> b", "{w}<{w}", "{w} < {w} > {w}", "@{w}", "#{w}", "{w}@example.org", "{w}\\",
    "//{w}", "/*{w}*/", "{w}=={w}", "<{w}@example.org>", "{w}_{w}_{w}", "**{w} **{w}",
    "東京{w}大阪", "**東京**{w}", "你好，{w}。",
    "👨‍👩‍👧 {w}", "🇺🇸{w}", "{w}‍{w}",
    "$5-$10 {w}", "{w} $$5 and $$10", "US$ 2,000 {w}", "{w} 50% off",
    "{{ 'x' | append: ' {w}' }}", "{w} {: .x}", "{w} (<https://example.org>)",
    # round two: links as real pages write them, words of many scripts, what typing leaves
    "[{w}][r1]", "[{w} {w}] [r1]", "[{w}](https://example.org/t \"tip\")", "[{w}](other.md 'tip')",
    "![{w} alt][img1]", "[![{w} badge](https://img.shields.io/badge/a-b-green.svg)](https://example.org) {w}",
    "[![{w}][badge1]][r1]", "snake_{w}_case", "{w}_{w}", "__init__ {w}", "\\<{w}\\>", "1\\. {w}",
    "\\`{w}\\`", "\\\\{w}", "{w}&#8212;{w}", "&lt;{w}&gt;", "&quot;{w}&quot;", "&eacute;{w}", "{w}&hellip;",
    "{w}" + "x" * 90, "https://example.org/" + "a" * 70 + "{w}", "Nguy\u1ec5n {w} \u0111\u01b0\u1eddng",
    "Nguye\u0302\u0303n {w}", "Tru\u031bo\u031b\u0300ng {w}", "\u4e2d\u6587{w}\u6d4b\u8bd5\u3002",
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629 {w} \u0646\u0635", "{w}'s", "--- {w} ---", "\"{w}\"--{w}",
    "<q>{w}</q>", "<a href=\"https://example.org\" title=\"tip\">{w}</a>",
]).map(lambda f: f.replace("{w}", W))


@st.composite
def inline(draw, min_parts=1, max_parts=5) -> str:
    parts = draw(st.lists(st.one_of(plain, decor), min_size=min_parts, max_size=max_parts))
    return " ".join(parts)


# ---------------------------------------------------------------- blocks


@st.composite
def heading(draw) -> str:
    level = draw(st.integers(1, 4))
    text = draw(inline(1, 3)).replace("[^n{fn}]", "")
    kind = draw(st.sampled_from(["atx", "atx#", "setext", "id", "ial", "class"]))
    if kind == "setext":
        return f"{text}\n{'=' if level == 1 else '-'}{'=' * 5 if level == 1 else '-' * 5}"
    hashes = "#" * level
    if kind == "atx#":
        return f"{hashes} {text} {hashes}"
    if kind == "id":
        return f"{hashes} {text} {{#sec-{draw(st.integers(0, 99))}}}"
    if kind == "ial":
        return f"{hashes} {text}\n{{: #ial-{draw(st.integers(0, 99))} .note}}"
    if kind == "class":
        return f"{hashes} {text} {{: .class}}"
    return f"{hashes} {text}"


WRAPS = ["50\n% of {w}", "{w}\n+++ {w}", "{w}\n: {w}",
         "{w}\n+ {w}", "{w}\n1) {w}", "{w}\n# {w}", "{w}\n> {w}", "{w}\n| {w} |", "{w}\n[{w}]: {w}",
         "{w}\n<{w}>", "{w}\n%{w}", "{w}\n2020. {w}", "{w}\n- - - {w}", "{w}\n:{w}: {w}",
         "{w}\n{% raw %}{w}", "{w}\n```\n{w}", "{w}\n~~~ python\n{w}", "{w}\n$$ {w}"]
"""A paragraph's text wrapped where its next line opens with a mark some reader takes for a
block (a fence's info string is no reader's word: GitHub shows none either)."""


@st.composite
def paragraph(draw) -> str:
    lines = draw(st.lists(st.one_of(inline(), inline(), st.sampled_from(WRAPS).map(
        lambda f: f.replace("{w}", W))), min_size=1, max_size=3))
    joiner = draw(st.sampled_from(["\n", "  \n", "\\\n", " "]))
    text = joiner.join(lines)
    if draw(st.booleans()):
        text += "\n{: .lead}"
    return text


@st.composite
def a_list(draw, depth=0) -> str:
    ordered = draw(st.booleans())
    loose = draw(st.booleans())
    task = not ordered and draw(st.booleans())
    indent = "   " if ordered else "  "
    items = []
    start = draw(st.sampled_from([1, 1, 0, 3, 7, 10, 2020]))
    for k in range(draw(st.integers(1, 3))):
        marker = f"{start + k}{draw(st.sampled_from(['.', ')']))}" if ordered else draw(st.sampled_from(["-", "*", "+"]))
        box = draw(st.sampled_from(["[ ] ", "[x] "])) if task else ""
        item = f"{marker} {box}{draw(inline(1, 3))}"
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            sub = draw(a_list(depth + 1))
            item += "\n" + "\n".join(indent + line if line else "" for line in sub.split("\n"))
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            inner = draw(st.one_of(code(), quote(1), paragraph(), table()))
            pad = " " * (len(marker) + 1 + len(box))
            item += "\n\n" + "\n".join(pad + line if line else "" for line in inner.split("\n"))
        items.append(item)
    text = ("\n\n" if loose else "\n").join(items)
    if "\n\n" in text:
        return text  # an item holding blocks: a loose list
    return text + draw(st.sampled_from(["", "", "\n{: .note}", "\n{: .compact}"]))


@st.composite
def quote(draw, depth=0) -> str:
    inner = draw(st.one_of(paragraph(), a_list()) if depth >= 1 else
                 st.one_of(paragraph(), a_list(), quote(depth + 1)))
    more = draw(st.one_of(st.none(), paragraph()))
    body = inner + ("\n\n" + more if more else "")
    return "\n".join("> " + line if line else ">" for line in body.split("\n"))


@st.composite
def code(draw) -> str:
    lines = [words(draw(st.integers(1, 3))) + draw(st.sampled_from(["", " = 1;", " <b>x</b>", " $5 {{ x }}"]))
             for _ in range(draw(st.integers(1, 3)))]
    kind = draw(st.sampled_from(["```", "```python", "~~~", "indented", "```html"]))
    if kind == "indented":
        return "\n".join("    " + line for line in lines)
    return f"{kind}\n" + "\n".join(lines) + "\n" + kind[:3]


cell = st.sampled_from(["<b>{w}</b> {w}", "<em>{w}</em>", "{w}<br/>{w}", "<span>{w}</span>", "{w}&nbsp;{w}",
                        "<code>{w}</code>", "{w}", "`{w}`", "{w} \\| {w}", "**{w}**", "[{w}](https://example.org)",
                        "{w} {w}", "`{w} \\| x`", "{w}<br>{w}", "$5 {w}"]).map(lambda f: f.replace("{w}", W))


@st.composite
def table(draw) -> str:
    columns = draw(st.integers(1, 4))
    align = [draw(st.sampled_from(["---", ":---", "---:", ":---:"])) for _ in range(columns)]
    rows = [[draw(cell) for _ in range(columns)] for _ in range(draw(st.integers(1, 3)))]
    head = [draw(cell) for _ in range(columns)]
    pipe = draw(st.booleans())

    def line(cells):
        return ("| " + " | ".join(cells) + " |") if pipe else " | ".join(cells)
    ial = draw(st.sampled_from(["", "", "\n{: .table}", "\n{: #t1 .wide}"]))
    return "\n".join([line(head), line(align)] + [line(r) for r in rows]) + ial


@st.composite
def deflist(draw) -> str:
    items = []
    for _ in range(draw(st.integers(1, 2))):
        defs = "".join(f"\n: {draw(inline(1, 3))}" for _ in range(draw(st.integers(1, 2))))
        items.append(f"{draw(inline(1, 2))}{defs}")
    return "\n\n".join(items)


@st.composite
def html_block(draw) -> str:
    kind = draw(st.sampled_from(["div-md", "details", "table", "div", "p", "center", "figure",
                                 "tight", "md-cells", "nested", "aside", "font", "td-md", "details-md"]))
    a, b = draw(inline(1, 2)), draw(inline(1, 2))
    a, b = (t.replace("[^n{fn}]", "") for t in (a, b))
    if kind == "div-md":
        return f'<div markdown="1">\n\n{a}\n\n- {b}\n\n</div>'
    if kind == "td-md":
        return f'<table>\n<tr><td markdown="1">{a}</td><td markdown="span">{b}</td></tr>\n</table>'
    if kind == "details-md":
        return f'<details markdown="1">\n<summary>{words(1)}</summary>\n\n- {a}\n- {b}\n\n</details>'
    if kind == "details":
        return f"<details>\n<summary>{words(1)}</summary>\n\n{a}\n\n</details>"
    if kind == "table":
        return f"<table>\n<tr><th>{words(1)}</th><th>{words(1)}</th></tr>\n<tr><td>{words(1)}</td><td>{words(1)}</td></tr>\n</table>"
    if kind == "div":
        return f'<div class="note">\n<p>{words(2)}</p>\n<p>{words(1)}<br/>{words(1)}</p>\n</div>'
    if kind == "tight":
        return f"<div>\n{a} *{words(1)}*\n</div>"
    if kind == "md-cells":
        return f"<table>\n  <tr>\n    <td>\n\n{a}\n\n    </td>\n    <td>**{words(1)}**</td>\n  </tr>\n</table>"
    if kind == "nested":
        return f"<div><div><ul><li>{words(1)}</li><li><p>{words(1)}</p><ol><li>{words(1)}</li></ol></li></ul></div></div>"
    if kind == "aside":
        return f"<aside>\n{words(2)}\n</aside>"
    if kind == "font":
        return f"<p align=\"center\"><font size=\"4\"><strong>{words(1)}</strong></font><br>\n{words(1)}</p>"
    if kind == "center":
        return f"<center>{words(2)}</center>"
    if kind == "figure":
        return f'<figure>\n<img src="x.png" alt="pic">\n<figcaption>{words(2)}</figcaption>\n</figure>'
    return f"<p>{words(2)} <span style=\"font-weight:bold\">{words(1)}</span></p>"


@st.composite
def liquid(draw) -> str:
    kind = draw(st.sampled_from(["raw", "title", "if", "include", "assign", "comment", "for", "unless",
                                 "capture", "highlight", "unknown", "include-param", "broken", "for-items",
                                 "for-staff", "include-content", "include-capture"]))
    if kind == "for-items":
        return "{% for item in page.items %}\n- {{ item }}\n{% endfor %}"
    if kind == "for-staff":
        return "{% for s in page.staff %}\n**{{ s.name }}**: {{ s.role }}\n{% endfor %}"
    if kind == "include-content":
        quote_mark = draw(st.sampled_from(["\"", "'"]))
        return f"{{% include note.html content={quote_mark}{words(2)}{quote_mark} %}}"
    if kind == "include-capture":
        return f"{{% capture c %}}{words(1)} **{words(1)}**{{% endcapture %}}\n{{% include note.html content=c %}}"
    if kind == "raw":
        return f"{{% raw %}}{words(1)} {{{{ {W} }}}} {words(1)}{{% endraw %}}"
    if kind == "title":
        return f"{words(1)} {{{{ page.title }}}} {words(1)}"
    if kind == "if":
        return f"{{% if true %}}{words(2)}{{% else %}}hidden{{% endif %}}"
    if kind == "include":
        return f"{words(1)}\n\n{{% include snippet.md %}}\n\n{words(1)}"
    if kind == "assign":
        return f"{{% assign v = 'x' %}}{words(2)} {{{{ v }}}}"
    if kind == "comment":
        return f"{{% comment %}}hidden{{% endcomment %}}{words(2)}"
    if kind == "unless":
        return f"{{% unless false %}}\n{words(2)}\n{{% endunless %}}"
    if kind == "capture":
        return f"{{% capture x %}}{words(2)}{{% endcapture %}}{{{{ x }}}} {words(1)}"
    if kind == "highlight":
        return f"{{% highlight ruby %}}\n{words(2)} = 1\n{{% endhighlight %}}"
    if kind == "unknown":
        return f"{words(1)} {{% gist 12345 %}} {words(1)}"
    if kind == "include-param":
        return f'{words(1)} {{% include snippet.md x="1" %}} {words(1)}'
    if kind == "broken":
        return f"{words(1)} {{{{ page.title {words(1)}"
    return f"{{% for i in (1..1) %}}{words(2)}{{% endfor %}}"


@st.composite
def container(draw) -> str:
    """Blocks inside a list item or a quote: a heading, code, a table, a quote."""
    inner = draw(st.one_of(heading(), code(), table(), html_block(), paragraph()))
    if draw(st.booleans()):
        return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
    first = draw(inline(1, 2))
    return f"- {first}\n\n" + "\n".join("  " + line if line else "" for line in inner.split("\n"))


@st.composite
def footnote_block(draw) -> str:
    return f"{draw(inline(1, 2))}[^long]\n\n[^long]: {words(2)}\n\n    {words(2)}\n\n    - {words(1)}"


@st.composite
def box(draw) -> str:
    """A box (admonition) as MkDocs, Docusaurus and HackMD write one."""
    kind = draw(st.sampled_from(["note", "tip", "warning", "info", "danger"]))
    title, body = draw(inline(1, 2)).replace("[^n{fn}]", ""), draw(paragraph())
    style = draw(st.sampled_from(["mkdocs", "mkdocs-bare", "docusaurus", "hackmd", "docusaurus-bracket"]))
    if style == "mkdocs":
        return f'!!! {kind} "{title}"\n' + "\n".join("    " + line if line else "" for line in body.split("\n"))
    if style == "mkdocs-bare":
        return f"!!! {kind}\n" + "\n".join("    " + line if line else "" for line in body.split("\n"))
    if style == "docusaurus":
        return f":::{kind} {title}\n{body}\n:::"
    if style == "docusaurus-bracket":
        return f":::{kind}[{title}]\n{body}\n:::"
    return f":::{kind}\n{body}\n:::"


def blocks(jekyll: bool):
    kinds = [heading(), paragraph(), paragraph(), a_list(), quote(), code(), table(), html_block(),
             container(), footnote_block(), st.just(f"***\n\n{W}\n---"), deflist(), box(),
             st.just(f"{W} {W} ##\n=====") , st.just(f"## {W} #{W} ##")]
    if jekyll:
        kinds += [liquid(), liquid(), st.sampled_from(["% of {w} staff", "+++ {w}", "- % {w}", "> % {w}"]).map(
            lambda f: f.replace("{w}", W))]  # words to kramdown, MyST's comment or break
    return st.one_of(kinds)


SNIPPET_WORDS = ["inclw0001", "inclw0002"]


@st.composite
def page_texts(draw, number: int, jekyll: bool):
    """(file text, front-matter kind) of one page, tokens still ``W``."""
    body = draw(st.lists(blocks(jekyll), min_size=1, max_size=int(os.environ.get("WORDS_BLOCKS", "6"))))
    notes = 0
    out = []
    for block in body:
        while "[^n{fn}]" in block:
            notes += 1
            block = block.replace("[^n{fn}]", f"[^n{notes}]", 1)
        out.append(block)
    text = "\n\n".join(out)
    if "][ref]" in text:
        text += "\n\n[ref]: https://example.org/ref"
    if "][r1]" in text or "] [r1]" in text:
        text += "\n\n[r1]: https://example.org/r1 \"A tip\""
    if "][img1]" in text:
        text += "\n\n[img1]: https://example.org/x.png 'A picture'"
    if "][badge1]" in text:
        text += "\n\n[badge1]: https://img.shields.io/badge/c-d-blue.svg"
    for k in range(1, notes + 1):
        text += f"\n\n[^n{k}]: {words(2)}"
    if "HTML " in text and jekyll and draw(st.booleans()):
        text += "\n\n*[HTML]: HyperText Markup Language"
    if text.count("[^long]") > 2:
        text = text.replace("[^long]", "", text.count("[^long]"))  # one such note a page
    front = draw(st.sampled_from(["plain", "colon", "quoted", "position-string", "no-position", "no-title",
                                  "math", "folded", "hash", "liquid-title", "single", "twice", "list",
                                  "capital"]
                                 + (["missing"] if not jekyll else [])))
    title = f"{W} {W}"
    head = {"plain": f"title: {title}\nposition: {number + 1}",
            "colon": f"title: {W}: {W}\nposition: {number + 1}",
            "quoted": f"title: \"{W} \\\"{W}\\\"\"\nposition: {number + 1}",
            "position-string": f"title: '{title}'\nposition: \"{number + 1}\"",
            "no-position": f"title: {title}",
            "no-title": f"position: {number + 1}\nlayout: page",
            "math": f"title: {title}\nmath: true\nposition: {number + 1}",
            "folded": f"title: >\n  {W}\n  {W}\nposition: {number + 1}",
            "hash": f"title: \"{W} #{W}\"\nposition: {number + 1}",
            "liquid-title": f"title: \"{W} {{{{ site.title }}}} {W}\"\nposition: {number + 1}",
            "single": f"title: '{W} ''{W}'' {W}'\nposition: {number + 1}",
            "twice": f"title: {W}\nposition: {number + 1}\ntitle: {W} {W}",
            "list": f"title:\n  - {W}\nposition: {number + 1}",
            "capital": f"Title: {W}\nposition: {number + 1}",
            "missing": None}[front]
    if head is not None and "page.items" in text:
        head += f"\nitems:\n  - {W} first\n  - \"{W} second\""
    if head is not None and "page.staff" in text:
        head += f"\nstaff:\n  - name: {W}\n    role: {W} boss"
    text = (f"---\n{head}\n---\n\n" if head is not None else "") + text + "\n"
    return text


def number(text: str, prefix: str) -> tuple[str, list[tuple[str, int]]]:
    """Each ``W`` a unique token; the tokens with the line each stands on."""
    tokens = []
    out = []
    for line_no, line in enumerate(text.split("\n"), 1):
        pieces = line.split(W)
        for k in range(1, len(pieces)):
            token = f"{prefix}w{len(tokens) + 1:04d}"
            tokens.append((token, line_no))
            pieces[k] = token + pieces[k]
        out.append("".join(pieces))
    return "\n".join(out), tokens


@st.composite
def projects(draw, pages=(2, 4)):
    jekyll = draw(st.booleans())
    count = draw(st.integers(*pages))
    made = {}
    for n in range(count):
        text = draw(page_texts(n, jekyll))
        made[f"page{n + 1}.md"] = number(text, f"p{n + 1}")
    return jekyll, made


# ---------------------------------------------------------------- building and reading


def write_project(folder: Path, jekyll: bool, made: dict) -> Path:
    files = {"index.md": page("Home", None, "Welcome home.")}
    for name, (text, _) in made.items():
        files[name] = text
    if jekyll:
        files["_config.yml"] = "title: Fuzz site\nmarkdown: kramdown\n"
        files["_includes/snippet.md"] = f"Included {SNIPPET_WORDS[0]} and **{SNIPPET_WORDS[1]}**.\n"
        files["_includes/note.html"] = '<div class="note" markdown="1">\n{{ include.content }}\n</div>\n'
    return write_pages(folder, files)


def make_all(source: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, TOOL, str(out), str(source), "all", "-c", str(REPO),
                           "-d", str(out / "doctrees"), "-j", "1", "--keep-going", "-q"],
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})


def squash(text: str) -> str:
    """Text without white space or soft hyphens, NFC: a token broken over lines is found."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u00ad\u200b]+", "", text)


def edition_texts(out: Path) -> dict[str, dict[str, str]]:
    """Each edition's text by page (``page1``): the site's article, the ePub's chapter; the
    PDF's whole book (``*``), which has no page files."""
    html = {}
    for file in (out / "html").glob("*.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        body = soup.find("article") or soup.body
        html[file.stem] = squash(body.get_text(" ")) if body else ""
    epub = {}
    for book in (out / "epub").glob("*.epub"):
        with zipfile.ZipFile(book) as archive:
            for name in archive.namelist():
                if name.endswith(".xhtml") and not name.endswith("nav.xhtml"):
                    soup = BeautifulSoup(archive.read(name).decode("utf-8"), "html.parser")
                    epub[Path(name).stem] = squash((soup.body or soup).get_text(" "))
    pdf = []
    for book in (out / "pdf").glob("*.pdf"):
        pdf += [p.extract_text() or "" for p in pypdf.PdfReader(book).pages]
    return {"html": html, "epub": epub, "pdf": {"*": squash(" ".join(pdf))}}


WARNED_AT = re.compile(r"([^\s:]+\.md):(\d+): (?:WARNING|ERROR): (.*)")
ADVICE = re.compile(r"\[(?:style\.[\w-]+|position\.missing|position\.duplicate)\]\s*$")
"""Plain-language advice and a page's place in the order name a line too, but say nothing
of a lost word."""


REST_OF_PAGE = re.compile(r"from here on|the rest of the page")
"""A warning that speaks for every word after its line (a redirect's text, a tag never closed)."""

EXCUSED: list[str] = []
"""The tokens a warning at their block excused (for exploring by hand)."""


def block_of(text: str, line: int) -> tuple[int, int]:
    """The first and last line of the block (run of non-blank lines) ``line`` stands in."""
    lines = text.split("\n")
    start = end = line
    while start > 1 and lines[start - 2].strip():
        start -= 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return start, end


def title_tokens(text: str, tokens: list[tuple[str, int]]) -> list[str]:
    """The tokens of the front matter's (last) ``title:``, read as YAML reads it."""
    if not text.startswith("---\n"):
        return []
    lines = text.split("\n")
    end = lines[1:].index("---") + 1
    starts = [n for n in range(1, end) if lines[n].startswith("title:")]
    if not starts:
        return []
    first = last = starts[-1]
    while last + 1 < end and lines[last + 1].startswith((" ", "\t")):
        last += 1
    return [token for token, line in tokens if first + 1 <= line <= last + 1]


def headings_lost(made: dict, out: Path, output: str) -> list[str]:
    """Each title token not in its page's heading: the site's ``<h1>``, the ePub chapter's
    ``<h1>``, and the PDF's text of the page its bookmark leads to (once more than its running head),
    not only the contents; unless a warning names the front matter."""
    pdfs = list((out / "pdf").glob("*.pdf"))
    reader = pypdf.PdfReader(pdfs[0]) if pdfs else None
    marks: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks.append((squash(item.title or ""), reader.get_destination_page_number(item)))
    if reader is not None:
        walk(reader.outline)
    book = squash((reader.metadata or {}).get("/Title", "") or "") if reader else ""
    epub = {}
    for found in (out / "epub").glob("*.epub"):
        with zipfile.ZipFile(found) as archive:
            for name in archive.namelist():
                if name.endswith(".xhtml"):
                    soup = BeautifulSoup(archive.read(name).decode("utf-8"), "html.parser")
                    epub[Path(name).stem] = squash(soup.h1.get_text(" ")) if soup.h1 else ""
    lost = []
    for name, (text, tokens) in made.items():
        stem = Path(name).stem
        warned = [int(m.group(2)) for m in WARNED_AT.finditer(output)
                  if Path(m.group(1)).name == name and not ADVICE.search(m.group(3))]
        front_end = text.split("\n")[1:].index("---") + 2 if text.startswith("---\n") else 0
        if any(at <= front_end for at in warned):
            continue
        html_file = out / "html" / f"{stem}.html"
        h1 = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").find("h1") \
            if html_file.exists() else None
        for token in title_tokens(text, tokens):
            missing = []
            if h1 is None or token not in squash(h1.get_text(" ")):
                missing.append("html <h1>")
            if token not in epub.get(stem, ""):
                missing.append("epub <h1>")
            pages = [number for title, number in marks if token in title]
            shown = []
            for number in pages:
                shown_text = squash(reader.pages[number].extract_text() or "")
                head = bool(book) and shown_text.startswith(book)  # the running head: the book, the chapter
                shown.append(shown_text.count(token) >= (2 if head else 1))
            if not any(shown):
                missing.append("pdf bookmark's page" if pages else "pdf bookmark")
            if missing:
                lost.append(f"{name}: title's {token} not in {missing}")
    return lost


def lost_words(jekyll: bool, made: dict, base: Path) -> tuple[list[str], str]:
    """Every token missing from an edition with no warning at its block; and the build's output."""
    source = write_project(base / "src", jekyll, made)
    result = make_all(source, base / "out")
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 0, output
    texts = edition_texts(base / "out")
    warned: dict[str, list[tuple[int, str]]] = {}
    for match in WARNED_AT.finditer(output):
        if not ADVICE.search(match.group(3)):
            kind = re.search(r"\[([\w.-]+)\]\s*$", match.group(3))
            warned.setdefault(Path(match.group(1)).name, []).append(
                (int(match.group(2)), kind.group(1) if kind else match.group(3)[:60],
                 REST_OF_PAGE.search(match.group(3)) is not None))
    lost = []
    for name, (text, tokens) in made.items():
        included = [(word, n) for n, line in enumerate(text.split("\n"), 1)
                    if "{% include snippet.md %}" in line for word in SNIPPET_WORDS]
        for token, line in tokens + included:
            missing = [edition for edition, pages in texts.items()
                       if token not in pages.get(Path(name).stem, pages.get("*", ""))]
            if not missing:
                continue
            start, end = block_of(text, line)
            if text.startswith("---\n") and line <= text.split("\n")[1:].index("---") + 2:
                start, end = 1, text.split("\n")[1:].index("---") + 2  # a title: said in the front matter
            said = [kind for at, kind, rest in warned.get(name, []) if start <= at <= end or rest and at <= line]
            if said:
                EXCUSED.append(f"{name}:{line} {token} not in {missing}, said: {said}")
                continue
            lost.append(f"{name}:{line} {token} not in {missing}")
    return lost + headings_lost(made, base / "out", output), output


@settings(max_examples=int(os.environ.get("WORDS_EXAMPLES", "3")), derandomize="WORDS_RANDOM" not in os.environ,
          deadline=None,
          suppress_health_check=list(HealthCheck), database=None)
@given(project=projects())
def test_every_word_is_in_every_edition_or_said(tmp_path_factory, project):
    jekyll, made = project
    lost, output = lost_words(jekyll, made, tmp_path_factory.mktemp("words"))
    pages = "\n\n".join(f"== {name}\n{text}" for name, (text, _) in made.items())
    assert not lost, "\n".join(lost) + "\n\n" + pages + "\n\n" + output


# ---------------------------------------------------------------- what the fuzzer found


def kept_everywhere(tmp_path: Path, body: str, jekyll: bool = False) -> str:
    """``body`` (``{w}`` where each token goes) on one page: every token in every edition, or
    said. The site's text of the page."""
    text, tokens = number("---\ntitle: Found\nposition: 1\n---\n\n" + body.replace("{w}", W) + "\n", "p1")
    lost, output = lost_words(jekyll, {"page1.md": (text, tokens)}, tmp_path)
    assert not lost, "\n".join(lost) + "\n\n" + text + "\n\n" + output
    html = (tmp_path / "out" / "html" / "page1.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").article.get_text()


def test_a_wrapped_line_that_opens_with_a_percent_sign_is_words(tmp_path):
    """"About 50\\n% of residents": MyST's ``%`` comment (and ``+++`` block break) ended the
    paragraph, and the line's words were in no edition, unsaid."""
    kept_everywhere(tmp_path, "About 50\n% of {w} residents {w}.\n\n{w} said\n%{w} more.\n\n"
                              "{w} and\n+++ {w}\n\n- {w}\n% {w}")


def test_a_jekyll_line_that_opens_with_a_percent_sign_or_plus_signs_is_words(tmp_path):
    """kramdown had no ``%`` comment and no ``+++`` block break: on a Jekyll site a paragraph
    or list item opening with either was words, which MyST dropped in every edition, unsaid."""
    shown = kept_everywhere(tmp_path, "**45**\n\n% of {w} staff.\n\n- % {w} in an item\n\n> %{w} quoted\n\n"
                                      "+++ {w} plus\n\n```\n% {w} code\n```\n\n    % {w} indented", jekyll=True)
    assert "% of p1w0001 staff." in shown and "+++ p1w0004 plus" in shown
    assert "% p1w0005 code" in shown and "% p1w0006 indented" in shown and "\\" not in shown


def test_a_placeholder_after_hard_line_breaks_is_said_at_its_line(tmp_path):
    """``<your name>`` two hard line breaks into a paragraph was said two lines too far down
    (past the paragraph, at the next block): MyST writes each break for HTML and for LaTeX,
    and both were counted."""
    body = "Write to us:  \nCity Hall  \nAttn <your name>\n\nNext paragraph.\n\nAnd more.\n"
    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, body)})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    said = [line for line in build.warnings if "[rawhtml.placeholder]" in line]
    assert len(said) == 1 and "index.md:8:" in said[0], build.output


def test_a_page_s_html_changes_are_said_at_the_first_one(tmp_path):
    """One warning of a kind a page, at the first change: an inline picture's paragraph was
    listed after every HTML block's, so the warning named a block further down the page."""
    body = 'A <img src="a.png" alt="first"> inline.\n\n<p>\n<img src="logo.png" alt="second">\n</p>\n'
    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, body)})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    said = [line for line in build.warnings if "[rawhtml.removed]" in line]
    assert len(said) == 1 and "index.md:6:" in said[0], build.output
    assert said[0].index("'a.png'") < said[0].index("'logo.png'")


def test_a_front_matter_key_written_twice_is_said(tmp_path):
    """``title:`` twice (a copied page given a new title above its old one): YAML reads the
    last, and the first title's words were in no edition, unsaid."""
    text, tokens = number(f"---\ntitle: {W} {W}\nposition: 1\ntitle: {W}\n---\n\nText {W}.\n", "p1")
    lost, output = lost_words(False, {"page1.md": (text, tokens)}, tmp_path)
    assert not lost, "\n".join(lost) + "\n\n" + output
    said = [line for line in output.splitlines() if "[position.duplicate-key]" in line]
    assert len(said) == 1 and "page1.md:2:" in said[0] and "line 4" in said[0], output


def test_a_warning_s_own_words_are_not_read_as_the_page_s(tmp_path):
    """``::: {custom-style="Quote"}`` (pandoc, from Word) is said once, as a block the
    publication does not know; the words of that warning were read as the page's too, and a
    second warning said the attributes were "shown as typed" two lines down, where no
    edition shows them."""
    body = '::: {custom-style="Quote"}\nParking was easier.\n:::\n'
    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, body)})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert [line for line in build.warnings if "[markup.attributes]" in line] == [], build.output
    assert len([line for line in build.warnings if "[myst.directive_unknown]" in line]) == 1, build.output


def test_a_jekyll_table_cell_s_markdown_is_read(tmp_path):
    """kramdown read the Markdown in ``<td markdown="1">`` (a staff table's bold names,
    links, code); the site, the ePub and the PDF showed its ``**`` and ``[…](…)`` as typed."""
    shown = kept_everywhere(tmp_path, '<table>\n<tr><td markdown="1">**{w}** and _{w}_</td>'
                                      '<th markdown="span">[{w}](https://example.org/a) `{w}`</th>'
                                      '<td>**{w}**</td></tr>\n</table>', jekyll=True)
    assert "p1w0001 and p1w0002" in shown and "p1w0003 p1w0004" in shown, shown
    assert "**p1w0001" not in shown and "_p1w0002" not in shown and "](" not in shown, shown
    html = BeautifulSoup((tmp_path / "out" / "html" / "page1.html").read_text(encoding="utf-8"), "html.parser")
    assert html.article.find("strong").get_text() == "p1w0001"
    assert html.article.find("a", href="https://example.org/a").get_text() == "p1w0003"
    assert "**p1w0005**" in shown, "a cell without markdown= is HTML, as kramdown read it"
    epub = edition_texts(tmp_path / "out")
    assert "**" not in epub["pdf"]["*"].replace("**p1w0005**", ""), epub["pdf"]["*"]


def test_a_fence_line_with_an_info_string_inside_code_does_not_close_it(tmp_path):
    """A code block holding a line like ```` ```html ```` (a README showing how to write a
    fence): the line scanners took it for the closing fence, the real closing fence for an
    opening one, and the rest of the page for code; a ``% …`` quote line after it (kramdown's
    words, MyST's comment) was left unescaped and lost in every edition, unsaid."""
    fence = "Write:\n\n```\n{w}\n\n```html\n<p>{w}</p>\n```\n\n"
    shown = kept_everywhere(tmp_path / "jekyll", fence + "> % {w} quoted\n\n- % {w} listed", jekyll=True)
    assert "% p1w0003 quoted" in shown and "% p1w0004 listed" in shown, shown
    kept_everywhere(tmp_path / "myst", fence + "About 50\n% of {w} residents\n\n~~~ `x`\n{w}\n~~~\n\n"
                                                 "Then\n% {w} more")


def test_code_fenced_inside_a_list_item_is_left_as_written(tmp_path):
    """A step's code fenced four spaces in (``1. Step`` then an indented ```` ``` ````, as
    kramdown wants it): the line scanners read its lines as the page's prose, so on a Jekyll
    site ``*[ABC]: …`` became a list item that broke the code, ``{: .x}`` and a lone ``^``
    went and a LaTeX row's ``\\\\`` lost a backslash."""
    code = "*[ABC]: {w} abbr\n{: .x} {w}\n^\na & b \\\\\n% {w}"
    body = "1. Step {w}\n\n    ```\n" + "\n".join("    " + line for line in code.split("\n")) + \
           "\n    ```\n\n- Item\n\n    ~~~\n    {: .y} {w}\n    ~~~\n\n  Para {w}\n{: .lead}\n"
    kept_everywhere(tmp_path, body, jekyll=True)
    html = BeautifulSoup((tmp_path / "out" / "html" / "page1.html").read_text(encoding="utf-8"), "html.parser")
    blocks = [pre.get_text() for pre in html.article.find_all("pre")]
    assert blocks == ["*[ABC]: p1w0002 abbr\n{: .x} p1w0003\n^\na & b \\\\\n% p1w0004\n", "{: .y} p1w0005\n"], blocks
    assert "{: .lead}" not in html.article.get_text(), "after the code, kramdown's marks go again"
