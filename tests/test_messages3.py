"""Warnings as City staff read them (round three): each said once, at its line, with an
action that works, and no two messages saying opposite things of one thing."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from conftest import page, sphinx_build, write_pages


def _png() -> bytes:
    """A real 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def test_an_event_attribute_shown_as_typed_is_said_once_as_shown(tmp_path: Path) -> None:
    """``Some words {onclick="alert(1)"}``: MyST reads no attribute list after a space, so
    the braces are shown as words (markup.attributes says so). The safety check said the same
    braces were "not published: it would run a script", which readers then saw on the page."""
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", 1, body='Some words {onclick="alert(1)"}\n\n'
                                         '[a link](https://example.org){onclick="go()"}')})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    line6 = [w for w in build.warnings if "index.md:6:" in w]
    assert len(line6) == 1 and "[markup.attributes]" in line6[0], build.warnings
    line8 = [w for w in build.warnings if "index.md:8:" in w]
    assert len(line8) == 1 and "[security.event-attribute]" in line8[0] and "onclick" in line8[0], build.warnings


def test_an_unportable_folder_name_is_said_as_the_folder(tmp_path: Path) -> None:
    """``c|d/page.md``: the '|' is in the folder; the message said "the file name holds '|'"
    and advised renaming it 'page.md', which it already was."""
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", 1), "c|d/index.md": page("Section", 2),
        "c|d/page.md": page("Inside", 1)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "[security.portable-name]" in w]
    assert said and all("folder 'c|d'" in w and "'c-d'" in w and "file name holds" not in w
                        for w in said), build.warnings


def test_a_picture_with_an_unportable_name_is_said(tmp_path: Path) -> None:
    """``![x](a|b.png)`` was copied to ``_images/a|b.png`` without a word, where a page of
    that name is said: the site cannot be copied to Windows or many web hosts."""
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", 1, body="Words.\n\n![a map](a|b.png)\n\n[the list](c*d.csv)"),
        "a|b.png": _png(), "c*d.csv": "a,b\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "[security.portable-name]" in w]
    assert any("index.md:8:" in w and "'a|b.png'" in w and "'a-b.png'" in w for w in said), build.warnings
    assert any("index.md:10:" in w and "'c*d.csv'" in w and "'c-d.csv'" in w for w in said), build.warnings
    assert (build.outdir / "_images" / "a|b.png").is_file()  # still shown


def test_a_hidden_file_an_include_relative_names_is_said_as_hidden(tmp_path: Path) -> None:
    """``{% include_relative .env %}`` stays as written (a hidden file may hold secrets), but
    it was said as "Liquid the publication cannot run ... Replace each with the text it stood
    for": advice to paste the secrets into the page."""
    source = write_pages(tmp_path / "source", {
        "_config.yml": "title: Site\n", ".env": "TOKEN=abc\n",
        "index.md": page("Home", 1, body="Words.\n\n{% include_relative .env %}")})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if ".env" in w]
    assert len(said) == 1 and "index.md:8:" in said[0] and "hidden file" in said[0], build.warnings
    assert "text it stood for" not in said[0], said
    assert "TOKEN=abc" not in (build.outdir / "index.html").read_text(encoding="utf-8")


def test_a_spanish_page_moved_to_another_site_says_so_in_spanish(tmp_path: Path) -> None:
    """``redirect_to: https://other.org`` on a translation's build: the page written for it
    said "This page has moved to another site" in English, where the site's other moved
    pages say it in Spanish."""
    from bs4 import BeautifulSoup

    po = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
          'msgid "Welcome."\nmsgstr "Bienvenidos."\n')
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", 1, body="Welcome."),
        "moved.md": page("Pools", 2, redirect_to="https://example.org/pools"),
        "locales/es/LC_MESSAGES/index.po": po})
    build = sphinx_build(source, tmp_path / "out" / "es", strict=False, extra=("-D", "language=es"))
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    moved = BeautifulSoup((build.outdir / "moved.html").read_bytes(), "html.parser")
    words = " ".join(moved.body.get_text(" ").split())
    assert "otro sitio" in words and "moved" not in words and "site" not in words.replace("sitio", ""), words
    assert moved.title.get_text().startswith("Trasladada a otro sitio:"), moved.title
    assert moved.select_one('a[href="https://example.org/pools"]') is not None


def test_an_address_split_by_a_tab_is_said_in_plain_words(tmp_path: Path) -> None:
    """``<blockquote cite="java<tab>script:alert(1)">``: the message named the address as
    Python writes it, ``'java\\tscript:alert(1)'``, a backslash and a t the page never had."""
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", 1, body='<blockquote cite="java\tscript:alert(1)">Quote</blockquote>')})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "script:alert(1)" in w]
    assert len(said) == 1 and "index.md:6:" in said[0], build.warnings
    assert "'java script:alert(1)'" in said[0] and "\\t" not in said[0], said


def test_an_impossible_date_in_config_asks_for_a_real_day(tmp_path: Path) -> None:
    """``launched: 2020-02-30`` was told to "write it as YYYY-MM-DD", which it already was."""
    source = write_pages(tmp_path / "source", {
        "_config.yml": "title: Site\nlaunched: 2020-02-30\n",
        "index.md": page("Home", 1, body="Since {{ site.launched }}.")})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "2020-02-30" in w]
    assert len(said) == 1 and "_config.yml:2:" in said[0], build.warnings
    assert "write it as YYYY-MM-DD" not in said[0] and "correct the month or day" in said[0], said
