"""Word conservation, part five: words that pass through Jekyll's Liquid before Markdown.

Old City sites print words from front matter (``{{ page.x }}``), ``_config.yml``
(``{{ site.x }}``), ``_data/*.yml|json|csv`` (``{% for %}`` loops with ``where``, ``sort``,
``first``, ``join``, ``default``, ``capitalize``, ``strip_html``, ``markdownify``, ``escape``),
includes with parameters (in tables, lists and quotes too), ``capture``, ``assign``, the taken
branch of ``if``/``unless``/``case``, ``{% raw %}`` (shown as typed), ``{% comment %}`` (the
one loss Jekyll itself makes), kramdown's ``{::options}`` and IALs after Liquid output, and
``{% link %}``/``{% post_url %}`` in links. Values hold Markdown, HTML, quotes, colons, ``|``,
braces, emoji, right-to-left words and entities.

The oracle: each word Jekyll would publish is in the site's article, the ePub's chapter and
the PDF's text, in the order Jekyll printed it, with the characters around it it was typed
with, and no ``{{``, ``{%`` or ``{:`` shows outside ``{% raw %}`` and code; a word that is lost
must be named by a warning at the page's block that prints it or at the file that holds it.
A few derandomized examples here; explore with
``WORDS_EXAMPLES=40 WORDS_RANDOM=1 pytest -k liquid_words tests/test_word_conservation5.py``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from conftest import page as simple_page, write_pages
from test_word_conservation import edition_texts, make_all, squash


# ---------------------------------------------------------------- what a generated site knows


@dataclass
class Page:
    number: int
    expect: list[str] = field(default_factory=list)
    """The tokens Jekyll would print, in order."""
    hidden: list[str] = field(default_factory=list)
    """The tokens Jekyll would not print (a comment, a branch not taken)."""
    typed: list[tuple[str, bool]] = field(default_factory=list)
    """Text that must show as typed (squashed), and whether the PDF is checked too."""
    raw: list[str] = field(default_factory=list)
    """``{% raw %}`` text, which may show ``{{`` and ``{%``."""
    unordered: set[str] = field(default_factory=set)
    """Tokens beside right-to-left words: the PDF's text runs may be read out of order."""
    front: list[str] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)
    """token -> the site file that holds it (``_config.yml``, ``_data/fz3.yml``…)."""
    block_of: dict[str, int] = field(default_factory=dict)
    """token -> index of the body block that prints it (-1: front matter)."""
    said: list[list] = field(default_factory=list)
    """[warning subtype, index of the block it must name]: what must be said where."""


@dataclass
class Site:
    files: dict[str, str] = field(default_factory=dict)
    config: list[str] = field(default_factory=list)
    count: int = 0

    def token(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}w{self.count:04d}"

    def name(self) -> str:
        self.count += 1
        return f"fz{self.count}"


VALUES = [
    # (value with {w}s, shown as typed in html/epub ({w}s filled), pdf too?, right-to-left)
    ("{w}", None, True, False),
    ("**{w}** {w}", None, True, False),
    ("_{w}_ and `{w}`", None, True, False),
    ("<b>{w}</b> <em>{w}</em>", None, True, False),
    ("{w}: {w}", "{w}:{w}", True, False),
    ("{w} | {w}", "{w}|{w}", True, False),
    ("{ {w} } {w}", "{{w}}{w}", True, False),
    ("\"{w}\" said {w}", "\"{w}\"said{w}", True, False),
    ("{w}'s {w}", "{w}'s{w}", True, False),
    ("{w} #{w}", "{w}#{w}", True, False),
    ("{w} 50% {w}", "{w}50%{w}", True, False),
    ("{w}_{w}_{w}", "{w}_{w}_{w}", True, False),
    ("{w} &amp; {w}", "{w}&{w}", True, False),
    ("{w}&nbsp;{w}", None, True, False),
    ("{w} < {w} > {w}", "{w}<{w}>{w}", True, False),
    ("{w} \U0001F44D\U0001F3FD {w}", "{w}\U0001F44D\U0001F3FD{w}", False, False),
    ("\u05e9\u05dc\u05d5\u05dd {w}", "\u05e9\u05dc\u05d5\u05dd{w}", False, True),
    ("\u0645\u0631\u062d\u0628\u0627 {w} \u0639\u0627\u0644\u0645", None, False, True),
    ("[{w}](https://example.org/a) {w}", None, True, False),
    ("caf\u00e9 {w}", "caf\u00e9{w}", True, False),
    ("{w} -- {w}", None, True, False),
    ("$5 {w}", "$5{w}", True, False),
]

SAFE_VALUES = [v for v in VALUES if "|" not in v[0]]
"""Values for a table's cell, where ``|`` is the next cell, as Jekyll's kramdown read it too."""


def quote(text: str) -> str:
    """Straight quotes for curly ones: kramdown's typography makes ``"`` curly."""
    return text.translate(str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}))


def yaml_scalar(value: str, style: str) -> str:
    """``value`` as a staff member wrote it in YAML: bare when YAML reads it back, else quoted."""
    if style == "plain":
        try:
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    if style == "single" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


@st.composite
def value(draw, site: Site, page: Page, prefix: str, origin: str, cell: bool = False) -> str:
    """A value holding tokens; its tokens and its typed form noted on ``page``."""
    form, typed, pdf, rtl = draw(st.sampled_from(SAFE_VALUES if cell else VALUES))
    tokens = []
    out = form
    while "{w}" in out:
        token = site.token(prefix)
        tokens.append(token)
        out = out.replace("{w}", token, 1)
    page.expect.extend(tokens)
    for token in tokens:
        page.origin[token] = origin
        if rtl:
            page.unordered.add(token)
    if typed:
        shown = typed
        for token in tokens:
            shown = shown.replace("{w}", token, 1)
        page.typed.append((shown, pdf))
    return out


# ---------------------------------------------------------------- the grammar: blocks


