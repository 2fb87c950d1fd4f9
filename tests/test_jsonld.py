"""The JSON-LD context and the files that use it: the terms are named and coerced by the stated rules
and cover every property the graphs use; every JSON-LD file, expanded by pyld with the context the
project publishes, is exactly the triples of the Turtle export (every lexical form as written); and
every reader of JSON-LD in the program resolves the context's IRI without the network."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from conftest import ROOT, run_cli
from oxterms import exact
from pyld import jsonld
from pyld.context_resolver import ContextResolver
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from realtexts import real_texts

from converter.errors import ExitCode, UnreadableInput
from converter.jsonld_context import context, resolved
from converter.link import link
from converter.rdf import build
from converter.rdf.export import serialize_all
from converter.rdf.read import read_graph
from converter.readers import read_file
from converter.resources import path, turtle
from converter.vocab import CONTEXT_IRI, ELI, EPR, EXPORTED

HERE = Path(__file__).resolve().parent
OUTPUT = sorted((ROOT / "output").glob("*.jsonld"))
TEXTS = [t for t in real_texts() if t.id != "nl_P5_TA-2001-0531"]  # the one that prints no date
PUBLISHED = json.loads(path("ontology", "context.jsonld").read_text(encoding="utf-8"))
EXAMPLE = "https://example.org/"


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader: the published context from the package; nothing else."""
    if url != CONTEXT_IRI:
        raise AssertionError(f"pyld asked for {url}")
    # a copy: pyld changes the document it is given when a context imports it
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": copy.deepcopy(PUBLISHED)}


def _pyld() -> dict[str, Any]:
    """pyld's options: our loader, and contexts resolved afresh for each document (pyld 3.3's shared
    cache of resolved contexts breaks a later ``@import`` of a context already resolved)."""
    return {"documentLoader": _loader, "contextResolver": ContextResolver({}, _loader)}


def _ox(term: dict[str, str]) -> ox.NamedNode | ox.Literal:
    if term["type"] == "IRI":
        return ox.NamedNode(term["value"])
    assert term["type"] == "literal", term  # the exported graphs have no blank nodes
    if term.get("language"):
        return ox.Literal(term["value"], language=term["language"])
    return ox.Literal(term["value"], datatype=ox.NamedNode(term["datatype"]))


def _expanded(data: bytes) -> set[ox.Triple]:
    """The triples pyld's JSON-LD to RDF algorithm reads from the document."""
    dataset = jsonld.to_rdf(json.loads(data), _pyld())
    assert set(dataset) <= {"@default"}
    return {ox.Triple(_ox(q["subject"]), _ox(q["predicate"]), _ox(q["object"])) for q in dataset.get("@default", [])}


def _triples(data: bytes, syntax: ox.RdfFormat) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=syntax)}


@pytest.fixture(scope="module")
def graphs() -> list[Graph]:
    built = []
    for text in TEXTS:
        document = read_file(text.path)
        built.append(build(document, link(document)))
    return built


# ---- the files are the Turtle export's triples --------------------------------------------------


@pytest.mark.parametrize("written", OUTPUT, ids=lambda p: p.name)
def test_the_bundled_json_ld_expands_to_the_turtle_export(written: Path) -> None:
    assert json.loads(written.read_bytes())["@context"] == CONTEXT_IRI
    turtle_triples = _triples(written.with_suffix(".ttl").read_bytes(), ox.RdfFormat.TURTLE)
    assert len(turtle_triples) > 6000
    assert _expanded(written.read_bytes()) == turtle_triples


def test_real_texts_json_ld_expands_to_the_turtle_export(graphs: list[Graph]) -> None:
    for graph in graphs[::3]:
        written = serialize_all(graph, EXPORTED)
        assert _expanded(written["jsonld"]) == _triples(written["ttl"], ox.RdfFormat.TURTLE)


