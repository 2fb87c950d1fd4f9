"""The store over a corpus: loading many documents at once, the derived graph the corpus-wide
questions read, and parameters bound where Oxigraph's planner uses them."""

from __future__ import annotations

import importlib.util
import random
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

from converter.errors import UnreadableInput
from converter.link import link
from converter.pipeline import BUNDLED
from converter.rdf import build
from converter.rdf.export import serialize
from converter.readers import read_file
from converter.readers.text import parse
from converter.store import DERIVED_GRAPH, Answer, Store, bind, named_query
from converter.store.queries import bound_in_graph, projected
from converter.vocab import DEFAULT_BASE, MANIFESTATIONS

HERE = Path(__file__).parent
REFERENCE = HERE / "data" / "over-documents"
PRECOMPUTED = sorted(p.stem for p in REFERENCE.glob("*.rq"))
# The columns each question orders by, and those whose value is one of several: GROUP_CONCAT
# lists a group's values in no set order, SAMPLE picks any.
ORDER = {"actor-pairs": ("units", "first", "second"), "actors-ranked": ("units", "label"), "acts-cited": ("act",),
         "condemned-actors": ("clauses", "actor"), "footnotes-and-acts": ("document", "num", "act")}
CONCATENATED = {"acts-cited": "units", "condemned-actors": "paragraphs"}
SAMPLED = {"acts-cited": "label", "condemned-actors": "label"}
NAMES = """SELECT DISTINCT ?x ?name WHERE { GRAPH ?document {
  ?x <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel> ?name } }"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Twenty documents made by benchmarks/corpus.py from the bundled resolution's units, the
    bundled resolution itself and the real texts of tests/realtexts (three works in two languages
    each), exported as Turtle."""
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    seed = read_file(BUNDLED)
    rng = random.Random(1)
    documents = [parse(generator.render(seed, rng, i), f"doc{i:05d}.txt") for i in range(1, 21)]
    # every real text but the one that prints no adoption date
    documents += [read_file(p) for p in [BUNDLED, *sorted((HERE / "realtexts").glob("*.txt"))]
                  if p.stem != "nl_P5_TA-2001-0531"]
    folder = tmp_path_factory.mktemp("corpus")
    paths = []
    for i, document in enumerate(documents):
        path = folder / f"{i:02d}.ttl"
        path.write_bytes(serialize(build(document, link(document), DEFAULT_BASE, MANIFESTATIONS), "ttl"))
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def loaded(corpus: list[Path]) -> Store:
    """The corpus loaded at once."""
    store = Store()
    store.load_many(corpus)
    return store


def assert_precomputed_answers_are_the_documents_answers(store: Store) -> None:
    names = {(r["x"], r["name"]) for r in store.query(NAMES).records()}
    for name in PRECOMPUTED:
        got, want = store.query(name), store.query((REFERENCE / f"{name}.rq").read_text(encoding="utf-8"))
        assert got.variables == want.variables
        assert _rows(name, got) == _rows(name, want), name
        assert _ordered(name, got) == _ordered(name, want), name
        if name in SAMPLED:
            key = got.variables[0]
            assert all(r[SAMPLED[name]] is None or (r[key], r[SAMPLED[name]]) in names for r in got.records())


def _rows(name: str, answer: Answer) -> Counter[tuple[tuple[str, str | None], ...]]:
    rows: Counter[tuple[tuple[str, str | None], ...]] = Counter()
    for record in answer.records():
        if name in CONCATENATED:
            record[CONCATENATED[name]] = " ".join(sorted((record[CONCATENATED[name]] or "").split()))
        record.pop(SAMPLED.get(name, ""), None)
        rows[tuple(sorted(record.items()))] += 1
    return rows


def _ordered(name: str, answer: Answer) -> list[tuple[str | None, ...]]:
    return [tuple(r[c] for c in ORDER[name]) for r in answer.records()]


def tally_records(store: Store) -> tuple[int, int]:
    """How many tally records the derived graph holds, and for how many keys."""
    rows = store.query(f"""SELECT ?record ?kind ?p ?o WHERE {{ GRAPH <{DERIVED_GRAPH}> {{
        ?record <https://w3id.org/eprdf/derived#count> ?n ; a ?kind ; ?p ?o }} }}""").records()
    keys: dict[str | None, set[tuple[str | None, str | None]]] = {}
    for row in rows:
        if row["p"] != "https://w3id.org/eprdf/derived#count":
            keys.setdefault(row["record"], set()).add((row["p"], row["o"]))
    return len(keys), len({frozenset(k) for k in keys.values()})


def test_loaded_at_once_the_precomputed_answers_are_the_documents_answers(corpus: list[Path], loaded: Store) -> None:
    assert len(loaded.documents()) == len(corpus) - 3  # three works in two languages
    assert_precomputed_answers_are_the_documents_answers(loaded)
    records, keys = tally_records(loaded)
    assert records == keys


def test_loaded_one_by_one_and_again_the_precomputed_answers_are_the_documents_answers(corpus: list[Path]) -> None:
    store = Store()
    for path in corpus:
        store.load(path)
    assert_precomputed_answers_are_the_documents_answers(store)
    size = len(store.store)
    store.load_many(corpus[::3])  # documents replaced, languages loaded again
    assert_precomputed_answers_are_the_documents_answers(store)
    assert len(store.store) == size


