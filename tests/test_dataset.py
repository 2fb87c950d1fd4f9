"""The dataset description (VoID and DCAT-AP 3): it conforms to DCAT-AP 3.0.1's shapes on the bundled
output and on real texts in many languages, the shapes catch what DCAT-AP forbids, its counts are
those of an independent count of the same files, and the same store gives the same bytes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, VOID

from converter.checks.shacl import ENGINES
from converter.errors import ExitCode, UsageError
from converter.findings import Severity
from converter.link import link
from converter.rdf import build
from converter.rdf.export import serialize
from converter.rdf.read import read_graph
from converter.readers import read_file
from converter.store import DERIVED_GRAPH, ONTOLOGY_GRAPH, REGISTRY_GRAPH, Store
from converter.store.embedded import VOCABULARIES
from converter.vocab import DEFAULT_BASE, ELI, MANIFESTATIONS
from converter.web.dataset import describe_dataset, published_graphs, validate_dataset

BASE = DEFAULT_BASE
# A plain namespace: collecting tests probes every name of the module, and rdflib's closed DCAT warns on it.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
OUTPUT = sorted((ROOT / "output").glob("*.ttl"))
# The files of ontology/ the store holds in its ontology graph and in its registry graph.
VOCABULARY_FILES = [ROOT / "ontology" / name for _, names in VOCABULARIES for name in names]
REAL_TEXT_FOLDERS = (ROOT.parent / "shared" / "realtexts", ROOT / "tests" / "realtexts")
UNDATED = {"nl_P5_TA-2001-0531"}  # prints no adoption date: converts only with --date
ENDPOINT = f"{BASE}/sparql"
DUMPS = {"nq": "dump/eprdf.nq", "trig": "dump/eprdf.trig", "ttl": "dump/eprdf.ttl"}
CATALOGUE, DATASET, SERVICE = URIRef(f"{BASE}/catalogue"), URIRef(f"{BASE}/dataset"), URIRef(f"{BASE}/sparql")
PUBLISHER, LICENCE = URIRef(f"{BASE}/project"), URIRef("http://creativecommons.org/licenses/by/4.0/")
OP_AUTHORITY = "http://publications.europa.eu/resource/authority/"
# What DCAT-AP recommends and the description does not give (README, "Dataset description"): a
# contact point, spatial coverage, data themes, a publisher type and a licence type from vocabularies
# no value of which is verified here, a date of issue or change (the data records none), a
# description of the endpoint, and a file-type IRI for any syntax but Turtle.
RECOMMENDED_BUT_MISSING = {
    ("project", "type"), ("http://creativecommons.org/licenses/by/4.0/", "type"),
    ("catalogue", "themeTaxonomy"), ("catalogue", "issued"), ("catalogue", "modified"), ("catalogue", "spatial"),
    ("sparql", "contactPoint"), ("sparql", "endpointDescription"), ("sparql", "theme"),
    ("dataset", "contactPoint"), ("dataset", "theme"), ("dataset", "spatial"),
    *((f"dataset/{name}", "availability") for name in ("nq", "trig", "ttl", "sparql")),
    *((f"dataset/{name}", "format") for name in ("nq", "trig", "sparql")),
}


def load(paths: list[Path]) -> Store:
    store = Store()
    store.load_many(paths)
    return store


@pytest.fixture(scope="module")
def bundled() -> Store:
    return load(OUTPUT)


@pytest.fixture(scope="module")
def real_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every dated real text of both folders (several languages of some works among them) built and
    exported as Turtle, and the bundled output."""
    folder = tmp_path_factory.mktemp("realtexts")
    paths = list(OUTPUT)
    for source in sorted(p for f in REAL_TEXT_FOLDERS for p in f.glob("*.txt") if p.stem not in UNDATED):
        document = read_file(source)
        path = folder / f"{source.stem}.ttl"
        path.write_bytes(serialize(build(document, link(document), BASE, MANIFESTATIONS), "ttl"))
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def real(real_files: list[Path]) -> Store:
    return load(real_files)


def described(store: Store, **kwargs: object) -> Graph:
    return describe_dataset(store, BASE, **{"sparql_endpoint": ENDPOINT, "dumps": DUMPS, **kwargs})  # type: ignore[arg-type]


