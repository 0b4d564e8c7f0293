"""Sphinx glue: no page reads a file outside the source folder (or ``safe_include_paths``).

Every route from a page to a file is guarded before the file is opened: the directives
that read files at parse time (``include`` in rST and MyST, ``literalinclude``,
``csv-table``/``raw`` with ``:file:``) check their path first, and a transform removes
images and downloads that point outside before Sphinx's collectors copy them into the
site. ``:url:`` on ``csv-table``/``raw`` (the build machine fetching any address) is refused.
"""

from __future__ import annotations

import glob
import html
import os
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.parsers.rst.directives.misc import Raw
from docutils.parsers.rst.directives.tables import CSVTable
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from . import data_pictures, filetypes, pixels, svg, urls
from .data_pictures import data_picture_problem
from .names import unportable_file_message
from .paths import hidden_message, hidden_part, is_inside, not_a_file, refused, resolve
from .problems import WARNING_TYPE, Kind, cut

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def warn(message: str, location: Any, kind: Kind) -> None:
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=kind.value)


def allowed_folders(env: BuildEnvironment) -> list[Path]:
    """``safe_include_paths`` from conf.py, relative to the folder of conf.py."""
    return [Path(env.app.confdir, folder) for folder in env.config.safe_include_paths]


def may_read(directive: Directive, reference: str, *, root_is_source: bool) -> bool:
    """Check one path a directive is about to read; warn at its line when refused."""
    env = directive.state.document.settings.env
    if root_is_source:
        base = Path(env.doc2path(env.docname)).parent
    else:
        base = Path(directive.state.document.current_source or env.doc2path(env.docname)).parent
    why = refused(reference, base, Path(env.srcdir), allowed_folders(env),
                  root_is_source=root_is_source)
    if why:
        warn(f"{directive.name}: {why}", (env.docname, directive.lineno), Kind.FILE_OUTSIDE)
        return False
    path = resolve(reference, base, Path(env.srcdir), root_is_source=root_is_source)
    if (part := hidden_part(path, Path(env.srcdir))) is not None:
        warn(f"{directive.name}: {hidden_message(reference, part)}", (env.docname, directive.lineno),
             Kind.HIDDEN_FILE)
        return False
    if path is not None and (special := not_a_file(path)):
        warn(f"{directive.name}: {special}", (env.docname, directive.lineno), Kind.NOT_A_FILE)
        return False
    return True


class GuardedLiteralInclude(LiteralInclude):
    """``literalinclude`` that reads only allowed files (its ``:diff:`` file too)."""

    def run(self) -> list[nodes.Node]:
        paths = [self.arguments[0], *([self.options["diff"]] if "diff" in self.options else [])]
        if all(may_read(self, path, root_is_source=True) for path in paths):
            return super().run()
        return []


class _DocutilsFileGuard:
    """``:file:`` read as docutils does (relative to the page); ``:url:`` refused."""

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        if "url" in self.options:
            warn(f"{self.name}: `:url:` is refused: the build would fetch "
                 f"{self.options['url']!r} from the build machine and publish the answer; "
                 "save the data in a file in the source folder and use `:file:`",
                 (env.docname, self.lineno), Kind.REMOTE_FILE)
            return []
        if "file" in self.options and not may_read(self, self.options["file"], root_is_source=False):
            return []
        try:
            return super().run()
        except UnicodeError as error:  # docutils lets a wrong `:encoding:` through: a traceback
            raise self.error(f'"{self.name}": {self.options.get("file", "its data")!r} cannot be read '
                             f"as {self.options.get('encoding', 'utf-8')!r} text ({error.reason}); give "
                             "its real `:encoding:` (usually utf-8), or remove the option") from None


class GuardedCSVTable(_DocutilsFileGuard, CSVTable):
    """``csv-table`` whose ``:file:`` must be allowed and which never fetches ``:url:``."""


class GuardedRaw(_DocutilsFileGuard, Raw):
    """``raw`` whose ``:file:`` must be allowed and which never fetches ``:url:``."""


MAX_INCLUDE_DEPTH = 10
"""How deep includes may nest (a page that includes a part that includes another ...)."""
MAX_INCLUDES = 1000
"""How many includes one page may run in all (ten files that include the next ten times
each would be ten billion copies)."""


class _Includes:
    """The files a page is including now (the page first) and how many it has included."""

    def __init__(self, page: Path) -> None:
        self.open, self.count, self.told_count = [page], 0, False


