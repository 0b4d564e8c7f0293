"""Editions of record, end to end on a small project of its own (issue 12's "done when").

Release 1.0.0, edit one paragraph, see ``make release`` refuse the same version, release
1.1.0, publish: both releases are online and byte-identical to their freeze (the archive
banner is the only addition to a page, and taking it out gives the frozen bytes back),
What changed shows exactly that edit, the other passages keep their ids, the old id of
the edited passage leads to 1.0.0, and each passage's PDF page is where its words are.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import REPO, set_version
from test_a11y_html import browser, serve  # noqa: F401  (one Chromium, one way to serve a site)

from publication import checksums
from record import publish

CHAPTER = """---
title: Open data
position: 1
---

The City publishes its data so that anyone can check the numbers.

Sensors count bicycles on Shoal Creek every fifteen minutes.

- Counts are published daily.
- Errors are corrected in the open.

> Data is a public good.

## Who uses it

Researchers, reporters and neighbours use the counts to ask better questions.
"""
SPANISH = """msgid ""
msgstr ""
"Language: es\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "The City publishes its data so that anyone can check the numbers."
msgstr "La Ciudad publica sus datos para que cualquiera pueda comprobar las cifras."
"""
EDITED = ("Sensors count bicycles on Shoal Creek every fifteen minutes.",
          "Sensors count bicycles and scooters on Shoal Creek every five minutes.")


def make(project: Path, *targets: str) -> subprocess.CompletedProcess:
    venv = Path(sys.executable).parents[1]
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(["make", "-C", str(REPO), *targets, f"CONFDIR={project}",
                           f"SOURCEDIR={project / 'source'}", f"BUILDDIR={project / '_build'}",
                           f"VENV={venv}", "JOBS=1"], capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """The project after releasing 1.0.0 and 1.1.0 and publishing both."""
    project = tmp_path_factory.mktemp("record") / "project"
    (project / "source").mkdir(parents=True)
    shutil.copy(REPO / "conf.py", project / "conf.py")
    for name in ("_ext", "_static", "_templates"):
        (project / name).symlink_to(REPO / name)
    shutil.copy(REPO / "CITATION.cff", project / "CITATION.cff")
    set_version(project, "1.0.0", "2026-11-25")
    (project / "CHANGES.md").write_text("# Release notes\n\n## 1.0.0\n\nFirst release.\n",
                                        encoding="utf-8")
    source = project / "source"
    (source / "index.md").write_text("---\ntitle: Small city\n---\n\nA small publication.\n",
                                     encoding="utf-8")
    (source / "data.md").write_text(CHAPTER, encoding="utf-8")
    (source / "editions.md").write_text(
        "---\ntitle: Editions\nposition: 2\n---\n\n```{releases}\n```\n", encoding="utf-8")
    catalogs = source / "locales" / "es" / "LC_MESSAGES"  # a Spanish site, frozen in each release
    catalogs.mkdir(parents=True)
    (catalogs / "data.po").write_text(SPANISH, encoding="utf-8")

    first = make(project, "release")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "version 1.0.0 frozen" in first.stdout

    (source / "data.md").write_text(CHAPTER.replace(*EDITED), encoding="utf-8")
    refused = make(project, "release")
    assert refused.returncode != 0
    assert "the text differs from version 1.0.0, which is released, and CITATION.cff still says 1.0.0" \
        in refused.stderr and "[record.unreleased-text]" in refused.stderr  # the strict build stops it
    lenient = make(project, "release", "STRICT=0")  # and make release itself refuses it
    assert lenient.returncode != 0 and "the text changed since version 1.0.0 was released" in lenient.stderr
    assert not (project / "editions" / "1.1.0").exists()

    set_version(project, "1.1.0", "2026-11-27")
    with (project / "CHANGES.md").open("a", encoding="utf-8") as notes:
        notes.write("\n## 1.1.0\n\nScooters are counted too.\n")
    second = make(project, "release")
    assert second.returncode == 0, second.stdout + second.stderr
    published = make(project, "html")
    assert published.returncode == 0, published.stdout + published.stderr
    return project


def site(project: Path) -> Path:
    return project / "_build" / "html"


def passages(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "passages.json").read_text(encoding="utf-8"))
    return {p["id"]: p for p in data["passages"] if p["chapter"] == "data"}


@pytest.mark.parametrize("version", ["1.0.0", "1.1.0"])
def test_each_release_is_online_byte_identical_to_its_freeze(released, version):
    frozen = released / "editions" / version
    online = site(released) / "editions" / version
    sums = checksums.read_sums(frozen / "SHA256SUMS")
    assert {"passages.json", "data.html", "changes/1.1.0.html" if version == "1.1.0"
            else "index.html"} <= set(sums)
    assert [n.rsplit(".", 1)[1] for n in sums if n.startswith("editions/") and "/" not in
            n[9:] and n.endswith((".pdf", ".epub"))] in (["epub", "pdf"], ["pdf", "epub"])
    for name, digest in sums.items():
        assert checksums.sha256(frozen / name) == digest, f"frozen {name} changed"
        data = (online / name).read_bytes()
        if name.endswith(".html"):
            assert publish.START in data, f"{name} has no archive banner"
            data = publish.strip_banner(data)
        import hashlib
        assert hashlib.sha256(data).hexdigest() == digest, f"{name} differs from the freeze"
    assert not any(n.startswith(("editions/1.", ".")) for n in sums)  # no nested releases


def test_the_archived_page_says_so_and_points_at_the_current_one(released):
    page = BeautifulSoup((site(released) / "editions" / "1.0.0" / "data.html").read_bytes(), "lxml")
    banner = page.select_one(".record-archive-banner")
    assert banner is not None and banner.get("role") == "note"
    assert "earlier edition" in banner.get_text() and "1.0.0" in banner.get_text()
    assert banner.a["href"] == "../../data.html"
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical.endswith("/data.html") and "/editions/" not in canonical


def test_what_changed_shows_exactly_the_edit(released):
    page = BeautifulSoup((site(released) / "changes" / "1.1.0.html").read_bytes(), "lxml")
    article = page.select_one("#what-changed")
    assert "1 passage changed, 0 passages added, 0 passages removed" in article.get_text(" ")
    changed = article.select("li.record-changed")
    assert len(changed) == 1
    deleted = [d.get_text() for d in changed[0].select("del")]
    inserted = [i.get_text() for i in changed[0].select("ins")]
    assert any("fifteen" in d and "[deleted:" in d for d in deleted)
    assert any("and scooters" in i and "[inserted:" in i for i in inserted)


def test_unchanged_passages_keep_their_ids_and_the_old_one_leads_to_1_0_0(released):
    old, new = passages(released / "editions" / "1.0.0"), passages(released / "editions" / "1.1.0")
    gone, came = set(old) - set(new), set(new) - set(old)
    assert len(gone) == 1 and len(came) == 1
    (gone_id,), (came_id,) = gone, came
    assert old[gone_id]["text"] == EDITED[0] and new[came_id]["text"] == EDITED[1]
    assert all(old[i]["text"] == new[i]["text"] for i in set(old) & set(new))
    assert new[came_id]["first_version"] == "1.1.0"
    assert all(new[i]["first_version"] == "1.0.0" for i in set(old) & set(new))
    history = json.loads((site(released) / "passage-history.json").read_text(encoding="utf-8"))
    assert history["data.html"][gone_id] == {"last": "1.0.0", "changed": "1.1.0",
                                             "url": f"editions/1.0.0/data.html#{gone_id}"}
    current = BeautifulSoup((site(released) / "data.html").read_bytes(), "lxml")
    assert current.find(id=gone_id) is None and current.find(id=came_id) is not None
    archived = BeautifulSoup((site(released) / "editions" / "1.0.0" / "data.html").read_bytes(),
                             "lxml")
    assert archived.find(id=gone_id) is not None


def test_each_passage_is_on_the_pdf_page_it_names(released):
    pdf = next((released / "editions" / "1.1.0" / "editions").glob("*.pdf"))
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages]
    data = json.loads((released / "editions" / "1.1.0" / "passages.json").read_text("utf-8"))
    checked = 0
    for item in data["passages"]:
        if item["kind"] not in ("paragraph", "list item", "heading") or item["pdf_page"] is None:
            continue
        words = " ".join(item["text"].split()[:4])
        assert words in pages[item["pdf_page"] - 1], (item["id"], words, item["pdf_page"])
        assert item["page"] and f"p. {item['page']}" in item["cite"]["APA 7"]
        checked += 1
    assert checked >= 6


def test_the_editions_page_lists_releases_newest_first(released):
    page = BeautifulSoup((site(released) / "editions.html").read_bytes(), "lxml")
    text = page.select_one("article").get_text(" ")
    assert "kept for reference" in text and "not updated" in text
    assert text.index("Version 1.1.0") < text.index("Version 1.0.0")
    assert "Scooters are counted too." in text and "First release." in text
    assert re.search(r"PDF of version 1\.0\.0\s+\(\d+\.\d kB\)\. SHA-256:\s+[0-9a-f]{64}", text)


# ---------------------------------------------------------------- in a browser, keyboard only

@pytest.fixture(scope="module")
def served(released):
    """The published site over HTTP (the page script fetches passages.json)."""
    with serve(site(released)) as address:
        yield address


def test_cite_this_passage_by_keyboard(released, served, browser):
    new = passages(released / "editions" / "1.1.0")
    ident = next(i for i, p in new.items() if p["text"] == EDITED[1])
    page = browser.new_page()
    page.goto(served + "data.html")
    link = page.locator(f'a.passage-link[href="#{ident}"]')
    assert link.get_attribute("aria-label") == "Link to this passage"
    assert link.evaluate("e => getComputedStyle(e).opacity") == "0"
    link.focus()
    assert link.evaluate("e => getComputedStyle(e).opacity") == "1"
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.2 target size
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Cite"
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.record-cite-dialog")
    dialog.wait_for(state="visible")
    assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"
    apa = page.evaluate("() => document.activeElement.value")
    assert "(Version 1.1.0, p. " in apa
    assert apa.endswith(f"/editions/1.1.0/data.html#{ident}")
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.textContent") == "Cite"
    page.close()


def test_an_old_passage_link_says_where_the_passage_went(released, served, browser):
    old = passages(released / "editions" / "1.0.0")
    gone = next(i for i, p in old.items() if p["text"] == EDITED[0])
    page = browser.new_page()
    page.goto(served + f"data.html#{gone}")
    notice = page.locator(".record-gone")
    notice.wait_for(state="visible")
    assert "This passage changed in version 1.1.0" in notice.inner_text()
    assert notice.get_attribute("role") == "status"
    href = notice.locator("a").get_attribute("href")
    assert href == served + f"editions/1.0.0/data.html#{gone}"
    page.goto(href)
    assert page.locator(f"#{gone}").is_visible()
    page.close()


def test_the_new_pages_are_valid_html(released):
    from test_a11y_html import nu_checker

    pages = [site(released) / "changes" / "1.1.0.html", site(released) / "editions.html",
             site(released) / "data.html", site(released) / "editions" / "1.0.0" / "data.html"]
    errors = nu_checker(pages)
    assert [f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}"
            for e in errors] == []


def test_the_new_pages_pass_axe(released, served, browser):
    from test_a11y_html import WCAG_TAGS

    from conftest import node_tool
    source = node_tool("axe-core/axe.min.js", "axe-core checks the pages").read_text("utf-8")
    found = {}
    # axe-core is injected as an inline script, which the site's CSP forbids (test_csp.py)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for name in ("changes/1.1.0.html", "editions.html", "editions/1.0.0/data.html", "data.html"):
        page.goto(served + name)
        page.add_script_tag(content=source)
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                               WCAG_TAGS + ["wcag22aa"])  # target-size: the ¶ and Cite controls
        if result["violations"]:
            found[name] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    context.close()
    assert found == {}


def test_the_spanish_site_is_frozen_inside_each_release_and_links_its_archive_there(released):
    """A translation is published once, inside the release the English site publishes:
    the Spanish site copies no archive of its own, and its links, citations and the way
    to a passage that is gone all lead to ``editions/<version>/es/``."""
    spanish = site(released) / "es"
    assert not (spanish / "editions" / "1.0.0").exists()
    frozen = checksums.read_sums(released / "editions" / "1.0.0" / "SHA256SUMS")
    assert {"es/data.html", "es/passages.json", "es/editions/SHA256SUMS"} <= set(frozen)
    old = BeautifulSoup((site(released) / "editions" / "1.0.0" / "es" / "data.html").read_bytes(), "lxml")
    assert "La Ciudad publica sus datos" in old.get_text()
    page = BeautifulSoup((spanish / "editions.html").read_bytes(), "lxml")
    links = {a.get_text(): a["href"] for a in page.select("article a[href]")}
    assert links["Sitio web de la versión 1.0.0"] == "../editions/1.0.0/es/index.html"
    assert (spanish / links["Sitio web de la versión 1.0.0"]).resolve().is_file()
    assert (spanish / links["Qué cambió en la versión 1.1.0"]).resolve().is_file()
    now = json.loads((spanish / "passages.json").read_text(encoding="utf-8"))["passages"]
    assert all(p["url"].startswith("https://smartcity.austintexas.gov/editions/1.1.0/es/") for p in now)
    gone = json.loads((spanish / "passage-history.json").read_text(encoding="utf-8"))["data.html"]
    assert gone and all(e["url"].startswith("../editions/1.0.0/es/data.html#") for e in gone.values())