def violations(graph: Graph, engine: str = "shifty") -> list[tuple[str, str]]:
    return [(_key(f.focus), (f.path or "").split(":")[-1])
            for f in validate_dataset(graph, engine).findings if f.severity == Severity.VIOLATION]


def _key(focus: str | None) -> str:
    """A finding's focus node, relative to the base where it is one of ours."""
    return (focus or "").strip("<>").removeprefix(f"{BASE}/")


def copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


# -- conformance -------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_the_description_of_the_bundled_output_conforms_to_dcat_ap(bundled: Store, engine: str) -> None:
    report = validate_dataset(described(bundled), engine)
    assert report.conforms, [f for f in report.findings if f.severity == Severity.VIOLATION]
    warnings = {(_key(f.focus), (f.path or "").split(":")[-1]) for f in report.findings}
    assert warnings == RECOMMENDED_BUT_MISSING
    assert all(f.severity == Severity.WARNING for f in report.findings)


@pytest.mark.shacl
def test_the_description_of_real_texts_in_many_languages_conforms(real: Store, real_files: list[Path]) -> None:
    graph = described(real)
    assert violations(graph) == [] and violations(graph, "pyshacl") == []
    union = _union(real_files)
    # the languages, and the period from the first to the last adoption, are the documents'
    languages = {o for o in union.objects(None, ELI.language)}
    assert set(graph.objects(DATASET, DCTERMS.language)) == languages and len(languages) >= 16
    assert all((language, RDF.type, DCTERMS.LinguisticSystem) in graph for language in languages)
    works = set(union.subjects(ELI.is_realized_by))
    dates = sorted(str(d) for w, d in union.subject_objects(ELI.date_document) if w in works)
    period = graph.value(DATASET, DCTERMS.temporal)
    assert (str(graph.value(period, DCAT.startDate)), str(graph.value(period, DCAT.endDate))) == (dates[0], dates[-1])
    assert graph.value(period, DCAT.startDate).datatype == XSD.date  # type: ignore[union-attr]
    notice = f"© European Union, {dates[0][:4]}–{dates[-1][:4]} – Source: European Parliament"
    assert notice in str(graph.value(URIRef(f"{BASE}/dataset/rights"), RDFS.label))
    examples = sorted(graph.objects(DATASET, VOID.exampleResource))
    assert len(examples) == 3 and all((e, ELI.is_realized_by, None) in union for e in examples)


@pytest.mark.parametrize("engine", ENGINES)
def test_without_an_endpoint_or_downloads_the_description_still_conforms(bundled: Store, engine: str) -> None:
    graph = describe_dataset(bundled, BASE)
    assert violations(graph, engine) == []
    assert not list(graph.subjects(RDF.type, DCAT.DataService)) and not list(graph.objects(DATASET, DCAT.distribution))
    assert (DATASET, VOID.sparqlEndpoint, None) not in graph


def test_a_store_without_documents_is_described_by_its_ontology_and_registry() -> None:
    graph = described(Store())
    assert violations(graph) == []
    assert (DATASET, DCTERMS.temporal, None) not in graph and (DATASET, DCTERMS.language, None) not in graph
    assert int(graph.value(DATASET, VOID.triples)) > 0  # type: ignore[arg-type]


# -- the shapes catch what DCAT-AP forbids: they really run ------------------------------------

def _drop(s: URIRef, p: URIRef) -> Callable[[Graph], None]:
    return lambda g: g.remove((s, p, None))


