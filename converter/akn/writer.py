"""The Akoma Ntoso 3.0 XML manifestation: the document model (and its links) as an AKN
``statement name="resolution"``, valid against the OASIS schema (checked by ``checks.akn``).

The transmittal letter goes in the ``coverPage`` (one ``block`` per field): it travels with the
text it transmits, and AKN has no document type for a letter of transmittal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..ids import CITATIONS, FORMULA, RECITALS, Iris, attachment_eid, cross_heading_eid, footnote_eid
from ..link import Links, registry
from ..model import Attachment, Document, Footnote, Letter, Metadata, Provision, Unit
from ..vocab import EPR, KINDS, REGISTRY_BASE, VERB_SCHEME
from .schema import NS, E

INLINE = {"TLCOrganization": "organization", "TLCPerson": "person", "TLCLocation": "location",
          "TLCRole": "role", "TLCEvent": "event", "TLCProcess": "process", "TLCConcept": "concept"}
EP_ACTOR = f"{REGISTRY_BASE}european-parliament"
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
    statement = _el(root, "statement", name=KINDS[m.kind].akn_name)
    refs = _references(links)
    _meta(statement, document, iris, base, refs)
    if document.letter is not None:
        _cover_page(statement, document.letter)
    _preface(statement, m)
    mentions = _mentions_by_unit(links, refs)
    notes = _notes_by_unit(document)
    preamble = _el(statement, "preamble")
    formula = _el(preamble, "formula", name="enactingFormula", eId=FORMULA)
    _el(formula, "p", document.formula)
    if document.citations:
        cits = _el(preamble, "citations", eId=CITATIONS)
        for unit in document.citations:
            citation = _el(cits, "citation", eId=unit.eid)
            if unit.num:
                _el(citation, "num", unit.num)
            _inline(_el(citation, "p"), unit.text, mentions.get(unit.eid, []), notes.get(unit.eid, []))
    if document.recitals:
        recs = _el(preamble, "recitals", eId=RECITALS)
        for unit in document.recitals:
            _hierarchy(recs, "recital", unit, mentions, notes)
    body = _el(statement, "mainBody")
    group, headings = body, 0
    for unit in document.paragraphs:
        if unit.heading is not None:  # the paragraphs under a cross-heading, up to the next one
            headings += 1
            group = _el(body, "hcontainer", name="crossHeading", eId=cross_heading_eid(headings))
            _el(group, "heading", unit.heading)
        _hierarchy(group, "paragraph", unit, mentions, notes)
    loose = [n for n in document.footnotes if n.anchor is None]
    if loose:
        conclusions = _el(statement, "conclusions")
        for note in loose:
            _note(_el(conclusions, "p"), note, footnote_eid(document, note))
    if document.attachments:
        attachments = _el(statement, "attachments")
        for n, attachment in enumerate(document.attachments, 1):
            _attachment(_el(attachments, "attachment", eId=attachment_eid(n)), attachment, iris, base, n)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _attachment(parent: etree._Element, attachment: Attachment, iris: Iris, base: str, n: int) -> None:
    """An attachment kept whole: a ``doc`` whose FRBR identity is the attachment's component IRI,
    its number (Parliament's position's, where printed) in the preface, one ``p`` per source line."""
    doc = _el(parent, "doc", name="attachment")
    ident = _el(_el(doc, "meta"), "identification", source="#eprdf")
    date = iris.metadata.adopted.isoformat()
    for level, iri in (("FRBRWork", iris.component(attachment_eid(n))),
                       ("FRBRExpression", iris.component_expression(attachment_eid(n)))):
        node = _el(ident, level)
        _el(node, "FRBRthis", value=_path(str(iri), base))
        _el(node, "FRBRuri", value=_path(str(iri), base))
        _el(node, "FRBRdate", date=date, name="adoption")
        _el(node, "FRBRauthor", href=f"#{EP_EID}")
        if level == "FRBRWork":
            _el(node, "FRBRcountry", value="eu")
        else:
            _el(node, "FRBRlanguage", language=iris.metadata.language)
    manifestation = _el(ident, "FRBRManifestation")
    for name in ("FRBRthis", "FRBRuri"):
        _el(manifestation, name, value=_path(str(iris.manifestation("akn")), base))
    _el(manifestation, "FRBRdate", date=date, name="adoption")
    _el(manifestation, "FRBRauthor", href="#eprdf")
    if attachment.num or attachment.title:
        preface = _el(doc, "preface")
        if attachment.num:
            _el(_el(preface, "p"), "docNumber", attachment.num)
        if attachment.title:
            _el(_el(preface, "longTitle"), "p", attachment.title)
    if not attachment.structured:
        body = _el(doc, "mainBody")
        for line in attachment.text.split("\n"):
            _el(body, "p", line)
        return
    preamble = _el(doc, "preamble")
    _el(_el(preamble, "formula", name="actingEntity"), "p", attachment.formula)
    if attachment.citations:
        citations = _el(preamble, "citations")
        for citation in attachment.citations:
            _lines(_el(citations, "citation", eId=citation.eid), citation.text)
    recitals = _el(preamble, "recitals")
    _el(_el(recitals, "intro"), "p", attachment.recitals_intro)
    for recital in attachment.recitals:
        node = _el(recitals, "recital", eId=recital.eid)
        _el(node, "num", recital.num)
        _lines(node, recital.text)
    _el(_el(preamble, "formula", name="enactingFormula"), "p", attachment.enacting)
    body = _el(doc, "mainBody")
    for provision in attachment.body:
        _provision(body, provision)
    for annex in attachment.annexes:
        node = _el(body, "hcontainer", name="annex", eId=annex.eid)
        _el(node, "num", annex.num)
        _lines(_el(node, "content"), annex.text)
    if attachment.conclusions or attachment.notes:
        conclusions = _el(doc, "conclusions")
        for line in attachment.conclusions:
            _el(conclusions, "p", line)
        for note in attachment.notes:
            _el(_el(conclusions, "blockContainer", eId=note.eid, class_="footnote"), "p", f"{note.num} {note.text}")


def _provision(parent: etree._Element, provision: Provision) -> None:
    """A chapter, section, article, paragraph or point as an Akoma Ntoso hierarchy element."""
    node = _el(parent, provision.kind, eId=provision.eid)
    _el(node, "num", provision.num)
    if provision.heading:
        _el(node, "heading", provision.heading)
    if not provision.children:
        _lines(_el(node, "content"), provision.text)
        return
    if provision.text:
        _lines(_el(node, "intro"), provision.text)
    for child in provision.children:
        _provision(node, child)


def _lines(parent: etree._Element, text: str) -> None:
    """One ``p`` per line of a provision's text (an empty text still has its ``p``)."""
    for line in text.split("\n"):
        _el(parent, "p", line)


