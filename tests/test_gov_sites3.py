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
        "    <b>Source:</b> {{ page.location }} <b>Agency:</b> {{ page.agency }}\n"
        "    {{ content }}\n  </div>\n"
        "  <div id='map' style='width: 100%; height: 500px;'></div>\n"
        "  <script>mapboxgl.accessToken = '{{site.mapbox-token}}';</script>\n</article>\n"),
    "about.md": ("---\nlayout: page\ntitle: About\npermalink: /about/\n---\n\n"
                 "This project is in support of an environmental justice group in West Oakland.\n"),
    "_posts/2018-04-26-zoning-city-of-oakland.markdown": (
        "---\ntitle: Zoning\ncategories: LandUse\nowner: City of Oakland\nlicense:\nmonth: \n"
        "year: 2015\nlocation: AdaptOaklandMaps\nagency: Planning\nstatus: current\n"
        "fileName: Zoning.json\nlayout: data\n---\n\n"),
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
    assert "Source: AdaptOaklandMaps Agency: Planning" in zoning, zoning  # two labels on one line
    assert any("`status`" in line for line in zoning_warnings), zoning_warnings  # shown nowhere
    assert any("2018-05-22-2010-02" in line and "`fileName`" in line
               for line in build.output.splitlines()), build.output


SGA_STATUTE = {
    "_config.yml": "title: Florida Poly Student Government\ntheme: minima\nplugins:\n  - jekyll-feed\n",
    "index.markdown": "---\nlayout: home\ntitle: About Florida Poly Student Government\n---\n\nEstablished in 2014.\n",
    "_posts/2021-12-19-title_i.markdown": (
        "---\nlayout: post\ntitle:  \"Title I - Introduction to SGA Statutes\"\n"
        "permalink: /Statutes/TitleI/\ncategories: Statutes\n---\n\n"
        "## Title 1 Introduction to SGA Statutes\n\n"
        "<style>\n\t#legal-list { \n\t\tcounter-reset: section; \n\t}\n"
        "\t#legal-list h3:before { \n\t\tcontent: \"10\" counter(section) \". \";\n"
        "\t\tcounter-increment: section;\n\t}\n"
        "\t#legal-list ol li:before {\n"
        "\t\tcontent: \"10\" counter(section) \".\" counters(clause, \".\") \". \";\n\t}\n</style>\n\n"
        "<html>\n  <body id=\"legal-list\">\n"
        "    <h3>System of Student Government Association (SGA) Statutes</h3>\n    <ol>\n"
        "      <li>Objective\n        <ol>\n          <li>This chapter serves to outline the "
        "structure of the statutes.</li>\n        </ol>\n      </li>\n    </ol>\n  </body>\n</html>\n"),
}


def test_a_style_that_numbered_a_statutes_clauses_is_said_to_have_written_them(tmp_path: Path) -> None:
    """Florida Poly's Student Government numbered its statutes' chapters and clauses
    ("100.1.1.") with CSS counters in a page's own ``<style>``: the editions leave the style
    out, so the warning says that it wrote the numbers and that they belong in the text,
    not only that "the theme styles the page"."""
    source = write_pages(tmp_path / "src", SGA_STATUTE)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.output.splitlines() if "2021-12-19-title_i.markdown:" in line
            and "<style>" in line]
    assert said, build.output
    assert "content:" in said[0] and "numbers" in said[0], said
    assert "write" in said[0].split("content:", 1)[1], said
    assert "This chapter serves to outline" in words(tmp_path / "html" / "posts" / "2021-12-19-title_i.html")


