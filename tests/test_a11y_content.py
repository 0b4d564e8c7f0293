"""WCAG on the pages staff and old sites write, not only on ours: axe-core in Chromium.

``test_a11y_html.py`` checks the real publication, whose pages this team wrote. The
real sites rebuilt from stored repositories (rob550's course pages, academicpages, a
jekyll-now blog) showed what it never had: wide tables and long formulas in boxes a
keyboard could not scroll, Furo's red "ERROR" box over every kramdown contents list, and
picture links a screen reader could not name. The project below is shaped like those
pages; every page it builds must pass axe at a phone's and a desktop's width.
"""

from __future__ import annotations

import base64
import functools
import http.server
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import node_tool, require_tool, sphinx_build

CHROMIUM = "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
WIDE_ROW = " | ".join(["supercalifragilisticexpialidocious-measurement"] * 6)

PAGES = {
    "_config.yml": "title: Course pages\n",
    "index.md": "---\ntitle: Home\nposition: 1\n---\n\nWelcome.\n",
    "hardware.md": f"""---
title: Hardware
position: 2
---

### Contents
* TOC
{{:toc}}

## Specifications

| a | b | c | d | e | f |
|---|---|---|---|---|---|
| {WIDE_ROW} |

## The arm

<a class="image-link" href="/assets/arm.png"><img src="/assets/arm.png" alt="" style="max-width:600px;"/>
</a>

<a class="image-link" href="/assets/gone.png"><img src="/assets/gone.png" alt=""/>
</a>

See the <a href="/no/such/page/">old parts list</a> and [![](assets/arm.png)](assets/arm.png).

Inline: <a href="/assets/arm.png"><img src="/assets/arm.png" alt="The arm from above"></a>.

<div class="parts">
<h4>Parts</h4>
<p>The gripper and the camera.</p>
</div>
""",
    "maths.md": """---
title: Maths
position: 3
math: true
---

```{contents}
```

## A long formula

$$
x = a_1 + a_2 + a_3 + a_4 + a_5 + a_6 + a_7 + a_8 + a_9 + a_{10} + a_{11} + a_{12} + a_{13} + a_{14} + a_{15} + a_{16} + a_{17} + a_{18} + a_{19} + a_{20}
$$
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, str, Path]:
    """The website built from :data:`PAGES`: its folder, Sphinx's output, the pages' folder."""
    source = tmp_path_factory.mktemp("a11y-content")
    for name, text in PAGES.items():
        (source / name).write_text(text, encoding="utf-8")
    (source / "assets").mkdir()
    (source / "assets" / "arm.png").write_bytes(PNG)
    built = sphinx_build(source, source.parent / "a11y-content-html", strict=False)
    assert built.returncode == 0, built.output
    return built.outdir, built.output, source


def soup(site: tuple[Path, str, Path], page: str) -> BeautifulSoup:
    return BeautifulSoup((site[0] / page).read_text(encoding="utf-8"), "html.parser")


def test_scrolling_boxes_can_be_reached_from_the_keyboard(site):
    boxes = [box for page in ("hardware.html", "maths.html")
             for box in soup(site, page).select("div.table-wrapper, div.math-wrapper")]
    assert len(boxes) == 2
    assert all(box.get("tabindex") == "0" for box in boxes)
    # A screen reader tabbing to a box says what it is, not only "group" or nothing at all
    assert [(box.get("role"), box.get("aria-label")) for box in boxes] == [("region", "Table"),
                                                                         ("region", "Formula")]


def test_contents_lists_are_shown_without_furos_error_box(site):
    lists = [soup(site, page).select_one("nav.contents") for page in ("hardware.html", "maths.html")]
    assert all(found is not None for found in lists)
    furo_css = (site[0] / "_static" / "styles" / "furo.css").read_text(encoding="utf-8")
    assert ".contents:not(.this-will-duplicate-information-and-it-is-still-useful-here)" in furo_css
    assert all("this-will-duplicate-information-and-it-is-still-useful-here" in found["class"]
               for found in lists)


def accessible_name(link) -> str:
    pictures = " ".join(img.get("alt", "") for img in link.find_all("img"))
    return " ".join([link.get_text(" ", strip=True), pictures, link.get("aria-label", "")]).strip()


def test_every_link_has_a_name_and_none_leads_nowhere(site):
    page = soup(site, "hardware.html")
    links = page.select("article a[href]")
    assert links
    assert [str(link) for link in links if not accessible_name(link)] == []
    assert not page.select('a[href^="/no/"], a[href="/assets/gone.png"]')
    assert "old parts list" in page.get_text()  # the words of the link that led nowhere stay
    arm = [link for link in links if link.find("img") is not None]
    assert {accessible_name(link) for link in arm} >= {"arm.png", "The arm from above"}


def test_headings_in_page_html_skip_no_level(site):
    levels = [int(h.name[1]) for h in soup(site, "hardware.html").select("article :is(h1, h2, h3, h4, h5, h6)")]
    assert levels == [1, 2, 2, 2, 3]  # the <h4> under "## The arm" is written as an <h3>
    assert "Parts" in soup(site, "hardware.html").select("article h3")[-1].get_text()


def test_the_epub_keeps_no_name_on_a_link_it_unlinked(site, tmp_path):
    built = sphinx_build(site[2], tmp_path / "epub", "epub", strict=False)
    assert built.returncode == 0, built.output
    page = BeautifulSoup((tmp_path / "epub" / "hardware.xhtml").read_text(encoding="utf-8"), "html.parser")
    assert page.select('a[aria-label]:not([href])') == []
    assert any(a.get("aria-label") is None and a.find("img") for a in page.select("a:not([href])"))


def test_each_picture_points_at_its_copy(site):
    page = soup(site, "hardware.html")
    shown = [img["src"] for img in page.select("article img")]
    assert shown and all(src.startswith("_images/") and (site[0] / src).is_file() for src in shown)


def test_staff_are_told_where_a_link_had_no_name(site):
    output = site[1]
    assert "hardware.md:24: WARNING: the link to 'assets/arm.png' shows only a picture" in output
    assert "[link.nameless]" in output
    assert "hardware.md:18: WARNING: this page's HTML was changed: the link to '/assets/arm.png' " \
           "shows nothing a screen reader can say" in output


@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(_Quiet, directory=str(site[0]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep the test output for test results."""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_pages_shaped_like_real_sites(served, width, scheme):
    require_tool(CHROMIUM, "axe-core runs in Debian's Chromium")
    axe = node_tool("axe-core/axe.min.js", "axe-core checks every page").read_text(encoding="utf-8")
    from playwright.sync_api import sync_playwright

    found = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                      bypass_csp=True)  # axe is injected as an inline script
        page = context.new_page()
        for name in ("index.html", "hardware.html", "maths.html"):
            page.goto(served + name)
            page.add_script_tag(content=axe)
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                                   WCAG_TAGS)
            if result["violations"]:
                found[name] = [f"{v['id']}: {[n['html'][:100] for n in v['nodes']]}"
                               for v in result["violations"]]
        browser.close()
    assert found == {}