def test_values_a_coercion_could_read_wrongly() -> None:
    s, date, integer, boolean = URIRef(EXAMPLE + "s"), XSD.date, XSD.integer, XSD.boolean
    values = {
        EPR.position: [Literal("3", datatype=integer), Literal("03", datatype=integer, normalize=False),
                       Literal("-0", datatype=integer, normalize=False),
                       Literal("+5", datatype=integer, normalize=False), Literal("-12", datatype=integer),
                       Literal(str(10**21), datatype=integer),
                       Literal("2026-02-24", datatype=date), Literal("true", datatype=boolean), Literal("plain"),
                       Literal("x", lang="nl"), Literal("2.50", datatype=XSD.decimal), URIRef(EXAMPLE + "o")],
        EPR.closing: [Literal("true", datatype=boolean), Literal("1", datatype=boolean, normalize=False),
                      Literal("7", datatype=integer)],
        EPR.text: [Literal("a\u2028b\u2029c\u0085d\ne", lang="nl"), Literal("x", lang="en"), Literal("y", lang="en"),
                   Literal("Oekraïne", lang="en-GB"), Literal("plain"), Literal("4", datatype=integer),
                   URIRef(EXAMPLE + "o")],
        EPR.about: [URIRef(EXAMPLE + "o"), EPR.Paragraph, URIRef(str(EPR)), URIRef("urn:x-local:1"),
                    URIRef(str(DCTERMS) + "//odd"),
                    Literal(EXAMPLE + "a-string"), Literal("x", lang="en"), Literal("4", datatype=integer)],
        ELI.date_document: [Literal("2026-02-24", datatype=date),
                            Literal("2026-02-24T10:00:00", datatype=XSD.dateTime)],
        DCTERMS.title: [Literal("plain"), Literal("titel", lang="nl")],
        EPR.notATerm: [Literal("3", datatype=integer), Literal("03", datatype=integer, normalize=False),
                       Literal("true", datatype=boolean), Literal("x", datatype=URIRef(EXAMPLE + "dt")),
                       Literal("x", lang="nl"), Literal("plain"), URIRef(EXAMPLE + "o")],
    }
    graph = Graph()
    for predicate, objects in values.items():
        for value in objects:
            graph.add((s, predicate, value))
    written = serialize_all(graph, EXPORTED)
    expected = {ox.Triple(*map(exact, triple)) for triple in graph}
    assert _triples(written["ttl"], ox.RdfFormat.TURTLE) == expected  # language tags lower-cased by every parser
    assert _expanded(written["jsonld"]) == expected
    assert _triples(resolved(written["jsonld"], "jsonld"), ox.RdfFormat.JSON_LD) == expected

    node = json.loads(written["jsonld"])["@graph"][0]
    # the term's own datatype: JSON's number where canonical (and not so large it would read as a
    # double), else the lexical form; any other value as an explicit object, which no coercion changes
    assert {3, -12, "03", "-0", "+5", str(10**21)} <= {v for v in node["position"] if not isinstance(v, dict)}
    assert {"@type": "xsd:date", "@value": "2026-02-24"} in node["position"]
    assert {"@type": "xsd:boolean", "@value": "true"} in node["position"]
    assert {"@value": "plain"} in node["position"] and {"@id": EXAMPLE + "o"} in node["position"]
    assert sorted(node["closing"], key=str) == ["1", True, {"@type": "xsd:integer", "@value": "7"}]
    # a language map for the tagged texts; the rest under the property's compact IRI
    assert node["text"] == {"nl": "a\u2028b\u2029c\u0085d\ne", "en": ["x", "y"], "en-GB": "Oekraïne"}
    assert sorted(node["epr:text"], key=json.dumps) == sorted(
        [4, "plain", {"@id": EXAMPLE + "o"}], key=json.dumps)
    assert sorted(v for v in node["about"] if isinstance(v, str)) == sorted(
        [EXAMPLE + "o", "epr:Paragraph", str(EPR), "urn:x-local:1", str(DCTERMS) + "//odd"])
    assert {"@value": EXAMPLE + "a-string"} in node["about"]
    assert {"@type": "xsd:integer", "@value": "4"} in node["about"]
    assert node["date_document"][0] == "2026-02-24"
    assert node["dcterms:title"] == sorted(["plain", {"@language": "nl", "@value": "titel"}], key=json.dumps)


# ---- the context --------------------------------------------------------------------------------


def test_each_term_expands_to_its_property_in_pyld() -> None:
    """The writer's reading of the context agrees with pyld's: each term, and the other key of a
    language-map term, expands to the property the writer uses it for."""
    for iri, term in context().terms.items():
        for key in {term.name, term.other}:
            document = {"@context": CONTEXT_IRI, "@id": EXAMPLE + "s", key: [{"@id": EXAMPLE + "o"}]}
            expanded = jsonld.expand(document, _pyld())
            assert set(expanded[0]) == {"@id", iri}, key


def _local_names(namespace: Any) -> set[str]:
    return {name for name in namespace.__annotations__ if name[0].islower()}


