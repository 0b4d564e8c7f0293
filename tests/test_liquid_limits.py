"""A page's whole budget of Liquid work (``jekyll_compat.liquid_limits``): a hostile tester's
three pages each held a build for hours under limits that held each render apart. Each hang
test runs apart, with a limit: the old code is still running when it ends."""

from __future__ import annotations

from conftest import ends_apart
from jekyll_compat.liquid_engine import render

A = "a" * 100
NESTED = '{{ (1..10000) | group_by_exp: "i", "(1..10000) | group_by_exp: \'j\', \'j\' | size" | size }}'
FAN_OUT = {**{f"a{i}.html": f"{{% include a{i + 1}.html %}}" * 10 for i in range(8)}, "a8.html": ""}
REPLACED = ('{% for i in (1..10000) %}{{ "' + A + '" | replace: "a", "' + A + '" | replace: "a", "'
            + A + '" | replace: "a", "' + A + '" | size }} {% endfor %}')


def kept_at(result, text: str, line: int, words: str) -> bool:
    """The page kept as written, with one tag listed at ``line`` saying ``words``."""
    return result.text == text and len(result.dropped) == 1 and result.dropped[0].line == line \
        and words in result.dropped[0].tag


def test_expressions_inside_expressions_share_one_budget() -> None:
    """``group_by_exp`` in ``group_by_exp``: each render under 10,000 items, 10^8 together."""
    assert ends_apart("from jekyll_compat.liquid_engine import render\n"
                      f"text = 'Words.\\n\\n' + {NESTED!r} + '\\n'\n"
                      "r = render(text, {}, {}, first_line=5)\n"
                      "sys.exit(0 if r.text == text and r.dropped[0].line == 7 "
                      "and 'steps of work' in r.dropped[0].tag else 3)", limit=60)


def test_includes_of_includes_are_counted_together() -> None:
    """Ten includes of a file that includes ten more, nine deep: never deeper than the depth
    limit, never a word of output, 10^8 renders."""
    assert ends_apart("from jekyll_compat.liquid_engine import render\n"
                      f"r = render('Words.\\n{{% include a0.html %}}\\n', {{}}, {{}}, includes={FAN_OUT!r})\n"
                      "sys.exit(0 if r.dropped[0].line == 2 and 'includes run more than 10,000 times' "
                      "in r.dropped[0].tag else 3)", limit=60)


def test_a_filter_never_makes_a_text_longer_than_a_page_may_be() -> None:
    """Three chained ``replace`` of 100 characters: 10^8 characters an output, each turn of
    the loop; refused before it is made."""
    assert ends_apart("from jekyll_compat.liquid_engine import render\n"
                      f"r = render('\\n' + {REPLACED!r}, {{}}, {{}})\n"
                      "sys.exit(0 if r.dropped[0].line == 2 and 'more than 2,000,000 characters' "
                      "in r.dropped[0].tag else 3)", limit=60)


def test_a_page_over_its_budget_is_kept_as_written_with_one_tag_said() -> None:
    text = "Intro {{ page.title }}.\n\n" + "{% for i in (1..10000) %}{% endfor %}\n" * 60 + "{{ 'x' | append: 'y' }}\n"
    assert kept_at(render(text, {"title": "T"}, {}), text, 53, "500,000 steps of work")
    big = "{{ 'ab' | replace: 'b', '" + "b" * 2000 + "' | replace: 'b', '" + "b" * 2000 + "' }}\n"
    assert kept_at(render(big, {}, {}), big, 1, "2,000,000 characters")
    joined = "{{ (1..10000) | join: '" + "," * 300 + "' }}\n"
    assert kept_at(render(joined, {}, {}), joined, 1, "2,000,000 characters")


def test_a_budget_is_a_pages_own_and_honest_work_fits() -> None:
    """Each page starts with a full budget; a site's ordinary loops and expressions run."""
    heavy = "{% for i in (1..10000) %}{% endfor %}\n" * 40
    data = {"data": {"people": [{"name": f"P{n}", "team": f"T{n % 20}"} for n in range(2000)]}}
    honest = ('{% assign teams = site.data.people | group_by_exp: "p", "p.team" %}'
              '{% for t in teams %}{% assign members = site.data.people | where: "team", t.name %}'
              '{{ members | size }} {% endfor %}{{ "a-b" | replace: "-", "+" | append: "!" }}')
    for _ in range(2):
        assert render(heavy, {}, {}).dropped == ()
    result = render(honest, {}, data)
    assert result.dropped == () and result.text == "100 " * 20 + "a+b!"


