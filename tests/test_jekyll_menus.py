"""An old site's menu orders its pages (``_data/navigation.yml``: minimal-mistakes,
uswds-jekyll, documentation-theme-jekyll): their docs carry no number, and came in title
order, every page warned for a missing ``position``."""

from __future__ import annotations

from pathlib import Path

import pypdf
from bs4 import BeautifulSoup
from conftest import build_every_edition, sphinx_build, write_pages
from test_order_editions import epub_orders

from jekyll_compat import menus

NAVIGATION = """\
main:
  - title: "Quick-Start Guide"
    url: https://mmistakes.github.io/minimal-mistakes/docs/quick-start-guide/
  - title: "Elsewhere"
    url: https://example.org/docs/alpha/
docs:
  - title: Getting Started
    children:
      - title: "Quick-Start Guide"
        url: /docs/quick-start-guide/
      - title: "Structure"
        url: /minimal-mistakes/docs/structure/
  - title: Customization
    children:
      - title: "Configuration"
        url: /docs/configuration/
      - title: "Alpha"
        url: /docs/alpha/
"""
MENU_ORDER = ["docs/quick-start-guide", "docs/structure", "docs/configuration", "docs/alpha"]


def test_a_menus_links_are_read_depth_first_as_the_sidebar_showed_them() -> None:
    data = {"main": [{"title": "A", "url": "/a/"}, {"title": "Out", "href": "https://x.org/"}],
            "docs": [{"title": "Group", "children": [{"url": "/b/"}, {"link": "/c/"}]},
                     {"title": "D", "url": "/d/", "children": [{"url": "/e/"}]}]}
    assert list(menus.links(data)) == ["/a/", "https://x.org/", "/b/", "/c/", "/d/", "/e/"]
    places = menus.ranks([data], {"/a/": "a", "/c/": "c", "/d/": "d", "/e/": "a"}.get)
    assert places == {"a": 1, "c": 2, "d": 3}


def test_only_a_themes_menu_files_are_menus() -> None:
    assert [name for name in ("navigation.yml", "nav.yaml", "sidebar_doc.yml", "sidebars/home.yml",
                              "toc.json", "menu.yml", "team.yml", "authors.yml", "navigator/x.yml",
                              "pagesnav.yml", "main_nav.yml", "site-navigation.yml", "canvas.yml",
                              "footer_nav.yml", "footernav.yml", "social-nav.yml")
            if menus.is_menu_file(name)] == ["navigation.yml", "nav.yaml", "sidebar_doc.yml",
                                             "sidebars/home.yml", "toc.json", "menu.yml",
                                             "pagesnav.yml", "main_nav.yml", "site-navigation.yml"]


