"""Pages written for other site generators (MkDocs, Hugo, Docusaurus) dropped in.

Their boxes and shortcodes reached readers as raw syntax, or lost words without a warning:
Docusaurus' ``:::info[Hours]`` made the words a class name, MkDocs' ``!!! note "Hours"``
showed the marks and set its second paragraph as code."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pypdf
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_every_edition, sphinx_build, write_pages


def _article(out: Path, name: str = "index") -> BeautifulSoup:
    return BeautifulSoup((out / f"{name}.html").read_text(encoding="utf-8"), "lxml").select_one("article")


def _book_texts(out: Path, chapter: str = "index.xhtml") -> list[str]:
    with zipfile.ZipFile(next((out / "epub").glob("*.epub"))) as book:
        epub = BeautifulSoup(book.read(chapter), "xml").get_text(" ")
    pdf = " ".join(p.extract_text() for p in pypdf.PdfReader(next((out / "typst").glob("*.pdf"))).pages)
    return [" ".join(epub.split()), " ".join(pdf.split())]


DOCUSAURUS = ("---\ntitle: Permits\nsidebar_position: 2\n---\n\n"
              "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n"
              "{/* ask Ana before publishing */}\n\n"
              ":::tip Pro tip for applicants\n\nApply before noon.\n\n:::\n\n"
              ":::info[Office hours]\nOpen at nine.\n:::\n\n"
              ":::danger\nNo open flames.\n:::\n")


def test_docusaurus_boxes_keep_their_titles_in_every_edition(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {"index.md": DOCUSAURUS})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    article = _article(tmp_path / "out" / "html")
    titles = [(box.get("class"), box.select_one(".admonition-title").get_text())
              for box in article.select(".admonition")]
    assert [t for _, t in titles] == ["Pro tip for applicants", "Office hours", "Danger"], titles
    assert "tip" in titles[0][0] and "note" in titles[1][0]
    for shown in _book_texts(tmp_path / "out"):
        for words in ("Pro tip for applicants", "Apply before noon.", "Office hours", "Open at nine."):
            assert words in shown, shown
    assert not any("info[" in w or "Office" in w for w in builds["html"].warnings)
    text = article.get_text(" ")
    assert "import" not in text and "ask Ana" not in text and "{/*" not in text, text
    said = [w.split("index.md:")[1] for w in builds["html"].warnings if "generators." in w]
    assert len(said) == 2 and said[0].startswith("6:") and "mdx-code" in said[0] \
        and said[1].startswith("9:") and "mdx-comment" in said[1] and "Ana" not in said[1], said


MKDOCS = ("---\ntitle: Library\n---\n\n"
          '!!! note "Opening hours"\n    The library opens at nine.\n\n    Closed on holidays.\n\n'
          "??? tip\n    Folded tip words.\n\n"
          '!!! warning "Outer"\n    Outer words.\n\n    ???+ danger "Inner"\n        Inner words.\n\n'
          '=== "Residents"\n\n    Resident words.\n\n=== "Businesses"\n\n    Business words.\n\n'
          '--8<-- "snippets/hours.md"\n\nLast words.\n')


def test_mkdocs_boxes_and_tabs_are_boxes_and_sections_in_every_edition(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {"index.md": MKDOCS})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    article = _article(tmp_path / "out" / "html")
    titles = [box.select_one(".admonition-title").get_text() for box in article.select(".admonition")]
    assert titles == ["Opening hours", "Outer"], titles
    assert article.details.summary.get_text() == "Tip" and not article.details.has_attr("open")  # folded
    assert not article.select("pre"), article.select("pre")  # no paragraph set as code
    inner = article.select(".admonition")[1].details  # ???+: an open folding box in the box
    assert inner.summary.get_text() == "Inner" and inner.has_attr("open") and "Inner words." in inner.get_text()
    assert not any(marks in article.get_text() for marks in ("!!!", "???", '=== "'))
    for shown in [" ".join(article.get_text(" ").split()), *_book_texts(tmp_path / "out")]:
        for words in ("Closed on holidays.", "Folded tip words.", "Residents", "Resident words.",
                      "Businesses", "Business words.", "Last words.", '--8<-- "snippets/hours.md"'):
            assert words in shown, (words, shown)
    said = [w for w in builds["html"].warnings if "generators." in w]
    assert len(said) == 1 and "index.md:27:" in said[0] and "mkdocs-snippet" in said[0], builds["html"].warnings


HUGO = ('+++\ntitle = "Water service"\nweight = 20\n+++\n\nWater words.\n\n'
        '{{% notice warning "Boil notice" %}}\nBoil the water.\n{{% /notice %}}\n\n'
        '{{% notice info %}}\nInfo words.\n{{% /notice %}}\n\n'
        '{{< highlight python >}}\nprint("hi")\n{{< /highlight >}}\n\n'
        'See [trash pickup]({{< ref "trash.md" >}}) and [the list]({{< relref "trash" >}}).\n\n'
        '{{< figure src="pipe.png" alt="A blue pipe" caption="The main line" >}}\n')


def test_hugo_front_matter_and_shortcodes_show_what_hugo_showed(tmp_path: Path) -> None:
    from test_safety_links import PNG

    source = write_pages(tmp_path / "src", {
        "index.md": HUGO, "trash.md": "---\ntitle: Trash\n---\n\nTrash words.\n", "pipe.png": PNG})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    article = _article(tmp_path / "out" / "html")
    text = " ".join(article.get_text(" ").split())
    assert "title =" not in text and "{{" not in text, text
    assert article.select_one("h1").get_text().startswith("Water service")  # TOML's title
    titles = [box.select_one(".admonition-title").get_text() for box in article.select(".admonition")]
    assert titles == ["Boil notice", "Info"], titles
    assert "warning" in article.select(".admonition")[0]["class"]
    assert "highlight-python" in str(article) and 'print("hi")' in article.select_one("pre").get_text()
    links = {a.get_text(): a["href"] for a in article.select("a.reference.internal")}
    assert links["trash pickup"] == links["the list"] == "trash.html", links
    assert article.select_one("img")["alt"] == "A blue pipe" and "The main line" in text
    for shown in _book_texts(tmp_path / "out"):
        assert "Boil the water." in shown and "The main line" in shown and "weight" not in shown, shown
    assert not [w for w in builds["html"].warnings if "index.md" in w and "position." not in w], \
        builds["html"].warnings


def test_an_unknown_hugo_shortcode_is_said_as_hugo_s(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {"index.md": (
        "---\ntitle: Video\n---\n\nWatch:\n\n{{< youtube w7Ft2ymGmfc >}}\n")})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    said = [w for w in build.warnings if "jekyll.liquid" in w]
    assert len(said) == 1 and "index.md:7:" in said[0] and "Hugo shortcodes" in said[0] \
        and "{{< youtube w7Ft2ymGmfc >}}. Replace" in said[0] and "(line 7)" not in said[0], build.warnings
    assert "{{< youtube w7Ft2ymGmfc >}}" in _article(tmp_path / "out").get_text()


def test_toml_front_matter_is_read_with_its_key_lines() -> None:
    import pagesource

    page = pagesource.parse('+++\ntitle = "Water service"\nweight = 20\ndate = 2024-01-05\n\n'
                            '[params]\nicon = "drop"\n+++\n\nWords.\n')
    assert page.data == {"title": "Water service", "weight": 20, "date": "2024-01-05",
                         "params": {"icon": "drop"}}
    assert page.key_lines == {"title": 2, "weight": 3, "date": 4, "params": 6}
    assert page.body_start == 8 and page.closed and not page.problems
    broken = pagesource.parse('+++\ntitle = "Water\nweight = 20\n+++\n\nWords.\n')
    assert [(p.kind, p.line) for p in broken.problems] == [(pagesource.Kind.YAML, 2)]
    assert "TOML" in broken.problems[0].message and broken.body_start == 4



def test_toml_front_matter_nested_deep_is_refused_not_a_crash() -> None:
    """``a.a.a…= 1`` 5,000 keys deep (10 KB) is valid TOML: reading it back as text recursed
    and the page stopped every build with a RecursionError."""
    import pagesource

    for deep in ("a" + ".a" * 5000 + " = 1", "[" + "a." * 5000 + "a]\nb = 1"):
        page = pagesource.parse(f'+++\ntitle = "Pools"\n{deep}\n+++\n\nWords.\n')
        assert page.data == {} and page.lines[page.body_start:] == ("", "Words."), page.body_start
        assert [(p.kind, p.line) for p in page.problems] == [(pagesource.Kind.YAML, 2)]
        assert f"nested more than {pagesource.MAX_DEPTH} levels deep" in page.problems[0].message


def test_toml_inline_arrays_and_tables_nested_deep_are_said_in_our_words() -> None:
    """``x = [[[[…]]]]`` or ``{a = {a = …}}`` 1,000 deep: Python's TOML reader recurses and the
    warning quoted it, "(maximum recursion depth exceeded)". Said as nesting too deep, at its line."""
    import pagesource

    for deep in ("x = " + "[" * 1000 + "]" * 1000, "x = " + "{a = " * 1000 + "1" + "}" * 1000):
        page = pagesource.parse(f'+++\ntitle = "Pools"\nshort = 1\n{deep}\n+++\n\nWords.\n')
        assert page.data == {} and page.lines[page.body_start:] == ("", "Words.")
        assert [(p.kind, p.line) for p in page.problems] == [(pagesource.Kind.YAML, 4)]
        message = page.problems[0].message
        assert f"nested more than {pagesource.MAX_DEPTH} levels deep" in message
        assert "recursion" not in message


_TOML_LINE = st.one_of(
    st.integers(0, 3000).map(lambda deep: "a" + ".a" * deep + " = 1"),
    st.integers(0, 3000).map(lambda deep: "[" + "a." * deep + "a]"),
    st.lists(st.sampled_from(["a", ".", "=", " ", "1", '"x"', "[", "]", "{", "}", ","]), max_size=12).map("".join))


@settings(max_examples=60, deadline=None)
@given(st.lists(_TOML_LINE, max_size=4))
def test_any_toml_front_matter_is_read_or_said(toml: list[str]) -> None:
    import pagesource

    page = pagesource.parse("+++\n" + "\n".join(toml) + "\n+++\nWords.\n")
    assert isinstance(page.data, dict)


def test_docusaurus_sidebar_position_orders_the_pages(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nHome words.\n",
        "zebra.md": "---\ntitle: Zebra crossings\nsidebar_position: 1\n---\n\nZebra words.\n",
        "apple.md": "---\ntitle: Apple orchards\nsidebar_position: 2.5\n---\n\nApple words.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    listed = [a.get_text() for a in _article(tmp_path / "out").select(".toctree-wrapper a")]
    assert listed == ["Zebra crossings", "Apple orchards"], listed
    assert not [w for w in build.warnings if "sidebar_position" in w or "position" in w], build.warnings


def test_a_hugo_section_landing_lands_its_folder(tmp_path: Path) -> None:
    """Hugo's ``_index.md`` is a folder's landing page; it was never read (a ``_`` file),
    its words lost with an information line only, and a contents page generated instead."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nHome words.\n",
        "services/_index.md": '+++\ntitle = "City services"\nweight = 1\n+++\n\nServices landing words.\n',
        "services/water.md": "---\ntitle: Water\nweight: 1\n---\n\nWater words.\n",
        "news/_index.md": "---\ntitle: News\n---\n\nNews landing words.\n",
        "news/index.md": "---\ntitle: News index\n---\n\nIndex words.\n",
        "news/item.md": "---\ntitle: Item\n---\n\nItem words.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    landing = _article(tmp_path / "out", "services/_index")
    assert "City services" in landing.select_one("h1").get_text()
    assert "Services landing words." in landing.get_text()
    assert [a.get_text() for a in landing.select(".toctree-wrapper a")] == ["Water"]
    assert not (tmp_path / "out" / "services" / "index.html").exists()  # no generated landing
    assert not (tmp_path / "out" / "news" / "_index.html").exists()  # index.md lands news/
    assert not [w for w in build.warnings if "services" in w], build.warnings


