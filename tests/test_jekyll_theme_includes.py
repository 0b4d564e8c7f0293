"""A minimal-mistakes site's content helpers come from the theme gem, not its ``_includes/``.

Shaped like minimal-mistakes' own docs (``docs/_docs/14-helpers.md``): a ``remote_theme``
site whose pages write ``{% include figure … %}``, ``{% include video … %}`` and
``{% include toc %}`` with no such file beside them. The picture and caption were shown
as a Liquid tag (or, alone on a line, not at all).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import sphinx_build, write_pages
from jekyll_compat import liquid_engine, theme_includes

MM = {"remote_theme": "mmistakes/minimal-mistakes@4.24.0"}


@pytest.mark.parametrize(("tag", "expected"), [
    ('{% include figure image_path="/assets/a.jpg" alt="A placeholder" caption="A **caption**." %}',
     "![A placeholder](/assets/a.jpg) A **caption**."),
    ('{% include video id="XsxDH4HcOWA" provider="youtube" %}',
     "[Video on YouTube](https://www.youtube.com/watch?v=XsxDH4HcOWA)"),
    ('{% include video id="212731897" provider="vimeo" %}', "[Video on Vimeo](https://vimeo.com/212731897)"),
    ('{% include toc icon="gears" title="Utility Classes" %}', ""),
    ("{% include base_path %}![b]({{ base_path }}/images/b.png)", "![b](/images/b.png)"),
])
def test_the_themes_helpers_are_its_content_as_markdown_on_one_line(tag: str, expected: str) -> None:
    result = liquid_engine.render(f"Before\n{tag}\nAfter", {}, {}, includes=theme_includes.of(MM))
    assert (result.text, result.dropped) == (f"Before\n{expected}\nAfter", ())


SPLASH = {  # minimal-mistakes' docs/_pages/splash-page.md and post-gallery.md, shortened
    "gallery": [{"url": "/a.jpg", "image_path": "/a-th.jpg", "alt": "placeholder image 1", "title": "Image 1"},
                {"image_path": "/b-th.jpg", "alt": "placeholder image 2"}],
    "intro": [{"excerpt": "Nullam suscipit et nam, *proin faucibus*."}],
    "feature_row": [{"image_path": "/f1.jpg", "alt": "customizable", "title": "Super Customizable",
                     "excerpt": "Everything can be set with **YAML**.", "url": "/docs/configuration/",
                     "btn_label": "Learn More"}, {"title": "Placeholder 3", "excerpt": "Sample content."}],
}


@pytest.mark.parametrize(("tag", "expected"), [
    ('{% include gallery caption="A **gallery**." %}',
     "![placeholder image 1](/a-th.jpg) ![placeholder image 2](/b-th.jpg) A **gallery**."),
    ("{% include feature_row %}", "![customizable](/f1.jpg) **Super Customizable** Everything can be set with "
     "**YAML**. [Learn More](/docs/configuration/) · **Placeholder 3** Sample content."),
    ('{% include feature_row id="intro" type="center" %}', "Nullam suscipit et nam, *proin faucibus*."),
])
def test_a_gallery_and_a_feature_row_show_their_front_matter_list(tag: str, expected: str) -> None:
    result = liquid_engine.render(f"Before\n{tag}\nAfter", SPLASH, {}, includes=theme_includes.of(MM))
    assert (result.text, result.dropped) == (f"Before\n{expected}\nAfter", ())


def test_a_list_an_include_shows_is_neither_listed_again_nor_reported() -> None:
    from jekyll_compat import frontdata

    body = '{% include feature_row id="intro" type="center" %}\n\n{% include gallery %}\n'
    assert theme_includes.lists_shown(body) == {"intro", "gallery"}
    shown, unshown = frontdata.classify(SPLASH, {"feature_row": 7}, body)
    assert shown == [] and [u.key for u in unshown] == ["feature_row"]  # this page shows no feature_row


@pytest.mark.parametrize("config", [{"theme": "minimal-mistakes-jekyll"}, MM, {"remote_theme": "MMistakes/Minimal-Mistakes"}])
def test_the_theme_is_known_by_either_name(config: dict) -> None:
    assert set(theme_includes.of(config)) == {"figure", "video", "toc", "base_path", "gallery", "feature_row"}


def test_another_theme_gives_none() -> None:
    assert theme_includes.of({"remote_theme": "just-the-docs/just-the-docs"}) == {} == theme_includes.of({})


def test_a_minimal_mistakes_page_shows_its_figure_and_the_sites_own_include_wins(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Docs\nremote_theme: mmistakes/minimal-mistakes@4.24.0\n",
        "_includes/video": "Our own video helper for {{ include.id }}.",
        "index.md": "---\ntitle: Helpers\n---\n\n{% include toc %}\n\nWill output the following:\n\n"
                    '{% include figure image_path="https://example.com/a.jpg" alt="a placeholder image" '
                    'caption="This is a figure caption." %}\n\n{% include video id="abc" provider="youtube" %}\n'})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert "[jekyll.liquid]" not in build.output
    text = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"),
                         "html.parser").select_one("article").get_text(" ", strip=True)
    assert "a placeholder image" in text and "This is a figure caption." in text
    assert "Our own video helper for abc." in text and "{%" not in text


def test_code_pygments_cannot_colour_is_shown_and_fails_no_strict_build(tmp_path: Path) -> None:
    """Jekyll's own docs (includes.md) show an include's template as ```liquid; Pygments
    stops at `max-width` and retried with a warning that failed a strict build."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Includes\n---\n\n```liquid\n<img style=\"max-width: {{ include.max-width }};\">\n```\n"})
    build = sphinx_build(source, tmp_path / "html", strict=True)
    assert build.returncode == 0, build.output
    code = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "{{ include.max-width }}" in code.select_one("article pre").get_text()


