"""``python -m languages.update``: ``make translations`` after the gettext build.

    python -m languages.update CONFDIR SOURCEDIR POTDIR

Runs ``sphinx-intl update`` for every language of ``publication_languages`` into
``SOURCEDIR/locales/<lang>/LC_MESSAGES/`` (new messages added empty, changed ones marked
fuzzy, obsolete ones kept commented at the end), then prints how complete each language is.

A catalog is written in place, so one that is a link (or sits in a linked folder) would
have ``make translations`` write over whatever it leads to (a page, a file of the home
folder): such a language is refused, with each link named, and nothing is written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import catalog
from .languages import translations


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    confdir, sourcedir, potdir = (Path(arg) for arg in argv)
    languages = translations(confdir)
    if not languages:
        print("conf.py lists no translations: add e.g. publication_languages = [\"es\"]")
        return 0
    locale_dir = Path(sourcedir, "locales")
    linked = [path for language in languages for path in linked_catalogs(locale_dir, language)]
    if linked:
        for path in linked:
            print(f"{path}: a link; make translations writes catalogs in place and would write "
                  "through it: replace the link with the file itself (or remove it), then run "
                  "make translations again", file=sys.stderr)
        return 1
    command = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(potdir), "-d", str(locale_dir),
               "-j", "1", "-w", "0"]
    for language in languages:
        command += ["-l", language]
    if subprocess.run(command, check=False, capture_output=True, text=True).returncode != 0:
        print("sphinx-intl update failed; run it again by hand to see why: " + " ".join(command))
        return 1
    for language in languages:
        progress = catalog.progress(locale_dir, language)
        print(f"{language}: {progress.translated} of {progress.total} messages translated "
              f"({progress.percent}%) in {catalog.catalog_dir(locale_dir, language)}")
        for path, line, message in progress.problems:
            print(f"{path}:{line or 1}: {message}")
    return 0


def linked_catalogs(locale_dir: Path, language: str) -> list[Path]:
    """The links among ``<locale_dir>/<language>/LC_MESSAGES``, its folders and the
    catalogs (``.po``, ``.mo``, ``.pot``) in it: each one a place an update would write through."""
    folder = catalog.catalog_dir(locale_dir, language)
    found = [path for path in (locale_dir, locale_dir / language, folder) if path.is_symlink()]
    if found or not folder.is_dir():
        return found
    for root, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(root, name)
            if path.is_symlink() and (name in folders or path.suffix in (".po", ".mo", ".pot")):
                found.append(path)
    return sorted(found)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
