"""export: serialise deterministically (same graph, same bytes) and write atomically."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import OutputError
from . import jsonld

TYPE = RDF.type  # rdflib's namespace attribute lookup is slow in the sort key


def serialize(graph: Graph, extension: str) -> bytes:
    """The graph as Turtle, JSON-LD or N-Triples, byte-for-byte stable across runs."""
    return serialize_all(graph, (extension,))[extension]


def serialize_all(graph: Graph, extensions: tuple[str, ...]) -> dict[str, bytes]:
    """The graph in each format: every writer takes the triples in one total order (each subject's
    types first), sorted once."""
    return serialize_triples(graph, [(p, str(n)) for p, n in graph.namespaces()], extensions)


def serialize_triples(triples: Iterable[tuple[Node, Node, Node]], namespaces: list[tuple[str, str]],
                      extensions: tuple[str, ...]) -> dict[str, bytes]:
    """Triples (no blank nodes) in each format, with the prefixes of ``namespaces`` that they use;
    for callers that have no graph to build (a web server's representations)."""
    writers = [WRITERS[extension] for extension in extensions]  # an unknown one is a KeyError
    ordered = _Sorted(namespaces, sorted(triples, key=lambda t: (str(t[0]), t[1] != TYPE, str(t[1]), _order(t[2]))))
    return {extension: writer(ordered) for extension, writer in zip(extensions, writers, strict=True)}


@dataclass
class _Sorted:
    """The graph's triples in the writers' order, and as Oxigraph terms (made once, for whichever
    writers need them)."""

    namespaces: list[tuple[str, str]]
    triples: list[tuple[Node, Node, Node]]

    @cached_property
    def oxigraph(self) -> list[ox.Triple]:
        made: dict[Node, ox.NamedNode | ox.Literal] = {}

        def term(node: Node) -> ox.NamedNode | ox.Literal:
            found = made.get(node)
            if found is None:
                found = made[node] = _ox(node)
            return found

        return [ox.Triple(term(s), term(p), term(o)) for s, p, o in self.triples]


def _turtle(ordered: _Sorted) -> bytes:
    """Turtle written by Oxigraph (a fifth of rdflib's time on a document's graph), with only the
    prefixes it uses."""
    iris = {str(term) for triple in ordered.triples for term in triple if isinstance(term, URIRef)}
    iris |= {str(t[2].datatype) for t in ordered.triples if isinstance(t[2], Literal) and t[2].datatype}
    prefixes = {prefix: namespace for prefix, namespace in sorted(ordered.namespaces)
                if prefix and any(iri.startswith(namespace) for iri in iris)}
    text = ox.serialize(ordered.oxigraph, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    # Oxigraph keeps the prefixes in a map of its own: put their lines in a fixed order
    lines = text.split(b"\n")
    head = sum(1 for _ in itertools.takewhile(lambda line: line.startswith(b"@prefix "), lines))
    return b"\n".join(sorted(lines[:head]) + lines[head:])


def _ntriples(ordered: _Sorted) -> bytes:
    # lines end at "\n" only (U+2028, U+2029 and U+0085 are text inside literals); sorted, so a
    # diff of two versions shows what changed
    lines = ox.serialize(ordered.oxigraph, format=ox.RdfFormat.N_TRIPLES).split(b"\n")
    return b"\n".join(sorted(line for line in lines if line.strip())) + b"\n"


def _jsonld(ordered: _Sorted) -> bytes:
    return jsonld.write(ordered.triples)


WRITERS: dict[str, Callable[[_Sorted], bytes]] = {"ttl": _turtle, "nt": _ntriples, "jsonld": _jsonld}


def _order(term: Node) -> tuple[str, str, str, str]:
    if isinstance(term, Literal):
        return ("literal", str(term), term.language or "", str(term.datatype or ""))
    return ("iri" if isinstance(term, URIRef) else "blank", str(term), "", "")


def _ox(term: Node) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    # the exported graphs name every node: a blank node would get a different label on every run
    raise ValueError(f"blank node {term!r} in an exported graph")


# Files are written as any tool writes them: readable by all unless the umask says otherwise
# (a web server running as another user must be able to serve them).
FILE_MODE = 0o666
TEMP_SUFFIX = ".eprdf-tmp"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it, then rename them all into place.

    Nothing is renamed until every file is written, so a failure leaves the previous outputs intact.
    """
    temps: list[tuple[str, Path]] = []
    mode = FILE_MODE & ~_umask()
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            for stale in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):  # left by a killed run
                stale.unlink(missing_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, mode)
        for tmp, path in temps:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise OutputError(str(exc.filename or "output"), f"cannot be written: {exc.strerror}") from None
