"""rdf: the document model and its links to an rdflib Graph, and back out as files.

The only package that knows the ontology's terms. ``build`` runs one builder per concern
(``frbr``, ``structure``, ``annotations``, ``clauses``, ``provenance``, ``letter``); ``ep_view`` states the
document in the European Parliament's own ELI-EP terms; ``export`` serialises and writes;
``read`` parses users' RDF files. Imports the model, ids, vocab, languages and link's results.
"""

from __future__ import annotations

from rdflib import Graph

from ..ids import Iris
from ..link import Links
from ..model import Document
from ..vocab import DEFAULT_BASE, MANIFESTATIONS
from .annotations import add_annotations
from .clauses import add_clauses
from .context import Context, new_graph
from .frbr import add_frbr
from .letter import add_letter
from .provenance import add_provenance
from .structure import add_structure

__all__ = ["build", "new_graph"]


def build(document: Document, links: Links, base: str = DEFAULT_BASE,
          manifestations: tuple[str, ...] = MANIFESTATIONS) -> Graph:
    """The RDF graph of one document and its links, with IRIs under ``base``; ``manifestations``
    are the file formats (ttl, jsonld, nt, akn) the graph says the expression is embodied in."""
    ctx = Context(document, links, Iris(base.rstrip("/"), document.metadata), manifestations)
    add_frbr(ctx)
    add_structure(ctx)
    add_annotations(ctx)
    add_clauses(ctx)
    add_provenance(ctx)
    if document.letter is not None:
        add_letter(ctx, document.letter)
    return ctx.graph
