"""The plain logic of jekyll_compat: Liquid, kramdown leftovers, old URLs and dates.

No Sphinx here: each rule is checked on small texts, and every rewrite must keep the
number of lines, so warnings about a Jekyll page point at the right line of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import build_every_edition, ends_apart, write_pages
from jekyll_compat import htmlblocks, kramdown, layouts, liquid, liquid_engine, urls
from jekyll_compat.preprocess import preprocess, split_front_matter

SITE = liquid.site_variables({"title": "Old site", "baseurl": "/smartcity"}, title="Smart City Austin",
                             data={"x": [1, 2], "office": {"email": "a@b.gov", "staff": ["a"]}})


def render(text: str, **page: object) -> liquid.Result:
    return liquid_engine.render(text, page, SITE)


# Liquid -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("[a]({{ site.baseurl }}/projects/)", "[a](/projects/)"),
    ("[a]({{site.url}}{{site.baseurl}}/x/)", "[a](/x/)"),
    ("[a]({{ '/x/' | relative_url }})", "[a](/x/)"),
    ('[a]({{ "/x/" | absolute_url }})', "[a](/x/)"),
    ("[a]({{ '/x/' | prepend: site.baseurl }})", "[a](/x/)"),
    ("{{ site.title }}", "Old site"),
    ("{{ page.title | upcase }}", "BUSES"),
    ("![b]({{ page.image_path }})", "![b](/assets/bus.png)"),
    ("[a]({% link projects/x.md %})", "[a](/projects/x.md)"),
    ("{% raw %}{{ page.title }}{% endraw %}", "{{ page.title }}"),
    ("a{% comment %}secret{% endcomment %}b", "ab"),
    ("{% highlight ruby linenos %}\nx\n{% endhighlight %}", "```ruby\nx\n```"),
    ("{{ page.date | date: '%B %-d, %Y' }}", "May 3, 2019"),
    ("{{ page.date | date_to_string }}", "03 May 2019"),
    ("[launch]({% post_url 2019-01-01-launch %})", "[launch](/posts/2019-01-01-launch)"),
    ("{{ page.date | date_to_long_string }}", "03 May 2019"),
    ("{{ site.data.x | size }} and {{ site.data.office.email }}", "2 and a@b.gov"),
])
def test_obvious_liquid_is_resolved(text: str, expected: str) -> None:
    result = render(text, title="Buses", image_path="/assets/bus.png", date="2019-05-03 10:00:00 -0500")
    assert (result.text, result.dropped, result.unfilled) == (expected, (), ())


def test_a_value_nothing_gives_is_said_where_the_page_prints_it() -> None:
    """18F's pages print ``{{ site.email }}`` and ``{{ page.phone }}``: with no such setting
    Jekyll printed nothing, so "Contact  or call  today." reached readers with gaps, unsaid."""
    result = liquid_engine.render(
        "---\n\nContact {{ site.email }} or call {{ page.phone | strip }} today.\n"
        "{{ site.email }} again, {{ site.data.office.fax }} and {{ site.data.none.x }}.\n"
        "Not said: {{ page.subtitle | default: 'none' }}{% if site.nope %}x{% endif %}"
        "{{ site.url }}{{ page.excerpt }}{{ site.github.repository_url }}{{ nothing }}"
        "{% include note.html %}\n",
        {}, SITE, first_line=2, includes={"note.html": "{{ site.author }}{{ include.caption }}"})
    assert [(d.line, d.tag) for d in result.unfilled] == [
        (4, "site.email"), (4, "page.phone"), (5, "site.data.office.fax"), (5, "site.data.none.x")]
    assert "Contact  or call  today." in result.text


@pytest.mark.parametrize("prefix", ["> - " * 40, ("> " * 10 + "- ") * 5])
def test_quotes_and_lists_opened_in_turn_keep_their_words_in_every_edition(prefix, tmp_path):
    """A hostile page: ``> - `` forty times, then words. Each kind stayed under its own limit,
    so the Markdown reader dropped the words and the rest of the page without a word, and
    Typst stopped the PDF on its show-rule depth."""
    from jekyll_compat.nesting import MAX_MIXED_COST, flatten

    flat, found = flatten(prefix + "deep words")
    assert [(f.line, f.what) for f in found] == [(1, "mixed")] and flat.endswith("deep words")
    assert found[0].depth > MAX_MIXED_COST
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "a.md": f"---\ntitle: Alpha\nposition: 1\n---\n\n{prefix}deep words\n\nThe rest of the page.\n"})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    assert all("[jekyll.nesting]" in build.output for build in builds.values())
    site = (tmp_path / "out" / "html" / "a.html").read_text(encoding="utf-8")
    typ = next(p for p in (tmp_path / "out" / "typst").glob("*.typ")
               if p.name != "book.typ").read_text(encoding="utf-8")
    for words in ("deep words", "The rest of the page."):
        assert words in site and words in typ
    assert list((tmp_path / "out" / "typst").glob("*.pdf"))


def test_a_markdown_block_inside_html_is_markdown() -> None:
    """18F's hire page: ``<section>`` then ``{% markdown %}## Have a project in mind?…
    {% endmarkdown %}`` (jekyll-markdown-block). The heading was shown as "## Have a
    project in mind?" in every edition and missing from the PDF's bookmarks."""
    result = render("<section>\n{% markdown %}\n## Have a project in mind?\n\n"
                    "Email **{{ site.title }}**.\n{% endmarkdown %}\n</section>\n")
    assert "\n\n## Have a project in mind?\n\nEmail **Old site**.\n\n" in result.text
    assert result.dropped == ()
    unpaired = render("a\n{% markdown %}\n## Hi\n")
    assert unpaired.text == "a\n{% markdown %}\n## Hi\n"
    assert unpaired.dropped == (liquid.Dropped(2, "{% markdown %}"),)


def test_an_untitled_pages_title_is_its_first_heading_as_on_github_pages() -> None:
    """GitHub Pages runs jekyll-titles-from-headings: a page without ``title:`` that starts
    with a heading had that heading as ``page.title``; it printed nothing here."""
    text = preprocess("---\nlayout: page\n---\n\n## Bike counters ##\n\nThis is {{ page.title }}.\n", SITE)
    assert text.text.endswith("This is Bike counters.\n") and text.notes == ()
    later = preprocess("---\nlayout: page\n---\n\nWords first.\n\n# Bike\n\n{{ page.title }}\n", SITE)
    assert [note.kind for note in later.notes] == ["empty-value"]


@pytest.mark.parametrize("tag", [
    "{% include nav.html %}", "{% include_relative x.md %}",
    "{% if page.a %}", "{% for p in site.pages %}", "{{ page.title | no_such_filter }}",
])
def test_liquid_the_engine_cannot_run_is_kept_as_text_and_listed(tag: str) -> None:
    result = render(f"before {tag} after", title="not a date")
    assert result.text == f"before {tag} after"
    assert result.dropped == (liquid.Dropped(1, tag),)


INCLUDES = {
    "note.html": '<div class="note">{{ include.text }} ({{ page.title }})</div>',
    "figure.html": '![{{ include.alt }}]({{ include.src }})\n{% include note.html text=include.alt %}',
    "loop.html": "{% include loop.html %}",
    "nav.html": "<nav>{% for p in site.pages %}{{ p.title }}{% endfor %}</nav>",
    "widgets/card.md": "**{{ include.heading | upcase }}**",
}


@pytest.mark.parametrize(("text", "expected"), [
    ('{% include note.html text="Bus stops" %}', '<div class="note">Bus stops (Buses)</div>'),
    ("{% include note.html text='single' %}", '<div class="note">single (Buses)</div>'),
    ("{% include note.html text=page.title %}", '<div class="note">Buses (Buses)</div>'),
    ('{% include figure.html src="/assets/bus.png" alt="A bus" %}',
     '![A bus](/assets/bus.png)\n<div class="note">A bus (Buses)</div>'),
    ('{%- include widgets/card.md heading="routes" -%}', "**ROUTES**"),
    ("{{ include.text }}|{% include note.html %}", '|<div class="note"> (Buses)</div>'),
])
def test_includes_run_from_the_old_sites_includes_folder(text: str, expected: str) -> None:
    result = liquid_engine.render(text, {"title": "Buses"}, SITE, includes=INCLUDES)
    assert (result.text, result.dropped) == (expected, ())


@pytest.mark.parametrize("tag", [
    "{% include missing.html %}", "{% include ../../etc/passwd %}", "{% include /etc/passwd %}",
])
def test_an_include_that_is_not_there_or_never_ends_is_kept_as_text_and_listed(tag: str) -> None:
    result = liquid_engine.render(f"before {tag} after", {}, SITE, includes=INCLUDES)
    assert result.text == f"before {tag} after"
    assert [d.line for d in result.dropped] == [1] and result.dropped[0].tag == tag


def test_the_old_sites_menu_is_left_out_and_said_at_its_tag() -> None:
    """plainlanguage.gov's header: the menu include was not run but shown as written, so
    readers saw "{% include header.html %} Body words.", and the warning gave no reason. The
    publication's contents replace the menu: nothing is shown, and each tag is said."""
    includes = {**INCLUDES, "header.html": '<nav><ul><li><a href="/">Home</a></li></ul></nav>',
                "top.html": "<div>Top {% include header.html %}</div>"}
    page = ("---\ntitle: Home\n---\n<div>\n {% include header.html %}\n <p>Body words.</p>\n</div>\n\n"
            "{% include top.html %}\n")
    prepared = preprocess(page, SITE, includes=includes)
    assert "{%" not in prepared.text and "href" not in prepared.text and "Body words." in prepared.text
    assert "<div>Top </div>" in prepared.text and prepared.dropped == ()
    assert [(note.line, note.kind) for note in prepared.notes] == [(5, "liquid"), (9, "liquid")]
    assert prepared.notes[0].message.startswith(
        "`{% include header.html %}` is the old site's menu: it is left out here, because the "
        "publication's own contents and navigation replace it")
    assert prepared.notes[1].message.startswith("`{% include top.html %}` (its `header.html`) is the old site's menu")
    looped = liquid_engine.render("{% for i in (1..3) %}{% include nav.html %}{% endfor %}", {}, SITE,
                                  includes=INCLUDES)
    assert looped.text == "" and looped.menus == (liquid.Dropped(1, "`{% include nav.html %}`"),)


def test_the_old_sites_table_of_contents_is_said_as_one() -> None:
    """minimal-mistakes' ``_includes/toc`` (a ``<nav class="toc">`` of the page's headings),
    kept in a site's own folder: ``{% include toc %}`` was said to be "the old site's menu",
    replaced by "contents and navigation". It is the page's table of contents, and the
    warning says so and what lists the headings now; a menu is still said as a menu."""
    includes = {**INCLUDES, "toc": '<aside class="sidebar__right"><nav class="toc"><header><h4>'
                                   '{{ include.title }}</h4></header>{% include toc.html %}</nav></aside>',
                "toc.html": "{{ include.html }}", "page_top.html": "<div>{% include toc %}</div>"}
    page = ("---\ntitle: Home\n---\n\n{% include toc icon=\"cog\" title=\"Contents\" %}\n\n"
            "{% include page_top.html %}\n\n{% include nav.html %}\n\n## One\n")
    prepared = preprocess(page, SITE, includes=includes)
    assert "{%" not in prepared.text and "<nav" not in prepared.text and "## One" in prepared.text
    said = {note.line: note.message for note in prepared.notes}
    assert said[5].startswith('`{% include toc icon="cog" title="Contents" %}` is the old site\'s table of '
                              "contents for this page: it is left out here, because every edition lists "
                              "the page's headings itself")
    assert said[7].startswith("`{% include page_top.html %}` (its `toc`) is the old site's table of contents")
    assert said[9].startswith("`{% include nav.html %}` is the old site's menu")
    assert "menu" not in said[5] + said[7]


def test_an_include_that_includes_itself_stops_and_the_page_is_kept_as_written() -> None:
    result = liquid_engine.render("before {% include loop.html %} after", {}, SITE, includes=INCLUDES)
    assert result.text == "before {% include loop.html %} after"
    assert [d.line for d in result.dropped] == [1] and "recursive include" in result.dropped[0].tag


def test_a_tag_an_included_file_cannot_run_keeps_only_that_include_as_written() -> None:
    """fortran-lang's `tip.html` holds the translation plugin's `{% t book.tip %}`: the engine
    could not place that failure in the page, so every include on it (the notes that run
    too) was shown as written, and the warning named the page's first line."""
    includes = {"note.html": "<div>{{ include.content }}</div>",
                "tip.html": "<div>{% include title.html %} {{ include.content }}</div>",
                "title.html": "{% t book.tip %}:"}
    page = ('Intro.\n\n{% include note.html content="Fortran is typed." %}\n\n'
            '{% include tip.html content="Use intent." %}\n\nEnd of {{ page.title }}.\n')
    result = liquid_engine.render(page, {"title": "Variables"}, SITE, first_line=5, includes=includes)
    assert result.text == ('Intro.\n\n<div>Fortran is typed.</div>\n\n'
                           '{% include tip.html content="Use intent." %}\n\nEnd of Variables.\n')
    [dropped] = result.dropped
    assert dropped.line == 9 and dropped.tag.startswith('{% include tip.html content="Use intent." %}')
    assert "_includes/title.html:1: unexpected tag 't'" in dropped.tag


def test_an_assigned_expression_in_parentheses_is_read_as_jekyll_read_it() -> None:
    """18F's ``category-setup.html``: ``{% assign xs = (site.methods | where: … ) %}``. Jekyll's
    lax Liquid ignored the parentheses; the engine refused them, the include was shown as
    written and the page's loop over ``xs`` printed nothing, without a word about it."""
    site = liquid.site_variables({}, data={"items": [{"name": "Alpha item", "k": "a"},
                                                     {"name": "Beta item", "k": "b"}]})
    includes = {"setup.html": '{% assign xs = (site.data.items | where: "k", "a" ) %}'}
    page = "Before.\n\n{% include setup.html %}\n{% for x in xs %}\n- {{ x.name }}\n{% endfor %}\n\nAfter.\n"
    result = liquid_engine.render(page, {}, site, first_line=4, includes=includes)
    assert "- Alpha item" in result.text and "Beta" not in result.text and "{%" not in result.text
    assert result.dropped == ()
    own = liquid_engine.render('{%- assign ys = ( site.data.items | map: "name" ) -%}{{ ys | join: ", " }}',
                               {}, site)
    assert own.text == "Alpha item, Beta item"
    assert render("{% assign r = (1..3) %}{% for i in r %}{{ i }}{% endfor %}").text == "123"


def test_an_output_inside_a_tag_is_read_as_jekyll_read_it() -> None:
    """documentation-theme-jekyll's ``image.html``: ``{% if {{include.url}} %}``. Jekyll's lax
    Liquid read the braces away; the engine refused them, and every picture the include drew
    was shown to readers as its ``{% include image.html … %}`` tag. A quoted ``'{{ y }}'``
    stays a text."""
    includes = {"image.html": '<figure>{% if {{include.url}} %}<a href="{{include.url}}">{% endif %}'
                              '<img src="images/{{include.file}}" alt="{{include.alt}}">'
                              '{% if {{include.url}} %}</a>{% endif %}</figure>'}
    result = liquid_engine.render('{% include image.html file="a.png" url="https://x.org/" alt="A" %}\n',
                                  {}, {}, includes=includes)
    assert result.dropped == ()
    assert result.text == '<figure><a href="https://x.org/"><img src="images/a.png" alt="A"></a></figure>\n'
    assert render('{% assign y = "{{ z }}" %}{{ y }}').text == "{{ z }}"
    own = liquid_engine.render("{% if {{page.shown}} %}Shown.{% endif %}\n\n`{% if {{x}} %}`\n", {"shown": 1}, {})
    assert own.text == "Shown.\n\n`{% if {{x}} %}`\n" and own.dropped == ()


def test_a_failure_inside_an_include_names_the_included_file_and_its_line() -> None:
    """The warning stands at the include's tag in the page; it names where to change it too."""
    result = liquid_engine.render("Intro.\n{% include box.html %}\n", {}, SITE, first_line=4,
                                  includes={"box.html": "<div>\n{% bogus %}\n</div>"})
    [dropped] = result.dropped
    assert dropped.line == 5 and "(_includes/box.html:2: unexpected tag 'bogus')" in dropped.tag


def test_a_loop_over_a_value_nothing_gives_is_said_at_its_line() -> None:
    """18F's releases page loops over ``site.data.releases``, which the jekyll_get plugin
    fetched while the old site was built: the section was empty without a word. A list that
    is given but empty, a loop guarded by ``if``, and Jekyll's own lists are no mistake."""
    site = liquid.site_variables({}, data={"none_yet": [], "items": [{"name": "A"}]})
    page = ("---\ntitle: Releases\n---\n## Releases\n\n{% for release in site.data.releases %}\n"
            "### {{ release.name }}\n{% endfor %}\n\n{% for x in site.data.none_yet %}{{ x }}{% endfor %}"
            "{% for x in site.data.items %}{{ x.name }}{% endfor %}{% for t in page.tags %}{% endfor %}"
            "{% if site.data.gone %}{% for g in site.data.gone %}{% endfor %}{% endif %}\n"
            "{% for r in site.data.releases %}{% endfor %}{% for a in page.authors %}{% endfor %}\n")
    prepared = preprocess(page, site)
    assert [(note.line, note.kind) for note in prepared.notes] == [(6, "empty-value"), (11, "empty-value"),
                                                                   (11, "empty-value")]
    assert prepared.notes[0].message.startswith(
        "`{% for release in site.data.releases %}` loops over `site.data.releases`, which no "
        "`_data/releases` file gives (the old build may have fetched it, with a plugin such as jekyll_get")
    assert "`page.authors`, which no front-matter key gives" in prepared.notes[2].message
    assert prepared.text.endswith("\n\nA\n\n")


