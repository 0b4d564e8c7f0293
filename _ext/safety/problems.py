"""What the safety extension refuses, one warning subtype each.

Each member's value is the warning subtype of ``security``, so a project can silence one
kind with ``suppress_warnings = ["security.<value>"]`` (which keeps the refusal, only
without the message).
"""

from __future__ import annotations

import enum

WARNING_TYPE = "security"


class Kind(enum.Enum):
    """What a page tried that the build refuses. Every value is a subtype of ``security``."""

    FILE_OUTSIDE = "file-outside"
    """A file reference (include, literalinclude, csv-table/raw ``:file:``, image, download)
    resolves outside the source folder (symlinks followed) and outside ``safe_include_paths``:
    nothing of it is read or published."""

    REMOTE_FILE = "remote-file"
    """``:url:`` on ``csv-table`` or ``raw``: the build machine would fetch any address (also
    inside the City's network) and publish the answer. Refused; put the data in a file."""

    URL_SCHEME = "url-scheme"
    """A link whose scheme is not http, https, mailto or tel (``javascript:``, ``data:``,
    ``vbscript:``, ``file:`` ...): it becomes its text, in every edition. A picture's
    ``data:`` address that holds no picture (no comma and bytes, or another type): its alt
    text is shown."""

    UNREACHABLE_HOST = "unreachable-host"
    """A link that leads nowhere a reader can follow: an http(s) address with no host name a
    browser can look up (``https://.github.com/x``), a host or port no address can have
    (``https://exa mple.org``, ``:99999``), a ``mailto:`` with nothing after it: it becomes
    its text, in every edition (an ePub with it is invalid)."""

    TITLE_MARKUP = "title-markup"
    """A title (front-matter ``title`` or a heading) holds raw HTML; it is shown as the text
    that was written, in the page, the sidebar of every page, the ePub and the search."""

    SVG = "svg"
    """An SVG image with a script, an event handler, embedded HTML, entities or references to
    other files or hosts: it is not published (its alt text is shown instead)."""

    REMOTE_PICTURE = "remote-picture"
    """A picture on another site (``https://…``): the website shows a link to it with its
    description instead (the site loads nothing from other hosts)."""

    PAGE_NAME = "page-name"
    """A page's file name is one the site generates (``search``, ``genindex``, ``404``, the
    ePub's ``nav``), has control characters, or is too long to write: the page is not built.
    Also a page file Sphinx does not find (a line break in its name, a name not in composed
    Unicode, NFC, as a Mac may save it): said at the file, with the line break shown as ``\\n``."""

    NAME_CASE = "name-case"
    """Two page files (``About.md``, ``about.md``) or folders of pages (``Team/``, ``team/``)
    whose names differ only in case: on a host or zip reader that does not tell case apart
    (macOS, Windows, many web servers) one page replaces the other, or the folders mix. Both
    are built; the warning names both files."""

    SAME_PAGE = "same-page"
    """Two files that are one page (``a.md`` and ``a.mkd``; ``a.md`` and ``a.MD`` where the
    file system tells case apart): the old Jekyll site published both at one address, one
    over the other. One is kept by a fixed rule (``.md``, then ``.markdown``, ``.mkdown``,
    ``.mkdn``, ``.mkd``, a site's own; of one suffix, lower case first), the other is left
    out, said at its file."""

    INCLUDE_LIMIT = "include-limit"
    """An ``include`` of a file that is already being included (the page itself, directly or
    through other files), nested more than :data:`.files.MAX_INCLUDE_DEPTH` deep, or past
    :data:`.files.MAX_INCLUDES` on one page: it is not read (it would never end, or grow the
    page without bound)."""

    META_TAG = "meta-tag"
    """rST's ``.. meta::`` with an ``http-equiv`` field (``refresh`` sends every reader to
    another site): the tag is not written into the page's head."""

    PORTABLE_NAME = "portable-name"
    """A page's file name holds ``<``, ``>``, ``"``, ``|``, ``?``, ``*`` or ``\\``: Windows
    and many web hosts refuse the page's file, so the site cannot be copied there. The page
    is still published (its name is escaped wherever it is shown); said at its file."""

    EVENT_ATTRIBUTE = "event-attribute"
    """An event handler (``onclick``) in a Markdown attribute list, MyST's ``{onclick="…"}``
    or kramdown's ``{: onclick=…}``: no edition has it (nothing runs); said at its line."""

    CONTROL_CHARACTER = "control-character"
    """A page holds a control character (``U+0001``, an escape, ``U+FFFF`` …) that no XML can
    hold: the ePub was not well-formed and every edition showed or choked on it. It is left
    out; the rest of the line stays."""

    ACTIVE_FILE = "active-file"
    """A picture or download a browser would open as a page or run as a script (``.html``,
    ``.xhtml``, ``.xml``, ``.js`` …; a picture must be a picture): published on the site's own
    address, its script would run there, past the site's Content-Security-Policy (which
    trusts the site's own files). It is not published; its words are shown instead."""

    MAIL_ATTACHMENT = "mail-attachment"
    """A ``mailto:`` link that names a file to attach (``mailto:parks@austintexas.gov?attach=
    /etc/passwd``): some mail programs attach that file of the reader's computer to the
    message they write. The link is left out; its words stay."""

    NOT_A_PICTURE = "not-a-picture"
    """A file named as a picture (``.png``, ``.jpg`` …) that holds none: text, a web page, an
    SVG, an empty file. Browsers showed a broken picture, the PDF said it could not read it,
    and the ePub carried it without a word and was invalid (EPUBCheck PKG-021, MED-004). It
    is not published; its alt text is shown instead."""

    PICTURE_SIZE = "picture-size"
    """A local picture with more pixels than Pillow's decompression-bomb limit (a small file
    that decodes to gigabytes, in the build's Typst and in every reader's browser): it is not
    published, its alt text is shown instead. Also a ``:width:``/``:height:`` no page can have
    (``0.00001cm``, 400 digits), which stopped every writer: the picture keeps its own size."""

    NOT_A_FILE = "not-a-file"
    """A page, picture, download or included file is a named pipe, a device or a socket (only
    someone on the build machine makes one: Git stores none): opening it waits for ever, so
    the build stopped with no word. It is not read; the page is not built, a picture's alt
    text or a download's words are shown."""

    HIDDEN_FILE = "hidden-file"
    """A download or a file an ``include``, ``literalinclude``, ``csv-table`` or ``raw`` reads
    is hidden (``.env``, ``.npmrc``, ``.git/config``, which in a CI checkout holds its token):
    Jekyll and GitHub Pages never publish one, and each holds secrets. It is not read or
    published; a download's words are shown. Folders exports keep pages' files in
    (``.gitbook/``, ``.attachments/``, ``.github/``) are not hidden."""

    FOLDER_LOOP = "folder-loop"
    """A folder among the pages is a link to a folder it is in (``again`` → ``.``): Sphinx
    walked it again and again, publishing every page once per level down to the system's
    limit on links (``again/again/…/index``), without a word. It is not walked. (A link to a
    folder outside the pages is not walked either: ``file-outside``.)"""

    BROKEN_LINK = "broken-link"
    """A page's file is a link that leads to no file (its target moved or deleted, or links
    that lead round in a circle): Sphinx said "Ignored unreadable document", with no line
    and no type, as if it were a matter of permissions. The page is not read."""


def cut(text: str, limit: int = 200) -> str:
    """``text`` for a message: whole, or cut with a visible "…" (an address cut silently was
    taken for the real one)."""
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"
