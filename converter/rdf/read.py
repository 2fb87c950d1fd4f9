"""Reading RDF files given by users: untrusted input.

The files are parsed by Oxigraph's parsers, not rdflib's: they fetch nothing (a JSON-LD ``@context``
that refers to the project's context is given the packaged copy; any other remote or ``file:``
context, an external XML entity and an entity-expansion bomb are refused), they are
linear in the input (rdflib's take quadratic time on long literals), and they report line and
column. What they read is handed on as an rdflib Graph, every literal's lexical form as written
(rdflib would rewrite "none"^^xsd:boolean as "false" and "03"^^xsd:integer as "3", and a validator
must see what the file says). Relative IRIs resolve against the file's own URI. Each file is
bounded in size.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import UnreadableInput
from ..jsonld_context import resolved
from ..vocab import RDF_FORMATS, rdf_format

SYNTAXES = tuple(sorted(f.name for f in RDF_FORMATS))
# The largest RDF file read unless raised: a document's graph is a few MB.
MAX_RDF_BYTES = 50 * 1024 * 1024
XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


def read_graph(paths: tuple[Path, ...], input_format: str | None = None, max_bytes: int = MAX_RDF_BYTES) -> Graph:
    """Parse every file into one graph."""
    graph = Graph()
    for path in paths:
        known = rdf_format(path.suffix) if input_format is None else \
            next((f for f in RDF_FORMATS if f.name == input_format), None)
        if known is None:
            extensions = sorted(f".{e}" for f in RDF_FORMATS for e in f.extensions)
            raise UnreadableInput(str(path), f"unknown RDF syntax for extension {path.suffix!r}",
                                  expected="--input-format or one of " + ", ".join(extensions))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableInput(str(path), f"cannot be read: {exc.strerror}") from None
        if len(data) > max_bytes:
            raise UnreadableInput(str(path), f"the file has {len(data):,} bytes, more than the limit of {max_bytes:,}")
        if known.name == "json-ld":
            data = resolved(data, str(path))
        try:
            parser = ox.parse(input=data, format=ox.RdfFormat.from_media_type(known.media_type),
                              base_iri=path.resolve().as_uri())
            for quad in parser:
                graph.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
            for prefix, namespace in parser.prefixes.items():
                graph.bind(prefix, namespace, override=False)
        except SyntaxError as exc:
            line, column = (exc.args[1][1], exc.args[1][2]) if len(exc.args) > 1 and exc.args[1] else (None, None)
            where = f" at column {column}" if column else ""
            message = " ".join(str(exc).split())[:300]
            raise UnreadableInput(str(path), f"not parseable as {known.name}{where}: {message}", line=line) from None
    return graph


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        # a plain literal is an xsd:string (RDF 1.1), which rdflib keeps apart from an untyped one
        if term.datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    raise UnreadableInput("RDF", "RDF-star quoted triples are not supported")
