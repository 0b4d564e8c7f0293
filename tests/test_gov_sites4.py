"""More civic Jekyll sites, as they are, build as Jekyll published them.

Each test is a small project in the shape of a real site (the text shortened): Code for
DC's brigade site (``civictechdc/codefordc.github.com``), whose guides are a published
collection ``_resources/`` (an ``index.html`` page written in HTML among them, so ``.html``
is a page's suffix there) beside a top-level ``about.html`` that has no front matter: a
whole HTML document Jekyll copied to ``/about.html`` as it was.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import build_every_edition, sphinx_build, write_pages


def words(html: Path) -> str:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return " ".join((soup.find("article") or soup).get_text(" ").split())


CODE_FOR_DC = {
    "_config.yml": ("name: Code for DC\nurl: http://codefordc.org\nmarkdown: redcarpet\n"
                    "collections:\n    resources:\n        output: true\n"),
    "_layouts/default.html": "<html><body>\n{{ content }}\n</body></html>\n",
    "_resources/index.html": (
        "---\ntitle: Resources\nlayout: default\n---\n<div class=\"container\">\n"
        "  <h1>Resources</h1>\n  <p class=\"lead\">Here you'll find some resources for doing "
        "things the Code for DC Way.</p>\n</div>\n"),
    "_resources/partnering.md": (
        "---\nlayout: resource\ntitle: Partnering with Code for DC\n---\n\n"
        "# Interested in Partnering with Us?\n\nExcellent! We're interested to hear from you.\n"),
    "about.html": (
        "<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n    <title>Code for DC</title>\n"
        "  </head>\n  <body>\n    <div class=\"container\">\n      <div class=\"starter-template\">\n"
        "        <h1>About</h1>\n        <p class=\"lead\">This is the about page.</p>\n"
        "      </div>\n    </div>\n  </body>\n</html>\n"),
}


def test_an_html_file_without_front_matter_is_not_made_the_landing_page(tmp_path: Path) -> None:
    """With no ``index`` page, the landing page was chosen among the top files of every
    page suffix, ``.html`` too: ``about.html``, a file Jekyll only copied, was named the
    landing page while the build read no such page, so its home was a generated contents
    page at ``about.html`` and ``index.html`` a "Moved" notice pointing there. The landing
    page is chosen among pages only: the generated one is the publication's home."""
    source = write_pages(tmp_path / "src", CODE_FOR_DC)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert "'about' is the landing page" not in build.output, build.output
    home = words(tmp_path / "html" / "index.html")
    assert "Moved" not in home and "Partnering with Code for DC" in home, home


