"""`make all` on a fresh machine installs requirements.txt and nothing else: every package the
build imports (conf.py and _ext/) must come from it or from what it depends on.

The tests install more (requirements-test.txt), so a build dependency that only a test tool
brings along (fontTools, via the benchmark's matplotlib) passed every test and crashed the
first `make all` on a fresh machine.
"""

from __future__ import annotations

import ast
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import REPO


def imported_modules(files: list[Path]) -> dict[str, str]:
    """``{top-level module: first file importing it}``, outside the standard library."""
    found: dict[str, str] = {}
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "__future__":
                    found.setdefault(top, path.name)
    return found


def installed_by(requirements: Path) -> set[str]:
    """The distributions ``pip install -r requirements`` brings: the listed ones and theirs."""
    todo = [Requirement(line.split("#")[0].strip()).name
            for line in requirements.read_text(encoding="utf-8").splitlines()
            if line.split("#")[0].strip() and not line.startswith("-")]
    seen: set[str] = set()
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        for spec in metadata.requires(name) or []:
            requirement = Requirement(spec)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def test_every_package_the_build_imports_comes_with_requirements_txt() -> None:
    ours = {p.name.removesuffix(".py") for p in (REPO / "_ext").iterdir()}
    files = [REPO / "conf.py", *sorted((REPO / "_ext").rglob("*.py"))]
    imports = {m: f for m, f in imported_modules(files).items() if m not in ours}
    providers = metadata.packages_distributions()
    installed = installed_by(REPO / "requirements.txt")
    missing = {module: where for module, where in imports.items()
               if not {canonicalize_name(d) for d in providers.get(module, [])} & installed}
    assert missing == {}, "imported by the build but not installed by requirements.txt"


def test_the_check_sees_a_package_that_only_the_tests_install(tmp_path: Path) -> None:
    module = tmp_path / "uses_pytest.py"
    module.write_text("import os, pytest\nfrom yaml import safe_load\nfrom . import sibling\n",
                      encoding="utf-8")
    assert imported_modules([module]) == {"pytest": "uses_pytest.py", "yaml": "uses_pytest.py"}
    (tmp_path / "requirements.txt").write_text("# what the build needs\nsphinx==9.0.4\n",
                                               encoding="utf-8")
    installed = installed_by(tmp_path / "requirements.txt")
    assert {"sphinx", "docutils", "jinja2", "markupsafe"} <= installed  # and what they need
    assert "pytest" not in installed and "fonttools" not in installed


def test_the_build_compiles_without_warnings():
    """An invalid escape such as ``"\\s"`` in a docstring is a SyntaxWarning printed at
    import on Python 3.12 and later, at the top of a City staff member's build."""
    import warnings

    for path in sorted([REPO / "conf.py", *(REPO / "_ext").rglob("*.py")]):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            compile(path.read_text(encoding="utf-8"), str(path), "exec")
