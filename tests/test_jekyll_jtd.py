"""A just-the-docs site's callouts and generated contents are kept in every edition.

The root ``jekyll-jtd`` has the shape of just-the-docs' own documentation (its
``_config.yml`` ``callouts:``, lines of its Callouts and In-Page Navigation pages, the
``<details>`` + ``<summary>`` contents of its section pages): the theme printed a label
("Note", "Warning", a ``-title`` quote's first line) above each callout and a list of the
page's headings where ``1. TOC`` + ``{:toc}`` stood.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import copy_root, sphinx_build

CALLOUTS = [  # (label, first words), in page order: what the theme showed
    ("Warning", "These callout names are not pre-defined by the theme: you need to define your own names."),
    (None, "A highlighted paragraph"),
    ("Note", "A noted paragraph"),
    ("My note title", "A paragraph with a custom title callout"),
    ("Important", "An important paragraph Another paragraph The last paragraph"),
    (None, "An indented paragraph"),
    ("New", "A new paragraph Another new paragraph"),
    ("Important", "Warning A nested paragraph"),
    ("Warning", "A nested paragraph"),
    ("Important", "Warning An opaque paragraph"),
    ("Warning", "An opaque paragraph"),
    ("Note", "Solo is a doublet detection tool. More information can be found at:"),
]
IN_PAGE = ["Table of Contents", "Collapsible Table of Contents", "Back to Top"]  # not `.no_toc`


@pytest.fixture(scope="session")
def jtd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built as ``make all STRICT=0`` does, and its website again in Spanish."""
    base = tmp_path_factory.mktemp("jtd")
    source = copy_root("jekyll-jtd", base / "src")
    output = []
    for builder, folder in (("typst", "pdf"), ("epub", "epub"), ("html", "html")):
        build = sphinx_build(source, base / folder, builder, strict=False, doctrees=base / "doctrees",
                             extra=("-D", f"editions_dir={base}"))
        assert build.returncode == 0, build.output
        output.append(build.output)
    build = sphinx_build(source, base / "es", "html", strict=False, doctrees=base / "es-doctrees",
                         extra=("-D", "language=es", "-D", f"editions_dir={base}"))
    assert build.returncode == 0, build.output
    (base / "output.txt").write_text("\n".join(output), encoding="utf-8")
    return base


def words(node) -> str:
    return " ".join(node.get_text(" ", strip=True).replace("¶", "").split())


def callouts_in(html: str) -> list[tuple[str | None, str]]:
    found = []
    for box in BeautifulSoup(html, "lxml").select("div.admonition"):
        title = box.find(class_="admonition-title", recursive=False)
        label = words(title) if title else None
        text = words(box)
        found.append((label, text[len(label):].strip() if label else text))
    return found


def test_callouts_have_their_labels_on_the_website(jtd: Path) -> None:
    html = (jtd / "html" / "docs" / "ui-components" / "callouts.html").read_text(encoding="utf-8")
    assert callouts_in(html) == CALLOUTS
    article = BeautifulSoup(html, "lxml").find("article")
    for code in article.find_all("pre"):
        code.decompose()
    assert "{:" not in words(article)


def test_callouts_have_their_labels_in_the_epub(jtd: Path) -> None:
    with zipfile.ZipFile(next((jtd / "epub").glob("*.epub"))) as book:
        name = next(n for n in book.namelist() if n.endswith("callouts.xhtml"))
        assert callouts_in(book.read(name).decode("utf-8")) == CALLOUTS


def pdf_text(base: Path) -> str:
    reader = pypdf.PdfReader(next((base / "pdf").glob("*.pdf")))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_callouts_have_their_labels_in_the_pdf(jtd: Path) -> None:
    text = pdf_text(jtd)
    at = 0
    for label, first in CALLOUTS:
        at = text.index(f"{label} {first}" if label else first, at)
    assert "{: ." not in text.replace("{: .highlight } A paragraph", "")  # the page's code example