def test_a_docusaurus_mdx_page_is_said_not_lost_without_a_word(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nHome words.\n",
        "permits.mdx": "---\ntitle: Permits\n---\n\nPermit words.\n"})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    said = [w for w in build.warnings if "permits.mdx" in w]
    assert len(said) == 1 and "rename it 'permits.md'" in said[0], build.warnings


def test_hostile_pages_are_said_once_and_nesting_is_bounded() -> None:
    """20,000 empty boxes were 20,000 warnings; 2,000 nested notices a fence of 2,000 colons
    per box (the page grew as the square)."""
    from generators_compat import docusaurus, hugo, mkdocs

    text, problems = mkdocs.rewrite('!!! note "A"\nNot indented.\n' * 20000)
    assert len(problems) == 1 and "(and 19999 more on the page: lines 3, 5," in problems[0].message
    nested = hugo.rewrite("{{% notice %}}\n" * 2000 + "Words.\n" + "{{% /notice %}}\n" * 2000)
    assert len(nested) < 3 * len("{{% notice %}}\n" * 2000 + "Words.\n" + "{{% /notice %}}\n" * 2000)
    assert sum(line.startswith(":::") for line in nested.split("\n")) == 2 * hugo.MAX_DEPTH
    assert docusaurus.rewrite("{/* a */} b {/* c */} d " + "{/* " * 20000)[0].startswith(" b  d {/* {/*")


