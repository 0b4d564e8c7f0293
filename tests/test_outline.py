"""The outline: sorting siblings, sections, landing pages, unpublished pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pageorder.frontmatter import Page, read_page
from pageorder.outline import build_outline
from pageorder.problems import Kind

from conftest import REPO, write_pages


def outline_of(*pages: Page, root: str = "index"):
    return build_outline({p.docname: p for p in (Page(root, "Home"), *pages)}, root)


def reported(outline) -> list[tuple[str, Kind]]:
    return [(docname, problem.kind) for docname, problem in outline.problems]


def test_ascending_positions_negative_first():
    outline = outline_of(Page("b", "B", 3), Page("a", "A", -2), Page("c", "C", 0))
    assert outline.order == ("index", "a", "c", "b")
    assert not outline.problems


def test_ties_are_stable_by_title_then_path_and_warn():
    outline = outline_of(Page("x", "beta", 1), Page("y", "Alpha", 1), Page("w", "Alpha", 1))
    assert outline.order == ("index", "w", "y", "x")
    assert reported(outline) == [("y", Kind.POSITION_DUPLICATE), ("x", Kind.POSITION_DUPLICATE),
                                 ("w", Kind.TITLE_SHARED)]


def test_pages_beside_each_other_with_one_title_are_said_once():
    """The VA's generated VistA RPC pages all have `title: VISTA RPC documentation` (each
    names its RPC only in a heading): the contents listed nine identical entries, unsaid."""
    outline = outline_of(
        Page("rpc/index", "RPCs", 1), Page("rpc/ORK_TRIGGER", "VISTA RPC documentation", 1),
        Page("rpc/XWB_RPC_LIST", "VISTA RPC documentation", 2, title_line=3),
        Page("rpc/MAG_CONSULT", "VISTA  RPC Documentation", 3), Page("rpc/other", "Other", 4),
        Page("news/index", "News", 2),
        Page("news/2024-01-02-update", "Weekly update", dated=("2024-01-02", "a")),
        Page("news/2024-01-09-update", "Weekly update", dated=("2024-01-09", "b")),
        Page("elsewhere/index", "Elsewhere", 3), Page("elsewhere/a", "Other", 1))
    shared = [(d, p) for d, p in outline.problems if p.kind is Kind.TITLE_SHARED]
    assert [(d, p.line) for d, p in shared] == [("rpc/ORK_TRIGGER", 1)]
    assert "the title 'VISTA RPC documentation' is also the title of 'rpc/XWB_RPC_LIST', " \
        "'rpc/MAG_CONSULT' beside this page, so the contents list shows the same words for 3 " \
        "pages" in shared[0][1].message


def test_unpositioned_pages_go_last_by_title_and_warn():
    outline = outline_of(Page("n2", "Zed"), Page("p", "P", 99), Page("n1", "Abc"))
    assert outline.order == ("index", "p", "n1", "n2")
    assert sorted(reported(outline)) == [("n1", Kind.POSITION_MISSING), ("n2", Kind.POSITION_MISSING)]


def test_folders_nest_under_their_landing_pages_three_deep():
    outline = outline_of(
        Page("s/index", "S", 1), Page("s/b", "SB", 2), Page("s/a", "SA", 1),
        Page("s/t/index", "T", 3), Page("s/t/u/index", "U", 1), Page("s/t/u/leaf", "Leaf", 1),
        Page("top", "Top", 0),
    )
    assert outline.children["index"] == ("top", "s/index")
    assert outline.children["s/index"] == ("s/a", "s/b", "s/t/index")
    assert outline.children["s/t/u/index"] == ("s/t/u/leaf",)
    assert outline.order == ("index", "top", "s/index", "s/a", "s/b", "s/t/index", "s/t/u/index",
                             "s/t/u/leaf")


def test_jekyll_landing_beside_its_folder():
    outline = outline_of(Page("proj", "Projects", 1), Page("proj/x", "X", 2), Page("proj/w", "W", 1))
    assert outline.children["index"] == ("proj",)
    assert outline.children["proj"] == ("proj/w", "proj/x")


def test_two_landing_pages_keep_both_pages():
    outline = outline_of(Page("s", "S jekyll", 2), Page("s/index", "S", 1), Page("s/a", "A", 1))
    assert reported(outline) == [("s", Kind.TWO_LANDINGS)]
    assert outline.children["index"] == ("s/index", "s")
    assert outline.children["s/index"] == ("s/a",)


def test_folder_without_landing_gets_a_generated_one_and_keeps_its_structure():
    """Jekyll needs no landing page, so real old sites have folders without one (the City's
    ``_projects/Smart City Strategic Roadmap/Roadmap/``): the section stays a section."""
    outline = outline_of(Page("a", "A", 1), Page("f-g/x", "X", 3), Page("f-g/sub dir/y", "Y", 2),
                         Page("b", "B", 3), Page("drafts/d", "D", 1, published=False))
    assert outline.children["index"] == ("a", "b", "f-g/index")
    assert outline.children["f-g/index"] == ("f-g/sub dir/index", "f-g/x")
    assert outline.children["f-g/sub dir/index"] == ("f-g/sub dir/y",)
    assert {d: (p.title, p.position) for d, p in outline.generated.items()} == {
        "f-g/index": ("F G", 3), "f-g/sub dir/index": ("Sub dir", 2)}
    assert sorted(reported(outline)) == [("f-g/sub dir/y", Kind.NO_LANDING), ("f-g/x", Kind.NO_LANDING)]
    assert not any(p.kind == Kind.POSITION_DUPLICATE for _, p in outline.problems)  # b and f-g: 3
    assert "drafts/index" not in outline.order


def test_a_page_in_a_folder_with_the_folders_permalink_lands_it():
    """plainlanguage.gov's ``_pages/about/history/timeline.md`` is ``permalink: /about/history/``:
    the section's page on the old site; a generated "History" contents page took its place."""
    outline = outline_of(Page("about/index", "About", 1), Page("about/history/timeline", "Plain language "
                         "in government", 1, address="about/history"),
                         Page("about/history/laws", "Laws", 2), Page("about/team", "Team", 2))
    assert outline.children["about/index"] == ("about/history/timeline", "about/team")
    assert outline.children["about/history/timeline"] == ("about/history/laws",)
    assert not outline.generated and not reported(outline)


