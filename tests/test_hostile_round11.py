"""Round eleven: OWASP's filter-evasion shapes at every place a page's text enters, every edition.

Two folders are built as ``make all`` builds them (one doctree cache, the site, the ePub and
the PDF): plain Markdown pages, one per vector and place (a page's raw HTML, a Markdown link,
picture, title, reference definition, autolink, footnote and table, MyST's ``{raw} html``,
``{image}`` and ``{figure}``, front matter, a file's name, CITATION.cff), and an old Jekyll
site (``_config.yml``, ``_data`` printed by an include, ``{% link %}``/``{% include %}``).
Each edition is read as a browser reads it (html5lib) and searched for anything that could
run or load: a script not ours, an ``on*`` attribute, a scripting address in any URL
attribute or style, ``<base>``, a meta refresh not ours, a frame, object, embed or form; the
PDF for a JavaScript action or a scripting link. What held is not repeated in tests here
beyond this table; each hole found has its own test below it.
"""

from __future__ import annotations

import base64
import re
import zipfile
from pathlib import Path

import html5lib
import pikepdf
import pytest

from conftest import REPO, Build, sphinx_build, write_pages
from test_hostile_round7 import make

from safety import urls

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==")

ADDRESSES = [
    "java&#x09;script:alert(1)", "&#106;avascript:alert(2)", "JaVaScRiPt:alert(3)",
    "javascript&colon;alert(4)", " \x01javascript:alert(5)", "vbscript:msgbox(6)",
    "data:text/html,<script>alert(7)</script>", "&#0000106avascript:alert(8)",
    "jav&#x0A;ascript:alert(9)", "java%0ascript:alert(10)", "&#x6A;&#x61;vascript:alert(11)",
    "javascript\t:alert(12)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxMyk8L3NjcmlwdD4=",
]
"""Scripting addresses as the cheat sheet writes them: entities, tabs and line breaks
inside the scheme, mixed case, a named colon, controls before it."""

HTML = [
    '<svg><script>alert(20)</script></svg>', '<svg onload=alert(21)></svg>',
    '<math><mtext><a xlink:href="javascript:alert(22)">m</a></mtext></math>',
    '<iframe srcdoc="&lt;script&gt;alert(23)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(24)"></object>', '<embed src="javascript:alert(25)">',
    '<form action="javascript:alert(26)"><button>go</button></form>',
    '<button formaction="javascript:alert(27)">b</button>', '<base href="javascript:alert(28)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(29)">',
    '<link rel="import" href="https://evil.example/x.html">',
    '<div style="background:url(javascript:alert(30))">styled</div>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112'
    '&#0000116&#0000058alert(31)">entities</a>',
    '<img srcset="javascript:alert(32) 1x" alt="set">', '<img src=x:y\nonerror=alert(33)\nalt="split">',
    '<a href=javascript:alert(34)>unquoted</a>', '<scr<script>ipt>alert(35)</scr</script>ipt>',
    '<!--<img src="--><img src=x onerror=alert(36)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(37)>"></noscript>',
    '<template><img src=x onerror=alert(38)></template>',
    '<style>@import "https://evil.example/x.css";</style>',
    '<a href=" javascript:alert(39)">spaced</a>', '<a href="java&#x09;script:alert(41)">tab</a>',
    '<a href="javascript&colon;alert(42)">colon</a>',
    '<a href="data:text/html,&lt;script&gt;alert(44)&lt;/script&gt;">data</a>',
    '<svg><a xlink:href="javascript:alert(45)"><text>t</text></a></svg>',
    '<details open ontoggle=alert(46)>d</details>', '<video><source onerror=alert(47)></video>',
    '<body onload=alert(49)>', '<svg><animate attributeName="href" values="javascript:alert(50)"/></svg>',
    '<math href="javascript:alert(51)">m</math>', '<input autofocus onfocus=alert(52)>',
    '<isindex action="javascript:alert(53)">', '<div style="width:expression(alert(54))">exp</div>',
    '<a href="#" style="behavior:url(x.htc)">behaviour</a>',
    '<svg><use href="data:image/svg+xml,&lt;svg&gt;&lt;script&gt;alert(55)&lt;/script&gt;&lt;/svg&gt;#x"/></svg>',
    '<p><a href="javascript:alert(56)"\n>split</a></p>', '<frameset><frame src="javascript:alert(57)"></frameset>',
    '<table background="javascript:alert(58)"><tr><td>cell</td></tr></table>',
]
"""Raw HTML shapes: islands (svg, math), frames and plug-ins, forms, ``<base>``, refresh,
styles that run or load, srcset, tags split over lines or without quotes, a tag inside a
tag's name, comments and ``<noscript>`` hiding tags (mutation XSS), ``<template>``."""