def test_a_link_tag_to_a_file_the_folder_lacks_keeps_its_words_and_is_said_at_its_line() -> None:
    """plainlanguage.gov links ``{% link _pages/about/history/….md %}`` to a file it no longer
    has: Jekyll stopped its build there; the publication warned about ``/_pages/…md``, an
    address written nowhere in the page. The words stay, the tag is said as written; a tag
    that was an HTML link's whole address leaves no ``href=""`` for rawhtml to say again."""
    gone = "{% link _pages/about/history/plain-language-in-the-government.md %}"
    page = (f"---\ntitle: History\n---\n\n- [A History]({{{{ site.baseurl }}}}{gone})\n"
            "- [The rules]({% link _pages/rules.md %})\n\n<p><a href=\"{% link gone.md %}\">Gone</a></p>\n"
            "\n`{% link not/run.md %}`\n")
    prepared = preprocess(page, SITE, linked=lambda path: path == "_pages/rules.md")
    assert prepared.text.endswith("\n- A History\n- [The rules](/_pages/rules.md)\n\n"
                                  "<p><a>Gone</a></p>\n\n`{% link not/run.md %}`\n")
    assert [(note.line, note.kind) for note in prepared.notes] == [(5, "link"), (8, "link")]
    assert prepared.notes[0].message.startswith(f"`{gone}` names a file the source folder does not have")


def test_an_include_kept_as_written_keeps_the_code_in_its_arguments_as_written() -> None:
    """fortran-lang's `{% include tip.html content="... the `intent` attribute ..." %}`: kept
    because `tip.html` cannot run, it was shown in the engine's own syntax,
    `{% include "tip.html", content: "..." %}`, because of the code span in its text."""
    call = '{% include tip.html content="Always specify the `intent` attribute." %}'
    result = liquid_engine.render(f"Intro.\n\n{call}\n\nAfter.\n", {}, SITE,
                                  includes={"tip.html": "<div>{% t book.tip %}</div>"})
    assert result.text == f"Intro.\n\n{call}\n\nAfter.\n"
    assert result.dropped[0].tag.startswith('{% include tip.html content="Always specify the `intent`')


@pytest.mark.parametrize(("sort", "expected"), [
    ('sort: "posted"', "Old, Fellow, Developer, Engineer"),  # Jekyll: no `posted` first
    ('sort: "posted" | reverse', "Engineer, Developer, Fellow, Old"),
    ('sort: "posted", "last"', "Fellow, Developer, Engineer, Old"),
    ('sort: "name"', "Developer, Engineer, Fellow, Old"),
])
def test_sort_by_a_key_some_items_lack_sorts_as_jekyll_did(sort: str, expected: str) -> None:
    """US-RSE's jobs page: `site.data.jobs | sort: "posted" | reverse`, and old jobs have no
    `posted`. Liquid refused the comparison, so the page showed its Liquid and no job."""
    jobs = [{"name": "Old"}, {"name": "Fellow", "posted": dt.date(2023, 1, 5)},
            {"name": "Engineer", "posted": dt.date(2024, 1, 15)}, {"name": "Developer", "posted": "2023-06-01"}]
    text = f'{{% assign sorted = site.data.jobs | {sort} %}}{{{{ sorted | map: "name" | join: ", " }}}}\n'
    result = liquid_engine.render(text, {}, {"data": {"jobs": jobs}})
    assert (result.text, result.dropped) == (expected + "\n", ())


def test_an_expression_filter_holding_tags_is_refused_not_run_per_item() -> None:
    """Run once per item, a loop hidden in the expression would escape the loop limit."""
    text = '{{ site.data.xs | where_exp: "i", "true %}{% for a in (1..10000) %}{% endfor %}{% if true" }}'
    result = liquid_engine.render(text, {}, {"data": {"xs": list(range(5000))}})
    assert result.dropped and "(1..10000)" in result.text


@pytest.mark.parametrize("text", [
    # opendatapolicies.org's browse/by-date.md
    'All:\n<ul>\n{% assign docs = site.documents | sort: "date" %}\n{% for doc in docs %}\n'
    '  <li>{{ doc.title }}</li>\n{% endfor %}\n</ul>\n',
    # its guidelines/index.md: the list is made inside another loop
    '{% for s in site.data.x %}\n{% assign mine = site.pages | where: "section", s %}\n'
    '{% for g in mine %}\n- {{ g.name }}\n{% endfor %}\n{% endfor %}\n',
])
def test_a_loop_over_a_list_assigned_from_the_old_sites_pages_is_said(text: str) -> None:
    """Jekyll listed the pages; an assigned copy of ``site.documents`` gave an empty loop and
    the list was left out without a word."""
    result = render(text)
    assert [loop.tag for loop in result.unlisted] == [t for t in ("{% for doc in docs %}",
                                                                  "{% for g in mine %}") if t in text]
    assert result.unlisted[0].line == text[:text.find("{% for " + ("doc" if "docs" in text else "g"))].count("\n") + 1


def test_a_loop_over_a_list_the_page_made_itself_still_runs() -> None:
    result = render("{% assign xs = site.data.x %}{% for v in xs %}[{{ v }}]{% endfor %}")
    assert (result.text, result.unlisted) == ("[1][2]", ())


@pytest.mark.parametrize(("text", "expected"), [
    # opendatapolicies.org's guidelines page groups its sections
    ('{% assign g = site.data.jobs | group_by: "team" %}{% for t in g %}{{ t.name }}:{{ t.size }} {% endfor %}',
     "parks:2 roads:1 "),
    ('{% assign g = site.data.jobs | group_by_exp: "j", "j.year | plus: 1" %}{{ g | map: "name" | join: "," }}',
     "2021,2020"),
    ('{{ site.data.jobs | where_exp: "j", "j.year > 2019" | map: "title" | join: "," }}', "Mow,Pave"),
    ('{{ site.data.jobs | find_exp: "j", "j.team == \'roads\'" | map: "title" }}', "Pave"),
    ('{% assign xs = site.data.jobs | map: "title" | push: "Plow" | shift %}{{ xs | join: "," }}',
     "Pave,Rake,Plow"),
    ('{{ site.data.jobs | map: "title" | unshift: "Plow" | pop: 2 | join: "," }}', "Plow,Mow"),
    ('{{ "12" | to_integer | plus: 1 }}', "13"),
    ('{{ "12 km" | to_integer }} {{ "x" | to_integer }} {{ 2.9 | to_integer }}', "12 0 2"),
])
def test_jekylls_own_filters_run_as_on_jekyll(text: str, expected: str) -> None:
    jobs = [{"title": "Mow", "team": "parks", "year": 2020}, {"title": "Pave", "team": "roads", "year": 2020},
            {"title": "Rake", "team": "parks", "year": 2019}]
    result = liquid_engine.render(text, {}, {"data": {"jobs": jobs}})
    assert (result.text, result.dropped) == (expected, ())


def test_the_translation_plugins_t_tag_gives_the_first_languages_words(tmp_path: Path) -> None:
    """fortran-lang (jekyll-multiple-languages-plugin): `tip.html` titles its box with
    `{% t book.tip %}` from `_i18n/en.yml`. The tag was unknown, so every tip box on a page
    was shown as the Liquid that makes it; a key the file lacks still is, and is said."""
    import jekyll_compat
    from jekyll_compat import liquid

    write_pages(tmp_path, {"_i18n/en.yml": "book:\n  tip: Tip\n  note: 'Note {{ x }}'\n",
                           "_i18n/fr.yml": "book:\n  tip: Astuce\n"})
    assert jekyll_compat.jekyll_translations(tmp_path, {"languages": ["fr", "en"]})[1]["book"]["tip"] == "Astuce"
    translations = jekyll_compat.jekyll_translations(tmp_path, {"languages": "not a list"})
    site = liquid.site_variables({}, "Fortran", {}, translations=translations)
    includes = {"tip.html": '<div>\n    {% capture t %}{% t book.tip %}:{% endcapture %}\n'
                            '    {% capture md %}__{{ t }}__ {{ include.content }}{% endcapture %}\n'
                            '    {{ md | markdownify}}\n</div>'}
    text = 'A {% t book.note %}, {% t book.gone %}, `{% t book.tip %}`.\n\n{% include tip.html content="Use `intent`." %}\n'
    result = liquid_engine.render(text, {}, site, includes=includes)
    assert result.text.startswith("A Note {{ x }}, {% t book.gone %}, `{% t book.tip %}`.\n")
    assert "\n__Tip:__ Use `intent`.\n" in result.text
    assert [d.tag for d in result.dropped] == ["{% t book.gone %}"]


def test_includes_are_read_only_from_inside_the_includes_folder(tmp_path: Path) -> None:
    from jekyll_compat import jekyll_includes

    (tmp_path / "_includes" / "deep").mkdir(parents=True)
    (tmp_path / "_includes" / "a.html").write_text("A", encoding="utf-8")
    (tmp_path / "_includes" / "deep" / "b.md").write_text("B", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "_includes" / "link.html").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "_includes" / "latin1.html").write_bytes(b"caf\xe9")
    assert jekyll_includes(tmp_path) == {"a.html": "A", "deep/b.md": "B"}


def test_include_relative_reads_only_a_file_below_the_page(tmp_path: Path) -> None:
    """As Jekyll: below the page's folder, no ``..``, not absolute; and never out of the
    source folder through a symlink, nor the page itself."""
    source = tmp_path / "src"
    (source / "guide" / "parts").mkdir(parents=True)
    page = source / "guide" / "index.md"
    page.write_text("---\ntitle: Guide\n---\n", encoding="utf-8")
    (source / "guide" / "parts" / "steps.md").write_text("Step one.", encoding="utf-8")
    (source / "secret.md").write_text("secret", encoding="utf-8")
    (tmp_path / "outside.md").write_text("outside", encoding="utf-8")
    (source / "guide" / "link.md").symlink_to(tmp_path / "outside.md")
    tags = " ".join(f"{{% include_relative {name} %}}" for name in (
        "parts/steps.md", "../secret.md", "/etc/passwd", "link.md", "index.md", "nowhere.md",
        "parts/../../secret.md"))
    assert liquid.relative_includes(tags, page, source) == {
        "parts/steps.md": source / "guide" / "parts" / "steps.md"}


def test_include_relative_runs_like_an_include_and_a_refused_one_stays_text() -> None:
    relative = {"parts/steps.md": "Step {{ include.n }} of {{ page.title }}."}
    result = liquid_engine.render('A {% include_relative parts/steps.md n="2" %} B', {"title": "T"},
                                  SITE, relative=relative)
    assert result == liquid.Result("A Step 2 of T. B", ())
    refused = liquid_engine.render("A {% include_relative ../secret.md %} B", {}, SITE, relative=relative)
    assert refused.text == "A {% include_relative ../secret.md %} B"
    assert refused.dropped == (liquid.Dropped(1, "{% include_relative ../secret.md %}"),)


@pytest.mark.parametrize(("text", "expected"), [
    ("{{ site.data.office.staff }}", "a"), ("{{ site.data.none | size }}", "0"),
    ("{{ page.missing }}|{{ content }}", "|"), ("{% assign x = 1 %}{{ x }}", "1"),
    ("{% if page.a %}shown{% else %}other{% endif %}", "other"),
    ("{% for n in site.data.x %}[{{ n }}]{% endfor %}", "[1][2]"),
    ("{% unless site.data.office.email %}no{% endunless %}", ""),
    # the Utah Mapping Portal's LiDAR pages: Jekyll's lax Liquid read a doubled dash as one
    ("{%- capture c --%}Rick{%- endcapture -%}from {{ c --}} and {{-- c }}.", "from RickandRick."),
])
def test_liquid_means_what_it_meant_on_jekyll(text: str, expected: str) -> None:
    result = render(text, title="Buses")
    assert (result.text, result.dropped) == (expected, ())


@pytest.mark.parametrize("text", [
    "```\n{% for x in y %}{{ x }}{% endfor %}\n```", "Use `{{ page.title }}` in a layout.",
    "~~~liquid\n{% if a %}\n~~~", "$$\n\\frac{{a}}{{b}}\n$$", "when $\\{{x}\\} > 1$",
    "Code may run over lines: `{{ a\n}}` and ``b {{ c }}``.",
    "`{%- capture c --%}` stays as written in code.",
])
def test_liquid_never_runs_inside_code_or_maths(text: str) -> None:
    assert render(text, title="Buses") == liquid.Result(text, ())


def test_a_variable_the_page_set_is_shown_in_its_code_as_jekyll_showed_it() -> None:
    """nelbren's multilingual-Jekyll post writes ``{{`` in its code blocks with
    ``{% assign cb2o = '{{' %}`` … ``{{ cb2o }} post.date``: Jekyll ran that in code too.
    Every edition showed ``{{ cb2o }}`` instead, without a word. Other Liquid in code
    (``{{ page.title }}``, a variable the page never set) stays as written."""
    text = ("  {% assign cb2o = '{{' %}\n  {% capture cb2c %}}}{% endcapture %}\n"
            "  ```html\n  Posted on {{ cb2o }} post.date {{ cb2c }}\n  {{ page.title }} {{ other }}\n"
            "  ```\n```\n{% raw %}{{ cb2o }}{% endraw %}\n```\nInline `{{ cb2o }} x` and `{{ site.baseurl }}`.\n")
    result = render(text, title="Buses")
    lines = result.text.split("\n")
    assert lines[3] == "  Posted on {{ post.date }}"
    assert lines[4] == "  {{ page.title }} {{ other }}" and lines[7] == "{{ cb2o }}"
    assert lines[9] == "Inline `{{ x` and `{{ site.baseurl }}`." and result.dropped == ()


@pytest.mark.parametrize("text", [
    # minimal-mistakes' helpers table: a backtick left open in one row (a cell of its own)
    "| a | eg: `\"Image\" |\n| - | - |\n| b | See [u]({{ '/u/' | relative_url }}) for `btn`. |",
    "A stray ` here.\n\nThen [m]({{ '/u/' | relative_url }}) and `code`.",
])
def test_inline_code_ends_with_its_paragraph_or_table_row(text: str) -> None:
    assert "[u](/u/)" in render(text).text.replace("[m]", "[u]")


def test_the_lines_after_a_false_condition_stay_where_they_were() -> None:
    text = "a\n{% if page.no %}\nb\nc\n{% endif %}\nd {{ page.title }}\n{% bad %}\n"
    result = liquid_engine.render(text, {"title": "T"}, SITE, first_line=10)
    assert result.text.split("\n")[5] == "d T"
    assert result.dropped == (liquid.Dropped(16, "{% bad %}"),)


def test_kept_tags_keep_their_lines_and_report_them() -> None:
    text = "a\n{% include\n  nav.html %}\nb\n{{ x }}\n"
    result = liquid_engine.render(text, {}, SITE, first_line=10)
    assert result.text == "a\n{% include\n  nav.html %}\nb\n\n"
    assert [d.line for d in result.dropped] == [11]


# just-the-docs' own pages (docs/ui-components/code.md, code/line-numbers.md) show Markdown
# and Liquid in code: a highlight block holding a fence, and {% raw %} inside code.
JTD_HIGHLIGHT = """{% highlight markdown %}
```js
var fun = 1;
```
{% endhighlight %}

## Code blocks with rendered examples
"""


def test_a_highlight_block_holding_a_fence_stays_one_code_block() -> None:
    text = render(JTD_HIGHLIGHT).text
    assert text == "````markdown\n```js\nvar fun = 1;\n```\n````\n\n## Code blocks with rendered examples\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("```\n{% raw %}{% highlight ruby linenos %}\ndef foo\n{% endhighlight %}{% endraw %}\n```",
     "```\n{% highlight ruby linenos %}\ndef foo\n{% endhighlight %}\n```"),
    ("{% highlight yaml %}\n{% raw %}{% highlight some_language %}\nSome code\n{% endhighlight %}{% endraw %}\n"
     "{% endhighlight %}", "```yaml\n{% highlight some_language %}\nSome code\n{% endhighlight %}\n```"),
    ("Use `{% raw %}{{ page.title }}{% endraw %}` in a layout.", "Use `{{ page.title }}` in a layout."),
    # minimal-mistakes' and Jekyll's docs show their tags as examples, exactly as written
    ('```liquid\n{% raw %}{% include figure image_path="/a.jpg" alt="A" %}{% endraw %}\n```',
     '```liquid\n{% include figure image_path="/a.jpg" alt="A" %}\n```'),
    ("Write `{% raw %}{% link _posts/2016-07-26-a.md %}{% endraw %}` or "
     "`{% raw %}{% post_url 2010-09-09-b %}{% endraw %}`.",
     "Write `{% link _posts/2016-07-26-a.md %}` or `{% post_url 2010-09-09-b %}`."),
    ("{% raw %}{% include note.html text=\"x\" %}{% endraw %}", '{% include note.html text="x" %}'),
])
def test_raw_inside_code_shows_what_it_protected_as_jekyll_did(text: str, expected: str) -> None:
    assert render(text) == liquid.Result(expected, ())