def _include_problem(includes: _Includes, path: Path | None, reference: str) -> str | None:
    if path is not None and path in includes.open:
        chain = " -> ".join(p.name for p in [*includes.open, path])
        return (f"include: {reference!r} is already being included ({chain}), so it would "
                "include itself for ever; it is not read. Remove the include that leads back")
    if len(includes.open) > MAX_INCLUDE_DEPTH:
        return (f"include: {reference!r} is nested {len(includes.open)} includes deep (at most "
                f"{MAX_INCLUDE_DEPTH}); it is not read. Include the file from the page itself")
    if includes.count >= MAX_INCLUDES:
        return (f"include: {reference!r} is past the {MAX_INCLUDES:,} includes one page may "
                "run; it is not read. Include each file once, or split the page")
    return None


class GuardedInclude(Directive):
    """``include`` for rST and MyST pages that reads only allowed files.

    Deliberately no subclass of docutils' ``Include``: MyST runs those through its own
    ``MockIncludeDirective``, which would skip this check. After the check the real
    directive runs (MyST's for Markdown pages, Sphinx's for rST).
    """

    required_arguments = Include.required_arguments
    optional_arguments = Include.optional_arguments
    final_argument_whitespace = Include.final_argument_whitespace
    option_spec = Include.option_spec
    has_content = Include.has_content

    def run(self) -> list[nodes.Node]:
        argument = self.arguments[0]
        standard = argument.startswith("<") and argument.endswith(">")
        if standard and not self._standard_file_allowed(argument):
            return []
        if not standard and not may_read(self, argument, root_is_source=True):
            return []
        env = self.state.document.settings.env
        includes = env.temp_data.setdefault(  # Sphinx clears temp_data after each page
            "safety_includes", _Includes(Path(os.path.realpath(env.doc2path(env.docname)))))
        path = None if standard else resolve(argument, Path(env.doc2path(env.docname)).parent,
                                             Path(env.srcdir), root_is_source=True)
        if path is not None and not os.path.isfile(path):  # one line, not docutils' two (rST)
            raise self.severe(f'Directive "{self.name}": file not found: {str(path)!r}; add the '
                              'file to the source folder, or remove the directive')
        why = _include_problem(includes, path, argument)
        if why:
            if not (includes.told_count and includes.count >= MAX_INCLUDES):  # one warning for them all
                warn(why, (env.docname, self.lineno), Kind.INCLUDE_LIMIT)
            includes.told_count = includes.count >= MAX_INCLUDES
            return []
        includes.open.append(path or Path(argument))
        includes.count += 1
        try:
            return self._include()
        finally:
            includes.open.pop()

    def _standard_file_allowed(self, argument: str) -> bool:
        """``<isonum.txt>``: one of docutils' own definition files, read from its folder;
        ``<../../etc/passwd>`` walked out of it to any file of the machine."""
        folder = Path(Include.standard_include_path)
        path = resolve(argument[1:-1], folder, folder, root_is_source=False)
        if path is not None and is_inside(path, [folder]) and os.path.isfile(path):
            return True
        env = self.state.document.settings.env
        warn(f"{self.name}: {argument!r} is not one of docutils' standard definition files "
             f"(such as <isonum.txt>), so it is not read; name a file inside the source folder",
             (env.docname, self.lineno), Kind.FILE_OUTSIDE)
        return False

    def _include(self) -> list[nodes.Node]:
        renderer = getattr(self.state, "_renderer", None)
        if renderer is not None:  # a MyST page: its state is a mock that only MyST's include knows
            from myst_parser.mocking import MockIncludeDirective

            return MockIncludeDirective(renderer, self.name, Include, self.arguments, self.options,
                                        list(self.content), self.lineno).run()
        return Include(self.name, self.arguments, self.options, self.content, self.lineno,
                       self.content_offset, self.block_text, self.state, self.state_machine).run()


def replace_by_alt(node: nodes.image) -> None:
    """The image's words stay (its alt text); the file is never copied."""
    alt = node.get("alt", "")
    text = nodes.inline(alt, alt) if isinstance(node.parent, nodes.TextElement) \
        else nodes.paragraph(alt, alt)
    node.replace_self(text if alt else [])


def image_files(uri: str, base: Path, srcdir: Path) -> list[Path]:
    """The files an image reference may publish: ``map.*`` lets each builder pick one of
    ``map.svg``, ``map.png`` …, so every candidate is one."""
    path = srcdir.joinpath(*Path(uri).parts[1:]) if Path(uri).parts[:1] == ("/",) else base / uri
    if path.name.endswith(".*"):
        return sorted(path.parent.glob(glob.escape(path.name[:-1]) + "*"))
    return [path]


def svg_problems(uri: str, base: Path, srcdir: Path) -> list[str]:
    """Why a local SVG or SVGZ image is unsafe (empty for other images and safe SVGs)."""
    found = [why for path in image_files(uri, base, srcdir) for why in svg.file_problems(path)]
    return list(dict.fromkeys(found))


