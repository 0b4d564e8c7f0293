"""Measure our builds against the anchors for N = 100, 340, 1000 pages; write the report.

Every build is clean (its output folder removed first) unless it is an incremental
step. Each clean build runs ``--repeat`` times and the fastest run is kept: the
machine is shared, so the minimum is the least noisy estimate of the cost.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import citysite, generate, report
from .measure import Run, measure

REPO = Path(__file__).resolve().parents[1]
ANCHOR_CONF = REPO / "bench" / "anchors" / "sphinx"
PYTHON = sys.executable
BARE_SPHINX = "bare sphinx html, same pages"
"""Sphinx and MyST alone on our pages (no ``conf.py``, its default theme): the floor under
the HTML targets, since every edition is built with them."""
TYPST_FLOOR = "typst alone, same words"
"""Typst on the words of our PDF, without our layout (``bench.typstfloor``): its floor."""


@dataclass
class Row:
    """One system's cost at one size."""

    n: int
    system: str
    seconds: float
    peak_mib: float
    bytes_per_page: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)


def use_repo(path: Path) -> None:
    """Build 'ours' with the Makefile of ``path`` instead of this checkout."""
    global REPO
    REPO = path


def make(target: str, source: Path, build: Path, *extra: str) -> list[str]:
    return ["make", "-s", "-C", str(REPO), target, f"SOURCEDIR={source}", f"BUILDDIR={build}",
            *extra]


def sphinx_anchor(builder: str, source: Path, build: Path, jobs: str) -> list[str]:
    command = [PYTHON, "-m", "sphinx", "-q", "-c", str(ANCHOR_CONF), "-d", str(build / "doctrees"),
               "-j", jobs]
    if builder == "latexpdf":
        return [*command[:3], "-M", "latexpdf", str(source), str(build), *command[3:]]
    return [*command, "-b", builder, "-W", "--keep-going", str(source), str(build / builder)]


def jekyll_build(source: Path, out: Path) -> list[str]:
    """A clean Jekyll build: without ``--disable-disk-cache`` Jekyll 4 keeps its Markdown
    conversions in ``<source>/.jekyll-cache``, which removing the output does not clear, so
    every repeat after the first was a cached build (0.78 s against 0.96 s at N=100)."""
    return ["jekyll", "build", "-q", "--disable-disk-cache", "-s", str(source), "-d", str(out)]


def has_make_target(target: str) -> bool:
    """True when the Makefile defines ``target`` (``make pdf`` arrives with the Typst builder)."""
    return subprocess.run(["make", "-s", "-n", "-C", str(REPO), target], capture_output=True,
                          check=False).returncode == 0


def latex_installed() -> bool:
    return bool(shutil.which("latexmk") and shutil.which("pdflatex"))


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()
               and "doctrees" not in p.parts and ".doctrees" not in p.parts)


def best_of(command: list[str], clean: Path, repeat: int, env: dict | None = None) -> Run:
    """Run ``command`` ``repeat`` times from a clean ``clean`` folder; fastest run, highest peak."""
    runs = []
    for _ in range(repeat):
        shutil.rmtree(clean, ignore_errors=True)
        run = measure(command, env=env)
        if run.returncode != 0:
            print(f"failed ({run.returncode}): {' '.join(command)}\n{run.output[-4000:]}",
                  file=sys.stderr, flush=True)
            return run  # reported as a failed row; the other systems are still measured
        runs.append(run)
    fastest = min(runs, key=lambda r: r.seconds)
    return Run(fastest.seconds, max(r.peak_mib for r in runs), 0, fastest.output)


def html_files(folder: Path) -> dict[str, int]:
    """Every page's HTML file with its modification time (ns), to see what a rebuild rewrote."""
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*.html")}


def rewritten(before: dict[str, int], after: dict[str, int], pages: set[str]) -> list[str]:
    return sorted(f for f in after if f[:-5] in pages and before.get(f) != after[f])