@st.composite
def page_value(draw, site, page):
    key = f"k{len(page.front)}"
    style = draw(st.sampled_from(["plain", "single", "double"]))
    page.front.append(f"{key}: {yaml_scalar(draw(value(site, page, f'p{page.number}', 'page')), style)}")
    form = draw(st.sampled_from(["{v}", "Before {v} after", "- {v}", "> {v}", "## {v}", "{v}\n{: .lead}",
                                 "**{v}**"]))
    return form.replace("{v}", f"{{{{ page.{key} }}}}")


@st.composite
def site_value(draw, site, page):
    key = site.name()
    style = draw(st.sampled_from(["plain", "single", "double"]))
    site.config.append(f"{key}: {yaml_scalar(draw(value(site, page, 'cfg', '_config.yml')), style)}")
    form = draw(st.sampled_from(["{v}", "Text {v}.", "- {v}", "> {v}", "{v}\n{: .note}"]))
    return form.replace("{v}", f"{{{{ site.{key} }}}}")


@st.composite
def data_loop(draw, site, page):
    """A list in ``_data/``, printed by a loop through one or more filters."""
    name = site.name()
    fmt = draw(st.sampled_from(["yml", "json", "csv"]))
    origin = f"_data/{name}.{fmt}"
    rows = []
    for k in range(draw(st.integers(1, 3))):
        probe = Page(0)
        row = {"name": draw(value(site, probe, "dat", origin, cell=True)),
               "role": draw(value(site, probe, "dat", origin, cell=True)),
               "team": draw(st.sampled_from(["a", "b"])), "order": draw(st.integers(1, 9)) * 10 + k}
        rows.append((row, probe))
    if fmt == "yml":
        lines = []
        for row, _ in rows:
            lines.append(f"- name: {yaml_scalar(row['name'], 'double')}")
            lines.append(f"  role: {yaml_scalar(row['role'], draw(st.sampled_from(['plain', 'single', 'double'])))}")
            lines.append(f"  team: {row['team']}\n  order: {row['order']}")
        site.files[origin] = "\n".join(lines) + "\n"
    elif fmt == "json":
        site.files[origin] = json.dumps([row for row, _ in rows], ensure_ascii=False, indent=2) + "\n"
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, ["name", "role", "team", "order"], lineterminator="\n")
        writer.writeheader()
        for row, _ in rows:
            writer.writerow(row)
        site.files[origin] = buffer.getvalue()
    pick = draw(st.sampled_from(["all", "where", "sort", "first", "join", "table", "markdownify", "strip",
                                 "escape", "capitalize", "size-if"]))
    shown = [(row, probe) for row, probe in rows]
    numeric = fmt != "csv"  # a CSV's cells are text: "20" sorts before "3" there, as in Ruby
    if pick == "where":
        shown = [(row, probe) for row, probe in rows if row["team"] == "a"]
    if pick == "sort" and numeric:
        shown = sorted(rows, key=lambda r: r[0]["order"])
    elif pick == "sort":
        shown = sorted(rows, key=lambda r: str(r[0]["order"]))
    if pick in ("first", "capitalize"):
        shown = rows[:1]

    def record(fields):
        for row, probe in shown:
            for key in fields:
                printed = row[key]
                if pick == "strip":
                    printed = re.sub(r"<.*?>", "", printed)  # Jekyll's strip_html drops `< a >`; the build may keep it
                for token in re.findall(r"datw\d{4}", printed):
                    page.expect.append(token)
                    page.origin[token] = origin
                    if token in probe.unordered:
                        page.unordered.add(token)
                for text, pdf in probe.typed:
                    if pick == "escape" and "&" in row[key]:
                        continue  # `&amp;` escaped shows as typed, `&amp;`
                    if pick == "strip" and "<" in row[key]:
                        continue
                    if any(t in text for t in re.findall(r"datw\d{4}", row[key])):
                        page.typed.append((text, pdf))
        for row, probe in rows:
            if (row, probe) not in shown:
                page.hidden.extend(re.findall(r"datw\d{4}", row["name"] + row["role"]))
        if fields == ["name"]:
            for row, probe in shown:
                page.hidden.extend(re.findall(r"datw\d{4}", row["role"]))
    data = f"site.data.{name}"
    if pick == "where":
        record(["name", "role"])
        return (f"{{% assign team = {data} | where: \"team\", \"a\" %}}\n{{% for s in team %}}\n"
                f"- **{{{{ s.name }}}}**: {{{{ s.role }}}}\n{{% endfor %}}")
    if pick == "sort":
        record(["name", "role"])
        return f"{{% assign sorted = {data} | sort: \"order\" %}}\n{{% for s in sorted %}}\n* {{{{ s.name }}}} ({{{{ s.role }}}})\n{{% endfor %}}"
    if pick == "first":
        record(["name", "role"])
        return f"{{% assign lead = {data} | first %}}\nLead: {{{{ lead.name }}}}, {{{{ lead.role }}}}"
    if pick == "join":
        record(["name"])
        return f"Names: {{{{ {data} | map: \"name\" | join: \" / \" }}}}."
    if pick == "table":
        record(["name", "role"])
        return (f"| Name | Role |\n|---|---|\n{{% for s in {data} %}}| {{{{ s.name }}}} | {{{{ s.role }}}} |\n"
                f"{{% endfor %}}")
    if pick == "markdownify":
        record(["name", "role"])
        return f"{{% for s in {data} %}}\n<div class=\"person\">\n{{{{ s.name | markdownify }}}}\n{{{{ s.role | markdownify }}}}\n</div>\n{{% endfor %}}"
    if pick == "strip":
        record(["name", "role"])
        return f"{{% for s in {data} %}}\n- {{{{ s.name | strip_html }}}} {{{{ s.role | strip_html }}}}\n{{% endfor %}}"
    if pick == "escape":
        record(["name", "role"])
        return f"{{% for s in {data} %}}\n<p>{{{{ s.name | escape }}}} {{{{ s.role | escape }}}}</p>\n{{% endfor %}}"
    if pick == "capitalize":
        record(["name"])
        return f"Met {{{{ {data}.first.name | prepend: \"met \" | capitalize }}}}."
    if pick == "size-if":
        record(["name", "role"])
        return (f"{{% if {data}.size > 0 %}}\n{{% for s in {data} %}}\n1. {{{{ s.name }}}} \u2014 {{{{ s.role }}}}\n"
                f"{{% endfor %}}\n{{% else %}}\nnobody\n{{% endif %}}")
    record(["name", "role"])
    return f"{{% for s in {data} %}}\n- **{{{{ s.name }}}}**: {{{{ s.role }}}}\n{{% endfor %}}"


