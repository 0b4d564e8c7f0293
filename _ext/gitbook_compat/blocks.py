"""GitBook's blocks (``{% hint %}``, ``{% embed %}``, ``{% content-ref %}``, ``{% page-ref %}``,
``{% file %}``, ``{% tabs %}``, ``{% code %}``) rewritten as the Markdown they show, before
Liquid reads the page.

Plain Python with no Sphinx import. Every line keeps its number (a tag's line becomes
one line: its replacement, or an empty line), so later warnings point at the right line.
Nothing is loaded from another site: an embed is a link. Tags written inside code are
code and stay; a tag this module does not know is left for Liquid to say. A link to a page
(``{% page-ref %}``, and the file name a ``{% content-ref %}`` shows) has no words, which
MyST fills with the page's title, as GitBook showed it; one to no page keeps its words.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import unquote

from pagesource.fences import outside_fences

KINDS = {"info": "note", "success": "tip", "warning": "warning", "danger": "danger"}
"""GitBook's hint styles as MyST's admonitions; any other style is a note."""

_TAG = re.compile(r"\{%-?\s*(?P<name>hint|endhint|embed|endembed|content-ref|endcontent-ref|"
                  r"page-ref|file|endfile|tabs|endtabs|tab|endtab|code|endcode)\b(?P<args>(?:[^%{]|%(?!\})|\{(?!%))*?)-?%\}")
"""A known tag; its arguments never hold another ``{%``, so a tag left open is given up at
the next one (a line of thousands of unclosed ``{% hint`` took time as its square)."""
_ARG = re.compile(r"""(?<![\w-])(?P<key>[\w-]+)\s*=\s*(?:"(?P<double>(?:[^"\\]|\\.)*)"(?!\S)|'(?P<single>(?:[^'\\]|\\.)*)'(?!\S)"""
                  r"""|"(?P<plain>[^"]*)"(?!\S)|'(?P<plain_single>[^']*)'(?!\S)|(?P<bare>\S+(?:[ \t]+(?![\w-]+\s*=)\S+)*))""")
"""A ``key="value"`` pair, a quote inside written ``\\"``; a key starts after no word
character, so a long word without ``=`` is tried once, not once from each of its letters.
A value read so that does not end before a space or the tag's end is read as written, its
backslashes a word's: ``title="C:\\Users\\"`` (the title was never closed, and lost). A
value typed without quotes (``title=two words``) runs up to the next ``key=`` (its words
were lost with the unread value)."""
_ESCAPED = re.compile(r"\\([\"'\\])")
"""An escaped quote or backslash; any other backslash is a word's (``C:\\new``)."""
_WHOLE = re.compile(r"^(?P<indent>[ \t]*)(?P<tag>\{%.*%\})[ \t]*$")
_INTERRUPTS = re.compile(r"^[ \t]*(?:$|[#>*+|<-]|```|~~~|:::|\{%|[0-9]+[.)][ \t])")
_MARKUP = re.compile(r"([\\`*_\[\]<>])")
_LINK_LINE = re.compile(r"^(?P<indent>[ \t]*)\[(?P<text>[^\[\]]*)\]\((?P<target>[^()\s<>]+)\)[ \t]*$")
_INLINE = frozenset({"embed", "page-ref", "file"})
_FILE_BODY = re.compile(r"\{%-?\s*file\b(?P<args>(?:[^%{]|%(?!\})|\{(?!%))*?)-?%\}"
                        r"(?P<body>(?:[^{]|\{(?!%))*?)\{%-?\s*endfile\s*-?%\}")
"""GitBook's newer ``{% file src="x.pdf" %}caption{% endfile %}`` on one line: its body is
the caption (``{% endfile %}`` was shown as text, said as Liquid nothing runs)."""
_FILE_BODY_LINES = 20
"""How many lines a ``{% file %}`` block's caption may hold before its ``{% endfile %}``."""

Pages = Callable[[str], "str | None"]
"""The address of the page a GitBook link names (a folder's ``README.md``), or None."""


def _no_pages(target: str) -> str | None:
    return None


def arguments(args: str) -> dict[str, str]:
    """A tag's ``key="value"`` pairs."""
    return {m.group("key"): _value(m) for m in _ARG.finditer(args)}


def _value(found: re.Match[str]) -> str:
    """One argument's value: with its escapes read, or as written when they did not close
    it, or typed without quotes."""
    escaped = found.group("double") if found.group("double") is not None else found.group("single")
    if escaped is not None:
        return _ESCAPED.sub(r"\1", escaped)
    return next(v for v in found.group("plain", "plain_single", "bare") if v is not None)


def _words(text: str) -> str:
    """Text shown as written, not read as Markdown."""
    return _MARKUP.sub(r"\\\1", text)


def _link(url: str, caption: str = "", markdown: str = "") -> str:
    """A link to ``url`` named by ``caption`` shown as written, or by ``markdown`` read as
    Markdown (a ``{% file %}`` block's body: its emphasis kept, no bracket ending the link)."""
    if markdown.strip():
        shown = _LINK_MARKUP.sub(r"\\\1", markdown.strip())
        return f"[{shown}](<{url}>)" if url else shown
    shown = _words(caption.strip() or url)
    return f"[{shown}](<{url}>)" if url else shown


_LINK_MARKUP = re.compile(r"([\\\[\]<>])")


