"""Old URLs keep working: plan the redirect pages and write them as static HTML.

Plain Python. Sources of redirects, all resolved to one list:

- the old addresses a page answered on the Jekyll site (``jekyll_compat.meaning``), and
  the address Jekyll itself gave it (``jekyll_urls``: a collection's permalink pattern, or
  ``/a/b/`` with ``permalink: pretty``);
- a page that is only a redirect on the Jekyll site (no chapter: page order keeps it out
  of the outline), and where it points; a redirecting landing page of a section is built
  (it names its section), and its old addresses lead where it points;
- the site-wide ``site_redirects = {"old/path": "new/page"}`` in ``conf.py``.

Each redirect is a small HTML file at the old place: a meta refresh and a visible link,
both relative so the site works under any base path, and a canonical link to the target.
A page's own redirect to another site is a notice with a link the reader follows, never
an automatic one (:attr:`Kind.EXTERNAL`); ``site_redirects`` may send readers on.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jekyll_compat.meaning import (is_redirect_page, not_addresses, old_addresses, permalink,
                                   redirect_key, redirect_target)
from jekyll_compat.urls import collection_path, files_for, page_path

from publication.atomic import write_if_changed
from safety import urls
from safety.filetypes import SERVER_SETTINGS

from .sitefiles import standalone_page


def _as_written(value: Any) -> str:
    """A front-matter value as YAML writes it (`{a: b}`), not as Python does (`{'a': 'b'}`)."""
    import yaml

    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10**6)
    text = text.strip().removesuffix("...").strip()
    return text if len(text) <= 80 else text[:79] + "…"


WARNING_TYPE = "redirect"


class Kind(enum.Enum):
    """What can be wrong with a redirect; each value is a warning subtype of ``redirect``."""

    TARGET_MISSING = "target-missing"
    """``redirect_to`` (or a ``redirects`` value) names no page of the site, or is absent."""

    COLLISION = "collision"
    """The old address is a page that is still built: no redirect may replace it."""

    DUPLICATE = "duplicate"
    """Two redirects claim one old address for different targets; the first one stays."""

    EXTERNAL = "external"
    """A page's ``redirect_to`` names another site: the City's address would send every
    reader there by itself (what phishing does with an open redirect), on the word of one
    page's front matter. The old address shows a notice with a link to it instead; a move
    meant by the publication is written in ``conf.py``'s ``site_redirects``, which redirects,
    and the publisher's own hosts (``site_redirect_hosts``, the site's own) are no other site."""

    TEXT_LOST = "text-lost"
    """A page that only redirects has words of its own below its front matter: Jekyll's
    redirect page showed none of them and no edition publishes the page, so they are lost
    unless moved to the page it leads to."""

    INVALID = "invalid"
    """The old address cannot be a file of the site: a control character, a name too long
    for the file system, or a folder where a page (or another redirect) is a file
    (``/a.html/`` beside ``a.html``)."""


GENERATED = {"search.html": "the site's search page", "genindex.html": "the site's index page",
             "404.html": "the page for missing addresses", "robots.txt": "robots.txt",
             "sitemap.xml": "the sitemap", "searchindex.js": "the search index",
             "objects.inv": "Sphinx's inventory", ".buildinfo": "Sphinx's build record",
             "passages.json": "the passages' ids", "passage-history.json": "the passages' history"}
"""Files the site generates, which no redirect may replace (``_*/`` folders are the theme's)."""
GENERATED_FOLDERS = {"editions": "in the editions' folder", "cite": "in the citation files' folder",
                     "changes": "in the folder of the What changed pages"}
"""Folders whose files the site generates (the books, their checksums, frozen releases; the
``.bib``/``.ris``/``.json`` files; a page per version), so no redirect may be written in them."""
MAX_NAME_BYTES = 240
MAX_PATH_BYTES = 1000
"""An old address's longest path: the file system's 4,096 bytes hold the build folder too, and
``os.makedirs`` makes one folder per call in a call (``a/`` 3,000 times: "File name too long"
stopped the site with a traceback)."""


def generated(source: str) -> tuple[str, str] | None:
    """What the site generates at ``source`` or at a folder it needs, and its name there: a
    redirect ``sitemap.xml/index.html`` would make the sitemap a folder."""
    parts = source.split("/")
    for depth in range(1, len(parts) + 1):
        name = "/".join(parts[:depth])
        if name in GENERATED:
            return GENERATED[name], name
    if parts[0].startswith("_"):
        return "a file of the theme", source
    if len(parts) > 1 and parts[0] in GENERATED_FOLDERS:
        return GENERATED_FOLDERS[parts[0]], parts[0] + "/"
    return None


def unwritable(source: str, files: set[str]) -> str | None:
    """Why the redirect file ``source`` cannot be written beside the site's ``files``."""
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in source):
        return "has a control character"
    if len(source.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        return f"is longer than {MAX_PATH_BYTES} bytes, more than a file's path may be"
    if found := sorted(set(source) & set('<>"|?*:\\')):
        return (f"holds {', '.join(repr(c) for c in found)}, which Windows and many web hosts do not "
                "allow in a file name (a site holding it cannot be copied there): write the old "
                "address without them (a `redirect_from:` value, a post's category)")
    parts = source.split("/")
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in parts):
        return f"has a name longer than {MAX_NAME_BYTES} bytes"
    # `/.htaccess` made a folder `.htaccess/`: Apache found no settings file there and refused
    # every address of the site; Jekyll never published a name starting with `.`
    if hidden := next((part for part in parts if part.startswith(".")
                       or part.removesuffix(".html").lower() in SERVER_SETTINGS), None):
        return (f"has the name '{hidden.removesuffix('.html')}', which web servers keep for their "
                "settings (.htaccess, web.config) or do not serve (a name starting with '.')")
    for depth in range(1, len(parts)):
        folder = "/".join(parts[:depth])
        if folder in files:
            return f"needs a folder '{folder}/', but '{folder}' is a file of the site"
    if any(f.startswith(source + "/") for f in files):
        return f"is a folder of the site ('{source}/')"
    return None