MUTATIONS: dict[str, tuple[Callable[[Graph], None], tuple[str, str]]] = {
    "catalogue without a title": (_drop(CATALOGUE, DCTERMS.title), ("catalogue", "title")),
    "catalogue without a publisher": (_drop(CATALOGUE, DCTERMS.publisher), ("catalogue", "publisher")),
    "dataset without a description": (_drop(DATASET, DCTERMS.description), ("dataset", "description")),
    "distribution without an access URL": (_drop(URIRef(f"{BASE}/dataset/nq"), DCAT.accessURL),
                                           ("dataset/nq", "accessURL")),
    "data service without an endpoint URL": (_drop(SERVICE, DCAT.endpointURL), ("sparql", "endpointURL")),
    "a catalogue issued on a string": (
        lambda g: g.add((CATALOGUE, DCTERMS.issued, Literal("2026-02-24"))), ("catalogue", "issued")),
    "a distribution modified on an integer": (
        lambda g: g.add((URIRef(f"{BASE}/dataset/trig"), DCTERMS.modified, Literal(2026))),
        ("dataset/trig", "modified")),
    "a publisher that is not an agent": (_drop(PUBLISHER, RDF.type), ("catalogue", "publisher")),
    "an agent without a name": (_drop(PUBLISHER, FOAF.name), ("project", "name")),
    "two licences on a distribution": (
        lambda g: g.add((URIRef(f"{BASE}/dataset/ttl"), DCTERMS.license, URIRef("http://example.org/licence"))),
        ("dataset/ttl", "license")),
    "a media type given as text": (
        lambda g: g.set((URIRef(f"{BASE}/dataset/nq"), DCAT.mediaType, Literal("application/n-quads"))),
        ("dataset/nq", "mediaType")),
    "a language that is not a linguistic system": (
        lambda g: g.remove((URIRef(f"{OP_AUTHORITY}language/NLD"), RDF.type, None)), ("dataset", "language")),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_mutation_is_a_dcat_ap_violation(bundled: Store, name: str, engine: str) -> None:
    mutate, expected = MUTATIONS[name]
    graph = copy(described(bundled))
    mutate(graph)
    assert expected in violations(graph, engine)


# -- the counts --------------------------------------------------------------------------------

def _union(paths: list[Path]) -> Graph:
    """The files read by rdflib into one graph: a set of triples, whatever file holds each."""
    union = Graph()
    for path in [*paths, *VOCABULARY_FILES]:
        union.parse(path, format="turtle")
    return union


# Where the links of each linkset point, written out again: the IRI spaces of others' data, less
# the terms of their vocabularies.
LINK_SPACES = {
    "wikidata": ("http://www.wikidata.org/entity/", ()),
    "eli": ("http://data.europa.eu/eli/", ("http://data.europa.eu/eli/ontology",
                                            "http://data.europa.eu/eli/eli-draft-legislation-ontology#")),
    "celex": ("http://publications.europa.eu/resource/celex/", ()),
    "europarl": ("https://data.europarl.europa.eu/", ("https://data.europarl.europa.eu/def/epvoc#",)),
    "op-authority": (OP_AUTHORITY, ()),
}


def independent_counts(union: Graph) -> dict[str, object]:
    links: Counter[tuple[str, str]] = Counter()
    for _, p, o in union:
        if isinstance(o, URIRef) and p != RDF.type:
            for key, (space, vocabularies) in LINK_SPACES.items():
                if str(o).startswith(space) and not any(str(o).startswith(v) for v in vocabularies):
                    links[(key, str(p))] += 1
    subjects = set(union.subjects())
    return {
        "triples": len(union),
        "subjects": len(subjects),
        "objects": len(set(union.objects())),
        "entities": sum(1 for s in subjects if isinstance(s, URIRef) and str(s).startswith(f"{BASE}/")),
        "properties": Counter(str(p) for p in union.predicates()),
        "classes": Counter(str(c) for c in union.objects(None, RDF.type)),
        "links": dict(links),
    }


def described_counts(graph: Graph) -> dict[str, object]:
    def number(node: object, p: URIRef) -> int:
        return int(graph.value(node, p))  # type: ignore[arg-type]

    links = {}
    for linkset in graph.objects(DATASET, VOID.subset):
        key = str(graph.value(linkset, VOID.objectsTarget)).rsplit("/", 1)[-1]
        links[(key, str(graph.value(linkset, VOID.linkPredicate)))] = number(linkset, VOID.triples)
    return {
        "triples": number(DATASET, VOID.triples),
        "subjects": number(DATASET, VOID.distinctSubjects),
        "objects": number(DATASET, VOID.distinctObjects),
        "entities": number(DATASET, VOID.entities),
        "properties": Counter({str(graph.value(p, VOID.property)): number(p, VOID.triples)
                               for p in graph.objects(DATASET, VOID.propertyPartition)}),
        "classes": Counter({str(graph.value(c, VOID["class"])): number(c, VOID.entities)
                            for c in graph.objects(DATASET, VOID.classPartition)}),
        "links": links,
    }


def test_the_void_counts_are_an_independent_count_of_the_bundled_output(bundled: Store) -> None:
    graph = described(bundled)
    expected = independent_counts(_union(OUTPUT))
    assert described_counts(graph) == expected
    assert number_of(graph, VOID.classes) == len(expected["classes"])  # type: ignore[arg-type]
    assert number_of(graph, VOID.properties) == len(expected["properties"])  # type: ignore[arg-type]
    # the ontology and the registry are published, and so counted: their classes are there
    classes = described_counts(graph)["classes"]
    assert classes["http://www.w3.org/2002/07/owl#Class"] > 0  # type: ignore[index]
    assert {k for k, _ in expected["links"]} == set(LINK_SPACES)  # type: ignore[attr-defined]


@pytest.mark.shacl
def test_the_void_counts_are_an_independent_count_of_real_texts(real: Store, real_files: list[Path]) -> None:
    """Several languages of one work share its graph and their work-level triples: counted once."""
    assert described_counts(described(real)) == independent_counts(_union(real_files))


def number_of(graph: Graph, p: URIRef) -> int:
    return int(graph.value(DATASET, p))  # type: ignore[arg-type]


def test_the_stores_bookkeeping_is_not_published(bundled: Store) -> None:
    graphs = published_graphs(bundled)
    assert ONTOLOGY_GRAPH in graphs and REGISTRY_GRAPH in graphs and set(bundled.documents()) <= set(graphs)
    assert DERIVED_GRAPH not in graphs and set(bundled.graphs()) - set(graphs) == {
        DERIVED_GRAPH, f"{ONTOLOGY_GRAPH}/loaded"}


# -- the same store, the same bytes -----------------------------------------------------------

def test_the_description_is_the_same_bytes_whatever_the_order_of_loading() -> None:
    first, second = load(OUTPUT), load(list(reversed(OUTPUT)))
    for extension in ("ttl", "nt"):
        assert serialize(described(first), extension) == serialize(described(second), extension)


# -- IRIs, downloads, errors -------------------------------------------------------------------

def test_every_iri_of_the_description_is_under_the_base_or_someone_elses(bundled: Store) -> None:
    base = "http://127.0.0.1:8080"
    graph = describe_dataset(bundled, base, sparql_endpoint="/sparql", dumps={"nq": "/dump.nq"})
    nodes = {n for t in graph for n in t}
    assert not any(isinstance(n, BNode) for n in nodes)
    ours = {str(s) for s in graph.subjects() if str(s).startswith(base)}
    assert {f"{base}/catalogue", f"{base}/dataset", f"{base}/sparql", f"{base}/project", f"{base}/dataset/nq",
            f"{base}/dataset/sparql", f"{base}/dataset/period", f"{base}/dataset/rights"} <= ours
    assert (URIRef(f"{base}/dataset/nq"), DCAT.downloadURL, URIRef(f"{base}/dump.nq")) in graph
    assert (URIRef(f"{base}/dataset"), VOID.dataDump, URIRef(f"{base}/dump.nq")) in graph
    assert (URIRef(f"{base}/dataset/nq"), DCAT.mediaType,
            URIRef("http://www.iana.org/assignments/media-types/application/n-quads")) in graph
    assert (URIRef(f"{base}/dataset"), VOID.uriSpace, Literal(f"{base}/")) in graph
    assert (URIRef(f"{base}/sparql"), DCAT.endpointURL, URIRef(f"{base}/sparql")) in graph
    assert violations(graph) == []


def test_every_eu_authority_iri_is_one_the_project_verified(bundled: Store) -> None:
    """A language of the data, or an IRI the vendored shapes (DCAT-AP's, the EP's) print."""
    printed = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "shapes").glob("*/*.ttl"))
    graph = described(bundled)
    used = {str(n) for t in graph for n in t if str(n).startswith(OP_AUTHORITY)}
    data_languages = {str(o) for o in _union(OUTPUT).objects(None, ELI.language)}
    assert used and all(iri in printed or iri in data_languages for iri in used), used