@st.composite
def filters(draw, site, page):
    """Filters on one value: ``default``, ``capitalize``, ``strip_html``, ``markdownify``, ``escape``."""
    prefix = f"p{page.number}"
    kind = draw(st.sampled_from(["default", "capitalize", "strip_html", "markdownify", "escape", "upcase-join",
                                 "append"]))
    a, b = site.token(prefix), site.token(prefix)
    page.expect += [a, b]
    if kind == "default":
        return f"{{{{ page.nothing_here | default: \"{a} {b}\" }}}}"
    if kind == "capitalize":
        return f"{{{{ \"the {a} {b}\" | capitalize }}}}"
    if kind == "strip_html":
        return f"{{{{ \"<b>{a}</b> <a href='x'>{b}</a>\" | strip_html }}}}"
    if kind == "markdownify":
        return f"{{{{ \"**{a}** and _{b}_\" | markdownify }}}}"
    if kind == "escape":
        page.typed.append((f"{a}<x>&{b}", True))
        return f"{{{{ \"{a} <x> & {b}\" | escape }}}}"
    if kind == "append":
        return f"{{{{ \"{a}\" | append: \" {b}\" }}}}"
    return f"{{{{ \"{a},{b}\" | split: \",\" | join: \" + \" }}}}"


@st.composite
def include(draw, site, page):
    """An include of its own file, a parameter holding words, where the page puts it."""
    name = site.name()
    own = site.token("inc")
    kind = draw(st.sampled_from(["html-block", "md-inline", "html-inline"]))
    where = draw(st.sampled_from(["para", "list", "quote", "table", "ial"] if kind != "html-block"
                                 else ["para", "ial", "list", "quote", "div"]))
    probe = Page(page.number)
    param = draw(value(site, probe, f"p{page.number}", "page", cell=where == "table"))
    if kind == "html-block":
        site.files[f"_includes/{name}.html"] = (f'<div class="box" markdown="1">\n**{own}** {{{{ include.text }}}}\n'
                                               f"</div>\n")
        order = [own] + probe.expect
    elif kind == "md-inline":
        site.files[f"_includes/{name}.md"] = f"{{{{ include.text }}}} *{own}*"
        order = probe.expect + [own]
    else:
        site.files[f"_includes/{name}.html"] = f'<span class="tag">{own}</span> {{{{ include.text }}}}'
        order = [own] + probe.expect
    file = f"{name}.{'md' if kind == 'md-inline' else 'html'}"
    if draw(st.booleans()):  # Jekyll's escaped quote: `text="Say \"yes\""`
        written = '"' + param.replace('"', '\\"') + '"'
    else:
        mark = "'" if '"' in param else '"'
        if mark == "'" and "'" in param:
            param = param.replace("'", "\u2019")
            probe.typed = [(t.replace("'", "\u2019"), p) for t, p in probe.typed]
        written = mark + param + mark
    lines = where in ("para", "ial", "div") and draw(st.booleans())  # a call over several lines
    tag = f"{{% include {file}\n  text={written}\n%}}" if lines else f"{{% include {file} text={written} %}}"
    page.expect += order
    page.typed += probe.typed
    page.unordered |= probe.unordered
    page.origin[own] = f"_includes/{name}.{'md' if kind == 'md-inline' else 'html'}"
    if where == "list":
        return f"- first\n- {tag}\n- last"
    if where == "quote":
        return f"> {tag}"
    if where == "table":
        return f"| What | Where |\n|---|---|\n| here | {tag} |"
    if where == "ial":
        return f"{tag}\n{{: .note}}"
    if where == "div":
        return f"<div markdown=\"1\">\n{tag}\n</div>"
    if kind == "html-block":
        return tag
    return f"See {tag} now."


@st.composite
def capture_assign(draw, site, page):
    prefix = f"p{page.number}"
    a, b, c = site.token(prefix), site.token(prefix), site.token(prefix)
    kind = draw(st.sampled_from(["capture", "assign", "capture-md", "assign-append"]))
    if kind == "capture":
        page.expect += [c, a, b]
        return f"{{% capture note %}}{a} **{b}**{{% endcapture %}}\n{c} {{{{ note }}}}"
    if kind == "capture-md":
        page.expect += [a, b, c]
        return f"{{% capture block %}}\n- {a}\n- {b}\n{{% endcapture %}}\n{{{{ block }}}}\n\n{c}"
    if kind == "assign":
        page.expect += [c, a, b]
        return f"{{% assign who = \"{a}: {b}\" %}}{c} {{{{ who }}}}"
    page.expect += [a, b, c]
    return f"{{% assign x = \"{a}\" | append: \" {b}\" %}}\n{{{{ x }}}} {c}"


