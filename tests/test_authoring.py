"""What city staff type: `make check`, `make page`, `make serve`, through the real Makefile.

`make check` must report exactly what a Sphinx build reports about front matter (one
implementation), as `file:line: message [position.kind]`, and exit non-zero. `make page`
must put a page at the end of its section and never overwrite one. `make serve` must serve
the pages on 127.0.0.1 and rebuild when one is saved.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO, page, require_tool, sphinx_build, write_pages

from pageorder.frontmatter import read_page

LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<message>.+) \[(?P<kind>position\.[\w-]+)\]$")

BROKEN = {
    "index.md": page("Home"),
    "a.md": page("Alpha", 1),
    "b.md": page("Beta", 1),  # duplicate position
    "c.md": page("Gamma", "first"),  # not a number
    "d.markdown": "---\ntitle: [unclosed\n---\n",  # .markdown is checked too
    "e.md": page("Epsilon", 4, published="maybe"),
    "loose/x.md": page("Loose", 9),  # a folder without a landing page
    "_drafts/ignored.md": page("Ignored", "nope"),  # excluded like in a build
}


def make(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the project's Makefile, as city staff do, from the repository."""
    command = [require_tool("make", "city staff run the Makefile"), "-s", "-C", str(REPO), *args]
    return subprocess.run(command, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300, check=False)


def reported(lines: list[str], root: Path) -> set[tuple[str, int, str]]:
    """(file relative to root, line, kind) of each `file:line: message [kind]` line."""
    found = set()
    for line in lines:
        match = LINE.match(line)
        assert match, f"not `file:line: message [kind]`: {line!r}"
        path = Path(match["file"])
        found.add((path.resolve().relative_to(root.resolve()).as_posix(), int(match["line"]), match["kind"]))
    return found


def test_check_prints_every_problem_at_once_and_fails(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "source", BROKEN)
    result = make("check", f"SOURCEDIR={source}")
    assert result.returncode != 0
    assert reported(result.stdout.splitlines(), source) == {
        ("b.md", 3, "position.duplicate"),
        ("c.md", 3, "position.invalid"),
        ("d.markdown", 1, "position.title-missing"),
        ("d.markdown", 2, "position.yaml"),
        ("e.md", 4, "position.published-invalid"),
        ("loose/x.md", 1, "position.no-landing"),
    }
    assert "problem" in result.stderr


def test_check_and_a_build_report_the_same_problems(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "source", BROKEN)
    checked = reported(make("check", f"SOURCEDIR={source}").stdout.splitlines(), source)
    build = sphinx_build(source, tmp_path / "html", strict=False)
    built = reported([re.sub(r" WARNING:", "", w) for w in build.warnings if "[position." in w], source)
    assert checked == built


def test_check_passes_a_clean_folder_quietly(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "source", {"index.md": page("Home"), "a.md": page("A", 1),
                                               "s.md": page("S", 2), "s/b.md": page("B", 1)})
    result = make("check", f"SOURCEDIR={source}")
    assert (result.returncode, result.stdout) == (0, "")
    assert "4 page(s) checked, no problems" in result.stderr


def test_check_silences_what_a_build_silences_wildcards_too(tmp_path: Path) -> None:
    from pageorder.check import check

    source = write_pages(tmp_path / "source", BROKEN)
    conf = tmp_path / "conf"
    conf.mkdir()
    (conf / "conf.py").write_text('source_suffix = [".md", ".markdown"]\n'
                                  'suppress_warnings = ["position.*"]\n', encoding="utf-8")
    lines, count = check(source, conf)
    assert count == 7 and lines == []
    (conf / "conf.py").write_text('source_suffix = [".md", ".markdown"]\n'
                                  'suppress_warnings = ["position.yaml"]\n', encoding="utf-8")
    lines, _ = check(source, conf)
    assert len(lines) == 5 and not any("[position.yaml]" in line for line in lines)


