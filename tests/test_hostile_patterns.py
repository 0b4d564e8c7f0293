"""Patterns of ours that a few kilobytes of hostile page text held for minutes or hours.

Each was found by feeding every pattern its own openers and whitespace, never closed: a
lazy group beside ``\\s*`` on both sides is cubic on a run of spaces, an opener with no
closer after it is read to the end of the page once per opener. The hang tests run apart
with a limit (``ends_apart``); the property tests check the linear code finds what the old
pattern found.
"""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ends_apart
from jekyll_compat import layouts, liquid_engine
from website import redirects


def test_broken_liquid_inside_a_tag_is_read_without_hanging() -> None:
    """``{% assign a = (`` then spaces (5 KB: 57 s, cubic), a parenthesised value of dots
    (200 KB: minutes, quadratic), ``{% if {{ `` then spaces (1.5 KB: 7 s, cubic) and a tag
    of ``{{`` (40 KB: 8 s, quadratic): each held the build that read the page."""
    assert ends_apart("from jekyll_compat.liquid_engine import render\n"
                      "pages = ['{% assign a = (' + ' ' * 100_000, "
                      "'{% assign a = (' + '.' * 200_000 + ' x y) %}', "
                      "'{% if {{ ' + ' ' * 100_000 + ' %}', "
                      "'{% if ' + '{{' * 200_000 + ' %}']\n"
                      "sys.exit(0 if all('Words.' in render(p + '\\nWords.\\n', {}, {}).text "
                      "for p in pages) else 3)", limit=60)


def test_a_page_of_unclosed_liquid_or_tags_is_checked_for_words_without_hanging() -> None:
    """A redirect page's words are counted, and a page without words is searched for the
    ``site`` data it was written from: each by a pattern that read every unclosed ``{%``,
    ``{{`` or ``<`` to the end of the page (600 KB: minutes)."""
    assert ends_apart("from jekyll_compat import layouts\n"
                      "from website import redirects\n"
                      "found = layouts.fetched_data('{{ site.x }}' + '{{' * 300_000, {})\n"
                      "counts = [redirects.own_words(p) for p in "
                      "('{%' * 300_000 + ' a', '{{' * 300_000 + ' a', '<' * 500_000 + ' a')]\n"
                      "sys.exit(0 if found.paths == [('site.x', 0)] and counts == [(1, 0)] * 3 else 3)",
                      limit=60)


_OLD_PARENTHESISED = re.compile(
    r"(\{%-?\s*assign\s+[\w-]+\s*=\s*)\(\s*((?:[^%{]|%(?!\})|\{(?!%))*?)\s*\)(\s*-?%\})")
_OLD_RANGE = re.compile(r"\S+\s*\.\.\s*\S+")
_OLD_OUTPUT_IN_TAG = re.compile(r"\{\{-?\s*((?:(?!\}\}).)*?)\s*-?\}\}", re.S)
_OLD_NOT_WORDS = re.compile(r"<!--.*?(?:-->|\Z)|\{%.*?%\}|\{\{.*?\}\}|<[^>]*>", re.S)
_OLD_LIQUID_SPAN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)


def _old_unparenthesised(match: re.Match[str]) -> str:
    inside = match.group(2)
    return match.group(0) if _OLD_RANGE.fullmatch(inside) else match.group(1) + inside + match.group(3)


_PIECES = ["{", "}", "%", "{%", "%}", "{{", "}}", "-", " ", "\n", "(", ")", ".", "..", "a",
           "assign a = ", "{% assign x = (", "'", "<", ">", "<!--", "-->", "site.", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_the_linear_readings_find_what_the_old_patterns_found(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert (liquid_engine._PARENTHESISED.sub(liquid_engine._unparenthesised, text)
            == _OLD_PARENTHESISED.sub(_old_unparenthesised, text))
    assert liquid_engine._outputs_unbraced(text) == _OLD_OUTPUT_IN_TAG.sub(lambda m: m.group(1), text)
    assert redirects._without_markup(text) == _OLD_NOT_WORDS.sub(" ", text)
    old = [(m.start(), m.end()) for m in _OLD_LIQUID_SPAN.finditer(text)]
    assert [(a, b) for a, b, _ in liquid_engine.tag_spans(text)] == old


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "1", ".", "..", " ", "\t", "x.y"]), min_size=1, max_size=12))
def test_a_range_is_told_as_the_old_pattern_told_it(pieces: list[str]) -> None:
    inside = "".join(pieces).strip()
    assert liquid_engine._is_range(inside) == bool(_OLD_RANGE.fullmatch(inside))