@st.composite
def branch(draw, site, page):
    prefix = f"p{page.number}"
    a, b, h = site.token(prefix), site.token(prefix), site.token(prefix)
    page.expect += [a, b]
    page.hidden.append(h)
    kind = draw(st.sampled_from(["if", "if-else", "unless", "case", "elsif", "if-data", "if-inline"]))
    page.front.append("show: true") if "show: true" not in page.front else None
    page.front.append("kind: b") if "kind: b" not in page.front else None
    if kind == "if":
        return f"{{% if page.show %}}\n{a} **{b}**\n{{% endif %}}\n{{% if page.show == false %}}{h}{{% endif %}}"
    if kind == "if-else":
        return f"{{% if page.kind == \"a\" %}}\n{h}\n{{% else %}}\n- {a}\n- {b}\n{{% endif %}}"
    if kind == "unless":
        return f"{{% unless page.show %}}{h}{{% else %}}{a} {b}{{% endunless %}}"
    if kind == "case":
        return (f"{{% case page.kind %}}\n{{% when \"a\" %}}\n{h}\n{{% when \"b\" %}}\n> {a}\n> {b}\n"
                f"{{% else %}}\nnone\n{{% endcase %}}")
    if kind == "elsif":
        return f"{{% if page.kind == \"a\" %}}{h}{{% elsif page.show %}}{a} _{b}_{{% endif %}}"
    if kind == "if-data":
        return f"{{% if site.fuzz_on %}}{a}{{% else %}}{h}{{% endif %}} {b}"
    return f"Word {{% if page.show %}}{a}{{% else %}}{h}{{% endif %}} and {b}."


@st.composite
def raw(draw, site, page):
    prefix = f"p{page.number}"
    a, b = site.token(prefix), site.token(prefix)
    page.expect += [a, b]
    kind = draw(st.sampled_from(["inline", "block", "tag"]))
    if kind == "inline":
        shown = f"{a} {{{{ page.{b} }}}}"
        page.raw.append(squash(shown))
        return f"Type {{% raw %}}{shown}{{% endraw %}} there."
    if kind == "tag":
        shown = f"{{% if {a} %}}{b}{{% endif %}}"
        page.raw.append(squash(shown))
        return f"{{% raw %}}{shown}{{% endraw %}}"
    shown = f"{{{{ {a} }}}}\n{{% include {b}.html %}}"
    page.raw.append(squash(shown))
    return f"```liquid\n{{% raw %}}\n{shown}\n{{% endraw %}}\n```"


@st.composite
def comment(draw, site, page):
    prefix = f"p{page.number}"
    a, b, h = site.token(prefix), site.token(prefix), site.token(prefix)
    page.expect += [a, b]
    page.hidden.append(h)
    if draw(st.booleans()):
        return f"{a} {{% comment %}}{h} {{{{ page.x }}}}{{% endcomment %}}{b}"
    return f"{a}\n\n{{% comment %}}\n{h}\n\n- list\n{{% endcomment %}}\n\n{b}"


@st.composite
def kramdown_after(draw, site, page):
    prefix = f"p{page.number}"
    a = site.token(prefix)
    page.front.append("show: true") if "show: true" not in page.front else None
    kind = draw(st.sampled_from(["options", "ial-if", "span-ial"]))
    page.expect.append(a)
    if kind == "options":
        b = site.token(prefix)
        page.expect.append(b)
        return f"{{::options parse_block_html=\"true\" /}}\n\n<div>\n**{{{{ \"{a}\" }}}}** {b}\n</div>"
    if kind == "ial-if":
        return f"{{% if page.show %}}{a}{{% endif %}}\n{{: .lead}}"
    return f"*{{{{ \"{a}\" }}}}*{{: .red}}"


@st.composite
def links(draw, site, page):
    prefix = f"p{page.number}"
    a, b = site.token(prefix), site.token(prefix)
    page.expect += [a, b]
    kind = draw(st.sampled_from(["link", "post", "ref", "text"]))
    if kind == "link":
        return f"[{a} home]({{% link index.md %}}) {b}"
    if kind == "post":
        return f"[{a} news]({{% post_url 2020-01-02-fuzz-news %}}) {b}"
    if kind == "ref":
        return f"[{a}][home] {b}\n\n[home]: {{% link index.md %}}"
    return f"[{a} {{{{ \"more\" }}}}]({{{{ site.baseurl }}}}{{% link index.md %}}) {b}"