_OPENERS = re.compile(r"(?=(<!--|<|\{%|\{\{))")
_CLOSERS = {"<!--": "-->", "<": ">", "{%": "%}", "{{": "}}"}
_WORD = re.compile(r"\w[\w'’-]*")


def _without_markup(text: str) -> str:
    """``text`` with each comment (to its end, or the text's), Liquid tag or output and
    HTML tag a space. In one pass: the pattern it replaced read every ``{%``, ``{{`` or ``<``
    never closed to the end of the text, once each (600 KB of them: minutes). A closer
    once found missing is missing for every later opener of its kind."""
    out, pos = [], 0
    next_closer: dict[str, int | None] = {}
    for opener in _OPENERS.finditer(text):
        start, kind = opener.start(), opener.group(1)
        if start < pos:
            continue
        closer, after = _CLOSERS[kind], start + len(kind)
        at = next_closer.get(closer, -1)
        if at is not None and at < after:
            found = text.find(closer, after)
            at = next_closer[closer] = found if found != -1 else None
        if at is None and kind != "<!--":
            continue
        out += [text[pos:start], " "]
        pos = len(text) if at is None else at + len(closer)
    return "".join(out) + text[pos:] if out else text


def own_words(body: str) -> tuple[int, int]:
    """``(words, line)``: how many words a redirect page's body says to a reader and the
    body line (from 0) of the first; Liquid, tags and comments are no words."""
    words = _WORD.findall(_without_markup(body))
    if not words:
        return 0, 0
    first = next((n for n, line in enumerate(body.splitlines())
                  if _WORD.search(_without_markup(line))), 0)
    return len(words), first


def text_lost_message(words: int, target: str, target_found: bool) -> str:
    """What a redirect page's own words become, and what to do."""
    count = f"{words} word{'s' if words != 1 else ''}"
    if not target:
        why = "it is `layout: redirect` without `redirect_to:`, so it is not built"
    elif target_found:
        why = f"it only redirects (to '{target[:200]}'), so no edition publishes it"
    else:
        why = f"it redirects to '{target[:200]}', which is no page of this site, so no edition publishes it"
    move = "move the text to the page it leads to" if target_found else \
        "lead `redirect_to:` to a page of this site and move the text there"
    return (f"the page's text ({count} from here on) is lost: {why}; {move}, or remove "
            "`redirect_to:` to publish the page")


@dataclass(frozen=True)
class Redirect:
    """An old place (a file under the site's root) that sends readers to ``target``."""

    source: str       # e.g. "projects/old/index.html"
    target: str       # a docname, or an absolute URL
    origin: str       # the docname whose front matter asked for it, or "conf.py"
    external: bool = False
    notice: bool = False  # another site a page named: a link to follow, no automatic redirect