WOAQ_CATEGORIES = {
    **{k: v for k, v in WOAQ.items() if not k.startswith("_layouts/")},
    "_layouts/data.html": "---\nlayout: default\n---\n{{ content }}\n",
    "_layouts/category.html": ("---\nlayout: default\n---\n\n<div class=\"home\">\n"
                               "  {% include categories-list.html %}\n\n  <div class=\"posts-list\">\n"
                               "    {% include posts-list.html %}\n    \n  </div>\n</div>"),
    "_includes/categories-list.html": "<div class=\"categories-list\">\n    <h2>Categories</h2>\n</div>\n",
    "_includes/posts-list.html": (
        "<h2>Datasets</h2>\n<div class=\"autopages-meta\">\n    {% if page.title == \"Home\" %}\n"
        "        {% assign posts = paginator.posts %}\n    {% else %}      \n"
        "        <strong>{{page.tag}}</strong>\n        {% assign posts = site.categories[page.tag] %}\n"
        "    {% endif %}\n</div>\n<ul class=\"post-listing\">\n    {% for post in posts %}\n"
        "    <li class=\"post\">\n        <h3><a class=\"post-link\" href=\"{{ post.url | relative_url }}\">"
        "{{ post.title | escape }}</a></h3>\n    </li>\n    {% endfor %}\n</ul>\n"),
    "LandUse.md": "---\nlayout: category\ntitle: LandUse\ntag: LandUse\npermalink: /category/LandUse\nhidden: true\n---",
    "_posts/2018-04-26-caltrans-right-of-way-parcels.markdown": (
        "---\ntitle: Caltrans Right of Way Parcels\ncategories: LandUse\nowner: Caltrans\nlayout: data\n---\n"),
}


def test_a_category_page_its_layout_filled_lists_the_posts_of_its_category(tmp_path: Path) -> None:
    """OpenOakland's /category/LandUse page was only front matter (``tag: LandUse``): its
    layout's ``posts-list.html`` listed ``site.categories[page.tag]``, the category's
    datasets, newest first. The editions list them the same, dated and linked, and the
    page is not said to have no text of its own."""
    source = write_pages(tmp_path / "src", WOAQ_CATEGORIES)
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    page = BeautifulSoup((tmp_path / "html" / "LandUse.html").read_text(encoding="utf-8"), "html.parser")
    article = page.find("article")
    listed = [" ".join(li.get_text(" ").split()) for li in article.select("ul.category-posts li")]
    assert listed == ["April 26, 2018 · Zoning", "April 26, 2018 · Caltrans Right of Way Parcels"] or \
        listed == ["April 26, 2018 · Caltrans Right of Way Parcels", "April 26, 2018 · Zoning"], listed
    links = [a["href"] for a in article.select("ul.category-posts a")]
    assert all(href.startswith("posts/2018-04-26-") for href in links), links
    assert "Citizen Science" not in article.get_text()
    said = [line for line in build.output.splitlines() if "LandUse.md" in line and "WARNING" in line]
    assert not any("no text of its own" in line or "`tag`" in line for line in said), said


def test_a_category_page_lists_a_post_added_after_it_was_built(tmp_path: Path) -> None:
    """The category page lists posts no file of it names: an incremental build after a new
    post kept the old list, where a clean build shows the new one. The page is read again
    when the posts change."""
    source = write_pages(tmp_path / "src", WOAQ_CATEGORIES)
    out = tmp_path / "html"
    assert sphinx_build(source, out, "html", strict=False).returncode == 0
    (source / "_posts" / "2019-05-01-street-trees.markdown").write_text(
        "---\ntitle: Street Trees\ncategories: LandUse\nowner: City of Oakland\nlayout: data\n---\n",
        encoding="utf-8")
    assert sphinx_build(source, out, "html", strict=False).returncode == 0
    clean = tmp_path / "clean"
    assert sphinx_build(source, clean, "html", strict=False).returncode == 0

    def listed(folder: Path) -> list[str]:
        page = BeautifulSoup((folder / "LandUse.html").read_text(encoding="utf-8"), "html.parser")
        return [" ".join(li.get_text(" ").split()) for li in page.select("ul.category-posts li")]

    assert "May 1, 2019 · Street Trees" in listed(out), listed(out)
    assert listed(out) == listed(clean)


def test_hidden_true_is_a_switch_not_words_a_layout_showed(tmp_path: Path) -> None:
    """``hidden: true`` (jekyll-paginate-v2 and most themes: leave the page out of the post
    lists) was said as "data the old layout may have shown": it is a switch, no words."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "landuse.md": "---\ntitle: Land use\nposition: 1\nhidden: true\n---\n\nZoning data.\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=True)
    assert build.returncode == 0, build.output
    assert "hidden" not in build.output
