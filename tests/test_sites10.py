"""More civic Jekyll sites, as they are, read as their residents read them.

Each test is a small project in the shape of a real site (the text shortened): King County
Solutions (``calef/kingcounty.solutions``), a directory of social services whose
organizations, places and topics are collections of pages that are mostly front matter
(``phone:``, ``email:``, ``address:``, ``zip_codes:``), shown by their layouts in a table
of ``<th>`` labels and beside ``<strong>`` labels, with schema.org JSON-LD in a ``<script>``; the Orbis Cascade Alliance's Systems
Librarianship 101 course (``Orbis-Cascade-Alliance/systems-librarianship``), whose lessons
in an ``include:``d ``_pages/`` folder show example HTML files in fenced code blocks through
``{% include_relative includes/lesson1-example1.html %}``; the University of Leeds
Library's floor plans (``uol-library/floorplans.library.leeds.ac.uk``), whose pages are
loops over ``_data/*.json`` (one with a trailing comma, which Jekyll's YAML reader took)
writing links with query strings.
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


KING_COUNTY = {
    "_config.yml": (
        "title: King County Solutions\nbaseurl: \"\"\n"
        "collections:\n  organizations:\n    output: true\n    permalink: /organizations/:name/\n"
        "  places:\n    output: true\n    permalink: /places/:name/\n"
        "defaults:\n  - scope:\n      path: \"_organizations\"\n      type: \"organizations\"\n"
        "    values:\n      layout: \"organization\"\n"
        "  - scope:\n      path: \"_places\"\n      type: \"places\"\n    values:\n      layout: \"place\"\n"),
    "_layouts/default.html": "<html><body><main>{{ content }}</main></body></html>\n",
    "_layouts/organization.html": (
        "---\nlayout: default\n---\n\n<article class=\"page\">\n"
        "  <h1 class=\"page-title\">{{ page.title }}</h1>\n"
        "  {% if page.email or page.phone or page.address %}\n"
        "      <table class=\"org-info\">\n        <tbody>\n"
        "          {% if page.email %}\n          <tr>\n            <th>Email</th>\n"
        "            <td><a href=\"mailto:{{ page.email }}\">{{ page.email }}</a></td>\n"
        "          </tr>\n          {% endif %}\n"
        "          {% if page.phone %}\n            <tr>\n              <th>Phone</th>\n"
        "              <td><a href=\"tel:+1{{ tel }}\">+1 {{ page.phone }}</a></td>\n"
        "            </tr>\n          {% endif %}\n"
        "          {% if page.address %}\n          <tr>\n            <th>Address</th>\n"
        "            <td>\n              {{ page.address }}<br/>\n"
        "              <a href=\"https://www.google.com/maps/search/?api=1&query="
        "{{ page.address | uri_escape }}\">View on map</a>\n            </td>\n          </tr>\n"
        "          {% endif %}\n        </tbody>\n      </table>\n  {% endif %}\n"
        "  <div class=\"org-body\">\n    {{ content }}\n  </div>\n</article>\n\n"
        "<script type=\"application/ld+json\">\n{\n  \"@context\": \"https://schema.org\",\n"
        "  \"@type\": \"Organization\",\n  \"name\": {{ page.title | jsonify }},\n"
        "  {% if page.acronym %}\"alternateName\": {{ page.acronym | jsonify }},{% endif %}\n"
        "  {% if page.website %}\"url\": {{ page.website | jsonify }},{% endif %}\n"
        "  \"department\": []\n}\n</script>\n"),
    "_layouts/place.html": (
        "---\nlayout: default\n---\n\n<article class=\"page place-page\">\n"
        "    <h1 class=\"page-title\">{{ page.title }}</h1>\n  <div class=\"page-content\">\n"
        "    {% if page.zip_codes %}\n      <p class=\"place-detail\"><strong>ZIP Codes:</strong> "
        "{{ page.zip_codes | join: ', ' }}</p>\n    {% endif %}\n"
        "    {% if page.latitude and page.longitude %}\n      <p class=\"place-detail\">"
        "<strong>Coordinates:</strong> {{ page.latitude }}, {{ page.longitude }}</p>\n"
        "    {% endif %}\n    {{ content }}\n  </div>\n</article>\n"),
    "_organizations/ballard-food-bank.md": (
        "---\naddress: 1400 NW Leary Way, Seattle, WA 98107\nemail: info@ballardfoodbank.org\n"
        "phone: 206-789-7800\ntitle: Ballard Food Bank\nacronym: BFB\n"
        "website: https://www.ballardfoodbank.org/\n---\n"
        "Ballard Food Bank is a “Hub for Hope” providing choice-based groceries.\n"),
    "_places/bellevue.md": (
        "---\nlatitude: 47.6101\nlongitude: -122.2015\ntitle: Bellevue\ntype: City\n"
        "zip_codes:\n- '98004'\n- '98005'\n---\n\n"
        "Bellevue is a city in King County, Washington.\n"),
    "index.md": "---\ntitle: King County Solutions\n---\n\nBrowse organizations and places.\n",
}


def _king_county(tmp_path: Path) -> tuple[str, str, str]:
    source = write_pages(tmp_path / "src", KING_COUNTY)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    return (words(tmp_path / "html" / "organizations" / "ballard-food-bank.html"),
            words(tmp_path / "html" / "places" / "bellevue.html"), build.output)


def test_a_layouts_json_ld_is_not_shown_as_a_labelled_value(tmp_path: Path) -> None:
    """King County Solutions' ``organization.html`` ends with schema.org JSON-LD in a
    ``<script>``: its line ``"url": {{ page.website | jsonify }},`` was read as a label,
    and every organization's page began with ``"url": https://…`` (quotes and all), which
    no resident of the old site ever saw."""
    org, _, _ = _king_county(tmp_path)
    assert '"url"' not in org and '"alternateName"' not in org, org
    assert "“Hub for Hope”" in org, org


def test_a_layouts_table_of_labelled_values_is_shown_with_its_labels(tmp_path: Path) -> None:
    """An organization's email, phone and address were its front matter, shown by
    ``organization.html`` in a table row each (``<th>Email</th>`` over a ``<td>`` printing
    ``{{ page.email }}``): they were lost from every edition and said to be shown nowhere.
    A place's ZIP codes, a list its layout printed ``| join: ', '`` after a ``<strong>``
    label, were lost too, and its coordinates lost the comma printed between them."""
    org, place, output = _king_county(tmp_path)
    assert "Email: info@ballardfoodbank.org" in org, org
    assert "Phone: 206-789-7800" in org, org
    assert "Address: 1400 NW Leary Way, Seattle, WA 98107" in org, org
    assert "ZIP Codes: 98004, 98005" in place, place
    assert "Coordinates: 47.6101, -122.2015" in place, place  # as the layout printed them
    said = [line for line in output.splitlines() if "front-matter data that no edition shows" in line]
    assert not any(f"`{key}`" in line for line in said for key in ("email", "phone", "address", "zip_codes")), said


ORBIS = {
    "_config.yml": ("title: Course Title\nbaseurl: \"\"\nurl: \"https://github.orbiscascade.org/courses\"\n"
                    "remote_theme: pages-themes/minimal@v0.2.0\ninclude: ['_pages']\n"),
    "index.md": "---\nlayout: default\ntitle: Home\n---\n\n# {{ page.title }}\n\nWelcome to Systems Librarianship 101.\n",
    "_pages/includes/lesson1-example1.html": (
        "    <html>\n        <body>\n            <h1>Big Header</h1>\n"
        "            <p>This is a paragraph.</p>\n        </body>\n    </html>"),
    "_pages/lesson1-internet.md": (
        "---\nlayout: default\ntitle: How the Internet Works\npermalink: /internet\norder: 1\n---\n\n"
        "# {{ page.title }}\n\n"
        "(Did You Know: the EPUB format for eBooks is just a compressed folder of HTML documents!)\n\n"
        "```html\n{% include_relative includes/lesson1-example1.html %}\n```\n\n"
        "**CSS** (Cascading Stylesheets) tells browsers how to render the appearance of webpages.\n\n"
        "Show the tag itself: `{% include_relative includes/lesson1-example1.html %}`.\n\n"
        "See [the missing lesson](/missing-lesson).\n"),
}


def test_an_example_file_a_code_block_included_is_shown_in_every_edition(tmp_path: Path) -> None:
    """Systems Librarianship 101's first lesson shows its example HTML in a fenced block that
    holds only ``{% include_relative includes/lesson1-example1.html %}``: Jekyll ran the tag,
    and the block showed the file. Here the block showed the tag itself, in every edition,
    and nothing was said. The file's code is shown; a tag in inline code stays an example,
    and a later line's warning still names its own line."""
    source = write_pages(tmp_path / "src", ORBIS)
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    output = "\n".join(build.output for build in builds.values())
    assert "Traceback" not in output, output
    html = BeautifulSoup((tmp_path / "out" / "html" / "lesson1-internet.html").read_text(), "html.parser")
    code = " ".join(pre.get_text() for pre in html.select("article pre"))
    assert "<p>This is a paragraph.</p>" in code and "include_relative" not in code, code
    assert "`" not in html.find("article").get_text()
    inline = [c.get_text() for c in html.select("article code") if "include_relative" in c.get_text()]
    assert inline == ["{% include_relative includes/lesson1-example1.html %}"], inline
    epub = next((tmp_path / "out" / "epub").glob("*.epub"))
    with zipfile.ZipFile(epub) as book:
        page = next(name for name in book.namelist() if name.endswith("lesson1-internet.xhtml"))
        shown = " ".join(pre.get_text() for pre in BeautifulSoup(book.read(page), "html.parser").select("pre"))
    assert "<p>This is a paragraph.</p>" in shown and "include_relative" not in shown, shown
    printed = " ".join(p.extract_text() for p in PdfReader(next((tmp_path / "out" / "typst").glob("*.pdf"))).pages)
    assert "<p>This is a paragraph.</p>" in printed, printed
    missing = [line for line in output.splitlines() if "/missing-lesson" in line and "WARNING" in line]
    assert missing and all("lesson1-internet.md:20:" in line for line in missing), missing


