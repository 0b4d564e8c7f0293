"""More local-government Jekyll sites, as they are, build as Jekyll published them.

Each test is a small project in the shape of a real site (the text shortened):
OpenOakland's West Oakland Air Quality data portal (``openoakland/woaq``), whose dataset
pages are posts of front matter only (``owner:``, ``year:``, ``fileName:``) that its
``_layouts/data.html`` printed beside labels (``<strong>Owner:</strong> {{ page.owner }}``).
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import sphinx_build, write_pages


def words(html: Path) -> str:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return " ".join((soup.find("article") or soup).get_text(" ").split())


WOAQ = {
    "_config.yml": ("title: West Oakland Air Quality\nmarkdown: kramdown\ntheme: minima\n"
                    "plugins:\n  - jekyll-feed\nbaseurl: /woaq\n"),
    "_layouts/data.html": (
        "---\nlayout: default\n---\n<article class=\"post h-entry\">\n"
        "  <header class=\"post-header\">\n"
        "    <h1 class=\"post-title p-name\">{{ page.title | escape }}</h1>\n  </header>\n"
        "  <div class=\"post-content e-content\" itemprop=\"articleBody\">\n"
        "    <strong>Owner:</strong> {{ page.owner }} <br />\n"
        "    <strong>Year:</strong> {{ page.year }} <br />\n"
        "    <strong>License:</strong> {{ page.license }} <br />\n"
        "    <strong>Categories:</strong> {{ page.categories }} <br />\n"
        "    <strong>File Download:</strong> <a href={{ site.s3_bucket }}/{{ page.resourceType }}/"
        "{{ page.fileName }}>{{ page.fileName }}</a> <br/>\n"
        "    {{ content }}\n  </div>\n"
        "  <div id='map' style='width: 100%; height: 500px;'></div>\n"
        "  <script>mapboxgl.accessToken = '{{site.mapbox-token}}';</script>\n</article>\n"),
    "about.md": ("---\nlayout: page\ntitle: About\npermalink: /about/\n---\n\n"
                 "This project is in support of an environmental justice group in West Oakland.\n"),
    "_posts/2018-04-26-zoning-city-of-oakland.markdown": (
        "---\ntitle: Zoning\ncategories: LandUse\nowner: City of Oakland\nlicense:\nmonth: \n"
        "year: 2015\nlocation: AdaptOaklandMaps\nfileName: Zoning.json\nlayout: data\n---\n\n"),
    "_posts/2018-05-22-2010-02.markdown": (
        "---\ntitle: Citizen Science 02-2010\nowner: WOEIP\nlayout: data\nmonth: 02\nyear: 2010\n"
        "categories: citizenScience\nfileName: <a href=\"http://s3-us-west-2.amazonaws.com/"
        "openoakland-woaq/shift_by_month/2010-02.csv\">CSV here</a>\n---\n"),
}


def test_a_dataset_page_shows_the_values_its_layout_printed_beside_their_labels(tmp_path: Path) -> None:
    """The Zoning dataset's page was its front matter, shown by ``data.html`` as "Owner: City
    of Oakland", "Year: 2015", "File Download: Zoning.json": a resident sees them in every
    edition, not a title alone, and they are no longer said to be shown nowhere. A value
    written as HTML (the citizen-science CSV's link) is not printed raw: it is still said."""
    source = write_pages(tmp_path / "src", WOAQ)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    zoning = words(tmp_path / "html" / "posts" / "2018-04-26-zoning-city-of-oakland.html")
    assert "Owner: City of Oakland" in zoning, zoning
    assert "Year: 2015" in zoning and "File Download: Zoning.json" in zoning, zoning
    assert "License:" not in zoning  # Jekyll printed an empty label; nothing to read in it
    science = words(tmp_path / "html" / "posts" / "2018-05-22-2010-02.html")
    assert "Owner: WOEIP" in science and "Year: 2010" in science, science
    assert "<a href" not in science and "CSV here" not in science, science
    zoning_warnings = [line for line in build.output.splitlines()
                       if "2018-04-26-zoning-city-of-oakland" in line and "WARNING" in line]
    assert not any("`owner`" in line or "`year`" in line or "`fileName`" in line
                   for line in zoning_warnings), zoning_warnings
    assert not any("no text of its own" in line for line in zoning_warnings), zoning_warnings
    assert any("`location`" in line for line in zoning_warnings), zoning_warnings  # shown nowhere
    assert any("2018-05-22-2010-02" in line and "`fileName`" in line
               for line in build.output.splitlines()), build.output

