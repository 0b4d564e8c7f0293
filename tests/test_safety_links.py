"""No script reaches a reader: links, titles and SVGs from a hostile page, in every edition.

One project tries every route into a link (image and figure targets, rST links and targets,
and their ``target-notes``, autolinks, Markdown links), a title with HTML and a scripted SVG; the HTML, the ePub and the
PDF are built from one doctree cache, as ``make all`` does, and searched for what came in.
"""

from __future__ import annotations

import base64
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import page, sphinx_build, write_pages
from test_redirects import copy_project

from safety import urls

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==")
HOSTILE = "\n\n".join([
    "```{image} map.png\n:alt: Bus routes\n:target: javascript:alert('image')\n```",
    "```{figure} map.png\n:alt: Bike lanes\n:target: JavaScript:alert('figure')\n\nLanes.\n```",
    "```{eval-rst}\n.. contents::\n\n.. sectnum::\n\nSee `the budget <JAVASCRIPT:alert('rst')>`_ "
    "and `the plan`_.\n\n.. _the plan: vbscript:msgbox('target')\n\n.. target-notes::\n```",
    "Also [a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and "
    "<javascript:alert('auto')> and [mail us](mailto:parks@austintexas.gov).",
    "![Scripted map](scripted.svg)",
    # '//' starts a script's comment, the newline ends it: anything with '://' was linked
    "```{image} javascript://%0aalert(document.domain)\n:alt: Route map\n```",
    "```{figure} vbscript://x/%0amsgbox(3)\n:alt: Ward map\n\nWards.\n```",
    "![The passwords](file:///etc/passwd) and {download}`the budget <javascript://%0aalert(2)>`"
    " and {download}`the list <ftp://evil.example/x.html>`.",
])
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
       '<rect width="4" height="4" onclick="alert(\'svg\')"/></svg>')


@pytest.mark.parametrize("url, allowed", [
    ("https://austintexas.gov/", True), ("mailto:a@b.c", True), ("tel:+15125551234", True),
    ("page.html#x", True), ("../x/", True), ("//cdn.example/x", True), ("#top", True),
    ("javascript:alert(1)", False), (" JaVaScRiPt:alert(1)", False), ("java\tscript:x", False),
    ("\x01javascript:x", False), ("data:text/html,x", False), ("vbscript:x", False),
    ("file:///etc/passwd", False), ("ftp://x", False),
])
def test_the_allowlist_reads_schemes_as_a_browser_does(url: str, allowed: bool) -> None:
    assert urls.is_allowed(url) is allowed


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    project = copy_project(base / "project")
    cff = project / "CITATION.cff"
    cff.write_text(re.sub(r'(?m)^(  )?title: .*$', r'\1title: "Smart <script>alert(1)</script> City"',
                          cff.read_text(encoding="utf-8")), encoding="utf-8")
    source = write_pages(base / "src", {
        "index.md": page("Home", body="Welcome."),
        "a.md": page("Parks <img src=x onerror=alert('title')>", 1, body=HOSTILE),
        "map.png": PNG, "scripted.svg": SVG,
    })
    for folder, builder in (("pdf", "typst"), ("epub", "epub"), ("html", "html")):
        build = sphinx_build(source, base / folder, builder, strict=False, doctrees=base / "doctrees",
                             confdir=project)
        assert build.returncode == 0, build.output
        assert "Traceback" not in build.output
    return base


def published_texts(base: Path) -> dict[str, str]:
    texts = {}
    for file in (base / "html").rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".txt", ".svg") \
                or file.name == "searchindex.js":
            texts[str(file)] = file.read_text(encoding="utf-8", errors="replace")
    for epub in (base / "epub").glob("*.epub"):
        with zipfile.ZipFile(epub) as archive:
            for name in archive.namelist():
                texts[f"{epub}!{name}"] = archive.read(name).decode("utf-8", errors="replace")
    return texts


def test_no_scripting_link_in_the_html_or_the_epub(hostile: Path) -> None:
    from bs4 import BeautifulSoup

    for name, text in published_texts(hostile).items():
        if not name.endswith((".html", ".xhtml", ".svg")):
            lowered = re.sub(r"\s", "", text.lower())
            assert "javascript:" not in lowered and "vbscript:" not in lowered, name
            continue
        for tag in BeautifulSoup(text, "html.parser").find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], f"{tag} in {name}"
            for attribute in ("href", "src", "action", "formaction", "xlink:href", "data", "poster"):
                assert urls.is_allowed(tag.get(attribute) or ""), f"{tag} in {name}"
            if tag.name == "script" and tag.get("type") == "application/ld+json":
                assert "<" not in tag.get_text(), name  # data, and it cannot close its element
            elif tag.name == "script":
                assert tag.get("src") or "alert" not in tag.get_text(), name
            assert tag.name != "img" or tag.get("src") != "x", f"{tag} in {name}"
    assert not list((hostile / "html" / "_images").glob("*.svg"))


