"""``eprdf publish`` against real triple stores started by the tests: Oxigraph's server and
Virtuoso 7. Each graph the server holds afterwards is compared, triple for triple and literal for
literal (lexical form, datatype, language tag), with the files published."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import triplestores
from conftest import ROOT, run_cli
from realtexts import real_texts
from triplestores import Server

from converter.errors import ExitCode
from converter.link import link
from converter.rdf import build
from converter.rdf.export import serialize
from converter.readers import read_file
from converter.store.embedded import read_triples
from converter.store.remote import Graph, GraphStore, publication
from converter.vocab import DEFAULT_BASE, MANIFESTATIONS, ONTOLOGY_GRAPH, REGISTRY_BASE, REGISTRY_FILES

pytestmark = pytest.mark.cli

XSD = "http://www.w3.org/2001/XMLSchema#"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
EP_REGISTER = "https://data.europarl.europa.eu/def/epvoc#publicRegister"  # the EP view's register number
REALIZED_BY = ox.NamedNode("http://data.europa.eu/eli/ontology#is_realized_by")
BUNDLED_WORK = "https://w3id.org/eprdf/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"
EP_WORK = "https://data.europarl.europa.eu/eli/dl/doc/TA-10-2026-0056"  # what output/*.ep.ttl describes
ONTOLOGY_FILES = ("eprdf.ttl", "verbs.ttl", "verb-forms.ttl", "act-types.ttl", "act-type-forms.ttl")
ONTOLOGY_TITLE = ", ".join(f"ontology/{name}" for name in ONTOLOGY_FILES)  # how messages name the graph
BUNDLED = sorted((ROOT / "output").glob("*.ttl"))
# Real texts converted by the tests: one work in six languages, one in two, one in one; each
# language in one of the three formats convert writes.
TEXTS = {"nl_P9_TA-2019-0002": "ttl", "en_P9_TA-2019-0002": "nt", "da_P9_TA-2019-0002": "jsonld",
         "pl_P9_TA-2019-0002": "ttl", "fi_P9_TA-2019-0002": "nt", "sv_P9_TA-2019-0002": "ttl",
         "pt_P8_TA-2018-0008": "jsonld", "pl_P8_TA-2018-0008": "ttl", "fr_P7_TA-2014-0078": "nt"}
SERVERS = {"oxigraph": triplestores.oxigraph, "virtuoso": triplestores.virtuoso}


def _parse(path: Path) -> set[ox.Triple]:
    syntax = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD}
    # JSON-LD names its context by IRI; the store's reader puts the packaged context in its place
    return {ox.Triple(q.subject, q.predicate, q.object) for q in read_triples(path, syntax[path.suffix])}


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("converted")
    paths = []
    for text in real_texts():
        if text.id in TEXTS:
            document = read_file(text.path)
            path = folder / f"{text.id}.{TEXTS[text.id]}"
            path.write_bytes(serialize(build(document, link(document), DEFAULT_BASE, MANIFESTATIONS), TEXTS[text.id]))
            paths.append(path)
    assert len(paths) == len(TEXTS)
    return paths


@pytest.fixture(scope="module")
def expected(converted: list[Path]) -> dict[str, set[ox.Triple]]:
    """Each graph publishing the bundled output and the converted texts should leave, read from the
    files themselves: a work's graph holds every file whose expressions realize it."""
    graphs: dict[str, set[ox.Triple]] = {}
    for path in [*BUNDLED, *converted]:
        triples = _parse(path)
        (work,) = {t.subject.value for t in triples if t.predicate == REALIZED_BY}
        graphs.setdefault(work, set()).update(triples)
    graphs[ONTOLOGY_GRAPH] = set().union(*(_parse(ROOT / "ontology" / f) for f in ONTOLOGY_FILES))
    graphs[REGISTRY_BASE] = set().union(*(_parse(ROOT / "ontology" / f) for f in REGISTRY_FILES))
    return graphs


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with SERVERS[request.param](tmp_path_factory.mktemp(request.param)) as running:
        yield running


@pytest.fixture(scope="module")
def before(server: Server) -> set[str]:
    """The graphs the server holds of its own before anything is published (Virtuoso's system graphs)."""
    return server.graphs()


def _publish(server: Server, *files: Path | str, password: str | None = None) -> tuple[int, str]:
    credentials = ("--user", server.user, "--password-env", "EPRDF_TEST_PASSWORD") if server.user else ()
    result = run_cli("publish", *map(str, files), "--endpoint", server.store, *credentials,
                     env={"EPRDF_TEST_PASSWORD": password or server.password or ""})
    return result.returncode, result.stderr


