"""One CITATION.cff field can no longer corrupt an edition or a citation file, or crash a build.

The schema lets through a ``url`` with a line break (its patterns end in ``$``, which matches
before one, and ``format: uri`` is not checked), a version YAML reads as a number, a release
date no zip file can hold, and text that breaks BibTeX or RIS. Each is refused by name, or
escaped for its format; the written ``.bib`` and ``.ris`` are parsed back with pybtex and
rispy. A bad file stops a build with one message, never Sphinx's crash report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import rispy
from hypothesis import given, settings, strategies as st
from pybtex.database import parse_string

import publication
from citation import citations
from conftest import copy_root, sphinx_build
from test_citation_metadata import VALID, write
from test_redirects import copy_project


@pytest.mark.parametrize("change, field, words", [
    (('url: "https://smartcity.austintexas.gov/"', 'url: "https://smartcity.austintexas.gov/\\nDisallow: /"'),
     "url", "line break"),
    (('url: "https://smartcity.austintexas.gov/"', 'url: "javascript:alert(1)"'), "url", "not an http(s) address"),
    (('title: "Smart City Austin"', 'title: "Smart City\\nTY  - JOUR"'), "title", "line break"),
    (('title: "Smart City Austin"', 'title: "Smart \\ud800 City"'), "title", "control character"),
    (('version: "1.0.0"', "version: 1.10"), "version", "YAML read the number 1.1"),
    (('date-released: "2026-11-25"', 'date-released: "2108-01-01"'), "date-released", "1980-2107"),
    (('  - name: "City of Austin"\n', '  - email: "a@b.org"\n'), "authors[0]", "has no name"),
])
def test_a_field_that_would_corrupt_an_edition_is_refused_by_name(tmp_path: Path, change, field, words):
    old, new = change
    assert old in VALID
    with pytest.raises(publication.InvalidCitation) as refused:
        publication.load(write(tmp_path, VALID.replace(old, new)))
    assert any(line.strip().startswith(f"- {field}:") and words in line
               for line in str(refused.value).splitlines()), str(refused.value)


def test_an_author_known_by_an_alias_is_printed_by_it(tmp_path: Path) -> None:
    text = VALID.replace('  - name: "City of Austin"\n    city: "Austin"\n    region: "Texas"\n',
                         '  - alias: "ATX Smart City Office"\n')
    meta = publication.load(write(tmp_path, text))
    assert meta.authors == ("ATX Smart City Office",)
    assert citations.plain(citations.apa(meta)).startswith("ATX Smart City Office. (2026).")


def test_an_alias_bomb_in_citation_cff_is_refused_quickly(tmp_path: Path) -> None:
    bomb = "".join(f"k{n}: &k{n} [" + ",".join([f"*k{n - 1}"] * 9) + "]\n" for n in range(1, 10))
    with pytest.raises(publication.InvalidCitation, match="aliases"):
        publication.load(write(tmp_path, VALID + "k0: &k0 [lol]\n" + bomb))


TITLE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1,
                     max_size=60).filter(lambda t: t.strip())


@settings(max_examples=40, deadline=None)
@given(title=TITLE_TEXT)
def test_any_title_gives_a_bib_and_a_ris_that_parse_back_as_one_record(tmp_path_factory, title) -> None:
    import json

    folder = tmp_path_factory.mktemp("cff")
    text = VALID.replace('title: "Smart City Austin"', f"title: {json.dumps(title, ensure_ascii=False)}")
    meta = publication.load(write(folder, text))
    assert meta.title == title
    bib = parse_string(citations.bibtex(meta), "bibtex")
    assert len(bib.entries) == 1
    [entry] = bib.entries.values()
    assert entry.type == "techreport" and entry.fields["year"] == "2026"
    records = rispy.loads(citations.ris(meta))
    assert len(records) == 1 and records[0]["type_of_reference"] == "RPRT"
    assert records[0]["primary_title"] == " ".join(title.split())


def test_braces_and_backslashes_are_escaped_for_bibtex(tmp_path: Path) -> None:
    meta = publication.load(write(tmp_path, VALID.replace('"Smart City Austin"', '"A {b} } c \\\\ $x^2$"')))
    [entry] = parse_string(citations.bibtex(meta), "bibtex").entries.values()
    title = entry.fields["title"]
    assert title == r"{A \textbraceleft{}b\textbraceright{} \textbraceright{} c \textbackslash{} \$x\textasciicircum{}2\$}"


def test_a_bad_citation_file_fails_the_build_with_one_message_and_no_crash_report(tmp_path: Path) -> None:
    """A strict build fails on it; the editions it made carry stand-in metadata (see
    test_all_editions for STRICT=0)."""
    project = copy_project(tmp_path / "project")
    cff = project / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8").replace('version: "1.0.0"', "version: 1.10"), encoding="utf-8")
    src = copy_root("cite-basic", tmp_path / "src")
    build = sphinx_build(src, tmp_path / "html", confdir=project)
    assert build.returncode != 0
    assert "version: YAML read the number 1.1" in build.output
    assert "report" not in build.output.lower() and "Traceback" not in build.output, build.output
    cff.unlink()
    build = sphinx_build(src, tmp_path / "html", confdir=project)
    assert build.returncode != 0 and "cannot be read (No such file" in build.output
    assert f"{cff}:1: WARNING: the publication's CITATION.cff cannot be used" in build.output
    assert "report" not in build.output.lower(), build.output


def test_a_citation_file_linked_from_outside_is_refused_and_the_projects_used(tmp_path: Path) -> None:
    """A folder of pages whose CITATION.cff is a link to a file elsewhere on the machine: it is
    not read (its title not published, its lines not printed in a warning)."""
    elsewhere = tmp_path / "secret" / "CITATION.cff"
    elsewhere.parent.mkdir()
    elsewhere.write_text('cff-version: 1.2.0\ntitle: "TOP SECRET TITLE"\npassword: hunter2\n', encoding="utf-8")
    src = copy_root("cite-basic", tmp_path / "project" / "src")
    (src / "CITATION.cff").symlink_to(elsewhere)
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    (refused,) = [w for w in build.warnings if "[security.file-outside]" in w]
    assert refused.startswith(f"{src / 'CITATION.cff'}:1: WARNING"), build.output
    assert "TOP SECRET" not in build.output and "hunter2" not in build.output
    assert "TOP SECRET" not in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "Smart City Austin" in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    elsewhere.write_text(VALID.replace("Smart City Austin", "TOP SECRET TITLE"), encoding="utf-8")
    build = sphinx_build(src, tmp_path / "html2", strict=False)
    assert "TOP SECRET" not in (tmp_path / "html2" / "index.html").read_text(encoding="utf-8")
