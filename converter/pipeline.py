"""The whole pipeline for one file: parse → link → build → export."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph

from .build import build
from .ep_view import ep_view
from .export import FORMATS, serialize, write_atomic
from .iris import DEFAULT_BASE, Iris
from .link import Links, link
from .model import Document
from .parse import parse_file

BUNDLED = Path(str(resources.files("converter") / "data" / "000_50d7cb4445c31f01.txt"))


@dataclass(frozen=True)
class Result:
    document: Document
    links: Links
    graph: Graph
    written: tuple[Path, ...]


def convert_file(source: Path, outdir: Path, base: str = DEFAULT_BASE) -> Result:
    """Convert one text file into ``outdir/<stem>.ttl``, ``.jsonld`` and ``.nt``, and the
    European Parliament profile view into ``outdir/<stem>.ep.ttl``."""
    document = parse_file(source)
    links = link(document)
    graph = build(document, links, base, tuple(FORMATS))
    files = {outdir / f"{source.stem}.{extension}": serialize(graph, extension) for extension in FORMATS}
    files[outdir / f"{source.stem}.ep.ttl"] = serialize(ep_view(document, Iris(base, document.metadata)), "ttl")
    write_atomic(files)
    return Result(document, links, graph, tuple(files))
