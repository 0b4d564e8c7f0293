"""Translate the everyday subset of LaTeX math (``$...$`` in MyST) into Typst math.

Typst does not read LaTeX. Instead of guessing, this knows a fixed vocabulary: letters,
digits, operators, ``^``/``_``, ``\\frac``, ``\\sqrt``, Greek letters, common symbols and
functions, ``\\text``, ``\\left``/``\\right``, and the environments real pages write
(matrices, ``cases``, ``array``, ``aligned`` and its kin, ``\\\\`` line breaks), each mapped to
Typst's own construct (``mat``, ``cases``, ``&`` and ``\\``). Everything is rebuilt from that
vocabulary (text goes in string literals), so a formula can never smuggle Typst code in.
Anything else raises :class:`Unsupported`, and the caller prints the LaTeX source instead,
with a warning.
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
    # LaTeX's \epsilon and \phi are Typst's .alt forms (ϵ, ϕ), as the website's MathML shows
    "epsilon": "epsilon.alt", "varepsilon": "epsilon", "phi": "phi.alt", "varphi": "phi",
    "vartheta": "theta.alt",
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
    "supseteq": "supset.eq", "cup": "union", "cap": "inter", "setminus": "without",
    "emptyset": "emptyset", "varnothing": "emptyset", "forall": "forall", "exists": "exists",
    "neg": "not", "lnot": "not", "land": "and", "wedge": "and", "lor": "or", "vee": "or",
    "partial": "partial", "nabla": "nabla", "ldots": "dots.h", "dots": "dots.h",
    "cdots": "dots.c", "vdots": "dots.v", "ddots": "dots.down", "prime": "prime",
    "circ": "compose", "bullet": "bullet", "star": "star.op", "ast": "ast.op",
    "angle": "angle", "degree": "degree", "ell": "ell", "hbar": "planck",
    "Re": "Re", "Im": "Im", "aleph": "aleph", "perp": "perp", "parallel": "parallel",
    "mid": "divides", "ll": "lt.double", "gg": "gt.double", "langle": "chevron.l",
    "rangle": "chevron.r", "lfloor": "floor.l", "rfloor": "floor.r", "lceil": "ceil.l",
    "rceil": "ceil.r", "{": "brace.l", "}": "brace.r", "|": "bar.v.double",
    "%": '"%"', "$": '"$"', "#": '"#"', "&": '"&"', "_": '"_"',
    ",": "thin", ":": "med", ";": "thick", " ": "space", "!": "", "quad": "quad",
    "qquad": "wide", "displaystyle": "", "limits": "", "nonumber": "", "notag": "",
    "lbrace": "brace.l", "rbrace": "brace.r", "lbrack": "bracket.l", "rbrack": "bracket.r",
    "lvert": "bar.v", "rvert": "bar.v", "lVert": "bar.v.double", "rVert": "bar.v.double",
    **{size + side: "" for size in ("big", "Big", "bigg", "Bigg") for side in ("", "l", "r", "m")},
    "dagger": "dagger", "ddagger": "dagger.double", "top": "top", "bot": "bot",
    "otimes": "times.o", "oplus": "plus.o", "odot": "dot.o", "ominus": "minus.o",
    "oslash": "slash.o", "bigcup": "union.big", "bigcap": "inter.big",
    "bigoplus": "plus.o.big", "bigotimes": "times.o.big", "bigodot": "dot.o.big",
    "bigwedge": "and.big", "bigvee": "or.big", "uplus": "union.plus",
    "biguplus": "union.plus.big", "sqcup": "union.sq", "sqcap": "inter.sq",
    "coprod": "product.co", "amalg": "product.co", "wr": "wreath", "iiint": "integral.triple",
    "oiint": "integral.surf", "triangleq": "eq.delta", "cong": "tilde.equiv",
    "approxeq": "approx.eq", "doteq": "eq.dot", "asymp": "asymp", "vert": "bar.v",
    "Vert": "bar.v.double", "uparrow": "arrow.t", "downarrow": "arrow.b",
    "Uparrow": "arrow.t.double", "Downarrow": "arrow.b.double",
    "longrightarrow": "arrow.r.long", "longleftarrow": "arrow.l.long",
    "Longrightarrow": "arrow.r.double.long", "Longleftarrow": "arrow.l.double.long",
    "longleftrightarrow": "arrow.l.r.long", "Longleftrightarrow": "arrow.l.r.double.long",
    "longmapsto": "arrow.r.long.bar", "hookrightarrow": "arrow.r.hook",
    "hookleftarrow": "arrow.l.hook", "leadsto": "arrow.r.squiggly",
    "rightleftharpoons": "harpoons.rtlb", "rightharpoonup": "harpoon.rt",
    "leftharpoonup": "harpoon.lt", "leqslant": "lt.eq.slant", "geqslant": "gt.eq.slant",
    "lesssim": "lt.tilde", "gtrsim": "gt.tilde", "nleq": "lt.eq.not", "ngeq": "gt.eq.not",
    "nless": "lt.not", "ngtr": "gt.not", "lll": "lt.triple", "ggg": "gt.triple",
    "models": "models", "vdash": "tack.r", "dashv": "tack.l", "nmid": "divides.not",
    "nparallel": "parallel.not", "subsetneq": "subset.neq", "supsetneq": "supset.neq",
    "nsubseteq": "subset.eq.not", "sqsubseteq": "subset.eq.sq", "prec": "prec",
    "succ": "succ", "preceq": "prec.eq", "succeq": "succ.eq", "nexists": "exists.not",
    "complement": "complement", "square": "square", "Box": "square",
    "blacksquare": "square.filled", "checkmark": "checkmark", "Diamond": "diamond",
    "triangle": "triangle.t", "bigcirc": "circle.big", "because": "because",
    "therefore": "therefore", "S": "section", "backslash": "backslash",
    "sharp": "sharp", "flat": "flat", "natural": "natural", "backprime": "prime.rev",
    "measuredangle": "angle.arc", "varkappa": "kappa.alt", "imath": "dotless.i",
    "colon": "colon", "smallsetminus": "without", "dotsc": "dots.h", "dotsb": "dots.c",
    "dotsm": "dots.c", "dotsi": "dots.c", "cdotp": "dot.c", ">": "med",
    "enspace": "space.en", "nolimits": "",
}
_ACCENTS = {"hat": "hat", "widehat": "hat", "bar": "macron", "vec": "arrow", "dot": "dot",
            "ddot": "dot.double", "tilde": "tilde", "widetilde": "tilde", "check": "caron", "widecheck": "caron",
            "breve": "breve", "acute": "acute", "grave": "grave", "mathring": "circle",
            "dddot": "dot.triple", "overrightarrow": "arrow", "overleftarrow": "arrow.l"}
_STYLES = {"mathbf": "bold", "boldsymbol": "bold", "mathit": "italic", "mathrm": "upright",
           "mathbb": "bb", "mathcal": "cal", "mathfrak": "frak", "mathsf": "sans",
           "mathtt": "mono", "bm": "bold", "pmb": "bold", "mathscr": "scr"}
_SWITCHES = {"rm": "upright", "bf": "bold", "it": "italic", "cal": "cal", "sf": "sans",
             "tt": "mono"}
"""Old TeX's ``{\\rm d}x``: the style holds to the end of the group."""
_TEXT = {"text", "textrm", "textit", "textbf", "textup", "textnormal", "textsf", "texttt",
         "emph", "mbox", "hbox"}
