"""store: SPARQL over converted documents. ``GraphLoader`` is what every store offers (load a
document's graph into a named graph of its own), ``SparqlStore`` a store that also answers queries
with parameters bound as terms; ``Store`` is the embedded one (Oxigraph, on disk or in memory).
``remote.GraphStore`` (imported on its own: it brings an HTTP client) loads into a server by the
SPARQL 1.1 Graph Store Protocol; the server answers queries at its own endpoint.
Imports errors, vocab and resources; never the pipeline or the CLI."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from .answer import Answer
from .derived import DERIVED_GRAPH
from .embedded import ONTOLOGY_GRAPH, REGISTRY_GRAPH, Store
from .queries import QUERIES, bind, declared_parameters, named_query

__all__ = ["DERIVED_GRAPH", "ONTOLOGY_GRAPH", "QUERIES", "REGISTRY_GRAPH", "Answer", "GraphLoader", "SparqlStore",
           "Store", "bind", "declared_parameters", "named_query"]


class GraphLoader(Protocol):
    def load(self, path: Path) -> str:
        """Load one document's exported graph into its own named graph; returns the graph's name."""
        ...

    def load_many(self, paths: Sequence[Path]) -> list[str]:
        """Load several exported graphs, each file read before anything is written; returns each
        one's graph name."""
        ...


class SparqlStore(GraphLoader, Protocol):
    def query(self, query: str, params: dict[str, str] | None = None) -> Answer:
        """Run SPARQL text or a named query with parameters bound as RDF terms."""
        ...

    def graphs(self) -> list[str]: ...
