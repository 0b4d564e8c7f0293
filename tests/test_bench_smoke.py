"""The benchmark works end to end: a quick run at N=10 writes a report with every row.

Nothing here is timed (timings on a shared machine are noise); it checks that the
generator makes what the issue asks for and that the runner measures and reports it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import REPO

from bench import generate


def test_same_seed_same_pages(tmp_path):
    one = generate.write(tmp_path / "one", 30, seed=7)["ours"]
    two = generate.write(tmp_path / "two", 30, seed=7)["ours"]
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


def test_pages_are_realistic(tmp_path):
    ours = generate.write(tmp_path, 100, seed=1)["ours"]
    pages = sorted(ours.rglob("*.md"))
    assert len(pages) == 100
    assert max(len(p.relative_to(ours).parts) for p in pages) == 4  # folders three deep
    text = {p: p.read_text(encoding="utf-8") for p in pages}
    for body in text.values():
        words = len(body.split("---", 2)[2].split())
        assert 200 <= words <= 700, words  # 200–600 words of text, plus table and link markup
        assert "\n## " in body and "](https://" in body and ".md)" in body
    assert sum("| --- |" in t for t in text.values()) >= 20
    assert sum("\n> " in t for t in text.values()) >= 50
    images = [m for t in text.values() for m in re.findall(r"!\[([^\]]*)\]\(([^)]*)\)", t)]
    assert images and all(alt.strip() for alt, _ in images)
    positions = [int(re.search(r"^position: (\d+)$", t, re.M).group(1))
                 for p, t in text.items() if p.parent == ours / "part-1" and p.name != "index.md"]
    assert positions != sorted(positions)  # file order is not reading order


def test_sphinx_flavour_has_handwritten_toctrees(tmp_path):
    plain = generate.write(tmp_path, 30, seed=1)["sphinx"]
    assert "```{toctree}" in (plain / "index.md").read_text(encoding="utf-8")
    assert "```{toctree}" in (plain / "part-1" / "index.md").read_text(encoding="utf-8")


def test_quick_run_reports_every_row(tmp_path):
    out = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, "-m", "bench.run", "--sizes", "10", "--quick", "--work",
         str(tmp_path / "work"), "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    for row in ("| 10 | ours html |", "| 10 | sphinx+furo html |", "| 10 | ours all |",
                "| 10 | sphinx+furo+pageorder html |", "| 10 | ours html, body edit |",
                "| 10 | ours html, position change |", "real publication: make all"):
        assert row in report, row
    assert "commit:" in report and "machine:" in report and "## Targets" in report
    assert out.with_suffix(".png").read_bytes().startswith(b"\x89PNG")
    rows = json.loads(out.with_suffix(".json").read_text())
    move = next(r for r in rows if r["system"] == "ours html, position change")
    assert move["extra"]["equals_clean"], move["extra"]["differ"]
    edit = next(r for r in rows if r["system"] == "ours html, body edit")
    assert edit["extra"]["rewritten_pages"] == [edit["extra"]["edited"] + ".html"]
    assert move["extra"]["rewritten"] == 10  # every page shows the moved one in its sidebar
