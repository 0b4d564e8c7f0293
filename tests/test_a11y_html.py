"""The website's accessibility gate: axe-core, the Nu HTML checker and a keyboard-only reader.

Every page of the real publication is served from 127.0.0.1 and opened in Debian's
Chromium (Playwright, ``executable_path``: no browser download), in the light and the
dark color scheme, at a phone and a desktop width. Nothing here uses the mouse.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from conftest import JAVA_QUICK_START, node_tool, page, require_tool, sphinx_build, write_pages

CHROMIUM = "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"phone": {"width": 320, "height": 640}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")
QUERY = "open government"

# Which elements a keyboard user can reach, and whether one is on screen, seen by the page.
CONTROLS_JS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible';
  const controls = [...document.querySelectorAll(selector)]
    .filter(e => !e.disabled && e.tabIndex >= 0 && shown(e));
  controls.forEach((e, i) => e.dataset.kbd = String(i));
  return controls.map(e => e.outerHTML.slice(0, 120));
}"""
FOCUSED_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
    && r.top < innerHeight && r.left < innerWidth && s.visibility === 'visible';
  // Ours is a 3px outline; 'auto' is the browser's own two-tone ring, visible on any background.
  const ring = s.outlineStyle === 'auto' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
    || s.boxShadow !== 'none';
  return {kbd: e.dataset.kbd ?? null, html: e.outerHTML.slice(0, 120), onScreen, ring};
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Keep the test output for test results."""


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on 127.0.0.1 (search and fetch() need http, not file:)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def site(publication) -> Iterator[str]:
    """The built website of the real publication, served."""
    with serve(publication / "html") as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    require_tool(CHROMIUM, "axe-core and the keyboard tests run in Debian's Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    return node_tool("axe-core/axe.min.js", "axe-core checks every page").read_text(encoding="utf-8")


def site_pages(publication: Path) -> list[str]:
    """Every page, but of each frozen release (editions/<version>/) only its first page:
    the others are the bytes checked when that version was current, plus the same banner."""
    pages = sorted(p.relative_to(publication / "html").as_posix()
                   for p in (publication / "html").rglob("*.html"))
    assert {"index.html", "accessibility.html", "search.html"} <= set(pages)
    archived = [p for p in pages if p.startswith("editions/")]
    assert not archived or any(p.endswith("/index.html") for p in archived)
    return [p for p in pages if p not in archived or p.count("/") == 2 and
            p.endswith("/index.html")]


def new_page(browser, width: str, scheme: str = "light"):
    # axe-core is injected as an inline script, which the site's CSP forbids (test_csp.py)
    context = browser.new_context(viewport=WIDTHS[width], color_scheme=scheme, reduced_motion="reduce",
                                  bypass_csp=True)
    return context, context.new_page()


def show_search_results(page, site: str) -> None:
    page.goto(site + "search.html?q=" + quote_plus(QUERY))
    page.wait_for_selector("#search-results ul.search li a")


def axe_violations(page, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_on_any_page(browser, site, publication, axe_source, scheme, width):
    context, page = new_page(browser, width, scheme)
    found = {}
    for name in site_pages(publication):
        page.goto(site + name)
        if violations := axe_violations(page, axe_source):
            found[name] = violations
    show_search_results(page, site)
    if violations := axe_violations(page, axe_source):
        found["search.html (with results)"] = violations
    context.close()
    assert found == {}


# What sticks out sideways at 320 px. Drawers are off screen by design; data tables, code and
# formulas are the content WCAG lets scroll in two dimensions (Furo's whole .content scrolls
# too on a phone, so "inside a scroll box" would excuse everything).
OVERFLOW_JS = """() => [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  if (!r.width || getComputedStyle(e).visibility !== 'visible') return false;
  if (e.closest('.sidebar-drawer, .toc-drawer, .skip-to-content')) return false;
  if (e.closest('table, pre, .highlight, .math, .table-wrapper')) return false;
  return r.right > innerWidth + 1 || r.left < -1;
}).map(e => e.outerHTML.slice(0, 120))"""


def test_every_page_reflows_at_320_px_without_sideways_scrolling(browser, site, publication):
    """WCAG 1.4.10 Reflow, which axe cannot see: nothing wider than a 320 px screen."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for name in site_pages(publication):
        page.goto(site + name)
        if overflowing := page.evaluate(OVERFLOW_JS):
            wide[name] = overflowing
    context.close()
    assert wide == {}