_NOT = {"=": "eq.not", "\\in": "in.not", "\\subset": "subset.not", "\\supset": "supset.not",
        "\\subseteq": "subset.eq.not", "\\equiv": "equiv.not", "<": "lt.not", ">": "gt.not",
        "\\leq": "lt.eq.not", "\\le": "lt.eq.not", "\\geq": "gt.eq.not", "\\ge": "gt.eq.not",
        "\\sim": "tilde.not", "\\approx": "approx.not", "\\mid": "divides.not",
        "\\parallel": "parallel.not", "\\exists": "exists.not"}
_COLOURS = {"black": "000000", "white": "ffffff", "gray": "808080", "grey": "808080",
            "darkgray": "404040", "lightgray": "bfbfbf", "red": "ff0000", "green": "008000",
            "blue": "0000ff", "cyan": "00ffff", "magenta": "ff00ff", "yellow": "ffff00",
            "orange": "ffa500", "purple": "800080", "violet": "ee82ee", "pink": "ffc0cb",
            "brown": "a52a2a", "teal": "008080", "olive": "808000", "lime": "00ff00",
            "navy": "000080", "maroon": "800000", "orangered": "ff4500", "limegreen": "32cd32",
            "darkgreen": "006400", "darkblue": "00008b", "darkred": "8b0000"}
