"""buildcache.titles: a title of plain text is rendered once, any other title every time."""

from __future__ import annotations

from docutils import nodes

from buildcache import titles


def counting_render():
    calls = []

    def render_partial(node):
        calls.append(node)
        return {"fragment": "", "title": f"<{node.astext() if node else ''}> #{len(calls)}"}
    return render_partial, calls


def test_a_plain_title_is_rendered_once_and_each_caller_gets_its_own_parts() -> None:
    render_partial, calls = counting_render()
    render = titles.memoise(render_partial)
    title = nodes.title("", "", nodes.Text("Bike "), nodes.emphasis("", "lanes"), nodes.literal("", "2024"))
    first = render(title)
    first["title"] = "changed by a caller"
    assert render(title) == {"fragment": "", "title": "<Bike lanes2024> #1"}
    assert len(calls) == 1


def test_a_title_whose_html_may_depend_on_the_page_is_rendered_every_time() -> None:
    render_partial, calls = counting_render()
    render = titles.memoise(render_partial)
    with_image = nodes.title("", "", nodes.Text("Map "), nodes.image(uri="map.png"))
    with_link = nodes.title("", "", nodes.reference("", "Budget", refuri="budget.html"))
    toc = nodes.bullet_list("", nodes.list_item("", nodes.Text("Contents")))
    for node in (with_image, with_image, with_link, with_link, toc, toc, None):
        render(node)
    assert calls == [with_image, with_image, with_link, with_link, toc, toc, None]
    assert not titles.renders_alike(with_image) and titles.renders_alike(nodes.title("", "Plain"))


def test_two_titles_with_the_same_words_are_kept_apart() -> None:
    render_partial, calls = counting_render()
    render = titles.memoise(render_partial)
    one, other = (nodes.title("", "", nodes.emphasis("", "Same")) for _ in range(2))
    assert render(one)["title"] == "<Same> #1"
    assert render(other)["title"] == "<Same> #2"
    assert render(one)["title"] == "<Same> #1"


def test_a_title_of_plain_words_takes_the_probes_parts_with_its_own_words() -> None:
    render_partial, calls = counting_render()
    render = titles.memoise(render_partial)
    for words in ("Support bicycle network", "Café 2024", "Bike lanes"):
        assert render(nodes.title("", words)) == {"fragment": "", "title": f"<{words}> #1"}
    assert [node.astext() for node in calls] == [titles._PROBE]
    for odd in ("Austin's plan", "A & B", "x--y", "Ends here.", 'Say "hi"', "a@b", "tab\there"):
        assert titles.words_only(nodes.title("", odd)) is None, odd
    assert titles.words_only(nodes.title("", "Plain", ids=["x"])) is None


def test_a_probe_not_shown_once_in_the_title_turns_the_shortcut_off() -> None:
    calls = []

    def render_partial(node):
        calls.append(node)
        return {"fragment": "", "title": node.astext() * 2}
    render = titles.memoise(render_partial)
    assert render(nodes.title("", "One"))["title"] == "OneOne"
    assert render(nodes.title("", "Two"))["title"] == "TwoTwo"
    assert [node.astext() for node in calls] == [titles._PROBE, "One", "Two"]
