"""Rebuilds and parallel builds give exactly the files a clean serial build gives."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, copy_root, page, sphinx_build, write_pages


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def epub_files(epub: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(epub) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def assert_same_files(got: dict[str, bytes], want: dict[str, bytes]) -> None:
    assert sorted(got) == sorted(want)
    differing = [name for name in want if got[name] != want[name]]
    assert not differing, f"these files differ from a clean build: {differing}"


def build_both(src: Path, base: Path, **options) -> None:
    # As `make all`: ePub first, one doctree cache. The site is compared without shipped
    # editions (an edition's bytes are its own builder's business, tested there).
    for builder in ("epub", "html"):
        extra = ("-D", f"editions_dir={base / 'no-editions'}") if builder == "html" else ()
        result = sphinx_build(src, base / builder, builder, doctrees=base / "doctrees",
                              extra=extra, **options)
        assert result.returncode == 0, result.output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_rebuild_after_moving_and_renaming_equals_clean_build(tmp_path):
    src = copy_root("order-nested", tmp_path / "src")
    build_both(src, tmp_path / "incremental")

    edit(src / "guide" / "one.md", "position: 1", "position: 7")
    edit(src / "last.md", "title: Last", "title: The Very Last")
    edit(src / "jekyll" / "child.md", "Child of the Jekyll landing.", "Edited body.")
    build_both(src, tmp_path / "incremental")
    build_both(src, tmp_path / "clean")

    assert_same_files(files(tmp_path / "incremental" / "html"), files(tmp_path / "clean" / "html"))
    assert_same_files(epub_files(tmp_path / "incremental" / "epub" / "smart-city-austin.epub"),
                      epub_files(tmp_path / "clean" / "epub" / "smart-city-austin.epub"))


def test_rebuild_after_adding_and_unpublishing_equals_clean_build(tmp_path):
    src = copy_root("order-nested", tmp_path / "src")
    build_both(src, tmp_path / "incremental")

    (src / "guide" / "new.md").write_text("---\ntitle: Brand New\nposition: 0\n---\n\nNew.\n")
    edit(src / "draft.md", "published: false", "published: true")
    edit(src / "last.md", "position: 5", "position: 5\npublished: false")
    build_both(src, tmp_path / "incremental")
    build_both(src, tmp_path / "clean")

    assert not (tmp_path / "incremental" / "html" / "last.html").exists()  # unpublished: gone
    assert_same_files(files(tmp_path / "incremental" / "html"), files(tmp_path / "clean" / "html"))


def test_body_edit_rewrites_only_that_page(tmp_path):
    src = copy_root("order-nested", tmp_path / "src")
    out = tmp_path / "html"
    assert sphinx_build(src, out, doctrees=tmp_path / "doctrees").returncode == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}

    edit(src / "guide" / "two.md", "Guide page two.", "Guide page two, edited.")
    assert sphinx_build(src, out, doctrees=tmp_path / "doctrees").returncode == 0
    rewritten = sorted(str(p.relative_to(out)) for p, t in before.items() if p.stat().st_mtime_ns != t)
    # Sphinx always rewrites its index and search pages; the page's parent, which lists it,
    # only when a title or the order changed (pageorder.write_only_changed_pages, issue 6).
    assert rewritten == ["genindex.html", "guide/two.html", "search.html"]


def test_parallel_build_equals_serial_build(tmp_path):
    src = copy_root("order-nested", tmp_path / "src")
    build_both(src, tmp_path / "serial", jobs="1")
    build_both(src, tmp_path / "parallel", jobs="4")
    assert_same_files(files(tmp_path / "parallel" / "html"), files(tmp_path / "serial" / "html"))
    assert_same_files(epub_files(tmp_path / "parallel" / "epub" / "smart-city-austin.epub"),
                      epub_files(tmp_path / "serial" / "epub" / "smart-city-austin.epub"))


MARK = b"<!-- from the previous build -->"


def mark(html: Path, *pages: str) -> dict[str, bytes]:
    """Tag the previous build's files: a file still tagged after a rebuild was patched in place."""
    before = {}
    for name in pages:
        before[name] = (html / name).read_bytes()
        (html / name).write_bytes(before[name] + MARK)
    return before


def unmark(html: Path, name: str) -> bool:
    """Drop the tag from a file; say whether it was there."""
    data = (html / name).read_bytes()
    (html / name).write_bytes(data.removesuffix(MARK))
    return data.endswith(MARK)


def build_html(src: Path, base: Path, builders: tuple[str, ...], jobs: str | None) -> None:
    for builder in builders:
        extra = ("-D", f"editions_dir={base / 'no-editions'}") if builder == "html" else ()
        result = sphinx_build(src, base / builder, builder, doctrees=base / "doctrees",
                              extra=extra, jobs=jobs)
        assert result.returncode == 0, result.output


