"""No page reads a file of the build machine: every route is refused, the allowed ones work.

The bad-input catalogue checks each refusal's message; here one project tries every route
at once (and a symlink, which the catalogue cannot express) and nothing of the secret
reaches any file of the site, while includes inside the source folder and inside a
folder named in ``safe_include_paths`` still work.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import Fifo, page, sphinx_build, write_pages

from safety.paths import not_a_file, refused

SECRET = "CITY-SECRET-7f3a9"


def test_paths_inside_are_allowed_and_outside_refused(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "escape").symlink_to(tmp_path)
    assert refused("x.txt", src / "sub", src) is None
    assert refused("/sub/x.txt", src / "sub", src) is None  # Sphinx: / is the source folder
    assert refused("/x.txt", src, src, root_is_source=False) is not None  # docutils: the machine's /
    assert refused("../../x", src / "sub", src) is not None
    assert refused("escape/secret.txt", src / "sub", src) is not None  # a symlink that leads out
    assert refused("escape/secret.txt", src / "sub", src, [tmp_path]) is None
    assert refused("a\x00b", src, src) is not None


def test_no_route_reads_a_file_outside_and_the_allowed_ones_work(tmp_path: Path) -> None:
    write_pages(tmp_path / "private", {"secret.txt": SECRET, "secret.csv": f"a,{SECRET}\n"})
    write_pages(tmp_path / "shared", {"snippet.txt": "Shared snippet text."})
    attack = "\n\n".join([
        "```{literalinclude} ../private/secret.txt\n```",
        "```{include} ../private/secret.txt\n```",
        "```{csv-table} T\n:file: ../private/secret.csv\n```",
        "```{raw} html\n:file: ../private/secret.txt\n```",
        "```{eval-rst}\n.. include:: /../private/secret.txt\n```",
        "```{literalinclude} linked/secret.txt\n```",
        "![The secret](linked/secret.txt)",
        "![The secret](../private/secret.txt?raw=true)",
        "![The secret](linked/secret.txt#x)",
        "{download}`the secret <../private/secret.txt>`",
    ])
    fine = "\n\n".join([
        "```{literalinclude} snippets/code.txt\n```",
        "```{include} snippets/part.md\n```",
        "```{eval-rst}\n.. include:: /snippets/part.rst\n```",
        "```{literalinclude} ../shared/snippet.txt\n```",
    ])
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "attack.md": page("Attack", 1, body=attack),
        "fine.md": page("Fine", 2, body=fine),
        "snippets/code.txt": "print('inside code')",
        "snippets/part.md": "Inside Markdown part.",
        "snippets/part.rst": "Inside rST part.",
    })
    (source / "linked").symlink_to(tmp_path / "private")
    out = tmp_path / "out"
    build = sphinx_build(source, out, strict=False,
                         extra=("-D", f"safe_include_paths={tmp_path / 'shared'}",
                                "-D", "exclude_patterns=snippets/**,linked/**"))
    assert build.returncode == 0, build.output
    refusals = [line for line in build.warnings if "[security.file-outside]" in line]
    assert len(refusals) == 10, "\n".join(build.warnings)
    assert all(line.startswith(f"{source / 'attack.md'}:") for line in refusals)
    for file in out.rglob("*"):
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file
    text = " ".join(BeautifulSoup((out / "fine.html").read_text(encoding="utf-8"), "html.parser")
                    .get_text().split())
    for words in ("inside code", "Inside Markdown part.", "Inside rST part.", "Shared snippet text."):
        assert words in text
    attack_html = (out / "attack.html").read_text(encoding="utf-8")
    assert "The secret" in attack_html and "the secret" in attack_html  # the words stay


def test_a_pictures_query_or_fragment_is_not_part_of_its_file_name(tmp_path: Path) -> None:
    """GitHub's ``chart.png?raw=true`` and a cache-buster ``?v=2`` name ``chart.png``, as a
    browser reads them; they were refused as "no picture". A file named with the ``#``
    itself is still that file."""
    data = (Path(__file__).parent / "roots" / "epub-nasty" / "images" / "sensor.png").read_bytes()
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="![The chart](img/chart.png?raw=true)\n\n"
                                      "![Again](/img/chart.png#top)\n\n![Sharp](img/c#.png)\n"),
        "img/chart.png": data, "img/c#.png": data,
    })
    build = sphinx_build(source, tmp_path / "out")
    assert build.returncode == 0, build.output
    tree = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown = {img["alt"]: img["src"] for img in tree.select("article img")}
    assert shown["The chart"] == shown["Again"] == "_images/chart.png", shown
    assert shown["Sharp"].startswith("_images/c") and shown["Sharp"].endswith(".png"), shown
    assert (tmp_path / "out" / "_images" / "chart.png").read_bytes() == data


def test_a_file_links_query_is_not_part_of_its_file_name(tmp_path: Path) -> None:
    """``[the report](report.pdf?raw=true)`` (GitHub's address for a file) leads to the file,
    a page's ``?query`` to the page; an address outside the source folder is still refused."""
    write_pages(tmp_path / "private", {"secret.txt": SECRET})
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body=(
            "See [the report](docs/report.pdf?raw=true), [the plan](plan.md?v=2#budget) and "
            "[the secret](../private/secret.txt?raw=true).\n")),
        "plan.md": page("Plan", 1, body="Intro.\n\n## Budget\n\nNumbers.\n"),
        "docs/report.pdf": b"%PDF-1.4 a report",
    })
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert [w for w in build.warnings if "[security.file-outside]" in w and "index.md:" in w]
    assert not [w for w in build.warnings if "xref_missing" in w], build.warnings
    tree = BeautifulSoup((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {" ".join(a.get_text().split()): a.get("href") for a in tree.select("article p a")}
    assert links["the report"].endswith("/report.pdf") and "_downloads/" in links["the report"]
    assert links["the plan"] == "plan.html#budget", links
    assert "the secret" not in links and "the secret" in tree.select_one("article").get_text()
    for file in (tmp_path / "out").rglob("*"):
        assert not file.is_file() or SECRET.encode() not in file.read_bytes(), file


def test_a_page_cannot_run_python_through_myst_substitutions(tmp_path: Path) -> None:
    """``myst: enable_extensions: [substitution]`` made MyST render ``{{ … }}`` with Jinja, which
    ran ``id`` on the build machine and published its answer; now the braces are text."""
    marker = tmp_path / "ran"
    body = ("Before {% raw %}{{ cycler.__init__.__globals__.os.popen('touch " + str(marker)
            + "').read() }}{% endraw %} and {% raw %}{{ 7 + 7 }}{% endraw %} after.")
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "a.md": "---\ntitle: Alpha\nposition: 1\nmyst:\n  enable_extensions: [substitution]\n"
                "  substitutions:\n    k: \"{{ 7 * 7 }}\"\nsubstitutions:\n  j: x\n---\n\n" + body + "\n",
    })
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert not marker.exists(), "the page ran a command on the build machine"
    text = " ".join(BeautifulSoup((tmp_path / "out" / "a.html").read_text(encoding="utf-8"),
                                  "html.parser").get_text().split())
    assert "{{ 7 + 7 }}" in text and not re.search(r"\b14\b", text.replace(str(tmp_path), ""))
    assert sum("[math.page-setting]" in line for line in build.warnings) == 3, build.output


