"""Triples and query answers as bytes in the format a client asked for: the document formats by
the project's own writers (the same bytes as the exported files for the same triples), RDF/XML
and the SPARQL result formats by the RDF libraries."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, Variable
from rdflib.query import Result

from ..rdf.export import serialize
from ..rdf.read import rdflib_term
from ..store.answer import Answer
from ..vocab import PREFIXES

# SPARQL results: media type → rdflib's serializer name.
RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
}


def graph_of(triples: Iterable[ox.Triple]) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)))
    return graph


def graph_bytes(triples: Iterable[ox.Triple], extension: str) -> bytes:
    """Triples in a document format: ``ttl``, ``jsonld``, ``nt`` or ``rdf``."""
    graph = graph_of(triples)
    if extension == "rdf":
        return graph.serialize(format="pretty-xml", encoding="utf-8")
    return serialize(graph, extension)


def answer_bytes(answer: Answer, media_type: str) -> bytes:
    """A SELECT or ASK answer in a SPARQL results format (one of ``RESULT_FORMATS``)."""
    if answer.boolean is not None:
        result = Result("ASK")
        result.askAnswer = answer.boolean
    else:
        result = Result("SELECT")
        result.vars = [Variable(v) for v in answer.variables]
        result.bindings = [{Variable(v): rdflib_term(t) for v, t in zip(answer.variables, row, strict=True)
                            if t is not None} for row in answer.rows]
    return result.serialize(format=RESULT_FORMATS[media_type], encoding="utf-8")