@pytest.mark.parametrize("line", [
    '{% include figure image_path="/a.jpg" alt="A bus" %}', "- {% gist 12345 %}", "> {% youtube abc %}",
    "{% raw %}{% include toc %}{% endraw %}",
])
def test_liquid_kept_on_a_line_of_its_own_is_shown_not_read_as_attributes(line: str) -> None:
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser
    from markdown_it.renderer import RendererHTML

    text = preprocess(f"---\ntitle: T\n---\nBefore:\n\n{line}\n\nAfter.\n", SITE).text
    parser = create_md_parser(MdParserConfig(enable_extensions={"attrs_block"}), RendererHTML)
    shown = parser.render(text.split("---\n", 2)[2])
    tag = re.search(r"\{%.*%\}", line.replace("{% raw %}", "").replace("{% endraw %}", "")).group(0)
    assert tag.replace('"', "&quot;") in shown, shown  # attrs_block dropped it: `%` opens its comments
    assert preprocess("```\n{% include toc %}\n```\n", SITE).text == "```\n{% include toc %}\n```\n"


def test_raw_without_end_keeps_the_rest_literally() -> None:
    assert render("{% raw %}{{ x }}\n{% y %}").text == "{{ x }}\n{% y %}"


def test_myst_substitutions_are_not_liquid() -> None:
    result = liquid_engine.render("{{ city }} and {{ site.baseurl }}", {}, SITE, keep={"city"})
    assert result.text == "{{ city }} and "


# kramdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Para\n{: .lead}\n", "Para\n\n"),
    ("* TOC\n{:toc}\n\nText", "```{jekyll-toc}\n```\n\nText"),  # the page's contents list
    ("## Table of contents\n{: .no_toc .text-delta }\n\n1. TOC\n{:toc}\n",
     "\n\n\n```{jekyll-toc} Table of contents\n```\n"),  # its label heading is its title
    ("## Contents\n\n1. TOC\n{:toc}\n", "## Contents\n\n```{jekyll-toc}\n```\n"),  # listed: kept
    ("* Item\n* TOC\n", "* Item\n* TOC\n"),  # a real list item called TOC stays
    # kramdown lets a space stand between a link's text and its reference (18F's site)
    ('a ["joint work"] [4], [a] [b], `[c] [4]`\n\n  [4]: https://x.org "J"\n',
     'a ["joint work"][4], [a] [b], `[c] [4]`\n\n  [4]: https://x.org "J"\n'),
    ('{::options parse_block_html="true" /}\nText', "\nText"),
    ("a{::comment}\nhidden\n{:/comment}b", "a\n\nb"),
    ("{::nomarkdown}<b>x</b>{:/nomarkdown}", "<b>x</b>"),
    ("**Bold**{: .red} and [l](x){:target='_blank'}", "**Bold** and [l](x)"),
    ("\n## Contact us {#contact}\n", "(contact)=\n## Contact us\n"),
    ('\n## <a name="first-part"></a>First part\n', "(first-part)=\n## First part\n"),  # 18F's principles
    ("\n## Understanding first<a id='understanding'></a>\n", "(understanding)=\n## Understanding first\n"),
    ('\n### <a name="agile" ></a> Working in an agile way\n', "(agile)=\n### Working in an agile way\n"),
    ('\n## <a href="/x/">Linked</a> title\n', '\n## <a href="/x/">Linked</a> title\n'),  # not an anchor
    ("Text\n^\nMore", "Text\n\nMore"),
    ("*[CTM]: Communications and Technology Management\n\nText",
     "- CTM: Communications and Technology Management\n\nText"),  # its meaning is kept
    ("*[A_B*]: a b \n*[E]:\n", "- A\\_B\\*: a b\n\n"),  # a name as written; no meaning: gone
    ("{:refdef: .c}\n{: #id .x}", "\n"),
    # a block IAL's id on the line before or after a heading is the heading's (Data Commons' docs)
    ("Text.\n\n{: #get-key}\n## API keys\n", "Text.\n\n(get-key)=\n## API keys\n"),
    ("Text.\n\n## API keys\n{:#get-key .no_toc}\n\nMore.", "Text.\n(get-key)=\n## API keys\n\n\nMore."),
    ("{: .lead #top}\n# Title\n", "(top)=\n# Title\n"),
    ("Para\n{: #p-id}\n## Next\n", "Para\n\n## Next\n"),  # the paragraph's id: no heading's
    ("{:ref: #not-applied}\n## Heading\n", "\n## Heading\n"),  # a definition, applied to nothing
    # minimal-mistakes' sample table: a rule between body parts, another above the footer
    ("| H1 | H2 |\n|:---|---:|\n| c1 | c2 |\n|---------|\n| c3 | c4 |\n|=========|\n| F1 | F2 |\nText",
     "| H1 | H2 |\n|:---|---:|\n| c1 | c2 |\n| c3 | c4 |\n| F1 | F2 |\n\n\nText"),
    ("| a | b |\n|---|---|\n| - | x |\n", "| a | b |\n|---|---|\n| - | x |\n"),  # a cell's dash stays
    ("```\n| a |\n|---|\n| b |\n|---|\n```", "```\n| a |\n|---|\n| b |\n|---|\n```"),
    # kramdown's hard line break is two backslashes; a paragraph's last line or code keeps them
    ("First line\\\\\nsecond line\\\\\n\nNext", "First line\\\nsecond line\\\\\n\nNext"),
    ("    C:\\\\\n    D:\n", "    C:\\\\\n    D:\n"),
    ("$$\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}$$\n", "$$\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}$$\n"),
])
def test_kramdown_leftovers_are_removed(text: str, expected: str) -> None:
    assert kramdown.clean(text) == expected


DETAILS = ("{::options parse_block_html=\"true\" /}\n\n<details>\n<summary>\n**Tip**: **Both?**\n</summary>\n\n"
           "Use a [bridge](/bridge/).\n</details>\n\n<div class=\"x\">\n**Still** Markdown\n</div>\n")
"""ROBOTIS' e-Manual: every guide turns ``parse_block_html`` on and writes its tips so."""


@pytest.mark.parametrize(("text", "site_wide", "expected"), [
    (DETAILS, False, "\n\n\n\n**Tip**: **Both?**\n\n\nUse a [bridge](/bridge/).\n\n\n\n**Still** Markdown\n\n"),
    ('<div class="x">\n**Raw** as kramdown left it\n</div>\n', False,
     '<div class="x">\n**Raw** as kramdown left it\n</div>\n'),  # the option is off by default
    ('<div class="x">\n**Read**\n</div>\n', True, "\n**Read**\n\n"),  # _config.yml's kramdown: setting
    ('{::options parse_block_html="false" /}\n<div>\n**Raw**\n</div>\n', True, "\n<div>\n**Raw**\n</div>\n"),
    ('<div markdown="0">\n**Raw**\n</div>\n', True, '<div markdown="0">\n**Raw**\n</div>\n'),
    ("<table>\n<tr><td>a</td></tr>\n</table>\n", True, "<table>\n<tr><td>a</td></tr>\n</table>\n"),
])
def test_parse_block_html_reads_an_elements_content_as_markdown(text: str, site_wide: bool,
                                                                   expected: str) -> None:
    assert kramdown.clean(text, parse_block_html=site_wide) == expected


def test_the_sites_parse_block_html_setting_reaches_the_pages() -> None:
    site = {**SITE, "kramdown": {"parse_block_html": True}}
    assert preprocess('<div class="x">\n**Read**\n</div>\n', site).text == "\n**Read**\n\n"


_MARKDOWN_LIKE = st.lists(st.sampled_from(
    list("ab #>*-_`|[]()!:.=<>/\"'\n\t123ñ")
    + ["<div", "</div>", '<div markdown="1">', "```", "~~~", "    ", "1. ", "TOC", "toc", "^",
       "\n^\n", "*[", "*[HTTP]: x\n", "## ", '<a name="x"></a>', "<a id=y></a>", "] [", "\n[a]: x\n"]),
    max_size=80).map("".join)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_MARKDOWN_LIKE)
def test_a_page_without_kramdowns_marks_is_left_as_it_is_without_reading_it_line_by_line(text):
    """clean()'s shortcut: a page with no ``{``, ``^``, ``*[``, ``markdown`` or ``<a name=`` is what the
    line-by-line walk would give back unchanged (so a new kind of leftover with another mark
    must widen the shortcut's pattern)."""
    if kramdown._MAY_NEED_CLEANING.search(text):
        return
    assert kramdown.clean(text) == text == kramdown._clean(text)


def test_code_keeps_kramdown_syntax() -> None:
    text = "```\n{: .x}\n* TOC\n{:toc}\n```\nUse `{: .class}` after a paragraph.\n~~~\n^\n~~~"
    assert kramdown.clean(text) == text


@settings(deadline=None)  # a busy shared machine must not turn slowness into a failure
@given(st.text(alphabet=st.sampled_from(list("ab{}:%#.^*-`~ \n")), max_size=200))
def test_every_rewrite_keeps_the_number_of_lines(text: str) -> None:
    assert kramdown.clean(text).count("\n") == text.count("\n")
    assert liquid_engine.render(text, {}, SITE).text.count("\n") == text.count("\n")
    assert preprocess(text, SITE).text.count("\n") == text.count("\n")


# kramdown's HTML blocks ---------------------------------------------------------------------


def commonmark_blocks(text: str) -> list[tuple[str, int, int]]:
    """(kind, first line, last line) of each block as MyST's CommonMark reader finds it."""
    from markdown_it import MarkdownIt

    return [(token.type, token.map[0] + 1, token.map[1]) for token in MarkdownIt("commonmark").parse(text)
            if token.map and token.level == 0 and not token.type.endswith("_close")]


NESTED_DIVS = '<div class="outer">\n  <div class="inner">\nSome text inside.\n\n    </div>\n</div>\n'
ARROW_IN_LINK = ('<div class="list">\n  <a class="item" href="https://example.org/one">\n'
                 '    <p class="label">\n      First guide\n      <svg><path d="M0 0"/></svg>\n\n'
                 '    </p>\n  </a>\n</div>\n')  # `{% include arrow.svg %}`: the file's last newline
MARKDOWNIFIED = ('<section class="usa-section">\n<div class="grid-container">\n'
                 '  <div class="tablet-lg:grid-col-7">\n    \n## Embark on your AI journey\n'
                 'Emerging technology projects.\n\n[Write to us](mailto:a@b.gov).\n\n'
                 '      </div>\n    </div>\n</section>\n')  # `{{ body | markdownify }}` (18F's AI-services)
GALLERY = ('<figure class="third ">\n  \n    \n      <a href=\n        \n          "/a.jpg"\n        \n'
           '        title="Image 1 title caption"\n      >\n        <img src=\n          \n'
           '            "/a-th.jpg"\n          \n          alt="placeholder image 1">\n      </a>\n    \n'
           '  \n    <figcaption>A sample gallery.</figcaption>\n  \n</figure>\n')
"""minimal-mistakes' ``gallery`` include, its Liquid run: the ``{% if %}`` lines left blank
inside the ``<a href=`` and ``<img src=`` tags."""


@pytest.mark.parametrize("text", [NESTED_DIVS, ARROW_IN_LINK, GALLERY])
def test_an_html_element_with_blank_lines_inside_stays_one_html_block(text: str) -> None:
    kept = htmlblocks.keep_whole(text)
    assert commonmark_blocks(kept) == [("html_block", 1, text.count("\n"))]
    assert kept.count("\n") == text.count("\n")


def test_a_tag_that_runs_over_a_blank_line_is_written_whole_on_its_first_line() -> None:
    """The gallery's figure was an empty ``<figure>`` and then code showing ``<a href=
    "/a.jpg" title=… <img src=…``: CommonMark ended its block inside the ``<a>`` tag."""
    kept = htmlblocks.keep_whole(GALLERY).split("\n")
    assert kept[3] == '      <a href= "/a.jpg" title="Image 1 title caption" >'
    assert kept[9] == '        <img src= "/a-th.jpg" alt="placeholder image 1">'
    assert all(line.strip() == htmlblocks.FILLER for line in kept[4:9] + kept[10:14])


def test_a_blank_line_in_the_pages_own_markup_ends_no_element() -> None:
    """18F's contact page: a Markdown part (``{% markdown %}``), then the element's end tag
    and an ``<aside>``, each after a blank line and indented: shown as code before."""
    text = ('<div class="grid-container">\n  <div class="grid-row">\n    <div class="col-8">\n'
            "{% markdown %}\n\n### Want to see if 18F can help?\nEmail us.\n{% endmarkdown %}\n\n"
            '    </div>\n\n    <aside class="col-4">\n      <h4>Learn more</h4>\n    </aside>\n'
            "  </div>\n</div>\n")
    blocks = commonmark_blocks(htmlblocks.keep_whole(text))
    assert ("heading_open", 6, 6) in blocks  # the Markdown part is still Markdown
    assert not [b for b in blocks if b[0] in ("code_block", "fence")]
    assert blocks[-1] == ("html_block", 10, 16)  # the end tag, the <aside> and the rest: one block


def test_markdown_that_liquid_put_inside_an_element_stays_markdown() -> None:
    blocks = commonmark_blocks(htmlblocks.keep_whole(MARKDOWNIFIED))
    assert [b[0] for b in blocks] == ["html_block", "heading_open", "paragraph_open", "paragraph_open",
                                      "html_block"]
    assert blocks[-1] == ("html_block", 10, 12)  # its end tags are markup, not code


@pytest.mark.parametrize("text", [
    '<div class="x">\n<p>a</p>\n\n    <p>b</p>\n',  # no end tag: kramdown closed it at the page's end
    "```html\n" + NESTED_DIVS + "```\n",  # an example in code
    '<div markdown="1">\n\n    </div>\n',  # a kramdown Markdown wrapper (kramdown.clean unwraps it)
    "<pre>\n<div>\n\n    </div>\n</pre>\n",  # CommonMark keeps <pre> whole already
    "Text with <div>\n\n    </div>\n",  # not at the start of a line
    "<!-- <div> -->\n\n    </div>\n",  # a comment is no element
    "<span>\n\n    </span>\n",  # kramdown read a span element as text, not as a block
])
def test_what_is_no_element_with_its_end_tag_is_left_as_it_is(text: str) -> None:
    assert htmlblocks.keep_whole(text) == text


NEWSLETTER = ("Matt & The Code for Boston Core Team\n<hr>\n# Events\n## [Civic Tech Coffee](https://x.org)\n"
              "Civic Tech Coffee is a monthly virtual event.\n\n<hr>\n# Jobs\n* one\n")
"""Code for Boston's newsletter (2021-11-16): kramdown drew a rule, then the headings."""


@pytest.mark.parametrize("text, kinds", [
    (NEWSLETTER, ["paragraph_open", "html_block", "heading_open", "heading_open", "paragraph_open",
                  "html_block", "heading_open", "bullet_list_open"]),
    ("<p>Intro</p>\n**Bold** text\n", ["html_block", "paragraph_open"]),
    ('<img src="a.png">\n*Caption* here\n', ["html_block", "paragraph_open"]),
    ('<div class="x">hi</div>\n## Head\n<hr>\n- item\n', ["html_block", "heading_open", "html_block",
                                                        "bullet_list_open"]),
    ("<hr>\n```\n<hr>\n# code\n```\n", ["html_block", "fence"]),  # a fence, its code untouched
    ('<div class="note">\nSome <b>HTML</b>\n</div>\n**Bold** text\n', ["html_block", "paragraph_open"]),
])
def test_markdown_right_after_a_whole_element_is_read_as_markdown(text: str, kinds: list[str]) -> None:
    ended, added = htmlblocks.end_after_lines(text)
    assert [b[0] for b in commonmark_blocks(ended)] == kinds
    assert [line for i, line in enumerate(ended.split("\n")) if i not in added] == text.split("\n")
    assert all(ended.split("\n")[i] == "" for i in added)


@pytest.mark.parametrize("text", [
    "<div>\n# Not a heading in kramdown either\n</div>\n",  # an element left open: kramdown read it raw
    "<hr>\n<p>more markup</p>\n",  # HTML after HTML
    "text\n<br>\n*x*\n",  # a tag inside a paragraph
    "<hr>\n    code-like\n",  # a blank line would make it code
    "> <hr>\n> # quoted\n",  # in a quote a blank line would end it
    "```\n<hr>\n# code\n```\n",
])
def test_what_kramdown_and_commonmark_read_alike_is_left_as_it_is(text: str) -> None:
    assert htmlblocks.end_after_lines(text) == (text, ())


