"""Sphinx extension: build the City's old Jekyll pages as they are.

Thin glue around plain modules: :mod:`.preprocess` rewrites each page's text before MyST
parses it (Liquid resolved or dropped, kramdown leftovers removed, lines kept), a
post-transform sends root-relative links (``/projects/x/y/``) to the page now at that
place, and a page's Jekyll ``date`` is shown under its title. Jekyll's other front-matter
keys are accepted quietly (MyST keeps them as metadata). Redirects (``permalink``,
``redirect_from``, ``redirect_to``) are made elsewhere.

Problems are warnings of type ``jekyll``, one subtype each (see :class:`Subtype`), with
the file and line, so ``-W`` fails the build and ``suppress_warnings`` can silence one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import io
import logging as logging_std
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from html import unescape as html_unescape
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import changes
import pagesource
import pagesource.suffixes
import pagesource.titles
import publication
import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.nodes import get_node_line

from publication.logfilters import add_once
from rawhtml.sanitize import unlink
from safety.names import shown
from safety.urls import picture_name

from . import assets as jekyll_assets
from . import (callout_boxes, callouts, collections, contents_list, defaults, footnote_rule, frontdata,
               ghpages, inplace, jemoji, kramdown, layouts, leftout, liquid, menus, paginator, polyglot, posts,
               posts_list, theme_includes, titles, urls)
from .filenames import local_file, missing_file_advice
from .meaning import is_redirect_page
from .preprocess import as_html, preprocess
from .typography import KramdownTypography

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__version__ = "1.0.0"

logger = logging.getLogger(__name__)

WARNING_TYPE = "jekyll"
_URLS = "jekyll_compat.old_urls"  # a changes.KEYS memory, shared by the builders
_LISTED = 8  # dropped Liquid tags named in a page's one warning; the rest are counted


class Subtype(enum.Enum):
    """What went wrong with a Jekyll page. Every value is a warning subtype of ``jekyll``."""

    LIQUID = "liquid"
    """Liquid the engine cannot run (an unknown tag or filter, a syntax error) is kept as
    text (one warning per file, naming each with its line)."""

    ADDRESS_WORDS = "address-words"
    """A link's web address goes on after a space (``[x](https://a.gov/page; see also)``, a
    ``)`` missing): kramdown hid the words in the address; the link goes to the address up
    to the space, and the words are shown after it."""

    HASH_HEADING = "hash-heading"
    """``#Community``: a heading's ``#`` with no space after it. Under ``markdown: redcarpet``
    (which read it as a heading) it is made ``# Community``; under kramdown, which showed
    it as text, it stays text. Either way it is said, with the space to add."""

    LINK = "link"
    """A root-relative link leads to no page (its text is kept, without the link); or a
    ``{% link path %}`` names a file the source folder does not have (Jekyll stopped there)."""

    EMPTY_VALUE = "empty-value"
    """The page prints a ``site.`` or ``page.`` value that nothing gives (``{{ site.email }}``
    with no ``email:`` in ``_config.yml``): it prints nothing, as Jekyll did, leaving a gap
    in the sentence. Values Jekyll filled itself (``site.url``, ``page.date``) are not said.
    So is a ``for`` loop over such a value (``site.data.releases``, which the jekyll_get
    plugin fetched while the old site was built): its section is empty."""

    DATE = "date"
    """The front-matter ``date`` is not a date, so none is shown."""

    COMMENT = "comment"
    """A kramdown ``{::comment}`` is never closed; the text after it is published."""

    FRONT_MATTER = "front-matter"
    """Front-matter data no edition shows (lists of titled links are shown instead)."""

    TABLE_CELLS = "table-cells"
    """A table row has more cells than its table has columns: the Markdown reader would
    drop the extra cells (kramdown showed them), so their words are kept in the last one."""

    NESTING = "nesting"
    """A list or quote is nested deeper than the Markdown reader follows; it is flattened."""

    FOLDER = "folder"
    """A top ``_folder/`` of pages (an unpublished collection) is not read: rename it
    without ``_``. (A collection Jekyll published, and the posts, are read where they are;
    a ``_``-folder below the top, which Jekyll never published either, is said as
    information, as the drafts are.)"""

    COLLECTION_CLASH = "collection-clash"
    """A document of a collection would have the page name another page already has."""

    NO_FRONT_MATTER = "no-front-matter"
    """On an old Jekyll site a Markdown file without front matter is a file, not a page."""

    POST_NAME = "post-name"
    """A file in ``_posts/`` is no post the publication reads (its name has no date, or no
    real one, or it is not Markdown), so it is left out."""

    POST_RENAMED = "post-renamed"
    """A post's file name has characters no page's file or address can hold (``?``, ``#``,
    ``%``, ``:``, ``*``, ``"``, ``<``, ``>``, ``|``, ``\\``): it is published under its name
    with each run of them a ``-`` (Jekyll's own slug of it), its old address leading there."""

    POST_FUTURE = "post-future"
    """A post dated after the edition's date is left out, as Jekyll does without ``future: true``."""

    TIMEZONE = "timezone"
    """``_config.yml``'s ``timezone`` is no time zone: the posts' dates are taken as written."""

    LAYOUT = "layout"
    """A page with no text of its own was made by its old layout (``_layouts/NAME.html``):
    the layout's words are quoted, or its scripts named, so the text can be written into
    the page (the publication shows no layouts). Or its Liquid wrote it from ``site`` data
    the old build fetched (``site.contentful.page``), which the pages' folder lacks: named."""

    SITE_VALUE = "site-value"
    """A ``_config.yml`` value that would name the publication cannot (a ``title:`` or
    ``name:`` longer than 300 characters, a ``description:`` longer than 2,000, a list): it
    is not used, and the publication keeps the name its ``CITATION.cff`` gives. Also an entry
    of ``markdown_ext:`` that is no file suffix, or names files that are not Markdown
    (``html``, ``yml``): those files are not read as pages. Also a ``repository:`` that is
    no GitHub ``owner/name``: ``site.github``'s repository addresses are left empty; and a
    page's ``{{ site.github.repository_url }}`` on a site that names no repository (GitHub
    Pages read it from git): it prints nothing."""

    PULL_QUOTE = "pull-quote"
    """A pull quote's avatar (``<img class="pquote-avatar">``), a picture on another site,
    is left out (it would be a link named by its description); its description said more
    than that it is an avatar, and those words are not shown."""

    SITE_FILE = "site-file"
    """``_config.yml`` or a ``_data/`` file cannot be read (not valid YAML, or aliases that
    expand to millions of values): the old site's values in it are not used."""


def home_page(app: Sphinx, srcdir: Path) -> str | None:
    """``pageorder-landing-page``: on an old Jekyll site, the page whose ``permalink`` is
    ``/`` was the site's home (academicpages' ``_pages/about.md``), at the top, in a folder
    ``include:`` names or in a published collection (18F's guides keep every page, the home
    among them, in a ``pages`` collection), or in any other folder of pages (18F's
    federalist templates: ``pages/home.md``); the first such page in that order, then in
    file order."""
    if not (srcdir / "_config.yml").is_file():
        return None
    site = jekyll_config(srcdir)
    markdown = markdown_suffixes(srcdir)
    html = pagesource.suffixes.HTML in app.config.source_suffix
    folders = [("", ""), *sorted(inplace.published_collections(srcdir, site).items())]
    for folder, name in folders:
        for path in sorted((srcdir / folder).glob("*.*")):
            if found := _home_address(path, markdown, html):
                return f"{name}/{found}" if name else found
    for folder, name in folders[1:]:  # Santa Monica's `_pages/index/index.html`
        for path in _below(srcdir / folder):
            if found := _home_address(path, markdown, html):
                inner = path.parent.relative_to(srcdir / folder).as_posix()
                return "/".join(part for part in (name, inner, found) if part)
    from sphinx.util.matching import Matcher

    excluded = Matcher(list(app.config.exclude_patterns))
    suffixes = pagesource.suffixes.spellings(markdown) + ((pagesource.suffixes.HTML,) if html else ())
    for relative in sorted(leftout._files(srcdir, excluded, suffixes),
                           key=lambda r: (r.count("/"), r)):
        if "/" in relative and (found := _home_address(srcdir / relative, markdown, html)):
            return f"{relative.rsplit('/', 1)[0]}/{found}"
    return None


def _below(folder: Path, depth: int = 4) -> list[Path]:
    """The files in ``folder``'s subfolders (not its own), shallower first, then by path;
    never in a ``_``- or ``.``-folder (Jekyll read none) nor through a symbolic link."""
    found: list[Path] = []
    layer = [folder]
    for _ in range(depth):
        layer = sorted(sub for parent in layer for sub in parent.iterdir()
                       if sub.is_dir() and not sub.is_symlink() and not sub.name.startswith(("_", ".")))
        found += [path for sub in layer for path in sorted(sub.glob("*.*"))]
    return found


def _home_address(path: Path, markdown: tuple[str, ...], html: bool) -> str | None:
    """``path``'s name without its suffix when it is a page whose ``permalink`` is ``/``."""
    if not (pagesource.suffixes.is_page(path.name, markdown)
            or (html and pagesource.suffixes.is_html_page(path))):
        return None
    if path.is_symlink() or not path.is_file():
        return None
    try:
        data = pagesource.read(path).data
    except OSError:
        return None
    if data.get("permalink") not in ("/", "/index.html") or data.get("published") is False:
        return None
    return path.name.removesuffix(pagesource.suffixes.HTML) if path.name.endswith(
        pagesource.suffixes.HTML) else pagesource.suffixes.stem(path.name, markdown)


def markdown_suffixes(srcdir: Path) -> tuple[str, ...]:
    """The suffixes read as Markdown in ``srcdir`` (lower case): Jekyll's, and those its
    ``_config.yml``'s ``markdown_ext:`` adds (:func:`pagesource.suffixes.site_suffixes`)."""
    value = jekyll_config(srcdir).get("markdown_ext")
    return pagesource.suffixes.markdown(pagesource.suffixes.site_suffixes(value)[0] if value else ())


def read_the_sites_markdown_suffixes(app: Sphinx, config: Any) -> None:
    """``config-inited``, before anyone looks for pages: the suffixes an old site's
    ``markdown_ext:`` names (``"md,rmd"``) are read as Markdown too; an entry that cannot be
    (``html``, or no suffix at all) is said at its line and not read."""
    srcdir = Path(app.srcdir)
    if not (srcdir / "_config.yml").is_file():
        return
    value = jekyll_config(srcdir).get("markdown_ext")
    added, refused = pagesource.suffixes.site_suffixes(value)
    for why in refused:
        warn(f"`markdown_ext:` in _config.yml {why}", f"{srcdir / '_config.yml'}:"
             f"{_line_of(srcdir / '_config.yml', 'markdown_ext')}", Subtype.SITE_VALUE)
    if added:
        config.source_suffix.update(pagesource.suffixes.source_suffix(added))


def leave_out_what_jekyll_did_not_publish(app: Sphinx, config: Any) -> None:
    """``config-inited``: on an old Jekyll site (a ``_config.yml`` beside the pages), what
    ``exclude:`` lists was never published, and a Markdown file without front matter was
    copied as a file, not published as a page: so here too (each one said), before the
    landing page is chosen."""
    srcdir = Path(app.srcdir)
    if not (srcdir / "_config.yml").is_file():
        return
    site = jekyll_config(srcdir)
    found = leftout.exclusions(srcdir, site, config.exclude_patterns,
                               inplace.published_collections(srcdir, site), markdown_suffixes(srcdir))
    for name in found.error_pages:
        logger.info("%s: the old site's page for missing addresses; the publication writes its "
                    "own 404.html", srcdir / name)
    found = _published_by_github_pages(srcdir, site, config, found)
    config.exclude_patterns = [*config.exclude_patterns, *found.all]
    read_pages_written_in_html(srcdir, config, inplace.published_collections(srcdir, site))
    _say_copied_html(srcdir, config)
    files = found.static_files
    included = _included_beside_pages(srcdir, markdown_suffixes(srcdir)) if files else set()
    for relative in files:
        if os.path.realpath(srcdir / relative) in included:
            logger.verbose("%s: no page; its text is shown where a page includes it "
                        "({%% include_relative %%})", srcdir / relative)
            continue
        late = next((problem for problem in pagesource.read(srcdir / relative).problems
                     if problem.kind is pagesource.Kind.NOT_FIRST), None)
        if late is not None:  # `assets---` above it: a front matter is there, but not read
            warn(f"'{relative}' has a front matter that does not start on line 1 with `---` alone "
                 f"(it opens on line {late.line}), so the old Jekyll site copied it as a file and "
                 "did not publish it as a page; it is left out. To publish it, make its first "
                 "line exactly `---`", f"{srcdir / relative}:{late.line}", Subtype.NO_FRONT_MATTER)
            continue
        below = pagesource.front_matter_further_down(pagesource.read(srcdir / relative).lines)
        if below is not None:  # 48 lines of notes, then its `---` block: no front matter to Jekyll
            warn(f"'{relative}' has its front matter block at lines {below[0]}-{below[1]}, not at the "
                 "top of the file, so the old Jekyll site read no front matter, copied it as a file "
                 "and did not publish it as a page; it is left out. To publish it, move that block "
                 "(from its `---` to its `---`) to line 1", f"{srcdir / relative}:{below[0]}",
                 Subtype.NO_FRONT_MATTER)
            continue
        warn(f"'{relative}' has no front matter, so the old Jekyll site copied it as a file and "
             "did not publish it as a page; it is left out. To publish it, start it with front "
             "matter (`---`, `title: ...`, `position: ...`, `---`)", f"{srcdir / relative}:1",
             Subtype.NO_FRONT_MATTER)


COPIED_HTML_SAID = 20
"""The copied HTML files named one by one; past them, one warning counts the rest (a
folder of vendored documents would otherwise fill the log)."""


def _say_copied_html(srcdir: Path, config: Any) -> None:
    """``about.html`` without front matter: Jekyll copied it and its readers read its words
    at ``/about.html``; the publication publishes no HTML file, so it is named."""
    from sphinx.util.matching import Matcher

    copied = leftout.copied_html(srcdir, Matcher(list(config.exclude_patterns)))
    for one in copied[:COPIED_HTML_SAID]:
        markdown = one.relative.removesuffix(".html") + ".md"
        warn(f"'{one.relative}' has no front matter, so the old Jekyll site copied it as it was "
             f"and its readers read it at its address (\"{one.words}\"); the publication "
             "publishes no HTML file, which could run scripts, so it is left out. To publish its "
             f"words, write them as a page (`{markdown}`, starting with front matter: `---`, "
             "`title: ...`, `---`), or remove the file", f"{srcdir / one.relative}:1",
             Subtype.NO_FRONT_MATTER)
    if len(copied) > COPIED_HTML_SAID:
        rest = copied[COPIED_HTML_SAID:]
        warn(f"{len(rest)} more HTML files without front matter are left out as the ones above "
             f"(e.g. '{rest[0].relative}'): write the words that matter as pages, or remove them",
             f"{srcdir / rest[0].relative}:1", Subtype.NO_FRONT_MATTER)


def _published_by_github_pages(srcdir: Path, site: Mapping[str, Any], config: Any,
                               found: leftout.Exclusions) -> leftout.Exclusions:
    """``found`` without the Markdown files GitHub Pages published although they have no
    front matter (:mod:`.ghpages`): on such a site they are pages here too, and a
    ``README.md`` at the top of a site without an index is its home (conf.py leaves a
    repository's notes out)."""
    if not found.static_files:
        return found
    from sphinx.util.matching import Matcher

    markdown = markdown_suffixes(srcdir)
    excluded = Matcher(list(config.exclude_patterns))
    every = leftout._files(srcdir, excluded, (*pagesource.suffixes.spellings(markdown), ".html"))
    underscored = Matcher([p for p in config.exclude_patterns if p not in ("_*", "**/_*")])
    every_page_bare = not _any_page_with_front_matter(srcdir, underscored, markdown)
    if not ghpages.publishes_bare_markdown(srcdir, site, every_page_bare):
        return found
    pages = [relative for relative in found.static_files if ghpages.published(relative, every)]
    readme = ghpages.README
    if (srcdir / readme).is_file() and readme in config.exclude_patterns \
            and ghpages.readme_lands(readme, every):
        config.exclude_patterns = [p for p in config.exclude_patterns if p != readme]
    return dataclasses.replace(found, static_files=tuple(f for f in found.static_files if f not in pages))


def _any_page_with_front_matter(srcdir: Path, excluded: Any, markdown: tuple[str, ...]) -> bool:
    """Whether any Markdown file of the site has front matter, in a ``_``-folder (a
    collection, the posts) too, but for Jekyll's own folders; links not followed."""
    endings = pagesource.suffixes.spellings(markdown)
    for folder, dirs, files in os.walk(srcdir):
        base = Path(folder).relative_to(srcdir).as_posix()
        prefix = "" if base == "." else base + "/"
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in leftout.MACHINERY
                   and not excluded(prefix + d) and not os.path.islink(os.path.join(folder, d))]
        if any(name.endswith(endings) and leftout.has_front_matter(Path(folder, name)) for name in files):
            return True
    return False


def read_pages_written_in_html(srcdir: Path, config: Any, read_in_place: Iterable[str]) -> None:
    """On an old Jekyll site with pages written in HTML (``contact.html``, front matter then
    HTML: Jekyll ran their Liquid and published them), ``.html`` is read as a page's suffix
    too: after its Liquid, MyST reads it as HTML blocks only (``preprocess(html_page=True)``),
    and so is a post written in HTML. The project takes
    only those files for pages (``safety.project``: every other ``.html`` file stays a
    file); the site's own ``404.html`` and ``search.html`` are left out, since the
    publication writes its own."""
    from sphinx.util.matching import Matcher

    excluded = Matcher(list(config.exclude_patterns))
    found = bool(leftout.html_pages(srcdir, excluded))
    for folder in sorted(read_in_place):  # `_pages/`, a collection: read in place, HTML too
        if not found and (srcdir / folder).is_dir() and not (srcdir / folder).is_symlink():
            found = bool(leftout.html_pages(srcdir / folder, lambda relative, f=folder: excluded(f"{f}/{relative}")))
    if not found:  # a post written in HTML (`_posts/2020-01-05-news.html`) is one too
        found = bool(posts.find(srcdir, (pagesource.suffixes.HTML,), excluded).posts)
    replaced = [name for name in leftout.REPLACED if pagesource.suffixes.is_html_page(srcdir / name)]
    for name in replaced:
        logger.info("%s: the old site's %s", srcdir / name, leftout.REPLACED[name])
    if not found:
        return
    config.source_suffix[pagesource.suffixes.HTML] = "markdown"
    config.exclude_patterns = [*config.exclude_patterns, *replaced]


def _included_beside_pages(srcdir: Path, markdown: tuple[str, ...]) -> set[str]:
    """The real paths of the files pages read with ``{% include_relative %}``."""
    found: set[str] = set()
    endings = pagesource.suffixes.spellings(markdown)
    for folder, _, files in os.walk(srcdir):  # one walk for every suffix (links not followed, as rglob)
        for page in (Path(folder, name) for name in files if name.endswith(endings)):
            try:
                text = page.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            found.update(str(path) for path in liquid.relative_includes(text, page, srcdir).values())
    return found


TITLE_LIMIT, DESCRIPTION_LIMIT = 300, 2000
"""The longest ``title:``/``name:`` and ``description:`` of ``_config.yml`` that name the
publication (a title on a cover, in every page's head and in each citation)."""


def _one_line(value: Any, limit: int = TITLE_LIMIT) -> str:
    """A ``_config.yml`` value as one line of words, its HTML comments left out (a note to
    editors, which jekyll-seo-tag's escaped title had shown as typed)."""
    text = " ".join(pagesource.titles.without_comments(value).split()) if isinstance(value, str) else ""
    return text if 0 < len(text) <= limit and not _unprintable(text) else ""


def _unprintable(text: str) -> bool:
    """A control character (``"\\0"``, ``"\\x01"``: YAML's escapes write them), which no
    XML holds: in the publication's name it made the ePub unreadable (EPUBCheck's fatal)."""
    return bool(publication.safety_problems({"title": text}))


def _say_unused_site_value(config: Path, site: dict[str, Any], key: str, limit: int) -> None:
    """A ``_config.yml`` value that would name the publication and cannot: said at its line."""
    value = site.get(key)
    if value is None or _one_line(value, limit):
        return
    if isinstance(value, str) and not value.strip():
        return
    if isinstance(value, str) and _unprintable(" ".join(value.split())):
        why, fix = "has a control character, which no edition can hold", "remove it"
    elif isinstance(value, str):
        why = (f"is {len(' '.join(value.split()))} characters long, more than the {limit} a "
               f"publication's {'description' if key == 'description' else 'title'} may have")
        fix = ("shorten it (the rest can go in `description:`)" if key != "description"
               else "shorten it")
    else:
        why, fix = "is not text", f"write it as text, e.g. `{key}: City of Austin Open Data`"
    used = ("the publication's summary is the one its CITATION.cff gives" if key == "description"
            else "the publication keeps the title its CITATION.cff gives")
    warn(f"`{key}:` in _config.yml {why}, so it is not used: {used}; {fix}",
         f"{config}:{_line_of(config, key)}", Subtype.SITE_VALUE)


TITLE_KEYS = ("title", "name", "site_title", "topnav_title")
"""Where an old site's ``_config.yml`` names it: ``title``, jekyll-now's ``name``,
documentation-theme-jekyll's ``site_title`` and ``topnav_title``."""


_PLACEHOLDER_HOST = re.compile(
    r"(?:www\.)?(?:your[-_]?(?:domain|site|website|blog|name|url)|my[-_]?(?:domain|site|website)|domain"
    r"|username|user|yourusername|your[-_]?github[-_]?username)\.(?:com|org|net|github\.io)"
    r"|(?:[\w-]+\.)*(?:example|test|invalid|localhost)|(?:[\w-]+\.)*example\.(?:com|org|net)"
    r"|localhost|127\.0\.0\.1|0\.0\.0\.0", re.I)
"""Addresses a theme's ``_config.yml`` ships for its user to replace (``http://yourdomain.com``,
``https://username.github.io``, ``example.com``, RFC 2606's reserved names, this machine)."""


def placeholder_address(url: str) -> bool:
    """``url`` (``http://yourdomain.com``) names no real site: a starter's placeholder."""
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return bool(_PLACEHOLDER_HOST.fullmatch(host))


def site_metadata(app: Sphinx, srcdir: Path) -> dict[str, str] | None:
    """``publication-pages-metadata``: an old Jekyll site without a ``CITATION.cff`` of its
    own is published under its own name, description and address (``_config.yml``), not
    under the name of the publication whose tools build it."""
    if not (srcdir / "_config.yml").is_file():
        return None
    site = jekyll_config(srcdir)
    said = {"title": next((title for key in TITLE_KEYS if (title := _one_line(site.get(key)))), ""),
            "abstract": _one_line(site.get("description"), DESCRIPTION_LIMIT)}
    for key, limit in (*((key, TITLE_LIMIT) for key in TITLE_KEYS), ("description", DESCRIPTION_LIMIT)):
        if key == "title" or key == "description" or not said["title"]:
            _say_unused_site_value(srcdir / "_config.yml", site, key, limit)
    if not said["title"] and not any(key in site for key in TITLE_KEYS):
        said["title"] = _home_page_title(srcdir)
    url = site.get("url").strip() if isinstance(site.get("url"), str) else ""
    base = site.get("baseurl") if isinstance(site.get("baseurl"), str) else ""
    if base.strip().startswith(("https://", "http://")) and " " not in base.strip():
        # Hack for LA: `baseurl: "https://akibrhast.github.io/website"`, `url:` the same
        whole, base = base.strip(), site_baseurl(srcdir)
        warn(f"`baseurl:` in _config.yml is {whole[:200]!r}, a whole web address, not the path "
             f"the site was served under after `url:`, so it is not joined to `url:`; the site's "
             f"address is taken as {(whole.rstrip('/') + '/')[:200]!r} and its path as "
             f"{(base or '/')[:200]!r}: write `url:` as the address and `baseurl:` as the path "
             "(e.g. url: https://example.org, baseurl: /website)",
             f"{srcdir / '_config.yml'}:{_line_of(srcdir / '_config.yml', 'baseurl')}",
             Subtype.SITE_VALUE)
        url = whole.split("://", 1)[0] + "://" + whole.split("://", 1)[1].split("/", 1)[0]
    if url.startswith(("https://", "http://")) and " " not in url and " " not in base:
        address = url.rstrip("/") + "/" + base.strip("/") + ("/" if base.strip("/") else "")
        if publication.safety_problems({"url": address}):
            warn(f"`url:` in _config.yml (with `baseurl:`) makes {address[:200]!r}, not a web "
                 "address (it holds a control character, a quote or an angle bracket), so it is "
                 "not used: the publication keeps the address its CITATION.cff gives; write the "
                 "site's address as a browser shows it",
                 f"{srcdir / '_config.yml'}:{_line_of(srcdir / '_config.yml', 'url')}",
                 Subtype.SITE_VALUE)
        elif placeholder_address(url):
            warn(f"`url:` in _config.yml is {url[:200]!r}, a theme's placeholder, not the site's "
                 "address, so it is not used: the publication keeps the address its CITATION.cff "
                 "gives; write the site's address as a browser shows it",
                 f"{srcdir / '_config.yml'}:{_line_of(srcdir / '_config.yml', 'url')}",
                 Subtype.SITE_VALUE)
        else:
            said["url"] = address
    elif url:
        warn(f"`url:` in _config.yml is {url[:200]!r}, not a web address (https://…), so it is "
             "not used: the publication keeps the address its CITATION.cff gives; write the "
             "site's address as a browser shows it",
             f"{srcdir / '_config.yml'}:{_line_of(srcdir / '_config.yml', 'url')}", Subtype.SITE_VALUE)
    return {key: value for key, value in said.items() if value} or None


def _home_page_title(srcdir: Path) -> str:
    """The ``title:`` of the site's top ``index`` page, for a ``_config.yml`` that names
    nothing: jekyll-seo-tag put it in the browser's tab (the UC Davis Library's California
    Counties), where the publication put the name of its tools' own project."""
    for suffix in (*pagesource.suffixes.spellings(markdown_suffixes(srcdir)), pagesource.suffixes.HTML):
        path = srcdir / f"index{suffix}"
        if path.is_file() and not path.is_symlink():
            title = _one_line(pagesource.read(path).data.get("title"))
            if title:
                return title
    return ""


def read_collections_in_place(app: Sphinx) -> None:
    """``builder-inited``, before Sphinx looks for pages: the collections the old site
    published (``_projects/``) are read where they are, as ``projects/...``, and its posts
    (``_posts/2016-09-08-welcome.md``) as ``posts/2016-09-08-welcome``.

    Sphinx's project is replaced by one that also finds those documents (the same object
    for the application and the environment, its maps taken over); nothing changes on a
    site without such a collection or posts."""
    srcdir = Path(app.srcdir)
    folders = inplace.published_collections(srcdir, jekyll_config(srcdir))
    with_posts = bool(_posts_found(app).posts)
    if not folders and not with_posts:
        return
    project = inplace.CollectionsProject(app.srcdir, app.config.source_suffix, folders, with_posts)
    project.restore(app.project)
    app.project = app.env.project = project


def collections_read_as_pages(app: Sphinx) -> dict[str, str] | None:
    """``safety-folders-read-as-pages``: the published collections' ``_``-folders, read in
    place (:func:`read_collections_in_place`), are no hidden pages."""
    project = app.project
    return dict(project.collections) if isinstance(project, inplace.CollectionsProject) else None


def _posts_found(app: Sphinx) -> posts.Found:
    """The site's posts, non-posts and drafts, looked for once per build (kept on the builder)."""
    from sphinx.util.matching import Matcher

    found = getattr(app.builder, "jekyll_posts_found", None)
    if found is None:
        found = posts.find(Path(app.srcdir), app.config.source_suffix, Matcher(list(app.config.exclude_patterns)))
        app.builder.jekyll_posts_found = found  # type: ignore[attr-defined]
    return found


def post_settings(srcdir: Path) -> posts.Settings:
    """What the posts' dates and addresses depend on: ``_config.yml`` and the edition's date."""
    return posts.settings(jekyll_config(srcdir), os.environ.get("SOURCE_DATE_EPOCH"))


def front_matter_defaults(srcdir: Path, path: Path | str) -> dict[str, Any]:
    """What ``_config.yml``'s ``defaults:`` give the page at ``path``, and its collection's
    ``order:`` its ``position`` (its own front matter wins over them:
    :func:`defaults.with_defaults`); empty on a site without them."""
    return defaults_of(srcdir)(path)


def defaults_of(srcdir: Path) -> Callable[[Path | str], dict[str, Any]]:
    """:func:`front_matter_defaults` for the pages of one site, ``_config.yml`` looked at
    once: a rebuild asks for every page's, three times (page order, redirects, old
    addresses), and a site without ``defaults:`` then costs nothing per page."""
    site = jekyll_config(srcdir)
    rules = site.get("defaults")
    published = inplace.published_collections(srcdir, site)
    ordered = collections.ordered_positions(site, published)
    if not isinstance(rules, list) and not ordered:
        return lambda path: {}
    root = os.path.realpath(srcdir)
    inside = os.path.join(root, "")

    def of(path: Path | str) -> dict[str, Any]:
        real = os.path.realpath(path)
        if not real.startswith(inside):
            return {}
        relative = real[len(inside):].replace(os.sep, "/")
        found = defaults.values_for(rules, relative, defaults.page_type(relative, published))
        if relative in ordered and "position" not in found:
            found = {**found, "position": ordered[relative]}  # the collection's `order:`
        return found
    return of


def menu_places(srcdir: Path, paths: Mapping[str, Path]) -> tuple[dict[str, int], dict[str, str]]:
    """What the old site's menu (:mod:`menus`: ``_data/navigation.yml`` or a theme's other
    menu file) says of the pages of ``paths``, found by the addresses Jekyll gave them:
    ``{docname: its place}`` and ``{docname: the title of the menu group listing it}``;
    both empty on a site without one."""
    data = srcdir / "_data"
    found = sorted((path for path in _data_files(srcdir) if _inside(path, srcdir)
                    and menus.is_menu_file(path.relative_to(data).as_posix())),
                   key=lambda path: (not path.name.lower().startswith("navigation"), path))
    listed = [_read_yaml(path, path.stat().st_mtime) for path in found]
    for path in (data / "docs.yml", data / "docs.yaml"):  # named docs: menus.DOCS_MENU
        if path.is_file() and _inside(path, srcdir) and \
                (named := menus.docs_menu(_read_yaml(path, path.stat().st_mtime))) is not None:
            listed.append(named)
    if not any(listed):
        return {}, {}
    site = jekyll_config(srcdir)
    given = defaults_of(srcdir)
    fronts = {docname: _with_defaults(given(path), pagesource.read(path).data)
              for docname, path in paths.items()}
    def file_of(docname: str) -> str:
        """The page's file from the site's folder; "" for a page the build wrote elsewhere
        (pageorder's generated contents page or landing), which is no collection's file."""
        path = Path(paths[docname])
        return path.relative_to(srcdir).as_posix() if path.is_relative_to(srcdir) else ""
    table = urls.old_urls(fronts, baseurl=site_baseurl(srcdir),
                          collection_urls=collections.collection_urls(site, paths, file_of))
    site_url = site.get("url") if isinstance(site.get("url"), str) else ""

    def page_of(link: str) -> str | None:
        link = urls.on_site(link, site_url) or link if site_url else link
        found = urls.resolve(link, table, site_baseurl(srcdir)) if urls.is_site_path(link) else None
        return found[0] if found else None
    return menus.ranks(listed, page_of), menus.group_titles(listed, page_of)


LANGUAGE_KEYS = ("lang", "locale")
"""How Jekyll's themes name a language: minima and jekyll-seo-tag ``lang``, minimal-mistakes
``locale``."""


def site_languages(srcdir: Path) -> list[tuple[Any, int]]:
    """Every ``lang:``/``locale:`` that ``_config.yml`` gives pages (its own, its
    ``defaults:``'), each with its line, to be checked once rather than on every page."""
    site = jekyll_config(srcdir)
    sources = [site, *(rule["values"] for rule in _language_rules(site))]
    path = srcdir / "_config.yml"
    return [(source[key], _line_of_value(path, key, source[key]))
            for source in sources for key in LANGUAGE_KEYS if source.get(key) not in (None, "")]


def language_given(srcdir: Path, path: Path | str) -> Any:
    """The language ``_config.yml`` gives the page at ``path`` when its front matter names
    none: its ``defaults:``' ``lang:``/``locale:``, else the site's own, which Jekyll's
    themes write on every page's ``<html lang>``; None when it gives none."""
    site = jekyll_config(srcdir)
    given = defaults_of(srcdir)(path) if _language_rules(site) else {}
    for key in LANGUAGE_KEYS:
        if given.get(key) not in (None, ""):
            return given[key]
    if (languages := polyglot.settings(site)) is not None:  # `es/about.md`, `default_lang`
        try:
            relative = Path(path).resolve().relative_to(srcdir.resolve()).as_posix()
        except ValueError:
            relative = Path(path).name
        if (found := polyglot.language_of(languages, relative, {})) is not None:
            return found
    for key in LANGUAGE_KEYS:
        if site.get(key) not in (None, ""):
            return site[key]
    return layout_language(srcdir)


_HTML_LANG = re.compile(r"""<html\b[^<>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)["'\s>]""", re.I)


def layout_language(srcdir: Path) -> str | None:
    """The language ``_layouts/default.html`` writes on its ``<html lang="es-419">``, which
    Jekyll gave every page (tdf-actividades names it nowhere else); None when it names none
    or prints it from Liquid (``{{ site.lang }}``)."""
    try:
        text = (srcdir / "_layouts" / "default.html").read_text(encoding="utf-8", errors="replace")[:20000]
    except OSError:
        return None
    found = _HTML_LANG.search(text)
    return found.group(1) if found else None


def _language_rules(site: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rules = site.get("defaults")
    return [rule for rule in rules if isinstance(rule, Mapping) and isinstance(rule.get("values"), Mapping)
            and any(rule["values"].get(key) not in (None, "") for key in LANGUAGE_KEYS)
            ] if isinstance(rules, list) else []


def _line_of_value(path: Path, key: str, value: Any) -> int:
    """The line of ``key: value`` in a YAML file, at any depth (1 when it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    wanted = re.compile(rf"\s*(?:-\s*)?{key}\s*:\s*[\"']?{re.escape(str(value))}[\"']?\s*(?:#.*)?$")
    return next((i for i, line in enumerate(lines, 1) if wanted.fullmatch(line)), _line_of(path, key))


def post_at(srcdir: Path, path: Path, site: posts.Settings | None = None) -> posts.Post | None:
    """The Jekyll post in the file ``path`` (under ``srcdir``), or None when it is no post."""
    try:
        relative = Path(path).resolve().relative_to(srcdir.resolve()).as_posix()
    except ValueError:
        return None
    if not posts.is_post_path(relative):
        return None
    source = pagesource.read(Path(path))
    data, lines = (source.data, source.key_lines) if source.front_matter_valid else ({}, {})
    data = defaults.with_defaults(data, front_matter_defaults(srcdir, path))
    return posts.read(relative, data, lines, site or post_settings(srcdir))


def posts_of(app: Sphinx, docnames: Any) -> dict[str, posts.Post]:
    """``{docname: post}`` for the pages among ``docnames`` that are Jekyll posts."""
    srcdir = Path(app.srcdir)
    if not getattr(app.project, "with_posts", False):
        return {}
    site = post_settings(srcdir)
    found = {}
    for docname in sorted(docnames):
        post = post_at(srcdir, Path(app.env.doc2path(docname)), site)
        if post is not None:
            found[docname] = post
    return found


def say_what_is_wrong_with_posts(app: Sphinx, env: BuildEnvironment, added: set[str],
                                 changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``, before page order leaves out unpublished posts: each post's
    problems (a date in the future, a date that is none), with its line."""
    found = posts_of(app, env.found_docs)
    if found:
        site = post_settings(Path(app.srcdir))
        if site.zone_problem:
            config = Path(app.srcdir) / "_config.yml"
            warn(f"{site.zone_problem}, so the posts' dates are taken as written; write a zone "
                 "name such as `timezone: America/Chicago`", f"{config}:{_line_of(config, 'timezone')}",
                 Subtype.TIMEZONE)
    for docname, post in found.items():
        for note in post.notes:
            warn(note.message, (docname, note.line), Subtype(note.kind))
    return []


def _defaults_published_line(path: Path) -> int:
    """The line of the first indented ``published:`` in ``_config.yml`` (1 when none)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if re.match(r"\s+published\s*:", line)), 1)


def _line_of(path: Path, key: str) -> int:
    """The line of a top-level ``key:`` in a YAML file (1 when it cannot be found)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    return next((i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)


def _file_of(env: BuildEnvironment, docname: str) -> str:
    """A page's file from the site's folder, as ``/``-path."""
    return Path(env.doc2path(docname, False)).as_posix()


def old_site_urls(app: Sphinx, docnames: Any) -> dict[str, str]:
    """``{docname: the URL Jekyll gave it}`` where that is not its file's place now: a
    collection's permalink pattern, ``permalink: pretty``, and each post's permalink."""
    srcdir = Path(app.srcdir)
    config = jekyll_config(srcdir)
    found = posts_of(app, docnames)
    addresses = collections.jekyll_urls(config, [d for d in docnames if d not in found],
                                        functools.partial(_file_of, app.env))
    site = post_settings(srcdir)
    addresses.update({docname: posts.url(post, site) for docname, post in found.items()})
    if (languages := polyglot.settings(config)) is not None:  # `_posts/ko/…` at `/ko/2023/…`
        for docname, address in addresses.items():
            path = Path(app.env.doc2path(docname))
            source = pagesource.read(path)
            front = source.data if isinstance(source.data, dict) else {}
            addresses[docname] = polyglot.localized(
                languages, polyglot.language_of(languages, _file_of(app.env, docname), front), address)
    return addresses


def polyglot_addresses(srcdir: Path, path: Path | str, front: Mapping[str, Any]) -> Mapping[str, Any]:
    """The page's front matter with its ``permalink`` and ``redirect_from`` where
    jekyll-polyglot published them: ``/es/about/`` for a Spanish twin of ``/about/``
    (:mod:`.polyglot`); as it is on any other site."""
    languages = polyglot.settings(jekyll_config(srcdir))
    if languages is None:
        return front
    try:
        relative = Path(path).resolve().relative_to(srcdir.resolve()).as_posix()
    except ValueError:
        return front
    return polyglot.localized_front(languages, relative, front)


def old_site_aliases(app: Sphinx, docnames: Any) -> dict[str, list[str]]:
    """``{docname: more addresses the old site may have had}``: a post's address as a build
    in UTC (GitHub Pages) gave it, where the day its own time zone says is another
    (:func:`.posts.utc_url`); each leads to the page as its old address does."""
    site = post_settings(Path(app.srcdir))
    return {docname: [other] for docname, post in posts_of(app, docnames).items()
            if (other := posts.utc_url(post, site))}


def say_which_collection_pages_clash(app: Sphinx, env: BuildEnvironment, added: set[str],
                                     changed: set[str], removed: set[str]) -> list[str]:
    """``env-get-outdated``, once the pages are found: a collection's document that would
    take another page's name is left out, and said."""
    for clash in getattr(env.project, "clashes", ()):
        warn(f"'{clash.path.as_posix()}' would be the page '{clash.docname}', which "
             f"'{clash.other.as_posix()}' already is, so it is not published: rename or move "
             "one of the two files", f"{Path(app.srcdir) / clash.path}:1", Subtype.COLLECTION_CLASH)
    return []


def say_other_languages(srcdir: Path, config: Mapping[str, Any], first: Path) -> None:
    """jekyll-multiple-languages-plugin's ``_i18n/``: the publication is in the first of
    ``languages:``, whose words its ``{% t %}`` and ``{% translate_file %}`` tags read; the
    others' words are in no edition, said once at their file, with the way to publish them."""
    lang = first_language(config)
    others = [str(other) for other in config.get("languages") or () if isinstance(other, str) and other != lang]
    where = next((srcdir / liquid.I18N / name for other in others for name in (f"{other}.yml", other)
                  if (srcdir / liquid.I18N / name).exists()), None)
    shown = ", ".join(f"'{liquid.I18N}/{other}/'" for other in others) or "none"
    if where is not None and where.is_dir():
        where = next((p for p in sorted(where.rglob("*")) if p.is_file()), first)
    warn(f"'{liquid.I18N}/' holds jekyll-multiple-languages-plugin's translations: the publication is "
         f"in the site's first language, '{lang}', whose words '{liquid.I18N}/{lang}.yml' and "
         f"'{liquid.I18N}/{lang}/' give its {{% t %}} and {{% translate_file %}} tags; the other "
         f"languages' ({shown}) are in no edition. To publish them, translate the pages with "
         "`make translations` (their catalogs in 'locales/<language>/')",
         f"{where or first}:1", Subtype.FOLDER)


def say_what_is_not_read(app: Sphinx) -> None:
    """``builder-inited``: what the old site published and the publication does not read."""
    srcdir = Path(app.srcdir)
    from safety.problems import WARNING_TYPE as SECURITY, Kind as Refused

    for path in site_files_outside(srcdir):
        logger.warning(f"'{path.relative_to(srcdir).as_posix()}' is a link to "
                       f"{os.path.realpath(path)}, outside the source folder, so it is not read; "
                       "copy the file into the source folder instead of linking to it",
                       location=f"{path}:1", type=SECURITY, subtype=Refused.FILE_OUTSIDE.value)
    say_unreadable_site_files(srcdir)
    read_in_place = set(getattr(app.project, "collections", {}))
    if (published := defaults.unreadable_published(jekyll_config(srcdir).get("defaults"))) is not None:
        config = srcdir / "_config.yml"
        shown_value = f'"{published}"' if isinstance(published, str) else " ".join(str(published).split())[:60]
        warn(f"`defaults:` give pages `published: {shown_value}`, which is no true or false: the "
             "old site published those pages (Jekyll reads any value but false as yes), and so does "
             "the publication; write `published: true` or `published: false` without quotes",
             f"{config}:{_defaults_published_line(config)}", Subtype.SITE_VALUE)
    if problem := liquid.repository_problem(jekyll_config(srcdir).get("repository")):
        config = srcdir / "_config.yml"
        warn(problem, f"{config}:{_line_of(config, 'repository')}", Subtype.SITE_VALUE)
    markdown = markdown_suffixes(srcdir)
    broken = _unreadable_config_line(srcdir)
    for gone in leftout.left_out(srcdir, jekyll_config(srcdir), markdown):
        if gone.folder in read_in_place or gone.folder == posts.POSTS:  # posts: said below
            continue
        plain = gone.folder.lstrip("_")
        if broken:  # the `collections:` that published it may be in the file not read
            warn(f"'{gone.folder}/' holds {gone.pages} page(s) that are not published: "
                 f"'_config.yml' cannot be read (line {broken}), so a collection it may declare "
                 f"for this folder is not known. Fix '_config.yml', or rename the folder "
                 f"'{plain}/'", f"{gone.first}:1", Subtype.FOLDER)
            continue
        if gone.folder == liquid.I18N and isinstance(languages := jekyll_config(srcdir).get("languages"), list):
            say_other_languages(srcdir, jekyll_config(srcdir), gone.first)
            continue
        what = ""
        if gone.published:
            what = f" (the old Jekyll site published them: its '{plain}' collection)"
        elif listing := layouts.listing_page(srcdir, plain, _top_pages(srcdir, markdown)):
            page, layout = listing  # Berkeley's about.md listed `site.staff`: the same advice
            section = page[:-len("/index")] if page.endswith("/index") else page
            warn(f"'{gone.folder}/' holds {gone.pages} page(s) that are not published: a folder "
                 f"whose name starts with '_' is never read, and the old site showed them only on "
                 f"'{shown_page(srcdir, page)}' (its layout `{layout}` listed `site.{plain}`). Rename it "
                 f"'{section}/' to publish them as that page's section (each then needs a title and "
                 "position)", f"{gone.first}:1", Subtype.FOLDER)
            continue
        warn(f"'{gone.folder}/' holds {gone.pages} page(s) that are not published{what}: a "
             f"folder whose name starts with '_' is never read. Rename it '{plain}/' to publish "
             "them (a page in it then needs a title and position)", f"{gone.first}:1", Subtype.FOLDER)
    from sphinx.util.matching import Matcher

    # every `_`-folder is excluded (conf.py's `**/_*`): the patterns that say more are the user's
    chosen = Matcher([p for p in app.config.exclude_patterns if not Matcher([p])("a/_b")])
    for gone in leftout.nested_left_out(srcdir, {*read_in_place, posts.POSTS}, chosen, markdown):
        # a draft the author hid as Jekyll would (projects/_pilot/): said, not warned
        plain = gone.folder.rsplit("/", 1)[-1].lstrip("_")
        _say_once(f"{gone.first}:1: '{gone.folder}/' holds {gone.pages} page(s) that are not "
                  "published: a folder whose name starts with '_' is never read, and Jekyll did "
                  f"not publish it either. Rename it '{plain}/' to publish them")
    found = _posts_found(app)
    for relative in found.not_posts:
        warn(posts.not_a_post_message(relative), f"{shown(str(srcdir / relative))}:1",
             Subtype.POST_NAME)
    if found.drafts:  # the author's "not yet", like `published: false`: said, not warned
        _say_once(f"{srcdir / found.drafts[0]}:1: "
                  + drafts_message(found.drafts, jekyll_config(srcdir).get("show_drafts") is True))

_SAID: set[str] = set()


def _say_once(message: str) -> None:
    """Information, not a warning, said once per process: ``make all`` builds three
    editions in one, and each would say it again."""
    if message not in _SAID:
        _SAID.add(message)
        logger.info(message)


def drafts_message(drafts: tuple[str, ...], show_drafts: bool) -> str:
    """Why the drafts are not published. ``show_drafts: true`` made Jekyll publish them; an
    edition of record publishes no drafts, so it is said once that it is not followed."""
    what = (f"'{drafts[0]}' is a draft" if len(drafts) == 1 else
            f"{len(drafts)} drafts ('{drafts[0]}', ...) are drafts")
    if show_drafts:
        return (f"{what}; _config.yml says `show_drafts: true`, but an edition of record publishes "
                "no drafts, so it is not published; to publish a draft, move it into _posts/ and "
                "name it YYYY-MM-DD-title.md")
    return (f"{what}, which Jekyll publishes only with --drafts, so it is not published; to "
            "publish a draft, move it into _posts/ and name it YYYY-MM-DD-title.md")


def warn(message: str, location: Any, subtype: Subtype) -> None:
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype.value)


_YAML = pagesource.whole_text_loader(yaml.SafeLoader)


class _SiteYAML(_YAML):  # type: ignore[misc,valid-type]
    """A site file's YAML, dates read as Jekyll read them, and one no calendar has
    (``launched: 2020-02-30``) kept as the text it is, with its line: YAML's error for it has
    no line, and it left every other value of ``_config.yml`` out."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.impossible: list[tuple[int, str]] = []


def _site_timestamp(loader: _SiteYAML, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        loader.impossible.append((node.start_mark.line + 1, node.value))
        return node.value


_SiteYAML.add_constructor("tag:yaml.org,2002:timestamp", _site_timestamp)


SITE_FILE_VALUES = 1_000_000
"""Values a site file's aliases may expand to: a 400-byte ``_config.yml`` of nine levels of
anchors ("billion laughs") stood for 10⁹ and took 65 s and 6 GB before it was refused."""


TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}
"""``_data/`` tables Jekyll read as a list of rows, each a mapping from the header row's
names to the row's text (``{% for m in site.data.members %}{{ m.name }}``)."""


def _read_table(text: str, delimiter: str) -> tuple[Any, str | None, int]:
    """A ``_data/`` CSV or TSV file as Jekyll read it (its header row names the columns).

    An empty cell is nil, as Ruby's CSV reads it, so ``{% if color.primary %}`` skips the
    rows that leave it empty ("" is true in Liquid); Ruby kept a quoted ``""`` as "", which
    Python's reader cannot tell apart: it is nil here too."""
    import csv

    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""),
                            delimiter=delimiter)
    try:
        return [{key: value or None for key, value in row.items() if isinstance(key, str)}
                for row in reader], None, 1
    except csv.Error as error:
        return None, str(error), reader.line_num or 1


