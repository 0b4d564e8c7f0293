"""What this session's constructs made, through every validator, fifth sweep: MkDocs'
open ``???+`` boxes, kramdown's ``<details markdown="1">`` nested two deep, steps with
bullets at their column, a layout's ``<th>`` labels and JSON-LD, a fenced
``include_relative``, ``{{ site.url }}`` in another site's query, twin pages with ``lang:``,
``lang:`` and ``language:`` both, Chinese without a language, iframes, a translation; and
King County Solutions, Orbis Cascade and Leeds rebuilt. EPUBCheck, the XHTML and sitemap
XML parse, the Nu checker, axe at 1280 and 320 px, DAISY Ace and the PDF structure check
found nothing; the keyboard checks (the summaries reached by Tab, named, opened by Enter)
passed. What the suite's WCAG 2.2 checks axe cannot make (target size, language of parts)
found is tested here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages
from test_a11y_html import TARGETS_JS, browser, new_page, serve  # noqa: F401 (browser: a fixture)


def _article(html: Path) -> BeautifulSoup:
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article")


def test_an_iframes_link_is_a_paragraph_of_its_own(tmp_path, browser):  # noqa: F811
    """Two ``<iframe>`` lines (a video, a map) on a page: each became a bare ``<a>`` straight
    in the page, the two side by side on one line 17 px tall, so on a phone each link's
    24 px target ran into the other's (WCAG 2.5.8, the suite's target-size check). Each
    frame's link now stands in its own paragraph, as a link to a video written alone does."""
    source = write_pages(tmp_path / "src", {"index.md": page("Parks", 1, (
        "Intro words.\n\n"
        '<iframe src="https://www.youtube.com/embed/abc123" width="560" height="315"></iframe>\n\n'
        '<iframe src="https://maps.example.org/embed?x=1" title="Map of the parks"></iframe>\n\n'
        '<div><iframe src="https://maps.example.org/embed?x=2" title="Second map"></iframe></div>\n\n'
        'A sentence with <iframe src="https://v.example.org/e" title="a video"></iframe> inside.\n'))})
    built = sphinx_build(source, tmp_path / "html", strict=False)
    assert "Traceback" not in built.output, built.output
    article = _article(tmp_path / "html" / "index.html")
    links = article.select('a[href*="embed"], a[href*="v.example.org"]')
    assert [a.get_text() for a in links] == ["https://www.youtube.com/embed/abc123", "Map of the parks",
                                             "Second map", "a video"], article
    assert [a.parent.name for a in links] == ["p", "p", "p", "p"], article
    assert "A sentence with" in links[3].parent.get_text()  # inside a sentence it stays there
    context, tab = new_page(browser, "phone")
    with serve(tmp_path / "html") as address:
        tab.goto(address + "index.html")
        crowded = tab.evaluate(TARGETS_JS)
    context.close()
    assert crowded == []
    book = sphinx_build(source, tmp_path / "epub", "epub", strict=False)
    assert "Traceback" not in book.output, book.output
    from test_rawhtml import epubcheck_messages

    assert epubcheck_messages(next((tmp_path / "epub").glob("*.epub")), ("ERROR", "FATAL", "WARNING")) == []


