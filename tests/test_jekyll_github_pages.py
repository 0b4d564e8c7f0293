"""An old Jekyll site GitHub Pages built: its pages need no front matter.

GitHub Pages always runs jekyll-optional-front-matter and jekyll-readme-index. The City's
ctm-dev-workflow named the ``github-pages`` gem in its ``Gemfile`` and gave none of its
guides front matter: every one was left out as a file, and ``make all STRICT=0`` failed
("no pages to build") with no edition at all.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import build_every_edition, sphinx_build, write_pages

GUIDES = {
    "_config.yml": "theme: jekyll-theme-zilker",
    "Gemfile": "source 'https://rubygems.org'\ngem 'github-pages', group: :jekyll_plugins\n",
    "index.md": ("# Application Development Guides\n\nConfigure your GitHub account.  \n"
                 "**Reference:** [github.md](github.md)\n"),
    "github.md": "# GitHub\n\n## Using GitHub.com\n\nCreate an account with your CoA email.\n",
    "services/README.md": "# Tools & services used by CoA developers\n\nAcquia\n\n[GitHub](github.md)\n",
    "services/github.md": "# GitHub service\n\nThe Enterprise server.\n",
    "LICENSE.md": "Public domain.\n",
}


def _text(path: Path) -> str:
    return " ".join(BeautifulSoup(path.read_text(), "html.parser").find("article").get_text(" ").split())


def test_a_github_pages_site_publishes_its_pages_without_front_matter(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", GUIDES)
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    html = tmp_path / "out" / "html"
    assert "Create an account with your CoA email." in _text(html / "github.html")
    assert "Acquia" in _text(html / "services" / "README.html")
    assert "The Enterprise server." in _text(html / "services" / "github.html")
    home = BeautifulSoup((html / "index.html").read_text(), "html.parser")
    assert [a["href"] for a in home.select("article p a:not(.passage-link)")] == ["github.html"]
    # GitHub Pages left a repository's notes files, as Jekyll did: said, not published
    assert not (html / "LICENSE.html").exists()
    assert any("LICENSE.md" in w and "no front matter" in w for w in builds["html"].warnings)
    assert not [w for w in builds["html"].warnings if "no-front-matter" in w and "LICENSE" not in w]


def test_a_site_whose_pages_all_lack_front_matter_was_built_by_github_pages(tmp_path: Path) -> None:
    """Without a ``Gemfile``: plain Jekyll would have published no page at all."""
    source = write_pages(tmp_path / "src", {key: value for key, value in GUIDES.items() if key != "Gemfile"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert "Create an account with your CoA email." in _text(tmp_path / "html" / "github.html")


def test_plain_jekyll_still_copies_markdown_without_front_matter(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Guides\n",
        "Gemfile": "gem 'jekyll'\n",
        "index.md": "---\ntitle: Guides\n---\n\nWelcome.\n",
        "notes.md": "# Notes\n\nA snippet.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert not (tmp_path / "html" / "notes.html").exists()
    assert any("notes.md" in w and "no-front-matter" in w for w in build.warnings)


def test_a_github_pages_site_without_an_index_has_its_readme_as_home(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Hack the Traffic\n",
        "Gemfile": "gem \"github-pages\", group: :jekyll_plugins\n",
        "README.md": "# ATX Hack the Traffic\n\nSat, March 4, 2017.\n",
        "traffic-sensor.md": "# Traffic sensor\n\nCommodity hardware.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert "Sat, March 4, 2017." in _text(tmp_path / "html" / "README.html")


def test_a_page_without_front_matter_is_told_how_to_start_one(tmp_path: Path) -> None:
    """position.missing said "add e.g. `position: 10` to its front matter" to a page that has
    none, which leaves its writer looking for it: it says how to start one."""
    source = write_pages(tmp_path / "src", {key: value for key, value in GUIDES.items() if key != "Gemfile"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    [said] = [w for w in build.warnings if "github.md:1:" in w and "services" not in w
              and "[position.missing]" in w]
    assert "start it with front matter that gives its place: a line `---`, then `position: 10`" in said
    assert "to its front matter" not in said
