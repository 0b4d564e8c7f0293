"""LaTeX to MathML at build time, so formulas render offline in the website and the ePub.

Plain Python, no Sphinx. ``latex2mathml`` does the conversion; this module turns what it
cannot do (a syntax error, an unknown command it would print as ``\\foo``, nesting deep
enough to exhaust Python's stack) into one :class:`Unsupported`, and makes its output
well-formed XML (it leaves ``&`` and ``<`` from ``\\text{}`` unescaped).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from safety.urls import is_allowed, written_validly


MAX_LENGTH = 20_000  # characters of LaTeX in one formula; longer is a mistake, not maths
_CLASSES = re.compile(r"\s*[\w.:-]+(?:\s+[\w.:-]+)*\s*")
"""XML name tokens, as an ePub's ``class`` must be (EPUBCheck RSC-005)."""
_LOADS = re.compile(r"url\s*\(|image-set|@import|expression|[<>\\]", re.I)
"""A ``\\style{}`` that loads a file (a reader's browser or ePub reader fetching another
site's address) or hides an escape: rawhtml's rule for a ``style`` attribute."""


_COLOUR = re.compile(r"\s*(#[0-9a-f]{3}(?:[0-9a-f]{3})?|aqua|black|blue|fuchsia|gray|green|lime|maroon|"
                     r"navy|olive|purple|red|silver|teal|white|yellow)\s*", re.I)
"""The colours MathML's schema, and so an ePub, allows (EPUBCheck RSC-005): ``#rgb``,
``#rrggbb`` and HTML 4's sixteen names."""


class Unsupported(ValueError):
    """The formula cannot be converted; the message says why, in words."""


def to_mathml(latex: str, *, display: bool) -> str:
    """``<math>`` for ``latex`` (``alttext`` carries the source for assistive technology)."""
    if len(latex) > MAX_LENGTH:
        raise Unsupported(f"it is longer than {MAX_LENGTH} characters")
    from latex2mathml.converter import convert_to_element  # only pages with maths need it

    try:
        element = convert_to_element(_aligned(latex), display="block" if display else "inline")
        if _BARE_AMPERSAND.search(latex) and any(node.tag == "mi" and node.text == "&"
                                                 for node in element.iter()):
            element = convert_to_element(f"\\begin{{align*}}{_aligned(latex)}\\end{{align*}}",
                                         display="block" if display else "inline")
        for node in element.iter():
            if node.text:
                node.text = html.unescape(node.text)  # latex2mathml writes entities as text
            if node.tag in ("mi", "mo") and (node.text or "").startswith("\\") and len(node.text) > 1:
                command = node.text.strip()
                raise Unsupported("a lone \\ (a backslash before a space or a line end) is no "
                                  "command" if command == "\\" else
                                  f"the command {command} is not known")
            _check_attributes(node)
        element.set("alttext", latex.strip())
        return ET.tostring(element, encoding="unicode")
    except RecursionError:
        raise Unsupported("it is nested too deeply") from None
    except Unsupported:
        raise
    except Exception as error:  # latex2mathml has a dozen exception classes, all mistakes in the input
        name = type(error).__name__.removesuffix("Error")
        words = "".join(" " + c.lower() if c.isupper() else c for c in name).strip()
        raise Unsupported(words + (f": {error}" if str(error) else "")) from None


_BARE_AMPERSAND = re.compile(r"(?<!\\)&")
_ALIGNED = re.compile(r"\\(begin|end)\s*\{aligned\}")


def _aligned(latex: str) -> str:
    """latex2mathml does not know ``aligned`` (the lines MathJax pages write most) or an
    ``&`` outside an environment: it printed each ``&`` as a letter (``a&=b``). ``align*``
    is the same lines, aligned at the ``&``, without numbers."""
    return _ALIGNED.sub(lambda m: f"\\{m.group(1)}{{align*}}", latex) if "aligned" in latex else latex


def _check_attributes(node: ET.Element) -> None:
    """``\\href{javascript:…}`` became ``<mrow href="javascript:…">``, a link that runs script
    in the website and the ePub, and ``\\style{background:url(…)}`` loaded another site's
    file: both are refused (safety's link rule, rawhtml's style rule); a link that may stay
    is written as a valid URL, as every other link is. A ``\\class`` that is no list of
    names made the ePub invalid, and so did a ``\\color`` no MathML colour (``orange``,
    ``red" onload="…``): the formula is shown in the text's colour."""
    href = node.get("href")
    if href is not None:
        if not is_allowed(href):
            raise Unsupported(f"its link {href[:60]!r} (\\href) is refused: only http, https, "
                              "mailto, tel and relative links may be followed")
        node.set("href", written_validly(href))
    classes = node.get("class")
    if classes is not None and not _CLASSES.fullmatch(classes):
        raise Unsupported(f"its class {classes[:60]!r} (\\class) is no list of class names "
                          "(letters, digits, - and _, separated by spaces)")
    for attribute in ("mathcolor", "mathbackground", "color", "background"):
        value = node.get(attribute)
        if value is not None and not _COLOUR.fullmatch(value):
            del node.attrib[attribute]  # \color{orange}: the formula in the text's colour
    style = node.get("style")
    if style is not None and _LOADS.search(style):
        raise Unsupported(f"its style {style[:60]!r} (\\style) is refused: it would load a file "
                          "or hide an escape; the theme styles formulas")
