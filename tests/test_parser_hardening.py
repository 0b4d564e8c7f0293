"""The Markdown reader's footnote references, guarded against a hostile paragraph: the same
tokens as MyST's own parser, in linear time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser

from conftest import ends_apart
from maths.hardening import linear_footnote_refs


def parsers():
    config = MdParserConfig()
    return create_md_parser(config, DocutilsRenderer), linear_footnote_refs(
        create_md_parser(config, DocutilsRenderer))


MYST, GUARDED = parsers()


def tokens(parser, text: str) -> list:
    return [token.as_dict() for token in parser.parse(text, {})]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["[^", "]", "[", "^", "a", "1", " ", "\n", "\n\n", "[^1]",
                                 "[^1]: note", "*", "`", "(x)", "!", ":"]), max_size=30))
def test_footnote_references_are_read_as_myst_reads_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert tokens(GUARDED, text) == tokens(MYST, text)


def test_the_guard_is_in_place_once() -> None:
    rule = GUARDED.inline.ruler.__rules__[GUARDED.inline.ruler.__find__("footnote_ref")]
    assert getattr(rule.fn, "guarded", False)
    assert linear_footnote_refs(GUARDED) is GUARDED
    assert "footnote_ref" in GUARDED.inline.ruler.get_active_rules()


def test_a_paragraph_of_footnote_openers_is_read_without_hanging() -> None:
    """40 KB of ``[^`` held MyST's reader for over five minutes, a megabyte for days. Run
    apart, with a limit."""
    assert ends_apart("from myst_parser.config.main import MdParserConfig; "
                      "from myst_parser.mdit_to_docutils.base import DocutilsRenderer; "
                      "from myst_parser.parsers.mdit import create_md_parser; "
                      "from maths.hardening import linear_footnote_refs; "
                      "md = linear_footnote_refs(create_md_parser(MdParserConfig(), DocutilsRenderer)); "
                      "found = md.parse('[^a' * 50_000 + '\\n\\n' + '[^' * 50_000 + ']', {}); "
                      "sys.exit(0 if found else 3)")


def test_repeated_headings_get_their_anchors_in_linear_time():
    """MyST counted each repeated heading's anchor suffix up from ``-1``: a page of 15,000
    ``## Notes`` took 40 s to read, 30,000 four minutes, 100,000 most of a day. The maths
    room's parser counts on from the last repeat; the anchors are MyST's own."""
    assert ends_apart("from maths import hardening\n"
                      "from myst_parser.mdit_to_docutils import base\n"
                      "hardening.linear_heading_slugs()\n"
                      "table = {}\n"
                      "for _ in range(100_000):\n"
                      "    table[base.compute_unique_slug.__globals__['unique_slug']('notes', table)] = 1\n"
                      "assert 'notes' in table and 'notes-1' in table and 'notes-99999' in table\n"
                      "table['x-1'] = 1\n"
                      "assert base.unique_slug('x', table) == 'x' and base.unique_slug('x', {'x': 1, 'x-1': 1}) == 'x-2'",
                      limit=120)