def differing_files(one: Path, other: Path) -> list[str]:
    """Files whose bytes differ between two output folders (.buildinfo excepted)."""
    names = {str(p.relative_to(one)) for p in one.rglob("*") if p.is_file()}
    names |= {str(p.relative_to(other)) for p in other.rglob("*") if p.is_file()}
    names.discard(".buildinfo")
    return sorted(n for n in names
                  if not (one / n).is_file() or not (other / n).is_file()
                  or (one / n).read_bytes() != (other / n).read_bytes())


def edit_body(source: Path, docname: str) -> None:
    path = source / f"{docname}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence for the bench.\n",
                    encoding="utf-8")


def set_position(source: Path, docname: str, position: str) -> str:
    """Set ``docname``'s front-matter position; return the one it had."""
    path = source / f"{docname}.md"
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("\nposition: ")
    old, _, tail = rest.partition("\n")
    path.write_text(f"{head}\nposition: {position}\n{tail}", encoding="utf-8")
    return old


def timed_rebuilds(src: Path, out: Path, changes: list, pages: set[str]) -> tuple[Run, list[str]]:
    """Apply each change and rebuild; the fastest rebuild and what the last one rewrote."""
    runs, changed = [], []
    for change in changes:
        before = html_files(out / "html")
        change()
        run = measure(make("html", src, out))
        if run.returncode:
            raise SystemExit(run.output[-4000:])
        runs.append(run)
        changed = rewritten(before, html_files(out / "html"), pages)
    fastest = min(runs, key=lambda r: r.seconds)
    return Run(fastest.seconds, max(r.peak_mib for r in runs), 0, ""), changed


def incremental(n: int, source: Path, work: Path, full_seconds: float, repeat: int) -> list[Row]:
    """Edit one body, then move one page (each ``repeat`` times); check against a clean build."""
    src, out = work / "inc-src", work / "inc-out"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(source, src)
    pages = {str(p.relative_to(src))[:-3] for p in src.rglob("*.md")}
    plan = generate.plan(n, 1)
    first = measure(make("html", src, out))
    if first.returncode:
        raise SystemExit(first.output[-4000:])
    landing = max(plan, key=lambda d: len(plan[d].children))
    leaf = plan[landing].children[-1]
    original = str(plan[leaf].position)
    edits = [lambda: edit_body(src, leaf)] * repeat
    # the last page among its siblings moves to the front, back, to the front...: always a move
    moves = [lambda p=("1" if i % 2 == 0 else original): set_position(src, leaf, p)
             for i in range(repeat)]
    rows = []
    for label, changes in (("body edit", edits), ("position change", moves)):
        run, changed = timed_rebuilds(src, out, changes, pages)
        row = Row(n, f"ours html, {label}", run.seconds, run.peak_mib,
                  extra={"rewritten": len(changed), "of_full": run.seconds / full_seconds,
                         "edited": leaf, "rewritten_pages": changed[:10]})
        row.note = f"{len(changed)} of {len(pages)} pages rewritten"
        rows.append(row)
    clean = work / "inc-clean"
    shutil.rmtree(clean, ignore_errors=True)
    measure(make("html", src, clean))
    differ = differing_files(out / "html", clean / "html")
    rows[-1].extra["differ"] = differ[:20]
    rows[-1].extra["equals_clean"] = not differ
    rows[-1].note += ("; equals a clean build" if not differ
                      else f"; {len(differ)} files differ from a clean build")
    return rows