def test_docusaurus_tab_labels_are_shown_above_their_words(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {"index.md": (
        "---\ntitle: Tabs\n---\n\n<Tabs>\n  <TabItem value=\"a\" label=\"Apple\" default>\n"
        "    Apple words.\n  </TabItem>\n  <TabItem value=\"Banana\">\n    Banana words.\n"
        "  </TabItem>\n</Tabs>\n\n<Tabs groupId=\"os\">\n<TabItem value=\"win\" label={'Windows & Co'}>\n\n"
        "Windows words.\n\n</TabItem>\n</Tabs>\n")})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    article = _article(tmp_path / "out" / "html")
    assert [b.get_text() for b in article.select("strong")] == ["Apple", "Banana", "Windows & Co"]
    for shown in [" ".join(article.get_text(" ").split()), *_book_texts(tmp_path / "out")]:
        assert "Apple Apple words." in shown and "Windows & Co Windows words." in shown, shown
    assert not builds["html"].warnings, builds["html"].warnings


def test_make_check_reads_a_hugo_section_landing_as_the_build_does(tmp_path: Path) -> None:
    from safety.names import underscore_pages

    source = write_pages(tmp_path / "src", {
        "services/_index.md": "---\ntitle: Services\n---\n\nWords.\n",
        "news/_index.md": "---\ntitle: News\n---\n\nWords.\n", "news/index.md": "---\ntitle: N\n---\n",
        "_drafts/_index.md": "---\ntitle: D\n---\n"})
    assert underscore_pages(str(source), (".md",), lambda name: False) == ["news/_index.md"]


