"""A folder written for GitBook (the City of Boston's digital-documentation, in small):
SUMMARY.md orders and nests the pages in all three editions, README.md lands its folder."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_every_edition, copy_root, sphinx_build, write_pages
from test_order_editions import docname, epub_orders, sidebar_order

ORDER = [
    "getting-started/index",
    "getting-started/using-gitbook",
    "getting-started/life-on-the-digital-team/README",
    "getting-started/life-on-the-digital-team/meetings",
    "guides/index",
    "guides/redirects/README",
    "guides/amazon-web-services/README",
    "guides/amazon-web-services/production-overview",
    "guides/amazon-web-services/service-configuration/README",
    "guides/amazon-web-services/service-configuration/restarting-an-ecs-service",
    "guides/maps-on-boston.gov",
    "projects/index",
    "projects/contact-form",
]
TITLES = ["Getting started", "Using GitBook", "Life on the Digital team", "Meetings", "Guides",
          "Redirects", "Digital Webapps", "Production Overview", "Service Configuration",
          "Restarting a service", "Maps on boston.gov", "Projects", "Contact Form"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("gitbook")
    src = copy_root("gitbook-site", base / "src")
    builds = build_every_edition(src, base, strict=False)
    return base, src, builds


def warnings_of(output: str) -> list[str]:
    return [line for line in output.splitlines() if "WARNING" in line]


def test_summary_orders_the_site_navigation(site):
    base, _, _ = site
    assert sidebar_order(base / "html", "README") == ORDER
    assert not (base / "html" / "SUMMARY.html").exists()  # the table of contents is no page


def test_summary_orders_the_epub_spine_and_contents(site):
    base, _, _ = site
    spine, contents = epub_orders(next((base / "epub").glob("*.epub")))
    assert spine == ["README", *ORDER]
    assert contents[contents.index(ORDER[0]):] == ORDER


def test_summary_orders_the_pdf_outline(site):
    base, _, _ = site
    reader = pypdf.PdfReader(next((base / "typst").glob("*.pdf")))

    def titles(items) -> list[str]:
        found = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]
        return found

    shown = titles(reader.outline)
    assert [t for t in shown if t in TITLES] == TITLES


def test_readme_is_home_and_landing_without_position_warnings(site):
    _, _, builds = site
    output = builds["html"].output
    assert "position.missing" not in output and "position.no-landing" not in output
    assert not [w for w in warnings_of(output) if "using-gitbook.md" in w]  # its ../README.md
    home = BeautifulSoup((site[0] / "html" / "README.html").read_text(encoding="utf-8"), "lxml")
    assert home.find("h1").get_text(strip=True).startswith("Welcome")
    page = (site[0] / "html" / "getting-started" / "using-gitbook.html").read_text(encoding="utf-8")
    assert 'href="../README.html"' in page  # the link to the root README.md leads to the home


def test_summary_problems_said_once_at_their_line(site):
    _, src, builds = site
    said = warnings_of(builds["html"].output)
    missing = [w for w in said if "gitbook.missing-page" in w]
    assert missing == [next(w for w in said if w.startswith(f"{src}/SUMMARY.md:22: "))]
    assert "projects/street-sweeping.md" in missing[0]
    unlisted = [w for w in said if "gitbook.unlisted" in w]
    assert len(unlisted) == 1 and unlisted[0].startswith(f"{src}/projects/contact-form.md:1: ")


def test_make_check_says_the_summary_problems_a_build_says(site):
    """``make check`` (``pageorder.check``) is the quick look before a build: the same
    table-of-contents problems, at the same file and line."""
    from conftest import REPO
    from pageorder.check import check

    _, src, builds = site
    lines, _ = check(src, REPO)
    said = sorted(line for line in lines if "[gitbook." in line)
    built = sorted(w.replace(": WARNING: ", ": ") for w in warnings_of(builds["html"].output) if "[gitbook." in w)
    assert len(said) == 2 and said == built, (said, built)


def test_a_folder_without_summary_is_unchanged(tmp_path):
    """No SUMMARY.md: README.md stays a repository's notes and pages still need positions;
    a folder's README.md lands its folder, as GitHub shows it (no contents page generated)."""
    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nHi.\n",
        "README.md": "# Notes\n\nFor the people who keep the files.\n",
        "guides/README.md": "# Guide notes\n\nText.\n",
        "guides/a.md": "---\ntitle: A\n---\n\nText.\n",
    })
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert not (tmp_path / "html" / "README.html").exists()
    assert "position.no-landing" not in build.output and "position.missing" in build.output
    assert (tmp_path / "html" / "guides" / "README.html").is_file()
    assert not (tmp_path / "html" / "guides" / "index.html").exists()