"""CSS's names, as the website's MathML gives them to the browser; another name keeps the
formula in the text's colour (the words are kept, only the colour is lost)."""
_BRAKET = {"ket": ("bar.v", "chevron.r"), "bra": ("chevron.l", "bar.v"),
           "braket": ("chevron.l", "chevron.r")}
"""Dirac's notation (the braket package, which MathJax offers): ``\\braket{a|b}``."""
_BELOW_ABOVE = {"underbrace": "_", "overbrace": "^", "underbracket": "_", "overbracket": "^",
                "underline": "", "overline": ""}
_CHARS = {"+": "+", "-": "-", "=": "=", "<": "<", ">": ">", ",": "comma", ".": ".", "!": "!",
          ":": ":", ";": "semi", "'": "'", "/": "slash", "*": "ast.op", "(": "paren.l",
          ")": "paren.r", "[": "bracket.l", "]": "bracket.r", "|": "bar.v", "?": '"?"', "~": "space"}

_EMPTY = '""'  # an empty base, as in {}^{14}C
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[A-Za-z]|[0-9]+(?:\.[0-9]+)?|\s+|.", re.DOTALL)
_BREAK, _END = "\\\\", "\\end"
_SPACING = re.compile(r"-?[0-9.]+(pt|em|ex|mm|cm|in|mu|bp|pc)")
"""What ``\\[2pt]`` may hold: the extra space under a line, which the PDF leaves to Typst."""

_MATRICES = {"matrix": "#none", "smallmatrix": "#none", "pmatrix": '"("', "bmatrix": '"["',
             "Bmatrix": '"{"', "vmatrix": '"|"', "Vmatrix": '"‖"'}
_ALIGNED = {"aligned", "align", "align*", "split", "eqnarray", "eqnarray*", "flalign",
            "flalign*", "alignat", "alignat*", "alignedat"}
_GATHERED = {"gathered", "gather", "gather*", "multline", "multline*"}
_WRAPPERS = {"equation", "equation*", "displaymath"}
"""Environments that only number or display their body: the body is the formula."""
_WITH_COLUMN_COUNT = {"alignat", "alignat*", "alignedat"}
_CASES = {"cases": "", "dcases": "", "rcases": "reverse: #true, "}
_ALIGN = {"l": "#left", "r": "#right"}


class _Lines(str):
    """Rows of cells (Typst math each) made in a nested form, kept as rows so a formula that
    is only these lines can print them as Typst's own lines (``&`` and ``\\``) instead."""

    rows: list[list[str]]

    def __new__(cls, rows: list[list[str]], *, centred: bool) -> "_Lines":
        cells = [[c or _EMPTY for c in row] for row in rows]
        if centred and all(len(row) == 1 for row in cells):
            nested = "mat(delim: #none, " + "; ".join(row[0] for row in cells) + ")"
        elif all(len(row) == 1 for row in cells):
            nested = "mat(delim: #none, align: #right, " + "; ".join(row[0] for row in cells) + ")"
        else:  # cases without braces: its rows align at their & as aligned's do
            nested = "cases(delim: #none, " + ", ".join(" & ".join(row) for row in cells) + ")"
        made = super().__new__(cls, nested)
        made.rows = rows
        return made

    def display(self) -> str:
        return " \\ ".join(" & ".join(row) for row in self.rows)