@pytest.mark.parametrize("builders, jobs", [(("html",), None), (("epub", "html"), "2")])
def test_moving_a_page_patches_the_other_pages_and_equals_clean_build(tmp_path, builders, jobs):
    """Issue 6: only the navigation of most pages changes, so their sidebar is swapped in
    place (fastnav.navpatch); the moved page, its old and new neighbours, the landing pages
    that list it and pages whose body changed are rendered again. The site equals a clean
    build."""
    src = copy_root("order-nested", tmp_path / "src")
    build_html(src, tmp_path / "incremental", builders, jobs)
    html = tmp_path / "incremental" / "html"

    before = mark(html, "jekyll/child.html", "guide/basics/a.html", "guide/basics/deep/index.html",
                  "guide/one.html", "last.html", "jekyll/inner/leaf.html", "guide/index.html")
    edit(src / "guide" / "one.md", "position: 1", "position: 7")  # now after guide/basics
    edit(src / "jekyll" / "inner" / "leaf.md", "Leaf.", "Leaf, edited.")
    build_html(src, tmp_path / "incremental", builders, jobs)
    build_html(src, tmp_path / "clean", builders, jobs)

    patched = {name for name in before if unmark(html, name)}
    # only their sidebar changed (the deep landing page lists the same pages as before)
    assert patched == {"jekyll/child.html", "guide/basics/a.html", "guide/basics/deep/index.html"}
    for name in patched:
        assert (html / name).read_bytes() != before[name]
    assert b"Leaf, edited." in (html / "jekyll" / "inner" / "leaf.html").read_bytes()
    assert_same_files(files(html), files(tmp_path / "clean" / "html"))

    # renaming a page can change any page (links show titles): every page is rendered again
    mark(html, "jekyll/child.html")
    edit(src / "last.md", "title: Last", "title: The Very Last")
    build_html(src, tmp_path / "incremental", builders, jobs)
    shutil.rmtree(tmp_path / "clean")
    build_html(src, tmp_path / "clean", builders, jobs)
    assert not unmark(html, "jekyll/child.html")
    assert_same_files(files(html), files(tmp_path / "clean" / "html"))


def test_a_page_without_the_expected_sidebar_is_rendered_again(tmp_path):
    """A file whose sidebar is not the one the last build wrote is not patched, but rewritten."""
    src = copy_root("order-nested", tmp_path / "src")
    build_html(src, tmp_path / "incremental", ("html",), None)
    html = tmp_path / "incremental" / "html"
    page = html / "jekyll" / "child.html"
    old = page.read_bytes()
    assert old.count(b">Guide One</a>") == 1  # in the sidebar
    page.write_bytes(old.replace(b">Guide One</a>", b">Guide 1</a>") + MARK)
    mark(html, "guide/basics/a.html")

    edit(src / "guide" / "one.md", "position: 1", "position: 7")
    build_html(src, tmp_path / "incremental", ("html",), None)
    build_html(src, tmp_path / "clean", ("html",), None)
    assert not unmark(html, "jekyll/child.html")
    assert unmark(html, "guide/basics/a.html")
    assert_same_files(files(html), files(tmp_path / "clean" / "html"))


def test_patching_replaces_files_and_ignores_file_times(tmp_path):
    """navpatch writes a new file in one rename (a hard-linked copy of the last edition keeps
    its bytes) and decides from the environment's read record and the file's content, not
    file times: an HTML file dated just before its doctree, whose page was not re-read, is
    still patched."""
    src = copy_root("order-nested", tmp_path / "src")
    build_html(src, tmp_path / "incremental", ("html",), None)
    html = tmp_path / "incremental" / "html"
    before = mark(html, "jekyll/child.html", "guide/basics/a.html")
    doctree = (tmp_path / "incremental" / "doctrees" / "guide" / "basics" / "a.doctree").stat()
    earlier = doctree.st_mtime_ns - 1_000
    os.utime(html / "guide" / "basics" / "a.html", ns=(earlier, earlier))
    linked = tmp_path / "previous"
    shutil.copytree(html, linked, copy_function=os.link)

    edit(src / "guide" / "one.md", "position: 1", "position: 7")
    build_html(src, tmp_path / "incremental", ("html",), None)
    build_html(src, tmp_path / "clean", ("html",), None)
    for name, data in before.items():
        assert (linked / name).read_bytes() == data + MARK
        assert unmark(html, name)
    assert_same_files(files(html), files(tmp_path / "clean" / "html"))