def _difference(server: Server, name: str, want: set[ox.Triple]) -> str:
    got = server.graph(name)
    if got == want:
        return ""
    missing = sorted(map(str, want - got))[:10]
    extra = sorted(map(str, got - want))[:10]
    return (f"<{name}> on {server.name}: {len(want - got)} missing, e.g. {missing}; "
            f"{len(got - want)} extra, e.g. {extra}")


@pytest.fixture(scope="module")
def published(server: Server, before: set[str], converted: list[Path]) -> list[Path]:
    files = [*BUNDLED, *converted]
    code, stderr = _publish(server, *files)
    assert code == 0, stderr
    return files


def test_the_test_data_has_every_kind_of_literal_the_output_writes(expected: dict[str, set[ox.Triple]]) -> None:
    """So that the comparisons below show each kind survives."""
    literals = {t.object for graph in expected.values() for t in graph if isinstance(t.object, ox.Literal)}
    assert {XSD + kind for kind in ("integer", "date", "boolean", "string")} <= {lit.datatype.value for lit in literals}
    assert {"nl", "en", "da", "pl", "fi", "sv", "pt", "fr"} <= {lit.language for lit in literals}
    assert any(not lit.value.isascii() for lit in literals)
    assert BUNDLED_WORK in expected and EP_WORK in expected
    assert len(expected) == 2 + 2 + 3  # ontology, registry; the bundled work and the EP's view; three real works


def test_each_work_registry_and_ontology_are_in_their_graph_as_exported(
        server: Server, published: list[Path], before: set[str], expected: dict[str, set[ox.Triple]]) -> None:
    assert server.graphs() - before == set(expected)
    differences = [_difference(server, name, triples) for name, triples in expected.items()]
    assert [d for d in differences if d] == []


def test_publishing_again_leaves_the_same_triples(server: Server, published: list[Path],
                                                   expected: dict[str, set[ox.Triple]]) -> None:
    code, stderr = _publish(server, *reversed(published))
    assert code == 0, stderr
    counts = server.counts()
    assert {name: counts[name] for name in expected} == {name: len(t) for name, t in expected.items()}
    assert [d for d in (_difference(server, name, t) for name, t in expected.items()) if d] == []


def test_a_language_published_alone_replaces_its_works_graph(server: Server, published: list[Path],
                                                             expected: dict[str, set[ox.Triple]]) -> None:
    """A work's graph is what the command is given of it: languages published before and not given
    again are gone."""
    dutch = next(p for p in published if p.name == "nl_P9_TA-2019-0002.ttl")
    (work,) = {t.subject.value for t in _parse(dutch) if t.predicate == REALIZED_BY}
    code, stderr = _publish(server, dutch)
    assert code == 0, stderr
    assert _difference(server, work, _parse(dutch)) == ""
    assert server.count(work) < len(expected[work])
    languages = [p for p in published if p.stem.endswith("P9_TA-2019-0002")]
    code, stderr = _publish(server, *languages)
    assert code == 0, stderr
    assert _difference(server, work, expected[work]) == ""


@pytest.mark.parametrize("bad", ["akn.xml", "text.ttl", "ontology.ttl"])
def test_a_file_that_is_not_a_converted_graph_stops_publish_before_any_request(
        server: Server, published: list[Path], tmp_path: Path, bad: str) -> None:
    path = tmp_path / bad
    if bad == "akn.xml":
        path.write_bytes(next((ROOT / "output").glob("*.akn.xml")).read_bytes())
    elif bad == "text.ttl":
        path.write_text("Texts adopted\nEuropean Parliament resolution\n", encoding="utf-8")
    else:  # Turtle, but no document's graph
        path.write_bytes((ROOT / "ontology" / "eprdf.ttl").read_bytes())
    marker = _mark_ontology_graph(server)  # while the graph holds it, nothing was put
    code, stderr = _publish(server, *published, path)
    assert code == ExitCode.UNREADABLE
    assert stderr.startswith(f"error: {path}: ") and "published" not in stderr
    assert server.graph(ONTOLOGY_GRAPH) == {marker}
    _restore_ontology_graph(server)


def test_a_server_that_refuses_the_data_is_quoted(server: Server, published: list[Path]) -> None:
    if server.name == "oxigraph":  # a path that is not its Graph Store endpoint
        endpoint, status, said = server.store.replace("/store", "/nothing"), "HTTP 404 Not Found", \
            "PUT /nothing is not supported by this server"
    else:  # Virtuoso's endpoint without authentication, where the anonymous user may not write
        endpoint, status, said = server.store.replace("-auth", ""), "HTTP 403 Forbidden", \
            "SQ110:SECURITY: Permission denied for delete from DB.DBA.RDF_QUAD"
    counts = server.counts()
    result = run_cli("publish", *map(str, published), "--endpoint", endpoint)
    assert result.returncode == ExitCode.REMOTE
    assert f"error: {endpoint} (graph <{ONTOLOGY_GRAPH}>): the server " in result.stderr
    assert f"the graph of {ONTOLOGY_TITLE} ({status})" in result.stderr
    assert said in result.stderr
    assert server.counts() == counts


