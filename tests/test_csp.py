"""The Content-Security-Policy: on every page, in every server example, and nothing breaks.

Every page of the real publication is opened in Debian's Chromium (Playwright) under the
policy its ``<meta>`` carries; the browser reports each thing it blocks as a
``securitypolicyviolation`` event, and there must be none, also while searching and on the
page a result leads to. A page with an inline script shows that the check can fail.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote_plus

from bs4 import BeautifulSoup

from test_a11y_html import browser, site  # noqa: F401  (shared fixtures: one server, one Chromium)
from test_hosting import HOSTING, fenced

from safety import csp

LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`));"""


def html_files(publication: Path) -> list[Path]:
    return sorted((publication / "html").rglob("*.html"))


def test_the_server_examples_send_the_policy() -> None:
    header = csp.header_value()
    assert "script-src 'self';" in header and "unsafe-inline" not in header.split("style-src")[0]
    text = HOSTING.read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {header}" in text
    for server in ("nginx", "apache", "caddy"):
        assert header in fenced(server), server


def test_every_page_carries_the_policy_before_any_script(publication: Path) -> None:
    for file in html_files(publication):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None and meta.find_parent("head"), file
        assert "frame-ancestors" not in meta["content"]  # ignored in a <meta>, and warned about
        first_script = soup.find("script")
        if first_script:
            assert meta.sourceline < first_script.sourceline or (
                meta.sourceline == first_script.sourceline and meta.sourcepos < first_script.sourcepos), file
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (file, script)
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (file, tag)


def open_page(browser, url: str):  # noqa: F811
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, console


def violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.__violations") + console


def test_every_page_runs_with_no_csp_violation(browser, site, publication):  # noqa: F811
    found = {}
    for file in html_files(publication):
        name = file.relative_to(publication / "html").as_posix()
        context, page, console = open_page(browser, site + quote_plus(name, safe="/"))
        if blocked := violations(page, console):
            found[name] = blocked
        assert page.evaluate("document.body.dataset.theme") == "auto" or name.endswith("404.html") \
            or "redirect" in name or page.evaluate("!!document.querySelector('meta[http-equiv=refresh]')"), name
        context.close()
    assert found == {}


def test_search_works_under_the_policy(browser, site):  # noqa: F811
    context, page, console = open_page(browser, site + "search.html?q=" + quote_plus("open government"))
    page.wait_for_selector("#search-results ul.search li a")
    first = page.locator("#search-results ul.search li a").first
    first.click()
    page.wait_for_load_state("load")
    assert "search.html" not in page.url  # the result led to its page
    assert violations(page, console) == []
    context.close()


def test_the_violation_check_can_fail(browser, tmp_path):  # noqa: F811
    page_file = tmp_path / "inline.html"
    page_file.write_text(f"<!doctype html><html><head>{csp.meta_tag()}</head><body>"
                         "<script>document.title = 'ran'</script></body></html>", encoding="utf-8")
    context, page, console = open_page(browser, page_file.as_uri())
    assert page.title() != "ran"
    assert any(re.match(r"script-src(-elem)? blocked inline", v) for v in violations(page, console))
    context.close()


def test_a_translated_page_has_its_plural_forms_without_eval(browser, site):  # noqa: F811
    """Sphinx compiles the catalog's plural rule with `new Function`, which the policy blocks;
    _static/plural.js reads the rule instead, for any gettext plural expression."""
    context, page, console = open_page(browser, site + "es/search.html")
    assert violations(page, console) == []
    spanish = page.evaluate("[0, 1, 2, 1000000].map(n => Documentation.PLURAL_EXPR(n))")
    assert spanish == [2, 0, 2, 1]  # es: "n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2"
    rules = {
        "(n != 1)": [1, 0, 1, 1, 1, 1],
        "0": [0, 0, 0, 0, 0, 0],
        "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)": [0, 1, 2, 3, 4, 5],
        "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)": [2, 0, 1, 2, 2, 1],
    }
    for rule, expected in rules.items():
        got = page.evaluate("r => [0, 1, 2, 5, 11, 102].map(Documentation.parsePlural(r))", rule)
        assert got == expected, rule
    for bad in ("alert(1)", "n; fetch('x')", "(n != 1", "constructor"):
        assert page.evaluate("r => { try { Documentation.parsePlural(r); return false } catch (e) { return true } }", bad), bad
    context.close()


def test_the_passage_controls_speak_the_pages_language(browser, site):  # noqa: F811
    """record.js writes its words from the page's <meta name="record-words">, translated at
    build time; the citations it shows stay English and say so (WCAG 3.1.2)."""
    for path, cite, title, lang in (("definition.html", "Cite", "Cite this passage", None),
                                    ("es/definition.html", "Citar", "Citar este pasaje", "en")):
        context, page, console = open_page(browser, site + path)
        button = page.locator("button.passage-cite").first
        assert (button.inner_text(), button.get_attribute("aria-label")) == (cite, title)
        button.click()
        dialog = page.locator("dialog.record-cite-dialog")
        dialog.wait_for(state="visible")
        assert dialog.locator("h2").inner_text() == title
        assert dialog.locator("textarea").first.get_attribute("lang") == lang
        assert violations(page, console) == []
        context.close()
