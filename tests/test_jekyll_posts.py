"""A Jekyll site's posts (``_posts/``) are published in every edition, newest first, dated,
and their old addresses lead to them.

The root ``jekyll-posts`` has the shape of a real Jekyll blog (``jekyll new``'s minima
``_config.yml`` with ``permalink: pretty`` and a ``timezone``; the City's own welcome post;
posts with and without a front-matter date, with categories, tags, a permalink and a
permalink template; a ``published: false`` post, a future one, a draft, a dateless file in
``_posts/``, and ``news/_posts/``).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import REPO, copy_root, sphinx_build
from test_incremental import assert_same_files, epub_files, files
from test_order_editions import epub_orders, next_links_order

POSTS = [  # newest first; the two of May 14, 2018 by file name, as Jekyll's site.posts
    "posts/2020-02-10-library-sessions", "posts/2019-03-02-late-night-update",
    "posts/2018-05-14-bike-share", "posts/2018-05-14-another-same-day",
    "posts/2017-01-20-council-vote", "posts/2016-09-08-welcome-to-jekyll",
    "posts/2015-03-03-first-pilot",
]
ORDER = ["index", "about", "posts/index", *POSTS]
DATES = {
    "posts/2020-02-10-library-sessions": "Published February 10, 2020 · Categories: news",
    # 2019-03-02 03:30 +0000 is still March 1 in the site's timezone (America/Chicago)
    "posts/2019-03-02-late-night-update": "Published March 1, 2019 · Categories: sensors",
    "posts/2018-05-14-bike-share": "Published May 14, 2018 · Categories: mobility · Tags: bikes, open-data",
    "posts/2018-05-14-another-same-day": "Published May 14, 2018",
    "posts/2017-01-20-council-vote": "Published January 20, 2017",
    "posts/2016-09-08-welcome-to-jekyll": "Published September 8, 2016 · Categories: jekyll, update",
    "posts/2015-03-03-first-pilot": "Published March 3, 2015",
}
OLD_ADDRESSES = {  # permalink: pretty, /:categories/:year/:month/:day/:title/
    "news/2020/02/10/library-sessions/index.html": "posts/2020-02-10-library-sessions",
    "sensors/2019/03/01/late-night-update/index.html": "posts/2019-03-02-late-night-update",
    "mobility/2018/05/14/bike-share/index.html": "posts/2018-05-14-bike-share",
    "2018/05/14/another-same-day/index.html": "posts/2018-05-14-another-same-day",
    "council/vote/index.html": "posts/2017-01-20-council-vote",  # its own permalink
    "jekyll/update/2016/09/08/welcome-to-jekyll/index.html": "posts/2016-09-08-welcome-to-jekyll",
    "archive/2015/first-pilot/index.html": "posts/2015-03-03-first-pilot",  # its own template
}
EDITION_DATE = {"SOURCE_DATE_EPOCH": "1700000000"}  # 2023-11-14: posts after it are in the future
LEFT_OUT = ("Not for publication", "Not yet", "Not a post")  # unpublished, future, draft, dateless


@pytest.fixture(scope="session")
def blog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The blog built as ``make all STRICT=0`` does: PDF, ePub, site, one doctree cache."""
    base = tmp_path_factory.mktemp("posts")
    source = copy_root("jekyll-posts", base / "src")
    output = []
    for builder, folder in (("typst", "pdf"), ("epub", "epub"), ("html", "html")):
        build = sphinx_build(source, base / folder, builder, strict=False, doctrees=base / "doctrees",
                             extra=("-D", f"editions_dir={base}"), env=EDITION_DATE)
        assert build.returncode == 0, build.output
        output.append(build.output)
    (base / "output.txt").write_text("\n".join(output), encoding="utf-8")
    return base


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split()).replace(" ¶", "").replace(" ,", ",")


def pdf_text(base: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(next((base / "pdf").glob("*.pdf"))).pages)


