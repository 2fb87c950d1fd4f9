"""rdflib terms as the Oxigraph terms they stand for, lexical form and datatype as written (a
plain literal is an xsd:string), for comparing what two libraries read."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import XSD, Literal, URIRef


def exact(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
