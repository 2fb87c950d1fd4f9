"""The actor registry (ontology/actors.ttl and countries.ttl) and the act types
(ontology/act-types.ttl), read once and indexed by language."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from ..resources import turtle
from ..vocab import ACT_TYPE_FILES, EPR, REGISTRY_FILES


@dataclass(frozen=True)
class Entry:
    label: str
    iri: str
    kind: str  # "actor" or "reference"


@cache
def graph() -> Graph:
    """The registry: actors, countries and named references."""
    return turtle(*REGISTRY_FILES)


@cache
def entries(tag: str) -> tuple[Entry, ...]:
    """Every label in language ``tag`` with what it names."""
    g = graph()
    references = set(g.subjects(RDF.type, EPR.TLCReference))
    found = {
        Entry(str(label), str(subject), "reference" if subject in references else "actor")
        for prop in (SKOS.prefLabel, SKOS.altLabel)
        for subject, label in g.subject_objects(prop)
        if getattr(label, "language", None) == tag and isinstance(subject, URIRef)
    }
    return tuple(sorted(found, key=lambda e: (e.label, e.iri)))


@cache
def related() -> dict[str, frozenset[str]]:
    """Entry → the entries it is part of or tied to (skos:broader, skos:related): the state of a
    state organ, the organisation of its office, the court of its statute."""
    g = graph()
    out: dict[str, set[str]] = {}
    for prop in (SKOS.broader, SKOS.related):
        for s, o in g.subject_objects(prop):
            out.setdefault(str(s), set()).add(str(o))
    return {k: frozenset(v) for k, v in out.items()}


@cache
def act_types() -> dict[str, dict[str, str]]:
    """Act type names by language: {"nl": {"verordening": "reg", ...}, ...} (lower-cased names)."""
    g = turtle(*ACT_TYPE_FILES)
    out: dict[str, dict[str, str]] = {}
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for concept, label in g.subject_objects(prop):
            code = str(g.value(concept, SKOS.notation))
            out.setdefault(label.language, {})[str(label).lower()] = code
    return out
