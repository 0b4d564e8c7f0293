"""Test builds as forks of a process that has imported Sphinx once.

Every test build was ``python -m sphinx`` in a new process: ~0.5 s of Python start and
imports (Sphinx, docutils, MyST, Furo, Pygments, Jinja, Babel, PIL…) before it read a
page, some two thousand times a run. A server imports them once (two servers for each
test worker, taking builds in turn: :class:`BuildServers`); each build is a fork of one running ``sphinx.cmd.build.main`` with the build's own
arguments, environment and working folder, its standard streams in files: the same
command line, exit status and messages as the subprocess, without the imports. Our
extensions and ``conf.py`` are left to each build to load, as a new process would.

A build whose environment changes how Python itself starts (``PYTHON…``, the locale) is
run as a new process (:func:`starts_apart`).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

PRELOAD = ("sphinx.cmd.build", "sphinx.application", "sphinx.search.en", "sphinx.ext.mathjax",
           "docutils.parsers.rst", "docutils.parsers.rst.directives.admonitions",
           "docutils.writers.html5_polyglot", "docutils.writers.latex2e",
           "docutils.writers.docutils_xml", "docutils.languages.en", "myst_parser",
           "myst_parser.sphinx_ext.main", "myst_parser.sphinx_ext.directives",
           "myst_parser.sphinx_ext.mathjax", "myst_parser.sphinx_ext.myst_refs",
           "myst_parser.parsers.sphinx_", "mdit_py_plugins.colon_fence", "furo",
           "sphinx_basic_ng", "alabaster", "a11y_pygments", "sphinx_sitemap", "yaml",
           "pygments.lexers", "pygments.formatters.html", "pygments.styles.native", "jinja2.ext",
           "babel.dates", "PIL.Image", "bs4", "html5lib", "liquid", "pybtex.database",
           "pybtex.database.output.bibtex", "latexcodec", "rispy", "jsonschema",
           "fontTools.ttLib", "typst", "doctest", "unittest", "pdb", "xml.dom.minidom")
"""Imported once by the server: the third-party modules a build of ours imports, with
Sphinx's built-in extensions (:data:`sphinx.application.builtin_extensions`)."""

STARTUP_ENV = ("PYTHON", "LANG", "LC_", "LANGUAGE")
"""Environment variables read as Python starts: a build that changes one gets a new process."""


def starts_apart(env: dict[str, str], started: dict[str, str]) -> bool:
    """Whether ``env`` differs from the server's (``started``) in what Python reads as it starts."""
    return any(key.startswith(STARTUP_ENV) and env.get(key) != started.get(key)
               for key in set(env) | set(started))


# ---- the server ------------------------------------------------------------------------


def _child(request: dict) -> None:
    """Run one build in this forked process and leave with its exit status."""
    code = 1
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        tempfile.tempdir = None
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        for fd, path in ((1, request["out"]), (2, request["err"])):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        sys.argv = [importlib.util.find_spec("sphinx.__main__").origin, *request["argv"]]
        from sphinx.cmd.build import main

        try:
            code = main(request["argv"])
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except BaseException:
            traceback.print_exc()
            code = 1
        import atexit

        atexit._run_exitfuncs()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def serve() -> None:
    """Read one build request a line from stdin; answer its child's pid, then its status."""
    replies = os.dup(1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    import sphinx.application

    for name in (*PRELOAD, *sphinx.application.builtin_extensions):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    os.write(replies, b'{"ready": true}\n')
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            os.close(replies)
            _child(request)
        os.write(replies, json.dumps({"pid": pid}).encode() + b"\n")
        _, status = os.waitpid(pid, 0)
        os.write(replies, json.dumps({"status": os.waitstatus_to_exitcode(status)}).encode()
                 + b"\n")


# ---- the client ------------------------------------------------------------------------


class Server:
    """One server process, started at its first build and again if it ends."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.started: dict[str, str] = {}

    def start(self) -> subprocess.Popen:
        if self.process is None or self.process.poll() is not None:
            self.started = dict(os.environ)
            self.process = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, env=self.started)
            self.reply(None)
        return self.process

    def reply(self, timeout: float | None) -> dict:
        stream = self.process.stdout
        if timeout is not None and not select.select([stream], [], [], timeout)[0]:
            raise TimeoutError
        line = stream.readline()
        if not line:
            raise ConnectionError("the build server ended")
        return json.loads(line)

    def build(self, request: dict, timeout: float | None) -> int:
        """The exit status of the build ``request`` asks for."""
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()
        pid = self.reply(None)["pid"]
        try:
            return self.reply(timeout)["status"]
        except TimeoutError:
            os.kill(pid, signal.SIGKILL)
            self.reply(None)
            raise

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait()


class BuildServers:
    """Two servers a test process, taking builds in turn.

    A forked build keeps its server's hash seed, and a test comparing two builds byte for
    byte (incremental and clean, ``-j`` and serial) must see two seeds, as two new
    processes would: set orders that change an output then differ between the builds.
    """

    def __init__(self) -> None:
        self.servers = (Server(), Server())
        self.turn = 0
        self.folder = Path(tempfile.mkdtemp(prefix="buildserver-"))

    def run(self, command: list[str], env: dict[str, str], timeout: float | None
            ) -> subprocess.CompletedProcess:
        """As ``subprocess.run(command, capture_output=True, text=True, env=env)`` for
        ``command`` = ``[python, -m, sphinx, …]``."""
        server = self.servers[self.turn]
        self.turn = 1 - self.turn
        try:
            server.start()
        except (OSError, ConnectionError):
            server = None
        if (server is None or command[:3] != [sys.executable, "-m", "sphinx"]
                or starts_apart(env, server.started)):
            return subprocess.run(command, capture_output=True, text=True, env=env,
                                  check=False, timeout=timeout)
        out, err = self.folder / "out", self.folder / "err"
        request = {"argv": command[3:], "env": env, "cwd": os.getcwd(), "out": str(out),
                   "err": str(err)}
        try:
            status = server.build(request, timeout)
        except TimeoutError:
            raise subprocess.TimeoutExpired(command, timeout) from None
        return subprocess.CompletedProcess(command, status, _text(out), _text(err))

    def close(self) -> None:
        for server in self.servers:
            server.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def _text(path: Path) -> str:
    """A stream as ``subprocess.run(text=True)`` decodes it (universal newlines)."""
    data = path.read_bytes().decode()
    return data.replace("\r\n", "\n").replace("\r", "\n")


if __name__ == "__main__":
    serve()