def test_axe_gate_can_fail(browser, site, axe_source):
    """An image without a description must be reported, or the gate above proves nothing."""
    context, page = new_page(browser, "desktop")
    page.goto(site + "index.html")
    page.evaluate("() => document.querySelector('article').append(Object.assign("
                  "document.createElement('img'), {src: 'x.png'}))")
    assert any(v.startswith("image-alt") for v in axe_violations(page, axe_source))
    context.close()


def nu_checker(files: list[Path]) -> list[dict]:
    """Run vnu.jar on ``files``; return its error messages (warnings are advice, not failures)."""
    java = require_tool("java", "the Nu HTML checker runs on Java")
    vnu = node_tool("vnu-jar/build/dist/vnu.jar", "the Nu HTML checker validates every page")
    done = subprocess.run([java, *JAVA_QUICK_START, "-jar", str(vnu), "--errors-only", "--format", "json",
                           *map(str, files)], capture_output=True, text=True, check=False)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def test_nu_checker_finds_no_error_on_any_page(publication):
    pages = [publication / "html" / name for name in site_pages(publication)]
    errors = nu_checker(pages)
    assert [f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}" for e in errors] == []


def test_nu_checker_gate_can_fail(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="en"><title>x</title><p id="a"><p id="a">',
                      encoding="utf-8")
    assert any("Duplicate ID" in e["message"] for e in nu_checker([broken]))


# ---------------------------------------------------------------- keyboard only


