"""Read Typst's compiler messages and say what they mean for the page that caused them.

Typst prints rustc-style blocks (``error: ...`` / ``┌─ file.typ:LINE:COL`` / ``= hint:``).
This splits them, finds the generated line, and rewrites the messages a page author can
act on (no alt text, a character no font has, a skipped heading level) in plain words.
Plain functions, no Sphinx: the builder does the reporting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .problems import Kind

_START = re.compile(r"^(error|warning): ", re.MULTILINE)
_WHERE = re.compile(r"┌─ (?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+)")
_HINT = re.compile(r"^\s*= hint: (.*)$", re.MULTILINE)
_GLYPH = re.compile(r"the text `\"(?P<text>.*?)\"` could not be displayed")
_RUST_ESCAPE = re.compile(r"\\u\{([0-9a-fA-F]{1,6})\}|\\(.)")
_RUST_NAMED = {"n": "\n", "r": "\r", "t": "\t", "0": "\0"}


def unescaped(text: str) -> str:
    """Typst's quoted text as the characters it means: it writes a string as Rust does, a
    character it cannot print as ``\\u{1ffff}``, and the warning named the escape's letters."""
    def one(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group()
        return _RUST_NAMED.get(match.group(2), match.group(2))
    return _RUST_ESCAPE.sub(one, text)


@dataclass(frozen=True)
class Diagnostic:
    """One message from Typst, where it points in the generated files, and its kind."""

    severity: str
    message: str
    file: str | None
    line: int | None
    hints: tuple[str, ...]

    @property
    def kind(self) -> Kind:
        if "missing alt text" in self.message:
            return Kind.ALT_MISSING
        if "could not be displayed with font" in self.message:
            return Kind.GLYPH
        if "heading level" in self.message or "heading title is empty" in self.message:
            return Kind.HEADING
        if "unknown font family" in self.message:
            return Kind.CONFIG
        return Kind.TYPST

    def explain(self, fonts: str) -> str:
        """The message in words for the person who wrote the page."""
        kind = self.kind
        if kind is Kind.ALT_MISSING:
            return ("an image or formula here has no alt text, which an accessible PDF "
                    "(PDF/UA) requires: describe it, e.g. ![Map of the ten council "
                    "districts](map.png)")
        if kind is Kind.GLYPH:
            match = _GLYPH.search(self.message)
            shown = unescaped(match.group("text")) if match else "?"
            points = " ".join(f"U+{ord(c):04X}" for c in shown)
            return (f"the character {shown!r} ({points}) is in none of the PDF's fonts "
                    f"({fonts}); add a font that has it to the project and list its folder "
                    "in pdf_font_paths")
        if kind is Kind.HEADING and "heading title is empty" in self.message:
            return ("this heading has no words an accessible PDF (PDF/UA) can name it by (only "
                    "a picture with no description, or nothing): write its words, or describe "
                    "the picture")
        if kind is Kind.HEADING:
            return (f"{self.message.split('error: ')[-1]}: headings must go down one level "
                    "at a time (## after #, not ###)")
        if kind is Kind.CONFIG:
            family = self.message.rsplit(":", 1)[-1].strip()
            return (f"pdf_fonts or pdf_code_font names the font family {family!r}, which is "
                    f"neither built into Typst ({fonts}) nor in a folder of pdf_font_paths")
        hints = "".join(f" (hint: {h})" for h in self.hints)
        return f"Typst: {self.message}{hints}"


def parse(text: str) -> list[Diagnostic]:
    """Every distinct message in a Typst diagnostic text, in order."""
    starts = [m.start() for m in _START.finditer(text)]
    found: list[Diagnostic] = []
    for begin, end in zip(starts, [*starts[1:], len(text)]):
        block = text[begin:end]
        severity, _, rest = block.partition(": ")
        message = rest.split("\n", 1)[0].strip()
        where = _WHERE.search(block)
        diagnostic = Diagnostic(
            severity=severity,
            message=message,
            file=where.group("file").strip() if where else None,
            line=int(where.group("line")) if where else None,
            hints=tuple(h.strip() for h in _HINT.findall(block)),
        )
        if diagnostic not in found:
            found.append(diagnostic)
    return found