@pytest.fixture
def gated(server: Server, tmp_path: Path) -> Iterator[Server]:
    """The server behind authentication: Virtuoso behind its own (HTTP Digest), Oxigraph's server,
    which has none, behind nginx asking for HTTP Basic."""
    if server.user is not None:
        yield server
    else:
        with triplestores.basic_auth_proxy(tmp_path, server) as proxy:
            yield proxy


def _mark_ontology_graph(server: Server) -> ox.Triple:
    """Put one triple in place of the ontology's graph, the first that publish puts."""
    marker = ox.Triple(ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode("urn:x-test:marker"), ox.Literal("marker"))
    with GraphStore(server.store, server.user, server.password) as store:
        store.put(Graph(ONTOLOGY_GRAPH, (), "marker", f"{marker} .\n".encode(), 1))
    return marker


def _restore_ontology_graph(server: Server) -> None:
    ontology = next(publication([]))
    assert ontology.name == ONTOLOGY_GRAPH
    with GraphStore(server.store, server.user, server.password) as store:
        store.put(ontology)


def test_credentials_are_sent_as_the_server_asks(gated: Server, published: list[Path],
                                                 expected: dict[str, set[ox.Triple]]) -> None:
    _mark_ontology_graph(gated)
    code, stderr = _publish(gated, *published)
    assert code == 0, stderr
    assert [d for d in (_difference(gated, name, t) for name, t in expected.items()) if d] == []


def test_a_wrong_password_or_none_is_refused(gated: Server, published: list[Path]) -> None:
    marker = _mark_ontology_graph(gated)
    counts = gated.counts()
    code, stderr = _publish(gated, *published, password="not-the-password")
    assert code == ExitCode.REMOTE
    assert stderr.strip() == (f"error: {gated.store}: the server refused the credentials of user {gated.user!r} "
                              "(HTTP 401 Unauthorized); expected the user's right password")
    result = run_cli("publish", *map(str, published), "--endpoint", gated.store)
    assert result.returncode == ExitCode.REMOTE
    assert result.stderr.strip() == (f"error: {gated.store}: the server asks for credentials "
                                     "(HTTP 401 Unauthorized); expected --user and --password-env")
    assert gated.counts() == counts and gated.graph(ONTOLOGY_GRAPH) == {marker}
    _restore_ontology_graph(gated)


def _literal(value: str, kind: str | None = None, language: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=language) if language else ox.Literal(value, datatype=ox.NamedNode(XSD + kind))


# Literal forms the converter never writes, as each server gives them back (None: kept as sent).
FORMS = {  # sent: (Oxigraph, Virtuoso)
    _literal("007", "integer"): (_literal("7", "integer"), _literal("7", "integer")),
    _literal("1.50", "decimal"): (_literal("1.5", "decimal"), _literal("1.5", "decimal")),
    _literal("1", "boolean"): (_literal("true", "boolean"), _literal("true", "boolean")),
    _literal("1.0E0", "double"): (_literal("1", "double"), _literal("1.0", "double")),
    _literal("colour", language="en-GB"): (_literal("colour", language="en-gb"),) * 2,
    _literal("2026-02-24+01:00", "date"): (None, None),
    _literal("emoji \U0001f600", "string"): (None, None),
    _literal("", "string"): (None, None),
}


def test_what_each_server_does_to_literal_forms_the_output_never_writes(
        server: Server, expected: dict[str, set[ox.Triple]]) -> None:
    """Both servers write numbers, booleans and language tags in their canonical form; Virtuoso
    also keeps only one of the literals of a subject and property that are equal as numbers."""
    column = 0 if server.name == "oxigraph" else 1
    p = ox.NamedNode("urn:x-test:p")
    sent = [ox.Triple(ox.NamedNode(f"urn:x-test:s{i}"), p, literal) for i, literal in enumerate(FORMS)]
    equal = [ox.Triple(ox.NamedNode("urn:x-test:equal"), p, literal)
             for literal in (_literal("1", "integer"), _literal("1.0E0", "double"))]
    body = "".join(f"{t} .\n" for t in [*sent, *equal]).encode()
    with GraphStore(server.store, server.user, server.password) as store:
        store.put(Graph("urn:x-test:forms", (), "forms", body, len(sent) + len(equal)))
    back = server.graph("urn:x-test:forms")
    assert {t for t in back if t.subject.value != "urn:x-test:equal"} == {
        ox.Triple(t.subject, p, FORMS[t.object][column] or t.object) for t in sent}
    kept = {t.object for t in back if t.subject.value == "urn:x-test:equal"}
    if server.name == "oxigraph":
        assert kept == {_literal("1", "integer"), _literal("1", "double")}
    else:  # one of the two, whichever it is
        assert len(kept) == 1 and kept <= {_literal("1", "integer"), _literal("1.0", "double")}
    # the converter writes none of these forms, so every literal it writes comes back as written
    literals = {t.object for graph in expected.values() for t in graph if isinstance(t.object, ox.Literal)}
    kinds = {XSD + k for k in ("string", "integer", "date", "boolean")} | {LANG_STRING, EP_REGISTER}
    assert {lit.datatype.value for lit in literals} <= kinds
    assert all(lit.value == str(int(lit.value)) for lit in literals if lit.datatype.value == XSD + "integer")
    assert all(lit.value in ("true", "false") for lit in literals if lit.datatype.value == XSD + "boolean")
    assert all(lit.language == lit.language.lower() for lit in literals if lit.language)


