"""A Jekyll site's posts (``_posts/YYYY-MM-DD-slug.md``): which files are posts, their
dates, titles, categories and the URL Jekyll gave each one.

Plain Python with no Sphinx import. The rules are Jekyll's own (jekyllrb.com "Posts",
"Permalinks", "Front Matter"; ``Document#categories_from_path``, ``Utils.slugify``,
``Configuration#style_to_permalink``):

- a post is a file in a ``_posts/`` folder (at the top, or inside any folder Jekyll reads:
  ``news/_posts/``), at any depth inside it, named ``YYYY-MM-DD-slug.ext``; a file there
  whose name has no date is no post (Jekyll skips it);
- its date is the front-matter ``date`` (with a time and a zone, if written), else the
  file name's; its title the front-matter ``title``, else the slug titleized;
- its categories are the folders above ``_posts`` (``news``), then ``categories`` (a list,
  or words separated by spaces) and ``category``;
- its URL is its own ``permalink`` (placeholders expanded) or the posts' permalink style of
  ``_config.yml`` (``date``, the default, ``pretty``, ``ordinal``, ``weekdate``, ``none``, or a
  template);
- ``published: false`` leaves it out; so does a date after the edition's, unless
  ``future: true`` (the edition's date, not the clock: the same sources give the same
  editions);
- ``_drafts/`` are not published (Jekyll publishes them only with ``--drafts``).

The publication reads every post as the page ``<section>/<file name>`` (``posts/2016-09-08-
welcome-to-jekyll``), in one section: ``posts/``, or ``blog/`` when the site has a ``blog``
page and no ``posts`` one, so that page lands the posts.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from pagesource import charrefs
from pagesource.dates import parse_date
from pagesource.suffixes import HTML, LOOK_ALIKE, is_html_page, spellings
from safety.names import shown

from .titles import titleize_slug

POSTS, DRAFTS = "_posts", "_drafts"
FILENAME = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.+)(\.[^.]+)$")
"""Jekyll's ``DATE_FILENAME_MATCHER`` on a file's name: date, slug, extension."""
WORDS = (*spellings(), *LOOK_ALIKE, ".html", ".htm", ".textile")
"""Files whose words Jekyll published as a post (its ``markdown_ext``, HTML, Textile), or
that look so: each is a post, or said."""
SECTIONS = ("posts", "blog")

STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
"""Jekyll's permalink styles for posts (``Configuration#style_to_permalink``)."""

UNSAFE = re.compile(r'[?#%:*"<>|\\]+')
"""Characters a post's file name may have that its page's file and address cannot: a web
address reads ``?`` as the start of a query and ``#`` as a place in the page, ``%`` as an
escape, ``:`` as a scheme; Windows and many zip readers hold none of ``*"<>|\\`` (nor ``?``)."""

_WHEN = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
                   r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$", re.I)
_PLACEHOLDER = re.compile(r":([a-z_]+)")


def _skipped(name: str) -> bool:
    """Jekyll's ``EntryFilter#special?`` and ``#backup?``: names it never reads."""
    return name.startswith((".", "_", "#", "~")) or name.endswith("~")


@dataclass(frozen=True)
class Found:
    """What a site's ``_posts/`` and ``_drafts/`` folders hold (paths from the source folder)."""

    posts: dict[str, str] = field(default_factory=dict)  # file -> its page name
    not_posts: tuple[str, ...] = ()  # files in _posts Jekyll did not publish as posts
    drafts: tuple[str, ...] = ()


def section(srcdir: Path, suffixes: Iterable[str]) -> str:
    """The folder the posts are published in: ``posts``, or ``blog`` when only that has a page."""
    def has_page(name: str) -> bool:
        return any((srcdir / f"{name}{s}").is_file() or (srcdir / name / f"index{s}").is_file()
                   for s in suffixes)
    return "blog" if has_page("blog") and not has_page("posts") else "posts"