def test_a_page_linked_from_outside_the_source_folder_is_not_read(tmp_path: Path) -> None:
    """``passwd.md`` → ``/etc/passwd`` (or a linked folder of pages) published the file on the
    website, and ``make check`` printed its first line as advice."""
    import subprocess
    import sys

    from conftest import REPO

    write_pages(tmp_path / "private", {"secret.md": f"---\ntitle: Secret\nposition: 1\n---\n\n{SECRET}\n"})
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome.")})
    (source / "leak.md").symlink_to(tmp_path / "private" / "secret.md")
    (source / "linked").symlink_to(tmp_path / "private")
    out = tmp_path / "out"
    build = sphinx_build(source, out, strict=False)
    assert build.returncode == 0, build.output
    refusals = [line for line in build.warnings if "[security.file-outside]" in line]
    assert len(refusals) == 2 and all("outside the source folder" in line for line in refusals), build.output
    for file in [*out.rglob("*"), *(tmp_path / "out.doctrees").rglob("*")]:
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file
    check = subprocess.run([sys.executable, "-m", "pageorder.check", "-c", str(REPO), str(source)],
                           capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "_ext")})
    assert check.returncode == 1 and SECRET not in check.stdout + check.stderr
    assert f"{source / 'leak.md'}:1: the page is a link to" in check.stdout, check.stdout


