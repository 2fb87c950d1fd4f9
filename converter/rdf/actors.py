"""Copies of registry entries into a document's graph, so each document's graph names and types
the actors it links to (the registry itself is loaded into stores on its own)."""

from __future__ import annotations

from rdflib import URIRef

from ..link import registry
from .context import Context, node_of


def describe(ctx: Context, node: URIRef) -> None:
    """Copy a registry entry's types, names (document language and English) and identity links."""
    for p, o in registry.description(str(node), (ctx.tag, "en")):
        ctx.add(node, URIRef(p), node_of(o))


def registered(ctx: Context, name: str) -> URIRef | None:
    """The registry entry that has ``name`` as a label in the document's language, if any."""
    for entry in registry.entries(ctx.tag):
        if entry.label == name:
            return URIRef(entry.iri)
    return None