def test_an_endpoint_where_no_server_listens_is_reported() -> None:
    endpoint = f"http://127.0.0.1:{triplestores.free_port()}/store"
    result = run_cli("publish", *map(str, BUNDLED), "--endpoint", endpoint)
    assert result.returncode == ExitCode.REMOTE
    assert result.stderr.startswith(f"error: {endpoint}: no server could be reached: ")
    assert result.stderr.rstrip().endswith(
        "; expected a running SPARQL 1.1 Graph Store Protocol endpoint at this address")


@pytest.mark.parametrize(("options", "env", "said"), [
    (("--endpoint", "ftp://127.0.0.1/store"), {}, "error: --endpoint: not an HTTP URL"),
    (("--endpoint", "http://dba:secret@127.0.0.1:1/store"), {}, "error: --endpoint: credentials in the URL"),
    (("--endpoint", "http://127.0.0.1:1/store", "--user", "dba"), {}, "error: --user: a user needs a password"),
    (("--endpoint", "http://127.0.0.1:1/store", "--password-env", "X"), {"X": "x"},
     "error: --password-env: a password needs a user"),
    (("--endpoint", "http://127.0.0.1:1/store", "--user", "dba", "--password-env", "EPRDF_UNSET"), {},
     "error: --password-env: the environment variable EPRDF_UNSET is not set"),
])
def test_options_that_cannot_work_are_usage_errors(options: tuple[str, ...], env: dict[str, str], said: str) -> None:
    result = run_cli("publish", *map(str, BUNDLED), *options, env=env)
    assert result.returncode == ExitCode.USAGE
    assert result.stderr.startswith(said)


def test_a_moved_endpoint_is_reported_with_the_address_it_gives(server: Server, published: list[Path],
                                                                tmp_path: Path) -> None:
    with triplestores.basic_auth_proxy(tmp_path, server) as proxy:
        endpoint = proxy.store.rsplit("/", 1)[0] + "/moved"
        result = run_cli("publish", *map(str, published), "--endpoint", endpoint)
    assert result.returncode == ExitCode.REMOTE
    assert "(HTTP 308 Permanent Redirect)" in result.stderr
    address = f"{proxy.store.rsplit('/', 1)[0]}/store?graph=https%3A%2F%2Fw3id.org%2Feprdf%2Fontology"
    assert result.stderr.rstrip().endswith(f"; expected the endpoint's address, which it gives as {address}")


@pytest.mark.parametrize("server", ["virtuoso"], indirect=True)
def test_a_virtuoso_user_publishes_with_the_sparql_update_role_and_not_without(
        server: Server, published: list[Path], expected: dict[str, set[ox.Triple]]) -> None:
    server.sql("DB.DBA.USER_CREATE('publisher', 'publisher secret'); GRANT SPARQL_UPDATE TO \"publisher\"; "
               "DB.DBA.USER_CREATE('reader', 'reader secret');")
    reader = server.as_user("reader", "reader secret")
    code, stderr = _publish(reader, *published)
    assert code == ExitCode.REMOTE
    assert (f"error: {server.store} (graph <{ONTOLOGY_GRAPH}>): the server forbids writing the graph of "
            f"{ONTOLOGY_TITLE} (HTTP 403 Forbidden): ") in stderr
    assert "SQ110:SECURITY: Permission denied for delete from DB.DBA.RDF_QUAD" in stderr
    publisher = server.as_user("publisher", "publisher secret")
    _mark_ontology_graph(publisher)
    code, stderr = _publish(publisher, *published)
    assert code == 0, stderr
    assert [d for d in (_difference(server, name, t) for name, t in expected.items()) if d] == []
