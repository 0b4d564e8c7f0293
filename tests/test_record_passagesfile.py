"""passages.json written chapter by chapter: the same bytes as one json.dumps, unchanged
chapters copied from the last file, and a last file that is not the indexed one ignored."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from publication.atomic import overwrite
from record import passagesfile
from record.passagesfile import Chapter

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
ITEM = st.fixed_dictionaries({
    "id": TEXT, "text": TEXT, "page": st.none() | st.integers(-5, 500) | TEXT,
    "pdf_page": st.none() | st.integers(0, 10**6),
    "cite": st.dictionaries(TEXT, TEXT, max_size=3)})
CHAPTERS = st.lists(st.lists(ITEM, max_size=3), max_size=4)
HEAD = st.fixed_dictionaries({"title": TEXT, "version": TEXT | st.integers(), "date": TEXT})


def whole(head: dict, chapters: list[list[dict]]) -> bytes:
    document = {**head, "passages": [item for items in chapters for item in items]}
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


@settings(max_examples=60, deadline=None)
@given(HEAD, CHAPTERS)
def test_chapters_assembled_are_one_json_dumps(head, chapters):
    data, where = passagesfile.assemble(head, [passagesfile.passages_bytes(c) for c in chapters])
    assert data == whole(head, chapters)
    for items, (start, end) in zip(chapters, where):
        assert data[start:end] == passagesfile.passages_bytes(items)


class Writes:
    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, path: Path, data: bytes, offset: int = 0) -> None:
        self.paths.append(path.name)
        path.write_bytes(path.read_bytes()[:offset] + data if offset else data)


def chapters_of(contents: dict[str, list[dict]], keys: dict[str, str], made: list[str]) -> list:
    def maker(name: str):
        def passages() -> list[dict]:
            made.append(name)
            return contents[name]
        return passages
    return [Chapter(name, keys[name], maker(name)) for name in contents]


HEAD_DATA = {"title": "T", "version": "1.0", "date": "2026-01-01"}


def test_only_changed_chapters_are_made_and_the_file_equals_a_whole_dump(tmp_path):
    path, index = tmp_path / "passages.json", tmp_path / "index.json"
    contents = {"a": [{"id": "p1", "text": "One \u201cquoted\u201d"}], "b": [],
                "c": [{"id": "p2", "text": "Two\nlines"}, {"id": "p3", "text": "x"}]}
    keys = {"a": "ka", "b": "kb", "c": "kc"}
    made, writes = [], Writes()
    passagesfile.write(path, index, HEAD_DATA, chapters_of(contents, keys, made), writes)
    assert made == ["a", "b", "c"] and path.read_bytes() == whole(HEAD_DATA, list(contents.values()))

    contents["c"] = [{"id": "p2", "text": "Two, edited"}]
    keys["c"] = "kc2"
    made, writes = [], Writes()
    passagesfile.write(path, index, HEAD_DATA, chapters_of(contents, keys, made), writes)
    assert made == ["c"]
    assert path.read_bytes() == whole(HEAD_DATA, list(contents.values()))

    made, writes = [], Writes()
    passagesfile.write(path, index, HEAD_DATA, chapters_of(contents, keys, made), writes)
    assert made == [] and writes.paths == []  # nothing changed, nothing written


def test_a_last_file_that_is_not_the_indexed_one_is_not_copied_from(tmp_path):
    path, index = tmp_path / "passages.json", tmp_path / "index.json"
    contents, keys = {"a": [{"id": "p1", "text": "Alpha"}]}, {"a": "ka"}
    passagesfile.write(path, index, HEAD_DATA, chapters_of(contents, keys, []), Writes())
    path.write_bytes(path.read_bytes().replace(b"Alpha", b"Omega"))  # changed by someone else

    made: list[str] = []
    passagesfile.write(path, index, HEAD_DATA, chapters_of(contents, keys, made), Writes())
    assert made == ["a"] and b"Alpha" in path.read_bytes()


def test_a_copy_that_keeps_the_file_time_is_the_indexed_file(tmp_path):
    """The edition swap copies the last build's passages.json with its time (shutil.copy2):
    still the indexed file, so its chapters are copied, not made again."""
    path, index = tmp_path / "passages.json", tmp_path / "index.json"
    contents, keys = {"a": [{"id": "p1", "text": "Alpha"}], "b": []}, {"a": "ka", "b": "kb"}
    passagesfile.write(path, index, HEAD_DATA, chapters_of(contents, keys, []), Writes())
    saved = tmp_path / "live.json"
    shutil.copy2(path, saved)
    path.write_bytes(b"{}")  # an older edition's file, then the copy of the live one over it
    shutil.copy2(saved, path)

    made: list[str] = []
    keys["b"] = "kb2"
    passagesfile.write(path, index, HEAD_DATA, chapters_of(contents, keys, made), Writes())
    assert made == ["b"]


def test_overwrite_writes_in_place_but_never_through_a_hard_link_or_symbolic_link(tmp_path):
    path = tmp_path / "passages.json"
    overwrite(path, b"first, and longer")
    inode = path.stat().st_ino
    overwrite(path, b"second")
    assert path.read_bytes() == b"second" and path.stat().st_ino == inode

    linked = tmp_path / "previous.json"
    os.link(path, linked)
    overwrite(path, b"third")
    assert path.read_bytes() == b"third" and linked.read_bytes() == b"second"

    target = tmp_path / "elsewhere.json"
    target.write_bytes(b"not ours")
    path.unlink()
    path.symlink_to(target)
    overwrite(path, b"fourth")
    assert not path.is_symlink() and path.read_bytes() == b"fourth"
    assert target.read_bytes() == b"not ours"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_indented_json_is_json_dumps(value):
    expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    assert passagesfile.indented_json(value) == expected
    assert passagesfile.indented_json(value, "\n  ") == expected.replace("\n", "\n  ")


def test_indented_json_leaves_the_unusual_to_json_dumps():
    from collections import OrderedDict
    from enum import IntEnum

    class Level(IntEnum):
        ONE = 1

    for value in ({2: "a", 1: "b", 0.5: None}, OrderedDict(b=1, a=2), [Level.ONE, float("nan"), float("-inf")], {"x": True}):
        expected = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    assert passagesfile.indented_json(value) == expected
    assert passagesfile.indented_json(value, "\n  ") == expected.replace("\n", "\n  ")
    cycle: list = []
    cycle.append(cycle)
    try:
        passagesfile.indented_json(cycle)
    except ValueError as problem:
        assert "Circular" in str(problem)
    else:
        raise AssertionError("a cycle must fail as json.dumps fails")


@settings(max_examples=80, deadline=None)
@given(HEAD, HEAD, CHAPTERS, st.data())
def test_a_rewrite_keeps_the_unchanged_start_and_equals_a_whole_dump(tmp_path_factory, head, new_head,
                                                                     chapters, data):
    """Chapters edited, emptied, filled, the head changed or not: the file is always one
    json.dumps of the new contents, and only the bytes from the first change are written."""
    folder = tmp_path_factory.mktemp("tail")
    path, index = folder / "passages.json", folder / "index.json"
    contents = {f"c{n}": items for n, items in enumerate(chapters)}
    keys = {name: "k" for name in contents}
    passagesfile.write(path, index, head, chapters_of(contents, keys, []), overwrite)
    before = path.read_bytes()

    for name in contents:
        if data.draw(st.booleans(), label=f"edit {name}"):
            contents[name] = data.draw(st.lists(ITEM, max_size=3), label=name)
            keys[name] = "k2"
    head = data.draw(st.sampled_from([head, new_head]), label="head")
    offsets: list[int] = []

    def recorded(target: Path, data: bytes, offset: int = 0) -> None:
        if target == path:
            offsets.append(offset)
        overwrite(target, data, offset)

    passagesfile.write(path, index, head, chapters_of(contents, keys, []), recorded)
    after = path.read_bytes()
    assert after == whole(head, list(contents.values()))
    if after == before:
        assert offsets == []
    else:
        assert len(offsets) == 1
        common = next((n for n, (a, b) in enumerate(zip(before, after)) if a != b),
                      min(len(before), len(after)))
        assert offsets[0] <= common


def test_overwrite_from_an_offset_keeps_the_bytes_before_it(tmp_path):
    path = tmp_path / "passages.json"
    overwrite(path, b"0123456789")
    inode = path.stat().st_ino
    overwrite(path, b"abc", 4)
    assert path.read_bytes() == b"0123abc" and path.stat().st_ino == inode
    overwrite(path, b"", 2)
    assert path.read_bytes() == b"01"

    linked = tmp_path / "previous.json"
    os.link(path, linked)
    overwrite(path, b"xyz", 1)
    assert path.read_bytes() == b"0xyz" and linked.read_bytes() == b"01"
