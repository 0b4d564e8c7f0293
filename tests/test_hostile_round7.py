"""Round seven of a hostile page author and settings-giver: what the earlier rounds left open.

Each test is one hole found by building a minimal folder the way ``make`` does; what held
is listed in the round's report, not here.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml

from conftest import REPO, page, require_tool, write_pages


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The project's Makefile, run for real (``make -n`` runs no recipe, so it exports nothing)."""
    command = [require_tool("make", "the Makefile is the command"), "-s", "-C", str(REPO), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, **(env or {})})


def test_a_dollar_in_a_setting_or_the_environment_runs_nothing_and_stays(tmp_path: Path) -> None:
    """Make expands a variable it exports to a recipe: `make page TITLE='Fees $5 …'` made the
    page "Fees …" (the `$5` gone without a word), and a `$(shell …)` in any value set on the
    command line or in the environment (a CI job's commit message) ran, though the Makefile
    reads every setting with `$(value …)` (its test used `make -n`, which exports nothing)."""
    source = write_pages(tmp_path / "pages", {"index.md": page("Home")})
    ran = {name: tmp_path / f"ran-{name}" for name in ("title", "source", "environment")}
    made = make("page", f"SOURCEDIR={source}", f"TITLE=Fees $5 and $$6 $(shell touch {ran['title']})",
                env={"CITY_NOTE": f"$(shell touch {ran['environment']})"})
    assert made.returncode == 0, made.stderr
    written = [p for p in source.glob("*.md") if p.name != "index.md"]
    assert len(written) == 1, written
    front = yaml.safe_load(written[0].read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == f"Fees $5 and $$6 $(shell touch {ran['title']})", front
    built = make("html", f"SOURCEDIR={tmp_path / 'none'}$(shell touch {ran['source']})",
                 f"BUILDDIR={tmp_path / 'out'}")
    assert built.returncode == 2 and "is no folder" in built.stderr, built.stderr
    assert [name for name, file in ran.items() if file.exists()] == []
