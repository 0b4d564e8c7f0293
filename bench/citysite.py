"""A City-style Jekyll site of about N pages, scaled from ``tests/roots/jekyll-site``.

That fixture has the shape of the City's old site (kramdown options and IALs, Liquid,
``permalink``/``redirect_from``, ``_config.yml``, ``_data/``, ``.markdown`` pages, spaces
in file names, a landing page per folder). It is copied whole, then its ``projects``
section again and again as ``projects-2``, ``projects-3``... (with the addresses in its
permalinks, redirects and links renamed along) until the site has about ``pages`` pages.
The same folder builds with ``make html STRICT=0`` (the fixture keeps some bad input on
purpose) and with ``jekyll build``.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "roots" / "jekyll-site"
SECTION = "projects"


def _pages(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.suffix in (".md", ".markdown") and p.is_file()]


def write(out: Path, pages: int) -> Path:
    """Write the site into ``out`` (replaced); return it."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(FIXTURE, out)
    section = [out / f"{SECTION}.md", *_pages(out / SECTION)]
    copy = 2
    while len(_pages(out)) + len(section) <= pages:
        name = f"{SECTION}-{copy}"
        for page in section:
            target = out / name / page.relative_to(out / SECTION) if page.parent != out \
                else out / f"{name}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            text = page.read_text(encoding="utf-8")
            target.write_text(text.replace(f"/{SECTION}/", f"/{name}/"), encoding="utf-8")
        copy += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--pages", type=int, default=180)
    args = parser.parse_args()
    site = write(args.out, args.pages)
    print(f"{len(_pages(site))} pages in {site}")


if __name__ == "__main__":
    main()