def test_every_post_is_listed_newest_first_and_shows_its_date(blog: Path) -> None:
    landing = soup(blog / "html" / "posts" / "index.html")
    assert landing.select_one("article h1").get_text(strip=True).rstrip("¶") == "Posts"
    listed = [posixpath.join("posts", a["href"]).removesuffix(".html")
              for a in landing.select("article .post-list a")]
    assert listed == POSTS
    # each post under its date, as minima's home listed them (the contents list is hidden)
    assert not landing.select("article .publication-contents a")
    days = [(t["datetime"], t.get_text()) for t in landing.select("article .post-list time")]
    assert days[:2] == [("2020-02-10", "February 10, 2020"), ("2019-03-01", "March 1, 2019")]
    assert len(days) == len(POSTS)
    assert text_of(landing.select_one("article .post-list li")) == "February 10, 2020 · Library Sessions"
    for docname, date in DATES.items():
        page = soup(blog / "html" / f"{docname}.html")
        assert text_of(page.select_one("article p.page-date")) == date, docname
    titled = soup(blog / "html" / "posts" / "2020-02-10-library-sessions.html")  # no title, no heading
    assert titled.select_one("article h1").get_text(strip=True).rstrip("¶") == "Library Sessions"
    welcome = soup(blog / "html" / "posts" / "2016-09-08-welcome-to-jekyll.html")
    assert "print_hi" in welcome.select_one("article pre").get_text()  # {% highlight %} is code


def test_the_editions_have_the_sites_order(blog: Path) -> None:
    assert next_links_order(blog / "html") == ORDER
    spine, contents = epub_orders(next((blog / "epub").glob("*.epub")))
    assert spine == ORDER and contents == ORDER
    text = pdf_text(blog)
    body = text[text.index("News from the Office of Innovation, newest"):]
    markers = ["Weekly sessions at the Central", "The sensors came back online", "Trips from the bike share",
               "A second post of the same day", "The council adopted", "find this post in your",
               "A single parking sensor"]
    places = [body.index(marker) for marker in markers]
    assert places == sorted(places)
    assert "Published March 1, 2019" in text
    listed = body.index("February 10, 2020 · Library Sessions")  # the dated list of posts
    assert listed < places[0], "the PDF lists the posts before printing them, as contents do"
    with zipfile.ZipFile(next((blog / "epub").glob("*.epub"))) as book:
        landing = BeautifulSoup(book.read(next(n for n in book.namelist() if n.endswith("posts/index.xhtml"))), "lxml")
    assert [t["datetime"] for t in landing.select(".post-list time")][:2] == ["2020-02-10", "2019-03-01"]


def test_each_old_address_leads_to_its_post(blog: Path) -> None:
    html = blog / "html"
    for old, docname in OLD_ADDRESSES.items():
        refresh = soup(html / old).select_one('meta[http-equiv="refresh"]')["content"]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(old), refresh.split("url=", 1)[1]))
        assert target == f"{docname}.html", old
        assert (html / target).is_file()


def test_a_link_to_an_old_address_leads_to_the_post(tmp_path: Path) -> None:
    source = copy_root("jekyll-posts", tmp_path / "src")
    (source / "about.md").write_text(
        "---\ntitle: About\nposition: 2\n---\n\nRead [the welcome](/jekyll/update/2016/09/08/welcome-to-jekyll/) "
        "and [the vote]({% post_url 2017-01-20-council-vote %}).\n", encoding="utf-8")
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    links = [a["href"] for a in soup(tmp_path / "html" / "about.html").select("article a.reference")]
    assert links[:2] == ["posts/2016-09-08-welcome-to-jekyll.html", "posts/2017-01-20-council-vote.html"]
    assert "[jekyll.link]" not in build.output


def test_what_jekyll_did_not_publish_is_in_no_edition_and_each_is_said(blog: Path) -> None:
    html = blog / "html"
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not any(words in text for words in LEFT_OUT), page
    with zipfile.ZipFile(next((blog / "epub").glob("*.epub"))) as book:
        assert not any(words.encode() in book.read(name) for name in book.namelist() for words in LEFT_OUT)
    assert not any(words in pdf_text(blog) for words in LEFT_OUT)
    source = blog / "src"
    said = sorted({line for line in (blog / "output.txt").read_text(encoding="utf-8").splitlines()
                   if "[jekyll." in line})
    assert said == [
        f"{source / '_posts' / '2999-01-01-future-plans.md'}:4: WARNING: the post is dated 2999-01-01, "
        "after this edition's date (2023-11-14), so it is left out, as Jekyll leaves out posts dated in the "
        "future; set `future: true` in _config.yml to publish it, or give it an earlier date [jekyll.post-future]",
        f"{source / '_posts' / 'notes-for-editors.md'}:1: WARNING: '_posts/notes-for-editors.md' is in _posts/ "
        "but its name does not start with a date, so it is no post (Jekyll did not publish it either) and is "
        "left out; to publish it as a post, name it YYYY-MM-DD-notes-for-editors.md [jekyll.post-name]",
    ]
    assert "[position." not in (blog / "output.txt").read_text(encoding="utf-8")  # no position needed