def test_tallies_added_by_a_bulk_load_and_not_yet_merged_give_the_same_answers(
        corpus: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Store, "_merge_tallies", lambda self: None)
    store = Store()
    store.load_many(corpus[:10])
    store.load_many(corpus[10:20])
    records, keys = tally_records(store)
    assert records > keys
    assert_precomputed_answers_are_the_documents_answers(store)


def test_a_file_that_cannot_be_read_loads_nothing(corpus: list[Path], tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    store.load_many(corpus[:4])
    before = set(store.store)
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://example.org/a> <https://example.org/b> .\n", encoding="utf-8")
    for batch in ([*corpus[4:12], broken], [*corpus[4:12], tmp_path / "notes.txt"], [corpus[0], broken]):
        with pytest.raises(UnreadableInput):
            store.load_many(batch)
        assert set(store.store) == before


def test_the_derived_graph_is_written_again_when_a_store_has_none(corpus: list[Path], tmp_path: Path) -> None:
    """A store written before the derived graph existed (or by other code) gets it on the next
    opening for writing."""
    store = Store(tmp_path / "store")
    store.load_many(corpus[:8])
    store.store.update(f"CLEAR GRAPH <{DERIVED_GRAPH}>")
    del store
    assert_precomputed_answers_are_the_documents_answers(Store(tmp_path / "store"))


def test_the_files_a_killed_bulk_load_left_are_removed_by_the_next_writer(tmp_path: Path) -> None:
    Store(tmp_path / "store")
    left = tmp_path / "store" / "bulk-107215418532791.sst"  # named as Oxigraph's bulk loader names them
    left.write_bytes(b"")
    Store(tmp_path / "store", read_only=True)
    assert left.exists()
    Store(tmp_path / "store")
    assert not left.exists()


def test_parameters_bound_inside_the_graph_block_give_the_answers_bound_at_the_top(loaded: Store) -> None:
    for name, param, value in (("paragraphs-by-verb", "verb", "condemns"),
                               ("paragraphs-addressing", "actor", "https://w3id.org/eprdf/actor/council-of-the-eu")):
        text = named_query(name)
        at_top = text.replace("WHERE {", f"WHERE {{ VALUES ?{param} {{ {_term(value)} }}", 1)
        assert f"GRAPH ?document {{ VALUES ?{param}" in loaded.prepare(name, {param: value})
        answer = loaded.query(name, {param: value})
        assert answer.rows and Counter(answer.rows) == Counter(loaded.query(at_top).rows)


def test_units_mentioning_with_its_optional_pattern_last_gives_the_same_answers(loaded: Store) -> None:
    """Oxigraph joins what follows an OPTIONAL with everything it matches: the pattern reading the
    text now comes first (0.9 s to 0.5 s at 1,000 documents)."""
    text = named_query("units-mentioning")
    optional, reading = "    OPTIONAL { ?unit epr:num ?num }\n", "    ?expression eli:realizes"
    before = text.replace(optional, "").replace(reading, optional + reading)
    assert before != text
    for actor in ("Belarus", "Wagner Group", "Member States"):
        answer = loaded.query("units-mentioning", {"actor": actor})
        assert answer.rows and Counter(answer.rows) == Counter(loaded.query(before, {"actor": actor}).rows)


def _term(value: str) -> str:
    return f"<{value}>" if value.startswith("http") else f'"{value}"'


@pytest.mark.parametrize(("query", "expected"), [
    ("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?x } }", "GRAPH ?g { VALUES ?x"),
    ("SELECT ?s WHERE { GRAPH <http://g> { ?s ?p ?x . { ?s ?q ?x } } }", "GRAPH <http://g> { VALUES ?x"),
    ("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o OPTIONAL { ?s ?q ?x } } }", "WHERE { VALUES ?x"),
    ("SELECT ?s WHERE { { GRAPH ?g { ?s ?p ?x } } UNION { ?s ?q ?x } }", "WHERE { VALUES ?x"),
    ("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?x } ?s ?q ?x }", "WHERE { VALUES ?x"),
    ("SELECT ?x WHERE { GRAPH ?x { ?s ?p ?o } }", "WHERE { VALUES ?x"),
    ("SELECT ?s WHERE { { SELECT ?s WHERE { GRAPH ?g { ?s ?p ?x } } } }", "WHERE { VALUES ?x"),
])
def test_where_a_parameter_is_bound(query: str, expected: str) -> None:
    assert expected in " ".join(bind(query, {"x": ["a"]}).split())


def test_a_parameter_used_in_a_graph_block_is_bound_there_rather_than_substituted() -> None:
    assert bound_in_graph(named_query("paragraphs-mentioning"), "actor")
    assert not bound_in_graph(named_query("full-text"), "document")


def test_the_variables_a_query_projects() -> None:
    assert projected(named_query("parallel-text")) == {"document", "eId", "num", "text"}
    assert projected("SELECT DISTINCT ?a (COUNT(DISTINCT ?b) AS ?n) WHERE { ?a ?p ?b }") == {"a"}
    assert projected("SELECT * WHERE { ?s ?p ?o }") is None
    assert projected("ASK { ?s ?p ?o }") is None