def find(srcdir: Path, suffixes: Iterable[str], excluded: Callable[[str], bool] = lambda p: False) -> Found:
    """Every post, non-post and draft of the site, in path order.

    ``_posts/`` and ``_drafts/`` are looked for in every folder Jekyll reads (none starting
    with ``_`` or ``.``, none the build leaves out, no symbolic link); ``excluded`` is the
    build's matcher of paths from the source folder (``_*`` matches no file inside ``_posts/``)."""
    suffixes = tuple(suffixes)
    where = section(srcdir, suffixes)
    posts: dict[str, str] = {}
    not_posts: list[str] = []
    drafts: list[str] = []
    for folder, dirs, _ in os.walk(srcdir):
        base = Path(folder).relative_to(srcdir)
        prefix = "" if base == Path(".") else base.as_posix() + "/"
        for special in (POSTS, DRAFTS):
            if special in dirs and not (Path(folder) / special).is_symlink():
                for inner in _files(Path(folder) / special):
                    relative = f"{prefix}{special}/{inner}"
                    if excluded(relative) or not inner.endswith((*WORDS, *suffixes)):
                        continue
                    if special == DRAFTS:
                        drafts.append(relative)
                    elif is_post_name(inner) and inner.endswith(suffixes) and (
                            not inner.endswith(HTML) or is_html_page(Path(folder, special, inner))):
                        name = PurePosixPath(inner).name
                        posts[relative] = f"{where}/{safe_stem(name[:name.rindex('.')])}"
                    else:
                        not_posts.append(relative)
        dirs[:] = sorted(d for d in dirs if not _skipped(d) and not excluded(prefix + d))
        # (os.walk never enters a symbolic link to a folder)
    return Found(_twins_apart(dict(sorted(posts.items()))), tuple(sorted(not_posts)), tuple(sorted(drafts)))


def _twins_apart(posts: dict[str, str]) -> dict[str, str]:
    """Two posts of one name in ``_posts/`` and ``_posts/ko/`` (jekyll-polyglot's translation
    of a post, published at the same date and title in another language) are two pages: the
    one in a subfolder named with it (``posts/ko/2023-02-27-korean-support``), the one at the
    top of ``_posts/`` keeping its name."""
    taken: dict[str, int] = {}
    for docname in posts.values():
        taken[docname] = taken.get(docname, 0) + 1
    apart = {}
    for relative, docname in posts.items():
        inner = PurePosixPath(("/" + relative).split(f"/{POSTS}/", 1)[-1]).parent
        if taken[docname] > 1 and inner.parts:
            folder, stem = docname.rsplit("/", 1)
            docname = f"{folder}/{'/'.join(safe_stem(part) for part in inner.parts)}/{stem}"
        apart[relative] = docname
    return apart


def safe_stem(stem: str) -> str:
    """The post's page name: its file's name, each run of :data:`UNSAFE` characters a ``-``
    (none at the end), as Jekyll's own ``:title`` slug does (``why?`` is ``why``)."""
    if not UNSAFE.search(stem):
        return stem
    return re.sub(r"-{2,}", "-", UNSAFE.sub("-", stem)).rstrip("-") or "post"


def _files(folder: Path) -> list[str]:
    found = []
    for inner, dirs, files in os.walk(folder):
        base = Path(inner).relative_to(folder)
        prefix = "" if base == Path(".") else base.as_posix() + "/"
        dirs[:] = sorted(d for d in dirs if not _skipped(d) and not (Path(inner) / d).is_symlink())
        found += [prefix + f for f in files if not _skipped(f) and not (Path(inner) / f).is_symlink()]
    return sorted(found)


def _file_date(name: str) -> dt.date | None:
    match = FILENAME.match(name)
    if not match:
        return None
    written, month, day = match.groups()[:3]
    year = int(written)
    if len(written) == 2:  # Ruby's Time.parse: 69-99 are 1969-1999, 00-68 are 2000-2068
        year += 1900 if year >= 69 else 2000
    try:
        return dt.date(year, month=int(month), day=int(day))
    except ValueError:
        return None