@dataclass(frozen=True)
class Problem:
    origin: str
    kind: Kind
    message: str
    key: str | None = None  # the front-matter key it is about, when not one of meaning.KEYS

    @property
    def subtype(self) -> str:
        return self.kind.value


WHOLE_PAGE = ""
""":attr:`Problem.key` of a problem with the page as a whole (said at its first line)."""


class Resolver:
    """Turn what an author wrote (``/projects/x/``, ``x.html``, ``x``, a URL) into a target."""

    def __init__(self, docnames: Iterable[str], permalinks: Mapping[str, str]):
        self.docnames = set(docnames)
        self.by_file = {f: d for old, d in permalinks.items() for f in files_for(old)}

    def __call__(self, value: str) -> tuple[str, bool] | None:
        """``(docname, False)``, ``(url, True)`` for an outside URL, or ``None``.

        Jekyll addressed a collection's pages as ``/<collection>/<path>/`` (the City's
        ``redirect_to: /projects/atxfloods/about/overview``): when the collection's folders
        were copied to the top, with no page under ``<collection>/``, ``<path>`` is meant.
        """
        if value.lower().startswith(("http://", "https://", "//", "mailto:")):  # schemes know no case
            return value, True
        found = self.page(value)
        if found is None and (inside := collection_path(page_path(value), self.docnames)) is not None:
            found = self.page("/" + inside.lstrip("/") + ("/" if value.rstrip().endswith("/") else ""))
        return (found, False) if found is not None else None

    def page(self, value: str) -> str | None:
        if urlsplit(value.strip()).netloc:  # "//x/" names a host, not the home page
            return None
        bare = page_path(value)
        for candidate in (bare, f"{bare}/index" if bare else "index"):
            if candidate in self.docnames:
                return candidate
        for path in files_for(value):
            if path in self.by_file:
                return self.by_file[path]
        return None


def landing_leads_there(origin: str, source: str, target: str, landings: set[str],
                        page_file: Callable[[str], str]) -> bool:
    """Whether the old address is a redirecting section landing's own address and its
    target a page of that section.

    Jekyll sent a reader of ``/projects/atxfloods/`` on to the project's first page; the
    publication keeps the landing there, as the section's page that lists that first page:
    the address still answers and leads where it led. Said as a collision, every project
    of the City's old site failed a strict build with a warning no edit could answer."""
    if origin not in landings or page_file(origin) != source:
        return False
    folder = origin.removesuffix("/index").removesuffix("index")
    return target.startswith(folder + "/") if folder else True