def test_fetched_data_still_names_what_a_page_without_words_was_written_from() -> None:
    body = "{{ site.contentful.page.body }}\n{% for x in site.data.items %}{% endfor %}\n"
    assert layouts.fetched_data(body, {"data": {}}).paths == [("site.contentful", 0),
                                                              ("site.data.items", 1)]


def test_a_tag_over_a_blank_line_with_a_long_run_of_spaces_is_joined_without_hanging() -> None:
    """A tag written over a blank line is joined onto one line; the pattern that joined it
    tried every space of a run not followed by a line break (10 KB: 2 s, 200 KB: minutes)."""
    assert ends_apart("from jekyll_compat.htmlblocks import keep_whole\n"
                      "page = '<div class=\"a\"' + ' ' * 200_000 + 'x=\"1\"\\n\\ny=\"2\">\\nWords.\\n</div>\\n'\n"
                      "sys.exit(0 if keep_whole(page).startswith('<div class=\"a\" ') else 3)", limit=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", "a", "<b", ">"]), max_size=20))
def test_a_tag_is_joined_as_the_old_pattern_joined_it(pieces: list[str]) -> None:
    from jekyll_compat import htmlblocks

    text = "".join(pieces)
    assert htmlblocks._one_line(text) == re.sub(r"[ \t]*(?:\n[ \t]*)+", " ", text)


def test_a_block_of_closed_openers_is_checked_for_swallowed_words_without_hanging() -> None:
    """Each ``<!--``, ``<style>`` or ``<title>`` of a raw HTML block searched the rest of the
    block for its closer: 40,000 of them (320 KB) took 10 s, a few megabytes most of an hour."""
    assert ends_apart("from rawhtml import swallowed\n"
                      "blocks = ['<!--' * 400_000 + '-->', '<p>' + '<style>x' * 300_000 + '</style>', "
                      "'<title>' * 300_000 + '</title>']\n"
                      "sys.exit(0 if [swallowed(b) for b in blocks] == [None] * 3 else 3)", limit=60)


_OLD_SWALLOWING = re.compile(r"<!--|<(script|style|textarea|title)\b[^<>]*>", re.I)


def _old_swallowed(text: str) -> tuple[str, int] | None:
    for opener in _OLD_SWALLOWING.finditer(text):
        if opener.group(0) == "<!--":
            if text.find("-->", opener.end()) != -1:
                continue
            rest, shown = text[opener.end():], "<!--"
        else:
            name = opener.group(1).lower()
            if re.search(rf"</{name}\s*>", text[opener.end():], re.I):
                continue
            rest, shown = text[opener.end():], f"<{name}>"
        if re.sub(r"<[^<>]*>", " ", rest).strip():
            return shown, text.count("\n", 0, opener.start())
        return None
    return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["<!--", "-->", "<!-->", "<style>", "</style>", "</STYLE >", "<Title>",
                                 "</title\n>", "<script a=1>", "</script>", "x", "\n", " ", "<p>"]),
                max_size=16))
def test_swallowed_words_are_found_as_before(pieces: list[str]) -> None:
    from rawhtml import swallowed

    text = "".join(pieces)
    assert swallowed(text) == _old_swallowed(text)


def test_long_lines_of_spaces_or_backticks_in_boxes_snippets_and_shown_tags_do_not_hang() -> None:
    """An Obsidian callout's title and a MkDocs snippet line (``\\\\S.*?`` then ``[ \\\\t]*$``:
    20 KB of spaces in them, 6 s and 4 s) and a shown ``<a href=`` tag's paragraph of
    backticks (``(`+)[^`]*?\\\\1``: 100 KB, 3 s) were each read in quadratic time."""
    assert ends_apart("from obsidian_compat.markup import _CALLOUT\n"
                      "from generators_compat.mkdocs import _SNIPPET\n"
                      "from loose_links.core import html_written\n"
                      "callout = _CALLOUT.match('> [!note] x' + ' ' * 300_000 + 'y  ')\n"
                      "snippet = _SNIPPET.match('--8<-- x' + ' ' * 300_000 + 'y  ')\n"
                      "shown = html_written(['`' * 2_000_000 + ' <a href=x>'], 1)\n"
                      "sys.exit(0 if callout['title'].endswith(' y') and snippet['what'].endswith(' y')\n"
                      "         and shown == '<a href=x>' else 3)", limit=60)


