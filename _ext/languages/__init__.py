"""Sphinx extension: the publication in several languages (gettext catalogs, one site each).

``publication_languages`` in ``conf.py`` lists the translations; each is built with
``-D language=<lang>`` (``python -m languages.build`` does it for ``make``). The parts are
plain modules: ``names`` (CLDR names, direction), ``catalog`` (how complete a language is),
``links`` (switcher, hreflang), ``sitemap``, ``notice``. This glue:

- in a translated build: the edition files get ``-<lang>`` in their names, the site's
  address gets ``<lang>/``, untranslated passages are marked with the source language
  (``lang="en"`` in HTML and ePub, ``text(lang: "en")`` in the PDF), and an unreviewed
  translation carries a notice in every edition (site banner; first page of ePub and PDF);
- in every build: a language switcher, ``<link rel="alternate" hreflang>`` on every page,
  sitemap alternates, and ``dir="rtl"`` on ``<html>`` for right-to-left languages;
- a page whose front matter says another language (``lang: ar``, :mod:`.pagelang`) says it
  in every edition: ``lang``/``dir`` on the site's article and the ePub chapter's ``<html>``,
  ``text(lang:, region:, dir:)`` for its PDF chapter.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

import pagesource
from publication.glue import translated_from

from safety.problems import WARNING_TYPE as SECURITY, Kind as Refused

from . import catalog, chrome, composed, compiled, furo_words, links, names, notice, pagelang, sitemap
from .search import fix_chinese_search, search_cjk_words
from .problems import WARNING_TYPE, Kind

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

__version__ = "1.0.0"
logger = logging.getLogger(__name__)
NOTICE_CLASS = "translation-notice"
THEME_LOCALES = Path(__file__).resolve().parent / "locales"
"""Furo's words in other languages (``sphinx.po``: Sphinx's own catalogs lack Furo's).

``conf.py`` lists it in ``locale_dirs`` itself: Sphinx loads the theme's translations
before any extension could add the folder."""
PAGES_LOCALES = "locales"
"""The pages' catalogs, ``SOURCEDIR/locales/<lang>/LC_MESSAGES`` (``make translations``).