def test_markdownify_inside_an_element_on_its_line_is_read_as_markdown() -> None:
    """minimal-mistakes' notice (ROBOTIS' e-Manual): Jekyll made the captured Markdown HTML
    inside the ``<div>``; left on the element's line it was shown as ``**Note**: [table](…)``.
    Between blank lines it is Markdown, inside the notice's box (:mod:`jekyll_compat.notices`)."""
    text = ("Intro.\n\n{% capture note %}\n**Note**: see [the table](/x/).\n{% endcapture %}\n"
            '<div class="notice">{{ note | markdownify }}</div>\n\nAfter.\n')
    prepared = preprocess(text, SITE)
    written = prepared.text.split("\n")
    at = written.index("**Note**: see [the table](/x/).")
    assert written[at - 2:at + 3] == [":::{container}", "", "**Note**: see [the table](/x/).", "", ":::"]
    assert prepared.lines(written.index("After.") + 1) == 8  # its line of the file


NOTICE = ("## Notices\n\n{% capture notice-2 %}\n#### New Site Features\n\n* Cover images\n"
          '{% endcapture %}\n\n<div class="notice--info">\n  {{ notice-2 | markdownify }}\n</div>\n\n'
          "## Buttons\n\nText after.\n")
"""minimal-mistakes' documented notice that holds more than a paragraph."""


def test_a_notice_holding_markdown_is_a_box_its_heading_no_section_of_the_page() -> None:
    """The notice's ``<div>`` was left empty, ``#### New Site Features`` became a section of
    the page (the page's later paragraphs in it) and the list stood outside the box."""
    prepared = preprocess("---\ntitle: Home\n---\n\n" + NOTICE, SITE)
    written = prepared.text.split("\n")
    start, end = written.index(":::{container}"), written.index(":::")
    assert written[start + 1:end] == ["  ", "#### New Site Features", "", "* Cover images", ""]
    assert (prepared.lines(start + 1), prepared.lines(end + 1)) == (13, 15)  # the <div>'s, the </div>'s
    assert [(c.line, c.target, c.kind.name, c.kind.label) for c in prepared.callouts] == \
        [(13, 13, "notice--info", "Info")]  # labelled by what its colour meant


@pytest.mark.parametrize("text", [
    '<div class="notice" id="n1">\n\n# Kept\n\n</div>\n',  # its id: the fence could not keep it
    '<div class="notice">\n<p>Only HTML</p>\n\n<p>more</p>\n</div>\n',  # no Markdown in it
    '<div class="panel">\n\n# A layout\'s part\n\n</div>\n',  # no notice
    'Text\n<div class="notice">\n\n# Text\n\n</div>\n',  # inside a paragraph
    '<div class="notice">\n\n# Never closed\n',
    '```\n<div class="notice">\n\n# code\n\n</div>\n```\n',
])
def test_what_is_no_notice_holding_markdown_is_left_as_it_is(text: str) -> None:
    from jekyll_compat import notices

    assert notices.boxes(text) == (text, ())


def test_markdownify_on_its_own_line_inside_an_element_is_read_as_markdown() -> None:
    """fortran-lang's `note.html`: `<div>`, the captured note indented on its own line, `</div>`.
    It stayed inside the element's HTML block, so every note showed `__Note:__ … [x](#y)`."""
    includes = {"note.html": '<div class="aside-note">\n    {% capture md %}__{{ include.title | default: '
                             '"Note:" }}__ {{ include.content }}{% endcapture %}\n    {{ md | markdownify}}\n</div>'}
    text = ('Intro.\n\n{% include note.html content="Compare with [the first](#subroutines);\n'
            'it is _simpler_." %}\n\nAfter.\n')
    prepared = preprocess(text, SITE, includes=includes)
    assert "__Note:__ Compare with [the first](#subroutines);" in prepared.text.split("\n")
    kinds = [kind for kind, _, _ in commonmark_blocks(prepared.text)]
    assert kinds == ["paragraph_open", "html_block", "paragraph_open", "html_block", "paragraph_open"]


@pytest.mark.parametrize("text, expected", [
    ("{{ 'x *y*' | markdownify }}\n", "x *y*\n"),  # on its own line: where it was written
    ('<p title="{{ \'a\' | markdownify }}">z</p>\n', '<p title="a">z</p>\n'),  # in an attribute
    ("<div>{{ '' | markdownify }}</div>\n", "<div></div>\n"),
    ("<figcaption>{{ 'A sample gallery.' | markdownify | remove: '<p>' }}</figcaption>\n",
     "<figcaption>A sample gallery.</figcaption>\n"),  # only words: the gallery's caption stays in it
])
def test_markdownify_anywhere_else_stays_where_it_was_written(text: str, expected: str) -> None:
    assert liquid_engine.render(text, {}, SITE).text == expected


@pytest.mark.parametrize(("text", "html"), [
    ("출력 **Speed(RPM)**와 출력 **Current(A)**가", "출력 <strong>Speed(RPM)</strong>와 출력 <strong>Current(A)</strong>가"),
    ("**「重要」**です", "<strong>「重要」</strong>です"),
    ("이**(주)**는", "이<strong>(주)</strong>는"),
    ("***(x)***와 *(y)*와", "<em><strong>(x)</strong></em>와 <em>(y)</em>와"),
    ("**Stall Torque**의", "<strong>Stall Torque</strong>의"),
    ("`**(x)**와`", "<code>**(x)**와</code>"),  # code stays as written
    ("a **b(c)**d", "a **b(c)**d"),  # not CJK: CommonMark's rule
])
def test_bold_that_touches_a_cjk_word_is_bold_as_on_the_old_site(text: str, html: str) -> None:
    """ROBOTIS' Korean e-Manual: ``**Speed(RPM)**와`` kept its asterisks in every edition."""
    from markdown_it import MarkdownIt

    prepared = preprocess(f"---\ntitle: T\n---\n{text}\n", SITE)
    assert MarkdownIt("commonmark").render(prepared.text.split("---\n", 2)[2]) == f"<p>{html}</p>\n"
    assert preprocess(f"```\n{text}\n```\n", SITE).text == f"```\n{text}\n```\n"


def test_a_captured_text_shown_below_leads_to_the_line_it_is_shown_on() -> None:
    """The Utah Mapping Portal captures a contact (an include) above a paragraph that shows
    it: the paragraph's link was warned at the capture's line, two lines above it."""
    text = ("---\ntitle: T\n---\n{%- capture contact -%}\n{%- include c.html -%}\n{%- endcapture -%}\n"
            "Data from [the map](/map/), {{ contact }} in 2016.\n\nAfter.\n")
    prepared = preprocess(text, SITE, includes={"c.html": "Rick\nKelson\n"})
    written = prepared.text.split("\n")
    shown = next(n for n, line in enumerate(written, 1) if line.startswith("Data from"))
    assert prepared.lines(shown) == 7
    assert prepared.lines(written.index("After.") + 1) == 9


def test_messages_after_an_ended_element_name_the_files_lines() -> None:
    text = ("---\ntitle: T\n---\nTeam\n<hr>\n# Events\n\n{% for i in (1..3) %}\nItem {{ i }}\n"
            "{% endfor %}\n<hr>\n# Jobs\n\n{::comment}\nhidden\n")
    prepared = preprocess(text, {})
    written = prepared.text.split("\n")
    assert written[written.index("<hr>") + 1] == ""
    for line in ("# Events", "# Jobs", "<hr>", "Team"):
        assert text.split("\n")[prepared.lines(written.index(line) + 1) - 1] == line
    [note] = prepared.notes
    assert text.split("\n")[note.line - 1] == "{::comment}"
    assert preprocess(text, {}, whole_elements=False).text.count("\n") < prepared.text.count("\n")


def test_a_page_without_markup_at_a_line_start_is_not_read_line_by_line() -> None:
    text = "# Title\n\nA paragraph with <b>bold</b> words.\n\n    code\n" * 200
    assert htmlblocks.keep_whole(text) is text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<pre>", "</pre>", "<!--", "-->",
                                 "<a>", "</a>", "```", "\n", "\n\n", "    ", "  ", "x", "`"]),
                max_size=40).map("".join))
def test_keeping_elements_whole_keeps_every_line_and_only_fills_or_unindents(text: str) -> None:
    kept = htmlblocks.keep_whole(text)
    assert kept.count("\n") == text.count("\n")
    for before, after in zip(text.split("\n"), kept.split("\n")):
        assert after == before or (not before.strip() and ("<!-- -->" in after or after.strip() == ".")) \
            or after.strip() == before.strip()  # a dot fills a blank line inside a comment


def test_elements_on_a_hostile_page_are_found_without_hanging() -> None:
    """Looking for the next ``<pre>`` again after each comment took a first version 258 s
    for a megabyte of comments inside one element. Run apart, with a limit."""
    assert ends_apart("from jekyll_compat import htmlblocks; "
                      "pages = ['<div>\\n\\n' * 200_000, '<div title=\"' * 200_000, "
                      "'<div>\\n<!--\\n' * 100_000, '<pre>\\n<div>\\n' * 100_000, '</div>\\n' * 200_000, "
                      "'<div>\\n<!-- a -->\\n\\n' * 100_000 + '</div>']; "
                      "[htmlblocks.keep_whole(page) for page in pages]", limit=120)


def test_a_heading_of_a_value_with_a_long_run_of_spaces_is_read_without_hanging() -> None:
    """The empty-heading check's pattern tried every split of a run of spaces after a value in
    a heading (1.2 s for 20,000; a megabyte, hours). Run apart, with a limit."""
    assert ends_apart("from jekyll_compat.liquid import headings_only_when_filled; "
                      "line = '## {{ page.x }}' + ' ' * 1_000_000 + 'a'; "
                      "assert headings_only_when_filled(line) == line", limit=120)


def test_a_long_run_of_dashes_is_read_without_hanging() -> None:
    """Liquid's doubled-dash reading tried a run of dashes from each of its dashes: time as
    the square of its length. Run apart, with a limit."""
    assert ends_apart("from jekyll_compat.liquid_engine import _jekyll_tags; "
                      "_jekyll_tags('-' * 1_000_000 + ' x {{ y --}}\\n' + '--' * 500_000, {})", limit=120)


# preprocess ------------------------------------------------------------------------------


def test_front_matter_is_untouched_and_feeds_page_variables() -> None:
    text = '---\ntitle: Buses\nnote: "{: .x}"\n---\n{{ page.title }}\n{: .lead}\n{% include x %}\n'
    result = preprocess(text, SITE)
    # the kept tag alone on its line is shown: MyST's attrs_block would read it and drop it
    assert result.text == '---\ntitle: Buses\nnote: "{: .x}"\n---\nBuses\n\n&#123;% include x %}\n'
    assert result.dropped == (liquid.Dropped(7, "{% include x %}"),)  # line 7 of the file


@pytest.mark.parametrize("text", ["---\ntitle: [1\n---\nx", "---\nnever closed", "---\n- a\n---\n"])
def test_bad_front_matter_never_crashes(text: str) -> None:
    head, body, data = split_front_matter(text)
    assert data == {} and head + body == text
    preprocess(text, SITE)


# old URLs ----------------------------------------------------------------------------------

PAGES = {
    "index": {},
    "about": {"permalink": "/about-us/"},
    "projects": {},
    "projects/mobility/smart buses": {"redirect_from": '["/buses/", "/old/buses.html"]'},
    "projects/x/index": {},
}


@pytest.mark.parametrize(("url", "expected"), [
    ("/", ("index", None)),
    ("/index.html", ("index", None)),
    ("/about-us/", ("about", None)),
    ("/about-us/#contact", ("about", "contact")),
    ("/about.markdown", ("about", None)),  # where the file is now, after its permalink
    ("/projects/", ("projects", None)),
    ("/projects.html", ("projects", None)),
    ("/projects/mobility/smart%20buses/", ("projects/mobility/smart buses", None)),
    ("/projects/mobility/smart buses.html", ("projects/mobility/smart buses", None)),
    ("/buses", ("projects/mobility/smart buses", None)),
    ("/old/buses.html", ("projects/mobility/smart buses", None)),
    ("/projects/x/", ("projects/x/index", None)),
    ("/smartcity/projects/x/index.html", ("projects/x/index", None)),
    ("/projects/gone/", None),
])
def test_old_urls_find_the_page_now_at_that_place(url: str, expected) -> None:
    table = urls.old_urls(PAGES, baseurl="/smartcity")
    assert urls.resolve(url, table, baseurl="/smartcity") == expected


def test_a_permalink_wins_over_another_page_in_that_place() -> None:
    table = urls.old_urls({"news": {}, "updates": {"permalink": "/news/"}})
    assert table["news"] == "updates"


@pytest.mark.parametrize(("url", "site_path"), [
    ("/x/", True), ("//cdn.example/x", False), ("https://x.org/", False), ("x/y", False),
    ("mailto:a@b", False), ("#top", False),
])
def test_only_root_relative_links_are_site_paths(url: str, site_path: bool) -> None:
    assert urls.is_site_path(url) is site_path


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-05-03", dt.date(2019, 5, 3)),
    ("2019-05-03 10:00:00 -0500", dt.date(2019, 5, 3)),
    (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
    (dt.datetime(2020, 1, 2, 3, 4), dt.date(2020, 1, 2)),
    ("2019-02-30", None), ("someday", None), (None, None),
])
def test_jekyll_dates(value, expected) -> None:
    assert urls.page_date(value) == expected


@pytest.mark.parametrize("value", [
    "March 5, 2020", "5 March 2020", "Mar 5 2020", "Thursday, March 5th, 2020", "mar. 5, 2020",
    "5th of March, 2020", "05-Mar-2020", "March 5, 2020 10:00 AM", "March 5, 2020 at 9:30 pm CST",
])
def test_dates_written_in_words_are_read_as_jekyll_reads_them(value) -> None:
    assert urls.page_date(value) == dt.date(2020, 3, 5)


@pytest.mark.parametrize("value", [
    "February 30, 2020", "March 2020", "03/05/2020", "Marching 5, 2020", "March 5, 2020 or so",
    "Spring 2020", "March 32, 2020",
])
def test_a_date_in_words_that_names_no_one_day_is_no_date(value) -> None:
    assert urls.page_date(value) is None


def test_dates_read_as_people_in_austin_write_them() -> None:
    assert urls.show_date(dt.date(2019, 5, 3)) == "May 3, 2019"


def test_an_impossible_jekyll_date_is_a_reported_problem_not_a_crash(tmp_path: Path) -> None:
    from pageorder.frontmatter import read_page
    from pageorder.problems import Kind

    path = tmp_path / "post.md"
    path.write_text("---\ntitle: Old post\ndate: 2019-13-45\n---\nText\n", encoding="utf-8")
    [problem] = [p for p in read_page("post", path).problems if p.kind is Kind.YAML]
    assert problem.line == 3 and "its month is not 1 to 12" in problem.message  # the date's own line
    assert "must be in" not in problem.message and "write it as YYYY-MM-DD" not in problem.message
    assert preprocess(path.read_text(encoding="utf-8"), SITE).text.endswith("Text\n")


def test_hrefs_in_raw_html_are_rewritten_and_the_lost_ones_listed() -> None:
    html = """<a href="/about/">a</a> <a class=x href='/gone/#x'>b</a> <a href="//cdn/x">c</a>
<a href="https://x.org/">d</a> <img src="/assets/x.png"> <A HREF="/about/">e</A>"""
    new, missing = urls.rewrite_hrefs(html, lambda url: "about.html" if url == "/about/" else None)
    assert new == html.replace('href="/about/"', 'href="about.html"').replace('HREF="/about/"', 'HREF="about.html"')
    assert missing == ["/gone/#x"]


@pytest.mark.parametrize(("body", "expected"), [
    ("\n# Smart buses\n\nText", "\n\n\nText"),  # the layout printed it already
    ("\n#  smart  BUSES ##\nText", "\n\nText"),
    ("\n# Smart buses today\nText", "\n# Smart buses today\nText"),  # a different heading stays
    ("\nText\n# Smart buses\n", "\nText\n# Smart buses\n"),  # only a leading one
    ("\n## Smart buses\n", "\n\n"),  # a layout that printed no title: pulibrary.github.io's posts
    ("\n## Smart buses today\n", "\n## Smart buses today\n"),
])
def test_a_leading_heading_that_repeats_the_title_is_dropped(body: str, expected: str) -> None:
    text = "---\ntitle: Smart buses\n---\n" + body
    assert preprocess(text, SITE).text == "---\ntitle: Smart buses\n---\n" + expected


def test_markdown_inside_kramdown_html_blocks_is_read_as_markdown() -> None:
    text = '<div class="note" markdown="1">\n**Bold** text\n<section markdown="block">\n- a\n</section>\n</div>\n'
    assert kramdown.clean(text) == "\n**Bold** text\n\n- a\n\n\n"
    plain = "<div class=\"note\">\n**raw**\n</div>\n"  # without markdown="1" it stays HTML
    assert kramdown.clean(plain) == plain