def test_jekyll_site_files_linked_from_outside_are_not_read(tmp_path: Path) -> None:
    """``_data/city.yml`` → a file of the build machine put its values on the site through
    ``{{ site.data.city.secret }}`` (``_includes/`` already refused links)."""
    write_pages(tmp_path / "private", {"data.yml": f"secret: {SECRET}\ntitle: {SECRET}\n"})
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Values: {{ site.data.city.secret }} {{ site.title }}."),
    })
    (source / "_data").mkdir()
    (source / "_data" / "city.yml").symlink_to(tmp_path / "private" / "data.yml")
    (source / "_config.yml").symlink_to(tmp_path / "private" / "data.yml")
    out = tmp_path / "out"
    build = sphinx_build(source, out, strict=False)
    assert build.returncode == 0, build.output
    refusals = [line for line in build.warnings if "[security.file-outside]" in line]
    assert {line.split(":1:")[0] for line in refusals} == {
        str(source / "_data" / "city.yml"), str(source / "_config.yml")}, build.output
    for file in out.rglob("*"):
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file


def test_page_names_that_differ_only_in_case_are_said_once_and_both_built(tmp_path: Path) -> None:
    """``About.md`` and ``about.md`` are two pages here and one file on macOS, Windows and
    many web servers and zip readers: one page's words replaced the other's there, unsaid."""
    from safety.names import case_clashes

    assert [(c.docname, c.other, c.name, c.other_name) for c in case_clashes(
        ["About", "about", "Team/index", "team/y", "team/z", "team", "a/B", "a/b", "b/c"])] == [
        ("a/b", "a/B", "a/b", "a/B"), ("about", "About", "about", "About"),
        ("team/y", "Team/index", "team/", "Team/")]  # `team` the page is team.html, no folder
    assert case_clashes(["ﬁle", "file", "Straße", "STRASSE"]) == []  # a ligature is no case
    assert [c.name for c in case_clashes(["Ärger", "ärger"])] == ["ärger"]
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "About.md": page("About us", 1, body="Who we are."),
        "about.md": page("About the site", 2, body="How it is made.")})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0, build.output
    said = [line for line in build.warnings if "[security.name-case]" in line]
    assert len(said) == 1 and said[0].startswith(f"{source / 'about.md'}:1: WARNING: 'about.md' and 'About.md'")
    assert "Who we are." in (tmp_path / "html" / "About.html").read_text(encoding="utf-8")
    assert "How it is made." in (tmp_path / "html" / "about.html").read_text(encoding="utf-8")


def test_named_pipes_are_never_opened_and_each_is_said(tmp_path: Path) -> None:
    """A FIFO waits for a writer when opened: one as a page, picture, download, included file
    or the old site's ``_config.yml`` stopped the build for ever, with no word. Each is refused
    at its line, the rest of the page is built."""
    body = "\n\n".join(["Words before.", "![A map](map.png)", "{download}`Data <data.txt>`",
                         "```{literalinclude} code.txt\n```", "```{include} part.md\n```",
                         "```{csv-table} Table\n:file: table.csv\n```", "Words after."])
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."), "pipes.md": page("Pipes", 1, body=body),
        "pipe.md": Fifo(), "map.png": Fifo(), "data.txt": Fifo(), "code.txt": Fifo(),
        "part.md": Fifo(), "table.csv": Fifo(), "_config.yml": Fifo()})
    assert not_a_file(src / "map.png") and not_a_file(src / "pipes.md") is None
    assert not_a_file(src / "missing.txt") is None and not_a_file(src) is None

    build = sphinx_build(src, tmp_path / "out", strict=False, timeout=600)

    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    refused_at = sorted(int(line.split(": WARNING")[0].rsplit(":", 1)[1]) for line in build.warnings
                        if line.endswith("[security.not-a-file]") and "pipes.md:" in line)
    assert refused_at == [8, 10, 12, 15, 18], build.output  # picture, download, three directives
    assert any(line.startswith(f"{src / 'pipe.md'}:1: WARNING: 'pipe.md' is a named pipe")
               for line in build.warnings), build.output
    assert any(line.startswith(f"{src / '_config.yml'}:1: WARNING: '_config.yml' cannot be read "
                               "('_config.yml' is a named pipe") for line in build.warnings), build.output
    shown = (tmp_path / "out" / "pipes.html").read_text(encoding="utf-8")
    assert "Words before." in shown and "Words after." in shown and "A map" in shown
    assert not (tmp_path / "out" / "pipe.html").exists()


