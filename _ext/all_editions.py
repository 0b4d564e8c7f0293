"""``make all`` in one Python process: Python started and Sphinx imported once, not three times.

For our own 4-page publication, imports are 63-73 % of each builder's process (profile in
``bench/results.md``); three processes pay them three times. Here the three builders run
one after the other through ``sphinx.cmd.build.build_main`` (the very function behind
``python -m sphinx``, which gives each build its own docutils namespace), with the same
options the Makefile passes, so every edition is byte-identical to a separate build
(``tests/test_all_editions.py``).

Each edition is built like the Makefile's ``edition``: into ``<builddir>/<folder>.new``,
seeded with a copy of the last edition (rebuilds stay incremental), and moved into place
only when its build succeeded. An edition that fails leaves the previous one as it was
and the others are still built; the exit status is then 1. Paths come as arguments (no
shell), so this driver can be folded into the edition swap of ``_ext/edition_build.py``
(issue 11) by handing each build to :func:`build_in_process`.

The ``.new`` seed is a full copy, not hard links: Sphinx writes output files in place
(``open(path, "w")`` in the HTML builder, ``shutil.copyfile`` for assets), so a
hard-linked seed would rewrite the previous edition under its readers' feet.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

EDITIONS = (("pdf", "typst"), ("epub", "epub"), ("html", "html"))
"""``make all``'s order: the website is built last, so it can ship the PDF and ePub."""


def build_in_process(argv: list[str]) -> int:
    """One ``python -m sphinx`` run in this process; its exit status."""
    from sphinx.cmd.build import build_main
    from sphinx.util.console import color_terminal

    if not color_terminal():  # decided per process by python -m sphinx; here once, up front
        argv = ["--no-color", *argv]
    try:
        return build_main(argv)
    except SystemExit as stop:  # argument errors end with SystemExit in Sphinx
        return stop.code if isinstance(stop.code, int) else 1


def swap_in(builddir: Path, folder: str, build: callable) -> int:
    """Build ``folder`` into ``folder.new`` (a copy of the last one), then move it into place."""
    final, new, old = (builddir / folder, builddir / f"{folder}.new", builddir / f"{folder}.old")
    for path in (new, old):
        shutil.rmtree(path, ignore_errors=True)
    if final.is_dir():
        shutil.copytree(final, new, symlinks=True)  # copy2: times kept, as cp -a
    code = build(new)
    if code != 0:
        return code
    if final.is_dir():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    print(f"{folder} edition: {final}", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m all_editions", description=__doc__.split("\n")[0])
    parser.add_argument("--sourcedir", type=Path, required=True)
    parser.add_argument("--builddir", type=Path, required=True)
    parser.add_argument("--confdir", type=Path, default=Path("."))
    parser.add_argument("--jobs", default="auto")
    parser.add_argument("--strict", action="store_true", help="-W --keep-going")
    parser.add_argument("sphinxopts", nargs=argparse.REMAINDER,
                        help="after --: more sphinx-build options for every edition")
    args = parser.parse_args(argv)
    extra = [o for o in args.sphinxopts if o != "--"]
    common = ["-c", str(args.confdir), "-d", str(args.builddir / "doctrees"), "-j", args.jobs,
              *(["-W", "--keep-going"] if args.strict else []), *extra]

    def translations(builder: str, outdir: Path, own: list[str]) -> int:
        """The same edition in every language of ``publication_languages`` (as ``make html``)."""
        from languages.build import main as build_translations

        options = ["-c", str(args.confdir), "-j", args.jobs,
                   *(["-W", "--keep-going"] if args.strict else []), *extra, *own]
        return build_translations([builder, str(args.sourcedir), str(outdir), str(args.builddir),
                                   "--", *options])

    failed = []
    for folder, builder in EDITIONS:
        own = ["-D", f"editions_dir={args.builddir}"] if folder == "html" else []

        def build(outdir: Path, builder: str = builder, own: list[str] = own) -> int:
            code = build_in_process(["-b", builder, *common, *own, str(args.sourcedir), str(outdir)])
            return code or translations(builder, outdir, own)

        if swap_in(args.builddir, folder, build) != 0:
            failed.append(folder)
            print(f"{folder} edition failed: the previous one is kept; its output is in "
                  f"{args.builddir / (folder + '.new')}", file=sys.stderr, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
