"""What the build's environment says is untrusted too: a value in it must never stop an
edition with a traceback."""

from __future__ import annotations

import re

import pytest

from conftest import REPO, page, sphinx_build, write_pages

from publication import epoch


@pytest.mark.parametrize("value", ["abc", "1e3", " 12", "-5", "99999999999999", "１２"])
def test_a_source_date_epoch_that_is_no_time_is_named(value):
    assert epoch.problem(value)


@pytest.mark.parametrize("value", ["0", "1700000000", str(epoch.LATEST)])
def test_a_source_date_epoch_of_seconds_is_kept(value):
    assert epoch.problem(value) is None


@pytest.mark.parametrize("value", ["abc", "99999999999999"])
def test_a_source_date_epoch_that_is_no_time_is_said_and_the_release_date_used(tmp_path, value):
    """``abc`` stopped Sphinx as it imported its gettext builder, a year past 9999 as it
    wrote "last updated": every edition, with a traceback."""
    source = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Hello.")})
    env = {"SOURCE_DATE_EPOCH": value}
    strict = sphinx_build(source, tmp_path / "strict", env=env)
    assert strict.returncode != 0 and "Traceback" not in strict.output, strict.output
    assert any(f"SOURCE_DATE_EPOCH={value!r} is" in w and w.endswith("[publication.environment]")
               for w in strict.warnings), strict.output
    for builder in ("html", "epub"):
        lenient = sphinx_build(source, tmp_path / builder, builder, strict=False, env=env)
        assert lenient.returncode == 0, lenient.output
    released = re.search(r'(?m)^date-released: "?([0-9-]+)', (REPO / "CITATION.cff").read_text(
        encoding="utf-8")).group(1)
    assert f"Last updated on {released}" in " ".join(
        (tmp_path / "html" / "index.html").read_text(encoding="utf-8").split())


def test_a_publication_url_that_is_no_address_is_said_and_not_used(tmp_path):
    """A line break in PUBLICATION_URL wrote its own lines into robots.txt (``Disallow: /``)."""
    source = write_pages(tmp_path / "pages", {"index.md": page("Home", body="Hello.")})
    env = {"PUBLICATION_URL": 'https://a.example/\nDisallow: /\n"><script>alert(1)</script>'}
    strict = sphinx_build(source, tmp_path / "strict", env=env)
    assert strict.returncode != 0 and "Traceback" not in strict.output, strict.output
    assert any("PUBLICATION_URL='https://a.example/\\nDisallow" in w
               and w.endswith("[publication.environment]") for w in strict.warnings), strict.output
    robots = (tmp_path / "strict" / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow" not in robots and "a.example" not in robots
    served = sphinx_build(source, tmp_path / "served", env={"PUBLICATION_URL": "https://a.example/plan/"})
    assert served.returncode == 0, served.output
    assert "Sitemap: https://a.example/plan/sitemap.xml" in (tmp_path / "served" / "robots.txt").read_text(
        encoding="utf-8")
