"""Files the program ships: the ontology, the JSON-LD context and the shapes."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph

PACKAGE = resources.files("converter")


def path(folder: str, name: str) -> Path:
    return Path(str(PACKAGE / folder / name))


@cache
def turtle(*names: str) -> Graph:
    """The named Turtle files of ontology/ as one graph, parsed once per process (by Oxigraph's
    parser: the registry is read on every run, and rdflib's parser takes about 40 % longer)."""
    from .rdf.read import read_graph  # the rdf package itself reads resources at import

    return read_graph(tuple(path("ontology", name) for name in names), "turtle")


def ontology() -> Graph:
    """Everything in ontology/ (the ontology, the registry, the act types) as one graph."""
    return turtle(*sorted(f.name for f in (PACKAGE / "ontology").iterdir() if f.name.endswith(".ttl")))
