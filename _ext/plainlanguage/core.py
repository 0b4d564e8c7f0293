"""Plain-language advice for one Markdown page (plain Python: markdown-it, pyphen).

What is read is the prose a reader reads: paragraphs, headings, list items, quotes and
table cells. Front matter, code (fenced, indented, inline, and Jekyll's ``{% highlight %}``
blocks) and raw HTML are skipped; kramdown's abbreviation definitions (``*[HTTP]: HyperText
Transfer Protocol``) are no prose, and spell out the acronyms they define. Each finding
carries the line of the page it is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .grade import flesch_kincaid_grade
from .problems import Kind

MAX_SENTENCE_WORDS = 25
MAX_GRADE = 8.0  # plainlanguage.gov: write for an 8th-grade reader when the public reads it
# Acronyms every reader knows (or that are the name people use): no need to spell them out.
KNOWN_ACRONYMS = frozenset({"PDF", "HTML", "URL", "US", "USA", "OK", "TV", "ID", "FAQ", "AM", "PM",
                            "PO", "DC", "EPUB", "UTF", "AA", "AAA"})  # AA: a WCAG level
VAGUE_LINK_TEXT = frozenset({"click here", "here", "read more", "more", "click", "this", "link",
                             "this link", "learn more", "more info", "more information", "this page",
                             "click this link", "go", "details", "continue"})
ALT_PREFIXES = ("image of", "an image of", "picture of", "a picture of", "photo of", "a photo of",
                "photograph of", "graphic of", "screenshot of")
_FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|svg|webp|avif|tiff?|bmp|heic)$", re.IGNORECASE)
_ACRONYM = re.compile(r"(?<![\w/.-])([A-Z][A-Z0-9]*[A-Z])(s?)(?![\w])")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_CAPITALS_AT_END = re.compile(r"(?<![\w'’])[A-Z]{2,}[,;:!]?$")
_CAPITALS_AT_START = re.compile(r"[A-Z]{2,}(?![\w'’])")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+")
_ABBREVIATION_AT_END = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|vs)\.)$")
_ABBREVIATION_REACH = 64
"""How far before a sentence's end an abbreviation is looked for. From the text's start,
each end tried every earlier character: a paragraph of 8,000 short sentences (160 KB)
took 95 s, twice as many four times that. A longer run of ``a.b.c.`` still ends with
two of its letters inside the reach, each after a ``.`` (a word boundary)."""
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_FIGURE = re.compile(r"^\{(figure|image)\}")
_OPTION = re.compile(r"^:(\w[\w-]*):\s*(.*)$")

_MARKDOWN = (MarkdownIt("commonmark").use(front_matter_plugin).use(colon_fence_plugin)
             .enable("table"))


@dataclass(frozen=True)
class Finding:
    """One piece of advice: where (1-based line), what kind, and what to do."""

    line: int
    kind: Kind
    message: str


@dataclass
class Report:
    """What the check found on one page, and how the page reads overall."""

    findings: list[Finding] = field(default_factory=list)
    sentences: int = 0
    words: int = 0
    grade: float | None = None

    def summary(self) -> str:
        grade = "n/a" if self.grade is None else f"{self.grade:.1f}"
        advice = len(self.findings)
        return (f"{self.sentences} sentence(s), {self.words} word(s), reading grade {grade}, "
                f"{advice} piece(s) of advice")


@dataclass
class _Prose:
    """A block's text as read, with the page line where each of its lines starts."""

    text: str
    first_line: int

    def line_at(self, index: int) -> int:
        return self.first_line + self.text.count("\n", 0, index)


def body_of(lines: tuple[str, ...] | list[str], body_start: int) -> str:
    """A page's body with its front matter blanked out, so every line keeps its number.

    ``pagesource`` finds where the body starts (the one front-matter reader)."""
    return "\n" * body_start + "\n".join(lines[body_start:]) + "\n"


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


# kramdown's "* TOC" + "{:toc}": the place of a table of contents, no prose (no "TOC" acronym)
_KRAMDOWN_TOC = re.compile(r"^\s*TOC\s*\n\s*\{:\s*toc\s*\}\s*$")


_HIGHLIGHT = re.compile(r"\{%-?\s*highlight\b")
_END_HIGHLIGHT = re.compile(r"\{%-?\s*endhighlight\s*-?%\}")
_ABBREVIATION = re.compile(r"^[ \t]*\*\[([^\]\n]+)\]:.*$", re.M)


def _without_code_and_definitions(markdown: str) -> tuple[str, set[str]]:
    """``markdown`` with ``{% highlight %}`` blocks and abbreviation definitions blanked (every
    line keeps its number), and the acronyms those definitions spell out.

    jcubic/jcubic.pl's posts put PHP in ``{% highlight php %}`` (its SQL read as acronyms:
    SELECT, FROM, WHERE) and define ``*[HTTP]:`` at the end, as kramdown lets them."""
    defined = {match.group(1).strip() for match in _ABBREVIATION.finditer(markdown)}
    return _ABBREVIATION.sub("", _blank_liquid(_blank_highlights(markdown))), defined