def test_a_folders_readme_lands_it_when_it_has_no_index():
    """As GitHub shows a folder, and GitHub Pages (jekyll-readme-index) published it: the City's
    repositories have ``guide/README.md`` and no ``guide/index.md``. A generated contents page
    took the section, and the README became a page inside it."""
    outline = outline_of(Page("guide/README", "The guide", 2), Page("guide/one", "One", 1),
                         Page("docs/readme", "Docs", 3), Page("docs/a", "A", 1),
                         Page("kept/index", "Kept", 4), Page("kept/README", "Notes", 1))
    assert outline.children["index"] == ("guide/README", "docs/readme", "kept/index")
    assert outline.children["guide/README"] == ("guide/one",)
    assert outline.children["docs/readme"] == ("docs/a",)
    assert outline.children["kept/index"] == ("kept/README",)
    assert not outline.generated and not reported(outline)


def test_a_page_beside_a_folder_with_the_folders_permalink_lands_it():
    """The City's ``_projects/SUMMITweek Winter 2018.md`` (``permalink:
    /projects/SUMMITweek-Winter-2018/``) is the landing of ``SUMMITweek-Winter-2018/``."""
    outline = outline_of(
        Page("p/Week 2018", "Week 2018", 6, redirect=True, address="p/Week-2018"),
        Page("p/Week-2018/about", "About", 1), Page("p/index", "P", 1),
        Page("p/elsewhere", "Elsewhere", 2, address="q/Week-2018"))     # not beside that folder
    assert outline.children["p/index"] == ("p/elsewhere", "p/Week 2018")
    assert outline.children["p/Week 2018"] == ("p/Week-2018/about",)
    assert outline.sections == {"p/Week 2018"} and not outline.generated
    assert not reported(outline)

    draft = outline_of(Page("news-draft", "Draft", 1, published=False, address="news"),
                       Page("news/a", "A", 1))
    assert draft.order == ("index", "news/index", "news/a")   # the draft hides no section


@pytest.mark.parametrize("link, address", [
    ('"/projects/SUMMITweek-Winter-2018/"', "projects/SUMMITweek-Winter-2018"),
    ("/a%20b/c", "a b/c"), ("https://example.org/x/", None), ("/", None), ("/../etc/", None),
    ("[1, 2]", None)])