def test_a_hugo_ref_to_a_section_leads_to_its_landing() -> None:
    from generators_compat import hugo

    assert hugo.rewrite('[a]({{< ref "/services" >}}) [b]({{< relref "news/" >}}) '
                        '[c]({{< ref "trash#hours" >}}) [d]({{< ref "gone" >}})',
                        lambda path: path.lstrip("/") in {"services/_index.md", "news/index.md", "trash.md"}) \
        == "[a](/services/_index.md) [b](news/index.md) [c](trash.md#hours) [d](gone.md)"


def test_a_material_icon_is_left_out_not_read_as_a_field(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {"index.md": (
        "---\ntitle: Hours\n---\n\n:material-clock: Open daily, `:material-x:` in code.\n")})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    article = _article(tmp_path / "out")
    assert not article.select("dl, .field-list")
    assert " ".join(article.select_one("p").get_text(" ").split()).startswith("Open daily, :material-x: in code.")
    assert [w for w in build.warnings if "generators.mkdocs-icon" in w and "index.md:5:" in w], build.warnings


def test_a_hugo_or_docusaurus_draft_is_not_published(tmp_path: Path) -> None:
    """``draft: true``: Hugo and Docusaurus left the page out; it was published here, its
    unfinished words on the site, with a warning that ``draft`` was data no edition shows."""
    pages = {"index.md": "---\ntitle: Home\n---\n\nHome words.\n",
             "ready.md": "---\ntitle: Ready\nposition: 1\n---\n\nReady words.\n",
             "wip.md": "+++\ntitle = \"Unfinished\"\ndraft = true\n+++\n\nSecret plan words.\n",
             "later.md": "---\ntitle: Later\nposition: 2\ndraft: false\n---\n\nLater words.\n"}
    source = write_pages(tmp_path / "src", pages)
    build = sphinx_build(source, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert not (tmp_path / "out" / "wip.html").exists()
    assert (tmp_path / "out" / "later.html").exists()
    assert "Secret plan" not in (tmp_path / "out" / "searchindex.js").read_text(encoding="utf-8")
    jekyll = write_pages(tmp_path / "jekyll", {
        **pages, "_config.yml": "title: Old site\n",
        "wip.md": "---\ntitle: Unfinished\ndraft: true\n---\n\nSecret plan words.\n"})
    sphinx_build(jekyll, tmp_path / "jekyll-out", strict=False)
    assert (tmp_path / "jekyll-out" / "wip.html").exists()  # Jekyll published it


def test_an_mdx_import_line_of_many_spaces_stays_linear() -> None:
    """``import a`` + 200,000 spaces + ``from`` (and ``import 'a'`` + spaces + ``x``) took
    minutes: ``\\s*,?\\s*`` and ``\\s*;?\\s*$`` split every run of spaces in every way."""
    from conftest import ends_apart

    assert ends_apart("from generators_compat.docusaurus import rewrite\n"
                      "rewrite('import a' + ' ' * 200_000 + 'from')\n"
                      "rewrite(\"import 'a'\" + ' ' * 200_000 + 'x')\n"
                      "rewrite(\"import {\\n} from 'a'\" + ' ' * 200_000 + 'x')", limit=120)
    from generators_compat import docusaurus

    assert docusaurus.rewrite("import a ,  { b }  from 'c' ;  \nWords.")[0] == "\nWords."


def test_a_hugo_figure_keeps_its_title_and_attribution() -> None:
    """``{{< figure alt=… title="Bus routes" attr="City of Austin" >}}``: Hugo showed the title
    and the attribution under the picture; both were left out without a word."""
    from generators_compat import hugo

    assert hugo.rewrite('{{< figure src="a.png" alt="A map" title="Bus routes" caption="From 2024" '
                        'attr="City of Austin" >}}') == "![A map](<a.png>) *Bus routes — From 2024 — City of Austin*"
    assert hugo.rewrite('{{< figure src="a.png" title="Bus routes" >}}') == "![Bus routes](<a.png>)"


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["alt", "title", "caption", "attr"]),
                       st.sampled_from(["alpha", "beta", "gamma", "alpha beta"]), max_size=4))
