"""Problems earlier testers found on real and hostile input and left: values printed as
nothing without a word, a definition that swallowed the next, metadata left unclosed."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import page, sphinx_build, write_pages


def _article(out: Path, name: str = "index") -> BeautifulSoup:
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def _said(build, kind: str) -> list[tuple[str, str]]:
    return [tuple(line.split(" WARNING: ", 1)) for line in build.warnings if f"[{kind}]" in line]


def test_every_github_value_that_prints_nothing_is_said_at_its_line(tmp_path: Path) -> None:
    """A Jekyll page's ``*{{site.github.project_tagline}}*`` printed a bare ``**`` and
    ``{{ site.github.url }}`` nothing, unsaid: only the first repository address was named."""
    body = ("Intro words.\n\n*{{site.github.project_tagline}}*\n\nVisit {{ site.github.url }} now, "
            "or [the about page]({{ site.github.url }}/about/).\n\n"
            "Get {{ site.github.releases_url }} here.\n")
    source = write_pages(tmp_path / "src", {"_config.yml": "title: Old site\n",
                                            "about.md": page("About", 2),
                                            "index.md": page("Home", 1, body)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = _said(build, "jekyll.site-value")
    where = f"{source / 'index.md'}:"
    assert [(w, m.split(" ", 1)[0]) for w, m in said] == [
        (f"{where}8:", "`site.github.project_tagline`"), (f"{where}10:", "`site.github.url`"),
        (f"{where}12:", "`site.github.releases_url`")], said
    assert "`description:`" in said[0][1]
    article = _article(tmp_path / "html")
    assert "**" not in article.get_text() and "Visit now" in " ".join(article.get_text().split())
    described = write_pages(tmp_path / "described", {
        "_config.yml": "title: Old site\ndescription: Parks for all\n",
        "index.md": page("Home", 1, "*{{site.github.project_tagline}}*\n")})
    build = sphinx_build(described, tmp_path / "described-html", strict=False)
    assert not _said(build, "jekyll.site-value"), build.output
    assert _article(tmp_path / "described-html").em.get_text() == "Parks for all"


def test_a_link_definition_liquid_left_empty_does_not_swallow_the_next(tmp_path: Path) -> None:
    """``[github]: {{site.github.url}}`` above ``[releases]: https://…``: CommonMark took the
    next line as github's address (or read both as text); kramdown showed ``[github]`` as
    words and linked ``[releases]``. Now so too, the empty definition said at its line."""
    body = ("See [github] and [releases] and [notes].\n\n[github]: {{site.github.url}}\n"
            "[notes]: {{ site.github.releases_url }}\n[releases]: https://example.org/releases\n")
    source = write_pages(tmp_path / "src", {"_config.yml": "title: Old site\n",
                                            "index.md": page("Home", 1, body)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    links = _said(build, "jekyll.link")
    where = f"{source / 'index.md'}:"
    assert [(w, m.split(" ", 4)[3]) for w, m in links] == [(f"{where}8:", "`[github]:`"),
                                                           (f"{where}9:", "`[notes]:`")], links
    article = _article(tmp_path / "html")
    assert [a["href"] for a in article.select("p a.reference")] == ["https://example.org/releases"]
    assert "See [github] and releases and [notes]." in " ".join(article.get_text().split())
    assert "leads to no page" not in build.output


def test_a_right_to_left_override_in_the_publication_title_is_closed_in_every_edition(tmp_path: Path) -> None:
    """A CITATION.cff title with U+202E was kept unclosed in the ePub's ``dc:title`` and
    ``toc.ncx`` (and the site's head and the PDF's metadata), turning what followed around."""
    import dataclasses
    import zipfile

    from pypdf import PdfReader

    import publication
    from conftest import build_every_edition
    from test_citation_metadata import VALID

    citation = VALID.replace('title: "Smart City Austin"', 'title: "Smart \\u202eCity Austin"')
    source = write_pages(tmp_path / "src", {"CITATION.cff": citation, "index.md": page("Home", 1, "Welcome.")})
    build_every_edition(source, tmp_path / "out", strict=False)
    closed = "Smart \u202eCity Austin\u202c"
    with zipfile.ZipFile(next((tmp_path / "out/epub").glob("*.epub"))) as book:
        opf = book.read("content.opf")
        ncx = book.read(next(n for n in book.namelist() if n.endswith("toc.ncx")))
    assert f"<dc:title>{closed}</dc:title>" in opf.decode("utf-8")
    assert f"<text>{closed}</text>" in ncx.decode("utf-8")
    head = BeautifulSoup((tmp_path / "out/html/index.html").read_text(encoding="utf-8"), "html.parser")
    assert head.title.get_text().endswith(closed), head.title
    assert PdfReader(next((tmp_path / "out/typst").glob("*.pdf"))).metadata.title == closed
    meta = publication.load(source / "CITATION.cff")
    assert meta.title == closed
    assert dataclasses.replace(meta, title="Parks \u202eold site").title == "Parks \u202eold site\u202c"


def test_a_description_that_is_no_text_is_said_at_its_line(tmp_path: Path) -> None:
    """``description: ["list", "of"]`` on a page was dropped without a word; the head said
    the publication's abstract."""
    source = write_pages(tmp_path / "src", {
        "index.md": '---\ntitle: Home\nposition: 1\ndescription: ["list", "of"]\n---\n\nWelcome.\n',
        "fine.md": "---\ntitle: Fine\nposition: 2\ndescription: How to apply\n---\n\nFine.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = _said(build, "jekyll.front-matter")
    assert [w for w, _ in said] == [f"{source / 'index.md'}:4:"], build.warnings
    assert said[0][1].startswith("`description:` is a list, not text"), said
    fine = BeautifulSoup((tmp_path / "html/fine.html").read_text(encoding="utf-8"), "html.parser")
    assert fine.find("meta", attrs={"name": "description"})["content"] == "How to apply"


def test_a_loop_over_a_refused_data_file_is_not_told_to_add_it(tmp_path: Path) -> None:
    """A refused ``_data/bomb.yml`` (an alias bomb) was said, then a loop over
    ``site.data.bomb`` was said as "no `_data/bomb` file gives it … add `_data/bomb.yml`"."""
    bomb = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]'] + [
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    body = ("{% for item in site.data.bomb.a1 %}\n- {{ item }}\n{% endfor %}\n\n"
            "Name {{ site.data.bomb.a0 }}.\n\n{% for x in site.data.other %}{{ x }}{% endfor %}\n")
    source = write_pages(tmp_path / "src", {"_config.yml": "title: Old site\n",
                                            "_data/bomb.yml": "\n".join(bomb) + "\n",
                                            "index.md": page("Home", 1, body)})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    assert any("bomb.yml' cannot be read" in m for _, m in _said(build, "jekyll.site-file")), build.warnings
    empty = _said(build, "jekyll.empty-value")
    assert "_data/bomb" not in build.output.replace("_data/bomb.yml:", ""), build.warnings
    assert [w for w, _ in empty] == [f"{source / 'index.md'}:12:"] and "site.data.other" in empty[0][1]


def test_a_front_matter_halfway_down_the_file_is_said_where_it_is(tmp_path: Path) -> None:
    """``learning-resources.md`` with its front matter after 48 lines of notes was told it
    "has no front matter"; its author looked at the block and found it there."""
    notes = "".join(f"Note {i} about learning.\n\n" for i in range(24))
    source = write_pages(tmp_path / "src", {
        "_config.yml": "title: Old site\n", "index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
        "learning-resources.md": notes + "---\ntitle: Learning resources\nlayout: page\n---\n\nResources.\n",
        "notes.md": "Plain notes.\n\n---\n\nMore notes: see below.\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    said = dict(_said(build, "jekyll.no-front-matter"))
    late = said[f"{source / 'learning-resources.md'}:49:"]
    assert "front matter block at lines 49-52, not at the top" in late and "has no front matter" not in late
    assert "'notes.md' has no front matter" in said[f"{source / 'notes.md'}:1:"]


def test_a_gitbook_file_block_with_a_body_is_a_download_named_by_it(tmp_path: Path) -> None:
    """``{% file src="x.pdf" %}caption{% endfile %}``, GitBook's newer form, left
    ``{% endfile %}`` as text with a ``jekyll.liquid`` warning; on its own lines too."""
    body = ('{% file src=".gitbook/assets/fees.pdf" %}Fee schedule{% endfile %}\n\n'
            '{% file src=".gitbook/assets/hours.pdf" %}\nOpening **hours**\n{% endfile %}\n\n'
            'After.\n\n{% endfile %}\n')
    source = write_pages(tmp_path / "src", {
        "SUMMARY.md": "# Table of contents\n\n* [Home](README.md)\n",
        "README.md": "# Home\n\n" + body,
        ".gitbook/assets/fees.pdf": "%PDF-1.4\n", ".gitbook/assets/hours.pdf": "%PDF-1.4\n"})
    build = sphinx_build(source, tmp_path / "html", strict=False)
    assert build.returncode == 0 and "Traceback" not in build.output, build.output
    article = _article(tmp_path / "html", "README")
    downloads = article.select("a.reference.download")
    assert [a.get_text() for a in downloads] == ["Fee schedule", "Opening hours"], article
    assert downloads[1].strong.get_text() == "hours"
    assert [a["href"].rsplit("/", 1)[-1] for a in downloads] == ["fees.pdf", "hours.pdf"]
    text = article.get_text()
    assert text.count("{% endfile %}") == 1 and "After." in text, text
    liquid = _said(build, "jekyll.liquid")
    assert [w for w, _ in liquid] == [f"{source / 'README.md'}:11:"], build.warnings


def test_a_details_summary_keeps_its_bold_in_every_edition(tmp_path: Path) -> None:
    """``<summary><b>Fees</b> 2024</summary>``: the box's title kept the words, not the bold."""
    import zipfile

    from pypdf import PdfReader

    from conftest import build_every_edition

    body = ("<details><summary><b>Fees</b> 2024 <i>and</i> <code>x</code></summary>\n\n"
            "The fee is five dollars.\n\n</details>\n")
    source = write_pages(tmp_path / "src", {"index.md": page("Home", 1, body)})
    builds = build_every_edition(source, tmp_path / "out", strict=False)
    assert not builds["html"].warnings, builds["html"].output
    html = _article(tmp_path / "out/html")
    with zipfile.ZipFile(next((tmp_path / "out/epub").glob("*.epub"))) as book:
        xhtml = BeautifulSoup(book.read("index.xhtml").decode("utf-8"), "html.parser")
    for soup in (html, xhtml):
        summary = soup.select_one("details.details-box summary")
        assert " ".join(summary.get_text().split()) == "Fees 2024 and x", summary
        assert summary.strong.get_text() == "Fees" and summary.em.get_text() == "and", summary
        assert summary.code.get_text() == "x", summary
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(
        next((tmp_path / "out/typst").glob("*.pdf"))).pages).split())
    assert "Fees 2024 and x The fee is five dollars." in words, words