_OLD_CALLOUT = re.compile(r"^(?P<indent> {0,3})>[ \t]?\[!(?P<kind>[A-Za-z][\w-]*)\][+-]?[ \t]*(?P<title>.*?)[ \t]*$")
_OLD_SNIPPET = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]+(?P<what>\S.*?)[ \t]*$")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "a", "\r", "\x0c", "\u00a0", "-", "]"]), max_size=12))
def test_callout_titles_and_snippets_are_read_as_before(pieces: list[str]) -> None:
    from generators_compat.mkdocs import _SNIPPET
    from obsidian_compat.markup import _CALLOUT

    rest = "".join(pieces)
    for new, old, line in ((_CALLOUT, _OLD_CALLOUT, "> [!note]" + rest), (_SNIPPET, _OLD_SNIPPET, "--8<-- " + rest)):
        found, was = new.match(line), old.match(line)
        assert (found and found.groupdict()) == (was and was.groupdict())


def test_a_page_of_markdownify_markers_is_read_without_hanging() -> None:
    """The private-use markers ``markdownify`` output is wrapped in, written out by a page,
    were each read to the end of the page by ``(.*?)`` (100 KB: minutes)."""
    assert ends_apart("from jekyll_compat.liquid_engine import render, _MARKDOWNIFIED\n"
                      "page = '{{ \"*x*\" | markdownify }}\\n' + _MARKDOWNIFIED[0] * 100_000 + '\\nWords.\\n'\n"
                      "sys.exit(0 if render(page, {}, {}).text == '*x*\\n\\nWords.\\n' else 3)", limit=60)


def test_markdownify_output_is_still_placed_between_blank_lines_beside_a_tag() -> None:
    text = liquid_engine.render('<div class="n">{{ "**Note**: a" | markdownify }}</div>\nok {{ "b" | markdownify }}\n',
                                {}, {}).text
    assert text == '<div class="n">\n\n**Note**: a\n\n</div>\nok b\n'


def test_a_box_line_or_highlight_tag_of_spaces_is_read_without_hanging() -> None:
    """``!!!`` then spaces and a quote never closed (three runs of ``[ \\\\t]`` side by side:
    1.5 KB, 25 s, cubic) and ``{% highlight`` then spaces never closed (``\\\\s+`` beside a
    lazy ``[^%]*?``: 6 KB, 0.6 s, cubic)."""
    assert ends_apart("from generators_compat.mkdocs import _BOX\n"
                      "from jekyll_compat.liquid_engine import _highlights\n"
                      "box = _BOX.match('!!!' + ' ' * 100_000 + '\"')\n"
                      "page = '{% highlight' + ' ' * 100_000 + 'x\\nWords.\\n'\n"
                      "sys.exit(0 if box is None and _highlights(page) == page else 3)", limit=60)


_OLD_BOX = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>!!!|\?\?\?\+?)[ \t]+(?P<kinds>[A-Za-z][\w-]*(?:[ \t]+[A-Za-z][\w-]*)*)?"
                      r"[ \t]*(?:\"(?P<title>.*)\")?[ \t]*$")
_OLD_HIGHLIGHT = re.compile(r"\{%-?\s*highlight\s+([\w+-]*)[^%]*?-?%\}")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "a", "b-c", '"', "x", "!", "\n", "-", "%", "}", "%}", "-%}",
                                 "+", "{% highlight", "{%- highlight"]), max_size=14))
def test_box_lines_and_highlight_tags_are_read_as_before(pieces: list[str]) -> None:
    from generators_compat.mkdocs import _BOX

    rest = "".join(pieces)
    for line in ("!!!" + rest, "  ???+" + rest):
        found, was = _BOX.match(line), _OLD_BOX.match(line)
        assert (found and found.groupdict()) == (was and was.groupdict())
    assert ([(m.span(), m.group("lang")) for m in liquid_engine._HIGHLIGHT.finditer(rest)]
            == [(m.span(), m.group(1)) for m in _OLD_HIGHLIGHT.finditer(rest)])


def test_a_hugo_shortcode_left_open_before_spaces_and_a_long_name_does_not_hang() -> None:
    """``{{<``, 400 spaces and a 400-letter name took 1.7 s; 2,000 of each minutes (cubic:
    the spaces split between ``[ \\\\t]*`` and ``[ \\\\t]*``, the name between itself and its
    arguments)."""
    assert ends_apart("from generators_compat.hugo import _SHORTCODE\n"
                      "found = [_SHORTCODE.search(t) for t in ('{{<' + ' ' * 50_000 + 'M' * 50_000, "
                      "'{{< a <' + ' ' * 50_000 + '/' + ' ' * 50_000)]\n"
                      "sys.exit(0 if found == [None, None] else 3)", limit=60)