def test_a_hugo_figure_keeps_every_word_it_showed(named: dict[str, str]) -> None:
    from generators_compat import hugo

    out = hugo.rewrite('{{< figure src="a.png" ' + " ".join(f'{k}="{v}"' for k, v in named.items()) + " >}}")
    assert all(word in out for value in named.values() for word in value.split()), (named, out)


def test_a_toml_multiline_string_holds_no_keys(tmp_path: Path) -> None:
    """A line ``title = "…"`` inside a TOML ``\"\"\"`` string is words of that string: the
    front matter was turned into YAML line by line, so it became the page's title on the
    site, the contents and the PDF, where pagesource (and Hugo) read the real one."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nHome words.\n",
        "water.md": '+++\ntitle = "Water service"\nweight = 1\ndescription = """\nA summary.\n'
                    'title = "Not the title"\n"""\n+++\n\nWater words.\n',
        # a line of an array that starts with "[" is no table: the title after it was lost
        "zones.md": '+++\nweight = 2\nzones = [\n  [1, 2],\n]\ntitle = "Pressure zones"\n+++\n\nZone words.\n'})
    sphinx_build(source, tmp_path / "out", strict=False)
    assert _article(tmp_path / "out", "water").select_one("h1").get_text().rstrip("¶#") == "Water service"
    assert _article(tmp_path / "out", "zones").select_one("h1").get_text().rstrip("¶#") == "Pressure zones"
    listed = [a.get_text() for a in _article(tmp_path / "out").select(".toctree-wrapper a")]
    assert listed == ["Water service", "Pressure zones"], listed