def test_a_permalink_names_the_folder_it_is_the_address_of(tmp_path, link, address):
    page = tmp_path / "p.md"
    page.write_text(f"---\ntitle: P\npermalink: {link}\n---\n\nText.\n", encoding="utf-8")
    assert read_page("p", page).address == address


# just-the-docs' own docs (docs/navigation/main/*.md): pages say where they go by title.
def jtd(docname: str, front: str, tmp_path) -> Page:
    path = tmp_path / (docname.replace("/", "_") + ".md")
    path.write_text(f"---\n{front}\n---\n\nText.\n", encoding="utf-8")
    return read_page(docname, path)


def test_just_the_docs_pages_nest_by_parent_title_and_sort_by_nav_order(tmp_path):
    front = {
        "docs/navigation/index": "title: Navigation\nnav_order: 5",
        "docs/ui-components/index": "title: UI Components\nnav_order: 4",
        "docs/navigation/main/index": "title: Main Navigation\nparent: Navigation\nnav_order: 1",
        "docs/navigation/in-page": "title: In-Page Navigation\nparent: Navigation\nnav_order: 5",
        "docs/navigation/main/ancestry": "title: Ancestry\nparent: Main Navigation\nnav_order: 4",
        "docs/navigation/main/order": "title: Ordering Pages\nparent: Main Navigation\nnav_order: 1",
        "docs/ui-components/callouts": "title: Callouts\nparent: UI Components\nnav_order: 1.5",
        "docs/ui-components/typography": "title: Typography\nparent: UI Components\nnav_order: 1",
        "docs/navigation/main/x": "title: X\nparent: Ancestry",
        "docs/navigation/main/y": "title: Y\nparent: Ancestry",
        "docs/navigation/main/xs": "title: S\nparent: X",
        "docs/navigation/main/ys": "title: S\nparent: Y",
        "docs/navigation/main/xt": "title: T\nparent: S\ngrand_parent: X",
        "docs/navigation/main/yt": "title: T\nparent: S\nancestor: Y",
        "docs/navigation/main/xu": "title: U\nparent: T\nancestor: X",
        "docs/navigation/main/yu": "title: U\nparent: T\nancestor: Y",
    }
    outline = outline_of(*(jtd(d, f, tmp_path) for d, f in front.items()))
    main = "docs/navigation/main/"
    assert outline.children["index"] == ("docs/ui-components/index", "docs/navigation/index")
    assert outline.children["docs/ui-components/index"] == (
        "docs/ui-components/typography", "docs/ui-components/callouts")
    assert outline.children[main + "index"] == (main + "order", main + "ancestry")
    assert outline.children[main + "ancestry"] == (main + "x", main + "y")
    assert [outline.children[main + n] for n in ("x", "xs", "xt", "y", "ys", "yt")] == [
        (main + "xs",), (main + "xt",), (main + "xu",), (main + "ys",), (main + "yt",), (main + "yu",)]
    assert not [k for k in reported(outline) if k[1] is not Kind.POSITION_MISSING]
    assert "generated" not in outline.order


def test_a_parent_that_names_no_page_or_several_or_a_loop_is_reported_at_its_line(tmp_path):
    outline = outline_of(
        jtd("btl1", "title: BTL1\nnav_order: 1\nparent: Diario de un Cojo", tmp_path),
        jtd("a", "title: S\nparent: Z", tmp_path), jtd("b", "title: S\nnav_order: 2", tmp_path),
        jtd("z", "title: Z\nparent: T", tmp_path), jtd("t", "title: T\nparent: Z", tmp_path),
        jtd("c", "title: C\nparent: S", tmp_path))
    problems = {(d, p.kind): p for d, p in outline.problems}
    assert problems["btl1", Kind.PARENT_MISSING].line == 4
    assert "Diario de un Cojo" in problems["btl1", Kind.PARENT_MISSING].message
    assert ("c", Kind.PARENT_AMBIGUOUS) in problems
    assert ("t", Kind.PARENT_LOOP) in problems or ("z", Kind.PARENT_LOOP) in problems
    assert sorted(outline.order) == sorted(["index", "btl1", "a", "b", "z", "t", "c"])