LEEDS = {
    "_config.yml": ("title: University of Leeds Library Floor Plans\nurl: \"https://uol-library.github.io\"\n"
                    "baseurl: \"/floorplans.library.leeds.ac.uk\"\n"),
    "_data/test_urls.json": (
        '[\n    {\n        "groupname": "Brotherton",\n        "urls": [\n'
        '            "/floorplan?library=BL&classmark=Art%2BC-0%2BREM/C&floor=blm3"\n        ],\n    }\n]\n'),
    "index.md": "---\ntitle: Floor plans\n---\n\nThe library's floor plans.\n",
    "tests.md": ("---\nlayout: default\ntitle: Tests\npermalink: /tests/\n---\n\n"
                 "{% for group in site.data.test_urls %}\n  <h2>{{ group.groupname }}</h2>\n  <ul>\n"
                 "  {% for url in group.urls %}\n    <li><a href=\"{{ url }}\">{{ url }}</a></li>\n"
                 "  {% endfor %}\n  </ul>\n{% endfor %}"),
}


def test_a_link_with_a_query_that_leads_nowhere_is_said_once_as_written(tmp_path: Path) -> None:
    """Leeds' test page lists ``/floorplan?library=BL&classmark=…&floor=blm3`` links from its
    ``_data/test_urls.json``: each was said twice, once as written and once by the ePub as
    ``library=BL&amp;classmark=…&amp;floor=blm3``, an address no one wrote."""
    source = write_pages(tmp_path / "src", LEEDS)
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    output = "\n".join(build.output for build in builds.values())
    assert "Traceback" not in output, output
    said = [line for line in output.splitlines() if "/floorplan?" in line and "WARNING" in line]
    assert said and not any("&amp;" in line for line in said), said
    assert all("'/floorplan?library=BL&classmark=Art%2BC-0%2BREM/C&floor=blm3'" in line for line in said), said
    assert len(set(said)) == 1, said


