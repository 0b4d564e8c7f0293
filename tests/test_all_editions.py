"""``make all`` in one process gives the very bytes of three separate builds, and a failed
edition leaves the previous one in place while the others are still built."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile

import pypdf

from conftest import REPO, ROOTS, sphinx_build, write_pages

import edition_build

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}
TOOL = str(REPO / "_ext" / "edition_build.py")


def digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_all(source, builddir, *options):
    return subprocess.run(
        [sys.executable, TOOL, str(builddir), str(source), "all", "-c", str(REPO),
         "-d", str(builddir / "doctrees"), "-j", "1", *options],
        capture_output=True, text=True, env={**os.environ, **EPOCH}, check=False)


def test_one_process_equals_three_builds(tmp_path):
    source = ROOTS / "order-nested"
    one = tmp_path / "one"
    result = make_all(source, one, "-W", "--keep-going", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    three = tmp_path / "three"
    for folder, builder in edition_build.BUILDERS.items():
        extra = ("-D", f"editions_dir={three}") if folder == "html" else ()
        build = sphinx_build(source, three / folder, builder, doctrees=three / "doctrees",
                             jobs="1", extra=extra, env=EPOCH)
        assert build.returncode == 0, build.output
    for folder in edition_build.BUILDERS:
        assert digests(one / folder) == digests(three / folder), folder
        assert not (one / f"{folder}.new").exists()


FORK_OR_NOT = """
import sys
import zipfile

import pypdf
sys.path.insert(0, sys.argv.pop(1))
from languages import forked
if sys.argv.pop(1) == "fork":
    start = forked.Forked.__init__
    def told(self):
        start(self)
        print("translation worker forked", file=sys.stderr, flush=True)
    forked.Forked.__init__ = told
else:
    forked.available = lambda: False
import edition_build
sys.exit(edition_build.main(sys.argv[1:]))
"""


def test_a_forked_translation_worker_writes_the_bytes_of_a_new_python(tmp_path):
    """The Spanish editions from a worker forked with Sphinx imported (languages.forked) are
    those of a worker that is a new ``python``, which imports after each build's language."""
    builds = {}
    for how in ("fork", "python"):
        out = tmp_path / how
        result = subprocess.run(
            [sys.executable, "-c", FORK_OR_NOT, str(REPO / "_ext"), how, str(out),
             str(REPO / "source"), "all", "-c", str(REPO), "-d", str(out / "doctrees"), "-j", "1",
             "-W", "--keep-going"],
            capture_output=True, text=True, env={**os.environ, **EPOCH}, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        assert ("translation worker forked" in result.stderr) == (how == "fork")
        builds[how] = {folder: digests(out / folder) for folder in edition_build.BUILDERS}
    assert "smart-city-austin-es.pdf" in builds["fork"]["pdf"]
    assert "smart-city-austin-es.epub" in builds["fork"]["epub"]
    assert "es/index.html" in builds["fork"]["html"]
    for folder in edition_build.BUILDERS:
        assert builds["fork"][folder] == builds["python"][folder], folder


def test_a_failed_edition_keeps_the_previous_one_and_the_others_are_built(tmp_path):
    source = write_pages(tmp_path / "pages", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        # a character no font has: only the PDF warns (pdf.glyph), so only the PDF fails
        "logo.md": "---\ntitle: Logo\nposition: 1\n---\n\nOur logo is \uf8ff.\n"})
    out = tmp_path / "out"
    (out / "pdf").mkdir(parents=True)
    (out / "pdf" / "last-good.pdf").write_text("last good")
    (out / "pdf" / "book.typ").write_bytes((REPO / "_ext" / "typst_pdf" / "book.typ").read_bytes())
    result = make_all(source, out, "-W", "--keep-going", "-q")
    assert result.returncode != 0
    assert "these editions failed: pdf" in result.stderr, result.stderr
    assert (out / "pdf" / "last-good.pdf").read_text() == "last good"
    assert (out / "epub").is_dir() and (out / "html" / "index.html").is_file()


def warned(result, marker):
    """The lines of a make all's warnings that contain ``marker``."""
    return [line for line in result.stderr.splitlines() if marker in line]


