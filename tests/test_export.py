"""The writers: every serialisation reads back as the graph it was written from: with rdflib's
parsers for the real texts, and with Oxigraph's (which keep every lexical form as written, where
rdflib normalises "03" to "3") for the literals a JSON-LD writer can get wrong."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from oxterms import exact
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from realtexts import RealText, real_texts

from converter.jsonld_context import resolved
from converter.link import link
from converter.rdf import build
from converter.rdf.export import serialize_all
from converter.readers import read_file
from converter.vocab import EPR, EXPORTED

PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
TEXTS = [t for t in real_texts() if t.id != "nl_P5_TA-2001-0531"]  # the one that prints no date


def _reads_back(graph: Graph) -> dict[str, bytes]:
    written = serialize_all(graph, EXPORTED)
    for extension, data in written.items():
        # the JSON-LD refers to the published context, which rdflib would fetch: give it ours
        back = Graph().parse(data=resolved(data, extension) if extension == "jsonld" else data,
                             format=PARSERS[extension])
        assert isomorphic(back, graph), extension
    return written


@pytest.mark.parametrize("text", TEXTS[::4], ids=lambda t: t.path.name)
def test_a_real_texts_graph_reads_back_from_every_format(text: RealText) -> None:
    document = read_file(text.path)
    _reads_back(build(document, link(document)))


def test_literals_json_ld_could_get_wrong() -> None:
    s = URIRef("https://example.org/s")
    graph = Graph()
    for value in (Literal("3", datatype=XSD.integer), Literal("03", datatype=XSD.integer, normalize=False),
                  Literal("-0", datatype=XSD.integer, normalize=False), Literal("-12", datatype=XSD.integer),
                  Literal("true", datatype=XSD.boolean), Literal("1", datatype=XSD.boolean),
                  Literal("2.50", datatype=XSD.decimal), Literal("2026-02-24", datatype=XSD.date),
                  Literal("x", datatype=URIRef("https://example.org/dt")), Literal("a\u2028b\u0085c\nd"),
                  Literal("Oekraïne", lang="nl"), Literal("plain"),
                  URIRef(str(EPR)), URIRef(str(EPR) + "Paragraph"), URIRef("urn:x-local:1")):
        graph.add((s, EPR.value, value))
    written = serialize_all(graph, EXPORTED)
    expected = {ox.Triple(*map(exact, triple)) for triple in graph}
    for extension, data in written.items():
        back = set(ox.parse(resolved(data, extension) if extension == "jsonld" else data,
                            format=ox.RdfFormat.from_extension(extension)))
        assert {ox.Triple(q.subject, q.predicate, q.object) for q in back} == expected, extension
    values = json.loads(written["jsonld"])["@graph"][0]["epr:value"]
    # an integer in canonical form is a JSON number; any other lexical form keeps its datatype
    assert 3 in values and -12 in values and True in values
    assert {"@type": "xsd:integer", "@value": "03"} in values and {"@type": "xsd:integer", "@value": "-0"} in values
    # the namespace IRI itself has no local name to compact to
    assert {"@id": str(EPR)} in values and {"@id": "epr:Paragraph"} in values
    assert written["nt"].count(b"\n") == len(graph)