def tamper_saved_sidebar(doctrees: Path, old: str, new: str) -> None:
    """Change the sidebar the last build saved (its key kept): a page showing it was given it."""
    saved = doctrees / "fastnav-sidebar-html.json"
    data = saved.read_text(encoding="utf-8")
    assert old in data and '"key"' in data
    saved.write_text(data.replace(old, new), encoding="utf-8")


def test_a_body_edit_reuses_the_last_sidebar_until_what_it_shows_changes(tmp_path):
    """fastnav.sidebarkey: a rebuild that changes nothing the sidebar is made from takes the
    last build's sidebar (here tampered with, to see it); a new title makes a new one."""
    src = copy_root("order-nested", tmp_path / "src")
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    assert sphinx_build(src, out, doctrees=doctrees).returncode == 0
    tamper_saved_sidebar(doctrees, ">Guide One<", ">Guide One (saved)<")

    edit(src / "guide" / "two.md", "Guide page two.", "Guide page two, edited.")
    assert sphinx_build(src, out, doctrees=doctrees).returncode == 0
    assert b">Guide One (saved)<" in (out / "guide" / "two.html").read_bytes()

    edit(src / "last.md", "title: Last", "title: The Very Last")
    assert sphinx_build(src, out, doctrees=doctrees).returncode == 0
    assert sphinx_build(src, tmp_path / "clean", doctrees=tmp_path / "clean-doctrees").returncode == 0
    assert_same_files(files(out), files(tmp_path / "clean"))


WARN_IN_SIDEBAR = """
def setup(app):
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.util import logging
    local_toctree = StandaloneHTMLBuilder._get_local_toctree

    def warned(self, docname, *args, **kwargs):
        logging.getLogger(__name__).warning("a toctree problem seen while rendering the sidebar")
        return local_toctree(self, docname, *args, **kwargs)

    StandaloneHTMLBuilder._get_local_toctree = warned
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def test_a_sidebar_that_warned_is_rendered_again_and_warns_again(tmp_path):
    """A warning while the sidebar is rendered (a broken toctree) must be repeated by the
    next build (a strict build keeps failing): that sidebar is never reused."""
    import runpy

    from conftest import REPO

    src = copy_root("order-nested", tmp_path / "src")
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "warn_in_sidebar.py").write_text(WARN_IN_SIDEBAR, encoding="utf-8")
    extensions = [*runpy.run_path(str(REPO / "conf.py"))["extensions"], "warn_in_sidebar"]
    options = dict(doctrees=tmp_path / "doctrees", strict=False,
                   extra=("-D", "extensions=" + ",".join(extensions)),
                   env={"PYTHONPATH": os.pathsep.join([str(tmp_path / "ext"), *sys.path])})
    first = sphinx_build(src, tmp_path / "html", **options)
    assert first.returncode == 0 and "seen while rendering the sidebar" in first.output, first.output
    assert '"key"' not in (tmp_path / "doctrees" / "fastnav-sidebar-html.json").read_text()

    edit(src / "guide" / "two.md", "Guide page two.", "Guide page two, edited.")
    again = sphinx_build(src, tmp_path / "html", **options)
    assert again.returncode == 0 and "seen while rendering the sidebar" in again.output, again.output


def make_all(source: Path, builddir: Path, edition: str = "all") -> subprocess.CompletedProcess[str]:
    """``make all`` (or one edition) of ``source`` into ``builddir``, strict, as the Makefile runs it."""
    return subprocess.run(
        [sys.executable, str(REPO / "_ext" / "edition_build.py"), str(builddir), str(source),
         edition, "-c", str(REPO), "-d", str(builddir / "doctrees"), "-j", "1", "-W", "--keep-going",
         "-q"], capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
        check=False)


def test_a_page_renamed_back_after_a_failed_build_leaves_no_html_behind(tmp_path):
    """The failed build's memory of the pages it wrote is not the live site's: the page the
    build before it published (``def2``) must still go when the next build succeeds."""
    src = write_pages(tmp_path / "src", {"index.md": page("Home"), "a.md": page("A", 1),
                                         "b.md": page("B", 2)})
    out = tmp_path / "incremental"
    assert make_all(src, out, "html").returncode == 0
    (src / "b.md").rename(src / "def2.md")
    assert make_all(src, out, "html").returncode == 0
    (src / "def2.md").rename(src / "b.md")
    edit(src / "b.md", "position: 2", "position: two")
    assert make_all(src, out, "html").returncode != 0  # strict: the position is refused
    edit(src / "b.md", "position: two", "position: 2")
    built = make_all(src, out, "html")
    assert built.returncode == 0, built.stdout + built.stderr
    assert make_all(src, tmp_path / "clean", "html").returncode == 0

    assert not list(out.glob("html/**/def2.html"))
    assert_same_files(files(out / "html"), files(tmp_path / "clean" / "html"))
