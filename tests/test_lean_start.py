"""What a build process leaves unloaded changes nothing a build reads or writes (lean_start)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_root, ends_apart

import lean_start


class _Recorder:
    """Stands in for the Sphinx application a built-in's ``setup()`` is given."""

    def __init__(self) -> None:
        self.settings: dict[str, str] = {}

    def add_config_value(self, name, default, rebuild, *args, **kwargs):
        self.settings[name] = rebuild

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def _settings(module: str) -> dict[str, str]:
    recorder = _Recorder()
    importlib.import_module(module).setup(recorder)
    return recorder.settings


@pytest.mark.parametrize("module", lean_start.UNUSED)
def test_a_builder_left_out_sets_nothing_any_build_looks_at(module):
    """No ``env`` setting (the environment), no ``html`` or ``epub`` one (``.buildinfo``)."""
    settings = _settings(module)
    assert not {name for name, rebuild in settings.items() if rebuild != ""}


def test_the_builders_kept_for_their_settings_have_them():
    """The recorder sees such settings where there are some (the test above can fail)."""
    for module in ("sphinx.builders.text", "sphinx.builders.gettext", "sphinx.builders.xml",
                   "sphinx.builders.singlehtml"):
        assert set(_settings(module).values()) - {""}, module
        assert module not in lean_start.UNUSED


def test_other_builders_load_every_builtin_again():
    from sphinx import application

    lean_start.leave_out(["html", "epub"])
    assert "sphinx.builders.linkcheck" not in application.builtin_extensions
    lean_start.leave_out(["linkcheck"])
    assert "sphinx.builders.linkcheck" in application.builtin_extensions
    assert "sphinx.builders.html" in application.builtin_extensions


def test_requests_and_doctest_are_imported_only_when_used():
    assert ends_apart(
        "import sys, lean_start\n"
        "lean_start.leave_out(['html'])\n"
        "import sphinx.transforms.post_transforms.images as images\n"
        "import sphinx.transforms.post_transforms.code as code\n"
        "assert 'requests' not in sys.modules, 'imported before any use'\n"
        "assert 'unittest' not in sys.modules, 'imported before any use'\n"
        "assert callable(images.requests.get)\n"
        "assert 'requests' in sys.modules\n"
        "assert code.doctest.blankline_re.sub('', 'a\\n<BLANKLINE>\\n') == 'a\\n\\n'\n"
        "assert 'unittest' in sys.modules\n", limit=120)


def test_a_python_console_block_still_loses_its_doctest_flags(tmp_path):
    """The code post-transform uses the doctest extension lazily imported: still the same."""
    source = copy_root("order-nested", tmp_path / "src")
    page = next(source.rglob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\n```pycon\n>>> 1 + 1  # doctest: +SKIP\n2\n```\n",
                    encoding="utf-8")
    build = tmp_path / "build"
    subprocess.run(["make", "-s", "-C", str(REPO), "html", f"SOURCEDIR={source}",
                    f"BUILDDIR={build}", "STRICT=0"], check=True, capture_output=True)
    html = (build / "html" / page.relative_to(source).with_suffix(".html")).read_text(encoding="utf-8")
    assert "1</span> <span class=\"o\">+</span> <span class=\"mi\">1</span>" in html or "1 + 1" in html
    assert "doctest: +SKIP" not in html


def _sphinx(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "sphinx", "--no-color", *args],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result.stdout


def test_plain_sphinx_and_our_editions_reuse_one_doctree_cache(tmp_path):
    """``make linkcheck`` loads every builder, ``make html`` fewer: neither reads the pages
    again after the other, and the site is the same bytes either way."""
    source = copy_root("order-nested", tmp_path / "src")
    build = tmp_path / "build"
    subprocess.run(["make", "-s", "-C", str(REPO), "html", f"SOURCEDIR={source}",
                    f"BUILDDIR={build}"], check=True, capture_output=True)
    ours = {p.relative_to(build / "html"): p.read_bytes()
            for p in (build / "html").rglob("*") if p.is_file()}
    plain = _sphinx("-b", "html", "-c", str(REPO), "-d", str(build / "doctrees"),
                    "-D", f"editions_dir={build}", str(source), str(tmp_path / "plain"))
    assert "0 added, 0 changed, 0 removed" in plain
    plain_files = {p.relative_to(tmp_path / "plain"): p.read_bytes()
                   for p in (tmp_path / "plain").rglob("*") if p.is_file()}
    assert Path(".buildinfo") in ours
    assert ours == plain_files
    again = subprocess.run(["make", "-C", str(REPO), "html", f"SOURCEDIR={source}",
                            f"BUILDDIR={build}", "SPHINXOPTS=-v"], capture_output=True,
                           text=True, check=True, env={**os.environ, "CI": ""})
    assert "0 added, 0 changed, 0 removed" in again.stdout


_LOGGER_LEVEL = """
import logging, sys
sys.path.insert(0, {ext!r})
from lean_start import leave_out
from sphinx.cmd.build import build_main
leave_out(["html"])
code = build_main(sys.argv[1:])
print("LEVEL", logging.getLogger("sphinx").getEffectiveLevel())
"""


@pytest.mark.parametrize(("verbosity", "level", "shown"), [([], 20, False), (["-vv"], 10, True)])
def test_records_no_handler_shows_are_not_made_and_every_verbosity_shows_the_same(
        tmp_path, verbosity, level, shown):
    """Sphinx's logger drops below its handlers' lowest level; ``-vv`` still shows its debug lines."""
    source = copy_root("order-nested", tmp_path / "src")
    result = subprocess.run(
        [sys.executable, "-c", _LOGGER_LEVEL.format(ext=str(REPO / "_ext")), "--no-color",
         "-b", "html", *verbosity, "-C", "-D", "extensions=myst_parser", str(source),
         str(tmp_path / "out")], capture_output=True, text=True, check=False, cwd=REPO)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"LEVEL {level}" in result.stdout
    assert ("[app] adding" in result.stdout) is shown
