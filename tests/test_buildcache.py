"""buildcache's helpers that are no cache (the collector's pause, pages frozen once read,
serial reading), and the pages' sources kept from one build to the next."""

from __future__ import annotations

import gc
import pickle
import re
import weakref
from pathlib import Path
from types import SimpleNamespace

import pytest

import pagesource
from buildcache import doctrees, memory, reading, sources


def app_with(parallel: int) -> SimpleNamespace:
    return SimpleNamespace(parallel=parallel, builder=SimpleNamespace())


def test_a_few_pages_are_read_in_this_process_and_writing_gets_its_workers_back() -> None:
    app, env = app_with(4), SimpleNamespace(found_docs={f"p{i}" for i in range(1000)})
    reading.read_serially_if_few(app, env, ["p1", "p2"])
    assert app.parallel == 1
    reading.restore_parallel(app, env)
    assert app.parallel == 4
    reading.restore_parallel(app, env)  # a second env-updated changes nothing
    assert app.parallel == 4


def test_many_pages_or_a_serial_build_keep_their_jobs() -> None:
    env = SimpleNamespace(found_docs={f"p{i}" for i in range(100)})
    many = app_with(2)
    reading.read_serially_if_few(many, env, [f"p{i}" for i in range(10)])
    assert many.parallel == 2
    serial = app_with(1)
    reading.read_serially_if_few(serial, env, ["p1"])
    reading.restore_parallel(serial, env)
    assert serial.parallel == 1


def test_the_collector_is_paused_for_the_load_then_frozen_then_thawed() -> None:
    assert gc.isenabled()
    try:
        memory.pause(None, None)
        assert not gc.isenabled()
        loaded = [object() for _ in range(3)]
        memory.freeze_loaded(None)
        assert gc.isenabled() and gc.get_freeze_count() > 0
        memory.thaw(None, None)
        assert gc.isenabled() and gc.get_freeze_count() == 0
        assert loaded
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_sources_kept_by_one_build_are_read_by_the_next_without_parsing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a", "b"):
        (pages / f"{name}.md").write_text(f"---\ntitle: {name.upper()}\nposition: 1\n---\n\nText.\n",
                                          encoding="utf-8")
    outside = tmp_path / "other.md"
    outside.write_text("---\ntitle: Other\n---\n", encoding="utf-8")
    monkeypatch.setattr(pagesource, "_CACHE", {})
    monkeypatch.setattr(pagesource, "_KEPT", {})
    first = {name: pagesource.read(pages / f"{name}.md") for name in ("a", "b")}
    pagesource.read(outside)
    kept = tmp_path / "doctrees" / sources.FILE
    kept.parent.mkdir()
    pagesource.keep(kept, pages)
    stamp = kept.stat().st_mtime_ns
    pagesource.keep(kept, pages)  # nothing new: not written again
    assert kept.stat().st_mtime_ns == stamp

    # The next build (another process): a fresh cache, the file loaded, nothing parsed
    monkeypatch.setattr(pagesource, "_CACHE", {})
    monkeypatch.setattr(pagesource, "_KEPT", {})
    pagesource.load_kept(kept)
    assert {key[0] for key in pagesource._CACHE} == {str(pages / "a.md"), str(pages / "b.md")}
    parse = pagesource.parse
    monkeypatch.setattr(pagesource, "parse", lambda *args: pytest.fail("parsed again"))
    assert {name: pagesource.read(pages / f"{name}.md") for name in ("a", "b")} == first
    # A page that changed is parsed again, and only the new version is kept
    (pages / "b.md").write_text("---\ntitle: Bee\n---\n\nNew text.\n", encoding="utf-8")
    monkeypatch.setattr(pagesource, "parse", parse)
    assert pagesource.read(pages / "b.md").data == {"title": "Bee"}
    pagesource.keep(kept, pages)
    monkeypatch.setattr(pagesource, "_CACHE", {})
    monkeypatch.setattr(pagesource, "_KEPT", {})
    pagesource.load_kept(kept)
    assert sorted(source.data["title"] for source in pagesource._CACHE.values()) == ["A", "Bee"]


