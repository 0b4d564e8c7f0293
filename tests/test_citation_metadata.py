"""CITATION.cff is the one source: schema-checked, and every citation format comes from it.

Plain-Python tests of ``_ext/publication`` (no Sphinx build): the shipped CITATION.cff is
valid, each kind of mistake is reported with the field it concerns, and the citation
texts, BibTeX and RIS say what the file says (BibTeX and RIS are checked by parsing them
back with pybtex and rispy).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

import publication
from citation import citations

VALID = textwrap.dedent("""\
    cff-version: 1.2.0
    message: "Cite it as below."
    title: "Smart City Austin"
    authors:
      - name: "City of Austin"
        city: "Austin"
        region: "Texas"
    version: "1.0.0"
    date-released: "2026-11-25"
    license: CC-BY-4.0
    url: "https://smartcity.austintexas.gov/"
    abstract: "How Austin understands a smart city."
    keywords: [smart city, Austin]
    """)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "CITATION.cff"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def meta(tmp_path: Path) -> publication.Metadata:
    return publication.load(write(tmp_path, VALID))


def test_the_project_citation_file_is_valid() -> None:
    meta = publication.load(REPO / "CITATION.cff")
    assert meta.title and meta.authors and meta.version and meta.url
    assert publication.schema_problems(
        publication.yaml.load((REPO / "CITATION.cff").read_text(), Loader=publication._Loader)) == []


def test_existing_api_is_kept(meta: publication.Metadata) -> None:
    """The PDF builder and conf.py read these names."""
    assert meta.title == "Smart City Austin"
    assert meta.authors == ("City of Austin",)
    assert meta.author == "City of Austin"
    assert meta.version == "1.0.0"
    assert meta.date_released == dt.date(2026, 11, 25)
    assert meta.license == "CC-BY-4.0"
    assert meta.url == "https://smartcity.austintexas.gov/"
    assert meta.keywords == ("smart city", "Austin")
    assert meta.slug == "smart-city-austin"
    assert meta.source_date_epoch == 1795564800
    assert meta.citation_apa == ("City of Austin. (2026). Smart City Austin (Version 1.0.0). "
                                 "https://smartcity.austintexas.gov/editions/1.0.0/")


@pytest.mark.parametrize("change, field", [
    (("date-released: \"2026-11-25\"", "date-released: \"2026-13-01\""), "date-released"),
    (("date-released: \"2026-11-25\"", "date-released: 2026-11-25"), None),  # YAML date: fine
    (("version: \"1.0.0\"", "version: [1]"), "version"),
    (("url: \"https://smartcity.austintexas.gov/\"", "url: \"smartcity\""), "url"),
    (("    region: \"Texas\"\n", "    region: \"Texas\"\n    email: nobody\n"), "authors[0].email"),
    (("title: \"Smart City Austin\"\n", "title: \"Smart City Austin\"\ntype: report\n"), "type"),
    (("title: \"Smart City Austin\"\n", "title: \"Smart City Austin\"\nedition: 2\n"), "(top level)"),
    (("version: \"1.0.0\"\n", ""), "version"),
    (("message: \"Cite it as below.\"\n", ""), "(top level)"),
])
def test_invalid_file_names_the_field(tmp_path: Path, change: tuple[str, str],
                                      field: str | None) -> None:
    assert change[0] in VALID
    path = write(tmp_path, VALID.replace(*change))
    if field is None:
        publication.load(path)
        return
    with pytest.raises(publication.InvalidCitation) as error:
        publication.load(path)
    message = str(error.value)
    assert str(path) in message
    assert f"  - {field}:" in message, message


def test_impossible_day_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, VALID.replace("2026-11-25", "2026-02-30"))
    with pytest.raises(publication.InvalidCitation, match="date-released"):
        publication.load(path)


def test_preferred_citation_must_not_drift(tmp_path: Path) -> None:
    text = VALID + textwrap.dedent("""\
        preferred-citation:
          type: report
          title: "Smart City Austin, old title"
          authors:
            - name: "City of Austin"
              city: "Austin"
              region: "Texas"
        """)
    with pytest.raises(publication.InvalidCitation, match=r"preferred-citation\.title"):
        publication.load(write(tmp_path, text))
    publication.load(write(tmp_path, text.replace(", old title", "")))


def test_doi_and_report_number(tmp_path: Path) -> None:
    text = VALID + textwrap.dedent("""\
        doi: 10.5281/zenodo.1234
        identifiers:
          - type: other
            value: "CTM-2026-01"
            description: "Report number"
        """)
    meta = publication.load(write(tmp_path, text))
    assert meta.doi == "10.5281/zenodo.1234"
    assert meta.report_number == "CTM-2026-01"
    assert meta.identifier == "https://doi.org/10.5281/zenodo.1234"
    assert citations.plain(citations.apa(meta)) == (
        "City of Austin. (2026). Smart City Austin (Report No. CTM-2026-01; Version 1.0.0). "
        "https://doi.org/10.5281/zenodo.1234")


def test_citation_styles(meta: publication.Metadata) -> None:
    styles = {k: citations.plain(v) for k, v in citations.publication(meta).items()}
    assert styles == {
        "APA 7": "City of Austin. (2026). Smart City Austin (Version 1.0.0). "
                 "https://smartcity.austintexas.gov/editions/1.0.0/",
        "Chicago": "City of Austin. Smart City Austin. Version 1.0.0. Austin, Texas: City of "
                   "Austin, 2026. https://smartcity.austintexas.gov/editions/1.0.0/.",
        "MLA 9": "Smart City Austin. Version 1.0.0, City of Austin, 25 Nov. 2026, "
                 "smartcity.austintexas.gov/editions/1.0.0/.",
    }
    # the title, and only the title, is in italics
    for runs in citations.publication(meta).values():
        assert [text for text, italic in runs if italic] == ["Smart City Austin"]


def test_chapter_citations(meta: publication.Metadata) -> None:
    url = "https://smartcity.austintexas.gov/definition.html"
    styles = citations.chapter(meta, "Defining \u201csmart city\u201d", url)
    for style, runs in styles.items():
        text = citations.plain(runs)
        assert url.split("://")[1] in text, style
        # a frozen, versioned address needs no retrieval date (APA 7 9.16; Chicago 14.12
        # and MLA 9 only for an undated source): no "[date accessed]" copied verbatim
        assert "[" not in text and "etrieved" not in text and "ccessed" not in text, style
        assert "Smart City Austin" in text and "smart city" in text, style
    assert "\u201cDefining \u2018smart city.\u2019\u201d" in citations.plain(styles["Chicago"])
    assert citations.plain(styles["APA 7"]) == (
        "City of Austin. (2026). Defining \u201csmart city\u201d. In Smart City Austin (Version 1.0.0). "
        + url)
    assert citations.plain(styles["Chicago"]).endswith(f"City of Austin, 2026. {url}.")
    assert citations.plain(styles["MLA 9"]).endswith("25 Nov. 2026, smartcity.austintexas.gov/definition.html.")


def test_bibtex_parses_back(meta: publication.Metadata) -> None:
    from pybtex.database import parse_string

    data = parse_string(citations.bibtex(meta), "bibtex")
    (key, entry), = data.entries.items()
    assert key == "cityofaustin2026smart-1.0.0"
    assert entry.type == "techreport"
    assert entry.fields["title"] == "{Smart City Austin}"
    assert entry.fields["institution"] == "City of Austin"
    assert entry.fields["year"] == "2026"
    assert entry.fields["url"] == meta.version_url == \
        "https://smartcity.austintexas.gov/editions/1.0.0/"
    assert entry.fields["version"] == "1.0.0"
    # one organisation, braced so no style turns it into "Austin, C. o."
    (author,) = entry.persons["author"]
    assert author.last_names == ["{City of Austin}"] and not author.first_names


def test_ris_parses_back(meta: publication.Metadata) -> None:
    import rispy

    text = citations.ris(meta)
    assert text.startswith("TY  - RPRT")
    (record,) = rispy.loads(text)
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"] == ["City of Austin"]
    assert record["primary_title"] == "Smart City Austin"
    assert record["year"] == "2026"
    assert record["urls"] == [meta.version_url]
    assert record["edition"] == "1.0.0"
    assert record["keywords"] == ["smart city", "Austin"]


def test_people_as_authors(tmp_path: Path) -> None:
    text = VALID.replace('  - name: "City of Austin"\n    city: "Austin"\n    region: "Texas"\n',
                         '  - family-names: "Lopez"\n    given-names: "Ana"\n')
    meta = publication.load(write(tmp_path, text))
    assert meta.authors == ("Ana Lopez",)
    assert meta.author_parts == (("Lopez", "Ana"),)


def test_a_text_that_passed_the_schema_is_not_checked_again(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A build remembers the CITATION.cff that passed (beside its doctrees): no jsonschema."""
    memo = tmp_path / "doctrees" / "schema-passed"
    path = write(tmp_path, VALID)
    first = publication.load(path, memo)
    assert memo.read_text(encoding="ascii").strip() == publication.schema_digest(VALID)

    def no_schema(data: object) -> list[str]:
        raise AssertionError("checked against the schema again")

    monkeypatch.setattr(publication, "schema_problems", no_schema)
    assert publication.load(path, memo) == first
    # Another text is checked (and the memo is only for the schema: the rest still runs)
    write(tmp_path, VALID.replace("version: \"1.0.0\"", "version: [1]"))
    with pytest.raises(AssertionError, match="schema again"):
        publication.load(path, memo)
    write(tmp_path, VALID.replace("2026-11-25", "2026-02-30"))
    monkeypatch.undo()
    with pytest.raises(publication.InvalidCitation, match="date-released"):
        publication.load(path, memo)
    assert memo.read_text(encoding="ascii").strip() == publication.schema_digest(VALID)


