"""``make release`` never freezes a build made with metadata other than the pages' own.

"Parks Report" had its own CITATION.cff with ``date-released: "2026-02-30"``. Under
``STRICT=0`` the build went on with this project's CITATION.cff (said as a warning), and
``make release`` froze the parks pages for good as *Smart City Austin* 1.0.0: another
publication's title, version, date and address in every citation of the release.
"""

from __future__ import annotations

from pathlib import Path

from conftest import sphinx_build, write_pages

from record import release

CFF = ('cff-version: 1.2.0\nmessage: "Cite it."\ntitle: "Parks Report"\nauthors:\n'
       '  - name: "City of Austin"\nversion: "1.0"\ndate-released: "{date}"\n'
       'url: "https://parks.example.org/"\n')


def site_of(tmp_path: Path, date: str) -> Path:
    source = write_pages(tmp_path / "pages", {
        "CITATION.cff": CFF.replace("{date}", date),
        "index.md": "---\ntitle: Parks Report\n---\n\nWelcome.\n"})
    out = tmp_path / "html"
    build = sphinx_build(source, out, strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    (out / "editions").mkdir(exist_ok=True)  # the PDF and ePub make all ships
    (out / "editions" / "x.pdf").write_bytes(b"%PDF")
    (out / "editions" / "x.epub").write_bytes(b"PK")
    return out


def test_a_build_on_another_publications_metadata_is_not_released(tmp_path, capsys):
    site = site_of(tmp_path, "2026-02-30")
    (tmp_path / "CHANGES.md").write_text("## 1.0.0\n\nFirst.\n\n## 1.0\n\nFirst.\n")
    store = tmp_path / "editions"
    assert release.main(["release", str(site), str(store), str(tmp_path / "CHANGES.md")]) == 1
    err = capsys.readouterr().err
    assert str(tmp_path / "pages" / "CITATION.cff") in err and "could not use its CITATION.cff" in err and ": : " not in err, err
    assert not store.exists() or not any(store.iterdir())


def test_the_mark_goes_once_the_citation_file_is_fixed(tmp_path):
    site_of(tmp_path, "2026-02-30")
    site = site_of(tmp_path, "2026-02-20")
    assert not any(p.name.startswith(".") and "metadata" in p.name for p in site.iterdir())