def test_a_picture_on_another_site_is_one_message_for_all_three_editions(tmp_path):
    """``![a](https://example.org/p.png)``: the PDF, the ePub and the website each said what
    they do with it (pdf.image, epub.remote-image, security.remote-picture), three messages
    at one file:line for one mistake. Staff read one that says all three; -W still fails
    every edition, and a suppressed kind is still left out."""
    source = write_pages(tmp_path / "pages", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n\n![A map](https://example.org/p.png)\n"})
    strict = make_all(source, tmp_path / "strict", "-W", "--keep-going", "-q")
    said = warned(strict, "example.org/p.png")
    assert len(said) == 1 and "index.md:7:" in said[0], strict.stderr
    assert all(words in said[0] for words in ("PDF", "ePub", "website", "Save the picture")), said
    assert "these editions failed: pdf epub html (none was built" in strict.stderr, strict.stderr
    quiet = make_all(source, tmp_path / "quiet", "-q", "-D",
                     "suppress_warnings=pdf.image,epub.remote-image,security.remote-picture")
    assert quiet.returncode == 0 and not warned(quiet, "example.org"), quiet.stderr


def test_a_label_given_on_two_pages_is_said_once(tmp_path):
    """``(part-one)=`` on beta.md and gamma.md, beta.md re-read by each builder (its picture
    is missing): the PDF build said it at gamma.md naming beta.md, the ePub's at beta.md
    naming gamma.md, one mistake said twice. It is said once; -W still fails every edition."""
    label = "---\ntitle: {0}\nposition: {1}\n---\n\n(part-one)=\n## One\n\n{2}\n"
    source = write_pages(tmp_path / "pages", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "beta.md": label.format("Beta", 2, "![x](gone.png)"),
        "gamma.md": label.format("Gamma", 3, "Text.")})
    strict = make_all(source, tmp_path / "strict", "-W", "--keep-going", "-q")
    said = warned(strict, "the label 'part-one'")
    assert len(said) == 1, strict.stderr
    assert "these editions failed: pdf epub html (none was built" in strict.stderr, strict.stderr


def test_each_problem_is_shown_once_though_every_edition_meets_it(tmp_path):
    """A page with a missing picture is read again by every builder (Sphinx re-reads a page
    whose dependency is missing) and warns each time: staff see it once, and under -W every
    edition still fails on it."""
    source = write_pages(tmp_path / "pages", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "photo.md": "---\ntitle: Photo\nposition: 1\n---\n\n![The market](gone.png)\n"})
    loose = make_all(source, tmp_path / "loose", "-q")
    assert loose.returncode == 0, loose.stderr
    missing = warned(loose, "gone.png")
    assert len(missing) == 1 and "photo.md:" in missing[0], loose.stderr
    assert "were not repeated" in loose.stderr

    strict = make_all(source, tmp_path / "strict", "-W", "--keep-going", "-q")
    assert "these editions failed: pdf epub html (none was built" in strict.stderr, strict.stderr
    assert len(warned(strict, "gone.png")) == 1
    assert strict.stderr.rstrip().endswith("fix them, or build the editions anyway with STRICT=0")
    assert "STRICT=0" not in loose.stderr


def html_edition(builddir, *options):
    """``make html`` of the real publication (English, then Spanish beside it)."""
    return subprocess.run(
        [sys.executable, TOOL, str(builddir), str(REPO / "source"), "html", "-c", str(REPO),
         "-d", str(builddir / "doctrees"), "-j", "1", "-W", "--keep-going", *options],
        capture_output=True, text=True, env={**os.environ, **EPOCH}, check=False)


def test_a_translation_builds_beside_and_is_shown_after_the_source_language(tmp_path):
    result = html_edition(tmp_path / "ok")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    english, spanish = out.index("build succeeded"), out.index("html edition in es:")
    assert english < spanish < out.index("build succeeded", spanish) < out.index("html edition: ")
    assert (tmp_path / "ok" / "html" / "es" / "index.html").is_file()
    # each says where it ends up, not the folder it is built in before the swap
    assert ".new" not in out  # Sphinx's closing line, its templates', sphinx-sitemap's line
    assert "MdParserConfig" not in out  # MyST's whole configuration, once per build
    assert f"html edition in es: {tmp_path / 'ok' / 'html' / 'es'}\n" in out
    assert f"html edition: {tmp_path / 'ok' / 'html'}\n" in out


def test_a_failed_source_language_build_stops_its_translations_unshown(tmp_path):
    # Strict style advice fails the English build only: translations are not checked
    result = html_edition(tmp_path / "failed", "-D", "style_checks_strict=1")
    assert result.returncode != 0
    assert "html edition not replaced: the build failed" in result.stderr
    assert "in es" not in result.stdout + result.stderr  # as if the translation never started
    assert not (tmp_path / "failed" / "html").exists()


