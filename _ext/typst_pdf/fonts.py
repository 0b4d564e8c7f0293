"""The PDF's fonts for every script, and what to print for a character none of them has.

Plain Python, no Sphinx. Typst only uses the fonts it embeds (Libertinus Serif, New
Computer Modern, DejaVu Sans Mono) and the folders it is given, never the machine's, so
the PDF is the same everywhere. Pinned PyPI packages add Noto fonts for the rest:
``manimgx-fonts`` (Noto Sans for Latin, Greek, Cyrillic and Vietnamese; Noto Sans Symbols;
Noto Emoji, monochrome as PDF/A wants; Arabic, Hebrew, the Indic scripts, Thai, …) and
``cvttf-notosanscjk-regular`` (Noto Sans CJK TC: Chinese, Japanese, Korean). Their folders
are found from the installed packages.

A character no font has would stop Typst (PDF/UA and PDF/A forbid an undisplayable
glyph), and with it every edition of ``make all``. So before compiling, the characters of
the book are checked against the fonts' character maps (fontTools); the few no shipped
font maps are tried on Typst itself (its own fonts), and what is still missing is printed
as a visible text such as ``[U+1F9EA TEST TUBE]``.
"""

from __future__ import annotations

import functools
import importlib.util
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import escape

FONT_PACKAGES = ("manimgx_fonts", "cvttf_NotoSansCJK_Regular")
"""Import names of the font packages in requirements.txt."""

FALLBACK_FAMILIES = ["Noto Sans", "Noto Sans Symbols", "Noto Sans Arabic", "Noto Sans CJK TC", "Noto Emoji"]
"""Tried, in this order, after the body font; Typst then falls back to any font it has."""

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
MAX_PROBES = 64  # characters tried on Typst one by one; beyond that they are substituted
_SKIPPED = ("Cc", "Cf", "Zs", "Zl", "Zp")  # controls, joiners, spaces: shaped, not drawn


def package_folders(packages: Iterable[str] = FONT_PACKAGES) -> list[Path]:
    """The folder of each installed font package (a missing package is simply left out)."""
    folders = []
    for name in packages:
        spec = importlib.util.find_spec(name)
        for location in (spec.submodule_search_locations or []) if spec else []:
            folders.append(Path(location))
    return folders


def font_files(folders: Iterable[Path]) -> list[Path]:
    return sorted(path for folder in folders for path in folder.rglob("*")
                  if path.suffix.lower() in FONT_SUFFIXES and path.is_file())


@functools.lru_cache(maxsize=64)
def _mapped(path: Path, size: int, mtime_ns: int) -> frozenset[int]:
    """The code points one font file maps to a glyph (every font of a collection), read
    once per installation: each PDF build read ~20 fonts' maps, fontTools' import among
    them (30-70 ms of a small book, in each language's process)."""
    kept = _kept_map(path, size, mtime_ns)
    if kept is not None and (codepoints := _read_kept(kept)) is not None:
        return codepoints
    codepoints = _read_map(path)
    if kept is not None:
        _keep(kept, codepoints)
    return codepoints


def _kept_map(path: Path, size: int, mtime_ns: int) -> Path | None:
    """Where the installation keeps this version of the file's map; None for a font it did
    not install (a project's, the Arabic font derived in a build folder: each clean build
    makes a new one, and their maps would pile up)."""
    import hashlib
    import sys

    from publication.installed import cache_path

    folder = cache_path("fonts")
    resolved = path.resolve()
    if folder is None or not resolved.is_relative_to(Path(sys.prefix).resolve()):
        return None
    key = hashlib.sha256(f"{resolved}\n{size}\n{mtime_ns}".encode()).hexdigest()[:32]
    return folder / f"{key}.cmap"


def _read_kept(kept: Path) -> frozenset[int] | None:
    """The code points written by :func:`_keep` (ranges ``first-last`` in hex, a line each)."""
    try:
        lines = kept.read_text(encoding="ascii").split()
        if not lines or lines[0] != _KEPT_MARK:
            return None
        codepoints: set[int] = set()
        for line in lines[1:]:
            first, _, last = line.partition("-")
            codepoints.update(range(int(first, 16), int(last or first, 16) + 1))
        return frozenset(codepoints)
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _keep(kept: Path, codepoints: frozenset[int]) -> None:
    """Write the map for the next build; one that cannot be written is simply read again."""
    from publication.atomic import write_atomically

    runs, numbers = [], sorted(codepoints)
    start = 0
    for i in range(1, len(numbers) + 1):
        if i == len(numbers) or numbers[i] != numbers[i - 1] + 1:
            first, last = numbers[start], numbers[i - 1]
            runs.append(f"{first:x}" if first == last else f"{first:x}-{last:x}")
            start = i
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(kept, "\n".join([_KEPT_MARK, *runs, ""]).encode("ascii"), durable=False)
    except OSError:
        pass


