"""Leftovers other helpers reported: an iframe of an unpublished file said three
contradicting things, names that cannot be copied to Windows or web hosts, event attributes
dropped unsaid, a script address named by its first letter as a picture, English chrome on
Spanish frozen pages, a ``<details>`` box whose summary spans lines."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages


def _article(out: Path, name: str = "index") -> BeautifulSoup:
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def _words(element) -> str:
    return " ".join(element.get_text(" ").replace("\N{PILCROW SIGN}", " ").split())


def test_iframe_of_an_unpublished_file_is_said_once(tmp_path: Path) -> None:
    """A Jekyll lesson framed its example, an HTML file without front matter in an
    ``include:``d folder: the build said the frame became a link, that the file is not
    published, and that the link leads to no page, while readers got the title unlinked.
    One message now says what readers get and what to do."""
    frame = ('<iframe src="{{ "/_pages/includes/lesson1-example1.html" | absolute_url }}" '
             'title="HTML example"></iframe>')
    source = write_pages(tmp_path / "src", {
        "_config.yml": 'title: Old site\ninclude: ["_pages"]\n',
        "_pages/includes/lesson1-example1.html": "<p>Hello example</p>\n",
        "index.md": page("Home", 1, f"Intro.\n\n{frame}\n\nAfter.")})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.warnings if "lesson1-example1" in line]
    assert len(said) == 1, said
    assert "index.md:8:" in said[0] and "not published" in said[0], said
    assert "replaced by a link" not in said[0] and "[rawhtml.iframe]" in said[0], said
    article = _article(tmp_path / "html")
    assert "HTML example" in _words(article)
    assert not any("lesson1" in (a.get("href") or "") for a in article.find_all("a"))


def test_event_attributes_are_said_where_written(tmp_path: Path) -> None:
    """MyST's ``{onclick="…"}`` and kramdown's ``{: onclick=… .big}`` were dropped unsaid:
    each is said at its line, and nothing of it reaches a page."""
    myst = ('[the form](https://example.org){onclick="alert(1)"}\n\n'
            '`{onclick="x"}` is how not to.\n\n```\n{onmouseover="x"}\n```\n\n'
            '{% assign online = true %}{{ online }}\n')
    kramdown = 'Para with ial.\n{: onclick="alert(3)" .big}\n\n<span>x</span>{: onload=alert(4)}\n'
    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, myst),
                                            "old.md": page("Old", 2, kramdown)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = sorted(line.split("/src/", 1)[1] for line in build.warnings if "[security.event-attribute]" in line)
    assert [line.split(" WARNING")[0] for line in said] == ["index.md:6:", "old.md:7:", "old.md:9:"], said
    assert "onclick" in said[0] and "onload" in said[2], said
    for name in ("index", "old"):
        html = (tmp_path / "html" / f"{name}.html").read_text(encoding="utf-8")
        assert "alert(" not in html.split("<article", 1)[1].split("</article>")[0]


def test_event_attribute_scan_leaves_liquid_and_latex() -> None:
    """Liquid's ``{% assign online = 1 %}`` and a LaTeX argument are no attribute lists."""
    from safety.attributes import event_attributes

    text = ('{% assign online = true %}\n$$\\color{red" onload="x}{z}$$\n'
            '![a](b.png){ onerror="x" }\n{#top onclick=go}\n')
    assert event_attributes(text) == [(3, ["onerror"]), (4, ["onclick"])]


def test_script_address_in_character_references_is_refused_whole(tmp_path: Path) -> None:
    """``{image} &#106;avascript:alert(2)`` was "the picture '&' cannot be found: add the
    picture as '&'": the name cut at ``#``. It is a script address: refused as one, named
    whole. And the name close to a missing picture's is only ever a picture's."""
    body = "```{image} &#106;avascript:alert(2)\n:alt: A chart\n```\n\n![Parking permits](parking-permits.png)\n"
    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, body),
                                            "parking-permits.md": page("Permits", 2)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.warnings if "index.md:" in line]
    script = [line for line in said if "index.md:6:" in line]
    assert len(script) == 1 and "&#106;avascript:alert(2)" in script[0], said
    assert "[security.url-scheme]" in script[0], said
    missing = [line for line in said if "parking-permits.png" in line]
    assert len(missing) == 1 and "parking-permits.md" not in missing[0], said


def test_details_whose_summary_spans_lines_keeps_its_box(tmp_path: Path) -> None:
    """``<details markdown="1">`` with its ``<summary>`` over three lines, Markdown right
    after: the box was lost (its tag left out), its words shown loose. just-the-docs'
    contents box has that shape too, and stays the titled contents list
    (tests/test_jekyll_jtd.py)."""
    body = ('<details markdown="1">\n<summary>\nFees\n</summary>\nThe **fee**.\n</details>\n\n'
            'After.\n')
    source = write_pages(tmp_path / "src", {"_config.yml": "title: Old site\n",
                                            "index.md": page("Home", 1, body)})
    build = sphinx_build(source, tmp_path / "html", strict=True)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    article = _article(tmp_path / "html")
    boxes = article.find_all("details")
    assert len(boxes) == 1, article
    assert _words(boxes[0].summary) == "Fees", boxes[0]
    assert boxes[0].find("strong") is not None and _words(boxes[0]) == "Fees The fee .", boxes[0]
    assert "After." in _words(article) and "After." not in _words(boxes[0])