def test_an_untranslated_box_title_is_marked_in_the_source_language(tmp_path):
    """A translation whose catalog leaves a folding box's title untranslated (``???+ note``,
    titled "Note"; ``??? tip "Folded one"``): its untranslated paragraphs are marked
    ``lang="en"`` (WCAG 3.1.2, Language of Parts), but the ``<summary>`` made from the box's
    title dropped the mark, so a Spanish screen reader read "Note" as Spanish. The summary
    keeps its title's language in the site and the ePub; a translated title has none."""
    import subprocess

    from conftest import REPO

    source = write_pages(tmp_path / "pages", {"index.md": page("Home", 1, (
        "Intro words.\n\n??? tip \"Folded one\"\n    Folded body.\n\n"
        "???+ note\n    Open body.\n\n??? warning \"Translated one\"\n    Other body.\n"))})
    build = tmp_path / "build"
    make = ["make", "-C", str(REPO), f"SOURCEDIR={source}", f"BUILDDIR={build}", "JOBS=1", "STRICT=0"]
    done = subprocess.run([*make, "translations"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    po = source / "locales" / "es" / "LC_MESSAGES" / "index.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Translated one"\nmsgstr ""', 'msgid "Translated one"\nmsgstr "Una traducida"'), encoding="utf-8")
    done = subprocess.run([*make, "all"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr

    def summaries(soup: BeautifulSoup) -> list[tuple[str, str | None]]:
        found = []
        for summary in soup.select("details.details-box > summary"):
            marked = summary.find(attrs={"lang": True})
            found.append((" ".join(summary.get_text(" ").split()),
                          marked.get("lang") if marked is not None else summary.get("lang")))
        return found

    expected = [("Folded one", "en"), ("Note", "en"), ("Una traducida", None)]
    assert summaries(_article(build / "html" / "es" / "index.html")) == expected
    assert summaries(_article(build / "html" / "index.html")) == [  # the source language's own: no mark
        ("Folded one", None), ("Note", None), ("Translated one", None)]
    with zipfile.ZipFile(next((build / "epub").glob("*-es.epub"))) as archive:
        chapter = BeautifulSoup(archive.read("index.xhtml"), "html.parser")
    assert summaries(chapter) == expected



def test_open_and_nested_folding_boxes_are_reached_named_and_opened_by_keyboard(tmp_path, browser):  # noqa: F811
    """MkDocs' open ``???+`` box holding a folded one, and kramdown's boxes nested two deep:
    each shown summary is reached by Tab, in order, with a visible focus ring, is named by
    its title with its state (open or not) to a screen reader, and Enter folds or opens
    it; a box inside a folded one is reached only once that one is open."""
    from test_a11y_html import FOCUSED_JS

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Old site\n",
        "index.md": page("Home", 1, (
            '<details markdown="1">\n<summary>Outer box</summary>\n\nOuter words.\n\n'
            '<details markdown="1">\n<summary>Inner box</summary>\n\nInner words.\n\n</details>\n</details>\n\n'
            '<details markdown="1"><summary>Fees</summary>\nThe fee is **five** dollars.\n'
            '<details markdown="1">\n<summary>Tight inner</summary>\nTight words.\n</details>\n</details>\n')),
        "help.md": page("Help", 2, ('???+ warning "Open warning"\n    Open body.\n\n'
                                    '    ??? tip "Inner folded"\n        Inner body.\n\nAfter.\n'))})
    built = sphinx_build(source, tmp_path / "html", strict=False)
    assert "Traceback" not in built.output, built.output
    summary_js = ("() => document.activeElement.tagName === 'SUMMARY' ? "
                  "document.activeElement.textContent.trim() : null")
    is_open = "() => document.activeElement.parentElement.open"
    context, tab = new_page(browser, "phone")
    reached, named = {}, {}
    with serve(tmp_path / "html") as address:
        for name, open_them in (("index.html", False), ("help.html", False), ("index.html", True)):
            tab.goto(address + name)
            found: list[tuple[str, bool]] = []
            for _ in range(40):
                tab.keyboard.press("Tab")
                if (words := tab.evaluate(summary_js)) and words not in [w for w, _ in found]:
                    focus = tab.evaluate(FOCUSED_JS)
                    assert focus["onScreen"] and focus["ring"], focus
                    was = tab.evaluate(is_open)
                    tab.keyboard.press("Enter")
                    assert tab.evaluate(is_open) is not was, words
                    if not open_them:
                        tab.keyboard.press("Enter")
                    found.append((words, was))
            reached[(name, open_them)] = found
            tree = tab.context.new_cdp_session(tab).send("Accessibility.getFullAXTree")["nodes"]
            named[(name, open_them)] = [
                (n["name"]["value"], [p["value"]["value"] for p in n.get("properties", []) if p["name"] == "expanded"])
                for n in tree if n.get("role", {}).get("value") == "DisclosureTriangle"
                and "SHA" not in n["name"]["value"]]
    context.close()
    assert reached == {("index.html", False): [("Outer box", False), ("Fees", False)],
                       ("help.html", False): [("Open warning", True), ("Inner folded", False)],
                       ("index.html", True): [("Outer box", False), ("Inner box", False), ("Fees", False),
                                              ("Tight inner", False)]}
    assert sorted(named[("help.html", False)]) == [("Inner folded", [False]), ("Open warning", [True])], named
    assert sorted(named[("index.html", True)]) == [("Fees", [True]), ("Inner box", [True]), ("Outer box", [True]),
                                                   ("Tight inner", [True])], named


def test_a_language_folder_is_left_out_of_the_translation_too(tmp_path):
    """A Jekyll site's Spanish twins in ``es/`` and a Spanish translation (``make
    translations``): the build said the folder's pages are not published, since ``es/`` is
    where the Spanish site goes, and the English site and ePub left them out; but the Spanish
    site published them at ``es/es/`` and its ePub held them, so the two languages' editions
    had different pages (a twin beside the translation of the same page). Every edition now
    leaves them out, as said, once."""
    import subprocess

    from conftest import REPO

    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Parks\n",
        "index.md": page("Home", 1, "Welcome."),
        "about.md": page("About the parks", 2, "The parks are open daily.", lang="en"),
        "es/about.md": page("Acerca de los parques", 2, "Los parques abren todos los días.", lang="es")})
    build = tmp_path / "build"
    make = ["make", "-C", str(REPO), f"SOURCEDIR={source}", f"BUILDDIR={build}", "JOBS=1", "STRICT=0"]
    done = subprocess.run([*make, "translations"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    done = subprocess.run([*make, "all"], capture_output=True, text=True, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0 and "Traceback" not in output, output
    assert output.count("[languages.language-folder]") == 1, output
    pages = sorted(p.relative_to(build / "html").as_posix() for p in (build / "html").rglob("*.html")
                   if "editions/" not in p.as_posix())
    assert not [p for p in pages if p.startswith("es/es/")], pages
    assert "es/about.html" in pages and "about.html" in pages
    for book in (build / "epub").glob("*.epub"):
        with zipfile.ZipFile(book) as archive:
            assert not [n for n in archive.namelist() if n.startswith("es/")], (book.name, archive.namelist())