def test_terms_are_named_by_the_rule() -> None:
    """A property's term is its local name, unless another vocabulary the context covers has a
    property of that name (dcterms:title and eli:title; epr:cites and eli:cites): then it is its
    compact IRI. The vocabularies: ELI, DCTerms, SKOS, PROV, OWL, RDFS, OA and the project's."""
    ctx = context()
    owners: dict[str, set[str]] = defaultdict(set)
    for namespace in (DCTERMS, SKOS, PROV, OWL, RDFS):
        for name in _local_names(namespace):
            owners[name].add(str(namespace))
    for name in (HERE / "data" / "eli-1.5-properties.txt").read_text(encoding="utf-8").split():
        owners[name].add(str(ELI))
    ontology = turtle("eprdf.ttl")
    declared = {*ontology.subjects(RDF.type, OWL.ObjectProperty), *ontology.subjects(RDF.type, OWL.DatatypeProperty)}
    for iri in {*map(str, declared), *ctx.terms}:
        prefix, _, local = ctx.compact(iri).partition(":")
        owners[local].add(ctx.expand(f"{prefix}:"))
    names = [term.name for term in ctx.terms.values()]
    assert len(names) == len(set(names))
    for iri, term in ctx.terms.items():
        compact = ctx.compact(iri)
        local = compact.partition(":")[2]
        assert term.name == (compact if len(owners[local]) > 1 else local), iri
    assert {"eli:title", "dcterms:title", "epr:isPartOf", "dcterms:isPartOf", "text", "position"} <= set(names)


def test_the_ontology_properties_have_terms_as_declared() -> None:
    """An object property's values are IRIs; a datatype property's, its range's datatype, or a
    language map for rdf:langString; no coercion for xsd:string (JSON's strings are strings)."""
    ontology = turtle("eprdf.ttl")
    terms = context().terms
    declared = {*ontology.subjects(RDF.type, OWL.ObjectProperty), *ontology.subjects(RDF.type, OWL.DatatypeProperty)}
    missing = sorted(str(p) for p in declared if str(p) not in terms)
    assert not missing, f"no term in ontology/context.jsonld for {missing} (the rule is in README.md)"
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        assert terms[str(prop)].coercion == "@id", prop
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        term, kind = terms[str(prop)], ontology.value(prop, RDFS.range)
        if kind == RDF.langString:
            assert term.language_map and term.coercion is None, prop
        elif kind is not None:
            assert not term.language_map and term.coercion == (None if kind == XSD.string else str(kind)), prop


def test_every_property_of_the_graphs_has_a_term_that_fits_its_values(graphs: list[Graph]) -> None:
    """A term coerces to the one kind all the property's values have across the graphs (IRIs: @id;
    a datatype: that datatype; language-tagged strings: a language map); none where they differ."""
    kinds: dict[URIRef, set[str]] = defaultdict(set)
    for graph in [*graphs, *(Graph().parse(p.with_suffix(".ttl")) for p in OUTPUT)]:
        for _, predicate, value in graph:
            kinds[predicate].add("@id" if isinstance(value, URIRef) else "@language" if value.language
                                 else str(value.datatype or XSD.string))
    terms = context().terms
    missing = sorted(str(p) for p in kinds if p != RDF.type and str(p) not in terms)
    assert not missing, f"no term in ontology/context.jsonld for {missing} (the rule is in README.md)"
    for predicate, found in kinds.items():
        if predicate == RDF.type:
            continue
        term = terms[str(predicate)]
        only = next(iter(found)) if len(found) == 1 else None
        assert term.language_map == (only == "@language"), predicate
        assert term.coercion == (None if only in (None, "@language", str(XSD.string)) else only), predicate


# ---- reading JSON-LD that refers to the context, offline -----------------------------------------


def _jsonld(folder: Path, name: str, document: Any) -> Path:
    written = folder / name
    written.write_text(json.dumps(document), encoding="utf-8")
    return written


