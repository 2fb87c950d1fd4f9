"""What every RDF builder shares: the graph being built, the document, its links and IRIs, and
the helpers that add a component or a literal in the document's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..ids import Iris
from ..languages import by_language
from ..link import Links
from ..model import Document
from ..vocab import ELI, EPR, PREFIXES


def node_of(term: str | dict[str, str]) -> URIRef | Literal:
    """An rdflib term from its JSON-LD form: an IRI string, or a ``@value`` object."""
    if isinstance(term, str):
        return URIRef(term)
    if "@language" in term:
        return Literal(term["@value"], lang=term["@language"])
    return Literal(term["@value"], datatype=URIRef(term["@type"]) if "@type" in term else None)


def new_graph() -> Graph:
    graph = Graph(store="SimpleMemory")  # no named-graph bookkeeping: adding is half the cost
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


@dataclass
class Context:
    doc: Document
    links: Links
    iris: Iris
    manifestations: tuple[str, ...]
    graph: Graph = field(default_factory=new_graph)

    @cached_property
    def tag(self) -> str:
        return by_language(self.doc.metadata.language).tag

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.graph.add((s, p, o))

    def text(self, value: str) -> Literal:
        return Literal(value, lang=self.tag)

    def component(self, eid: str, cls: URIRef, parent: URIRef, position: int, num: str | None = None,
                  text: str | None = None) -> URIRef:
        """A work-level component and, when it has text, its expression in this language."""
        node = self.iris.component(eid)
        self.add(node, RDF.type, cls)
        self.add(node, EPR.eId, Literal(eid))
        self.add(node, EPR.isPartOf, parent)
        self.add(node, EPR.position, Literal(position, datatype=XSD.integer))
        if num is not None:
            self.add(node, EPR.num, Literal(num))
        if text is not None:
            expr = self.iris.component_expression(eid)
            self.add(expr, RDF.type, EPR.ComponentExpression)
            self.add(expr, ELI.realizes, node)
            self.add(expr, DCTERMS.isPartOf, self.iris.expression)
            self.add(expr, EPR.text, self.text(text))
        return node
