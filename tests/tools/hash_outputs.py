"""Print a SHA-256 of every file the three builders write for each test root and source/.

A refactor that must not change behaviour runs this before and after and compares:
``python tests/tools/hash_outputs.py > before.txt`` ... ``diff before.txt after.txt``.
Builds run like ``tests/conftest.py`` (``python -m sphinx`` with the project's conf.py,
``SOURCE_DATE_EPOCH`` fixed); a root whose build fails is listed with its exit code.

``--without-envversion`` hashes ``searchindex.js`` without its ``"envversion"`` map, which
names every extension that keeps state in the environment: moving that state from one
extension to another changes that map and nothing else.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BUILDERS = ("typst", "epub", "html")


def build(srcdir: Path, outdir: Path, builder: str, doctrees: Path) -> int:
    command = [sys.executable, "-m", "sphinx", "-b", builder, "-c", str(REPO), "-d", str(doctrees),
               "-q", "--no-color", "-j", "1", str(srcdir), str(outdir)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(command, capture_output=True, env=env, check=False).returncode


def content(path: Path, without_envversion: bool) -> bytes:
    data = path.read_bytes()
    if without_envversion and path.name == "searchindex.js":
        data = re.sub(rb'"envversion":\{[^}]*\},', b"", data)
    return data


def main() -> None:
    without_envversion = "--without-envversion" in sys.argv[1:]
    roots = [REPO / "source", *sorted(p for p in (REPO / "tests" / "roots").iterdir() if p.is_dir())]
    with tempfile.TemporaryDirectory(prefix="hash-outputs-") as scratch:
        for root in roots:
            name = root.relative_to(REPO)
            base = Path(scratch) / root.name
            for builder in BUILDERS:
                outdir = base / builder
                code = build(root, outdir, builder, base / "doctrees")
                print(f"{name} {builder} exit={code}")
                for path in sorted(p for p in outdir.rglob("*") if p.is_file()):
                    relative = path.relative_to(outdir)
                    if relative.parts[0] in (".doctrees",) or relative.name == ".buildinfo":
                        continue
                    digest = hashlib.sha256(content(path, without_envversion)).hexdigest()
                    print(f"  {digest}  {builder}/{relative}")


if __name__ == "__main__":
    main()