def test_an_html_file_jekyll_copied_with_words_of_its_own_is_said_to_be_left_out(tmp_path: Path) -> None:
    """Jekyll copied ``about.html`` to ``/about.html``, and its readers read "This is the
    about page." there. The publication publishes no HTML file (it could run scripts), and
    left it out without a word; now the file is named, with its first words and what to do.
    An HTML file with no words of its own (a redirect stub, a script) is not said."""
    source = write_pages(tmp_path / "src", {
        **CODE_FOR_DC, "index.md": "---\ntitle: Code for DC\n---\n\nWe are a Code for America brigade.\n",
        "assets/frame.html": "<html><body><script>document.write('x')</script></body></html>\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.output.splitlines() if "WARNING" in line and "about.html:1:" in line]
    assert len(said) == 1 and "This is the about page" in said[0], build.output
    assert "[jekyll.no-front-matter]" in said[0] and "about.md" in said[0], said
    assert "frame.html" not in build.output, build.output
    assert "This is the about page" not in words(tmp_path / "html" / "index.html")


def test_a_page_written_in_html_whose_h1_repeats_its_title_shows_it_once(tmp_path: Path) -> None:
    """``_resources/index.html`` has ``title: Resources`` and opens with
    ``<h1>Resources</h1>``: its readers saw "Resources" once, as a Markdown page's
    ``# Title`` that repeats ``title:`` is shown once. The publication printed it twice,
    the title and then the page's own heading. An ``<h1>`` with other words is kept."""
    source = write_pages(tmp_path / "src", {
        **CODE_FOR_DC, "index.md": "---\ntitle: Code for DC\n---\n\nWe are a Code for America brigade.\n",
        "_resources/tools.html": ("---\ntitle: Tools\nlayout: default\n---\n"
                                  "<div>\n  <h1>Our tools</h1>\n  <p>Validators.</p>\n</div>\n")})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    soup = BeautifulSoup((tmp_path / "html" / "resources" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    headings = [h.get_text(" ", strip=True).rstrip("¶ ") for h in soup.find("article").find_all(["h1", "h2"])]
    assert headings.count("Resources") == 1, headings
    assert "the Code for DC Way." in words(tmp_path / "html" / "resources" / "index.html")
    soup = BeautifulSoup((tmp_path / "html" / "resources" / "tools.html").read_text(encoding="utf-8"),
                         "html.parser")
    headings = [h.get_text(" ", strip=True).rstrip("¶ ") for h in soup.find("article").find_all(["h1", "h2"])]
    assert headings == ["Tools", "Our tools"], headings


COUNTIES = {
    "_config.yml": ("author:\n  name: Quinn Hart\n  email: qjhart@ucdavis.edu\ngenre: Spatial Data\n"
                    "publisher:\n  name: University of California, Davis\n"
                    "  url: https://www.library.ucdavis.edu\ndatePublished: 2015-02-15\n"
                    "markdown: kramdown\ntheme: minima\n"),
    "index.md": (
        "---\nlayout: home\n\ntitle: California Counties\n---\n\n"
        "{{page.title || site.github.project_title}}\n===========================================\n"
        "{% if site.genre %}Genre: {{site.genre}}{% endif %}    \n\n"
        "Distribution\n------------\nThis dataset was last published {{site.datePublished}}.\n\n"
        "{% if site.author.name | site.author.email %}\nAuthor\n------\n"
        "{{site.author.name}} <{{site.author.email}}>\n{% endif %}\n\n"
        "{% if site.nothing || site.genre %}Shown only when nothing is.{% endif %}\n"),
}


def test_jekyll_lax_pipes_in_an_output_and_a_condition_run_as_jekyll_ran_them(tmp_path: Path) -> None:
    """The UC Davis Library's California Counties dataset page (``ucd-library/california-counties``)
    wrote ``{{page.title || site.github.project_title}}`` and ``{% if site.author.name |
    site.author.email %}``. Jekyll's lax Liquid read the first as ``page.title`` (what follows
    ``|`` read as a filter it did not know, and ignored) and the second as ``site.author.name``
    (the condition ends where no operator follows). The engine refused both: the page showed
    the tags as typed. Now they run as Jekyll ran them, and its title is shown once."""
    source = write_pages(tmp_path / "src", COUNTIES)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    shown = words(tmp_path / "html" / "index.html")
    assert "{{" not in shown and "{%" not in shown and "||" not in shown, shown
    assert "Author" in shown and "Quinn Hart" in shown, shown
    assert "Shown only when nothing is." not in shown, shown
    assert "cannot run" not in build.output, build.output
    soup = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [h.get_text(" ", strip=True).rstrip("¶ ") for h in soup.find("article").find_all(["h1", "h2"])]
    assert headings.count("California Counties") == 1, headings


def test_a_site_whose_config_names_nothing_is_named_after_its_home_page(tmp_path: Path) -> None:
    """California Counties' ``_config.yml`` has no ``title:`` or ``name:`` (its dataset's
    name is the home page's ``title:``, which jekyll-seo-tag put in the browser's tab). The
    publication took the name of the tools' own project instead, on every page's head,
    the cover and the citations, without a word. It is named after its home page now."""
    source = write_pages(tmp_path / "src", COUNTIES)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    soup = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text(strip=True) == "California Counties", soup.title
    assert "Smart City Austin" not in soup.get_text(" "), soup.title


PRODUCT_GUIDE = {
    "_config.yml": ("title: 18F Product Guide\nmarkdown: kramdown\npermalink: pretty\n"
                    "collections:\n  pages:\n    output: true\n    permalink: /:path/\n"),
    "index.md": ("---\nlayout: post\ntitle: About this guide\npermalink: /\nsidenav: about\n"
                 "sticky_sidenav: true\n---\n\n18F product managers lead cross-functional teams.\n"),
    "_pages/resources.md": (
        "---\nlayout: post\ntitle: Resources\npermalink: /resources/\nsidenav: about\n"
        "sticky_sidenav: true\nsubnav:\n  - text: Product management in government\n"
        "    href: \"#product-management-in-government\"\n  - text: General\n    href: \"#general\"\n"
        "---\n\nSeveral resources are provided on specific topics within this guide.\n\n"
        "## Product management in government\n\n- [Digital.gov's guide](https://digital.gov/topics/product-management/)\n\n"
        "## General\n\n- [18F Handbook](https://handbook.tts.gsa.gov/)\n"),
}


def test_uswds_sticky_sidenav_is_a_switch_and_a_subnav_to_its_own_headings_is_followed(tmp_path: Path) -> None:
    """18F's Product Guide (uswds-jekyll) sets ``sticky_sidenav: true`` on every page, a
    switch that kept the side menu on screen, and lists a page's sections as ``subnav:``
    links to its own headings (``#general``). Both were false warnings that fail a strict
    build: the switch was "front-matter data no edition shows", and each subnav link "cannot
    be followed in the PDF" although the PDF holds the heading. No more; the PDF's link leads
    to it."""
    from pypdf import PdfReader

    source = write_pages(tmp_path / "src", PRODUCT_GUIDE)
    builds = build_every_edition(source, tmp_path, strict=False)
    said = "\n".join(build.output for build in builds.values())
    assert "`sticky_sidenav`" not in said, said
    assert "cannot be followed in the PDF" not in said, said
    pdf = next((tmp_path / "typst").glob("*.pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "General" in text and "Product management in government" in text