def test_the_memo_remembers_each_publications_text(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """One installation builds several folders of pages: each one's text stays remembered."""
    memo = tmp_path / "cache" / "schema-passed"
    texts = [VALID.replace("2026-11-25", f"2026-11-{day:02d}") for day in range(1, 4)]
    for text in texts:
        publication.load(write(tmp_path, text), memo)
    assert set(memo.read_text(encoding="ascii").split()) == set(map(publication.schema_digest, texts))
    monkeypatch.setattr(publication, "schema_problems", lambda data: pytest.fail("checked again"))
    publication.load(write(tmp_path, texts[0]), memo)
    for day in range(publication.MEMO_KEEPS + 1):
        monkeypatch.undo()
        publication.load(write(tmp_path, VALID.replace("2026-11-25", f"2025-01-{day + 1:02d}")), memo)
    assert len(memo.read_text(encoding="ascii").split()) == publication.MEMO_KEEPS


def test_the_memo_is_kept_with_the_virtual_environment(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean build removes the doctrees, not the installation."""
    from publication import glue, installed

    monkeypatch.setattr(installed.sys, "prefix", str(tmp_path / "venv"))
    monkeypatch.setattr(installed.sys, "base_prefix", "/usr")
    assert glue.schema_memo(tmp_path / "doctrees") == tmp_path / "venv" / "var" / "cache" / glue.SCHEMA_MEMO
    monkeypatch.setattr(installed.sys, "base_prefix", str(tmp_path / "venv"))
    assert glue.schema_memo(tmp_path / "doctrees") == tmp_path / "doctrees" / glue.SCHEMA_MEMO


@pytest.mark.parametrize("title, book_id", [
    ("Smart City Austin", "smart-city-austin"),
    ("18F Content Guide", "book-18f-content-guide"),  # 18F/content-guide's _config.yml title
    ("2024 Budget", "book-2024-budget"),
    ("مدينة ذكية", "publication"),
])
def test_the_epub_identifier_is_an_xml_name(meta: publication.Metadata, title: str, book_id: str) -> None:
    """EPUBCheck refuses an ePub whose unique identifier starts with a digit (RSC-005)."""
    changed = dataclasses.replace(meta, title=title)
    assert changed.book_id == book_id
    assert re.fullmatch(r"[A-Za-z_][\w.-]*", changed.book_id)


def test_a_passages_citation_quotes_its_chapter_as_the_chapters_citation_does(meta: publication.Metadata) -> None:
    """The "Cite this passage" dialog nested double quotes (“Defining “smart city.””); the
    chapter's citation has the inner ones single, as Chicago and MLA want."""
    from record import cite

    url = "https://smartcity.austintexas.gov/editions/1.0.0/definition.html#p-1"
    styles = cite.passage(meta, "Defining \u201csmart city\u201d", url, "2")
    chapter = citations.chapter(meta, "Defining \u201csmart city\u201d", url)
    for style in ("Chicago", "MLA 9"):
        assert "\u201cDefining \u2018smart city.\u2019\u201d" in styles[style], styles[style]
        assert "\u201cDefining \u2018smart city.\u2019\u201d" in citations.plain(chapter[style])


def test_two_versions_cited_in_one_report_have_two_keys(tmp_path: Path) -> None:
    """A report citing 1.0 and 1.1 pasted both .bib entries: one key, so BibTeX kept the
    first ("Repeated entry") and every citation of 1.1 printed 1.0."""
    from pybtex.database import parse_string

    first = publication.load(write(tmp_path, VALID))
    (tmp_path / "b").mkdir()
    later = publication.load(write(tmp_path / "b", VALID.replace('version: "1.0.0"', 'version: "1.1+local"')))
    data = parse_string(citations.bibtex(first) + "\n" + citations.bibtex(later), "bibtex")
    assert list(data.entries) == ["cityofaustin2026smart-1.0.0", "cityofaustin2026smart-1.1-local"]


# CSL-JSON (citation-style-language/schema, csl-data.json), the part these files use: an
# array of items, names as {literal} or {family, given}, dates as date-parts, no other key
CSL_NAME = {"type": "object", "additionalProperties": False, "minProperties": 1,
            "properties": {"literal": {"type": "string"}, "family": {"type": "string"},
                           "given": {"type": "string"}}}
CSL_DATA = {
    "type": "array", "minItems": 1,
    "items": {"type": "object", "additionalProperties": False,
              "required": ["id", "type", "title", "author", "issued", "URL", "version", "publisher"],
              "properties": {
                  "id": {"type": "string"}, "type": {"enum": ["book", "report"]},
                  "title": {"type": "string"}, "author": {"type": "array", "minItems": 1, "items": CSL_NAME},
                  "issued": {"type": "object", "additionalProperties": False, "required": ["date-parts"],
                             "properties": {"date-parts": {"type": "array", "minItems": 1, "maxItems": 2,
                                                           "items": {"type": "array", "minItems": 1,
                                                                     "maxItems": 3,
                                                                     "items": {"type": "integer"}}}}},
                  **{key: {"type": "string"} for key in (
                      "URL", "version", "publisher", "publisher-place", "DOI", "number", "abstract",
                      "keyword", "language", "note", "genre")}}}}


def test_csl_json_is_what_zotero_and_citeproc_read(meta: publication.Metadata) -> None:
    """Only BibTeX and RIS were offered; Zotero, Mendeley and pandoc's citeproc read CSL-JSON."""
    import json

    import jsonschema

    data = json.loads(citations.csl_json(meta))
    jsonschema.validate(data, CSL_DATA)
    (item,) = data
    assert item["id"] == citations.bibtex_key(meta) and item["type"] == "report"
    assert item["title"] == "Smart City Austin" and item["author"] == [{"literal": "City of Austin"}]
    assert item["issued"] == {"date-parts": [[2026, 11, 25]]}
    assert item["URL"] == meta.version_url and item["version"] == "1.0.0"
    assert item["publisher"] == "City of Austin" and item["publisher-place"] == "Austin, Texas"
    assert item["keyword"] == "smart city, Austin"