def test_a_list_put_inside_itself_is_refused_before_it_is_written() -> None:
    """``a | push: a`` doubles what writing ``a`` out makes each turn: 2^32 values, held
    in a few lists, that ``jsonify`` took hours to write."""
    doubled = ('{% assign a = "" | split: "" %}\n{% for i in (1..32) %}{% assign a = a | push: a %}'
               '{% endfor %}\n{{ a | jsonify | size }}\n')
    assert ends_apart("from jekyll_compat.liquid_engine import render\n"
                      f"r = render('Words.\\n' + {doubled!r}, {{}}, {{}})\n"
                      "sys.exit(0 if r.dropped[0].line == 3 and 'would hold more than 2,000,000 "
                      "values' in r.dropped[0].tag else 3)", limit=60)


def test_lists_too_deep_to_write_are_said_as_such() -> None:
    """5,000 lists each inside the next overflowed Python's stack as they were written: the
    page said only "maximum recursion depth exceeded", at its first line."""
    deep = ('Words.\n\n{% assign b = "" | split: "" %}\n{% for i in (1..5000) %}{% assign e = "" | split: "" %}'
            '{% assign b = e | push: b %}{% endfor %}\n{{ b | jsonify }}\n')
    assert kept_at(render(deep, {}, {}), deep, 4, "lists more than 100 deep")


def test_the_engines_own_marks_in_a_page_or_a_value_are_left_out() -> None:
    """``\\x030\\x04`` in a page's code spelled the engine's slot 0 inside slot 0: restoring it
    never ended. ``\\x0130000000\\x02`` in a title spelled a line mark, and the page was
    padded to 30 million lines. They are control characters no edition can hold."""
    assert ends_apart("from jekyll_compat.liquid_engine import render\n"
                      "r = render('`\\x030\\x04` {{ x }}\\nWords.\\n', {}, {})\n"
                      "t = render('{{ page.title }}\\nb\\n', {'title': '\\x0130000000\\x02'}, {})\n"
                      "e = render('{% echo page.title %}\\nb\\n', {'title': '\\x0130000000\\x02'}, {})\n"
                      "sys.exit(0 if r.text == '`0` \\nWords.\\n' and t.text == '30000000\\nb\\n' "
                      "and e.text == t.text else 3)", limit=60)
    assert render("`x` {{ page.title }}\n", {"title": "\x0399999\x04"}, {}).text == "`x` \n"


def test_tags_never_closed_are_read_once_not_once_each() -> None:
    """``{% assign a = (`` with no ``)%}`` after it, and a notice ``<div>`` never closed, were
    each read to the end of the page once per opener: 400 KB of them took minutes."""
    assert ends_apart("from jekyll_compat.liquid_engine import render\n"
                      "from jekyll_compat import notices\n"
                      "r = render('{% assign a = (' * 27000 + '\\nWords.\\n', {}, {})\n"
                      "text = '<div class=\"notice\">\\n\\n' * 18000\n"
                      "sys.exit(0 if 'Words.' in r.text and notices.boxes(text) == (text, ()) else 3)",
                      limit=60)


def test_each_tag_and_filter_the_engine_lacks_is_said_at_its_line() -> None:
    """Each unknown tag or filter stopped a run and the page was run again without it, 64
    times at most: a page of 700 was said as 64 and "the rest was not tried"."""
    text = "Words.\n" + "{{ x | nope }}\n" * 699 + "{% seo %} {{ 'a|b' | upcase }}\n"
    result = render(text, {}, {})
    assert [d.line for d in result.dropped] == list(range(2, 702))
    assert result.dropped[-1].tag == "{% seo %}" and result.text.endswith("{% seo %} A|B\n")
    hidden = render("{% comment %}{% seo %}{% endcomment %}Words.\n", {}, {})
    assert hidden.text == "Words.\n" and hidden.dropped == ()
