"""Files the program ships: the ontology, the JSON-LD context and the shapes."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rdflib import Graph

PACKAGE = resources.files("converter")


def path(folder: str, name: str) -> Path:
    return Path(str(PACKAGE / folder / name))


@cache
def ontology() -> Graph:
    """Everything in ontology/ (the ontology, the registry, the act types) as one graph, parsed once."""
    graph = Graph()
    for file in sorted((PACKAGE / "ontology").iterdir(), key=lambda f: f.name):
        if file.name.endswith(".ttl"):
            graph.parse(data=file.read_text(encoding="utf-8"), format="turtle")
    return graph


@cache
def jsonld_context() -> dict[str, Any]:
    return json.loads(path("ontology", "context.jsonld").read_text(encoding="utf-8"))["@context"]
