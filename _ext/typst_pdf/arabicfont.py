"""The PDF's Arabic-script font, derived once per build folder so its text layer is right.

Plain Python, no Sphinx. The PDF's text layer (copy, search, screen readers) is each glyph's
``ToUnicode`` entry, one text per glyph. Noto Sans Arabic breaks that for Urdu, Persian, Dari
and Pashto: it draws Farsi yeh (U+06CC) at a word's start or middle as a dotless tooth plus a
dots glyph (a one-to-many substitution), both read back as the letter ("بیب" came out as
"بییب"), and it draws Persian keheh and Arabic kaf, or Farsi yeh and alef maksura, with one
glyph, which maps to only one of the two. IBM Plex Sans Arabic (OFL-1.1, from PyPI) draws
every letter of these languages with a glyph of its own; only its ligatures, one glyph for
two letters, come back reversed from a right-to-left line ("سلام" as "سالم", "مترجم" as
"مرتجم"). So this derives from it a font in which

* the ligatures that are only a style (beh with reh, yeh with noon, ...) are left out: the
  letters join as usual, each its own glyph;
* lam-alef, which Arabic writing requires, is drawn by two glyphs, one a letter: the alef's
  carries the whole ligature, the lam's is blank, and together they are as wide as it was;
  marks above or below either letter keep their places.

The OFL reserves the name "Plex", so the modified font is named :data:`FAMILY`. It is written
once into the build's cache folder, named by a hash of its source and of :data:`RECIPE`.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import os
from pathlib import Path

FAMILY = "Civic Sans Arabic"
"""The derived font's family name (``pdf_fonts``)."""

SOURCE_PACKAGE = "fontpkg_ibm_plex_sans_arabic"
STYLES = ("Regular", "Bold")  # the body and its headings, strong text
RECIPE = "1"  # bump when derive() changes: the cached fonts are made again
_ALEFS = (0x0622, 0x0623, 0x0625, 0x0627, 0x0671, 0x0672, 0x0673)


def source_folder() -> Path | None:
    """The installed IBM Plex Sans Arabic files (None: the package is missing)."""
    spec = importlib.util.find_spec(SOURCE_PACKAGE)
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "files"
        if all((folder / f"IBMPlexSansArabic-{style}.ttf").is_file() for style in STYLES):
            return folder
    return None


def derived_folder(cache: Path, make: bool = True) -> Path | None:
    """The folder holding :data:`FAMILY` in ``cache``, made there if not yet (and ``make``).

    None when it is not there and cannot be made (the package missing, a font fontTools
    cannot read, a cache that cannot be written): the book is then set in Noto Sans Arabic.
    Making it takes ~1.3 s, once per cache.
    """
    source = source_folder()
    if source is None:
        return None
    temporary = None
    try:
        digest = hashlib.sha256(RECIPE.encode())
        for style in STYLES:
            digest.update((source / f"IBMPlexSansArabic-{style}.ttf").read_bytes())
        folder = cache / f"civic-sans-arabic-{digest.hexdigest()[:16]}"
        names = [folder / f"CivicSansArabic-{style}.ttf" for style in STYLES]
        if all(path.is_file() for path in names):
            return folder
        if not make:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        for style, path in zip(STYLES, names):
            temporary = path.with_name(f".{path.name}.{os.getpid()}")
            derive(source / f"IBMPlexSansArabic-{style}.ttf", temporary, style)
            os.replace(temporary, path)  # atomic: a parallel build sees the whole font or none
            temporary = None
    except Exception:  # noqa: BLE001 - fontTools raises many kinds; any failure: Noto Sans Arabic
        if temporary is not None:
            temporary.unlink(missing_ok=True)  # no half-written font left behind
        return None
    return folder


def derive(source: Path, target: Path, style: str) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    lam_alefs = _keep_only_lam_alef(font)
    _split(font, lam_alefs)
    _rename(font, style)
    if "DSIG" in font:
        del font["DSIG"]  # the signature was the original's
    font.save(target)


def _forms(font, codepoints) -> set[str]:
    """The glyphs of these letters: the cmap's and what single substitutions make of them."""
    cmap = font.getBestCmap()
    found = {cmap[c] for c in codepoints if c in cmap}
    singles = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for kind, sub in _subtables(lookup):
            if kind == 1:
                for a, b in sub.mapping.items():
                    singles.setdefault(a, set()).add(b)
    todo = list(found)
    while todo:
        for b in singles.get(todo.pop(), ()):
            if b not in found:
                found.add(b)
                todo.append(b)
    return found