def test_a_one_line_markdown_element_is_read_as_markdown_each_a_paragraph_with_its_lines() -> None:
    """A physics site's solutions, `<p markdown="1">**a)** ...</p>` one per line (a sheet's
    `<p class="sheet-title" markdown="1">**Name:** x</p>` too): CommonMark showed the `**`
    as written; kramdown read each as a paragraph of Markdown. Each is one here, and a
    problem below is still said at its own line."""
    page = ("---\ntitle: Kelvin\n---\nConvert to Kelvin.\n<p markdown=\"1\">**a)** 300 K</p>\n"
            "<p markdown=\"1\">**b)** 200 K</p>\n\n<div class=\"sheet\" markdown=\"1\">\n"
            "<p class=\"sheet-title\" markdown=\"1\">**Name:** Bikes</p>\n</div>\n"
            "```html\n<p markdown=\"1\">**code**</p>\n```\n<p markdown=\"0\">**raw**</p>\n"
            "<div markdown=\"1\"><div>nested</div></div>\nlast\n")
    prepared = preprocess(page, {})
    body = prepared.text.split("---\n", 2)[2]
    assert body.split("\n")[:9] == ["Convert to Kelvin.", "", "**a)** 300 K", "", "**b)** 200 K", "",
                                     "", "**Name:** Bikes", ""]
    assert '```html\n<p markdown="1">**code**</p>\n```' in body
    assert '<p markdown="0">**raw**</p>' in body and '<div markdown="1"><div>nested</div></div>' in body
    written = body.split("\n").index("last") + 4  # the front matter's lines
    assert prepared.lines(written) == 16


def test_addresses_with_spaces_are_bracketed_outside_code_line_for_line():
    from jekyll_compat.spaced_urls import fix
    text = ("![A photo](images/my photo.png) [mail](mailto: a@b.gov) [p](my page.md \"T\")\n"
            "[ok](a.md \"Title here\") `[x](a b)` [y](<c d>)\n```\n[z](e f)\n```")
    assert fix(text).split("\n") == [
        "![A photo](<images/my photo.png>) [mail](mailto:a@b.gov) [p](<my page.md> \"T\")",
        "[ok](a.md \"Title here\") `[x](a b)` [y](<c d>)", "```", "[z](e f)", "```"]


def test_an_address_with_spaces_and_parentheses_is_one_address_as_kramdown_reads_it():
    """The City's pages: ``![…](/uploads/ARR Final Personas(1).jpg)`` showed as raw text."""
    from jekyll_compat.spaced_urls import fix
    text = ("![A figure.](/uploads/ARR Final Personas(1).jpg) [b](a(1)b.md)\n"
            "[c](x (y) z \"A (title)\") [d](e f 'T') [g](h(i j)")
    assert fix(text).split("\n") == [
        "![A figure.](</uploads/ARR Final Personas(1).jpg>) [b](a(1)b.md)",
        "[c](<x (y) z> \"A (title)\") [d](<e f> 'T') [g](h(i j)"]


def test_a_web_address_that_goes_on_after_a_space_keeps_its_words_as_text():
    """hack-the-traffic: ``[I/O redirection](https://…/Redirection_(computing); either input
    redirection)`` (a ``)`` missing): kramdown's reading hid the words in the address."""
    from jekyll_compat.spaced_urls import Split, fix
    split: list[Split] = []
    text = ("Use [I/O redirection](https://en.wikipedia.org/wiki/Redirection_(computing); either input redirection):\n"
            "[a](my page.md) [b](https://a.gov \"A title\")")
    assert fix(text, split).split("\n") == [
        "Use [I/O redirection](<https://en.wikipedia.org/wiki/Redirection_(computing)>); either input redirection:",
        "[a](<my page.md>) [b](https://a.gov \"A title\")"]
    assert split == [Split(1, "https://en.wikipedia.org/wiki/Redirection_(computing)", "either input redirection")]


def test_a_title_with_an_escaped_quote_keeps_its_picture() -> None:
    """``![two](pic.png "a \\" b")`` is CommonMark's picture with the title ``a " b``: the
    escaped quote was taken for the title's start, the whole of it bracketed as the address,
    and the picture refused as "no picture" ('pic.png%20%22a%20...') in every edition."""
    from jekyll_compat.spaced_urls import fix
    text = '![two](pic.png "a \\" b") [p](my page.md "T \\" u") [q](x y \\"z\\")'
    assert fix(text) == '![two](pic.png "a \\" b") [p](<my page.md> "T \\" u") [q](<x y \\"z\\">)'


def test_a_long_hostile_line_of_spaces_in_a_link_is_read_without_hanging() -> None:
    """A pattern that could split an address at any space took 11 s for 64 KB (quadratic):
    a megabyte would have held the build for most of an hour. Run apart, with a limit."""
    assert ends_apart("from jekyll_compat.spaced_urls import fix; "
                      "[fix(s) for s in ('[a](' + ' x' * 500_000, '[a](a' + ' ' * 1_000_000 + 'b)', "
                      "'[a](a' + ' ' * 1_000_000 + '\"t)')]")


# collections ------------------------------------------------------------------------------


def test_collection_permalinks_give_each_document_its_old_url() -> None:
    from jekyll_compat import collections

    config = {"collections": {"projects": {"output": True, "permalink": "/projects/:path/"},
                              "updates": {"permalink": "/news/:name:output_ext"},
                              "people": {"output": True}, "bad": "x"}}
    found = collections.collection_urls(config, ["projects/a/b", "projects", "updates/y/first", "people/x",
                                                 "_updates/z", "other/p"])
    assert found == {"projects/a/b": "/projects/a/b/", "updates/y/first": "/news/first.html",
                     "_updates/z": "/news/z.html"}
    assert collections.collection_urls({"collections": ["a", "b"]}, ["a/x"]) == {}


def test_a_runaway_loop_stops_and_is_kept_as_text() -> None:
    text = "{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}\nafter"
    result = render(text)
    assert result.text.endswith("after") and result.dropped and result.dropped[0].line == 1


def test_folders_of_pages_are_said_to_be_left_out_but_not_jekylls_own(tmp_path: Path) -> None:
    from jekyll_compat import leftout as collections

    for name in ("_posts/a.md", "_posts/deep/b.markdown", "_projects/c.md", "_notes/d.md",
                 "_drafts/e.md", "_includes/f.md", "_layouts/g.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    config = {"collections": {"projects": {"output": True}, "notes": {"output": False}}}
    found = collections.left_out(tmp_path, config)
    assert [(f.folder, f.first.relative_to(tmp_path).as_posix(), f.pages, f.published) for f in found] == [
        ("_notes", "_notes/d.md", 1, False), ("_posts", "_posts/a.md", 2, True),
        ("_projects", "_projects/c.md", 1, True)]
    assert collections.left_out(tmp_path / "_layouts", config) == []


def test_folders_of_pages_below_the_top_are_said_to_be_left_out(tmp_path: Path) -> None:
    """cityofaustin/developer-guides kept pages in ``_resources/_aws/``, inside a published
    collection: Jekyll never published them, the build never reads them; both are said."""
    from jekyll_compat import leftout

    page = "---\ntitle: x\n---\n"
    for name, text in (("_resources/aws.md", page), ("_resources/_aws/onboarding.md", page),
                       ("_resources/_aws/deep/glossary.md", page),
                       ("projects/_old/a.md", page), ("projects/_old/README.md", "No front matter.\n"),
                       ("projects/_static/b.md", "No front matter.\n"),
                       ("projects/_includes/c.md", page), ("projects/.hidden/_x/d.md", page),
                       ("vendor/_gems/e.md", page), ("_notes/_deeper/f.md", page),
                       ("stuff/_many/g.md", page), ("my/_things/h.md", page)):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    outside = tmp_path.parent / (tmp_path.name + "-outside")
    (outside / "_linked").mkdir(parents=True, exist_ok=True)
    (outside / "_linked" / "i.md").write_text(page, encoding="utf-8")
    (tmp_path / "projects" / "_linked").symlink_to(outside / "_linked")
    found = leftout.nested_left_out(tmp_path, {"_resources", "my/_things"},
                                    lambda relative: relative.startswith("vendor"))
    assert [(f.folder, f.first.relative_to(tmp_path).as_posix(), f.pages) for f in found] == [
        ("_resources/_aws", "_resources/_aws/deep/glossary.md", 2),
        ("projects/_old", "projects/_old/a.md", 1),
        ("stuff/_many", "stuff/_many/g.md", 1)]


def test_jekyll_pages_written_in_html_are_found_and_static_files_are_not(tmp_path: Path) -> None:
    from jekyll_compat import leftout

    files = {"contact.html": "---\ntitle: C\n---\n<p>x</p>", "deep/a.html": "\ufeff---\r\n---\r\n<p>y</p>",
             "404.html": "---\n---\nNot found", "static.html": "<p>as it is</p>",
             "_layouts/default.html": "---\n---\n{{ content }}", ".git/x.html": "---\n---\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in leftout.html_pages(tmp_path)] == [
        "contact.html", "deep/a.html"]


@pytest.mark.parametrize(("url", "path"), [
    ("http://projects.example.gov/projects/a/b/", "/projects/a/b/"),
    ("https://www.projects.example.gov/a#top", "/a#top"),
    ("HTTPS://Projects.Example.gov", "/"),
    ("https://projects.example.gov.evil.org/a/", None),
    ("https://example.gov/a/", None),
    ("javascript://projects.example.gov/%0aalert(1)", None),
    ("mailto:team@projects.example.gov", None),
])
def test_a_full_address_on_the_old_site_is_a_site_path(url: str, path: str | None) -> None:
    assert urls.on_site(url, "http://projects.example.gov") == path


def test_a_collection_address_finds_its_page_copied_to_the_top() -> None:
    table = {"floods/about/team": "floods/about/team", "projects/floods": "floods"}
    assert urls.resolve("/projects/floods/about/team/#lead", table) == ("floods/about/team", "lead")
    assert urls.resolve("/projects/nowhere/", table) is None
    taken = {**table, "projects/x": "projects/x"}  # a page really lives under projects/
    assert urls.resolve("/projects/floods/about/team/", taken) is None


def test_markdown_without_front_matter_is_found_outside_what_the_build_leaves_out(tmp_path: Path) -> None:
    from jekyll_compat import leftout

    files = {"a.md": "---\ntitle: A\n---\n", "README.md": "# Read me\n", "notes/snippet.md": "words\n",
             "notes/empty.markdown": "", "_drafts/d.md": "draft\n", "bom.md": "\ufeff---\ntitle: B\n---\n"}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert leftout.static_markdown(tmp_path, lambda relative: relative == "README.md") == [
        "notes/empty.markdown", "notes/snippet.md"]


def test_without_a_jekyll_config_a_page_without_front_matter_is_still_a_page(tmp_path: Path) -> None:
    from conftest import sphinx_build, write_pages

    source = write_pages(tmp_path / "pages", {"index.md": "---\ntitle: Home\n---\n\nHi.\n",
                                              "plain.md": "# Plain page\n\nStaff dropped it in.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and (tmp_path / "html" / "plain.html").is_file(), build.output
    assert "jekyll.no-front-matter" not in build.output


SURVEY = {  # open-austin/open-austin.github.io: _includes/2016_candidate_survey/district_body.html, cut
    "2016_candidate_survey/district_body.html": (
        '<div class="candidate-headers">\n'
        '  {% for candidate in site.data.2016_candidates %}\n'
        '    {% if candidate.district == district %}\n'
        '      <div class="candidate-info-box">\n'
        '        <h4 class="strong">{{ candidate.name }}</h4>\n'
        '        <small>{{ candidate.status }}</small>\n'
        '      </div>\n'
        '    {% endif %}\n'
        '  {% endfor %}\n'
        '</div>\n'),
    "code.html": "<pre>\n{{ include.a }}\n\n{{ include.b }}\n</pre>\n",
    "notes.md": "{% if include.a %}\nFirst paragraph.\n{% endif %}\n\nSecond paragraph.\n",
}


def test_an_included_html_file_stays_one_html_block() -> None:
    """Blank lines left by Liquid tags would end the HTML block in CommonMark and show the
    indented rest as code; kramdown read the element to its end tag."""
    site = {"data": {"2016_candidates": [
        {"name": "Casey Ramos", "district": 2, "status": "No Response"},
        {"name": "Greg Casar", "district": 4, "status": None},
        {"name": "Wesley Faulkner", "district": 2, "status": "Responded"}]}}
    page = "{% assign district = 2 %}\n{% include 2016_candidate_survey/district_body.html %}\n\nAfter."
    text = liquid_engine.render(page, {}, site, includes=SURVEY).text
    block = text[text.index("<div"):text.index("After.")].rstrip("\n")
    assert "\n\n" not in block and "Casey Ramos" in block and "Wesley Faulkner" in block
    assert "Greg Casar" not in block and text.endswith("\n\nAfter.")


@pytest.mark.parametrize(("call", "kept"), [
    ('{% include code.html a="x = 1" b="y = 2" %}', "x = 1\n\ny = 2"),  # blank lines in <pre> are code
    ("{% include notes.md a=true %}", "First paragraph.\n\n\nSecond paragraph."),  # Markdown paragraphs
])
def test_blank_lines_that_mean_something_are_kept(call: str, kept: str) -> None:
    assert kept in liquid_engine.render(call, {}, {}, includes=SURVEY).text


_TAG_PATTERN = re.compile(r"\{%-?\s*(\w*)(.*?)-?%\}|\{\{-?(.*?)-?\}\}", re.S)
"""The pattern liquid_engine.tag_spans replaced (quadratic on openers that never close)."""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["{", "}", "%", "{%", "%}", "{{", "}}", "-", " ", "if ", "endif",
                                 "a", "\n", "\n\n", "{% raw %}", "`"]), max_size=40))
def test_liquid_tags_are_found_as_the_pattern_finds_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    pattern = [(m.start(), m.end(), (m.group(1) or "") if m.group(0).startswith("{%") else "")
               for m in _TAG_PATTERN.finditer(text)]
    assert liquid_engine.tag_spans(text) == pattern


def test_pages_of_broken_liquid_are_read_without_hanging() -> None:
    """Liquid openers with no closer were each searched to the end of the page (10 s for
    24 KB of ``{% ``), and every tag the engine cannot run made it parse the whole page
    again, 64 times. Run apart, with a limit: the old code took most of an hour here."""
    assert ends_apart("from jekyll_compat.liquid_engine import render; "
                      "pages = ['{% ' * 100_000, '{{ ' * 100_000, '{% a %}\\n' * 100_000, "
                      "'`a` ' * 50_000 + '{{ x }}', '{% if a %}\\n' * 100_000]; "
                      "results = [render(page, {}, {}) for page in pages]; "
                      "sys.exit(0 if all(r.dropped for r in results[:3] + results[4:]) else 3)")


def test_a_page_of_huge_ranges_is_read_without_hanging() -> None:
    """A hostile tester's 3.9 KB page of ``{{ (1..10000000) | join: "," | size }}`` ran for
    192 s: a range is no loop, so no loop limit held, and each join made ten million
    strings. Run apart, with a limit; each is kept as text and listed."""
    assert ends_apart("from jekyll_compat.liquid_engine import render; "
                      "r = render('{{ (1..10000000) | join: \\\",\\\" | size }}\\n' * 100, {}, {}); "
                      "sys.exit(0 if r.dropped and '10000000' in r.text else 3)", limit=60)


@pytest.mark.parametrize(("text", "named"), [
    ("{: .note }\nA paragraph\n", [(1, 2, "note", False)]),  # before its block
    ("Solo is a tool, found at:\n{: .note }\n> quoted\n", [(2, 1, "note", False)]),  # after wins
    ("{: .note-title }\n> My note title\n>\n> Text\n", [(1, 2, "note", True)]),
    ("{: .important }\n> {: .warning }\n> A paragraph\n",
     [(1, 2, "important", False), (2, 3, "warning", False)]),
    ("> {: .highlight }\n  A paragraph\n", [(1, 2, "highlight", False)]),  # taken in lazily
    ("Text\n\n{: .note }\n\nText\n", []),  # blank lines on both sides: names nothing
    ("# Title\n{: .note }\n", []),  # a heading's class
    ("{: .opaque }\nText\n", []),  # no callout of _config.yml
    ("```\n{: .note }\nA paragraph\n```\n", []),  # code
])
def test_callout_ials_name_the_block_kramdown_gives_them(text, named):
    from jekyll_compat import callouts

    known = callouts.kinds({"callouts": {"note": {"title": "Note"}, "highlight": {"color": "yellow"},
                                         "important": {"title": "Important"}, "warning": {"title": "Warning"}}})
    found = callouts.find(text.split("\n"), known)
    assert [(c.line, c.target, c.kind.name, c.titled) for c in found] == named


def test_callouts_without_config_are_the_kinds_every_edition_labels():
    from jekyll_compat import callouts

    assert callouts.kinds({})["warning"] == callouts.Kind("warning", "Warning")
    assert "highlight" not in callouts.kinds({})
    assert callouts.kinds({"callouts": {"highlight": {"color": "yellow"}}}) == {
        "highlight": callouts.Kind("highlight", None),
        **{name: callouts.Kind(name, label) for name, label in callouts.BOXES.items()}}
    assert callouts.kinds({"callouts": {"box-note": {"title": "Tip"}}})["box-note"].label == "Tip"


def test_beautiful_jekylls_boxes_are_callouts_with_the_label_their_colour_meant():
    from jekyll_compat import callouts

    found = callouts.find("A paragraph.\n{: .box-warning}\n\n{: .box-note}\nAnother.\n".split("\n"),
                          callouts.kinds({}))
    assert [(c.line, c.target, c.kind.label) for c in found] == [(2, 1, "Warning"), (4, 5, "Note")]