def test_a_page_no_parent_places_stays_under_its_folders_page(tmp_path):
    """18F's before-you-ship: ``security/static-analysis.md`` says ``parent: Security`` (the
    folder's page is titled "General Security Standards"), ``ato/tips.md`` says nothing. One
    ``parent:`` in the site made every page a just-the-docs page: both came out at the top."""
    outline = outline_of(
        jtd("ato", "title: ATOs\nnav_order: 1", tmp_path),
        jtd("ato/tips", "title: Tips", tmp_path),
        jtd("ato/types/index", "title: Types", tmp_path),
        jtd("ato/types/low", "title: Low", tmp_path),
        jtd("security", "title: General Security Standards\nnav_order: 2", tmp_path),
        jtd("security/static-analysis", "title: Static Analysis\nparent: Security", tmp_path),
        jtd("security/mfa", "title: MFA\nparent: General Security Standards", tmp_path),
        jtd("loose/page", "title: Loose", tmp_path))
    assert outline.children["index"] == ("ato", "security", "loose/page")
    assert outline.children["ato"] == ("ato/tips", "ato/types/index")
    assert outline.children["ato/types/index"] == ("ato/types/low",)
    assert outline.children["security"] == ("security/mfa", "security/static-analysis")
    missing = {d: p for d, p in outline.problems if p.kind is Kind.PARENT_MISSING}
    assert list(missing) == ["security/static-analysis"]
    assert "listed under its folder's page 'General Security Standards'" in \
        missing["security/static-analysis"].message


def test_a_generated_landing_reads_underscores_as_spaces():
    outline = outline_of(Page("a", "A", 1), Page("application_development/deployment", "Deployment", 2))
    assert outline.generated["application_development/index"].title == "Application Development"


def test_the_generated_root_says_why_when_every_page_is_in_a_folder(tmp_path: Path) -> None:
    """fortran-lang keeps every page under learn/: the info line said "every top-level page
    redirects or is unpublished", of a folder that has no top-level page."""
    source = write_pages(tmp_path / "src", {
        "learn/index.md": "---\ntitle: Learn\nposition: 1\n---\n\nStart here.\n",
        "learn/arrays.md": "---\ntitle: Arrays\nposition: 1\n---\n\nArrays.\n"})
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "--no-color",
                             str(source), str(tmp_path / "html")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no page can be the landing page (every page is in a folder)" in result.stdout


def test_a_readme_written_as_a_page_is_published_and_a_repositorys_readme_is_not(tmp_path):
    """``README.md`` beside the pages is left out: a repository's notes for the people who
    keep its files. One with a front matter (title, position) was a page, which Jekyll
    published; it was left out without a word."""
    from conftest import sphinx_build

    home = "---\ntitle: Home\n---\n\nWelcome.\n"
    page = write_pages(tmp_path / "page", {"index.md": home, "README.md": (
        "---\ntitle: About this guide\nposition: 1\n---\n\nHow to read it.\n")})
    notes = write_pages(tmp_path / "notes", {"index.md": home, "README.md": "# Repo\n\nRun make.\n"})
    for source, published in ((page, True), (notes, False)):
        build = sphinx_build(source, source.parent / (source.name + "-html"))
        assert build.returncode == 0, build.output
        assert (source.parent / (source.name + "-html") / "README.html").is_file() == published


def test_a_language_folder_is_titled_in_its_language_only_when_its_pages_say_so():
    """nelbren's bilingual site has en/ and es/ and no landing: the sections were "En" and
    "Es". A folder is titled in its language only when every page in it says it (``it/``
    of the IT office stays "It")."""
    outline = outline_of(Page("es/about", "Sobre", 1, language="es"),
                         Page("es/contact", "Contacto", 2, language="es-mx"),
                         Page("en/about", "About", 1, language="en"),
                         Page("it/help", "Help desk", 1),
                         Page("hr/jobs", "Jobs", 1, language="en"))
    titles = {d: p.title for d, p in outline.generated.items()}
    assert titles == {"es/index": "Español", "en/index": "English", "it/index": "It",
                      "hr/index": "Hr"}


def test_the_language_comes_from_lang_or_locale(tmp_path):
    pages = write_pages(tmp_path, {"a.md": "---\ntitle: A\nlocale: es_MX\n---\n\nHola.\n",
                                   "b.md": "---\ntitle: B\nlang: [es]\n---\n\nHola.\n"})
    assert read_page("a", pages / "a.md").language == "es-mx"
    assert read_page("b", pages / "b.md").language is None