def test_a_broken_project_citation_file_still_yields_every_edition_marked_as_a_stand_in(tmp_path):
    """The project's own metadata (``citation_cff``) unusable: STRICT=0 still yields the three
    editions, with stand-in metadata no one would cite, said at the file's line; -W fails."""
    broken = tmp_path / "CITATION.cff"
    broken.write_text("cff-version: 1.2.0\ntitle: Smart City\nauthors: [broken\n", encoding="utf-8")
    source = write_pages(tmp_path / "pages", {"index.md": "---\ntitle: Home\n---\n\nWelcome.\n"})
    loose = make_all(source, tmp_path / "loose", "-q", "-D", f"citation_cff={broken}")
    assert loose.returncode == 0 and "Traceback" not in loose.stderr, loose.stderr
    said = warned(loose, "[publication.citation]")
    assert len(said) == 1 and said[0].startswith(f"{broken}:4: WARNING: "), said
    assert "stand-in metadata" in said[0] and "'Untitled publication'" in said[0]
    assert (tmp_path / "loose" / "pdf" / "untitled-publication.pdf").is_file()
    assert (tmp_path / "loose" / "epub" / "untitled-publication.epub").is_file()
    assert "Untitled publication" in (tmp_path / "loose" / "html" / "index.html").read_text(encoding="utf-8")
    strict = make_all(source, tmp_path / "strict", "-W", "--keep-going", "-q", "-D", f"citation_cff={broken}")
    assert "these editions failed: pdf epub html" in strict.stderr, strict.stderr


def test_a_broken_citation_file_beside_the_pages_still_yields_every_edition(tmp_path):
    """STRICT=0 always yields the three editions: a folder of pages whose own CITATION.cff is
    broken is built with the project's metadata, and told so at the file; -W fails on it."""
    source = write_pages(tmp_path / "pages", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "CITATION.cff": "cff-version: 1.2.0\ntitle: [broken\n"})
    loose = make_all(source, tmp_path / "loose", "-q")
    assert loose.returncode == 0, loose.stderr
    said = warned(loose, "[publication.pages-citation]")
    assert len(said) == 1 and said[0].startswith(f"{source / 'CITATION.cff'}:3: WARNING: "), said  # YAML's line
    assert "smart-city-austin.pdf" in [p.name for p in (tmp_path / "loose" / "pdf").iterdir()]
    assert (tmp_path / "loose" / "epub" / "smart-city-austin.epub").is_file()
    assert (tmp_path / "loose" / "html" / "index.html").is_file()
    strict = make_all(source, tmp_path / "strict", "-W", "--keep-going", "-q")
    assert "these editions failed: pdf epub html" in strict.stderr, strict.stderr


def test_a_page_saved_as_utf_16_keeps_its_words_in_every_edition_with_one_warning(tmp_path):
    """Notepad's "Unicode" is UTF-16 with a byte order mark: read as UTF-8, the page's every
    word was garbled (``�t�i�t�l�e``) in all three editions, under four warnings, three of
    them about the garbage (a 28-word sentence, 47 control characters, no title)."""
    import zipfile

    source = write_pages(tmp_path / "pages", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "cafe.md": "---\ntitle: Café corner\nposition: 1\n---\n\nThe café opens at nine.\n".encode("utf-16"),
        "wide.md": "---\ntitle: Wide page\nposition: 2\n---\n\nSaved as UTF-32.\n".encode("utf-32")})
    built = make_all(source, tmp_path / "out", "-q")
    assert built.returncode == 0, built.stderr
    said = [line for line in built.stderr.splitlines() if "WARNING" in line]
    assert said == [
        f"{source / 'cafe.md'}:1: WARNING: the file is UTF-16, not UTF-8: it is read as UTF-16; save "
        "it as UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8) [position.encoding]",
        f"{source / 'wide.md'}:1: WARNING: the file is UTF-32, not UTF-8: it is read as UTF-32; save "
        "it as UTF-8 in your editor (in Notepad: Save as, Encoding: UTF-8) [position.encoding]"], built.stderr
    html = (tmp_path / "out" / "html" / "cafe.html").read_text(encoding="utf-8")
    assert "The café opens at nine." in html and "<title>Café corner" in html
    assert "Saved as UTF-32." in (tmp_path / "out" / "html" / "wide.html").read_text(encoding="utf-8")
    [epub] = (tmp_path / "out" / "epub").glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        text = " ".join(book.read(name).decode("utf-8") for name in book.namelist()
                        if name.endswith(".xhtml"))
    assert "The café opens at nine." in text and "Saved as UTF-32." in text
    [typ] = [p for p in (tmp_path / "out" / "pdf").glob("*.typ") if p.name != "book.typ"]
    assert "The café opens at nine." in typ.read_text(encoding="utf-8")