def test_a_mkdocs_title_with_an_escaped_quote_is_a_box(tmp_path: Path) -> None:
    """``!!! note "Say \\"hi\\" now"``: MkDocs' title runs to the line's last quote, so it was
    a box there; here the line was shown as typed and the box's words set as code, unsaid."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\n"
                    '!!! note "Say \\"hi\\" now"\n    Note words.\n\n'
                    '=== "The \\"B\\" tab"\n    Tab words.\n'})
    sphinx_build(source, tmp_path / "out", strict=False)
    article = _article(tmp_path / "out")
    assert "!!!" not in article.get_text() and "===" not in article.get_text(), article
    assert not article.select("pre"), article
    text = " ".join(article.get_text(" ").split())
    assert 'Say "hi" now' in text and 'The "B" tab' in text and "Note words." in text, text


def test_a_docusaurus_tab_label_with_an_entity_says_its_character(tmp_path: Path) -> None:
    """``<TabItem label="Salt &amp; pepper">``: JSX reads the entity, Docusaurus showed
    "Salt & pepper"; the label was escaped again and every edition said "&amp;"."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\n<Tabs>\n"
                    '<TabItem value="s" label="Salt &amp; pepper &quot;mild&quot;">\n\nTab words.\n\n'
                    "</TabItem>\n</Tabs>\n"})
    sphinx_build(source, tmp_path / "out", strict=False)
    text = " ".join(_article(tmp_path / "out").get_text(" ").split())
    assert 'Salt & pepper "mild" Tab words.' in text, text


def test_a_docusaurus_box_title_keeps_every_word_as_written(tmp_path: Path) -> None:
    """``:::tip[Unclosed title`` and ``:::note{title="Hours"}``: the first word was taken for
    a class name and lost without a word ("title Body"); ``:::info[A [b] c]`` moved its
    bracket ("A [b c]")."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\n"
                    ":::info[Pick a [zone] today]\nBox one.\n:::\n\n"
                    ":::tip[Unclosed title\nBox two.\n:::\n\n"
                    ':::note{title="Office hours"}\nBox three.\n:::\n'})
    sphinx_build(source, tmp_path / "out", strict=False)
    text = " ".join(_article(tmp_path / "out").get_text(" ").split())
    for words in ("Pick a [zone] today Box one.", "tip[Unclosed title Box two.",
                  'note{title="Office hours"} Box three.'):
        assert words in text, text


def test_a_tab_label_written_as_a_template_literal_is_shown(tmp_path: Path) -> None:
    """``<TabItem value="win" label={`Windows`}>``: the label, a JSX template literal, was not
    read, so the tab showed its value ("win") without a word."""
    from generators_compat import docusaurus

    text = ("<Tabs>\n<TabItem value=\"win\" label={`Windows 11`}>\n\nWords.\n\n</TabItem>\n"
            "<TabItem value=\"mac\" label={`${os} tab`}>\n\nMore.\n\n</TabItem>\n</Tabs>\n")
    out, _ = docusaurus.rewrite(text)
    assert "<strong>Windows 11</strong>" in out and "<strong>win</strong>" not in out
    assert "<strong>mac</strong>" in out  # an expression is no words to show: the value, as before
