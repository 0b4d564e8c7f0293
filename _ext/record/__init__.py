"""Sphinx extension: editions of record.

Every passage gets an id that lasts as long as its text (``collect``); the website shows
a "¶" link and "Cite this passage" beside it; ``passages.json`` gives each passage's
chapter, text, PDF page (from Typst) and first version; frozen releases in
``editions/<version>/`` (``make release``, see ``release.py``) are published under the
site's ``editions/<version>/`` with an "earlier edition" banner, listed by the
```{releases}``` directive, and compared in a "What changed" page each.

The parts are plain modules (``passages``, ``releases``, ``diff``, ``sitedata``,
``publish``, ``changelog``, ``cite``); this file is the glue.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from docutils import nodes
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

import changes
from publication.atomic import overwrite
from publication.glue import citation_file, metadata, site_folder, site_root, translated_from, version_root

from . import changelog, changes_page, diff, frozen, links, passagesfile, publish, releases, sitedata
from .collect import PassageCollector
from .directive import ReleasesDirective, release_pages
from .problems import WARNING_TYPE, Kind

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "1.0.0"
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Context:
    """What the releases need from the build: metadata, site address, folders.

    A translation's site (``folder`` ``es/``) does not publish the archive: the
    source-language site does, with every translation frozen inside each release.
    ``texts`` are the releases as this site published them (those that hold it).
    """

    meta: Any
    root: str
    releases_dir: Path
    changes_file: Path
    releases: list[releases.Release]
    folder: str = ""
    version_root: str = ""

    @property
    def archive(self) -> str:
        """The way from this site's root up to the site that publishes ``editions/``."""
        return "../" * self.folder.count("/")

    @property
    def texts(self) -> list[releases.Release]:
        return [t for t in (r.translation(self.folder) for r in self.releases) if t is not None]


def _metadata(app: Sphinx) -> Any:
    return metadata(app.config)


def _root(app: Sphinx, meta: Any) -> str:
    return site_root(app.config, meta)


def folder(app: Sphinx, value: str, default: str) -> Path:
    """A setting's path from the conf dir; by default beside the source folder."""
    return Path(app.confdir, value) if value else Path(app.srcdir).parent / default


def context(app: Sphinx) -> Context:
    meta = _metadata(app)
    where = folder(app, app.config.record_releases_dir, "editions")
    found = [r for r in releases.find(where)[0] if untouched(app, r)]
    return Context(meta, _root(app, meta), where,
                   folder(app, app.config.record_changes_file, "CHANGES.md"), found,
                   site_folder(app.config), version_root(app.config, meta))


def untouched(app: Sphinx, release: releases.Release) -> bool:
    """Whether ``release`` is exactly as frozen (checked once per build). A release that is
    not is left out everywhere: not listed, compared or published. The site that publishes
    the releases says so, once."""
    checked = app.builder.__dict__.setdefault("record_checked", {})
    if release.folder not in checked:
        checked[release.folder] = problem = frozen.check(release.folder)
        if problem is not None and is_web(app) and not site_folder(app.config):
            tampered(release, problem)
    return checked[release.folder] is None


def tampered(release: releases.Release, problem: frozen.Tampered) -> None:
    logger.warning(
        f"{problem.why}. Version {release.version} is not published: it is not what make "
        f"release froze (the site keeps what it published of it before, if anything). Restore "
        f"{release.folder} from version control (git checkout -- {release.folder}), or, if "
        f"this version was never released, delete the folder and run make release again",
        type=WARNING_TYPE, subtype=Kind.RELEASE_TAMPERED.value,
        location=f"{release.folder / releases.SUMS}:{problem.line}")


def is_web(app: Sphinx) -> bool:
    return app.builder.format == "html" and not app.builder.name.startswith("epub")


def builder_inited(app: Sphinx) -> None:
    if is_web(app):
        app.add_css_file("record.css")
        app.add_js_file("record.js", defer="defer")


#: The words record.js writes, translated here (the page's language is known at build time)
#: and handed over in a <meta>: no inline script, so the CSP holds.
SCRIPT_WORDS = ("Cite", "Cite this passage", "Close", "Copy {style}", "Copied {style}",
                "This passage is not in passages.json of this edition.",
                "This passage changed in version {version}.", "Read it as it was in version {version}")


