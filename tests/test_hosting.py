"""Publishing files: Read the Docs, GitHub Pages and HOSTING.md say what really happens.

CI cannot deploy, so the files are validated: against the JSON schemas that
check-jsonschema ships (offline), and against the Makefile and a real `make all`, so a
renamed target or output folder fails here instead of on the hosting service.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import edition_build
from conftest import REPO, page, require_tool, write_pages

RTD = REPO / ".readthedocs.yaml"
WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
HOSTING = REPO / "HOSTING.md"


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           str(path)], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(("schema", "path"), [("vendor.readthedocs", RTD),
                                               ("vendor.github-workflows", WORKFLOW)])
def test_files_match_the_services_schemas(schema: str, path: Path) -> None:
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 2\nformats: [pdf, docx]\nbuild: {os: windows}\n", encoding="utf-8")
    assert check_jsonschema("vendor.readthedocs", bad).returncode != 0


def dry_run(*args: str) -> str:
    """What `make` would run, without running it."""
    command = [require_tool("make", "the services run make"), "-n", "-C", str(REPO), *args]
    result = subprocess.run(command, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_all_writes_the_folders_the_services_publish() -> None:
    commands = dry_run("all", "BUILDDIR=_build", "VENV=/opt/venv")
    # _ext/edition_build.py builds each <folder>.new in BUILDDIR and moves it to <folder>
    assert re.search(r"_ext/edition_build\.py '_build' 'source' all ", commands), commands
    for folder, builder in edition_build.BUILDERS.items():  # make html/epub/pdf: one edition each
        single = dry_run(folder, "BUILDDIR=_build", "VENV=/opt/venv")
        assert re.search(rf"_ext/edition_build\.py '_build' 'source' {folder} -b {builder} ", single), single


def test_read_the_docs_builds_every_edition_and_offers_downloads() -> None:
    config = yaml.safe_load(RTD.read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert set(config["formats"]) == {"pdf", "epub"}
    jobs = config["build"]["jobs"]["build"]
    html = " && ".join(jobs["html"])
    assert "make all" in html and "$READTHEDOCS_VIRTUALENV_PATH" in html
    assert "cp -a _build/html/. $READTHEDOCS_OUTPUT/html/" in jobs["html"]
    assert "cp _build/pdf/*.pdf $READTHEDOCS_OUTPUT/pdf/" in jobs["pdf"]
    assert "cp _build/epub/*.epub $READTHEDOCS_OUTPUT/epub/" in jobs["epub"]
    assert config["build"]["jobs"]["install"] == ["make venv VENV=$READTHEDOCS_VIRTUALENV_PATH"]
    assert (REPO / config["sphinx"]["configuration"]).is_file()


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_github_workflow_tests_and_builds_every_push() -> None:
    data = workflow()
    assert "push" in data["on"] and "pull_request" in data["on"]
    build = data["jobs"]["build"]
    runs = [step.get("run", "") for step in steps(build)]
    test_step = next(i for i, run in enumerate(runs) if "bash .ci/run" in run)
    build_step = next(i for i, run in enumerate(runs) if "make all BUILDDIR=_build" in run)
    assert test_step < build_step  # nothing is built for publishing when a test fails
    assert re.search(r"^make test(?: PYTESTOPTS=\S+)?$", (REPO / ".ci" / "run").read_text(encoding="utf-8"), re.M)
    uploads = [s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [s["with"]["path"] for s in uploads] == ["_build/html"]


def test_github_workflow_deploys_main_to_pages_only() -> None:
    deploy = workflow()["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps(deploy))
    assert workflow()["permissions"] == {"contents": "read"}  # the rest of the run reads only


def test_every_action_is_pinned_to_a_version() -> None:
    for name, job in workflow()["jobs"].items():
        for step in steps(job):
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+|[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), (name, step)


# HOSTING.md against a real site -------------------------------------------------------------

def mime_table() -> dict[str, str]:
    rows = re.findall(r"^\| `(\.[\w]+)` \| `([^`]+)` \|$", HOSTING.read_text(encoding="utf-8"), re.M)
    return dict(rows)


def fenced(language: str) -> str:
    match = re.search(rf"```{language}\n(.*?)```", HOSTING.read_text(encoding="utf-8"), re.S)
    assert match, language
    return match.group(1)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small publication built with `make all`, as it would be published."""
    root = tmp_path_factory.mktemp("hosting")
    source = write_pages(root / "source", {"index.md": page("Home"), "a.md": page("A", 1)})
    result = subprocess.run([require_tool("make", "the services run make all"), "-s", "-C", str(REPO),
                             "all", f"SOURCEDIR={source}",
                             f"BUILDDIR={root / 'build'}", "JOBS=1"],
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "build" / "html"


def test_hosting_names_a_mime_type_for_every_file_the_site_has(site: Path) -> None:
    table = mime_table()
    assert table[".epub"] == "application/epub+zip" and table[".pdf"] == "application/pdf"
    suffixes = {p.suffix for p in site.rglob("*") if p.is_file() and p.suffix}
    assert suffixes - set(table) == set()


def test_the_site_has_the_404_page_hosting_tells_servers_to_use(site: Path) -> None:
    assert (site / "404.html").is_file()
    assert "error_page 404 /404.html;" in fenced("nginx")
    assert "ErrorDocument 404 /404.html" in fenced("apache")
    assert "rewrite * /404.html" in fenced("caddy")


def test_server_examples_agree_with_the_mime_table() -> None:
    table = mime_table()
    nginx = dict((ext, mime) for mime, ext in re.findall(r"^\s+([\w.+-]+/[\w.+-]+) (\w+);$", fenced("nginx"), re.M))
    apache = dict((ext, mime) for mime, ext in re.findall(r"^AddType (\S+) \.(\w+)$", fenced("apache"), re.M))
    for examples in (nginx, apache):
        assert examples["epub"] == "application/epub+zip"
        for ext, mime in examples.items():
            assert table[f".{ext}"] == mime


def test_github_annotates_the_lines_make_check_and_sphinx_print() -> None:
    import json

    matcher = json.loads((REPO / ".github/problem-matchers/publication.json").read_text(encoding="utf-8"))
    [pattern] = matcher["problemMatcher"][0]["pattern"]
    regexp = re.compile(pattern["regexp"])
    runs = [step.get("run", "") for step in steps(workflow()["jobs"]["build"])]
    assert "::add-matcher::.github/problem-matchers/publication.json" in runs[runs.index("make check") - 1]
    for line, expected in [
        ("source/a b/c.md:3: `position: x` is not a whole number [position.invalid]",
         ("source/a b/c.md", "3", "`position: x` is not a whole number", "position.invalid")),
        ("/w/repo/source/old page.markdown:9: WARNING: Jekyll template tags dropped: {% include x %} "
         "(line 9) [jekyll.liquid]",
         ("/w/repo/source/old page.markdown", "9", "Jekyll template tags dropped: {% include x %} (line 9)",
          "jekyll.liquid")),
        ("/w/repo/source/x.md:12: ERROR: Unknown directive type: 'foo'",
         ("/w/repo/source/x.md", "12", "Unknown directive type: 'foo'", None)),
    ]:
        match = regexp.match(line)
        assert match and match.group(pattern["file"], pattern["line"], pattern["message"], pattern["code"]) == expected
    assert regexp.match("1001 page(s) checked, no problems") is None
