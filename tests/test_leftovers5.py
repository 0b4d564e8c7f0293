"""Problems a closing note listed as noticed and not done: kramdown's ``<details
markdown="1">`` boxes nested or read right after their tag, lists and boxes MkDocs or
kramdown made, front matter naming two languages, translations in the sitemap, Han text
without a language in the PDF."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages


def _article(out: Path, name: str = "index") -> BeautifulSoup:
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def _words(element) -> str:
    """The element's words, without the passages' "¶" links."""
    return " ".join(element.get_text(" ").replace("\N{PILCROW SIGN}", " ").split())


def _said(build, kind: str) -> list[tuple[str, str]]:
    return [tuple(line.split(" WARNING: ", 1)) for line in build.warnings if f"[{kind}]" in line]


def _own_words(box) -> str:
    """A box's words without those of the boxes inside it."""
    copy = BeautifulSoup(str(box), "html.parser").details
    for inner in copy.find_all("details"):
        inner.decompose()
    return _words(copy)


def test_nested_kramdown_details_are_nested(tmp_path: Path) -> None:
    """A ``<details markdown="1">`` inside another, its ``</details>`` on the line over the
    outer one's: CommonMark read both end tags as one block, which closed neither box, so both
    were empty and their words stood after them, unsaid. kramdown nested them."""
    nested = ('<details markdown="1">\n<summary>A</summary>\n\nText a\n<details markdown="1">\n'
              '<summary>B</summary>\n\nText b\n\n</details>\n</details>\n\nAfter.\n')
    plain = "<details>\n<summary>C</summary>\n\nText c\n\n<details>\n<summary>D</summary>\n\nText d\n\n" \
            "</details>\n</details>\n\nAfter.\n"
    source = write_pages(tmp_path / "src", {"_config.yml": "title: Old site\n",
                                            "index.md": page("Home", 1, nested),
                                            "plain.md": page("Plain", 2, plain)})
    build = sphinx_build(source, tmp_path / "html", strict=True)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    for name, (outer, inner) in (("index", ("A", "B")), ("plain", ("C", "D"))):
        article = _article(tmp_path / "html", name)
        boxes = article.find_all("details", recursive=True)
        assert len(boxes) == 2, article
        assert boxes[1].find_parent("details") is boxes[0], article
        assert _words(boxes[0].summary) == outer and _words(boxes[1].summary) == inner
        assert _own_words(boxes[0]) == f"{outer} Text {outer.lower()}", boxes[0]
        assert _words(boxes[1]) == f"{inner} Text {inner.lower()}", boxes[1]
        assert "After." not in _words(boxes[0])


