"""Helpers for the PDF tests: build with ``-b typst`` and read the PDF back.

The structure check (:func:`structure_problems`) is the PDF part of the accessibility gate
(issue 5): veraPDF cannot be had here, so this reads the tagged structure with pikepdf.
It has tests of its own (a PDF without tags must fail it), so it can fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pypdf

from conftest import Build, sphinx_build



def build_pdf(srcdir: Path, outdir: Path, *, strict: bool = True,
              extra: tuple[str, ...] = (), env: dict[str, str] | None = None) -> Build:
    """One ``-b typst`` build of ``srcdir`` with the project's conf.py."""
    return sphinx_build(srcdir, outdir, "typst", strict=strict, extra=extra, env=env)


def the_pdf(outdir: Path) -> Path:
    pdfs = sorted(outdir.glob("*.pdf"))
    assert len(pdfs) == 1, f"expected one PDF in {outdir}, found {pdfs}"
    return pdfs[0]


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages]


def text_of(pdf: Path) -> str:
    return "\n".join(page_texts(pdf))


def words(text: str) -> str:
    """White space folded to single spaces: line breaks are the layout's, not the text's."""
    return " ".join(text.split())


def squash(text: str) -> str:
    """No white space at all, for text a line may break anywhere in (after a '/', a '-')."""
    return re.sub(r"\s+", "", text)


def without_note_marks(text: str) -> str:
    """Drop footnote marks ("[1]"): the addresses of links, printed for paper readers."""
    return re.sub(r"\[\d+\]", "", text)


def outline(pdf: Path) -> list[tuple[int, str]]:
    """The bookmarks as (depth, title), in order."""
    found: list[tuple[int, str]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))
    walk(pypdf.PdfReader(pdf).outline, 0)
    return found


def link_annotations(pdf: Path) -> list[dict]:
    """Every /Link annotation as {'uri': ...} or {'internal': True}."""
    found = []
    with pikepdf.open(pdf) as doc:
        for page in doc.pages:
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                action = annot.get("/A")
                if action is not None and action.get("/S") == "/URI":
                    found.append({"uri": str(action.URI)})
                elif "/Dest" in annot or (action is not None and action.get("/S") == "/GoTo"):
                    found.append({"internal": True})
    return found


def struct_elements(doc: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Structure elements in reading order (depth first)."""
    found: list[pikepdf.Dictionary] = []

    def walk(kids: object) -> None:
        if isinstance(kids, pikepdf.Array):
            for kid in kids:
                walk(kid)
        elif isinstance(kids, pikepdf.Dictionary) and "/S" in kids:
            found.append(kids)
            walk(kids.get("/K"))
    walk(doc.Root.StructTreeRoot.get("/K"))
    return found


def _fonts(resources: pikepdf.Object, seen: set) -> list[pikepdf.Dictionary]:
    """Every font used by a page, its form XObjects and Type 3 fonts, descendants included."""
    if not isinstance(resources, pikepdf.Dictionary) or resources.objgen in seen:
        return []
    if resources.objgen != (0, 0):
        seen.add(resources.objgen)
    found = []
    for font in (resources.get("/Font") or {}).values():
        found.append(font)
        found.extend(font.get("/DescendantFonts", []))
        found.extend(_fonts(font.get("/Resources"), seen))
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form":
            found.extend(_fonts(xobject.get("/Resources"), seen))
    return found


def structure_problems(pdf: Path, *, lang: str = "en") -> list[str]:
    """What keeps ``pdf`` from being the tagged, archival PDF the City must post."""
    problems = []
    with pikepdf.open(pdf) as doc:
        root = doc.Root
        if doc.is_encrypted:
            problems.append("the PDF is encrypted")
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
            problems.append("MarkInfo/Marked is not true: not a tagged PDF")
        if "/StructTreeRoot" not in root:
            problems.append("no StructTreeRoot: no tags")
        if str(root.get("/Lang", "")) != lang:
            problems.append(f"/Lang is {root.get('/Lang')!r}, not {lang!r}")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            problems.append("ViewerPreferences/DisplayDocTitle is not true")
        meta = doc.open_metadata()
        claims = {key: meta.get(key) for key in
                  ("pdfuaid:part", "pdfaid:part", "pdfaid:conformance")}
        if claims != {"pdfuaid:part": "1", "pdfaid:part": "2", "pdfaid:conformance": "A"}:
            problems.append(f"XMP does not claim PDF/UA-1 and PDF/A-2a: {claims}")
        if "/StructTreeRoot" in root:
            elements = struct_elements(doc)
            role_map = root.StructTreeRoot.get("/RoleMap", {})
            types = [str(role_map.get(e.S, e.S)) for e in elements]
            for element, kind in zip(elements, types):
                if kind == "/Figure" and not str(element.get("/Alt", "")).strip():
                    problems.append("a Figure has no /Alt text")
            levels = [int(k[2:]) for k in types if re.fullmatch(r"/H[1-6]", k)]
            previous = 0
            for level in levels:
                if level > previous + 1:
                    problems.append(f"heading levels skip from H{previous} to H{level}")
                previous = level
            if not levels:
                problems.append("no headings (H1-H6) in the structure")
        seen: set = set()
        for page in doc.pages:
            for font in _fonts(page.obj.get("/Resources"), seen):
                if font.get("/Subtype") in ("/Type0", "/Type3"):
                    continue  # Type0: its descendant is checked; Type3: glyphs are in the file
                descriptor = font.get("/FontDescriptor", {})
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    problems.append(f"font {font.get('/BaseFont')} is not embedded")
    return sorted(set(problems))
