"""Arabic (right to left) and Chinese in all three editions, from two tiny translated projects.

``tests/roots/lang-ar`` and ``lang-zh`` are three pages each with ``.po`` catalogs as
``make translations`` writes them; one paragraph is left untranslated on purpose, so the
fallback to English (marked ``lang="en"``) is tested too. The PDF needs fonts for each
script: Noto Sans Arabic and Noto Sans CJK, from PyPI packages.
"""

from __future__ import annotations

import importlib
import json
import zipfile
from pathlib import Path

import pikepdf
import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, page, sphinx_build, write_pages
from test_pdf_support import struct_elements, structure_problems


FIXTURES = {
    # language: (root, font family, font package, folder of its files inside the package)
    "ar": ("lang-ar", "Noto Sans Arabic", "manimgx_fonts", ""),
    "zh_CN": ("lang-zh", "Noto Sans CJK TC", "cvttf_NotoSansCJK_Regular", ""),
}
UNTRANSLATED = "This paragraph is not translated yet."


def font_folder(package: str, inside: str) -> Path:
    module = importlib.import_module(package)
    return Path(module.__file__).parent / inside


@pytest.fixture(scope="module", params=sorted(FIXTURES))
def edition(request, tmp_path_factory) -> tuple[str, Path]:
    """The fixture built in its language as html/, epub/ and pdf/ (one doctree cache)."""
    language = request.param
    root, family, package, inside = FIXTURES[language]
    base = tmp_path_factory.mktemp(f"lang-{language}")
    options = ("-D", f"language={language}", "-D", f"publication_languages={language}",
               "-D", f"pdf_fonts=Libertinus Serif,{family},DejaVu Sans Mono",
               "-D", f"pdf_font_paths={font_folder(package, inside)}")
    for folder, builder in (("pdf", "typst"), ("epub", "epub"), ("html", "html")):
        result = sphinx_build(ROOTS / root, base / folder, builder, doctrees=base / "doctrees",
                              extra=options)
        assert result.returncode == 0, result.output
    return language, base


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def the_book(base: Path, kind: str) -> Path:
    (book,) = (base / kind).glob(f"*.{kind}")
    return book


def test_the_books_carry_the_language_in_name_and_metadata(edition):
    language, base = edition
    tag = language.replace("_", "-")
    assert the_book(base, "pdf").name == f"smart-city-austin-{language}.pdf"
    assert the_book(base, "epub").name == f"smart-city-austin-{language}.epub"
    assert structure_problems(the_book(base, "pdf"), lang=tag) == []
    with zipfile.ZipFile(the_book(base, "epub")) as book:
        opf = BeautifulSoup(book.read("content.opf"), "xml")
        assert opf.find("dc:language").get_text() == tag
        page = book.read("sensors.xhtml").decode()
        assert f'lang="{tag}" xml:lang="{tag}"' in page
    assert soup(base / "html" / "sensors.html").html["lang"] == tag


def test_an_untranslated_passage_is_marked_english_in_every_edition(edition):
    language, base = edition
    site = soup(base / "html" / "sensors.html")
    for link in site.select("a.passage-link"):  # the "¶" beside each passage is not its text
        link.decompose()
    english = site.find("p", string=UNTRANSLATED)
    assert english is not None and english["lang"] == "en"
    assert site.find("p", lang=False, string=UNTRANSLATED) is None
    with zipfile.ZipFile(the_book(base, "epub")) as book:
        page = BeautifulSoup(book.read("sensors.xhtml"), "lxml")
    assert page.find("p", string=UNTRANSLATED)["lang"] == "en"
    assert f'#text(lang: "en", region: none, "{UNTRANSLATED}")' in the_book(base, "pdf").with_suffix(".typ").read_text()
    with pikepdf.open(the_book(base, "pdf")) as pdf:
        marked = [str(e.Lang) for e in struct_elements(pdf) if "/Lang" in e]
    assert marked == ["en"]  # the one English paragraph, and only it


