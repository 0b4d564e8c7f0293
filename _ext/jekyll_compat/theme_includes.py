"""The includes a theme gave its site's pages, where the site has no file of that name.

Plain Python with no Sphinx import. A site built on minimal-mistakes (``theme:`` or
``remote_theme:`` in ``_config.yml``) has no ``_includes/figure``: the theme gem had it, and
its pages write ``{% include figure image_path="…" alt="…" caption="…" %}``. Without the
file, the tag was kept as text and the picture and its caption were lost to readers. Here
the theme's content helpers are written again as Markdown, each on one line (so the lines
after it keep their numbers): a figure is its picture and caption, a video a link to it,
a gallery its pictures and caption, a feature row (a splash page's whole content) each
feature's picture, title, text and link, ``toc`` nothing (every edition has its own
contents), ``base_path`` the empty site address.
A file of the same name in the site's own ``_includes/`` wins, as it did in Jekyll.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_VIDEO = ('{% case include.provider %}'
          '{% when "youtube" %}[Video on YouTube](https://www.youtube.com/watch?v={{ include.id }})'
          '{% when "vimeo" %}[Video on Vimeo](https://vimeo.com/{{ include.id }})'
          '{% when "google-drive" %}[Video on Google Drive](https://drive.google.com/file/d/{{ include.id }}/view)'
          '{% when "bilibili" %}[Video on bilibili](https://www.bilibili.com/video/{{ include.id }})'
          '{% endcase %}')

_GALLERY = ('{% if include.id %}{% assign mm_items = page[include.id] %}'
            '{% else %}{% assign mm_items = page.gallery %}{% endif %}'
            '{% for item in mm_items %}![{{ item.alt }}]({{ item.image_path }}) {% endfor %}'
            '{{ include.caption }}')
_FEATURE_ROW = ('{% if include.id %}{% assign mm_items = page[include.id] %}'
                '{% else %}{% assign mm_items = page.feature_row %}{% endif %}'
                '{% for item in mm_items %}{% if item.image_path %}![{{ item.alt }}]({{ item.image_path }}) {% endif %}'
                '{% if item.title %}**{{ item.title }}** {% endif %}{{ item.excerpt }}'
                '{% if item.url %} [{{ item.btn_label | default: "More" }}]({{ item.url }}){% endif %}'
                '{% unless forloop.last %} · {% endunless %}{% endfor %}')
FROM_FRONT_MATTER = frozenset({"gallery", "feature_row"})
"""Helpers that show a front-matter list (``gallery:``, or the list their ``id=`` names)."""

MINIMAL_MISTAKES = {
    "figure": "![{{ include.alt }}]({{ include.image_path }})"
              "{% if include.caption %} {{ include.caption }}{% endif %}",
    "video": _VIDEO,
    "toc": "",
    "gallery": _GALLERY,
    "feature_row": _FEATURE_ROW,
    "base_path": "{% assign base_path = site.url | append: site.baseurl %}",
}
"""minimal-mistakes' content helpers (``_includes/figure`` … in the gem), as Markdown."""


def of(config: Mapping[str, Any]) -> dict[str, str]:
    """The theme's includes for a site whose ``_config.yml`` is ``config``; none for another theme."""
    named = " ".join(str(config.get(key) or "") for key in ("theme", "remote_theme")).lower()
    return dict(MINIMAL_MISTAKES) if "minimal-mistakes" in named else {}


_SHOWS_LIST = re.compile(r"\{%-?\s*include\s+(" + "|".join(sorted(FROM_FRONT_MATTER)) + r")\b([^%]*)%\}")
_ID = re.compile(r"""\bid\s*=\s*["']?([\w-]+)""")


def lists_shown(body: str) -> set[str]:
    """The front-matter keys a page's gallery and feature-row includes show."""
    shown = set()
    for name, args in _SHOWS_LIST.findall(body):
        named = _ID.search(args)
        shown.add(named.group(1) if named else name)
    return shown