def test_an_include_that_highlights_its_argument_shows_the_example_and_its_code(tmp_path: Path) -> None:
    """Bootstrap Italia's docs (the Italian public administrations' design kit): each example
    is ``{% capture example %}<button>…{% endcapture %}{% include example.html content=example %}``
    and ``_includes/example.html`` draws the example, then shows its markup with
    ``{%- highlight html linenos -%}{{- include.content -}}{%- endhighlight -%}``. The engine
    knew no ``highlight`` tag inside an include, so each example was shown as its Liquid."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "markdown: kramdown\nhighlighter: rouge\npermalink: pretty\n",
        "_includes/example.html":
            '{%- assign preview_class = include.class -%}\n'
            '{%- if include.hide_preview == null -%}\n'
            '<div class="bd-example{% if preview_class %} {{ preview_class }}{% endif %}">\n'
            '{{- include.content -}}\n</div>\n{%- endif -%}\n\n'
            '{%- if include.hide_markup == null -%}\n{%- highlight html linenos -%}\n'
            '{{- include.content | replace: \'data-src="holder.js\', \'src="...\' -}}\n'
            '{%- endhighlight -%}\n{%- endif -%}\n',
        "index.md": "---\nlayout: docs\ntitle: Badge\n---\n\n## Variazioni contestuali\n\n"
                    "I badge possono essere utilizzati come contatori.\n\n"
                    "{% capture example %}\n<button type=\"button\" class=\"btn btn-primary\">\n"
                    "Notifiche <span class=\"badge badge-sm\">4</span>\n</button>\n"
                    "{% endcapture %}{% include example.html content=example %}\n\n"
                    "Aggiungi una delle seguenti classi.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert "[jekyll.liquid]" not in build.output, build.output
    article = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article[role=main]")
    [code] = article.select("pre")
    assert code.get_text().strip() == ('<button type="button" class="btn btn-primary">\n'
                                       'Notifiche <span class="badge badge-sm">4</span>\n</button>')
    words = " ".join(article.get_text(" ").split())
    assert "{%" not in words and "highlight" not in words, words
    assert words.index("contatori") < words.index("Notifiche 4") < words.index("Aggiungi"), words


def test_an_html_include_keeps_the_blank_lines_of_the_markdown_and_code_it_shows(tmp_path: Path) -> None:
    """Bootstrap Italia's ``callout.html`` is ``<div class="bd-callout">{{- include.content |
    markdownify -}}</div>``, given a capture of paragraphs and a heading. An included HTML
    file's blank lines are dropped (so Markdown reads it as one HTML block), and so were the
    blank lines of the Markdown it made: "Breaking feature dalla versione 2.4.0" and the next
    paragraph ran together as one, and a blank line of an example's code was lost."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "markdown: kramdown\n",
        "_includes/callout.html":
            '{%- assign css_class = include.type | default: "info" -%}\n'
            '<div class="bd-callout bd-callout-{{ css_class }}">{{- include.content | markdownify -}}</div>\n',
        "_includes/example.html":
            '<div class="bd-example">\n{{- include.content -}}\n</div>\n\n'
            '{%- highlight html -%}\n{{- include.content -}}\n{%- endhighlight -%}\n',
        "index.md": "---\ntitle: Callout\n---\n\n## Esempi\n\n"
                    "{% capture callout %}\nBreaking feature dalla versione **2.4.0**\n\n"
                    "Il contenitore `<div>` con classe `.callout` deve essere seguito da un ulteriore contenitore.\n"
                    "{% endcapture %}{% include callout.html content=callout type=\"danger\" %}\n\n"
                    "{% capture example %}\n<p>Primo paragrafo.</p>\n\n<p>Secondo paragrafo.</p>\n"
                    "{% endcapture %}{% include example.html content=example %}\n\n"
                    "Il Callout basico.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    article = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article[role=main]")
    paragraphs = [" ".join(p.get_text(" ").split()).rstrip(" ¶") for p in article.select("p")]
    assert "Breaking feature dalla versione 2.4.0" in paragraphs, paragraphs
    assert any(p.startswith("Il contenitore <div> con classe .callout") for p in paragraphs), paragraphs
    [code] = article.select("pre")
    assert code.get_text().strip() == "<p>Primo paragrafo.</p>\n\n<p>Secondo paragrafo.</p>"