def test_a_page_named_with_a_leading_underscore_is_said_missing_by_build_and_check(tmp_path: Path) -> None:
    """`_draft.md` is never read (Sphinx's and Jekyll's rule, conf.py's `_*`): staff looked
    for their page without a word of why. A build and `make check` say it at the file, as
    information; a page the publisher left out by name is not said (conf.py's own `_*`
    patterns are no choice of theirs)."""
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home"), "_draft.md": page("Budget draft", 1),
        "parks/index.md": page("Parks", 2), "parks/_pools.md": page("Pools", 1),
        "_config.yml": "title: Site\nexclude:\n  - _hidden.md\n", "_hidden.md": page("Hidden", 3),
        "_drafts/post.md": page("Jekyll's", 4)})
    build = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO), "--no-color",
                            str(source), str(tmp_path / "html")],  # not -q: it is information
                           capture_output=True, text=True, check=False, timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr
    said = [line for line in build.stdout.splitlines() if "starts with '_'" in line]
    assert said == [
        f"{source / '_draft.md'}:1: '_draft.md' is not published: a page whose file name starts "
        "with '_' is never read (nor did Jekyll publish one); rename it 'draft.md' to publish it",
        f"{source / 'parks' / '_pools.md'}:1: 'parks/_pools.md' is not published: a page whose "
        "file name starts with '_' is never read (nor did Jekyll publish one); rename it 'pools.md' "
        "to publish it"], build.stdout
    result = make("check", f"SOURCEDIR={source}")
    notes = [line for line in result.stderr.splitlines() if "starts with '_'" in line]
    assert [line.split(": ", 2)[1] for line in notes] == [
        f"{source / '_draft.md'}:1", f"{source / 'parks' / '_pools.md'}:1"], result.stderr
    assert all(line.startswith("note: ") for line in notes)


def test_the_publication_itself_passes_the_check() -> None:
    result = make("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_says_so_when_the_folder_is_missing_or_has_no_pages(tmp_path: Path) -> None:
    result = make("check", f"SOURCEDIR={tmp_path / 'nowhere'}")
    assert result.returncode != 0 and "no such folder" in result.stderr
    assert "Traceback" not in result.stderr
    write_pages(tmp_path / "empty", {"notes.txt": "not a page", "_drafts/a.md": page("A", 1)})
    result = make("check", f"SOURCEDIR={tmp_path / 'empty'}")
    assert result.returncode != 0 and "no pages found" in result.stderr


def new_page(source: Path, title: str, section: str = "") -> subprocess.CompletedProcess[str]:
    return make("page", f"SOURCEDIR={source}", f"TITLE={title}", f"SECTION={section}")


def test_page_goes_to_the_end_of_the_top_level(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "source", {"index.md": page("Home"), "a.md": page("A", 3),
                                               "s.md": page("S", 7), "s/b.md": page("B", 20)})
    result = new_page(source, "Bike lanes & safety")
    assert result.returncode == 0, result.stderr
    created = read_page("bike-lanes-safety", source / "bike-lanes-safety.md")
    assert (created.title, created.position, created.problems) == ("Bike lanes & safety", 8, ())
    assert str(source / "bike-lanes-safety.md") in result.stdout


def test_page_goes_to_the_end_of_its_section(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "source", {
        "index.md": page("Home"), "mobility.md": page("Mobility", 1),
        "mobility/buses.md": page("Buses", 2), "mobility/rail/index.md": page("Rail", 5),
        "data/index.md": page("Data", 2),
    })
    assert new_page(source, "Scooters", "mobility").returncode == 0
    assert read_page("s", source / "mobility/scooters.md").position == 6
    assert new_page(source, "Stations", "/mobility/rail/").returncode == 0
    assert read_page("s", source / "mobility/rail/stations.md").position == 1
    assert new_page(source, "Portal", "data").returncode == 0
    assert read_page("s", source / "data/portal.md").position == 1
    assert make("check", f"SOURCEDIR={source}").returncode == 0  # the new pages are well formed


@pytest.mark.parametrize("title", ['Parking: "smart" meters', "Año nuevo #2", "- list? no", "yes",
                                   "Report of the Mobility Committee on " * 8])  # a file name of 288: ENAMETOOLONG
def test_page_titles_survive_any_characters(tmp_path: Path, title: str) -> None:
    title = title.strip()
    source = write_pages(tmp_path / "source", {"index.md": page("Home")})
    result = new_page(source, title)
    assert result.returncode == 0, result.stderr
    [created] = [p for p in source.glob("*.md") if p.name != "index.md"]
    assert read_page("x", created).title == title


def test_page_never_overwrites(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "source", {"index.md": page("Home"),
                                               "bike-lanes.markdown": page("Old", 1, body="Keep me.")})
    before = (source / "bike-lanes.markdown").read_bytes()
    result = new_page(source, "Bike lanes")
    assert result.returncode != 0 and "already exists" in result.stderr
    assert (source / "bike-lanes.markdown").read_bytes() == before
    assert not (source / "bike-lanes.md").exists()


@pytest.mark.parametrize(("title", "section", "says"), [
    ("", "", "give the page a title"),
    ("   ", "", "give the page a title"),
    ("X", "nowhere", "there is no section 'nowhere'"),
    ("X", "../outside", "leaves the folder of pages"),
    ("Caf\udce9 plan", "", "TITLE=b'Caf\\xe9 plan' is not UTF-8 text"),  # a Latin-1 terminal's é
])
def test_page_refuses_what_it_cannot_do(tmp_path: Path, title: str, section: str, says: str) -> None:
    source = write_pages(tmp_path / "source", {"index.md": page("Home")})
    result = new_page(source, title, section)
    assert result.returncode != 0 and says in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in source.rglob("*")) == ["index.md"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, proc: subprocess.Popen, attempts: int = 240,
             save=lambda: None) -> str | None:
    """Fetch ``url`` until it contains ``text`` (bounded: ``attempts`` half-seconds).

    ``save`` is called again every few seconds: the watcher may start just after the
    server answers, and an editor saves more than once too.
    """
    for attempt in range(attempts):
        if attempt % 10 == 0:
            save()
        body = fetch(url)
        if body is not None and text in body:
            return body
        if proc.poll() is not None:
            return None
        time.sleep(0.5)
    return None


