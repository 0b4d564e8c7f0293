"""Translate the everyday subset of LaTeX math (``$...$`` in MyST) into Typst math.

Typst does not read LaTeX. Instead of guessing, this knows a fixed vocabulary: letters,
digits, operators, ``^``/``_``, ``\\frac``, ``\\sqrt``, Greek letters, common symbols and
functions, ``\\text``. Everything is rebuilt from that vocabulary (text goes in string
literals), so a formula can never smuggle Typst code in. Anything else raises
:class:`Unsupported`, and the caller prints the LaTeX source instead, with a warning.
"""

from __future__ import annotations

import re

from . import escape


class Unsupported(ValueError):
    """The formula uses LaTeX outside the vocabulary; the message names the piece."""


_GREEK = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma "
    "tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
).split()
_FUNCTIONS = "sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh log ln lg exp lim " \
             "liminf limsup max min sup inf det dim gcd deg arg ker Pr mod".split()

SYMBOLS: dict[str, str] = {
    **{name: name for name in _GREEK},
    "varepsilon": "epsilon.alt", "vartheta": "theta.alt", "varphi": "phi.alt",
    "varpi": "pi.alt", "varrho": "rho.alt", "varsigma": "sigma.alt",
    **{name: name for name in _FUNCTIONS},
    "sum": "sum", "prod": "product", "int": "integral", "iint": "integral.double",
    "oint": "integral.cont", "infty": "infinity", "cdot": "dot.op", "times": "times",
    "div": "div", "pm": "plus.minus", "mp": "minus.plus", "leq": "lt.eq", "le": "lt.eq",
    "geq": "gt.eq", "ge": "gt.eq", "neq": "eq.not", "ne": "eq.not", "approx": "approx",
    "equiv": "equiv", "sim": "tilde.op", "simeq": "tilde.eq", "propto": "prop",
    "to": "arrow.r", "rightarrow": "arrow.r", "leftarrow": "arrow.l", "gets": "arrow.l",
    "Rightarrow": "arrow.r.double", "Leftarrow": "arrow.l.double",
    "leftrightarrow": "arrow.l.r", "Leftrightarrow": "arrow.l.r.double", "iff": "arrow.l.r.double",
    "implies": "arrow.r.double", "mapsto": "arrow.r.bar", "in": "in", "notin": "in.not",
    "ni": "in.rev", "subset": "subset", "subseteq": "subset.eq", "supset": "supset",
    "supseteq": "supset.eq", "cup": "union", "cap": "sect", "setminus": "without",
    "emptyset": "emptyset", "varnothing": "emptyset", "forall": "forall", "exists": "exists",
    "neg": "not", "lnot": "not", "land": "and", "wedge": "and", "lor": "or", "vee": "or",
    "partial": "diff", "nabla": "nabla", "ldots": "dots.h", "dots": "dots.h",
    "cdots": "dots.c", "vdots": "dots.v", "ddots": "dots.down", "prime": "prime",
    "circ": "compose", "bullet": "bullet", "star": "star.op", "ast": "ast.op",
    "angle": "angle", "degree": "degree", "ell": "ell", "hbar": "planck.reduce",
    "Re": "Re", "Im": "Im", "aleph": "aleph", "perp": "perp", "parallel": "parallel",
    "mid": "divides", "ll": "lt.double", "gg": "gt.double", "langle": "angle.l",
    "rangle": "angle.r", "lfloor": "floor.l", "rfloor": "floor.r", "lceil": "ceil.l",
    "rceil": "ceil.r", "{": "brace.l", "}": "brace.r", "|": "bar.v.double",
    "%": '"%"', "$": '"$"', "#": '"#"', "&": '"&"', "_": '"_"',
    ",": "thin", ":": "med", ";": "thick", " ": "space", "!": "", "quad": "quad",
    "qquad": "wide", "left": "", "right": "", "displaystyle": "", "limits": "",
}
_ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "macron", "overline": "overline",
            "underline": "underline", "vec": "arrow", "dot": "dot", "ddot": "dot.double",
            "tilde": "tilde", "widetilde": "tilde"}
_STYLES = {"mathbf": "bold", "boldsymbol": "bold", "mathit": "italic", "mathrm": "upright",
           "mathbb": "bb", "mathcal": "cal", "mathfrak": "frak", "mathsf": "sans",
           "mathtt": "mono"}
