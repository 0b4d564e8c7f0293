"""buildcache.templates: Jinja's compiled templates kept for the next build, same bytes out."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2

from buildcache import templates
from conftest import ROOTS, sphinx_build


def app_with(environment: jinja2.Environment, doctreedir: Path, on: bool = True,
             folder: str = "") -> SimpleNamespace:
    return SimpleNamespace(config=SimpleNamespace(buildcache_templates=on,
                                                  buildcache_templates_dir=folder),
                           doctreedir=doctreedir,
                           builder=SimpleNamespace(templates=SimpleNamespace(environment=environment)))


def render(doctreedir: Path, source: str, **options: object) -> str:
    """``page`` rendered by a new environment (as each build makes one) with the cache installed."""
    environment = jinja2.Environment(loader=jinja2.DictLoader({"page": source}), **options)
    templates.install(app_with(environment, doctreedir, folder=str(doctreedir / templates.FOLDER)))
    return environment.get_template("page").render(name="Austin")


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    assert render(tmp_path, "Hello {{ name }}") == "Hello Austin"
    assert len(list((tmp_path / templates.FOLDER).iterdir())) == 1
    assert render(tmp_path, "Goodbye {{ name }}") == "Goodbye Austin"


def test_an_environment_with_other_options_never_takes_anothers_code(tmp_path: Path) -> None:
    source = "{% if true %}\n  x{{ name }}\n{% endif %}\n"
    plain = render(tmp_path, source)
    trimmed = render(tmp_path, source, trim_blocks=True, lstrip_blocks=True)
    assert plain != trimmed == "  xAustin\n"
    assert render(tmp_path, source) == plain
    assert len(list((tmp_path / templates.FOLDER).iterdir())) == 2


def test_switched_off_or_unwritable_it_is_not_installed(tmp_path: Path) -> None:
    environment = jinja2.Environment(loader=jinja2.DictLoader({}))
    templates.install(app_with(environment, tmp_path, on=False))
    assert environment.bytecode_cache is None
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    templates.install(app_with(environment, blocked, folder=str(blocked / "templates")))
    assert environment.bytecode_cache is None


def test_it_is_kept_with_the_virtual_environment_else_with_the_doctrees(tmp_path: Path,
                                                                        monkeypatch) -> None:
    """A clean build removes the doctrees; the installation's cache outlives it."""
    from publication import installed

    app = app_with(jinja2.Environment(), tmp_path / "doctrees")
    monkeypatch.setattr(installed.sys, "prefix", str(tmp_path / "venv"))
    monkeypatch.setattr(installed.sys, "base_prefix", "/usr")
    assert templates.folders(app) == [tmp_path / "venv" / "var" / "cache" / templates.INSTALLED,
                                      tmp_path / "doctrees" / templates.FOLDER]
    (tmp_path / "venv").write_text("not a folder", encoding="utf-8")
    templates.install(app)
    assert app.builder.templates.environment.bytecode_cache.directory == str(
        tmp_path / "doctrees" / templates.FOLDER)
    monkeypatch.setattr(installed.sys, "base_prefix", str(tmp_path / "venv"))
    assert templates.folders(app) == [tmp_path / "doctrees" / templates.FOLDER]


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_build_from_the_cache_writes_the_same_site(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    use = ("-D", f"buildcache_templates_dir={folder}")
    first = sphinx_build(ROOTS / "order-nested", tmp_path / "first", extra=use)
    assert first.returncode == 0, first.output
    cache = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert len(cache) > 10  # Furo's page, its parts, genindex, search...
    # A clean build (new doctrees) renders every page again, from the cache
    second = sphinx_build(ROOTS / "order-nested", tmp_path / "second", extra=use)
    assert second.returncode == 0, second.output
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == cache
    without = sphinx_build(ROOTS / "order-nested", tmp_path / "without",
                           extra=("-D", "buildcache_templates=0"))
    assert without.returncode == 0, without.output
    assert files(tmp_path / "second") == files(tmp_path / "first") == files(tmp_path / "without")


def test_static_templates_rendered_from_a_string_are_kept_too(tmp_path: Path, monkeypatch) -> None:
    """Sphinx renders ``basic.css_t`` and its kin with ``render_string``: compiled once, kept,
    and rendered as ``from_string`` renders them."""
    source = "body { width: {{ width }}px }{% if dark %} .dark {}{% endif %}\n"
    context = {"width": 42, "dark": True}
    first = app_with(jinja2.Environment(), tmp_path, folder=str(tmp_path / templates.FOLDER))
    templates.install(first)
    expected = jinja2.Environment().from_string(source).render(context)
    assert first.builder.templates.render_string(source, context) == expected
    [kept] = (tmp_path / templates.FOLDER).iterdir()

    second = app_with(jinja2.Environment(), tmp_path, folder=str(tmp_path / templates.FOLDER))
    templates.install(second)
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda *a, **k: (_ for _ in ()).throw(AssertionError("compiled again")))
    assert second.builder.templates.render_string(source, context) == expected
    assert list((tmp_path / templates.FOLDER).iterdir()) == [kept]
