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

from bench import citysite, generate, typstfloor


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
        [sys.executable, "-m", "bench.run", "--sizes", "10", "--city-pages", "20", "--quick", "--work",
         str(tmp_path / "work"), "--out", str(out), "--skip", "sphinx+furo+pageorder html"],
        cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = out.read_text(encoding="utf-8")
    for row in ("| 10 | ours html |", "| 10 | sphinx+furo html |", "| 10 | ours all |",
                "| 10 | ours html, body edit |",
                "| 10 | ours html, position change |", "real publication: make all",
                "real publication: bare sphinx-build html", "city-style site: ours html |",
                "| 10 | typst alone, same words |", "## The PDF's floor",
                "| 10 | bare sphinx html, same pages |", "## The site's floor",
                "city-style site: bare sphinx html, same pages |"):
        assert row in report, row
    assert "sphinx+furo+pageorder html" not in report  # --skip
    bare = re.search(r"\| real publication: bare sphinx-build html \| ([0-9.]+) \|", report)
    assert bare and float(bare.group(1)) > 0  # it built (a failed row has no time)
    assert "`make all` of our publication ≤ 1.5×" in report
    assert "commit:" in report and "machine:" in report and "## Targets" in report
    assert out.with_suffix(".png").read_bytes().startswith(b"\x89PNG")
    rows = json.loads(out.with_suffix(".json").read_text())
    move = next(r for r in rows if r["system"] == "ours html, position change")
    assert move["extra"]["equals_clean"], move["extra"]["differ"]
    edit = next(r for r in rows if r["system"] == "ours html, body edit")
    assert edit["extra"]["rewritten_pages"] == [edit["extra"]["edited"] + ".html"]
    assert move["extra"]["rewritten"] == 10  # every page shows the moved one in its sidebar


def test_skip_refuses_a_system_it_does_not_know(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bench.run", "--skip", "sphinx+furo", "--work",
                             str(tmp_path)], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 2 and "no system named sphinx+furo" in result.stderr


def test_city_site_is_scaled_from_the_jekyll_fixture(tmp_path):
    site = citysite.write(tmp_path / "city", 40)
    pages = citysite._pages(site)
    assert 35 <= len(pages) <= 40
    assert (site / "_config.yml").is_file() and (site / "_data" / "projects.yml").is_file()
    copy = (site / "projects-3.md").read_text(encoding="utf-8")
    assert "permalink: /projects-3/" in copy and "(/projects-3/data%20portal.html)" in copy
    assert (site / "projects-3" / "mobility" / "smart buses.md").is_file()


def test_typst_floor_keeps_the_words_and_drops_our_layout():
    typ = ('#import "book.typ": *\n#show: book.with(("title": "T"), (depth: 2, entries: ()))\n\n'
           '#heading(level: 1)[#"Chapter \\"one\\""]#label("a:b")\n\n'
           '#par[#"See "#xref(label("a:b"), page-word: "page")[#"the start"]#" now."]#label("a:p")\n\n'
           '#heading(level: 2)[#"Part"]\n\n#list(\n[#passage("a", "li-1")#"first item"],)\n')
    floor = typstfloor.plain_document(typ)
    assert '#pagebreak(weak: true)\n= #"Chapter \\"one\\""' in floor
    assert '== #"Part"' in floor
    assert '#"See  the start  now."' in floor and '#"first item"' in floor
    for ours in ("book.typ", "xref", "label", "passage", "#list", "#par"):
        assert ours not in floor, ours