def test_a_linked_picture_shown_as_words_builds_in_every_edition(tmp_path: Path) -> None:
    """``:target:`` makes a picture a link standing alone around it: when the picture was
    refused, missing or on another site and shown as its words, the website's and the ePub's
    writer stopped with an AssertionError (a traceback, no edition)."""
    write_pages(tmp_path, {"outside.png": "not a picture"})
    pictures = [("../outside.png", "Outside map"), ("missing.png", "Missing map"),
                ("https://example.org/remote.png", "Remote map"), ("../outside.png", "")]
    body = "\n\n".join(f"```{{image}} {uri}\n:target: https://example.org/{n}\n" +
                        (f":alt: {alt}\n" if alt else "") + "```" for n, (uri, alt) in enumerate(pictures))
    body += "\n\n```{figure} ../outside.png\n:target: https://example.org/f\n:alt: Figure map\n\nIts caption.\n```"
    src = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."),
                                         "maps.md": page("Maps", 1, body=body)})
    for builder, page_file in (("html", "maps.html"), ("epub", "maps.xhtml"), ("typst", None)):
        build = sphinx_build(src, tmp_path / builder, builder, strict=False)
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
        if page_file:
            shown = BeautifulSoup((tmp_path / builder / page_file).read_text(encoding="utf-8"), "html.parser")
            links = {a["href"]: a.get_text() for a in shown.find_all("a", href=True)}
            assert {links.get(f"https://example.org/{n}") for n in range(3)} == {
                "Outside map", "Missing map", "Remote map"}, links
            assert links.get("https://example.org/f") == "Figure map" and "Its caption." in shown.get_text()
            # no words at all: the link shows its address (loose_links' link.nameless)
            assert links.get("https://example.org/3") == "https://example.org/3", links


def test_a_table_file_in_another_encoding_is_one_message_not_a_traceback(tmp_path: Path) -> None:
    """docutils let a wrong `:encoding:` of csv-table's `:file:` escape as a
    UnicodeDecodeError: a traceback, no edition (raw's says it itself)."""
    table = "```{csv-table} Costs\n:file: costs.csv\n:encoding: utf-32\n```"
    raw = "```{eval-rst}\n.. raw:: html\n   :file: part.html\n   :encoding: utf-32\n```"
    src = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."), "costs.csv": "a,b\n1,2\n",
                                         "part.html": "<p>Part</p>\n",
                                         "t.md": page("Table", 1, body=f"Before.\n\n{table}\n\n{raw}\n\nAfter.")})
    build = sphinx_build(src, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.warnings if "cannot be read as 'utf-32' text" in line]
    assert [line.split(": ERROR")[0] for line in said] == [f"{src / 't.md'}:8"], said
    assert "After." in (tmp_path / "out" / "t.html").read_text(encoding="utf-8")


def test_page_files_sphinx_never_finds_are_each_said_on_one_line(tmp_path: Path) -> None:
    """A line break in a page's file name (Sphinx's patterns stop at it) or a name in
    decomposed Unicode (Sphinx looks for the composed one) left the page out without a
    word, or with "Ignored unreadable document": each is said once at its file, on one
    line, and the other pages build."""
    from safety.names import unfindable, unfound_pages

    decomposed, composed = "cafe\u0301.md", "caf\u00e9.md"
    assert unfindable("\uf900.md") and not unfindable(composed)  # a compatibility ideograph: NFC changes it
    src = write_pages(tmp_path / "src", {
        "index.md": page("Home", body="Welcome."),
        "bad\nname.md": page("Broken", 1, body="Lost words."),
        "_drafts/old\nidea.md": page("Draft", body="Never published."),
        decomposed: page("Café", 2, body="Coffee."),
        "plan.md": page("Plan", 3, body="The plan."),
        "notes\n.txt": "not a page"})
    assert unfound_pages(str(src), [".md"], lambda p: True, lambda p: p.startswith("_")) == [
        "bad\nname.md", decomposed]
    assert unfound_pages(str(src), [".md"], lambda p: True, lambda p: p.startswith("_"),
                         ["_drafts"]) == ["bad\nname.md", decomposed, "_drafts/old\nidea.md"]

    build = sphinx_build(src, tmp_path / "out", strict=False)

    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.warnings if "[security.page-name]" in line]
    assert len(said) == 2, build.output
    assert said[0].startswith(f"{src}/bad\\nname.md:1: WARNING: the file name 'bad\\nname.md' "
                              "has a line break"), said
    assert said[1].startswith(f"{src / decomposed}:1: WARNING: the file name '{decomposed}' is "
                              "not in the composed Unicode form (NFC)"), said
    assert f"rename the file '{composed}' [security.page-name]" in said[1], said
    assert "unreadable" not in build.output, build.output
    assert "The plan." in (tmp_path / "out" / "plan.html").read_text(encoding="utf-8")

    write_pages(src, {composed: page("Café too", 4, body="Tea.")})
    build = sphinx_build(src, tmp_path / "out2", strict=True)
    assert build.returncode != 0, build.output
    assert any(f"'{decomposed}' is another file's name, '{composed}', in another Unicode form" in line
               for line in build.warnings), build.output


