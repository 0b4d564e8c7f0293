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
        latest = "https://parks.example.org/" + ("es/" if language == "es" else "")
        colophon = page.select_one(".publication-colophon").get_text()
        assert f"The latest version is always at {latest}." in colophon, colophon
        assert f"latest version: {latest}\"" in bib, bib  # as the PDF's "Última versión"


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
        day = {"en": "November 20, 2026", "es": "20 de noviembre de 2026"}[language]
        assert f"{'Versión' if language == 'es' else 'Version'} 1.1, {day}. City of Austin." in text, text


OLD = (b"<html><body><article><h1>Pools</h1><p id='p-1'>Pools open in May.</p>"
       b"</article></body></html>")


def _release(editions, version: str, sites: dict[str, list[str]]) -> None:
    """A release as make release freezes it: each site (``""``, ``"es/"``) with its pages
    and its passages.json, one SHA256SUMS for the whole release."""
    import hashlib

    files = {}
    for folder, names in sites.items():
        listed = [{"chapter": n[:-5], "chapter_title": "Pools", "kind": "paragraph", "file": n,
                   "id": "p-1", "text": "Pools open in May.", "pdf_page": 1} for n in names]
        files.update({f"{folder}{n}": OLD for n in names})
        files[f"{folder}passages.json"] = json.dumps(
            {"version": version, "date": "2020-01-01", "passages": listed}).encode()
    for name, data in files.items():
        (editions / version / name).parent.mkdir(parents=True, exist_ok=True)
        (editions / version / name).write_bytes(data)
    (editions / version / "SHA256SUMS").write_text("".join(
        f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in sorted(files.items())))


def _redirect(page):
    from bs4 import BeautifulSoup

    assert page.is_file(), f"{page} is missing: its released address leads nowhere"
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refresh = html.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None, page.read_text(encoding="utf-8")[:400]
    return refresh["content"], html


def test_a_translations_renamed_page_keeps_its_released_address(tmp_path):
    """Released in 0.9.0 as es/pools.html, then pools.md renamed: the English pools.html
    led to its release, the Spanish es/pools.html was a 404 (a Spanish report's link)."""
    from conftest import sphinx_build, write_pages

    source = write_pages(tmp_path / "pages", {
        "CITATION.cff": CFF, "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "swimming.md": "---\ntitle: Swimming\nposition: 1\n---\n\nPools open in May.\n"})
    _release(tmp_path / "editions", "0.9.0", {"": ["index.html", "pools.html"],
                                              "es/": ["index.html", "pools.html"]})
    build = sphinx_build(source, tmp_path / "out" / "es", strict=False, extra=("-D", "language=es"))
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    refresh, html = _redirect(tmp_path / "out" / "es" / "pools.html")
    assert refresh == "0; url=../editions/0.9.0/es/pools.html", refresh
    assert html.find("script")["src"] == "_static/redirect.js"  # keeps #p-1
    canonical = html.find("link", rel="canonical")
    assert canonical is None or canonical["href"] == \
        "https://parks.example.org/editions/0.9.0/es/pools.html", canonical
    assert (tmp_path / "out" / "es" / "swimming.html").is_file()


def test_a_polyglot_twins_renamed_page_keeps_its_released_address(tmp_path):
    """jekyll-polyglot's es/about.md, released in 0.9.0 as es/about.html, renamed es/acerca.md."""
    from conftest import sphinx_build, write_pages

    source = write_pages(tmp_path / "pages", {
        "CITATION.cff": CFF, "_config.yml": 'languages: ["en", "es"]\ndefault_lang: "en"\n',
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "about.md": "---\ntitle: About\n---\n\nAbout the parks.\n",
        "es/acerca.md": "---\ntitle: Acerca\n---\n\nSobre los parques.\n"})
    _release(tmp_path / "editions", "0.9.0", {"": ["index.html", "about.html", "es/about.html"]})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    refresh, _ = _redirect(tmp_path / "out" / "es" / "about.html")
    assert refresh == "0; url=../editions/0.9.0/es/about.html", refresh


PO = ('msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
      'msgid "Welcome."\nmsgstr "Bienvenidos."\n')


def test_an_archived_translations_banner_leads_to_the_same_translated_page(tmp_path):
    """The archived es/index.html of 0.9.0 said "Read this page in the current edition" and
    led to the English home page; a Spanish page since renamed did not say it was gone."""
    from bs4 import BeautifulSoup

    from conftest import sphinx_build, write_pages

    source = write_pages(tmp_path / "pages", {
        "CITATION.cff": CFF, "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "swimming.md": "---\ntitle: Swimming\nposition: 1\n---\n\nSwim in June.\n",
        "locales/es/LC_MESSAGES/index.po": PO})  # still translated: es/ is built beside it
    _release(tmp_path / "editions", "0.9.0", {"": ["index.html", "pools.html"],
                                              "es/": ["index.html", "pools.html"]})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    archive = tmp_path / "out" / "editions" / "0.9.0"
    for page, href, gone in (("es/index.html", "../../../es/index.html", False),
                             ("es/pools.html", "../../../es/index.html", True),
                             ("index.html", "../../index.html", False)):
        banner = BeautifulSoup((archive / page).read_text(encoding="utf-8"), "html.parser") \
            .select_one(".record-archive-banner")
        assert banner.a["href"] == href, (page, banner)
        said = "no está en la edición actual" if page.startswith("es/") else "not in the current edition"
        assert (said in banner.get_text()) == gone, (page, banner)  # a Spanish page's in Spanish
    # a translation the publication no longer has: its archived pages lead to the home page
    (source / "locales").rename(tmp_path / "no-locales")
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    banner = BeautifulSoup((archive / "es" / "index.html").read_text(encoding="utf-8"),
                           "html.parser").select_one(".record-archive-banner")
    assert banner.a["href"] == "../../../index.html", banner


def test_a_page_renamed_when_the_build_starts_afresh_leads_to_its_release(tmp_path):
    """After an upgrade of the publishing code the build reads every page again with a new
    environment (as after ``[new config]``), which forgot the pages it wrote: a page renamed
    at the same time stayed online at its old address, 1.0's words shown as the current
    edition, and its released address never led to the release."""
    from conftest import sphinx_build, write_pages

    source = write_pages(tmp_path / "pages", {
        "CITATION.cff": CFF, "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "pools.md": "---\ntitle: Pools\nposition: 1\n---\n\nPools open in May.\n"})
    _release(tmp_path / "editions", "0.9.0", {"": ["index.html", "pools.html"]})
    out, doctrees = tmp_path / "out", tmp_path / "doctrees"
    assert sphinx_build(source, out, strict=False, doctrees=doctrees).returncode == 0
    assert "Pools open in May." in (out / "pools.html").read_text(encoding="utf-8")
    (source / "pools.md").rename(source / "swimming.md")
    (doctrees / "environment.pickle").unlink()  # what new code (env_version) does
    build = sphinx_build(source, out, strict=False, doctrees=doctrees)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    refresh, _ = _redirect(out / "pools.html")
    assert refresh == "0; url=editions/0.9.0/pools.html", refresh
