"""Multilingual sites other teams wrote, read as their readers read them.

The root is shaped after real sites: jekyll-polyglot's own site and PanderMusubi's
minimal-mistakes-polyglot (``languages:``, ``default_lang``, one ``permalink: /about/`` per
language, posts translated in ``_posts/<lang>/``) and gaphor.org (``lang_from_path: true``,
translated copies in ``es/``, whose front matter says ``language: es``, which polyglot does
not read). Polyglot published the default language's page at ``/about/`` and each other
language's at ``/<lang>/about/``; every translation is a page of its own in every edition,
in its language.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_every_edition, page, write_pages

CONFIG = """\
title: Polyglot
plugins: [jekyll-polyglot]
permalink: pretty
languages: ["en", "es", "ko"]
default_lang: "en"
lang_from_path: true
exclude_from_localization: ["javascript", "images", "css", "public"]
"""

PAGES = {
    "_config.yml": CONFIG,
    "index.md": page("Polyglot", 1, "Straightforward I18n for Jekyll Blogs.", lang="en"),
    "about.md": page("About", 2, "This is a dummy About page in English.", lang="en", permalink="/about/"),
    "about.ko.md": page("소개", 3, "이것은 한국어로 된 예시 소개 페이지입니다.", lang="ko", permalink="/about/"),
    "es/about.md": page("Acerca de", 4, "Esta es una página de ejemplo en español.",
                        lang="es", permalink="/about/"),
    # gaphor.org: the folder says the language (polyglot's lang_from_path); `language:` is po4a's
    "es/discuss.md": page("Póngase en contacto", 5,
                          "Es bueno hablar, compartir conocimientos y aprender de otros usuarios.",
                          language="es"),
    "_posts/2023-02-27-korean-support.md": page(
        "Polyglot website is now in Korean", None,
        "The Polyglot website has been updated with support for Korean!", lang="en"),
    "_posts/ko/2023-02-27-korean-support.md": page(
        "Polyglot 웹 사이트가 이제 한국어로 제공됩니다.", None,
        "이 웹사이트 한국어 지원으로 업데이트 되었습니다!", lang="ko"),
}


@pytest.fixture(scope="session")
def polyglot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    base = tmp_path_factory.mktemp("polyglot")
    source = write_pages(base / "src", PAGES)
    return base, build_every_edition(source, base, strict=False)


def _pdf_text(base: Path) -> str:
    return " ".join(p.extract_text() for p in pypdf.PdfReader(next((base / "typst").glob("*.pdf"))).pages)


def _epub(base: Path) -> dict[str, str]:
    with zipfile.ZipFile(next((base / "epub").glob("*.epub"))) as book:
        return {n: book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xhtml")}


def test_a_post_translated_in_a_language_folder_is_published_beside_its_twin(polyglot) -> None:
    base, builds = polyglot
    assert not [w for w in builds["html"].warnings if "collection-clash" in w], builds["html"].output
    html = " ".join(p.read_text(encoding="utf-8") for p in (base / "html").rglob("*.html"))
    assert "한국어 지원으로 업데이트" in html and "has been updated with support for Korean" in html
    assert any("한국어 지원으로 업데이트" in t for t in _epub(base).values())
    assert "한국어 지원으로 업데이트" in _pdf_text(base)


def test_a_language_folder_of_a_polyglot_site_says_its_language_in_every_edition(polyglot) -> None:
    base, _ = polyglot
    soup = BeautifulSoup((base / "html" / "es" / "discuss.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "es"
    chapter = next(t for n, t in _epub(base).items() if n.endswith("es/discuss.xhtml"))
    assert re.search(r'<html[^>]* xml:lang="es"', chapter)
    typ = next(p for p in (base / "typst").glob("*.typ") if p.name != "book.typ").read_text(encoding="utf-8")
    before = typ[:typ.index("Es bueno hablar")]
    assert before.rindex('#set text(lang: "es"') > before.rindex('#set text(lang: "en"')


def _leads_to(base: Path, address: str) -> str:
    soup = BeautifulSoup((base / "html" / address.strip("/") / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    target = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
    return posixpath.normpath(posixpath.join(address.strip("/"), target))


def test_one_permalink_per_language_leads_each_language_to_its_own_page(polyglot) -> None:
    base, builds = polyglot
    assert not [w for w in builds["html"].warnings if "redirect.duplicate" in w], builds["html"].output
    assert _leads_to(base, "/about/") == "about.html"  # the default language's page keeps it
    assert _leads_to(base, "/es/about/") == "es/about.html"
    assert _leads_to(base, "/ko/about/") == "about.ko.html"
    assert _leads_to(base, "/2023/02/27/korean-support/") == "posts/2023-02-27-korean-support.html"
    assert _leads_to(base, "/ko/2023/02/27/korean-support/") == "posts/ko/2023-02-27-korean-support.html"


def test_chinese_words_inside_an_english_publication_are_found_by_the_search(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {
        "index.md": page("Water service", 1, "Pay your water bill online or by phone."),
        "zh.md": page("供水服務", 2, "透過網路或電話支付您的水費帳單。", lang="zh-Hant"),
    })
    build = build_every_edition(source, tmp_path, strict=False)["html"]
    script = (build.outdir / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(script[script.index("(") + 1:script.rindex(")")])["terms"]
    assert "電話" in terms and "水費" in terms  # "telephone", "water fee": two-character words
    assert "phone" in terms  # the English words stay as they were


def test_a_translated_file_of_jekyll_multiple_languages_plugin_is_the_pages_text(tmp_path: Path) -> None:
    """The plugin's ``{% translate_file about.md %}`` put ``_i18n/<lang>/about.md`` in the
    page; the publication is in the site's first language, whose file it reads. The other
    languages' files are said to be unpublished, with what to do: not "rename the folder"."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Parks\nplugins:\n  - jekyll-multiple-languages-plugin\n"
                       'languages: ["en", "es"]\n',
        "_i18n/en.yml": "titles:\n  home: Home\n",
        "_i18n/es.yml": "titles:\n  home: Inicio\n",
        "_i18n/en/about.md": "We build parks for *everyone*.\n",
        "_i18n/es/about.md": "Construimos parques para todos.\n",
        "index.md": "---\ntitle: Home\n---\n\n## {% t titles.home %}\n\n{% translate_file about.md %}\n",
    })
    builds = build_every_edition(source, tmp_path, strict=False)
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "We build parks for <em>everyone</em>." in html and "translate_file" not in html
    assert "We build parks for everyone." in _pdf_text(tmp_path)
    said = [w for w in builds["html"].warnings if "_i18n" in w]
    assert said and all("Rename it" not in w for w in said), builds["html"].output
    assert any("_i18n/es" in w for w in said), said


