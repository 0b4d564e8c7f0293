"""Real civic Jekyll sites (Section508.gov, Code for San José) read as their residents read them."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import sphinx_build, write_pages

CARDS = """---
title: Create Accessible Digital Products
permalink: create/
---
Federal agencies are responsible for accessible content.

<section id="create-cards" class="usa-section">
<ul class="usa-card-group">
  <li class="usa-card">
    <h2 class="usa-card__heading"><a href="{{site.baseurl}}/create/documents/">Documents</a></h2>
    <p>Learn how to create accessible Microsoft Word documents.</p>
  </li>
  <li class="usa-card">
    <h2 class="usa-card__heading"><a href="{{site.baseurl}}/create/pdfs/">PDFs</a></h2>
  </li>
</ul>
</section>
"""


def _links(build) -> list[str]:
    return [re.sub(r" WARNING: the link '([^']*)'.*", r" \1", line) for line in build.warnings
            if "[jekyll.link]" in line]


def test_a_missing_link_in_a_pages_html_is_said_at_its_own_line_in_every_edition(tmp_path: Path) -> None:
    """Section508.gov's card grids: ``<a href="/create/documents/">`` five lines into a
    ``<section>`` was said at the section's first line by the site and the ePub, at its own
    line by the PDF: one mistake said twice, once at a line that does not hold it."""
    source = write_pages(tmp_path / "src", {"_config.yml": "title: Section508.gov\nbaseurl: ''\n",
                                            "create.md": CARDS})
    where = str(source / "create.md")
    expected = [f"{where}:10: /create/documents/", f"{where}:14: /create/pdfs/"]
    for builder in ("html", "epub", "typst"):
        build = sphinx_build(source, tmp_path / builder, builder, strict=False,
                             doctrees=tmp_path / "doctrees")
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
        if builder != "typst" or _links(build):  # typst may reuse the cache's warnings
            assert _links(build) == expected, (builder, build.output)