def _read_yaml(path: Path, mtime: float) -> Any:
    """A YAML (or JSON) file of the old site; None when it cannot be read."""
    return _read_site_file(path, mtime)[0]


@functools.lru_cache(maxsize=64)
def _read_site_file(path: Path, mtime: float) -> tuple[Any, str | None, int, tuple[tuple[int, str], ...]]:
    """(data, why it cannot be read, at which line, the (line, text) of each date no calendar
    has, kept as text): the build says so at ``builder-inited`` (:func:`say_unreadable_site_files`);
    the page count before Sphinx starts reads it first."""
    from safety.paths import not_a_file

    if why := not_a_file(path):
        return None, why, 1, ()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return None, f"it cannot be opened: {error.strerror or error}", 1, ()
    if path.suffix in TABLE_SUFFIXES:
        return (*_read_table(text, TABLE_SUFFIXES[path.suffix]), ())
    try:
        pagesource.check_depth(_SiteYAML, text)
        loader = _SiteYAML(text)
        try:
            node = loader.get_single_node()
            if node is not None and "*" in text and \
                    pagesource.expanded_size(node, SITE_FILE_VALUES) > SITE_FILE_VALUES:
                raise pagesource.TooLarge(f"its aliases (`*name`) expand to more than "
                                          f"{SITE_FILE_VALUES:,} values", node.start_mark)
            data = loader.construct_document(node) if node is not None else None
            return data, None, 1, tuple(loader.impossible)
        finally:
            loader.dispose()
    except (yaml.YAMLError, ValueError, RecursionError) as error:  # ValueError: 5,000 digits
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        why = (getattr(error, "problem", None) if isinstance(error, pagesource.TooLarge)
               else pagesource.yaml_in_plain_words(error)) or "not valid YAML"
        return None, why, mark.line + 1 if mark else 1, ()


