"""Round eight of a hostile page author and settings-giver: what the earlier rounds left open.

Each test is one hole found by building a minimal folder the way ``make all`` does; what
held (translations' hostile ``msgstr``, Liquid includes out of ``_includes/``, file names,
links outside the folder, hostile addresses) is listed in the round's report, not here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest

import publication
from conftest import page, sphinx_build, write_pages
from test_citation_metadata import VALID, write


def epub_xml_problems(epub_folder: Path) -> list[str]:
    """Each XML file of the ePub that is no XML (EPUBCheck's fatal RSC-016), with why."""
    books = list(epub_folder.glob("*.epub"))
    assert len(books) == 1, books
    problems = []
    with zipfile.ZipFile(books[0]) as book:
        for name in book.namelist():
            if name.endswith((".opf", ".ncx", ".xhtml")):
                try:
                    minidom.parseString(book.read(name))
                except Exception as error:  # noqa: BLE001 - the parser's error is the finding
                    problems.append(f"{name}: {error}")
    return problems


@pytest.mark.parametrize("character", ["\\uFFFE", "\\uFFFF"])
def test_a_citation_title_with_a_character_xml_forbids_is_refused_by_name(tmp_path: Path, character) -> None:
    """U+FFFE and U+FFFF are no XML characters: a CITATION.cff title holding one (YAML's
    ``\\uFFFE`` escape writes it) passed the check of control characters and went into the
    ePub's ``content.opf`` and ``toc.ncx``, which no reader opens then."""
    text = VALID.replace('title: "Smart City Austin"', f'title: "Smart City{character} Austin"')
    with pytest.raises(publication.InvalidCitation) as refused:
        publication.load(write(tmp_path, text))
    assert any(line.strip().startswith("- title:") and "control character" in line
               for line in str(refused.value).splitlines()), str(refused.value)


def test_a_jekyll_site_title_with_a_character_xml_forbids_leaves_the_epub_xml(tmp_path: Path) -> None:
    """An old site's ``_config.yml`` names the publication; ``title: "Parks \\uFFFE"`` did
    so, and the ePub's package file and contents were no XML. It is said at its line now,
    and the publication keeps its CITATION.cff's name."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": 'title: "Parks \\uFFFE Department"\ndescription: "Our parks \\uFFFF."\n',
        "index.md": page("Home", body="Welcome to the parks."),
    })
    html = sphinx_build(source, tmp_path / "html", strict=False, doctrees=tmp_path / "doctrees")
    assert html.returncode == 0 and "Traceback" not in html.output, html.output
    config = source / "_config.yml"
    said = [w for w in html.warnings if "[jekyll.site-value]" in w]
    assert any(w.startswith(f"{config}:1:") and "`title:`" in w for w in said), html.warnings
    assert any(w.startswith(f"{config}:2:") and "`description:`" in w for w in said), html.warnings
    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False, doctrees=tmp_path / "doctrees")
    assert epub.returncode == 0 and "Traceback" not in epub.output, epub.output
    assert epub_xml_problems(tmp_path / "epub") == []
    assert "Welcome to the parks." in (tmp_path / "epub" / "index.xhtml").read_text(encoding="utf-8")


def test_a_publication_title_with_a_letter_no_font_has_keeps_the_pdf_accessible(tmp_path: Path) -> None:
    """The page text's characters no font has are printed as a look-alike or their name, said
    at their page; CITATION.cff's title went to Typst as written: a Phoenician letter wrote
    the PDF without PDF/UA and PDF/A, said at the build's own ``book.typ`` (a folder that is
    gone after the build). It is printed as the page text's are now, said at CITATION.cff."""
    from pypdf import PdfReader

    source = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome home.")})
    text = (Path(__file__).parent.parent / "CITATION.cff").read_text(encoding="utf-8")
    assert 'title: "Smart City Austin"' in text
    (source / "CITATION.cff").write_text(
        text.replace('title: "Smart City Austin"', 'title: "Smart City \\U00010900 Austin"'), encoding="utf-8")
    build = sphinx_build(source, tmp_path / "pdf", "typst", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert not [w for w in build.warnings if "[pdf.not-conforming]" in w], build.warnings
    said = [w for w in build.warnings if "[pdf.glyph]" in w]
    assert len(said) == 1 and said[0].startswith(f"{source / 'CITATION.cff'}:3:") \
        and "U+10900" in said[0], build.warnings
    [book] = (tmp_path / "pdf").glob("*.pdf")
    words = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(book).pages).split())
    assert "Smart City [U+10900 PHOENICIAN LETTER ALF] Austin" in words and "Welcome home." in words, words