def dated_stem(stem: str) -> tuple[dt.date, str] | None:
    """A file name without its extension that starts with a day (``2020-03-05-first-year``):
    that day and the slug after it, as Jekyll reads any collection's document."""
    day = _file_date(stem + ".x")
    return (day, FILENAME.match(stem + ".x").group(4)) if day else None


def is_post_name(relative: str) -> bool:
    """A file name Jekyll reads as a post: ``YYYY-MM-DD-slug.ext`` with a real day."""
    return _file_date(PurePosixPath(relative).name) is not None


def is_post_path(relative: str) -> bool:
    """The file (a path from the source folder) is in a ``_posts/`` folder and named as a post."""
    return POSTS in PurePosixPath(relative).parts[:-1] and is_post_name(relative)


def not_a_post_message(relative: str) -> str:
    """Why a file in ``_posts/`` is not published, and what to do (on one line: a line break
    in the name is written ``\\n``)."""
    name = PurePosixPath(relative).name
    if shown(name) != name:
        return (f"'{shown(relative)}' has a line break or another control character in its "
                "name, so it is not published; rename the file without it")
    stem, _, ext = name.rpartition(".")
    if FILENAME.match(name) and not is_post_name(name):
        return (f"'{relative}' is named with a date that is no day of the calendar, so it is no "
                "post (Jekyll stopped on it) and is not published; fix the date in its name "
                "(YYYY-MM-DD-title.md)")
    if is_post_name(name):
        return (f"'{relative}' is a post written as .{ext}, which the publication does not read, so "
                f"its words are not published; rename it '{stem}.md' (as Markdown)")
    return (f"'{relative}' is in _posts/ but its name does not start with a date, so it is no post "
            "(Jekyll did not publish it either) and is left out; to publish it as a post, name it "
            f"YYYY-MM-DD-{stem or 'title'}.md")


@dataclass(frozen=True)
class Settings:
    """What the posts' dates and addresses depend on beyond the post itself."""

    today: dt.date  # the edition's date: a post dated after it is "in the future"
    future: bool = False  # ``future: true``: such posts are published
    zone: dt.tzinfo | None = None  # ``timezone:`` of the old site
    template: str = STYLES["date"]  # the posts' permalink template
    zone_problem: str = ""  # why ``timezone:`` was not used