_OLD_SHORTCODE = re.compile(r"\{\{(?P<open>[<%])-?[ \t]*(?P<end>/?)[ \t]*(?P<name>[A-Za-z][\w-]*)"
                            r"(?P<args>(?:[^<>%{}\n]|<(?![ \t]*/?[ \t]*>)|%(?!\}))*)-?[>%]\}\}")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["{{<", "{{%", "{{<-", " ", "\t", "/", "a", "b-", "<", ">", "%", "}}",
                                 ">}}", "%}}", "-", "x=1", "\n", "{"]), max_size=14))
def test_hugo_shortcodes_are_found_as_before(pieces: list[str]) -> None:
    from generators_compat.hugo import _SHORTCODE

    text = "".join(pieces)
    keys = ("open", "end", "name", "args")
    assert ([(m.span(), m.group(*keys)) for m in _SHORTCODE.finditer(text)]
            == [(m.span(), m.group(*keys)) for m in _OLD_SHORTCODE.finditer(text)])


def test_a_date_followed_by_a_long_run_of_spaces_is_read_without_hanging() -> None:
    """``date: March 5, 2020 1`` then 2,000 spaces and a letter took 9.5 s (three runs of
    ``\\\\s*`` side by side after the hour: cubic); a front matter holds 64 KB of them."""
    assert ends_apart("from pagesource.dates import parse_date\n"
                      "values = ['March 5, 2020 1' + ' ' * 60_000 + 'x', '5 March 2020' + ' ' * 60_000 + '1 x', "
                      "'March 5, 2020 at 10:30 pm' + ' ' * 60_000]\n"
                      "sys.exit(0 if [parse_date(v) is None for v in values] == [True, True, False] else 3)",
                      limit=60)


_OLD_TIME_AFTER = re.compile(r"(?:\s*(?:,|at)?\s+\d{1,2}(?::\d{2}){0,2}\s*(?:[ap]\.?m\.?)?\s*"
                             r"(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})?)?\s*$", re.I)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", ",", "at", "1", "12", ":30", "pm", "a.m.", "EST", "+05:00", "-0600",
                                 "x", "\n"]), max_size=10))
def test_the_time_after_a_date_is_read_as_before(pieces: list[str]) -> None:
    from pagesource import dates

    text = "".join(pieces)
    assert bool(re.match(dates._TIME_AFTER, text, re.I)) == bool(_OLD_TIME_AFTER.match(text))


def _highlights_as_before(text: str) -> str:
    """``_highlights`` as it was (protected spans read again for every block): the reference."""
    engine = liquid_engine
    out, pos = [], 0
    while True:
        spans = engine.protected_spans(text[pos:])
        opener = next((m for m in engine._HIGHLIGHT.finditer(text, pos)
                       if not engine._inside(m.start() - pos, spans)), None)
        if opener is None:
            break
        raws = [(m.start(), m.end()) for m in engine._RAW.finditer(text, opener.end())]
        closer = next((m for m in engine._END_HIGHLIGHT.finditer(text, opener.end())
                       if not engine._inside(m.start(), raws)), None)
        if closer is None:
            break
        body = text[opener.end():closer.start()]
        runs = [len(run) for run in re.findall(r"`+", engine._RAW_TAG.sub("", body))]
        fence = "`" * max(3, max(runs, default=0) + 1)
        out.append(text[pos:opener.start()] + fence + opener.group("lang") + body + fence)
        pos = closer.end()
    return "".join(out) + text[pos:]


_HIGHLIGHT_PIECES = st.lists(st.sampled_from([
    "{% highlight ruby %}", "{% highlight %}", "{%- highlight js linenos -%}", "{% endhighlight %}",
    "{% raw %}", "{% endraw %}", "```", "````", "~~~", "`", "``", "\n", "\n\n", "x", " ", "    ",
    "$", "$$", "| a | b |", "|---|---|", "- ", "> ", "{{ x }}", "<div>", "</div>"]), max_size=40)


@settings(max_examples=600, deadline=None)
@given(_HIGHLIGHT_PIECES)
def test_highlight_blocks_are_fenced_as_before_in_linear_time(pieces: list[str]) -> None:
    """The raw spans are looked for up to each closing tag only, and what is protected is read
    within a budget: a page is fenced exactly as before."""
    text = "".join(pieces)
    assert liquid_engine._highlights(text) == _highlights_as_before(text)


def test_thousands_of_highlight_blocks_end_soon() -> None:
    """4,000 blocks took 12 s, a megabyte of them minutes: past the budget the rest is left to
    the engine's own highlight tag; the first blocks are fenced."""
    assert ends_apart("from jekyll_compat.liquid_engine import _highlights\n"
                      "page = '{% highlight a %}x{% endhighlight %}\\n' * 40_000\n"
                      "fenced = _highlights(page)\n"
                      "sys.exit(0 if 10 <= fenced.count('```a') < 40_000 else 3)", limit=60)