def test_make_check_reads_the_posts_like_a_build(blog: Path) -> None:
    from pageorder.check import check

    lines, count = check(blog / "src", REPO)
    assert count == 2 + len(POSTS) + 2  # index, about, the posts, the unpublished and the future one
    assert lines == []


def test_a_new_post_rebuilds_to_what_a_clean_build_gives(tmp_path: Path) -> None:
    source = copy_root("jekyll-posts", tmp_path / "src")

    def build(base: Path) -> None:
        for builder in ("epub", "html"):
            result = sphinx_build(source, base / builder, builder, strict=False, doctrees=base / "doctrees",
                                  extra=("-D", f"editions_dir={base / 'none'}"))
            assert result.returncode == 0, result.output

    build(tmp_path / "incremental")
    (source / "_posts" / "2018-06-01-parking-results.md").write_text(
        "---\nlayout: post\ntitle: Parking pilot results\n---\n\nThe sensors found a free space faster.\n",
        encoding="utf-8")
    build(tmp_path / "incremental")
    build(tmp_path / "clean")
    assert_same_files(files(tmp_path / "incremental" / "html"), files(tmp_path / "clean" / "html"))
    assert_same_files(epub_files(next((tmp_path / "incremental" / "epub").glob("*.epub"))),
                      epub_files(next((tmp_path / "clean" / "epub").glob("*.epub"))))
    listed = [a.get_text() for a in soup(tmp_path / "clean" / "html" / "posts" / "index.html").select(
        "article .post-list a")]
    assert listed.index("Parking pilot results") == listed.index("Bike share data is open") - 1
    assert (tmp_path / "clean" / "html" / "2018" / "06" / "01" / "parking-results" / "index.html").is_file()


# ---------------------------------------------------------------- Jekyll's rules, without a build

def post(relative: str, settings=None, **front):
    from jekyll_compat import posts

    return posts.read(relative, front, {}, settings or posts.settings({}, "1700000000"))


@pytest.mark.parametrize(("style", "address"), [
    (None, "/jekyll/update/2016/09/08/welcome-to-jekyll.html"),
    ("date", "/jekyll/update/2016/09/08/welcome-to-jekyll.html"),
    ("pretty", "/jekyll/update/2016/09/08/welcome-to-jekyll/"),
    ("ordinal", "/jekyll/update/2016/252/welcome-to-jekyll.html"),
    ("weekdate", "/jekyll/update/2016/W36/THU/welcome-to-jekyll.html"),
    ("none", "/jekyll/update/welcome-to-jekyll.html"),
    ("/blog/:year/:i_month/:title/", "/blog/2016/9/welcome-to-jekyll/"),
])
def test_a_posts_address_follows_the_sites_permalink_style(style, address) -> None:
    from jekyll_compat import posts

    site = posts.settings({"permalink": style} if style else {}, "1700000000")
    found = post("_posts/2016-09-08-welcome-to-jekyll.markdown", site,
                 date="2016-09-08 13:15:01 -0500", categories="jekyll update")
    assert posts.url(found, site) == address