def test_a_link_to_a_folder_it_is_in_or_outside_the_pages_is_not_walked(tmp_path: Path) -> None:
    """Sphinx follows every link to a folder: ``again`` → ``.`` published every page forty
    times (``again/again/…/index``, to the system's limit on links) without a word, and
    ``root`` → ``/`` walked the whole machine before the first page (the build never ended).
    Neither is walked now; each is said once, at the link, by a build and by ``make check``."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    write_pages(tmp_path / "private", {"secret.md": page("Secret", 1, body=SECRET)})
    (tmp_path / "private" / "deeper").symlink_to(tmp_path / "private")  # a loop outside too
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome."),
                                            "guide/index.md": page("Guide", 1, body="Read me.")})
    for link, target in (("again", "."), ("guide/up", ".."), ("root", "/"),
                         ("private", str(tmp_path / "private"))):
        os.symlink(target, source / link)
    out = tmp_path / "out"
    build = sphinx_build(source, out, strict=False, timeout=300)
    assert build.returncode == 0, build.output
    said = sorted(line for line in build.warnings if "[security.folder-loop]" in line
                  or "[security.file-outside]" in line)
    assert said == sorted([
        f"{source / 'again'}:1: WARNING: the folder 'again' is a link to {source}, a folder it is "
        "in, so its pages would be read again and again: it is not read; delete the link [security.folder-loop]",
        f"{source / 'guide' / 'up'}:1: WARNING: the folder 'guide/up' is a link to {source}, a folder "
        "it is in, so its pages would be read again and again: it is not read; delete the link "
        "[security.folder-loop]",
        f"{source / 'private'}:1: WARNING: the folder 'private' is a link to {tmp_path / 'private'}, "
        "outside the source folder, so its pages are not read; copy the folder into the source "
        "folder instead of linking to it [security.file-outside]",
        f"{source / 'root'}:1: WARNING: the folder 'root' is a link to /, outside the source folder, "
        "so its pages are not read; copy the folder into the source folder instead of linking to it "
        "[security.file-outside]",
    ]), build.output
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")
                   if p.name not in ("404.html", "genindex.html", "search.html"))
    assert pages == ["guide/index.html", "index.html"], pages
    check = subprocess.run([sys.executable, "-m", "pageorder.check", "-c", str(REPO), str(source)],
                           capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "_ext")},
                           timeout=300)
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    for link in ("again", "guide/up", "private", "root"):
        assert f"{source / link}:1: the folder '{link}' is a link to" in check.stdout, check.stdout


def test_a_page_that_is_a_link_to_no_file_is_said_at_it(tmp_path: Path) -> None:
    """A page left as a link to a moved file, or two links to each other: Sphinx said
    "Ignored unreadable document 'gone.md'." with no line and no type (``suppress_warnings``
    could not name it, ``make check`` said nothing) and sent people to the file's permissions."""
    import os
    import subprocess
    import sys

    from conftest import REPO

    source = write_pages(tmp_path / "src", {"index.md": page("Home", body="Welcome.")})
    os.symlink("moved/away.md", source / "gone.md")
    os.symlink("b.md", source / "a.md")
    os.symlink("a.md", source / "b.md")
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert "unreadable" not in build.output, build.output
    said = [line for line in build.warnings if "WARNING" in line]
    assert said == [f"{source / name}:1: WARNING: the page is a link to {target}, which leads to no "
                    "file (moved or deleted, or links that lead round in a circle), so it is not "
                    "read; delete the link, or copy the page into its place [security.broken-link]"
                    for name, target in (("a.md", "b.md"), ("b.md", "a.md"), ("gone.md", "moved/away.md"))], said
    check = subprocess.run([sys.executable, "-m", "pageorder.check", "-c", str(REPO), str(source)],
                           capture_output=True, text=True, env={"PYTHONPATH": str(REPO / "_ext")})
    assert check.returncode == 1 and "Traceback" not in check.stderr, check.stderr
    for name in ("a.md", "b.md", "gone.md"):
        assert f"{source / name}:1: the page is a link to" in check.stdout, check.stdout