def test_names_windows_and_web_hosts_refuse_are_said(tmp_path: Path) -> None:
    """A page file named ``<img src=x onerror=alert(72)>.md`` and a ``redirect_from`` with
    ``<`` were written as files without a word; a site holding them cannot be copied to
    Windows or many web hosts. The page is still published and said at its file, with what
    to rename; the old address is not written, and said at its line."""
    strange = "<img src=x onerror=alert(72)>.md"
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Old site\n",
        "index.md": page("Home", 1),
        strange: page("Pictures", 2),
        "moved.md": page("Moved", 3, redirect_from="/old<img src=x>")})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    named = [line for line in build.warnings if "[security.portable-name]" in line]
    assert len(named) == 1 and f"{strange}:1:" in named[0] and "rename" in named[0], build.warnings
    assert (tmp_path / "html" / "<img src=x onerror=alert(72)>.html").is_file()  # never lost
    old = [line for line in build.warnings if "/old<img src=x>" in line]
    assert len(old) == 1 and "moved.md:4:" in old[0] and "[redirect.invalid]" in old[0], build.warnings
    assert not list((tmp_path / "html").glob("old*"))


PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
      'msgid "Welcome."\nmsgstr "Bienvenidos."\n')


def test_a_frozen_spanish_pages_archive_banner_is_spanish(tmp_path: Path) -> None:
    """The banner over ``editions/1.0.0/es/…`` was English on a Spanish page, where the
    site's other chrome (its editions, its passages' links) is Spanish."""
    from test_record_left_pages import OLD, release_with

    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "locales/es/LC_MESSAGES/index.po": PO})
    release_with(tmp_path / "editions", "0.9.0", {"index.html": OLD, "es/index.html": OLD})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    english = BeautifulSoup((build.outdir / "editions/0.9.0/index.html").read_bytes(), "html.parser")
    spanish = BeautifulSoup((build.outdir / "editions/0.9.0/es/index.html").read_bytes(), "html.parser")
    said = _words(english.select_one(".record-archive-banner"))
    dicho = _words(spanish.select_one(".record-archive-banner"))
    assert "This is an earlier edition" in said, said
    assert "edición anterior" in dicho and "This" not in dicho and "edition" not in dicho, dicho
    assert spanish.select_one(".record-archive-banner")["aria-label"] == "Edición archivada"


SPANISH_PASSAGES = json.dumps({"version": "0.9.0", "date": "2020-01-01", "passages": [
    {"chapter": name, "chapter_title": "Piscinas", "kind": "paragraph", "file": f"{name}.html",
     "id": "p-1", "text": "Palabras.", "pdf_page": 1} for name in ("index", "pools")]}).encode()


def test_a_left_spanish_pages_address_says_so_in_spanish(tmp_path: Path) -> None:
    """A released Spanish page renamed since: its address (``es/pools.html``) leads to the
    frozen copy through a page that said "This page has moved" on the Spanish site."""
    from test_record_left_pages import OLD, release_with

    source = write_pages(tmp_path / "source", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "locales/es/LC_MESSAGES/index.po": PO})
    release_with(tmp_path / "editions", "0.9.0", {"index.html": OLD, "pools.html": OLD,
                                                  "es/index.html": OLD, "es/pools.html": OLD,
                                                  "es/passages.json": SPANISH_PASSAGES})
    build = sphinx_build(source, tmp_path / "out" / "es", strict=False, extra=("-D", "language=es"))
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    moved = BeautifulSoup((build.outdir / "pools.html").read_bytes(), "html.parser")
    words = _words(moved.body)
    assert "Esta página se ha trasladado" in words and "versión 0.9.0" in words, words
    assert "moved" not in words and "version" not in words, words
    assert moved.title.get_text().startswith("Trasladada:"), moved.title
    assert moved.html["lang"] == "es"


def test_a_post_category_with_a_question_mark_writes_no_stray_redirect(tmp_path: Path) -> None:
    """Category ``c?d``: Jekyll wrote the post at ``c?d/2020/01/01/post.html`` (served as
    ``/c%3Fd/…``); the build read the ``?`` as a query and wrote redirects at ``c.html`` and
    ``c/index.html``, addresses the post never had, without a word."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Old site\n",
        "index.md": page("Home", 1),
        "_posts/2020-01-01-post.md": '---\ntitle: Post\ncategories: ["c?d"]\n---\n\nText.\n'})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert not (tmp_path / "html" / "c.html").exists() and not (tmp_path / "html" / "c").exists()
    said = [line for line in build.warnings if "[redirect.invalid]" in line]
    assert len(said) == 1 and "2020-01-01-post.md:1:" in said[0] and "'?'" in said[0], build.warnings
    assert "Text." in (tmp_path / "html" / "posts" / "2020-01-01-post.html").read_text(encoding="utf-8")
