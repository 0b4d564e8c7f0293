"""Hugo's page markup rewritten as the MyST that shows what Hugo showed.

Plain Python with no Sphinx import; every line keeps its number. MyST showed Hugo's TOML
front matter as a paragraph of ``key = value`` lines, and Liquid said its shortcodes were
Liquid it could not run:

- ``+++`` … ``+++`` (TOML front matter, which :mod:`pagesource` reads for page order):
  the same lines as YAML, each ``key = value`` line of a plain value as ``key: value`` (MyST
  takes the heading from ``title``), any other as a comment, so no edition shows them.
- ``{{% notice info "Title" %}}`` … ``{{% /notice %}}`` (the Learn and Relearn themes; also
  ``style="…" title="…"``), each tag alone on its line: a box of its kind's colour.
- ``{{< hint warning >}}`` … ``{{< /hint >}}`` (the Hugo Book theme, pydoc-markdown's),
  each tag alone on its line: a box of its kind's colour (``info``, ``warning``, ``danger``).
- ``{{< highlight go >}}`` … ``{{< /highlight >}}``: a fenced code block in that language.
- ``{{< figure src="…" alt="…" caption="…" >}}``: the picture, its title, caption and
  ``attr`` (attribution) in italics after it.
- ``{{< ref "trash.md" >}}``, ``{{< relref "/services/trash" >}}``: the page's path, so a
  link written around it leads there (a path without a suffix is the page's ``.md``).

Any other shortcode is left for ``jekyll_compat``'s Liquid, which shows it as typed and says
it at its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pagesource.fences import container_fence, markdown_lines, outside_code

from .mkdocs import KINDS

MAX_DEPTH = 20
"""Shortcode blocks inside one another past this depth are left as typed (each box's fence
is chosen by reading what it holds)."""

_SHORTCODE = re.compile(r"\{\{(?P<open>[<%])-?(?=(?P<pad>[ \t]*))(?P=pad)(?P<end>/?)(?=(?P<gap>[ \t]*))(?P=gap)"
                        r"(?=(?P<name>[A-Za-z][\w-]*))(?P=name)"
                        r"(?P<args>(?:[^<>%{}\n]|<(?![ \t]*(?:/[ \t]*)?>)|%(?!\}))*)-?[>%]\}\}")
"""One shortcode tag; its arguments hold no ``{``/``}``, so a tag never spans another, and are
taken greedily (spaces before the end are stripped after): a lazy run followed by ``[ \t]*``
tried every space again at each, 79 s for a tag left open before 50,000 spaces. The spaces
before the name and the name are each read once (a look-ahead then its text, an atomic
group): split every way, ``{{<``, 400 spaces and a 400-letter name took 1.7 s (cubic)."""
_ARG = re.compile(r"""(?:(?P<key>[\w-]+)\s*=\s*)?(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|`(?P<raw>[^`]*)`|(?P<bare>[^\s"'`=]+))""")
_WHOLE = re.compile(r"^(?P<indent>[ \t]{0,3})(?P<tag>\{\{.*\}\})[ \t]*$")
_MARKUP = re.compile(r"([\\`*_\[\]<>|~^=$%{}])")
_TICKS = re.compile(r"`{3,}|~{3,}")


def toml_front_matter(lines: list[str]) -> int | None:
    """The index of the ``+++`` that closes a TOML front matter opened on the first line."""
    if not lines or lines[0].rstrip() != "+++":
        return None
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() == "+++"), None)


def _toml(lines: list[str]) -> dict | None:
    """The front matter's top-level values, None when it is no TOML (pagesource says so)."""
    import tomllib

    try:
        return tomllib.loads("\n".join(lines))
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


def _yaml_line(line: str, whole: dict | None = None) -> str:
    """A TOML line ``key = value`` as YAML when it is one key and a plain value on its own
    (MyST takes the page's heading from ``title``), else a YAML comment; with ``whole`` (the
    front matter read at once) only a key's own line: ``title = "x"`` inside a ``\"\"\"``
    string is that string's words, and it became the page's title."""
    import datetime
    import json
    import math
    import tomllib

    try:
        value = tomllib.loads(line)
    except (tomllib.TOMLDecodeError, RecursionError):
        return "# " + line
    if len(value) != 1:
        return "# " + line
    (key, item), = value.items()
    if whole is not None and (key not in whole or whole[key] != item):
        return "# " + line
    if isinstance(item, (datetime.date, datetime.time)):
        item = item.isoformat()
    if not isinstance(item, (str, int, float, bool)) or isinstance(item, float) and not math.isfinite(item):
        return "# " + line
    return f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(item, ensure_ascii=False)}"


def arguments(args: str) -> tuple[list[str], dict[str, str]]:
    """A shortcode's positional and named arguments."""
    positional, named = [], {}
    for found in _ARG.finditer(args):
        value = next(v for v in found.group("double", "single", "raw", "bare") if v is not None)
        if found.group("key"):
            named[found.group("key").casefold()] = value
        else:
            positional.append(value)
    return positional, named


