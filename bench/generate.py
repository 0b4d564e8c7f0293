"""Write a realistic publication of N pages, the same bytes for the same seed.

One page model is written three ways, so every system builds the same text:
``ours/`` (front matter only, as staff write it), ``sphinx/`` (plus hand-written
toctrees, for plain Sphinx + Furo) and ``jekyll/`` (links to ``.html``, a layout whose
sidebar lists pages by position, as the City's old site did).
"""

from __future__ import annotations

import argparse
import posixpath
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

WORDS = (
    "city residents transit mobility sensor data open community service equity access "
    "housing water energy street parking bicycle network program council district public "
    "safety health library park budget plan project pilot partner department policy "
    "privacy survey neighborhood outreach feedback digital inclusion broadband map route "
    "signal traffic emission climate resilience flood heat tree trail sidewalk bus rail "
    "permit code standard report metric goal outcome team staff vendor contract review "
    "design prototype test learn share publish measure improve support engage listen "
    "together across every local regional small large new current future quickly clearly"
).split()
WEB = ("https://www.austintexas.gov/", "https://data.austintexas.gov/",
       "https://www.capmetro.org/", "https://www.iso.org/", "https://opengovpartnership.org/")


@dataclass
class Page:
    """One generated page: where it lives, where it sorts, and what it says."""

    docname: str
    title: str
    position: int | None
    blocks: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # landing pages only, in position order


def folder_shape(n: int) -> tuple[int, int, int]:
    """How many folders per level (three levels deep) for a publication of ``n`` pages."""
    if n <= 20:
        return 1, 1, 1
    if n <= 200:
        return 3, 2, 1
    return 6, 3, 2


def plan(n: int, seed: int) -> dict[str, Page]:
    """Decide every page's place: folders with landing pages, leaves, shuffled positions."""
    rng = random.Random(seed)
    a, b, c = folder_shape(n)
    folders = []
    for i in range(a):
        folders.append(f"part-{i + 1}")
        for j in range(b):
            folders.append(f"part-{i + 1}/topic-{j + 1}")
            for k in range(c):
                folders.append(f"part-{i + 1}/topic-{j + 1}/detail-{k + 1}")
    homes = [""] + folders
    pages: dict[str, Page] = {"index": Page("index", "Benchmark Publication", None)}
    for folder in folders:
        pages[f"{folder}/index"] = Page(f"{folder}/index", title_for(rng), None)
    for number in range(n - len(pages)):
        home = rng.choice(homes)
        slug = f"page-{number + 1:04d}"
        docname = f"{home}/{slug}" if home else slug
        pages[docname] = Page(docname, title_for(rng), None)
    assign_positions(pages, rng)
    return pages


def title_for(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(2, 5))
    return " ".join(words).capitalize()


def landing_of(docname: str) -> str:
    """The landing page that lists ``docname`` (its folder's index, or the parent's)."""
    folder = posixpath.dirname(docname)
    if docname.endswith("/index"):
        folder = posixpath.dirname(folder)
    return f"{folder}/index" if folder else "index"


def assign_positions(pages: dict[str, Page], rng: random.Random) -> None:
    """Give each landing page's children shuffled positions 10, 20, ... (not file order)."""
    siblings: dict[str, list[str]] = {}
    for docname in sorted(pages):
        if docname != "index":
            siblings.setdefault(landing_of(docname), []).append(docname)
    for landing, members in siblings.items():
        order = members[:]
        rng.shuffle(order)
        for rank, docname in enumerate(order, start=1):
            pages[docname].position = rank * 10
        pages[landing].children = order


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def sentence(rng: random.Random) -> str:
    return words(rng, rng.randint(8, 18)).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def write_bodies(pages: dict[str, Page], seed: int) -> dict[str, str]:
    """Fill every page with 200–600 words of blocks; return the images to draw (path: alt)."""
    rng = random.Random(seed + 1)
    names = sorted(pages)
    images: dict[str, str] = {}
    for number, docname in enumerate(names):
        page = pages[docname]
        target = rng.randint(200, 470)  # the last section adds up to ~130 words: 200–600 in all
        blocks = [paragraph(rng, 3)]
        other = pages[rng.choice(names)]
        blocks.append(f"See [{other.title}](<LINK:{other.docname}>) and "
                      f"[the City's open data]({rng.choice(WEB)}) for more.")
        heading = 0
        while sum(len(b.split()) for b in blocks) < target:
            heading += 1
            blocks.append(f"## {words(rng, 3).capitalize()} {heading}")
            blocks.append(paragraph(rng, rng.randint(2, 4)))
            kind = heading % 4
            if kind == 1:
                blocks.append("\n".join(f"- {words(rng, rng.randint(3, 9))}" for _ in range(4)))
            elif kind == 2:
                blocks.append(f"> {paragraph(rng, 2)}")
            elif kind == 3:
                blocks.append("\n".join(f"{i}. {words(rng, rng.randint(3, 9))}"
                                        for i in range(1, 4)))
            else:
                blocks.append(f"### {words(rng, 2).capitalize()} {heading}")
                blocks.append(paragraph(rng, 2))
        if number % 4 == 0:
            blocks.append(table(rng))
        if number % 7 == 0:
            image = f"images/figure-{number:04d}.png"
            alt = f"Bar chart of {words(rng, 3)}"
            images[image] = alt
            blocks.append(f"![{alt}](<IMG:{image}>)")
        page.blocks = blocks
    return images