def _tlc_class(iri: str) -> str:
    """A registry entry's Akoma Ntoso Top Level Class (TLCPerson, TLCOrganization, …)."""
    tlc = str(EPR) + "TLC"
    return next((cls[len(str(EPR)):] for cls in registry.types(iri) if cls.startswith(tlc)), "TLCReference")


def _english_name(iri: str) -> str:
    return next(iter(registry.names("en").get(iri, ())), iri)


def _references(links: Links) -> dict[str, _Reference]:
    out: dict[str, _Reference] = {}
    targets = sorted({m.target for m in links.mentions if m.target})
    acts = {a.iri: a for a in links.acts}
    for n, iri in enumerate(targets, 1):
        if iri in acts:
            out[iri] = _Reference(f"ref_{n}", "TLCReference", iri, acts[iri].label, "legalAct")
        else:
            key = re.sub(r"[^A-Za-z0-9_.-]", "_", iri.rsplit("/eprdf/", 1)[-1])
            tag = _tlc_class(iri)
            out[iri] = _Reference(key, tag, iri, _english_name(iri),
                                  "namedReference" if tag == "TLCReference" else None)
    for n, m in enumerate((m for m in links.mentions if m.target is None), 1):
        out[f"#unresolved_{n}"] = _Reference(f"unresolved_{n}", "TLCReference", f"#{m.unit}", m.surface,
                                             "unresolvedReference")
    for verb in sorted({c.verb for c in links.clauses if c.verb}):
        out[VERB_SCHEME + verb] = _Reference(f"verb_{verb}", "TLCConcept", VERB_SCHEME + verb, verb.replace("-", " "))
    if any(c.addressees for c in links.clauses):
        out["#addressee"] = _Reference("addressee", "TLCRole", str(EPR.addresses), "addressee")
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
    _el(references, "TLCOrganization", eId="eprdf", href=str(iris.software_family),
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
    for name, text in (("institution", m.institution), ("termYears", m.term_years), ("collection", m.collection),
                       ("dateLine", m.date_line), ("reportNumber", m.report_number)):
        if text:
            _el(preface, "block", text, name=name)
    for note in m.header_notes:
        _el(preface, "block", note, name="headerNote")
    _el(_el(preface, "p"), "docNumber", m.register_number)
    _el(_el(preface, "p"), "shortTitle", m.short_title)
    _el(_el(preface, "longTitle"), "p", m.long_title)
    if m.procedure_line:
        _el(preface, "block", m.procedure_line, name="procedureLine")
    _el(_el(preface, "p"), "docDate", m.adopted.isoformat(), date=m.adopted.isoformat())


Span = tuple[int, int, str, str, str | None]  # start, end, element, target, class


def _mentions_by_unit(links: Links, refs: dict[str, _Reference]) -> dict[str, list[Span]]:
    """Inline elements by unit: mentions (an addressee's first mention in its clause marked with the
    class "addressee"), and each clause's operative verb as a ``concept``."""
    addressed = {(c.unit, a, c.start, c.end) for c in links.clauses for a in c.addressees}
    marked: set[tuple[str, str, int]] = set()
    out: dict[str, list[Span]] = {}
    unresolved = 0
    for m in links.mentions:
        if m.target is None:
            unresolved += 1
            ref = refs[f"#unresolved_{unresolved}"]
            out.setdefault(m.unit, []).append((m.start, m.end, "entity", ref.eid, None))
            continue
        ref = refs[m.target]
        tag = "ref" if ref.tag == "TLCReference" else INLINE[ref.tag]
        clause = next(((s, e) for u, a, s, e in addressed if u == m.unit and a == m.target and s <= m.start < e), None)
        role = None
        if clause is not None and (m.unit, m.target, clause[0]) not in marked:
            marked.add((m.unit, m.target, clause[0]))
            role = "addressee"
        out.setdefault(m.unit, []).append((m.start, m.end, tag, ref.eid if tag != "ref" else ref.href, role))
    for clause in links.clauses:
        if clause.verb and clause.verb_start is not None and clause.verb_end:
            out.setdefault(clause.unit, []).append((clause.verb_start, clause.verb_end, "concept",
                                                    f"verb_{clause.verb}", "operativeVerb"))
    return out


def _notes_by_unit(document: Document) -> dict[str, list[tuple[Footnote, str]]]:
    out: dict[str, list[tuple[Footnote, str]]] = {}
    for note in document.footnotes:
        if note.anchor is not None:
            out.setdefault(note.anchor.unit, []).append((note, footnote_eid(document, note)))
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


def _inline(p: etree._Element, text: str, mentions: list[Span], notes: list[tuple[Footnote, str]]) -> None:
    """Write ``text`` into ``p`` with inline elements for mentions, verbs and authorialNotes at their offsets."""
    offsets = {eid: n.anchor.offset for n, eid in notes if n.anchor}
    cuts = sorted({0, len(text)} | {s for s, _, _, _, _ in mentions} | {e for _, e, _, _, _ in mentions}
                  | set(offsets.values()))
    # where two spans start together, the longer one is written (the shorter stays in the references)
    spans = {s: (e, tag, target, role) for s, e, tag, target, role in sorted(mentions, key=lambda m: m[1])}
    current: etree._Element = p
    open_until: int | None = None
    for start, end in zip(cuts, [*cuts[1:], None], strict=True):
        if open_until is not None and start >= open_until:
            current, open_until = p, None
        if start in spans and open_until is None:
            e, tag, target, role = spans[start]
            attrs = {"href": target} if tag == "ref" else {"refersTo": f"#{target}"}
            if tag == "entity":
                attrs["name"] = "unresolvedReference"
            if role:
                attrs["class_"] = role
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