def test_a_menu_named_for_its_pages_orders_them(tmp_path: Path) -> None:
    """The University of Idaho Library's side menus are ``_data/pagesnav.yml`` (a list of
    ``section:``/``link:`` entries per part of the site); the name did not start with
    ``nav``, so its pages came in title order, each warned for a missing ``position``."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: University of Idaho Library\n",
        "_data/pagesnav.yml": ("about:\n  - section: About Home\n    link: /about/\n"
                               "  - section: Departments\n    link: /about/departments.html\n"
                               "  - section: Policies\n    link: /about/policies.html\n    pages:\n"
                               "      - name: Fines\n        url: /about/policies.html#fines\n"
                               "  - section: Subject Liaisons\n    link: /about/liaisons.html\n"
                               "  - section: Hours\n    link: /about/hours.html\n"),
        "index.md": "---\ntitle: Home\n---\n\nHome page.\n",
        "about/index.md": "---\ntitle: About\n---\n\nAbout the library.\n",
        "about/hours.md": "---\ntitle: Hours\npermalink: /about/hours.html\n---\n\nOpen daily.\n",
        "about/liaisons.md": "---\ntitle: Subject Liaisons\npermalink: /about/liaisons.html\n---\n\nAsk us.\n",
        "about/policies.md": "---\ntitle: Library Policies\npermalink: /about/policies.html\n---\n\nRules.\n",
        "about/departments.md": "---\ntitle: Departments\npermalink: /about/departments.html\n---\n\nWho.\n",
    })
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert _listed(tmp_path / "html" / "about" / "index.html") == [
        "departments", "policies", "liaisons", "hours"]
    assert not [w for w in build.warnings if "[position.missing]" in w and "/about/" in w], build.output


def test_the_menu_orders_a_collection_in_every_edition_and_warns_only_the_unlisted(tmp_path: Path) -> None:
    docs = {f"_docs/{name.split('/')[1]}.md": f"---\ntitle: {title}\n---\n\nText of {title}.\n"
            for name, title in zip(reversed(MENU_ORDER), ["Alpha", "Configuration", "Structure", "Quick"])}
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Docs\nurl: https://mmistakes.github.io\nbaseurl: /minimal-mistakes\n"
                       "collections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\n",
        "_data/navigation.yml": NAVIGATION,
        "index.md": "---\ntitle: Home\n---\n\nHome page.\n",
        "_docs/index.md": "---\ntitle: Documentation\nposition: 1\n---\n\nThe docs.\n",
        "_docs/numbered.md": "---\ntitle: Numbered\nposition: 5\n---\n\nIts own place.\n",
        "_docs/unlisted.md": "---\ntitle: Unlisted\n---\n\nNot in the menu.\n",
        **docs})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    expected = [*MENU_ORDER, "docs/numbered", "docs/unlisted"]
    assert _listed(tmp_path / "out" / "html" / "docs" / "index.html") == [
        "getting-started", "customization", "numbered", "unlisted"]
    assert _listed(tmp_path / "out" / "html" / "docs" / "getting-started.html") == [
        "quick-start-guide", "structure"]
    spine, _ = epub_orders(next((tmp_path / "out" / "epub").glob("*.epub")))
    assert spine[spine.index("docs/index") + 1:] == [
        "docs/getting-started", *MENU_ORDER[:2], "docs/customization", *expected[2:]]
    outline = pypdf.PdfReader(next((tmp_path / "out" / "typst").glob("*.pdf"))).outline
    titles = ["Quick", "Structure", "Configuration", "Alpha", "Numbered", "Unlisted"]
    assert [t for t in _titles(outline) if t in titles] == titles
    assert _nested_under(outline, "Getting Started") == ["Quick", "Structure"]
    assert _nested_under(outline, "Customization") == ["Configuration", "Alpha"]
    missing = [w for w in builds["html"].warnings if "[position.missing]" in w]
    assert [w.split(":", 1)[0].rsplit("/", 1)[-1] for w in missing] == ["unlisted.md"], missing


def _listed(page: Path) -> list[str]:
    landing = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    return [a["href"].removesuffix(".html") for a in landing.select(".toctree-wrapper a")
            if "#" not in a["href"] and a.find_parent("li").find_parent("li") is None]


def _nested_under(outline: list, title: str) -> list[str] | None:
    """The titles of the bookmarks right under the bookmark ``title``."""
    for index, entry in enumerate(outline):
        if isinstance(entry, list):
            found = _nested_under(entry, title)
            if found is not None:
                return found
        elif entry.title == title and index + 1 < len(outline) and isinstance(outline[index + 1], list):
            return [e.title for e in outline[index + 1] if not isinstance(e, list)]
    return None


def test_a_menus_groups_are_its_sections_each_with_the_links_under_it() -> None:
    """minimal-mistakes' ``docs:`` groups, documentation-theme-jekyll's ``folders:`` inside an
    ``entries:`` item: the sidebar showed each group's title over its pages."""
    mm = {"main": [{"title": "Guide", "url": "/docs/a/"}],
          "docs": [{"title": "Getting  Started", "children": [{"url": "/a/"}, {"url": "/b/"}]},
                   {"title": "Linked", "url": "/c/", "children": [{"url": "/d/"}]},
                   {"name": "Named", "links": [{"href": "/e/"}, {"title": "no link"}]},
                   {"title": "Empty", "children": [{"title": "nothing"}]}]}
    assert menus.groups(mm) == [("Getting Started", ["/a/", "/b/"]), ("Named", ["/e/"])]
    dtj = {"entries": [{"title": "sidebar", "folders": [
        {"title": "Overview", "folderitems": [{"title": "A", "url": "/a.html"}]},
        {"title": "Writing", "folderitems": [{"title": "B", "url": "/b.html"},
                                             {"title": "Inner", "subfolders": [
                                                 {"title": "Deep", "subfolderitems": [
                                                     {"title": "C", "url": "/c.html"}]}]},
                                             {"title": "D", "url": "/d.html"}]}]}]}
    assert menus.groups(dtj) == [("Overview", ["/a.html"]), ("Writing", ["/b.html", "/d.html"]),
                                 ("Deep", ["/c.html"])]
    titles = menus.group_titles([mm, dtj], {"/a/": "a", "/b/": "b", "/a.html": "a", "/e/": "e"}.get)
    assert titles == {"a": "Getting Started", "b": "Getting Started", "e": "Named"}


