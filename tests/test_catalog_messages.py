"""What ``make all`` says of a translation's catalog with a line that is no ``.po``.

Babel printed its own two lines for it (``WARNING: Unknown or misformatted keyword``,
``WARNING: Problem on line 8: …``) with no file, in every edition of the language; our own
message, at ``file:line``, was said again by each translated edition, for the translations'
output bypassed ``make all``'s once-only stream."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import REPO, page, write_pages

PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#: a.md:6\n'
      'msgid "New lanes open in May."\nmsgstr "Los nuevos carriles abren en mayo."\n'
      "Texto revisado por María, ver correo del martes.\n")


def test_a_broken_catalog_line_is_said_once_at_its_line_and_nothing_without_a_file(tmp_path: Path) -> None:
    source = write_pages(tmp_path / "pages", {
        "index.md": page("Home", body="Welcome."),
        "a.md": page("Bike lanes", 1, body="New lanes open in May."),
        "locales/es/LC_MESSAGES/a.po": PO,
    })
    done = subprocess.run(["make", "-C", str(REPO), f"SOURCEDIR={source}",
                           f"BUILDDIR={tmp_path / 'build'}", "STRICT=0", "all"],
                          capture_output=True, text=True, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    said = [line for line in output.splitlines() if "WARNING:" in line]
    assert len([line for line in said if "a.po:8: WARNING:" in line]) == 1, said
    assert all("a.po:" in line or line.startswith(str(source)) for line in said), said
    assert "Problem on line" not in output
    assert any((tmp_path / "build" / "pdf").glob("*-es.pdf"))
    spanish = (tmp_path / "build" / "html" / "es" / "a.html").read_text(encoding="utf-8")
    assert "Los nuevos carriles abren en mayo." in spanish
