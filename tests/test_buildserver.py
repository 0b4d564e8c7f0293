"""The test builds' server (tests/buildserver.py) answers as ``python -m sphinx`` would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, sphinx_build, write_pages

import buildserver

PROBE_CONF = '''
import os, pathlib
extensions = ["myst_parser"]
pathlib.Path(os.environ["PROBE_OUT"]).write_text(f"{hash('seed')} {os.environ.get('PROBE_WORD', '')}")
if os.environ.get("PROBE_HANG"):
    import time
    time.sleep(60)
'''


def probe_project(tmp_path):
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "conf.py").write_text(PROBE_CONF)
    pages = write_pages(tmp_path / "pages", {"index.md": "# Home\n\nWords.\n"})
    return conf, pages


def test_a_build_answers_as_a_new_sphinx_process(tmp_path):
    pages = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n\n```{toctree}\nmissing\n```\n"})
    served = sphinx_build(pages, tmp_path / "served")
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "-d",
               str(tmp_path / "new.doctrees"), "-q", "--no-color", "-W", "--keep-going",
               str(pages), str(tmp_path / "new")]
    new = subprocess.run(command, capture_output=True, text=True, check=False)
    assert served.returncode == new.returncode != 0
    assert served.output.replace("served", "new") == new.stdout + new.stderr
    assert "missing" in served.output
    assert (tmp_path / "served" / "index.html").read_bytes() == (tmp_path / "new" / "index.html").read_bytes()


def test_a_build_sees_its_own_environment_and_folder(tmp_path, monkeypatch):
    conf, pages = probe_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "probe"
    build = sphinx_build(Path("pages"), Path("out"), confdir=conf, strict=False,
                         env={"PROBE_OUT": str(out), "PROBE_WORD": "given"})
    assert build.returncode == 0, build.output
    assert out.read_text().split(" ")[1] == "given"
    assert (tmp_path / "out" / "index.html").is_file()


def test_builds_in_turn_get_two_hash_seeds(tmp_path):
    """As two new processes would: a byte-identity test still meets set-order differences."""
    conf, pages = probe_project(tmp_path)
    seeds = []
    for run in range(2):
        out = tmp_path / f"probe{run}"
        sphinx_build(pages, tmp_path / f"out{run}", confdir=conf, strict=False,
                     env={"PROBE_OUT": str(out)})
        seeds.append(out.read_text().split(" ")[0])
    assert seeds[0] != seeds[1]


def test_a_build_past_its_timeout_is_stopped_and_the_next_one_runs(tmp_path):
    conf, pages = probe_project(tmp_path)
    with pytest.raises(subprocess.TimeoutExpired):
        sphinx_build(pages, tmp_path / "hung", confdir=conf, strict=False, timeout=3,
                     env={"PROBE_OUT": str(tmp_path / "hung.txt"), "PROBE_HANG": "1"})
    for _ in range(2):
        build = sphinx_build(pages, tmp_path / "next", confdir=conf, strict=False,
                             env={"PROBE_OUT": str(tmp_path / "next.txt")})
        assert build.returncode == 0, build.output


def test_an_environment_python_reads_as_it_starts_gets_a_new_process():
    started = {"PATH": "/bin", "LANG": "C.UTF-8"}
    assert not buildserver.starts_apart({**started, "SOURCE_DATE_EPOCH": "1"}, started)
    assert buildserver.starts_apart({**started, "PYTHONPATH": "/x"}, started)
    assert buildserver.starts_apart({**started, "LANG": "tr_TR.UTF-8"}, started)
    assert buildserver.starts_apart({"PATH": "/bin"}, started)