def test_a_changed_include_reaches_every_edition(tmp_path):
    """Only the PDF's builder reads a page again when a file it takes in changes (one doctree
    cache): the ePub and the site, comparing the page's own file with their output, kept
    the old words."""
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Newsletter\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "signup.md": "---\ntitle: Sign up\nposition: 1\n---\n\nSign up below.\n\n"
                     "{% include signup.html %}\n",
        "_includes/signup.html": "<p>Old words of the form.</p>\n"})
    builddir = tmp_path / "build"
    first = make_all(source, builddir, "-q")
    assert first.returncode == 0, first.stderr
    (source / "_includes" / "signup.html").write_text("<p>New words of the form.</p>\n")
    again = make_all(source, builddir, "-q")
    assert again.returncode == 0, again.stderr
    site = (builddir / "html" / "signup.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(next((builddir / "epub").glob("*.epub"))) as book:
        chapter = book.read("signup.xhtml").decode("utf-8")
    pdf = " ".join(page.extract_text() for page in
                   pypdf.PdfReader(next((builddir / "pdf").glob("*.pdf"))).pages)
    for edition in (site, chapter, pdf):
        assert "New words of the form." in edition and "Old words" not in edition


def test_a_pages_problem_fails_every_strict_build_until_it_is_fixed(tmp_path):
    """Sphinx warns about a page while reading it and reads it again only when it changes:
    a second strict build passed with the Liquid still shown as written, and even the first
    failed only the PDF (the ePub and the site, whose builders did not read the page, were
    published)."""
    source = write_pages(tmp_path / "pages", {
        "_config.yml": "title: Posts\n",
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "a.md": "---\ntitle: Post A\nposition: 1\n---\n\nby {% author robert %}\n",
        "b.md": "---\ntitle: Post B\nposition: 2\n---\n\nSee [the plan](/nowhere/).\n"})
    builddir = tmp_path / "build"
    first = make_all(source, builddir, "-W", "--keep-going", "-q")
    assert "these editions failed: pdf epub html (none was built" in first.stderr, first.stderr
    (source / "b.md").write_text("---\ntitle: Post B\nposition: 2\n---\n\nNo link now.\n")
    second = make_all(source, builddir, "-W", "--keep-going", "-q")
    assert "these editions failed: pdf epub html (none was built" in second.stderr, second.stderr
    liquid = warned(second, "{% author robert %}")
    assert len(liquid) == 1 and "a.md:6:" in liquid[0] and "[jekyll.liquid]" in liquid[0]
    assert not warned(second, "nowhere")
    (source / "a.md").write_text("---\ntitle: Post A\nposition: 1\n---\n\nby Robert\n")
    third = make_all(source, builddir, "-W", "--keep-going", "-q")
    assert third.returncode == 0 and "WARNING" not in third.stderr, third.stderr


def test_a_pages_problem_is_said_again_after_a_parallel_read(tmp_path):
    pages = {f"p{n:02}.md": f"---\ntitle: Page {n}\nposition: {n}\n---\n\nText {n}.\n"
             for n in range(1, 41)}
    pages["index.md"] = "---\ntitle: Home\n---\n\nWelcome.\n"
    pages["p07.md"] = "---\ntitle: Page 7\nposition: 7\n---\n\nby {% author robert %}\n"
    source = write_pages(tmp_path / "pages", {"_config.yml": "title: Posts\n", **pages})
    for attempt in ("read", "not read"):
        build = sphinx_build(source, tmp_path / "html", "html", jobs="2", strict=False)
        said = [line for line in build.output.splitlines() if "{% author robert %}" in line]
        assert len(said) == 1 and "p07.md:6:" in said[0], (attempt, build.output)
    suppressed = sphinx_build(source, tmp_path / "html", "html", jobs="2",
                              extra=("-D", "suppress_warnings=jekyll.liquid"))
    assert suppressed.returncode == 0, suppressed.output


def test_a_style_note_of_a_strict_build_is_shown_once(tmp_path):
    """A strict build gives the plain-language advice as information; a page with a missing
    picture is read again by every builder, which advises again: staff read each note of
    18F's scanning page three times."""
    source = write_pages(tmp_path / "pages", {
        "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "scan.md": "---\ntitle: Scanning\nposition: 1\n---\n\n"
                   "Read about scanning [here](https://example.org/scan).\n\n![A scan](gone.png)\n"})
    result = make_all(source, tmp_path / "build", "-W", "--keep-going")
    assert "gone.png" in result.stderr
    notes = [line for line in result.stdout.splitlines() if "[style.link-text]" in line]
    assert len(notes) == 1 and "scan.md:6:" in notes[0], result.stdout
    assert "make all: 2 note(s) an earlier edition had already shown were not repeated" in result.stdout