@st.composite
def more(draw, site, page):
    """What old sites also write: whitespace control, loops with ``limit``/``reversed``/
    ``forloop``, a value of several lines, a data file in a folder, a key in brackets, a
    dynamic include, an include in an include, ``tablerow``, ``contains``, ``when a, b``."""
    prefix = f"p{page.number}"
    kind = draw(st.sampled_from(["strip", "limit", "reversed", "forloop", "multiline", "folder", "bracket",
                                 "dynamic", "nested-include", "tablerow", "contains", "when-or", "raw-code",
                                 "highlight-raw", "link-text", "include-newline-cell", "nested-site",
                                 "list-if", "html-table", "json-ascii", "markdownify-item", "include-var",
                                 "replace", "newline-br", "include-dir", "include-if", "anchors", "csv-lines",
                                 "raw-cell", "raw-item", "heading-id", "url-value"]))
    a, b, c = site.token(prefix), site.token(prefix), site.token(prefix)
    if kind in ("html-table", "json-ascii", "anchors", "csv-lines", "url-value"):
        name = site.name()
        fmt = {"json-ascii": "json", "csv-lines": "csv", "url-value": "json"}.get(kind, "yml")
        for t in (a, b, c):
            page.origin[t] = f"_data/{name}.{fmt}"
        page.expect += [a, b, c]
        if kind == "html-table":
            site.files[f"_data/{name}.yml"] = f"- name: \"**{a}**\"\n  role: {b}\n- name: <i>{c}</i>\n  role: ''\n"
            return (f"<table>\n  <tr><th>Name</th><th>Role</th></tr>\n  {{% for s in site.data.{name} %}}\n"
                    f"  <tr>\n    <td>{{{{ s.name }}}}</td>\n    <td>{{{{ s.role }}}}</td>\n  </tr>\n  {{% endfor %}}\n</table>")
        if kind == "json-ascii":
            site.files[f"_data/{name}.json"] = json.dumps(
                [{"t": f"{a} caf\u00e9 \U0001F44D"}, {"t": f"\u05e9\u05dc\u05d5\u05dd {b} \u201c{c}\u201d"}],
                ensure_ascii=True) + "\n"
            page.unordered |= {b, c}
            page.typed.append((f"{a}caf\u00e9", True))
            return f"{{% for x in site.data.{name} %}}\n- {{{{ x.t }}}}\n{{% endfor %}}"
        if kind == "anchors":
            site.files[f"_data/{name}.yml"] = (f"base: &base\n  team: {a}\n  motto: \"{b}\"\n"
                                               f"people:\n  - <<: *base\n    name: {c}\n")
            page.expect[:] = page.expect[:-3] + [c, a, b]
            return f"{{% for p in site.data.{name}.people %}}\n* {{{{ p.name }}}} ({{{{ p.team }}}}): {{{{ p.motto }}}}\n{{% endfor %}}"
        if kind == "csv-lines":
            site.files[f"_data/{name}.csv"] = f'name,note\n"{a}, Jr.","{b}\nsecond line {c}"\n'
            page.typed.append((f"{a},Jr.", True))
            return f"{{% for r in site.data.{name} %}}\n- **{{{{ r.name }}}}**: {{{{ r.note }}}}\n{{% endfor %}}"
        site.files[f"_data/{name}.json"] = json.dumps([{"title": f"{a} (PDF)", "url": f"https://example.org/{b}?a=1&b=(2)"},
                                                       {"title": f"{c} | x", "url": "/docs/a file.pdf"}]) + "\n"
        page.expect[:] = page.expect[:-3] + [a, c]
        page.hidden.append(b)
        return f"{{% for l in site.data.{name} %}}\n- [{{{{ l.title }}}}]({{{{ l.url }}}})\n{{% endfor %}}"
    if kind == "markdownify-item":
        key = f"k{len(page.front)}"
        page.front.append(f"{key}: \"**{a}** {b}\"")
        page.expect += [a, b, c]
        return f"- {{{{ page.{key} | markdownify }}}}\n- {c}"
    if kind == "include-var":
        name = site.name()
        site.files[f"_includes/{name}.html"] = "<p class=\"lead\">{{ include.body }}</p>\n"
        page.expect += [a, b, c]
        return f"{{% assign words = \"{a} **{b}**\" %}}\n{{% include {name}.html body=words %}}\n\n{c}"
    if kind == "replace":
        page.expect += [a, c]
        page.hidden.append(b)
        return f"{{{{ \"{a} {b}\" | replace: \"{b}\", \"{c}\" }}}}"
    if kind == "newline-br":
        key = f"k{len(page.front)}"
        page.front.append(f"{key}: |\n  {a}\n  {b}\n  {c}")
        page.expect += [a, b, c]
        return f"<p>{{{{ page.{key} | newline_to_br }}}}</p>"
    if kind == "include-dir":
        name = site.name()
        site.files[f"_includes/parts/{name}.md"] = f"### {a}\n\n{{{{ include.body }}}}\n"
        page.origin[a] = f"_includes/parts/{name}.md"
        page.expect += [a, b, c]
        return f"{{% include parts/{name}.md body=\"{b}\" %}}\n\n{c}"
    if kind == "include-if":
        name = site.name()
        site.files[f"_includes/{name}.html"] = ("{% if include.title %}<h3>{{ include.title }}</h3>{% endif %}\n"
                                               "{% unless include.hide %}<p>{{ include.body }}</p>{% endunless %}\n")
        page.expect += [a, b, c]
        return f"{{% include {name}.html title=\"{a}\" body=\"{b}\" %}}\n\n{c}"
    if kind == "raw-cell":
        page.expect += [a, b, c]
        page.raw.append(squash(f"{{{{ {b} }}}}"))
        return f"| Tag | Use |\n|---|---|\n| {a} | {{% raw %}}{{{{ {b} }}}}{{% endraw %}} |\n| {c} | x |"
    if kind == "raw-item":
        page.expect += [a, b, c]
        page.raw.append(squash(f"{{% include {b}.html %}}"))
        return f"1. {a}\n2. Write {{% raw %}}{{% include {b}.html %}}{{% endraw %}}\n3. {c}"
    if kind == "heading-id":
        key = f"k{len(page.front)}"
        page.front.append(f"{key}: \"{a}: {b}\"")
        page.expect += [a, b, c]
        page.typed.append((f"{a}:{b}", True))
        return f"## {{{{ page.{key} }}}} {{#sec-{key}}}\n\n{c}"
    if kind == "strip":
        page.front.append("show: true") if "show: true" not in page.front else None
        page.expect += [a, b, c]
        return f"{a}\n{{%- if page.show -%}}\n {b}\n{{%- endif -%}}\n{{{{- \" {c}\" -}}}}"
    if kind in ("limit", "reversed", "forloop"):
        name = site.name()
        site.files[f"_data/{name}.yml"] = f"- {a}\n- {b}\n- {c}\n"
        for t in (a, b, c):
            page.origin[t] = f"_data/{name}.yml"
        if kind == "limit":
            page.expect += [a, b]
            page.hidden.append(c)
            return f"{{% for x in site.data.{name} limit: 2 %}}\n- {{{{ x }}}}\n{{% endfor %}}"
        if kind == "reversed":
            page.expect += [c, b, a]
            return f"{{% for x in site.data.{name} reversed %}}{{{{ x }}}}{{% unless forloop.last %}}, {{% endunless %}}{{% endfor %}}"
        page.expect += [a, b, c]
        return f"{{% for x in site.data.{name} %}}\n{{{{ forloop.index }}}}. {{{{ x }}}}\n{{% endfor %}}"
    if kind == "multiline":
        page.expect += [a, b, c]
        style = draw(st.sampled_from(["|", ">"]))
        key = f"k{len(page.front)}"
        if style == "|":
            page.front.append(f"{key}: |\n  {a} **{b}**\n\n  - {c}")
        else:
            page.front.append(f"{key}: >\n  {a}\n  {b}\n\n  {c}")
        return draw(st.sampled_from([f"{{{{ page.{key} }}}}", f"{{{{ page.{key} | markdownify }}}}",
                                     f"<div class=\"intro\">\n{{{{ page.{key} | markdownify }}}}\n</div>"]))
    if kind == "folder":
        name = site.name()
        site.files[f"_data/team/{name}.yml"] = f"lead:\n  name: {a}\n  title: \"{b}: {c}\"\n"
        for t in (a, b, c):
            page.origin[t] = f"_data/team/{name}.yml"
        page.expect += [a, b, c]
        return f"**{{{{ site.data.team.{name}.lead.name }}}}**, {{{{ site.data.team.{name}.lead.title }}}}"
    if kind == "bracket":
        name = site.name()
        site.files[f"_data/{name}.json"] = json.dumps({"parks": {"title": a, "body": f"{b} and {c}"}}) + "\n"
        for t in (a, b, c):
            page.origin[t] = f"_data/{name}.json"
        page.front.append("section: parks")
        page.expect += [a, b, c]
        return f"## {{{{ site.data.{name}[page.section].title }}}}\n\n{{{{ site.data.{name}[page.section]['body'] }}}}"
    if kind == "dynamic":
        name = site.name()
        site.files[f"_includes/{name}.html"] = f"<p>{b} {{{{ include.x }}}}</p>\n"
        page.origin[b] = f"_includes/{name}.html"
        page.front.append(f"inc{name}: {name}.html")
        page.expect += [a, b, c]
        return f"{a}\n\n{{% include {{{{ page.inc{name} }}}} x=\"{c}\" %}}"
    if kind == "nested-include":
        outer, inner = site.name(), site.name()
        site.files[f"_includes/{outer}.html"] = f"<div class=\"o\">\n{{% include {inner}.html t=include.t %}}\n</div>\n"
        site.files[f"_includes/{inner}.html"] = f"<span>{b}</span> {{{{ include.t }}}}"
        page.origin[b] = f"_includes/{inner}.html"
        page.expect += [a, b, c]
        return f"{a}\n\n{{% include {outer}.html t=\"{c}\" %}}"
    if kind == "tablerow":
        name = site.name()
        site.files[f"_data/{name}.yml"] = f"- {a}\n- {b}\n- {c}\n"
        for t in (a, b, c):
            page.origin[t] = f"_data/{name}.yml"
        page.expect += [a, b, c]
        return f"<table>\n{{% tablerow x in site.data.{name} cols:2 %}}{{{{ x }}}}{{% endtablerow %}}\n</table>"
    if kind == "contains":
        page.expect += [a, b]
        page.hidden.append(c)
        page.front.append("tags: [parks, pools]") if "tags: [parks, pools]" not in page.front else None
        return (f"{{% if page.tags contains \"parks\" %}}{a}{{% endif %}}"
                f"{{% if page.tags contains \"roads\" %}}{c}{{% endif %}} {b}")
    if kind == "when-or":
        page.front.append("kind: b") if "kind: b" not in page.front else None
        page.expect += [a, b]
        page.hidden.append(c)
        return f"{{% case page.kind %}}{{% when \"a\", \"b\" %}}{a} {b}{{% else %}}{c}{{% endcase %}}"
    if kind == "raw-code":
        page.expect += [a, b]
        page.raw.append(squash(f"{{{{ {a} }}}}"))
        return f"Write `{{% raw %}}{{{{ {a} }}}}{{% endraw %}}` here {b}."
    if kind == "highlight-raw":
        page.expect += [a, b]
        shown = f"{{{{ page.{a} }}}}"
        page.raw.append(squash(shown))
        return f"{{% highlight liquid %}}\n{{% raw %}}\n{shown}\n{{% endraw %}}\n{{% endhighlight %}}\n\n{b}"
    if kind == "link-text":
        key = f"k{len(page.front)}"
        page.front.append(f"{key}: \"{a} {b}\"")
        page.expect += [a, b, c]
        return f"[{{{{ page.{key} }}}}]({{% link index.md %}}) {c}"
    if kind == "include-newline-cell":
        name = site.name()
        site.files[f"_includes/{name}.html"] = f"<span class=\"badge\">{b}</span>\n"
        page.origin[b] = f"_includes/{name}.html"
        page.expect += [a, b, c]
        return f"| Name | Status |\n|---|---|\n| {a} | {{% include {name}.html %}} |\n| {c} | x |"
    if kind == "nested-site":
        key = site.name()
        site.config.append(f"{key}:\n  name: \"{a}\"\n  email: {b}@example.org\n  motto: '{c}: yes'")
        for t in (a, b, c):
            page.origin[t] = "_config.yml"
        page.expect += [a, b, c]
        return f"By {{{{ site.{key}.name }}}} ({{{{ site.{key}.email }}}}): *{{{{ site.{key}.motto }}}}*"
    page.front.append("show: true") if "show: true" not in page.front else None
    page.expect += [a, b, c]
    return f"- {a}\n{{% if page.show %}}\n- {b}\n{{% endif %}}\n- {c}"