def test_a_highlight_inside_an_included_element_is_shown_as_code(tmp_path: Path) -> None:
    """Taiwan's government design system (nics-tw/guide): ``example-html.html`` is
    ``<div class="bg-subtle">`` around ``{% highlight html %}{{ include.content }}{% endhighlight %}``,
    given ``<script src="../character-count.js" defer>`` to show how to load a component. Fenced
    on the line after the ``<div>``, the code was read as the element's HTML: the example was
    left out as a script, and its unclosed tag hid the page's next words."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "timezone: Asia/Taipei\n",
        "_includes/example-html.html": '<div class="bg-subtle overflow-auto f6 ph3 pv3">\n'
                                       "  {% highlight html %}{{ include.content }}{% endhighlight %}\n</div>\n",
        "index.md": "---\ntitle: 共用元件\n---\n\n#### 文字輸入區塊\n\n下載檔案並選擇性使用下方程式碼匯入：\n\n"
                    '{% capture html %}<script src="../character-count.js" defer>{% endcapture %}\n'
                    "{% include example-html.html content=html %}\n\n#### 公文元件\n\n下載檔案。\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert "[rawhtml." not in build.output, build.output
    article = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"),
                            "html.parser").select_one("article[role=main]")
    [code] = article.select("pre")
    assert code.get_text().strip() == '<script src="../character-count.js" defer>'
    assert [h.get_text().rstrip("¶") for h in article.select("h2, h3")] == ["文字輸入區塊", "公文元件"]
    assert "下載檔案。" in article.get_text()
