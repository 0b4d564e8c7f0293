"""``python -m languages.update``: ``make translations`` after the gettext build.

    python -m languages.update CONFDIR SOURCEDIR POTDIR

Runs ``sphinx-intl update`` for every language of ``publication_languages`` into
``SOURCEDIR/locales/<lang>/LC_MESSAGES/`` (new messages added empty, changed ones marked
fuzzy, obsolete ones kept commented at the end), then prints how complete each language is.
"""

from __future__ import annotations

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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