def test_unreviewed_translation_shows_its_notice_with_how_much_is_translated(edition):
    language, base = edition
    banner = soup(base / "html" / "index.html").select_one(".announcement .translation-notice")
    assert banner is not None and banner["lang"] == language.split("_")[0]
    assert "85" in banner.get_text()  # 6 of 7 messages
    with zipfile.ZipFile(the_book(base, "epub")) as book:
        assert "translation-notice" in book.read("index.xhtml").decode()


def test_search_indexes_the_words_of_each_language(edition):
    """Sphinx's zh search indexes Chinese words only through jieba; Arabic words as they are."""
    language, base = edition
    text = (base / "html" / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text[text.index("(") + 1:text.rindex(")")])["terms"]
    expected = {"ar": {"خريطة", "الشاغرة"}, "zh_CN": {"停车位", "传感器", "地图"}}[language]
    assert expected <= set(terms)


def test_arabic_is_right_to_left_in_every_edition(edition):
    language, base = edition
    rtl = language == "ar"
    for page in ("index.html", "sensors.html", "search.html", "genindex.html"):
        assert (soup(base / "html" / page).html.get("dir") == "rtl") == rtl, page
    with zipfile.ZipFile(the_book(base, "epub")) as book:
        opf = BeautifulSoup(book.read("content.opf"), "xml")
        assert opf.find("spine")["page-progression-direction"] == ("rtl" if rtl else "ltr")
        for name in ("index.xhtml", "sensors.xhtml", "data.xhtml"):
            assert ('dir="rtl"' in book.read(name).decode()) == rtl
    # The PDF: a short paragraph starts at the right margin in Arabic, the left one otherwise.
    reader = pypdf.PdfReader(the_book(base, "pdf"))
    width = float(reader.pages[0].mediabox.width)
    starts = []
    for page in reader.pages:
        page.extract_text(visitor_text=lambda text, cm, tm, *_: starts.append(cm[4] + tm[4])
                          if any(ord(c) > 0x5FF for c in text) else None)
    assert starts
    right = [x for x in starts if x > width / 2]
    assert (len(right) > len(starts) / 2) == rtl


def test_each_script_is_set_in_its_own_embedded_font(edition):
    """No tofu: Typst refuses a glyph no font has (PDF/UA), and the script's font is embedded."""
    language, base = edition
    font = {"ar": "NotoSansArabic", "zh_CN": "NotoSansCJK"}[language]
    with pikepdf.open(the_book(base, "pdf")) as pdf:
        names = {str(f.get("/BaseFont")) for page in pdf.pages
                 for f in (page.Resources.get("/Font") or {}).values()}
    assert any(font in name for name in names), names
    if language == "zh_CN":
        text = "".join(page.extract_text() for page in pypdf.PdfReader(the_book(base, "pdf")).pages)
        assert "传感器在地图上显示空闲的停车位。" in text
        assert "本译文尚未经过审校" in text


def arabic_book(tmp_path: Path, home: str, title: str, more: str = "") -> Path:
    """The PDF of an English home page and one Arabic page, built with the default fonts."""
    source = write_pages(tmp_path / "src", {
        "index.md": page(home, body="Welcome to the page."),
        "ar.md": f"---\ntitle: {title}\nposition: 1\nlang: ar\n---\n\n"
                 f"تلتزم مدينة أوستن بتقديم خدمات عالية الجودة.{more}\n"})
    build = sphinx_build(source, tmp_path / "pdf", "typst")
    assert build.returncode == 0, build.output
    return the_book(tmp_path, "pdf")


def test_an_arabic_page_is_set_in_the_arabic_font_not_the_code_font(tmp_path):
    """With the default fonts an Arabic page came out in DejaVu Sans Mono, which has Arabic
    letters too and stood before Noto Sans Arabic: letter-spaced, like a typewriter. In Noto
    Sans Arabic the words must still read right when copied or read aloud: its dots were
    glyphs of their own, which the PDF mapped to their letter again ("مرحبا" was "اببحرم"). The
    default Arabic-script font is now Civic Sans Arabic (typst_pdf/arabicfont.py), whose
    letters are each one glyph."""
    book = arabic_book(tmp_path, "Home", "سياسة الوصول اللغوي", "\n\nمرحبا كتاب")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(book).pages)
    assert "ابحرم" in text or "مرحبا" in text, text  # pypdf may give the visual order
    assert "باتك" in text or "كتاب" in text, text
    with pikepdf.open(book) as pdf:
        names = {str(f.get("/BaseFont")) for page_ in pdf.pages
                 for f in (page_.Resources.get("/Font") or {}).values()}
    assert any("CivicSansArabic" in name for name in names), names
    assert not any("DejaVuSansMono" in name for name in names), names


