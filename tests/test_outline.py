"""The outline: sorting siblings, sections, landing pages, unpublished pages."""

from __future__ import annotations

import pytest

from pageorder.frontmatter import Page
from pageorder.outline import build_outline, folder_title
from pageorder.problems import Kind


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
    assert reported(outline) == [("y", Kind.POSITION_DUPLICATE), ("x", Kind.POSITION_DUPLICATE)]


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
        "f-g/index": ("F G", 3), "f-g/sub dir/index": ("sub dir", 2)}
    assert sorted(reported(outline)) == [("f-g/sub dir/y", Kind.NO_LANDING), ("f-g/x", Kind.NO_LANDING)]
    assert not any(p.kind == Kind.POSITION_DUPLICATE for _, p in outline.problems)  # b and f-g: 3
    assert "drafts/index" not in outline.order


@pytest.mark.parametrize("name, title", [
    ("vision-zero-waste", "Vision Zero Waste"), ("Smart City Strategic Roadmap", "Smart City Strategic Roadmap"),
    ("ODD_team", "ODD Team"), ("2018", "2018"), ("--", "--")])
def test_a_generated_landing_is_titled_like_jekyll_titles_a_slug(name, title):
    assert folder_title(name) == title


def test_unpublished_page_and_section_are_left_out():
    outline = outline_of(Page("a", "A", 1), Page("d", "Draft", 2, published=False),
                         Page("h/index", "H", 3, published=False), Page("h/c", "C", 1))
    assert outline.order == ("index", "a")
    assert outline.unpublished == {"d", "h/index", "h/c"}


def test_root_is_never_unpublished_or_listed():
    outline = build_outline({"index": Page("index", "Home", 5, published=False),
                             "a": Page("a", "A", 1)}, "index")
    assert outline.order == ("index", "a") and not outline.unpublished


def test_problems_from_the_reader_are_passed_on_without_a_second_message():
    from pageorder.problems import Problem
    broken = Page("b", "B", None, problems=(Problem(Kind.YAML, 2, "bad"),))
    outline = outline_of(broken)
    assert reported(outline) == [("b", Kind.YAML)]
    assert outline.order == ("index", "b")