_HEADING_ID_PATTERN = re.compile(r"^( {0,3}#{1,6}[ \t].*?)[ \t]*\{#([\w:.-]+)\}[ \t]*$")
_COMMENT_PATTERN = re.compile(r"\{::comment\}.*?(?:\{:/comment\}|\{:/\})", re.S)


@settings(max_examples=300, deadline=None)
@given(heading=st.lists(st.sampled_from(["#", "##", " ", "\t", "{#", "a", "}", "-", "{#a}", " {#b} "]),
                        max_size=12),
       page=st.lists(st.sampled_from(["{::comment}", "{:/comment}", "{:/}", "a", "\n", "{:/"]),
                     max_size=12))
def test_heading_ids_and_comments_are_read_as_the_old_patterns_read_them(heading, page) -> None:
    """The patterns were quadratic (a heading of spaces, a page of openers); the scanners
    that replaced them must find the same things."""
    line = "".join(heading)
    match = _HEADING_ID_PATTERN.match(line)
    assert kramdown.heading_id(line) == (match.group(1, 2) if match else None)
    text = "".join(page)
    rest = _COMMENT_PATTERN.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    assert kramdown.unclosed_comments(text) == [
        rest.count("\n", 0, m.start()) + 1 for m in re.finditer(r"\{::comment\}", rest)]
    assert kramdown.clean(text) == kramdown.clean(rest.replace("{::comment}", ""))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["`", "``", "```", "a", " ", "b`"]), max_size=14))
def test_inline_code_is_found_where_commonmark_finds_it(pieces: list[str]) -> None:
    from markdown_it import MarkdownIt

    from pagesource.fences import code_spans

    line = "".join(pieces)
    inline = MarkdownIt("commonmark").parseInline(line)[0].children or []
    spans = code_spans(line)
    assert len(spans) == sum(1 for token in inline if token.type == "code_inline")
    assert all(line[a] == "`" and line[b - 1] == "`" for a, b in spans)


def test_kramdown_leftovers_on_long_hostile_lines_are_read_without_hanging() -> None:
    """A heading of spaces, a page of unclosed ``{::comment}`` and a line of backticks were
    each read by a pattern in quadratic time (1.9 s, 0.8 s, 1.6 s at 32 KB; hours at a few
    megabytes). Run apart, with a limit."""
    assert ends_apart("from jekyll_compat.preprocess import preprocess; "
                      "pages = ['# ' + ' ' * 2_000_000 + 'x', '# ' + ' ' * 2_000_000 + '<a id=x></a>x', '{::comment}' * 200_000, "
                      "'- ' + '`' * 2_000_000, '> ' + '``a' * 500_000, '{::comment}{:/}' * 100_000 + '{::comment}', "
                      "'<p markdown=1>' + '</p ' * 500_000, '<p markdown=1>' + '<p>' * 500_000 + '</p>']; "
                      "[preprocess('---\\ntitle: x\\n---\\n' + page, {}) for page in pages]")


def test_openers_that_can_never_close_are_kept_as_text_before_the_engine_reads_them() -> None:
    result = liquid_engine.render("{{ x\nok {{ y }} and {% if %}\n{{ z\n{% doc %} notes", {},
                                  {"y": 1})
    assert result.text.split("\n")[2:] == ["{{ z", "{% doc %} notes"]
    assert [(d.line, d.tag) for d in result.dropped][-2:] == [(3, "{{ z"), (4, "{% doc %} notes")]
    documented = liquid_engine.render("a {% doc %} b {% enddoc %} c", {}, {})
    assert documented.text == "a {% doc %} b {% enddoc %} c"  # Jekyll's Liquid had no doc tag
    assert [d.tag for d in documented.dropped] == ["{% doc %}", "{% enddoc %}"]


def test_openers_the_engine_would_search_to_the_end_do_not_hold_the_build() -> None:
    """python-liquid's lexer searched for the end of every unclosed ``{{``/``{%``/``{% doc %}``
    to the end of the page (72 s for 40 KB of ``{``). Run apart, with a limit."""
    assert ends_apart("from jekyll_compat.liquid_engine import render; "
                      "pages = ['{' * 400_000, '{% doc %}' * 100_000, 'a }} ' + '{{' * 200_000, "
                      "'%} {%' * 100_000]; "
                      "sys.exit(0 if all(render(page, {}, {}).dropped for page in pages) else 3)")


# Layouts that made their pages -------------------------------------------------------------


def site_with_layout(tmp_path: Path, layout: str, name: str = "page.html") -> Path:
    (tmp_path / "_layouts").mkdir()
    (tmp_path / "_layouts" / name).write_text(layout, encoding="utf-8")
    return tmp_path


def test_a_layouts_visible_words_are_its_own_text_only():
    layout = ("---\nlayout: default\ntitle: Not shown\n---\n<h3>Parking {{ page.title }}</h3>\n"
              "{% comment %}Old note{% endcomment %}<p>Pay at the&nbsp;kiosk &amp; keep"
              " the <em>receipt</em>.</p>\n<!-- hidden --><script>var x = 'code';</script>"
              "<style>p { color: red }</style><svg><title>icon</title></svg>{% include f.html %}"
              "{{ content }}\n<noscript>Turn on scripts</noscript> — done.")
    assert layouts.visible_words(layout) == ["Parking", "Pay", "at", "the", "kiosk", "keep", "the",
                                             "receipt", "done."]


def test_a_page_with_text_or_no_layout_file_is_its_own(tmp_path: Path):
    site = site_with_layout(tmp_path, "<p>Layout words</p>")
    assert layouts.unmade_page(site, "page", "Some text of its own.\n") is None
    assert layouts.unmade_page(site, "missing", "Its own text.\n") is None
    # no file of the layout: the page is published with its title only, which is said
    assert layouts.unmade_page(site, "missing", "") == layouts.UnmadePage("missing", [], missing=True)
    assert layouts.unmade_page(site, "redirect", "") is None
    assert layouts.unmade_page(site, ["page"], "") is None
    for hostile in ("../../etc/passwd", "/etc/passwd", "page/../page", ""):
        assert layouts.unmade_page(site, hostile, "") is None
    found = layouts.unmade_page(site, "page", "\n  \n")
    assert found == layouts.UnmadePage("_layouts/page.html", ["Layout", "words"])
    assert "2 words" in found.message() and '"Layout words"' in found.message()


def test_a_layout_that_is_a_link_is_not_read(tmp_path: Path):
    secret = tmp_path / "secret.html"
    secret.write_text("<p>The build machine's secret</p>", encoding="utf-8")
    site = tmp_path / "site"
    (site / "_layouts").mkdir(parents=True)
    (site / "_layouts" / "page.html").symlink_to(secret)
    assert layouts.unmade_page(site, "page", "") is None
    linked = tmp_path / "linked-site"
    linked.mkdir()
    (linked / "_layouts").symlink_to(tmp_path)  # a whole folder of the build machine
    assert layouts.unmade_page(linked, "secret", "") is None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_layout_text_gives_words_and_never_fails(text: str):
    words = layouts.visible_words(text)
    assert all(word and not word.isspace() for word in words)


# Front-matter data: what the title or the contents already show -------------------------


def test_a_value_the_title_already_says_is_not_lost():
    from jekyll_compat import frontdata

    data = {"title": "Signal Re-Timing - City of Austin Transportation Department",
            "short-name": "Signal  re-timing", "nav_title": "Signal Re-Timing - City",
            "title_short": "Austin Transportation Department", "sponsor": "Acme Sensors",
            "tagline": "Re-Timing"}
    lines = {key: number for number, key in enumerate(data, start=2)}
    _, unshown = frontdata.classify(data, lines, "")
    assert [u.key for u in unshown] == ["sponsor"]  # every other one's words are in the title


def test_a_newsrooms_headlines_are_a_list_of_links():
    """Berkeley Councilmember Robinson's newsroom.md is 35 ``articles:`` with ``headline``,
    ``url``, ``publication`` and ``date``, which its layout listed; none reached an edition
    (reported as data no edition shows)."""
    from jekyll_compat import frontdata

    data = {"title": "Newsroom", "articles": [
        {"publication": "KRON 4", "headline": "Rally held in Berkeley", "url": "https://kron4.example/r",
         "date": "July 13, 2019"}]}
    shown, unshown = frontdata.classify(data, {"articles": 6}, "")
    assert unshown == [] and [(s.heading, s.items) for s in shown] == [("Articles", (
        frontdata.LinkItem("Rally held in Berkeley", "https://kron4.example/r", ("KRON 4", "July 13, 2019")),))]


def test_groups_of_links_are_lists_of_links_under_their_group_names():
    """developers.italia.it's platform pages are mostly ``resources:``, groups of links
    (``- Documentazione: [{title, url, icon, desc}, ...]``) its layout listed by group: none
    reached an edition (reported as data no edition shows). An icon's name is no word."""
    from jekyll_compat import frontdata

    data = {"title": "SPID", "resources": [
        {"Documentazione": [{"title": "Regole tecniche", "url": "https://docs.example/r", "icon": "file",
                             "desc": "Le regole tecniche di SPID"}]},
        {"Tool": [{"title": "SAML Tracer", "url": "https://addons.example/t", "icon": None}]}]}
    shown, unshown = frontdata.classify(data, {"resources": 6}, "")
    assert unshown == [] and [(s.key, s.heading, s.items) for s in shown] == [
        ("resources", "Documentazione", (frontdata.LinkItem("Regole tecniche", "https://docs.example/r",
                                                            ("Le regole tecniche di SPID",)),)),
        ("resources", "Tool", (frontdata.LinkItem("SAML Tracer", "https://addons.example/t", ()),))]


def test_scripts_and_styles_a_layout_loaded_are_no_words():
    from jekyll_compat import frontdata

    data = {"title": "About", "custom_js": ["about.bundle"], "custom_css": ["about"],
            "extra-javascripts": ["a"], "stylesheets": ["b"], "javascript_note": "Read me"}
    _, unshown = frontdata.classify(data, {}, "")
    assert [u.key for u in unshown] == ["javascript_note"]


def test_a_themes_switches_are_no_words():
    """Minimal Mistakes' and jekyll-seo-tag's keys (in the 11 real sites' reports:
    ``author_profile: true``, ``toc_icon: cog``, ``canonical_url``) switch a layout's parts on
    and off: no reader saw them. A text a layout printed is still said, and so is a switch
    a layout turned into words (``active: true``: the City's "Active project" badge)."""
    from jekyll_compat import frontdata

    data = {"title": "Posts", "author_profile": True, "share": True, "toc_icon": "cog",
            "toc_sticky": True, "canonical_url": "https://example.org/p/", "classes": "wide",
            "tagline": "What we built in 2019", "active": True}
    _, unshown = frontdata.classify(data, {}, "")
    assert [u.key for u in unshown] == ["tagline", "active"]


def test_a_documentation_themes_switches_and_order_are_no_lost_words():
    """documentation-theme-jekyll's ``sidebar:``, ``folder:``, ``search:``, ``tagName:`` and
    ``keywords:``, opensource.guide's ``class:``, a ``direction:`` the page's language has and
    an ``order:`` the layout sorted by: about 30 warnings a site asked the writer to put
    them into the page's text. ``summary:`` (printed under the title) is still said."""
    from jekyll_compat import frontdata

    data = {"title": "Alerts", "sidebar": "mydoc_sidebar", "folder": "mydoc", "search": "exclude",
            "tagName": "formatting", "keywords": "notes, tips", "class": "coc", "lang": "fa",
            "direction": "rtl", "order": 3, "summary": "Alerts are boxes.", "weight": "heavy"}
    _, unshown = frontdata.classify(data, {}, "")
    assert [u.key for u in unshown] == ["summary", "weight"]


def test_a_menu_groups_name_is_no_word_but_a_sidebars_text_is():
    """uswds-jekyll's ``sidenav: guidelines`` (plainlanguage.gov, on every page) names the
    group of ``_data/navigation.yml`` its layout drew as the side menu, which the outline
    already follows: no word was lost. A ``sidebar:`` of Markdown text (plainlanguage.gov's
    officers, printed by its ``sidebar`` layout) is words, so it is still said."""
    from jekyll_compat import frontdata

    data = {"title": "About", "sidenav": "guidelines", "sidebar": "## Our officers\n\nKatherine Spivey"}
    _, unshown = frontdata.classify(data, {"sidebar": 4}, "")
    assert [(u.key, u.line) for u in unshown] == [("sidebar", 4)]
    for switch in (False, "mydoc_sidebar", {"nav": "docs"}):
        assert frontdata.classify({"sidebar": switch}, {}, "")[1] == []


def test_a_subtitle_is_shown_only_when_it_is_words():
    """``subtitle:`` is shown under the title (jekyll_compat); a list or a switch there is
    not words a reader can be shown, so it is still said."""
    from jekyll_compat import frontdata

    assert frontdata.subtitle({"subtitle": "  Who   we are "}) == "Who we are"
    for odd in (True, ["a", "b"], {"a": 1}, None):
        assert frontdata.subtitle({"subtitle": odd}) == ""
        _, unshown = frontdata.classify({"subtitle": odd}, {"subtitle": 3}, "")
        assert [(u.key, u.line) for u in unshown] == ([] if odd is None else [("subtitle", 3)])


def test_switches_of_jekylls_common_plugins_and_themes_are_no_lost_words():
    """calef/kingcounty.solutions' home page sets jekyll-paginate-v2's `pagination:` and
    Beautiful Jekyll's posts `mathjax: true`: settings, not words a layout showed (the
    posts are listed and the maths shown), yet each was reported as lost data."""
    from jekyll_compat import frontdata

    data = {"title": "News", "permalink": "/", "mathjax": True, "sponsor": "Acme",
            "pagination": {"enabled": True, "collection": "posts", "per_page": 20}}
    _, unshown = frontdata.classify(data, {}, "{{ site.description }}\n")
    assert [u.key for u in unshown] == ["sponsor"]


def test_the_collection_a_landing_lists_is_shown_by_its_contents():
    from jekyll_compat import frontdata

    data = {"title": "Tools we use", "collection": "resources"}
    assert frontdata.classify(data, {}, "", landing_of="resources")[1] == []
    assert [u.key for u in frontdata.classify(data, {}, "", landing_of="")[1]] == ["collection"]
    assert [u.key for u in frontdata.classify(data, {}, "", landing_of="guides")[1]] == ["collection"]


def test_a_hostile_layout_never_holds_the_build() -> None:
    """A megabyte of an unclosed opening repeated took html.parser and a lazy regular
    expression hours (``<a b='`` 200 KB: 109 s); each is one pass now."""
    assert ends_apart(
        "from jekyll_compat import layouts\n"
        "for piece in ['<a', \"<a b='\", '</', '<!--', '<?', '{{', '{%', '{% comment %}',"
        " '<script>', '<svg>', '&#', '<']:\n"
        "    layouts.visible_words(piece * (1_000_000 // len(piece)))\n", limit=60)


def test_a_folder_deeper_than_the_system_allows_stops_no_build(tmp_path, monkeypatch):
    """A folder chain past PATH_MAX (4096 bytes) made `is_symlink()` raise "File name too
    long" in `builder-inited`: a traceback before any page was read."""
    import os

    from jekyll_compat import leftout

    monkeypatch.chdir(tmp_path)
    for _ in range(22):  # made one level at a time: the whole path is too long to name
        os.mkdir("f" * 200)
        os.chdir("f" * 200)
    assert len(os.fsencode(os.getcwd())) > 4096
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("no front matter\n", encoding="utf-8")
    assert leftout.static_markdown(tmp_path) == ["a.md"]


def test_the_line_map_takes_each_written_line_back_to_the_files():
    """An include at line 3 wrote three lines: the lines it wrote stand for line 3, the lines
    after it for their own; before any expansion a line is its own."""
    from jekyll_compat.linemap import LineMap, from_marks

    moved = from_marks([(1, 1), (2, 2), (3, 3), (6, 4), (7, 5), (8, 6), (12, 7)])
    assert [moved(line) for line in range(1, 14)] == [1, 2, 3, 3, 3, 4, 5, 6, 6, 6, 6, 7, 8]
    assert not from_marks([(1, 1), (2, 2)]) and moved.moved(4)(10) == 8  # 6 -> 4, 4 lines down
    assert LineMap()(42) == 42


def test_messages_after_liquid_that_wrote_more_lines_name_the_files_lines():
    """The include writes five lines where it had one, the loop three where it had three:
    what follows is still found at the line of the file it is on."""
    text = ("---\ntitle: T\n---\nIntro.\n\n{% include box.html %}\n\nAfter.\n\n"
            "{% for i in (1..3) %}\nItem {{ i }}\n{% endfor %}\n\n{::comment}\nhidden\n")
    prepared = preprocess(text, {}, includes={"box.html": "<div>\n<p>a</p>\n<p>b</p>\n<p>c</p>\n</div>\n"})
    written = prepared.text.split("\n")
    assert written.index("After.") + 1 > 8  # the include pushed it down...
    assert prepared.lines(written.index("After.") + 1) == 8  # ...and the map takes it back
    assert prepared.lines(written.index("<p>b</p>") + 1) == 6  # the include's own line
    [note] = prepared.notes
    assert (note.kind, note.line) == ("comment", 14)
    assert text.split("\n")[note.line - 1] == "{::comment}"