def test_summary_core_reads_nesting_groups_and_gitbook_yaml(tmp_path):
    """The Sphinx-free core: GitBook's escapes, ``<…>`` addresses, groups, another root."""
    from gitbook_compat import summary

    entries, groups = summary.parse(
        "# Table of contents\n\n* [Home](README.md)\n\n## Guides <a id=\"g\"></a>\n\n"
        "* [D8 \\(DI\\) -&gt; D9](<guides/a b.md>)\n  * [Deep](guides/x/deep.md#part)\n"
        "* [Web](https://example.org)\n")
    assert [(e.path, e.title, e.line, e.depth) for e in entries] == [
        ("README.md", "Home", 3, 0), ("guides/a b.md", "D8 (DI) -> D9", 7, 0),
        ("guides/x/deep.md", "Deep", 8, 1)]
    assert groups == {"guides": "Guides"}
    write_pages(tmp_path, {".gitbook.yaml": "root: ./docs/\nstructure:\n  readme: intro.md\n"
                                            "  summary: toc.md\n",
                           "docs/intro.md": "# Intro\n", "docs/toc.md": "* [Intro](intro.md)\n"
                                                                     "* [Gone](gone.md)\n"})
    order = summary.reading_order(tmp_path)
    assert order.positions == {"docs/intro.md": 1}
    assert [(p.file, p.line, p.kind) for p in order.problems] == [
        ("docs/toc.md", 2, summary.Kind.MISSING)]
    assert summary.home(tmp_path) == "docs/intro"
    assert summary.layout_of(tmp_path / "docs") is None  # no SUMMARY.md, no .gitbook.yaml


def test_paths_that_leave_the_folder_are_said_and_not_read(tmp_path):
    """A hostile table of contents or ``.gitbook.yaml``: `../../etc/passwd`, `/etc/hostname`.
    Nothing outside the folder is read or placed; each path is said at its line."""
    from gitbook_compat import summary

    write_pages(tmp_path, {".gitbook.yaml": "root: ../../\nstructure:\n  readme: ../../../etc/passwd\n",
                           "SUMMARY.md": "* [Home](README.md)\n* [Passwd](../../../../etc/passwd)\n"
                                         "* [Host](/etc/hostname)\n",
                           "README.md": "# Home\n"})
    order = summary.reading_order(tmp_path)
    assert order.layout.root == "" and order.layout.readme == "README.md"
    assert order.positions == {"README.md": 1}
    assert [(p.file, p.line, p.kind) for p in order.problems] == [
        (".gitbook.yaml", 1, summary.Kind.OUTSIDE), (".gitbook.yaml", 3, summary.Kind.OUTSIDE),
        ("SUMMARY.md", 2, summary.Kind.OUTSIDE), ("SUMMARY.md", 3, summary.Kind.OUTSIDE)]
    assert "'../../../etc/passwd' as its `readme`" in order.problems[1].message


