"""How complete a translation is, read from its ``.po`` files (plain Python, Babel).

A message counts as translated when it has a non-empty ``msgstr`` that is not marked
fuzzy, which is exactly when Sphinx uses it; everything else falls back to the source text.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from safety.paths import is_inside


@dataclass
class Progress:
    """The messages of one language: how many there are and how many are translated."""

    language: str
    total: int = 0
    translated: int = 0
    problems: list[tuple[Path, int | None, str]] = field(default_factory=list)

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 100 only when every message is translated."""
        return 100 * self.translated // self.total if self.total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.translated == self.total


def catalog_dir(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / "LC_MESSAGES"


def has_catalogs(sourcedir: Path, language: str) -> bool:
    """True when ``sourcedir/locales/<language>`` holds a ``.po`` file: only then is the
    language built (``make translations`` creates them), so only then is it linked."""
    return any(catalog_dir(Path(sourcedir, "locales"), language).rglob("*.po"))


@dataclass
class Found:
    """A language's catalogs in a source folder: the ``.po`` files the build may read, and
    the links (``.po`` or ``.mo``) that lead outside the source folder."""

    usable: list[Path] = field(default_factory=list)
    outside: list[Path] = field(default_factory=list)


def found(locale_dir: Path, language: str, srcdir: Path) -> Found:
    """The catalogs of ``<locale_dir>/<language>/LC_MESSAGES``: a link to a file outside
    ``srcdir`` is never read (a ``.po`` linked to any file would publish it)."""
    result = Found()
    folder = catalog_dir(locale_dir, language)
    if not folder.is_dir():
        return result
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".po", ".mo"):
            continue
        if not is_inside(Path(os.path.realpath(path)), [srcdir]):
            result.outside.append(path)
        elif path.suffix == ".po" and path.is_file():
            result.usable.append(path)
    return result


def progress(locale_dir: Path, language: str, srcdir: Path | None = None) -> Progress:
    """Count the messages of every ``<locale_dir>/<language>/LC_MESSAGES/**/*.po`` inside
    ``srcdir`` (by default the folder ``locale_dir`` is in)."""
    result = Progress(language)
    for po in found(locale_dir, language, srcdir or locale_dir.parent).usable:
        total, translated, problem = _counted(po)
        result.total += total
        result.translated += translated
        if problem:
            result.problems.append((po, *problem))
    return result


_COUNTS: dict[tuple[str, int, int, int], tuple[int, int, tuple[int | None, str] | None]] = {}
"""A ``.po`` file's counts by its path, inode, size and time: ``make all`` configures a
language once per edition, and Babel's reading was ~3 % of its CPU."""


def _counted(po: Path) -> tuple[int, int, tuple[int | None, str] | None]:
    """(messages, translated, problem: (line, message) or None) of one ``.po`` file."""
    try:
        status = po.stat()
    except OSError:
        status = None
    key = (str(po), status.st_ino, status.st_size, status.st_mtime_ns) if status else None
    if key is not None and key in _COUNTS:
        return _COUNTS[key]
    counts = _count(po)
    if key is not None:
        _COUNTS[key] = counts
    return counts


def _count(po: Path) -> tuple[int, int, tuple[int | None, str] | None]:
    try:
        with po.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (OSError, PoFileError, UnicodeDecodeError, ValueError) as err:
        line = getattr(err, "lineno", None)
        line = line + 1 if isinstance(line, int) else None  # Babel counts from 0
        return 0, 0, (line, f"the file cannot be read as a .po catalog: {_po_in_plain_words(err)}")
    if why := _plural_forms_problem(catalog.plural_forms):
        return 0, 0, (_line_of(po, "Plural-Forms"), f"the file cannot be read as a .po catalog ({why}); "
                      "Python's gettext drops the whole catalog, so the edition would be in the "
                      "source language: correct the header, e.g. 'nplurals=2; plural=(n != 1);'")
    total = translated = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        total += 1
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings) and not message.fuzzy:
            translated += 1
    return total, translated, None


def _po_in_plain_words(err: Exception) -> str:
    """What is wrong, for a translator: Babel's "Unknown or misformatted keyword on 7" counted
    lines from 0 and named its parser's terms."""
    if isinstance(err, UnicodeDecodeError):
        return "it is not UTF-8; save it as UTF-8"
    if not isinstance(err, PoFileError):
        return str(err) or type(err).__name__
    what = str(err.args[0]).rsplit(" on ", 1)[0] if err.args else ""
    if what.startswith("Unknown or misformatted keyword"):
        return ("this line is neither `msgid`, `msgstr`, a quoted continuation nor a `#` comment "
                "(words pasted outside the quotes?): put them inside a `msgstr \"…\"`, or start "
                "the line with `#`")
    if what.startswith("Got line starting with"):
        return ("this quoted line follows no `msgid` or `msgstr`: put it right under the one it "
                "continues, or delete it")
    if what.startswith("missing msgstr for msgid"):
        return (f"the message {what.removeprefix('missing msgstr for msgid ')} has no `msgstr` "
                "line: add `msgstr \"\"` under it")
    if what.startswith("msg has more translations than num_plurals"):
        return ("a message has more `msgstr[n]` lines than the header's `Plural-Forms` allows: "
                "delete the extra ones, or correct `nplurals`")
    return what or "it cannot be read"


def _plural_forms_problem(header: str) -> str | None:
    """What Python's ``gettext`` finds wrong in a ``Plural-Forms`` header Babel accepted
    (``plural=(n != 1;``): it raises, and Sphinx leaves the catalog out without a word."""
    import gettext

    parts = header.split(";")
    try:
        gettext.c2py(parts[1].split("plural=")[1])
    except (IndexError, ValueError, SyntaxError, RecursionError) as err:
        return f"its Plural-Forms header {header!r} is not valid: {err or 'no plural='}"
    return None


def _line_of(po: Path, header: str) -> int | None:
    try:
        lines = po.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return next((n for n, line in enumerate(lines, 1) if line.lstrip('"').startswith(header)), None)


OWN_CATALOGS = Path(__file__).resolve().parent / "locales"
"""The chrome's words in other languages (``sphinx.po``), which ``conf.py``'s
``locale_dirs`` gives Sphinx for a translation's own build."""


@functools.cache
def chrome_words(language: str) -> Callable[[str], str]:
    """The chrome's words in ``language`` from our own catalog, for what one build writes in
    another language: the English site's build writes the archive banner of a frozen Spanish
    page, where Sphinx's ``_`` says English. A word the catalog lacks stays as written."""
    po = OWN_CATALOGS / language / "LC_MESSAGES" / "sphinx.po"
    try:
        with open(po, "rb") as handle:
            messages = read_po(handle, abort_invalid=True)
    except (OSError, PoFileError, ValueError):
        return str
    table = {m.id: m.string for m in messages
             if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string and not m.fuzzy}
    return lambda text: table.get(text, text)