def test_the_licence_and_the_rights_in_the_text(bundled: Store) -> None:
    graph = described(bundled)
    for distribution in graph.objects(DATASET, DCAT.distribution):
        assert graph.value(distribution, DCTERMS.license) == LICENCE
        assert graph.value(distribution, DCTERMS.rights) == URIRef(f"{BASE}/dataset/rights")
    assert graph.value(CATALOGUE, DCTERMS.license) == LICENCE
    rights = URIRef(f"{BASE}/dataset/rights")
    assert "© European Union, 2026 – Source: European Parliament" in str(graph.value(rights, RDFS.label))
    assert graph.value(rights, RDFS.seeAlso) == URIRef("https://www.europarl.europa.eu/legal-notice/en/")
    # no text of the EP's, no rights statement for it
    assert (None, DCTERMS.rights, None) not in described(Store())


@pytest.mark.parametrize(("kwargs", "source"), [
    ({"dumps": {"zip": "dump.zip"}}, "dump zip"),
    ({"dumps": {"nq": "a dump with spaces.nq"}}, "dump nq"),
    ({"sparql_endpoint": "http://exa mple.org/sparql"}, "sparql endpoint"),
    ({"base": "not a base"}, "base"),
])
def test_what_cannot_be_described_is_a_usage_error(bundled: Store, kwargs: dict[str, object], source: str) -> None:
    with pytest.raises(UsageError) as error:
        describe_dataset(bundled, **kwargs)  # type: ignore[arg-type]
    assert error.value.source == source