def markdown_places(address: str, n: int) -> str:
    """Every Markdown place an address can stand in, on one page."""
    return "\n\n".join([
        f"Link [words{n}]({address}) and ![picture{n}]({address}) and [t{n}](https://ok.example \"{address}\").",
        f"Reference [r{n}][ref{n}] and ![ri{n}][ref{n}].\n\n[ref{n}]: {address} \"{address}\"",
        f"Auto <{address}> done.",
        f"Note[^f{n}].\n\n[^f{n}]: see [x]({address}) <a href=\"{address}\">y</a>",
        f"| a | b |\n|---|---|\n| [c{n}]({address}) | <a href=\"{address}\">d{n}</a> |",
        f"```{{image}} {address}\n:alt: image{n}\n:target: {address}\n```",
        f"```{{figure}} map.png\n:alt: figure{n}\n:target: {address}\n\nCaption {n}.\n```",
        f"```{{raw}} html\n<a href=\"{address}\">raw{n}</a>\n```",
    ])


def front(title: str, position: int, **more: str) -> str:
    """Front matter with each value as a YAML double-quoted string."""
    def quoted(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") \
            .replace("\x01", "\\x01").replace("\n", "\\n") + '"'
    lines = [f"title: {quoted(title)}", f"position: {position}"]
    lines += [f"{key}: {quoted(value)}" for key, value in more.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def plain_pages() -> dict[str, str | bytes]:
    pages: dict[str, str | bytes] = {
        "index.md": front("Home", 0) + "Welcome.\n", "map.png": PNG,
        '"onerror=alert(74) x=".png': PNG,
        "autolink.md": front("Autolink", 3) + "Write to us.\n\nOr call <vbscript:msgbox(1)> today.\n",
        "callout.md": front("Callout", 4) + ":::{admonition} Parking <img src=x onerror=alert(75)>\nRules.\n:::\n",
        "maths.md": front("Maths", 5) + "<details><summary>Fees</summary>\n\nBody.\n\n</details>\n\n"
                    "$$x+y$$\n\n<div>Rates</div>\n\n$$a+b$$\n\nAfter.\n",
        "metablock.md": front("Meta", 6) + "Words.\n\n```{meta}\n:http-equiv=refresh: 0;url=javascript:alert(76)\n"
                        ":description: Parks\n```\n",
        "metarst.md": "---\ntitle: Meta rST\nposition: 7\nhtml_meta:\n  \"http-equiv=refresh\": \"0;url=https://elsewhere.example/\"\n---\n\n"
                      "Words.\n\n```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0;url=javascript:alert(77)\n```\n",
        "pictures.md": front("Pictures", 1) + "![named](%22onerror=alert(74)%20x=%22.png)\n",
        "<img src=x onerror=alert(72)>.md": front("Named", 2) + "Named page.\n",
        "CITATION.cff": (Path(__file__).parent.parent / "CITATION.cff").read_text(encoding="utf-8")
        .replace("  - smart city\n", '  - "<img src=x onerror=alert(94)>"\n')
        .replace("abstract: >-\n", "abstract: >-\n  <script>alert(95)</script>\n", 1),
    }
    for n, address in enumerate(ADDRESSES):
        pages[f"address{n}.md"] = front(f"Address {n}", 10 + n) + markdown_places(address, n) + "\n"
    for n, shape in enumerate(HTML):
        pages[f"html{n}.md"] = front(f"HTML {n}", 40 + n) + f"Before.\n\n{shape}\n\nInline {shape} after.\n\n" \
            f"```{{raw}} html\n{shape}\n```\n"
    pages["frontmatter.md"] = front(
        "T <script>alert(60)</script> <img src=x onerror=alert(61)>", 90,
        description='"><script>alert(62)</script><meta http-equiv=refresh content=0;url=javascript:alert(63)>',
        lang='en"><script>alert(64)</script>', permalink="javascript:alert(65)",
    ) + "Front matter.\n"
    pages["redirects.md"] = front("Redirects", 91) + "Moved.\n"
    pages["redirects.md"] = pages["redirects.md"].replace(
        "position: 91\n", 'position: 91\nredirect_from:\n  - "javascript:alert(67)"\n'
        '  - "/old\\"><script>alert(66)</script>"\n')
    for n, target in enumerate(["javascript:alert(69)", "java\tscript:alert(70)",
                                'https://ok.example/"><script>alert(71)</script>']):
        pages[f"away{n}.md"] = front(f"Away {n}", 92 + n, redirect_to=target) + "Gone.\n"
    return pages


def jekyll_pages() -> dict[str, str | bytes]:
    return {
        "_config.yml": 'title: "Site <script>alert(80)</script>"\n'
                       'description: "\\"><script>alert(81)</script>"\n'
                       'url: "javascript:alert(82)"\nbaseurl: "/\\"><script>alert(83)</script>"\n'
                       'author: "<img src=x onerror=alert(84)>"\n',
        "_data/people.yml": '- name: "<script>alert(85)</script>"\n  url: "javascript:alert(86)"\n'
                            '- name: "<img src=x onerror=alert(87)>"\n  url: "JaVaScRiPt:alert(88)"\n',
        "_includes/people.html": '<ul>{% for p in site.data.people %}<li><a href="{{ p.url }}">'
                                 '{{ p.name }}</a></li>{% endfor %}</ul>\n',
        "_includes/echo.html": "<p>echo {{ include.v }}</p>\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "liquid.md": "---\ntitle: Liquid\n---\n\n{% include people.html %}\n\n"
                     '{% include echo.html v="<script>alert(89)</script>" %}\n\n'
                     "[l]({% link javascript:alert(90) %})\n\n"
                     "Site {{ site.title }} {{ site.description }} {{ site.author }} "
                     "[u]({{ site.url }}{{ site.baseurl }}/x)\n",
    }


def build_editions(source: Path, base: Path) -> list[Build]:
    builds = []
    for folder, builder in (("html", "html"), ("epub", "epub"), ("pdf", "typst")):
        build = sphinx_build(source, base / folder, builder, strict=False, doctrees=base / "doctrees")
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
        builds.append(build)
    return builds


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> tuple[Path, list[Build]]:
    base = tmp_path_factory.mktemp("round11")
    source = write_pages(base / "src", plain_pages())
    return base, build_editions(source, base)


@pytest.fixture(scope="module")
def jekyll(tmp_path_factory) -> tuple[Path, list[Build]]:
    base = tmp_path_factory.mktemp("round11-jekyll")
    source = write_pages(base / "src", jekyll_pages())
    return base, build_editions(source, base)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite"}
SCRIPTING = re.compile(r"(?i)^(?:javascript:|vbscript:|data:text/html)")
LOADING_RELS = {"import", "prefetch", "preconnect", "dns-prefetch", "prerender", "modulepreload"}
OURS_REFRESH = re.compile(r"0; url=(?:\.\./)*[\w./%-]*\.html(?:#[\w-]*)?")


def scripting(value: str) -> bool:
    """An address a browser would run, read as the browser reads it (controls and spaces
    before it and tabs and line breaks inside it dropped), or one no edition may link."""
    return bool(SCRIPTING.match(re.sub(r"[\x00-\x20]", "", value))) or not urls.is_allowed(value)


def live(markup: str) -> list[str]:
    """What in ``markup``, parsed as a browser parses it, could run or load something."""
    found = []
    for element in html5lib.parse(markup, treebuilder="etree", namespaceHTMLElements=False).iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rpartition("}")[2].lower()
        for key, value in element.attrib.items():
            name = key.rpartition("}")[2].lower()
            if name.startswith("on") or name == "srcdoc":
                found.append(f"<{tag} {name}>")
            elif name in URL_ATTRIBUTES and scripting(value):
                found.append(f"<{tag} {name}={value[:50]!r}>")
            elif name == "srcset" and any(scripting(part.split()[0]) for part in value.split(",") if part.split()):
                found.append(f"<{tag} srcset={value[:50]!r}>")
            elif name == "style" and re.search(r"(?i)url\s*\(|expression|behavior|script", value):
                found.append(f"<{tag} style={value[:50]!r}>")
        if tag in {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "isindex"}:
            found.append(f"<{tag}>")
        if tag == "form" and not re.fullmatch(r"#|(?:\.\./)*search\.html", element.get("action") or ""):
            found.append("<form>")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh" \
                and not OURS_REFRESH.fullmatch(element.get("content") or ""):
            found.append(f"<meta refresh {element.get('content')!r}>")
        if tag == "script" and element.get("type") != "application/ld+json" and \
                (not element.get("src") or (element.text or "").strip()):
            found.append(f"<script> {(element.text or '')[:40]!r}")
        if tag == "script" and element.get("type") == "application/ld+json" and "<" in (element.text or ""):
            found.append("ld+json that can close its element")
        if tag == "style" and re.search(r"(?i)@import|url\s*\(", element.text or ""):
            found.append("<style> that loads")
        if tag == "link" and set((element.get("rel") or "").lower().split()) & LOADING_RELS:
            found.append(f"<link rel={element.get('rel')!r}>")
    return found


def editions_found(base: Path) -> dict[str, list[str]]:
    """Each published file of the three editions with what could run in it."""
    found: dict[str, list[str]] = {}
    for file in (base / "html").rglob("*"):
        if not file.is_file() or "_static" in file.parts:
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        if file.suffix in (".html", ".svg"):
            found[str(file)] = live(text)
        elif file.suffix in (".xml", ".txt"):  # sitemap, robots: text, never markup
            found[str(file)] = re.findall(r"(?i)(?:java|vb)script:|<script|\bon\w+=", text)
    for epub in (base / "epub").glob("*.epub"):
        with zipfile.ZipFile(epub) as book:
            for name in book.namelist():
                text = book.read(name).decode("utf-8", errors="replace")
                if name.endswith((".xhtml", ".svg")):
                    found[f"{epub.name}!{name}"] = live(text)
                elif name.endswith((".opf", ".ncx")):
                    found[f"{epub.name}!{name}"] = re.findall(r"(?i)(?:java|vb)script:|<script", text)
    for pdf in (base / "pdf").glob("*.pdf"):
        problems = []
        with pikepdf.open(pdf) as document:
            for thing in document.objects:
                if not isinstance(thing, pikepdf.Dictionary):
                    continue
                if thing.get("/S") == pikepdf.Name("/JavaScript") or "/JS" in thing or "/AA" in thing:
                    problems.append("a JavaScript action")
                if "/URI" in thing and scripting(str(thing["/URI"])):
                    problems.append(f"a link to {str(thing['/URI'])[:50]!r}")
        found[str(pdf)] = problems
    return found


@pytest.mark.parametrize("folder", ["plain", "jekyll"])
def test_no_edition_runs_or_loads_anything_a_page_wrote(folder: str, request) -> None:
    base, _ = request.getfixturevalue(folder)
    found = {name: problems for name, problems in editions_found(base).items() if problems}
    assert found == {}
    assert any(name.endswith(".pdf") for name in editions_found(base))


def warnings_of(builds: list[Build], page: str) -> list[str]:
    return list(dict.fromkeys(w for build in builds for w in build.warnings if f"{page}:" in w))


def line_of(base: Path, page: str, start: str) -> int:
    lines = (base / "src" / page).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


@pytest.mark.parametrize("n", [2, 5])
def test_a_picture_at_a_scripting_address_is_refused_once_at_its_line(plain, n) -> None:
    """``{image} JaVaScRiPt:alert(3)`` (no ``//``) was looked for as a file ("cannot be found:
    add the picture as 'JaVaScRiPt:alert(3)'") and the PDF called it a picture on another site:
    two warnings, both wrong. It is refused as a scripting address, once, at its line."""
    base, builds = plain
    page = f"address{n}.md"
    line = line_of(base, page, "```{image}")
    said = [w for w in warnings_of(builds, page) if f"{page}:{line}:" in w and "picture" in w]
    assert len(said) == 1 and "[security.url-scheme]" in said[0], said
    assert not [w for w in warnings_of(builds, page) if "[image.not_readable]" in w or "[pdf.image]" in w]


@pytest.mark.parametrize("n", [2, 5, 10])
def test_an_autolink_at_a_scripting_address_is_said_where_it_is_shown_as_typed(plain, n) -> None:
    """``<JaVaScRiPt:alert(3)>``: the reader refuses the autolink and shows it as typed, ``<``
    and all; the page said nothing of why (a ``[text](javascript:…)`` was said). The page's
    one such warning names its line."""
    base, builds = plain
    page = f"address{n}.md"
    line = line_of(base, page, "Auto <")
    said = [w for w in warnings_of(builds, page) if "[link.as-text]" in w]
    assert len(said) == 1, said
    lines = re.search(r"lines? ([\d, …]+)\)", said[0])
    assert f"{page}:{line}:" in said[0] or lines and str(line) in lines.group(1).split(", "), said


def test_an_autolink_alone_on_its_page_is_said_for_what_it_is(plain) -> None:
    base, builds = plain
    said = [w for w in warnings_of(builds, "autolink.md") if "[link.as-text]" in w]
    line = line_of(base, "autolink.md", "Or call")
    assert len(said) == 1 and f"autolink.md:{line}:" in said[0], said
    assert "`<…>`" in said[0] and "'vbscript:msgbox(1)'" in said[0], said


def test_a_refused_markdown_link_is_named_with_its_whole_address(plain) -> None:
    """The message named ``javascript:alert(2`` for ``[words](javascript:alert(2))``: the
    address cut at its first ``)``."""
    _, builds = plain
    said = [w for w in warnings_of(builds, "address2.md") if "Markdown for a link is shown as typed" in w]
    assert said and "'JaVaScRiPt:alert(3)'" in said[0], said


@pytest.mark.parametrize("page", ["frontmatter.md", "callout.md"])
def test_html_in_a_title_is_said_once(plain, page) -> None:
    """``title: "… <img src=x onerror=…>"`` (or a box's title) was said by the title check
    (shown as text, not run) and again as a picture whose HTML is wrong, at the front
    matter's first line."""
    _, builds = plain
    said = warnings_of(builds, page)
    assert any("[security.title-markup]" in w and "onerror" in w for w in said), said
    assert not [w for w in said if "[link.as-text]" in w], said


def test_isindex_adds_no_words_the_page_never_wrote(plain) -> None:
    """html5lib builds ``<isindex>``'s old search form, with "This is a searchable index.
    Enter search keywords:", which browsers stopped doing in 2016: every edition printed it."""
    base, _ = plain
    n = next(n for n, shape in enumerate(HTML) if "isindex" in shape)
    site = (base / "html" / f"html{n}.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(next((base / "epub").glob("*.epub"))) as book:
        epub = book.read(f"html{n}.xhtml").decode("utf-8")
    typst = "".join(file.read_text(encoding="utf-8") for file in (base / "pdf").glob("*.typ"))
    for text in (site, epub, typst):
        assert "searchable index" not in text and "Before." in site


def test_a_formula_after_html_is_maths_and_the_html_keeps_its_words(plain) -> None:
    """``$$x+y$$`` after ``</details>`` (or ``<div>…</div>``) and a blank line: the fence's
    opening was written on that blank line, which had ended the HTML block, so the block ran
    on: the site showed "```{math} x+y```" as typed and the ``<details>`` box with no words."""
    base, _ = plain
    site = (base / "html" / "maths.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(next((base / "epub").glob("*.epub"))) as book:
        epub = book.read("maths.xhtml").decode("utf-8")
    for text in (site, epub):
        assert "```" not in text and text.count("<math") >= 2, text
        assert re.search(r"<details[^>]*>.*Body\..*</details>", text, re.S), text


def test_a_folder_named_with_shell_syntax_runs_nothing_and_builds_every_edition(tmp_path: Path) -> None:
    """``make all`` with SOURCEDIR and BUILDDIR named with a leading ``-``, ``;``, backticks,
    ``$(…)``, ``&&``, ``|`` and both quotes: each reaches the shell single-quoted and the
    build script as an argument, so no command runs, nothing outside BUILDDIR changes and
    every edition is built. (Held; a line break is refused by the Makefile in one line.)"""
    marker = "pwned-round11"
    name = f"-x;touch {marker} `touch {marker}-2` $(touch {marker}-3) && echo \"q'\" | cat"
    folder = tmp_path / name
    source = write_pages(folder / "pages", {"index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    built = make("all", f"SOURCEDIR={source}", f"BUILDDIR={folder / 'out'}", "STRICT=0")
    assert built.returncode == 0, built.stdout + built.stderr
    assert not [p for p in (REPO, tmp_path, Path.cwd()) for q in p.glob(f"{marker}*")]
    after = sorted(str(p) for p in tmp_path.rglob("*") if not str(p).startswith(str(folder / "out")))
    assert after == before
    assert {p.name for p in (folder / "out").iterdir()} >= {"html", "epub", "pdf"}
    assert list((folder / "out" / "pdf").glob("*.pdf")) and list((folder / "out" / "epub").glob("*.epub"))


def test_a_myst_meta_block_is_said_once_in_the_projects_words(plain) -> None:
    """```` ```{meta} ```` with ``:http-equiv=refresh: 0;url=javascript:…``: MyST cannot read
    it, and printed an ``ERROR`` in its own words ("cannot be mocked: MockingError …
    nested_list_parse"), untyped, in two editions. Left out and said once, at its line."""
    base, builds = plain
    line = line_of(base, "metablock.md", "```{meta}")
    said = warnings_of(builds, "metablock.md")
    assert [w for w in said if "[security.meta-tag]" in w and f"metablock.md:{line}:" in w] == said[:1], said
    assert len([w for w in said if "meta" in w.lower()]) == 1, said
    assert not [b for b in builds if "MockingError" in b.output]


def test_an_rst_meta_refresh_is_said_at_its_own_line_not_the_front_matters(plain) -> None:
    """``.. meta::`` was said at the first line holding ``http-equiv=refresh``: the front
    matter's ``html_meta`` key, said there already by its own warning."""
    base, builds = plain
    line = line_of(base, "metarst.md", "   :http-equiv=refresh:")
    said = [w for w in warnings_of(builds, "metarst.md") if "`.. meta::`" in w]
    assert len(said) == 1 and f"metarst.md:{line}:" in said[0], said


@pytest.mark.parametrize("shape", ['<q cite=" JaVa&#x09;Script:alert(2)">q</q>',
                                   '<blockquote cite="java&#x0A;script:alert(3)">b</blockquote>'])
def test_a_scripting_cite_with_a_tab_or_space_in_its_scheme_is_said(shape) -> None:
    """A ``cite`` with no scheme (a source's address for machines) is left out without a word;
    one whose scheme a tab, line break or space split (``JaVa\\tScript:``, which browsers read
    as ``javascript:``) was taken for such an address: left out, but never said."""
    from rawhtml.sanitize import clean

    html, changes = clean(shape)
    assert "cite" not in html and "script" not in html.lower(), html
    assert [c for c in changes if "is left out: only http" in c.what], changes


def test_a_hidden_file_a_page_links_or_includes_is_never_published(tmp_path: Path) -> None:
    """``[settings](.env)``, ``[x](.git/config)`` (a CI checkout's holds its token) and
    ``{literalinclude} .git/config`` published the file as a download, or printed it in the
    page, without a word: Jekyll and GitHub Pages never publish a hidden file. Each is
    refused at its line; GitBook's ``.gitbook/assets/`` files are still published."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nSee [settings](.env), [git](.git/config) and "
                    "[the plan](.gitbook/assets/plan.txt).\n\n```{literalinclude} .git/config\n```\n",
        ".env": "SECRET_ENV=1\n", ".git/config": "[remote]\nurl = https://u:SECRET_TOKEN@github.com/x\n",
        ".gitbook/assets/plan.txt": "The parks plan.\n",
    })
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    leaked = [str(p) for p in (tmp_path / "html").rglob("*") if p.is_file()
              and "SECRET" in p.read_text(encoding="utf-8", errors="replace")]
    assert leaked == []
    said = [w for w in build.warnings if "[security.hidden-file]" in w]
    assert len(said) == 3 and all("index.md:5:" in w for w in said[:2] if "download" in w), said
    assert any("index.md:7:" in w and "literalinclude" in w for w in said), said
    assert list((tmp_path / "html" / "_downloads").rglob("plan.txt"))
    assert "settings" in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")


def test_a_picture_or_download_no_page_shows_any_more_leaves_the_site(tmp_path: Path) -> None:
    """A file put online by mistake (a list of residents' names) and then deleted from the
    pages stayed on the site at ``_downloads/<hash>/`` after every rebuild; a picture no
    page shows any more stayed in ``_images/``. Those of the pages still shown stay."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nSee [the list](residents.csv), [the plan](plan.txt), "
                    "![Old map](old.png) and ![Map](map.png).\n",
        "residents.csv": "name,address\nSECRET,1 Main St\n", "plan.txt": "Plan.\n",
        "old.png": PNG, "map.png": PNG,
    })
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    assert sphinx_build(source, out, strict=False, doctrees=doctrees).returncode == 0
    assert list(out.glob("_downloads/*/residents.csv")) and (out / "_images" / "old.png").is_file()
    (source / "index.md").write_text("---\ntitle: Home\n---\n\nSee [the plan](plan.txt) and ![Map](map.png).\n",
                                     encoding="utf-8")
    (source / "residents.csv").unlink()
    (source / "old.png").unlink()
    again = sphinx_build(source, out, strict=False, doctrees=doctrees)
    assert again.returncode == 0 and "Traceback" not in again.output, again.output
    assert not list(out.glob("_downloads/*/residents.csv")) and not (out / "_images" / "old.png").exists()
    assert list(out.glob("_downloads/*/plan.txt")) and (out / "_images" / "map.png").is_file()


def test_include_relative_of_a_hidden_file_prints_nothing_of_it(tmp_path: Path) -> None:
    """``{% include_relative .env %}`` and ``{% include_relative .git/config %}`` on an old
    Jekyll site's page printed the file into every edition; now the tag stays as written and
    is said, as one naming a file outside the folder is."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Parks\n", ".env": "SECRET_ENV=1\n", ".git/config": "SECRET_TOKEN\n",
        "index.md": "---\ntitle: Home\n---\n\nA {% include_relative .env %}\n\nB {% include_relative .git/config %}\n",
    })
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert "SECRET" not in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    said = [w for w in build.warnings if "index.md:5:" in w and "include_relative .env" in w]
    assert said and "hidden file" in said[0], build.warnings  # said as hidden: tests/test_messages3.py
    said = [w for w in build.warnings if "index.md:7:" in w and "include_relative .git/config" in w]
    assert said and "hidden folder '.git'" in said[0], build.warnings