def test_a_damaged_kept_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagesource, "_CACHE", {})
    monkeypatch.setattr(pagesource, "_KEPT", {})
    monkeypatch.setattr(pagesource, "_PICKLED", {})
    kept = tmp_path / sources.FILE
    page = pagesource.parse("---\ntitle: A\n---\n")
    for damaged in (b"not a pickle", pickle.dumps({"key": "not a page source"}),
                    pickle.dumps(("other code", {("a.md", 1, 1): page})),
                    pickle.dumps((pagesource._code(), {("a.md", 1, 1): pickle.dumps("not a page source")})),
                    pickle.dumps((pagesource._code(), {("a.md", 1, 1): b"not a pickle"}))):
        kept.write_bytes(damaged)
        pagesource.load_kept(kept)
        assert pagesource._CACHE == {}
    pagesource.load_kept(tmp_path / "missing")
    assert pagesource._CACHE == {}
    kept.write_bytes(pickle.dumps((pagesource._code(), {("a.md", 1, 1): pickle.dumps(page)})))
    pagesource.load_kept(kept)
    assert pagesource._CACHE == {("a.md", 1, 1): page}
class Node:
    """Like a docutils node: it points back to itself through its parent, a cycle."""

    def __init__(self) -> None:
        self.parent = self


def test_what_a_page_leaves_alive_is_frozen_and_its_garbage_collected_first() -> None:
    gc.unfreeze()
    try:
        kept = Node()
        left = Node()
        gone = weakref.ref(left)
        del left
        assert gone() is not None  # a cycle: only the collector frees it
        doctrees.freeze_read(None, "page", ["text"])
        assert gone() is None
        assert gc.get_freeze_count() > 0 and kept.parent is kept
        frozen = gc.get_freeze_count()
        assert doctrees.freeze_environment(None, None) == []  # no page to read again
        assert gc.get_freeze_count() >= frozen
        memory.thaw(None, None)
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()
        gc.unfreeze()


def test_pages_kept_in_memory_are_frozen_as_they_are_written_pages_read_again_are_not() -> None:
    gc.unfreeze()
    try:
        kept = SimpleNamespace(env=SimpleNamespace(_write_doc_doctree_cache={"page": Node()}))
        kept.builder = SimpleNamespace()
        doctrees.note_kept_pages(kept, kept.builder)
        left = Node()
        gone = weakref.ref(left)
        del left
        doctrees.freeze_resolved(kept, Node(), "page")
        assert gone() is None and gc.get_freeze_count() > 0  # garbage first, then frozen
        gc.unfreeze()

        pickled = SimpleNamespace(env=SimpleNamespace(_write_doc_doctree_cache={}))
        pickled.builder = SimpleNamespace()
        doctrees.note_kept_pages(pickled, pickled.builder)
        doctrees.freeze_resolved(pickled, Node(), "page")
        assert gc.get_freeze_count() == 0  # read from its pickle: freed once written
    finally:
        gc.enable()
        gc.unfreeze()