OLD_TABLE_DELIMITER = r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t|:-x", max_size=30))
def test_a_tables_separator_line_is_found_as_before(line):
    """The separator pattern of kramdown and of the Liquid pass was ambiguous about the
    spaces around its optional pipes: a line of spaces after a table row took time as the
    square of its length (100 KB: minutes, 1 MB: hours). The same lines match now."""
    import re

    from jekyll_compat import kramdown, liquid_engine

    expected = re.match(OLD_TABLE_DELIMITER, line) is not None
    assert (kramdown._TABLE_DELIMITER.match(line) is not None) == expected
    assert (liquid_engine._TABLE_DELIMITER.match(line) is not None) == expected


def test_a_long_line_of_spaces_under_a_table_row_is_read_at_once():
    from jekyll_compat import kramdown, liquid_engine

    for line in (" " * 1_000_000 + "x", "-" + " " * 1_000_000 + "x", "|" + " \t" * 500_000 + "x"):
        assert kramdown._TABLE_DELIMITER.match(line) is None
        assert liquid_engine._TABLE_DELIMITER.search("| a |\n" + line) is None


OLD_IAL = r"^\s*\{:(?!:)\s*([^{}\n]*)\}\s*$"
OLD_MARKDOWN_OPEN = r"""^\s*<(\w+)\b[^<>]*\bmarkdown\s*=\s*["']?(?:1|block|span)["']?[^<>]*>\s*$"""
OLD_HIGHLIGHT = r"\{%-?\s*highlight\b.*?\{%-?\s*endhighlight\s*-?%\}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" {}:.x<>=\"'/-", max_size=30).map(lambda t: t.replace("x", "markdown", 1)),
       st.lists(st.sampled_from(["{% highlight php %}", "{%- endhighlight -%}", "{% endhighlight %}",
                                 "SELECT\n", "a ", "\n"]), max_size=8))
def test_patterns_rewritten_to_read_in_one_pass_find_what_they_found(line, pieces):
    """A callout's IAL, kramdown's ``<div markdown="1">`` and the plain-language check's
    ``{% highlight %}`` blocks each took time as the square of a hostile line's length
    (80 KB of spaces after ``{:``: 77 s). They find the same things as before."""
    import re

    from jekyll_compat import callouts
    from plainlanguage import core

    old = re.match(OLD_IAL, line)
    new = callouts._IAL.match(line)
    assert (old and old.group(1)) == (new and new.group(1))
    old = re.match(OLD_MARKDOWN_OPEN, line, re.I)
    assert kramdown.opens_markdown_block(line) == (old is not None)
    text = "".join(pieces)
    expected = re.sub(OLD_HIGHLIGHT, lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    assert core._blank_highlights(text) == expected


def test_hostile_lines_for_those_patterns_are_read_at_once():
    from jekyll_compat import callouts
    from plainlanguage import core

    assert callouts._IAL.match("{:" + " " * 1_000_000 + "x") is None
    assert not kramdown.opens_markdown_block("<div " + "markdown=1 " * 100_000)
    assert core._blank_highlights("{% highlight x %}" * 100_000).count("highlight") == 100_000


OLD_ATX = r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$"
OLD_TAGS_ALONE = r"^((?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)[ \t]+)*[ \t]{0,3})\{(?=%.*%\}[ \t]*$)"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \t#ab", max_size=14).map(lambda t: "#" + t),
       st.lists(st.sampled_from([" ", "\t", "-", "1.", "2)", ">", "{% x %}", "a", "   "]), max_size=9))
def test_heading_and_liquid_line_patterns_find_what_they_found(heading, pieces):
    """A heading's closing ``#``s were found by trying every place in a run of spaces (a
    heading line of 8,000 spaces: 10 s), and a line of list markers before Liquid read the
    spaces between two markers two ways (22 ``-  ``: 41 s, each more doubling it)."""
    import re

    from jekyll_compat import liquid
    from pageorder import frontmatter
    from pagesource.titles import atx_text

    old = re.match(OLD_ATX, heading)
    for pattern in (frontmatter._ATX_HEADING, kramdown._ATX):
        new = pattern.match(heading)
        assert (old and old.group(1)) == (new and atx_text(new.group(1)))
    line = "".join(pieces)
    old = re.match(OLD_TAGS_ALONE, line)
    new = liquid._TAGS_ALONE.match(line)
    assert (old and old.group(1)) == (new and new.group(1))


def test_hostile_heading_summary_and_marker_lines_are_read_at_once():
    from jekyll_compat import liquid
    from pageorder import frontmatter

    assert frontmatter._ATX_HEADING.match("# a" + " " * 1_000_000 + "x")
    assert kramdown._summary_words("<summary>" * 200_000) is None
    assert kramdown._summary_words("<p><summary id=s>Open <b>me</b></summary>") == "Open <b>me</b>"
    assert liquid._TAGS_ALONE.match("-  " * 100 + "x") is None


def test_a_rows_extra_cells_are_kept_in_its_last_cell():
    """The VA's VistA RPC pages (generated, kramdown): a `Code` cell holds MUMPS with `|` in
    it. kramdown showed every cell; MyST's tables drop the cells past the header's, so all
    the code after the first `|` vanished without a word."""
    from jekyll_compat.tablecells import WideRow, keep_extra_cells

    text = (" Property | Value \n --- | --- \n Method | EN^ORKCHK\n"
            " Code | .S ORKDG=$P(ORKA(1),\"|\",2)<br> .I $E(ORKDG,1,2)=\"PS\" D\n"
            "| edge | cells \\| escaped | \n\nAfter | the | table\n")
    kept, wide = keep_extra_cells(text)
    assert kept.split("\n")[3] == ' Code | .S ORKDG=$P(ORKA(1),"\\|",2)<br> .I $E(ORKDG,1,2)="PS" D'
    assert kept.split("\n")[4:] == text.split("\n")[4:]  # escaped already; after the table
    assert wide == [WideRow(3, 3, 2)]
    assert keep_extra_cells("| a | b |\n|:--|--:|\n| 1 | 2 | 3 | 4 |\n")[0] == \
        "| a | b |\n|:--|--:|\n| 1 | 2 \\| 3 \\| 4 |\n"
    for same in ("a | b\n--- | ---\n1 | 2\n", "a | b | c\n--- | ---\n1 | 2 | 3\n",  # no table
                 "```\na | b\n--- | ---\n1 | 2 | 3\n```\n", "- a | b\n- --|--\n"):
        assert keep_extra_cells(same) == (same, [])


def test_a_delimiter_line_of_other_cells_than_its_header_still_makes_a_table():
    """18F's Before You Ship (kramdown): ``Service | Dependency analysis | Code analysis``
    over ``--- | --- | --- | ---``. kramdown drew the table; Markdown read a paragraph of
    pipes, its dashes set as em dashes, without a word. A bare ``---`` under a line is a
    heading's underline, in kramdown as in Markdown, and code stays as written."""
    from jekyll_compat.tablecells import delimiters_fitted

    text = ("Service | Dependency analysis | Code analysis\n--- | --- | --- | ---\n"
            "Gemnasium | Ruby, Node | N\n\n| a | b |\n|:-:|\n| 1 | 2 |\n\nParking | Fees\n---\n\n"
            "```\nx | y\n--- | --- | ---\n```\n")
    fitted = delimiters_fitted(text).split("\n")
    assert fitted[1] == "| --- | --- | --- |" and fitted[5] == "| :-: | --- |"
    assert fitted[:1] + fitted[2:5] + fitted[6:] == \
        text.split("\n")[:1] + text.split("\n")[2:5] + text.split("\n")[6:]
    same = "a | b\n--- | ---\n1 | 2\n"
    assert delimiters_fitted(same) is same
    assert ends_apart("from jekyll_compat.tablecells import delimiters_fitted\n"
                      "delimiters_fitted('a|b\\n' + '-|' * 100_000)\n"
                      "delimiters_fitted('a|b\\n--|--|--\\n' * 50_000)", limit=60)


def test_a_tables_row_indented_four_spaces_stays_a_row():
    """plainlanguage.gov's ``               |`` under a table's header: kramdown's empty row,
    Markdown's code block showing ``|`` in every edition. Rows past a blank line, code, and
    indented lines under no table stay as written."""
    from jekyll_compat.tablecells import indented_rows_kept

    text = ("Short | Informative\n----- | -----------\n               |\n        a | b\nc | d\n\n"
            "    not | a row\n\n```\nx | y\n--- | ---\n     | code\n```\n")
    kept = indented_rows_kept(text).split("\n")
    assert kept[2:4] == ["|", "a | b"]
    assert kept[:2] + kept[4:] == text.split("\n")[:2] + text.split("\n")[4:]
    same = "a | b\n--- | ---\n1 | 2\n"
    assert indented_rows_kept(same) is same
    assert ends_apart("from jekyll_compat.tablecells import indented_rows_kept\n"
                      "indented_rows_kept('a|b\\n--|--\\n' + '     |\\n' * 100_000)\n"
                      "indented_rows_kept('a|b\\n--|--\\n' * 50_000)", limit=60)


def test_a_table_in_a_fenced_directive_keeps_its_extra_cells_and_code_is_left_alone():
    """MyST's own directive syntax, ```` ```{admonition} ````, holds Markdown: a table's
    cells past its header were dropped there without a word (the line scanners took the
    fence for code). A code fence, inside such a directive or not, stays as written."""
    from jekyll_compat.tablecells import keep_extra_cells

    text = ("```{admonition} Hours\n:class: tip\n\n| Office | Phone |\n|---|---|\n"
            "| Parks | 311 | Sat |\n\n```python\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n```\n```\n"
            "\n````{code-block} text\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n````\n")
    kept, wide = keep_extra_cells(text)
    lines = kept.split("\n")
    assert lines[5] == "| Parks | 311 \\| Sat |"
    assert [row.line for row in wide] == [5]
    assert lines[6:] == text.split("\n")[6:]


def test_a_hostile_table_never_holds_the_build() -> None:
    from jekyll_compat.tablecells import keep_extra_cells

    for text in ("a|b\n---|---\n" + "|" * 200_000, "a|b\n--|--\n" * 50_000,
                 "a|b\n---|---\n" + "\\|" * 100_000, "a|b\n" + "-|" * 100_000):
        keep_extra_cells(text)


def test_nomarkdown_inside_a_line_is_a_role_its_text_untouched():
    from jekyll_compat.kramdown import clean

    assert clean(' tag | {::nomarkdown}EN{:/}') == " tag | {jekyll-nomarkdown}`EN`"
    assert clean('a {::nomarkdown}S Y="`"_Z{:/nomarkdown} b') == 'a {jekyll-nomarkdown}``S Y="`"_Z`` b'
    assert clean("a {::nomarkdown}`x`{:/}") == "a {jekyll-nomarkdown}`` `x` ``"
    assert clean(" {::nomarkdown}<p>A line of its own.</p>{:/} ") == " <p>A line of its own.</p> "
    assert clean("in code `{::nomarkdown}**x**{:/}` stays") == "in code `{::nomarkdown}**x**{:/}` stays"
    assert clean("never {::nomarkdown} closed") == "never  closed"
    assert clean("empty {::nomarkdown}{:/} span") == "empty  span"


def test_hostile_nomarkdown_never_holds_the_build() -> None:
    from jekyll_compat.kramdown import clean

    for text in ("{::nomarkdown}" * 15_000, "{::nomarkdown}x{:/}" * 10_000,
                 "`{::nomarkdown}" * 14_000, "{::nomarkdown}" + "`" * 200_000 + "{:/}"):
        clean(text)


def test_data_tables_are_read_as_jekyll_read_them(tmp_path):
    """Jekyll read ``_data/members.csv`` (and ``.tsv``) as a list of rows named by the header
    row; they were not read, so ``{% for m in site.data.members %}`` printed nothing, without
    a word (the hostile round's leftover)."""
    from jekyll_compat import jekyll_data
    from jekyll_compat.liquid_engine import render

    write_pages(tmp_path, {"_data/members.csv": '\ufeffname,role\nAna Díaz,Director\n"Lee, Sam",Analyst\n',
                           "_data/money/costs.tsv": "item\tcost\nBus\t$2,000\n"})
    data = jekyll_data(tmp_path)
    assert data == {"members": [{"name": "Ana Díaz", "role": "Director"},
                                {"name": "Lee, Sam", "role": "Analyst"}],
                    "money": {"costs": [{"item": "Bus", "cost": "$2,000"}]}}
    shown = render("{% for m in site.data.members %}{{ m.name }}; {% endfor %}", {}, {"data": data})
    assert shown.text == "Ana Díaz; Lee, Sam; "


def test_a_kramdown_table_without_a_header_line_is_a_table_and_keeps_its_lines() -> None:
    """Vizzuality's just-the-docs initiative template: ``| Status | 🟢 ongoing |`` rows with
    no ``|---|`` line. kramdown drew a table; CommonMark printed the rows' pipes as text."""
    text = ("---\ntitle: T\n---\nSmall description\n\n| Responsible | The who | \n"
            "| Start date | 2021-03-12   |\n| Status | 🟢 ongoing |\n\n{::comment}\nhidden\n")
    prepared = preprocess(text, {})
    written = prepared.text.split("\n")
    at = written.index("| Responsible | The who | ")
    assert written[at + 1] == "|---|---|"
    assert written[at + 2:at + 4] == ["| Start date | 2021-03-12   |", "| Status | 🟢 ongoing |"]
    for line in ("| Start date | 2021-03-12   |", "| Status | 🟢 ongoing |", "Small description"):
        assert text.split("\n")[prepared.lines(written.index(line) + 1) - 1] == line
    [note] = prepared.notes
    assert text.split("\n")[note.line - 1] == "{::comment}"
    for same in ("| a | b |\n|:--|--:|\n| 1 | 2 |\n", "Text\n| a | b |\n| 1 | 2 |\n",
                 "```\n| a | b |\n| 1 | 2 |\n```\n", "| one row | only |\n", "|a\n|b\n"):
        assert preprocess(same, {}).text == same
    assert preprocess(text, {}, whole_elements=False).text.count("|---|") == 0
    kramdowns = preprocess("| a | b |\n|:---+---|\n| 1 | 2 |\n\nAfter.\n", {})  # its header line
    assert kramdowns.text == "| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n" and kramdowns.lines(5) == 5


def test_hostile_headless_tables_never_hold_the_build() -> None:
    from jekyll_compat.tablecells import with_header_lines

    for text in ("|" * 200_000, "| a | b |\n" * 20_000, "|a|b|\n|" + "-|" * 100_000 + "x",
                 "|a|b|\n|" + " :-- |" * 40_000 + "x|", "|\n" * 100_000, "|a|b|\n|" + " -" * 100_000 + "+|x",
                 "|a|b|\n|" + " :" * 100_000 + "-+|x"):
        with_header_lines(text)


@given(baseurl=st.sampled_from(["/smart", "smart/", "..", "/", "", "/../..", "/a\x00b"]),
       address=st.sampled_from(["/smart/assets/map.png", "/smart/../secret.txt", "/../secret.txt",
                                "/smart/../../secret.txt", "/../../secret.txt", "/assets/map.png",
                                "/smart/assets/../../secret.txt", "/..//secret.txt"]))
@settings(max_examples=60, deadline=None)
def test_a_baseurl_never_finds_a_file_outside_the_pages(tmp_path_factory, baseurl: str, address: str) -> None:
    from jekyll_compat.filenames import local_file

    root = tmp_path_factory.mktemp("site")
    (root / "secret.txt").write_text("not published")
    pages = write_pages(root / "pages", {"assets/map.png": b"png", "index.md": "x"})
    found = local_file(pages, pages, address, baseurl)
    assert found is None or found.resolve().is_relative_to(pages.resolve())
    if address == "/smart/assets/map.png" and baseurl.strip("/") == "smart":
        assert found == (pages / "assets" / "map.png").resolve()


def test_a_page_written_in_html_is_html_blocks_line_for_line() -> None:
    body = ("Top *text*.\n\n    indented\n\n<div>\n<p>a</p>\n\n<p>b</p>\n</div>\n\n"
            "<pre>x\n\ny</pre>\n<!-- a\n\ncomment -->\n\n<p>open\n\nrest")
    out = htmlblocks.one_block_per_element(body).split("\n")
    assert len(out) == body.count("\n") + 1
    assert out[:4] == ["<div>Top *text*.</div>", "", "<div>    indented</div>", ""]
    assert out[4:10] == ["<div><div>", "<p>a</p>", htmlblocks.FILLER, "<p>b</p>", "</div></div>", ""]
    assert out[10:16] == ["<div><pre>x", htmlblocks.FILLER, "y</pre>", "<!-- a", ".", "comment --></div>"]
    assert out[16:] == ["", "<div><p>open", htmlblocks.FILLER, "rest</div>"]  # an open <p>: one block to the end


