"""Other cities' and counties' old Jekyll sites, as they are, build as Jekyll published them.

Each test is a small project in the shape of a real local-government site (the text
shortened): Santa Monica's Youth Tech Program (its home page kept in ``_pages/index/``,
read through ``include: [_pages]``, with ``permalink: /``), Santa Monica's open data
portal (Bootstrap's ``hidden`` message only its script shows) and the City of
Bloomington's open source pages (``markdown: redcarpet``, ``#Community``).
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import sphinx_build, write_pages


def words(html: Path) -> str:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return " ".join((soup.find("article") or soup).get_text(" ").split())


YOUTHTECH = {
    "_config.yml": ("title: Santa Monica Youth Tech Program\n"
                    'baseurl: "/youthtechprogram"\n'
                    "markdown: redcarpet\n"
                    "include:\n  - _pages\n"),
    "_layouts/base.html": "<html><body>{{ content }}</body></html>\n",
    "_pages/index/index.html": ("---\nlayout: base\npermalink: /\njumbotron:\n  text: >\n"
                                "    #### Summer 2016\n---\n\n<main>\n"
                                "    {% include_relative _eligibility.html %}\n</main>\n"),
    "_pages/index/_eligibility.html": (
        '<div class="eligibility page-section">\n    <div class="container">\n'
        '        <h2 class="section-header">Eligibility</h2>\n'
        "        <article>\n            <h4>Cost</h4>\n            <p>Free of charge!</p>\n"
        "        </article>\n    </div>\n</div>\n"),
    "_pages/data-day.html": ("---\nlayout: base\npermalink: /data-day/\n---\n\n<main>\n"
                             "  <h1>Data Exploration and Storytelling</h1>\n"
                             "  <p>Government is rich with data.</p>\n</main>\n"),
}


def test_a_home_page_kept_in_a_folder_of_an_included_folder_is_the_home(tmp_path: Path) -> None:
    """Jekyll published ``_pages/index/index.html`` (``permalink: /``) as the site's home:
    its words are the publication's first page, not a page "Index" under a generated home."""
    source = write_pages(tmp_path / "src", YOUTHTECH)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    front = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    refresh = front.find("meta", attrs={"http-equiv": "refresh"})  # as a home.md's is
    home = refresh["content"].split("url=", 1)[1] if refresh else "index.html"
    assert "Free of charge!" in words(tmp_path / "html" / home)
    assert "Santa Monica Youth Tech Program" in words(tmp_path / "html" / home).split("Eligibility")[0]
    assert "two landing pages" not in build.output, build.output
    assert "titled 'Index'" not in build.output, build.output
    assert "Data Exploration" in words(tmp_path / "html" / "data-day.html")


BLOOMINGTON = {
    "_config.yml": "name: City of Bloomington\nmarkdown: redcarpet\npygments: true\nbaseurl: /\n",
    "_layouts/default.html": "<html><head><title>{{page.title}}</title></head><body>{{content}}</body></html>\n",
    "index.md": ("---\nlayout: default\ntitle: City of Bloomington\n---\n# Open Source Software\n\n"
                 "The City of Bloomington is committed to using and contributing to open source software.\n"),
    "projects/index.md": ("---\nlayout: default\ntitle: Projects - City of Bloomington\n---\n# Projects\n\n"
                          "We have a number of free and open projects that solve common problems "
                          "that municipal governments face:\n"),
    "guides/installation.md": ("---\nlayout: default\ntitle: Install Guides\n---\n\n# Installation\n\n"
                               "With a large number of projects and a small team, keeping "
                               "documentation current is a challenge.\n"),
}


def test_a_title_that_already_names_the_site_is_not_followed_by_its_name_again(tmp_path: Path) -> None:
    """Bloomington titled its pages "Projects - City of Bloomington" (its layout printed the
    title alone): the browser's tab and a search result read it once, not
    "Projects - City of Bloomington - City of Bloomington"."""
    source = write_pages(tmp_path / "src", BLOOMINGTON)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output

    def tab(relative: str) -> str:
        soup = BeautifulSoup((tmp_path / "html" / relative).read_text(encoding="utf-8"), "html.parser")
        return " ".join(soup.title.get_text().split())

    assert tab("projects/index.html") == "Projects - City of Bloomington"
    assert tab("guides/installation.html") == "Install Guides - City of Bloomington"
    assert tab("index.html") == "City of Bloomington"


