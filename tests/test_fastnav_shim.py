"""The Furo shim falls back to Furo's own code, with a message, whenever it could differ.

Each build here loads the project's extensions plus a tiny one that breaks one guard
(a template that renders a different sidebar; a Furo release the shim was not verified
with). The build must say so and give every page exactly the bytes Furo's own code gives.
"""

from __future__ import annotations

import os
import runpy
import subprocess
import sys

import pytest

from conftest import REPO

from bench import generate

BREAK_TEMPLATE = '''
def setup(app):
    from fastnav.template import NavTemplate
    render = NavTemplate.render
    NavTemplate.render = lambda self, uri: render(self, uri).replace("toctree-l1", "toctree-l1 x", 1)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

OTHER_FURO = '''
def setup(app):
    import fastnav.shim
    fastnav.shim.FURO_VERIFIED = "1999.1.1"
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''


def build(source, outdir, *extra: str, extension: str | None = None, code: str = ""):
    """A build with messages on (no -q), with the project's extensions and maybe one more."""
    extensions = list(runpy.run_path(str(REPO / "conf.py"))["extensions"])
    env = dict(os.environ)
    if extension:
        folder = outdir.parent / f"{extension}-ext"
        folder.mkdir()
        (folder / f"{extension}.py").write_text(code, encoding="utf-8")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), env.get("PYTHONPATH")]))
        extensions.append(extension)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-c", str(REPO),
               "-d", str(outdir) + ".doctrees", "--no-color", "-W", "--keep-going",
               "-D", "extensions=" + ",".join(extensions), *extra, str(source), str(outdir)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return generate.write(tmp_path_factory.mktemp("shim") / "gen", 12, seed=5)["ours"]


@pytest.fixture(scope="module")
def furo_own(source, tmp_path_factory):
    outdir = tmp_path_factory.mktemp("furo") / "html"
    build(source, outdir, "-D", "fastnav_enabled=0")
    return outdir


def same_pages(outdir, expected):
    pages = sorted(p.relative_to(expected) for p in expected.rglob("*.html"))
    assert len(pages) > 12
    return [str(p) for p in pages if (outdir / p).read_bytes() != (expected / p).read_bytes()]


def test_a_template_that_differs_falls_back_to_furo(source, furo_own, tmp_path):
    output = build(source, tmp_path / "html", extension="breaktemplate", code=BREAK_TEMPLATE)
    assert "differs from Furo 2025.12.19's own" in output
    assert same_pages(tmp_path / "html", furo_own) == []


def test_an_unverified_furo_falls_back_to_furo(source, furo_own, tmp_path):
    output = build(source, tmp_path / "html", extension="otherfuro", code=OTHER_FURO)
    assert "fastnav: verified with Furo 1999.1.1, this is Furo 2025.12.19" in output
    assert same_pages(tmp_path / "html", furo_own) == []


def test_the_shim_is_used_when_it_checks_out(source, furo_own, tmp_path):
    """The control: without a broken guard no fallback message, and the same bytes."""
    output = build(source, tmp_path / "html")
    assert "fastnav:" not in output
    assert same_pages(tmp_path / "html", furo_own) == []


def test_soupsieve_is_imported_only_when_a_selector_is_used():
    """fastnav.deferred: Furo's BeautifulSoup no longer compiles soupsieve's parser at start-up."""
    code = (f"import sys; sys.path.insert(0, {str(REPO / '_ext')!r})\n"
            "import fastnav, bs4, furo\n"
            "print('soupsieve.css_parser' in sys.modules)\n"
            "soup = bs4.BeautifulSoup('<p class=a>x</p><p>y</p>', 'html.parser')\n"
            "print(soup.select('p.a'), 'soupsieve.css_parser' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["False", '[<p class="a">x</p>] True']
