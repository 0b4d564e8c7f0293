"""A date no calendar has in an old site's ``_config.yml`` or ``_data/`` file.

YAML reads ``2020-02-30`` as a date and fails on it, without a line. The whole
``_config.yml`` was left out for it (its title, its collections, every value a page printed),
said at line 1: the one value is kept as the text it is, and said at its own line."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import sphinx_build, write_pages


def test_an_impossible_date_in_config_keeps_the_other_values_and_is_said_at_its_line(
        tmp_path: Path) -> None:
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Parks Board\nlaunched: 2020-02-30\nemail: parks@example.org\n",
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWrite to {{ site.email }} "
                    "(since {{ site.launched }}).\n",
    })
    build = sphinx_build(source, tmp_path / "out", strict=False)
    text = BeautifulSoup((tmp_path / "out" / "index.html").read_text(), "html.parser").find(
        "article").get_text(" ", strip=True)
    assert "Write to parks@example.org (since 2020-02-30)." in text
    said = [line for line in build.warnings if "_config.yml" in line]
    assert len(said) == 1, build.output
    assert "_config.yml:2: WARNING: '_config.yml' writes '2020-02-30'" in said[0]
    assert "cannot be read" not in said[0]


def test_an_impossible_date_in_a_data_file_is_kept_as_text(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Parks Board\n",
        "_data/events.yml": "- name: Opening\n  day: 2021-04-31\n- name: Cleanup\n  day: 2021-05-01\n",
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\n"
                    "{% for e in site.data.events %}{{ e.name }} on {{ e.day }}. {% endfor %}\n",
    })
    build = sphinx_build(source, tmp_path / "out", strict=False)
    text = BeautifulSoup((tmp_path / "out" / "index.html").read_text(), "html.parser").find(
        "article").get_text(" ", strip=True)
    assert "Opening on 2021-04-31. Cleanup on 2021-05-01." in text
    assert any("events.yml:2: WARNING: 'events.yml' writes '2021-04-31'" in line
               for line in build.warnings), build.output
