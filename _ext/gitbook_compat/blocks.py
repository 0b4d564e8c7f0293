"""GitBook's blocks (``{% hint %}``, ``{% embed %}``, ``{% content-ref %}``, ``{% tabs %}``,
``{% code %}``) rewritten as the Markdown they show, before Liquid reads the page.

Plain Python with no Sphinx import. Every line keeps its number (a tag's line becomes
one line: its replacement, or an empty line), so later warnings point at the right line.
Nothing is loaded from another site: an embed is a link. Tags written inside code are
code and stay; a tag this module does not know is left for Liquid to say.
"""

from __future__ import annotations

import re

from pagesource.fences import outside_fences

KINDS = {"info": "note", "success": "tip", "warning": "warning", "danger": "danger"}
"""GitBook's hint styles as MyST's admonitions; any other style is a note."""

_TAG = re.compile(r"\{%-?\s*(?P<name>hint|endhint|embed|endembed|content-ref|endcontent-ref|"
                  r"tabs|endtabs|tab|endtab|code|endcode)\b(?P<args>(?:[^%{]|%(?!\})|\{(?!%))*?)-?%\}")
"""A known tag; its arguments never hold another ``{%``, so a tag left open is given up at
the next one (a line of thousands of unclosed ``{% hint`` took time as its square)."""
_ARG = re.compile(r"""(?<![\w-])(?P<key>[\w-]+)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""")
"""A ``key="value"`` pair; a key starts after no word character, so a long word without
``=`` is tried once, not once from each of its letters."""
_WHOLE = re.compile(r"^(?P<indent>[ \t]*)(?P<tag>\{%.*%\})[ \t]*$")
_INTERRUPTS = re.compile(r"^[ \t]*(?:$|[#>*+|<-]|```|~~~|:::|\{%|[0-9]+[.)][ \t])")
_MARKUP = re.compile(r"([\\`*_\[\]<>])")


def arguments(args: str) -> dict[str, str]:
    """A tag's ``key="value"`` pairs."""
    return {m.group("key"): m.group("double") if m.group("double") is not None
            else m.group("single") for m in _ARG.finditer(args)}


def _words(text: str) -> str:
    """Text shown as written, not read as Markdown."""
    return _MARKUP.sub(r"\\\1", text)


def _link(url: str, caption: str = "") -> str:
    shown = _words(caption.strip() or url)
    return f"[{shown}](<{url}>)" if url else shown


def rewrite(text: str) -> str:
    """``text`` with GitBook's blocks as MyST Markdown, line for line."""
    if "{%" not in text:
        return text
    lines = text.split("\n")
    found = [i for i in outside_fences(lines) if "{%" in lines[i]]
    unpaired = _unpaired_hints(lines, found)
    for i in found:
        if i not in unpaired:
            lines[i] = _line(lines, i)
    return "\n".join(lines)


def _unpaired_hints(lines: list[str], found: list[int]) -> set[int]:
    """Hints whose ``{% endhint %}`` is not on a line of its own after them, and each
    ``{% endhint %}`` no hint on a line of its own opened: left for Liquid to say, since a
    box never closed would hold the rest of the page, and a ``:::`` closing nothing would be
    shown as written, unsaid."""
    opened: list[int] = []
    strays: set[int] = set()
    for i in found:
        name = _whole_tag(lines[i])
        if name == "hint":
            opened.append(i)
        elif name == "endhint":
            if opened:
                opened.pop()
            else:
                strays.add(i)
    return set(opened) | strays


def _whole_tag(line: str) -> str | None:
    """The tag's name when the line holds one known tag alone."""
    whole = _WHOLE.match(line)
    tag = _TAG.fullmatch(whole.group("tag")) if whole else None
    return tag.group("name") if tag else None


def _line(lines: list[str], i: int) -> str:
    """One line's tags rewritten. A block tag on its own line becomes the line that opens
    or closes the block; an embed is a link wherever it is."""
    line = lines[i]
    whole = _WHOLE.match(line)
    tag = _TAG.fullmatch(whole.group("tag")) if whole else None
    if tag is None:
        return _TAG.sub(lambda m: _inline(m) if m.group("name") == "embed" else m.group(0), line)
    indent, name, args = whole.group("indent"), tag.group("name"), arguments(tag.group("args"))
    if name == "hint":
        return f"{indent}:::{{{KINDS.get(args.get('style', 'info'), 'note')}}}"
    if name == "endhint":
        return f"{indent}:::"
    if name == "embed":
        return indent + _inline(tag)
    if name == "tab":
        title = f"**{_words(args.get('title', '').strip())}**" if args.get("title", "").strip() else ""
        return indent + title + _hard_break(lines, i, title)
    if name == "code":
        caption = f"*{_words(args.get('title', '').strip())}*" if args.get("title", "").strip() else ""
        return indent + caption + _hard_break(lines, i, caption)
    return ""  # endembed, content-ref and its end, tabs and its end, endtab, endcode


def _inline(tag: re.Match[str]) -> str:
    args = arguments(tag.group("args"))
    return _link(args.get("url", "").strip(), args.get("caption", ""))


def _hard_break(lines: list[str], i: int, title: str) -> str:
    """A title line stays a line of its own when text follows it straight away: a hard
    line break, as there is no line to spare for a blank one."""
    follows = lines[i + 1] if i + 1 < len(lines) else ""
    return "\\" if title and not _INTERRUPTS.match(follows) else ""
