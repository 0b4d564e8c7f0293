"""Code keeps its characters on a Jekyll site, where kramdown's typography curls the words
around it (Data Commons' API docs: JSON examples that must parse when copied)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import build_every_edition, page, write_pages

API_BOX = """<div class="api-box">

**Request:** "words"...

```json
{"nodes": ["geoId/06"], "property": "<-"}
```

<pre>{"a": "b", "c": "..."}</pre>

Send <code>{"a": "..."}</code>, press <kbd>"Enter"</kbd>, see <samp>'ok'...</samp>

</div>

- in a list <code>"x"...</code>

> in a quote <kbd>'y'...</kbd>

| cell | code |
|------|------|
| <samp>"t"...</samp> | `"u"...` |

## Sending <code>"h"...</code>
"""


def test_html_code_inside_a_jekyll_page_keeps_its_quotes_in_every_edition(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "source", {"_config.yml": "title: Docs\n",
                                               "index.md": page("API", body=API_BOX)})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    html = BeautifulSoup((builds["html"].outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = html.select_one("article[role=main]")
    shown = [element.get_text() for element in article.select("code, kbd, samp, pre")]
    for code in ('{"a": "..."}', '"Enter"', "'ok'...", '"x"...', "'y'...", '"t"...',
                 '{"a": "b", "c": "..."}'):
        assert any(code in text for text in shown), (code, shown)
    assert '<code>"h"...</code>' in article.select_one("h2").get_text()  # a title's HTML shown as text
    assert "“words”…" in article.get_text()  # the words around it as kramdown showed them
    [book] = builds["epub"].outdir.glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        xhtml = archive.read("index.xhtml").decode("utf-8")
    epub = [element.get_text() for element in BeautifulSoup(xhtml, "html.parser").select("code, kbd, samp")]
    assert '{"a": "..."}' in epub and '"Enter"' in epub and '"t"...' in epub
    assert "”" not in xhtml.split("“words”…")[1]
    [typ] = [typ for typ in builds["typst"].outdir.glob("*.typ") if typ.name != "book.typ"]
    typst = typ.read_text(encoding="utf-8")
    assert '#raw("{\\"a\\": \\"...\\"}")' in typst and "”" not in typst.split("“words”…")[1]


def test_a_summary_of_markdown_shows_its_bold_in_the_box_title(tmp_path: Path) -> None:
    """``<summary markdown="span">``: kramdown read its Markdown; the title showed ``**Fees**``."""
    body = ('<details markdown="1">\n<summary markdown="span">**Fees** and hours</summary>\n\n'
            "Open *daily*.\n\n</details>\n")
    source = write_pages(tmp_path / "source", {"_config.yml": "title: Docs\n", "index.md": page("Pool", body=body)})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    html = BeautifulSoup((builds["html"].outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    summary = html.select_one("article[role=main] details summary")
    assert " ".join(summary.get_text().split()) == "Fees and hours"
    assert summary.select_one("strong").get_text() == "Fees"
    [typ] = [typ for typ in builds["typst"].outdir.glob("*.typ") if typ.name != "book.typ"]
    typst = typ.read_text(encoding="utf-8")
    assert "**Fees**" not in typst and '#strong[#"Fees"]' in typst
    assert not [w for b in builds.values() for w in b.warnings if "index.md" in w]
