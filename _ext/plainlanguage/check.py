"""``python -m plainlanguage.check [-c CONFDIR] [SOURCEDIR]``: plain-language advice per page.

Part of ``make check``. Prints ``file:line: advice [style.<kind>]`` for each finding and one
summary line per page (sentences, words, reading grade, advice). Exit status 0: it is
advice; 1 with ``--strict`` or ``style_checks_strict = True`` when there is any.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pagesource
from sphinx.util.logging import is_suppressed_warning

from . import core, settings
from .problems import WARNING_TYPE


def conf_values(confdir: Path) -> dict:
    from sphinx.config import Config
    from sphinx.util.tags import Tags

    raw = Config.read(confdir, overrides={}, tags=Tags())._raw_config
    return {name: raw[name] for name in (*settings.DEFAULTS, "suppress_warnings") if name in raw}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plainlanguage.check", description=__doc__.split("\n")[0])
    parser.add_argument("srcdir", nargs="?", default="source", type=Path)
    parser.add_argument("-c", "--confdir", default=".", type=Path)
    parser.add_argument("--strict", action="store_true", help="exit 1 when there is any advice")
    args = parser.parse_args(argv)
    from pageorder.check import display_path, find_pages, load_settings, pages_inside

    values = conf_values(args.confdir.resolve())
    chosen, problems = settings.from_values(values)
    for problem in problems:
        print(problem, file=sys.stderr)
    suppressed = list(values.get("suppress_warnings", []))
    pages, _ = pages_inside(find_pages(args.srcdir.resolve(), load_settings(args.confdir.resolve())),
                            args.srcdir.resolve())  # pageorder.check reports those outside
    total = 0
    for docname in sorted(pages):
        path = pages[docname]
        try:
            source = pagesource.read(path)
        except OSError:
            continue  # pageorder.check reports it
        text = core.body_of(source.lines, source.body_start)
        report = core.analyse(text, max_words=chosen.max_words, max_grade=chosen.max_grade,
                              known_acronyms=chosen.known)
        shown = display_path(path)
        for finding in report.findings:
            if is_suppressed_warning(WARNING_TYPE, finding.kind.value, suppressed):
                continue
            total += 1
            print(f"{shown}:{finding.line}: {finding.message} [{WARNING_TYPE}.{finding.kind.value}]")
        print(f"{shown}: {report.summary()}", file=sys.stderr)
    print(f"plain language: {total} piece(s) of advice in {len(pages)} page(s)", file=sys.stderr)
    return 1 if total and (args.strict or chosen.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