Not in ``conf.py``'s ``locale_dirs``: Sphinx would write the ``.mo`` files there, before
any extension runs. :func:`use_compiled_catalogs` gives Sphinx a copy to compile instead."""


def _warn(kind: Kind, message: str, location: Any = None) -> None:
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=kind.value)


def _valid(codes: object, setting: str) -> list[str]:
    """The language codes of a setting, each checked; a bad one is reported and left out."""
    if not isinstance(codes, (list, tuple)):
        _warn(Kind.UNKNOWN_LANGUAGE, f"conf.py: {setting} must be a list of language codes like ['es']")
        return []
    good = []
    for code in codes:
        try:
            names.locale(code)
        except names.UnknownLanguage as err:
            _warn(Kind.UNKNOWN_LANGUAGE, f"conf.py: {setting}: {err}; it is left out")
            continue
        if code not in good:
            good.append(code)
    return good


def site_of(config: Config) -> links.Site:
    source = config.source_language
    translations = [lang for lang in config.publication_languages if lang != source]
    current = config.language or source
    return links.Site(source, (source, *translations), current)


def is_translation(config: Config) -> bool:
    return bool(translated_from(config))


def use_compiled_catalogs(app: Sphinx, config: Config) -> None:
    """Sphinx compiles and reads the pages' catalogs from the build folder (:mod:`.compiled`);
    a catalog linked to a file outside the source folder is refused."""
    source, target = Path(app.srcdir, PAGES_LOCALES), Path(app.doctreedir, compiled.FOLDER)
    srcdir = Path(app.srcdir)
    theirs = [d for d in config.locale_dirs if not Path(srcdir, d).resolve().is_relative_to(srcdir.resolve())]
    config.locale_dirs = [str(target), *theirs]  # a folder in the source folder would be written into
    if not config.language:
        return
    found = catalog.found(source, config.language, srcdir)
    for path in found.outside:
        fix = ("copy the file into the source folder instead" if path.suffix == ".po" else
               "delete it: the build compiles its own .mo files from the .po files")
        logger.warning(f"the catalog is a link to {os.path.realpath(path)}, outside the source "
                       f"folder, so it is neither read nor written; {fix}",
                       location=f"{path}:1", type=SECURITY, subtype=Refused.FILE_OUTSIDE.value)
    for bad in compiled.mirror(found, source, target, config.language):
        logger.warning(f"the catalog has {bad.count} control character(s) (the first is "
                       f"U+{ord(bad.first):04X}) that no edition can hold; they are left out: "
                       "delete them from the file", location=f"{bad.po}:{bad.line}", type=SECURITY,
                       subtype=Refused.CONTROL_CHARACTER.value)
    compiled.compile_quietly(target, config.language, config.gettext_allow_fuzzy_translations,
                             config.source_encoding)


def configure(app: Sphinx, config: Config) -> None:
    """Settings that follow from the language of this build (before anything is read)."""
    use_compiled_catalogs(app, config)
    config.publication_languages = [
        code for code in _valid(config.publication_languages, "publication_languages")
        if code in (config.language, config.source_language) or catalog.has_catalogs(Path(app.srcdir), code)]
    config.translations_reviewed = _valid(config.translations_reviewed, "translations_reviewed")
    config.languages_site_url = config.languages_site_url or config.html_baseurl
    config.sitemap_locales = [None]  # alternates are ours: see languages.sitemap
    if getattr(config, "epub_basename", None):  # every language's book lands in one folder
        books = [f"{config.epub_basename}-{lang}.epub" for lang in config.publication_languages]
        config.epub_exclude_files = [*config.epub_exclude_files, f"{config.epub_basename}.epub", *books]
    if getattr(config, "epub_language", None) or config.language:  # BCP 47 in the OPF: zh-CN
        config.epub_language = names.hreflang(config.epub_language or config.language)
    if not is_translation(config):
        return
    language = config.language
    config.publication_site_folder = language + "/"
    from publication.glue import refill

    # editions/<v>/<lang>/, where this book and this PDF stay, and what their citation names
    refill(config, "epub_other_identifiers", "pdf_url", "pdf_citation")
    if config.html_baseurl:
        config.html_baseurl = config.languages_site_url.rstrip("/") + "/" + language + "/"
    for setting in ("epub_basename", "pdf_basename"):
        if getattr(config, setting, None):
            setattr(config, setting, f"{getattr(config, setting)}-{language}")
    if hasattr(config, "pdf_labels") and not config.pdf_labels:  # the PDF colophon's words
        config.pdf_labels = notice.pdf_labels(language)
    progress = language_progress(app, config)
    if language not in config.translations_reviewed:
        text, text_lang = notice.unreviewed(language, progress.percent)
        config.html_theme_options = {
            **config.html_theme_options,
            "announcement": f'<p class="{NOTICE_CLASS}" lang="{escape(names.hreflang(text_lang))}">'
                            f"{escape(text)}</p>"}


def language_progress(app: Sphinx, config: Config) -> catalog.Progress:
    """How complete this build's language is, from its ``.po`` files (problems reported)."""
    progress = catalog.progress(Path(app.srcdir, PAGES_LOCALES), config.language, Path(app.srcdir))
    for path, line, message in progress.problems:
        _warn(Kind.CATALOG, message + "; fix it or run `make translations`",
              f"{path}:{line or 1}")  # no docname yet: a bare path would be read as one
    return progress


class ComposeWords(SphinxTransform):
    """Each page's words composed (NFC, :mod:`.composed`), so the site's search finds words
    pasted decomposed; code, maths and raw HTML stay as written. Before Sphinx's Locale (20),
    so a catalog's messages, taken from the composed words, match."""

    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            words = str(text)
            if words.isascii() or text.parent is None or _in_code(text):
                continue
            if (done := composed.composed(words)) != words:
                text.parent.replace(text, nodes.Text(done))


