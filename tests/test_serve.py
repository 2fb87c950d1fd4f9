"""The web server, through the ASGI test client: content negotiation for every kind of IRI, every
representation read back by rdflib and pyld and compared with the exported files and the shapes,
the HTML pages against the Akoma Ntoso text, the SPARQL endpoint and the refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli
from html_checker import nu_messages
from lxml import etree
from lxml import html as lxml_html
from pyld import jsonld
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import DCTERMS, SKOS
from realtexts import FOLDERS
from servers import free_port
from starlette.testclient import TestClient

from converter.checks.shacl import validate
from converter.jsonld_context import resolved
from converter.pipeline import BUNDLED, convert_file
from converter.readers import Given
from converter.resources import path as resource_path
from converter.store.embedded import VOCABULARIES
from converter.vocab import ELI, EPR
from converter.web.app import create_app
from converter.web.corpus import Corpus
from converter.web.describe import part_of
from converter.web.sparql import Limits

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"
BASE = "https://w3id.org/eprdf"
WORK = "/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"
EXPRESSION = f"{WORK}/nld@"
ELECTION = "/akn/eu/statement/decision/europarl/2019-07-16/P9-TA-2019-0002"
AKN_NS = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
LIMITS = Limits(seconds=3.0, rows=200, memory_mb=2048)

# One IRI of each kind the graph declares under the base.
RESOURCES = [
    WORK, EXPRESSION, f"{WORK}/!main~para_1", f"{EXPRESSION}/!main~para_1", f"{EXPRESSION}/!main~recs__rec_D",
    f"{EXPRESSION}/!main~para_12__authorialNote_1", f"{EXPRESSION}/!main~para_1/clause/1",
    f"{EXPRESSION}/!main~para_1/mention/99-107", "/actor/country/RUS", "/actor/wagner-group", "/actor/",
    "/verb/urges", "/reference/un-charter", "/sitting/europarl/2026-02-24", "/term/europarl/10",
]


@pytest.fixture(scope="module")
def election(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One work in three languages, from real texts (the EP's own pages in nl, da and pl)."""
    folder = tmp_path_factory.mktemp("election")
    for name in ("nl_P9_TA-2019-0002.txt", "da_P9_TA-2019-0002.txt", "pl_P9_TA-2019-0002.txt"):
        source = next(f / name for f in FOLDERS if (f / name).exists())
        convert_file(source, folder, given=Given())
    return folder


@pytest.fixture(scope="module")
def client(election: Path) -> TestClient:
    return TestClient(create_app(Corpus.open([OUTPUT, election]), LIMITS))


@pytest.fixture(scope="module")
def published(election: Path) -> Graph:
    """Everything the server publishes, read independently: the exported Turtle files and the
    vocabulary files the store loads."""
    graph = Graph()
    for file in [*OUTPUT.glob("*.ttl"), *election.glob("*.ttl")]:
        if not file.name.endswith(".ep.ttl"):
            graph.parse(file, format="turtle")
    for _, names in VOCABULARIES:
        for name in names:
            graph.parse(resource_path("ontology", name), format="turtle")
    return graph


def follow(client: TestClient, path: str, accept: str) -> tuple[str, bytes, str]:
    """The representation ``accept`` leads to from an abstract resource: (location, body, type)."""
    first = client.get(path, headers={"Accept": accept}, follow_redirects=False)
    assert first.status_code == 303, (path, accept, first.status_code, first.text)
    assert first.headers["vary"] == "Accept"
    second = client.get(first.headers["location"])
    assert second.status_code == 200, (first.headers["location"], second.text[:200])
    return first.headers["location"], second.content, second.headers["content-type"]


# -- content negotiation ------------------------------------------------------------------------------

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
ACCEPT_MATRIX = [
    ("text/turtle", "ttl"), ("application/ld+json", "jsonld"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "rdf"), ("text/html", "html"), (BROWSER, "html"), ("*/*", "html"),
    ("application/json", "jsonld"), ("text/turtle;q=0.5, application/ld+json;q=0.9", "jsonld"),
    ("text/*;q=0.3, application/n-triples", "nt"), ("text/plain", "nt"), ("application/x-turtle", "ttl"),
]


