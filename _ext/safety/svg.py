"""Is an SVG file safe to publish? Plain Python (the standard library's XML parser).

An SVG is a document, not a picture: opened on its own (``_images/map.svg``) or shown inline
by an ePub reader it runs its scripts with the site's rights, and it can load files from
other hosts (tracking readers). An SVG is refused when it has a script, an event handler,
embedded HTML (any element of HTML's namespace), an entity declaration (in any encoding),
an ``<?xml-stylesheet?>`` (an XSLT one turns the file into a page with scripts), or a reference to
anything but itself, embedded raster images and links (``<a>``) to http(s), mailto or tel
addresses; its CSS may not load anything (``url()``, ``image-set``, ``@import``, or a CSS
escape that could spell one). Real SVG editors (Inkscape, Illustrator, QGIS) write none of these for a map.
"""

from __future__ import annotations

import base64
import gzip
import io
import re
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from xml.parsers import expat

from . import pixels, urls

_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_LINKS = {"href", "src", "srcset", "action", "formaction", "poster", "background", "ping", "data"}
_XHTML = "{http://www.w3.org/1999/xhtml}"
"""HTML elements inside an SVG act even where it shows none of them (``<meta http-equiv=refresh>``
leaves the City's address, ``<img>`` loads): embedded HTML is refused, in any place."""
_EMBEDDED_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
_EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?(?!#)|image-set|\\", re.IGNORECASE)
_URL_VALUE = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)  # fill="url(other.svg#p)"
_ANIMATED = {"set", "animate"}


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _harmless_reference(tag: str, value: str) -> bool:
    """A part of itself, an embedded raster image, or a link a reader may follow (``<a>``)."""
    if value.startswith("#") or _EMBEDDED_IMAGE.match(value):
        return True
    return tag == "a" and urls.is_allowed(value) and urls.scheme_of(value) is not None


def _embedded_too_large(value: str) -> str | None:
    """Why a raster picture written into the SVG is a decompression bomb (a 145 KB PNG
    inside opened as 900 million pixels in every reader's browser), or ``None``."""
    if not _EMBEDDED_IMAGE.match(value):
        return None
    try:
        data = base64.b64decode(value.partition(",")[2])
    except ValueError:
        return None
    return pixels.too_many_pixels(data)


class _Declared(Exception):
    pass


def _declaration(data: bytes) -> str | None:
    """What the file declares before or around its elements that makes it unsafe, read by
    expat itself (so a UTF-16 file is read as such); the read stops at the first one, before
    an entity could be expanded."""
    parser = expat.ParserCreate()

    def refuse(why: str) -> None:
        raise _Declared(why)

    parser.EntityDeclHandler = lambda *args: refuse("it declares XML entities")
    parser.ProcessingInstructionHandler = lambda target, _: refuse(
        f"it has a <?{target}?> instruction") if target.lower() != "xml" else None
    try:
        parser.Parse(data, True)
    except _Declared as declared:
        return str(declared)
    except (expat.ExpatError, ValueError):
        return None  # not well-formed: ElementTree says where
    return None


def problems(data: bytes) -> list[str]:
    """What makes this SVG unsafe, in words (empty when it is safe)."""
    if b"<!ENTITY" in data or b"<!entity" in data:
        return ["it declares XML entities"]
    if (declared := _declaration(data)) is not None:
        return [declared]
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        return [f"it is not well-formed XML ({err})"]
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in _ACTIVE:
            found.append(f"it has a <{tag}> element")
        elif element.tag.startswith(_XHTML):
            found.append(f"it has an HTML <{tag}> element")
        # a style sheet is all its text, the words after a child element too (a tail)
        if tag == "style" and _EXTERNAL_CSS.search("".join(element.itertext())):
            found.append("its style sheet loads other files")
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute.startswith("on"):
                found.append(f"it has an event handler ({attribute}=)")
            elif attribute in _LINKS and not _harmless_reference(tag, value.strip()):
                found.append(f"it refers to {value.strip()[:60]!r}")
            elif attribute in _LINKS and (too_large := _embedded_too_large(value.strip())):
                found.append(f"a picture inside it {too_large.split('; ')[0].removeprefix('it ')}")
            elif attribute == "style" and _EXTERNAL_CSS.search(value):
                found.append("a style loads other files")
            elif tag in _ANIMATED and attribute == "attributename" and _local(value) in _LINKS:
                found.append("it animates a link")
            elif _URL_VALUE.search(value):
                found.append(f"it refers to {value.strip()[:60]!r}")
    drawn = _elements_drawn(root)
    if drawn is None:
        found.append("a <use> element repeats itself or an element around it, a loop")
    elif drawn > MAX_ELEMENTS:
        found.append(f"its <use> elements repeat its shapes into more than {MAX_ELEMENTS:,} "
                     "elements, more than the PDF can draw and a browser shows in time")
    return list(dict.fromkeys(found))


MAX_ELEMENTS = 1_000_000
"""The most elements an SVG may draw, each ``<use>`` counted as a copy of what it names: past
it Typst stops ("nodes limit reached") and no PDF is written; ten levels of ten ``<use>``
each, 3 kB, draw ten billion."""


def _elements_drawn(root: ET.Element) -> int | None:
    """How many elements the picture draws, a ``<use>`` counted as what it names (counted up
    to just past :data:`MAX_ELEMENTS`); ``None`` for a ``<use>`` inside what it names."""
    named = {element.get("id"): element for element in root.iter()
             if isinstance(element.tag, str) and element.get("id")}

    def parts(element: ET.Element) -> list[ET.Element]:
        found = [child for child in element if isinstance(child.tag, str)]
        if _local(element.tag) == "use":
            reference = next((v.strip() for k, v in element.attrib.items() if _local(k) == "href"), "")
            if reference.startswith("#") and reference[1:] in named:
                found.append(named[reference[1:]])
        return found

    size: dict[int, int] = {}
    on_path = {id(root)}
    stack = [(root, iter(parts(root)))]
    while stack:
        element, pending = stack[-1]
        part = next(pending, None)
        if part is None:
            stack.pop()
            on_path.discard(id(element))
            size[id(element)] = min(MAX_ELEMENTS + 1, 1 + sum(size[id(p)] for p in parts(element)))
        elif id(part) in on_path:
            return None
        elif id(part) not in size:
            on_path.add(id(part))
            stack.append((part, iter(parts(part))))
    return size[id(root)]


SUFFIXES = (".svg", ".svgz")
MAX_BYTES = 20 * 1024 * 1024
"""An SVGZ is read unpacked up to this size (a gzip bomb is refused, not unpacked)."""


def file_problems(path: Path) -> list[str]:
    """What makes the SVG or SVGZ file at ``path`` unsafe (empty for other files, safe SVGs
    and files that cannot be read: whoever copies them says so)."""
    if path.suffix.lower() not in SUFFIXES:
        return []
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".svgz" or data[:2] == b"\x1f\x8b":
            with gzip.open(io.BytesIO(data)) as unpacked:
                data = unpacked.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                return [f"unpacked, it is larger than {MAX_BYTES // 2**20} MB"]
    except OSError:
        return []
    except (EOFError, zlib.error):
        return ["it is not a complete gzip file"]
    return problems(data)
