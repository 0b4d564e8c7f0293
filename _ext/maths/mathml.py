"""LaTeX to MathML at build time, so formulas render offline in the website and the ePub.

Plain Python, no Sphinx. ``latex2mathml`` does the conversion; this module turns what it
cannot do (a syntax error, an unknown command it would print as ``\\foo``, nesting deep
enough to exhaust Python's stack) into one :class:`Unsupported`, and makes its output
well-formed XML (it leaves ``&`` and ``<`` from ``\\text{}`` unescaped).
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET


MAX_LENGTH = 20_000  # characters of LaTeX in one formula; longer is a mistake, not maths


class Unsupported(ValueError):
    """The formula cannot be converted; the message says why, in words."""


def to_mathml(latex: str, *, display: bool) -> str:
    """``<math>`` for ``latex`` (``alttext`` carries the source for assistive technology)."""
    if len(latex) > MAX_LENGTH:
        raise Unsupported(f"it is longer than {MAX_LENGTH} characters")
    from latex2mathml.converter import convert_to_element  # only pages with maths need it

    try:
        element = convert_to_element(latex, display="block" if display else "inline")
        for node in element.iter():
            if node.text:
                node.text = html.unescape(node.text)  # latex2mathml writes entities as text
            if node.tag in ("mi", "mo") and (node.text or "").startswith("\\") and len(node.text) > 1:
                command = node.text.strip()
                raise Unsupported("a lone \\ (a backslash before a space or a line end) is no "
                                  "command" if command == "\\" else
                                  f"the command {command} is not known")
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
