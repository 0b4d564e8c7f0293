"""The derived Arabic-script font (typst_pdf/arabicfont.py), without Sphinx.

What it must be: renamed (the OFL reserves "Plex"), every Arabic ligature but lam-alef left
out, lam-alef two glyphs as wide as the ligature; made once, atomically, and never a crash
or a half-written file when it cannot be made. The PDF's text is tested on real pages in
test_language_access.py.
"""

from __future__ import annotations

from fontTools.ttLib import TTFont

from typst_pdf import arabicfont


def test_the_derived_font_is_renamed_and_keeps_only_lam_alef_as_two_glyphs(tmp_path):
    folder = arabicfont.derived_folder(tmp_path)
    assert folder is not None, "fontpkg-ibm-plex-sans-arabic is in requirements.txt"
    for style in arabicfont.STYLES:
        font = TTFont(folder / f"CivicSansArabic-{style}.ttf")
        names = {n.nameID: n.toUnicode() for n in font["name"].names if n.nameID in (1, 4, 6, 16)}
        assert names[1] == arabicfont.FAMILY and not any("Plex" in v for v in names.values()), names
        gsub = font["GSUB"].table
        on = {i for r in gsub.FeatureList.FeatureRecord if r.FeatureTag in ("rlig", "liga", "clig")
              for i in r.Feature.LookupListIndex}
        ligatures = [first for i in on for kind, sub in arabicfont._subtables(gsub.LookupList.Lookup[i])
                     if kind == 4 for first in sub.ligatures]
        assert not [g for g in ligatures if arabicfont._arabic(font, g)], ligatures
        source = TTFont(arabicfont.source_folder() / f"IBMPlexSansArabic-{style}.ttf")
        for ligature in ("uniFEFB", "uniFEFC", "uniFEF5"):  # لا isolated and final, لآ
            lam, alef = font["hmtx"][f"{ligature}.lam"][0], font["hmtx"][f"{ligature}.alef"][0]
            assert lam + alef == source["hmtx"][ligature][0]
            assert font["glyf"][f"{ligature}.lam"].numberOfContours == 0  # blank: the alef's draws


def test_it_is_made_once_and_not_at_all_where_it_cannot_be_written(tmp_path):
    assert arabicfont.derived_folder(tmp_path, make=False) is None  # only looked for
    folder = arabicfont.derived_folder(tmp_path)
    made = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert arabicfont.derived_folder(tmp_path, make=False) == folder
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == made  # not made again
    assert sorted(made) == ["CivicSansArabic-Bold.ttf", "CivicSansArabic-Regular.ttf"]  # no temporaries
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert arabicfont.derived_folder(blocked / "cache") is None  # Noto Sans Arabic then


def test_a_font_it_cannot_read_leaves_nothing_behind(tmp_path, monkeypatch):
    bad = tmp_path / "source"
    bad.mkdir()
    for style in arabicfont.STYLES:
        (bad / f"IBMPlexSansArabic-{style}.ttf").write_bytes(b"not a font")
    monkeypatch.setattr(arabicfont, "source_folder", lambda: bad)
    assert arabicfont.derived_folder(tmp_path / "cache") is None
    assert [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []
