"""The build never loses an edition or a file outside its folder, whatever the folder is called.

Through the real Makefile: paths with spaces, quotes and ``$`` (a folder beside them must
survive), two builds of one folder at once, a build stopped between the two renames of the
swap, one edition failing under ``make all``, ``STRICT=0`` and unusable source folders.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, copy_root, page, require_tool, write_pages

import edition_build

VENV = f"VENV={Path(sys.executable).parents[1]}"
NASTY = "pa ges $HOME 'it''s' \"q\" $(x) `id`"


def make(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([require_tool("make", "the Makefile is the command"), "-s", "-C", str(REPO),
                           *args, VENV], capture_output=True, text=True, check=False, **kwargs)


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A folder whose name is a prefix of the build folder's: an unquoted `rm -rf` would hit it."""
    write_pages(tmp_path / "pa", {"keep.txt": "the City's files"})
    write_pages(tmp_path / "victim", {"keep.txt": "the City's files"})
    return tmp_path


def test_paths_with_spaces_quotes_and_dollars_are_only_ever_themselves(victim: Path) -> None:
    source = copy_root("pdf-alt-missing", victim / NASTY)
    out = victim / f"victim site {NASTY}"
    before = listing(victim / "victim") | listing(victim / "pa")

    built = make("all", "STRICT=0", f"SOURCEDIR={source}", f"BUILDDIR={out}")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (out / "html" / "districts.html").is_file()
    assert (out / "epub" / "smart-city-austin.epub").is_file()
    assert (out / "pdf" / "smart-city-austin.pdf").is_file()
    assert (out / "html" / "editions" / "smart-city-austin.pdf").is_file()  # editions_dir arrived whole

    checked = make("check", f"SOURCEDIR={source}")
    assert "no such folder" not in checked.stderr, checked.stderr
    cleaned = make("clean", f"BUILDDIR={out}")
    assert cleaned.returncode == 0 and not out.exists()
    assert listing(victim / "victim") | listing(victim / "pa") == before
    assert sorted(p.name for p in victim.iterdir()) == sorted([NASTY, "pa", "victim"])


def test_strict_make_all_builds_every_edition_it_can_and_fails_at_the_end(tmp_path: Path) -> None:
    source = copy_root("pdf-alt-missing", tmp_path / "pages")  # only the PDF refuses it
    out = tmp_path / "out"
    built = make("all", f"SOURCEDIR={source}", f"BUILDDIR={out}")
    assert built.returncode != 0
    assert "these editions failed: pdf" in built.stderr, built.stderr
    assert (out / "epub" / "smart-city-austin.epub").is_file()
    assert (out / "html" / "districts.html").is_file()
    assert not (out / "pdf").exists()


def test_a_build_stopped_between_the_renames_gets_its_edition_back(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Text."),
                                              "a.md": page("Alpha")})  # no position: strict fails
    out = tmp_path / "out"
    write_pages(out / "html.old", {"index.html": "the last good edition",
                                   ".buildinfo": "# Sphinx build info version 1\n"})
    write_pages(out / "html.new", {"index.html": "half of a new one"})  # stopped before its mark
    write_pages(out, {".build.lock": ""})  # ...by the build that locked the folder
    built = make("html", f"SOURCEDIR={source}", f"BUILDDIR={out}")
    assert built.returncode != 0  # the page is bad: the build fails...
    assert "restored the last good edition" in built.stderr
    assert (out / "html" / "index.html").read_text() == "the last good edition"  # ...and keeps it
    assert not (out / "html.old").exists()


def test_recover_finishes_a_swap_that_only_missed_its_clean_up(tmp_path: Path) -> None:
    write_pages(tmp_path, {"html/index.html": "new", "html.old/index.html": "old"})
    assert edition_build.recover(tmp_path, "html") is None
    assert listing(tmp_path) == {"html", "html/index.html"}


def test_a_second_build_of_one_folder_waits_for_the_first(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Text.")})
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, str(REPO / "_ext" / "edition_build.py"), str(out), str(source), "html",
               "-b", "html", "-c", str(REPO), "-d", str(out / "doctrees"), "-q"]
    with edition_build.BuildLock(out):
        second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while "waiting" not in (line := second.stderr.readline()) and time.monotonic() < deadline:
            pass
        assert "another build is using this folder" in line
        assert second.poll() is None and not (out / "html.new").exists()
    assert second.wait(timeout=300) == 0
    assert (out / "html" / "index.html").is_file()


def test_two_make_html_at_once_both_succeed_and_html_is_there(tmp_path: Path) -> None:
    source = copy_root("order-nested", tmp_path / "pages")
    out = tmp_path / "out"
    args = [require_tool("make", "the Makefile is the command"), "-s", "-C", str(REPO), "html",
            f"SOURCEDIR={source}", f"BUILDDIR={out}", VENV]
    runs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert (out / "html" / "index.html").is_file()
    assert not any(p.name.startswith(("html.new", "html.old")) for p in out.iterdir())


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_a_source_folder_without_pages_is_one_clear_message(tmp_path: Path, folder: str) -> None:
    source = tmp_path / folder
    if folder == "empty":
        write_pages(source, {"notes.txt": "not a page", "_drafts/a.md": page("A", 1)})
    for edition in ("html", "all"):
        built = make(edition, f"SOURCEDIR={source}", f"BUILDDIR={tmp_path / 'out'}")
        assert built.returncode != 0
        assert "please" not in built.stderr.lower() and "Traceback" not in built.stderr, built.stderr
        assert f"SOURCEDIR {str(source)!r}" in built.stderr
    assert not os.path.exists(tmp_path / "out" / "html")


def test_sphinx_itself_on_a_folder_without_pages_says_so_once(tmp_path: Path) -> None:
    from conftest import sphinx_build

    source = write_pages(tmp_path / "empty", {"notes.txt": "not a page"})
    build = sphinx_build(source, tmp_path / "out")
    assert build.returncode != 0
    assert "no pages to build" in build.output
    assert "report" not in build.output.lower() and "Traceback" not in build.output, build.output


def tree(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder``: a link's target, a file's bytes, mode and time, or a folder."""
    out: dict[str, tuple] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            out[name] = ("link", os.readlink(path))
        elif path.is_dir():
            out[name] = ("dir",)
        else:
            stat = path.stat()
            out[name] = ("file", path.read_bytes(), stat.st_mode, stat.st_mtime_ns)
    return out


def test_mirror_makes_a_stale_copy_the_live_edition_again(tmp_path: Path) -> None:
    live = write_pages(tmp_path / "live", {"same.html": "same", "changed.html": "new text",
                                           "grown.html": "longer than before", "a/b/deep.html": "x",
                                           "shrunk.html": "a long text that will be cut short",
                                           "was-a-file/inside.html": "y", "new/page.html": "z"})
    (live / "link").symlink_to("same.html")
    (live / "relinked").symlink_to("changed.html")
    os.chmod(live / "same.html", 0o600)
    copy = tmp_path / "copy"
    import shutil
    shutil.copytree(live, copy, symlinks=True)
    unchanged = (copy / "same.html").stat().st_ino
    # the live edition moves on: what a rebuild does to it
    write_pages(live, {"changed.html": "old text", "grown.html": "longer than before, and more",
                       "shrunk.html": "short"})
    os.utime(live / "changed.html", ns=(1, 1))  # same size, another time
    (live / "relinked").unlink()
    (live / "relinked").symlink_to("grown.html")
    shutil.rmtree(live / "a")
    shutil.rmtree(live / "was-a-file")
    write_pages(live, {"was-a-file": "now a file", "a": "a file where a folder was"})
    (live / "new" / "page.html").unlink()
    write_pages(copy, {"stale-only-here.html": "gone from live", "new/page.html": "z"})

    edition_build.mirror(live, copy)
    assert tree(copy) == tree(live)
    assert (copy / "same.html").stat().st_ino == unchanged  # what did not change is not copied
    write_pages(copy, {"changed.html": "written by the next build"})
    assert (live / "changed.html").read_text() == "old text"  # copies, never shared files


def test_the_replaced_edition_seeds_the_next_build(tmp_path: Path) -> None:
    write_pages(tmp_path, {"html/index.html": "first", "html/other.html": "kept"})
    new = edition_build.seed(tmp_path, "html")
    write_pages(new, {"index.html": "second"})
    edition_build.swap(tmp_path, "html")
    assert (tmp_path / "html.previous" / "index.html").read_text() == "first"
    kept = (tmp_path / "html.previous" / "other.html").stat().st_ino

    new = edition_build.seed(tmp_path, "html")
    assert not (tmp_path / "html.previous").exists()
    assert tree(new) == tree(tmp_path / "html")
    assert (new / "other.html").stat().st_ino == kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "html.new"]


def test_a_failed_build_leaves_nothing_stale_in_the_next_one(tmp_path: Path) -> None:
    write_pages(tmp_path, {"html/index.html": "good", "html.previous/index.html": "older"})
    write_pages(tmp_path, {"html.new/index.html": "half of a failed build", "html.new/junk.html": "x"})
    new = edition_build.seed(tmp_path, "html")
    assert tree(new) == tree(tmp_path / "html")
    (tmp_path / "html").rename(tmp_path / "gone")  # no live edition: the build starts empty
    assert not edition_build.seed(tmp_path, "html").exists()


def test_pages_are_counted_as_sphinx_finds_them(tmp_path):
    """edition_build.count_pages walks the folder once: pages outside ``_``/``.`` folders, in
    nested folders, not through a symbolic link to a folder (as ``Path.rglob`` counted)."""
    import os

    from edition_build import count_pages

    for name in ("a.md", "b/c.markdown", "b/d/e.md", "b/_private/f.md", ".hidden/g.md",
                 "_drafts/h.md", "b/.i.md", "notes.txt", "j.md/k.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "b", tmp_path / "linked")
    expected = sum(1 for path in tmp_path.rglob("*") if path.suffix in (".md", ".markdown") and not any(
        part.startswith(("_", ".")) for part in path.relative_to(tmp_path).parts))
    assert count_pages(tmp_path) == expected == 5  # a, c, e, the folder j.md and its k.md; not linked/


def test_an_old_site_of_html_pages_only_has_pages(tmp_path: Path) -> None:
    """The Austin Convention Center's site has no Markdown: its pages are ``.html`` files with
    front matter (``index.html``, ``contact/index.html``), which the build reads; ``make``
    refused the folder as having no pages. Its ``404.html`` and an ``.html`` file without
    front matter are no pages, nor is any ``.html`` file without a ``_config.yml``."""
    from edition_build import check_source, count_pages

    front = "---\nlayout: default\n---\n<h1>Words</h1>\n"
    write_pages(tmp_path, {"index.html": front, "contact/index.html": front, "404.html": front,
                           "demo.html": "<p>copied as it was</p>", "_layouts/default.html": front})
    assert count_pages(tmp_path) == 0
    (tmp_path / "_config.yml").write_text("permalink: pretty\n", encoding="utf-8")
    assert count_pages(tmp_path) == check_source(tmp_path) == 2


@pytest.mark.parametrize("builddir", [".", "..", "-rf"])  # . and ..: the pages' folder and its parent
def test_a_build_folder_that_would_replace_pages_is_refused(tmp_path: Path, builddir: str) -> None:
    """BUILDDIR=SOURCEDIR swapped the pages' own ``html/`` folder out for the site (kept only
    as ``html.previous``, deleted by the next build); a BUILDDIR around the pages would replace
    a source folder named ``html``; ``-rf`` was read as an option (and left a ``-rf/`` folder)."""
    pages = write_pages(tmp_path / "html", {"index.md": page("Home", body="Welcome."),
                                            "html/index.md": page("HTML guide", 1, body="Tags.")})
    before = tree(tmp_path)
    folder = {".": str(pages), "..": str(tmp_path)}.get(builddir, builddir)
    built = make("html", "STRICT=0", f"SOURCEDIR={pages}", f"BUILDDIR={folder}")
    assert built.returncode == 2, built.stdout + built.stderr
    assert "please" not in built.stderr.lower() and "Traceback" not in built.stderr, built.stderr
    assert "BUILDDIR" in built.stderr and ("overlap" in built.stderr or "as ./-rf" in built.stderr)
    assert tree(tmp_path) == before
    assert not (REPO / "-rf").exists()


def test_bytecode_is_written_once_and_again_when_the_source_changes(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    source = tmp_path / "room" / "module.py"
    source.parent.mkdir()
    source.write_text("ANSWER = 1\n", encoding="utf-8")
    cached = Path(importlib.util.cache_from_source(str(source)))
    edition_build.write_bytecode(tmp_path)
    assert cached.is_file() and edition_build._fresh(str(source), str(cached))
    written = cached.stat().st_mtime_ns
    edition_build.write_bytecode(tmp_path)
    assert cached.stat().st_mtime_ns == written  # fresh: not compiled again
    source.write_text("ANSWER = 42  # longer\n", encoding="utf-8")
    assert not edition_build._fresh(str(source), str(cached))
    edition_build.write_bytecode(tmp_path)
    assert edition_build._fresh(str(source), str(cached))
    (tmp_path / "room" / "broken.py").write_text("def (:\n", encoding="utf-8")
    edition_build.write_bytecode(tmp_path)  # a file that does not compile is left to Python


def test_make_runs_no_command_a_variable_holds(tmp_path: Path) -> None:
    """Make expanded `$(...)` in what a caller set: SOURCEDIR='$(shell …)' ran its command
    under `make release` (even `make -n release`) and STRICT, JOBS, HOST ... under the others."""
    variables = ["SOURCEDIR", "BUILDDIR", "CONFDIR", "STRICT", "JOBS", "RELEASES", "CHANGES", "VENV",
                 "HOST", "PORT", "VERAPDF", "PYTHON_SYSTEM", "ANCHORS", "SPHINXOPTS", "PYTESTOPTS"]
    for target in ("all", "release", "serve", "verapdf", "translations", "bench", "test"):
        for name in variables:
            ran = tmp_path / f"ran-{target}-{name}"
            subprocess.run([require_tool("make", "the Makefile is the command"), "-n", "-C", str(REPO),
                            target, f"{name}=x$(shell touch {ran})"], capture_output=True, check=False)
            assert not ran.exists(), f"make {target} ran the command in {name}"


def test_make_clean_never_deletes_the_pages_the_project_or_home(tmp_path: Path) -> None:
    """`rm -rf -- $(BUILDDIR)` took any folder: BUILDDIR=. deleted the project, BUILDDIR set to
    the pages (or a folder around or among them) deleted the pages."""
    pages = write_pages(tmp_path / "site" / "pages", {"index.md": page("Home"), "sub/a.md": page("A", 1)})
    private = write_pages(pages / "_build", {"html/index.html": "old",
                                             "html/.buildinfo": "# Sphinx build info version 1\n"})
    project = write_pages(tmp_path / "project", {"conf.py": "", "home/notes.txt": "mine"})
    before = tree(tmp_path)
    settings = [f"SOURCEDIR={pages}", f"CONFDIR={project}"]
    home = {**os.environ, "HOME": str(project / "home")}
    for folder in (pages, pages.parent, pages / "sub", project, project / "home"):
        cleaned = make("clean", *settings, f"BUILDDIR={folder}", env=home)
        assert cleaned.returncode == 2 and "nothing is deleted" in cleaned.stderr, (folder, cleaned.stderr)
        assert tree(tmp_path) == before
    assert make("clean", *settings, f"BUILDDIR={private}", env=home).returncode == 0
    assert not private.exists() and (pages / "sub" / "a.md").is_file()


def test_make_clean_never_deletes_a_folder_no_build_made(tmp_path: Path) -> None:
    """`make clean BUILDDIR=_ext` deleted the project's code, `BUILDDIR=editions` its frozen
    releases of record, `BUILDDIR=.git` its history: none is the pages, the project or home.
    A folder holding anything a build did not make is refused; a build folder is deleted."""
    pages = write_pages(tmp_path / "pages", {"index.md": page("Home")})
    editions = write_pages(tmp_path / "project" / "editions", {"1.0.0/index.html": "of record"})
    code = write_pages(tmp_path / "project" / "_ext", {"mine/__init__.py": ""})
    built = write_pages(tmp_path / "out", {"html/index.html": "x", "doctrees-es/a": "x",
                                           "html/.buildinfo": "# Sphinx build info version 1\n",
                                           "pdf.previous/a.pdf": "x", ".build.lock": "",
                                           "pdf.previous/book.typ": "// The book layout of the PDF edition\n"})
    before = tree(tmp_path)
    for folder in (editions, code):
        cleaned = make("clean", f"SOURCEDIR={pages}", f"BUILDDIR={folder}")
        assert cleaned.returncode == 2 and "nothing is deleted" in cleaned.stderr, cleaned.stderr
        assert tree(tmp_path) == before
    assert "(1.0.0/)" in make("clean", f"SOURCEDIR={pages}", f"BUILDDIR={editions}").stderr
    assert make("clean", f"SOURCEDIR={pages}", f"BUILDDIR={built}").returncode == 0
    assert not built.exists() and editions.is_dir() and code.is_dir()


def test_make_all_never_builds_into_the_root_home_or_the_project(tmp_path: Path) -> None:
    """``make all BUILDDIR=~`` (or the project, or ``/``) was accepted: the swap renames and
    then deletes a folder there named ``html``, ``pdf``, ``epub`` or ``doctrees``. Only ``make
    clean`` refused those; every build refuses them now, before writing anything."""
    pages = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Welcome.")})
    project = write_pages(tmp_path / "project", {"conf.py": "", "home/html/mine.html": "my own page"})
    before = tree(tmp_path)
    home = {**os.environ, "HOME": str(project / "home")}
    for target, folder, said in (("all", project / "home", "is your home folder"),
                                 ("all", project, "is the project (CONFDIR)"),
                                 ("html", tmp_path, "holds the pages (SOURCEDIR)")):
        built = make(target, "STRICT=0", f"SOURCEDIR={pages}", f"CONFDIR={project}",
                     f"BUILDDIR={folder}", env=home)
        assert built.returncode == 2 and f"BUILDDIR '{folder}' {said}" in built.stderr, built.stderr
        assert "nothing is built" in built.stderr and "Traceback" not in built.stderr, built.stderr
        assert tree(tmp_path) == before
    with pytest.raises(edition_build.BuildFolderProblem, match="is the file system's root"):
        edition_build.check_not_precious(Path("/"), edition_build.precious(pages, project), "x")
    assert edition_build.confdir_of(["-b", "html", "-c", str(project), "-j", "1"]) == project


@pytest.mark.parametrize("setting", ["BUILDDIR=_static", "BUILDDIR=_static/site", "SOURCEDIR=_static/pages"])
def test_nothing_is_built_in_a_folder_the_site_publishes_as_it_is(tmp_path: Path, setting: str) -> None:
    """``make all BUILDDIR=_static`` wrote the doctree cache into the project's ``_static/``,
    which Sphinx copies into the site as it is: ``html/_static/doctrees/pagesource.pickle``
    published every page's source, an unpublished page's too."""
    project = write_pages(tmp_path / "project", {"conf.py": (REPO / "conf.py").read_text(encoding="utf-8"),
                                                 "_static/a11y.css": ""})
    pages = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Welcome."),
                                             "draft.md": "---\ntitle: Draft\nposition: 1\npublished: false\n---\n\nSECRET-DRAFT\n"})
    name, folder = setting.split("=")
    if name == "SOURCEDIR":
        pages = write_pages(project / folder, {"index.md": page("Home", body="Welcome.")})
    before = tree(tmp_path)
    built = make("html", "STRICT=0", f"CONFDIR={project}", f"SOURCEDIR={pages}",
                 f"BUILDDIR={project / folder if name == 'BUILDDIR' else tmp_path / 'out'}")
    assert built.returncode == 2 and f"{name} " in built.stderr, built.stdout + built.stderr
    assert "publishes as it is" in built.stderr and "Traceback" not in built.stderr, built.stderr
    assert tree(tmp_path) == before


@pytest.mark.parametrize("edition", ["html", "pdf", "all"])
def test_an_edition_folder_no_build_made_is_never_published_or_replaced(tmp_path: Path,
                                                                       edition: str) -> None:
    """``make all BUILDDIR=/var/www`` took the web server's own ``html/`` for the last site:
    its files were copied into the new one and published (``secret.txt`` too), and the folder
    was kept as ``html.previous`` only until the next build deleted it. A folder named like an
    edition that no build made is refused, for the build and for ``make clean``; a folder a
    build made is rebuilt as before."""
    pages = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Welcome.")})
    www = write_pages(tmp_path / "www", {"html/index.html": "<h1>It works!</h1>",
                                         "html/secret.txt": "the server's own", "pdf/old.pdf": "x"})
    before = tree(tmp_path)
    built = make(edition, "STRICT=0", f"SOURCEDIR={pages}", f"BUILDDIR={www}")
    assert built.returncode == 2, built.stdout + built.stderr
    foreign = {"html": "html/", "pdf": "pdf/", "all": "pdf/ and html/"}[edition]
    assert f"BUILDDIR '{www}' holds {foreign}, which no build made" in built.stderr, built.stderr
    assert "Traceback" not in built.stderr
    assert tree(tmp_path) == before
    cleaned = make("clean", f"SOURCEDIR={pages}", f"BUILDDIR={www}")
    assert cleaned.returncode == 2 and "(html/, pdf/)" in cleaned.stderr, cleaned.stderr
    assert tree(tmp_path) == before

    out = tmp_path / "out"
    assert make("html", "STRICT=0", f"SOURCEDIR={pages}", f"BUILDDIR={out}").returncode == 0
    (out / "html" / "extra.html").write_text("from the last build", encoding="utf-8")
    (out / "pdf").mkdir()  # an empty folder holds nothing to lose
    again = make("html", "STRICT=0", f"SOURCEDIR={pages}", f"BUILDDIR={out}")
    assert again.returncode == 0, again.stderr
    assert make("clean", f"SOURCEDIR={pages}", f"BUILDDIR={out}").returncode == 0
    assert not out.exists()


@pytest.mark.parametrize("folder", ["html.old", "html.new", "pdf.previous"])
def test_a_swap_folder_no_build_made_is_never_published_or_deleted(tmp_path: Path, folder: str) -> None:
    """``mv html html.old`` is how a web server's admin keeps the last site: ``make all
    BUILDDIR=/var/www`` took that backup for a swap stopped half way, published its files
    (``backup.txt`` on the new site) and deleted it two builds later; someone's ``html.new``
    was emptied at once. A ``.new``, ``.old`` or ``.previous`` folder that holds files but no
    edition's mark (and, for ``.new``, in a folder no build ever locked) is refused, for the
    build and for ``make clean``."""
    pages = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Welcome.")})
    www = write_pages(tmp_path / "www", {f"{folder}/backup.txt": "the admin's last site"})
    before = tree(tmp_path)
    built = make("all", "STRICT=0", f"SOURCEDIR={pages}", f"BUILDDIR={www}")
    assert built.returncode == 2, built.stdout + built.stderr
    assert f"BUILDDIR '{www}' holds {folder}/, which no build made" in built.stderr, built.stderr
    assert tree(tmp_path) == before
    cleaned = make("clean", f"SOURCEDIR={pages}", f"BUILDDIR={www}")
    assert cleaned.returncode == 2 and f"({folder}/)" in cleaned.stderr, cleaned.stderr
    assert tree(tmp_path) == before


def test_ctrl_c_stops_make_all_and_replaces_no_edition_after_it(tmp_path: Path) -> None:
    """SIGINT to the whole process group, as Ctrl-C sends it, while the ePub is built: Sphinx
    used to say "Interrupted!" and return, and make all built and swapped in the site."""
    pages = {f"p{n}.md": page(f"Page {n}", n, body="Some words. " * 200) for n in range(1, 40)}
    source = write_pages(tmp_path / "pages", {"index.md": page("Home"), **pages})
    out = tmp_path / "out"
    command = [sys.executable, str(REPO / "_ext" / "edition_build.py"), str(out), str(source), "all",
               "-c", str(REPO), "-d", str(out / "doctrees"), "-j", "1", "-W", "--keep-going"]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    before = {edition: listing(out / edition) for edition in ("epub", "html")}
    site = (out / "html" / "p1.html").read_bytes()
    (source / "p1.md").write_text(page("Page one", 1, body="New words."), encoding="utf-8")
    (source / "p0.md").write_text(page("Page zero", 0), encoding="utf-8")

    with open(tmp_path / "stderr", "w+") as errors:
        build = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True,
                                 start_new_session=True)
        try:
            for line in build.stdout:
                if line.startswith("pdf edition:"):  # the PDF is in place: the ePub is next
                    os.killpg(build.pid, signal.SIGINT)
                    break
            build.stdout.read()
            assert build.wait(timeout=300) == 130
        finally:
            if build.poll() is None:
                os.killpg(build.pid, signal.SIGKILL)
        errors.seek(0)
        said = errors.read()
    assert [line for line in said.splitlines() if "nterrupted" in line] == [
        "make all: interrupted, so the build stopped: no edition was replaced since (the last "
        "good ones are in place)"], said
    assert "Traceback" not in said
    assert {edition: listing(out / edition) for edition in ("epub", "html")} == before
    assert (out / "html" / "p1.html").read_bytes() == site