def test_categories_dates_titles_and_slugs_as_jekyll_reads_them() -> None:
    from jekyll_compat import posts

    assert posts.url(post("news/_posts/2020-1-2-Hello World!.md"), posts.settings({}, "1")) == \
        "/news/2020/01/02/Hello-World!.html"  # :title keeps case and the characters URLs allow
    found = post("news/_posts/2020-01-02-x.md", categories=["Press", "news"], category="Updates",
                 tags="a b", date="2020-01-03T01:00:00Z")
    assert found.categories == ("news", "Press", "Updates") and found.tags == ("a", "b")
    assert found.day.isoformat() == "2020-01-03" and found.title == "X"
    chicago = posts.settings({"timezone": "America/Chicago"}, "1700000000")
    assert post("_posts/2020-01-03-x.md", chicago, date="2020-01-03T01:00:00Z").day.isoformat() == "2020-01-02"
    worded = post("_posts/2020-01-02-x.md", date="January 5, 2020")
    assert worded.day.isoformat() == "2020-01-05" and not worded.notes
    bad = post("_posts/2020-01-02-x.md", date="someday")
    assert bad.day.isoformat() == "2020-01-02" and [n.kind for n in bad.notes] == ["date"]
    assert posts.settings({"timezone": "Mars/Olympus"}, "1").zone_problem
    assert post("_posts/2020-01-02-x.md", posts.settings({"future": True}, "0")).published
    assert not post("_posts/2020-01-02-x.md", posts.settings({}, "0")).published
    assert not posts.is_post_path("_posts/2019-02-30-impossible.md")
    assert not posts.is_post_path("notes/2019-02-03-not-in-posts.md")
    assert posts.slugify("Héllo, World & Co") == "héllo-world-co"
    assert re.fullmatch(r"[a-z]+", posts.slugify("ABC"))


def test_dates_at_the_edges_of_the_calendar_do_not_break_the_build() -> None:
    from jekyll_compat import posts

    late = post("_posts/2020-01-02-x.md", posts.settings({"timezone": "UTC"}, "1"), date="9999-12-31 23:00:00 -0500")
    assert late.day.isoformat() == "9999-12-31" and not late.published
    assert post("_posts/99-01-02-x.md").day.isoformat() == "1999-01-02"  # Ruby's Time.parse
    assert post("_posts/16-01-02-x.md").day.isoformat() == "2016-01-02"


def test_a_blog_page_lands_the_posts_and_a_site_of_posts_alone_builds(tmp_path: Path) -> None:
    from conftest import write_pages
    from edition_build import check_source
    from jekyll_compat import posts

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Blog\n",
        "blog.md": "---\ntitle: Our blog\nposition: 1\n---\n\nWhat we write.\n",
        "_posts/2020-01-02-hello.md": "---\ntitle: [Hello]\n---\n\nHi.\n",
        "_posts/2020-01-03-again.md": "---\ntitle:\n---\n\nAgain.\n"})
    found = posts.find(source, (".md",))
    assert sorted(found.posts.values()) == ["blog/2020-01-02-hello", "blog/2020-01-03-again"]
    (source / "blog.md").unlink()
    assert check_source(source) == 2  # no BuildFolderProblem: the posts are pages
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert [a["href"] for a in soup(tmp_path / "html" / "posts" / "index.html").select(
        "article .post-list a")] == ["2020-01-03-again.html", "2020-01-02-hello.html"]
    titles = {p.stem: soup(p).select_one("article h1").get_text(strip=True).rstrip("¶")
              for p in (tmp_path / "html" / "posts").glob("2020-*.html")}
    assert titles["2020-01-03-again"] == "Again"  # an empty title is the slug titleized, as Jekyll
    assert [line.split(" WARNING: ")[0] for line in build.warnings if "[position.title" in line] == [
        f"{source / '_posts' / '2020-01-02-hello.md'}:2:"]  # a list is a mistake; an empty title is not


def test_posts_with_names_people_give_them_build_in_every_edition(tmp_path: Path) -> None:
    from conftest import write_pages

    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n",
        "_posts/2020-01-01-café terrace.md": "---\ntitle: Café terrace\n---\n\nCoffee outside.\n",
        "_posts/2020-01-02-<b>&'quote\".md": "---\ntitle: \"<b>bold</b> & more\"\n---\n\nMarkup in a title.\n",
        "_posts/2020-01-03-.md": "---\ntitle: No slug\n---\n\nNo slug at all.\n",
        "_posts/2020-01-04-dated.md": "---\ntitle: Dated oddly\ndate: [2020, 1, 4]\ncategories: {a: b}\n---\n\nOdd.\n",
    })
    for builder in ("typst", "epub", "html"):
        build = sphinx_build(source, tmp_path / builder, builder, strict=False, doctrees=tmp_path / "doctrees")
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
    html = tmp_path / "html"
    assert (html / "2020" / "01" / "01" / "café-terrace.html").is_file()  # its old address, slugified
    assert (html / "2020" / "01" / "02" / "b-&'quote.html").is_file()
    assert "Coffee outside." in (html / "posts" / "2020-01-01-café terrace.html").read_text(encoding="utf-8")
    said = build.warnings
    assert any("2020-01-03-.md:1:" in line and "[jekyll.post-name]" in line for line in said)
    assert any("2020-01-04-dated.md:3:" in line and "[jekyll.date]" in line for line in said)


