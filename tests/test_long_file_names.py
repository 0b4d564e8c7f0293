"""A path a page (or SUMMARY.md, or a layout) writes longer than the file system holds:
``Path.is_file()`` raises "File name too long" (errno 36) on Python 3.11 where it would
answer False, and the build stopped with a traceback. Each such path is no file, said at
its line as any missing file is, and every edition is still made with STRICT=0."""

from __future__ import annotations

from pathlib import Path

from conftest import build_every_edition, write_pages

LONG = "a" * 5000


def _said(builds, source: Path) -> str:
    return "\n".join(w for b in builds.values() for w in b.warnings if w.startswith(str(source)))


def test_a_jekyll_site_with_over_long_paths_builds_every_edition(tmp_path):
    src = write_pages(tmp_path / "src", {
        "_config.yml": "title: T\nlanguages: [en]\nplugins: [jekyll-multiple-languages-plugin]\n",
        "_i18n/en.yml": "x: y\n",
        "_layouts/page.html": f"{{% include {LONG}.html %}}\n{{{{ content }}}}\n",
        "index.md": (f"---\ntitle: Home\nlayout: page\n---\n# Home\n\n"
                     f"{{% translate_file {LONG}.md %}}\n\n"
                     f"![a]({LONG}.png)\n\n"
                     f"See [the other page](b/{LONG}.md).\n\n"
                     f"{{% include_relative {LONG}.md %}}\n"),
        "other.md": f"---\ntitle: Other\nredirect_from: /{LONG}/\n---\nSome text.\n",
    })
    builds = build_every_edition(src, tmp_path / "out", strict=False)  # asserts no traceback
    said = _said(builds, src)
    assert f"{src}/index.md:7: " in said  # the translate_file tag, shown as written
    assert f"{src}/index.md:9: " in said and "cannot be found" in said
    assert f"{src}/other.md:3: " in said  # the old address no redirect can be written for


def test_a_gitbook_summary_and_linked_picture_with_over_long_paths(tmp_path):
    src = write_pages(tmp_path / "src", {
        "SUMMARY.md": f"# Summary\n\n* [Intro](README.md)\n* [Long]({LONG}.md)\n",
        "README.md": f"# Intro\n\nThe map:\n\n[![a map]({LONG}.png)]({LONG}.png)\n",
    })
    builds = build_every_edition(src, tmp_path / "out", strict=False)  # asserts no traceback
    said = _said(builds, src)
    assert f"{src}/SUMMARY.md:4: " in said and "gitbook.missing-page" in said
    entry = next(w for w in said.splitlines() if w.startswith(f"{src}/SUMMARY.md:4: "))
    assert len(entry) < 1000 and "\u2026" in entry  # the path cut for the log, visibly
    assert f"{src}/README.md:5: " in said and "cannot be found" in said