def bench_size(n: int, work: Path, repeat: int, quick: bool,
               skip: frozenset[str] = frozenset()) -> list[Row]:
    """Every system at one size, but those named in ``skip``."""
    work.mkdir(parents=True, exist_ok=True)
    folders = generate.write(work / "src", n)
    ours, plain, jekyll_src = folders["ours"], folders["sphinx"], folders["jekyll"]
    jobs = os.environ.get("JOBS", "auto")
    rows: list[Row] = []

    def add(system: str, command: list[str], out: Path, measured: Path,
            env: dict | None = None) -> Row | None:
        if system in skip:
            return None
        run = best_of(command, out, repeat, env)
        if run.returncode:
            row = Row(n, system, float("nan"), run.peak_mib, note=f"failed (exit {run.returncode})")
            rows.append(row)
            return row
        row = Row(n, system, run.seconds, run.peak_mib, tree_bytes(measured) / n)
        rows.append(row)
        print(f"N={n:5d} {system:32s} {run.seconds:8.2f} s {run.peak_mib:7.0f} MiB", flush=True)
        return row

    out = work / "out"
    html = add("ours html", make("html", ours, out / "ours-html"), out / "ours-html",
               out / "ours-html" / "html")
    add(BARE_SPHINX, bare_sphinx(ours, out / "bare"), out / "bare", out / "bare" / "html")
    add("sphinx+furo html", sphinx_anchor("html", plain, out / "plain", jobs), out / "plain",
        out / "plain" / "html")
    add("sphinx+furo+pageorder html", sphinx_anchor("html", ours, out / "plain-po", jobs),
        out / "plain-po", out / "plain-po" / "html", env={"BENCH_EXTENSIONS": "pageorder"})
    if shutil.which("jekyll"):
        add("jekyll html", jekyll_build(jekyll_src, out / "jekyll"), out / "jekyll",
            out / "jekyll")
    if not quick:
        add("ours epub", make("epub", ours, out / "ours-epub"), out / "ours-epub",
            out / "ours-epub" / "epub")
    if has_make_target("pdf"):
        pdf = add("ours pdf", make("pdf", ours, out / "ours-pdf"), out / "ours-pdf",
                  out / "ours-pdf" / "pdf")
        book = next((typ for typ in sorted((out / "ours-pdf" / "pdf").glob("*.typ"))
                     if typ.name != "book.typ"), None) if pdf else None
        if book is not None:
            add(TYPST_FLOOR, [PYTHON, str(Path(__file__).with_name("typstfloor.py")), str(book),
                                str(out / "floor")],
                out / "floor", out / "floor")
    add("ours all", make("all", ours, out / "ours-all"), out / "ours-all", out / "ours-all")
    if latex_installed() and not quick:
        add("sphinx latexpdf", sphinx_anchor("latexpdf", plain, out / "latex", jobs),
            out / "latex", out / "latex" / "latex")
    if html:  # the incremental rows are ratios to it
        rows += incremental(n, ours, work, html.seconds, repeat)
    return rows


CITY_BARE = "city-style site: " + BARE_SPHINX

SKIPPABLE = ("real publication: make all", "real publication: bare sphinx-build html",
             "city-style site: ours html", CITY_BARE, "city-style site: jekyll html",
             "ours html", BARE_SPHINX,
             "sphinx+furo html", "sphinx+furo+pageorder html", "jekyll html", "ours epub",
             "ours pdf", TYPST_FLOOR, "ours all", "sphinx latexpdf")
"""What ``--skip`` can leave out (leaving out ``ours html`` leaves out its incremental rows)."""

REAL_ALL = "real publication: make all"
REAL_BARE = "real publication: bare sphinx-build html"


def bare_sphinx(source: Path, out: Path) -> list[str]:
    """The start-up floor: the same pages, MyST only, no conf.py (``-C``), HTML."""
    return [PYTHON, "-m", "sphinx", "-q", "-b", "html", "-C", "-D", "extensions=myst_parser",
            "-d", str(out / "doctrees"), str(source), str(out / "html")]


def bench_real(work: Path, repeat: int, skip: frozenset[str] = frozenset()) -> list[Row]:
    """`make all` on our real publication (source/), after setup, and the bare Sphinx floor."""
    source = REPO / "source"
    pages = len(list(source.rglob("*.md")))
    rows = []
    for system, command, out in ((REAL_ALL, make("all", source, work / "real"), work / "real"),
                                 (REAL_BARE, bare_sphinx(source, work / "real-bare"),
                                  work / "real-bare")):
        if system in skip:
            continue
        run = best_of(command, out, repeat)
        if run.returncode:
            rows.append(Row(pages, system, float("nan"), run.peak_mib,
                            note=f"failed (exit {run.returncode})"))
        else:
            rows.append(Row(pages, system, run.seconds, run.peak_mib, tree_bytes(out) / pages))
        print(f"real publication, {pages} pages: {system} {run.seconds:.2f} s", flush=True)
    return rows