def _subtables(lookup, extension: int = 7):
    """Each subtable of a GSUB lookup (``extension`` 7; GPOS: 9) with its type, through extensions."""
    for sub in lookup.SubTable:
        if lookup.LookupType == extension:
            yield sub.ExtensionLookupType, sub.ExtSubTable
        else:
            yield lookup.LookupType, sub


def _keep_only_lam_alef(font) -> list[tuple[str, str, str, int]]:
    """Drop every ligature of the required and standard ligature features but lam-alef;
    return the lam-alef ones as (lam, alef, ligature, lookup flag)."""
    gsub = font["GSUB"].table
    lams, alefs = _forms(font, [0x0644]), _forms(font, _ALEFS)
    default_on = {index for record in gsub.FeatureList.FeatureRecord
                  if record.FeatureTag in ("rlig", "liga", "clig")
                  for index in record.Feature.LookupListIndex}
    kept = []
    for index in sorted(default_on):
        lookup = gsub.LookupList.Lookup[index]
        for kind, sub in _subtables(lookup):
            if kind != 4:
                continue
            for first in list(sub.ligatures):
                rest = []
                for lig in sub.ligatures[first]:
                    if first in lams and len(lig.Component) == 1 and lig.Component[0] in alefs:
                        kept.append((first, lig.Component[0], lig.LigGlyph, lookup.LookupFlag))
                    elif not (first in lams or any(c in lams for c in lig.Component)) and \
                            not _arabic(font, first):
                        rest.append(lig)  # a Latin ligature (fi): left as it was
                if rest:
                    sub.ligatures[first] = rest
                else:
                    del sub.ligatures[first]
    return kept


def _arabic(font, glyph: str) -> bool:
    return glyph.startswith(("uni06", "uni07", "uni08", "uniFB", "uniFC", "uniFD", "uniFE")) or \
        glyph.endswith((".init", ".medi", ".fina", ".isol"))


