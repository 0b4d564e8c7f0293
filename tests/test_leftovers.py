"""Problems testers found and left: a City page whose words vanished unsaid, or whose
warning said the wrong thing."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, page, require_tool, sphinx_build, write_pages


def make(*args: str) -> subprocess.CompletedProcess[str]:
    """The project's Makefile, as city staff run it."""
    command = [require_tool("make", "city staff run the Makefile"), "-s", "-C", str(REPO), *args]
    return subprocess.run(command, capture_output=True, text=True, env=dict(os.environ),
                          timeout=300, check=False)


def _article(build_dir: Path, name: str = "index") -> str:
    html = (build_dir / f"{name}.html").read_text(encoding="utf-8")
    return " ".join(BeautifulSoup(html, "html.parser").article.get_text().replace("¶", "").split())


def test_words_a_block_break_hides_are_said_and_a_plain_break_is_not(tmp_path):
    """Outside a Jekyll site MyST reads ``+++ Budget notes`` as a block break and hides the
    words: said at the line, with what to write. ``+++`` alone, MyST's JSON metadata and a
    ``%`` comment are MyST's own, written on purpose: kept as MyST means them, unsaid."""
    body = ("Intro.\n\n+++ Budget notes\n\nMore.\n\n+++\n\nAfter the break.\n\n+++ {\"slide\": true}\n\n"
            "% a note to editors\n\nEnd.")
    src = write_pages(tmp_path / "src", {"index.md": page("Home", 1, body)})
    build = sphinx_build(src, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    said = [line for line in build.warnings if "block-break-words" in line]
    assert len(said) == 1 and "index.md:8:" in said[0] and "'Budget notes'" in said[0], build.output
    assert "\\+++" in said[0], said
    assert len(build.warnings) == 1, build.warnings
    shown = _article(tmp_path / "out")
    assert "Intro. More. After the break. End." in shown, shown
    assert "+++" not in shown and "editors" not in shown and "slide" not in shown, shown


def test_a_jekyll_page_whose_lines_end_in_cr_alone_is_a_page(tmp_path):
    """An old Mac's file (``---\\rtitle: T\\r---``) on a Jekyll site was left out, said to have
    no front matter: its first line was read up to a line feed it never has. Its lines are
    read as everywhere else (Sphinx's, ``str.splitlines``), so it is a page, its lines named
    as the file has them."""
    src = write_pages(tmp_path / "src", {
        "_config.yml": "title: Site\n",
        "index.md": page("Home", 1, "Hi."),
        "old.md": "---\rtitle: Old notes\rposition: soon\r---\r\rThe budget words.\r",
    })
    build = sphinx_build(src, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert not [line for line in build.warnings if "front matter" in line], build.output
    assert [line for line in build.warnings if "old.md:3:" in line and "position" in line], build.output
    shown = _article(tmp_path / "out", "old")
    assert "Old notes" in shown and "The budget words." in shown, shown


def test_a_content_ref_outside_the_folder_of_pages_is_said_so_as_written(tmp_path):
    """GitBook's ``{% content-ref url="../secret/page.md" %}`` to a file beside the folder of
    pages was said to lead to a page "left out (published: false)", named by its absolute path
    on the build machine: it leads outside the folder, and is named as the page wrote it."""
    write_pages(tmp_path, {
        "secret/page.md": "# Secret\n\nNot a page here.\n",
        "pages/SUMMARY.md": "# Table of contents\n\n* [Home](README.md)\n* [Guide](guide/intro.md)\n",
        "pages/README.md": "# Home\n\nSee this:\n\n{% content-ref url=\"../secret/page.md\" %}\n"
                           "[page.md](../secret/page.md)\n{% endcontent-ref %}\n",
        "pages/guide/intro.md": "# Intro\n\nAlso [the secret](../../secret/page.md).\n",
    })
    build = sphinx_build(tmp_path / "pages", tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    said = [line for line in build.warnings if "secret" in line]
    assert len(said) == 2, build.output
    assert "README.md:6:" in said[0] or "README.md:6:" in said[1], said
    assert any("'../secret/page.md' leads outside the folder of pages" in line for line in said), said
    assert any("'../../secret/page.md' leads outside the folder of pages" in line for line in said), said
    assert not any("published: false" in line or str(tmp_path / "secret") in line for line in said), said


@pytest.mark.parametrize(("section", "advice"), [
    ("_private", "SECTION=private"), (".git", "SECTION=git"), ("parks/_pools", "SECTION=parks/pools")])
def test_make_page_in_a_section_never_published_names_one_that_is(tmp_path, section, advice):
    """``make page SECTION=_private`` advised renaming a landing to ``_private.md``, itself never
    read; with a ``_private`` folder there it wrote the page into it, in no edition, unsaid."""
    source = write_pages(tmp_path / "source", {"index.md": page("Home", 1), "parks/index.md": page("Parks", 1)})
    (source / "_private").mkdir()
    result = make("page", f"SOURCEDIR={source}", "TITLE=Budget", f"SECTION={section}")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert "is never published" in result.stderr and advice in result.stderr, result.stderr
    assert f"{section}.md" not in result.stderr, result.stderr
    assert not list(source.rglob("budget*")), list(source.rglob("*"))


def test_make_page_in_a_published_collection_still_works(tmp_path):
    """A Jekyll site's collection read in place (``_projects``) is a section with pages."""
    source = write_pages(tmp_path / "source", {
        "_config.yml": "collections:\n  projects:\n    output: true\n",
        "index.md": page("Home", 1), "_projects/one.md": page("One", 1)})
    result = make("page", f"SOURCEDIR={source}", "TITLE=Budget", "SECTION=_projects")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (source / "_projects" / "budget.md").is_file()


def _said(result: subprocess.CompletedProcess[str]) -> list[str]:
    """What a make command said, without make's own closing line (``make[1]: ***`` when the
    tests run under ``make test``, which gives the command a MAKELEVEL)."""
    return [line for line in (result.stdout + result.stderr).splitlines()
            if line.strip() and not re.match(r"make(\[\d+\])?: \*\*\*", line)]


@pytest.mark.parametrize("jobs", ["abc", "0", ""])
def test_a_bad_jobs_value_is_one_clear_line(tmp_path, jobs):
    """``make html JOBS=abc`` printed Sphinx's usage, argparse's error, and then that the
    build is strict and each WARNING above fails it, where there was none."""
    source = write_pages(tmp_path / "source", {"index.md": page("Home", 1)})
    result = make("html", f"SOURCEDIR={source}", f"BUILDDIR={tmp_path / 'out'}", f"JOBS={jobs}")
    assert result.returncode != 0
    said = _said(result)
    assert len(said) == 1 and f"JOBS={jobs!r}" in said[0] and "JOBS=auto" in said[0], said
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("target", ["linkcheck", "translations"])
@pytest.mark.parametrize("jobs", ["abc", "0", "auto 2"])
def test_a_bad_jobs_value_is_one_clear_line_for_sphinx_s_own_targets(tmp_path, target, jobs):
    """``make linkcheck JOBS=abc`` handed the value to Sphinx, which printed its usage and
    argparse's error; nothing is run or written now."""
    source = write_pages(tmp_path / "source", {"index.md": page("Home", 1)})
    result = make(target, f"SOURCEDIR={source}", f"BUILDDIR={tmp_path / 'out'}", f"JOBS={jobs}")
    assert result.returncode != 0
    said = _said(result)
    assert len(said) == 1 and f"JOBS='{jobs}' is not a number" in said[0], said
    assert "usage:" not in result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source"]


@pytest.mark.parametrize("variable", ["BUILDDIR", "SOURCEDIR"])
def test_a_folder_with_a_line_break_is_one_clear_line(tmp_path, variable):
    """A BUILDDIR holding a line break failed with the shell's "Unterminated quoted string":
    make runs each line of a recipe as a command of its own."""
    source = write_pages(tmp_path / "source", {"index.md": page("Home", 1)})
    folders = {"SOURCEDIR": str(source), "BUILDDIR": str(tmp_path / "out")}
    folders[variable] += "\nmore"
    result = make("html", *(f"{name}={value}" for name, value in folders.items()), "STRICT=0")
    assert result.returncode != 0
    said = _said(result)
    assert len(said) == 1 and f"{variable} holds a line break" in said[0], said
    assert "Unterminated" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source"]


def _lines_said(build, kind: str, name: str) -> list[int]:
    return [int(line.split(f"{name}:", 1)[1].split(":", 1)[0]) for line in build.warnings
            if kind in line and f"{name}:" in line]


def test_each_picture_in_a_paragraph_is_said_at_its_own_line(tmp_path):
    """Three badges on lines 8, 9 and 10, one paragraph: each remote-picture warning said line 8.
    A Jekyll page whose Liquid include wrote more lines above keeps the file's lines."""
    badges = "\n".join(f"![Badge {n}](https://img.shields.io/{n}.svg)" for n in ("a", "b", "c"))
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", 1, "Intro.\n\n" + badges + " and\n![Map](missing.png)"),
    })
    build = sphinx_build(src, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert _lines_said(build, "remote-picture", "index.md") == [8, 9, 10], build.warnings
    assert any("index.md:11:" in line and "missing.png" in line for line in build.warnings), build.warnings

    site = write_pages(tmp_path / "site", {
        "_config.yml": "title: Site\n",
        "_includes/note.md": "One.\n\nTwo.\n\nThree.\n",
        "index.md": page("Home", 1, "{% include note.md %}\n\n" + badges),
    })
    build = sphinx_build(site, tmp_path / "site-out", strict=False)
    assert build.returncode == 0, build.output
    assert _lines_said(build, "remote-picture", "index.md") == [8, 9, 10], build.warnings


@pytest.mark.parametrize("jekyll", [False, True])
def test_the_notes_make_page_writes_are_not_published(tmp_path, jekyll):
    """``make page`` writes notes to the author as ``%`` lines, MyST's comments. Escaping
    every ``%`` line as kramdown's words published them on every page; on a Jekyll site, where
    ``%`` lines are words, the page gets the notes in an HTML comment."""
    source = write_pages(tmp_path / "source", {"index.md": page("Home", 1),
                                               **({"_config.yml": "title: Site\n"} if jekyll else {})})
    made = make("page", f"SOURCEDIR={source}", "TITLE=Bike lanes")
    assert made.returncode == 0, made.stderr
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and not build.warnings, build.output
    shown = _article(tmp_path / "out", "bike-lanes")
    assert "Write the page here" in shown and "notes to yourself" not in shown, shown
    assert "sensor" not in shown, shown


@pytest.mark.parametrize(("front", "files", "shown"), [
    # pandoc's YAML from a Word memo: a list of names, a date
    ("author:\n- Jane Doe\n- Office of Budget\ndate: 2024-03-01\n", {},
     "Published March 1, 2024 · By Jane Doe, Office of Budget"),
    # jekyll-seo-tag's object, no date: a byline of its own
    ("author:\n  name: Jane Doe\n  twitter: janedoe\n", {}, "By Jane Doe"),
    # Code for America brigade posts
    ("author:\n  first_name: Mateo\n  last_name: Clarke\ndate: 2017-01-17\n",
     {"_config.yml": "title: Brigade\n"}, "Published January 17, 2017 · By Mateo Clarke"),
    # minimal-mistakes: a key of _data/authors.yml
    ("author: billy_rick\n", {"_config.yml": "title: Site\n",
                              "_data/authors.yml": "billy_rick:\n  name: Billy Rick\n"}, "By Billy Rick"),
])
def test_a_page_s_authors_are_shown_under_its_title_in_every_edition(tmp_path, front, files, shown):
    """``author:`` is read by every Jekyll theme and pandoc writes it from a Word document's
    properties; the names were in no edition, unsaid."""
    text = f"---\ntitle: Budget memo\nposition: 1\n{front}---\n\nThe memo text.\n"
    src = write_pages(tmp_path / "src", {"index.md": text, **files})
    html = sphinx_build(src, tmp_path / "html", strict=False)
    assert html.returncode == 0, html.output
    assert shown in _article(tmp_path / "html"), _article(tmp_path / "html")
    pdf = sphinx_build(src, tmp_path / "pdf", "typst", strict=False)
    assert pdf.returncode == 0, pdf.output
    import pypdf
    text = " ".join(" ".join(p.extract_text().split()) for p in
                    pypdf.PdfReader(next((tmp_path / "pdf").glob("*.pdf"))).pages)
    assert shown in text, text
