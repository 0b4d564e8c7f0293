"""What Jekyll's Liquid sees (the ``site`` variables) and what running it gives back.

Plain Python with no Sphinx import; the engine itself is :mod:`.liquid_engine`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pagesource.fences import outside_code, outside_fences
from safety.paths import hidden_part

from .linemap import LineMap

_INCLUDE_RELATIVE = re.compile(r"\{%-?\s*include_relative\s+([\w./-]+)")
_TAGS_ALONE = re.compile(r"^((?:[ \t]*(?:(?:[-*+]|\d{1,9}[.)]|>)[ \t]+)+|[ \t]{0,3}))\{(?=%.*%\}[ \t]*$)")
"""A line that is only Liquid tags, after list markers or quote marks. The spaces between
two markers are read one way (written as a marker's spaces and the next one's indent, a line
of 22 ``-  `` took 41 s, each more doubling it)."""
_NWO = re.compile(r"^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]{1,100})$")
"""GitHub's ``owner/name``: an owner of letters, digits and ``-`` (39 at most), a repository
of letters, digits, ``.``, ``_`` and ``-``; nothing else can reach a URL from it."""
MAX_INCLUDED = 1_000_000  # characters: a file beside the page, not a data dump


@dataclass(frozen=True)
class Dropped:
    """Liquid the engine could not run (kept as text), with the line it starts on."""

    line: int
    tag: str


@dataclass(frozen=True)
class Result:
    """The text with its Liquid run, and what had to be kept as text."""

    text: str
    dropped: tuple[Dropped, ...]
    unlisted: tuple[Dropped, ...] = ()
    """Loops over the old site's own lists (``site.posts``, a collection), left out."""
    lines: LineMap = LineMap()
    """Lines of ``text`` back to lines of the text given (Liquid that wrote more lines)."""
    unfilled: tuple[Dropped, ...] = ()
    """The page's outputs of a ``site.``/``page.`` value nothing gives: they printed nothing."""
    menus: tuple[Dropped, ...] = ()
    """The page's includes of the old site's menu, left out (the publication's contents replace it)."""
    unlooped: tuple[Dropped, ...] = ()
    """The page's ``for`` loops over a ``site.``/``page.`` value nothing gives (``tag`` is the
    value's name, a tab, and the loop's tag as written): they printed nothing."""
    unlinked: tuple[Dropped, ...] = ()
    """``{% link path %}`` tags naming a file the source folder lacks: the link's words kept."""
    contents: tuple[Dropped, ...] = ()
    """The page's includes of the old site's table of contents for the page (minimal-mistakes'
    ``{% include toc %}``), left out (every edition lists the page's headings itself)."""
    untaken: tuple[Dropped, ...] = ()
    """The page's ``if``/``unless`` tags testing a ``site.``/``page.`` value nothing gives (``tag``
    as in ``unlooped``) whose skipped branch held words: those words are left out."""


def has_liquid(text: str) -> bool:
    """The text has a tag or an output for the engine (else it is left as it is, unrun)."""
    return "{%" in text or "{{" in text


def shown_alone(text: str) -> str:
    """Liquid kept as text on a line of its own, shown: MyST's ``attrs_block`` reads a line
    of ``{% … %}`` as a block of attributes (``%`` starts its comments) and drops it, so
    ``{% include figure … %}`` that the warning says is shown vanished. Its ``{`` is
    written ``&#123;`` (the same character in Markdown and in HTML), code left alone."""
    if "{%" not in text:
        return text
    from pagesource.fences import outside_fences

    lines = text.split("\n")
    for i in outside_fences(lines):
        if "{%" in lines[i]:
            lines[i] = _TAGS_ALONE.sub(r"\1&#123;", lines[i])
    return "\n".join(lines)