def test_no_scripting_link_in_the_pdf(hostile: Path) -> None:
    reader = PdfReader(next((hostile / "pdf").glob("*.pdf")))
    uris = [annotation.get_object()["/A"].get("/URI", "")
            for pdf_page in reader.pages for annotation in pdf_page.get("/Annots", []) or []
            if "/A" in annotation.get_object()]
    assert "mailto:parks@austintexas.gov" in uris
    assert all(urls.is_allowed(str(uri)) for uri in uris), uris


def test_every_word_of_a_refused_link_or_title_stays(hostile: Path) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((hostile / "html" / "a.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join([*soup.get_text().split(), *(img.get("alt", "") for img in soup.find_all("img"))])
    for words in ("Parks <img src=x onerror=alert('title')>", "the budget", "the plan",
                  "a data link", "Bus routes", "Bike lanes", "Scripted map"):
        assert words in text
    brand = soup.select_one(".sidebar-brand-text").get_text()
    assert brand == "Smart <script>alert(1)</script> City"  # shown, not run
    assert soup.title.get_text().endswith("Smart <script>alert(1)</script> City")


def test_a_picture_on_another_site_is_a_link_on_the_website_and_loads_nothing(tmp_path):
    from bs4 import BeautifulSoup

    from conftest import page, sphinx_build, write_pages

    body = ("Riders: ![Riders per month](https://cdn.example.com/chart.png)\n\n"
            "[![Linked badge](https://cdn.example.com/badge.svg)](https://example.com/)\n\n"
            "![A local picture that is missing](here.png)\n")
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body=body)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    site = BeautifulSoup((tmp_path / "html" / "index.html").read_bytes(), "lxml")
    article = site.select_one("article")
    assert not [img["src"] for img in article.find_all("img") if "example.com" in img["src"]]
    link = article.select_one("a.remote-picture")
    assert (link.get_text(), link["href"]) == ("Riders per month", "https://cdn.example.com/chart.png")
    assert "Linked badge" in article.get_text()
    assert sum("[security.remote-picture]" in w for w in build.warnings) == 2


@pytest.mark.parametrize(("url", "unreachable"), [
    ("https://.github.com/flyx", True), ("https://a..b/", True), ("https://", True),
    ("https://?q", True), ("http://[]/", True),
    ("https://github.com/flyx", False), ("http://a.b.", False), ("http://[::1]/", False),
    ("http://user@host:80/p", False), ("https:example.com", False), ("mailto:a@b", False),
    ("/x", False), ("HTTPS://WWW.AUSTINTEXAS.GOV?q=1", False),
])
def test_a_web_address_without_a_host_name_is_told_apart(url: str, unreachable: bool) -> None:
    assert urls.unreachable_host(url) is unreachable


SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


@pytest.mark.parametrize("svg_text, unsafe", [
    # DOMPurify's and html5sec's vectors, as an SVG file the site would publish on its own
    (f'<svg {SVG_NS}><a xlink:href="javascript:alert(1)"><rect/></a></svg>', True),
    (f'<svg {SVG_NS}><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>', True),
    (f'<svg {SVG_NS}><foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject></svg>', True),
    (f'<?xml-stylesheet type="text/xsl" href="map.xsl"?><svg {SVG_NS}><rect/></svg>', True),
    (("<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE svg [<!ENTITY a 'aaaa'>"
      f"<!ENTITY b '&a;&a;&a;'>]><svg {SVG_NS}><text>&b;</text></svg>").encode("utf-16"), True),
    (f'<svg {SVG_NS}><style>@\\69mport "https://evil.example/x.css";</style></svg>', True),
    (f'<svg {SVG_NS}><rect style="fill: image-set(\'https://evil.example/x.png\' 1x)"/></svg>', True),
    (f'<svg {SVG_NS}><rect mask="url(https://evil.example/m.svg#m)"/></svg>', True),
    # what Illustrator writes: a public DOCTYPE, a class style, a fill from a gradient of its own
    ('<?xml version="1.0" encoding="utf-8"?>\n<!-- Generator: Adobe Illustrator 24.0.0 -->\n'
     '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
     f'<svg version="1.1" {SVG_NS} viewBox="0 0 10 10" style="enable-background:new 0 0 10 10;">'
     '<style type="text/css">.st0{fill:#FF0000;}</style><rect class="st0" width="10" height="10" '
     'fill="url(#g)"/></svg>', False),
])
def test_an_svg_is_published_only_when_it_can_neither_run_nor_load_anything(svg_text, unsafe) -> None:
    from safety import svg

    data = svg_text if isinstance(svg_text, bytes) else svg_text.encode()
    assert bool(svg.problems(data)) is unsafe, svg.problems(data)


@pytest.mark.parametrize(("url", "read", "problem"), [
    ("https:example.org/a", "https://example.org/a", None),  # browsers read the slashes in
    ("https:/example.org/a", "https://example.org/a", None),
    ("https:///example.org/a", "https://example.org/a", None),
    ("https:\\\\example.org\\a?q=\\", "https://example.org/a?q=\\", None),
    ("https://example.org/#a#b", "https://example.org/#a%23b", None),
    ("https://example.org:99999/", "https://example.org:99999/", "port"),
    ("https://example.org:8o/", "https://example.org:8o/", "port"),
    ("https://exa%20mple.org/", "https://exa%20mple.org/", "host name"),
    ("https://exa mple.org/", "https://exa mple.org/", "host name"),
    ("https://xn--/", "https://xn--/", "host name"),
    ("https://example.org:" + "9" * 5000 + "/", "https://example.org:" + "9" * 5000 + "/", "port"),  # no ValueError
    ("https://" + "a" * 64 + ".org/", "https://" + "a" * 64 + ".org/", "63 at most"),  # DNS's limit
    ("https://[::1/", "https://[::1/", "host name"),
    ("https://.github.com/flyx", "https://.github.com/flyx", "no host name"),
    ("mailto:", "mailto:", "nothing after"), ("tel: ", "tel: ", "nothing after"),
    ("https://ex_ample.org:443/", "https://ex_ample.org:443/", None),
    ("https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/", None),
    ("http://[::1]:8080/", "http://[::1]:8080/", None), ("mailto:a@b.org", "mailto:a@b.org", None),
    ("/x#a#b", "/x#a#b", None), ("https://user:pw@example.org:/", "https://user:pw@example.org:/", None),
])
def test_an_address_is_read_as_a_browser_reads_it_and_one_leading_nowhere_is_said(url, read, problem):
    """Each address on the left was an invalid URL in the ePub (EPUBCheck RSC-020, RSC-005)
    and led nowhere, or somewhere only after a browser's reading, on the site."""
    assert urls.as_browsers_read(url) == read
    found = urls.address_problem(url)
    assert (found is None) if problem is None else (problem in found), found


def test_links_leading_nowhere_are_their_words_and_the_epub_stays_valid(tmp_path: Path) -> None:
    from test_rawhtml import epubcheck_errors

    body = ("[port](https://example.org:99999/d) [space](https://exa%20mple.org/o) [mail](mailto:)\n"
            "[slash](https:example.org/a) [hash](https://example.org/#a#b)\n\n"
            '<p><a href="https://example.org:99999/r">raw port</a> <a href="https:/example.org/s">raw slash</a> '
            '<img src="https://exa mple.org/p.png" alt="raw picture"></p>\n')
    src = write_pages(tmp_path / "src", {"index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
                                         "a.md": f"---\ntitle: Alpha\nposition: 1\n---\n\n{body}"})
    epub = sphinx_build(src, tmp_path / "epub", "epub", strict=False)
    assert epub.returncode == 0 and "Traceback" not in epub.output, epub.output
    said = [w for w in epub.warnings if "[security.unreachable-host]" in w]
    assert len(said) == 3 and all(f"{src / 'a.md'}:6:" in w for w in said), epub.output
    assert [w for w in epub.warnings if "[rawhtml.removed]" in w and "99999" in w and "exa mple" in w]
    assert epubcheck_errors(next((tmp_path / "epub").glob("*.epub"))) == []
    html = sphinx_build(src, tmp_path / "html", "html", strict=False)
    links = {a.get_text(): a.get("href") for a in
             BeautifulSoup((tmp_path / "html" / "a.html").read_text(encoding="utf-8"), "html.parser").select("article a")}
    assert links["slash"] == "https://example.org/a" and links["hash"] == "https://example.org/#a%23b"
    assert links["raw slash"] == "https://example.org/s"
    assert not {"port", "space", "mail"} & set(links) and links["raw port"] is None, links
    assert "raw picture" in (tmp_path / "html" / "a.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("title", "closers"), [
    ("Plain", ""), ("Report \u202eevil", "\u202c"), ("\u2067نص", "\u2069"),
    ("\u202bA\u2067B", "\u2069\u202c"), ("\u2067\u202eA\u2069 after", ""),  # the isolate closes both
    ("\u202eA\u202c done", ""), ("\u202c\u2069 stray", ""),
])
def test_a_title_closes_the_bidirectional_controls_it_leaves_open(title, closers):
    from safety.titles import bidi_closers

    assert bidi_closers(title) == closers


