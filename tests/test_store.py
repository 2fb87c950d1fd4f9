"""The embedded store, the query command and the competency questions, on the seed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from converter.errors import ExitCode, UsageError
from converter.store import Store

GOLD = {k: v for k, v in json.loads((Path(__file__).parent / "golden" / "seed-links.json").read_text()).items()
        if k != "_about"}
TTL = ROOT / "output" / "000_50d7cb4445c31f01.ttl"
WORK = "https://w3id.org/eprdf/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"
ACTOR = "https://w3id.org/eprdf/actor/"


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store()
    store.load(TTL)
    return store


def column(store: Store, name: str, var: str, **params: str) -> list[str]:
    return [r[var] or "" for r in store.query(name, params).records()]


def test_loading_twice_replaces_the_documents_graph(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    assert store.load(TTL) == WORK
    size = len(store.store)
    assert store.load(TTL) == WORK
    assert len(store.store) == size
    assert WORK in store.graphs() and "https://w3id.org/eprdf/ontology" in store.graphs()


@pytest.mark.parametrize("actor", ["Belarus", "belarus", "Belarussische", ACTOR + "country/BLR",
                                   "http://www.wikidata.org/entity/Q184",
                                   "http://publications.europa.eu/resource/authority/country/BLR"])
def test_paragraphs_mentioning_an_actor_by_label_registry_iri_or_wikidata(store: Store, actor: str) -> None:
    assert column(store, "paragraphs-mentioning", "num", actor=actor) == ["2.", "11."]


def test_units_mentioning(store: Store) -> None:
    expected = sorted(u for u, e in GOLD.items() if "wagner-group" in e["actors"])
    assert sorted(column(store, "units-mentioning", "eId", actor="Wagner Group")) == expected == [
        "para_21", "recs__rec_D"]


def test_actors_ranked(store: Store) -> None:
    counts = Counter(a for e in GOLD.values() for a in e["actors"])
    rows = store.query("actors-ranked").records()
    got = {r["actor"].removeprefix(ACTOR): int(r["units"]) for r in rows}
    assert got == dict(counts)
    assert [r["label"] for r in rows[:3]] == ["Ukraine", "Russia", "European Union"]


def test_acts_cited_with_their_citing_units(store: Store) -> None:
    expected: dict[str, set[str]] = {}
    for unit, entry in GOLD.items():
        for act in entry["acts"]:
            iri = act if act.startswith("http") else "https://w3id.org/eprdf/" + act
            expected.setdefault(iri, set()).add(unit)
    got = {r["act"]: set(r["units"].split()) for r in store.query("acts-cited").records()}
    assert got == expected


def test_units_citing_an_eli(store: Store) -> None:
    assert column(store, "units-citing", "eId", act="http://data.europa.eu/eli/reg/2026/261/oj") == [
        "para_16", "para_16__authorialNote_1"]


def test_actor_pairs(store: Store) -> None:
    both = sum(1 for e in GOLD.values() if {"country/RUS", "country/UKR"} <= set(e["actors"]))
    top = store.query("actor-pairs").records()[0]
    assert {top["first"], top["second"]} == {"Russia", "Ukraine"} and int(top["units"]) == both == 27


def test_recitals_versus_paragraphs(store: Store) -> None:
    rows = store.query("recitals-vs-paragraphs", {"actor": "Belarus"}).records()
    assert {r["kind"]: int(r["units"]) for r in rows} == {"Recital": 2, "Paragraph": 2}


def test_footnotes_and_their_acts(store: Store) -> None:
    rows = store.query("footnotes-and-acts").records()
    anchors = sorted({(r["num"], r["anchoredIn"], r["offset"]) for r in rows}, key=lambda t: int(t[0]))
    assert anchors == [("1", "para_12", "553"), ("2", "para_16", "191"), ("3", "para_18", "296"),
                       ("4", "para_18", "600"), ("5", "para_21", "324")]
    assert {r["act"] for r in rows if r["num"] == "5"} == {"http://data.europa.eu/eli/compos/2001/931/oj"}


def test_document_metadata(store: Store) -> None:
    (row,) = store.query("document-metadata").records()
    assert row["register"] == "P10_TA(2026)0056" and row["adopted"] == "2026-02-24"
    assert row["procedure"] == "2026/2599(RSP)"
    assert row["epWork"] == "https://data.europarl.europa.eu/eli/dl/doc/TA-10-2026-0056"
    assert row["epProcedure"] == "https://data.europarl.europa.eu/eli/dl/proc/2026-2599"
    assert row["epSitting"] == "https://data.europarl.europa.eu/eli/dl/event/MTG-PL-2026-02-24"
    assert row["epTerm"] == "https://data.europarl.europa.eu/org/ep-10"


def test_full_text_in_order(store: Store) -> None:
    rows = store.query("full-text", {"document": WORK}).records()
    assert [r["kind"] for r in rows] == ["Formula"] + ["Citation"] * 2 + ["Recital"] * 10 + ["Paragraph"] * 29
    assert [r["num"] for r in rows if r["kind"] == "Paragraph"] == [f"{n}." for n in range(1, 30)]
    assert rows[0]["text"] == "Het Europees Parlement,"
    assert rows[-1]["text"].startswith("verzoekt zijn Voorzitter deze resolutie te doen toekomen")


def test_parameters_are_bound_as_terms_not_spliced(store: Store) -> None:
    hostile = 'x" } } SELECT * WHERE { ?s ?p ?o } #'
    assert store.query("units-citing", {"act": hostile}).rows == ()
    with pytest.raises(UsageError, match="no actor of the registry"):
        store.query("paragraphs-mentioning", {"actor": hostile})
    with pytest.raises(UsageError, match="no variable"):
        store.query("actors-ranked", {"act": "http://data.europa.eu/eli/dir/2001/55/oj"})


@pytest.mark.cli
def test_query_command_errors() -> None:
    result = run_cli("query", "SELECT * WHERE { ?s ?p }")
    assert result.returncode == ExitCode.USAGE
    assert "SPARQL syntax error: error at 1:" in result.stderr
    result = run_cli("query", "no-such-question")
    assert result.returncode == ExitCode.USAGE
    assert "no such query; expected one of actor-pairs" in result.stderr
    assert run_cli("query").returncode == ExitCode.USAGE


@pytest.mark.cli
def test_query_command_reads_output_and_formats(tmp_path: Path) -> None:
    result = run_cli("query", "paragraphs-mentioning", "--param", "actor=Belarus", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "document,num,text,actor" and len(result.stdout.splitlines()) == 3
    result = run_cli("query", "ASK { ?s a <https://w3id.org/eprdf/ontology#Resolution> }")
    assert result.stdout == "true\n"
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/eprdf/ontology#Paragraph> }")
    result = run_cli("query", "-f", str(rq), "--format", "json")
    assert json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"] == "29"


@pytest.mark.cli
def test_convert_with_store_then_query_it(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    result = run_cli("convert", "-o", str(tmp_path / "out"), "--store", str(store_dir))
    assert result.returncode == 0, result.stderr
    result = run_cli("query", "units-citing", "--store", str(store_dir), "--param",
                     "act=http://data.europa.eu/eli/C/2024/6745/oj", "--format", "tsv")
    act = "http://data.europa.eu/eli/C/2024/6745/oj"
    assert result.stdout.splitlines()[1:] == [f"{WORK}\tpara_18\t18.\t{act}",
                                              f"{WORK}\tpara_18__authorialNote_2\t4\t{act}"]
    assert run_cli("load", str(TTL), "--store", str(store_dir)).returncode == 0


@pytest.mark.shacl
def test_a_document_read_back_from_the_store_is_the_exported_graph_and_conforms(tmp_path: Path) -> None:
    """Oxigraph keeps xsd:integer as written (it rewrote xsd:positiveInteger as xsd:integer, and the
    graph read back failed the shapes): what comes out is what went in."""
    import pyoxigraph as ox
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from converter.checks import validate
    from converter.pipeline import BUNDLED, convert_file

    turtle = convert_file(BUNDLED, tmp_path).turtle
    store = Store()
    name = store.load(turtle)
    dumped = store.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
    back = Graph().parse(data=dumped, format="nt")
    assert isomorphic(back, Graph().parse(turtle, format="turtle"))
    assert validate(back).conforms
