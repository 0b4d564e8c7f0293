"""The includes a theme gave its site's pages, where the site has no file of that name.

Plain Python with no Sphinx import. A site built on minimal-mistakes (``theme:`` or
``remote_theme:`` in ``_config.yml``) has no ``_includes/figure``: the theme gem had it, and
its pages write ``{% include figure image_path="…" alt="…" caption="…" %}``. Without the
file, the tag was kept as text and the picture and its caption were lost to readers. Here
the theme's content helpers are written again as Markdown, each on one line (so the lines
after it keep their numbers): a figure is its picture and caption, a video a link to it,
``toc`` nothing (every edition has its own contents), ``base_path`` the empty site address.
A file of the same name in the site's own ``_includes/`` wins, as it did in Jekyll.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_VIDEO = ('{% case include.provider %}'
          '{% when "youtube" %}[Video on YouTube](https://www.youtube.com/watch?v={{ include.id }})'
          '{% when "vimeo" %}[Video on Vimeo](https://vimeo.com/{{ include.id }})'
          '{% when "google-drive" %}[Video on Google Drive](https://drive.google.com/file/d/{{ include.id }}/view)'
          '{% when "bilibili" %}[Video on bilibili](https://www.bilibili.com/video/{{ include.id }})'
          '{% endcase %}')

MINIMAL_MISTAKES = {
    "figure": "![{{ include.alt }}]({{ include.image_path }})"
              "{% if include.caption %} {{ include.caption }}{% endif %}",
    "video": _VIDEO,
    "toc": "",
    "base_path": "{% assign base_path = site.url | append: site.baseurl %}",
}
"""minimal-mistakes' content helpers (``_includes/figure`` … in the gem), as Markdown."""


def of(config: Mapping[str, Any]) -> dict[str, str]:
    """The theme's includes for a site whose ``_config.yml`` is ``config``; none for another theme."""
    named = " ".join(str(config.get(key) or "") for key in ("theme", "remote_theme")).lower()
    return dict(MINIMAL_MISTAKES) if "minimal-mistakes" in named else {}