def test_kramdown_details_with_markdown_on_the_next_line(tmp_path: Path) -> None:
    """``<details markdown="1"><summary>Fees</summary>`` and its Markdown on the next line
    was one HTML block: the box showed ``**five**`` as typed. Without a ``<summary>``, the
    box went and its words stood open. kramdown read both as a box of Markdown."""
    body = ('<details markdown="1"><summary>Fees</summary>\nThe fee is **five** dollars.\n\n</details>\n\n'
            '<details markdown="1">\nOpen **daily**.\n</details>\n\nAfter.\n\n![Map](nowhere.png)\n')
    source = write_pages(tmp_path / "src", {"_config.yml": "title: Old site\n",
                                            "index.md": page("Home", 1, body)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    article = _article(tmp_path / "html")
    boxes = article.find_all("details")
    assert len(boxes) == 2, article
    assert _words(boxes[0].summary) == "Fees" and boxes[0].strong.get_text() == "five", boxes[0]
    assert "**" not in _words(article), article
    assert boxes[1].strong.get_text() == "daily" and "After." not in _words(boxes[1]), boxes[1]
    assert any(line.startswith(f"{source / 'index.md'}:17:") and "nowhere.png" in line
               for line in build.warnings), build.warnings  # the lines after keep their numbers


def test_bullets_at_a_steps_own_column_are_nested_as_kramdown_nested_them(tmp_path: Path) -> None:
    """``2. Step`` then ``- sub a`` at the step's own column, no blank line between:
    kramdown read the bullets as the step's lazy lines, a list that ends its paragraph, and
    nested them; CommonMark ended the steps and began a list of its own, so ``3. Third``
    began a third list. After a blank line, or with ``1)`` (no list to kramdown), as before."""
    body = ("1. First\n2. Step\n- sub a\n- sub b\n  more b\n3. Third\n\n"
            "- Apples\n- Pears\n1. Peel\n2. Slice\n\nBetween.\n\n"
            "1. One\n\n- apart\n")
    source = write_pages(tmp_path / "src", {"_config.yml": "title: Old site\n",
                                            "index.md": page("Home", 1, body)})
    build = sphinx_build(source, tmp_path / "html", strict=True)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    article = _article(tmp_path / "html")
    top = [lst for lst in article.find_all(["ol", "ul"]) if lst.find_parent(["ol", "ul"]) is None]
    assert [lst.name for lst in top] == ["ol", "ul", "ol", "ul"], article
    steps = top[0].find_all("li", recursive=False)
    assert [_words(li.p) for li in steps] == ["First", "Step", "Third"], top[0]
    assert [_words(li) for li in steps[1].ul.find_all("li", recursive=False)] == ["sub a", "sub b more b"]
    fruit = top[1].find_all("li", recursive=False)
    assert [_words(li) for li in fruit[1].ol.find_all("li")] == ["Peel", "Slice"], top[1]
    assert _words(top[3]) == "apart"


def test_an_open_mkdocs_box_is_an_open_folding_box(tmp_path: Path) -> None:
    """MkDocs' ``???+ note "Title"`` is a folding box shown open; it was a plain box, which a
    reader could not fold. Now an open ``<details>`` on the site and in the ePub, its title
    kept (an untitled one named by its kind), and open in the PDF as every box is."""
    import zipfile

    from pypdf import PdfReader

    from conftest import build_every_edition

    body = ('???+ note "Open hours"\n    We are **open** daily.\n\n??? tip "Folded one"\n    Folded body.\n\n'
            "???+ warning\n    Untitled body.\n\nAfter.\n")
    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, body)})
    build_every_edition(source, tmp_path / "out", strict=True)
    expected = [("Open hours", True), ("Folded one", False), ("Warning", True)]
    article = _article(tmp_path / "out/html")
    boxes = article.select("details")
    assert [(_words(d.summary), d.has_attr("open")) for d in boxes] == expected, article
    assert boxes[0].strong.get_text() == "open" and "After." not in _words(boxes[2])
    assert not article.select(".admonition"), article
    with zipfile.ZipFile(next((tmp_path / "out/epub").glob("*.epub"))) as book:
        xhtml = book.read(next(n for n in book.namelist() if n.endswith("index.xhtml"))).decode("utf-8")
    chapter = BeautifulSoup(xhtml, "html.parser")
    assert [(_words(d.summary), d.has_attr("open")) for d in chapter.select("details")] == expected
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(
        next((tmp_path / "out/typst").glob("*.pdf"))).pages).split())
    assert all(w in text for w in ("Open hours", "We are open daily.", "Untitled body.")), text


def test_a_page_naming_two_languages_is_said_at_the_line_not_read(tmp_path: Path) -> None:
    """``lang: en`` and ``language: es`` in one front matter: ``lang:`` was read and the other
    left unread, unsaid, so Spanish words were marked English. Said at ``language:``'s line;
    two tags of one language, or ``language: python`` (a docs site's code), are not."""
    pages = {"index.md": page("Inicio", 1, "Hola a todos.", lang="en", language="es"),
             "same.md": page("Same", 2, "Hello.", lang="en", locale="en_US"),
             "code.md": page("Code", 3, "Hello.", lang="es", language="python"),
             "names.md": page("Names", 4, "Hola.", locale="zh-Hant", language="Simplified Chinese")}
    source = write_pages(tmp_path / "src", pages)
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = _said(build, "languages.two-languages")
    assert [where for where, _ in said] == [f"{source / 'index.md'}:5:", f"{source / 'names.md'}:5:"], said
    assert "`lang: en` and `language: es`" in said[0][1] and "marks the page en" in said[0][1], said
    assert "`locale: zh-Hant` and `language: Simplified Chinese`" in said[1][1], said
    html = BeautifulSoup((tmp_path / "html/index.html").read_text(encoding="utf-8"), "html.parser")
    assert html.html["lang"].startswith("en")  # lang: read, as before