def _unreadable_config_line(srcdir: Path) -> int | None:
    """The line where ``_config.yml`` stops being readable; None when it reads (or is absent).
    usds.gov's stray ``- name:`` item lost its ``collections:``, and each ``_``-folder then
    looked like a folder Jekyll never published."""
    config = srcdir / "_config.yml"
    if not config.is_file() or not _inside(config, srcdir):
        return None
    _, why, line, _ = _read_site_file(config, config.stat().st_mtime)
    return line if why else None


def unreadable_config(srcdir: Path) -> tuple[int, str] | None:
    """(line, why) where ``_config.yml`` stops being readable; None when it reads or is absent:
    the page count before Sphinx starts names it when the pages its ``collections:`` may have
    published are all the folder has (idmanagement.gov's ``url: {{ site.baseurl }}/…``)."""
    config = srcdir / "_config.yml"
    if not config.is_file() or not _inside(config, srcdir):
        return None
    _, why, line, _ = _read_site_file(config, config.stat().st_mtime)
    return (line, why) if why else None


def say_unreadable_site_files(srcdir: Path) -> None:
    """``_config.yml``, ``_<name>/collection.yml`` and ``_data/`` files that cannot be read,
    each at its line: a broken ``collection.yml`` left its collection's settings (its
    pages' order, whether they are published) out without a word."""
    config = srcdir / "_config.yml"
    for path in ([config] if config.exists() else []) + _collection_file_paths(srcdir) \
            + _data_files(srcdir):
        if not _inside(path, srcdir):
            continue  # a link outside: said by site_files_outside
        _, why, line, impossible = _read_site_file(path, path.stat().st_mtime)
        if why:
            warn(f"'{path.name}' cannot be read ({why}), so the old site's values in it are not "
                 "used; fix it, or delete it", f"{path}:{line}", Subtype.SITE_FILE)
        for at, text in impossible:
            warn(f"'{path.name}' writes '{text}', a date that is no day of the calendar, so it "
                 "is kept as the text it is (a `date` filter cannot show it otherwise): correct "
                 "the month or day, or put the value in quotes to keep it as text", f"{path}:{at}", Subtype.SITE_FILE)
    for name in _collection_file_folders(srcdir):
        if (path := srcdir / name / "collection.yml").is_symlink():
            warn(f"'{name}/collection.yml' is a link to another file, so it is not read: the "
                 f"collection's settings in it (its pages' order, whether they are published) are "
                 "not used; put the file itself here instead of a link", f"{path}:1", Subtype.SITE_FILE)


