"""The two SHACL engines agree: on the seed's graph, its EP view and every mutation of the shapes
tests, shifty (the default) and pySHACL (the reference) give the same verdict, and the same
results: focus node, shape, path and severity."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from rdflib import Graph
from test_shapes import MUTATIONS, copy

from converter.checks import ep_shapes, validate
from converter.checks.shacl import Report
from converter.ids import Iris
from converter.link import link
from converter.model import Document
from converter.rdf import build
from converter.rdf.ep_view import ep_view
from converter.vocab import DEFAULT_BASE


def _seen(report: Report) -> set[tuple[str, str, str | None, str]]:
    return {(f.focus or "", f.code, f.path, f.severity.value) for f in report.findings}


def _agree(graph: Graph, shapes: Graph | None = None) -> Report:
    fast, reference = (validate(graph, shapes, engine=engine) for engine in ("shifty", "pyshacl"))
    assert fast.conforms == reference.conforms
    assert _seen(fast) == _seen(reference)
    return fast


@pytest.fixture(scope="module")
def seed_graph(seed: Document) -> Graph:
    return build(seed, link(seed))


@pytest.fixture(scope="module")
def view(seed: Document) -> Graph:
    return ep_view(seed, Iris(DEFAULT_BASE, seed.metadata))


@pytest.mark.shacl
def test_the_engines_agree_on_the_seed(seed_graph: Graph) -> None:
    assert _agree(seed_graph).conforms


@pytest.mark.shacl
@pytest.mark.parametrize("name", list(MUTATIONS))
def test_the_engines_agree_on_each_mutation(seed_graph: Graph, name: str) -> None:
    mutate, expected = MUTATIONS[name]
    graph = copy(seed_graph)
    mutate(graph)
    report = _agree(graph)
    assert expected in {f.code for f in report.findings}


@pytest.mark.shacl
def test_the_engines_agree_on_the_ep_view_and_its_mutations(view: Graph) -> None:
    # the EP's shapes select their targets with SPARQL: the view fails three of them (see README)
    assert len(_agree(view, ep_shapes()).findings) == 3
    for predicate in sorted(set(view.predicates())):
        mutated = copy(view)
        mutated.remove((None, predicate, None))
        _agree(mutated, ep_shapes())


@pytest.mark.cli
def test_the_engine_chosen_on_the_command_line_changes_nothing_written(tmp_path: Path) -> None:
    written = {}
    for engine in ("shifty", "pyshacl"):
        out = tmp_path / engine
        result = run_cli("convert", "-o", str(out), "--shacl-engine", engine)
        assert result.returncode == 0, result.stderr
        triples = len((out / "000_50d7cb4445c31f01.nt").read_text(encoding="utf-8").splitlines())
        assert f"{triples} triples conform" in result.stderr + result.stdout
        written[engine] = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "manifest.json"}
    assert written["shifty"] == written["pyshacl"] and len(written["shifty"]) == 5
    refused = run_cli("validate", str(tmp_path / "shifty" / "000_50d7cb4445c31f01.ttl"), "--shacl-engine", "jena")
    assert refused.returncode == 2 and "jena" in refused.stderr