def settings(config: Mapping[str, Any], epoch: str | None) -> Settings:
    """The settings from ``_config.yml`` and the edition's time (``SOURCE_DATE_EPOCH``)."""
    try:
        today = dt.datetime.fromtimestamp(int(epoch or ""), dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        today = dt.datetime.now(dt.timezone.utc).date()
    zone, problem = None, ""
    name = config.get("timezone")
    if isinstance(name, str) and name.strip():
        try:
            zone = zoneinfo.ZoneInfo(name.strip())
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            problem = f"`timezone: {name.strip()}` is no time zone"
    template = STYLES["date"]
    declared = config.get("collections")
    own = declared.get("posts") if isinstance(declared, Mapping) else None
    style = own.get("permalink") if isinstance(own, Mapping) and own.get("permalink") else config.get("permalink")
    if isinstance(style, str) and style.strip():
        template = STYLES.get(style.strip(), style.strip())
    return Settings(today, config.get("future") is True, zone, template, problem)


@dataclass(frozen=True)
class Note:
    """A problem with a post: its line, kind (a ``jekyll_compat.Subtype`` value), message."""

    line: int
    kind: str
    message: str


@dataclass(frozen=True)
class Post:
    """One post, as Jekyll saw it."""

    path: str  # from the source folder: "_posts/2016-09-08-welcome.md"
    slug: str
    when: dt.datetime  # local to the site (aware when a zone was written or set)
    instant: str  # the moment in UTC, sortable: "2016-09-08T18:15:01"
    title: str  # the front-matter title, else the slug titleized
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    published: bool
    permalink: str | None  # its own, as written
    notes: tuple[Note, ...] = ()

    @property
    def day(self) -> dt.date:
        return self.when.date()

    @property
    def order(self) -> tuple[str, str]:
        """Jekyll's order of posts (date, then path); newest first is its reverse."""
        return (self.instant, self.path)


def _words(value: Any) -> list[str]:
    """``categories``/``tags``: a YAML list, or words separated by spaces (Jekyll splits them)."""
    if isinstance(value, str):
        return value.split()
    if isinstance(value, (list, tuple)):
        return [str(item).strip() for item in value if item is not None and str(item).strip()]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    return []


def _parse_when(value: Any) -> dt.datetime | None:
    """A post's moment; a day written in words (``March 5, 2020``) is that day's midnight."""
    match = _WHEN.match(str(value)) if value is not None else None
    if not match:
        day = parse_date(value) if isinstance(value, str) else None
        return dt.datetime.combine(day, dt.time()) if day else None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        when = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if zone:
        if zone.upper() in ("Z", "UTC", "GMT"):
            return when.replace(tzinfo=dt.timezone.utc)
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if offset >= dt.timedelta(hours=24):
            return None
        return when.replace(tzinfo=dt.timezone(sign * offset))
    return when


def read(relative: str, data: Mapping[str, Any], key_lines: Mapping[str, int], site: Settings) -> Post:
    """The post at ``relative`` (a path for which :func:`is_post_path` holds) with its front matter."""
    parts = PurePosixPath(relative).parts
    name = parts[-1]
    match = FILENAME.match(name)
    assert match is not None and is_post_name(name), relative
    slug = match.group(4)
    notes: list[Note] = []
    stem = name[:name.rindex(".")]
    if (safe := safe_stem(stem)) != stem:
        shown = "".join(dict.fromkeys("".join(UNSAFE.findall(stem))))
        notes.append(Note(1, "post-renamed",
                          f"the file name has {shown!r}, which a page's address and file cannot "
                          "hold (a web address reads `?` as the start of a query and `#` as a place "
                          "in the page; Windows and many zip readers refuse them in a file name): the "
                          f"post is published as '{safe}.html', and its old address leads there. "
                          f"Rename the file '{safe}{name[name.rindex('.'):]}' to say so yourself"))
    file_day = _file_date(name)
    when = dt.datetime.combine(file_day, dt.time())
    if "date" in data and data["date"] not in (None, ""):
        written = _parse_when(data["date"])
        if written is None:
            notes.append(Note(key_lines.get("date", 1), "date",
                              f"`date: {_shown(data['date'])}` is not a date, so the post is dated "
                              f"{file_day.isoformat()} from its file name; write it as `date: "
                              f"{file_day.isoformat()} 09:00:00 -0500` (or remove it)"))
        else:
            when = written
    try:
        if when.tzinfo is not None and site.zone is not None:
            when = when.astimezone(site.zone)
        instant = (when if when.tzinfo is not None else when.replace(tzinfo=site.zone or dt.timezone.utc))
        instant_text = instant.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat()
    except OverflowError:  # year 9999 late in the day, west of Greenwich: no later moment exists
        when = when.replace(tzinfo=None)
        instant_text = when.isoformat()

    title = data.get("title")
    title = charrefs.decoded(str(title)).strip() if isinstance(title, (str, int, float)) and str(title).strip() \
        else titleize_slug(slug)
    path_categories = [part for part in parts[:parts.index(POSTS)] if part]
    categories = list(dict.fromkeys([*path_categories, *_words(data.get("categories")),
                                     *_words(data.get("category"))]))
    tags = list(dict.fromkeys([*_words(data.get("tags")), *_words(data.get("tag"))]))
    published = data.get("published", True) is not False
    if published and not site.future and when.date() > site.today:
        published = False
        notes.append(Note(key_lines.get("date", 1), "post-future",
                          f"the post is dated {when.date().isoformat()}, after this edition's date "
                          f"({site.today.isoformat()}), so it is left out, as Jekyll leaves out posts "
                          "dated in the future; set `future: true` in _config.yml to publish it, or "
                          "give it an earlier date"))
    permalink = data.get("permalink") if isinstance(data.get("permalink"), str) else None
    custom_slug = data.get("slug") if isinstance(data.get("slug"), str) and data["slug"].strip() else None
    return Post(relative, custom_slug or slug, when, instant_text, title, tuple(categories),
                tuple(tags), published, permalink, tuple(notes))


def slugify(text: str, pretty: bool = False, cased: bool = False) -> str:
    """Jekyll's ``Utils.slugify`` (modes ``default`` and ``pretty``)."""
    keep = "._~!$&'()+,;=@" if pretty else ""
    out = "".join(c if unicodedata.category(c)[0] in "LM" or unicodedata.category(c) == "Nd" or c in keep
                  else "-" for c in text)
    out = re.sub(r"-{2,}", "-", out).strip("-")
    return out if cased else out.lower()


def is_template(permalink: str) -> bool:
    """A permalink with placeholders (``/:year/:title/``), not an address."""
    return any(match.group(1) in _VALUES for match in _PLACEHOLDER.finditer(permalink))


_VALUES: dict[str, Callable[[Post, dt.datetime], str]] = {
    "year": lambda p, w: f"{w.year:04d}", "short_year": lambda p, w: f"{w.year % 100:02d}",
    "month": lambda p, w: f"{w.month:02d}", "i_month": lambda p, w: str(w.month),
    "short_month": lambda p, w: w.strftime("%b"), "long_month": lambda p, w: w.strftime("%B"),
    "day": lambda p, w: f"{w.day:02d}", "i_day": lambda p, w: str(w.day),
    "y_day": lambda p, w: f"{w.timetuple().tm_yday:03d}",
    "w_year": lambda p, w: str(w.isocalendar()[0]), "week": lambda p, w: f"{w.isocalendar()[1]:02d}",
    "w_day": lambda p, w: str(w.isoweekday()), "short_day": lambda p, w: w.strftime("%a"),
    "long_day": lambda p, w: w.strftime("%A"),
    "hour": lambda p, w: f"{w.hour:02d}", "minute": lambda p, w: f"{w.minute:02d}",
    "second": lambda p, w: f"{w.second:02d}",
    "title": lambda p, w: slugify(p.slug, pretty=True, cased=True), "slug": lambda p, w: slugify(p.slug),
    "name": lambda p, w: slugify(PurePosixPath(p.path).stem),
    # `?`, `#` escaped as Jekyll's URL did (`/c%3Fd/…`): read as a query, `c?d` made `c.html`
    "categories": lambda p, w: "/".join(dict.fromkeys(_escaped(c.lower()) for c in p.categories)),
    "collection": lambda p, w: "posts", "output_ext": lambda p, w: ".html",
}


def _escaped(value: str) -> str:
    """A value in a post's address with what would end its path escaped, as Jekyll's
    ``URL.escape_path`` did; ``url_path`` reads it back as the folder's name."""
    return value.replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def url(post: Post, site: Settings) -> str:
    """The address Jekyll wrote the post at: its own permalink, or the site's template."""
    template = post.permalink if post.permalink and post.permalink.strip() else site.template
    english = dt.datetime(post.when.year, post.when.month, post.when.day, post.when.hour,
                          post.when.minute, post.when.second)

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in _VALUES:
            return match.group(0)
        text = _VALUES[name](post, english)
        return text.upper() if name in ("short_month", "short_day") else text

    address = _PLACEHOLDER.sub(value, template.strip())
    return "/" + re.sub(r"/{2,}", "/", address).lstrip("/")


def utc_url(post: Post, site: Settings) -> str | None:
    """The address a build in UTC gave the post, when it is another: a site without
    ``timezone:`` built on GitHub Pages (UTC) dated ``2019-01-30 22:59:02 -0800`` on the 31st,
    while :func:`url` keeps the day the author wrote. ``None`` when both agree."""
    if site.zone is not None or post.when.tzinfo is None:
        return None
    try:
        utc = post.when.astimezone(dt.timezone.utc)
    except OverflowError:
        return None
    other = url(replace(post, when=utc), site)
    return other if other != url(post, site) else None


def _shown(value: object, limit: int = 60) -> str:
    """A front-matter value as a message quotes it: on one line, at most ``limit`` characters
    (a date of 3,000 spaces made a 3 KB warning line)."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
