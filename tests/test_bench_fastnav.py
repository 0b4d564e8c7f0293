"""fastnav gives the very bytes Furo gives, page by page, only faster.

The same publication is built with fastnav and with Furo's own per-page sidebar
(``-D fastnav_enabled=0``, and the build caches off); every HTML file must be identical. The template is also
checked on its own: it must accept Furo's sidebar (else every page silently falls back
to the slow path) and refuse what it cannot reproduce.
"""

from __future__ import annotations

import pytest

from conftest import page, sphinx_build, write_pages

from bench import generate
from fastnav.template import NavTemplate

ODD_PAGES = {
    "odd/index.md": page('Parks & "Rec" <2026>', 5, "Landing with odd characters."),
    "odd/current.md": page("Current projects", 2, "A title with the word current."),
    "odd/café.md": page("Café – ünïcode", 1, "Non-ASCII file name and title."),
    "odd/deep/index.md": page("Deep", 3, "Nested landing."),
    "odd/deep/leaf.md": page("Leaf", 1, "Deepest page."),
}


# Furo's and Sphinx's own code throughout: no shim, no cache
FURO_OWN = ("-D", "fastnav_enabled=0", "-D", "buildcache_settings=0", "-D", "buildcache_stemmer=0",
            "-D", "buildcache_templates=0", "-D", "buildcache_sources=0",
            "-D", "buildcache_titles=0", "-D", "buildcache_checksums=0",
            "-D", "buildcache_docpaths=0", "-D", "buildcache_progress=0")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """One publication built with fastnav (in parallel) and with Furo's own sidebar."""
    tmp = tmp_path_factory.mktemp("fastnav")
    source = generate.write(tmp / "gen", 40, seed=3)["ours"]
    write_pages(source, ODD_PAGES)
    fast = sphinx_build(source, tmp / "fast", jobs="2")
    slow = sphinx_build(source, tmp / "slow", extra=FURO_OWN)
    assert fast.returncode == 0, fast.output[-3000:]
    assert slow.returncode == 0, slow.output[-3000:]
    return fast.outdir, slow.outdir


def test_every_page_identical_to_furo(builds):
    fast, slow = builds
    pages = sorted(p.relative_to(slow) for p in slow.rglob("*.html"))
    assert len(pages) > 40
    assert sorted(p.relative_to(fast) for p in fast.rglob("*.html")) == pages
    differ = [str(p) for p in pages if (fast / p).read_bytes() != (slow / p).read_bytes()]
    assert not differ, differ


def sidebar(html_file) -> str:
    """The sidebar's HTML exactly as written (no re-serialization)."""
    text = html_file.read_text(encoding="utf-8")
    start = text.index('<div class="sidebar-tree">') + len('<div class="sidebar-tree">')
    return text[start:text.index("</div>", start)]


def test_template_takes_furos_sidebar(builds):
    """The root page's sidebar parses, so no page falls back to Furo's slow path."""
    _, slow = builds
    template = NavTemplate.parse(sidebar(slow / "index.html"), "index.html")
    assert template is not None
    assert len(template.links) > 40
    leaf = template.render("odd/deep/leaf.html")
    assert 'class="toctree-l3 current current-page"' in leaf
    assert '<a class="current reference internal" href="#">Leaf</a>' in leaf
    assert leaf.count('checked=""') == 2  # its two ancestors are open
    assert leaf == sidebar(slow / "odd" / "deep" / "leaf.html")


@pytest.mark.parametrize("html", [
    '<ul class="other"><li class="toctree-l1"><a class="reference internal" href="a.html">A</a></li></ul>',
    '<ul><li class="toctree-l1 extra"><a class="reference internal" href="a.html">A</a></li></ul>',
    '<ul><li class="toctree-l1"><a class="reference internal" href="a.html#x">A</a></li></ul>',
    '<ul><li class="toctree-l1"><a class="reference internal" href="a.html">A</a></ul>',
])
def test_template_refuses_what_it_cannot_reproduce(html):
    assert NavTemplate.parse(html, "index.html") is None


def test_render_bytes_is_render_in_utf8(builds):
    """navpatch splices pages' sidebars as bytes: the same bytes as the rendered text."""
    fast, slow = builds
    template = NavTemplate.parse(sidebar(slow / "index.html"), "index.html")
    uris = [str(p.relative_to(slow)) for p in sorted(slow.rglob("*.html"))]
    for uri in uris + uris[::-1]:  # both orders: the per-folder caches are filled either way
        assert template.render_bytes(uri) == template.render(uri).encode("utf-8"), uri
