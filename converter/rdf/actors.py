"""Copies of registry entries into a document's graph, so each document's graph names and types
the actors it links to (the registry itself is loaded into stores on its own)."""

from __future__ import annotations

from rdflib import RDF, URIRef
from rdflib.namespace import SKOS

from ..link import registry
from .context import Context


def describe(ctx: Context, node: URIRef) -> None:
    """Copy a registry entry's types, names (document language and English) and identity links."""
    entry = registry.graph()
    for p, o in entry.predicate_objects(node):
        if p in (RDF.type, SKOS.exactMatch, SKOS.editorialNote, SKOS.inScheme, SKOS.broader, SKOS.related) or (
                p == SKOS.prefLabel and getattr(o, "language", None) in {ctx.tag, "en"}):
            ctx.add(node, p, o)


def registered(ctx: Context, name: str) -> URIRef | None:
    """The registry entry that has ``name`` as a label in the document's language, if any."""
    for entry in registry.entries(ctx.tag):
        if entry.label == name:
            return URIRef(entry.iri)
    return None
