"""``python -m languages.build``: build one edition again in every translation (``make``).

    python -m languages.build BUILDER SOURCEDIR OUTDIR BUILDDIR -- SPHINX-OPTIONS…

The source-language build comes first (the Makefile's); this builds each language of
``publication_languages`` with ``-D language=<lang>`` and its own doctree cache
(``BUILDDIR/doctrees-<lang>``: a doctree holds translated text). The site of a language goes
to ``OUTDIR/<lang>/``; the PDF and ePub are built in ``BUILDDIR/<builder>-<lang>/`` and
copied beside the source-language ones (their names end in ``-<lang>``). A language without catalogs in ``SOURCEDIR/locales/<lang>/`` is skipped
(any folder of pages still builds as before), and said only when ``SOURCEDIR`` has a
``locales/`` folder: a folder of pages that was never translated is told nothing about
conf.py's languages. One failing language does not stop the others; the exit status is then 1.

``edition_build.py`` uses :func:`start` and :func:`finish` so the translations build beside
the source-language build (two cores, two processes) and are shown after it, as before.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from . import catalog, forked
from .languages import translations


def confdir_of(options: list[str]) -> Path:
    for flag, value in zip(options, options[1:]):
        if flag == "-c":
            return Path(value)
    return Path(".")


def overrides_of(options: list[str]) -> dict[str, str]:
    found = {}
    for flag, value in zip(options, options[1:]):
        if flag == "-D" and "=" in value:
            key, _, setting = value.partition("=")
            found[key] = setting
    return found


def ship(workdir: Path, outdir: Path) -> None:
    """Copy the finished book files (``<slug>-<lang>.pdf``/``.epub``, and the PDF's page of
    each passage, ``<slug>-<lang>.pages.json``, which the language's site cites) into the
    edition folder.

    Each language builds in a folder of its own: Sphinx's ePub zips every file of its
    folder, and an incremental build of one language must never see another's pages.
    """
    outdir.mkdir(parents=True, exist_ok=True)
    for book in sorted(workdir.iterdir()):
        if (book.suffix in (".pdf", ".epub") or book.name.endswith(".pages.json")) and book.is_file():
            shutil.copy2(book, outdir / book.name)


WORKER = Path(__file__).resolve().parents[1] / "translation_worker.py"


class Workers:
    """One process per language that builds its editions one after another (``make all``).

    A language's process starts with its first edition and stays for the next ones, so
    Python and Sphinx start once per language, not once per edition.
    """

    def __init__(self, fork: bool = True) -> None:
        self.processes: dict[str, subprocess.Popen] = {}
        self.fork = fork
        """Fork the workers from this process (:mod:`languages.forked`) where that is right."""

    def spawn(self, argv: list[str]) -> Any:
        """A new worker: forked with Sphinx imported, or else a new ``python``."""
        if self.fork and forked.available():
            forked.preload(confdir_of(argv), overrides_of(argv))
            if forked.available():  # preloading built nothing; said again, to be sure
                return forked.Forked()
        return subprocess.Popen([sys.executable, str(WORKER)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        for process in self.processes.values():
            if process.stdin:
                try:  # not only close: a process forked from this one may hold the pipe open
                    process.stdin.write(json.dumps({"stop": True}) + "\n")
                    process.stdin.close()
                except BrokenPipeError:
                    pass
            process.wait()

    def submit(self, language: str, argv: list[str], stdout: Path, stderr: Path) -> subprocess.Popen:
        process = self.processes.get(language)
        if process is None or process.poll() is not None:
            process = self.spawn(argv)
            self.processes[language] = process
        assert process.stdin is not None
        try:
            process.stdin.write(json.dumps({"argv": argv, "stdout": str(stdout),
                                            "stderr": str(stderr)}) + "\n")
            process.stdin.flush()
        except BrokenPipeError:
            pass  # it stopped: result() says so
        return process


@dataclass
class Started:
    """One language's build, running in its own process; its output is kept until it is shown."""

    language: str
    builder: str
    target: Path
    outdir: Path
    process: subprocess.Popen | None
    output: Path | None = None
    """A temporary folder with the build's ``stdout`` and ``stderr``."""
    note: str = ""
    """Said instead of building (a language without catalogs)."""
    worker: bool = False
    """The process is a :class:`Workers` process (it answers), not one ``python -m sphinx``."""

    @property
    def site(self) -> bool:
        return self.builder in ("html", "dirhtml")

    @property
    def shown(self) -> Path:
        """Where the edition will be: a site is built into the source-language site being
        made (``html.new/es``), which then takes the place of the last one (``html/es``)."""
        if self.site and self.outdir.name.endswith(".new"):
            return self.outdir.with_name(self.outdir.name.removesuffix(".new")) / self.language
        return self.target

    def result(self) -> int:
        """Wait for the build to end; its exit status."""
        assert self.process is not None
        if not self.worker:
            return self.process.wait()
        assert self.process.stdout is not None
        answer = self.process.stdout.readline()
        if not answer:
            with open(self.output / "stderr", "a", encoding="utf-8") as err:
                err.write(f"{self.builder} edition in {self.language}: the build process stopped "
                          f"(exit status {self.process.wait()})\n")
            return 1
        return int(json.loads(answer)["status"])

    def discard(self) -> None:
        if self.output is not None:
            shutil.rmtree(self.output, ignore_errors=True)


def _split(argv: list[str]) -> tuple[list[str], list[str]]:
    if "--" in argv:
        split = argv.index("--")
        return argv[:split], argv[split + 1:]
    return argv, []


def start(builder: str, sourcedir: str, outdir: str, builddir: str, options: list[str],
          workers: Workers | None = None) -> list[Started]:
    """Start the build of every translation at once (each its own process and doctree cache).

    Each language needs its own process: Sphinx's ``_()`` keeps the words of the first build
    in the modules imported after it. With ``workers`` each language's process is kept for
    its next edition. The output of each is kept in temporary files (a pipe would fill and
    stop the build) and shown by :func:`finish`, in the order of the languages.
    """
    started = []
    for language in translations(confdir_of(options), overrides_of(options)):
        if not catalog.has_catalogs(Path(sourcedir), language):
            if Path(sourcedir, "locales").is_dir():
                started.append(Started(language, builder, Path(), Path(outdir), None, note=(
                    f"{builder} edition in {language}: skipped, {sourcedir}/locales/{language} has no "
                    "catalogs (make translations creates them)")))
            continue
        site = builder in ("html", "dirhtml")
        target = Path(outdir, language) if site else Path(builddir, f"{builder}-{language}")
        # Sphinx colours whenever CI=true; its output goes to a file here, so say what the terminal wants
        colour = ["--color"] if sys.stdout.isatty() else ["--no-color"]
        argv = [*colour, "-b", builder, "-d", str(Path(builddir, f"doctrees-{language}")),
                *options, "-D", f"language={language}", sourcedir, str(target)]
        output = Path(tempfile.mkdtemp(prefix=f"{builder}-{language}-"))
        if workers is not None:
            process = workers.submit(language, argv, output / "stdout", output / "stderr")
        else:
            with open(output / "stdout", "wb") as out, open(output / "stderr", "wb") as err:
                process = subprocess.Popen([sys.executable, "-m", "sphinx", *argv], stdout=out, stderr=err)
        started.append(Started(language, builder, target, Path(outdir), process, output,
                               worker=workers is not None))
    return started


def _replay(kept: Path, stream: IO[str]) -> None:
    """A translation's kept output, as its bytes to a terminal or file; line by line to a
    stream that reads what it is given (``make all``'s, which says each warning once: the
    bytes went past it, and a catalog's problem was said once per edition)."""
    data = kept.read_bytes() if kept.is_file() else b""
    stream.flush()
    if not isinstance(stream, io.TextIOBase):
        for line in data.decode("utf-8", "replace").splitlines(keepends=True):
            stream.write(line)
        stream.flush()
    elif hasattr(stream, "buffer"):
        stream.buffer.write(data)
        stream.buffer.flush()
    else:
        stream.write(data.decode("utf-8", "replace"))
        stream.flush()


def finish(started: list[Started]) -> int:
    """Wait for each language, show its output, ship its book; 1 when one failed, else 0."""
    failed = []
    for build in started:
        if build.process is None:
            print(build.note, flush=True)
            continue
        print(f"{build.builder} edition in {build.language}: {build.shown}", flush=True)
        status = build.result()
        assert build.output is not None
        _replay(build.output / "stdout", sys.stdout)
        _replay(build.output / "stderr", sys.stderr)
        build.discard()
        if status != 0:
            failed.append(build.language)
        elif not build.site:
            ship(build.target, build.outdir)
    if failed:
        print(f"{started[0].builder} edition failed in: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def stop(started: list[Started]) -> None:
    """The source-language build failed: the translations are not shown (nor shipped).

    A build of its own is stopped; a worker's is waited for (the worker builds the next edition).
    """
    for build in started:
        if build.process is None:
            continue
        if build.worker:
            build.result()
        else:
            build.process.kill()
            build.process.wait()
        build.discard()


def main(argv: list[str]) -> int:
    positional, options = _split(argv)
    if len(positional) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    builder, sourcedir, outdir, builddir = positional
    return finish(start(builder, sourcedir, outdir, builddir, options))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