def test_the_contents_page_generated_for_a_language_folder_is_in_its_language(polyglot) -> None:
    """``es/`` has no landing: the one generated is titled "Español" and read as Spanish;
    ``_posts/ko/``'s "한국어" as Korean (a screen reader's English voice read them before)."""
    base, _ = polyglot
    for landing, lang, title in (("es/index.html", "es", "Español"), ("posts/ko/index.html", "ko", "한국어")):
        soup = BeautifulSoup((base / "html" / landing).read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == lang and soup.find("h1").get_text().strip("¶ ") == title
    chapter = next(t for n, t in _epub(base).items() if n.endswith("es/index.xhtml"))
    assert re.search(r'<html[^>]* xml:lang="es"', chapter)


def test_a_city_sites_language_folders_without_lang_are_read_in_their_languages(tmp_path: Path) -> None:
    """Many city sites keep translated copies in ``es/``, ``vi/``, ``zh/`` and say no
    ``lang:``: every edition marked them English, without a word. Pages in folders named for
    two or more languages (or, alone, one whose script the page is written in) are read in
    their folder's language, and each is said with the line to write. ``it/`` alone, the IT
    office's folder, stays English."""
    source = write_pages(tmp_path / "src", {
        "index.md": page("Trash and recycling", 1, "Put your carts at the curb by 6:30 a.m."),
        "es/index.md": page("Basura y reciclaje", 2, "Ponga sus carritos en la acera antes de las 6:30 a.m."),
        "vi/index.md": page("Rác và tái chế", 3, "Đặt thùng của quý vị ra lề đường trước 6:30 sáng."),
        "zh/index.md": page("垃圾與回收", 4, "請在早上6:30之前將您的垃圾桶放在路邊。"),
        "zh/bulky.md": page("大型垃圾", 5, "每年兩次收集大型垃圾。", lang="zh-Hant"),
    })
    builds = build_every_edition(source, tmp_path, strict=False)
    for docname, lang in (("es/index", "es"), ("vi/index", "vi"), ("zh/index", "zh"), ("zh/bulky", "zh-Hant")):
        soup = BeautifulSoup((tmp_path / "html" / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == lang, docname
    said = [w for w in builds["html"].warnings if "languages.folder-language" in w]
    assert len(said) == 3 and any("es/index.md:1" in w and "`lang: es`" in w for w in said), said
    chapter = next(t for n, t in _epub(tmp_path).items() if n.endswith("vi/index.xhtml"))
    assert re.search(r'<html[^>]* xml:lang="vi"', chapter)
    it = write_pages(tmp_path / "it-src", {
        "index.md": page("Services", 1, "What the city offers."),
        "it/index.md": page("Information technology", 2, "Help with your computer."),
    })
    build = build_every_edition(it, tmp_path / "it", strict=False)["html"]
    assert BeautifulSoup((tmp_path / "it" / "html" / "it" / "index.html").read_text(encoding="utf-8"),
                         "html.parser").html["lang"] == "en"
    assert "folder-language" not in build.output


def test_a_language_folder_page_is_read_again_when_its_twin_comes(tmp_path: Path) -> None:
    """``es/about.md`` without ``lang:`` is Spanish once ``about.md`` is its twin: a build after
    the twin was added gave it the language of the build before (English), a clean build
    Spanish. Incremental must equal clean."""
    from conftest import sphinx_build

    files = {"index.md": page("Home", 1, "Welcome."),
             "es/about.md": page("Acerca de", 2, "La ciudad ofrece servicios."),
             "vi/contact.md": page("Liên hệ", 3, "Gọi cho thành phố.")}
    source = write_pages(tmp_path / "src", files)
    out = tmp_path / "html"
    assert sphinx_build(source, out, strict=False).returncode == 0

    def lang() -> str:
        return BeautifulSoup((out / "es" / "about.html").read_text(encoding="utf-8"), "html.parser").html["lang"]

    assert lang() == "en"
    write_pages(source, {"about.md": page("About", 4, "The city offers services.")})
    again = sphinx_build(source, out, strict=False)
    assert again.returncode == 0, again.output
    clean = tmp_path / "clean"
    assert sphinx_build(source, clean, strict=False).returncode == 0
    assert BeautifulSoup((clean / "es" / "about.html").read_text(encoding="utf-8"), "html.parser").html["lang"] == "es"
    assert lang() == "es"


def test_twin_pages_of_a_multilingual_site_link_each_other_by_their_languages(tmp_path: Path) -> None:
    """A city site's translated copies in ``es/``, ``vi/``, ``zh/`` (and polyglot's
    ``about.ko.md``) had no language switcher and no ``hreflang`` alternates: a reader who
    landed on the Spanish page found no way to the English one, and back. Each twin now
    carries the switcher the publication's translations have, and the alternates; a page
    without a twin carries none."""
    from test_a11y_html import nu_checker

    source = write_pages(tmp_path / "src", {
        "index.md": page("Trash and recycling", 1, "Put your carts at the curb by 6:30 a.m."),
        "es/index.md": page("Basura y reciclaje", 2, "Ponga sus carritos en la acera antes de las 6:30 a.m."),
        "vi/index.md": page("Rác và tái chế", 3, "Đặt thùng của quý vị ra lề đường trước 6:30 sáng."),
        "zh/index.md": page("垃圾與回收", 4, "請在早上6:30之前將您的垃圾桶放在路邊。", lang="zh-Hant"),
        "es/solo.md": page("Solo en español", 5, "Esta página no tiene gemela.", lang="es"),
        "fees.md": page("Fees", 6, "What the carts cost."),
        "fees.ko.md": page("요금", 7, "카트 요금은 다음과 같습니다.", lang="ko"),
    })
    from conftest import sphinx_build

    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output

    def soup(name: str) -> BeautifulSoup:
        return BeautifulSoup((tmp_path / "html" / name).read_text(encoding="utf-8"), "html.parser")

    expected = {"en": "index.html", "es": "es/index.html", "vi": "vi/index.html", "zh-Hant": "zh/index.html"}
    for name in expected.values():
        html = soup(name)
        nav = html.select_one("nav.language-switcher")
        assert nav is not None and nav.get("aria-label"), name
        links = {a["hreflang"]: a for a in nav.select("a[href]")}
        assert set(links) == set(expected), name
        for lang, target in expected.items():
            assert links[lang]["lang"] == lang
            assert posixpath.normpath(posixpath.join(posixpath.dirname(name), links[lang]["href"])) == target
            assert (links[lang].get("aria-current") == "true") == (target == name)
        assert links["es"].get_text() == "español" and links["en"].get_text() == "English"
        alternates = {link["hreflang"]: link["href"] for link in html.select('head link[rel="alternate"][hreflang]')}
        assert set(alternates) == {*expected, "x-default"} and alternates["x-default"] == alternates["en"], name
        for lang, target in expected.items():  # at the site's address (the project's html_baseurl)
            assert alternates[lang].startswith("https://") and alternates[lang].endswith("/" + target), alternates
    korean = soup("fees.ko.html").select_one("nav.language-switcher")
    assert {a["hreflang"]: a["href"] for a in korean.select("a[href]")} == {"en": "fees.html", "ko": "fees.ko.html"}
    for alone in ("es/solo.html", "search.html"):
        assert soup(alone).select_one("nav.language-switcher") is None, alone
        assert not soup(alone).select('link[rel="alternate"][hreflang]'), alone
    assert soup("es/index.html").select_one("nav.language-switcher")["lang"] == "en"  # the site's word
    errors = nu_checker([tmp_path / "html" / name for name in (*expected.values(), "fees.ko.html")])
    assert [f"{e.get('url', '')}:{e.get('lastLine')}: {e['message']}" for e in errors] == []


def test_a_twin_added_later_is_linked_from_the_page_already_built(tmp_path: Path) -> None:
    """Incremental equals clean: ``es/about`` built alone, then ``about.md`` added, got no switcher."""
    from conftest import sphinx_build

    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, "Welcome."),
                                            "es/about.md": page("Acerca de", 2, "La ciudad ofrece servicios.",
                                                                lang="es")})
    out = tmp_path / "html"
    assert sphinx_build(source, out, strict=False).returncode == 0
    assert "language-switcher" not in (out / "es" / "about.html").read_text(encoding="utf-8")
    write_pages(source, {"about.md": page("About", 3, "The city offers services.")})
    again = sphinx_build(source, out, strict=False)
    assert again.returncode == 0, again.output
    nav = BeautifulSoup((out / "es" / "about.html").read_text(encoding="utf-8"), "html.parser").select_one(
        "nav.language-switcher")
    assert nav is not None and nav.find("a", hreflang="en")["href"] == "../about.html"


