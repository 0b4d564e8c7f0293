"""Pages shaped like the City of Austin's own repositories (hack-the-traffic, techstack):
what GitHub showed of them is in every edition, or said with its line."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import build_every_edition, write_pages


def _editions_text(base: Path, page: str) -> dict[str, str]:
    html = BeautifulSoup((base / "html" / f"{page}.html").read_text(), "html.parser").find("article")
    book = next((base / "epub").glob("*.epub"))
    with zipfile.ZipFile(book) as archive:
        epub = " ".join(BeautifulSoup(archive.read(name), "html.parser").get_text(" ")
                        for name in archive.namelist() if name.endswith(f"{page}.xhtml"))
    pdf = next((base / "typst").glob("*.pdf"))
    printed = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                             text=True, check=True).stdout
    return {name: " ".join(re.sub(r"-\n", "-", text).split())
            for name, text in (("html", html.get_text(" ")), ("epub", epub), ("pdf", printed))}


def test_words_after_a_space_in_a_web_address_are_shown_after_the_link(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {"index.md": (
        "# Bashing Bluetooth\n\nIf we want *just* the number of lines, we can use "
        "[I/O redirection](https://en.wikipedia.org/wiki/Redirection_(computing); either input redirection):\n")})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    for edition, text in _editions_text(tmp_path / "out", "index").items():
        assert re.search(r"I/O redirection(\[1\])? ?; either input redirection:", text), (edition, text)
    html = BeautifulSoup((tmp_path / "out" / "html" / "index.html").read_text(), "html.parser")
    assert html.select_one('article a[href="https://en.wikipedia.org/wiki/Redirection_(computing)"]')
    assert any("index.md:3:" in w and "jekyll.address-words" in w and "either input redirection" in w
               for w in builds["html"].warnings), builds["html"].warnings


def test_code_written_on_the_fence_line_is_the_blocks_first_line(tmp_path: Path) -> None:
    """hack-the-traffic's routes: ```` ```("south_1st_slaughter$…") ```` made an empty code
    block, the route in no edition and nothing said; a language and a directive stay."""
    source = write_pages(tmp_path / "src", {"index.md": (
        "# Routes\n\n#### South 1st Northbound\n"
        '```("south_1st_slaughter$south_1st_wm_cannon","lavaca_5th$lavaca_6th")\n```\n\n'
        "```sql\nSELECT 1\n```\n\n```{note}\nA note.\n```\n")})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    for edition, text in _editions_text(tmp_path / "out", "index").items():
        assert '("south_1st_slaughter$south_1st_wm_cannon","lavaca_5th$lavaca_6th")' in text.replace(" ", "").replace("\u200b", ""), edition
    html = BeautifulSoup((tmp_path / "out" / "html" / "index.html").read_text(), "html.parser")
    assert html.select_one("article .highlight-sql") and html.select_one("article .admonition.note")
    assert [w for w in builds["html"].warnings if "index.md:4:" in w and "math.code-on-fence-line" in w
            and "south_1st_slaughter" in w], builds["html"].warnings


def test_a_code_block_never_closed_is_said_with_how_much_it_took() -> None:
    """socrata_bt_queries.md closed a list item's code block at column 0: that line opened a
    new block, never closed, and every heading and paragraph after it was code, unsaid."""
    from markdown_it import MarkdownIt

    from maths.fenceinfo import unclosed_fences

    text = ("# Queries\n\n1. Routes:\n    ```sql\n    select 1;\n```\n\n## Routes\n\n"
            "Each [route](b.md).\n")
    lines = text.splitlines()
    assert unclosed_fences(MarkdownIt("commonmark").parse(text), lines) == [(6, 4, "```")]
    for closed in ("```\ncode\n```\n", "~~~~\ncode\n~~~~~  \n", "text\n\n```\n", "1. a\n   ```\n   b\n"):
        assert unclosed_fences(MarkdownIt("commonmark").parse(closed), closed.splitlines()) == [], closed
    assert unclosed_fences(MarkdownIt("commonmark").parse("```\nx\n``\n"), ["```", "x", "``"]) == [(1, 2, "```")]
