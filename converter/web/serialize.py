"""Triples as bytes in the format a client asked for: by the project's own writers (the same
bytes as the exported files for the same triples), RDF/XML by Oxigraph's."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from ..rdf.export import serialize_triples
from ..rdf.read import rdflib_term
from ..vocab import PREFIXES

# (pretty-xml drops statements about the nodes of an RDF list; plain xml keeps every triple)
RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml"}


def graph_of(triples: Iterable[ox.Triple]) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in triples:
        graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)))
    return graph


def graph_bytes(triples: Iterable[ox.Triple], extension: str) -> bytes:
    """Triples in a document format: ``ttl``, ``jsonld``, ``nt`` or ``rdf``. The converter's
    graphs have no blank nodes: they go to its own writers (RDF/XML to Oxigraph's), sorted. A graph
    with some (the shapes) is written by rdflib with its blank nodes named canonically, so the
    bytes are the same on every run."""
    triples = list(triples)
    if any(isinstance(term, ox.BlankNode) for t in triples for term in (t.subject, t.object)):
        canonical = graph_of(())  # filled in one order, which rdflib's writers keep
        for triple in sorted(to_canonical_graph(graph_of(triples))):
            canonical.add(triple)
        data = canonical.serialize(format=RDFLIB_FORMATS[extension], encoding="utf-8")
        return b"".join(sorted(data.splitlines(keepends=True))) if extension == "nt" else data
    if extension == "rdf":
        ordered = sorted(triples, key=lambda t: (t.subject.value, t.predicate.value, str(t.object)))
        return ox.serialize(ordered, format=ox.RdfFormat.RDF_XML, prefixes={p: str(n) for p, n in PREFIXES.items()})
    converted = [(rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)) for t in triples]
    return serialize_triples(converted, [(p, str(n)) for p, n in PREFIXES.items()], (extension,))[extension]
