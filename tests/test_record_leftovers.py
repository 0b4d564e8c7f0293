"""Leftovers a citer hit in the round trip: release 1.0, edit, rename, translate, release 1.1.

Each test is one thing a report that cites the publication would get wrong for good.
"""

from __future__ import annotations

import datetime
import json

from test_record_tampered import built_site

from record import release


def _site_dated(folder, date: str):
    site = built_site(folder)
    data = json.loads((site / "passages.json").read_text())
    (site / "passages.json").write_text(json.dumps({**data, "date": date}))
    return site


def test_release_refuses_notes_dated_another_day_than_date_released(tmp_path, capsys):
    """CHANGES.md's `## 1.0.0 (2026-11-20)` and CITATION.cff's date-released 2026-11-25: the
    Editions page printed one day and every citation the other, frozen for good."""
    today = datetime.date.today().isoformat()
    site = _site_dated(tmp_path / "html", today)
    changes = tmp_path / "CHANGES.md"
    changes.write_text("# Release notes\n\n## [1.0.0] - 2020-01-02\n\nFirst.\n")
    store = tmp_path / "editions"
    assert release.main(["release", str(site), str(store), str(changes)]) == 1
    err = capsys.readouterr().err
    assert f"{changes}:3:" in err and "2020-01-02" in err and today in err, err
    assert "date-released" in err, err
    assert not (store / "1.0.0").exists()


def test_release_freezes_notes_dated_the_day_released_or_undated(tmp_path):
    today = datetime.date.today().isoformat()
    for heading in (f"## 1.0.0 ({today})", "## 1.0.0"):
        folder = tmp_path / heading.replace(" ", "_").replace("(", "").replace(")", "")
        site = _site_dated(folder / "html", today)
        (folder / "CHANGES.md").write_text(f"{heading}\n\nFirst.\n")
        store = folder / "editions"
        assert release.main(["release", str(site), str(store), str(folder / "CHANGES.md")]) == 0
        assert (store / "1.0.0" / "SHA256SUMS").is_file()


CFF = ('cff-version: 1.2.0\nmessage: "Cite it."\ntitle: "Parks Report"\nauthors:\n'
       '  - name: "City of Austin"\nversion: "1.1"\ndate-released: "2026-11-20"\n'
       'url: "https://parks.example.org/"\n')
PAGES = {"CITATION.cff": CFF, "index.md": "---\ntitle: Parks Report\n---\n\nWelcome to the parks.\n",
         "cite.md": "---\ntitle: How to cite\nposition: 9\n---\n\n```{citation}\n```\n"}


def _built(tmp_path, builder: str, language: str):
    from conftest import sphinx_build, write_pages

    source = write_pages(tmp_path / f"{builder}-{language}" / "pages", PAGES)
    out = tmp_path / f"{builder}-{language}" / "out"
    build = sphinx_build(source, out, builder, strict=False, extra=("-D", f"language={language}"))
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    return out


def test_a_translations_reference_files_name_its_address_and_language(tmp_path):
    """The Spanish site's cite/*.bib, .ris and .json named editions/1.1/ (the English pages)
    and language English: a reference manager filed the Spanish text as the English one."""
    from bs4 import BeautifulSoup

    for language, address, bib_language in (("es", "https://parks.example.org/editions/1.1/es/", "Spanish"),
                                            ("en", "https://parks.example.org/editions/1.1/", "English")):
        cite = _built(tmp_path, "html", language) / "cite"
        bib = (cite / "parks-report.bib").read_text(encoding="utf-8")
        assert f'url = "{address}"' in bib and f'language = "{bib_language}"' in bib, bib
        ris = (cite / "parks-report.ris").read_text(encoding="utf-8")
        assert f"UR  - {address}\n" in ris and f"LA  - {language}\n" in ris, ris
        csl = json.loads((cite / "parks-report.json").read_text(encoding="utf-8"))[0]
        assert csl["URL"] == address and csl["language"] == language, csl
        page = BeautifulSoup((cite.parent / "cite.html").read_text(encoding="utf-8"), "html.parser")
        apa = page.select_one(".citation-apa").get_text()
        assert apa.endswith(address), apa
        assert f'url = "{address}"' in page.select_one(".publication-citation pre").get_text()


def _pdf_text(out) -> str:
    import pypdf

    pdf = next(out.glob("*.pdf"))
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)


def test_a_pdf_names_its_own_versions_address_and_its_languages_latest(tmp_path):
    """The PDF's colophon named only the live root ("Latest version"), and a Spanish PDF's
    the English site's, and cited the English version: a frozen 1.1 PDF must name where 1.1
    stays (what citation_pdf_url and the .bib name), in its own language's folder."""
    for language, this, latest, cite in (
            ("en", "This version: https://parks.example.org/editions/1.1/",
             "Latest version: https://parks.example.org/", "Cite as:"),
            ("es", "Esta versión: https://parks.example.org/editions/1.1/es/",
             "Última versión: https://parks.example.org/es/", "Cite como:")):
        text = _pdf_text(_built(tmp_path, "typst", language))
        lines = text.splitlines()
        assert this in lines and latest in lines, text
        cited = next(line for line in lines if line.startswith(cite))
        assert cited.endswith(this.split(": ", 1)[1]), cited
