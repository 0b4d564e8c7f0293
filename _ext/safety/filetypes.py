"""Which files a browser opens as a page of the site or runs as its script (plain Python).

The site's Content-Security-Policy trusts the site's own files (``script-src 'self'``), so a
page's download ``form.xhtml`` that loads a download ``pwn.js`` would run on the site's
address. A picture must be a picture; a download must not be a page or a script. SVGs are
read for scripts on their own (:mod:`.svg`).
"""

from __future__ import annotations

from pathlib import Path, PurePath

PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".svgz",
                              ".bmp", ".ico", ".tif", ".tiff", ".pdf"})
ACTIVE_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".xht", ".xml", ".xsl", ".xslt",
                             ".js", ".mjs", ".cjs", ".swf", ".hta", ".mht", ".mhtml"})


XML_SUFFIXES = frozenset({
    ".rss", ".atom", ".rdf", ".owl", ".mathml", ".mml", ".kml", ".gpx", ".gml", ".xsd", ".wsdl",
    ".xspf", ".xul", ".xbl", ".xlf", ".xliff", ".ttml", ".smil", ".smi", ".rsd", ".xaml",
    ".x3d", ".dae", ".rng", ".dbk", ".tei", ".vxml", ".ssml", ".grxml", ".pls", ".xop", ".xpl"})
"""Served as an XML type (``application/rss+xml``, ``…kml+xml``): a browser shows the file as a
document and runs an XHTML ``<script>`` in it, as in ``.xml``."""
SERVER_SUFFIXES = frozenset({
    ".php", ".php3", ".php4", ".php5", ".php7", ".php8", ".phtml", ".pht", ".phar", ".cgi",
    ".asp", ".aspx", ".ashx", ".asmx", ".cshtml", ".vbhtml", ".jsp", ".jspx", ".cfm", ".cfc",
    ".shtm", ".stm"})
"""Run as a program by a web server set up for it (PHP, IIS, Tomcat …), in any place of the
name: Apache's ``AddHandler`` runs ``shell.php.txt`` too."""
SERVER_SETTINGS = frozenset({".htaccess", ".htpasswd", ".user.ini", "web.config"})
"""Read by a web server as the settings of the folder they are in (Apache, PHP, IIS)."""
PLAIN_LAST = frozenset({
    ".txt", ".csv", ".tsv", ".json", ".pdf", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".tar",
    ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp", ".rtf", ".epub",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp3", ".mp4", ".kmz", ".geojson"})
"""Suffixes every web server types: a name ending in one is served as that, whatever comes
before it (Apache types ``report.html.bak``, whose last suffix it does not know, as HTML)."""


def how_it_runs(path: PurePath, *, picture: bool) -> str | None:
    """How a file a page shows or links would run if published, or None: as a program or the
    settings of a web server, or (:func:`runs_in_browser`) as a page in a browser."""
    name = path.name.lower()
    if name in SERVER_SETTINGS:
        return f"a web server would read {path.name!r} as the settings of its folder"
    if any(suffix in SERVER_SUFFIXES for suffix in _suffixes(name)):
        return f"a web server would run {path.name!r} as a program"
    if runs_in_browser(path, picture=picture):
        return f"a browser would open {path.name!r} as a page of the site and run any script in it"
    return None


def _suffixes(name: str) -> list[str]:
    return ["." + part for part in name.lstrip(".").split(".")[1:]]


def runs_in_browser(path: PurePath, *, picture: bool) -> bool:
    """A picture named as anything but a picture (a file with no suffix is served as bytes
    to save), or a download named as a page, a script or a document of the XML family; or a
    file a web server would run or read as its settings (:func:`how_it_runs`)."""
    name = path.name.lower()
    suffix = path.suffix.lower()
    if name in SERVER_SETTINGS or any(s in SERVER_SUFFIXES for s in _suffixes(name)):
        return True
    if picture:
        return bool(suffix) and suffix not in PICTURE_SUFFIXES
    active = ACTIVE_SUFFIXES | XML_SUFFIXES
    if suffix in INERT_WHEN_PLAIN and not any(s in active for s in _suffixes(name)[:-1]) \
            and isinstance(path, Path) and inert_xml(path):
        return False
    return suffix in active or (suffix not in PLAIN_LAST
                                and any(s in active for s in _suffixes(name)[:-1]))