@st.composite
def unset(draw, site, page):
    """A test of a value nothing gives, whose other branch held words: said at its block,
    however many lines the Liquid above it wrote."""
    prefix = f"p{page.number}"
    a, h = site.token(prefix), site.token(prefix)
    page.expect.append(a)
    page.hidden.append(h)
    page.said.append(["jekyll.empty-value", None])
    form = draw(st.sampled_from(["{{% if page.nothing_{n} %}}\n{h}\n{{% endif %}}\n{a}",
                                 "{a} {{% if site.nothing_{n} %}}{h}{{% endif %}}",
                                 "{{% unless page.nothing_{n} %}}{a}{{% else %}}{h}{{% endunless %}}"]))
    return form.format(n=site.name(), a=a, h=h)


def blocks(site, page):
    return st.one_of(page_value(site, page), site_value(site, page), data_loop(site, page), filters(site, page),
                     include(site, page), capture_assign(site, page), branch(site, page), raw(site, page),
                     comment(site, page), kramdown_after(site, page), links(site, page), more(site, page), more(site, page),
                     unset(site, page))


@st.composite
def projects(draw):
    site = Site()
    pages = []
    for n in range(1, draw(st.integers(1, 3)) + 1):
        page = Page(n)
        body = []
        for k in range(draw(st.integers(1, int(os.environ.get("WORDS_BLOCKS", "6"))))):
            before = set(page.expect) | set(page.hidden)
            body.append(draw(blocks(site, page)))
            for token in page.expect + page.hidden:
                if token not in before:
                    page.block_of.setdefault(token, k)
            for said in page.said:
                if said[1] is None:
                    said[1] = k
        pages.append((page, body))
    site.config += ["fuzz_on: true"]
    return site, pages


