"""Word conservation, part three: constructs the first fuzzer's grammar did not compose.

MyST directives (```{note}``, ``:::{tip}``, nested, with options), footnotes defined before
use, never used or cited inside another note, ``<div>`` and ``<details>`` holding Markdown
between blank lines, Liquid ``if``/``case`` with words in every branch, reference links in
every form (collapsed, shortcut, case folded, defined first), headings with markup and
entities, tables with empty and escaped cells. Each token must be in every edition or said
at its block, checked by ``test_word_conservation.lost_words``. A few derandomized examples
here; explore with ``WORDS_EXAMPLES=40 WORDS_RANDOM=1 pytest -k composed tests/test_word_conservation3.py``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from test_word_conservation import W, inline, lost_words, number, paragraph, words


def _w(text: str) -> str:
    return text.replace("{w}", W)


def clean(text: str) -> str:
    """Inline text without the first grammar's numbered footnote marks (this page has none)."""
    return text.replace("[^n{fn}]", "")


@st.composite
def directive(draw) -> str:
    """A MyST directive as Sphinx/MyST books write them."""
    name = draw(st.sampled_from(["note", "tip", "warning", "important", "seealso", "admonition", "attention"]))
    body = clean(draw(paragraph()))
    title = clean(draw(inline(1, 2))) if name == "admonition" else ""
    style = draw(st.sampled_from(["backtick", "colon", "options", "nested", "tildes"]))
    if style == "colon":
        return f":::{{{name}}} {title}\n{body}\n:::"
    if style == "options":
        return f"```{{{name}}} {title}\n:class: dropdown\n\n{body}\n```"
    if style == "nested":
        inner = clean(draw(paragraph()))
        return f"````{{{name}}} {title}\n{body}\n\n```{{tip}}\n{inner}\n```\n````"
    if style == "tildes":
        return f"~~~{{{name}}} {title}\n{body}\n~~~"
    return f"```{{{name}}} {title}\n{body}\n```"


@st.composite
def footnotes(draw) -> str:
    """Footnotes as hand-written pages have them: defined before use, never used, cited twice,
    one citing another, with a second paragraph; labels of words and numbers."""
    kind = draw(st.sampled_from(["before", "unused", "twice", "nested", "named", "paragraphs"]))
    text = clean(draw(inline(1, 2)))
    if kind == "before":
        return f"[^b1]: {words(2)}\n\n{text}[^b1] {words(1)}"
    if kind == "unused":
        return f"{text}\n\n[^never]: {words(2)}"
    if kind == "twice":
        return f"{text}[^t1] and {words(1)}[^t1]\n\n[^t1]: {words(2)}"
    if kind == "nested":
        return f"{text}[^outer]\n\n[^outer]: {words(1)}[^inner]\n\n[^inner]: {words(2)}"
    if kind == "named":
        return f"{text}[^Note-A]\n\n[^Note-A]: *{words(1)}* {words(1)}"
    return f"{text}[^p2]\n\n[^p2]: {words(1)}\n\n    {words(2)}"


@st.composite
def html_markdown(draw) -> str:
    """HTML blocks holding Markdown between blank lines (CommonMark reads it; GitHub too)."""
    kind = draw(st.sampled_from(["div", "details", "details-open", "div-list", "center", "section"]))
    a, b = clean(draw(inline(1, 2))), clean(draw(inline(1, 2)))
    if kind == "div":
        return f'<div class="box">\n\n{a}\n\n**{words(1)}**\n\n</div>'
    if kind == "details":
        return f"<details>\n<summary><b>{words(1)}</b> {words(1)}</summary>\n\n- {a}\n- {b}\n\n</details>"
    if kind == "details-open":
        return f"<details open>\n  <summary>{words(1)}</summary>\n\n{a}\n\n```\n{words(1)}\n```\n\n</details>"
    if kind == "div-list":
        return f'<div align="center">\n\n1. {a}\n2. {b}\n\n</div>'
    if kind == "section":
        return f"<section>\n\n## {words(1)}\n\n{a}\n\n</section>"
    return f"<p align=\"center\">\n\n{a}\n\n</p>"


