"""``python -m languages.build``: build one edition again in every translation (``make``).

    python -m languages.build BUILDER SOURCEDIR OUTDIR BUILDDIR -- SPHINX-OPTIONS…

The source-language build comes first (the Makefile's); this builds each language of
``publication_languages`` with ``-D language=<lang>`` and its own doctree cache
(``BUILDDIR/doctrees-<lang>``: a doctree holds translated text). The site of a language goes
to ``OUTDIR/<lang>/``; the PDF and ePub are built in ``BUILDDIR/<builder>-<lang>/`` and
copied beside the source-language ones (their names end in ``-<lang>``). A language without catalogs in ``SOURCEDIR/locales/<lang>/`` is skipped
(any folder of pages still builds as before). One failing language does not stop the others; the exit status is then 1.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from . import catalog
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


def ship(workdir: Path, outdir: Path) -> None:
    """Copy the finished book files (``<slug>-<lang>.pdf``/``.epub``) into the edition folder.

    Each language builds in a folder of its own: Sphinx's ePub zips every file of its
    folder, and an incremental build of one language must never see another's pages.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    for book in sorted(workdir.iterdir()):
        if book.suffix in (".pdf", ".epub") and book.is_file():
            shutil.copy2(book, outdir / book.name)


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
        if not any(catalog.catalog_dir(Path(sourcedir, "locales"), language).rglob("*.po")):
            print(f"{builder} edition in {language}: skipped, {sourcedir}/locales/{language} has no "
                  "catalogs (make translations creates them)", flush=True)
            continue
        site = builder in ("html", "dirhtml")
        target = Path(outdir, language) if site else Path(builddir, f"{builder}-{language}")
        colour = [] if sys.stdout.isatty() else ["--no-color"]  # Sphinx colours whenever CI=true
        command = [sys.executable, "-m", "sphinx", *colour, "-b", builder,
                   "-d", str(Path(builddir, f"doctrees-{language}")),
                   *options, "-D", f"language={language}", sourcedir, str(target)]
        print(f"{builder} edition in {language}: {target}", flush=True)
        if subprocess.run(command, check=False).returncode != 0:
            failed.append(language)
        elif not site:
            ship(target, Path(outdir))
    if failed:
        print(f"{builder} edition failed in: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