def main_of(base: Path, page: str) -> BeautifulSoup:
    html = (base / "html" / f"{page}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "lxml").select_one("[role=main]")


def test_hints_are_admonitions_of_their_kind(site):
    base, _, _ = site
    meetings = main_of(base, "getting-started/life-on-the-digital-team/meetings")
    tip = meetings.select_one("div.admonition.tip")
    assert tip is not None and tip.find("strong").get_text() == "9:30"  # its Markdown read
    overview = main_of(base, "guides/amazon-web-services/production-overview")
    assert overview.select_one("div.admonition.warning strong").get_text() == "Terraform"
    assert "deletes every service" in overview.select_one("div.admonition.danger").get_text()
    config = main_of(base, "guides/amazon-web-services/service-configuration/README")
    assert "The bucket is encrypted." in config.select_one("div.admonition.note").get_text()


def test_embeds_and_content_refs_are_links(site):
    base, _, _ = site
    links = {a.get_text(): a["href"] for a in main_of(base, "guides/redirects/README").select("a")
             if "passage-link" not in a.get("class", [])}
    assert links["Redirects explained"] == "https://www.youtube.com/watch?v=redirects"
    assert links["https://docs.example.org/dns"] == "https://docs.example.org/dns"
    assert links["Digital Webapps"] == "../amazon-web-services/README.html"
    html = (base / "html" / "guides" / "redirects" / "README.html").read_text(encoding="utf-8")
    assert "<iframe" not in html


def test_tabs_are_titled_and_code_keeps_its_caption(site):
    base, _, _ = site
    meetings = main_of(base, "getting-started/life-on-the-digital-team/meetings")
    assert [s.get_text() for s in meetings.select("section > p > strong:first-child")] == ["Monday", "Friday"]
    assert "Planning with the whole team." in meetings.get_text()
    assert [li.get_text(strip=True).rstrip("¶") for li in meetings.select("ul li")] == [
        "Demo of the week's work", "Retrospective"]
    overview = main_of(base, "guides/amazon-web-services/production-overview")
    caption = overview.find("em", string="deploy.sh")
    assert caption is not None and "./deploy.sh" in caption.find_next("pre").get_text()


def test_no_gitbook_tag_is_left_in_any_edition(site):
    base, _, _ = site
    for page in ORDER[1:4] + ORDER[5:9]:
        assert "{%" not in main_of(base, page).get_text(), page
    with zipfile.ZipFile(next((base / "epub").glob("*.epub"))) as book:
        for name in book.namelist():
            if name.endswith(".xhtml"):
                assert "{% hint" not in book.read(name).decode("utf-8"), name
    pdf = pypdf.PdfReader(next((base / "typst").glob("*.pdf")))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "endhint" not in text and "Redirects explained" in text
    assert "{% unknowntag %}" in text  # an unknown tag is still shown and said


def test_warnings_keep_their_lines_and_unknown_tags_are_said(site):
    _, src, builds = site
    said = warnings_of(builds["html"].output)
    assert not [w for w in said if "jekyll.liquid" in w and "maps-on-boston" not in w]
    liquid = [w for w in said if "jekyll.liquid" in w]
    assert len(liquid) == 1 and liquid[0].startswith(f"{src}/guides/maps-on-boston.gov.md:5: ")
    config = f"{src}/guides/amazon-web-services/service-configuration/README.md"
    assert any(w.startswith(f"{config}:9: ") and "old-notes" in w for w in said), said


def test_gitbook_tags_outside_a_gitbook_folder_are_still_said(tmp_path):
    src = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\n{% hint style=\"info\" %}\nHi.\n{% endhint %}\n"})
    build = sphinx_build(src, tmp_path / "html", strict=False)
    assert "jekyll.liquid" in build.output and "{% hint" in build.output


def test_blocks_core_keeps_every_line_and_leaves_code_alone():
    from gitbook_compat import blocks

    text = ("{% hint style=\"danger\" %}\nBe careful.\n{% endhint %}\n```\n{% hint %}\n```\n"
            "Watch {% embed url=\"https://v.example/1\" caption=\"the *video*\" %} now.\n"
            "{% code %}\n{% tab title=\"A\" %}\ntext\n{% swagger src=\"x.yaml\" %}")
    out = blocks.rewrite(text).split("\n")
    assert len(out) == len(text.split("\n"))
    assert out[:4] == [":::{danger}", "Be careful.", ":::", "```"]
    assert out[4] == "{% hint %}"  # inside a fence: code
    assert out[6] == "Watch [the \\*video\\*](<https://v.example/1>) now."
    assert out[7:10] == ["", "**A**\\", "text"]
    assert out[10] == "{% swagger src=\"x.yaml\" %}"  # unknown: Liquid says it


def test_a_hint_never_closed_on_a_line_of_its_own_is_left_for_liquid():
    """A box never closed would hold the rest of the page: the tag stays, and is said."""
    from gitbook_compat import blocks

    text = "{% hint style=\"info\" %}\nOne {% endhint %}\n\nThe rest.\n"
    assert blocks.rewrite(text) == text


def test_a_folder_that_becomes_a_gitbook_folder_rebuilds_as_a_clean_build(tmp_path):
    """SUMMARY.md added after a first build: the pages whose blocks it turns into Markdown
    must be read again, though they did not change (incremental == clean). They are: the
    folder's exclusions change with it (README.md in, SUMMARY.md out), and Sphinx reads
    every page again when its configuration changes."""
    from test_incremental import assert_same_files, files

    src = copy_root("gitbook-site", tmp_path / "src")
    summary = (src / "SUMMARY.md").read_text(encoding="utf-8")
    (src / "SUMMARY.md").unlink()
    incremental, clean = tmp_path / "incremental", tmp_path / "clean"
    extra = ("-D", f"editions_dir={tmp_path / 'no-editions'}")
    assert sphinx_build(src, incremental / "html", strict=False, doctrees=incremental / "doctrees",
                        extra=extra).returncode == 0
    (src / "SUMMARY.md").write_text(summary, encoding="utf-8")
    for base in (incremental, clean):
        build = sphinx_build(src, base / "html", strict=False, doctrees=base / "doctrees", extra=extra)
        assert build.returncode == 0, build.output
    assert_same_files(files(incremental / "html"), files(clean / "html"))