def test_page_pickles_save_an_unchanged_value_as_the_bytes_it_was_loaded_from() -> None:
    """buildcache.pagepickles: the same map after a load; a value the map still holds as
    loaded is written as its old bytes (here tampered with, to see it), a replaced one anew."""
    from docutils import nodes

    from buildcache.pagepickles import PagePickles, adopt

    owner = SimpleNamespace(tocs={"a": nodes.bullet_list("", nodes.list_item("", nodes.Text("A"))),
                                  "b": [1, 2]})
    tocs = adopt(owner, "tocs")
    assert owner.tocs is tocs and adopt(owner, "tocs") is tocs and set(tocs) == {"a", "b"}
    loaded = pickle.loads(pickle.dumps(owner, pickle.HIGHEST_PROTOCOL)).tocs
    assert isinstance(loaded, PagePickles) and len(loaded) == 2 and "a" in loaded
    assert all(type(v) is bytes for v in (u.data for u in loaded._values.values()))  # not read yet
    assert loaded["a"].pformat() == tocs["a"].pformat() and loaded.get("b") == [1, 2]
    assert dict(loaded) == {"a": loaded["a"], "b": [1, 2]} and loaded.pop("b") == [1, 2]
    loaded["b"] = [1, 2]

    loaded._kept["a"] = (loaded["a"], pickle.dumps("kept bytes"))
    loaded._kept["b"] = (loaded["b"], pickle.dumps("kept bytes"))
    loaded["b"] = [3]  # read again: a new value
    again = pickle.loads(pickle.dumps(loaded))
    assert again == {"a": "kept bytes", "b": [3]}

    loaded._kept["a"] = (loaded["a"], pickle.dumps("kept bytes"))
    loaded.forget()  # changed in place (numbered sections): everything pickled anew
    assert pickle.loads(pickle.dumps(loaded))["a"].pformat() == tocs["a"].pformat()
    unread = pickle.loads(pickle.dumps(loaded))
    assert pickle.loads(pickle.dumps(unread))["b"] == [3]  # saved unread: its bytes again


def test_static_checksums_are_found_once_per_build_and_equal_sphinx_own(tmp_path: Path) -> None:
    from sphinx.builders import html
    from sphinx.errors import ThemeError

    from buildcache import checksums

    (tmp_path / "_static").mkdir()
    style = tmp_path / "_static" / "style.css"
    style.write_text("body { color: black }\n", encoding="utf-8")
    on = SimpleNamespace(config=SimpleNamespace(buildcache_checksums=True))
    off = SimpleNamespace(config=SimpleNamespace(buildcache_checksums=False))
    checksums.install(off)
    sphinx_own = html._file_checksum
    expected = sphinx_own(tmp_path, "_static/style.css")
    try:
        checksums.install(on)
        assert html._file_checksum is not sphinx_own
        assert html._file_checksum(tmp_path, "_static/style.css") == expected != ""
        style.unlink()  # remembered for this build: not looked up again
        assert html._file_checksum(tmp_path, "_static/style.css") == expected
        assert html._file_checksum(tmp_path, "https://example.org/x.js") == ""
        for _ in range(2):  # a name Sphinx refuses is refused every time, not remembered
            with pytest.raises(ThemeError):
                html._file_checksum(tmp_path, "_static/style.css?v=1")
        checksums.install(on)  # the next build starts with nothing remembered
        assert html._file_checksum(tmp_path, "_static/other.css") == ""
    finally:
        checksums.install(off)
    assert html._file_checksum is sphinx_own


def test_the_code_version_changes_with_any_file_of_the_extensions(tmp_path: Path) -> None:
    """A build folder made by other code is read again from scratch (Sphinx's env_version)."""
    from buildcache import code_version

    (tmp_path / "room").mkdir()
    (tmp_path / "room" / "core.py").write_text("A = 1\n", encoding="utf-8")
    (tmp_path / "room" / "book.typ").write_text("#let a = 1\n", encoding="utf-8")
    first = code_version(tmp_path)
    (tmp_path / "room" / "__pycache__").mkdir()
    (tmp_path / "room" / "__pycache__" / "core.cpython-311.pyc").write_bytes(b"\0")
    catalogs = tmp_path / "room" / "locales" / "es" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / "sphinx.mo").write_bytes(b"POT-Creation-Date: compiled on this checkout")
    code_version.cache_clear()
    assert code_version(tmp_path) == first > 0  # compiled files are no code of ours
    (catalogs / "sphinx.mo").write_bytes(b"POT-Creation-Date: compiled on another checkout")
    code_version.cache_clear()
    assert code_version(tmp_path) == first
    (catalogs / "sphinx.po").write_text('msgid "Search"\nmsgstr "Buscar"\n', encoding="utf-8")
    code_version.cache_clear()
    assert code_version(tmp_path) != first  # the catalog's source is code
    (catalogs / "sphinx.po").unlink()
    (tmp_path / "room" / "book.typ").write_text("#let a = 2\n", encoding="utf-8")
    code_version.cache_clear()
    assert code_version(tmp_path) != first
    code_version.cache_clear()