def test_a_right_to_left_override_in_a_title_turns_only_the_title(tmp_path: Path) -> None:
    """``title: "Report \\u202e evil"`` showed what follows it backwards: the publication's
    name in the browser's tab, the next title in the sidebar."""
    src = write_pages(tmp_path / "src", {"index.md": page("Home", None, "Welcome."),
                                         "a.md": page("Report \u202e evil", 1, "Text."),
                                         "b.md": page("Budget", 2, "More.")})
    html = sphinx_build(src, tmp_path / "html", "html")
    assert html.returncode == 0, html.output
    soup = BeautifulSoup((tmp_path / "html" / "a.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith("Report \u202e evil\u202c - ")
    assert soup.select_one("article h1").get_text().rstrip("¶") == "Report \u202e evil\u202c"
    assert "Report \u202e evil\u202c" in [a.get_text() for a in soup.select(".sidebar-tree a")]


def test_a_line_break_in_a_heading_is_a_space_not_markup_shown(tmp_path: Path) -> None:
    """The VA's VistA RPC pages end a breadcrumb heading with `<br/>` (kramdown: a line
    break). Every edition showed the characters `<br/>` in the heading, and a warning
    called it HTML that was not run."""
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", 1),
        "rpc.md": page("DVBA CAPRI SETCLAIMTYPE", 2, body="#### [Native RPCs](index.md) &#187; "
                       "DVBA CAPRI SETCLAIMTYPE<br/>\n\nText.\n\n## Two <BR>lines\n\nMore.\n")})
    build = sphinx_build(source, tmp_path / "out", strict=True)
    assert build.returncode == 0, build.output
    html = (tmp_path / "out" / "rpc.html").read_text(encoding="utf-8")
    headings = [" ".join(h.get_text().replace("\u00b6", "").split())
                for h in BeautifulSoup(html, "lxml").select("article[role=main] section h2, "
                                                            "article[role=main] section h4")]
    assert headings == ["Native RPCs \u00bb DVBA CAPRI SETCLAIMTYPE", "Two lines"], headings
    assert "&lt;br" not in html.lower()