def plan(front: Mapping[str, Mapping[str, Any]], published: Iterable[str],
         site_map: Mapping[str, str], page_file: Callable[[str], str],
         jekyll_urls: Mapping[str, str] | None = None,
         own_hosts: Iterable[str] = ()) -> tuple[list[Redirect], list[Problem]]:
    """Every redirect the site needs, and what was wrong on the way.

    ``front`` is every page's front matter, ``published`` the pages that are built,
    ``page_file`` the output file of a page (``definition`` -> ``definition.html``),
    ``jekyll_urls`` the address each page had on an old Jekyll site (its collection's
    permalink, or ``/a/b/`` with ``permalink: pretty``), which redirects to it;
    ``own_hosts`` the publisher's own hosts (with their subdomains), which a page may
    redirect to: any other site gets a notice (:attr:`Kind.EXTERNAL`).
    """
    published = set(published)
    jekyll_urls = jekyll_urls or {}
    permalinks = {url: d for d, url in jekyll_urls.items() if d in published}
    permalinks.update({p: d for d, f in front.items() if (p := permalink(f)) is not None and d in published})
    resolve = Resolver(published, permalinks)
    wanted: list[tuple[str, str, str]] = []   # (old path, target as written, origin)
    problems: list[Problem] = []

    for docname in sorted(front):
        data = front[docname]
        for key, value in not_addresses(data):
            problems.append(Problem(docname, Kind.INVALID, f"`{key}` holds `{_as_written(value)}`, "
                                    "which is no address; write each old address as text, e.g. "
                                    "`/old-page/` (no redirect is written for it)"))
        if is_redirect_page(data) and docname in published:
            # A section's landing that redirects: built as the section's page (it names and
            # orders the section), while its old addresses lead to where Jekyll sent them.
            target = redirect_target(data)
            olds = old_addresses(data)
            if f"{docname}/index" not in published:  # its Jekyll address with `permalink: pretty`
                olds.append(jekyll_urls.get(docname, f"/{docname}/"))
            wanted += [(old, target or docname, docname) for old in olds]
        elif is_redirect_page(data):
            if data.get("published") is False:
                continue  # Jekyll wrote no page for it, so no old address to keep
            target = redirect_target(data)
            if not target:
                problems.append(Problem(docname, Kind.TARGET_MISSING,
                                        "`layout: redirect` without `redirect_to:`; add "
                                        "`redirect_to: /new/place/` (the page is not built)"))
                continue
            wanted.append((page_file(docname), target, docname))
            olds = old_addresses(data) + ([jekyll_urls[docname]] if docname in jekyll_urls else [])
            wanted += [(old, target, docname) for old in olds]
        elif docname in published:
            olds = old_addresses(data)
            if docname in jekyll_urls and permalink(data) is None:
                olds.append(jekyll_urls[docname])
            wanted += [(old, docname, docname) for old in olds]
    wanted += [(old, new, "conf.py") for old, new in sorted(site_map.items())]

    pages = {page_file(d) for d in published} if wanted else set()  # only old addresses need it
    landings = {d for d in published if is_redirect_page(front.get(d, {}))}
    chosen: dict[str, Redirect] = {}
    told: set[tuple[str, str]] = set()
    own = {(url, d) for url, d in permalinks.items()}
    permalink_of: set[str] = set()  # the redirect files a page's own permalink wrote
    # A page's own address first: another page's `redirect_from` of it loses, whatever the
    # pages' names (18F's contact page redirected from /hire/, the page whose permalink it is).
    wanted = sorted(dict.fromkeys(wanted), key=lambda w: (w[0], w[2]) not in own or w[1] != w[2])
    for old, target, origin in wanted:  # a permalink that is also the Jekyll URL: once
        found = resolve(target)
        if found is None:
            problems.append(Problem(origin, Kind.TARGET_MISSING,
                                    f"redirect target '{target}' is no page of this site; "
                                    "write a page path like '/folder/page/' or a full URL",
                                    redirect_key(front.get(origin, {}))))
            continue
        resolved, external = found
        notice = external and origin != "conf.py" and not is_own(resolved, own_hosts)
        if notice and (origin, resolved) not in told:
            told.add((origin, resolved))
            key = redirect_key(front.get(origin, {})) or "redirect_to"
            problems.append(Problem(origin, Kind.EXTERNAL, external_message(resolved, key), key))
        clash = next(filter(None, map(generated, files_for(old))), None)
        if clash:
            problems.append(Problem(origin, Kind.COLLISION, f"the old address '{old[:80]}' is "
                                    f"{clash[0]} ('{clash[1]}'); no redirect is written there"))
            continue
        for source in files_for(old):
            why_not = unwritable(source, pages | set(chosen))
            if why_not:
                said = Problem(origin, Kind.INVALID, f"the old address {old[:80]!r} "
                               f"{why_not}; no redirect is written for it")
                if said not in problems:  # a name both its files have (`.htaccess.html`, `.htaccess/`)
                    problems.append(said)
                continue
            if source in pages:
                if not external and page_file(resolved) == source:
                    continue   # the permalink is the page's own address: nothing to do
                if not external and landing_leads_there(origin, source, resolved, landings, page_file):
                    continue
                problems.append(Problem(origin, Kind.COLLISION,
                                        f"the old address '{old}' is a page of this site "
                                        f"('{source}'); no redirect is written there"))
                continue
            redirect = Redirect(source, resolved, origin, external, notice)
            previous = chosen.setdefault(source, redirect)
            if previous is redirect and (old, origin) in own and target == origin:
                permalink_of.add(source)
            if previous.target != redirect.target and jekyll_urls.get(origin) == old and target == origin:
                problems.append(Problem(origin, Kind.DUPLICATE, f"this page and the page "
                                        f"'{previous.target}' were both published at '{old}' on the "
                                        "old site, where one replaced the other; the address now leads "
                                        f"to '{previous.target}'. Rename one of the two, or give this "
                                        "page a `permalink:` of its own", WHOLE_PAGE))
            elif previous.target != redirect.target:
                whose = (f"is the address of the page '{previous.target}' (its permalink)"
                         if source in permalink_of else
                         f"already redirects to '{previous.target}' (from {previous.origin})")
                problems.append(Problem(origin, Kind.DUPLICATE, f"the old address '{old}' "
                                        f"{whose}; this redirect is ignored"))
    return sorted(chosen.values(), key=lambda r: r.source), problems


