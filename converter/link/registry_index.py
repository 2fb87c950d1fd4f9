"""Build the registry index: what the pipeline needs of the registry, the act types and the verbs,
cut per language into JSON files under ``converter/data/registry/``.

The Turtle files of ``ontology/`` stay the source (and what stores load); the index exists because
parsing their 14,000 triples costs every process about half a second, while a document needs the
labels of one language. ``scripts/build_registry_index.py`` writes it, and a test checks that the
committed index is what the Turtle files give today.

Terms are written as in JSON-LD: an IRI as a string, a literal as ``{"@value"}`` with its
``"@language"`` or ``"@type"`` if it has one.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import SKOS, XSD

from ..resources import turtle
from ..vocab import ACT_TYPE_FILES, EPR, REGISTRY_FILES, VERB_FILE, VERB_FORM_FILES

# What a document's graph copies of an actor it links to (beside its names), and of a verb it uses.
ACTOR_COPIED = (RDF.type, SKOS.exactMatch, SKOS.editorialNote, SKOS.inScheme, SKOS.broader, SKOS.related)
VERB_COPIED = (RDF.type, SKOS.notation, SKOS.inScheme, SKOS.broader)
COMMON = "common.json"


def term(node: URIRef | Literal) -> str | dict[str, str]:
    if isinstance(node, URIRef):
        return str(node)
    if node.language:
        return {"@value": str(node), "@language": node.language}
    if node.datatype in (None, XSD.string):
        return {"@value": str(node)}
    return {"@value": str(node), "@type": str(node.datatype)}


def build() -> dict[str, str]:
    """File name → JSON text of every file of the index, from the Turtle files of ``ontology/``."""
    registry = turtle(*REGISTRY_FILES)
    verbs = turtle(*VERB_FORM_FILES)
    acts = turtle(*ACT_TYPE_FILES)
    verb_scheme = turtle(VERB_FILE)

    described: dict[str, list[list[Any]]] = {}
    for graph, copied in ((registry, ACTOR_COPIED), (verb_scheme, VERB_COPIED)):
        for prop in copied:
            for s, o in graph.subject_objects(prop):
                if isinstance(s, URIRef):
                    described.setdefault(str(s), []).append([str(prop), term(o)])
    related: dict[str, set[str]] = defaultdict(set)
    for prop in (SKOS.broader, SKOS.related):
        for s, o in registry.subject_objects(prop):
            related[str(s)].add(str(o))

    languages: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"entries": set(), "names": defaultdict(list), "verb_forms": set(), "act_types": {}})
    references = set(registry.subjects(RDF.type, EPR.TLCReference))
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for s, label in registry.subject_objects(prop):
            if isinstance(s, URIRef) and isinstance(label, Literal) and label.language:
                kind = "reference" if s in references else "actor"
                languages[label.language]["entries"].add((str(label), str(s), kind))
    for graph in (registry, verb_scheme):
        for s, label in graph.subject_objects(SKOS.prefLabel):
            if isinstance(s, URIRef) and isinstance(label, Literal) and label.language:
                languages[label.language]["names"][str(s)].append(str(label))
    for concept, label in verbs.subject_objects(SKOS.hiddenLabel):
        head, _, tail = str(label).partition(" … ")
        languages[label.language]["verb_forms"].add((head, tail or None, str(verbs.value(concept, SKOS.notation))))
    for prop in (SKOS.prefLabel, SKOS.altLabel):
        for concept, label in acts.subject_objects(prop):
            languages[label.language]["act_types"][str(label).lower()] = str(acts.value(concept, SKOS.notation))

    files = {COMMON: _dump({"described": {k: sorted(v, key=_key) for k, v in described.items()},
                            "related": {k: sorted(v) for k, v in related.items()}})}
    for tag, parts in languages.items():
        files[f"{tag}.json"] = _dump({
            "entries": sorted(parts["entries"]),
            "names": {k: sorted(v) for k, v in parts["names"].items()},
            "verb_forms": sorted(parts["verb_forms"], key=lambda f: (f[0], f[1] or "", f[2])),
            "act_types": parts["act_types"],
        })
    return files


def _key(pair: list[Any]) -> str:
    return json.dumps(pair, sort_keys=True, ensure_ascii=False)


def _dump(data: dict[str, Any]) -> str:
    # one entry a line keeps the committed index readable in a diff
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n"
