"""A converted document's Akoma Ntoso file as HTML for people: the text as the Parliament prints
it, each mention a link to its actor's page, each cited act a link to its ELI, each footnote at its
marker and in a list at the end. The markup is built as elements, so no text can become markup."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml.html import builder as h

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
# Units that have a page of their own (their eId names a component IRI).
UNITS = frozenset({"citation", "recital", "paragraph", "point", "attachment"})
# Akoma Ntoso inline elements that name a registry entry by refersTo.
MENTIONS = frozenset({"organization", "location", "person", "role", "concept", "entity", "event"})
CONTAINERS = frozenset({"citations", "recitals", "mainBody", "preamble", "conclusions", "attachments", "hcontainer",
                        "intro", "content", "blockList", "item", "doc", "formula", "crossHeading", "wrapUp",
                        "blockContainer"})

Link = Callable[[str], str]  # an IRI to the href that shows it


@dataclass
class Page:
    """What the document page shows, read from the Akoma Ntoso file."""

    language: str  # ISO 639-2/T, as the file's FRBRlanguage
    title: str
    long_title: str
    register_number: str
    date: str
    procedure: str
    body: etree._Element
    notes: list[etree._Element] = field(default_factory=list)
    letter: etree._Element | None = None


def read_page(akn: Path, link: Link, unit_href: Callable[[str], str], act_link: Link) -> Page:
    """The page of the document in ``akn``; ``link`` maps an IRI to an href, ``unit_href`` an eId,
    ``act_link`` the IRI of a cited act (its ELI, for an EU act)."""
    root = etree.parse(str(akn)).getroot()
    meta = root.find(f".//{AKN}meta")
    targets = {e.get("eId"): e.get("href") for e in meta.iter() if e.get("eId") and e.get("href")}
    language = root.find(f".//{AKN}FRBRlanguage")
    aliases = {a.get("name"): a.get("value") for a in root.iter(f"{AKN}FRBRalias")}
    renderer = _Renderer(link, unit_href, act_link, targets)
    body = h.DIV(h.CLASS("akn"))
    for part in ("preamble", "mainBody", "conclusions", "attachments"):
        for element in root.iter(f"{AKN}{part}"):
            if element.getparent().tag != f"{AKN}attachment":
                body.append(renderer.element(element))
    cover = root.find(f".//{AKN}coverPage")
    return Page(
        language=language.get("language") if language is not None else "",
        title=_text(root.find(f".//{AKN}shortTitle")),
        long_title=_text(root.find(f".//{AKN}longTitle")),
        register_number=aliases.get("registerNumber", ""),
        date=(root.find(f".//{AKN}FRBRWork/{AKN}FRBRdate").get("date") or ""),
        procedure=aliases.get("procedure", ""),
        body=body, notes=renderer.notes,
        letter=renderer.element(cover) if cover is not None else None)


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


class _Renderer:
    def __init__(self, link: Link, unit_href: Callable[[str], str], act_link: Link, targets: dict[str, str]) -> None:
        self.link, self.unit_href, self.act_link, self.targets = link, unit_href, act_link, targets
        self.notes: list[etree._Element] = []

    def element(self, source: etree._Element) -> etree._Element:
        name = etree.QName(source).localname
        out = self._shell(name, source)
        if out.text is None and source.text and name not in ("authorialNote",):
            out.text = source.text
        if name == "authorialNote":
            return out
        numbered = name in UNITS and source.get("eId")
        for child in source:
            if not isinstance(child.tag, str) or (numbered and child.tag == f"{AKN}num"):
                continue
            rendered = self.element(child)
            out.append(rendered)
            rendered.tail = child.tail
        return out

    def _shell(self, name: str, source: etree._Element) -> etree._Element:
        eid = source.get("eId")
        if name in UNITS and eid:
            unit = h.DIV(h.CLASS(f"unit {name}"), id=eid)
            number = source.find(f"{AKN}num")
            if number is not None:
                unit.append(h.A(h.CLASS("num"), _text(number), href=self.unit_href(eid),
                                title="this unit's own page"))
            return unit
        if name == "num":
            return h.SPAN(h.CLASS("num"))
        if name in ("heading", "crossHeading"):
            return h.H3(h.CLASS(name))
        if name == "p":
            return h.P()
        if name == "authorialNote":
            return self._note(source)
        if name == "ref":
            href = source.get("href") or ""
            return h.A(h.CLASS("act"), href=self.act_link(href))
        if name in MENTIONS:
            target = self.targets.get((source.get("refersTo") or "").lstrip("#"), "")
            css = f"mention {name} {source.get('class') or ''}".strip()
            if target.startswith("#") or not target:
                return h.SPAN(h.CLASS(css + " unresolved"), title="not resolved to an identifier")
            return h.A(h.CLASS(css), href=self.link(target))
        if name == "block":
            return h.P(h.CLASS(f"block {source.get('name') or ''}".strip()))
        if name in CONTAINERS or name == "coverPage":
            section = h.DIV(h.CLASS(name))
            if eid:
                section.set("id", eid)
            return section
        return h.SPAN(h.CLASS(name))

    def _note(self, source: etree._Element) -> etree._Element:
        eid, marker = source.get("eId") or f"note_{len(self.notes) + 1}", source.get("marker") or "*"
        note = h.LI(id=f"note-{eid}")
        for child in source:
            if isinstance(child.tag, str):
                note.append(self.element(child))
        note.append(h.A(h.CLASS("back"), "↩", href=f"#marker-{eid}", title="back to the text"))
        self.notes.append(note)
        return h.SUP(h.A(marker, href=f"#note-{eid}", id=f"marker-{eid}", role="doc-noteref"), h.CLASS("note"))


def markup(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode", method="html")