def test_readers_resolve_the_context_wherever_a_document_refers_to_it(tmp_path: Path) -> None:
    s = EXAMPLE + "s"
    documents = {
        "alone": {"@context": CONTEXT_IRI, "@id": s, "position": "03", "text": {"nl": "tekst"}},
        "listed": {"@context": [CONTEXT_IRI, {"ex": EXAMPLE}], "@id": "ex:s", "position": "03",
                   "text": {"nl": "tekst"}},
        "scoped": {"@context": {"ex": EXAMPLE, "wrapper": {"@id": "ex:wrapper", "@context": CONTEXT_IRI}},
                   "@id": "ex:x", "wrapper": {"@id": s, "position": "03", "text": {"nl": "tekst"}}},
        "imported": {"@context": {"@version": 1.1, "@import": CONTEXT_IRI, "ex": EXAMPLE}, "@id": "ex:s",
                     "position": "03", "text": {"nl": "tekst"}},
    }
    expected = {ox.Triple(ox.NamedNode(s), ox.NamedNode(str(EPR.position)),
                          ox.Literal("03", datatype=ox.NamedNode(str(XSD.integer)))),
                ox.Triple(ox.NamedNode(s), ox.NamedNode(str(EPR.text)), ox.Literal("tekst", language="nl"))}
    for name, document in documents.items():
        file = _jsonld(tmp_path, f"{name}.jsonld", document)
        data = file.read_bytes()
        got = _triples(resolved(data, name), ox.RdfFormat.JSON_LD)
        assert {t for t in got if t.subject.value == s} == expected, name
        assert {t for t in got if t.subject.value == s} == {t for t in _expanded(data) if t.subject.value == s}, name
        graph = read_graph((file,))
        assert (URIRef(s), EPR.position, Literal("03", datatype=XSD.integer, normalize=False)) in graph, name


def test_a_json_literal_is_data_not_a_context(tmp_path: Path) -> None:
    document = {"@context": CONTEXT_IRI, "@id": EXAMPLE + "s",
                EXAMPLE + "p": {"@type": "@json", "@value": {"@context": "https://example.org/not-fetched"}}}
    graph = read_graph((_jsonld(tmp_path, "literal.jsonld", document),))
    assert len(graph) == 1


@pytest.mark.parametrize("reference", ["https://example.org/context.jsonld", "context.jsonld",
                                       [CONTEXT_IRI, "https://example.org/context.jsonld"]])
def test_another_context_to_fetch_is_refused_by_name(tmp_path: Path, reference: Any) -> None:
    file = _jsonld(tmp_path, "remote.jsonld", {"@context": reference, "@id": EXAMPLE + "s"})
    with pytest.raises(UnreadableInput) as refused:
        read_graph((file,))
    message = str(refused.value)
    assert str(file) in message and "context.jsonld" in message and "fetch" in message and CONTEXT_IRI in message


# Every socket the program opens ends the process: proof that it reads the files without the network.
OFFLINE = """import os, sys
def refuse(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
        print("network used:", event, args, file=sys.stderr)
        os._exit(99)
sys.addaudithook(refuse)
from converter.cli import main
main(prog_name="eprdf")
"""


def _offline(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", OFFLINE, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.cli
def test_validate_and_load_read_the_bundled_json_ld_offline(tmp_path: Path) -> None:
    written = str(OUTPUT[0])
    checked = _offline("validate", written)
    assert checked.returncode == ExitCode.OK, checked.stderr
    loaded = _offline("load", "--store", str(tmp_path / "store"), written)
    assert loaded.returncode == ExitCode.OK and "loaded" in loaded.stderr, loaded.stderr
    # the JSON-LD loaded is the Turtle's graph: loading the Turtle over it changes nothing
    asked = run_cli("query", "--store", str(tmp_path / "store"), "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g "
                    "{ ?s ?p ?o } FILTER (STRSTARTS(STR(?g), 'https://w3id.org/eprdf/akn/')) }", "--format", "csv")
    assert asked.returncode == ExitCode.OK, asked.stderr
    assert asked.stdout.split()[-1] == str(len(_triples(Path(written).with_suffix(".ttl").read_bytes(),
                                                       ox.RdfFormat.TURTLE)))


@pytest.mark.cli
@pytest.mark.parametrize("command", ["validate", "load"])
def test_a_json_ld_file_with_another_remote_context_is_refused_at_once(tmp_path: Path, command: str) -> None:
    # an address that does not answer: fetching it would hang until a timeout
    file = _jsonld(tmp_path, "remote.jsonld", {"@context": "http://10.255.255.1/context.jsonld",
                                               "@id": EXAMPLE + "s", "position": 3})
    args = ("load", "--store", str(tmp_path / "store"), str(file)) if command == "load" else ("validate", str(file))
    started = time.monotonic()
    result = _offline(*args)
    assert time.monotonic() - started < 60
    assert result.returncode == ExitCode.UNREADABLE, result.stderr
    assert "Traceback" not in result.stderr and "http://10.255.255.1/context.jsonld" in result.stderr
    assert "remote" in result.stderr and str(file) in result.stderr
