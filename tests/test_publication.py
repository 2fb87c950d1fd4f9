"""What ``publish`` puts, read from the files before any request: one graph per work holding all
its files, the ontology's and the registry's graphs, the same bytes whatever the order of files."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT

from converter.errors import UnreadableInput
from converter.store.remote import publication
from converter.vocab import ONTOLOGY_GRAPH, REGISTRY_BASE

OUTPUT = ROOT / "output"
STEM = "000_50d7cb4445c31f01"
WORK = "https://w3id.org/eprdf/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"


def test_the_files_of_one_work_make_one_graph_in_the_same_bytes_in_any_order() -> None:
    files = [OUTPUT / f"{STEM}.{extension}" for extension in ("ttl", "nt", "jsonld")]
    graphs = list(publication(files))
    assert [g.name for g in graphs] == [ONTOLOGY_GRAPH, REGISTRY_BASE, WORK]
    work = graphs[2]
    assert work.sources == tuple(files)
    triples = set(ox.parse(path=str(files[1]), format=ox.RdfFormat.N_TRIPLES))
    assert work.triples == len(triples) and set(ox.parse(work.body, format=ox.RdfFormat.N_TRIPLES)) == triples
    assert list(publication(files[::-1]))[2].body == work.body == list(publication(files[1:2]))[2].body


def test_the_vocabularies_are_the_files_the_embedded_store_loads() -> None:
    ontology, registry = list(publication([]))
    names = ("eprdf.ttl", "verbs.ttl", "verb-forms.ttl", "act-types.ttl", "act-type-forms.ttl")
    assert ontology.title == ", ".join(f"ontology/{name}" for name in names)
    assert registry.title == ("ontology/actors.ttl, ontology/countries.ttl, ontology/institutions.ttl, "
                              "ontology/forms.ttl")
    assert ontology.triples == len(set().union(*(set(ox.parse(path=str(ROOT / "ontology" / name),
                                                              format=ox.RdfFormat.TURTLE))
                                                  for name in names)))


def test_a_file_naming_no_single_work_is_refused_before_any_graph_is_given(tmp_path: Path) -> None:
    both = tmp_path / "two-works.nt"
    both.write_bytes((OUTPUT / f"{STEM}.nt").read_bytes() + b"<https://example.org/w> "
                     b"<http://data.europa.eu/eli/ontology#is_realized_by> <https://example.org/w/e> .\n")
    with pytest.raises(UnreadableInput, match="not a converted document's graph: it names no single work"):
        next(publication([OUTPUT / f"{STEM}.ttl", both]))