def test_a_character_typst_writes_as_an_escape_is_named_as_itself() -> None:
    """Typst writes a character it cannot print as Rust does (``"\\u{1ffff}"``): the warning
    named "the character '\\\\u{1ffff}' (U+005C U+0075 U+007B …)", the escape's own letters."""
    from typst_pdf import diagnostics

    message = ('error: PDF/A-2a, PDF/UA-1 error: the text `"a\\u{1ffff}\\"\\\\"` could not be '
               'displayed with font `"Libertinus Serif"`\n  ┌─ book.typ:202:9\n')
    [found] = diagnostics.parse(message)
    said = found.explain("Libertinus Serif")
    assert "U+0061 U+1FFFF U+0022 U+005C" in said and "U+0075" not in said, said


SPANISH_PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: es\\n"\n\n'
              'msgid "Home"\nmsgstr "Inicio\ufffe"\n\n'
              'msgid "Hello reader."\nmsgstr "Hola\x01 lector\x1b."\n')


def test_a_translation_with_characters_xml_forbids_leaves_its_epub_xml(tmp_path: Path) -> None:
    """A page's characters XML forbids are left out when it is read (``source-read``); a
    catalog's ``msgstr`` replaces the words after that, and a raw U+0001 or U+FFFE in it (a
    translator's tool pasted it) made the Spanish ePub's chapter, contents and NCX no XML,
    without a word. They are left out of the build's copy of the catalog now and said at
    the ``.po`` file's line; the source folder is left as it is."""
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body="Hello reader."),
                                            "locales/es/LC_MESSAGES/index.po": SPANISH_PO})
    before = (source / "locales/es/LC_MESSAGES/index.po").read_bytes()
    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False, extra=("-D", "language=es"))
    assert epub.returncode == 0 and "Traceback" not in epub.output, epub.output
    po = source / "locales/es/LC_MESSAGES/index.po"
    said = [w for w in epub.warnings if "[security.control-character]" in w]
    assert len(said) == 1 and said[0].startswith(f"{po}:7:") and "3 " in said[0] \
        and "U+FFFE" in said[0], epub.warnings
    assert epub_xml_problems(tmp_path / "epub") == []
    chapter = (tmp_path / "epub" / "index.xhtml").read_text(encoding="utf-8")
    assert "Hola lector." in chapter and "Inicio" in chapter, chapter
    assert po.read_bytes() == before


def test_words_added_after_the_page_is_read_hold_no_character_xml_forbids(tmp_path: Path) -> None:
    """The characters no edition can hold are left out of a page's text as it is read; the
    words Liquid writes from ``_config.yml``, ``_data/`` and ``_includes/``, a front-matter
    ``subtitle:`` and a front matter's list of links are added after that, and a U+FFFE or
    U+0004 in them made the ePub's chapter no XML, without a word (a heading's, its contents
    and NCX too: Sphinx collects titles before front data is added). Left out now, and said."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": 'title: Parks\nmotto: "Green\\uFFFE parks"\n',
        "_data/info.yml": 'name: "Open\\uFFFF data"\n',
        "_includes/note.html": "Included\ufffe words\n",
        "index.md": ('---\ntitle: Home\nsubtitle: "Our\\uFFFE\\x04 city"\nlinks:\n'
                     '  - title: "City\\uFFFE link"\n    url: https://austintexas.gov/\n---\n\n'
                     "Motto {{ site.motto }}, name {{ site.data.info.name }}, "
                     "{% include note.html %} end.\n"),
        "motto.md": "---\nposition: 2\n---\n\n# Our motto: {{ site.motto }}\n\nMore words.\n",
    })
    epub = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert epub.returncode == 0 and "Traceback" not in epub.output, epub.output
    said = [w for w in epub.warnings if "[security.control-character]" in w]
    assert len(said) == 2 and said[0].startswith(f"{source / 'index.md'}:") and "U+FFF" in said[0] \
        and said[1].startswith(f"{source / 'motto.md'}:5:"), epub.warnings
    assert epub_xml_problems(tmp_path / "epub") == []
    chapter = " ".join((tmp_path / "epub" / "index.xhtml").read_text(encoding="utf-8").split())
    for words in ("Green parks", "Open data", "Included words", "Our city", "City link"):
        assert words in chapter, (words, chapter)
    nav = (tmp_path / "epub" / "nav.xhtml").read_text(encoding="utf-8")
    assert "Our motto: Green parks" in nav, nav