def test_an_empty_icon_element_in_a_heading_is_left_out_not_shown_as_markup(tmp_path: Path) -> None:
    """Minimal Mistakes posts put Font Awesome icons before a heading's words (nelbren's
    ``## <i class="fa fa-globe" aria-hidden="true"></i> Sitios consultados:``). An element
    with nothing inside shows no words; every edition showed its markup, quotes curled,
    before the heading, with a warning. A tag around words is still shown and warned."""
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", 1),
        "post.md": page("Post", 2, body='## <i class="fa fa-globe" aria-hidden="true"></i> Sitios '
                        'consultados:\n\nText.\n\n## <span class="icon"></span>Hours\n\nMore.\n\n'
                        "## Parks <img src=x onerror=alert(1)>\n\nEnd.\n")})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    html = (tmp_path / "out" / "post.html").read_text(encoding="utf-8")
    headings = [" ".join(h.get_text().replace("\u00b6", "").split())
                for h in BeautifulSoup(html, "lxml").select("article[role=main] section h2")]
    assert headings == ["Sitios consultados:", "Hours", "Parks <img src=x onerror=alert(1)>"], headings
    warned = [line for line in build.warnings if "title-markup" in line]
    assert len(warned) == 1 and "post.md:14:" in warned[0] and "onerror" in warned[0], build.output


def test_an_address_in_a_message_is_whole_or_visibly_cut(tmp_path: Path) -> None:
    """A City repository's picture address (100 characters) was said cut at 80, with no "…",
    and read as the real address."""
    from safety.problems import cut

    icon = ("https://raw.githubusercontent.com/gildas-lormeau/SingleFile/master/WebContent/ui/"
            "resources/icon_19.png")
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body=f"![Single File Icon]({icon})")})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert any(f"the picture '{icon}' is on another site" in line for line in build.output.splitlines())
    assert cut("x" * 300) == "x" * 199 + "\u2026"