def script_words(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    if not is_web(app):
        return
    from html import escape

    from sphinx.locale import _

    words = {text: str(_(text)) for text in SCRIPT_WORDS}
    if source := translated_from(app.config):
        words["citations-language"] = source  # APA, Chicago and MLA stay in their own language
    data = escape(json.dumps(words, ensure_ascii=False, sort_keys=True), quote=True)
    context["metatags"] = context.get("metatags", "") + f'<meta name="record-words" content="{data}">\n'


def releases_changed(app: Sphinx, env: Any, added: set[str], changed: set[str],
                     removed: set[str]) -> list[str]:
    """A new release changes the pages that list the releases."""
    info = context(app)
    digest = hashlib.sha256()
    for release in info.releases:
        digest.update(release.version.encode() + (release.folder / releases.SUMS).read_bytes())
    new = digest.hexdigest()
    old = changes.remember(env, "record.releases", new)
    if old is changes.MISSING or old == new:
        return []
    return sorted(release_pages(env) & env.found_docs)


def doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not is_web(app):
        return
    links.add_links(doctree)
    page = app.builder.get_target_uri(docname)
    for ref in doctree.findall(nodes.reference):
        if ref.get("record_path"):
            ref["refuri"] = relative_uri(page, ref["record_path"])


# ---------------------------------------------------------------- the site's data

def chapter_order(app: Sphinx) -> list[str]:
    """Pages in reading order (the toctree from the root page), then any others."""
    env, seen, out = app.env, set(), []

    def visit(docname: str) -> None:
        if docname in seen or docname not in env.found_docs:
            return
        seen.add(docname)
        out.append(docname)
        for child in env.toctree_includes.get(docname, ()):
            visit(child)

    visit(app.config.root_doc)
    out += sorted(d for d in env.found_docs if d not in seen)
    return out


def pdf_pages(app: Sphinx, meta: Any) -> dict[str, dict[str, list]]:
    """Where the PDF build (run first by ``make all``) found each passage."""
    path = Path(app.config.editions_dir) / "pdf" / f"{app.config.pdf_basename or meta.slug}.pages.json"
    if not path.is_file():
        logger.info("record: no %s (build the PDF first); passages have no page numbers", path)
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def chapters(app: Sphinx, passages: bool = True) -> list[dict[str, Any]]:
    """Every chapter with passages, in order: ``{docname, title, file, passages}`` (without
    ``passages`` if not asked for: each page's are loaded from the environment when used)."""
    store = getattr(app.env, "record_passages", {})
    return [{"docname": d, "title": app.env.titles[d].astext() if d in app.env.titles else d,
             "file": app.builder.get_target_uri(d), **({"passages": store[d]} if passages else {})}
            for d in chapter_order(app) if d in store]


def current_passages(app: Sphinx) -> dict[str, Any]:
    """``passages.json`` of this build as data (once per build; what changed and the history
    need it, only when there are releases)."""
    cached = getattr(app.builder, "record_current", None)
    if cached is not None:
        return cached
    info = context(app)
    data = sitedata.document(info.meta, info.version_root, chapters(app), pdf_pages(app, info.meta),
                             releases.earlier(info.texts, info.meta.version))
    app.builder.record_current = data
    return data


def write_passages_file(app: Sphinx, info: Context) -> None:
    """``passages.json``, each chapter whose inputs did not change copied from the last one."""
    earlier = releases.earlier(info.texts, info.meta.version)
    pages = pdf_pages(app, info.meta)
    common = passagesfile.digest(repr(info.meta), info.version_root,
                                 [(r.version, hashlib.sha256((r.folder / releases.PASSAGES)
                                                             .read_bytes()).hexdigest())
                                  for r in earlier])
    first = functools.cache(lambda: sitedata.first_versions(earlier, info.meta.version))

    def made(chapter: dict[str, Any]) -> passagesfile.Chapter:
        def passages() -> list[dict[str, Any]]:
            whole = {**chapter, "passages": app.env.record_passages[chapter["docname"]]}
            return sitedata.chapter_passages(info.meta, info.version_root, whole,
                                             pages.get(chapter["docname"], {}), first())
        key = passagesfile.digest(common, chapter["docname"], chapter["title"], chapter["file"],
                                  app.env.all_docs.get(chapter["docname"]),
                                  pages.get(chapter["docname"]))
        return passagesfile.Chapter(chapter["docname"], key, passages)

    passagesfile.write(Path(app.outdir) / releases.PASSAGES,
                       Path(app.doctreedir) / f"record-passages-{app.builder.name}.json",
                       sitedata.head(info.meta), [made(c) for c in chapters(app, passages=False)],
                       overwrite)


def change_pages(app: Sphinx) -> Any:
    """``changes/<version>.html`` for each release that has an earlier one."""
    if not is_web(app):
        return
    info = context(app)
    pairs = [(r.version, r.passages) for r in info.texts if r.version != info.meta.version]
    pairs.append((info.meta.version, lambda: current_passages(app)))
    up = "../" + info.archive
    for version, passages in pairs:
        before = releases.earlier(info.texts, version)
        if not before:
            continue
        data = passages()
        old = before[-1].passages()
        chapters = diff.compare(old["passages"], data["passages"])
        is_current = version == info.meta.version

        def href_new(file: str, ident: str, version: str = version, is_current: bool = is_current) -> str:
            return (f"../{file}#{ident}" if is_current
                    else f"{up}editions/{version}/{info.folder}{file}#{ident}")

        def href_old(file: str, ident: str, old_version: str = old["version"]) -> str:
            return f"{up}editions/{old_version}/{info.folder}{file}#{ident}"

        body = changes_page.body(version, old["version"], old["date"], chapters, href_new, href_old)
        yield (f"changes/{version}", {"title": f"What changed in version {version}",
                                      "body": body}, "page.html")


def _texts(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(p["chapter"], p["id"], p["text"]) for p in document["passages"]]


def write_site_data(app: Sphinx, exception: Exception | None) -> None:
    """After a good website build: passages.json, the history, the published releases."""
    if exception is not None or not is_web(app):
        return
    info = context(app)
    outdir = Path(app.outdir)
    dump = lambda data: (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)  # noqa: E731
                         + "\n").encode("utf-8")
    write_passages_file(app, info)
    mark = outdir / releases.UNUSABLE_CITATION  # hidden: in no release; make release reads it
    if app.config.publication_unusable_citation:
        publish.write_if_changed(mark, app.config.publication_unusable_citation.encode("utf-8"))
    elif mark.is_file() and not mark.is_symlink():
        mark.unlink()
    earlier = releases.earlier(info.texts, info.meta.version)
    history = sitedata.history(earlier, current_passages(app), info.archive) if earlier else {}
    publish.write_if_changed(outdir / releases.HISTORY, dump(history))
    files = {app.builder.get_target_uri(d) for d in app.env.found_docs}
    # a translation's released pages too (es/pools.html): its own site keeps their addresses
    left = publish.left_pages(info.texts, files)
    setattr(app.builder, _LEFT, left)
    if info.folder:
        return
    say_lost_releases(info)
    moved = publish.moved_to(left, current_passages(app)["passages"]) if left else {}
    translations = {f"{code}/" for code in getattr(app.config, "publication_languages", ())
                    if code != (app.config.language or "en")}  # the languages room's
    current, gone = publish.current_pages(files, moved, set(left) - set(moved), translations)

    def words_of(relative: str) -> Callable[[str], str]:  # a frozen es/ page's banner in Spanish
        from languages.catalog import chrome_words

        folder = relative.split("/", 1)[0] + "/"
        return chrome_words(folder[:-1]) if folder in translations else str
    for release in info.releases:
        try:
            published = release.passages()
            publish.publish(release, outdir, published["date"], info.meta.title,
                            info.meta.version, current, gone, str(published.get("title") or ""),
                            words_of)
        except (frozen.NotFrozen, UnicodeDecodeError) as why:
            tampered(release, frozen.Tampered(1, f"changed while the site was built: {why}"))