def site_variables(config: Mapping[str, Any] | None, title: str = "",
                   data: Mapping[str, Any] | None = None,
                   translations: tuple[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """Jekyll's ``site`` object: ``_config.yml`` values and ``_data/`` files, URLs emptied;
    ``translations``: the site's first language and its ``_i18n/`` words, as
    jekyll-multiple-languages-plugin gave them (``site.lang``, ``site.translations``).

    Links are resolved root-relative to the page now at that place, so ``site.url`` and
    ``site.baseurl`` stand for nothing.
    """
    site: dict[str, Any] = {"title": title}
    site.update({k: v for k, v in (config or {}).items() if isinstance(k, str)})
    site["data"] = dict(data or {})
    if "collections" in site:
        site["collections"] = collection_list(site["collections"])
    if translations:
        site["lang"], site["translations"] = translations[0], {translations[0]: dict(translations[1])}
    github = github_metadata(site.get("repository"), site.get("description"))
    own = site.get("github")
    if isinstance(own, Mapping):  # the site's own `github:` values win, as the plugin merges them
        github.update({k: v for k, v in own.items() if isinstance(k, str) and k not in ("url", "baseurl")
                       and isinstance(v, (str, int, float, bool, list, dict))})
    site.update({"url": "", "baseurl": "", "github": github, OLD_ADDRESS: _old_address(config or {})})
    return site


OLD_ADDRESS = "old site address"
"""The key of ``site`` that keeps ``url`` + ``baseurl`` as Jekyll printed them: a name with
spaces, which no Liquid variable can name (:func:`embedded_site_address` reads it)."""
_OLD_ADDRESS = re.compile(r"https?://[^\s\"'<>(){}|\\^`]+\Z")


def _old_address(config: Mapping[str, Any]) -> str:
    """``https://uol-library.github.io/floorplans.library.leeds.ac.uk``, or "" when the
    site's ``url`` is no plain web address."""
    url, base = config.get("url"), config.get("baseurl")
    if not isinstance(url, str) or not _OLD_ADDRESS.match(url.strip()):
        return ""
    base = base.strip() if isinstance(base, str) else ""
    address = url.strip().rstrip("/") + ("/" + base.strip("/") if base.strip("/") else "")
    return address if _OLD_ADDRESS.match(address) else ""


EMBEDDED_SITE_URL = re.compile(
    r"(?<=[=?&])\{\{-?[ \t]*site\.url[ \t]*-?\}\}(\{\{-?[ \t]*site\.baseurl[ \t]*-?\}\})?")
"""``?iiif-content={{ site.url }}{{ site.baseurl }}``: the old site's address as a value
inside another address (a query's), not the start of a link of its own."""


def embedded_site_address(match: re.Match[str], site: Mapping[str, Any]) -> str:
    """What a :data:`EMBEDDED_SITE_URL` match printed on Jekyll: the old site's address
    (with its ``baseurl`` when the match holds it). Leeds' floor plans hand their manifests
    to viewers on other sites (``projectmirador.org/embed/?iiif-content=``), which cannot
    open ``/assets/…``; a link that starts with ``{{ site.url }}`` still leads to the page
    now at that place (``site.url`` prints nothing). The match as written when the site
    has no plain web address."""
    address = site.get(OLD_ADDRESS)
    if not isinstance(address, str) or not address:
        return match.group(0)
    if match.group(1):
        return address
    host_end = address.find("/", address.find("//") + 2)
    return address if host_end < 0 else address[:host_end]


def collection_list(declared: Any) -> list[dict[str, Any]]:
    """``_config.yml``'s ``collections:`` as Jekyll's ``site.collections``: a list of
    collections sorted by label, each its settings and ``label``. ``{{ site.collections.one }}``
    printed nothing on Jekyll (a list has no ``one``), not the settings as Python wrote them."""
    if isinstance(declared, Mapping):
        named = [(str(k), v) for k, v in declared.items() if isinstance(k, (str, int))]
    elif isinstance(declared, list):
        named = [(str(k), None) for k in declared if isinstance(k, (str, int))]
    else:
        return []
    return [{**({str(k): v for k, v in settings.items()} if isinstance(settings, Mapping) else {}), "label": name}
            for name, settings in sorted(named, key=lambda item: item[0])]


_GITHUB_USE = re.compile(r"\{\{-?\s*site\.github\.(repository_\w+|owner_\w+|issues_url|clone_url|"
                         r"releases_url|wiki_url|zip_url|tar_url|project_title)")
_GITHUB_OUTPUT = re.compile(r"\{\{-?[ \t]*site\.github\.([\w.]+)[ \t]*-?\}\}([/{#?]?)")
"""Any ``{{ site.github.x }}`` printed as it is, with what follows it (an address's path or not)."""
_ADDRESSES = ("url", "baseurl")
"""The old site's own address, empty on purpose: ``{{ site.github.url }}/about`` is a link
to the page now at that place; printed alone it is nothing."""


def _github_value(github: Any, name: str) -> Any:
    for part in name.split("."):
        github = github.get(part) if isinstance(github, Mapping) else None
    return github


def unfilled_github_lines(text: str, site: Mapping[str, Any]) -> list[tuple[int, str]]:
    """Each line of ``text`` (1-based) with a ``{{ site.github.x }}`` output that prints
    nothing here, with the value's name, each name once a line: GitHub Pages read the
    repository from git and its description from GitHub's API, which a publication's build
    does not (the repository's addresses, ``project_tagline``); the old site's own address
    (``url``) printed alone, not before a path."""
    if "site.github." not in text:
        return []
    github = site.get("github")
    found: dict[tuple[int, str], None] = {}
    for use in _GITHUB_USE.finditer(text):
        if not isinstance(github, Mapping) or github.get(use.group(1)) in (None, ""):
            found[text.count("\n", 0, use.start()) + 1, use.group(1)] = None
    for use in _GITHUB_OUTPUT.finditer(text):
        name, after = use.groups()
        if name in _ADDRESSES and after or name.split(".")[0] in _FILLED_LISTS:
            continue
        if _github_value(github, name) in (None, ""):
            found[text.count("\n", 0, use.start()) + 1, name] = None
    return sorted(found)


_FILLED_LISTS = ("contributors", "releases", "public_repositories", "organization_members")


def unfilled_github_line(text: str, site: Mapping[str, Any]) -> tuple[int, str] | None:
    """The first of :func:`unfilled_github_lines`, or None."""
    found = unfilled_github_lines(text, site)
    return found[0] if found else None


def github_message(name: str, site: Mapping[str, Any]) -> str:
    """Why ``{{ site.github.<name> }}`` prints nothing, and what to do."""
    if name in _ADDRESSES:
        return (f"`site.github.{name}` prints nothing here: it was the old site's own address, and "
                "the publication's pages are where the publication puts them. Write the words or "
                "the address it stood for")
    if name == "project_tagline":
        return ("`site.github.project_tagline` prints nothing here: GitHub Pages read it from the "
                "repository's description on GitHub, the publication from `_config.yml`'s "
                "`description:`; add `description:` to _config.yml")
    github = site.get("github")
    if isinstance(github, Mapping) and github.get("repository_nwo"):
        return (f"`site.github.{name}` prints nothing here: only GitHub's API knew it, and an "
                "edition is built offline. Write the words it stood for")
    return (f"`site.github.{name}` prints nothing here: GitHub Pages found the repository "
            "from git, the publication from `_config.yml` only; add `repository: owner/name` to "
            "_config.yml")


_EMPTY_EMPHASIS = re.compile(r"(?<![*_\w\\])(\*{1,3}|_{1,3})(\{\{-?[ \t]*site\.github\.([\w.]+)[ \t]*-?\}\})\1(?![*_\w])")


def without_empty_emphasis(text: str, site: Mapping[str, Any]) -> str:
    """``*{{ site.github.project_tagline }}*`` without its stars when the value prints
    nothing here: an emphasis of nothing printed ``**`` (the value itself is said)."""
    if "site.github." not in text:
        return text
    github = site.get("github")
    return _EMPTY_EMPHASIS.sub(lambda m: m.group(2) if _github_value(github, m.group(3)) in (None, "")
                               else m.group(0), text)


_EMPHASIS_OF_VALUE = re.compile(r"(?<![*_\w\\])(\*{1,3}|_{1,3})(\{\{[^{}\n]+\}\})\1(?![*_\w])")
_KEPT = "jekyll_compat_emphasised"


def emphasis_only_when_filled(text: str) -> str:
    """``**{{ page.owner }}**`` (outside code) printed with its stars only when the value
    prints something: with no value it printed ``****`` (the value itself is said). Liquid
    decides, on the same line: ``{% capture %}`` the value, then ``{% if %}`` it is not empty."""
    if "{{" not in text or ("*{{" not in text and "_{{" not in text):
        return text
    lines = text.split("\n")

    def kept(match: re.Match[str]) -> str:
        marks, value = match.group(1), match.group(2)
        return (f"{{% capture {_KEPT} %}}{value}{{% endcapture %}}{{% if {_KEPT} != \"\" %}}"
                f"{marks}{{{{ {_KEPT} }}}}{marks}{{% endif %}}")

    for i in outside_fences(lines):
        if "{{" in lines[i]:
            lines[i] = outside_code(lines[i], lambda part: _EMPHASIS_OF_VALUE.sub(kept, part))
    return "\n".join(lines)


_VALUE_HEADING = re.compile(r"^( {0,3}#{1,6}[ \t]+)(.*\{\{.*)$")
"""A heading holding a value; its words' trailing spaces are stripped after the match (a lazy
group before ``[ \t]*$`` tried every split of a run of spaces: quadratic, 1.2 s for 20,000)."""
_OUTPUT = re.compile(r"\{\{[^{}\n]*\}\}|\{%[^%\n]*%\}")
_HEADING_KEPT = "jekyll_compat_heading"


def headings_only_when_filled(text: str) -> str:
    """``## **{{ page.heading }}**`` (a heading of values and emphasis only, outside code)
    written only when its values print something: with none it was a heading with no words
    (DAISY Ace: empty-heading; the PDF cannot name it, so the book lost PDF/UA). The old
    site's empty heading showed nothing; the value itself is said. Same line, by Liquid."""
    if "{{" not in text or "#" not in text:
        return text
    lines = text.split("\n")
    for i in outside_fences(lines):
        match = _VALUE_HEADING.match(lines[i]) if "{{" in lines[i] else None
        if match is None or _OUTPUT.sub("", match.group(2)).strip(" \t*_#"):
            continue
        marks, words = match.group(1), match.group(2).rstrip(" \t")
        lines[i] = (f"{{% capture {_HEADING_KEPT} %}}{words}{{% endcapture %}}"
                    f"{{% assign {_HEADING_KEPT}_words = {_HEADING_KEPT} | strip | remove: \"*\" "
                    f"| remove: \"_\" %}}{{% if {_HEADING_KEPT}_words != \"\" %}}{marks}"
                    f"{{{{ {_HEADING_KEPT} }}}}{{% endif %}}")
    return "\n".join(lines)


_LIQUID_DEFINITION = re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*\{[{%][^\n]*[%}]\}[ \t]*$", re.M)
"""A link definition whose address is Liquid: an output (``{{ site.github.url }}``) or a
tag (``{% if page.x %}…{% endif %}``) that may print nothing."""
_BARE_DEFINITION = re.compile(r" {0,3}\[([^\]\n]+)\]:[ \t]*\Z")


def without_empty_definitions(source: str, rendered: str) -> tuple[str, list[tuple[int, str]]]:
    """``rendered`` with each link definition whose Liquid address printed nothing
    (``[github]: {{ site.github.url }}``) made a blank line, and those (line of ``rendered``,
    label): CommonMark took the next line (``[releases]: https://…``) as its address, which
    lost that definition too; kramdown showed ``[github]`` as its words, as now."""
    labels = {m.group(1).strip().casefold() for m in _LIQUID_DEFINITION.finditer(source)}
    if not labels:
        return rendered, []
    out, found = rendered.split("\n"), []
    for number, line in enumerate(out):
        bare = _BARE_DEFINITION.match(line) if line.endswith(":") or line[-1:] in " \t" else None
        if bare and bare.group(1).strip().casefold() in labels:
            out[number] = ""
            found.append((number + 1, bare.group(1)))
    return "\n".join(out), found


def repository_problem(value: Any) -> str:
    """Why ``_config.yml``'s ``repository:`` names no GitHub repository ('' when it does or is absent)."""
    if value is None or (isinstance(value, str) and _NWO.match(value.strip())):
        return ""
    shown = " ".join(str(value).split())[:80] if isinstance(value, (str, int, float)) else "a list or mapping"
    return (f"`repository: {shown}` names no GitHub repository, so `site.github`'s repository "
            "addresses are left empty; write it as `repository: owner/name`")


def github_metadata(repository: Any, description: Any = None) -> dict[str, Any]:
    """jekyll-github-metadata's ``site.github``, from ``repository: owner/name`` alone:
    never a network call (an edition is built offline and the same every time), so what only
    GitHub's API knows (contributors, releases, stars) is empty. ``url`` and ``baseurl`` stay
    empty as ``site.url`` does: links are resolved to the page now at that place."""
    found: dict[str, Any] = {"url": "", "baseurl": "", "hostname": "github.com",
                             "pages_hostname": "github.io", "environment": "dotcom",
                             "pages_env": "dotcom", "api_url": "https://api.github.com",
                             "help_url": "https://help.github.com", "contributors": [],
                             "releases": [], "public_repositories": [], "organization_members": []}
    if isinstance(description, str):  # the plugin's tagline is the repository's description
        found["project_tagline"] = description
    match = _NWO.match(repository.strip()) if isinstance(repository, str) else None
    if match is None:
        return found
    owner, name = match.groups()
    owner_url, repository_url = f"https://github.com/{owner}", f"https://github.com/{owner}/{name}"
    user_page = name.lower() in (f"{owner.lower()}.github.io", f"{owner.lower()}.github.com")
    found.update({
        "repository_nwo": f"{owner}/{name}", "repository_name": name, "project_title": name,
        "owner_name": owner, "owner_url": owner_url, "owner": {"login": owner, "html_url": owner_url},
        "repository_url": repository_url, "clone_url": f"{repository_url}.git",
        "issues_url": f"{repository_url}/issues", "releases_url": f"{repository_url}/releases",
        "wiki_url": f"{repository_url}/wiki", "zip_url": f"{repository_url}/zipball/HEAD",
        "tar_url": f"{repository_url}/tarball/HEAD", "is_user_page": user_page,
        "is_project_page": not user_page,
        "project_tagline": description if isinstance(description, str) else ""})
    return found


def relative_includes(text: str, page: Path, srcdir: Path) -> dict[str, Path]:
    """The files a page's ``{% include_relative name %}`` tags read, by name as written.

    As Jekyll: a path below the page's own folder (no ``..``, not absolute); and never a
    file outside the source folder, a symlink out of it included, nor the page itself, nor
    a hidden file (``.env``; ``.git/config`` holds a CI checkout's token: ``safety.paths``). A
    name that breaks a rule is left out: its tag stays text, and the page is warned.
    """
    found: dict[str, Path] = {}
    if "include_relative" not in text:
        return found
    root = Path(os.path.realpath(srcdir))
    for name in dict.fromkeys(_INCLUDE_RELATIVE.findall(text)):
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or not parts:
            continue
        real = Path(os.path.realpath(page.parent.joinpath(*parts)))
        try:
            is_file = real.is_file()
        except OSError:  # a name or path too long for the file system (errno 36): no file
            continue
        if root in real.parents and is_file and real != Path(os.path.realpath(page)) \
                and hidden_part(real, root) is None:  # `.env`, `.git/config`: never printed
            found[name] = real
    return found


_TRANSLATE_FILE = re.compile(r"\{%-?\s*(?:translate_file|tf)\s+([\w./-]+)")

I18N = "_i18n"


def translated_files(text: str, srcdir: Path, lang: str) -> dict[str, Path]:
    """The files a page's jekyll-multiple-languages-plugin ``{% translate_file about.md %}``
    (or ``{% tf %}``) tags read in language ``lang``: ``_i18n/<lang>/about.md``, by that path.
    Never a name with ``..`` or a file outside ``_i18n/<lang>/`` (a symlink out included)."""
    found: dict[str, Path] = {}
    if "translate_file" not in text and "tf" not in text:
        return found
    folder = Path(os.path.realpath(srcdir / I18N / lang))
    for name in dict.fromkeys(_TRANSLATE_FILE.findall(text)):
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or not parts:
            continue
        real = Path(os.path.realpath(folder.joinpath(*parts)))
        try:
            is_file = real.is_file()
        except OSError:  # a name or path too long for the file system (errno 36): no file
            continue
        if folder in real.parents and is_file:
            found[f"{I18N}/{lang}/{name}"] = real
    return found


def read_included(path: Path) -> str | None:
    """The text of an included file, or None (not UTF-8, too long, unreadable)."""
    try:
        if path.stat().st_size > 4 * MAX_INCLUDED:
            return None
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return text if len(text) <= MAX_INCLUDED else None