@st.composite
def liquid_branches(draw) -> str:
    """Liquid with a branch Jekyll shows and one it does not; words in each."""
    kind = draw(st.sampled_from(["if-var", "if-else", "unless", "case", "elsif", "comment", "raw", "capture"]))
    if kind == "if-var":
        return f"{{% if page.show %}}{words(1)}{{% endif %}} {words(1)}"
    if kind == "if-else":
        return f"{{% if page.lang == \"es\" %}}\nhola {W}\n{{% else %}}\n{words(2)}\n{{% endif %}}"
    if kind == "unless":
        return f"{{% unless page.draft %}}{words(2)}{{% else %}}hidden{{% endunless %}}"
    if kind == "case":
        return f"{{% case page.lang %}}\n{{% when \"es\" %}}\nhola {W}\n{{% else %}}\n{words(2)}\n{{% endcase %}}"
    if kind == "elsif":
        return f"{{% if page.a %}}x{{% elsif true %}}{words(2)}{{% else %}}y{{% endif %}}"
    if kind == "comment":
        return f"{words(1)}\n\n{{% comment %}}\nhidden words\n\nmore hidden\n{{% endcomment %}}\n\n{words(1)}"
    if kind == "raw":
        return f"{{% raw %}}\n```\n{{{{ {W} }}}} {{% if x %}}{words(1)}{{% endif %}}\n```\n{{% endraw %}}"
    return f"{{% capture greeting %}}\n{words(1)} **{words(1)}**\n{{% endcapture %}}\n{{{{ greeting }}}}"


@st.composite
def references(draw) -> str:
    """Reference links in each form CommonMark has."""
    kind = draw(st.sampled_from(["collapsed", "shortcut", "case", "first", "unused", "angle", "title-lines"]))
    if kind == "collapsed":
        return f"[Budget office][] {words(1)}\n\n[budget Office]: https://example.org/c"
    if kind == "shortcut":
        return f"See [Parks] and {words(1)}.\n\n[parks]: https://example.org/s"
    if kind == "case":
        return f"[{words(1)}][Mixed Case] {words(1)}\n\n[mixed CASE]: https://example.org/m"
    if kind == "first":
        return f"[d1]: https://example.org/d 'Tip'\n\n{words(1)} [{words(1)}][d1]"
    if kind == "unused":
        return f"{words(2)}\n\n[unused-label]: https://example.org/u \"Title\""
    if kind == "angle":
        return f"[{words(1)}][a1] {words(1)}\n\n[a1]: <https://example.org/with space>"
    return f"[{words(1)}][t2] {words(1)}\n\n[t2]: https://example.org/t\n  \"Title on its own line\""


@st.composite
def headings(draw) -> str:
    kind = draw(st.sampled_from(["markup", "entity", "setext-two", "code", "link", "closing", "br", "empty-ial"]))
    if kind == "markup":
        return f"## **{W}** _{W}_ ~~{W}~~"
    if kind == "entity":
        return f"### {W} &amp; {W} &#169; &nbsp;{W}"
    if kind == "setext-two":
        return f"{W} {W}\n{W}\n---"
    if kind == "code":
        return f"## `{W}` and {W}"
    if kind == "link":
        return f"## [{W}](https://example.org) {W}"
    if kind == "closing":
        return f"## {W} ###########"
    if kind == "br":
        return f"## {W}<br>{W}"
    return f"## {W} {W}\n{{: #anchor-x}}"