# ---------------------------------------------------------------- in the browser

from test_a11y_html import (SCHEMES, WIDTHS, QuietHandler, axe_source, axe_violations,  # noqa: E402,F401
                            browser, new_page)


@pytest.fixture(scope="module")
def site(edition):
    import functools
    import http.server
    import threading

    language, base = edition
    handler = functools.partial(QuietHandler, directory=str(base / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield language, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_axe_finds_no_violation_in_either_script(browser, site, axe_source):
    language, url = site
    found = {}
    for width in WIDTHS:
        for scheme in SCHEMES:
            context, page = new_page(browser, width, scheme)
            for name in ("index.html", "sensors.html", "data.html", "search.html"):
                page.goto(url + name)
                if violations := axe_violations(page, axe_source):
                    found[f"{width} {scheme} {name}"] = violations
            context.close()
    assert found == {}


def test_navigation_is_mirrored_right_to_left(browser, site):
    """Desktop: the site navigation is right of the text in Arabic; phone: its drawer opens at the right."""
    language, url = site
    context, page = new_page(browser, "desktop")
    page.goto(url + "sensors.html")
    sidebar = page.locator(".sidebar-drawer").bounding_box()
    article = page.locator("article").bounding_box()
    assert (sidebar["x"] > article["x"]) == (language == "ar")
    context.close()
    context, page = new_page(browser, "phone")
    page.goto(url + "sensors.html")
    page.locator('button[aria-label="Site navigation"]').first.click()
    page.wait_for_timeout(50)
    drawer = page.locator(".sidebar-drawer").bounding_box()
    width = WIDTHS["phone"]["width"]
    if language == "ar":
        assert abs(drawer["x"] + drawer["width"] - width) < 2 and drawer["x"] > 0
    else:
        assert abs(drawer["x"]) < 2
    context.close()


def test_search_finds_a_word_of_the_language(browser, site):
    language, url = site
    word = {"ar": "خريطة", "zh_CN": "停车位"}[language]
    context, page = new_page(browser, "desktop")
    page.goto(url + "search.html?q=" + word)
    page.wait_for_selector("#search-results ul.search li a")
    hrefs = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))")
    assert any(h.startswith("sensors.html") for h in hrefs), hrefs
    context.close()


def _placed_words(pdf: Path, number: int) -> list[tuple[float, float, str]]:
    """(x, y, text) of what page ``number`` (0-based) draws, as pypdf reads it."""
    found: list[tuple[float, float, str]] = []

    def seen(text, cm, tm, font, size):
        if text.strip():
            found.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], text.strip()))

    pypdf.PdfReader(pdf).pages[number].extract_text(visitor_text=seen)
    return found


def test_a_right_to_left_chapter_keeps_the_books_contents_and_header_order(tmp_path):
    """In a left-to-right book an Arabic chapter's contents line ran right to left (its page
    number at the left edge, the dots and number read as Arabic), and on its pages the running
    header's two columns were swapped, both crammed at the left."""
    book = arabic_book(tmp_path, "Language access", "صفحات باللغة العربية")
    contents = _placed_words(book, 2)
    numbers = [x for x, _, text in contents if text.isdigit()]
    assert len(numbers) == 2 and min(numbers) > 400, contents  # both at the right edge
    arabic = len(pypdf.PdfReader(book).pages) - 1  # the last chapter's page
    header = [(x, text) for x, y, text in _placed_words(book, arabic) if y > 700]
    title_x = [x for x, text in header if "Smart City Austin" in text]
    assert title_x and title_x[0] < 100, header  # the book's title at the left, as on every page
    assert max(x for x, text in header if "Smart City Austin" not in text) > 400, header