def test_a_line_of_unclosed_tags_does_not_hang_the_build(tmp_path):
    """A hostile page: one line of 32,000 `{% hint` never closed. Each was looked for to
    the line's end (minutes of work for 300 KB); now each gives up at the next tag."""
    src = write_pages(tmp_path / "src", {"SUMMARY.md": "* [Home](README.md)\n",
                                         "README.md": "# Home\n\n" + "{% hint a" * 32000 + "\n"})
    build = sphinx_build(src, tmp_path / "html", strict=False, timeout=60)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert "{% hint a{% hint a" in (tmp_path / "html" / "README.html").read_text(encoding="utf-8")


def test_a_hostile_table_of_contents_line_is_read_without_hanging():
    """A SUMMARY.md line of a link never closed, or a heading with a long run of spaces:
    each was read in time as the square of its length (an hour for a few megabytes)."""
    from conftest import ends_apart

    assert ends_apart(
        "from gitbook_compat import summary\n"
        "summary.parse('## ' + '<a ' * 1_000_000 + '\\n')\n"
        "entries, groups = summary.parse('* [a](' + 'x' * 2_000_000 + '\\n## a' + ' ' * 2_000_000 + 'b\\n'"
        " + '* [b](g/b.md \"its title\")\\n')\n"
        "assert [e.path for e in entries] == ['g/b.md'] and groups == {'g': 'a' + ' ' * 2_000_000 + 'b'}\n")


def test_a_tag_with_a_long_word_for_arguments_is_read_without_hanging():
    """``{% hint aaaa…` %}``: the arguments were looked for from each letter of the word in
    turn (7 s for 20 KB, hours for megabytes)."""
    from conftest import ends_apart

    assert ends_apart(
        "from gitbook_compat import blocks\n"
        "text = blocks.rewrite('{% hint ' + 'a' * 2_000_000 + ' %}\\nx\\n{% endhint %}\\n')\n"
        "assert text.split('\\n')[:3] == [':::{note}', 'x', ':::']\n")


def test_a_tab_title_with_an_escaped_quote_keeps_every_word():
    """``title="Say \\"yes\\" now"``: the words after the backslash were lost, the title cut
    at the escaped quote."""
    from gitbook_compat import blocks

    text = ('{% tabs %}\n{% tab title="Say \\"yes\\" now" %}\nWords.\n{% endtab %}\n'
            "{% tab title='It\\'s C:\\new' %}\nMore.\n{% endtab %}\n{% endtabs %}\n")
    out = blocks.rewrite(text).split("\n")
    assert out[1].startswith('**Say "yes" now**') and out[4].startswith("**It's C:\\\\new**")


def test_a_tab_title_written_without_quotes_keeps_its_words():
    """``{% tab title=Windows %}`` (typed by hand, no quotes): the title was read as no title
    and the tab's label was left out without a word."""
    from gitbook_compat import blocks

    out = blocks.rewrite("{% tabs %}\n{% tab title=Windows %}\nWords.\n{% endtab %}\n"
                         "{% tab title=“Mac” -%}\nMore.\n{% endtab %}\n{% endtabs %}\n").split("\n")
    assert out[1].startswith("**Windows**") and out[4].startswith("**“Mac”**"), out


_TAG_LINE = st.tuples(st.sampled_from(["tab", "code"]), st.sampled_from(["", '"', "'"]),
                      st.lists(st.sampled_from(["word", " ", "\\", '\\"', "\\'", "-", "="]), max_size=6).map("".join),
                      st.sampled_from(["%}", " %}", "-%}"])).map(
    lambda t: f"{{% {t[0]} title={t[1]}{t[2]}{t[1]}{t[3]}")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_TAG_LINE, st.sampled_from(["word", "", "{% endtab %}", "{% tabs %}"])), max_size=5))
def test_a_tag_keeps_its_line_and_its_words(lines):
    from gitbook_compat import blocks

    text = "\n".join(lines)
    out = blocks.rewrite(text)
    assert out.count("\n") == text.count("\n") and out.count("word") >= text.count("word"), out


def test_a_title_ending_in_a_backslash_keeps_its_words():
    """``title="C:\\Users\\"``, a Windows folder: the backslash before the closing quote was
    read as escaping it, so the title never closed and was lost without a word (or took the
    next argument in)."""
    from gitbook_compat import blocks

    assert blocks.arguments('title="C:\\Users\\" lineNumbers="true"') == {
        "title": "C:\\Users\\", "lineNumbers": "true"}
    assert blocks.arguments("title='C:\\Temp\\'") == {"title": "C:\\Temp\\"}
    assert blocks.arguments('title="Say \\"yes\\" now"') == {"title": 'Say "yes" now'}
    text = '{% tabs %}\n{% tab title="C:\\Temp\\" %}\nWords.\n{% endtab %}\n{% endtabs %}\n'
    assert blocks.rewrite(text).split("\n")[1].startswith("**C:\\\\Temp\\\\**")
