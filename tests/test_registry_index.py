"""The registry index the pipeline reads is what the Turtle files of ontology/ give today."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal
from rdflib.namespace import SKOS

from converter.link import registry
from converter.link.registry_index import build
from converter.resources import turtle
from converter.vocab import REGISTRY_FILES

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_index_is_current() -> None:
    built = build()
    folder = ROOT / "converter" / "data" / "registry"
    committed = {f.name: f.read_text(encoding="utf-8") for f in folder.glob("*.json")}
    assert sorted(committed) == sorted(built), "run scripts/build_registry_index.py"
    stale = [name for name in built if committed[name] != built[name]]
    assert not stale, f"out of date: {stale}; run scripts/build_registry_index.py"


def test_the_index_gives_every_label_of_the_turtle_files() -> None:
    # read independently of the index builder: every pref/alt label of a language is an entry
    graph = turtle(*REGISTRY_FILES)
    for tag in ("nl", "fr", "ga"):
        expected = {(str(label), str(s)) for p in (SKOS.prefLabel, SKOS.altLabel)
                    for s, label in graph.subject_objects(p) if isinstance(label, Literal) and label.language == tag}
        assert {(e.label, e.iri) for e in registry.entries(tag)} == expected


def test_a_language_without_labels_has_an_empty_index() -> None:
    assert registry.entries("xx") == () and registry.verb_forms("xx") == () and registry.act_types("xx") == {}