def table(rng: random.Random) -> str:
    rows = ["| District | Sensors | Share |", "| --- | ---: | ---: |"]
    rows += [f"| {rng.choice(WORDS).capitalize()} {i} | {rng.randint(1, 900)} | "
             f"{rng.randint(1, 99)} % |" for i in range(1, 5)]
    return "\n".join(rows)


def draw_image(path: Path, seed: int) -> None:
    """A small bar chart PNG, deterministic for the seed (Pillow writes no timestamps)."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", (320, 180), "white")
    draw = ImageDraw.Draw(image)
    for i in range(8):
        height = rng.randint(20, 160)
        colour = (rng.randint(0, 120), rng.randint(60, 160), rng.randint(120, 220))
        draw.rectangle((12 + i * 38, 170 - height, 40 + i * 38, 170), fill=colour)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=False)


def relative(from_doc: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(from_doc) or ".")


def render(page: Page, flavour: str) -> str:
    """The Markdown of ``page`` for ``flavour`` (ours, sphinx or jekyll)."""
    front = [f"title: {page.title}"]
    position = 0 if page.docname == "index" and flavour == "jekyll" else page.position
    if position is not None:
        front.append(f"position: {position}")
    suffix = ".html" if flavour == "jekyll" else ".md"
    blocks = []
    for block in page.blocks:
        if "<LINK:" in block:
            start = block.index("<LINK:")
            end = block.index(">", start)
            target = block[start + 6:end]
            block = block[:start] + relative(page.docname, target) + suffix + block[end + 1:]
        if "<IMG:" in block:
            start = block.index("<IMG:")
            end = block.index(">", start)
            block = block[:start] + relative(page.docname, block[start + 5:end]) + block[end + 1:]
        blocks.append(block)
    if flavour == "sphinx" and page.children:
        entries = "\n".join(relative(page.docname, child) for child in page.children)
        blocks.insert(1, "```{toctree}\n:titlesonly:\n\n" + entries + "\n```")
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(blocks) + "\n"


JEKYLL_CONFIG = """title: Benchmark Publication
markdown: kramdown
exclude: [Gemfile, Gemfile.lock]
defaults:
  - scope: {path: ""}
    values: {layout: default}
"""
JEKYLL_LAYOUT = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ page.title }} - {{ site.title }}</title></head>
<body>
<nav><ul>
{% assign pages = site.pages | sort: "position" %}{% for p in pages %}{% if p.title %}<li{% if p.url == page.url %} class="current"{% endif %}><a href="{{ p.url | relative_url }}">{{ p.title }}</a></li>{% endif %}
{% endfor %}</ul></nav>
<main><h1>{{ page.title }}</h1>
{{ content }}
</main>
</body>
</html>
"""


def write(out: Path, n: int, seed: int = 1) -> dict[str, Path]:
    """Write the three flavours of an ``n``-page publication under ``out``; return their folders."""
    pages = plan(n, seed)
    images = write_bodies(pages, seed)
    folders = {}
    for flavour in ("ours", "sphinx", "jekyll"):
        root = out / flavour
        if root.exists():
            shutil.rmtree(root)
        for docname, page in pages.items():
            path = root / f"{docname}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(page, flavour), encoding="utf-8")
        for number, image in enumerate(sorted(images)):
            draw_image(root / image, seed * 100_000 + number)
        folders[flavour] = root
    (out / "jekyll" / "_config.yml").write_text(JEKYLL_CONFIG, encoding="utf-8")
    layouts = out / "jekyll" / "_layouts"
    layouts.mkdir()
    (layouts / "default.html").write_text(JEKYLL_LAYOUT, encoding="utf-8")
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--pages", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for flavour, folder in write(args.out, args.pages, args.seed).items():
        print(f"{flavour}: {folder}")


if __name__ == "__main__":
    main()