_KEPT_MARK = "cmap-1"
"""The first line of a kept map: bump it when what :func:`_read_map` returns changes."""


def _read_map(path: Path) -> frozenset[int]:
    # imported here: every build registers the PDF builder, only a PDF build reads fonts (~20 ms)
    from fontTools.ttLib import TTFont, TTLibError

    codepoints: set[int] = set()
    try:
        numbers = range(_collection_size(path)) if path.suffix.lower() in (".ttc", ".otc") else [-1]
        for number in numbers:
            font = TTFont(path, lazy=True, fontNumber=number)
            if "maxp" in font:  # numbered names: the cmap's keys do not depend on them, and
                # the real ones (the CFF charset, the post table) cost most of the read
                font.setGlyphOrder([f"glyph{gid}" for gid in range(font["maxp"].numGlyphs)])
            codepoints.update(font.getBestCmap() or {})
    except (OSError, TTLibError, AssertionError, KeyError):
        pass  # an unreadable font maps nothing; Typst will say more if it matters
    return frozenset(codepoints)


def _collection_size(path: Path) -> int:
    from fontTools.ttLib.ttCollection import TTCollection
    return len(TTCollection(path, lazy=True).fonts)


def unmapped(codepoints: Iterable[int], folders: Iterable[Path]) -> set[int]:
    """The code points of ``codepoints`` that no font in ``folders`` maps.

    The smallest fonts are read first and the reading stops once every code point is
    found: a book in Latin script is done before the 16 MB CJK font (0.17 s of every PDF
    build when all were read).
    """
    left = set(codepoints)
    files = [(path, path.stat()) for path in font_files(folders)]
    for path, stat in sorted(files, key=lambda item: (item[1].st_size, item[0])):
        if not left:
            break
        left -= _mapped(path, stat.st_size, stat.st_mtime_ns)
    return left


def typst_can_show(char: str, folders: Sequence[Path], families: Sequence[str]) -> bool:
    """Whether Typst prints ``char`` in a tagged PDF with these fonts (its own included)."""
    import typst  # loaded by the builds that compile, not by every build that imports fonts

    fonts = "(" + "".join(escape.string(f) + ", " for f in families) + ")"
    probe = f'#set document(title: "probe")\n#set text(font: {fonts})\n#{escape.string(char)}\n'
    try:
        typst.compile(probe.encode("utf-8"), font_paths=[str(f) for f in folders],
                      ignore_system_fonts=True, pdf_standards=["ua-1", "a-2a"], format="pdf")
    except (typst.TypstError, ValueError, OSError):
        return False
    return True


def missing(chars: Iterable[str], folders: Sequence[Path], families: Sequence[str]) -> set[str]:
    """The characters of ``chars`` that no font can show in the PDF."""
    chars = {c for c in chars if unicodedata.category(c) not in _SKIPPED}
    if not chars:
        return set()  # no font need be read
    left = unmapped({ord(c) for c in chars}, folders)
    unshown = sorted(c for c in chars if ord(c) in left)
    tried, rest = unshown[:MAX_PROBES], unshown[MAX_PROBES:]
    return {c for c in tried if not typst_can_show(c, folders, families)} | set(rest)


_SAME_LETTER = ("<wide>", "<narrow>", "<font>")  # Ａ, ｶ, 𝐀: the letter itself in another width or style


def lookalike(char: str) -> str | None:
    """A character every font has that reads as ``char``: a hyphen for a dash (Isomer's CMS
    writes U+1806 MONGOLIAN TODO SOFT HYPHEN for ``-`` in every title: ``AC᠆1``), the plain
    letter for a wide, narrow or styled one. None for anything else (a superscript ``²``
    printed as ``2`` would change what the text says)."""
    if unicodedata.category(char) == "Pd":
        return "-"
    if unicodedata.decomposition(char).startswith(_SAME_LETTER):
        plain = unicodedata.normalize("NFKC", char)
        if plain.isascii() and plain.isprintable():
            return plain
    return None


def describe(char: str) -> str:
    """``char``'s code point and name, readable and searchable."""
    name = unicodedata.name(char, "") or {
        "Co": "PRIVATE USE", "Cs": "SURROGATE", "Cn": "UNASSIGNED"}.get(unicodedata.category(char), "")
    return f"U+{ord(char):04X}{' ' + name if name else ''}"


def substitute(char: str) -> str:
    """What the PDF prints instead of ``char``: a look-alike every font has, else its code
    point and name."""
    return lookalike(char) or f"[{describe(char)}]"
