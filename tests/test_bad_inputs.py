"""The bad-input catalogue (tests/bad_inputs.yaml): each mistake fails a strict build with its
file, line and a message that says what to do.

The catalogue is the single table of what the project handles; ordering behaviour itself is
tested in test_order*.py. Each entry is built alone, so one message cannot hide another.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import Fifo, Link, sphinx_build, write_pages

from epub_edition.links import WARNING_TYPE as EPUB, Subtype as EpubSubtype
from generators_compat import WARNING_TYPE as GENERATORS
from generators_compat.problems import Kind as GeneratorsKind
from jekyll_compat import WARNING_TYPE as JEKYLL, Subtype
from languages.problems import WARNING_TYPE as LANGUAGES, Kind as LanguagesKind
from loose_links import WARNING_TYPE as LINK, Kind as LinkKind
from loose_links.exported import WARNING_TYPE as MARKUP, Kind as MarkupKind
from maths import WARNING_TYPE as MATHS, Subtype as MathsSubtype
from obsidian_compat import WARNING_TYPE as OBSIDIAN
from obsidian_compat.markup import Kind as ObsidianKind
from pageorder.problems import WARNING_TYPE as POSITION, Kind
from plainlanguage.problems import WARNING_TYPE as STYLE, Kind as StyleKind
from publication.glue import WARNING_TYPE as PUBLICATION, Subtype as PublicationSubtype
from rawhtml import WARNING_TYPE as RAWHTML, Subtype as RawSubtype
from record.problems import WARNING_TYPE as RECORD, Kind as RecordKind
from safety.problems import WARNING_TYPE as SECURITY, Kind as Refused


class UniqueKeyLoader(yaml.SafeLoader):
    """YAML keeps the last of two equal keys without a word; a merge once lost an entry's page so."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        if duplicates := sorted({key for key in keys if keys.count(key) > 1}, key=str):
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate keys {duplicates}", node.start_mark)
        return super().construct_mapping(node, deep=deep)


UniqueKeyLoader.add_constructor("!fifo", lambda loader, node: Fifo())
UniqueKeyLoader.add_constructor("!link", lambda loader, node: Link(loader.construct_scalar(node)))

CATALOGUE = Path(__file__).with_name("bad_inputs.yaml")
ENTRIES = yaml.load(CATALOGUE.read_text(encoding="utf-8"), Loader=UniqueKeyLoader)
FIELDS = {"name", "kind", "file", "line", "message", "pages"}
OPTIONAL = {"builder", "xfail", "options"}
DEFAULT_INDEX = "---\ntitle: Home\n---\n\nWelcome.\n"


def warning_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if "WARNING:" in line or "ERROR:" in line]


def test_catalogue_is_well_formed():
    names = [entry["name"] for entry in ENTRIES]
    assert len(names) == len(set(names)), "entry names must be unique"
    for entry in ENTRIES:
        assert FIELDS <= set(entry) <= FIELDS | OPTIONAL, entry["name"]
        assert entry["file"] in entry["pages"], f"{entry['name']}: the warned file is not in pages"


def test_every_kind_is_catalogued():
    """A new problem kind in an extension's enum must come with its catalogue entry."""
    catalogued = {entry["kind"] for entry in ENTRIES}
    expected = {f"{POSITION}.{kind.value}" for kind in Kind} | {f"{JEKYLL}.{s.value}" for s in Subtype}
    expected |= {f"{RECORD}.{kind.value}" for kind in RecordKind}
    expected |= {f"{STYLE}.{kind.value}" for kind in StyleKind}
    # languages.unknown-language is about conf.py, not a page: tests/test_languages_build.py
    expected |= {f"{LANGUAGES}.{k.value}" for k in LanguagesKind if k is not LanguagesKind.UNKNOWN_LANGUAGE}
    expected |= {f"{SECURITY}.{kind.value}" for kind in Refused}
    expected |= {f"{MATHS}.{s.value}" for s in MathsSubtype} | {f"{RAWHTML}.{s.value}" for s in RawSubtype}
    expected |= {f"{EPUB}.{s.value}" for s in EpubSubtype}
    # publication.citation is about the project's CITATION.cff, not a page: tests/test_all_editions.py;
    # publication.environment about the environment: tests/test_hostile_environment.py
    expected |= {f"{PUBLICATION}.{s.value}" for s in PublicationSubtype
                 if s not in (PublicationSubtype.CITATION, PublicationSubtype.ENVIRONMENT)}
    expected |= {f"{LINK}.{kind.value}" for kind in LinkKind}
    expected |= {f"{OBSIDIAN}.{kind.value}" for kind in ObsidianKind}
    expected |= {f"{MARKUP}.{kind.value}" for kind in MarkupKind}
    expected |= {f"{GENERATORS}.{kind.value}" for kind in GeneratorsKind}
    assert expected - catalogued == set()


def as_param(entry: dict) -> object:
    marks = [pytest.mark.xfail(reason=entry["xfail"], strict=True)] if "xfail" in entry else []
    return pytest.param(entry, id=entry["name"], marks=marks)


@pytest.mark.parametrize("entry", [as_param(entry) for entry in ENTRIES])
def test_bad_input_fails_the_build_with_file_line_and_message(entry, tmp_path):
    pages = {"index.md": DEFAULT_INDEX, **entry["pages"]}
    source = write_pages(tmp_path / "source", pages)
    build = sphinx_build(source, tmp_path / "out", entry.get("builder", "html"),
                         extra=tuple(entry.get("options", ())), timeout=600)

    assert build.returncode != 0, f"-W must fail the build:\n{build.output}"
    assert "Traceback" not in build.output, build.output
    where = re.escape(os.path.normpath(source / entry["file"])) + rf":{entry['line']}: WARNING: "
    wanted = re.compile(where + r".*" + re.escape(entry["message"]) + r".*"
                        + re.escape(f"[{entry['kind']}]") + r"$")
    assert any(wanted.match(line) for line in warning_lines(build.output)), \
        "\n".join(warning_lines(build.output)) or build.output