def _in_code(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None and not isinstance(parent, _NOT_WORDS):
        parent = parent.parent
    return parent is not None


class MarkUntranslated(SphinxTransform):
    """A passage without translation is the source text: say its language, the page's own
    ``lang:`` if it has one (WCAG 3.1.2)."""

    default_priority = 960  # after Sphinx's Locale (20) and AddTranslationClasses (950)

    def apply(self, **kwargs: Any) -> None:
        from sphinx.builders.gettext import MessageCatalogBuilder

        if not is_translation(self.config) or issubclass(self.env._builder_cls, MessageCatalogBuilder):
            return
        own = own_language(self.env, self.config, self.env.docname)
        mark = "language-" + (own.tag if isinstance(own, pagelang.PageLanguage)
                              else names.hreflang(self.config.source_language))
        for node in self.document.findall(nodes.Element):
            if node.get("translated") is False and mark not in node["classes"]:
                node["classes"].append(mark)


def add_notice(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """ePub and PDF: the unreviewed-translation notice opens the book (the site has a banner)."""
    config = app.config
    if (app.builder.format == "html" and app.builder.name != "epub") or not is_translation(config):
        return
    if docname != config.root_doc or config.language in config.translations_reviewed:
        return
    text, text_lang = notice.unreviewed(config.language, language_progress(app, config).percent)
    note = nodes.note("", nodes.paragraph(text, text), classes=[NOTICE_CLASS])
    if text_lang != config.language:
        note["classes"].append("language-" + names.hreflang(text_lang))
    section = doctree.next_node(nodes.section)
    if section is None:
        doctree.insert(0, note)
    else:
        title = 1 if section.children and isinstance(section[0], nodes.title) else 0
        section.insert(title, note)


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Website: the switcher, hreflang alternates and the page's direction."""
    if app.builder.name == "epub":
        return
    if not app.config.publication_languages:
        link_twins(app, pagename, context)
        return
    site = site_of(app.config)
    uri = app.builder.get_target_uri(pagename)
    context["language_switcher"] = links.switcher(site, uri)
    context["metatags"] = context.get("metatags", "") + links.alternates(
        site, uri, app.config.languages_site_url)
    if names.direction(site.current) == "rtl":
        # Furo's base.html writes lang="{{ language }}" into <html> and has no block for its
        # attributes; the code is checked by names.locale, so this adds exactly dir="rtl".
        context["language"] = f'{names.hreflang(site.current)}" dir="rtl'


def twins_of(app: Sphinx) -> dict[str, list[tuple[str, str]]]:
    """:func:`.links.twins` of this build's pages, found once a build: every page's language
    is known when pages are written."""
    env, builder = app.env, app.builder
    found = getattr(builder, "languages_twins", None)
    if found is None:
        source = pagelang.tag_of(app.config.source_language or "en")
        srcdir = Path(env.srcdir).resolve()
        pages = {d: (page_language(env, d).tag if page_language(env, d) else source) for d in env.found_docs
                 if Path(env.doc2path(d)).resolve().is_relative_to(srcdir)}  # not a generated landing
        found = builder.languages_twins = links.twins(pages, source)
    return found


def link_twins(app: Sphinx, pagename: str, context: dict) -> None:
    """Website: a page of an old multilingual site with copies in other languages
    (:func:`.links.twins`: ``es/about`` beside ``about``) gets the translations' switcher
    and ``hreflang`` alternates, so a reader finds their language and back."""
    builder = app.builder
    copies = twins_of(app).get(pagename)
    if not copies:
        return
    publication = app.config.source_language or "en"
    up = "../" * builder.get_target_uri(pagename).count("/")  # as links.Site: from the top, the page's own too

    def relative(docname: str) -> str:
        return up + builder.get_target_uri(docname)

    context["language_switcher"] = links.nav(
        [(tag, relative(docname), docname == pagename) for tag, docname in copies], publication)
    top = app.config.languages_site_url

    def href(docname: str) -> str:
        return top.rstrip("/") + "/" + builder.get_target_uri(docname) if top else relative(docname)

    default = next((docname for tag, docname in copies if tag == pagelang.tag_of(publication)), None)
    context["metatags"] = context.get("metatags", "") + links.link_tags(
        [(tag, href(docname)) for tag, docname in copies], href(default) if default else None)


class PageLanguages(EnvironmentCollector):
    """Keeps ``env.page_languages``: each page whose ``lang:`` is another language than the
    one the pages are written in, as :class:`.pagelang.PageLanguage`; a ``lang:`` that is no
    language is said. A translated build keeps none: its pages are in its language, and
    :class:`MarkUntranslated` gives their untranslated passages the page's own."""

    def clear_doc(self, app: Any, env: Any, docname: str) -> None:
        getattr(env, "page_languages", {}).pop(docname, None)

    def merge_other(self, app: Any, env: Any, docnames: set[str], other: Any) -> None:
        theirs = getattr(other, "page_languages", {})
        _page_languages(env).update({d: theirs[d] for d in docnames if d in theirs})

    def get_outdated_docs(self, app: Any, env: Any, added: set[str], changed: set[str],
                          removed: set[str]) -> list[str]:
        """A page of a language folder that says no ``lang:`` takes its language from the
        other pages (:func:`.pagelang.folder_language`: a twin beside it): when pages come or
        go, it is read again, so an incremental build gives it the language a clean one does."""
        if not (added or removed) or is_translation(app.config):
            return []
        return [d for d in sorted(env.found_docs) if d not in added and d not in changed
                and pagelang.in_language_folder(d) and _declared_at(env, d) is None]

    def process_doc(self, app: Any, doctree: nodes.document) -> None:
        docname = app.env.docname
        found = own_language(app.env, app.config, docname)
        if not is_translation(app.config):
            source = pagesource.read(Path(app.env.doc2path(docname)))
            if (two := pagelang.disagreeing(source.data, source.key_lines)) is not None:
                _warn(Kind.TWO_LANGUAGES, two.message, (docname, two.line))
        if found is None and not is_translation(app.config) and "/" in docname \
                and _declared_at(app.env, docname) is None:
            found = folder_language(app, docname, doctree)
        if isinstance(found, pagelang.Problem):
            _warn(Kind.PAGE_LANGUAGE, found.message, (docname, found.line))
        elif found is not None and not is_translation(app.config):
            _page_languages(app.env)[docname] = found
            mark_toc_entries(app.env, docname, found.tag)
            if (line := _declared_at(app.env, docname)) is not None and (mismatch := pagelang.script_problem(
                    words_of(doctree), found, *line)) is not None:
                _warn(Kind.PAGE_SCRIPT, mismatch.message, (docname, mismatch.line))


def folder_language(app: Any, docname: str, doctree: nodes.document) -> pagelang.PageLanguage | None:
    """A page without ``lang:`` in a folder of a language's copies (:func:`.pagelang.
    folder_language`) is in that language; said, with the line that says so."""
    publication = app.config.source_language or "en"
    found = pagelang.folder_language(docname, app.env.found_docs, words_of(doctree), publication)
    if found is not None:
        folder = docname.partition("/")[0]
        from babel import Locale

        name = Locale("en").languages.get(found.language, found.tag)
        _warn(Kind.FOLDER_LANGUAGE,
              f"the page says no `lang:` and is in '{folder}/', a folder of {name} pages: every edition "
              f"marks it {name} ({found.tag}). Write `lang: {found.tag}` in its front matter to say so "
              f"(or `lang: {pagelang.tag_of(publication)}` if it is not in {name})", (docname, 1))
    return found


_NOT_WORDS = (nodes.literal_block, nodes.literal, nodes.raw, nodes.comment, nodes.math, nodes.math_block)


def words_of(doctree: nodes.document, at_most: int = 20_000) -> str:
    """The page's words as readers read them: its code, maths and raw HTML left out (code
    is in Latin letters whatever the page's language)."""
    parts: list[str] = []
    length = 0
    for text in doctree.findall(nodes.Text):
        parent = text.parent
        while parent is not None and not isinstance(parent, _NOT_WORDS):
            parent = parent.parent
        if parent is None:
            parts.append(text.astext())
            length += len(parts[-1])
            if length >= at_most:
                break
    return " ".join(parts)


def _declared_at(env: Any, docname: str) -> tuple[int, str] | None:
    """The line of the page's own ``lang:`` (or ``locale:``) and its value; None when its
    language came from ``_config.yml``, which says it for many pages."""
    source = pagesource.read(Path(env.doc2path(docname)))
    found = pagelang.declared(source.data)
    return None if found is None else (source.key_lines.get(found[0], 1), str(found[1]))


def own_language(env: Any, config: Config, docname: str) -> pagelang.PageLanguage | pagelang.Problem | None:
    """The page's ``lang:`` (or ``locale:``, or a ``language:`` naming one) when it is not
    the language the pages are written in; on an old Jekyll site without one, the language ``_config.yml`` gives it
    (checked once: :func:`check_site_languages`), unless that is the pages' own."""
    from jekyll_compat import language_given

    path = Path(env.doc2path(docname))
    source = pagesource.read(path)
    publication = config.source_language or "en"
    if (declared := pagelang.declared(source.data)) is not None:
        key, value = declared
        return pagelang.read(value, source.key_lines.get(key, 1), publication, key)
    srcdir = Path(env.srcdir)
    if not (srcdir / "_config.yml").is_file():
        return None
    if getattr(env, "docname", None) == docname:
        env.note_dependency(str(srcdir / "_config.yml"))  # a `lang:` added there reaches this page
    found = pagelang.read(language_given(srcdir, path), 1, publication)
    if not isinstance(found, pagelang.PageLanguage) or found.language == pagelang.tag_of(publication).split("-")[0]:
        return None  # `lang: en-US` on an English site says nothing new
    return found


def check_site_languages(app: Sphinx) -> None:
    """``builder-inited``: a ``lang:``/``locale:`` in an old site's ``_config.yml`` that is no
    language code is said once, at its line (its pages keep the publication's language)."""
    from jekyll_compat import site_languages

    srcdir = Path(app.srcdir)
    if is_translation(app.config) or not (srcdir / "_config.yml").is_file():
        return
    for value, line in site_languages(srcdir):
        found = pagelang.read(value, line, app.config.source_language or "en")
        if isinstance(found, pagelang.Problem):
            _warn(Kind.PAGE_LANGUAGE, f"in _config.yml, {found.message}", f"{srcdir / '_config.yml'}:{line}")


def mark_toc_entries(env: Any, docname: str, tag: str) -> None:
    """The page's entries in every table of contents (the sidebar, a landing's list) say its
    language: ``language-<tag>`` becomes ``lang`` on their links. ``env.tocs`` is replaced,
    never changed in place (:mod:`buildcache.pagepickles`)."""
    if docname not in env.tocs:
        return
    toc = env.tocs[docname].deepcopy()
    for reference in toc.findall(nodes.reference):
        reference["classes"].append("language-" + tag)
    env.tocs[docname] = toc


def _page_languages(env: Any) -> dict[str, pagelang.PageLanguage]:
    if not hasattr(env, "page_languages"):
        env.page_languages = {}
    return env.page_languages


def page_language(env: Any, docname: str) -> pagelang.PageLanguage | None:
    """The language a page says it is in, when not the one the pages are written in."""
    return getattr(env, "page_languages", {}).get(docname)


def mark_page_language(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Site: the page's language on ``<html>`` (WCAG 3.1.1) and ``page_lang``/``page_dir`` for
    the article (``_templates/page.html``); the site's own parts say the publication's
    (:func:`mark_site_parts`). (The ePub's chapter is the page alone: epub_edition puts its
    language on ``<html>``.)"""
    if doctree is None or app.builder.name == "epub":
        return
    found = page_language(app.env, pagename)
    if found is not None:
        context["page_lang"], context["page_dir"] = found.tag, found.direction
        # Furo's base.html has no block for <html>'s attributes: the tag is checked
        # (pagelang.read), so this adds exactly dir="rtl" (as page_context does).
        context["language"] = found.tag + ('" dir="rtl' if found.direction == "rtl" else "")
        publication = names.hreflang(app.config.language or app.config.source_language or "en")
        context["publication_lang"], context["publication_dir"] = publication, names.direction(publication)
        if "language_switcher" in context:  # the switcher's label is in the site's language
            context["language_switcher"] = context["language_switcher"].replace(
                '<nav class="language-switcher"',
                f'<nav class="language-switcher" lang="{escape(publication)}" dir="{names.direction(publication)}"', 1)
    mark_neighbour_titles(app, pagename, context)


def mark_site_parts(app: Sphinx) -> None:
    """``builder-inited``: wrap the site builder's ``templates.render`` so a page in another
    language has Furo's own parts in the publication's language (:mod:`.chrome`)."""
    templates = getattr(app.builder, "templates", None)
    if app.builder.format != "html" or app.builder.name == "epub" or templates is None \
            or getattr(templates, "languages_site_parts", False):
        return
    render = templates.render

    def render_marked(template: str, context: dict[str, Any]) -> str:
        html = render(template, context)
        if context.get("page_lang") and context.get("publication_lang"):
            html, _missing = chrome.mark(html, context["publication_lang"], context["publication_dir"])
        return html

    templates.render = render_marked
    templates.languages_site_parts = True


def mark_neighbour_titles(app: Sphinx, pagename: str, context: dict) -> None:
    """Furo's "Previous"/"Next" links show the neighbour's title: in its own language."""
    related = getattr(app.builder, "relations", {}).get(pagename)
    if not related:
        return
    for key, docname in (("prev", related[1]), ("next", related[2])):
        found = page_language(app.env, docname) if docname else None
        link = context.get(key)
        if found is not None and isinstance(link, dict) and link.get("title"):
            context[key] = {**link, "title": f'<span lang="{escape(found.tag)}" dir="{found.direction}">{link["title"]}</span>'}


def translate_furo_labels(app: Sphinx) -> None:
    """``builder-inited``: see :mod:`.furo_words`."""
    if is_translation(app.config) and app.builder.format == "html" and hasattr(app.builder, "templates"):
        furo_words.translate_rendered_pages(app.builder.templates)


def finish_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.name == "epub" or app.builder.format != "html":
        return
    path = Path(app.outdir, app.config.sitemap_filename)
    if app.config.publication_languages and app.config.languages_site_url and path.is_file():
        sitemap.add_alternates(path, site_of(app.config), app.config.languages_site_url)
    if path.is_file() and not is_translation(app.config) and (found := twins_of(app)):
        sitemap.add_twins(path, {sitemap_address(app, docname): [(tag, sitemap_address(app, twin))
                                                                 for tag, twin in copies]
                                 for docname, copies in found.items()},
                          pagelang.tag_of(app.config.source_language or "en"))


def sitemap_address(app: Sphinx, docname: str) -> str:
    """The page's ``<loc>`` as sphinx-sitemap wrote it (its ``site_url``, ``sitemap_url_scheme``)."""
    from urllib.parse import quote

    from website.sitemap import _link

    config = app.config
    site_url = getattr(config, "site_url", None) or config.html_baseurl or ""
    version = config.version + "/" if config.version else ""
    lang = config.language + "/" if config.language else ""
    return site_url + config.sitemap_url_scheme.format(lang=lang, version=version,
                                                        link=quote(_link(app, docname), safe="/~"))


def refuse_language_folders(app: Sphinx, env: Any, added: set[str], changed: set[str],
                            removed: set[str]) -> list[str]:
    """``env-get-outdated``, before the outline: pages in a top folder named as a translation
    this build publishes (``es/index.md``) would be overwritten by that site, or overwrite it.
    A translation leaves them out too, unsaid (the source language said it): its editions hold
    the pages the source language's hold, not a twin beside a page's translation."""
    folders = {lang for lang in app.config.publication_languages if lang != app.config.source_language}
    for docname in sorted(env.found_docs):
        top = docname.split("/", 1)[0]
        if "/" in docname and top in folders and is_translation(app.config):
            env.found_docs.discard(docname)
            added.discard(docname)
            changed.discard(docname)
        elif "/" in docname and top in folders:
            logger.warning(f"'{top}/' is where the {names.own_name(top)} ({top}) edition of the site is "
                           f"published, so the pages in this folder are not: rename the folder",
                           location=(docname, 1), type=WARNING_TYPE,
                           subtype=Kind.LANGUAGE_FOLDER.value, once=True)
            env.found_docs.discard(docname)
            added.discard(docname)
            changed.discard(docname)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("publication")  # publication_site_folder: where a translation's site sits
    # The language the pages are written in; its site is the top folder.
    app.add_config_value("source_language", "en", "env", [str])
    # The translations, built with `make all` and `make translations`: e.g. ["es"].
    app.add_config_value("publication_languages", [], "env", [list])
    # Translations a person has reviewed; any other carries an "unreviewed" notice.
    app.add_config_value("translations_reviewed", [], "env", [list])
    # The address of the top (source-language) site; default html_baseurl.
    app.add_config_value("languages_site_url", "", "html", [str])
    app.connect("config-inited", configure, priority=600)  # after citation fills html_baseurl
    app.connect("config-inited", fix_chinese_search)
    app.connect("config-inited", search_cjk_words)
    app.connect("env-get-outdated", refuse_language_folders, priority=110)  # before the outline
    app.add_transform(ComposeWords)
    app.add_transform(MarkUntranslated)
    app.connect("doctree-resolved", add_notice)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", mark_page_language)
    app.add_env_collector(PageLanguages)
    app.connect("builder-inited", translate_furo_labels)
    app.connect("builder-inited", mark_site_parts)
    app.connect("builder-inited", check_site_languages)
    app.connect("build-finished", finish_sitemap, priority=900)  # after sphinx-sitemap writes
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
