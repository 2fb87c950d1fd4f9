"""What a representation of a resource holds, the same in every format:

- every statement about the resource;
- the resources named under its IRI (``R/…``, ``R#…``) that it reaches by links either way, with
  every statement about each: a unit's clauses and mentions, an expression's units; a work's
  expressions are documents of their own and are not included, only linked;
- statements elsewhere that point at the resource or its parts, at most ``INBOUND_LIMIT`` for each
  of them and each property: the units that mention an actor, the clauses that address it, the
  units that cite an act, the texts of a work-level unit;
- the types and labels of every other resource it names, so a link can be read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS
from rdflib.namespace import DCTERMS, SKOS

from ..ids import in_other_expression
from ..store import DERIVED_GRAPH
from ..store.embedded import VOCABULARY_STATE
from ..vocab import ELI, EPR

INBOUND_LIMIT = 500
LABELS = frozenset(ox.NamedNode(str(p)) for p in (RDF.type, RDFS.label, SKOS.prefLabel, DCTERMS.title, ELI.title,
                                                  ELI.title_short, EPR.num, EPR.registerNumber, EPR.languageCode))
# The store's own bookkeeping, not published.
INTERNAL = frozenset({ox.NamedNode(DERIVED_GRAPH), VOCABULARY_STATE})
# The labels of a resource the representation names, each once: a resource every document speaks
# of (an actor, a verb) has its type and labels again in each document's graph, and reading them
# quad by quad would read each of them a thousand times at 1,000 documents. Both graph patterns
# together are the union of the graphs, its bookkeeping left out (as ``_quads`` reads it).
LABEL_QUERY = (f"SELECT DISTINCT ?p ?o WHERE {{ VALUES ?p {{ {' '.join(sorted(map(str, LABELS)))} }} "
               f"{{ GRAPH ?g {{ %s ?p ?o }} FILTER (?g NOT IN ({', '.join(sorted(map(str, INTERNAL)))})) }} "
               "UNION { %s ?p ?o } }")


@dataclass(frozen=True)
class Description:
    """A resource's representation: its triples, sorted, and whether inbound links were cut."""

    iri: str
    triples: tuple[ox.Triple, ...]
    truncated: bool

    def __bool__(self) -> bool:
        return bool(self.triples)


def describe(store: ox.Store, iri: str) -> Description:
    """The representation of ``iri`` in the store (the union of its graphs); empty when the store
    says nothing of it."""
    root = ox.NamedNode(iri)
    found: set[ox.Triple] = set()
    inside = {root}
    queue = [root]
    truncated = False
    inbound: dict[tuple[ox.NamedNode, ox.NamedNode], int] = {}
    while queue:
        node = queue.pop()
        for quad in _quads(store, node, None, None):
            found.add(quad.triple)
            if _enters(iri, quad.object, inside):
                inside.add(quad.object)
                queue.append(quad.object)
        for quad in _quads(store, None, None, node):
            if quad.subject in inside:
                found.add(quad.triple)
            elif _enters(iri, quad.subject, inside):
                inside.add(quad.subject)
                queue.append(quad.subject)
                found.add(quad.triple)
            else:
                seen = inbound.get((node, quad.predicate), 0)
                if seen >= INBOUND_LIMIT:
                    truncated = True
                    continue
                inbound[node, quad.predicate] = seen + 1
                found.add(quad.triple)
    found |= set(_labels(store, _named(found) - inside))
    return Description(iri, tuple(sorted(found, key=_key)), truncated)


def part_of(iri: str, resource: str) -> bool:
    """Whether ``iri`` is named as a part of ``resource`` (under it, not under one of its
    expressions, each a document of its own)."""
    return iri.startswith((resource + "/", resource + "#")) and not in_other_expression(iri, resource)


def _enters(iri: str, node: object, inside: set[ox.NamedNode]) -> bool:
    """Whether the walk takes in ``node``: a part of the resource not yet taken."""
    return isinstance(node, ox.NamedNode) and node not in inside and part_of(node.value, iri)


def _named(triples: Iterable[ox.Triple]) -> set[ox.NamedNode]:
    named: set[ox.NamedNode] = set()
    for triple in triples:
        for term in (triple.subject, triple.object):
            if isinstance(term, ox.NamedNode):
                named.add(term)
    return named


def _labels(store: ox.Store, nodes: Iterable[ox.NamedNode]) -> Iterable[ox.Triple]:
    for node in nodes:
        # a NamedNode's str is its IRI in angle brackets, and an IRI holds no '>' or space
        for predicate, value in store.query(LABEL_QUERY % (node, node)):
            yield ox.Triple(node, predicate, value)


def _quads(store: ox.Store, subject: ox.NamedNode | None, predicate: None,
           obj: ox.NamedNode | None) -> Iterable[ox.Quad]:
    return (q for q in store.quads_for_pattern(subject, predicate, obj) if q.graph_name not in INTERNAL)


def _key(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))