def test_show_drafts_is_said_once_not_followed() -> None:
    """``show_drafts: true`` made Jekyll publish ``_drafts/``; an edition of record does not."""
    from jekyll_compat import drafts_message

    said = drafts_message(("_drafts/bike-lanes.md",), show_drafts=True)
    assert "`show_drafts: true`" in said and "edition of record publishes no drafts" in said
    assert "show_drafts" not in drafts_message(("_drafts/bike-lanes.md",), show_drafts=False)
    assert drafts_message(("_drafts/a.md", "_drafts/b.md"), False).startswith("2 drafts ('_drafts/a.md', ...)")


def test_a_post_whose_file_name_no_address_can_hold_keeps_its_words_and_old_address(tmp_path: Path) -> None:
    """``why?.md`` was the page ``posts/2019-01-01-why?``: its file a name Windows and zip
    readers refuse, and its old address's redirect said "target is no page of this site"
    (``?`` read as a query), so the post lost the address it had."""
    from conftest import write_pages

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Blog\n",
        "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n",
        "_posts/2019-01-01-why?.md": "---\ntitle: Why\n---\n\nBecause words matter.\n",
        "_posts/2019-01-02-what#now.md": "---\ntitle: What now\n---\n\nNext steps.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    html = tmp_path / "html"
    assert "Because words matter." in (html / "posts" / "2019-01-01-why.html").read_text(encoding="utf-8")
    assert "Next steps." in (html / "posts" / "2019-01-02-what-now.html").read_text(encoding="utf-8")
    assert not [p for p in html.rglob("*") if set("?#") & set(p.name)]
    for old, page in (("2019/01/01/why.html", "2019-01-01-why"), ("2019/01/02/what-now.html", "2019-01-02-what-now")):
        refresh = soup(html / old).select_one('meta[http-equiv="refresh"]')["content"]
        assert refresh.endswith(f"url=../../../posts/{page}.html"), old
    said = [line for line in build.warnings if "[jekyll.post-renamed]" in line]
    assert [line.split(" WARNING: ")[0] for line in said] == [
        f"{source / '_posts' / '2019-01-01-why?.md'}:1:", f"{source / '_posts' / '2019-01-02-what#now.md'}:1:"]
    assert "'2019-01-01-why.html'" in said[0] and "Rename the file '2019-01-01-why.md'" in said[0]
    assert "[redirect." not in build.output