def test_an_old_menus_groups_are_sections_where_their_first_page_was():
    """minimal-mistakes' sidebar showed "Getting Started" over its pages: those pages are
    listed under a generated landing of that title, which takes the first one's place."""
    outline = outline_of(
        Page("docs/index", "Docs", 1),
        Page("docs/intro", "Intro", nav_order=1),
        Page("docs/quick", "Quick", nav_order=2, menu_group="Getting Started"),
        Page("docs/setup", "Setup", nav_order=3, menu_group="Getting Started"),
        Page("docs/config", "Config", nav_order=4, menu_group="Customization"),
        Page("docs/getting-started/old", "Old", nav_order=5))
    assert outline.children["docs/index"] == (
        "docs/intro", "docs/getting-started-2", "docs/customization", "docs/getting-started/index")
    assert outline.children["docs/getting-started-2"] == ("docs/quick", "docs/setup")
    assert outline.generated["docs/getting-started-2"].title == "Getting Started"
    assert outline.children["docs/customization"] == ("docs/config",)
    assert not [p for d, p in outline.problems if d.startswith("docs/getting-started-2")]


def test_a_menu_group_that_lists_a_folders_landing_is_made_beside_that_folder():
    """The group lists `services/index` (the folder's landing) and `about`: its generated
    landing was made inside `services/`, a section inside the folder it holds."""
    outline = outline_of(
        Page("services/index", "Services", 1, menu_group="City"),
        Page("services/permits", "Permits", 1),
        Page("about", "About", 2, menu_group="City"),
        Page("contact", "Contact", 3))
    assert outline.children["index"] == ("city", "contact")
    assert outline.children["city"] == ("services/index", "about")
    assert outline.children["services/index"] == ("services/permits",)


def test_one_menu_group_holding_every_page_of_a_section_adds_no_level():
    outline = outline_of(Page("a", "A", 1, menu_group="Docs"), Page("b", "B", 2, menu_group="Docs"))
    assert outline.children["index"] == ("a", "b")
    assert not outline.generated


def test_a_menu_groups_name_is_short_whatever_its_title():
    long_title = "Getting started " * 400
    outline = outline_of(Page("a", "A", 1, menu_group=long_title), Page("b", "B", 2),
                         Page("c", "C", 3, menu_group="Über uns!"))
    assert outline.children["index"] == ("getting-started-getting-started-getting-started-getting", "b", "uber-uns")
    assert outline.generated["uber-uns"].title == "Über uns!"


_NAMES = st.sampled_from(["a", "b", "c", "a/x", "a/y", "a/z", "b/x", "b/q/r", "getting-started",
                          "a/getting-started", "docs/index", "docs/one", "docs/two"])


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_NAMES, st.tuples(st.one_of(st.none(), st.integers(-3, 3)),
                                          st.one_of(st.none(), st.sampled_from(
                                              ["Getting Started", "getting started!", "Über", "", "A" * 90])))))
def test_menu_sections_keep_every_page_once(spec):
    """Whatever groups an old site's menu gives its pages, each published page is listed
    exactly once, under the root, and a generated section's name is no page's."""
    pages = [Page(d, d.title(), position, menu_group=group or None) for d, (position, group) in spec.items()]
    outline = outline_of(*pages)
    order = outline.order
    assert len(order) == len(set(order))
    assert set(spec) <= set(order)
    for docname in outline.generated:
        assert docname not in spec
    for landing, kids in outline.children.items():
        assert landing in order and all(k in order for k in kids)


def test_a_repositorys_readme_is_its_home_when_the_folder_has_no_index(tmp_path):
    """The City's hack-the-traffic and techstack repositories, copied as they are, have a
    ``README.md`` and no ``index.md``: GitHub showed the README as the folder's page, and
    the build left every one of its words out without a line (a generated home page took
    its place)."""
    from bs4 import BeautifulSoup

    from conftest import sphinx_build

    source = write_pages(tmp_path / "src", {
        "README.md": "# ATX Hack the Traffic\n\nSat, March 4, 2017 at Galvanize Austin.\n",
        "traffic-sensor.md": "# ATX Open Source Traffic Sensor\n\nCommodity hardware.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    home = BeautifulSoup((tmp_path / "html" / "README.html").read_text(), "html.parser")
    assert "Sat, March 4, 2017 at Galvanize Austin." in home.find("article").get_text(" ")
    assert "Commodity hardware" not in home.find("article").get_text(" ")
    listed = [a.get_text(" ", strip=True) for a in home.select("article .toctree-wrapper a")]
    assert listed == ["ATX Open Source Traffic Sensor"]
