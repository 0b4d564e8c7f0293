"""``make all`` in one process gives the very bytes of three separate builds, and a failed
edition leaves the previous one in place while the others are still built."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from conftest import REPO, ROOTS, sphinx_build

import all_editions

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_one_process_equals_three_builds(tmp_path):
    source = ROOTS / "order-nested"
    one = tmp_path / "one"
    result = subprocess.run(
        [sys.executable, "-m", "all_editions", "--sourcedir", str(source), "--builddir", str(one),
         "--confdir", str(REPO), "--jobs", "1", "--strict", "--", "-q"],
        capture_output=True, text=True, env={**os.environ, **EPOCH,
                                              "PYTHONPATH": str(REPO / "_ext")}, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    three = tmp_path / "three"
    for folder, builder in all_editions.EDITIONS:
        extra = ("-D", f"editions_dir={three}") if folder == "html" else ()
        build = sphinx_build(source, three / folder, builder, doctrees=three / "doctrees",
                             jobs="1", extra=extra, env=EPOCH)
        assert build.returncode == 0, build.output
    for folder, _ in all_editions.EDITIONS:
        assert digests(one / folder) == digests(three / folder), folder
        assert not (one / f"{folder}.new").exists()


def test_a_failed_edition_keeps_the_previous_one(tmp_path):
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "book.pdf").write_text("last good")

    def fails(outdir):
        (outdir / "book.pdf").write_text("half")
        return 2

    def works(outdir):
        outdir.mkdir(exist_ok=True)
        (outdir / "book.pdf").write_text("new")
        return 0

    assert all_editions.swap_in(tmp_path, "pdf", fails) == 2
    assert (tmp_path / "pdf" / "book.pdf").read_text() == "last good"
    assert (tmp_path / "pdf.new" / "book.pdf").read_text() == "half"
    assert all_editions.swap_in(tmp_path, "pdf", works) == 0
    assert (tmp_path / "pdf" / "book.pdf").read_text() == "new"
    assert not (tmp_path / "pdf.new").exists() and not (tmp_path / "pdf.old").exists()