def pixel_problem(uri: str, base: Path, srcdir: Path) -> str | None:
    """Why a local picture is too large to publish (:mod:`.pixels`), or ``None``."""
    for path in image_files(uri, base, srcdir):
        if path.suffix.lower() not in svg.SUFFIXES and (why := pixels.too_many_pixels(path)):
            return why
    return None


def no_picture(uri: str, base: Path, srcdir: Path) -> str | None:
    """Why a local picture (each ``map.*`` candidate) holds no picture (:mod:`.filetypes`)."""
    for path in image_files(uri, base, srcdir):
        if why := filetypes.no_picture_inside(path):
            return why
    return None


def special_file(uri: str, base: Path, srcdir: Path, *, picture: bool) -> str | None:
    """Why a picture (each ``map.*`` candidate) or download is no file to copy, or None."""
    download = srcdir.joinpath(*Path(uri).parts[1:]) if uri.startswith("/") else base / uri
    for path in image_files(uri, base, srcdir) if picture else [download]:
        if why := not_a_file(path):
            return why
    return None


def active_file(uri: str, base: Path, srcdir: Path, *, picture: bool) -> str | None:
    """The file a picture or download would publish that a browser would run, or None."""
    for path in image_files(uri, base, srcdir) if picture else [base / uri]:
        if not path.name.endswith(".*") and filetypes.runs_in_browser(path, picture=picture):
            return path.name
    return None


def without_query(uri: str, base: Path, srcdir: Path) -> str:
    """A local picture's address without its ``?query`` or ``#fragment``, as a browser reads
    it (GitHub's ``diagram.png?raw=true``, a cache-buster ``?v=2``): the file is the part
    before them, unless a file is named with them."""
    cut = min((i for i in (uri.find("?"), uri.find("#")) if i > 0), default=-1)
    if cut < 0:
        return uri
    literal = srcdir.joinpath(*Path(uri).parts[1:]) if uri.startswith("/") else base / uri
    try:
        if literal.exists():
            return uri
    except (OSError, ValueError):
        pass
    return uri[:cut]


def _web_address(uri: str) -> bool:
    """``http://`` or ``https://``, as a browser reads the scheme: a picture or download on
    another site is linked, and ``javascript://%0aalert(1)`` (a comment, then a script) or
    ``file:///etc/passwd`` must not be."""
    return urls.scheme_of(uri) in ("http", "https")


def _refused_scheme(uri: str, base: Path) -> bool:
    """A picture at ``JaVaScRiPt:alert(1)`` or ``vbscript:x`` (no ``//``): a browser reads its
    scheme, no file of the pages has that name. It was looked for as a file ("cannot be
    found: add the picture as 'JaVaScRiPt:…'") and the PDF called it a picture on another
    site: two warnings, both wrong. A file named so (``a:b.png``) is still a picture."""
    scheme = urls.scheme_of(uri)
    if scheme is None and "&" in uri:  # `&#106;avascript:`, as a browser reads it in an attribute
        scheme = urls.scheme_of(html.unescape(uri))
    if scheme is None or len(scheme) == 1 or scheme in ("http", "https", "data"):
        return False  # ``C:\\Users\\…``: a drive, said as a missing file with its name
    try:
        return not (base / uri).exists()
    except (OSError, ValueError):
        return True


