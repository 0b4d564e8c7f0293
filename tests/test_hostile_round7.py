"""Round seven of a hostile page author and settings-giver: what the earlier rounds left open.

Each test is one hole found by building a minimal folder the way ``make`` does; what held
is listed in the round's report, not here.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import REPO, page, require_tool, sphinx_build, write_pages


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The project's Makefile, run for real (``make -n`` runs no recipe, so it exports nothing)."""
    command = [require_tool("make", "the Makefile is the command"), "-s", "-C", str(REPO), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, **(env or {})})


def test_a_dollar_in_a_setting_or_the_environment_runs_nothing_and_stays(tmp_path: Path) -> None:
    """Make expands a variable it exports to a recipe: `make page TITLE='Fees $5 …'` made the
    page "Fees …" (the `$5` gone without a word), and a `$(shell …)` in any value set on the
    command line or in the environment (a CI job's commit message) ran, though the Makefile
    reads every setting with `$(value …)` (its test used `make -n`, which exports nothing)."""
    source = write_pages(tmp_path / "pages", {"index.md": page("Home")})
    ran = {name: tmp_path / f"ran-{name}" for name in ("title", "source", "environment")}
    made = make("page", f"SOURCEDIR={source}", f"TITLE=Fees $5 and $$6 $(shell touch {ran['title']})",
                env={"CITY_NOTE": f"$(shell touch {ran['environment']})"})
    assert made.returncode == 0, made.stderr
    written = [p for p in source.glob("*.md") if p.name != "index.md"]
    assert len(written) == 1, written
    front = yaml.safe_load(written[0].read_text(encoding="utf-8").split("---")[1])
    assert front["title"] == f"Fees $5 and $$6 $(shell touch {ran['title']})", front
    # a `#` or `\\` the environment cannot carry literally: given as the argument instead
    again = make("page", f"SOURCEDIR={source}", "TITLE=Fee $5 #2 a\\#b", env={"SECTION": ""})
    assert again.returncode == 0, again.stderr
    titles = {yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])["title"]
              for p in source.glob("*.md")}
    assert "Fee $5 #2 a\\#b" in titles, titles
    built = make("html", f"SOURCEDIR={tmp_path / 'none'}$(shell touch {ran['source']})",
                 f"BUILDDIR={tmp_path / 'out'}")
    assert built.returncode == 2 and "is no folder" in built.stderr, built.stderr
    assert [name for name, file in ran.items() if file.exists()] == []


XHTML_SCRIPT = ('<?xml version="1.0"?>\n<{root}><x:script xmlns:x="http://www.w3.org/1999/xhtml">'
                'alert(document.domain)</x:script></{root}>\n')


def test_a_download_a_browser_renders_as_xml_or_a_server_runs_is_not_published(tmp_path: Path) -> None:
    """Only ``.xml`` of the XML family was refused: a feed, a map or a formula file (``.rss``,
    ``.kml``, ``.mathml``) is served as an XML type, which a browser shows as a document and
    runs its XHTML ``<script>`` on the site's address (GitHub Pages sends no CSP header for
    it). A ``.php`` file ran as a program on a host with PHP, ``.htaccess`` became the
    folder's Apache settings, and Apache serves ``report.html.bak`` as HTML (it types a file
    by every suffix it knows). Each is said and its words kept; the plain downloads stay."""
    files = {"feed.rss": XHTML_SCRIPT.format(root="rss"), "route.kml": XHTML_SCRIPT.format(root="kml"),
             "formula.mathml": XHTML_SCRIPT.format(root="math"), "shell.php": "<?php system($_GET['c']);",
             "shell.php.txt": "<?php system($_GET['c']);", ".htaccess": "AddType text/html .txt\n",
             "report.html.bak": "<script>alert(1)</script>"}
    fine = {"data.csv": "a,b\n1,2\n", "notes.txt": "<html>as text</html>", "site.html.zip": "PK\x03\x04",
            "report.pdf": "%PDF-1.4 a report"}
    links = " ".join(f"{{download}}`get {name} <{name}>`" for name in [*files, *fine])
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body=links + "\n"), **files, **fine})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    refused = [w for w in build.warnings if "[security.active-file]" in w]
    for name in files:
        assert [w for w in refused if f"'{name}'" in w and w.startswith(f"{source / 'index.md'}:")], \
            (name, build.warnings)
    published = {p.name for p in (tmp_path / "out" / "_downloads").rglob("*") if p.is_file()}
    assert published == set(fine), published
    text = " ".join(BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"),
                                  "html.parser").get_text().split())
    assert all(f"get {name}" in text for name in [*files, *fine])


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml" width="4" height="4">'
SVGS_THAT_LOAD = {
    # the style sheet's words after a child element are its text too (ElementTree: a tail)
    "tail.svg": '<style><g/>@import url(https://evil.example/track.css);</style>',
    "xhtml-style.svg": '<h:style><h:b/>@import "https://evil.example/track.css";</h:style>',
    # HTML elements an SVG never shows still act: a refresh leaves the City's address
    "refresh.svg": '<h:meta http-equiv="refresh" content="0;url=https://evil.example/login"/>',
    "srcset.svg": '<h:img srcset="https://evil.example/track.png 1x"/>',
}


