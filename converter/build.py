"""build: the document model to an rdflib Graph. The only stage that knows the ontology's terms."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from . import __version__, registry
from .iris import AKN_NAMES, DEFAULT_BASE, EP_TEXT_ADOPTED, OP_EP, Iris, op_language
from .link import Act, Links, Mention
from .model import Document, Footnote, Person, Point, Unit
from .profiles import by_language

EPR = Namespace("https://w3id.org/eprdf/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES = {
    "epr": EPR, "eli": ELI, "dcterms": DCTERMS, "skos": SKOS, "prov": PROV, "owl": OWL, "oa": OA,
    "rdfs": RDFS, "xsd": XSD,
}

DOCUMENT_CLASSES = {
    "resolution": EPR.Resolution,
    "legislative-resolution": EPR.LegislativeResolution,
    "decision": EPR.Decision,
    "recommendation": EPR.Recommendation,
}
UNIT_CLASSES = {"citation": EPR.Citation, "recital": EPR.Recital, "paragraph": EPR.Paragraph}
IANA = "http://www.iana.org/assignments/media-types"
OP_RESOURCE_TYPE = "http://publications.europa.eu/resource/authority/resource-type"
# ELI type segments of the EU act types (act-types.ttl); OJ C items, treaties and COM documents differ.
ACT_TYPE_CODES = {"reg", "reg_impl", "reg_del", "dir", "dir_impl", "dir_del", "dec", "dec_impl", "dec_del",
                  "dec_framw", "compos", "joint_action"}
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "akn": "application/akn+xml",
}


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def build(document: Document, links: Links, base: str = DEFAULT_BASE,
          manifestations: tuple[str, ...] = tuple(MEDIA_TYPES)) -> Graph:
    """The RDF graph of one document and its links, with IRIs under ``base``; ``manifestations``
    are the file formats (ttl, jsonld, nt, akn) the graph says the expression is embodied in."""
    return _Builder(document, links, base.rstrip("/"), manifestations).run()


class _Builder:
    def __init__(self, document: Document, links: Links, base: str, manifestations: tuple[str, ...]) -> None:
        self.doc = document
        self.links = links
        self.iris = Iris(base, document.metadata)
        self.tag = by_language(document.metadata.language).tag
        self.manifestations = manifestations
        self.g = new_graph()

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def text(self, value: str) -> Literal:
        return Literal(value, lang=self.tag)

    def run(self) -> Graph:
        self.document()
        self.structure()
        self.mentions()
        self.provenance()
        if self.doc.letter is not None:
            self.letter()
        return self.g

    # -- the document and its FRBR levels -------------------------------------------------

    def document(self) -> None:
        m, iris, work, expr = self.doc.metadata, self.iris, self.iris.work, self.iris.expression
        self.add(work, RDF.type, DOCUMENT_CLASSES[m.kind])
        self.add(work, EPR.aknName, Literal(AKN_NAMES[m.kind]))
        self.add(work, EPR.registerNumber, Literal(m.register_number))
        self.add(work, ELI.date_document, Literal(m.adopted.isoformat(), datatype=XSD.date))
        self.add(work, ELI.work_type, EP_TEXT_ADOPTED)
        self.add(work, DCTERMS.creator, OP_EP)
        self.add(work, ELI.is_realized_by, expr)
        for code in sorted({w.code for w in self.doc.warnings}):
            self.add(work, EPR.sourceAnomaly, Literal(code))
        self.add(work, OWL.sameAs, iris.ep_work)
        self.add(work, EPR.adoptedAt, iris.sitting)
        self.add(iris.sitting, RDF.type, EPR.PlenarySitting)
        self.add(iris.sitting, OWL.sameAs, iris.ep_sitting)
        self.add(work, EPR.parliamentaryTerm, iris.term)
        self.add(iris.term, RDF.type, EPR.ParliamentaryTerm)
        self.add(iris.term, EPR.termNumber, Literal(m.term, datatype=XSD.positiveInteger))
        if m.term_years:
            self.add(iris.term, RDFS.label, Literal(m.term_years))
        self.add(iris.term, OWL.sameAs, iris.ep_term)
        if iris.procedure is not None and iris.ep_procedure is not None and iris.ep_procedure_type is not None:
            self.add(work, EPR.procedure, iris.procedure)
            self.add(iris.procedure, RDF.type, EPR.Procedure)
            self.add(iris.procedure, EPR.procedureReference, Literal(m.procedure))
            self.add(iris.procedure, EPR.procedureType, iris.ep_procedure_type)
            self.add(iris.procedure, OWL.sameAs, iris.ep_procedure)

        self.add(expr, RDF.type, EPR.Expression)
        self.add(expr, ELI.realizes, work)
        self.add(expr, ELI.language, op_language(m.language))
        self.add(expr, EPR.languageCode, Literal(m.language))
        self.add(expr, ELI.title, self.text(m.long_title))
        self.add(expr, ELI.title_short, self.text(m.short_title))
        self.add(expr, OWL.sameAs, iris.ep_expression(self.tag))
        for extension in self.manifestations:
            manifestation = iris.manifestation(extension)
            self.add(expr, ELI.is_embodied_by, manifestation)
            self.add(manifestation, RDF.type, EPR.Manifestation)
            self.add(manifestation, ELI.embodies, expr)
            self.add(manifestation, ELI["format"], URIRef(f"{IANA}/{MEDIA_TYPES[extension]}"))

    # -- components ---------------------------------------------------------------------

    def component(self, eid: str, cls: URIRef, parent: URIRef, position: int, num: str | None = None,
                  text: str | None = None) -> URIRef:
        """A work-level component and, when it has text, its expression in this language."""
        node = self.iris.component(eid)
        self.add(node, RDF.type, cls)
        self.add(node, EPR.eId, Literal(eid))
        self.add(node, EPR.isPartOf, parent)
        self.add(node, EPR.position, Literal(position, datatype=XSD.positiveInteger))
        if num is not None:
            self.add(node, EPR.num, Literal(num))
        if text is not None:
            expr = self.iris.component_expression(eid)
            self.add(expr, RDF.type, EPR.ComponentExpression)
            self.add(expr, ELI.realizes, node)
            self.add(expr, DCTERMS.isPartOf, self.iris.expression)
            self.add(expr, EPR.text, self.text(text))
        return node

    def structure(self) -> None:
        work, doc = self.iris.work, self.doc
        self.component("preface", EPR.Preface, work, 1)
        preamble = self.component("preamble", EPR.Preamble, work, 2)
        body = self.component("body", EPR.MainBody, work, 3)
        self.component("formula_1", EPR.Formula, preamble, 1, text=doc.formula)
        cits = self.component("cits", EPR.Citations, preamble, 2)
        recs = self.component("recs", EPR.Recitals, preamble, 3)
        for position, unit in enumerate(doc.citations, 1):
            self.unit(unit, cits, position)
        for position, unit in enumerate(doc.recitals, 1):
            self.unit(unit, recs, position)
        position = headings = 0
        for unit in doc.paragraphs:
            if unit.heading is not None:
                headings += 1
                position += 1
                heading = self.component(f"crossHeading_{headings}", EPR.CrossHeading, body, position,
                                         text=unit.heading)
            position += 1
            node = self.unit(unit, body, position)
            if unit.heading is not None:
                self.add(node, EPR.heading, heading)
            if unit.closing:
                self.add(node, EPR.closing, Literal(True))
        for note in doc.footnotes:
            self.footnote(note, body)

    def unit(self, unit: Unit | Point, parent: URIRef, position: int) -> URIRef:
        cls = UNIT_CLASSES[unit.kind] if isinstance(unit, Unit) else EPR.Point
        node = self.component(unit.eid, cls, parent, position, num=unit.num, text=unit.text)
        if isinstance(unit, Unit):
            for k, point in enumerate(unit.points, 1):
                self.unit(point, node, k)
        return node

    def footnote(self, note: Footnote, body: URIRef) -> None:
        eid = self.doc.footnote_eid(note)
        if note.anchor is None:
            parent, position = body, len(self.doc.paragraphs) + note.number
        else:
            parent = self.iris.component(note.anchor.unit)
            position = int(eid.rsplit("_", 1)[1])
        node = self.component(eid, EPR.AuthorialNote, parent, position, num=note.marker, text=note.text)
        if note.anchor is not None:
            self.add(parent, EPR.authorialNote, node)
            expr = self.iris.component_expression(eid)
            self.add(expr, EPR.marker, Literal(note.anchor.marker))
            self.add(expr, EPR.markerIn, self.iris.component_expression(note.anchor.unit))
            self.add(expr, EPR.markerOffset, Literal(note.anchor.offset, datatype=XSD.nonNegativeInteger))

    # -- actors and acts ---------------------------------------------------------------------

    def mentions(self) -> None:
        described: set[str] = set()
        for m in self.links.mentions:
            source = self.iris.component_expression(m.unit)
            target = URIRef(m.target) if m.target else self.unresolved(m)
            ann = URIRef(f"{source}/mention/{m.start}-{m.end}")
            selection, position, quote = URIRef(f"{ann}/target"), URIRef(f"{ann}/position"), URIRef(f"{ann}/quote")
            self.add(ann, RDF.type, OA.Annotation)
            self.add(ann, OA.motivatedBy, OA.identifying)
            self.add(ann, OA.hasBody, target)
            self.add(ann, OA.hasTarget, selection)
            self.add(selection, RDF.type, OA.SpecificResource)
            self.add(selection, OA.hasSource, source)
            self.add(selection, OA.hasSelector, position)
            self.add(selection, OA.hasSelector, quote)
            self.add(position, RDF.type, OA.TextPositionSelector)
            self.add(position, OA.start, Literal(m.start, datatype=XSD.nonNegativeInteger))
            self.add(position, OA.end, Literal(m.end, datatype=XSD.nonNegativeInteger))
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.add(quote, OA.exact, Literal(m.surface))
            if m.kind == "actor":
                self.add(self.iris.component(m.unit), EPR.mentions, target)
            if m.target and m.target not in described and m.kind != "act":
                described.add(m.target)
                self.describe(target)
        for eid, cited in self.links.cited(self.doc).items():
            for iri in cited:
                self.add(self.iris.component(eid), EPR.cites, URIRef(iri))
        for act in self.links.acts:
            self.act(act)

    def describe(self, node: URIRef) -> None:
        """Copy a registry entry's types, names (document language and English) and identity links."""
        entry = registry.graph()
        for p, o in entry.predicate_objects(node):
            if p in (RDF.type, SKOS.exactMatch, SKOS.editorialNote, SKOS.inScheme) or (
                    p == SKOS.prefLabel and getattr(o, "language", None) in {self.tag, "en"}):
                self.add(node, p, o)

    def act(self, act: Act) -> None:
        node = URIRef(act.iri)
        self.add(node, RDF.type, EPR.TLCReference)
        self.add(node, RDFS.label, Literal(act.label))
        if act.type_code in ACT_TYPE_CODES:
            self.add(node, RDF.type, ELI.LegalResource)
            self.add(node, ELI.type_document, URIRef(f"{OP_RESOURCE_TYPE}/{act.type_code.upper()}"))
        if act.number:
            self.add(node, EPR.actNumber, Literal(act.number))
        if act.title:
            self.add(node, DCTERMS.title, self.text(act.title))

    def unresolved(self, m: Mention) -> URIRef:
        """A reference the converter cannot identify: named after its place in the text, never the act."""
        node = URIRef(f"{self.iris.component(m.unit)}/reference/{m.start}-{m.end}")
        self.add(node, RDF.type, EPR.TLCReference)
        self.add(node, RDFS.label, Literal(m.surface))
        self.add(node, EPR.unresolved, Literal(True))
        self.add(self.iris.component(m.unit), EPR.cites, node)
        return node

    # -- provenance and the letter ---------------------------------------------------------

    def provenance(self) -> None:
        sha = self.doc.source_sha256
        source = self.iris.source(sha)
        run = self.iris.conversion(sha, __version__)
        software = self.iris.software(__version__)
        self.add(source, RDF.type, EPR.SourceFile)
        self.add(source, DCTERMS.title, Literal(self.doc.source_name))
        self.add(source, EPR.sha256, Literal(sha))
        self.add(source, EPR.layout, Literal(self.doc.layout))
        self.add(run, RDF.type, EPR.Conversion)
        self.add(run, PROV.used, source)
        self.add(run, PROV.wasAssociatedWith, software)
        self.add(software, RDF.type, EPR.Software)
        self.add(software, RDFS.label, Literal(f"eprdf {__version__}"))
        self.add(self.iris.expression, PROV.wasDerivedFrom, source)
        self.add(self.iris.expression, PROV.wasGeneratedBy, run)

    def letter(self) -> None:
        letter = self.doc.letter
        assert letter is not None
        node = self.iris.letter(letter.date.isoformat(), letter.reference)
        self.add(node, RDF.type, EPR.TransmittalLetter)
        self.add(node, EPR.transmits, self.iris.work)
        self.add(node, EPR.reference, Literal(letter.reference))
        self.add(node, DCTERMS.date, Literal(letter.date.isoformat(), datatype=XSD.date))
        self.add(node, EPR.subject, self.text(letter.subject))
        self.add(node, EPR.salutation, self.text(letter.salutation))
        self.add(node, EPR.transmittedTitle, self.text(letter.transmitted_title))
        self.add(node, EPR.body, self.text("\n\n".join(letter.body)))
        self.add(node, EPR.sender, self.person(letter.sender))
        self.add(node, EPR.addressee, self.person(letter.addressee))
        self.add(node, DCTERMS.creator, OP_EP)

    def registered(self, name: str) -> URIRef | None:
        """The registry entry that has ``name`` as a label, if any."""
        for entry in registry.entries(self.tag):
            if entry.label == name:
                return URIRef(entry.iri)
        return None

    def person(self, person: Person) -> URIRef:
        node = self.registered(person.name) or self.iris.person(person.name)
        self.describe(node)
        self.add(node, RDF.type, EPR.TLCPerson)
        self.add(node, RDFS.label, Literal(person.name))
        if person.function:
            self.add(node, EPR.function, self.text(person.function))
        if person.institution:
            org = self.registered(person.institution) or self.iris.organization(person.institution)
            self.describe(org)
            self.add(node, EPR.memberOf, org)
            self.add(org, RDF.type, EPR.TLCOrganization)
            self.add(org, RDFS.label, self.text(person.institution))
        if person.address:
            self.add(node, EPR.postalAddress, Literal("\n".join(person.address)))
        return node