_READ_THIS_BUILD: dict[tuple[str, str], Any] | None = None
"""The old site's files as this build read them (:func:`read_once_per_build`), or None
outside a build. Every page asks for them, several times: read each time, ``_config.yml``,
``_data/`` and ``_i18n/`` cost ~1 ms a page (a walk of ``_data/``, a ``realpath`` and a
``stat`` per file), ~3 % of building a 340-page site."""


def read_once_per_build(read: Callable[..., Any]) -> Callable[..., Any]:
    """``read(srcdir, ...)``, kept for the rest of the build by its function and ``srcdir``."""
    @functools.wraps(read)
    def remembered(srcdir: Path, *args: Any) -> Any:
        if _READ_THIS_BUILD is None:
            return read(srcdir, *args)
        key = (read.__name__, str(srcdir))
        if key not in _READ_THIS_BUILD:
            _READ_THIS_BUILD[key] = read(srcdir, *args)
        return _READ_THIS_BUILD[key]
    return remembered


def start_reading_site_files(app: Sphinx) -> None:
    """``builder-inited``: each builder (``make all`` runs three) reads the files afresh."""
    global _READ_THIS_BUILD
    _READ_THIS_BUILD = {}


def stop_reading_site_files(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: outside a build every call reads the files again."""
    global _READ_THIS_BUILD
    _READ_THIS_BUILD = None


@read_once_per_build
def jekyll_config(srcdir: Path) -> dict[str, Any]:
    """The old site's ``_config.yml`` when it was copied along (for ``site.*`` and baseurl)."""
    path = srcdir / "_config.yml"
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return {}
    if not _inside(path, srcdir):
        return {}
    data = _read_yaml(path, mtime)
    config = data if isinstance(data, dict) else {}
    declared = _collection_files(srcdir)
    return collections.with_collection_files(config, declared) if declared else config


def _collection_files(srcdir: Path) -> dict[str, Any]:
    """``{name: data}`` of each ``_<name>/collection.yml`` (Isomer's sites, the Singapore
    Government's, declare each collection there and build with ``--config
    _config.yml,_<name>/collection.yml``): a regular file inside the source folder only."""
    found: dict[str, Any] = {}
    for name in _collection_file_folders(srcdir):
        path = srcdir / name / "collection.yml"
        try:
            if path.is_symlink() or not path.is_file():
                continue
            mtime = path.stat().st_mtime
        except OSError:
            continue
        found[name[1:]] = _read_yaml(path, mtime)
    return found


def _collection_file_paths(srcdir: Path) -> list[Path]:
    """Each ``_<name>/collection.yml`` that is read (:func:`_collection_files` reads no link)."""
    return [path for name in _collection_file_folders(srcdir)
            if not (path := srcdir / name / "collection.yml").is_symlink()]


def _collection_file_folders(srcdir: Path) -> tuple[str, ...]:
    """The top ``_``-folders that hold a ``collection.yml``, looked for once per version of
    the source folder's listing (every page's reading asks for ``_config.yml``: one scan of
    the folder each time cost ~0.2 ms a page)."""
    try:
        listed = os.stat(srcdir).st_mtime_ns
    except OSError:
        return ()
    return _scan_collection_file_folders(str(srcdir), listed)


@functools.lru_cache(maxsize=8)
def _scan_collection_file_folders(srcdir: str, listed: int) -> tuple[str, ...]:
    try:
        with os.scandir(srcdir) as entries:
            return tuple(sorted(entry.name for entry in entries
                                if entry.name.startswith("_") and entry.is_dir(follow_symlinks=False)
                                and os.path.lexists(os.path.join(entry.path, "collection.yml"))))
    except OSError:
        return ()


def _data_files(srcdir: Path) -> list[Path]:
    """``_data/``'s YAML, JSON, CSV and TSV files, its subfolders' too (Jekyll's ``site.data.team.people``
    is ``_data/team/people.yml``); a link to a folder is not walked (:func:`_data_links`)."""
    folder = srcdir / "_data"
    if not folder.is_dir():
        return []
    found = []
    for root, folders, files in os.walk(folder):
        folders.sort()
        found += sorted(Path(root, name) for name in files
                        if Path(name).suffix in (".yml", ".yaml", ".json", *TABLE_SUFFIXES)
                        and Path(root, name).is_file())
    return found


def _data_links(srcdir: Path) -> list[Path]:
    """The links to folders inside ``_data/`` (never walked: they may lead anywhere)."""
    return sorted(Path(root, name) for root, folders, _ in os.walk(srcdir / "_data")
                  for name in folders if Path(root, name).is_symlink())


@read_once_per_build
def jekyll_data(srcdir: Path) -> dict[str, Any]:
    """``_data/**/*.yml`` (and ``.yaml``, ``.json``, ``.csv``, ``.tsv``) of the old site, as ``site.data``, a
    subfolder as a key (a file that links outside the source folder is not read:
    :func:`site_files_outside`). Only the top files were read: ``{{ site.data.team.people.name }}``
    printed nothing, without a word."""
    data: dict[str, Any] = {}
    made = {id(data)}  # the folders' own dicts: a file's data (read once, cached) is copied first
    for path in _data_files(srcdir):
        if not _inside(path, srcdir):
            continue
        *folders, name = path.relative_to(srcdir / "_data").with_suffix("").parts
        place = data
        for folder in folders:
            if id(place.get(folder)) not in made:
                known = place.get(folder)
                place[folder] = dict(known) if isinstance(known, dict) else {}
                made.add(id(place[folder]))
            place = place[folder]
        place[name] = _read_yaml(path, path.stat().st_mtime)
    return data


def first_language(config: Mapping[str, Any]) -> str:
    """jekyll-multiple-languages-plugin's first language, the one the publication is in:
    the first of ``languages:`` when it is a language code, else ``en``."""
    languages = config.get("languages")
    lang = languages[0] if isinstance(languages, list) and languages and isinstance(languages[0], str) else "en"
    return lang if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", lang) else "en"


@read_once_per_build
def jekyll_translations(srcdir: Path, config: Mapping[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """jekyll-multiple-languages-plugin's words in the site's first language: ``languages:``
    names them (``en`` when ``_config.yml`` cannot say), ``_i18n/<lang>.yml`` holds them."""
    lang = first_language(config)
    path = srcdir / "_i18n" / f"{lang}.yml"
    if not path.is_file() or not _inside(path, srcdir):
        return None
    data = _read_yaml(path, path.stat().st_mtime)
    return (lang, data) if isinstance(data, dict) else None


def _inside(path: Path, srcdir: Path) -> bool:
    from safety.paths import is_inside

    return is_inside(Path(os.path.realpath(path)), [srcdir])


def site_files_outside(srcdir: Path) -> list[Path]:
    """``_config.yml`` and ``_data/`` files that are links to files outside the source folder
    (``_data/city.yml`` → a file of the build machine put its values on the site); not read."""
    config = srcdir / "_config.yml"
    candidates = ([config] if config.is_file() else []) + _data_files(srcdir) + _data_links(srcdir)
    return [path for path in candidates if not _inside(path, srcdir)]


INCLUDE_LIMIT = 256 * 1024


@read_once_per_build
def jekyll_includes(srcdir: Path) -> dict[str, str]:
    """``_includes/`` of the old site, ``{path inside it: text}``, for ``{% include %}``.

    Only regular files inside the folder (no symbolic link: a page must not include what
    lies outside the source folder), UTF-8, at most 256 KB each.
    """
    folder = srcdir / "_includes"
    if not folder.is_dir() or folder.is_symlink():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        stat = path.stat()
        if stat.st_size <= INCLUDE_LIMIT and (text := _read_include(path, stat.st_mtime_ns, stat.st_size)) is not None:
            found[path.relative_to(folder).as_posix()] = text
    return found


@functools.lru_cache(maxsize=256)
def _read_include(path: Path, mtime_ns: int, size: int) -> str | None:
    """One include's text, read once per version of the file (every page asks for them)."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def substitution_names(app: Sphinx) -> frozenset[str]:
    """MyST substitutions also use ``{{ name }}``: those are not Liquid and are kept."""
    if "substitution" not in getattr(app.config, "myst_enable_extensions", ()):
        return frozenset()
    return frozenset(getattr(app.config, "myst_substitutions", {}) or {})


def _page_fills(path: Path, srcdir: Path) -> dict[str, str]:
    """``page.path`` (the file from the site's folder) and, for a page that is no post or
    collection document, ``page.name``: Jekyll printed them ("Edit {{ page.path }} on
    GitHub"), and the words were left out, unsaid, as values Jekyll gave nothing."""
    try:
        relative = path.resolve().relative_to(srcdir.resolve()).as_posix()
    except ValueError:
        return {}
    return {"path": relative} if relative.startswith("_") else {"path": relative, "name": path.name}


def rewrite_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: resolve Liquid and remove kramdown syntax before MyST parses the page."""
    if os.path.splitext(app.env.doc2path(docname))[1] not in app.config.source_suffix:
        return
    srcdir = Path(app.srcdir)
    config = jekyll_config(srcdir)
    site = _site_of(app)
    own = jekyll_includes(srcdir) if "include" in source[0] else {}
    for name in own:
        if name in source[0]:
            app.env.note_dependency(str(srcdir / "_includes" / name))
    includes = {**theme_includes.of(jekyll_config(srcdir)), **own} if own or "include" in source[0] else {}
    path = Path(app.env.doc2path(docname))
    relative = {}
    translated = liquid.translated_files(source[0], srcdir, first_language(config)) \
        if (srcdir / liquid.I18N).is_dir() else {}
    for name, included in {**liquid.relative_includes(source[0], path, srcdir), **translated}.items():
        app.env.note_dependency(str(included))
        if (text := liquid.read_included(included)) is not None:
            relative[name] = text
    html_page = path.name.endswith(pagesource.suffixes.HTML)
    if "site.posts" in source[0] and (listed := posts_newest_first(app, html_page)) is not None:
        site = {**site, "posts": listed}
    result = preprocess(source[0], site, keep=substitution_names(app), includes=includes,
                        relative=relative, callout_kinds=callouts.kinds(site),
                        whole_elements=(srcdir / "_config.yml").is_file(),
                        html_page=html_page,
                        paginator=every_post_on_one_page(app, docname, html_page)
                        if "paginator" in source[0] else None,
                        assets=jekyll_assets.addresses(source[0], srcdir, config),
                        linked=functools.partial(_source_has, srcdir),
                        page_fills=_page_fills(path, srcdir))
    app.env.current_document[callout_boxes.KEY] = result.callouts
    app.env.current_document[callout_boxes.LANGUAGES] = result.languages
    app.env.current_document[contents_list.KEY] = result.no_toc
    if ("{:" in source[0] or jemoji.may_hold(source[0])) and (srcdir / "_config.yml").is_file():
        app.env.note_dependency(str(srcdir / "_config.yml"))  # its `callouts:` label them, jemoji
    for line, name in liquid.unfilled_github_lines(source[0], site):
        warn(liquid.github_message(name, site), (docname, line), Subtype.SITE_VALUE)
    source[0] = _jekyll_title(docname, path, result.text)
    if result.lines:
        app.env.current_document[_LINES] = (source[0], result.lines)
    for note in result.notes:
        warn(note.message, (docname, note.line), Subtype(note.kind))
    dropped = [d for d in result.dropped if not _said_hidden_include(d, path, srcdir, docname)]
    if dropped:
        shown = dropped[:_LISTED]
        at = dropped[0].line  # the warning's own line is not said again in its words
        tags = "; ".join(d.tag + ("" if d.line == at else f" (line {d.line})") for d in shown)
        if len(dropped) > len(shown):
            tags += f"; and {len(dropped) - len(shown)} more"
        hugo = all(d.tag.startswith(("{{<", "{{%")) for d in dropped)
        what = ("Hugo shortcodes (its theme wrote their HTML; generators_compat reads only "
                "notice, hint, highlight, figure, ref and relref) are" if hugo else
                "Liquid the publication cannot run is")
        warn(f"{what} shown as written: {tags}. Replace each "
             "with the text it stood for, or remove it", (docname, at), Subtype.LIQUID)


_INCLUDE_RELATIVE = re.compile(r"\{%-?\s*include_relative\s+([^\s%]+)")


def _said_hidden_include(dropped: Any, page: Path, srcdir: Path, docname: str) -> bool:
    """Say a ``{% include_relative .env %}`` left as written because its file is hidden (it
    may hold secrets: :func:`liquid.relative_includes`) as that, not as Liquid to replace
    "with the text it stood for"; whether it was said."""
    from safety.paths import hidden_message, hidden_part

    if not (found := _INCLUDE_RELATIVE.match(dropped.tag)):
        return False
    try:
        target = (page.parent / found[1]).resolve()
        target.relative_to(srcdir.resolve())  # a file outside is said as Liquid left as written
        part = hidden_part(target, srcdir.resolve())
    except (OSError, ValueError):
        return False
    if part is None:
        return False
    warn(f"{dropped.tag} is shown as written, not the file's text: "
         f"{hidden_message(found[1], part)}; remove the tag", (docname, dropped.line), Subtype.LIQUID)
    return True


def _source_has(srcdir: Path, path: str) -> bool:
    """Whether ``{% link path %}`` names a file of the source folder, as Jekyll looked it up
    (from the folder's top; a path out of it names none)."""
    parts = PurePosixPath(path.lstrip("/")).parts
    try:
        return bool(parts) and ".." not in parts and (srcdir.joinpath(*parts)).is_file()
    except OSError:  # a name or path too long for the file system (errno 36) names no file
        return False


def every_post_on_one_page(app: Sphinx, docname: str, html_page: bool = False) -> dict[str, Any] | None:
    """The ``paginator`` of a page that lists the posts: every published post, newest first
    (:func:`posts_newest_first`); None on a site without posts."""
    listed = posts_newest_first(app, html_page)
    if listed is None:
        return None
    return paginator.one_page(listed, old_site_urls(app, [docname]).get(docname) or "/")


def posts_newest_first(app: Sphinx, html_page: bool = False) -> list[dict[str, Any]] | None:
    """``site.posts`` as Jekyll gave it: every published post, newest first, each with its
    old address (links to it lead to its page) and its excerpt (HTML for a page written in
    HTML, which reads no Markdown); None on a site without posts. The page asking is read
    again when a post changes."""
    if not getattr(app.project, "with_posts", False):
        return None
    srcdir = Path(app.srcdir)
    site = post_settings(srcdir)
    listed = []
    for relative in _posts_found(app).posts:
        path = srcdir / relative
        post = post_at(srcdir, path, site)
        if post is None or not post.published:
            continue
        app.env.note_dependency(str(path))
        source = pagesource.read(path)
        data = source.data if source.front_matter_valid else {}
        body = source.text[source.body_offset:]
        listed.append((post.order, paginator.post_data(post, posts.url(post, site), data, body,
                                                        as_html if html_page else None)))
    return [data for _, data in sorted(listed, key=lambda item: item[0], reverse=True)]


_LINES = "jekyll_compat_lines"
"""The page's rewritten text and its :class:`.linemap.LineMap`, while the page is read."""


def lines_of_the_file(app: Sphinx, docname: str, text: str) -> Any:
    """``markdown-source-lines``: the lines of the file, when Liquid wrote more lines than it
    had in this page (only for the text this room rewrote, not a translation's message)."""
    kept = app.env.current_document.get(_LINES)
    return kept[1] if kept is not None and kept[0] == text else None


def _jekyll_title(docname: str, path: Path, text: str) -> str:
    """A page with an empty ``title:`` (or one of spaces) gets the title Jekyll gave a
    document: its file name (``pageorder`` orders it by that title and says so)."""
    if "title" not in text:
        return text
    page = pagesource.read(path)
    value = page.data.get("title", "-")
    if value is not None and not (isinstance(value, str) and not value.strip()):
        return text
    filled = titles.fill_empty_title(text, page.key_lines.get("title", 0), titles.titleize_page(
        docname, page.data.get("lang") or page.data.get("locale")))
    return text if filled is None else filled


def map_old_urls(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: index every page by the URLs it had on the Jekyll site.

    When a page moved or its ``permalink`` changed, links on unchanged pages may now lead
    elsewhere: those pages are written again (rare, so simply all of them).
    """
    given = defaults_of(Path(app.srcdir))
    pages = {docname: _with_defaults(given(env.doc2path(docname)), env.metadata.get(docname, {}))
             for docname in env.found_docs}
    in_collections = collections.collection_urls(jekyll_config(Path(app.srcdir)), env.found_docs,
                                                 functools.partial(_file_of, env))
    dated = posts_of(app, env.found_docs)
    site = post_settings(Path(app.srcdir))
    in_collections.update({docname: posts.url(post, site) for docname, post in dated.items()})
    table = urls.old_urls(pages, baseurl=_baseurl(app), collection_urls=in_collections)
    for docname in dated:  # {% post_url 2016-09-08-welcome %} is written /posts/2016-09-08-welcome
        table.setdefault(urls.url_key("/posts/" + docname.rsplit("/", 1)[-1]), docname)
    previous = changes.remember(env, _URLS, table)
    return sorted(env.found_docs) if previous is not None and previous != table else []


def _with_defaults(given: dict[str, Any], metadata: dict[str, Any]) -> dict[str, Any]:
    """A page's metadata with the old addresses ``_config.yml``'s ``defaults:`` give it."""
    return defaults.with_defaults(metadata, {key: value for key, value in given.items()
                                             if key in ("permalink", "redirect_from")})


def _baseurl(app: Sphinx) -> str:
    return site_baseurl(Path(app.srcdir))


def site_baseurl(srcdir: Path) -> str:
    """``_config.yml``'s ``baseurl`` (``/smart``: the site was served under it), or ""."""
    value = jekyll_config(srcdir).get("baseurl")
    if isinstance(value, str) and value.strip().startswith(("https://", "http://")):
        # a whole address written as baseurl (Hack for LA's): its path is what links began with
        path = value.strip().split("://", 1)[1].partition("/")[2].split("?", 1)[0].split("#", 1)[0]
        return "/" + path.strip("/") if path.strip("/") else ""
    return value if isinstance(value, str) else ""


_NOWHERE = ("the link '{target}' leads to no page; link to a page of the publication "
            "by its address on the old site or its file (e.g. '/about/' or 'about.md'), or to a "
            "full https:// address")


def nowhere_message(app: Sphinx, written: str, target: str, table: Mapping[str, str], baseurl: str) -> str:
    """:data:`_NOWHERE`, and the page of that name in another folder, when there is one."""
    message = _NOWHERE.format(target=written)
    if (docname := urls.same_name(target, table, baseurl)) is not None:
        file = shown(str(app.env.doc2path(docname, False)))
        message += (f"; the page '{file}' has that name in another folder: link to its file or "
                    "its address if it is the page meant")
    return message


def page_url(app: Sphinx, docname: str, front: dict[str, Any]) -> str:
    """The URL Jekyll gave the page (``front``: its front matter), which its relative links
    (``../structure/``) start from."""
    front = _with_defaults(defaults_of(Path(app.srcdir))(app.env.doc2path(docname)), front)
    permalink = front.get("permalink")
    if isinstance(permalink, str) and permalink.strip() and not urls.is_template(permalink):
        return permalink.strip()
    given = old_site_urls(app, [docname]).get(docname)
    if given:
        return given
    folder, _, name = docname.rpartition("/")
    return f"/{folder}/" if name == "index" and folder else "/" if name == "index" else f"/{docname}.html"


def raw_link_address(app: Sphinx, docname: str, address: str) -> str | None:
    """``rawhtml-page-address``: ``<a href="../frontmatter/">`` in a page's own HTML, read
    from the page's old URL as :class:`ResolveSiteLinks` reads the same Markdown link (at
    ``doctree-read``, so the front matter is the file's, not the collected metadata)."""
    if not urls.is_relative_url(address):
        return None
    front = pagesource.read(Path(app.env.doc2path(docname))).data
    return urls.joined(page_url(app, docname, front if isinstance(front, dict) else {}), address)


def _ends_in_slash(target: str) -> bool:
    """``guide/#fees``: an old URL (Jekyll's pretty address of ``guide.md``), though a page
    named ``guide`` is there too; MyST follows ``guide/`` but not ``guide/#fees``."""
    return target.split("#", 1)[0].split("?", 1)[0].endswith("/")


class ResolveSiteLinks(SphinxPostTransform):
    """Send root-relative links to the page now at that old URL; warn once for the others.

    Runs before MyST's reference resolver (priority 9), which would otherwise report
    ``/projects/x/y/`` as an unknown label. A full address on the old site itself
    (``http://projects.austintexas.io/...``, ``_config.yml``'s ``url``) leads to the page
    now there too; one that leads to no page keeps its words without the link.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        table = changes.recall(self.env, _URLS)
        if table is None:
            return
        baseurl = _baseurl(self.app)
        site_url = jekyll_config(Path(self.app.srcdir)).get("url")
        if isinstance(site_url, str) and site_url.strip():
            self.own_site_links(table, baseurl, site_url)
        page_urls: dict[str, str] = {}
        for node in list(self.document.findall(addnodes.pending_xref)):
            target = node.get("reftarget", "")
            if node.get("reftype") != "myst" or node.get("refdomain"):
                continue
            myst_follows = extensionless = False
            if not urls.is_site_path(target):
                docname = node.get("refdoc") or self.env.docname  # the PDF is one document of all pages
                extensionless = not urls.is_relative_url(target) and urls.is_extensionless_url(target)
                if not (urls.is_relative_url(target) or extensionless):
                    continue
                myst_follows = self.names_a_file(target, docname)
                if myst_follows and not _ends_in_slash(target):
                    continue
                if docname not in page_urls:
                    page_urls[docname] = page_url(self.app, docname, self.env.metadata.get(docname, {}))
                target = urls.joined(page_urls[docname], target)
            found = urls.resolve(target, table, baseurl)
            if found is None and (myst_follows or extensionless):
                continue
            if found is not None:
                node["refdomain"], node["reftarget"] = "doc", found[0]
                node["reftargetid"] = found[1]
                continue
            warn(nowhere_message(self.app, node.get("reftarget", ""), target, table, baseurl), node,
                 Subtype.LINK)
            node.replace_self(node.children or [nodes.Text(target)])
        if self.app.builder.format == "html":
            for raw in list(self.document.findall(nodes.raw)):
                if "html" in raw.get("format", "").split():
                    self.rewrite_raw(raw, table, baseurl, site_url if isinstance(site_url, str) else "")

    def names_a_file(self, target: str, docname: str) -> bool:
        """A relative link MyST follows itself: to a page's or a file's name (``a.md``, ``../b``).

        Not ``about.html``: on the old site it was the page's address (``about.md`` was
        published as ``about.html``), resolved as one, also where the site's pages written in
        HTML make ``.html`` a page's suffix."""
        path = target.split("#", 1)[0].split("?", 1)[0]
        here = posixpath.dirname(docname)
        name = posixpath.normpath(posixpath.join(here, path))
        stem, suffix = os.path.splitext(name)
        return name in self.env.found_docs \
            or (stem in self.env.found_docs and suffix in self.config.source_suffix
                and suffix != pagesource.suffixes.HTML) \
            or os.path.exists(Path(self.app.srcdir) / name)  # False for a name too long, not a crash

    def own_site_links(self, table: dict[str, str], baseurl: str, site_url: str) -> None:
        for ref in list(self.document.findall(nodes.reference)):
            path = urls.on_site(ref.get("refuri", ""), site_url)
            found = urls.resolve(path, table, baseurl) if path else None
            if found is None:
                continue
            text = nodes.inline("", "", *ref.children, classes=["xref", "myst"])
            xref = addnodes.pending_xref("", text, refdomain="doc", reftype="myst",
                                         reftarget=found[0], reftargetid=found[1],
                                         refdoc=self.env.docname, refexplicit=True)
            xref.source, xref.line = ref.source, ref.line
            ref.replace_self(xref)

    def rewrite_raw(self, raw: nodes.raw, table: dict[str, str], baseurl: str, site_url: str = "") -> None:
        """``<a href="/projects/x/">`` in a page's own HTML: the same rule as Markdown links,
        a full address on the old site (``site_url``) that names a page among them."""
        def href_for(url: str) -> str | None:
            found = urls.resolve(html_unescape(url), table, baseurl)
            if found is None:
                return None
            uri = self.app.builder.get_relative_uri(self.env.docname, found[0])
            return uri + (f"#{found[1]}" if found[1] else "")

        from rawhtml import READ_AS

        html, missing = urls.rewrite_hrefs_at(raw.astext(), href_for)
        if site_url.strip():
            html = urls.rewrite_own_site_hrefs(html, site_url, href_for)
        for url, offset in missing:
            # an address as the page wrote it: ``&`` where the XHTML the ePub reads has ``&amp;``
            plain = html_unescape(url)
            written = raw.get(READ_AS, {}).get(url) or raw.get(READ_AS, {}).get(plain, plain)  # ``../x/``
            warn(nowhere_message(self.app, written, plain, table, baseurl),
                 _raw_line(raw, offset, self.env.docname), Subtype.LINK)
            html = unlink(html, url)  # its words stay, as a Markdown link's do
        if html != raw.astext():
            raw[:] = [nodes.Text(html)]


def _raw_line(raw: nodes.raw, offset: int, docname: str) -> Any:
    """Where the ``offset``-th line of a raw HTML block is in its page: the file's line the
    parser kept for it when a rewrite moved lines (:data:`maths.switch.FILE_LINES`), else
    counted from the block's first; the block itself when it has no line."""
    from maths.switch import FILE_LINES

    if not raw.line:
        return raw
    each = raw.get(FILE_LINES)
    if each:
        return (docname, each[offset]) if offset < len(each) else raw
    return (docname, raw.line + offset)


class FilesUnderBaseurl(SphinxTransform):
    """``[the plan](/smart/assets/plan.pdf)`` on a site served under ``baseurl: /smart``
    names ``assets/plan.pdf``: a link to that file, as MyST makes ``[the plan](/assets/plan.pdf)``.

    MyST decides while reading whether a link names a file; this runs before the collectors
    (``doctree-read``) note the file for every edition."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        srcdir = Path(self.app.srcdir)
        baseurl = site_baseurl(srcdir)
        if not baseurl.strip("/"):
            return
        for node in list(self.document.findall(addnodes.pending_xref)):
            target = node.get("reftarget", "")
            if node.get("reftype") != "myst" or node.get("refdomain") or not urls.is_site_path(target):
                continue
            file = local_file(srcdir, srcdir, target, baseurl)
            if file is None or self.env.path2doc(str(file)):
                continue
            path = "/" + file.relative_to(srcdir.resolve()).as_posix()
            link = addnodes.download_reference("", "", refdomain=None, reftarget=path, refdoc=self.env.docname,
                                               reftype="myst", refexplicit=node.get("refexplicit", True))
            for child in node.children:
                if isinstance(child, nodes.Element) and child["classes"] == ["xref", "myst"]:
                    child["classes"] = ["xref", "download", "myst"]
            link.extend(node.children)
            link.source, link.line = node.source, node.line
            node.replace_self(link)


class PicturesFromOldAddress(SphinxTransform):
    """``![PMO](../../assets/ficampm/pmo.png)`` on a page Jekyll published at
    ``/ficampm/governance/`` (idmanagement.gov's collections, any ``permalink: pretty``
    page): a browser read the address from the page's URL, ``/assets/ficampm/pmo.png``,
    and showed it. Read from the file's folder it named no file, or one outside the source
    folder, refused by :mod:`safety` (which runs next) and shown as its alt text. On a
    Jekyll site a picture not found from the file is pointed at the one its old address names."""

    default_priority = 90  # before safety's RefuseOutsideFiles (100)

    def apply(self, **kwargs: Any) -> None:
        srcdir = Path(self.app.srcdir)
        if not (srcdir / "_config.yml").is_file():
            return
        path = Path(self.env.doc2path(self.env.docname))
        folder, address = path.parent, None
        for image in self.document.findall(nodes.image):
            uri = image.get("uri", "")
            if not uri or uri.startswith(("/", "data:")) or ":" in uri.split("/", 1)[0] \
                    or os.path.isfile(folder / uri.split("?", 1)[0].split("#", 1)[0]):
                continue
            if address is None:
                front = pagesource.read(path).data
                address = page_url(self.app, self.env.docname, front if isinstance(front, dict) else {})
            found = local_file(srcdir, folder, urls.joined(address, uri), site_baseurl(srcdir))
            if found is not None:
                image["uri"] = os.path.relpath(found, folder.resolve()).replace(os.sep, "/")


class MissingImagesAsText(SphinxPostTransform):
    """An image whose file is missing shows its description instead of a broken picture.

    Sphinx has already warned (``image.not_readable``, with file and line); left as it is,
    the website shows a broken-image icon and the ePub fails validation (a resource
    missing from the book). The PDF builder does the same on its own.
    """

    default_priority = 5
    formats = ("html",)  # the website and the ePub

    def run(self, **kwargs: Any) -> None:
        srcdir = Path(self.app.srcdir)
        for image in list(self.document.findall(nodes.image)):
            files = [uri for kind, uri in image.get("candidates", {}).items() if kind != "?"]
            if not files or any(os.path.isfile(srcdir / uri) for uri in files):
                continue
            text = image.get("alt") or picture_name(files[0])
            image.replace_self(nodes.inline(text, text, classes=["missing-image"]))


def find_images(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx collects images: point each picture at its file as
    kramdown found it (``caf%C3%A9%20terrace.png`` → ``café terrace.png``, NFC or NFD), and
    give a picture without words its paragraph's line (MyST gives it none, so a missing
    file was reported as ``page.md::``)."""
    srcdir = Path(app.srcdir)
    folder = Path(app.env.doc2path(app.env.docname)).parent
    for image in doctree.findall(nodes.image):
        if not image.line:
            with contextlib.suppress(ValueError):  # no line anywhere above: none to give
                image.line = get_node_line(image)
        uri = image.get("uri", "")
        if "://" in uri or uri.startswith("data:") or (
                os.path.isfile(srcdir / uri.lstrip("/") if uri.startswith("/") else folder / uri)):
            # os.path.isfile: a name too long for the file system is no file (Path.is_file raised)
            continue
        found = local_file(srcdir, folder, uri, site_baseurl(srcdir))
        if found is not None:
            image["uri"] = os.path.relpath(found, folder.resolve()).replace(os.sep, "/")
        elif advice := missing_file_advice(srcdir, folder, uri):
            image[MISSING_ADVICE] = advice


MISSING_ADVICE = "missing_file_advice"
"""The image node's attribute :class:`MissingPictureAdvice` adds to Sphinx's warning."""


class MissingPictureAdvice(logging_std.Filter):
    """Sphinx's "image file not readable: uploads/Smart%20City%20Maturity%20Model.jpg" said
    what is wrong and nothing of what to do; it is said as "the picture '…' cannot be found"
    with the file the page most likely meant (:func:`missing_file_advice`, found at
    ``doctree-read``)."""

    def filter(self, record: logging_std.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if getattr(record, "subtype", None) != "not_readable" or not isinstance(location, nodes.image):
            return True
        if isinstance(record.args, tuple):  # the name as the page wrote it: `image (1).png`, not `image%20(1).png`
            record.args = tuple(_as_written(arg) for arg in record.args)
        if isinstance(record.args, tuple) and len(record.args) == 1:
            # "image file not readable" read as a broken file to staff whose picture was missing
            record.msg = "the picture '%s' cannot be found: " + (
                location[MISSING_ADVICE].replace("%", "%%") if location.get(MISSING_ADVICE) else
                "no file of that name can be read in the source folder: add the picture under "
                "that name, or remove it from the page")
        elif location.get(MISSING_ADVICE):
            record.msg = f"{record.msg}: {location[MISSING_ADVICE].replace('%', '%%')}"
        return True


def _as_written(value: Any) -> Any:
    """A picture's path with its ``%20`` decoded, as a writer sees the file's name."""
    from urllib.parse import unquote

    return unquote(value) if isinstance(value, str) and "%" in value else value


def key_line(path: Path, key: str) -> int:
    """The line of ``key:`` in a page's front matter (1 when it cannot be found)."""
    return pagesource.read(path).key_lines.get(key, 1)


def show_date(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: put the page's Jekyll ``date`` under its title, in every edition (a
    post's date, from its file name if need be, with its categories and tags)."""
    docname = app.env.docname
    post = post_at(Path(app.srcdir), Path(app.env.doc2path(docname))) \
        if getattr(app.project, "with_posts", False) else None  # no posts: no page to resolve
    names = _author_names(app, docname)
    if post is not None:
        if (Path(app.srcdir) / "_config.yml").is_file():  # its `timezone` dates the post
            app.env.note_dependency(str(Path(app.srcdir) / "_config.yml"))
        _insert_under_title(doctree, _with_authors(post_line(post), names))
        return
    value = app.env.metadata.get(docname, {}).get("date")
    date = None if value is None else urls.page_date(value)
    if value is not None and date is None:
        line = key_line(Path(app.env.doc2path(docname)), "date")
        warn(f"`date: {value}` is not a date; write it as `date: 2019-05-03`",
             (docname, line), Subtype.DATE)
    if date is None:
        if names:
            _insert_under_title(doctree, nodes.paragraph("", f"By {', '.join(names)}",
                                                         classes=["page-authors"]))
        return
    text = urls.show_date(date)
    _insert_under_title(doctree, _with_authors(nodes.paragraph(
        "", "", nodes.inline(text, f"Published {text}", classes=["page-date"]),
        classes=["page-date"]), names))


def _author_names(app: Sphinx, docname: str) -> list[str]:
    """The page's ``author:``/``authors:`` names (:func:`frontdata.author_names`), a name
    that is a key of ``_data/authors.yml`` given as that file names it."""
    data = pagesource.read(Path(app.env.doc2path(docname))).data
    value = data.get("author", data.get("authors"))
    if value is None:
        return []
    srcdir = Path(app.srcdir)
    if not (srcdir / "_config.yml").is_file():
        return frontdata.author_names(value)
    for path in _data_files(srcdir):
        if path.stem == "authors" and path.parent == srcdir / "_data":
            app.env.note_dependency(str(path))
    return frontdata.author_names(value, jekyll_data(srcdir).get("authors"))


def _with_authors(line: nodes.paragraph, names: list[str]) -> nodes.paragraph:
    if names:
        line += nodes.Text(f" · By {', '.join(names)}")
    return line


def post_line(post: posts.Post) -> nodes.paragraph:
    """"Published September 8, 2016 · Categories: jekyll, update · Tags: …" under a post's title."""
    text = urls.show_date(post.day)
    line = nodes.paragraph("", "", nodes.inline(text, f"Published {text}", classes=["page-date"]),
                           classes=["page-date", "post-meta"])
    for label, words in (("Categories", post.categories), ("Tags", post.tags)):
        if words:
            line += nodes.Text(f" · {label}: {', '.join(words)}")
    return line


def _insert_under_title(doctree: nodes.document, line: nodes.paragraph) -> None:
    section = doctree.next_node(nodes.section)
    if section is None:
        return
    title = section.next_node(nodes.title)
    section.insert(section.index(title) + 1 if title is not None and title.parent is section else 0, line)


def date_the_posts_list(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a landing that lists only posts lists them with their dates."""
    if not getattr(app.project, "with_posts", False):
        return
    docname = app.env.docname
    listed = [target for toctree in doctree.findall(addnodes.toctree)
              for _, target in toctree["entries"]]
    found = posts_of(app, listed)
    if found and posts_list.date_the_list(doctree, docname, {d: p.day for d, p in found.items()}):
        for target in found:  # a post's new date is shown here too
            app.env.note_dependency(str(app.env.doc2path(target)))


def _top_pages(srcdir: Path, markdown: tuple[str, ...]) -> list[Path]:
    """The pages at the top of ``srcdir`` and each top folder's ``index``, in name order."""
    found = []
    for path in sorted([*srcdir.glob("*.*"), *srcdir.glob("*/index.*")]):
        if path.is_symlink() or not path.is_file() or path.name.startswith(("_", ".")):
            continue
        if pagesource.suffixes.is_page(path.name, markdown) or pagesource.suffixes.is_html_page(path):
            found.append(path)
    return found


def shown_page(srcdir: Path, page: str) -> str:
    """``about`` as its file: ``about.md``."""
    return next((p.name if "/" not in page else f"{page.rsplit('/', 1)[0]}/{p.name}"
                 for p in sorted(srcdir.glob(f"{page}.*")) if p.is_file()), page)


def _unread_folders(app: Sphinx) -> dict[str, int]:
    """``{"_legislation": 3}``: the top ``_``-folders of pages the publication does not read."""
    srcdir = Path(app.srcdir)
    read_in_place = set(getattr(app.project, "collections", {}))
    return {gone.folder: gone.pages
            for gone in leftout.left_out(srcdir, jekyll_config(srcdir), markdown_suffixes(srcdir))
            if gone.folder not in read_in_place and gone.folder != posts.POSTS}


def _site_of(app: Sphinx) -> dict[str, Any]:
    """Jekyll's ``site`` for this build's pages: ``_config.yml`` and ``_data/``."""
    srcdir = Path(app.srcdir)
    config = jekyll_config(srcdir)
    return liquid.site_variables(config, title=app.config.project, data=jekyll_data(srcdir),
                                 translations=jekyll_translations(srcdir, config))


def show_front_data(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: front-matter lists of links at the end of the page; the rest reported."""
    docname = app.env.docname
    source = pagesource.read(Path(app.env.doc2path(docname)))
    body = "\n".join(source.lines[source.body_start:])
    folder = docname.removesuffix("/index") if docname.endswith("/index") else docname
    lands = any(other.startswith(folder + "/") for other in app.env.found_docs) \
        if "collection" in source.data else False
    layout, by_default = _layout_of(app, docname, source.data)
    fields = _printed_fields(Path(app.srcdir), layout, source.data)
    category = _category_posts(app, layout, source.data) if not body.strip() else None
    printed = {key for _, _, keys in fields for key in keys} | ({category[0]} if category else set())
    shown, unshown = frontdata.classify(source.data, source.key_lines, body,
                                        folder.rsplit("/", 1)[-1] if lands else "",
                                        frozenset(printed))
    if unshown:
        warn(frontdata.unshown_message(unshown), (docname, unshown[0].line), Subtype.FRONT_MATTER)
    if why := frontdata.description_problem(source.data):
        warn(why, (docname, source.key_lines.get("description", 1)), Subtype.FRONT_MATTER)
    # a landing's layout listed its pages (just-the-docs' `has_children`): here its contents do;
    # a layout that listed the page's front-matter links: they are shown below
    lists_pages = source.data.get("has_children") is True or next(doctree.findall(addnodes.toctree), None)
    unmade = (None if is_redirect_page(source.data) or lists_pages or shown else
              layouts.unmade_page(Path(app.srcdir), layout, body, by_default,
                                  None if body.strip() else _unread_folders(app), docname))
    if unmade is not None and category and category[1] and not unmade.listed and not unmade.missing:
        unmade = None  # its layout listed its category's posts: so does the page
    described = (layouts.description_paragraphs(source.data.get("description"))
                 if layouts.prints_description(Path(app.srcdir), layout) else [])
    if unmade is not None and described and not unmade.listed and not unmade.missing:
        unmade = None  # its layout printed its description as its text: so does the page
    if unmade is not None and fields and not unmade.listed and not unmade.missing:
        labels = {word for label in layouts.labelled_fields(Path(app.srcdir), layout)
                  for word in f"{label.label}:".split()}
        if set(unmade.words) <= labels:
            unmade = None  # all the layout said was its labels, shown with their values
    if unmade is not None:
        warn(unmade.message(), (docname, source.key_lines.get("layout", 1)), Subtype.LAYOUT)
    elif not (is_redirect_page(source.data) or shown) and (
            fetched := layouts.fetched_data(body, _site_of(app))) is not None:
        warn(fetched.message(), (docname, source.body_start + 1 + fetched.paths[0][1]), Subtype.LAYOUT)
    section = doctree.next_node(nodes.section)
    if section is None:
        return
    _show_subtitle(section, frontdata.subtitle(source.data),
                   (str(app.env.doc2path(docname)), source.key_lines.get("subtitle", 1)))
    _show_fields(section, fields, str(app.env.doc2path(docname)), source.key_lines, docname)
    _show_description(section, described,
                      (str(app.env.doc2path(docname)), source.key_lines.get("description", 1)))
    if category and category[1]:
        section += _category_list(docname, category[1])
        for target, _ in category[1]:  # a post's new title or date is shown here too
            app.env.note_dependency(str(app.env.doc2path(target)))
    if category is not None:  # a post added to the category is shown here too
        category_pages(app.env)[docname] = _category_signature(category[1])
    for found in shown:
        section += nodes.rubric(found.heading, found.heading, classes=["front-matter-list"])
        listing = nodes.bullet_list(classes=["front-matter-list"])
        where = str(app.env.doc2path(docname)), source.key_lines.get(found.key, 1)  # its key names the line
        for item in found.items:
            para = nodes.paragraph()
            para.source, para.line = where
            link = _link(docname, item.title, item.url)
            link.source, link.line = where
            para += link
            if item.details:
                para += nodes.Text(" — " + ", ".join(item.details))
            listing += nodes.list_item("", para)
        section += listing


def _printed_fields(srcdir: Path, layout: object, data: Mapping[str, Any]
                    ) -> list[tuple[str, str, tuple[str, ...]]]:
    """``(label, value, keys)`` for each labelled line of the page's layout that printed a
    value the page's front matter has (``Owner: City of Oakland``); keys the publication
    reads itself (title, date, categories …) are left to it."""
    found = []
    for field in layouts.labelled_fields(srcdir, layout):
        joins, attrs = dict(field.joins), dict(field.attrs)
        keys = tuple(key for key in field.keys if key not in frontdata.KNOWN
                     and layouts.field_value(data.get(key), joins.get(key), attrs.get(key)))
        if keys:
            values = dict.fromkeys(layouts.field_value(data[key], joins.get(key), attrs.get(key))
                                   for key in keys)
            glues = dict(field.glues) if keys == field.keys and len(values) == len(keys) else {}
            value = "".join((glues.get(key, " ") if n else "") + text
                            for n, (key, text) in enumerate(zip(keys, values)))
            found.append((field.label, value, keys))
    return found


def _category_posts(app: Sphinx, layout: object, data: Mapping[str, Any]
                    ) -> tuple[str, list[tuple[str, posts.Post]]] | None:
    """``(key, [(docname, post), …])``: the posts of the category (or tag) the page's
    ``key`` names, newest first as ``site.categories[…]`` gave them, when its layout listed
    them; None when it listed none."""
    found = layouts.listed_category(Path(app.srcdir), layout)
    if found is None or not isinstance(value := data.get(found[1]), str) or not value.strip():
        return None
    kind, key = found
    every = posts_of(app, app.env.found_docs)
    chosen = [(doc, post) for doc, post in every.items() if post.published
              and value.strip() in (post.categories if kind == "categories" else post.tags)]
    return key, sorted(chosen, key=lambda item: item[1].order, reverse=True)


def _layout_of(app: Sphinx, docname: str, data: Mapping[str, Any]) -> tuple[object, bool]:
    """The page's layout, and whether ``_config.yml``'s ``defaults:`` gave it (``layout:
    null`` is Jekyll's "none")."""
    if "layout" in data:
        return data.get("layout"), False
    return front_matter_defaults(Path(app.srcdir), app.env.doc2path(docname)).get("layout"), True


def category_pages(env: BuildEnvironment) -> dict[str, str]:
    """``{docname: the posts it listed}`` of the pages that list a category's posts (a
    ``changes`` memory, filled as pages are read)."""
    pages = changes.recall(env, "jekyll_compat.category_pages")
    if pages is changes.MISSING:
        pages = {}
        changes.remember(env, "jekyll_compat.category_pages", pages)
    return pages


def _category_signature(chosen: list[tuple[str, posts.Post]]) -> str:
    return "\n".join(f"{doc}\t{post.instant}\t{post.title}" for doc, post in chosen)


def categories_changed(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                       removed: set[str]) -> list[str]:
    """``env-get-outdated``: a category page whose category's posts are no longer those it
    listed (a post added, taken out or moved to another category) is read again; no file it
    depends on changed."""
    pages = category_pages(env)
    if not pages:
        return []
    outdated = []
    for docname, listed in pages.items():
        if docname not in env.found_docs or docname in changed or docname in added:
            continue
        source = pagesource.read(Path(env.doc2path(docname)))
        category = _category_posts(app, _layout_of(app, docname, source.data)[0], source.data)
        if _category_signature(category[1] if category else []) != listed:
            outdated.append(docname)
    return outdated


def forget_category_page(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    category_pages(env).pop(docname, None)


def merge_category_pages(app: Sphinx, env: BuildEnvironment, docnames: set[str],
                         other: BuildEnvironment) -> None:
    mine = category_pages(env)
    mine.update({doc: listed for doc, listed in category_pages(other).items() if doc in docnames})


def _category_list(docname: str, chosen: list[tuple[str, posts.Post]]) -> nodes.bullet_list:
    """The category's posts as minima's lists showed them: each "April 26, 2018 · Title"."""
    listing = nodes.bullet_list(classes=["post-list", "category-posts"])
    for target, post in chosen:
        text = urls.show_date(post.day)
        link = addnodes.pending_xref("", nodes.inline("", ""), refdomain="std", reftype="doc",
                                     reftarget="/" + target, refdoc=docname, refexplicit=False,
                                     refwarn=True)
        listing += nodes.list_item("", nodes.paragraph(
            "", "", posts_list.post_date(text, text, classes=["post-meta"], datetime=post.day.isoformat()),
            nodes.Text(" · "), link))
    return listing


def _show_fields(section: nodes.section, fields: list[tuple[str, str, tuple[str, ...]]],
                 source: str, key_lines: Mapping[str, int], docname: str = "") -> None:
    """Each labelled value as a paragraph under the title (and subtitle), the label strong,
    as the old layout printed it, in every edition."""
    if not fields or not section.children or not isinstance(section[0], nodes.title):
        return
    at = 2 if len(section.children) > 1 and "page-subtitle" in section[1].get("classes", []) else 1
    for label, value, keys in fields:
        para = nodes.paragraph(classes=["front-matter-field"])
        para.source, para.line = source, key_lines.get(keys[0], 1)
        para += nodes.strong(f"{label}:", f"{label}:")
        para += nodes.Text(" ")
        for words, address in layouts.value_parts(value):
            if address is None:
                para += nodes.Text(words)
            else:
                link = _link(docname, words, address) if docname else nodes.reference(words, words, refuri=address)
                link.source, link.line = para.source, para.line
                para += link
        section.insert(at, para)
        at += 1


def _show_description(section: nodes.section, paragraphs: list[str], where: tuple[str, int]) -> None:
    """The ``description:`` a page's layout printed as words (a Hack for LA project's only
    text; a guide's lead paragraph over its own), after the labelled values, as the layout
    printed it."""
    if not paragraphs or not section.children or not isinstance(section[0], nodes.title):
        return
    at = 1
    while at < len(section.children) and {"page-subtitle", "front-matter-field"} & set(
            section[at].get("classes", [])):
        at += 1
    for words in paragraphs:
        para = nodes.paragraph(words, words, classes=["page-description"])
        para.source, para.line = where
        section.insert(at, para)
        at += 1


def _show_subtitle(section: nodes.section, words: str, where: tuple[str, int]) -> None:
    """The subtitle as a paragraph just under the title (WAI's pattern for a subtitle: not a
    heading of its own), in every edition."""
    if not words or not section.children or not isinstance(section[0], nodes.title):
        return
    para = nodes.paragraph(words, words, classes=["page-subtitle"])
    para.source, para.line = where
    section.insert(1, para)


def _link(docname: str, title: str, url: str) -> nodes.Node:
    """A link as MyST would make it: root-relative ones go through the old-URL resolver."""
    if urls.is_site_path(url):
        xref = addnodes.pending_xref("", nodes.inline(title, title), refdomain=None, reftype="myst",
                                     reftarget=url, refdoc=docname, refexplicit=True, refwarn=True)
        return xref
    return nodes.reference(title, title, refuri=url)


class JemojiShortcodes(SphinxTransform):
    """On a site whose ``_config.yml`` turns jemoji on, or in a repository's Markdown GitHub
    showed (:func:`.jemoji.github_shows`), ``:smile:`` in a page's words is the emoji
    (:mod:`.jemoji`); never in code, maths, raw HTML or comments (jemoji left ``<code>`` and
    ``<pre>`` alone), nor in a web address."""

    default_priority = 745  # after the page is parsed, before kramdown's typography (751)
    _KEPT = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.comment)

    def apply(self, **kwargs: Any) -> None:
        srcdir = Path(self.env.srcdir)
        if not (jemoji.uses_jemoji(jekyll_config(srcdir)) or jemoji.github_shows(srcdir)):
            return
        text = pagesource.read(Path(self.env.doc2path(self.env.docname))).text
        if "{%" in text or "{{" in text or "include" in text or jemoji.may_hold(text):
            # (Liquid, or an included file, may write one)
            self._visit(self.document)

    def _visit(self, node: nodes.Element) -> None:
        for index, child in enumerate(node.children):
            if isinstance(child, nodes.Text):
                text = jemoji.with_emoji(str(child))
                if text != str(child):
                    node.children[index] = nodes.Text(text)
                    node.children[index].parent = node
            elif isinstance(child, nodes.Element) and not isinstance(child, self._KEPT):
                self._visit(child)


def nomarkdown_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any,
                    options: Any = None, content: Any = None) -> tuple[list[nodes.Node], list[Any]]:
    """kramdown's ``{::nomarkdown}…{:/}`` inside a line: its text as the raw HTML kramdown
    wrote (rawhtml makes it safe XHTML for every edition)."""
    return [nodes.raw(rawtext, text, format="html")], []


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("publication")  # the events it answers are theirs
    app.setup_extension("pageorder")
    app.setup_extension("maths")
    app.setup_extension("rawhtml")
    app.setup_extension("safety")
    app.connect("config-inited", read_the_sites_markdown_suffixes, priority=350)  # before anyone lists pages
    app.connect("config-inited", leave_out_what_jekyll_did_not_publish, priority=400)  # before choose_root_doc
    app.connect("publication-pages-metadata", site_metadata)
    app.connect("pageorder-landing-page", home_page)
    app.connect("rawhtml-page-address", raw_link_address)
    app.connect("safety-folders-read-as-pages", collections_read_as_pages)
    app.connect("builder-inited", start_reading_site_files, priority=0)
    app.connect("build-finished", stop_reading_site_files, priority=900)
    app.connect("builder-inited", read_collections_in_place, priority=100)
    app.connect("builder-inited", say_what_is_not_read)
    app.connect("env-get-outdated", say_which_collection_pages_clash)
    app.connect("env-get-outdated", say_what_is_wrong_with_posts, priority=450)  # before page order
    app.connect("env-get-outdated", categories_changed)
    app.connect("env-purge-doc", forget_category_page)
    app.connect("env-merge-info", merge_category_pages)
    app.connect("source-read", rewrite_source)
    app.connect("markdown-source-lines", lines_of_the_file)
    app.connect("env-updated", map_old_urls)
    app.connect("doctree-read", show_date, priority=600)  # after metadata is collected (500)
    app.connect("doctree-read", show_front_data, priority=610)
    app.connect("doctree-read", date_the_posts_list, priority=620)
    app.add_node(posts_list.post_date, html=(posts_list.visit_post_date_html,
                                             posts_list.depart_post_date_html))
    app.add_config_value("kramdown_typography", None, "env", types=[bool, str, type(None)])
    app.add_transform(KramdownTypography)
    app.add_transform(JemojiShortcodes)
    app.add_transform(callout_boxes.CalloutBoxes)
    app.add_transform(callout_boxes.BlockLanguages)
    app.add_transform(footnote_rule.OneRuleAboveFootnotes)
    app.add_transform(footnote_rule.HoldRules)
    app.add_transform(footnote_rule.RestoreRules)
    app.add_directive(kramdown.TOC_DIRECTIVE, contents_list.KramdownToc)
    app.add_role(kramdown.NOMARKDOWN_ROLE, nomarkdown_role)
    app.add_transform(contents_list.FillContents)
    add_once("sphinx.sphinx.environment.collectors.asset", MissingPictureAdvice)
    app.connect("doctree-read", find_images, priority=400)  # before Sphinx collects images (500)
    app.add_transform(FilesUnderBaseurl)
    app.add_transform(PicturesFromOldAddress)
    app.add_post_transform(ResolveSiteLinks)
    app.add_post_transform(MissingImagesAsText)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