def test_an_svg_whose_style_or_html_loads_another_site_is_not_published(tmp_path: Path) -> None:
    """An SVG is refused when it loads anything or holds HTML; a style sheet's ``@import``
    after a child element, an XHTML ``<meta http-equiv=refresh>`` (an open redirect on the
    site's address: GitHub Pages sends the file without a CSP) and ``srcset`` passed."""
    pictures = {name: SVG_OPEN + body + '<rect width="4" height="4"/></svg>'
                for name, body in SVGS_THAT_LOAD.items()}
    body = "\n\n".join(f"![Map {name}]({name})" for name in pictures)
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body=body + "\n"), **pictures,
                                            "fine.svg": SVG_OPEN + '<rect width="4" height="4"/></svg>'})
    (source / "index.md").write_text((source / "index.md").read_text(encoding="utf-8")
                                     + "\n![A plain map](fine.svg)\n", encoding="utf-8")
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "[security.svg]" in w]
    assert all(any(f"'{name}'" in w for w in said) for name in pictures), build.warnings
    published = {p.name for p in (tmp_path / "out" / "_images").glob("*.svg")}
    assert published == {"fine.svg"}, published
    text = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert all(f"Map {name}" in text for name in pictures)


def test_a_front_matter_link_with_a_scripting_address_is_its_words(tmp_path: Path) -> None:
    """A Jekyll page's front-matter list of links (shown at the end of the page, as its layout
    did) is added once the page is read, after safety's link check: `url: javascript:…` was a
    live link in the site and the ePub. It is its words now, said at its key."""
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Parks\n",
        "index.md": ("---\ntitle: Home\nlinks:\n  - title: Evil link\n    url: \"javascript:alert(1)\"\n"
                     "  - title: Data link\n    url: \"data:text/html,<script>alert(2)</script>\"\n"
                     "  - title: City link\n    url: https://austintexas.gov/\n---\n\nWelcome.\n"),
    })
    hrefs = {}
    for builder in ("html", "epub"):
        build = sphinx_build(source, tmp_path / builder, builder, strict=False, doctrees=tmp_path / "doctrees")
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
        if builder == "html":
            said = [w for w in build.warnings if "[security.url-scheme]" in w]
            assert len(said) == 2 and all(w.startswith(f"{source / 'index.md'}:3:") for w in said), \
                build.warnings
        name = "index.html" if builder == "html" else "index.xhtml"
        tree = BeautifulSoup((tmp_path / builder / name).read_text(encoding="utf-8"), "html.parser")
        hrefs[builder] = [a["href"] for a in tree.select("ul.front-matter-list a")]
        text = " ".join(tree.get_text().split())
        assert all(words in text for words in ("Evil link", "Data link", "City link")), text
    assert hrefs == {"html": ["https://austintexas.gov/"], "epub": ["https://austintexas.gov/"]}, hrefs


def test_a_redirect_is_never_written_at_a_web_servers_settings_or_a_hidden_name(tmp_path: Path) -> None:
    """`redirect_from: /.htaccess` wrote a folder `.htaccess/` (and `.htaccess.html`) at the
    site's top: Apache, set up as HOSTING.md says, reads `.htaccess` in every folder, finds
    no file, and refuses every address of the site (403). `web.config` is IIS's, `.user.ini`
    PHP's; a name starting with `.` is no address Jekyll ever published."""
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home"),
        "a.md": ("---\ntitle: Alpha\nposition: 1\nredirect_from:\n  - /.htaccess\n  - /web.config\n"
                 "  - /docs/.user.ini\n  - /.well-known/x/\n  - /old/\n---\n\nText.\n"),
    })
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [w for w in build.warnings if "[redirect.invalid]" in w]
    for old in ("/.htaccess", "/web.config", "/docs/.user.ini", "/.well-known/x/"):
        assert len([w for w in said if f"'{old}'" in w and w.startswith(f"{source / 'a.md'}:4:")]) == 1, \
            (old, build.warnings)
    written = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")}
    hidden = (".htaccess", ".user.ini", ".well-known", "web.config")
    assert not [p for p in written if any(part.startswith(hidden) for part in p.split("/"))], written
    assert "old/index.html" in written or "old.html" in written, written


def test_a_mail_link_that_attaches_a_readers_file_is_its_words(tmp_path: Path) -> None:
    """`mailto:…?attach=/etc/passwd` made some readers' mail programs attach that file of
    their computer to the message to the page's address: the link is left out in every
    edition, its words stay; a plain mail link stays."""
    body = ("Write to [the parks team](mailto:parks@austintexas.gov?subject=Hi&attach=/etc/passwd), "
            "to <mailto:a@austintexas.gov?%61ttachment=~/.ssh/id_rsa> or to "
            '<a href="mailto:b@austintexas.gov?Attach=%2Fetc%2Fshadow">the board</a>; '
            "[ask us](mailto:help@austintexas.gov?subject=attach) anything.\n")
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body=body)})
    for builder in ("html", "epub", "typst"):
        build = sphinx_build(source, tmp_path / builder, builder, strict=False, doctrees=tmp_path / "doctrees")
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
        if builder == "html":
            said = [w for w in build.warnings if "mail-attachment" in w or "attach=" in w]
            assert len(said) == 3 and all(w.startswith(f"{source / 'index.md'}:") for w in said), \
                build.warnings
    for name in ("html/index.html", "epub/index.xhtml"):
        tree = BeautifulSoup((tmp_path / name).read_text(encoding="utf-8"), "html.parser")
        hrefs = [a.get("href", "") for a in tree.select("article a, body a")]
        mail = [h for h in hrefs if h.startswith("mailto:")]
        assert len(mail) == 1 and mail[0].endswith("austintexas.gov?subject=attach"), hrefs
        text = " ".join(tree.get_text().split())
        assert all(w in text for w in ("the parks team", "the board", "ask us")), text
    from pypdf import PdfReader
    reader = PdfReader(next((tmp_path / "typst").glob("*.pdf")))
    uris = [str(a.get_object()["/A"].get("/URI", "")) for p in reader.pages
            for a in p.get("/Annots", []) or [] if "/A" in a.get_object()]
    assert {u for u in uris if u.startswith("mailto:")} == {"mailto:help@austintexas.gov?subject=attach"}, uris