def to_typst(latex: str, *, block: bool = True) -> str:
    """Typst math markup (without ``$``) for ``latex``; raise Unsupported otherwise.

    ``block``: a displayed formula, whose lines (``\\\\``, ``aligned`` …) become Typst's lines;
    inline, they stay in one box of rows, as a line of text holds no line breaks."""
    parser = _Parser(_TOKEN.findall(latex))
    out = parser.lines(None, centred=True)
    if parser.peek() is not None:
        raise Unsupported(f"unbalanced '{parser.peek()}'")
    return out.display() if block and isinstance(out, _Lines) else str(out)


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = [_BREAK if t in ("\\cr", "\\newline") else t for t in tokens]
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

    def parts(self, stops: tuple[str, ...]) -> list[str]:
        """Atoms up to (not including) one of ``stops`` or the end."""
        parts: list[str] = []
        while (token := self.peek()) is not None and token not in stops:
            if token == "}":
                raise Unsupported("unbalanced '}'")
            if token == _END:
                raise Unsupported("\\end without its \\begin")
            parts.append(self.atom_with_scripts())
        return [p for p in parts if p]

    def sequence(self, stop: str) -> str:
        parts = self.parts((stop, "\\over"))
        if self.peek() == "\\over":  # plain TeX's {a \over b}: the whole group a fraction
            self.take()
            below = self.parts((stop,))
            parts = [f"frac({' '.join(parts) or _EMPTY}, {' '.join(below) or _EMPTY})"]
        if self.peek() != stop:
            raise Unsupported(f"missing '{stop}'")
        self.take()
        return " ".join(parts)

    def rows(self, stop: str | None) -> tuple[list[list[list[str]]], list[int]]:
        """Rows of cells of atoms, split at ``&`` and ``\\\\``, up to ``stop`` (taken) or the
        end; and the rows ``\\hline`` draws a line above (the row count for one under all)."""
        rows: list[list[list[str]]] = []
        cells: list[list[str]] = []
        hlines: list[int] = []
        while True:
            if not cells:
                while self.peek() == "\\hline":
                    self.take()
                    hlines.append(len(rows))
            cells.append(self.parts(("&", _BREAK) + ((stop,) if stop else ())))
            token = self.peek()
            if token == "&":
                self.take()
                continue
            rows.append(cells)
            cells = []
            if token != _BREAK:
                break
            self.take()
            if self.peek() == "*":  # \\* forbids a page break there; Typst does not break a formula
                self.take()
            self.skip_spacing()
        if len(rows) > 1 and rows[-1] == [[]]:  # a \\ after the last line ends no new one
            rows.pop()
        if stop is not None:
            if self.peek() != stop:
                raise Unsupported(f"missing '{stop}'")
            self.take()
        return rows, hlines

    def skip_spacing(self) -> None:
        """Skip the ``[2pt]`` after ``\\\\``; a bracket holding anything else is maths."""
        if self.peek() != "[":
            return
        mark = self.pos
        self.take()
        inside = []
        while (token := self.peek()) not in (None, "]"):
            inside.append(self.take())
        if token == "]" and _SPACING.fullmatch("".join(inside)):
            self.take()
        else:
            self.pos = mark

    def skip_position(self) -> None:
        """Skip the ``[t]`` of ``\\begin{aligned}[t]``: where the block sits on the line."""
        if self.peek() == "[" and self.tokens[self.pos + 1:self.pos + 3] in (["t", "]"], ["b", "]"],
                                                                             ["c", "]"]):
            self.pos += 3

    def lines(self, stop: str | None, *, centred: bool) -> str:
        """A body of lines: one cell stays plain maths, more become :class:`_Lines`."""
        rows, _ = self.rows(stop)
        if len(rows) == 1 and len(rows[0]) == 1:
            parts = rows[0][0]
            return parts[0] if len(parts) == 1 else " ".join(parts)
        return _Lines([[" ".join(cell) for cell in row] for row in rows], centred=centred)

    def environment(self) -> str:
        name = self.literal_group()
        if name in _ALIGNED or name in _GATHERED or name in ("array", "subarray"):
            self.skip_position()
        if name in _WITH_COLUMN_COUNT:
            self.literal_group()
        if name in _WRAPPERS:
            body = self.lines(_END, centred=True)
            self.end(name)
            return body
        if name in _ALIGNED or name in _GATHERED:
            body = self.lines(_END, centred=name in _GATHERED)
            self.end(name)
            if isinstance(body, _Lines):
                return body
            return _Lines([[body]], centred=name in _GATHERED)
        if name in _MATRICES:
            rows, _ = self.rows(_END)
            self.end(name)
            return _matrix(rows, f"delim: {_MATRICES[name]}, ")
        if name in _CASES:
            rows, _ = self.rows(_END)
            self.end(name)
            return (f"cases({_CASES[name]}"
                    + ", ".join(" & ".join(" ".join(c) for c in row) or _EMPTY for row in rows)
                    + ")")
        if name in ("array", "subarray"):  # subarray: \\substack's with its columns named
            columns = re.sub(r"\*\{(\d{1,2})\}\{([lcr|]*)\}", lambda m: m[2] * int(m[1]),
                             self.literal_group().replace(" ", ""))  # *{3}{c} is ccc
            if not re.fullmatch(r"[lcr|]*", columns):
                raise Unsupported(f"the array columns {{{columns}}}")
            rows, hlines = self.rows(_END)
            self.end(name)
            letters = columns.replace("|", "")
            options = "delim: #none, "
            if letters and len(set(letters)) == 1 and letters[0] in _ALIGN:
                options += f"align: {_ALIGN[letters[0]]}, "
            vlines = [len(columns[:i].replace("|", "")) for i, c in enumerate(columns) if c == "|"]
            # lines inside only: Typst draws a line at the edge through the gap around the cells
            hlines = sorted({n for n in hlines if 0 < n < len(rows)})
            vlines = sorted({n for n in vlines if 0 < n < len(letters)})
            lines = [f"{kind}: ({''.join(f'{n}, ' for n in found)})"
                     for kind, found in (("hline", hlines), ("vline", vlines)) if found]
            if lines:
                options += "augment: #(" + ", ".join(lines) + "), "
            return _matrix(rows, options)
        raise Unsupported(f"\\begin{{{name}}}")

    def end(self, name: str) -> None:
        """Check the ``{name}`` after the ``\\end`` :meth:`rows` took."""
        found = self.literal_group()
        if found != name:
            raise Unsupported(f"\\begin{{{name}}} ended by \\end{{{found}}}")

    def atom_with_scripts(self) -> str:
        base = self.atom()
        while self.peek() in ("^", "_"):
            mark = self.take()
            base = f"{base or _EMPTY}{mark}({self.argument()})"
        return base

    def argument(self) -> str:
        """One argument: a {group} or a single token (as in ``x^2``); ``""`` for an empty one,
        as a Typst function called with nothing (``frac(, )``) fails the whole PDF."""
        return self.one_argument() or _EMPTY

    def one_argument(self) -> str:
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
        if token == "&":
            raise Unsupported("'&' outside the rows of an environment")
        return escape.string(token)

    def command(self, name: str) -> str:
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name == "begin":
            return self.environment()
        if name in ("displaylines", "substack"):
            if self.take() != "{":
                raise Unsupported(f"\\{name} without {{...}}")
            return self.lines("}", centred=True)
        if name == "left":
            opening = self.delimiter()
            body = " ".join(self.parts(("\\right",)))
            if self.peek() != "\\right":
                raise Unsupported("\\left without its \\right")
            self.take()
            return f"lr({' '.join(p for p in (opening, body, self.delimiter()) if p)})"
        if name == "middle":
            return f"mid({self.delimiter() or _EMPTY})"
        if name == "label":
            self.literal_group()  # a name for LaTeX's cross references, printed nowhere
            return ""
        if name == "frac" or name in ("dfrac", "tfrac"):
            return f"frac({self.argument()}, {self.argument()})"
        if name == "sqrt":
            if self.peek() == "[":
                self.take()
                index = self.sequence("]")
                if index:
                    return f"root({index}, {self.argument()})"
            return f"sqrt({self.argument()})"
        if name in _ACCENTS:
            return f"{_ACCENTS[name]}({self.argument()})"
        if name in _STYLES:
            return f"{_STYLES[name]}({self.argument()})"
        if name in _TEXT:
            return self.text_group()
        if name in _BRAKET:
            opening, closing = _BRAKET[name]
            return f"lr({opening} {self.argument()} {closing})"
        if name == "operatorname":
            limits = self.peek() == "*"
            if limits:
                self.take()
            return f"op({escape.string(self.literal_group())}{', limits: #true' if limits else ''})"
        if name in _SWITCHES:
            body = " ".join(self.parts(("}", "&", _BREAK, _END, "\\right")))
            return f"{_SWITCHES[name]}({body or _EMPTY})"
        if name in _BELOW_ABOVE:
            body, script = self.argument(), _BELOW_ABOVE[name]
            if script and self.peek() == script:  # the note under the brace, as its argument
                self.take()
                return f"{name}({body}, {self.argument()})"
            return f"{name}({body})"
        if name in ("overset", "stackrel", "underset"):
            script = "_" if name == "underset" else "^"
            note = self.argument()
            return f"limits({self.argument() or _EMPTY}){script}({note})"
        if name in ("xrightarrow", "xleftarrow"):
            below = self.sequence("]") if self.peek() == "[" and self.take() else ""
            arrow = "arrow.r.long" if name == "xrightarrow" else "arrow.l.long"
            return f"limits({arrow})^({self.argument()})" + (f"_({below})" if below else "")
        if name in ("binom", "dbinom", "tbinom"):
            return f"binom({self.argument()}, {self.argument()})"
        if name == "cfrac":
            return f"frac({self.argument()}, {self.argument()})"
        if name == "boxed":
            return f"#box(stroke: 0.5pt, inset: 0.3em, $ {self.argument()} $)"
        if name == "pmod":
            return f"quad paren.l mod {self.argument()} paren.r"
        if name == "bmod":
            return "mod"
        if name == "not":
            negated = self.peek()
            if negated not in _NOT:
                raise Unsupported(f"\\not {negated or ''}".strip())
            self.take()
            return _NOT[negated]
        if name == "mathop":  # a big operator: its scripts go under and over it, as \\sum's
            return f"op({self.argument() or _EMPTY}, limits: #true)"
        if name == "phantom":
            return f"#hide($ {self.argument()} $)"
        if name == "hspace":
            self.literal_group()
            return "quad"
        if name == "textcolor":
            fill = _colour(self.literal_group())
            body = self.argument()
            return f"#text(fill: {fill}, $ {body} $)" if fill else body
        if name == "color":
            fill = _colour(self.literal_group())
            body = " ".join(self.parts(("}", "&", _BREAK, _END, "\\right")))
            return f"#text(fill: {fill}, $ {body} $)" if fill else body
        if name == "tag":  # the formula's own number, printed where LaTeX puts it: after it
            starred = self.peek() == "*" and bool(self.take())
            tag = self.literal_group()
            return f"wide upright({escape.string(tag if starred else f'({tag})')})"
        raise Unsupported(f"\\{name}")

    def delimiter(self) -> str:
        """The delimiter after ``\\left``, ``\\middle`` or ``\\right``; ``.`` is none."""
        if self.peek() == ".":
            self.take()
            return ""
        if self.peek() in (None, "{", "}", "&", _BREAK, "^", "_"):
            raise Unsupported("\\left or \\right without a delimiter")
        return self.atom()

    def text_group(self) -> str:
        """``\\text{…}`` as upright strings, and the ``$…$`` maths inside it as maths."""
        if self.take() != "{":
            raise Unsupported("a {...} missing after \\text")
        depth, pieces = 1, [[]]  # text, maths, text, …: each as its tokens
        while True:
            token = self.take(keep_space=True)
            depth += token == "{"
            depth -= token == "}"
            if depth == 0:
                break
            if token == "$" and depth == 1:
                pieces.append([])
            elif len(pieces) % 2 == 0:
                pieces[-1].append(token)
            else:
                pieces[-1].append(token[1:] if token.startswith("\\") and len(token) == 2 else token)
        if len(pieces) % 2 == 0:  # a $ never closed is a dollar sign
            pieces = [["$".join("".join(piece) for piece in pieces)]]
        out = [(to_typst("".join(piece), block=False) or _EMPTY) if n % 2 else
               f"upright({escape.string(''.join(piece))})"
               for n, piece in enumerate(pieces) if piece or n % 2]
        return " ".join(out) or f"upright({_EMPTY})"

    def literal_group(self) -> str:
        """The raw characters of a {group}, for ``\\text{...}``."""
        if self.take() != "{":
            raise Unsupported("a {...} missing after \\text, \\begin, \\end or \\label")
        depth, chars = 1, []
        while True:
            token = self.take(keep_space=True)
            depth += token == "{"
            depth -= token == "}"
            if depth == 0:
                return "".join(chars)
            chars.append(token[1:] if token.startswith("\\") and len(token) == 2 else token)


def _colour(name: str) -> str | None:
    """A Typst colour for a LaTeX colour name or ``#rrggbb``; None for one it does not know."""
    name = name.strip()
    code = _COLOURS.get(name.lower()) or (name.lstrip("#").lower()
                                          if re.fullmatch(r"#?[0-9a-fA-F]{6}", name) else None)
    return f'rgb("#{code}")' if code else None


def _matrix(rows: list[list[list[str]]], options: str) -> str:
    cells = "; ".join(", ".join(" ".join(cell) or _EMPTY for cell in row) for row in rows)
    return f"mat({options}{cells})"