@pytest.mark.parametrize("path", RESOURCES)
@pytest.mark.parametrize(("accept", "extension"), ACCEPT_MATRIX)
def test_each_resource_answers_303_to_the_representation_the_client_prefers(
        client: TestClient, path: str, accept: str, extension: str) -> None:
    response = client.get(path, headers={"Accept": accept}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"{path}.{extension}"
    assert response.headers["vary"] == "Accept"
    links = re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', response.headers["link"])
    assert {href for href, _ in links} >= {f"{path}.{e}" for e in ("html", "ttl", "jsonld", "nt", "rdf")}


def test_an_expression_also_offers_its_akoma_ntoso_file(client: TestClient) -> None:
    location, body, media = follow(client, EXPRESSION, "application/akn+xml")
    assert location == f"{EXPRESSION}.akn" and media == "application/akn+xml"
    assert body == (OUTPUT / "000_50d7cb4445c31f01.akn.xml").read_bytes()


@pytest.mark.parametrize("extension", ["ttl", "jsonld", "nt"])
def test_an_expressions_manifestations_are_the_exported_files_byte_for_byte(client: TestClient, extension: str) -> None:
    response = client.get(f"{EXPRESSION}.{extension}")
    assert response.status_code == 200
    assert response.content == (OUTPUT / f"000_50d7cb4445c31f01.{extension}").read_bytes()


@pytest.mark.parametrize("path", [WORK, "/actor/country/RUS", f"{EXPRESSION}/!main~para_1"])
def test_format_parameter_chooses_as_an_extension_does(client: TestClient, path: str) -> None:
    for extension in ("ttl", "jsonld", "nt", "rdf", "html"):
        response = client.get(path, params={"format": extension}, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == f"{path}.{extension}"


def test_nothing_acceptable_is_406_with_the_alternatives(client: TestClient) -> None:
    response = client.get("/actor/country/RUS", headers={"Accept": "image/png"}, follow_redirects=False)
    assert response.status_code == 406
    assert "text/turtle" in response.text and "alternate" in response.headers["link"]
    assert client.get("/actor/country/RUS", params={"format": "docx"}, follow_redirects=False).status_code == 406
    assert client.get("/actor/country/RUS.akn").status_code == 406  # only expressions have Akoma Ntoso files
    assert client.get("/actor/country/RUS", headers={"Accept": "text/turtle;q=0, */*;q=0.1"},
                      follow_redirects=False).headers["location"].endswith(".html")


def test_an_iri_nobody_minted_is_404(client: TestClient) -> None:
    for path in ("/actor/country/XXX", f"{WORK}/!main~para_999", "/akn/nothing", "/nothing.ttl"):
        assert client.get(path, follow_redirects=False).status_code == 404, path


# -- what a representation holds --------------------------------------------------------------------

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "rdf": "xml", "jsonld": "json-ld"}


def _context_loader(url: str, options: dict | None = None) -> dict:
    if url == f"{BASE}/context.jsonld":
        return {"contextUrl": None, "documentUrl": url, "contentType": "application/ld+json",
                "document": json.loads(resource_path("ontology", "context.jsonld").read_text(encoding="utf-8"))}
    raise AssertionError(f"a representation refers to a remote document: {url}")


def _read(body: bytes, extension: str) -> Graph:
    """The triples of a representation; rdflib reads JSON-LD with the published context put in
    place of its IRI (it cannot be told where to find it)."""
    data = resolved(body, "response") if extension == "jsonld" else body
    graph = Graph().parse(data=data, format=RDF_FORMATS[extension])
    if extension == "jsonld":  # a second, independent JSON-LD processor must read the same triples
        quads = jsonld.to_rdf(json.loads(body), {"format": "application/n-quads", "documentLoader": _context_loader})
        assert to_isomorphic(Graph().parse(data=quads, format="nt")) == to_isomorphic(graph)
    return graph


@pytest.mark.parametrize("path", RESOURCES)
@pytest.mark.parametrize("extension", ["ttl", "nt", "rdf", "jsonld"])
def test_every_representation_says_what_the_exported_files_say_of_the_resource_and_its_parts(
        client: TestClient, published: Graph, path: str, extension: str) -> None:
    iri = BASE + path
    response = client.get(f"{path}.{extension}")
    assert response.status_code == 200
    graph = _read(response.content, extension)
    described = {s for s in graph.subjects() if str(s) == iri or part_of(str(s), iri)}
    assert URIRef(iri) in described
    for subject in described:  # each described resource whole, as exported
        assert set(graph.triples((subject, None, None))) == set(published.triples((subject, None, None))), subject
    for triple in graph:  # and nothing the exported files do not say
        assert triple in published, triple


@pytest.mark.parametrize("path", [EXPRESSION, f"{EXPRESSION}/!main~para_16", "/actor/country/RUS"])
def test_a_representation_takes_in_every_part_named_under_the_resource(
        client: TestClient, published: Graph, path: str) -> None:
    iri = BASE + path
    graph = _read(client.get(f"{path}.ttl").content, "ttl")
    parts = {s for s in published.subjects() if part_of(str(s), iri)}
    assert parts <= set(graph.subjects())


@pytest.mark.parametrize("path", RESOURCES)
def test_every_representation_conforms_to_the_shapes_for_what_it_describes(client: TestClient, path: str) -> None:
    """Linked resources come with their types and labels only; the shapes are checked for them at
    their own IRIs."""
    iri = BASE + path
    graph = _read(client.get(f"{path}.ttl").content, "ttl")
    report = validate(graph)
    focus = [f.focus.strip("<>") for f in report.findings if f.focus]
    wrong = [f for f in focus if f == iri or part_of(f, iri)]
    assert wrong == []


# What says what a linked resource is and what it is called.
NAMING = {RDF.type, RDFS.label, SKOS.prefLabel, DCTERMS.title, ELI.title, ELI.title_short, EPR.num,
          EPR.registerNumber, EPR.languageCode}


@pytest.mark.parametrize("path", [f"{EXPRESSION}/!main~para_1", "/actor/country/RUS", "/verb/urges"])
def test_a_representation_names_each_resource_it_links_to_as_the_published_files_do(
        client: TestClient, published: Graph, path: str) -> None:
    """An actor or a verb has its types and labels in the graph of every document that names it;
    a representation gives each of them, none left out."""
    iri = BASE + path

    def described(node: object) -> bool:
        return str(node) == iri or part_of(str(node), iri)

    graph = _read(client.get(f"{path}.ttl").content, "ttl")
    linked = {o for s, _, o in graph if described(s) and isinstance(o, URIRef) and not described(o)} | \
             {s for s, _, o in graph if described(o) and not described(s)}
    assert len(linked) > 5
    for node in linked:
        naming = {(node, p, o) for p, o in published.predicate_objects(node) if p in NAMING}
        assert naming <= set(graph.triples((node, None, None))), node


def test_an_actors_representation_lists_the_units_that_mention_it_across_the_corpus(
        client: TestClient, published: Graph) -> None:
    actor = URIRef(f"{BASE}/actor/country/RUS")
    graph = _read(client.get("/actor/country/RUS.ttl").content, "ttl")
    mentioning = set(published.subjects(EPR.mentions, actor))
    assert mentioning and mentioning == set(graph.subjects(EPR.mentions, actor))


# -- pages for people -------------------------------------------------------------------------------

def _page(client: TestClient, path: str, **headers: str) -> lxml_html.HtmlElement:
    response = client.get(path, headers=headers)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = lxml_html.fromstring(response.content)
    assert page.get("lang") == "en"
    assert len(page.findall(".//h1")) == 1 and page.find(".//main") is not None
    assert not page.xpath("//script") and not page.xpath("//link[@rel='stylesheet']")
    assert not [u for u in page.xpath("//@src") if "://" in u]
    return page


def _text(element: etree._Element) -> str:
    """The text a reader sees in an element, footnote markers left out."""
    copy = lxml_html.fromstring(lxml_html.tostring(element))
    for marker in copy.xpath(".//sup[@class='note']"):
        marker.drop_tree()
    return " ".join("".join(copy.itertext()).split())


def test_the_document_page_has_the_text_of_every_unit_as_the_akoma_ntoso_file_has_it(client: TestClient) -> None:
    page = _page(client, f"{EXPRESSION}.html")
    akn = etree.parse(str(OUTPUT / "000_50d7cb4445c31f01.akn.xml"))
    article = page.find(".//article")
    assert article.get("lang") == "nl"
    units = akn.xpath("//a:citation|//a:recital|//a:paragraph", namespaces={"a": AKN_NS[1:-1]})
    assert len(units) == 29 + 10 + 2
    for unit in units:
        shown = page.get_element_by_id(unit.get("eId"))
        for p in unit.iter(f"{AKN_NS}p"):
            if p.getparent().tag == f"{AKN_NS}authorialNote":
                continue
            own = " ".join("".join(t for t in _own_text(p)).split())
            assert own in _text(shown), (unit.get("eId"), own[:80])


def _own_text(element: etree._Element) -> list[str]:
    """The text of an element without its footnotes (the page has them in a list)."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != f"{AKN_NS}authorialNote":
            parts += _own_text(child)
        parts.append(child.tail or "")
    return parts


def test_the_document_pages_links_lead_to_actors_acts_units_and_footnotes(client: TestClient) -> None:
    page = _page(client, f"{EXPRESSION}.html")
    wagner = page.xpath("//a[contains(@class,'mention')][.='Wagnergroep']")
    assert wagner and wagner[0].get("href") == "/actor/wagner-group"
    assert client.get("/actor/wagner-group", headers={"Accept": "text/html"}).status_code == 200
    act = page.xpath("//a[@class='act'][.='Verordening (EU) 2026/261']")
    assert act and act[0].get("href") == "http://data.europa.eu/eli/reg/2026/261/oj"
    markers = page.xpath("//sup[@class='note']/a")
    assert [m.text for m in markers] == ["1", "2", "3", "4", "5"]
    for marker in markers:
        note = page.get_element_by_id(marker.get("href")[1:])
        assert note.tag == "li" and note.xpath(".//a[@class='back']")[0].get("href") == f"#{marker.get('id')}"
    unit = page.get_element_by_id("para_16").find("a")
    assert unit.get("href") == f"{EXPRESSION}/!main~para_16"
    assert "Verordening (EU) 2026/261" in _text(_page(client, unit.get("href") + ".html"))


def test_the_language_switch_and_accept_language(client: TestClient) -> None:
    page = _page(client, f"{ELECTION}/dan@.html")
    assert page.find(".//article").get("lang") == "da"
    switch = {a.get("hreflang"): a.get("href") for a in page.xpath("//nav[@class='languages']//a")}
    assert switch == {"nl": f"{ELECTION}/nld@.html", "pl": f"{ELECTION}/pol@.html"}
    chosen = _page(client, f"{ELECTION}.html", **{"Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5"})
    assert chosen.find(".//article").get("lang") == "pl"
    fallback = _page(client, f"{ELECTION}.html", **{"Accept-Language": "fi"})
    assert fallback.find(".//article").get("lang") in {"da", "nl", "pl"}


def test_the_actor_page_lists_the_units_that_mention_it_and_the_clauses_that_address_it(
        client: TestClient, published: Graph) -> None:
    page = _page(client, "/actor/european-commission.html")
    actor = URIRef(f"{BASE}/actor/european-commission")
    sections = {s.find("h2").text: s for s in page.xpath("//section[h2]")}
    mentioning = {a.get("href") for a in sections["Units that mention it"].xpath(".//a")}
    assert mentioning == {str(s)[len(BASE):] for s in published.subjects(EPR.mentions, actor)}
    addressing = {a.get("href") for a in sections["Clauses that address it"].xpath(".//a")}
    assert addressing == {str(s)[len(BASE):] for s in published.subjects(EPR.addresses, actor)}


def test_the_act_page_lists_who_cites_the_act(client: TestClient, published: Graph) -> None:
    act = "http://data.europa.eu/eli/reg/2026/261/oj"
    page = _page(client, f"/about?iri={act}")
    citing = {a.get("href") for a in page.xpath("//section[h2='Units that cite it']//a")}
    assert citing == {str(s)[len(BASE):] for s in published.subjects(EPR.cites, URIRef(act))}
    assert len(citing) == 2


def test_search_finds_the_units_whose_text_has_the_words(client: TestClient, published: Graph) -> None:
    page = _page(client, "/search?q=wagnergroep")
    found = {a.get("href") for a in page.xpath("//main//ol/li/a")}
    expected = {str(s)[len(BASE):] for s, o in published.subject_objects(EPR.text) if "wagnergroep" in str(o).lower()}
    assert expected and found == expected


def test_the_home_page_lists_every_document_and_language(client: TestClient) -> None:
    page = _page(client, "/")
    links = {a.get("href") for a in page.xpath("//table//a")}
    assert {WORK, ELECTION, f"{EXPRESSION}.html", f"{ELECTION}/dan@.html", f"{ELECTION}/pol@.html"} <= links


def test_the_questions_page_offers_every_named_question_and_answers_one(client: TestClient) -> None:
    page = _page(client, "/questions")
    names = {h.get("id") for h in page.xpath("//section/h2[@id]")}
    assert names >= {"q-actors-ranked", "q-units-mentioning"}
    answer = _page(client, "/questions/units-mentioning?actor=Wagner Group")
    assert len(answer.xpath("//tbody/tr")) == len(
        {str(s) for s in _read(client.get("/actor/wagner-group.ttl").content, "ttl").subjects(
            EPR.mentions, URIRef(f"{BASE}/actor/wagner-group"))})


# -- SPARQL -----------------------------------------------------------------------------------------

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/eprdf/ontology#Paragraph> }"


def test_sparql_get_post_and_formats(client: TestClient, published: Graph) -> None:
    expected = len(set(published.subjects(RDF.type, EPR.Paragraph)))
    by_get = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "application/sparql-results+json"})
    assert by_get.status_code == 200
    assert int(by_get.json()["results"]["bindings"][0]["n"]["value"]) == expected
    by_form = client.post("/sparql", data={"query": COUNT}, headers={"Accept": "application/sparql-results+xml"})
    assert by_form.headers["content-type"].startswith("application/sparql-results+xml")
    assert f">{expected}<" in by_form.text
    direct = client.post("/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query",
                                                            "Accept": "text/csv"})
    assert direct.text.splitlines() == ["n", str(expected)]
    ask = client.get("/sparql", params={"query": "ASK { ?s a <https://w3id.org/eprdf/ontology#Paragraph> }"},
                     headers={"Accept": "application/sparql-results+json"})
    assert ask.json()["boolean"] is True
    construct = client.get("/sparql", params={"query": "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t ; "
                                                       "<https://w3id.org/eprdf/ontology#num> \"1.\" }"},
                           headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=construct.text, format="turtle")
    assert len(graph) > 0 and all(t in published for t in graph)
    assert client.get("/sparql", params={"query": COUNT}, headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("request_kind", ["get-update", "post-update-form", "post-update-body", "update-as-query"])
def test_sparql_updates_are_refused_with_403(client: TestClient, request_kind: str) -> None:
    update = "PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }"
    if request_kind == "get-update":
        response = client.get("/sparql", params={"update": update})
    elif request_kind == "post-update-form":
        response = client.post("/sparql", data={"update": update})
    elif request_kind == "post-update-body":
        response = client.post("/sparql", content=update, headers={"Content-Type": "application/sparql-update"})
    else:
        response = client.post("/sparql", data={"query": "# an update\n" + update})
    assert response.status_code == 403
    still = client.get("/sparql", params={"query": "ASK { <http://example.org/a> ?p ?o }"},
                       headers={"Accept": "application/sparql-results+json"})
    assert still.json()["boolean"] is False


def test_a_query_that_overruns_its_time_is_killed(client: TestClient) -> None:
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    response = client.get("/sparql", params={"query": cross}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 503 and "stopped after 3 s" in response.text


def test_an_answer_with_too_many_rows_is_refused(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert response.status_code == 503 and "more than 200 rows" in response.text


def test_a_syntax_error_is_400_and_says_where(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p }"})
    assert response.status_code == 400 and "syntax" in response.text.lower()


def test_a_service_clause_is_refused(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": query}).status_code == 400


# -- refusals ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "POST", "OPTIONS", "TRACE"])
def test_methods_other_than_get_and_head_are_405(client: TestClient, method: str) -> None:
    response = client.request(method, "/actor/country/RUS")
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
    assert client.request("PUT", "/sparql").headers["allow"] == "GET, HEAD, POST"


def test_head_answers_as_get_without_a_body(client: TestClient) -> None:
    response = client.head("/actor/country/RUS.ttl")
    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize("raw", [b"/akn/../etc/passwd", b"/akn/%2e%2e/x", b"/actor/./country/RUS", b"/%2E/x",
                                 b"/akn/.%2e/x", b"/..", b"/actor/%2e"])
def test_dot_segments_are_400_however_they_are_written(client: TestClient, raw: bytes) -> None:
    scope = {"type": "http", "method": "GET", "path": raw.decode(), "raw_path": raw, "query_string": b"",
             "headers": [], "http_version": "1.1", "scheme": "http", "server": ("t", 80), "client": ("c", 1),
             "root_path": ""}
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    import asyncio

    asyncio.run(client.app(scope, receive, send))
    assert sent[0]["status"] == 400


def test_oversized_requests_are_refused(client: TestClient) -> None:
    assert client.get("/search", params={"q": "x" * 10_000}).status_code == 414
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300_000
    assert client.post("/sparql", content=big, headers={"Content-Type": "application/sparql-query"}).status_code == 413


def test_the_shipped_documents_and_the_context(client: TestClient) -> None:
    _, body, _ = follow(client, "/ontology", "text/turtle")
    assert body == resource_path("ontology", "eprdf.ttl").read_bytes()
    assert (URIRef(f"{BASE}/ontology"), None, None) in Graph().parse(data=body, format="turtle")
    _, shapes, _ = follow(client, "/shapes", "text/turtle")
    assert shapes == resource_path("shapes", "eprdf.shapes.ttl").read_bytes()
    context = client.get("/context.jsonld")
    assert context.headers["content-type"] == "application/ld+json"
    assert context.json() == json.loads(resource_path("ontology", "context.jsonld").read_text(encoding="utf-8"))


def test_a_literal_survives_every_format(client: TestClient, published: Graph) -> None:
    unit = URIRef(f"{BASE}{EXPRESSION}/!main~para_1")
    text = published.value(unit, EPR.text)
    assert isinstance(text, Literal) and text.language == "nl"
    for extension in ("ttl", "nt", "rdf", "jsonld"):
        graph = _read(client.get(f"{EXPRESSION}/!main~para_1.{extension}").content, extension)
        assert graph.value(unit, EPR.text) == text, extension


def test_bundled_document_is_the_one_served() -> None:
    assert (OUTPUT / "000_50d7cb4445c31f01.ttl").exists() and BUNDLED.exists()


# -- the command ------------------------------------------------------------------------------------

def _context_from(client: TestClient) -> object:
    """A pyld document loader that fetches the context from the server, as a client on the web does."""
    def load(url: str, options: dict | None = None) -> dict:
        assert url == f"{BASE}/context.jsonld", url
        response = client.get(url[len(BASE):])
        assert response.status_code == 200 and response.headers["content-type"] == "application/ld+json"
        return {"contextUrl": None, "documentUrl": url, "contentType": "application/ld+json",
                "document": response.json()}
    return load


def test_the_context_the_server_publishes_expands_its_json_ld_to_the_exported_triples(
        client: TestClient, published: Graph) -> None:
    body = client.get(f"{EXPRESSION}/!main~para_16.jsonld").content
    quads = jsonld.to_rdf(json.loads(body), {"format": "application/n-quads", "documentLoader": _context_from(client)})
    graph = Graph().parse(data=quads, format="nt")
    assert len(graph) > 20 and all(t in published for t in graph)


@pytest.mark.cli
def test_the_serve_command_answers_over_http_and_refuses_raw_dot_segments(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys
    import time

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "converter", "serve", str(OUTPUT), "--bind", f"127.0.0.1:{port}"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                    connection.sendall(b"GET /actor/country/RUS HTTP/1.1\r\nHost: x\r\nAccept: text/turtle\r\n"
                                       b"Connection: close\r\n\r\n")
                    answer = connection.recv(4096).decode()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read().decode()
                time.sleep(0.2)
        assert answer.startswith("HTTP/1.1 303") and "\r\nlocation: /actor/country/RUS.ttl\r\n" in answer
        for raw in (b"/akn/../output/000_50d7cb4445c31f01.ttl", b"/akn/%2E%2E/x", b"/./actor/country/RUS"):
            with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
                connection.sendall(b"GET " + raw + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                assert connection.recv(4096).startswith(b"HTTP/1.1 400"), raw
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.cli
@pytest.mark.parametrize(("args", "code", "says"), [
    (["--bind", "nonsense"], 2, "--bind"),
    (["no-such-folder"], 3, "no-such-folder"),
])
def test_the_serve_command_refuses_bad_arguments(tmp_path: Path, args: list[str], code: int, says: str) -> None:
    result = run_cli("serve", *args, cwd=tmp_path)
    assert result.returncode == code and says in result.stderr and "Traceback" not in result.stderr


@pytest.mark.cli  # the checker's command line in a Java subprocess
def test_the_w3c_nu_html_checker_finds_nothing_on_the_pages(client: TestClient, tmp_path: Path) -> None:
    paths = {"home": "/", "document": f"{EXPRESSION}.html", "work": f"{ELECTION}.html",
             "unit": f"{EXPRESSION}/!main~para_16.html", "actor": "/actor/country/RUS.html",
             "act": "/about?iri=http://data.europa.eu/eli/reg/2026/261/oj", "search": "/search?q=Oekraïne",
             "questions": "/questions", "answer": "/questions/actors-ranked", "sparql": "/sparql",
             "ontology": "/ontology.html", "shapes": "/shapes.html", "scheme": "/actor/.html"}
    pages = {name: client.get(path, headers={"Accept": "text/html"}).text for name, path in paths.items()}
    messages = nu_messages(pages, tmp_path)
    assert messages == [], messages[:10]


def test_the_ontology_page_documents_each_term_in_the_readers_language(client: TestClient) -> None:
    english = _page(client, "/ontology.html")
    assert english.get_element_by_id("Work") is not None
    dutch = client.get("/ontology.html", headers={"Accept-Language": "nl-NL,nl;q=0.9"})
    assert lxml_html.fromstring(dutch.content).get("lang") == "nl" and dutch.headers["vary"] == "Accept-Language"


def test_the_dataset_description_dereferences_and_conforms_to_dcat_ap(client: TestClient, published: Graph) -> None:
    """Every IRI of the VoID and DCAT-AP description answers; together their representations are
    the description, which the DCAT-AP 3 shapes find no violation in; the dump it offers is there."""
    from converter.web.dataset import validate_dataset

    seen: set[str] = set()
    todo = ["/catalogue", "/dataset"]
    description = Graph()
    while todo:
        path = todo.pop()
        # the description's own resources; the works it names as examples are checked elsewhere
        if path in seen or path.split("/")[1] not in ("catalogue", "dataset", "project", "sparql"):
            continue
        seen.add(path)
        _, body, _ = follow(client, path, "text/turtle")
        graph = _read(body, "ttl")
        description += graph
        for term in set(graph.subjects()) | set(graph.objects()):
            if isinstance(term, URIRef) and str(term).startswith(BASE + "/") and "#" not in str(term):
                todo.append(str(term)[len(BASE):])
    assert {"/catalogue", "/dataset", "/project", "/sparql"} <= seen
    report = validate_dataset(description)
    assert report.conforms, [str(f) for f in report.findings][:5]
    dump = client.get("/dump.nq")
    assert dump.headers["content-type"] == "application/n-quads"
    quads = {line for line in dump.text.splitlines() if line}
    assert len({q.rsplit(" ", 2)[0] for q in quads}) >= len(published)  # every published triple, in its graph


def test_a_server_over_a_store_alone_describes_every_resource_but_has_no_files(
        tmp_path: Path, published: Graph) -> None:
    from converter.store import Store

    Store(tmp_path / "store").load_many(sorted(p for p in OUTPUT.glob("*.ttl") if not p.name.endswith(".ep.ttl")))
    alone = TestClient(create_app(Corpus.open([], tmp_path / "store"), LIMITS))
    for path in (EXPRESSION, f"{EXPRESSION}/!main~para_1", "/actor/country/RUS"):
        graph = _read(alone.get(f"{path}.ttl").content, "ttl")
        assert len(graph) > 10 and all(t in published for t in graph), path
    assert alone.get(f"{EXPRESSION}.akn").status_code == 406  # the Akoma Ntoso file is not in a store
    assert alone.get(f"{EXPRESSION}.html").status_code == 200