@given(st.text(alphabet="<>/!-pdiv re\n\tx*", max_size=200))
def test_a_page_written_in_html_keeps_its_lines_and_words(body: str) -> None:
    out = htmlblocks.one_block_per_element(body)
    assert out.count("\n") == body.count("\n")
    def words(text: str) -> str:
        text = text.replace("<div>", "").replace("</div>", "").replace(htmlblocks.FILLER, "")
        return "".join(line for line in text.split("\n") if line.strip() != ".").replace(" ", "").replace("\t", "")
    assert words(out) == words(body)


def test_kramdown_nomarkdown_on_lines_of_their_own_is_html_as_written() -> None:
    """kramdown's quick reference: what stands between ``{::nomarkdown}`` and ``{:/}`` was
    written out as it was; read as Markdown, ``*raw*`` was emphasis and the indented line code."""
    text = ("Intro.\n\n{::nomarkdown}\n<div class=\"x\">\n*raw* text\n\n    indented\n</div>\n{:/}\n\n"
            "After *md*.\n\n```\n{::nomarkdown}\n```\n")
    cleaned = kramdown.clean(text).split("\n")
    assert len(cleaned) == text.count("\n") + 1
    assert cleaned[2:10] == ["", '<div><div class="x">', "*raw* text", htmlblocks.FILLER, "    indented",
                             "</div></div>", "", ""]
    assert cleaned[10:] == ["After *md*.", "", "```", "{::nomarkdown}", "```", ""]


def test_a_kramdown_definition_with_several_terms_keeps_them_as_its_term() -> None:
    text = ("Intro.\n\nterm\nanother term\nand another term\n: the definition\n: another one\n\n"
            "single\n: def\n\nA paragraph\nof two lines\n\n```\nx\ny\n: z\n```\n")
    out = kramdown.joined_terms(text).split("\n")
    assert len(out) == text.count("\n") + 1
    assert out[2:7] == ["", "", "term · another term · and another term", ": the definition", ": another one"]
    assert out[8:10] == ["single", ": def"]
    assert out[11:13] == ["A paragraph", "of two lines"]
    assert out[14:18] == ["```", "x", "y", ": z"]  # code is code


def test_site_github_is_filled_from_the_repository_setting_alone() -> None:
    """agrc/gis.utah.gov's `repository: agrc/gis.utah.gov`: jekyll-github-metadata asked
    GitHub's API; the publication is built offline, from `_config.yml` alone."""
    site = liquid.site_variables({"repository": "agrc/gis.utah.gov", "description": "Utah's maps"})
    text = ("[Source]({{ site.github.repository_url }}) by {{ site.github.owner_name }}: "
            "{{ site.github.repository_name }}, {{ site.github.repository_nwo }}, "
            "[issues]({{ site.github.issues_url }}), {{ site.github.project_tagline }}, "
            "{{ site.github.is_project_page }}, [{{ site.github.url }}/about/]\n")
    assert liquid_engine.render(text, {}, site).text == (
        "[Source](https://github.com/agrc/gis.utah.gov) by agrc: gis.utah.gov, agrc/gis.utah.gov, "
        "[issues](https://github.com/agrc/gis.utah.gov/issues), Utah's maps, true, [/about/]\n")
    assert liquid.github_metadata("agrc/agrc.github.io")["is_user_page"] is True


@pytest.mark.parametrize("value", [
    "https://github.com/agrc/gis.utah.gov", "agrc", "agrc/gis.utah.gov/tree/main", "a b/c",
    "agrc/<script>", ["agrc/gis.utah.gov"], 42, "-agrc/x", "agrc/" + "x" * 101,
])
def test_a_repository_that_is_no_owner_and_name_gives_no_addresses_and_is_said(value) -> None:
    github = liquid.site_variables({"repository": value})["github"]
    assert "repository_url" not in github and github["url"] == ""
    assert "write it as `repository: owner/name`" in liquid.repository_problem(value)


def test_no_repository_is_no_problem() -> None:
    assert liquid.repository_problem(None) == "" and liquid.repository_problem(" agrc/gis.utah.gov ") == ""


def test_the_sites_own_github_values_win_as_the_plugin_merges_them() -> None:
    """agrc/gis.utah.gov's `_config.yml` names no `repository:` but writes `github:
    repository_url: … repository_name: …`; its contributing page links
    `{{ site.github.repository_url }}/tree/master/_posts`. Those values were thrown away."""
    site = liquid.site_variables({"github": {"repository_url": "https://github.com/agrc/gis.utah.gov",
                                             "repository_name": "gis.utah.gov", "url": "https://x.org"}})
    text = "[source]({{ site.github.repository_url }}/tree/master/_posts) of {{ site.github.repository_name }}\n"
    assert liquid_engine.render(text, {}, site).text == \
        "[source](https://github.com/agrc/gis.utah.gov/tree/master/_posts) of gis.utah.gov\n"
    assert site["github"]["url"] == "" and liquid.unfilled_github_line(text, site) is None


def test_a_github_value_no_setting_fills_is_found_at_its_line() -> None:
    site = liquid.site_variables({"title": "Maps"})
    text = "---\ntitle: T\n---\n\nFind the [website source code]({{ site.github.repository_url }}).\n"
    assert liquid.unfilled_github_line(text, site) == (5, "repository_url")
    assert liquid.unfilled_github_line(text, liquid.site_variables({"repository": "agrc/gis.utah.gov"})) is None
    assert liquid.unfilled_github_line("{{ site.github.url }}/about/", site) is None


def test_an_include_named_by_a_variable_runs_that_file_or_is_kept_as_written() -> None:
    """``{% include {{ page.widget }} %}``: Jekyll included the file the variable named. It
    was shown as ``{% include page.widget %}``, neither run nor as the page wrote it."""
    page = {"title": "Buses", "widget": "note.html", "evil": "../../etc/passwd"}
    ran = liquid_engine.render('a {% include {{ page.widget }} text="Stops" %} b', page, SITE,
                               includes=INCLUDES)
    assert (ran.text, ran.dropped) == ('a <div class="note">Stops (Buses)</div> b', ())
    for tag in ("{% include {{ page.evil }} %}", "{% include {{page.nothing}} %}",
                "{% include widgets/{{ page.widget }} %}"):
        kept = liquid_engine.render(f"a {tag} b", page, SITE, includes=INCLUDES)
        assert kept.text == f"a {tag} b" and [d.tag for d in kept.dropped] == [tag]


def test_an_include_that_includes_the_file_its_caller_names_runs_it() -> None:
    """The "Markdown include" of many Jekyll sites: ``_includes/markdown.html`` is
    ``{% capture md %}{% include {{ include.path }} %}{% endcapture %}{{ md | markdownify }}``
    and a page writes ``{% include markdown.html path="intro.md" %}``. Jekyll included
    ``_includes/intro.md``; the include was shown as written with a warning, its words lost."""
    includes = {**INCLUDES, "intro.md": "**Parking** permits, {{ include.city }}.",
                "markdown.html": "{% capture md %}{% include {{ include.path }} city=include.city %}"
                                 "{% endcapture %}{{ md | markdownify }}"}
    ran = liquid_engine.render('{% include markdown.html path="intro.md" city="Austin" %}',
                               {"title": "Buses"}, SITE, includes=includes)
    assert ran.dropped == () and ran.text.strip() == "**Parking** permits, Austin."
    for path in ("../../etc/passwd", "missing.md", ""):
        tag = f'{{% include markdown.html path="{path}" %}}'
        kept = liquid_engine.render(f"a {tag} b", {"title": "Buses"}, SITE, includes=includes)
        assert kept.text == f"a {tag} b" and [d.tag for d in kept.dropped] == [
            f"{tag} (_includes/markdown.html:1: it names {path!r}, which is no file in _includes/)"]


def test_an_empty_cell_of_a_data_table_is_nothing_as_jekyll_read_it(tmp_path):
    """CFPB's design manual: ``_data/cfpb-brand-colors.csv`` marks a row ``TRUE`` in its
    ``primary`` column or leaves the cell empty, and the Color page lists the primary colours
    with ``{% if color.primary %}``. Ruby's CSV reads an empty cell as nil, which ``if``
    refuses; read as "" (truthy in Liquid) every colour was listed as primary and again
    as supporting."""
    from jekyll_compat import jekyll_data
    from jekyll_compat.liquid_engine import render

    write_pages(tmp_path, {"_data/cfpb-brand-colors.csv":
                           "family,shortname,name,hex,RGB,CMYK,primary,secondary\n"
                           'green,dark-green,Dark Green,#1e9642,"30, 150, 66","80, 0, 100, 17",,\n'
                           'green,green,CFPB Green,#20aa3f,"32, 170, 63","80, 0, 100, 0",TRUE,\n'
                           'teal,teal,Teal,#257675,"37, 118, 117","85, 0, 30, 44",,TRUE\n'
                           'gray,white,White,#ffffff,"255, 255, 255"\n'})
    data = jekyll_data(tmp_path)
    page = ("{% for color in site.data.cfpb-brand-colors %}{% if color.primary %}P:{{ color.name }};"
            "{% endif %}{% if color.secondary %}S:{{ color.name }};{% endif %}{% endfor %}"
            "[{{ site.data.cfpb-brand-colors[0].primary }}]")
    assert render(page, {}, {"data": data}).text == "P:CFPB Green;S:Teal;[]"
    assert data["cfpb-brand-colors"][3]["CMYK"] is None  # a short row's missing cells: nil too


def test_a_notice_whose_markdown_shows_a_tag_as_code_is_still_a_box() -> None:
    """A notice (or a Bootstrap docs callout) explaining markup: ``Il contenitore `<div>` con
    classe `.callout```. The ``<div>`` in the inline code was counted as a start tag, so the
    notice's own ``</div>`` closed it and the notice, never closed, was no box."""
    from jekyll_compat import notices

    text = ('## Notices\n\n<div class="notice--info">\n\n#### Markup\n\n'
            'The `<div>` with class `.callout` holds a `<div class="inner">`.\n\n</div>\n\nAfter.\n')
    boxed, found = notices.boxes(text)
    assert found == ((3, "notice--info"),)
    assert boxed.split("\n")[2] == ":::{container}" and boxed.split("\n")[8] == ":::"


def test_include_cached_runs_as_the_include_it_is(tmp_path: Path) -> None:
    """jekyll-include-cache's ``{% include_cached note.md who="residents" %}`` (minimal-mistakes
    and just-the-docs sites use it) is ``{% include %}`` with a cache: the tag was unknown, so
    the page showed the Liquid as written and none of the include's words."""
    from bs4 import BeautifulSoup
    from conftest import sphinx_build

    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Old site\nplugins: [jekyll-include-cache]\n",
        "_includes/note.md": "The office serves {{ include.who }} every day.\n",
        "index.md": "---\ntitle: Home\n---\n\nBefore.\n\n{% include_cached note.md who=\"residents\" %}\n\n"
                    "{%- include_cached note.md who='visitors' -%}\n"})
    build = sphinx_build(source, tmp_path / "html", "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    words = " ".join(BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"),
                                   "html.parser").article.get_text(" ").split())
    assert "The office serves residents every day." in words, words
    assert "The office serves visitors every day." in words and "include_cached" not in words, words
    assert "include_cached" not in build.output, build.output


def test_two_spellings_of_one_include_are_each_quoted_as_written():
    """``{% include {{ page.inc }} %}`` and ``{% include_cached {{ page.inc }} %}`` are one
    call to the engine; the warning quoted the second spelling at both lines, so the page
    seemed to hold an ``include_cached`` at a line that has none."""
    text = "{% include {{ page.inc }} %}\n{% include_cached {{ page.inc }} %}\n\nEnd.\n"
    result = liquid_engine.render(text, {"title": "T", "inc": "../../etc/passwd"}, SITE,
                                  includes=INCLUDES)
    said = {d.line: d.tag for d in result.dropped}
    assert said[1].startswith("{% include {{ page.inc }} %}"), said
    assert said[2].startswith("{% include_cached {{ page.inc }} %}"), said
    assert result.text.split("\n")[:2] == ["{% include {{ page.inc }} %}",
                                           "{% include_cached {{ page.inc }} %}"], result.text


def test_a_link_tag_to_a_path_longer_than_the_file_system_takes_names_no_file(tmp_path):
    """``{% link a/a/a/…/b.md %}`` 5,000 bytes long: looking the file up raised "File name
    too long" (errno 36, which ``Path.is_file`` does not swallow) and stopped every edition
    with a traceback. It names no file of the folder, said as any missing one is."""
    import jekyll_compat

    (tmp_path / "a").mkdir()
    (tmp_path / "a/b.md").write_text("x", encoding="utf-8")
    assert jekyll_compat._source_has(tmp_path, "a/b.md")
    assert not jekyll_compat._source_has(tmp_path, "a/" * 2500 + "b.md")
    assert not jekyll_compat._source_has(tmp_path, "b" * 300 + ".md")  # one name past 255 bytes


def test_a_line_of_many_quote_marks_is_read_in_linear_time():
    """``> `` 200 times and words, on a Jekyll site: each space after a ``>`` could belong to
    that mark or to the next one's indent, so the patterns that find a quote's marks tried
    2^200 splits when the line had no ``%`` to find (the build hung for ever; a hostile
    tester's). Each space now belongs to one mark alone. Checked apart: the old patterns
    never end on 60 marks, the new take milliseconds."""
    from conftest import ends_apart

    assert ends_apart(
        "from jekyll_compat import callouts, kramdown, nesting\n"
        "line = '> ' * 60 + 'words'\n"
        "assert not kramdown._MAY_NEED_CLEANING.search(line) and not kramdown._MYST_MARK.match(line)\n"
        "assert kramdown._QUOTE_PREFIX.match(line + ' %').group(1) == '> ' * 60\n"
        "assert callouts._QUOTED.match(line).group(1) == '> ' * 60\n"
        "assert nesting._QUOTE.match(line).group(1) == '> ' * 60\n"
        "assert kramdown._MYST_MARK.match('> > %').group(1) == '> > '\n"
        "assert kramdown._MYST_MARK.match('>\\t >  - %').group(1) == '>\\t >  - '\n"
        "assert kramdown.clean('> ' * 60 + '%' + ' words') == '> ' * 60 + '\\\\%' + ' words'\n",
        limit=120)


def test_an_include_relative_path_longer_than_the_file_system_takes_is_no_file(tmp_path):
    """``{% include_relative a/a/…/b.md %}`` 5,000 bytes long: ``Path.is_file`` raised "File
    name too long" (errno 36) and stopped every edition with a traceback. It reads no file:
    its tag stays text and the page is warned, as for any name that breaks a rule."""
    page_file = tmp_path / "index.md"
    page_file.write_text("x", encoding="utf-8")
    (tmp_path / "b.md").write_text("y", encoding="utf-8")
    long_name = "a/" * 2500 + "b.md"
    text = f"{{% include_relative b.md %}} {{% include_relative {long_name} %}}"
    assert liquid.relative_includes(text, page_file, tmp_path) == {"b.md": tmp_path / "b.md"}


def test_a_condition_in_parentheses_is_read_as_jekyll_read_it() -> None:
    """18F's State Officer, M.D. course: its ``link`` include, used on every lesson, tests
    ``{%- if ((r.uid contains include.id) or (lowerauthor contains include.id)) -%}``.
    Jekyll's lax Liquid ignored the parentheses; the engine refused them, and each page showed
    the ``{% include link … %}`` tag as typed instead of the link. A range and a quoted
    ``"(x)"`` keep theirs."""
    site = liquid.site_variables({}, data={"res": [{"uid": "joel", "title": "The Joel Test", "url": "https://j.example/"},
                                                   {"uid": "other", "title": "Other", "url": "https://o.example/"}]})
    includes = {"link": '{%- for r in site.data.res -%}{%- if ((r.uid contains include.id)\n'
                        '        or (r.title contains include.id))  -%}<a href="{{ r.url }}">{{ r.title }}</a>'
                        '{%- endif -%}{%- endfor -%}'}
    result = liquid_engine.render('Read {% include link id="joel" %} first.\n', {}, site, includes=includes)
    assert result.dropped == ()
    assert result.text == 'Read <a href="https://j.example/">The Joel Test</a> first.\n'
    own = liquid_engine.render('{% if (page.a == "(x)") and (3 < 4) %}Yes.{% elsif (page.b) %}No.{% endif %}'
                               '{% unless (page.c) %} Also.{% endunless %}'
                               '{% if (1..5) contains 3 %} Range.{% endif %}\n', {"a": "(x)"}, {})
    assert own.text == "Yes. Also. Range.\n" and own.dropped == ()


def test_site_collections_is_jekylls_list_of_collections() -> None:
    """18F's State Officer, M.D. course printed ``{{ site.collections.one }}``: Jekyll's
    ``site.collections`` is a list of collections, so that printed nothing there; here it
    was the ``_config.yml`` entry, and readers saw ``{'output': True, 'permalink': …}``."""
    site = liquid.site_variables({"collections": {"one": {"output": True, "permalink": "/c/:slug/"},
                                                  "alpha": None}})
    result = liquid_engine.render("A{{ site.collections.one }}B {{ site.collections.size }}\n", {}, site)
    assert result.text == "AB 2\n"
    assert [c["label"] for c in site["collections"]] == ["alpha", "one"]
    listed = liquid_engine.render("{% for d in site.one %}x{% endfor %}Kept.\n", {}, site)
    assert "Kept." in listed.text and len(listed.unlisted) == 1