def tab_through(page, limit: int) -> list[dict]:
    """Press Tab ``limit`` times from the top of the page; what had focus after each press."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if (focused := page.evaluate(FOCUSED_JS)) is not None:
            seen.append(focused)
    return seen


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_comes_first_and_leads_to_the_content(browser, site, width):
    context, page = new_page(browser, width)
    page.goto(site + "definition.html")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED_JS)
    assert "Skip to content" in first["html"] and first["onScreen"] and first["ring"]
    page.keyboard.press("Enter")
    # the fragment navigation completes after the key press returns (it lagged once in CI)
    page.wait_for_url(lambda url: url.endswith("#furo-main-content"), timeout=10_000)
    assert page.url.endswith("#furo-main-content")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('#furo-main-content') !== null")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_control_is_reached_by_tab_with_visible_focus(browser, site, publication, width):
    context, page = new_page(browser, width)
    missed, hidden, no_ring = {}, {}, {}
    for name in site_pages(publication):
        page.goto(site + name)
        controls = page.evaluate(CONTROLS_JS)
        focused = tab_through(page, len(controls) + 5)
        reached = {f["kbd"] for f in focused}
        if unreached := [html for i, html in enumerate(controls) if str(i) not in reached]:
            missed[name] = unreached
        if invisible := [f["html"] for f in focused if not f["onScreen"]]:
            hidden[name] = invisible
        if ringless := [f["html"] for f in focused if not f["ring"]]:
            no_ring[name] = ringless
    context.close()
    assert missed == {}, "controls the Tab key never reaches"
    assert hidden == {}, "focus landed on something off screen"
    assert no_ring == {}, "focus without a visible focus indicator"


def focus_by_tab(page, selector: str, limit: int = 60) -> None:
    """Press Tab until ``selector`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


@pytest.mark.parametrize(("toggle", "drawer"), [("Site navigation", ".sidebar-drawer"),
                                                ("Contents of this page", ".toc-drawer")])
def test_phone_drawers_open_and_close_by_keyboard(browser, site, toggle, drawer):
    context, page = new_page(browser, "phone")
    page.goto(site + "definition.html")
    button = f'button[aria-label="{toggle}"]:not(.toc-content-icon)'
    focus_by_tab(page, button)
    assert page.get_attribute(button, "aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.get_attribute(button, "aria-expanded") == "true"
    assert page.evaluate("d => document.querySelector(d).contains(document.activeElement)", drawer)
    assert page.evaluate(FOCUSED_JS)["onScreen"]
    page.keyboard.press("Escape")
    assert page.get_attribute(button, "aria-expanded") == "false"
    assert page.evaluate("s => document.activeElement.matches(s)", button)
    assert page.evaluate("d => getComputedStyle(document.querySelector(d)).visibility", drawer) == "hidden"
    context.close()


@pytest.mark.parametrize(("toggle", "drawer"), [("Site navigation", ".sidebar-drawer"),
                                                ("Contents of this page", ".toc-drawer")])
def test_phone_drawer_links_are_all_reached_by_tab_once_open(browser, site, toggle, drawer):
    context, page = new_page(browser, "phone")
    page.goto(site + "definition.html")
    focus_by_tab(page, f'button[aria-label="{toggle}"]:not(.toc-content-icon)')
    page.keyboard.press("Enter")
    controls = page.evaluate(CONTROLS_JS)
    inside = page.evaluate("d => [...document.querySelector(d).querySelectorAll('[data-kbd]')]"
                           ".map(e => e.dataset.kbd)", drawer)
    focused = [page.evaluate(FOCUSED_JS), *tab_through(page, len(controls) + 5)]  # opening focuses
    reached = {f["kbd"] for f in focused if f and f["onScreen"]}
    context.close()
    assert inside, "the open drawer shows no control"
    assert [controls[int(i)] for i in inside if i not in reached] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_search_works_without_a_mouse(browser, site, width):
    context, page = new_page(browser, width)
    page.goto(site + "index.html")
    if width == "phone":  # the search field is in the navigation drawer
        focus_by_tab(page, 'button[aria-label="Site navigation"]')
        page.keyboard.press("Enter")
    focus_by_tab(page, "input.sidebar-search")
    page.keyboard.type(QUERY)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "search.html" in page.url
    page.wait_for_selector("#search-results ul.search li a")
    focus_by_tab(page, "#search-results ul.search li a")
    target = page.evaluate("() => document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0].split("#")[0].endswith(target.split("?")[0].split("#")[0])
    assert QUERY.split()[0] in page.inner_text("#furo-main-content").lower()
    context.close()


# ---------------------------------------------------------------- WCAG 2.2: what axe cannot see

# 2.4.11 Focus Not Obscured (Minimum): some of the focused control shows, not only the sticky
# header above it. Points inside the control (within the window) are asked what is on top.
OBSCURED_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  if (!r.width || !r.height) return null;
  const xs = [r.left + 1, r.left + r.width / 2, r.right - 1];
  const ys = [r.top + 1, r.top + r.height / 2, r.bottom - 1];
  for (const x of xs) for (const y of ys) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const hit = document.elementFromPoint(x, y);
    if (hit && (hit === e || e.contains(hit) || hit.contains(e))) return null;
  }
  const top = document.elementFromPoint(r.left + r.width / 2, Math.max(0, r.top + r.height / 2));
  return e.outerHTML.slice(0, 100) + ' under ' + (top ? top.outerHTML.slice(0, 60) : 'nothing');
}"""


def test_focus_is_never_hidden_behind_the_sticky_header_on_a_phone(browser, site, publication):
    """Forwards and backwards (Shift+Tab scrolls a control to the top, under the header)."""
    context, page = new_page(browser, "phone")
    hidden = {}
    for name in site_pages(publication):
        page.goto(site + name)
        count = len(page.evaluate(CONTROLS_JS))
        found = []
        for key in ["Tab"] * (count + 2) + ["Shift+Tab"] * (count + 2):
            page.keyboard.press(key)
            if (obscured := page.evaluate(OBSCURED_JS)) is not None:
                found.append(f"{key}: {obscured}")
        if found:
            hidden[name] = found
    context.close()
    assert hidden == {}


def test_focus_check_can_fail(browser, site):
    """A control scrolled under the sticky header is reported, or the test above proves nothing."""
    context, page = new_page(browser, "phone")
    page.goto(site + "definition.html")
    page.locator("article p a[href]").first.focus()
    to_top = "() => document.activeElement.scrollIntoView({block: 'start', behavior: 'instant'})"
    page.evaluate(to_top)  # where Shift+Tab puts a control that was above the window
    assert page.evaluate(OBSCURED_JS) is None, "a11y.css keeps room for the header"
    page.add_style_tag(content="html { scroll-padding-top: 0 !important }")
    page.evaluate(to_top)
    assert page.evaluate(OBSCURED_JS) is not None
    context.close()


# 2.5.8 Target Size (Minimum): 24×24 CSS px, or a 24 px circle around it that touches no other
# target (nor another small target's circle); links inside a sentence are exempt.
TARGETS_JS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const box = e => e.getBoundingClientRect();
  const shown = e => { const r = box(e), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility === 'visible' && r.right > 0 && r.left < innerWidth; };
  const inline = e => {
    if (!getComputedStyle(e).display.startsWith('inline') || !e.parentElement) return false;
    const block = e.parentElement.closest('p, li, dd, dt, td, th, figcaption, blockquote, caption');
    return block !== null && block.textContent.trim() !== e.textContent.trim();
  };
  const targets = [...document.querySelectorAll(selector)].filter(shown);
  const centre = r => [r.left + r.width / 2, r.top + r.height / 2];
  const small = t => { const r = box(t); return r.width < 23.95 || r.height < 23.95; };
  const circleHits = (c, r) => {
    const dx = Math.max(r.left - c[0], 0, c[0] - r.right), dy = Math.max(r.top - c[1], 0, c[1] - r.bottom);
    return dx * dx + dy * dy < 12 * 12 - 0.01;
  };
  const bad = [];
  for (const t of targets) {
    if (!small(t) || inline(t)) continue;
    const c = centre(box(t));
    const crowded = targets.some(o => {
      if (o === t || o.contains(t) || t.contains(o)) return false;
      const r = box(o);
      if (circleHits(c, r)) return true;
      if (small(o) && !inline(o)) { const d = centre(r); return Math.hypot(d[0] - c[0], d[1] - c[1]) < 24 - 0.01; }
      return false;
    });
    if (crowded) bad.push(`${Math.round(box(t).width)}x${Math.round(box(t).height)} ${t.outerHTML.slice(0, 100)}`);
  }
  return bad;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_every_target_is_24_px_or_has_room_around_it(browser, site, publication, width):
    context, page = new_page(browser, width)
    small = {}
    for name in site_pages(publication):
        page.goto(site + name)
        if crowded := page.evaluate(TARGETS_JS):
            small[name] = crowded
    context.close()
    assert small == {}


def test_target_size_check_can_fail(browser, site):
    context, page = new_page(browser, "desktop")
    page.goto(site + "index.html")
    page.evaluate("() => document.querySelector('article').insertAdjacentHTML('afterbegin',"
                  " '<div><a href=\"#a\">1</a><a href=\"#b\">2</a></div>')")
    assert any(">1</a>" in t for t in page.evaluate(TARGETS_JS))
    context.close()


def test_a_links_own_label_keeps_the_words_it_shows(browser, axe_source, tmp_path):
    """WCAG 2.5.3 Label in Name: a page's ``<a aria-label="Keyboard Access">Click Here</a>``
    (an old accessibility guide's "passes" example, at any width) was named only by its label,
    so a speech-input user saying "click Click Here" could not reach it. Its name now starts
    with the words it shows, keeping the label after them, and the page is warned."""
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home", 1, 'Keyboard Access <a href="b.html" aria-label="Keyboard Access">Click '
                                    'Here</a>\n\n<p>Or <a href="b.html" aria-label="the bee page">More</a>.</p>\n\n'
                                    '<a href="b.html" aria-label="Go to the bee page">bee</a>\n'),
        "b.md": page("Bee", 2)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    assert any("Click Here" in w and "Keyboard Access" in w and "[rawhtml.label]" in w
               for w in build.warnings), build.warnings
    assert not any("Go to the bee page" in w for w in build.warnings), build.warnings
    context, tab = new_page(browser, "phone")
    with serve(tmp_path / "html") as address:
        tab.goto(address + "index.html")
        names = tab.evaluate("() => [...document.querySelectorAll('article a[href^=b][aria-label]')]"
                             ".map(a => a.getAttribute('aria-label'))")
        violations = axe_violations(tab, axe_source)
    context.close()
    assert names == ["Click Here (Keyboard Access)", "More (the bee page)", "Go to the bee page"]
    assert violations == []
