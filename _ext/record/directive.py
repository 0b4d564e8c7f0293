"""```{releases}```: the Editions page's list of every release, newest first.

Ordinary docutils nodes, so the website, the ePub and the PDF all carry it (and so reach
each release's "What changed" page, by its address). Links are absolute addresses of
the published site; the website makes them relative (``record_path``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

from sphinx.util import logging

import changes
from publication.checksums import human_size

from . import changelog, releases
from .problems import WARNING_TYPE, Kind

logger = logging.getLogger(__name__)

GENERATED = "record-generated"


def link(text: str, root: str, path: str) -> nodes.reference:
    ref = nodes.reference(text, text, refuri=urljoin(root, path))
    ref["record_path"] = path
    return ref


class ReleasesDirective(SphinxDirective):
    """Every frozen release (and this edition, if it is not frozen yet), newest first."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from . import context

        info = context(self.env.app)
        self.env.note_dependency(str(info.changes_file))
        release_pages(self.env).add(self.env.docname)
        notes = changelog.sections(info.changes_file)
        for problem in releases.find(info.releases_dir)[1]:
            logger.warning(f"{problem}; this list leaves it out", type=WARNING_TYPE,
                           subtype=Kind.RELEASE.value, location=(self.env.docname, self.lineno))
        box = nodes.container(classes=[GENERATED])
        intro = nodes.paragraph()
        intro += nodes.Text(str(_(
            "Every release of this publication is kept here as it was published: the "
            "website, the PDF and the ePub of each version. Earlier editions are an archive "
            "kept for reference; they are not updated. The current edition is version "
            "{version}.")).format(version=info.meta.version))
        box += intro
        versions = [(r.version, r) for r in info.releases if r.version != info.meta.version]
        versions.append((info.meta.version, None))
        versions.sort(key=lambda v: releases.Version(v[0]), reverse=True)
        for version, release in versions:
            self.env.note_dependency(str(release.folder / releases.SUMS)) if release else None
            box += self.entry(info, version, release, notes)
        self.set_source_info(box)
        _already_translated(box)
        return [box]

    def entry(self, info: Any, version: str, release: releases.Release | None,
              notes: dict[str, tuple[str, int]]) -> list[nodes.Node]:
        date = (release.passages()["date"] if release else info.meta.date_released.isoformat())
        label = str(_("Version {version}, {date}") if release
                    else _("Version {version}, {date} (this edition)")).format(version=version, date=date)
        out: list[nodes.Node] = [nodes.rubric(label, label)]
        text = notes.get(version, ("", 0))[0]
        if text:
            holder = nodes.container(classes=["record-notes"])
            self.state.nested_parse(StringList(text.splitlines(), str(info.changes_file)),
                                    self.content_offset, holder)
            out.append(holder)
        items = nodes.bullet_list()
        if release is not None:
            sums = release.sums()
            mine = info.folder if release.translation(info.folder) else ""
            archive = f"{info.archive}editions/{version}/"
            for name, digest in sorted(sums.items()):
                if name.startswith(f"{mine}editions/") and name.endswith((".pdf", ".epub")):
                    kind = "PDF" if name.endswith(".pdf") else "ePub"
                    para = nodes.paragraph()
                    para += link(str(_("{kind} of version {version}")).format(kind=kind, version=version),
                                 info.root, archive + name)
                    size = release.file(name).stat().st_size
                    para += nodes.Text(" " + str(_("({size}). SHA-256:")).format(size=human_size(size)) + " ")
                    para += nodes.literal(digest, digest)
                    items += nodes.list_item("", para)
            for text_, path in ((str(_("Website of version {version}")).format(version=version),
                                 f"{archive}{mine}index.html"),
                                (str(_("Checksums of every file (SHA256SUMS)")), f"{archive}SHA256SUMS")):
                para = nodes.paragraph()
                para += link(text_, info.root, path)
                items += nodes.list_item("", para)
        else:
            para = nodes.paragraph()
            para += nodes.Text(str(_("The downloads of this edition are on the first page.")))
            items += nodes.list_item("", para)
        if any(r.key < releases.Version(version) for r in info.texts):
            para = nodes.paragraph()
            para += link(str(_("What changed in version {version}")).format(version=version),
                         info.root, f"changes/{version}.html")
            items += nodes.list_item("", para)
        out.append(items)
        return out


def _already_translated(box: nodes.Element) -> None:
    """Our words went through ``_()``: the page's catalog must not look them up again (it
    would not find them, and a translated build would then mark them as English). The
    release notes, parsed from CHANGES.md, stay the catalog's to translate."""
    for node in box.findall(nodes.TextElement):
        parent, notes = node.parent, False
        while parent is not None and parent is not box:
            notes = notes or "record-notes" in parent.get("classes", ())
            parent = parent.parent
        if not notes:
            node["translatable"] = False


def release_pages(env: Any) -> set[str]:
    """The pages that list the releases (a ``changes`` memory, filled as pages are read)."""
    pages = changes.recall(env, "record.release_pages")
    if pages is changes.MISSING:
        pages = set()
        changes.remember(env, "record.release_pages", pages)
    return pages