def test_the_search_finds_one_chinese_character_and_words_typed_without_accents(tmp_path: Path) -> None:
    """On a phone, readers type Spanish and Vietnamese without accents ("informacion", "thong
    dich") and Chinese one character at a time (電); the search found neither. Each word with
    accents is indexed without them too, and each Chinese character alone; the page's words
    stay as written."""
    from conftest import require_tool, sphinx_build
    from test_a11y_html import CHROMIUM, new_page, serve

    from playwright.sync_api import sync_playwright

    source = write_pages(tmp_path / "src", {
        "index.md": page("Water service", 1, "Pay your water bill online."),
        "es.md": page("Agua", 2, "Más información sobre su factura.", lang="es"),
        "vi.md": page("Nước", 3, "Gọi để yêu cầu thông dịch viên. Đăng ký.", lang="vi"),
        "zh.md": page("供水服務", 4, "透過網路或電話支付您的水費帳單。", lang="zh-Hant"),
    })
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    script = (tmp_path / "html" / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(script[script.index("(") + 1:script.rindex(")")])["terms"]
    assert {"información", "電話", "thông"} <= set(terms)  # as written, still
    require_tool(CHROMIUM, "the search runs in the browser")
    found = {}
    with serve(tmp_path / "html") as address, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            context, tab = new_page(chromium, "phone")
            for query in ("informacion", "información", "電", "費", "thong dich", "dang ky"):
                tab.goto(address + "search.html?q=" + query)
                tab.wait_for_selector("#search-results p.search-summary")
                found[query] = tab.eval_on_selector_all(
                    "#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))")
            context.close()
        finally:
            chromium.close()
    assert found == {"informacion": ["es.html"], "información": ["es.html"], "電": ["zh.html"],
                     "費": ["zh.html"], "thong dich": ["vi.html"], "dang ky": ["vi.html"]}, found