# ---------------------------------------------------------------- building and checking


WARNING = re.compile(r"(?m)^(?:.*?/)?([^\s:/]+(?:/[^\s:/]+)*\.(?:md|yml|yaml|json|csv|html|tsv))(?::(\d+))?: "
                     r"(?:WARNING|ERROR): (.*)$")


def write_site(folder: Path, site: Site, pages) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """The site's files; each page's text and the lines each of its blocks stands on."""
    files = {"index.md": simple_page("Home", None, "Welcome home."),
             "_config.yml": "title: Fuzz five\nmarkdown: kramdown\n" + "".join(line + "\n" for line in site.config),
             "_posts/2020-01-02-fuzz-news.md": "---\ntitle: News\n---\n\nNews text.\n", **site.files}
    made = {}
    for page, body in pages:
        head = f"---\ntitle: Page {page.number}\nposition: {page.number}\n" + "".join(
            line + "\n" for line in page.front) + "---\n\n"
        line = head.count("\n") + 1
        spans = []
        for block in body:
            spans.append((line, line + block.count("\n")))
            line += block.count("\n") + 2
        text = head + "\n\n".join(body) + "\n"
        files[f"page{page.number}.md"] = text
        made[f"page{page.number}.md"] = (text, spans)
    write_pages(folder, files)
    return made