def test_a_post_with_a_line_break_in_its_name_is_said_on_one_line(tmp_path: Path) -> None:
    """The posts reader left it out saying its name had no date (it has one), suggested
    'YYYY-MM-DD-2020-01-02-bad⏎name.md', and split the warning over two lines."""
    from conftest import write_pages

    source = write_pages(tmp_path / "site", {
        "_config.yml": "title: Site\n",
        "index.md": "---\ntitle: Home\n---\n\nHello.\n",
        "_posts/2020-01-01-good.md": "---\ntitle: Good post\n---\n\nGood.\n",
        "_posts/2020-01-02-bad\nname.md": "---\ntitle: Bad post\n---\n\nBad words.\n",
    })
    built = sphinx_build(source, tmp_path / "out")
    assert built.returncode != 0
    [said] = [line for line in built.output.splitlines() if "[jekyll.post-name]" in line]
    assert "_posts/2020-01-02-bad\\nname.md:1: WARNING: " in said
    assert "has a line break or another control character in its name" in said
    assert "does not start with a date" not in said and "YYYY" not in said
    assert any("Good." in p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*good*.html"))


PAGINATED = {  # cloud-gov/pages-uswds-jekyll's news page and posts, jekyll-paginate-v2, 3 a page
    "_config.yml": "title: Agency Name\npermalink: pretty\nplugins:\n  - jekyll-paginate-v2\n"
                   "pagination:\n  enabled: true\n  per_page: 2\n  permalink: '/page/:num/'\n",
    "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n",
    "news/index.html": (
        "---\nlayout: default\ntitle: News\npagination: \n  enabled: true\n---\n\n"
        "<!-- This loops through the paginated posts -->\n{% for post in paginator.posts %}\n"
        "  <div class=\"grid-row grid-gap margin-bottom-8\">\n"
        "    <h2 class=\"title\"><a href=\"{{site.baseurl}}{{post.url}}\">{{post.title}}</a></h2>\n"
        "      <em class=\"date\">{{ post.date | date: '%B %d, %Y' }}</em>\n\n      {{ post.content }}\n"
        "  </div>\n{% endfor %}\n\n<div class=\"grid-row\">\n"
        "  <p>Page {{ paginator.page }} of {{ paginator.total_pages }}</p>\n"
        "    {% if paginator.previous_page %}\n"
        "      <a href=\"{{ paginator.previous_page_path | prepend: site.baseurl }}\">Previous</a>\n"
        "    {% endif %}\n    {% if paginator.next_page %}\n"
        "      <a href=\"{{ paginator.next_page_path | prepend: site.baseurl }}\">Next</a>\n"
        "    {% endif %}\n</div>\n\n<aside>\n  <h4>Most Recent Posts</h4>\n  <ul>\n"
        "    {% for post in site.posts limit:2 %}\n"
        "      <li><a href=\"{{site.baseurl}}{{post.url}}\">{{ post.title }}</a></li>\n"
        "    {% endfor %}\n  </ul>\n</aside>\n"),
    "_posts/2019-01-14-hello-world.md": "---\ntitle: Hello World\nlayout: post\ndate: January 16, 2019\n"
                                       "excerpt: This is an excerpt\n---\n\nLorem ipsum dolor sit amet.\n",
    "_posts/2019-01-13-an-extra.md": "---\ntitle: An extra\nlayout: post\n---\n\nThe extra's first "
                                     "paragraph.\n\nIts second paragraph.\n",
    "_posts/2020-02-20-how-about-a-new-post.md": "---\nlayout: post\ntitle: How about a new post\n"
                                                 "date: 2020-02-20T00:54:11.875Z\n---\n# A New Post\n\n"
                                                 "Where all the magic happens!\n",
}


def test_a_paginated_list_shows_every_post_on_one_page(tmp_path: Path) -> None:
    """The old site showed 2 posts a page and linked /page/2/; the publication has no page 2,
    so the list holds every post, newest first, each linked to its page, with its excerpt."""
    from conftest import write_pages

    source = write_pages(tmp_path / "src", PAGINATED)
    build = sphinx_build(source, tmp_path / "html", strict=False, env=EDITION_DATE)
    assert build.returncode == 0, build.output
    assert "paginator" not in build.output
    news = soup(tmp_path / "html" / "news" / "index.html").select_one("article")
    entries = [(text_of(h), text_of(h.find_next("em"))) for h in news.select("h2.title")]
    assert entries == [("How about a new post", "February 20, 2020"), ("Hello World", "January 16, 2019"),
                       ("An extra", "January 13, 2019")]
    words = text_of(news)
    assert "Where all the magic happens!" in words and "This is an excerpt" in words
    assert "The extra's first paragraph." in words and "Its second paragraph" not in words
    assert "Page 1 of 1" in words and "Next" not in words and "Previous" not in words
    links = [a["href"] for a in news.select("h2.title a")]
    assert [posixpath.basename(link) for link in links] == [
        "2020-02-20-how-about-a-new-post.html", "2019-01-14-hello-world.html", "2019-01-13-an-extra.html"]
    assert all((tmp_path / "html" / "news" / link).is_file() for link in links)
    assert [text_of(a) for a in news.select("aside li a")] == ["How about a new post", "Hello World"]


def test_a_posts_excerpt_is_its_own_or_its_first_paragraph_of_words() -> None:
    from jekyll_compat.paginator import excerpt

    assert excerpt({"excerpt": "Said here."}, "Body.") == "Said here."
    assert excerpt({}, "# A New Post\n\nWhere all\nthe magic happens!\n\nMore.") == "Where all the magic happens!"
    assert excerpt({"excerpt": ["not", "text"]}, "{% include x.html %}\n\n") == ""


def test_a_long_date_that_is_no_date_is_quoted_short() -> None:
    """The hostile round's `date: "March 5, 2020 1<3,000 spaces>x"`: the warning quoted the
    whole value, a 3 KB line in the build log."""
    from jekyll_compat.posts import _shown

    assert _shown("March 5, 2020 1" + " " * 3000 + "x") == "March 5, 2020 1 x"
    assert _shown("y" * 500) == "y" * 59 + "…"
    assert _shown("soon") == "soon"


def test_an_html_page_shows_each_posts_excerpt_as_html(tmp_path: Path) -> None:
    """pulibrary.github.io's home page (``index.html``) lists ``{{ post.excerpt }}`` of each
    post; Jekyll's excerpt is the first paragraph made HTML. On a page written in HTML no
    Markdown is read, so the excerpt showed ``[Ansible playbooks]()`` and ``**…**`` as typed."""
    from conftest import write_pages

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Library Systems\npermalink: /:year:month:day:title\n",
        "index.html": (
            "---\ntitle: Library IT\nlayout: default\n---\n\n<ul class=\"post-list\">\n"
            "  {% for post in site.posts %}\n    <li>\n      <lux-card-content>\n"
            "          <p class=\"post-meta\">{{ post.date | date: \"%b %-d, %Y\" }}</p>\n"
            "          {{ post.excerpt }}\n      </lux-card-content>\n    </li>\n  {% endfor %}\n</ul>\n"),
        "_posts/2019-01-17-warm_standby.md": (
            "---\ntitle: Warm standbys\n---\n\nWe updated our **existing** [Ansible playbooks]"
            "(https://example.org/playbooks) to set up standbys.\n\nSecond paragraph.\n"),
    })
    build = sphinx_build(source, tmp_path / "html", strict=False, env=EDITION_DATE)
    assert build.returncode == 0, build.output
    listing = soup(tmp_path / "html" / "index.html").select_one("ul.post-list")
    words = text_of(listing)
    assert "We updated our existing Ansible playbooks to set up standbys." in words
    assert "](" not in words and "**" not in words and "Second paragraph" not in words
    assert [(a.get_text(), a["href"]) for a in listing.select("a")] == [
        ("Ansible playbooks", "https://example.org/playbooks")]
    assert listing.select_one("strong").get_text() == "existing"


