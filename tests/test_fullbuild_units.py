"""Units of the full-build speed-ups: cached docutils settings, front matter read once."""

from __future__ import annotations

import pytest
import yaml
from docutils.readers import standalone
from myst_parser.config.main import TopmatterReadError
from myst_parser.config.main import read_topmatter as myst_read_topmatter
from myst_parser.parsers.sphinx_ import MystParser

from buildcache import settings
from maths import topmatter


def test_settings_are_built_once_for_new_parser_objects_of_one_class() -> None:
    """Sphinx makes a new parser object per page: the cache must still hit."""
    built = []

    def original(*components, defaults, read_config_files=False):
        built.append(components)
        return type("Values", (), {"traceback": defaults["traceback"]})()

    get = settings.cached(original, {})
    defaults = {"traceback": True}
    first = get(standalone.Reader, MystParser(), defaults=defaults, read_config_files=True)
    second = get(standalone.Reader, MystParser(), defaults=defaults, read_config_files=True)
    assert len(built) == 1
    assert first is not second and first.record_dependencies is not second.record_dependencies


def test_a_component_with_its_own_settings_is_not_cached() -> None:
    built = []

    def original(*components, defaults, read_config_files=False):
        built.append(components)
        return type("Values", (), {})()

    get = settings.cached(original, {})
    parser = MystParser()
    parser.settings_spec = ("own", None, ())
    get(parser, defaults={}, read_config_files=False)
    get(parser, defaults={}, read_config_files=False)
    assert len(built) == 2


FRONT_MATTERS = [
    "---\ntitle: A page\nposition: 3\ndate: 2019-02-03\ntags: [a, b]\n---\nBody\n",
    "---\ntitle: Trailing   \ndescription: |\n  two  \n  lines\n...\nBody\n",
    "---\n- a list\n---\n",
    "---\ntitle: [unclosed\n---\n",
    "---\ndate: 2019-13-45\n---\n",
    "---\na: &x [1, 2]\nb: *x\nmath: yes\n---\n",
    "no front matter\n",
    "---\n",
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_read_topmatter_is_mysts(text: str) -> None:
    """Same values and same errors as MyST's own reader, whichever YAML loader ran."""
    for _ in range(2):  # the second read comes from the kept copy
        try:
            expected = myst_read_topmatter(text)
        except TopmatterReadError as err:
            with pytest.raises(TopmatterReadError, match=str(err)):
                topmatter.read_topmatter(text)
        else:
            assert topmatter.read_topmatter(text) == expected


def test_a_kept_front_matter_is_a_copy() -> None:
    first = topmatter.read_topmatter("---\nmyst:\n  x: 1\n---\n")
    first["myst"]["changed"] = True
    assert topmatter.read_topmatter("---\nmyst:\n  x: 1\n---\n") == {"myst": {"x": 1}}


def test_safe_load_errors_are_pyyamls() -> None:
    with pytest.raises(yaml.YAMLError) as ours:
        topmatter.safe_load("a: [1\n")
    with pytest.raises(yaml.YAMLError) as theirs:
        yaml.safe_load("a: [1\n")
    assert str(ours.value) == str(theirs.value)


def test_jobs_auto_is_one_process_for_a_small_site() -> None:
    import edition_build

    small, large = edition_build.PARALLEL_FROM - 1, edition_build.PARALLEL_FROM
    assert edition_build.jobs(["-b", "html", "-j", "auto", "-W"], small) == ["-b", "html", "-j", "1", "-W"]
    assert edition_build.jobs(["-j", "auto"], large) == ["-j", "auto"]
    assert edition_build.jobs(["-j", "2"], 1) == ["-j", "2"]  # a number the user chose stays


def test_pages_are_counted_as_sphinx_reads_them(tmp_path) -> None:
    import edition_build

    for name in ("a.md", "b.markdown", "part/c.md", "_drafts/d.md", ".git/e.md", "f.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert edition_build.check_source(tmp_path) == 3


def test_a_language_builds_its_editions_in_one_worker_process(tmp_path) -> None:
    """languages.build.Workers: one process per language answers job after job, output apart."""
    from languages import forked
    from languages.build import Started, Workers

    with Workers() as workers:
        runs = []
        for edition in ("pdf", "epub"):
            out = tmp_path / edition
            out.mkdir()
            process = workers.submit("xx", ["--version"], out / "stdout", out / "stderr")
            runs.append(Started("xx", edition, tmp_path, tmp_path, process, out, worker=True))
        assert runs[0].process is runs[1].process
        assert isinstance(runs[0].process, forked.Forked) == forked.available()
        assert [run.result() for run in runs] == [0, 0]
        for edition in ("pdf", "epub"):
            assert "9.0" in (tmp_path / edition / "stdout").read_text(encoding="utf-8")  # the version
        bad = tmp_path / "bad"
        bad.mkdir()
        process = workers.submit("xx", ["--no-such-option"], bad / "stdout", bad / "stderr")
        failed = Started("xx", "html", tmp_path, tmp_path, process, bad, worker=True)
        assert failed.result() != 0 and "usage:" in (bad / "stderr").read_text(encoding="utf-8")
    assert process.poll() is not None  # stopped when the build is over
