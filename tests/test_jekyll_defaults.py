"""Jekyll's front matter defaults (``_config.yml`` ``defaults:``) mean what they meant.

The root ``jekyll-defaults`` has the shape of real just-the-docs sites' ``defaults:``: a
layout for every page, a ``parent`` and ``nav_order`` for a folder, one file's
``nav_order``, a folder left unpublished, one file's ``permalink``. Jekyll's rules (its
``FrontmatterDefaults``): the page's own front matter wins; of the sets that apply, the
longer path wins, then the one with a type, then the later one.
"""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from conftest import copy_root, sphinx_build
from jekyll_compat import defaults
from test_order_editions import epub_orders, next_links_order

# install (its file's nav_order 1) < support (its own 3) < overview (the folder's 9)
ORDER = ["index", "users/index", "users/install", "users/support", "users/overview",
         "drafts/ready", "guides/legacy"]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("defaults")
    source = copy_root("jekyll-defaults", base / "src")
    for builder, folder in (("typst", "pdf"), ("epub", "epub"), ("html", "html")):
        build = sphinx_build(source, base / folder, builder, doctrees=base / "doctrees",
                             extra=("-D", f"editions_dir={base}"))
        assert build.returncode == 0, build.output
    return base


def test_defaults_order_and_leave_out_pages_in_every_edition(site: Path) -> None:
    assert next_links_order(site / "html") == ORDER
    spine, contents = epub_orders(next((site / "epub").glob("*.epub")))
    assert [d for d in spine if d in ORDER] == ORDER and [d for d in contents if d in ORDER] == ORDER
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(next((site / "pdf").glob("*.pdf"))).pages)
    body = text[text.index("sensor network, for the people"):]
    places = [body.index(words) for words in ("Install the app before", "Its own nav_order wins",
                                              "What the sensors measure", "Its own published: true")]
    assert places == sorted(places)
    assert "Not for publication" not in text
    assert not (site / "html" / "drafts" / "plan.html").exists()


def test_a_defaulted_permalink_is_an_old_address_that_leads_to_the_page(site: Path) -> None:
    redirect = (site / "html" / "guides" / "old-address" / "index.html").read_text(encoding="utf-8")
    assert "legacy.html" in redirect


@pytest.mark.parametrize(("sets", "path", "kind", "expected"), [
    ([{"scope": {"path": ""}, "values": {"layout": "page"}}], "a.md", "pages", {"layout": "page"}),
    ([{"scope": {"path": "users"}, "values": {"n": 1}}, {"scope": {"path": "users/a.md"}, "values": {"n": 2}}],
     "users/a.md", "pages", {"n": 2}),  # the longer path wins, whatever the order
    ([{"scope": {"path": "users/a.md"}, "values": {"n": 2}}, {"scope": {"path": "users"}, "values": {"n": 1}}],
     "users/a.md", "pages", {"n": 2}),
    ([{"scope": {"path": "", "type": "pages"}, "values": {"n": 1}}, {"scope": {"path": ""}, "values": {"n": 2}}],
     "a.md", "pages", {"n": 1}),  # same path: the one with a type wins
    ([{"scope": {"path": ""}, "values": {"n": 1}}, {"scope": {"path": ""}, "values": {"n": 2}}],
     "a.md", "pages", {"n": 2}),  # a tie: the later one
    ([{"scope": {"path": "", "type": "posts"}, "values": {"n": 1}}], "a.md", "pages", {}),
    ([{"scope": {"path": "", "type": "post"}, "values": {"n": 1}}], "_posts/2020-01-01-a.md", "posts", {"n": 1}),
    ([{"scope": {"path": "docs/*.md"}, "values": {"n": 1}}], "docs/a.md", "pages", {"n": 1}),
    ([{"scope": {"path": "docs"}, "values": {"seo": {"a": 1}}},
      {"scope": {"path": "docs/x"}, "values": {"seo": {"b": 2}}}], "docs/x/y.md", "pages",
     {"seo": {"a": 1, "b": 2}}),  # mappings merged
    ("not a list", "a.md", "pages", {}),
    ([{"scope": "bad", "values": {"n": 1}}, {"values": "bad"}, 7], "a.md", "pages", {"n": 1}),
])
def test_jekylls_rules_for_which_defaults_apply(sets, path, kind, expected) -> None:
    assert defaults.values_for(sets, path, kind) == expected


def test_the_pages_own_front_matter_wins() -> None:
    assert defaults.with_defaults({"nav_order": 3}, {"nav_order": 9, "parent": "Users"}) == {
        "nav_order": 3, "parent": "Users"}
    assert defaults.page_type("_posts/2020-01-01-a.md") == "posts"
    assert defaults.page_type("_projects/a.md", {"_projects": "projects"}) == "projects"
