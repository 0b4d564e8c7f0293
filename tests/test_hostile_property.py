"""Random hostile input at a real build: no traceback, no file outside, no script, no lost word.

Hypothesis writes a project (file names, front matter, Markdown with hostile links and
markup, CITATION.cff values) next to a sentinel folder, builds it the way ``make html``
does without ``-W``, and checks that the build finished without a traceback, that nothing
outside the build folder changed, that no link or title taken from the input can run
script, and that every word of every page is on its page. A few examples per run (each is a
real Sphinx build); every run draws new ones.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import sphinx_build
from test_redirects import copy_project

from safety import names, urls

HOSTILE_TEXT = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "{{ site.title }}", "{% raw %}", "`code`", "*em*", "&lt;b&gt;", "</title>",
    '" onmouseover="alert(1)', "](javascript:alert(1))", "\\", "#", "---", "@{}",
]
HOSTILE_MARKDOWN = [
    "[click](javascript:alert(1))", "<javascript:alert(2)>", "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "```{eval-rst}\n`y <vbscript:msgbox(1)>`_\n```",
    "```{literalinclude} ../../../../../../../../etc/passwd\n```",
    "![z](../../../../../../../../etc/hostname)",
    "```{csv-table} t\n:url: http://127.0.0.1:9/\n```",
    "{download}`f <../../outside.txt>`",
    "```{eval-rst}\n.. contents::\n\n.. target-notes::\n```",
    "::::{note}\n" * 300 + "nested",
    "```{image} ../../outside.txt\n:target: https://example.org/\n:alt: linked\n```",
    "```{image} data:image/png;base64\n:target: https://example.org/\n```",
    "```{math}\n\\href{javascript:alert(3)}{x} \\style{background:url(https://evil.example/t.png)}{y}\n```",
    "Text <div onclick=\"alert(4)\">inner</div> more.",
    "```{eval-rst}\nSub |undefined| and `broken <`_.\n```",
]

safe_char = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="/\\\x00")
file_name = st.text(safe_char, min_size=1, max_size=24).map(str.strip).filter(
    lambda n: n and not n.startswith(("_", ".", "-")) and n != "index" and names.problem(n) is None
    and not names.unfindable(f"{n}.md"))  # refused with a warning: tests/test_safety_files.py
line_text = st.one_of(st.text(safe_char, max_size=40), st.sampled_from(HOSTILE_TEXT)).map(
    lambda t: " ".join(t.split()))
# Raw HTML and maths in a page's body are the raw-HTML and MathML passes' (issue 10): titles
# and values get them here.
body_text = line_text.map(lambda t: t.replace("<", "‹"))


@st.composite
def projects(draw):
    names = draw(st.lists(file_name, min_size=1, max_size=4, unique_by=lambda n: n.casefold()))
    pages = {}
    for number, name in enumerate(names):
        words = [f"w{number}x{k}" for k in range(3)]
        front = {"title": draw(line_text) or f"Page {number}", "position": number + 1}
        extra = draw(st.dictionaries(st.sampled_from(["description", "author", "date", "layout",
                                                      "permalink", "tags"]),
                                     line_text, max_size=2))
        if extra.get("layout") == "redirect" or "permalink" in extra:
            extra.pop("layout", None), extra.pop("permalink", None)
        front.update(extra)
        body_parts = [" ".join(words)] + draw(st.lists(st.one_of(
            st.sampled_from(HOSTILE_MARKDOWN), body_text), max_size=4))
        head = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
        pages[f"{name}.md"] = (f"---\n{head}---\n\n" + "\n\n".join(body_parts) + "\n", words)
    cff = {"title": draw(line_text) or "A title", "keyword": draw(line_text) or "kw"}
    return pages, cff


def quoted(value: str) -> str:
    """A YAML double-quoted string (JSON's ``\\u`` pairs would be two lone surrogates in YAML)."""
    return json.dumps(value, ensure_ascii=False)


def snapshot(folder: Path, skip: Path) -> dict[str, tuple[int, float]]:
    found = {}
    for path in folder.rglob("*"):
        if skip in path.parents or path == skip or "__pycache__" in path.parts:
            continue
        stat = path.lstat()
        found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


def script_from_input(html: str) -> list[str]:
    """Live script in a page: inline scripts, handlers, refused link schemes."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        found += [f"{tag.name} {a}=" for a in tag.attrs if a.lower().startswith("on")]
        for attribute in ("href", "src", "action", "xlink:href"):
            if not urls.is_allowed(tag.get(attribute) or ""):
                found.append(f"{tag.name} {attribute}={tag.get(attribute)}")
        if tag.name == "script" and not tag.get("src") and tag.get("type") != "application/ld+json":
            found.append(f"inline script {tag.get_text()[:40]!r}")
        if tag.name == "script" and tag.get("type") == "application/ld+json" and "<" in tag.get_text():
            found.append("ld+json that can close its element")
    return found


@settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "6")), deadline=None, suppress_health_check=list(HealthCheck))
@given(project=projects())
def test_hostile_input_never_escapes_runs_or_loses_words(tmp_path_factory, project) -> None:
    pages, cff = project
    base = tmp_path_factory.mktemp("hostile")
    (base / "sentinel").mkdir()
    (base / "sentinel" / "keep.txt").write_text("the City's file")
    (base / "outside.txt").write_text("OUTSIDE-SECRET")
    conf = copy_project(base / "project")
    text = (conf / "CITATION.cff").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  )?title: .*$", lambda m: f"{m.group(1) or ''}title: {quoted(cff['title'])}", text)
    text = text.replace("  - smart city\n", f"  - {quoted(cff['keyword'])}\n")
    (conf / "CITATION.cff").write_text(text, encoding="utf-8")
    source = base / "src" / "pages"
    source.mkdir(parents=True)
    (source / "index.md").write_text("---\ntitle: Home\n---\n\nWelcome home.\n", encoding="utf-8")
    for name, (content, _) in pages.items():
        (source / name).write_text(content, encoding="utf-8")
    out = base / "build"
    before = snapshot(base, out)

    build = sphinx_build(source, out / "html", strict=False, doctrees=out / "doctrees", confdir=conf,
                         env={"PYTHONDONTWRITEBYTECODE": "1"})

    assert "Traceback" not in build.output and "please report" not in build.output.lower(), build.output
    assert snapshot(base, out) == before, "a file outside the build folder changed"
    assert build.returncode == 0, build.output
    for file in (out / "html").rglob("*.html"):
        html = file.read_text(encoding="utf-8", errors="replace")
        assert script_from_input(html) == [], file
        assert "OUTSIDE-SECRET" not in html and "root:x:0" not in html, file
    for name, (_, words) in pages.items():
        page = out / "html" / (name[:-3] + ".html")
        assert page.is_file(), f"{name} was lost: {sorted(os.listdir(out / 'html'))}"
        shown = " ".join(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text().split())
        for word in words:
            assert word in shown, (name, word)
