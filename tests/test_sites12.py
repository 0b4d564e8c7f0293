"""A Spanish civic Jekyll site, as it is, builds as Jekyll published it.

Each test is a small project in the shape of a real site (the text shortened):
"¿Qué hacer en Tierra del Fuego?" (``aquinzi/tdf-actividades``), a directory of the
activities, clubs and bus lines of Río Grande and Ushuaia, in Spanish. Its pages sit in
``_pages/`` (named by ``include:``); its FAQ page writes kramdown's setext headings with
a header id (``¿Por qué?  {#por-que}`` over a ``----`` line) under a contents list whose one
item is words of the author's own (``1. TOC (to make it use ordered list)`` + ``{:toc}``).
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import build_every_edition, sphinx_build, write_pages


def article(html: Path) -> BeautifulSoup:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return soup.find("article") or soup


def words(html: Path) -> str:
    return " ".join(article(html).get_text(" ").split())


CONFIG = ("name: ¿Qué hacer en Tierra del Fuego?\nurl: \"http://tdf.aquinzi.com\"\n"
          "include:\n   - _pages\n"
          "defaults:\n  -\n    scope:\n      path: \"_pages\"\n      type: pages\n"
          "    values:\n      layout: page\n")

FAQ = {
    "_config.yml": CONFIG,
    "index.md": "---\ntitle: Inicio\n---\n\nListado de actividades.\n",
    "_pages/preguntas-frecuentes.md": (
        "---\ntitle: Preguntas frecuentes\npermalink: /preguntas-frecuentes/\n---\n\n"
        "<div id=\"tabla-contenido\" markdown=\"1\">\n\nContenido en esta página:\n\n"
        "1. TOC (to make it use ordered list)\n{:toc}\n</div>\n\n\n\n"
        "¿Por qué?  {#por-que}\n-----------------------\n\n"
        "Nos decidimos a hacer este proyecto de \"directorio\".\n\n\n\n"
        "¿Vas a expandir esto al resto de la provincia?  {#resto-provincia}\n"
        "------------------------------------------------\n\n"
        "Si me ayudas con tu colaboración, si. Volver a [¿Por qué?](#por-que).\n"),
}


def test_setext_heading_ids_are_anchors_not_words(tmp_path: Path) -> None:
    """kramdown gave ``¿Por qué?  {#por-que}`` over a ``----`` line the id ``por-que``, as it
    does ``## ¿Por qué? {#por-que}``; the build read the id of ATX headings only, so every
    heading of the FAQ showed ``{#por-que}`` in its words, in every edition and the
    contents, and a ``#por-que`` link led nowhere. Now the id is the heading's anchor."""
    source = write_pages(tmp_path / "src", FAQ)
    builds = build_every_edition(source, tmp_path, strict=False)
    for build in builds.values():
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
    page = tmp_path / "html" / "preguntas-frecuentes.html"
    text = words(page)
    assert "{#" not in text and "¿Por qué?" in text, text
    assert article(page).find(id="por-que") is not None
    assert "{#" not in (tmp_path / "epub" / "preguntas-frecuentes.xhtml").read_text(encoding="utf-8")
    pdf = next((tmp_path / "typst").glob("*.pdf"))
    pdf_text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "{#" not in pdf_text and "provincia" in pdf_text, pdf_text
    assert "[markup.attributes]" not in builds["html"].output, builds["html"].output


def test_a_toc_list_of_any_words_is_the_pages_contents(tmp_path: Path) -> None:
    """kramdown replaced a one-item list followed by ``{:toc}`` with the page's contents,
    whatever the item said ("1. TOC (to make it use ordered list)"); the build knew the item
    only when it said exactly ``TOC``, so readers got the author's note to himself as a
    numbered list and no contents, without a warning. Now it is the contents list."""
    source = write_pages(tmp_path / "src", FAQ)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    page = article(tmp_path / "html" / "preguntas-frecuentes.html")
    assert "to make it use ordered list" not in page.get_text(" "), page.get_text(" ")
    contents = page.find(class_="kramdown-toc")
    assert contents is not None, page
    assert "¿Vas a expandir esto al resto de la provincia?" in " ".join(contents.get_text(" ").split())


def test_a_normal_list_stays_a_list(tmp_path: Path) -> None:
    """Only a list that ``{:toc}`` follows is the contents: a list item of words without
    it stays what it says."""
    pages = dict(FAQ)
    pages["_pages/colaboracion.md"] = (
        "---\ntitle: Colaboración\npermalink: /colaboracion/\n---\n\n"
        "1. Issue en GitHub\n2. Mediante el formulario\n\n## Otra\n\nTexto.\n")
    source = write_pages(tmp_path / "src", pages)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0, build.output
    text = words(tmp_path / "html" / "colaboracion.html")
    assert "Issue en GitHub" in text and "Mediante el formulario" in text, text


BUS_LINE = {
    "_config.yml": (CONFIG + "collections:\n  colectivos-riogrande:\n    output: true\n"
                    "    permalink: /rio-grande/colectivos/:path/\n"),
    "_layouts/bus.html": ("---\nlayout: default\n---\n<article id=\"bus-page\">\n"
                          "\t<h2 class=\"p-name\" itemprop=\"name\">{{ page.nombre }}</h2>\n</article>\n"),
    "index.md": "---\ntitle: Inicio\n---\n\nListado de actividades.\n",
    "_colectivos-riogrande/linea-a.md": (
        "---\nlayout: bus\nuid: linea-a\nnombre: Línea A\ncolor: azul\n---\n"),
    "_colectivos-riogrande/aero-local.md": (
        "---\nlayout: bus\nnombre: Aero Local (Mambo Son Estudio)\n---\n\nDictado por Edit.\n"),
}


def test_a_spanish_nombre_titles_the_page_as_its_layout_did(tmp_path: Path) -> None:
    """The site's layouts printed ``{{ page.nombre }}`` (Spanish for ``name``) as each
    club's and bus line's heading and ``<title>``; the build took a ``name:`` only, so
    "Línea A" was titled "Linea A" after its file name, its accent lost, and "Aero Local
    (Mambo Son Estudio)" became "Aero Local". ``nombre:`` (and Portuguese ``nome:``, French
    ``nom:``) of two words or more now titles a page without ``title:``, as ``name:`` does."""
    source = write_pages(tmp_path / "src", BUS_LINE)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    line = BeautifulSoup((tmp_path / "html" / "colectivos-riogrande" / "linea-a.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert line.find("h1").get_text(" ", strip=True).startswith("Línea A"), line.find("h1")
    aero = words(tmp_path / "html" / "colectivos-riogrande" / "aero-local.html")
    assert aero.startswith("Aero Local (Mambo Son Estudio)"), aero
    assert "titled 'Linea A' after its file name" not in build.output, build.output


def test_an_empty_liquid_link_is_said_at_its_own_line(tmp_path: Path) -> None:
    """MARC, the Munich Animal Rights Club's site (``municharc/municharc.github.io``), wrote
    its Instagram feed in ``index.html`` as ``<a href="{{ photo.permalink }}">`` inside a
    plugin's block, ten lines into a ``<div>`` with no blank line. The link, empty here,
    was said at the ``<div>``'s first line, where nothing names it; now at its own line."""
    pages = {
        "_config.yml": "title: MARC\nurl: https://municharc.de\n",
        "index.html": (
            "---\nlayout: default\ntitle: Munich Animal Rights Club\n---\n"  # 1-4
            "<div class=\"darker fade-in\">\n"  # 5
            "\t<div class=\"container\">\n"  # 6
            "\t\t<h2>Instagram</h2>\n"  # 7
            "\t\t<p style=\"text-align: center;\">\n"  # 8
            "\t\t\t<a href=\"https://www.instagram.com/municharc/\">Follow us</a> on Instagram for the\n"  # 9
            "\t\t\tlatest updates.\n"  # 10
            "\t\t</p>\n"  # 11
            "\t</div>\n"  # 12
            "\t<div class=\"instagram-container\">\n"  # 13
            "\t\t<a href=\"{{ photo.permalink }}\" id=\"IG-{{ photo.id }}\">Latest photo</a>\n"  # 14
            "\t</div>\n"  # 15
            "</div>\n"),
    }
    source = write_pages(tmp_path / "src", pages)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.output.splitlines() if "address is empty" in line]
    assert said and all("index.html:14:" in line for line in said), build.output
    assert "Latest photo" in words(tmp_path / "html" / "index.html")


def test_the_layouts_html_lang_is_the_pages_language(tmp_path: Path) -> None:
    """tdf-actividades says its language only in ``_layouts/default.html``'s
    ``<html lang="es-419">`` (no ``lang:`` in ``_config.yml``): Jekyll published every page
    as Spanish. The build marked them English, so a screen reader read "¿Por qué?" in an
    English voice. The layout's written language is now the pages' when nothing else
    names one; a layout that prints it from Liquid names none."""
    pages = dict(FAQ)
    pages["_layouts/default.html"] = ("<!DOCTYPE html>\n<html lang=\"es-419\">\n<head><title>"
                                      "{{ page.title }}</title></head>\n<body>{{ content }}</body>\n</html>\n")
    source = write_pages(tmp_path / "src", pages)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    soup = BeautifulSoup((tmp_path / "html" / "preguntas-frecuentes.html").read_text(encoding="utf-8"),
                         "html.parser")
    marked = soup.find(attrs={"lang": True}, string=None, recursive=True)
    langs = {tag.get("lang") for tag in soup.find_all(attrs={"lang": True})}
    assert any(str(lang).startswith("es") for lang in langs), (langs, marked)