def test_the_search_index_pruned_with_a_set_keeps_what_sphinx_keeps() -> None:
    from sphinx.search import IndexBuilder

    from buildcache import searchprune

    def index() -> IndexBuilder:
        made = IndexBuilder.__new__(IndexBuilder)
        made._titles = {d: d.upper() for d in ("a", "b", "c", "gone")}
        made._filenames = {d: f"{d}.md" for d in made._titles}
        made._all_titles = {d: [(d.upper(), None)] for d in made._titles}
        made._mapping = {"park": {"a", "gone"}, "bus": {"b", "c"}, "only": {"gone"}}
        made._title_mapping = {"a": {"a"}, "gone": {"gone"}}
        return made

    builder = SimpleNamespace(prepare_writing=lambda docnames: None)
    searchprune.install(SimpleNamespace(builder=builder))
    ours, sphinx_own = index(), index()
    builder.indexer = ours
    builder.prepare_writing(set())
    all_docs = {"c": 1, "a": 2, "b": 3}  # env.all_docs, as the HTML builder passes it
    ours.prune(all_docs)
    sphinx_own.prune(all_docs)
    assert ours.prune is not IndexBuilder.prune
    for name in ("_titles", "_filenames", "_all_titles", "_mapping", "_title_mapping"):
        assert dict(sorted(getattr(ours, name).items())) == \
            dict(sorted(getattr(sphinx_own, name).items())), name
    assert ours._mapping["only"] == set() and ours._mapping["park"] == {"a"}


def test_a_page_file_name_is_found_again_when_the_project_maps_it_anew(tmp_path: Path) -> None:
    from sphinx.project import Project

    from buildcache import docpaths

    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    project = Project(tmp_path, {".md": "markdown"})
    project.discover()
    docpaths.install(SimpleNamespace(config=SimpleNamespace(buildcache_docpaths=True)))
    first = project.doc2path("a", absolute=True)
    assert project.doc2path("a", absolute=True) is first  # kept
    assert project.doc2path("b", absolute=True) == tmp_path / "b.md"  # not a page: Sphinx's guess
    (tmp_path / "b.markdown").write_text("# B\n", encoding="utf-8")
    project.source_suffix = {".md": "markdown", ".markdown": "markdown"}
    project.discover()  # b is now a page of its own file
    assert project.doc2path("b", absolute=True) == tmp_path / "b.markdown"
    project._docname_to_path["c"] = Path("generated/c.md")  # as pageorder.generated_root adds one
    assert project.doc2path("c", absolute=False) == Path("generated/c.md")
    docpaths.install(SimpleNamespace(config=SimpleNamespace(buildcache_docpaths=False)))
    assert project.doc2path("a", absolute=True) is not first  # Sphinx's own, made anew
    docpaths.install(SimpleNamespace(config=SimpleNamespace(buildcache_docpaths=True)))


@pytest.mark.parametrize("colour", ["--no-color", "--color"])
def test_progress_lines_are_sphinxs_own_characters_in_one_record_a_page(tmp_path: Path, colour: str) -> None:
    import subprocess
    import sys

    from conftest import REPO, ROOTS

    def output(switch: str) -> str:
        """The output of a clean build, each in the same folder (its paths are in the output)."""
        import shutil

        out = tmp_path / "build"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir()
        done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), colour,
                               "-D", f"buildcache_progress={switch}", "-d", "doctrees",
                               str(ROOTS / "order-nested"), "html"],
                              capture_output=True, text=True, check=False, cwd=out)
        assert done.returncode == 0, done.stdout + done.stderr
        return "\n".join(line for line in done.stdout.split("\n")
                         if "MdParserConfig(" not in line)  # MyST prints a set: any order

    ours, sphinxs = output("1"), output("0")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", ours)
    assert plain.count("reading sources... [") >= 5 and plain.count("writing output... [") >= 5
    assert (plain != ours) == (colour == "--color")
    assert ours == sphinxs