_LEFT = "_record_left_pages"


def keep_left_addresses(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, after the site's own redirects: each page a release published
    that left the build (renamed, deleted) gets a page at its address leading to the last
    release that has it, ``#part`` kept; a page or redirect the build wrote there wins."""
    if exception is not None or not is_web(app):
        return
    from sphinx.locale import _

    from website.redirects import page_html

    outdir, info = Path(app.outdir), context(app)
    top = info.root[:-len(info.folder)] if info.folder and info.root.endswith(info.folder) else info.root
    for name, (release, title) in sorted(getattr(app.builder, _LEFT, {}).items()):
        path = outdir / name
        if os.path.lexists(path) and not releases.is_left_page(path):
            continue  # a page or redirect of this build (its own, from before, is rewritten)
        up = "../" * name.count("/")
        target = f"editions/{release.version}/{info.folder}{name}"  # a translation's: es/
        publish.write_if_changed(path, page_html(
            up + info.archive + target, top + target,
            _("{title} (version {version})").format(title=title, version=release.version),
            app.config.language or "en", script=up + "_static/redirect.js", words=_).encode("utf-8")
            + releases.LEFT_PAGE)


def say_unreleased_text(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, in every edition (``make all`` builds the PDF and the ePub before
    the site, and a failed site left them published): the pages' text differs from the
    frozen release of the version CITATION.cff gives."""
    if exception is not None or site_folder(app.config) or not hasattr(app.env, "record_passages"):
        return
    info = context(app)
    same = next((r for r in info.texts if r.version == info.meta.version), None)
    now = [(c["docname"], p["id"], p["text"]) for c in chapters(app) for p in c["passages"]]
    if same is None or _texts(same.passages()) == now:
        return
    cff = citation_file(app, app.config)
    logger.warning(f"the text differs from version {same.version}, which is released, and "
                   f"CITATION.cff still says {same.version}: every edition would call the new "
                   "words by it, and cite new passages in its frozen copy, where they are not. "
                   "Set a new `version` and `date-released` here (make release freezes it)",
                   location=f"{cff}:{_line_of_key(cff, 'version')}", type=WARNING_TYPE,
                   subtype=Kind.UNRELEASED_TEXT.value)


def say_lost_releases(info: Context) -> None:
    """A version before this one with release notes and no frozen folder: said at its notes
    (a deleted ``editions/1.1.0`` left the site without a word, and the links other releases
    make into it led nowhere). The version being released now has notes and no folder yet."""
    from packaging.version import InvalidVersion, Version

    frozen_versions = {release.version for release in releases.find(info.releases_dir)[0]}
    for version, (_, line) in changelog.sections(info.changes_file).items():
        try:
            older = Version(version) < Version(info.meta.version)
        except InvalidVersion:
            continue
        if older and version not in frozen_versions:
            logger.warning(f"version {version} has release notes but no frozen release in "
                           f"{info.releases_dir}: it is not on the site, and links to it from "
                           f"other releases lead nowhere. Restore {info.releases_dir / version} "
                           f"from version control (git checkout -- {info.releases_dir / version}), "
                           "or remove its notes if it was never released",
                           location=f"{info.changes_file}:{line}", type=WARNING_TYPE,
                           subtype=Kind.RELEASE_MISSING.value)


def _line_of_key(path: Path, key: str) -> int:
    """The line of a top-level ``key:`` in a YAML file (1 when not found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), 1)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("publication")
    app.add_config_value("record_releases_dir", "", "env", types=[str])
    app.add_config_value("record_changes_file", "", "env", types=[str])
    app.add_config_value("record_skip_classes", ["publication-citation", "toctree-wrapper",
                                                 "record-generated"], "env", types=[list])
    app.add_env_collector(PassageCollector)
    app.add_directive("releases", ReleasesDirective)
    app.connect("builder-inited", builder_inited)
    app.connect("env-get-outdated", releases_changed)
    app.connect("doctree-resolved", doctree_resolved)
    app.connect("html-collect-pages", change_pages)
    app.connect("html-page-context", script_words)
    app.connect("build-finished", write_site_data)
    app.connect("build-finished", keep_left_addresses, priority=800)  # after website's redirects
    app.connect("build-finished", say_unreleased_text)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True,
            "env_version": 2}