def test_a_hostile_menu_is_read_within_its_budget() -> None:
    deep: list = []
    for _ in range(50_000):
        deep = [{"title": "g", "children": deep}]
    assert menus.groups(deep) == []


def _titles(outline: list) -> list[str]:
    return [title for entry in outline
            for title in (_titles(entry) if isinstance(entry, list) else [entry.title])]


def test_a_menu_groups_title_is_shown_as_written(tmp_path: Path) -> None:
    """A group's title is the menu's text, not Markdown: ``Fees `2024` *new*`` lost its
    backticks and stars, and HTML in it was said at a line of a file in the build folder."""
    from conftest import sphinx_build

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Site\n",
        "_data/navigation.yml": 'main:\n  - title: "Fees `2024` *new* <b>x</b> #1"\n    children:\n'
                                "      - title: A\n        url: /a/\n",
        "index.md": "---\ntitle: Home\n---\n\nHome words.\n",
        "a.md": "---\ntitle: A\n---\n\nA words.\n",
        "b.md": "---\ntitle: B\n---\n\nB words.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    landing = next(p for p in (tmp_path / "out").glob("*.html") if p.name.startswith("fees"))
    h1 = BeautifulSoup(landing.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
    assert h1.get_text().rstrip("¶#") == "Fees `2024` *new* <b>x</b> #1", h1
    assert not [w for w in build.warnings if "doctrees" in w or "pageorder-root" in w], build.warnings


def test_a_menu_beside_a_top_level_collection_and_no_landing_page_builds(tmp_path: Path) -> None:
    """plainlanguage.gov: ``_pages`` (``permalink: /:path/``), ``_guidelines`` and a
    ``navigation.yml``, no ``index.md``; the generated contents page, written outside the
    sources, crashed the menu's reading of every page's file."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: plainlanguage.gov\ncollections:\n  guidelines:\n    output: true\n"
                       "    permalink: /:collection/:path/\n  pages:\n    output: true\n"
                       "    permalink: /:path/\n",
        "_data/navigation.yml": "about:\n  - text: Walters v. Reno\n    href: /about/walters/\n"
                                "guidelines:\n  - text: Use lists\n    href: /guidelines/use-lists/\n",
        "_pages/about/walters.md": "---\ntitle: Walters v. Reno\n---\n\nThe court found for Walters.\n",
        "_guidelines/use-lists.md": "---\ntitle: Use lists\n---\n\nLists highlight steps.\n"})
    build_every_edition(source, tmp_path / "out", strict=False)
    text = (tmp_path / "out" / "html" / "about" / "walters.html").read_text(encoding="utf-8")
    assert "The court found for Walters." in text