_TEXT = {"text", "textrm", "textit", "textbf", "mbox", "operatorname"}
_CHARS = {"+": "+", "-": "-", "=": "=", "<": "<", ">": ">", ",": "comma", ".": ".", "!": "!",
          ":": ":", ";": "semi", "'": "'", "/": "slash", "*": "ast.op", "(": "paren.l",
          ")": "paren.r", "[": "bracket.l", "]": "bracket.r", "|": "bar.v", "?": '"?"'}

_EMPTY = '""'  # an empty base, as in {}^{14}C
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[A-Za-z]|[0-9]+(?:\.[0-9]+)?|\s+|.", re.DOTALL)


def to_typst(latex: str) -> str:
    """Typst math markup (without ``$``) for ``latex``; raise Unsupported otherwise."""
    parser = _Parser(_TOKEN.findall(latex))
    out = parser.sequence(stop=None)
    if parser.peek() is not None:
        raise Unsupported(f"unbalanced '{parser.peek()}'")
    return out


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> str | None:
        """The next token that is not white space (LaTeX math ignores spaces)."""
        while self.pos < len(self.tokens) and self.tokens[self.pos].isspace():
            self.pos += 1
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, *, keep_space: bool = False) -> str:
        token = self.tokens[self.pos] if keep_space and self.pos < len(self.tokens) else self.peek()
        if token is None:
            raise Unsupported("the formula ends too early")
        self.pos += 1
        return token

    def sequence(self, stop: str | None) -> str:
        parts: list[str] = []
        while (token := self.peek()) is not None and token != stop:
            if token == "}":
                if stop is None:
                    raise Unsupported("unbalanced '}'")
                break
            parts.append(self.atom_with_scripts())
        if stop is not None:
            if self.peek() != stop:
                raise Unsupported(f"missing '{stop}'")
            self.take()
        return " ".join(p for p in parts if p)

    def atom_with_scripts(self) -> str:
        base = self.atom()
        while self.peek() in ("^", "_"):
            mark = self.take()
            base = f"{base or _EMPTY}{mark}({self.argument()})"
        return base

    def argument(self) -> str:
        """One argument: a {group} or a single token (as in ``x^2``)."""
        if self.peek() == "{":
            self.take()
            return self.sequence("}")
        token = self.take()
        if token[0].isdigit():  # x^23 means x^2 3 in LaTeX
            self.tokens[self.pos:self.pos] = [token[1:]] if len(token) > 1 else []
            return token[0]
        self.pos -= 1
        return self.atom()

    def atom(self) -> str:
        token = self.take()
        if token == "{":
            return self.sequence("}")
        if token[0].isalpha() or token[0].isdigit():
            return token
        if token in _CHARS:
            return _CHARS[token]
        if token.startswith("\\"):
            return self.command(token[1:])
        if token in "^_":
            raise Unsupported(f"'{token}' with nothing before it")
        if token in "&~":
            raise Unsupported(f"'{token}' (alignment and spacing marks)")
        return escape.string(token)

    def command(self, name: str) -> str:
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name == "frac" or name in ("dfrac", "tfrac"):
            return f"frac({self.argument()}, {self.argument()})"
        if name == "sqrt":
            if self.peek() == "[":
                self.take()
                index = self.sequence("]")
                return f"root({index}, {self.argument()})"
            return f"sqrt({self.argument()})"
        if name in _ACCENTS:
            return f"{_ACCENTS[name]}({self.argument()})"
        if name in _STYLES:
            return f"{_STYLES[name]}({self.argument()})"
        if name in _TEXT:
            return f"upright({escape.string(self.literal_group())})"
        raise Unsupported(f"\\{name}")

    def literal_group(self) -> str:
        """The raw characters of a {group}, for ``\\text{...}``."""
        if self.take() != "{":
            raise Unsupported("\\text without {...}")
        depth, chars = 1, []
        while True:
            token = self.take(keep_space=True)
            depth += token == "{"
            depth -= token == "}"
            if depth == 0:
                return "".join(chars)
            chars.append(token[1:] if token.startswith("\\") and len(token) == 2 else token)