_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}")
_END_COMMENT = re.compile(r"\{%-?\s*endcomment\s*-?%\}")


def _blank_liquid(markdown: str) -> str:
    """Liquid's tags and outputs (``{% include figure.html image="…" %}``, ``{{ site.title }}``)
    and ``{% comment %}`` blocks as their line breaks: no reader sees those words, and an
    include's ten parameters read as one long sentence. One pass: an opener with no closer
    after it has none after any later one either."""
    kept, at, comments_end = [], 0, True
    openers = {"{%": markdown.find("{%"), "{{": markdown.find("{{")}
    while (found := [i for i in openers.values() if i >= 0]):
        start = min(found)
        comment = _COMMENT.match(markdown, start) if comments_end else None
        closer = _END_COMMENT.search(markdown, comment.end()) if comment else None
        comments_end = comments_end and not (comment and closer is None)
        end = closer.end() if closer else markdown.find("%}" if markdown[start + 1] == "%" else "}}", start + 2) + 2
        if end < 2:
            break
        kept += [markdown[at:start], " " + "\n" * markdown.count("\n", start, end)]
        at = end
        for opener, index in openers.items():
            if 0 <= index < at:
                openers[opener] = markdown.find(opener, at)
    kept.append(markdown[at:])
    return "".join(kept)


def _blank_highlights(markdown: str) -> str:
    """Each ``{% highlight %}`` to its ``{% endhighlight %}`` as its line breaks, in one pass
    (``highlight.*?endhighlight`` searched on to the end from every start left unclosed: a
    page of them took time as the square of its length)."""
    kept, at = [], 0
    while (start := _HIGHLIGHT.search(markdown, at)) is not None:
        end = _END_HIGHLIGHT.search(markdown, start.end())
        if end is None:
            break  # no start after this one has an end either
        kept += [markdown[at:start.start()], "\n" * markdown.count("\n", start.start(), end.end())]
        at = end.end()
    kept.append(markdown[at:])
    return "".join(kept)


def analyse(markdown: str, *, max_words: int = MAX_SENTENCE_WORDS, max_grade: float = MAX_GRADE,
            known_acronyms: frozenset[str] | set[str] = KNOWN_ACRONYMS) -> Report:
    """Check ``markdown`` (a whole page, front matter included) and return the report."""
    report = Report()
    markdown, defined = _without_code_and_definitions(markdown)
    known_acronyms = set(known_acronyms) | defined
    blocks: list[tuple[_Prose, bool]] = []  # (prose, is it sentences: not a heading)
    tokens = _MARKDOWN.parse(markdown)
    heading = False
    for token in tokens:
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline" and token.map and not _KRAMDOWN_TOC.match(token.content):
            prose = _inline(token, report)
            if prose.text.strip():
                blocks.append((prose, not heading))
        elif token.type in ("fence", "colon_fence") and token.map and _FIGURE.match(token.info.strip()):
            _figure(token, report)

    prose_text = []
    for prose, is_sentences in blocks:
        if not is_sentences:
            continue
        for start, sentence in _sentences(prose.text):
            count = len(words_of(sentence))
            if not count:
                continue
            report.sentences += 1
            report.words += count
            prose_text.append(_ended(sentence.strip()))
            if count > max_words:
                report.findings.append(Finding(
                    prose.line_at(start), Kind.LONG_SENTENCE,
                    f"a sentence of {count} words (more than {max_words}): "
                    f"split it, or cut words (it starts \"{_start_of(sentence)}\")"))
    _acronyms(blocks, known_acronyms, report)
    if report.words >= 30:  # a grade for a few words says nothing
        report.grade = float(flesch_kincaid_grade(" ".join(prose_text)))
        if report.grade > max_grade:
            first = blocks[0][0].first_line if blocks else 1
            report.findings.append(Finding(
                first, Kind.READING_GRADE,
                f"the page reads at US school grade {report.grade:.1f} (aim for {max_grade:g} or "
                "lower): use shorter sentences and everyday words"))
    report.findings.sort(key=lambda finding: finding.line)
    return report


def _ended(sentence: str) -> str:
    """The sentence as the grade must count it, one: a list item or a heading-like line ends
    without a full stop, and the grade read ten such items as one sentence of 60 words (18F's
    accessibility checklist: grade 19.6)."""
    return sentence if sentence[-1:] in ".!?" else sentence + "."