def test_an_include_that_finds_no_file_is_one_line_and_spoils_nothing_after_it(tmp_path: Path) -> None:
    """An rST ``include`` of a missing file gave docutils' message over two lines, and left the
    page's place unknown, so a later ``csv-table :file:`` stopped the build (TypeError)."""
    source = write_pages(tmp_path / "src", {
        "index.md": "---\ntitle: Home\n---\n\nText.\n\n```{eval-rst}\n.. include:: nothere.txt\n```\n\n"
                    "```{include} nothere.md\n```\n\n```{csv-table} Costs\n:file: t.csv\n```\n\nEnd.\n",
        "t.csv": "item,cost\nsensor,2\n"})
    build = sphinx_build(source, tmp_path / "html")
    assert build.returncode != 0 and "Traceback" not in build.output, build.output
    said = [line for line in build.output.splitlines() if "file not found" in line]
    assert [line.split(": ", 1)[0] for line in said] == [f"{source / 'index.md'}:8", f"{source / 'index.md'}:11"]
    assert all("nothere" in line and line.endswith("remove the directive [docutils]") for line in said), said
    assert "InputError" not in build.output
    page = BeautifulSoup((tmp_path / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "sensor" in page.select_one("article table").get_text() and "End." in page.get_text()


GPX = ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="City of Austin" '
       'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Shoal Creek Trail</name><trkseg>'
       '<trkpt lat="30.27" lon="-97.75"/></trkseg></trk></gpx>\n')
KML = ('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
       '<Document><Placemark><name>City Hall</name><description><![CDATA[<b>Open</b> 8-5]]>'
       '</description><Point><coordinates>-97.74,30.26</coordinates></Point></Placemark>'
       '</Document></kml>\n')


@pytest.mark.parametrize(("name", "text", "published"), [
    ("route.gpx", GPX, True),
    ("places.kml", KML, True),
    ("data.xml", '<?xml version="1.0"?><stops><stop id="1">Congress</stop></stops>\n', True),
    ("styled.gpx", '<?xml version="1.0"?><?xml-stylesheet href="x.xsl" type="text/xsl"?>'
                   '<gpx xmlns="http://www.topografix.com/GPX/1/1"/>\n', False),
    ("svg.kml", '<kml xmlns="http://www.opengis.net/kml/2.2"><s:svg xmlns:s="http://www.w3.org/2000/svg" '
                'onload="alert(1)"/></kml>\n', False),
    ("entities.gpx", '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "b">]><gpx>&a;</gpx>\n', False),
    ("broken.kml", '<kml><Placemark></kml>\n', False),
])
def test_a_map_or_data_file_is_published_when_nothing_in_it_can_run(tmp_path, name, text, published):
    """A bike route's ``.gpx``, a ``.kml`` of places, a ``.xml`` of data: a browser shows an
    XML type as a document, so one holding an XHTML, SVG or MathML element (or a style sheet
    that makes it a page) could run a script on the site's address, and every such download
    was refused, the City's route maps with them. A file of the XML family that holds only
    its own elements (no such element, processing instruction or entity) is published."""
    source = write_pages(tmp_path / "src", {
        "index.md": page("Home", body=f"{{download}}`the file <{name}>`\n"), name: text})
    build = sphinx_build(source, tmp_path / "out", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    copied = {p.name for p in (tmp_path / "out" / "_downloads").rglob("*") if p.is_file()}
    assert (name in copied) == published, (copied, build.warnings)
    assert any("[security.active-file]" in w for w in build.warnings) != published, build.warnings