Exists = Callable[[str], bool]
"""Whether a path a link on the page writes (``/services/_index.md``, ``trash.md``) is a file."""


def rewrite(text: str, exists: Exists = lambda path: False) -> str:
    """``text`` with Hugo's front matter and known shortcodes as MyST, line for line;
    ``exists`` says which file a ``ref`` to a section (``/services``) means."""
    lines = text.split("\n")
    start = 0
    if (end := toml_front_matter(lines)) is not None:
        whole = _toml(lines[1:end])
        lines[0] = lines[end] = "---"
        in_table = False
        for i in range(1, end):
            # read at once, a table's keys are not the whole's (and a line "  [1, 2]," of
            # an array is no table); else a line starting "[" is taken for a table's header
            in_table = whole is None and (in_table or lines[i].lstrip().startswith("["))
            lines[i] = "" if not lines[i].strip() else (
                "# " + lines[i] if in_table else _yaml_line(lines[i], whole))
        start = end + 1
    if "{{" not in text:
        return "\n".join(lines)
    prose = [i for i in markdown_lines(lines) if i >= start]
    _blocks(lines, prose)
    for i in (i for i in markdown_lines(lines) if i >= start):  # a highlight's lines are code now
        if "{{" in lines[i]:
            lines[i] = outside_code(lines[i], lambda part: _SHORTCODE.sub(
                lambda found: _shortcode(found, exists), part))
    return "\n".join(lines)


def _whole(line: str) -> re.Match[str] | None:
    """The shortcode that is a line's only content, or None."""
    found = _WHOLE.match(line)
    if found is None:
        return None
    return _SHORTCODE.fullmatch(found.group("tag"))


def _blocks(lines: list[str], prose: list[int]) -> None:
    """Each ``notice``, ``hint`` and ``highlight`` pair of lines, written as a fence and its end."""
    opened: list[tuple[int, re.Match[str]]] = []
    pairs = []
    for i in prose:
        if "{{" not in lines[i] or (tag := _whole(lines[i])) is None:
            continue
        name = tag.group("name").casefold()
        if name not in ("notice", "hint", "highlight"):
            continue
        if not tag.group("end"):
            opened.append((i, tag))
        elif opened and opened[-1][1].group("name").casefold() == name:
            if len(opened) <= MAX_DEPTH:  # deeper ones are left for Liquid to say
                pairs.append((*opened[-1], i))
            opened.pop()
    for first, tag, last in sorted(pairs, key=lambda pair: pair[2] - pair[0]):  # inner first
        indent = _WHOLE.match(lines[first]).group("indent")
        positional, named = arguments(tag.group("args"))
        if tag.group("name").casefold() == "highlight":
            body = lines[first + 1:last]
            ticks = "`" * max(3, 1 + max((len(m.group(0)) for line in body
                                          for m in _TICKS.finditer(line)), default=0))
            lines[first] = indent + ticks + (positional[0] if positional else named.get("lang", ""))
            lines[last] = indent + ticks
            continue
        style = (named.get("style") or (positional[0] if positional else "note")).casefold()
        title = named.get("title") or (positional[1] if len(positional) > 1 else "")
        fence = container_fence(lines[first + 1:last])
        kind = KINDS.get(style, "note")
        if not title and style != kind and tag.group("name").casefold() == "notice":
            title = style.title()  # Hugo labelled the box with its style: "Info"
        lines[first] = indent + fence + f"{kind} {_words(title)}".rstrip()
        lines[last] = indent + fence


def _shortcode(found: re.Match[str], exists: Exists) -> str:
    name = found.group("name").casefold()
    positional, named = arguments(found.group("args"))
    if name in ("ref", "relref") and not found.group("end"):
        target = named.get("path") or (positional[0] if positional else "")
        if target:
            return _page_path(target, exists)
    if name == "figure" and not found.group("end"):
        src = named.get("src")
        if src:
            alt = named.get("alt") or named.get("title") or named.get("caption") or ""
            # Hugo showed the title, the caption and the attribution under the picture
            shown = [v.strip() for v in (named.get("title"), named.get("caption"), named.get("attr"))
                     if v and v.strip() and v != alt]
            caption = " — ".join(dict.fromkeys(shown))
            picture = f"![{_words(alt)}](<{src.replace('>', '%3E')}>)"
            return picture + (f" *{_words(caption)}*" if caption else "")
    return found.group(0)


def _page_path(target: str, exists: Exists) -> str:
    """The path a link to Hugo's page ``target`` needs: its Markdown file, or its section's
    landing (``_index.md``, ``index.md``) when ``target`` names a folder."""
    path, hashmark, fragment = target.partition("#")
    name = path.rstrip("/").rsplit("/", 1)[-1]
    if path and "." not in name:
        base = path.rstrip("/")
        path = next((candidate for candidate in (base + ".md", base + "/_index.md", base + "/index.md")
                     if exists(candidate)), base + ".md")
    return (path + hashmark + fragment).replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _words(text: str) -> str:
    """Text shown as written, not read as Markdown."""
    return _MARKUP.sub(r"\\\1", text.strip())