@st.composite
def tables(draw) -> str:
    kind = draw(st.sampled_from(["empty", "escaped", "inline", "one-col", "no-outer", "footnote-free",
                                 "wide-br"]))
    if kind == "empty":
        return f"| {W} | |\n|---|---|\n| | {W} |"
    if kind == "escaped":
        return f"| a \\| {W} | `{W} \\| b` |\n|---|---|\n| {W} | {W}\\|{W} |"
    if kind == "inline":
        return f"| **{W}** | [{W}](https://example.org) |\n|:-:|--:|\n| ~~{W}~~ | <kbd>{W}</kbd> |"
    if kind == "one-col":
        return f"| {W} |\n|---|\n| {W} |"
    if kind == "no-outer":
        return f"{W} | {W}\n--- | ---\n{W} | {W}"
    if kind == "wide-br":
        return f"| {W} |\n|---|\n| {W}<br>{W}<br/>{W}<br />{W} |"
    return f"| {W} | {W} &amp; {W} |\n|---|---|\n| &lt;{W}&gt; | &#8212;{W} |"


NESTED = [
    "| {w} | b |\n|---|---|\n| {w}[^c1] | {w} |\n\n[^c1]: {w} {w}",
    "## {w} heading[^h1]\n\n{w}\n\n[^h1]: {w} note",
    "> {w} quoted[^q1]\n\n[^q1]: {w} {w}",
    "- {w} item[^l1]\n- {w}\n\n[^l1]: {w}",
    "[^a]: {w} first\n[^b]: {w} second\n\nText[^a][^b] {w}",
    "1. Step {w}\n\n   ```{note}\n   {w} {w}\n   ```\n\n2. {w}",
    "> ```{tip}\n> {w}\n> ```",
    "```{topic} {w} topic\n{w} body\n```",
    "```{epigraph}\n{w}\n\n-- {w}\n```",
    ":::{hint}\n:class: x\n{w}\n:::",
    "- item {w}\n  > quote {w}\n  lazy {w}",
    "- {w}\n\n  Term {w}\n  : Def {w}",
    "{w}\n\n<!--\nhidden\n\nstill hidden\n-->\n\n{w}",
    "<details><summary>{w}</summary>\n{w} **{w}**\n</details>",
    "<dl>\n<dt>{w}</dt>\n<dd>{w}</dd>\n</dl>",
    "## {w} :tada: {w}",
    "<mailto:{w}@example.org> {w}",
    "Visit https://example.org/{w} now {w}",
    "- [X] {w}\n- [ ] {w}\n  - [x] {w}",
    "&#65;{w} &#x42;{w} &#0; {w} &#xD800; {w}",
    "&notanentity {w} &amp {w} &#; {w}",
    "{w}\n{w}\n===\n\n{w}\n***",
    "- item {w}\n\n  | a {w} | b |\n  |---|---|\n  | {w} | {w} |",
    "1. {w}\n   > {w}\n   >\n   > - {w}\n   > > {w}",
    "> {w}\n{: .note}\n\n{w}",
    "{::nomarkdown}\n<b>{w}</b>\n{:/}\n\n{::comment}\nhidden\n{:/comment}\n\n{w}",
]
"""Footnotes, directives, quotes and tables inside one another; entities and marks at their edges."""


def blocks(jekyll: bool):
    kinds = [directive(), footnotes(), html_markdown(), references(), headings(), tables(),
             paragraph().map(clean), st.sampled_from(NESTED).map(_w)]
    if jekyll:
        kinds += [liquid_branches(), liquid_branches()]
    return st.one_of(kinds)


@st.composite
def projects(draw):
    jekyll = draw(st.booleans())
    made = {}
    for n in range(draw(st.integers(1, 3))):
        body = draw(st.lists(blocks(jekyll), min_size=1, max_size=int(os.environ.get("WORDS_BLOCKS", "6"))))
        body = [block.replace("[^", f"[^k{k}") for k, block in enumerate(body)]  # labels once a page
        text = f"---\ntitle: {W} {W}\nposition: {n + 1}\n---\n\n" + "\n\n".join(body) + "\n"
        made[f"page{n + 1}.md"] = number(text, f"p{n + 1}")
    return jekyll, made


