"""The Akoma Ntoso reader: an AKN ``statement`` (from this converter or another tool) back into
the document model. The input is untrusted: no DTD, no entities, no network, bounded size."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from lxml import etree

from ..akn.schema import NS, E, safe_parser
from ..errors import NotATextAdopted, UnreadableInput
from ..ids import citation_eid
from ..languages import by_language
from ..model import Anchor, Attachment, Document, Footnote, Letter, Metadata, Person, Point, Provision, Unit
from ..vocab import kind_from_akn

MAX_BYTES = 20 * 1024 * 1024


def read_akn(data: bytes, source: str) -> Document:
    """An AKN document (from this converter or another tool) back into the model. Untrusted input:
    no DTD, no entities, no network, bounded size."""
    if len(data) > MAX_BYTES:
        raise UnreadableInput(source, f"Akoma Ntoso file larger than {MAX_BYTES // (1024 * 1024)} MB")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnreadableInput(source, "the XML declares a DTD or entities, which are refused "
                              "(external entities and entity expansion are attack vectors)",
                              expected="Akoma Ntoso XML without <!DOCTYPE>")
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableInput(source, f"not well-formed XML: {exc.msg}", line=exc.lineno) from None
    statement = root.find(E + "statement")
    if root.tag != E + "akomaNtoso" or statement is None:
        raise NotATextAdopted(source, "not an Akoma Ntoso statement", expected="<akomaNtoso><statement …>")
    return _Reader(statement, source, hashlib.sha256(data).hexdigest()).document()


class _Reader:
    def __init__(self, statement: etree._Element, source: str, sha256: str) -> None:
        self.s = statement
        self.source = source
        self.sha256 = sha256
        self.notes: list[Footnote] = []

    def one(self, path: str) -> etree._Element:
        node = self.s.find(path, {"a": NS})
        if node is None:
            raise NotATextAdopted(self.source, f"the Akoma Ntoso document has no {path}")
        return node

    def text(self, path: str) -> str:
        return "".join(self.one(path).itertext())

    def block(self, parent: etree._Element, name: str) -> list[str]:
        return ["".join(b.itertext()) for b in parent.findall(f"a:block[@name='{name}']", {"a": NS})]

    def document(self) -> Document:
        found = kind_from_akn(self.s.get("name", ""))
        kind = found.name if found is not None else "resolution"
        work = self.one("a:meta/a:identification/a:FRBRWork")
        aliases = {a.get("name"): a.get("value") for a in work.findall("a:FRBRalias", {"a": NS})}
        language = self.one("a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage").get("language", "")
        preface = self.one("a:preface")
        register = aliases.get("registerNumber") or self.text("a:preface//a:docNumber")
        procedure = aliases.get("procedure")
        first = (self.block(preface, "termYears") or [None])[0]
        metadata = Metadata(
            register_number=register,
            term=int(register[1:].split("_")[0]),
            term_years=first,
            kind=kind,
            short_title=self.text("a:preface//a:shortTitle"),
            long_title=self.text("a:preface/a:longTitle/a:p"),
            adopted=dt.date.fromisoformat(self.one("a:meta/a:identification/a:FRBRWork/a:FRBRdate").get("date", "")),
            procedure=procedure,
            procedure_type=procedure.split("(")[1].rstrip(")") if procedure else None,
            language=language,
            institution=(self.block(preface, "institution") or [None])[0],
            collection=(self.block(preface, "collection") or [None])[0],
            report_number=(self.block(preface, "reportNumber") or [None])[0],
            procedure_line=(self.block(preface, "procedureLine") or [None])[0],
            date_line=(self.block(preface, "dateLine") or [None])[0],
            header_notes=tuple(self.block(preface, "headerNote")),
        )
        by_language(language)  # an unknown language is refused here, not later
        citations = tuple(self.unit(c, "citation", citation_eid(k))
                          for k, c in enumerate(self.s.findall("a:preamble/a:citations/a:citation", {"a": NS}), 1))
        recitals = tuple(self.unit(r, "recital", r.get("eId", ""))
                         for r in self.s.findall("a:preamble/a:recitals/a:recital", {"a": NS}))
        paragraphs = []
        for node in self.one("a:mainBody"):
            if node.tag == E + "paragraph":
                paragraphs.append(self.unit(node, "paragraph", node.get("eId", "")))
            elif node.tag == E + "hcontainer":
                heading: str | None = node.findtext("a:heading", "", {"a": NS})
                for child in node.findall("a:paragraph", {"a": NS}):
                    paragraphs.append(self.unit(child, "paragraph", child.get("eId", ""), heading))
                    heading = None
        for p in self.s.findall("a:conclusions/a:p", {"a": NS}):
            for note in p.findall("a:authorialNote", {"a": NS}):
                self.notes.append(self.footnote(note, None))
        cover = self.s.find("a:coverPage", {"a": NS})
        attachments = tuple(_attachment(doc) for doc in self.s.findall("a:attachments/a:attachment/a:doc",
                                                                         {"a": NS}))
        return Document(
            source_name=Path(self.source).name, source_sha256=self.sha256, layout="akn", metadata=metadata,
            formula=self.text("a:preamble/a:formula/a:p"), citations=citations, recitals=recitals,
            paragraphs=tuple(paragraphs), footnotes=tuple(sorted(self.notes, key=lambda n: n.number)),
            letter=self.letter(cover) if cover is not None else None, attachments=attachments)

    def unit(self, node: etree._Element, kind: str, eid: str, heading: str | None = None) -> Unit:
        num_node = node.find("a:num", {"a": NS})
        num = num_node.text or "" if num_node is not None else ""
        label = num.rstrip(".") if kind != "citation" else ""
        first = node.find("a:intro/a:p", {"a": NS})
        for path in ("a:p", "a:content/a:p"):
            first = first if first is not None else node.find(path, {"a": NS})
        text = self.inline(first, eid)
        items = node.findall("a:point", {"a": NS}) or node.findall("a:blockList/a:item", {"a": NS})
        points = tuple(Point(p.findtext("a:num", "", {"a": NS}), p.get("eId", ""),
                             self.inline(p.find(".//a:p", {"a": NS}), p.get("eId", "")), (0, 0))
                       for p in items)
        return Unit(kind=kind, num=num, label=label, eid=eid, text=text, lines=(0, 0), points=points,
                    heading=heading, closing=node.get("class") == "closing")

    def inline(self, p: etree._Element | None, eid: str) -> str:
        """The text of ``p`` without its notes; each note is recorded with its offset."""
        if p is None:
            return ""
        parts: list[str] = []

        def walk(node: etree._Element) -> None:
            if node.text:
                parts.append(node.text)
            for child in node:
                if child.tag == E + "authorialNote":
                    self.notes.append(self.footnote(child, Anchor(eid, len("".join(parts)), child.get("marker", ""))))
                else:
                    walk(child)
                if child.tail:
                    parts.append(child.tail)

        walk(p)
        return "".join(parts)

    def footnote(self, node: etree._Element, anchor: Anchor | None) -> Footnote:
        number = int((node.get("class") or "footnote_0").rsplit("_", 1)[1]) or len(self.notes) + 1
        return Footnote(number, node.get("marker", str(number)), "".join(node.itertext()), (0, 0), anchor)

    def letter(self, cover: etree._Element) -> Letter:
        def one(name: str) -> str:
            return (self.block(cover, name) or [""])[0]
        date = cover.find("a:block[@name='date']/a:docDate", {"a": NS})
        return Letter(
            sender=Person(name=one("signatory"), role=one("senderFunction") or None,
                          function=one("senderFunction") or None),
            reference=one("reference"),
            date=dt.date.fromisoformat(date.get("date", "") if date is not None else ""),
            addressee=Person(name=one("addresseeName"), role=one("addresseeRole") or None,
                             function=one("addresseeFunction") or None,
                             institution=one("addresseeInstitution") or None,
                             address=tuple(self.block(cover, "addresseeAddress"))),
            salutation=one("salutation"), closing=one("closing"), subject_label=one("subjectLabel"),
            subject=one("subject"), annex_label=one("annex"), transmitted_title=one("transmittedTitle"),
            body=tuple(self.block(cover, "body")), letterhead=tuple(self.block(cover, "letterhead")), lines=(0, 0))


def _found(node: etree._Element, path: str) -> list[etree._Element]:
    return node.findall(path, {"a": NS})


def _ps(node: etree._Element | None) -> str:
    """The lines of a block, one per ``p``."""
    return "" if node is None else "\n".join("".join(p.itertext()) for p in _found(node, "a:p"))


def _attachment(doc: etree._Element) -> Attachment:
    """An attachment back into the model: kept whole (``p`` lines in the main body) or structured."""
    num = doc.findtext("a:preface/a:p/a:docNumber", None, {"a": NS})
    title = _ps(doc.find("a:preface/a:longTitle", {"a": NS}))
    preamble = doc.find("a:preamble", {"a": NS})
    if preamble is None:
        return Attachment(num, _ps(doc.find("a:mainBody", {"a": NS})), (0, 0))
    formulas = {f.get("name"): _ps(f) for f in _found(preamble, "a:formula")}
    recitals = preamble.find("a:recitals", {"a": NS})
    body = doc.find("a:mainBody", {"a": NS})
    conclusions = doc.find("a:conclusions", {"a": NS})
    annexes = tuple(Provision("annex", n.findtext("a:num", "", {"a": NS}), n.get("eId", ""), None,
                              _ps(n.find("a:content", {"a": NS})), (), (0, 0))
                    for n in _found(body, "a:hcontainer[@name='annex']"))
    notes = []
    for block in _found(conclusions, "a:blockContainer") if conclusions is not None else []:
        number, _, text = _ps(block).partition(" ")
        notes.append(Provision("note", number, block.get("eId", ""), None, text, (), (0, 0)))
    return Attachment(
        num, "", (0, 0), title=title, formula=formulas.get("actingEntity", ""),
        citations=tuple(Provision("citation", "", c.get("eId", ""), None, _ps(c), (), (0, 0))
                        for c in _found(preamble, "a:citations/a:citation")),
        recitals_intro=_ps(recitals.find("a:intro", {"a": NS})) if recitals is not None else "",
        recitals=tuple(Provision("recital", r.findtext("a:num", "", {"a": NS}), r.get("eId", ""), None, _ps(r), (),
                                 (0, 0)) for r in (_found(recitals, "a:recital") if recitals is not None else [])),
        enacting=formulas.get("enactingFormula", ""),
        body=tuple(_provision(n) for n in body if n.tag != E + "hcontainer"),
        conclusions=tuple("".join(p.itertext()) for p in _found(conclusions, "a:p")) if conclusions is not None
        else (),
        notes=tuple(notes), annexes=annexes)


def _provision(node: etree._Element) -> Provision:
    kind = etree.QName(node).localname
    children = tuple(_provision(c) for c in node if etree.QName(c).localname in
                     ("chapter", "section", "article", "paragraph", "point"))
    text = _ps(node.find("a:intro" if children else "a:content", {"a": NS}))
    return Provision(kind, node.findtext("a:num", "", {"a": NS}), node.get("eId", ""),
                     node.findtext("a:heading", None, {"a": NS}), text, children, (0, 0))
