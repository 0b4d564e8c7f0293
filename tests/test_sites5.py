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


def test_a_folder_whose_only_pages_a_broken_config_published_is_refused_with_the_reason(tmp_path: Path) -> None:
    """idmanagement.gov's ``_config.yml`` wrote ``url: {{ site.baseurl }}/playbooks/dira/``,
    which YAML reads as no value (a ``{`` opens a mapping): the whole file went unread, its
    ``collections:`` too, and ``make all`` refused the folder as having "no pages", not
    saying that the file at that line was why the ``_ficampm/`` pages were not found."""
    import pytest
    from edition_build import BuildFolderProblem, check_source

    config = ("title: Federal ICAM\nprimary_navigation:\n  - name: Playbooks\n    children:\n"
              "      - name: DIRA\n        url: {{ site.baseurl }}/playbooks/dira/\n"
              "collections:\n  ficampm:\n    output: true\n    permalink: /ficampm/:path/\n")
    source = write_pages(tmp_path / "src", {"_config.yml": config,
                                            "_ficampm/1_intro_pm.md": "---\ntitle: Intro\n---\nWords.\n"})
    with pytest.raises(BuildFolderProblem) as refused:
        check_source(source)
    said = str(refused.value)
    assert f"{source / '_config.yml'}:6:" in said and "'_ficampm/'" in said, said
    assert "fix" in said.lower(), said


def test_a_picture_written_from_the_pages_old_address_is_shown(tmp_path: Path) -> None:
    """idmanagement.gov's ``_ficampm/3_governance.md`` (``permalink: ficampm/governance/``)
    shows ``![Sample ICAM PMO Structure](../../assets/ficampm/pmo.png)``: from its address,
    ``/assets/ficampm/pmo.png``, which Jekyll's site showed. Read from the file's folder it
    named a file outside the source folder: refused, its alt text shown in every edition."""
    import zipfile

    from bs4 import BeautifulSoup
    from conftest import build_every_edition, jpeg_bytes

    body = "The figure below represents a sample structure.\n\n![Sample ICAM PMO Structure](../../assets/ficampm/pmo.jpg)\n"
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Federal ICAM\ncollections:\n  ficampm:\n    output: true\n"
                       "    permalink: /ficampm/:path/\npermalink: pretty\n",
        "index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "_ficampm/3_governance.md": f"---\ntitle: Governance\npermalink: ficampm/governance/\n---\n{body}",
        "assets/ficampm/pmo.jpg": jpeg_bytes()})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    for build in builds.values():
        assert not [w for w in build.warnings if "pmo.jpg" in w], build.output
    page = next((tmp_path / "out" / "html").rglob("3_governance.html"))
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
    assert [img["alt"] for img in article.find_all("img")] == ["Sample ICAM PMO Structure"]
    book = next((tmp_path / "out" / "epub").glob("*.epub"))
    assert any(name.endswith("pmo.jpg") for name in zipfile.ZipFile(book).namelist())


def test_a_pictures_title_is_its_tooltip_on_the_site_and_in_the_book(tmp_path: Path) -> None:
    """Code for San José's posts: ``![Team Photo](/img/team.jpg "Civic hackers unite! The
    crew of participants …")``. kramdown wrote the title as the ``<img>``'s ``title``, shown
    when a reader points at the picture; MyST kept it, but docutils' HTML writer dropped it:
    its words were on no edition. A title that repeats the alt text adds nothing."""
    import zipfile

    from bs4 import BeautifulSoup
    from conftest import build_every_edition, jpeg_bytes

    body = ('![Team Photo NDOCH 2017](/img/team.jpg "Civic hackers unite! The crew & the \\"mappers\\"")\n\n'
            '![Same words](/img/team.jpg "Same words")\n')
    source = write_pages(tmp_path / "src", {"_config.yml": "title: Code for San José\n",
                                            "index.md": f"---\ntitle: Home\n---\n{body}",
                                            "img/team.jpg": jpeg_bytes()})
    build_every_edition(source, tmp_path / "out", strict=False)
    said = 'Civic hackers unite! The crew & the "mappers"'
    page = BeautifulSoup((tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [img.get("title") for img in page.find("article").find_all("img")] == [said, None]
    book = zipfile.ZipFile(next((tmp_path / "out" / "epub").glob("*.epub")))
    chapter = next(name for name in book.namelist() if name.endswith("index.xhtml") and "nav" not in name)
    pictures = BeautifulSoup(book.read(chapter), "html.parser").find_all("img")
    assert [img.get("title") for img in pictures] == [said, None]


def test_jekyll_docs_menu_of_page_names_orders_the_docs(tmp_path: Path) -> None:
    """Code for San José (jekyll-docs-template, as Jekyll's own documentation) lists its docs in
    ``_data/docs.yml`` by name, ``- title: Getting Started / docs: [home, projects]``, which
    ``docs_nav.html`` reads as ``/docs/<name>/``. The file was no menu: the docs came in file
    order (``data``, ``index``, ``projects``), each page told to add a ``position``."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Code for San José\ncollections:\n  docs:\n    permalink: /:collection/:path/\n"
                       "    output: true\n",
        "_data/docs.yml": "- title: Getting Started\n  docs:\n  - home\n  - projects\n\n",
        "index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "_docs/index.md": "---\ntitle: Welcome\npermalink: /docs/home/\n---\nWe are volunteers.\n",
        "_docs/data.md": "---\ntitle: Where to Find Data\npermalink: /docs/data/\n---\nData sources.\n",
        "_docs/projects.md": "---\ntitle: Projects\npermalink: /docs/projects/\n---\nOur projects.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    unplaced = [w for w in build.warnings if "[position.missing]" in w]
    assert all("data.md" in w for w in unplaced), unplaced
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    order = [html.find(f">{title}<") for title in ("Welcome", "Projects", "Where to Find Data")]
    assert -1 not in order and order == sorted(order), order
