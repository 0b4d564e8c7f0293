"""Resolve or drop the Liquid tags of Jekyll pages, keeping every line where it was.

Plain Python with no Sphinx import. Jekyll ran Liquid over a page before kramdown saw it;
the publication has no Liquid, so each tag is either replaced by what it obviously stood
for (``{{ site.baseurl }}`` is nothing, ``{{ page.title }}`` is the title, ``{% raw %}``
keeps its text literally, ``{% highlight py %}`` is a code fence) or dropped and listed,
so the caller can warn once per file. Newlines inside a tag are kept, so the line numbers
of every warning after it still match the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from pagesource.dates import parse_date

_TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}|\{\{-?(.*?)-?\}\}", re.S)
_END_RAW = re.compile(r"\{%-?\s*endraw\s*-?%\}", re.S)
_END_COMMENT = re.compile(r"\{%-?\s*endcomment\s*-?%\}", re.S)
_STRING = re.compile(r"""^(?:"([^"]*)"|'([^']*)')$""")
_NAME = re.compile(r"^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")

#: Filters that change nothing that matters once links are resolved by page, not by URL.
_IDENTITY_FILTERS = frozenset({"relative_url", "absolute_url", "escape", "xml_escape",
                               "escape_once", "uri_escape", "url_encode", "markdownify",
                               "smartify", "strip"})


#: Jekyll's date filters, as strftime formats.
_DATE_FORMATS = {"date_to_string": "%d %b %Y", "date_to_long_string": "%d %B %Y",
                 "date_to_xmlschema": "%Y-%m-%d", "date_to_rfc822": "%a, %d %b %Y"}


@dataclass(frozen=True)
class Dropped:
    """A Liquid tag that was removed because its meaning is not obvious."""

    line: int
    tag: str


@dataclass(frozen=True)
class Result:
    """The text with Liquid resolved, and what had to be dropped."""

    text: str
    dropped: tuple[Dropped, ...]


def site_variables(config: Mapping[str, Any] | None, title: str = "",
                   data: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Jekyll's ``site`` object: ``_config.yml`` values and ``_data/`` files, URLs emptied.

    Links are resolved root-relative to the page now at that place, so ``site.url`` and
    ``site.baseurl`` stand for nothing.
    """
    site: dict[str, Any] = {"title": title}
    site.update({k: v for k, v in (config or {}).items() if isinstance(k, str)})
    site["data"] = dict(data or {})
    site.update({"url": "", "baseurl": "", "github": {"url": ""}})
    return site


def render(text: str, page: Mapping[str, Any], site: Mapping[str, Any], *, first_line: int = 1,
           keep: Collection[str] = ()) -> Result:
    """Resolve the Liquid in ``text`` (whose first line is ``first_line`` of its file).

    ``keep`` names variables that are not Liquid but MyST substitutions: left untouched.
    """
    context = {"page": dict(page), "site": dict(site)}
    out: list[str] = []
    dropped: list[Dropped] = []
    pos = 0
    while (match := _TAG.search(text, pos)) is not None:
        out.append(text[pos:match.start()])
        line = first_line + text.count("\n", 0, match.start())
        pos = match.end()
        if match.group(3) is not None:
            replacement = _expression(match.group(3), context, keep)
            if replacement is None:
                dropped.append(Dropped(line, _short(match.group(0))))
                replacement = _newlines(match.group(0))
        else:
            name, args = match.group(1), match.group(2).strip()
            if name in ("raw", "comment"):
                end = (_END_RAW if name == "raw" else _END_COMMENT).search(text, pos)
                inner = text[pos:end.start() if end else len(text)]
                out.append(inner if name == "raw" else _newlines(inner))
                if end is not None:
                    out.append(_newlines(end.group(0)))
                pos = end.end() if end else len(text)
                continue
            replacement = _tag(name, args, match.group(0))
            if replacement is None:
                dropped.append(Dropped(line, _short(match.group(0))))
                replacement = _newlines(match.group(0))
        out.append(replacement)
    out.append(text[pos:])
    return Result("".join(out), tuple(dropped))


def _tag(name: str, args: str, whole: str) -> str | None:
    """What a ``{% tag %}`` stands for, or None when that is not obvious."""
    if name == "highlight":
        language = args.split()[0] if args.split() else ""
        return f"```{language}" + _newlines(whole)
    if name == "endhighlight":
        return "```" + _newlines(whole)
    if name == "link" and args:
        return "/" + args.split()[0].strip("\"'").lstrip("/") + _newlines(whole)
    if name in ("endraw", "endcomment"):  # a stray end tag: nothing to show
        return _newlines(whole)
    return None


def _expression(expression: str, context: Mapping[str, Any], keep: Collection[str]) -> str | None:
    """The value of ``{{ value | filter: arg }}``, or None when it cannot be known."""
    parts = _split_filters(expression.strip())
    root = parts[0].split(".")[0]
    if root in keep and root not in context:
        return "{{" + expression + "}}"
    filters = parts[1:]
    value = _value(parts[0], context)
    if filters and filters[0].strip() == "size":  # `site.data.projects | size`: a count
        found = _lookup(parts[0].strip(), context)
        value = str(len(found)) if isinstance(found, (list, dict, str)) else None
        filters = filters[1:]
    for spec in filters:
        if value is None:
            return None
        name, _, arg = spec.partition(":")
        name, arg = name.strip(), arg.strip()
        if name in _IDENTITY_FILTERS:
            value = value.strip() if name == "strip" else value
        elif name in ("prepend", "append") and (extra := _value(arg, context)) is not None:
            value = extra + value if name == "prepend" else value + extra
        elif name in ("upcase", "downcase", "capitalize"):
            value = {"upcase": str.upper, "downcase": str.lower, "capitalize": str.capitalize}[name](value)
        elif name == "default":
            value = value or _value(arg, context)
        elif name in _DATE_FORMATS or name == "date":
            fmt = _DATE_FORMATS.get(name) or _value(arg, context)
            day = _as_date(value)
            if fmt is None or day is None:
                return None
            value = day.strftime(fmt)
        else:
            return None
    return value


def _value(token: str, context: Mapping[str, Any]) -> str | None:
    """A literal or a ``site.x``/``page.x`` variable as text; None when unknown or not text."""
    token = token.strip()
    if match := _STRING.match(token):
        return match.group(1) if match.group(1) is not None else match.group(2)
    if _NUMBER.match(token):
        return token
    value = _lookup(token, context)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float, dt.date)):
        return str(value)
    return None


def _lookup(token: str, context: Mapping[str, Any]) -> Any:
    """The variable ``site.data.x`` (any type), or None when there is no such variable."""
    if not _NAME.match(token):
        return None
    value: Any = context
    for key in token.split("."):
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return value


_as_date = parse_date


def _split_filters(expression: str) -> list[str]:
    """Split on ``|`` outside quotes."""
    parts, current, quote = [], [], ""
    for char in expression:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "|":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _newlines(text: str) -> str:
    return "\n" * text.count("\n")


def _short(tag: str) -> str:
    flat = " ".join(tag.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."
