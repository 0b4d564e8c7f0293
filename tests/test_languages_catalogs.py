"""A translated build only reads the source folder: its catalogs are compiled beside the doctrees.

Sphinx compiles each ``.po`` into the ``.mo`` beside it; in the source folder a ``.mo`` that
is a link to any file made the build overwrite that file.
"""

from __future__ import annotations

import os
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages

PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: es\\n"\n\n'
      'msgid "Hello reader."\nmsgstr "Hola lector."\n')
SPANISH = ("-D", "language=es")


def pages(folder: Path) -> Path:
    return write_pages(folder, {"index.md": page("Home", body="Hello reader."),
                                "locales/es/LC_MESSAGES/index.po": PO})


def body_text(outdir: Path) -> str:
    return BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "lxml").article.get_text()


def files_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_translated_build_writes_nothing_into_the_source_folder(tmp_path):
    source = pages(tmp_path / "pages")
    before = files_of(source)
    build = sphinx_build(source, tmp_path / "out", extra=SPANISH)
    assert build.returncode == 0, build.output
    assert "Hola lector." in body_text(tmp_path / "out")
    assert files_of(source) == before
    assert list((tmp_path / "out.doctrees").rglob("index.mo"))


def test_a_mo_linked_to_a_file_outside_is_refused_and_the_file_left_alone(tmp_path):
    source = pages(tmp_path / "pages")
    target = tmp_path / "target"
    target.write_bytes(b"older file")
    os.utime(target, ns=(1, 1))
    link = source / "locales/es/LC_MESSAGES/index.mo"
    link.symlink_to(target)
    build = sphinx_build(source, tmp_path / "out", extra=SPANISH)
    assert (target.read_bytes(), target.stat().st_mtime_ns) == (b"older file", 1)
    refusals = [w for w in build.warnings if w.endswith("[security.file-outside]")]
    assert len(refusals) == 1 and refusals[0].startswith(f"{link}:"), build.output
    assert len(build.warnings) == 1, build.output
    assert "Hola lector." in body_text(tmp_path / "out")  # the catalog itself is the page's own


def test_a_po_linked_to_a_file_outside_is_not_read(tmp_path):
    source = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Hello reader.")})
    outside = write_pages(tmp_path / "elsewhere", {"index.po": PO}) / "index.po"
    link = source / "locales/es/LC_MESSAGES/index.po"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    build = sphinx_build(source, tmp_path / "out", extra=SPANISH)
    refusals = [w for w in build.warnings if w.endswith("[security.file-outside]")]
    assert len(refusals) == 1 and refusals[0].startswith(f"{link}:"), build.output
    assert "Hello reader." in body_text(tmp_path / "out")
    assert not list(outside.parent.glob("*.mo"))


def test_a_changed_catalog_is_used_and_a_removed_one_forgotten(tmp_path):
    source = pages(tmp_path / "pages")
    assert sphinx_build(source, tmp_path / "out", extra=SPANISH).returncode == 0
    po = source / "locales/es/LC_MESSAGES/index.po"
    po.write_text(PO.replace("Hola lector.", "Hola, lectora."), encoding="utf-8")
    assert sphinx_build(source, tmp_path / "out", extra=SPANISH).returncode == 0
    assert "Hola, lectora." in body_text(tmp_path / "out")
    write_pages(source, {"locales/es/LC_MESSAGES/other.po": PO})  # the language keeps a catalog
    po.unlink()
    # -E: Sphinx reads a page again for a changed catalog, not for a deleted one
    assert sphinx_build(source, tmp_path / "out", extra=(*SPANISH, "-E")).returncode == 0
    assert "Hello reader." in body_text(tmp_path / "out")


def test_a_catalog_that_is_not_utf8_is_said_with_its_file_not_a_crash_report(tmp_path):
    source = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Hello reader."),
                                              "locales/es/LC_MESSAGES/index.po": PO.encode() + b"\xff\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False, extra=SPANISH)
    assert "Extension error" not in build.output and build.returncode == 0, build.output
    po = source / "locales/es/LC_MESSAGES/index.po"
    assert any(w.startswith(f"{po}:1: WARNING") and w.endswith("[languages.catalog]")
               for w in build.warnings), build.output
