"""``python -m languages.build``: build one edition again in every translation (``make``).

    python -m languages.build BUILDER SOURCEDIR OUTDIR BUILDDIR -- SPHINX-OPTIONS…

The source-language build comes first (the Makefile's); this builds each language of
``publication_languages`` with ``-D language=<lang>`` and its own doctree cache
(``BUILDDIR/doctrees-<lang>``: a doctree holds translated text). The site of a language goes
to ``OUTDIR/<lang>/``; the PDF and ePub go beside the source-language ones (their names end
in ``-<lang>``). One failing language does not stop the others; the exit status is then 1.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .languages import translations


def confdir_of(options: list[str]) -> Path:
    for flag, value in zip(options, options[1:]):
        if flag == "-c":
            return Path(value)
    return Path(".")


def overrides_of(options: list[str]) -> dict[str, str]:
    found = {}
    for flag, value in zip(options, options[1:]):
        if flag == "-D" and "=" in value:
            key, _, setting = value.partition("=")
            found[key] = setting
    return found


def main(argv: list[str]) -> int:
    if "--" in argv:
        split = argv.index("--")
        positional, options = argv[:split], argv[split + 1:]
    else:
        positional, options = argv, []
    if len(positional) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    builder, sourcedir, outdir, builddir = positional
    failed = []
    for language in translations(confdir_of(options), overrides_of(options)):
        target = Path(outdir, language) if builder in ("html", "dirhtml") else Path(outdir)
        command = [sys.executable, "-m", "sphinx", "-b", builder,
                   "-d", str(Path(builddir, f"doctrees-{language}")),
                   *options, "-D", f"language={language}", sourcedir, str(target)]
        print(f"{builder} edition in {language}: {target}", flush=True)
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(language)
    if failed:
        print(f"{builder} edition failed in: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