def test_a_pages_copies_in_other_languages_are_alternates_in_the_sitemap(tmp_path: Path) -> None:
    """``es/about.md`` beside ``about.md`` (an old multilingual site's copies): each page's
    head listed the other as its ``hreflang`` alternate, the sitemap did not, so search
    engines that read the sitemap knew nothing of the Spanish copy."""
    pages = {"index.md": page("Home", 1, "Hello."), "about.md": page("About us", 2, "About words."),
             "es/about.md": page("Sobre nosotros", 3, "Palabras sobre nosotros.", lang="es")}
    source = write_pages(tmp_path / "src", pages)
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    sitemap = BeautifulSoup((tmp_path / "html/sitemap.xml").read_text(encoding="utf-8"), "xml")
    urls = {url.loc.get_text(): url for url in sitemap.find_all("url")}
    about = next(loc for loc in urls if loc.endswith("/about.html") and "/es/" not in loc)
    spanish = next(loc for loc in urls if loc.endswith("/es/about.html"))
    expected = [("en", about), ("es", spanish), ("x-default", about)]
    for loc in (about, spanish):
        links = [(link["hreflang"], link["href"]) for link in urls[loc].find_all("link")]
        assert links == expected, urls[loc]
        assert all(link["rel"] == "alternate" for link in urls[loc].find_all("link"))
    home = next(loc for loc in urls if loc.endswith("/index.html") and "/es/" not in loc)
    assert not urls[home].find_all("link")  # no copy, no alternates
    head = BeautifulSoup((tmp_path / "html/about.html").read_text(encoding="utf-8"), "html.parser")
    assert [(link["hreflang"], link["href"]) for link in head.select("link[hreflang]")] == expected


def _glyphs_of(pdf: Path, char: str) -> set[str]:
    """The glyphs (CIDs of every embedded font) the PDF draws ``char`` with, by its
    ToUnicode maps: one glyph per shape the font gives it."""
    import re

    from pypdf import PdfReader

    found: set[str] = set()
    for sheet in PdfReader(pdf).pages:
        for name, font in sheet["/Resources"].get("/Font", {}).items():
            font = font.get_object()
            if "/ToUnicode" not in font:
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for cid, code in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    if bytes.fromhex(code).decode("utf-16-be") == char:
                        found.add(f"{font['/BaseFont']}:{int(cid, 16)}")
            for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
                for first, last, code in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    offset = ord(char) - int(code, 16)
                    if 0 <= offset <= int(last, 16) - int(first, 16):
                        found.add(f"{font['/BaseFont']}:{int(first, 16) + offset}")
    return found


def test_chinese_without_a_language_is_printed_in_simplified_shapes(tmp_path: Path) -> None:
    """Chinese words on an English page, no ``lang``: the PDF's one CJK font (Noto Sans CJK TC)
    drew them, and their fullwidth comma, in Taiwan's shapes, as if in Traditional Chinese.
    Now in mainland (Simplified) shapes: the page in Traditional Chinese keeps its own, so
    the book holds two shapes of the comma; before, one."""
    from pypdf import PdfReader

    pages = {"index.md": page("Home", 1, "Say 你好，世界 to friends.\n"),
             "tw.md": page("Taiwan", 2, "你好，世界。\n", lang="zh-Hant")}
    source = write_pages(tmp_path / "src", pages)
    build = sphinx_build(source, tmp_path / "pdf", "typst", strict=True)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    pdf = next((tmp_path / "pdf").glob("*.pdf"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "你好，世界" in text and "Say" in text, text
    assert len(_glyphs_of(pdf, "，")) == 2, _glyphs_of(pdf, "，")
