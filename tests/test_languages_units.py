"""The translated editions' plain-Python parts, without a build: names, progress, links, sitemap."""

from __future__ import annotations

import textwrap

import pytest


from languages import catalog, links, names, notice, sitemap


def test_each_language_is_named_in_itself_with_its_direction():
    assert names.own_name("es") == "español"
    assert names.own_name("ar") == "العربية"
    assert names.own_name("zh") == "中文"
    assert [names.direction(code) for code in ("ar", "fa", "he", "ur")] == ["rtl"] * 4
    assert [names.direction(code) for code in ("en", "es", "zh", "vi")] == ["ltr"] * 4
    assert names.hreflang("zh_CN") == "zh-CN"


@pytest.mark.parametrize("bad", ["", "x", "klingon", "es\" onload=\"x", "../es", 3, None])
def test_a_code_that_is_not_a_language_is_refused(bad):
    with pytest.raises(names.UnknownLanguage):
        names.locale(bad)


def po(messages: str) -> str:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Language: es\\n"\n\n'
    return header + textwrap.dedent(messages)


def test_progress_counts_translated_messages_not_fuzzy_or_empty_ones(tmp_path):
    folder = tmp_path / "locales" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "a.po").write_text(po('''
        msgid "One"
        msgstr "Uno"

        #, fuzzy
        msgid "Two"
        msgstr "Dos"

        msgid "Three"
        msgstr ""
        '''), encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "b.po").write_text(po('msgid "Four"\nmsgstr "Cuatro"\n'), encoding="utf-8")

    found = catalog.progress(tmp_path / "locales", "es")

    assert (found.translated, found.total, found.percent, found.complete) == (2, 4, 50, False)
    assert catalog.progress(tmp_path / "locales", "fr").total == 0


def test_a_broken_catalog_is_a_problem_with_its_line_not_a_crash(tmp_path):
    folder = tmp_path / "locales" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "a.po").write_text(po('msgid "One"\nmsgstr "Uno"\npasted text, not a catalog line\n'),
                                 encoding="utf-8")
    found = catalog.progress(tmp_path / "locales", "es")
    assert len(found.problems) == 1
    path, line, message = found.problems[0]
    assert (path.name, line) == ("a.po", 8) and "cannot be read" in message


def test_a_catalog_is_read_once_per_version_of_its_file(tmp_path, monkeypatch):
    """make all configures a language once per edition: an unchanged .po is not read again,
    a changed one is."""
    folder = tmp_path / "locales" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "a.po").write_text(po('msgid "One"\nmsgstr "Uno"\n'), encoding="utf-8")
    reads = []
    real = catalog.read_po
    monkeypatch.setattr(catalog, "read_po", lambda *a, **k: reads.append(1) or real(*a, **k))
    assert catalog.progress(tmp_path / "locales", "es").translated == 1
    assert catalog.progress(tmp_path / "locales", "es").translated == 1
    assert len(reads) == 1
    (folder / "a.po").write_text(po('msgid "One"\nmsgstr "Uno"\n\nmsgid "Two"\nmsgstr ""\n'),
                                 encoding="utf-8")
    again = catalog.progress(tmp_path / "locales", "es")
    assert (again.translated, again.total, len(reads)) == (1, 2, 2)


def test_switcher_links_the_same_page_in_each_language_from_any_depth():
    english = links.Site("en", ("en", "es", "ar"), "en")
    spanish = links.Site("en", ("en", "es", "ar"), "es")
    assert english.relative("a/b/page.html", "es") == "../../es/a/b/page.html"
    assert spanish.relative("a/b/page.html", "en") == "../../../a/b/page.html"
    assert spanish.relative("index.html", "ar") == "../ar/index.html"
    html = links.switcher(spanish, "index.html")
    assert '<a href="../index.html" hreflang="en" lang="en">English</a>' in html
    assert 'hreflang="es" lang="es" aria-current="true">español</a>' in html
    assert 'hreflang="ar" lang="ar">العربية</a>' in html
    assert 'aria-label="Idioma"' in html


def test_alternates_name_every_language_and_the_source_as_default():
    site = links.Site("en", ("en", "es"), "es")
    tags = links.alternates(site, "x/y.html", "https://city.example/")
    assert tags.splitlines() == [
        '<link rel="alternate" hreflang="en" href="https://city.example/x/y.html">',
        '<link rel="alternate" hreflang="es" href="https://city.example/es/x/y.html">',
        '<link rel="alternate" hreflang="x-default" href="https://city.example/x/y.html">']


def test_sitemap_gets_an_alternate_per_language_on_each_url(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n'
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    "<url><loc>https://city.example/es/a.html</loc></url></urlset>", encoding="utf-8")
    sitemap.add_alternates(path, links.Site("en", ("en", "es"), "es"), "https://city.example/")
    sitemap.add_alternates(path, links.Site("en", ("en", "es"), "es"), "https://city.example/")  # idempotent
    text = path.read_text(encoding="utf-8")
    assert text.count("<xhtml:link") == 2
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://city.example/a.html" />' in text
    assert 'hreflang="es" href="https://city.example/es/a.html"' in text


def test_unreviewed_notice_is_in_the_readers_language_and_says_what_is_missing():
    text, lang = notice.unreviewed("es", 100)
    assert lang == "es" and "no ha sido revisada" in text and "%" not in text
    text, lang = notice.unreviewed("zh_CN", 40)
    assert lang == "zh" and "40%" in text
    text, lang = notice.unreviewed("fr", 10)
    assert lang == "en" and "10% of the text" in text


@pytest.mark.parametrize("linked", ["catalog", "folder"])
def test_make_translations_never_writes_through_a_linked_catalog(tmp_path, capsys, linked):
    """A .po that is a link (or a linked LC_MESSAGES) would have sphinx-intl overwrite what
    it leads to: the update is refused, each link named, and nothing is written."""
    from conftest import REPO
    from languages import update

    victim = tmp_path / "elsewhere" / "index.po"
    victim.parent.mkdir()
    victim.write_text("not to be touched\n", encoding="utf-8")
    folder = tmp_path / "pages" / "locales" / "es" / "LC_MESSAGES"
    if linked == "catalog":
        folder.mkdir(parents=True)
        (folder / "index.po").symlink_to(victim)
    else:
        folder.parent.mkdir(parents=True)
        folder.symlink_to(victim.parent, target_is_directory=True)
    pot = tmp_path / "gettext"
    pot.mkdir()
    (pot / "index.pot").write_text('msgid ""\nmsgstr ""\n\nmsgid "New"\nmsgstr ""\n', encoding="utf-8")

    assert update.main([str(REPO), str(tmp_path / "pages"), str(pot)]) == 1
    said = capsys.readouterr().err
    assert "a link; make translations writes catalogs in place" in said
    assert str(folder / "index.po" if linked == "catalog" else folder) in said
    assert victim.read_text(encoding="utf-8") == "not to be touched\n"
    assert sorted(p.name for p in victim.parent.iterdir()) == ["index.po"]