def shown_outside_code(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    body = soup.find("article") or soup.body or soup
    for found in body.find_all(["pre", "code"]):
        found.decompose()
    return squash(body.get_text(" "))


def check(site: Site, pages, base: Path) -> tuple[list[str], str]:
    made = write_site(base / "src", site, pages)
    result = make_all(base / "src", base / "out")
    output = result.stdout + result.stderr
    problems = []
    if "Traceback" in output or result.returncode != 0:
        return [f"build failed ({result.returncode})"], output
    texts = edition_texts(base / "out")
    warned = [(Path(m.group(1)).name if m.group(1).endswith(".md") else m.group(1),
               int(m.group(2)) if m.group(2) else None, m.group(3)) for m in WARNING.finditer(output)]
    for page, _ in pages:
        name, stem = f"page{page.number}.md", f"page{page.number}"
        _, spans = made[name]
        front_end = 4 + len(page.front)

        def said(token: str) -> bool:
            block = page.block_of.get(token)
            start, end = spans[block] if block is not None else (1, front_end)
            origin = page.origin.get(token)
            for file, line, _ in warned:
                if file == name and line is not None and (start <= line <= end or line <= front_end
                                                          and origin == "page"):
                    return True
                if origin and origin not in ("page",) and file.endswith(origin.split("/")[-1]):
                    return True
            return False

        for edition, by_page in texts.items():
            shown = by_page.get(stem, by_page.get("*", ""))
            last, last_token = -1, None
            for token in page.expect:
                at = shown.find(token)
                if at < 0:
                    if not said(token):
                        problems.append(f"{name}: {token} not in {edition}")
                    continue
                after = shown.find(token, max(last, 0))  # the PDF's contents and heads hold words earlier
                if after < 0 and not said(token) and not (
                        edition == "pdf" and (token in page.unordered or last_token in page.unordered)):
                    problems.append(f"{name}: {token} before {last_token} in {edition}")
                last, last_token = (after if after >= 0 else at), token
            for text, pdf in page.typed:
                if edition == "pdf" and not pdf:
                    continue
                want = quote(squash(text))
                tokens = re.findall(r"\w+w\d{4}", text)
                if all(t in shown for t in tokens) and want not in quote(shown) and not any(map(said, tokens)):
                    problems.append(f"{name}: {text!r} not as typed in {edition}")
            for raw_text in page.raw:
                if raw_text not in shown:
                    problems.append(f"{name}: raw {raw_text!r} not as typed in {edition}")
        for edition, text in (("html", _read(base / "out" / "html" / f"{stem}.html")),
                              ("epub", texts["epub"].get(stem, "")), ("pdf", None)):
            if edition == "html":
                visible = shown_outside_code(text)
            elif edition == "epub":
                visible = _epub_outside_code(base / "out", stem)
            else:
                visible = texts["pdf"]["*"]
            for raw_text in page.raw:
                visible = visible.replace(raw_text, "")
            if edition == "pdf":  # the whole book: every page's raw text is in it
                for other, _ in pages:
                    for raw_text in other.raw:
                        visible = visible.replace(raw_text, "")
            for mark in ("{{", "{%", "{:"):
                if mark in visible:
                    at = visible.index(mark)
                    problems.append(f"{name}: {mark!r} shown in {edition}: …{visible[max(0, at - 40):at + 40]}…")
        for subtype, block in page.said:
            start, end = spans[block]
            if not any(file == name and line is not None and start <= line <= end and f"[{subtype}]" in text
                       for file, line, text in warned):
                problems.append(f"{name}: no [{subtype}] warning at lines {start}-{end}")
        html_text = texts["html"].get(stem, "")
        for token in page.hidden:
            if token in html_text:
                problems.append(f"{name}: {token}, which Jekyll does not publish, is in html")
    return problems, output


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _epub_outside_code(out: Path, stem: str) -> str:
    import zipfile
    for book in (out / "epub").glob("*.epub"):
        with zipfile.ZipFile(book) as archive:
            for name in archive.namelist():
                if Path(name).stem == stem and name.endswith(".xhtml"):
                    return shown_outside_code(archive.read(name).decode("utf-8"))
    return ""


def describe(site: Site, pages) -> str:
    parts = [f"== _config.yml\n" + "\n".join(site.config)]
    parts += [f"== {name}\n{text}" for name, text in site.files.items()]
    for page, body in pages:
        parts.append(f"== page{page.number}.md (front: {page.front})\n" + "\n\n".join(body))
    return "\n\n".join(parts)


@settings(max_examples=int(os.environ.get("WORDS_EXAMPLES", "2")), derandomize="WORDS_RANDOM" not in os.environ,
          deadline=None, suppress_health_check=list(HealthCheck), database=None,
          phases=[Phase.explicit, Phase.generate] if "WORDS_RANDOM" in os.environ else list(Phase))
@given(project=projects())
def test_liquid_words_are_in_every_edition_or_said(tmp_path_factory, project):
    site, pages = project
    problems, output = check(site, pages, tmp_path_factory.mktemp("words5"))
    assert not problems, "\n".join(problems) + "\n\n" + describe(site, pages) + "\n\n" + output


# ---------------------------------------------------------------- what the fuzzer found


def built(tmp_path: Path, files: dict[str, str]) -> tuple[str, str]:
    """A Jekyll site of ``files`` (with ``index.md`` and ``_config.yml``) built as ``make all``
    does: the site's article text of ``page1.md`` and the build's output."""
    write_pages(tmp_path / "src", {"index.md": simple_page("Home", None, "Welcome home."),
                                   "_config.yml": "title: Found\nmarkdown: kramdown\n", **files})
    result = make_all(tmp_path / "src", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in output, output
    html = BeautifulSoup((tmp_path / "out" / "html" / "page1.html").read_text(encoding="utf-8"), "html.parser")
    return html.article.get_text(" "), output


def test_an_include_parameter_with_escaped_quotes_is_run(tmp_path):
    """``{% include note.html text="Say \\"yes\\" now" other='it\\'s' %}``: Jekyll reads a
    backslash before the quote that closes the value as part of it; the include was shown as
    written (``{%`` and all) and its words were no parameter."""
    shown, output = built(tmp_path, {
        "_includes/note.html": '<p class="note">{{ include.text }} / {{ include.other }}</p>\n',
        "page1.md": "---\ntitle: One\nposition: 1\n---\n\n"
                    '{% include note.html text="Say \\"escdq\\" now" other=\'it\\\'s escsq\' %}\n\n'
                    "{% include note.html text='both \"kinds\\' here' %}\n"})
    assert "{%" not in shown and "[jekyll.liquid]" not in output, shown + output
    assert 'Say "escdq" now / it\'s escsq' in shown.replace("\u201c", '"').replace("\u201d", '"').replace(
        "\u2019", "'"), shown
    assert "both" in shown and "kinds" in shown, shown


def test_a_warning_after_an_include_over_several_lines_names_its_own_line(tmp_path):
    """``{% include card.html`` with each parameter on a line of its own (as long calls are
    written): the call was made one line, and every Liquid warning below it named a line
    as many lines too far up, the include's, not the ``{{ page.missing }}`` to change."""
    _, output = built(tmp_path, {
        "_includes/n.html": "<p>{{ include.text }} {{ include.other }}</p>\n",
        "page1.md": "---\ntitle: One\nposition: 1\n---\n\n{% include n.html\n   text=\"multi\"\n   other=\"line\" %}\n\n"
                    "Text {{ page.missing }} here.\n\n{% if page.gone %}hidden{% endif %} after\n"})
    said = [line.split("page1.md:")[1].split(":")[0] for line in output.splitlines()
            if "[jekyll.empty-value]" in line]
    assert said == ["10", "12"], output


def test_a_page_s_path_and_name_are_printed(tmp_path):
    """``Edit {{ page.path }} on GitHub``, ``{{ page.name }}``: Jekyll gave every page its
    file's path and name; they printed nothing here, unsaid, as values nothing gives."""
    shown, output = built(tmp_path, {"guides/page1.md": "---\ntitle: One\nposition: 1\n---\n\n"
                                     "Edit {{ page.path }} or {{ page.name }} here.\n",
                                     "page1.md": "---\ntitle: Top\nposition: 2\npath: own/path.md\n---\n\n"
                                     "Path {{ page.path }} and {{ page.name }}.\n"})
    assert "Path own/path.md and page1.md." in shown, "front matter's own `path:` wins, as on Jekyll"
    html = (tmp_path / "out" / "html" / "guides" / "page1.html").read_text(encoding="utf-8")
    assert "Edit guides/page1.md or page1.md here." in BeautifulSoup(html, "html.parser").article.get_text(" ")


def test_an_html_link_to_a_page_s_file_from_the_site_s_folder_leads_to_the_page(tmp_path):
    """``<a href="{% link guides/a.md %}">`` (and ``<a href="/guides/a.md">``): the site's
    link led to a download of the page's Markdown file, not to the page."""
    shown, output = built(tmp_path, {
        "guides/a.md": "---\ntitle: A\nposition: 2\n---\n\nGuide.\n",
        "page1.md": "---\ntitle: One\nposition: 1\n---\n\n"
                    '<p><a href="{% link guides/a.md %}">liquid link</a> <a href="/guides/a.md#x">root link</a></p>\n\n'
                    "[markdown link]({% link guides/a.md %})\n"})
    html = BeautifulSoup((tmp_path / "out" / "html" / "page1.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in html.article.find_all("a") if a.get_text() in
             ("liquid link", "root link", "markdown link")}
    assert links == {"liquid link": "guides/a.html", "root link": "guides/a.html#x",
                     "markdown link": "guides/a.html"}, (links, output)
    assert not list((tmp_path / "out" / "html" / "_downloads").glob("*/a.md")), "no download of the page's source"