COMMUNITY = ("---\nlayout: default\ntitle: Community - City of Bloomington\n---\n#Community\n\n"
             "We welcome and encourage participation from our community.\n\n"
             "```bash\n#comment in a shell script\n```\n\n"
             "Follow the city on social media\n#Bloomington for updates.\n")


def test_a_heading_written_without_its_space_under_redcarpet_is_a_heading(tmp_path: Path) -> None:
    """Bloomington's ``_config.yml`` says ``markdown: redcarpet``, which read ``#Community`` as
    a heading (the space after ``#`` was optional): it is one here too, and said, so the page
    can be fixed; a ``#`` in code, or inside a paragraph, stays as written."""
    source = write_pages(tmp_path / "src", {**BLOOMINGTON, "community/index.md": COMMUNITY})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    soup = BeautifulSoup((tmp_path / "html" / "community" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    article = soup.find("article")
    assert "#Community" not in article.get_text()
    assert "Community" in [h.get_text(" ", strip=True).rstrip("¶ ").strip() for h in article.find_all(["h2", "h3"])]
    assert "#comment in a shell script" in article.find("pre").get_text()
    assert "#Bloomington for updates." in article.get_text()
    said = [w for w in build.warnings if "community/index.md:5:" in w]
    assert said and "# Community" in said[0] and "[jekyll.hash-heading]" in said[0], build.output


def test_a_heading_written_without_its_space_under_kramdown_is_said(tmp_path: Path) -> None:
    """Under kramdown (GitHub Pages' reader since 2016) ``#Community`` showed as text, as it
    does here: the warning says at its line how to make it the heading it was meant to be."""
    config = BLOOMINGTON["_config.yml"].replace("redcarpet", "kramdown")
    source = write_pages(tmp_path / "src", {**BLOOMINGTON, "_config.yml": config,
                                           "community/index.md": COMMUNITY})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert "#Community" in words(tmp_path / "html" / "community" / "index.html")
    said = [w for w in build.warnings if "community/index.md:5:" in w]
    assert said and "# Community" in said[0] and "[jekyll.hash-heading]" in said[0], build.output
    assert not [w for w in build.warnings if "community/index.md:9:" in w or ":12:" in w], build.output


POST = ("---\nlayout: post\ntitle:  \"Welcome to Jekyll!\"\ndate:   2019-01-30 22:59:02 -0800\n"
        "categories: jekyll update\n---\nYou’ll find this post in your `_posts` directory.\n")


def test_a_post_written_late_west_of_greenwich_keeps_the_address_github_pages_gave_it(tmp_path: Path) -> None:
    """Berkeley's councilmember site (GitHub Pages, which builds in UTC, no ``timezone:``)
    dated a post ``2019-01-30 22:59:02 -0800``: Jekyll published it at ``/2019/01/31/``, a
    build in California at ``/2019/01/30/``. Both old addresses lead to the post."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Councilmember Rigel Robinson | City of Berkeley\nmarkdown: kramdown\n",
        "index.md": "---\ntitle: Home\n---\n\nDistrict 7 encompasses the UC Berkeley campus.\n",
        "_posts/2019-01-30-welcome-to-jekyll.markdown": POST})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    for day in ("30", "31"):
        old = tmp_path / "html" / "jekyll" / "update" / "2019" / "01" / day / "welcome-to-jekyll.html"
        assert old.is_file(), (day, build.output)
        assert "2019-01-30-welcome-to-jekyll.html" in old.read_text(encoding="utf-8")
    # the site's own time zone decides, when it names one: one address
    zoned = write_pages(tmp_path / "zoned", {
        "_config.yml": "title: Berkeley\ntimezone: America/Los_Angeles\n",
        "index.md": "---\ntitle: Home\n---\n\nText.\n",
        "_posts/2019-01-30-welcome-to-jekyll.markdown": POST})
    build = sphinx_build(zoned, tmp_path / "zoned-html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert (tmp_path / "zoned-html" / "jekyll/update/2019/01/30/welcome-to-jekyll.html").is_file()
    assert not (tmp_path / "zoned-html" / "jekyll/update/2019/01/31/welcome-to-jekyll.html").exists()


def test_a_folder_named_index_is_not_landed_by_the_generated_home(tmp_path: Path) -> None:
    """Santa Monica kept its pages in ``_pages/`` (``include: [_pages]``), one of them in
    ``_pages/index/``: the generated home is the top's landing, never the folder ``index/``'s,
    and no warning names a file in the build folder."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Santa Monica Youth Tech Program\ninclude:\n  - _pages\n",
        "_pages/index/index.md": "---\ntitle: Summer program\n---\n\nFree of charge!\n",
        "_pages/about.md": "---\ntitle: About\n---\n\nStudents in 9th-12th grade may apply.\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert not [w for w in build.warnings if "two landing pages" in w or "doctrees" in w], build.output
    assert "Free of charge!" in words(tmp_path / "html" / "index" / "index.html")


BERKELEY = {
    "_config.yml": ("title: Councilmember Rigel Robinson | City of Berkeley\nmarkdown: kramdown\n"
                    "collections:\n  - staff\n  - legislation\n"),
    "_layouts/legislation.html": (
        "<html><body><h1>{{ page.title }}</h1>{{ content }}\n<div class=\"legislation\">\n"
        "{%- for doc in site.legislation -%}\n<h2>{{doc.name}}</h2>\n"
        "<a href=\"{{doc.link}}\">Doc</a>\n<p><b>From:</b> {{doc.from}}</p>\n"
        "{{doc.content | markdownify}}\n{%- endfor -%}\n</div></body></html>\n"),
    "_layouts/about.html": ("<html><body>{%- for staff in site.staff -%}\n<h2>{{staff.name}}</h2>\n"
                            "{{staff.content | markdownify}}\n{%- endfor -%}</body></html>\n"),
    "index.md": "---\ntitle: Home\n---\n\nDistrict 7 encompasses the UC Berkeley campus.\n",
    "legislation.md": "---\nlayout: legislation\ntitle: Legislation\npermalink: /legislation/\n---\n",
    "about.md": "---\nlayout: about\ntitle: Our Team\npermalink: /about/\n---\n",
    "_legislation/missing-middle.md": ("---\nname: Missing Middle Report\nfrom: Councilmembers Droste, "
                                       "Bartlett, Robinson and Kesarwani\n---\n\nRefer to the City "
                                       "Manager to bring back to Council a report.\n"),
    "_legislation/shared-streets.md": ("---\nname: \"Referral: Telegraph Shared Streets\"\n---\n\n"
                                       "Refer to the City Manager to develop a plan.\n"),
    "_staff/rigel.md": "---\nname: Councilmember Rigel Robinson\nmain: true\n---\n\nRigel was elected in 2018.\n",
}


def test_a_page_its_layout_filled_with_a_collection_says_which_folder_to_rename(tmp_path: Path) -> None:
    """Berkeley's "Legislation" page is only front matter: its layout listed every document
    of the ``legislation`` collection (``{% for doc in site.legislation %}``), which Jekyll
    published on no page of its own. The page's warning names that folder and what to do,
    so the page's words are one rename away, and the rename's folder is the page's own."""
    source = write_pages(tmp_path / "src", BERKELEY)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "legislation.md:2:" in w and "[jekyll.layout]" in w]
    assert said and "'_legislation/'" in said[0] and "2 pages" in said[0], build.output
    assert "rename '_legislation/' to 'legislation/'" in said[0], said[0]
    team = [w for w in build.warnings if "about.md:2:" in w and "[jekyll.layout]" in w]
    assert team and "rename '_staff/' to 'about/'" in team[0], build.output
    # the folder's own warning gives the same advice, not a folder of its own name
    folder = [w for w in build.warnings if "_staff/rigel.md:1:" in w and "[jekyll.folder]" in w]
    assert folder and "Rename it 'about/'" in folder[0] and "'about.md'" in folder[0], build.output


def test_a_link_to_a_page_in_another_folder_names_the_page_it_likely_meant(tmp_path: Path) -> None:
    """Bloomington's community page links ``{{site.baseurl}}/community/gsoc.html``, but the
    Google Summer of Code page is ``gsoc.md`` at the top (the link was broken on the old site
    too): the warning names that page, so staff mend the link without a search."""
    community = ("---\nlayout: default\ntitle: Community\n---\n# Community\n\n"
                 "In the past, we were honored to participate in a Google Summer of Code program:\n"
                 "<a href=\"{{site.baseurl}}/community/gsoc.html\">Google Summer of Code</a>\n\n"
                 "See also [the summer program](/community/gsoc.html).\n")
    source = write_pages(tmp_path / "src", {
        **BLOOMINGTON, "community/index.md": community,
        "gsoc.md": "---\nlayout: default\ntitle: Google Summer of Code\n---\n\nStudents wrote code.\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "community/index.md" in w and "[jekyll.link]" in w]
    assert len(said) == 2 and all("'gsoc.md'" in w for w in said), build.output


def test_a_heading_key_its_layout_showed_titles_a_page_without_a_title(tmp_path: Path) -> None:
    """Santa Monica's open data sources (``_sources/`` renamed ``sources/``, as the build
    advises) name themselves in ``heading:``, which their layout printed as each card's
    heading: it titles the page, "SODA.NET" and "Demographic Data", not the file's name."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "url: http://dev.smgov.net\n",
        "index.md": "---\ntitle: Open data\n---\n\nYour City Government Is Open!\n",
        "sources/soda.md": ("---\ncategory: sdk\nheading: SODA.NET\n---\n\nThe most popular .NET library "
                            "for the Socrata Open Data API.\n"),
        "sources/demographics.md": ("---\ncategory: data\nheading: Demographic Data\n---\n\n"
                                    "Demographic data pulled from the U.S. Census.\n")})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    for page, title in (("soda", "SODA.NET"), ("demographics", "Demographic Data")):
        soup = BeautifulSoup((tmp_path / "html" / "sources" / f"{page}.html").read_text(encoding="utf-8"),
                             "html.parser")
        assert soup.find("h1").get_text(" ", strip=True).rstrip("¶ ").strip() == title
    assert not [w for w in build.warnings if "`heading`" in w or "title-missing" in w], build.output


def test_a_hashtag_at_a_paragraphs_start_is_no_heading_to_say(tmp_path: Path) -> None:
    """``#Community`` alone on its line was meant as a heading, and is said; a paragraph that
    opens with a hashtag ("#ATXSmartCity is how …"), a line of tags, or Typst-looking code
    is text as every Markdown reader shows it: said, each failed a strict build. Outside a
    Jekyll site, ``##Permissions`` (joplin's README) is said as GitHub shows it."""
    config = BLOOMINGTON["_config.yml"].replace("redcarpet", "kramdown")
    tags = ("---\ntitle: Share\nposition: 3\n---\n\n#ATXSmartCity is how residents share ideas.\n\n"
            "#parks #trails\n\n#read(\"/etc/passwd\") and #include \"x.typ\" and #let x = 1\n")
    source = write_pages(tmp_path / "src", {**BLOOMINGTON, "_config.yml": config, "share.md": tags})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0, build.output
    assert not [w for w in build.warnings if "share.md" in w and "hash-heading" in w], build.warnings
    plain = write_pages(tmp_path / "plain", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "permissions.md": "---\ntitle: Roles\nposition: 1\n---\n\n##Permissions\n\nEditors publish.\n"})
    build = sphinx_build(plain, tmp_path / "plain-html", "html", strict=False)
    said = [w for w in build.warnings if "permissions.md:6:" in w and "[jekyll.hash-heading]" in w]
    assert said and "as GitHub shows it" in said[0] and "`## Permissions`" in said[0], build.warnings