def test_a_post_opening_with_its_title_as_a_lower_heading_shows_it_once(tmp_path: Path) -> None:
    """pulibrary.github.io's posts open with ``## <their title>`` (the theme's layout did not
    print the title): every edition showed the title twice, the second time as a section
    holding the whole post, in each contents list too."""
    from conftest import write_pages

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Library Systems\n",
        "index.md": "---\ntitle: Home\n---\n\nHello.\n",
        "_posts/2023-03-29-accessible-mermaid.md": (
            "---\ndate: 2023-03-29 13:25:00 -0400\ntitle: Accessible Mermaid charts in Github Markdown\n"
            "layout: default\n---\n\n## Accessible Mermaid charts in Github Markdown\n"
            "**by Christina Chortaria and Jane Sandberg**\n\nAfter we saw the announcement.\n\n"
            "### Checklist\n\nEvery chart should have a name.\n\n## Further reading\n\nA blog post.\n"),
    })
    build = sphinx_build(source, tmp_path / "html", strict=False, env=EDITION_DATE)
    assert build.returncode == 0, build.output
    post = soup(tmp_path / "html" / "posts" / "2023-03-29-accessible-mermaid.html").select_one("article")
    assert [text_of(h).rstrip("¶").strip() for h in post.select("h1, h2, h3")] == [
        "Accessible Mermaid charts in Github Markdown", "Checklist", "Further reading"]
    words = text_of(post)
    assert "by Christina Chortaria and Jane Sandberg" in words and "Every chart should have a name." in words
