"""No id twice on a page of the website: a #link must land on one element.

Furo copies a table's and a formula's ids onto the scrolling wrapper around it; every table
carries a passage id, so every table of every page had its id twice.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages

TABLES = """| Route | Riders |
|---|---|
| 1 | $2,000 |

```{table} Named table
:name: riders

| a | b |
|---|---|
| 1 | 2 |
```

$$
E = mc^2
$$ (energy)
"""


def repeated_ids(site: Path) -> dict[str, list[str]]:
    found = {}
    for file in sorted(site.rglob("*.html")):
        ids = Counter(tag["id"] for tag in BeautifulSoup(file.read_bytes(), "lxml").find_all(id=True))
        if twice := sorted(i for i, n in ids.items() if n > 1):
            found[file.relative_to(site).as_posix()] = twice
    return found


def test_tables_and_formulas_keep_each_id_once(tmp_path):
    source = write_pages(tmp_path / "pages", {
        "index.md": page("Home"),
        "data.md": page("Data", 1, body=TABLES, math="true"),
    })
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode == 0, build.output
    html = (tmp_path / "html" / "data.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    assert soup.select_one("div.table-wrapper > table#riders") is not None  # the table keeps its id
    assert soup.select("div.table-wrapper") and repeated_ids(tmp_path / "html") == {}


def test_no_page_of_the_publication_repeats_an_id(publication):
    assert repeated_ids(publication / "html") == {}