def _start_of(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def _sentences(text: str) -> list[tuple[int, str]]:
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATION_AT_END.search(text, max(0, match.start() - _ABBREVIATION_REACH), match.start()):
            continue  # "the U.S. Department", "e.g. parks": no sentence ends there
        found.append((start, text[start:match.start()]))
        start = match.end()
    found.append((start, text[start:]))
    return [(index, sentence) for index, sentence in found if sentence.strip()]


def _inline(token: Token, report: Report) -> _Prose:
    """The readable text of a block; link texts and images are checked on the way."""
    first = token.map[0] + 1
    text: list[str] = []
    link: list[str] | None = None
    link_line = first
    here = first  # the line of the child being read: counted as text is added, not recounted
    for child in token.children or []:
        if child.type == "text":
            text.append(child.content)
            here += child.content.count("\n")
            if link is not None:
                link.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            text.append("\n")
            here += 1
            if link is not None:
                link.append(" ")
        elif child.type == "code_inline":
            text.append("code")
            if link is not None:
                link.append(child.content)
        elif child.type == "link_open":
            link, link_line = [], here
        elif child.type == "link_close" and link is not None:
            _link_text(" ".join("".join(link).split()), link_line, report)
            link = None
        elif child.type == "image":
            _alt_text(child.content, str(child.attrGet("src") or ""), None, here, report)
    return _Prose("".join(text), first)


def _link_text(text: str, line: int, report: Report) -> None:
    plain = re.sub(r"[^\w\s]", "", text).strip().casefold()
    if plain in VAGUE_LINK_TEXT:
        report.findings.append(Finding(
            line, Kind.LINK_TEXT,
            f"the link text \"{text}\" says nothing out of context: name where the link "
            "goes (\"the 2024 budget\", not \"click here\")"))


def _alt_text(alt: str, src: str, caption: str | None, line: int, report: Report) -> None:
    plain = " ".join(alt.split())
    folded = plain.casefold()
    name = PurePosixPath(src.split("?")[0]).name if src else ""
    if plain and (_FILE_NAME.match(plain) or (name and folded in (name.casefold(), PurePosixPath(name).stem.casefold()))):
        problem = "is a file name"
    elif prefix := next((prefix for prefix in ALT_PREFIXES
                         if folded.startswith(prefix + " ") or folded == prefix), None):
        problem = (f"starts with \"{plain[:len(prefix)]}\" (a screen reader already says it is an "
                   "image)")
    elif caption and _same(plain, caption):
        problem = "repeats the caption (a screen reader reads both)"
    else:
        return
    report.findings.append(Finding(
        line, Kind.ALT_TEXT,
        f"the alt text \"{plain}\" {problem}: say what the image shows that matters here"))


def _same(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", text).casefold().split())
    return norm(a) == norm(b)


def _figure(token: Token, report: Report) -> None:
    """A MyST ``{figure}``/``{image}`` directive: its ``:alt:`` against its file and caption."""
    lines = token.content.splitlines()
    options, body_start = {}, len(lines)
    for index, line in enumerate(lines):
        if match := _OPTION.match(line.strip()):
            options[match.group(1)] = (match.group(2), index)
        elif line.strip():
            body_start = index
            break
    if "alt" not in options:
        return
    alt, index = options["alt"]
    caption = " ".join(line.strip() for line in lines[body_start:]).strip() or None
    src = token.info.strip().split(maxsplit=1)[1] if len(token.info.split()) > 1 else ""
    _alt_text(alt, src, caption, token.map[0] + 2 + index, report)


def _end_before(text: str, index: int) -> int:
    """Where ``text[:index].rstrip()`` ends (read in place: slicing the paragraph at each
    acronym made a paragraph of 6,000 acronyms take 20 s, and twice as many four times that)."""
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return index


def _start_after(text: str, index: int) -> int:
    """Where ``text[index:].lstrip()`` starts."""
    while index < len(text) and text[index].isspace():
        index += 1
    return index


def _capitals_end(text: str, end: int) -> bool:
    """``_CAPITALS_AT_END`` on ``text[:end]``, searched from the start of its last run of
    capitals only (the run it can match), not from the paragraph's start."""
    start = end - 1 if end > 0 and text[end - 1] in ",;:!" else end
    while start > 0 and "A" <= text[start - 1] <= "Z":
        start -= 1
    return _CAPITALS_AT_END.search(text, start, end) is not None


def _acronyms(blocks: list[tuple[_Prose, bool]], known: frozenset[str] | set[str], report: Report) -> None:
    """The first use of each acronym must come with its words: "Words (ACR)" or "ACR (words)"."""
    seen: set[str] = set()
    for prose, _ in blocks:
        for match in _ACRONYM.finditer(prose.text):
            acronym = match.group(1)
            if (acronym in seen or acronym in known or len(acronym) > 6 or _ROMAN.match(acronym)):
                continue
            text = prose.text
            before, after = _end_before(text, match.start()), _start_after(text, match.end())
            if _capitals_end(text, before) or _CAPITALS_AT_START.match(text, after):
                continue  # words in capitals for emphasis ("DUE BY FRIDAY"), not acronyms
            seen.add(acronym)
            explained = text.startswith("(", after) or (
                before > 0 and text[before - 1] == "(" and text.startswith(")", after))
            if not explained:
                report.findings.append(Finding(
                    prose.line_at(match.start()), Kind.ACRONYM,
                    f"\"{acronym}\" is not spelled out at its first use on the page: write the words "
                    f"first, then the acronym in brackets, e.g. \"Words In Full ({acronym})\""))