def bench_city(pages: int, work: Path, repeat: int, skip: frozenset[str] = frozenset()) -> list[Row]:
    """The City-style Jekyll site (``bench.citysite``): our ``make html`` against Jekyll."""
    site = citysite.write(work / "city-src", pages)
    count = len(citysite._pages(site))
    out = work / "city-out"
    rows = []
    commands = [("city-style site: ours html", make("html", site, out / "ours", "STRICT=0"),
                 out / "ours", out / "ours" / "html"),
                (CITY_BARE, bare_sphinx(site, out / "bare"), out / "bare", out / "bare" / "html")]
    if shutil.which("jekyll"):
        commands.append(("city-style site: jekyll html",
                         jekyll_build(site, out / "jekyll"),
                         out / "jekyll", out / "jekyll"))
    for system, command, cleaned, measured in commands:
        if system in skip:
            continue
        run = best_of(command, cleaned, repeat)
        note = f"failed (exit {run.returncode})" if run.returncode else ""
        rows.append(Row(count, system, float("nan") if note else run.seconds, run.peak_mib,
                        0 if note else tree_bytes(measured) / count, note=note))
        print(f"city-style site, {count} pages: {system} {run.seconds:.2f} s", flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,340,1000")
    parser.add_argument("--city-pages", type=int, default=180,
                        help="pages of the City-style Jekyll site (0: leave it out)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repeat-large", type=int, default=None,
                        help="repeats for N >= 1000 (default: --repeat)")
    parser.add_argument("--skip", default="", metavar="SYSTEMS",
                        help="systems to leave out, comma-separated as named in the report, e.g. "
                             "'sphinx+furo html,sphinx+furo+pageorder html'")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: no ePub or LaTeX, one repeat")
    parser.add_argument("--work", type=Path, default=Path("/tmp/benchwork/run"))
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.md")
    parser.add_argument("--rows", type=Path, help="also keep the raw rows as JSON here")
    parser.add_argument("--from-json", type=Path, help="only rewrite the report from saved rows")
    parser.add_argument("--commit", help="the commit to name in the report (for --repo snapshots)")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="the checkout whose Makefile builds 'ours' (e.g. a snapshot)")
    args = parser.parse_args(argv)
    use_repo(args.repo.resolve())
    skip = frozenset(name.strip() for name in args.skip.split(",") if name.strip())
    if skip - set(SKIPPABLE):
        parser.error(f"--skip: no system named {', '.join(sorted(skip - set(SKIPPABLE)))}; "
                     f"the systems are: {', '.join(SKIPPABLE)}")

    if args.from_json:
        rows = [Row(**r) for r in json.loads(args.from_json.read_text())]
    else:
        subprocess.run(["make", "-s", "-C", str(REPO), "venv"], check=True)
        repeat = 1 if args.quick else args.repeat
        rows = bench_real(args.work, repeat, skip)
        if args.city_pages:
            rows += bench_city(args.city_pages, args.work / "city", repeat, skip)
        for n in (int(s) for s in args.sizes.split(",")):
            times = args.repeat_large if n >= 1000 and args.repeat_large and not args.quick else repeat
            rows += bench_size(n, args.work / f"n{n}", times, args.quick, skip)
            rows_file = args.rows or args.out.with_suffix(".json")  # kept after each size
            rows_file.write_text(json.dumps([asdict(r) for r in rows], indent=1) + "\n")
    text = report.write(rows, args.out, args.out.with_suffix(".png"), args.commit)
    print(text)


if __name__ == "__main__":
    main()
