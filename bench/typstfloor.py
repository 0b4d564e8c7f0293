"""Typst's own floor for the PDF: the same words, none of our layout.

Issue 15 asks the PDF at N=1000 for a tenth of LaTeX's time and at most 1 GiB. This
measures what Typst alone needs for the words of the same book: every string our ``.typ``
prints, headings as headings (a chapter on a new page), one font, no cover, contents,
running headers, links, footnotes, passages or tags. What our PDF costs above this row is
ours; what this row costs is not, whatever the ``.typ`` says.

``python -m bench.typstfloor BOOK.typ FOLDER`` writes ``FOLDER/floor.typ`` and typesets it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

STRING = re.compile(r'#"((?:[^"\\]|\\.)*)"')
HEADING = re.compile(r"#heading\(level: (\d+)\)")
PREAMBLE = ('#set text(font: "Libertinus Serif", size: 11pt, hyphenate: false)\n'
            '#set page(paper: "us-letter", margin: (x: 1in, top: 1in, bottom: 0.9in), '
            'numbering: "1")\n\n')


def plain_document(typ: str) -> str:
    """The words of each block of a generated ``.typ`` (blocks are blank-line apart), as
    string literals again: a heading its level's ``=``, anything else one paragraph."""
    body = typ[typ.index("#show: book.with("):].split("\n\n", 1)[-1]
    blocks = []
    for block in body.split("\n\n"):
        words = " ".join(STRING.findall(block))
        if not words:
            continue
        heading = HEADING.match(block)
        if heading is None:
            blocks.append(f'#"{words}"')
            continue
        level = int(heading.group(1))
        blocks.append(("#pagebreak(weak: true)\n" if level == 1 else "")
                      + "=" * level + f' #"{words}"')
    return PREAMBLE + "\n\n".join(blocks) + "\n"


def typeset(document: Path) -> bytes:
    """Typst alone, with the font it embeds that the book's text is set in (the generated
    pages are Latin only); no Sphinx, nor our extensions, imported into the process."""
    import typst

    return typst.compile(str(document), ignore_system_fonts=True)


def main(argv: list[str]) -> int:
    book, folder = Path(argv[0]), Path(argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    document = folder / "floor.typ"
    document.write_text(plain_document(book.read_text(encoding="utf-8")), encoding="utf-8")
    (folder / "floor.pdf").write_bytes(typeset(document))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