INERT_WHEN_PLAIN = (XML_SUFFIXES - {".mathml", ".mml", ".xul", ".xbl", ".smil", ".smi"}) | {".xml"}
"""Data of the XML family (a bike route's ``.gpx``, places' ``.kml``, a feed, ``.xml``): a
browser shows it as a document, but only an XHTML, SVG or MathML element in it, or a style
sheet that makes it a page, can run anything there; one with none of them is published."""
_ACTIVE_NAMESPACES = ("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg",
                      "http://www.w3.org/1998/Math/MathML", "http://www.w3.org/1999/XSL/Transform",
                      "http://www.w3.org/2001/xml-events", "http://www.w3.org/2001/XInclude",
                      "http://www.mozilla.org/keymaster/gatekeeper/there.is.only.xul")
_INERT_LIMIT = 50_000_000


def inert_xml(path: Path) -> bool:
    """Whether ``path`` is well-formed XML that no browser can run anything in: no element or
    attribute of :data:`_ACTIVE_NAMESPACES`, no processing instruction (``xml-stylesheet``
    makes it a page), no document type (its entities, internal or not). Read in one pass by
    expat; a file that cannot be read, or is larger than 50 MB, is not."""
    import xml.parsers.expat

    class Active(Exception):
        pass

    def element(name: str, attributes: dict[str, str]) -> None:
        if name.startswith(_ACTIVE_NAMESPACES) or any(key.startswith(_ACTIVE_NAMESPACES)
                                                      for key in attributes):
            raise Active

    def refuse(*_: object) -> None:
        raise Active

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = element
    parser.ProcessingInstructionHandler = refuse
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        if not path.is_file() or path.stat().st_size > _INERT_LIMIT:  # a FIFO would block
            return False
        with open(path, "rb") as stream:
            parser.ParseFile(stream)
    except (Active, xml.parsers.expat.ExpatError, OSError, ValueError):
        return False
    return True


_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM",
               b"\x00\x00\x01\x00", b"II*\x00", b"MM\x00*")
"""The first bytes of a PNG, JPEG, GIF, BMP, ICO and TIFF file."""
_RASTER_SUFFIXES = PICTURE_SUFFIXES - {".svg", ".svgz", ".pdf"}


def _raster_head(path: Path) -> bytes | None:
    """The first bytes of a file named as a raster picture; None for any other name, or a
    file that cannot be read (whoever copies it says so)."""
    if path.suffix.lower() not in _RASTER_SUFFIXES:
        return None
    try:
        with open(path, "rb") as stream:
            return stream.read(16)
    except OSError:
        return None


def no_picture_inside(path: Path) -> str | None:
    """Why a file named as a raster picture (``.png``, ``.jpg`` …) holds no picture of any
    kind (text, a page, an SVG, nothing), or ``None`` (also for a file that cannot be read:
    whoever copies it says so). A picture of another kind than its name says is one: browsers
    show it."""
    head = _raster_head(path)
    if head is None:
        return None
    if head.startswith(_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") \
            or head[4:8] == b"ftyp":  # AVIF (and HEIF)
        return None
    kind = ("is empty" if not head else "holds text" if all(32 <= b < 127 or b in b"\t\n\r" for b in head)
            else "holds bytes of no picture format")
    return (f"{path.name!r} {kind}, not a picture (no edition can show it, and the ePub is "
            "invalid); save it again as a PNG, JPEG, GIF or WebP")


_KINDS = ((b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"), (b"GIF87a", ".gif"), (b"GIF89a", ".gif"))
_SAME_KIND = {".jpeg": ".jpg"}


def suffix_of_its_bytes(path: Path) -> str | None:
    """The suffix a PNG, JPEG, GIF or WebP file's first bytes call for (``.jpg``) when its
    name says another kind (a JPEG saved as ``photo.png``): browsers go by the bytes, and
    show it; an ePub declares a picture's kind by its name, and Typst decodes it by its name.
    None: the name is right, or the file is no such picture."""
    head = _raster_head(path)
    if head is None:
        return None
    found = next((kind for signature, kind in _KINDS if head.startswith(signature)),
                 ".webp" if head[:4] == b"RIFF" and head[8:12] == b"WEBP" else None)
    named = _SAME_KIND.get(path.suffix.lower(), path.suffix.lower())
    return found if found is not None and found != named else None
