"""Three more civic Jekyll sites, as they are, read as their residents read them.

Each test is a small project in the shape of a real site (the text shortened): Hack for LA
(``hackforla/website``), whose projects are a collection of pages that are only front
matter (``description:``, ``status:``, ``location:``, ``technologies:``, ``looking:``),
shown by ``_layouts/project.html`` beside ``<strong>`` labels, lists through ``{% for %}``
loops, and whose ``_config.yml`` gives ``baseurl:`` as a whole address; the Utah
Geospatial Resource Center's Utah Mapping Portal (``agrc/gis.utah.gov``), whose data pages
call ``_includes/`` with parameters written over many lines and capture an include fed from
``_data/contacts.yml``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import build_every_edition, sphinx_build, write_pages


def words(html: Path) -> str:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return " ".join((soup.find("article") or soup).get_text(" ").split())


HACK_FOR_LA = {
    "_config.yml": (
        "title: Hack for LA\nemail: hello@hackforla.org\n"
        "baseurl: \"https://akibrhast.github.io/website\"\nurl: https://akibrhast.github.io/website\n"
        "collections:\n  projects:\n    output: true\n"
        "defaults:\n  - scope:\n      path: \"\"\n      type: \"projects\"\n    values:\n"
        "      layout: \"project\"\n"),
    "_layouts/default.html": "<html><body><main>{{ content }}</main></body></html>\n",
    "_layouts/project.html": (
        "---\nlayout: default\n---\n\n<header class='project-hero'>\n"
        "    <h1 class='hero-inner'>{{ page.title }}</h1>\n</header>\n\n"
        "<div class='content-section project-home-page'>\n"
        "    <div id='project-description-card' class='project-page-card'>\n"
        "        <h4 class='project-page-card-title'>Project Overview</h4>\n"
        "        <div class='project-page-description'>\n"
        "            <div class='description-grid-item'>\n"
        "                {% if page.status %}\n                    <div>\n"
        "                        <p class='project-page-description-field'><strong>Status: </strong></p>\n"
        "                        <div class='status-indicator {{ \"status-\" | append: page.status }}'>\n"
        "                            <h5 class='status-text'>{{ page.status }}</h5>\n"
        "                        </div>\n                    </div>\n                {% endif %}\n"
        "                {% if page.partner %}<p><strong>Partner: </strong>{{ page.partner }}</p>{% endif %}\n"
        "                {% if page.location %}<p><strong>Location: </strong>\n"
        "                    {% for city in page.location %}\n"
        "                    {{ city }}{% if forloop.last == false %},{% endif %}\n"
        "                    {% endfor %}\n                </p>{% endif %}\n"
        "                {% if page.links %}\n                    <p>\n"
        "                        <strong>Links: </strong>\n"
        "                        {% for item in page.links %}\n"
        "                            {% if item.name == 'GitHub' or item.name == 'Site' %}\n"
        "                                <a target=\"_blank\" href='{{ item.url }}'> {{ item.name }}</a>,\n"
        "                            {% endif %}\n                        {% endfor %}\n"
        "                    </p>\n                {% endif %}\n"
        "                {% if page.technologies %}\n"
        "                <p id='technologies'><strong>Technologies: </strong>\n"
        "                  {% for tech in page.technologies %}\n"
        "                    {{ tech }}{% if forloop.last == false %},{% endif %}\n"
        "                  {% endfor %}\n                </p>\n                {% endif %}\n"
        "             </div>\n"
        "            <div class='description-grid-item'>\n"
        "                <p>{{page.description}}</p>\n"
        "                {% if page.looking %}\n"
        "                <p class='open-roles'><strong>Open roles:</strong></p>\n"
        "                <ul id='open-roles-list'>\n"
        "                    {% for item in page.looking %}\n"
        "                        <li><p class='role-paragraph'>{% if item.skill %}{{ item.skill }}{% endif %}</p></li>\n"
        "                    {% endfor %}\n                </ul>\n                {% endif %}\n"
        "            </div>\n        </div>\n    </div>\n</div>\n\n{{ content | markdownify }}\n\n"
        "<script>\n    let projectId = '{{ page.identification }}';\n</script>\n"),
    "_projects/311-data.md": (
        "---\nidentification: '190321758'\ntitle: 311 Data\n"
        "description: The 311 Data project seeks to empower local Neighborhood Councils to improve "
        "the ideation and analysis of their initiatives using the wealth of publicly available 311 data.\n"
        "looking:\n  - category: Business Analyst\n    skill: Business Analyst\n"
        "  - category: Ops\n    skill: Project Manager\n"
        "links:\n  - name: GitHub\n    url: 'https://github.com/hackforla/311-data'\n"
        "  - name: Wiki\n    url: 'https://github.com/hackforla/311-data/wiki'\n"
        "technologies:\n  - React\n  - Redux\n  - PostgreSQL\n"
        "location:\n  # - Downtown LA\n  - Remote\n"
        "partner: Los Angeles Department of Neighborhood Empowerment\nstatus: Active\n---\n"),
    "_projects/expunge-assist.md": (
        "---\ntitle: Expunge Assist\n"
        "description: 'Expunge Assist aims to help people in California with criminal records "
        "accomplish record clearance.\n<br /><br />We work with verifiable non-profits, the "
        "government and partners to build digital tools.'\nstatus: Active\n---\n"),
    "index.md": "---\ntitle: Hack for LA\n---\n\nHack for LA is a brigade of Code for America.\n",
}


def _hack_for_la(tmp_path: Path) -> tuple[str, str, str]:
    source = write_pages(tmp_path / "src", HACK_FOR_LA)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    return (words(tmp_path / "html" / "projects" / "311-data.html"),
            words(tmp_path / "html" / "projects" / "expunge-assist.html"), build.output)


def test_the_description_a_layout_printed_as_the_pages_text_is_shown(tmp_path: Path) -> None:
    """A Hack for LA project's page is only its front matter: ``project.html`` printed its
    ``description:`` in a ``<p>`` as all the words a reader had about the project. That
    text was lost from every edition, and nothing said so (``description:`` went only into
    the page's head). It is now the page's first paragraph, in every edition; a ``<br />``
    in it parts paragraphs, as the old page showed."""
    source = write_pages(tmp_path / "src", HACK_FOR_LA)
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    html = words(tmp_path / "out" / "html" / "projects" / "311-data.html")
    assert "The 311 Data project seeks to empower local Neighborhood Councils" in html, html
    expunge = BeautifulSoup((tmp_path / "out" / "html" / "projects" / "expunge-assist.html").read_text(),
                            "html.parser").find("article")
    paragraphs = [" ".join(p.get_text(" ").split()) for p in expunge.find_all("p")]
    assert any(p.startswith("Expunge Assist aims to help people") and p.endswith("record clearance.")
               for p in paragraphs), paragraphs
    assert any(p.startswith("We work with verifiable non-profits") for p in paragraphs), paragraphs
    assert "<br" not in expunge.get_text(), expunge.get_text()
    epub = next((tmp_path / "out" / "epub").glob("*.epub"))
    with zipfile.ZipFile(epub) as book:
        name = next(n for n in book.namelist() if n.endswith("311-data.xhtml"))
        text = " ".join(BeautifulSoup(book.read(name), "html.parser").get_text(" ").split())
    assert "seeks to empower local Neighborhood Councils" in text, text
    printed = " ".join(" ".join(p.extract_text().split())
                       for p in PdfReader(next((tmp_path / "out" / "typst").glob("*.pdf"))).pages)
    assert "seeks to empower local Neighborhood Councils" in printed, printed
    output = "\n".join(build.output for build in builds.values())
    assert "Traceback" not in output, output


def test_values_a_layout_listed_after_a_label_are_shown_with_it(tmp_path: Path) -> None:
    """``project.html`` printed ``<strong>Location: </strong>`` then a ``{% for city in
    page.location %}`` loop writing each city and a comma, the same for technologies, a
    ``{% for item in page.looking %}`` loop of each role's ``skill`` under "Open roles:",
    and the status in an element of its own under ``<strong>Status: </strong>``. All of it
    was lost, said only as "front-matter data that no edition shows"."""
    text, _, output = _hack_for_la(tmp_path)
    assert "Status: Active" in text, text
    assert "Location: Remote" in text, text
    assert "Technologies: React, Redux, PostgreSQL" in text, text
    assert "Open roles: Business Analyst, Project Manager" in text, text
    said = [line for line in output.splitlines() if "front-matter data that no edition shows" in line
            and "311-data" in line]
    assert not any(f"`{key}`" in line for line in said
                   for key in ("status", "location", "technologies", "looking")), said


def test_a_baseurl_written_as_a_whole_address_is_not_doubled(tmp_path: Path) -> None:
    """Hack for LA's ``_config.yml`` gives ``baseurl:`` as the whole address, the same as
    ``url:``: every page's "Cite this chapter" named
    ``https://akibrhast.github.io/website/https://akibrhast.github.io/website/editions/…``,
    an address that leads nowhere. The address is used once, and the line is said."""
    _, _, output = _hack_for_la(tmp_path)
    soup = BeautifulSoup((tmp_path / "html" / "projects" / "311-data.html").read_text(), "html.parser")
    cited = soup.get_text(" ")
    assert "https://akibrhast.github.io/website/editions/" in cited, cited
    assert "website/https://" not in cited and "website/https://" not in str(soup), cited
    said = [line for line in output.splitlines() if "`baseurl:`" in line and "WARNING" in line]
    assert said and all("_config.yml:3:" in line for line in said), said


def test_a_page_its_layout_made_from_its_front_matter_is_not_said_to_be_empty(tmp_path: Path) -> None:
    """Once a project's description and labelled values are shown, the page is no page
    "with no text of its own" whose layout's words "no edition shows": that warning named
    the very labels the page now shows."""
    _, _, output = _hack_for_la(tmp_path)
    said = [line for line in output.splitlines() if "has no text of its own" in line]
    assert not said, said


def test_a_loop_that_chose_and_linked_its_items_keeps_them_as_links(tmp_path: Path) -> None:
    """``project.html`` also looped over ``page.links`` after ``<strong>Links: </strong>``,
    but chose some (``{% if item.name == 'GitHub' … %}``) and linked each: read as a plain
    list, the links became bare names (the Wiki one too, which the layout left out). They
    stay links, each to its address."""
    _hack_for_la(tmp_path)
    soup = BeautifulSoup((tmp_path / "html" / "projects" / "311-data.html").read_text(), "html.parser")
    hrefs = {a.get_text(" ", strip=True): a.get("href") for a in soup.find("article").find_all("a")}
    assert hrefs.get("GitHub") == "https://github.com/hackforla/311-data", hrefs
    assert "Links: GitHub" not in words(tmp_path / "html" / "projects" / "311-data.html")


EIGHTEEN_F = {
    "_config.yml": (
        "title: \"18F: Digital service delivery\"\nbaseurl: \"\"\npermalink: pretty\n"
        "url: \"https://18f.gsa.gov\"\ncollections:\n  products_projects:\n    output: true\n"
        "    permalink: /our-work/:path/\ndefaults:\n -\n  scope:\n    path: \"_products_projects\"\n"
        "  values:\n    layout: project-page\nplugins:\n  - jekyll-redirect-from\n  - jekyll-seo-tag\n"),
    "_layouts/default.html": "<html><head>{% seo %}</head><body>{{ content }}</body></html>\n",
    "_layouts/project-page.html": (
        "---\nlayout: default\n---\n\n<section class=\"usa-section project-page\">\n"
        "  <div class=\"grid-col-12\">\n    <h1> {{  page.title }} </h1>\n  </div>\n"
        "  <div class=\"project-page__content\">\n    <h2> Project details </h2>\n    {{ content }}\n  </div>\n"
        "  {% if page.agency or\n        page.project_url or\n        page.github_repo\n  %}\n"
        "  <div class=\"project-page__sidebar\">\n      <div>\n"
        "        <h3 class=\"font-sans-md text-bold margin-top-0\"> Agency partner </h3>\n"
        "        <p> {{ page.agency }} </p>\n        </div>\n\n"
        "        {% if page.project_url %}\n        <div class=\"margin-top-4\">\n"
        "          <h3 class=\"font-sans-md text-bold margin-bottom-1\">\n            See our work\n"
        "          </h3>\n          {{- page.project_url | markdownify -}}\n        </div>\n        {% endif %}\n\n"
        "        {% if page.github_repo %}\n        <div class=\"margin-top-4\">\n"
        "          <h3 class=\"font-sans-md text-bold margin-bottom-1\">\n            See the code on GitHub\n"
        "          </h3>\n            <ul class=\"usa-list usa-list--unstyled\">\n"
        "            {% for repo in page.github_repo %}\n              <li>{{ repo | markdownify }}</a></li>\n"
        "            {% endfor %}\n            </ul>\n        </div>\n        {% endif %}\n\n"
        "        {% if page.product_clients.size > 0 %}\n        <div class=\"margin-top-4\">\n"
        "          <h3 class=\"font-sans-md text-bold margin-bottom-1\"> Agency partners </h3>\n"
        "          {% if page.product_client.size == 1 %}\n            {{ page.product_client }}\n"
        "          {% else %}\n          <ul>\n          {% for client in page.product_clients %}\n"
        "            <li>{{ client }}</li>\n          {% endfor %}\n          </ul>\n          {% endif %}\n"
        "        </div>\n        {% endif %}\n  </div>\n  {% endif %}\n</section>\n"),
    "_products_projects/eregs.md": (
        "---\nagency: eRegulations\ntitle: Easy-to-read regulations\n"
        "permalink: /what-we-deliver/eregulations/\nredirect_from: /project/eregulations/\n"
        "github_repo:\n    - \"[eRegulations platform repositories](https://github.com/eregs)\"\n"
        "    - \"[Federal Election Commission eRegulations code](https://github.com/fecgov/fec-eregs)\"\n"
        "project_url: \"[eRegulations website](https://eregs.github.io/)\"\n"
        "product_clients:\n- Bureau of Alcohol, Tobacco, Firearms and Explosives\n"
        "- Environmental Protection Agency\n---\n\n"
        "Federal regulations are often dense and filled with terminology.\n"),
    "index.md": "---\ntitle: 18F\n---\n\n18F builds effective, user-centric digital services.\n",
}


def test_values_under_a_layouts_headings_are_shown_with_them(tmp_path: Path) -> None:
    """18F's ``project-page.html`` printed each project's agency, site, code and partner
    agencies under ``<h3>`` headings ("Agency partner", "See our work" …), the links
    written in Markdown and ``markdownify``-ed. All of it was lost from every edition (said
    only as "front-matter data that no edition shows"). Each is shown after its heading's
    words, the links as links, and partners whose names hold commas parted by semicolons."""
    source = write_pages(tmp_path / "src", EIGHTEEN_F)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    page = tmp_path / "html" / "products_projects" / "eregs.html"
    text = words(page)
    assert "Agency partner: eRegulations" in text, text
    assert ("Agency partners: Bureau of Alcohol, Tobacco, Firearms and Explosives; "
            "Environmental Protection Agency") in text, text
    assert "[" not in text and "](" not in text, text
    links = {a.get_text(" ", strip=True): a.get("href")
             for a in BeautifulSoup(page.read_text(), "html.parser").find("article").find_all("a")}
    assert links.get("eRegulations website") == "https://eregs.github.io/", links
    assert links.get("Federal Election Commission eRegulations code") == "https://github.com/fecgov/fec-eregs", links
    said = [line for line in build.output.splitlines() if "front-matter data that no edition shows" in line]
    assert not any(f"`{key}`" in line for line in said
                   for key in ("agency", "project_url", "github_repo", "product_clients")), said


UTAH = {
    "_config.yml": "title: Utah Mapping Portal\nbaseurl: \"/website\"\nurl: \"http://agrc.github.io\"\n"
                   "permalink: /:title\nmarkdown: kramdown\n",
    "_data/contacts.yml": ("zip_codes:\n  name: David Buell\n  email: DBuell@utah.gov\n"
                           "  phone: 801-503-4247\n  agency: AGRC\n"),
    "_includes/abstract.html": (
        "<h4 class=\"package--header\">{{ include.name }}</h4>\n<ul class=\"dotless no-padding\">\n"
        "  <li><strong>Data Type:</strong> {{ include.type | default: \"GIS Data Layer\" }}\n"
        "  <li><strong>Abstract:</strong> {{ include.abstract }}\n</ul>\n"
        "<h4 class=\"package--header\">Package Contents</h4>\n"
        "<p>The following data is available for download:</p>\n"),
    "_includes/contact.html": (
        "{% if include.contact %}Comments can be directed to {{ include.contact.name }} from "
        "{{ include.contact.agency }} at <a href=\"mailto:{{ include.contact.email }}\">"
        "{{ include.contact.email }}</a>.{% endif %}\n"),
    "data/boundaries/zip-codes/index.html": (
        "---\ntitle: Zip Codes\ndate: 2011-09-08 14:56:18 -0600\n---\n"
        "<figure class=\"caption caption--right\">\n"
        "  <figcaption class=\"caption__text\">Zip Codes</figcaption>\n</figure>\n"
        "{% include abstract.html download=\"https://drive.google.com/drive/folders/0ByStJ\"\n"
        "name=\"Zip Codes\"\nstewards=\"AGRC\"\n"
        "abstract=\"This dataset contains the estimated geographic extents for all five digit zip codes.\" %}\n"
        "<p><a href=\"\" class=\"button medium white\"><span class=\"button-text\">Download Zip Code Dataset</span></a></p>\n"
        "<div class=\"grid package\">\n"
        "    <p>Boundaries.ZipCodes represents an ongoing effort to approximate zip codes.</p>\n"
        "    <p>{% include contact.html subject=page.title contact=site.data.contacts.zip_codes %}</p>\n"
        "</div>\n"),
    "index.md": "---\ntitle: Utah Mapping Portal\n---\n\nWelcome to the Utah Mapping Portal.\n",
}


def test_an_empty_link_in_a_page_written_in_html_is_said_at_its_own_line(tmp_path: Path) -> None:
    """The Utah Mapping Portal's zip-codes page is written in HTML: a figure, an include of
    ``abstract.html`` whose parameters take four lines, then a "Download Zip Code Dataset"
    button ``<a href="">``. MyST reads it all as one block of HTML, and the empty link was
    said at the figure's line (5), not the button's (12). The words stay, the include's
    text and the contact from ``_data/contacts.yml`` are shown."""
    source = write_pages(tmp_path / "src", UTAH)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.output.splitlines() if "this link's address is empty" in line]
    assert said and all("zip-codes/index.html:12:" in line for line in said), said
    text = words(tmp_path / "html" / "data" / "boundaries" / "zip-codes" / "index.html")
    assert "Download Zip Code Dataset" in text, text
    assert "Abstract: This dataset contains the estimated geographic extents" in text, text
    assert "directed to David Buell from AGRC at DBuell@utah.gov" in text, text


def test_the_lead_a_layout_printed_from_description_over_the_pages_text_is_kept(tmp_path: Path) -> None:
    """Hack for LA's ``guide-pages.html`` printed a guide's ``description:`` as its lead
    paragraph, under the title and over the page's own text: "Hack for LA requires
    two-factor authentication…" was lost from the 2FA guide, and nothing said so."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": ("title: Hack for LA\ncollections:\n  guide-pages:\n    output: true\n"
                        "defaults:\n  - scope:\n      path: \"\"\n      type: \"guide-pages\"\n"
                        "    values:\n      layout: \"guide-pages\"\n"),
        "_layouts/guide-pages.html": (
            "---\nlayout: default\n---\n<div class=\"bg-color\">\n"
            "    <img class='page-hero' src=\"../assets/images/guides/guide-page-hero.png\" alt=\"\">\n"
            "    <div class=\"guidepage-header\">\n        <div class=\"left-col\"> \n"
            "            <h1>{{ page.title }}</h1>\n            <p>\n                {{ page.description }}\n"
            "            </p>\n        </div>\n    </div>\n        {{ content | markdownify }}\n</div>\n"),
        "_guide-pages/2FA.html": (
            "---\ntitle: 2FA Guide\ndescription: Hack for LA requires two-factor authentication (2FA) "
            "in GitHub for all project contributors.\n---\n\n<div class=\"content-section\">\n"
            "    <h3 class=\"title-left\"><strong>To Enable 2FA:</strong></h3>\n"
            "    <p>If you already have a 2FA application on your mobile phone, you can use that.</p>\n"
            "</div>\n"),
        "index.md": "---\ntitle: Hack for LA\n---\n\nGuides for volunteers.\n",
    })
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    text = words(tmp_path / "html" / "guide-pages" / "2FA.html")
    lead = "Hack for LA requires two-factor authentication (2FA) in GitHub for all project contributors."
    assert lead in text and text.index(lead) < text.index("If you already have a 2FA application"), text


def test_the_changes_a_warning_only_counts_are_given_their_lines(tmp_path: Path) -> None:
    """The Utah Mapping Portal's zip-codes page had four changes made to its HTML (pictures
    not in the folder, a script): the warning named three and ended "and 1 more", which no
    one can find. The ones only counted are given their lines."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Utah Mapping Portal\n",
        "zip.html": ("---\ntitle: Zip Codes\n---\n<div class=\"grid package\">\n"
                     "  <img src=\"/images/one.png\" alt=\"One\" />\n"
                     "  <img src=\"/images/two.png\" alt=\"Two\" />\n"
                     "  <img src=\"/images/three.png\" alt=\"Three\" />\n"
                     "  <p>Boundaries.ZipCodes represents an ongoing effort.</p>\n"
                     "  <img src=\"/images/four.png\" alt=\"Four\" />\n</div>\n"),
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
    })
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.output.splitlines() if "this page's HTML was changed" in line]
    assert said and all("more (line 9)" in line for line in said if " more" in line), said
    assert any(" more" in line for line in said), said
