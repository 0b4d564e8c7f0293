"""A frozen release is published only if it is exactly what ``make release`` froze.

The release folder beside the source folder comes from a pull request or, for pages in
``/tmp/x``, from ``/tmp/editions``, which anyone may create. A security test published a
secret through a symlink listed in SHA256SUMS, wrote a file outside the build folder
through ``dd/../../…`` and served its own HTML and script, with ``0000`` for every hash and
no warning. Each crafted folder here must fail a strict build with one warning at its
``SHA256SUMS`` line, and publish nothing of that release.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from conftest import sphinx_build, write_pages

from record import frozen, release, releases

KIND = "[record.release-tampered]"
INDEX = "---\ntitle: Home\n---\n\nWelcome.\n"
PAGE = b"<html><body><article>Frozen text.</article></body></html>"


def frozen_release(editions: Path, version: str = "0.9.0",
                   files: dict[str, bytes] | None = None) -> Path:
    """A release folder as ``make release`` writes it: every file with its true SHA-256."""
    folder = editions / version
    files = {"index.html": PAGE, **(files or {}),
             "passages.json": json.dumps({"version": version, "date": "2020-01-01",
                                          "passages": []}).encode()}
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    write_sums(folder, [f"{hashlib.sha256(d).hexdigest()}  {n}" for n, d in sorted(files.items())])
    return folder


def write_sums(folder: Path, lines: list[str]) -> None:
    (folder / "SHA256SUMS").write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def add_line(folder: Path, line: str) -> int:
    """Append ``line`` to the folder's SHA256SUMS; its line number."""
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines() + [line]
    write_sums(folder, lines)
    return len(lines)


def project(tmp_path: Path) -> tuple[Path, Path]:
    source = write_pages(tmp_path / "source", {"index.md": INDEX})
    return source, tmp_path / "editions"


def build(source: Path, out: Path):
    return sphinx_build(source, out)


def tampered_warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if "WARNING:" in line and KIND in line]


def assert_refused_once(result, folder: Path, line: int, words: str) -> None:
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    found = tampered_warnings(result.output)
    assert len(found) == 1, result.output
    where = re.escape(f"{folder / 'SHA256SUMS'}:{line}: WARNING: ")
    assert re.match(where + ".*" + re.escape(words), found[0]), found[0]
    assert "make release" in found[0] and "version control" in found[0], found[0]


def published(out: Path, version: str = "0.9.0") -> Path:
    return out / "editions" / version


def test_an_untouched_release_is_published_with_its_banner(tmp_path):
    source, editions = project(tmp_path)
    frozen_release(editions, files={"_static/app.js": b"console.log('frozen');\n"})
    result = build(source, tmp_path / "out")
    assert result.returncode == 0, result.output
    online = published(result.outdir)
    assert b"record:archive-banner" in (online / "index.html").read_bytes()
    assert (online / "_static" / "app.js").read_bytes() == b"console.log('frozen');\n"


def test_a_path_out_of_the_release_is_refused_and_nothing_is_written(tmp_path):
    source, editions = project(tmp_path)
    folder = frozen_release(editions)
    (folder / "payload" / "a" / "b").mkdir(parents=True)
    outside = tmp_path / "pwned.html"
    data = b"<script>alert(1)</script>"
    line = add_line(folder, f"{hashlib.sha256(data).hexdigest()}  payload/../../../pwned.html")
    result = build(source, tmp_path / "out")
    assert_refused_once(result, folder, line, "'payload/../../../pwned.html' is not a plain relative path")
    assert not outside.exists() and not published(result.outdir).exists()


def test_a_path_through_a_symlinked_folder_is_refused(tmp_path):
    source, editions = project(tmp_path)
    folder = frozen_release(editions)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "page.html").write_bytes(PAGE)
    (folder / "dd").symlink_to(tmp_path / "elsewhere")
    line = add_line(folder, f"{hashlib.sha256(PAGE).hexdigest()}  dd/page.html")
    result = build(source, tmp_path / "out")
    assert_refused_once(result, folder, line, "'dd' is a symbolic link")
    assert not published(result.outdir).exists()


def test_a_symlink_to_a_secret_is_refused_even_with_its_true_hash(tmp_path):
    source, editions = project(tmp_path)
    folder = frozen_release(editions)
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"password=hunter2\n")
    (folder / "leak.txt").symlink_to(secret)
    line = add_line(folder, f"{hashlib.sha256(secret.read_bytes()).hexdigest()}  leak.txt")
    result = build(source, tmp_path / "out")
    assert_refused_once(result, folder, line, "'leak.txt' is a symbolic link")
    assert not published(result.outdir).exists()
    assert "hunter2" not in "".join(p.read_text(errors="replace") for p in result.outdir.rglob("*")
                                    if p.is_file())


def test_a_wrong_hash_is_refused(tmp_path):
    source, editions = project(tmp_path)
    folder = frozen_release(editions)
    (folder / "evil.js").write_bytes(b"alert(document.cookie)")
    line = add_line(folder, "0" * 64 + "  evil.js")
    result = build(source, tmp_path / "out")
    assert_refused_once(result, folder, line, "'evil.js' is not the file that was frozen")
    assert not published(result.outdir).exists()


def test_a_hash_that_is_no_sha256_is_refused(tmp_path):
    source, editions = project(tmp_path)
    folder = frozen_release(editions)
    line = add_line(folder, "0000  index.html")
    result = build(source, tmp_path / "out")
    assert_refused_once(result, folder, line, "'0000' is not a SHA-256")