def test_serve_previews_on_localhost_and_rebuilds_on_save(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "source", {"index.md": page("Home", body="First words."),
                                               "a.md": page("Alpha", 1)})
    port = free_port()
    log = (tmp_path / "serve.log").open("w+")
    proc = subprocess.Popen([require_tool("make", "make serve is the command"), "-s", "-C", str(REPO),
                             "serve", f"SOURCEDIR={source}",
                             f"BUILDDIR={tmp_path / 'build'}", f"PORT={port}"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        assert wait_for(url, "First words.", proc), log.seek(0) or log.read()
        edit = lambda: (source / "index.md").write_text(page("Home", body="Edited words."),  # noqa: E731
                                                        encoding="utf-8")
        assert wait_for(url, "Edited words.", proc, save=edit), log.seek(0) or log.read()
        log.seek(0)
        assert f"http://127.0.0.1:{port}/" in log.read()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        log.close()


def test_check_agrees_with_a_build_on_a_folder_without_index(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "source", {"b.md": page("B", 2), "a.md": page("A", 1),
                                               "c.md": page("C", 2)})
    result = make("check", f"SOURCEDIR={source}")
    assert "'a' is the landing page" in result.stderr
    build = sphinx_build(source, tmp_path / "html", strict=False)
    built = reported([re.sub(r" WARNING:", "", w) for w in build.warnings if "[position." in w], source)
    assert reported(result.stdout.splitlines(), source) == built == {("c.md", 3, "position.duplicate")}


def test_check_says_the_page_files_a_build_cannot_find(tmp_path: Path) -> None:
    """A line break in a file name, or a name not in composed Unicode: ``make check`` passed
    them over as a build did (or said Sphinx's "Ignored unreadable document"); it now says
    each as the build does."""
    source = write_pages(tmp_path / "source", {"index.md": page("Home"), "a\nb.md": page("AB", 1),
                                               "cafe\u0301.md": page("Cafe", 2)})
    result = make("check", f"SOURCEDIR={source}")
    assert result.returncode != 0 and "unreadable" not in result.stderr, result.stderr
    said = [line for line in result.stdout.splitlines() if "[security.page-name]" in line]
    assert len(said) == 2, result.stdout
    assert said[0].startswith(f"{source}/a\\nb.md:1: the file name 'a\\nb.md' has a line break"), said
    assert said[1].startswith(f"{source}/cafe\u0301.md:1: the file name 'cafe\u0301.md' is not in the "
                              "composed Unicode form (NFC)"), said


def test_page_beside_a_folder_without_a_landing_page(tmp_path: Path) -> None:
    """A folder without an index.md gets a generated landing page in the outline, which no
    file gives: `make page` at the top stopped with KeyError: 'sub/index' (a traceback)."""
    source = write_pages(tmp_path / "source", {"index.md": page("Home"), "a.md": page("A", 1),
                                               "sub/b.md": page("B", 1)})
    result = new_page(source, "Other")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert read_page("other", source / "other.md").position == 2


def test_page_is_never_written_through_a_linked_folder(tmp_path: Path) -> None:
    """A folder of pages may hold a link to a folder elsewhere (Git keeps links): `make page
    SECTION=linked` wrote the new page there, outside the pages, where no edition reads it."""
    elsewhere = write_pages(tmp_path / "elsewhere", {"notes.txt": "mine"})
    source = write_pages(tmp_path / "source", {"index.md": page("Home")})
    os.symlink(elsewhere, source / "linked")
    for section in ("linked", "linked/deeper"):
        result = new_page(source, "Bike lanes", section)
        assert result.returncode != 0 and "outside the folder of pages" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["notes.txt"]
