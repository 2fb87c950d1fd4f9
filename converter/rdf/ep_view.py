"""The document-level metadata as the European Parliament publishes it (ELI-EP profile, shape
ta:Work-TA), about the EP's own IRIs. That shape is closed, so the view is a graph of its own."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

from ..ids import Iris
from ..languages import by_language
from ..model import Document
from ..vocab import ELI, ELI_DL, EP_ORGANISATION, EP_TEXT_ADOPTED, EPVOC, op_language


def ep_view(document: Document, iris: Iris) -> Graph:
    """What the converter can state in the EP's own terms; see README for what it cannot."""
    m = document.metadata
    tag = by_language(m.language).tag
    work, expression = iris.ep_work, iris.ep_expression(tag)
    g = Graph()
    for prefix, ns in (("eli", ELI), ("epvoc", EPVOC), ("eli-dl", ELI_DL), ("dcterms", DCTERMS), ("skos", SKOS)):
        g.bind(prefix, ns)
    g.add((work, RDF.type, ELI.Work))
    g.add((work, DCTERMS.identifier, Literal(iris.ep_document_id)))
    g.add((work, ELI.work_type, EP_TEXT_ADOPTED))
    g.add((work, ELI.date_document, Literal(m.adopted.isoformat(), datatype=XSD.date)))
    g.add((work, EPVOC.identifierYear, Literal(str(m.register.year))))
    g.add((work, DCTERMS.title, Literal(m.short_title, lang=tag)))
    g.add((work, RDFS.label, Literal(m.register.oj_label)))
    g.add((work, SKOS.notation, Literal(m.register_number, datatype=EPVOC.publicRegister)))
    g.add((work, ELI_DL.parliamentary_term, iris.ep_term))
    g.add((work, DCTERMS.publisher, EP_ORGANISATION))
    g.add((work, DCTERMS.creator, EP_ORGANISATION))
    g.add((work, ELI.is_realized_by, expression))
    if iris.ep_adopted_document is not None:
        g.add((work, ELI_DL.adopts, iris.ep_adopted_document))
    g.add((expression, RDF.type, ELI.Expression))
    g.add((expression, ELI.title, Literal(m.long_title, lang=tag)))
    g.add((expression, ELI.language, op_language(m.language)))
    return g
