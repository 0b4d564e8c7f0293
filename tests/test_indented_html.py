"""A page's HTML indented into a code block is said; code meant as code is not."""

from __future__ import annotations

from conftest import page, sphinx_build, write_pages

INDENTED = '<div>Policies</div>\n\n    <div class="card">\n      <p>Collection policy</p>\n    </div>\n'
ON_PURPOSE = ("Embed it:\n\n```html\n<div class=\"map\"></div>\n```\n\n"
              "A shell session:\n\n    $ make all\n    <done>\n")


def test_html_indented_into_code_is_said_at_its_line(tmp_path):
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body=INDENTED)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    said = [w for w in build.warnings if "math.indented-html" in w]
    assert len(said) == 1 and "index.md:7:" in said[0], build.output
    assert "3 lines as code" in said[0] and "```html" in said[0]
    assert "Collection policy" in (tmp_path / "html" / "index.html").read_text()


def test_code_meant_as_code_is_not_said(tmp_path):
    source = write_pages(tmp_path / "src", {"index.md": page("Home", body=ON_PURPOSE)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert not [w for w in build.warnings if "indented-html" in w], build.output