def host_of(url: str) -> str:
    """The host a browser goes to: ``\\`` read as ``/`` first, so the host of
    ``https://evil.example\\@austintexas.gov/`` is ``evil.example`` (``urlsplit`` alone read
    ``austintexas.gov``, and the page redirected readers to evil.example by itself)."""
    try:
        return (urlsplit(urls.as_browsers_read(url)).hostname or "").rstrip(".")
    except ValueError:
        return ""


def is_own(url: str, hosts: Iterable[str]) -> bool:
    """The address is on one of ``hosts`` or a subdomain of one (``www.austintexas.gov``
    under ``austintexas.gov``), as a browser reads its host (:func:`host_of`)."""
    host = host_of(url)
    return bool(host) and any(host == own or host.endswith("." + own)
                              for own in (h.lower().strip().strip(".") for h in hosts) if own)


def external_message(target: str, key: str = "redirect_to") -> str:
    """What a page's redirect to another site does now, and how to redirect on purpose
    (``key``: the front-matter key the page wrote it under)."""
    host = host_of(target) or target
    return (f"`{key}: {target[:200]}` would send every reader of this page's address to "
            f"another site ({host[:100]}) by itself: its old addresses show a notice with a link "
            "to it instead. If the move is meant, name it in conf.py (`site_redirects`, or its "
            "host in `site_redirect_hosts`), where the publication's settings are reviewed; else "
            f"point `{key}` at a page of this site")


def with_home(planned: list[Redirect], root_doc: str, page_file: Callable[[str], str]) -> list[Redirect]:
    """A site's address must answer: when the landing page is not ``index`` (a folder of
    pages without one), ``index.html`` leads to it, unless something else already is there."""
    home = "index.html"
    if page_file(root_doc) == home or any(r.source == home for r in planned):
        return planned
    return sorted([*planned, Redirect(home, root_doc, "conf.py")], key=lambda r: r.source)


def page_html(href: str, canonical: str, title: str, language: str = "en",
              notice: bool = False, script: str = "", title_language: tuple[str, str] | None = None,
              words: Callable[[str], str] = str) -> str:
    """A redirect page: instant meta refresh, canonical link, and a link a person can follow;
    for a ``notice`` (another site a page named), only the link, said to lead elsewhere.
    ``script``: the site's ``redirect.js`` from here, which keeps the address's ``#part``
    (a meta refresh drops it: a passage's link landed at the top of the moved page).
    ``title_language``: the (tag, direction) of a page in another language than the site's:
    its title in the link is marked so, as a screen reader reads "مقاييس" in Arabic.
    ``words``: the chrome's words in ``language`` (a translation's build: Sphinx's ``_``)."""
    href, canonical, plain = escape(href), escape(canonical), escape(title)
    title = plain if title_language is None else \
        f'<span lang="{escape(title_language[0])}" dir="{escape(title_language[1])}">{plain}</span>'
    if notice:
        link = f'<a href="{href}" rel="nofollow noopener">{title}</a>'
        body = (f'<h1>{escape(words("This page has moved to another site"))}</h1>\n'
                f'<p>{words("It is now at {link}, which is not this site.").format(link=link)}</p>')
        return standalone_page(words("Moved to another site: {title}").format(title=plain), body, language, "")
    head = (f'<link rel="canonical" href="{canonical}">\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n')
    if script:
        head += f'<script src="{escape(script)}"></script>\n'  # after the meta it reads
    link = f'<a href="{href}">{title}</a>'
    body = (f'<h1>{escape(words("This page has moved"))}</h1>\n'
            f'<p>{words("It is now at {link}.").format(link=link)}</p>')
    return standalone_page(words("Moved: {title}").format(title=plain), body, language, head)


def write(redirects: Iterable[Redirect], outdir: Path, href: Callable[[Redirect], str],
          canonical: Callable[[Redirect], str], title: Callable[[Redirect], str],
          language: str = "en",
          title_language: Callable[[Redirect], tuple[str, str] | None] = lambda r: None,
          words: Callable[[str], str] = str) -> None:
    """Write each redirect page under ``outdir``, its words in ``language`` by ``words``."""
    for redirect in redirects:
        script = "../" * redirect.source.count("/") + "_static/redirect.js"
        write_if_changed(outdir / redirect.source, page_html(
            href(redirect), canonical(redirect), title(redirect), language,
            notice=redirect.notice, script="" if redirect.external else script,
            title_language=title_language(redirect), words=words).encode())