class RefuseOutsideFiles(SphinxTransform):
    """Images and downloads that point outside, and unsafe SVGs, are shown as their text."""

    default_priority = 100  # before Sphinx's image and download collectors (doctree-read)

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        base = Path(env.doc2path(env.docname)).parent
        allowed = allowed_folders(env)
        for node in list(self.document.findall(nodes.image)):
            uri = node.get("uri", "")
            if uri.startswith("data:") and (problem := data_picture_problem(uri)):
                kind = {data_pictures.UNSAFE_SVG: Kind.SVG,
                        data_pictures.TOO_LARGE: Kind.PICTURE_SIZE}.get(problem[0], Kind.URL_SCHEME)
                warn(f"the picture {uri[:40]!r} is not shown: {problem[1]}; its alt text is shown "
                     "instead", node, kind)
                replace_by_alt(node)
                continue
            if ("://" in uri or _refused_scheme(uri, base)) and not _web_address(uri):
                read = html.unescape(uri)
                warn(f"the picture {cut(uri)!r} is not shown: "
                     + (f"a browser reads its character references, as {cut(read)!r}; "
                        if read != uri else "")
                     + "only a picture at an http or https address can be linked; its alt text is "
                       "shown instead", node, Kind.URL_SCHEME)
                replace_by_alt(node)
                continue
            if not uri or "://" in uri or uri.startswith("data:"):
                continue
            if uri != (uri := without_query(uri, base, Path(env.srcdir))):
                node["uri"] = uri
            why = refused(uri.replace("*", "x"), base, Path(env.srcdir), allowed)
            if why:
                warn(f"image {why}", node, Kind.FILE_OUTSIDE)
                replace_by_alt(node)
                continue
            if special := special_file(uri, base, Path(env.srcdir), picture=True):
                warn(f"the picture {uri!r} is not published: {special}; its alt text is shown "
                     "instead", node, Kind.NOT_A_FILE)
                replace_by_alt(node)
                continue
            if active := active_file(uri, base, Path(env.srcdir), picture=True):
                how = filetypes.how_it_runs(PurePath(active), picture=True) or ""
                server = not how.startswith("a browser")
                warn(f"the picture {uri!r} is not published: " + (
                     f"{how}. Save it as a PNG, JPEG, GIF, WebP or SVG named for its kind"
                     if server else f"{active!r} is no picture, and a browser would open it as a "
                     "page of the site (a script in it would run there). Use a PNG, JPEG, GIF, "
                     "WebP or SVG") + "; its alt text is shown instead", node, Kind.ACTIVE_FILE)
                replace_by_alt(node)
                continue
            if empty := no_picture(uri, base, Path(env.srcdir)):
                warn(f"the picture {uri!r} is not published: {empty}; its alt text is shown "
                     "instead", node, Kind.NOT_A_PICTURE)
                replace_by_alt(node)
                continue
            unsafe = svg_problems(uri, base, Path(env.srcdir))
            if unsafe:
                warn(f"the SVG image {uri!r} is not published: {'; '.join(unsafe)}. Export it "
                     "again as a plain drawing (or as PNG); its alt text is shown instead",
                     node, Kind.SVG)
                replace_by_alt(node)
            elif too_large := pixel_problem(uri, base, Path(env.srcdir)):
                warn(f"the picture {uri!r} is not published: {too_large}; its alt text is shown "
                     "instead", node, Kind.PICTURE_SIZE)
                replace_by_alt(node)
            elif said := unportable_file_message(uri.replace("*", ""), "picture"):  # *: any kind
                warn(said, node, Kind.PORTABLE_NAME)
        for node in list(self.document.findall(addnodes.download_reference)):
            target = node.get("reftarget", "")
            if "://" in target and not _web_address(target):
                warn(f"the download {cut(target)!r} is not linked: only a file at an http or https "
                     "address can be; its words are shown instead", node, Kind.URL_SCHEME)
                node.replace_self(nodes.inline(node.astext(), node.astext()))
                continue
            if "://" in target:
                continue
            why = refused(target, base, Path(env.srcdir), allowed)
            if why:
                warn(f"download {why}", node, Kind.FILE_OUTSIDE)
            elif why := special_file(target, base, Path(env.srcdir), picture=False):
                warn(f"the download {target!r} is not published: {why}; its words are shown "
                     "instead", node, Kind.NOT_A_FILE)
            elif active := active_file(target, base, Path(env.srcdir), picture=False):
                why = active
                how = filetypes.how_it_runs(PurePath(active), picture=False)
                warn(f"the download {target!r} is not published: {how}. Offer it zipped (a map "
                     "as .kmz), or as plain text named with no such suffix (.txt); its words are "
                     "shown instead", node, Kind.ACTIVE_FILE)
            elif (hidden := hidden_part(resolve(target, base, Path(env.srcdir), root_is_source=True),
                                        Path(env.srcdir))) is not None:
                why = hidden_message(target, hidden)  # after active-file: `.htaccess` is said as that
                warn(f"the download {why}; its words are shown instead", node, Kind.HIDDEN_FILE)
            elif unsafe := svg_problems(target, base, Path(env.srcdir)):
                why = "; ".join(unsafe)
                warn(f"the SVG file {target!r} is not published: {why}", node, Kind.SVG)
            if why:
                node.replace_self(nodes.inline(node.astext(), node.astext()))
            elif said := unportable_file_message(target, "download"):
                warn(said, node, Kind.PORTABLE_NAME)


def setup(app: Sphinx) -> None:
    app.add_config_value("safe_include_paths", [], "env", types=[list, tuple])
    app.add_directive("literalinclude", GuardedLiteralInclude, override=True)
    app.add_directive("include", GuardedInclude, override=True)
    app.add_directive("csv-table", GuardedCSVTable, override=True)
    app.add_directive("raw", GuardedRaw, override=True)
    app.add_transform(RefuseOutsideFiles)