def test_labels_are_in_the_publications_language(jtd: Path) -> None:
    html = (jtd / "es" / "docs" / "ui-components" / "callouts.html").read_text(encoding="utf-8")
    labels = [label for label, _ in callouts_in(html)]
    assert labels[:4] == ["Advertencia", None, "Nota", "My note title"]  # the page's own words stay
    assert "Nuevo" in labels
    navigation = BeautifulSoup((jtd / "es" / "docs" / "navigation" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert words(navigation.select_one("nav.kramdown-toc .topic-title")) == "Table of contents"


def contents_of(html: str) -> tuple[str, list[str], list[str]]:
    page = BeautifulSoup(html, "lxml")
    toc = page.select_one(".kramdown-toc")
    assert toc is not None, "the page's contents list is missing"
    return (words(toc.select_one(".topic-title")), [words(a) for a in toc.select("a")],
            [a["href"] for a in toc.select("a")])


def test_toc_marker_is_the_pages_contents_on_the_website(jtd: Path) -> None:
    html = (jtd / "html" / "docs" / "navigation" / "in-page.html").read_text(encoding="utf-8")
    title, entries, hrefs = contents_of(html)
    assert (title, entries) == ("Table of Contents", IN_PAGE)
    page = BeautifulSoup(html, "lxml")
    for href in hrefs:
        assert page.find(id=href[1:]) is not None, href
    # the `.no_toc` label heading is the list's title, not a heading of its own
    headings = ["Table of Contents", "Example", "Collapsible Table of Contents", "Back to Top"]
    assert [words(h) for h in page.find("article").find_all(["h2", "h3"])] == headings
    assert [words(a) for a in page.select(".toc-drawer a")][1:] == headings


def test_toc_in_details_takes_the_summary_as_its_title(jtd: Path) -> None:
    html = (jtd / "html" / "docs" / "navigation" / "index.html").read_text(encoding="utf-8")
    title, entries, _ = contents_of(html)
    assert (title, entries) == ("Table of contents", ["Main navigation", "Auxiliary links"])
    assert "summary" not in html.split('id="furo-main-content"')[1].split("</article>")[0]


def test_toc_marker_is_the_pages_contents_in_epub_and_pdf(jtd: Path) -> None:
    with zipfile.ZipFile(next((jtd / "epub").glob("*.epub"))) as book:
        name = next(n for n in book.namelist() if n.endswith("in-page.xhtml"))
        title, entries, _ = contents_of(book.read(name).decode("utf-8"))
    assert (title, entries) == ("Table of Contents", IN_PAGE)
    text = pdf_text(jtd)
    listed = text.index("In-Page Navigation Table of Contents • Table of Contents (page")
    assert text.index("Collapsible Table of Contents (page", listed) < text.index("Back to Top (page", listed) \
        < text.index("To support in-page navigation", listed)


def test_the_authors_rule_above_the_footnotes_is_the_only_one(jtd: Path) -> None:
    """kramdown drew no rule above footnotes, so just-the-docs' pages draw their own `----`."""
    article = BeautifulSoup((jtd / "html" / "docs" / "navigation" / "order.html").read_text(encoding="utf-8"),
                            "lxml").find("article")
    assert len(article.find_all("hr")) == 1
    assert "Jekyll treats each integer" in words(article)
    assert "adjacent transitions" not in (jtd / "output.txt").read_text(encoding="utf-8")


def test_a_table_without_a_header_line_is_a_table_in_the_site(tmp_path: Path) -> None:
    """kramdown drew rows of ``| a | b |`` with no ``|---|`` line as a table (Vizzuality's
    initiative template); the site showed them as lines of pipes."""
    source = tmp_path / "site"
    (source / "_docs").mkdir(parents=True)
    (source / "_config.yml").write_text("title: Docs\ncollections:\n  docs:\n    output: true\n")
    (source / "index.md").write_text("---\ntitle: Home\n---\n\nWelcome.\n")
    (source / "_docs" / "template.md").write_text(
        "---\ntitle: Initiative template\n---\n\nSmall description\n\n| Responsible | The who | \n"
        "| Start date | 2021-03-12   |\n| Status | ongoing |\n\n---\n# Responsibilities\n")
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    soup = BeautifulSoup(next((tmp_path / "html").rglob("template.html")).read_bytes(), "lxml")
    cells = [" ".join(td.get_text().split()) for td in soup.select("article table td, article table th")]
    assert cells == ["Responsible", "The who", "Start date", "2021-03-12", "Status", "ongoing"], build.output
    assert "|" not in soup.select_one("article").get_text()