def test_an_absolute_path_is_refused(tmp_path):
    source, editions = project(tmp_path)
    folder = frozen_release(editions)
    target = tmp_path / "absolute.html"
    target.write_bytes(PAGE)
    line = add_line(folder, f"{hashlib.sha256(PAGE).hexdigest()}  {target}")
    result = build(source, tmp_path / "out")
    assert_refused_once(result, folder, line, "is not a plain relative path")
    assert not published(result.outdir).exists()


def test_a_broken_release_does_not_replace_the_copy_published_before(tmp_path):
    source, editions = project(tmp_path)
    folder = frozen_release(editions)
    out = tmp_path / "out"
    assert build(source, out).returncode == 0
    before = (published(out) / "index.html").read_bytes()
    (folder / "index.html").write_bytes(b"<html><body><article><script>x()</script></article></body></html>")
    result = build(source, out)
    assert_refused_once(result, folder, 1, "'index.html' is not the file that was frozen")
    assert (published(out) / "index.html").read_bytes() == before


# ---------------------------------------------------------------- the check alone

@pytest.mark.parametrize("name", ["/etc/passwd", "../x", "a/../b", "a//b", "a/", "./a", "a/.",
                                  "a\\b", "a\nb", "a\x00b", "a\x7fb", "", "..", "C:/x"])
def test_only_plain_relative_names_are_accepted(name):
    assert frozen.name_problem(name) is not None


@pytest.mark.parametrize("name", ["index.html", "es/editions/x.pdf", "_static/furo.js", ".nojekyll",
                                  "café/página.html"])
def test_a_plain_relative_name_is_accepted(name):
    assert frozen.name_problem(name) is None


def test_a_fifo_listed_as_a_file_does_not_hang_the_check(tmp_path):
    folder = frozen_release(tmp_path / "editions")
    os.mkfifo(folder / "pipe")
    add_line(folder, "0" * 64 + "  pipe")
    problem = frozen.check(folder)
    assert problem is not None and "not a regular file" in problem.why


def test_a_translation_is_read_only_from_a_listed_file(tmp_path):
    folder = frozen_release(tmp_path / "editions")
    (folder / "es").mkdir()
    (folder / "es" / "passages.json").write_text("{}")
    assert releases.Release("0.9.0", folder).translation("es/") is None


# ---------------------------------------------------------------- make release

def built_site(folder: Path) -> Path:
    (folder / "editions").mkdir(parents=True)
    (folder / "editions" / "x.pdf").write_bytes(b"%PDF")
    (folder / "editions" / "x.epub").write_bytes(b"PK")
    (folder / "index.html").write_text("Hello.")
    (folder / "passages.json").write_text(json.dumps(
        {"version": "1.0.0", "date": "2026-11-25", "title": "T",
         "passages": [{"chapter": "index", "id": "p-1", "text": "Hello.", "pdf_page": 1}]}))
    return folder


def notes(tmp_path: Path) -> Path:
    (tmp_path / "CHANGES.md").write_text("## 1.0.0\n\nFirst.\n")
    return tmp_path / "CHANGES.md"


def test_make_release_refuses_a_site_that_links_outside(tmp_path, capsys):
    site = built_site(tmp_path / "html")
    (tmp_path / "secret.txt").write_text("password=hunter2")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    store = tmp_path / "editions"
    assert release.main(["release", str(site), str(store), str(notes(tmp_path))]) == 1
    assert "leak.txt is a symbolic link" in capsys.readouterr().err
    assert not (store / "1.0.0").exists()


def test_make_release_refuses_a_symlinked_folder_in_the_site(tmp_path, capsys):
    site = built_site(tmp_path / "html")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("password=hunter2")
    (site / "dd").symlink_to(tmp_path / "outside")
    store = tmp_path / "editions"
    assert release.main(["release", str(site), str(store), str(notes(tmp_path))]) == 1
    assert "dd is a symbolic link" in capsys.readouterr().err
    assert not (store / "1.0.0").exists()


def test_make_release_does_not_write_through_a_planted_partial_folder(tmp_path):
    site = built_site(tmp_path / "html")
    store = tmp_path / "editions"
    store.mkdir()
    victim = tmp_path / "victim"
    victim.mkdir()
    (store / ".1.0.0.partial").symlink_to(victim)
    assert release.main(["release", str(site), str(store), str(notes(tmp_path))]) == 0
    assert list(victim.iterdir()) == []
    assert frozen.check(store / "1.0.0") is None


def test_make_release_refuses_an_editions_folder_that_is_a_symlink(tmp_path, capsys):
    site = built_site(tmp_path / "html")
    (tmp_path / "elsewhere").mkdir()
    store = tmp_path / "editions"
    store.symlink_to(tmp_path / "elsewhere")
    assert release.main(["release", str(site), str(store), str(notes(tmp_path))]) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("released", ["1.0", "v1.0.0", "1.0.0.0"])
def test_make_release_refuses_a_version_released_under_another_spelling(tmp_path, capsys, released):
    """CITATION.cff says 1.0.0 and editions/1.0/ holds another text: both were frozen, two
    releases of one version (PEP 440's) that no citation could tell apart."""
    site = built_site(tmp_path / "html")
    store = tmp_path / "editions"
    frozen_release(store, released)
    assert release.main(["release", str(site), str(store), str(notes(tmp_path))]) == 1
    assert f"version 1.0.0 is version {released}, already released" in capsys.readouterr().err
    assert sorted(p.name for p in store.iterdir()) == [released]