@settings(max_examples=int(os.environ.get("WORDS_EXAMPLES", "2")), derandomize="WORDS_RANDOM" not in os.environ,
          deadline=None, suppress_health_check=list(HealthCheck), database=None,
          phases=[Phase.explicit, Phase.generate] if "WORDS_RANDOM" in os.environ else list(Phase))
@given(project=projects())
def test_composed_words_are_in_every_edition_or_said(tmp_path_factory, project):
    jekyll, made = project
    lost, output = lost_words(jekyll, made, tmp_path_factory.mktemp("words3"))
    pages = "\n\n".join(f"== {name}\n{text}" for name, (text, _) in made.items())
    assert not lost, "\n".join(lost) + "\n\n" + pages + "\n\n" + output


# ---------------------------------------------------------------- what the fuzzer found


def test_the_words_of_a_branch_left_out_for_a_value_nothing_gives_are_said(tmp_path):
    """``{% if page.show %}words{% endif %}`` with no ``show:`` in the front matter (a key
    the old site's layout or defaults set): Jekyll's engine left the words out, as the old site
    did with the key unset, and no edition showed them, unsaid; an ``unless``'s ``else`` and
    an ``elsif``, a comparison (``page.lang == "es"``), a ``case``'s ``when`` too. A test whose skipped branch holds
    no word is not said; nor one of a value the page gives (its words are the page's choice)."""
    body = ("{% if page.show %}{w}{% endif %} {w}\n\n{% unless page.draft %}{w}{% else %}{w}{% endunless %}\n\n"
            "{% if false %}x{% elsif page.extra %}{w}{% endif %} {w}\n\n"
            "{% if page.comments %}{% include snippet.md %}{% endif %} {w}\n\n"
            "{% if page.quiet %} {% else %}{w}{% endif %}\n\n{% unless page.plain %}{w}{% endunless %}\n\n"
            "{% if page.lang == \"es\" %}{w}{% else %}{w}{% endif %}\n\n"
            "{% if page.region != \"x\" %}{w}{% else %}{w}{% endif %}\n\n{% if page.title == \"x\" %}never{% endif %}\n\n"
            "{% case page.kind %}{% when \"a\" %}{w}{% else %}{w}{% endcase %}\n\n"
            "{% case page.kind2 %}{% when \"a\" %}{% else %}{w}{% endcase %}")
    text, tokens = number("---\ntitle: Found\nposition: 1\n---\n\n" + body.replace("{w}", W) + "\n", "p1")
    lost, output = lost_words(True, {"page1.md": (text, tokens)}, tmp_path)
    assert not lost, "\n".join(lost) + "\n\n" + output
    said = [line.split("page1.md:")[1][:3] for line in output.splitlines() if "[jekyll.empty-value]" in line]
    assert said == ["6: ", "8: ", "10:", "12:", "18:", "20:", "24:"], output
    assert "page.show" in output and "page.quiet" not in output and "page.plain" not in output, output
    assert "page.title" not in output, "a value the front matter gives is no nothing"


def test_a_second_note_of_one_label_is_said_left_out(tmp_path):
    """``[^2]: …`` written twice (a note copied with its paragraph): MyST left the second out of
    every edition, saying only "Duplicate footnote definition found", not that its words were
    gone nor what to do."""
    body = "Text {w}[^2] and {w}[^other]\n\n[^2]: {w} first\n\n[^2]: {w} second\n\n[^other]: {w}\n"
    text, tokens = number("---\ntitle: Found\nposition: 1\n---\n\n" + body.replace("{w}", W), "p1")
    lost, output = lost_words(False, {"page1.md": (text, tokens)}, tmp_path)
    assert not lost, "\n".join(lost) + "\n\n" + output
    [said] = [line for line in output.splitlines() if "[ref.footnote]" in line]
    assert "page1.md:10: WARNING: a second note `[^2]: …` is left out of every edition" in said, output
    assert "own label" in said and "Duplicate" not in said, output