# Each change to the search's summary, seen from the page: whether it was already a status
# region, and whether its words came in a later task than the summary itself.
SUMMARY_WATCH_JS = """(() => {
  window.summaryChanges = [];
  let batch = 0;
  new MutationObserver(records => {
    batch += 1;
    for (const record of records) {
      const target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const added = [...record.addedNodes].filter(n => n.nodeType === 1 && n.matches('p.search-summary'));
      for (const summary of added) window.summaryChanges.push({added: true, batch});
      if (target && target.matches('p.search-summary') && target.textContent.trim())
        window.summaryChanges.push({words: target.textContent, role: target.getAttribute('role'), batch});
    }
  }).observe(document, {childList: true, subtree: true, characterData: true});
})();"""


@pytest.mark.parametrize("query, said", [("arm", "Search finished, found one page"),
                                         ("zzzqqq", "Your search did not match any documents")])
def test_the_search_summary_is_a_status_screen_readers_say(served, query, said):
    """searchtools.js wrote the summary into a ``<p>`` with no role: the result of a search
    was never announced (WCAG 4.1.3). A search that finds nothing wrote its words in the task
    that added the summary, before any script could make it a live region."""
    require_tool(CHROMIUM, "the search runs in Debian's Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()  # the site's Content-Security-Policy holds: no inline script
        page.add_init_script(SUMMARY_WATCH_JS)
        page.goto(served + "search.html?q=" + query)
        status = page.get_by_role("status")
        status.filter(has_text=said).wait_for()
        changes = page.evaluate("window.summaryChanges")
        browser.close()
    [added] = [change for change in changes if change.get("added")]
    worded = [change for change in changes if "words" in change]
    assert worded and all(change["role"] == "status" and change["batch"] > added["batch"] for change in worded)