def test_each_embedded_frame_changed_on_a_page_is_said_with_its_line(tmp_path: Path) -> None:
    """Systems Librarianship 101's first lesson embeds two example pages in ``<iframe>``s,
    eight lines apart: one warning named both at the first one's line, so the second was
    said at a line that does not hold it. Each is now said with its own line."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Course Title\nbaseurl: \"\"\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "lesson.md": ("---\ntitle: How the Internet Works\n---\n\nFirst example:\n\n"
                      "<iframe title=\"HTML example\" width=\"100%\" height=\"150\" "
                      "src=\"https://www.w3schools.com/html/example1.html\"></iframe>\n\n"
                      "**CSS** tells browsers how to render webpages.\n\n"
                      "**JavaScript** manipulates HTML documents.\n\n"
                      "<iframe title=\"HTML example with JavaScript\" width=\"100%\" height=\"200\" "
                      "src=\"https://www.w3schools.com/html/example3.html\"></iframe>\n"),
    })
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.output.splitlines() if "[rawhtml.iframe]" in line]
    assert len(said) == 1 and "lesson.md:7:" in said[0], said
    assert "example1.html" in said[0] and "example3.html) is replaced by a link to it (line 13)" in said[0], said


LEEDS_IIIF = {
    "_config.yml": ("title: University of Leeds Library Floor Plans\nurl: \"https://uol-library.github.io\"\n"
                    "baseurl: \"/floorplans.library.leeds.ac.uk\"\n"),
    "_data/iiif.json": ('[{"name": "Health Sciences Library", "floors": [{"key": "health-sciences", '
                        '"title": "Health Sciences Library"}]}]\n'),
    "_includes/iiif-floor.html": (
        "        <h3>{{ include.floor.title }}</h3>\n        <div class=\"iiif-links\">\n"
        "                <p>Manifest: \n"
        "                    <a href=\"{{ site.url }}{{site.baseurl }}/assets/iiif/{{ include.floor.key }}/manifest.json\">JSON-LD</a> | \n"
        "                    <a href=\"https://projectmirador.org/embed/?iiif-content={{ site.url }}{{site.baseurl }}"
        "/assets/iiif/{{ include.floor.key }}/manifest.json\" target=\"_blank\">View in Mirador</a>\n"
        "                </p>\n        </div>\n"),
    "index.md": "---\ntitle: Floor plans\n---\n\nThe library's floor plans.\n",
    "iiif.md": ("---\ntitle: IIIF\npermalink: /iiif/\n---\n{% for library in site.data.iiif %}\n"
                "  <h2>{{ library.name }}</h2>\n  <ul class=\"iiif-floors\">\n  {% for plan in library.floors %}\n"
                "    <li>\n{% include iiif-floor.html floor=plan %}\n    </li>\n  {% endfor %}\n  </ul>\n"
                "{% endfor %}\n</div>"),
}


def test_the_old_sites_address_inside_another_sites_link_is_kept(tmp_path: Path) -> None:
    """Leeds' floor plans link each plan's IIIF manifest to viewers on other sites:
    ``https://projectmirador.org/embed/?iiif-content={{ site.url }}{{ site.baseurl }}/assets/…``.
    The old site's address printed nothing here, so Mirador was handed ``/assets/…``, an
    address it cannot open, in every edition. Inside another address it is the old site's
    address, as Jekyll printed it; a link that starts with it still leads to its place."""
    source = write_pages(tmp_path / "src", LEEDS_IIIF)
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    assert "Traceback" not in "\n".join(build.output for build in builds.values())
    manifest = "https://uol-library.github.io/floorplans.library.leeds.ac.uk/assets/iiif/health-sciences/manifest.json"
    html = BeautifulSoup((tmp_path / "out" / "html" / "iiif.html").read_text(), "html.parser")
    mirador = [a["href"] for a in html.select("article a[href]") if "projectmirador" in a["href"]]
    assert mirador == ["https://projectmirador.org/embed/?iiif-content=" + manifest], mirador
    reader = PdfReader(next((tmp_path / "out" / "typst").glob("*.pdf")))
    uris = [str(a.get_object()["/A"].get("/URI", "")) for page in reader.pages
            for a in page.get("/Annots", []) or [] if "/A" in a.get_object()]
    assert "https://projectmirador.org/embed/?iiif-content=" + manifest in uris, uris
    assert not any("iiif-content=/assets" in uri for uri in uris), uris
