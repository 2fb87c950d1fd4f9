"""Triples and query answers as bytes in the format a client asked for: the document formats by
the project's own writers (the same bytes as the exported files for the same triples), RDF/XML
and the SPARQL result formats by the RDF libraries."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Variable, plugin
from rdflib.compare import to_canonical_graph
from rdflib.query import Result, ResultSerializer

from ..rdf.export import serialize
from ..rdf.read import rdflib_term
from ..store.answer import Answer
from ..vocab import PREFIXES

# (pretty-xml drops statements about the nodes of an RDF list; plain xml keeps every triple)
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}
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
    """Triples in a document format: ``ttl``, ``jsonld``, ``nt`` or ``rdf``. The converter's
    graphs have no blank nodes and go to its own writers; a graph with some (the shapes) is written
    by rdflib with its blank nodes named canonically, so the bytes are the same on every run."""
    graph = graph_of(triples)
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        canonical = graph_of(())  # filled in one order, which rdflib's writers keep
        for triple in sorted(to_canonical_graph(graph)):
            canonical.add(triple)
        data = canonical.serialize(format=RDFLIB_FORMATS[extension], encoding="utf-8")
        return b"".join(sorted(data.splitlines(keepends=True))) if extension == "nt" else data
    if extension == "rdf":
        return graph.serialize(format="pretty-xml", encoding="utf-8")
    return serialize(graph, extension)


def load_result_writers() -> None:
    """Import rdflib's SPARQL result writers, which it imports on first use with its whole SPARQL
    engine (a tenth of a second of CPU). A query answered in a forked process would import them
    anew each time: call this in the parent first."""
    for name in RESULT_FORMATS.values():
        plugin.get(name, ResultSerializer)


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