def _split(font, lam_alefs) -> None:
    """Each lam-alef ligature as two glyphs, made by a contextual lookup (see the module)."""
    from fontTools.otlLib import builder
    from fontTools.ttLib.tables import otTables
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    if not lam_alefs:
        return
    glyf, hmtx = font["glyf"], font["hmtx"]
    order = list(font.getGlyphOrder())
    gsub = font["GSUB"].table
    lookups = gsub.LookupList.Lookup
    chain = otTables.Lookup()
    chain.LookupType, chain.LookupFlag, chain.SubTable = 6, lam_alefs[0][3], []
    parts = {}  # ligature: (lam part, alef part, alef part's advance)
    for lam, alef, ligature, flag in lam_alefs:
        width, lsb = hmtx[ligature]
        lam_part, alef_part = f"{ligature}.lam", f"{ligature}.alef"
        if ligature not in parts:
            glyf[alef_part] = copy.deepcopy(glyf[ligature])
            blank = Glyph()
            blank.numberOfContours = 0
            glyf[lam_part] = blank
            order += [lam_part, alef_part]
            hmtx[alef_part] = (width - width // 2, lsb)
            hmtx[lam_part] = (width // 2, 0)
            parts[ligature] = (lam_part, alef_part, width - width // 2)
        records = []
        for position, (a, b) in enumerate(((lam, lam_part), (alef, alef_part))):
            single = builder.buildLookup([builder.buildSingleSubstSubtable({a: b})], flags=flag)
            lookups.append(single)
            record = otTables.SubstLookupRecord()
            record.SequenceIndex, record.LookupListIndex = position, len(lookups) - 1
            records.append(record)
        sub = otTables.ChainContextSubst()
        sub.Format = 3
        sub.BacktrackCoverage, sub.LookAheadCoverage = [], []
        sub.InputCoverage = [builder.buildCoverage([lam], font.getReverseGlyphMap()),
                             builder.buildCoverage([alef], font.getReverseGlyphMap())]
        sub.SubstLookupRecord = records
        chain.SubTable.append(sub)
    font.setGlyphOrder(order)
    font["glyf"].glyphOrder = order
    for sub in chain.SubTable:  # coverages were built before the new glyphs had ids
        for cov in sub.InputCoverage:
            cov.glyphs = sorted(cov.glyphs, key=font.getGlyphID)
    lookups.append(chain)
    gsub.LookupList.LookupCount = len(lookups)
    chain_index = len(lookups) - 1
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "rlig":
            record.Feature.LookupListIndex.append(chain_index)
            record.Feature.LookupCount = len(record.Feature.LookupListIndex)
    _classify(font, parts)
    _attach_marks(font, parts)


def _classify(font, parts) -> None:
    gdef = font["GDEF"].table if "GDEF" in font else None
    if gdef is not None and gdef.GlyphClassDef is not None:
        for lam_part, alef_part, _ in parts.values():
            gdef.GlyphClassDef.classDefs[lam_part] = 1
            gdef.GlyphClassDef.classDefs[alef_part] = 1


def _attach_marks(font, parts) -> None:
    """The ligature's anchors for marks, per letter, as anchors of that letter's glyph."""
    from fontTools.ttLib.tables import otTables

    gpos = font["GPOS"].table
    added = []
    for lookup in list(gpos.LookupList.Lookup):
        for kind, sub in _subtables(lookup, 9):
            if kind != 5:
                continue
            ligatures = sub.LigatureCoverage.glyphs
            bases, records = [], []
            for ligature, (lam_part, alef_part, shift) in parts.items():
                if ligature not in ligatures:
                    continue
                attach = sub.LigatureArray.LigatureAttach[ligatures.index(ligature)]
                if attach.ComponentCount != 2:
                    continue
                for glyph, component, dx in ((lam_part, 0, -shift), (alef_part, 1, 0)):
                    record = otTables.BaseRecord()
                    record.BaseAnchor = [_moved(a, dx) for a in attach.ComponentRecord[component].LigatureAnchor]
                    bases.append(glyph)
                    records.append(record)
            if not bases:
                continue
            new = otTables.MarkBasePos()
            new.Format = 1
            new.MarkCoverage = copy.deepcopy(sub.MarkCoverage)
            new.MarkArray = copy.deepcopy(sub.MarkArray)
            new.ClassCount = sub.ClassCount
            ranked = sorted(zip(bases, records), key=lambda item: font.getGlyphID(item[0]))
            new.BaseCoverage = otTables.Coverage()
            new.BaseCoverage.glyphs = [glyph for glyph, _ in ranked]
            new.BaseArray = otTables.BaseArray()
            new.BaseArray.BaseRecord = [record for _, record in ranked]
            new.BaseArray.BaseCount = len(ranked)
            look = otTables.Lookup()
            look.LookupType, look.LookupFlag, look.SubTable = 4, lookup.LookupFlag, [new]
            look.SubTableCount = 1
            added.append(look)
    for look in added:
        gpos.LookupList.Lookup.append(look)
        index = len(gpos.LookupList.Lookup) - 1
        for record in gpos.FeatureList.FeatureRecord:
            if record.FeatureTag == "mark":
                record.Feature.LookupListIndex.append(index)
                record.Feature.LookupCount = len(record.Feature.LookupListIndex)
    gpos.LookupList.LookupCount = len(gpos.LookupList.Lookup)


def _moved(anchor, dx: int):
    if anchor is None:
        return None
    moved = copy.deepcopy(anchor)
    moved.XCoordinate += dx
    return moved


def _rename(font, style: str) -> None:
    """Name it :data:`FAMILY` (the OFL's Reserved Font Name rule) and say what was changed."""
    name = font["name"]
    postscript = FAMILY.replace(" ", "") + "-" + style
    values = {1: FAMILY if style in ("Regular", "Bold") else f"{FAMILY} {style}",
              2: style, 3: f"{postscript};derived", 4: f"{FAMILY} {style}", 6: postscript,
              16: FAMILY, 17: style}
    for record in list(name.names):
        if record.nameID in (16, 17, 21, 22):
            name.removeNames(nameID=record.nameID)
    for number, value in values.items():
        name.setName(value, number, 3, 1, 0x409)
        name.setName(value, number, 1, 0, 0)
    name.setName("Modified from IBM Plex Sans Arabic (SIL Open Font License 1.1): ligatures other "
                 "than lam-alef left out, lam-alef drawn by two glyphs, so that PDF text is read "
                 "back in order.", 10, 3, 1, 0x409)