def rewrite(text: str, pages: Pages = _no_pages) -> str:
    """``text`` with GitBook's blocks as MyST Markdown, line for line; ``pages`` finds the
    page a link names."""
    if "{%" not in text:
        return text
    lines = text.split("\n")
    found = [i for i in outside_fences(lines) if "{%" in lines[i]]
    unpaired = _unpaired_hints(lines, found)
    refs = [i + 1 for i in found if whole_tag(lines[i]) == "content-ref" and i + 1 < len(lines)]
    for opening, closing in _file_blocks(lines, found).items():
        caption = " ".join(" ".join(lines[opening + 1:closing]).split())
        tag = _TAG.fullmatch(_WHOLE.match(lines[opening]).group("tag"))
        src = arguments(tag.group("args")).get("src", "").strip()
        lines[opening] = _WHOLE.match(lines[opening]).group("indent") + _link(
            src, arguments(tag.group("args")).get("caption", ""), caption)
        lines[opening + 1:closing + 1] = [""] * (closing - opening)
        found = [i for i in found if not opening <= i <= closing]
    for i in found:
        if i not in unpaired:
            lines[i] = _line(lines, i, pages)
    for i in refs:
        lines[i] = _titled(lines[i], pages)
    return "\n".join(lines)


def _titled(line: str, pages: Pages) -> str:
    """The link a ``{% content-ref %}`` holds, whose words GitBook's export wrote as the
    file's name (``[other.md](other.md)``) where GitBook showed the page's title."""
    link = _LINK_LINE.match(line)
    if link is None:
        return line
    target, text = link.group("target"), unquote(link.group("text")).strip()
    named = {unquote(target), posixpath.basename(unquote(target).rstrip("/"))}
    return link.group("indent") + _page_link(target, pages) if text in named else line


def _page_link(target: str, pages: Pages) -> str:
    """A link to the page ``target`` names, titled by MyST; its words when there is none."""
    found = pages(target.strip())
    return f"[](<{found}>)" if found else _link(target.strip())


def _file_blocks(lines: list[str], found: list[int]) -> dict[int, int]:
    """Each ``{% file %}`` alone on its line whose ``{% endfile %}`` is alone on a line within
    :data:`_FILE_BODY_LINES` after it, no other tag between: opening line to closing line."""
    blocks: dict[int, int] = {}
    for at, i in enumerate(found):
        if whole_tag(lines[i]) != "file" or at + 1 >= len(found):
            continue
        after = found[at + 1]
        if after - i <= _FILE_BODY_LINES and whole_tag(lines[after]) == "endfile":
            blocks[i] = after
    return blocks


def _unpaired_hints(lines: list[str], found: list[int]) -> set[int]:
    """Hints whose ``{% endhint %}`` is not on a line of its own after them, and each
    ``{% endhint %}`` no hint on a line of its own opened: left for Liquid to say, since a
    box never closed would hold the rest of the page, and a ``:::`` closing nothing would be
    shown as written, unsaid."""
    opened: list[int] = []
    strays: set[int] = set()
    for i in found:
        name = whole_tag(lines[i])
        if name == "hint":
            opened.append(i)
        elif name == "endhint":
            if opened:
                opened.pop()
            else:
                strays.add(i)
    return set(opened) | strays


def whole_tag(line: str) -> str | None:
    """The tag's name when the line holds one known tag alone."""
    whole = _WHOLE.match(line)
    tag = _TAG.fullmatch(whole.group("tag")) if whole else None
    return tag.group("name") if tag else None


def _line(lines: list[str], i: int, pages: Pages) -> str:
    """One line's tags rewritten. A block tag on its own line becomes the line that opens
    or closes the block; an embed, a page-ref or a file is a link wherever it is."""
    line = lines[i]
    if "endfile" in line:
        line = _FILE_BODY.sub(lambda m: _link(arguments(m.group("args")).get("src", "").strip(),
                                              arguments(m.group("args")).get("caption", ""), m.group("body")),
                              line)
    whole = _WHOLE.match(line)
    tag = _TAG.fullmatch(whole.group("tag")) if whole else None
    if tag is None:
        return _TAG.sub(lambda m: _inline(m, pages) if m.group("name") in _INLINE else m.group(0), line)
    indent, name, args = whole.group("indent"), tag.group("name"), arguments(tag.group("args"))
    if name == "hint":
        return f"{indent}:::{{{KINDS.get(args.get('style', 'info'), 'note')}}}"
    if name == "endhint":
        return f"{indent}:::"
    if name == "endfile":
        return line  # closing no `{% file %}`: left for Liquid to say
    if name in _INLINE:
        return indent + _inline(tag, pages)
    if name == "tab":
        title = f"**{_words(args.get('title', '').strip())}**" if args.get("title", "").strip() else ""
        return indent + title + _hard_break(lines, i, title)
    if name == "code":
        caption = f"*{_words(args.get('title', '').strip())}*" if args.get("title", "").strip() else ""
        return indent + caption + _hard_break(lines, i, caption)
    return ""  # endembed, content-ref and its end, tabs and its end, endtab, endcode


def _inline(tag: re.Match[str], pages: Pages) -> str:
    """An embed as a link to its address, a page-ref to its page, a file to the download."""
    args = arguments(tag.group("args"))
    if tag.group("name") == "page-ref":
        return _page_link(args.get("page", ""), pages)
    if tag.group("name") == "file":
        return _link(args.get("src", "").strip(), args.get("caption", ""))
    return _link(args.get("url", "").strip(), args.get("caption", ""))


def _hard_break(lines: list[str], i: int, title: str) -> str:
    """A title line stays a line of its own when text follows it straight away: a hard
    line break, as there is no line to spare for a blank one."""
    follows = lines[i + 1] if i + 1 < len(lines) else ""
    return "\\" if title and not _INTERRUPTS.match(follows) else ""