# -- the command -----------------------------------------------------------------------------

@pytest.mark.cli
def test_describe_writes_a_conforming_description_the_same_from_files_or_a_store(tmp_path: Path) -> None:
    seed = str(ROOT / "output" / "000_50d7cb4445c31f01.ttl")
    options = ["--sparql", "/sparql", "--dump", "nq=dump/eprdf.nq", "--dump", "trig=dump/eprdf.trig"]
    result = run_cli("describe", seed, *options, "-o", str(tmp_path / "from-files.ttl"))
    assert result.returncode == ExitCode.OK, result.stderr
    assert "recommended propert(ies) not given" in result.stderr
    graph = Graph().parse(tmp_path / "from-files.ttl")
    assert violations(graph) == [] and (DATASET, VOID.dataDump, URIRef(f"{BASE}/dump/eprdf.nq")) in graph
    assert run_cli("load", seed, "--store", str(tmp_path / "store")).returncode == ExitCode.OK
    result = run_cli("describe", "--store", str(tmp_path / "store"), *options, "-o", str(tmp_path / "from-store.ttl"))
    assert result.returncode == ExitCode.OK, result.stderr
    assert (tmp_path / "from-store.ttl").read_bytes() == (tmp_path / "from-files.ttl").read_bytes()


@pytest.mark.cli
@pytest.mark.parametrize(("options", "message"), [
    (["--dump", "zip=dump.zip"], "dump zip: not an RDF syntax the description knows"),
    (["--dump", "nq"], "'nq' is not EXT=URL"),
    (["--base", "ftp://example.org"], "base: "),
])
def test_describe_refuses_what_it_cannot_describe_and_writes_nothing(tmp_path: Path, options: list[str],
                                                                      message: str) -> None:
    result = run_cli("describe", *options, "-o", str(tmp_path / "d.ttl"))
    assert result.returncode == ExitCode.USAGE and message in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_iris_that_spell_the_queries_placeholders_are_counted_as_any_other(tmp_path: Path) -> None:
    odd = tmp_path / "odd.ttl"
    odd.write_text(f"<{BASE}/GRAPHS> <http://www.w3.org/2004/02/skos/core#exactMatch> "
                   "<https://data.europarl.europa.eu/org/SPACE-GRAPHS-HIDDEN-OBJECTS> .\n", encoding="utf-8")
    assert described_counts(described(load([odd]))) == independent_counts(_union([odd]))


@pytest.mark.parametrize("extension", ["ttl", "nt", "jsonld"])
def test_the_description_reads_back_from_each_format_it_is_written_in(bundled: Store, tmp_path: Path,
                                                                        extension: str) -> None:
    graph = described(bundled)
    path = tmp_path / f"dataset.{extension}"
    path.write_bytes(serialize(graph, extension))
    assert isomorphic(read_graph((path,)), graph)
