"""Old Jekyll sites' links in every edition: a full address on the site itself, and an
include's link whose Liquid printed no address."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import build_every_edition, write_pages

SITE = "https://library.citytech.cuny.edu"


def _editions(tmp_path: Path, index: str) -> tuple[dict, dict[str, BeautifulSoup], list[str]]:
    source = write_pages(tmp_path / "pages", {
        "_config.yml": f"title: Library services\nurl: \"{SITE}\"\nbaseurl: \"/services\"\n",
        "index.md": index,
        "circulation/index.md": "---\ntitle: Circulation\nposition: 1\n---\n\nBorrowing.\n",
        "circulation/calculators.md": "---\ntitle: Calculators\nposition: 1\n---\n\nNumbers.\n",
        "_includes/link.html": '<a href="{{ r.url }}">{{ r.title }}</a>\n',
    })
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    pages = {name: BeautifulSoup((tmp_path / "out" / name).read_text(encoding="utf-8"), "html.parser")
             for name in ("html/index.html", "epub/index.xhtml")}
    reader = PdfReader(next((tmp_path / "out" / "typst").glob("*.pdf")))
    uris = [str(a.get_object()["/A"].get("/URI", "")) for p in reader.pages
            for a in p.get("/Annots", []) or [] if "/A" in a.get_object()]
    return builds, pages, uris


def test_a_full_address_on_the_old_site_in_a_pages_html_leads_to_the_page(tmp_path: Path) -> None:
    """CityTech's library pages link to each other by their full address in raw HTML; in the
    ePub and PDF that left the book. A page's address now leads to the page in every edition;
    one that names no page stays the web address it was."""
    _, pages, uris = _editions(tmp_path, "---\ntitle: Home\nposition: 0\n---\n\n<p>Use the "
                               f'<a href="{SITE}/services/circulation/calculators.html">calculators</a> or '
                               f'<a href="{SITE}/services/nopage.html">the old page</a>.</p>\n')
    for name, tree in pages.items():
        hrefs = {a.get_text(): a.get("href", "") for a in tree.select("article a, body a")}
        assert hrefs["calculators"].startswith("circulation/calculators."), (name, hrefs)
        assert hrefs["the old page"] == f"{SITE}/services/nopage.html", (name, hrefs)
    assert f"{SITE}/services/nopage.html" in uris
    assert not any("calculators" in uri for uri in uris), uris


def test_a_link_its_include_gave_no_address_is_said_and_left_out(tmp_path: Path) -> None:
    """``<a href="{{ r.url }}">{{ r.title }}</a>`` with no entry found wrote
    ``<a href="" aria-label="">``: an empty link in the site and ePub, said as a nameless
    one. Now it is said at its line as a link with no address, and no edition keeps it."""
    builds, pages, uris = _editions(tmp_path, "---\ntitle: Home\nposition: 0\n---\n\nSee the list.\n\n"
                                    "{% include link.html %}\n\nMore words.\n")
    said = [line for line in builds["html"].warnings if "[rawhtml.link]" in line]
    assert len(said) == 1 and "index.md:8: WARNING:" in said[0] and "address is empty" in said[0], \
        builds["html"].output
    assert not any("named ''" in line for line in builds["html"].warnings), builds["html"].output
    for name, tree in pages.items():
        main = tree.select_one("article") or tree.body
        assert not main.find_all("a", href=""), (name, main)
        assert not [a for a in main.find_all("a") if not a.attrs and not a.get_text(strip=True)], (name, main)
        assert "More words." in main.get_text(), name
    assert "" not in uris
