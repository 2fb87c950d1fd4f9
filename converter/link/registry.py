"""The actor registry (ontology/actors.ttl, countries.ttl, …), the act types and the verbs, as the
pipeline reads them: from the index in ``data/registry/`` (see ``registry_index``), one language
at a time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..resources import PACKAGE

INDEX = PACKAGE / "data" / "registry"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Entry:
    label: str
    iri: str
    kind: str  # "actor" or "reference"


@dataclass(frozen=True)
class VerbForm:
    head: str
    tail: str | None  # the part after the addressees, for forms "A … B"
    verb: str

    @property
    def length(self) -> int:
        return len(self.head) + len(self.tail or "")


@cache
def _common() -> dict[str, Any]:
    return json.loads((INDEX / "common.json").read_text(encoding="utf-8"))


@cache
def _language(tag: str) -> dict[str, Any]:
    file = INDEX / f"{tag}.json"
    if not file.is_file():
        return {"entries": [], "names": {}, "verb_forms": [], "act_types": {}}
    return json.loads(file.read_text(encoding="utf-8"))


@cache
def entries(tag: str) -> tuple[Entry, ...]:
    """Every label in language ``tag`` with what it names, sorted by label."""
    return tuple(Entry(*row) for row in _language(tag)["entries"])


@cache
def related() -> dict[str, frozenset[str]]:
    """Entry → the entries it is part of or tied to (skos:broader, skos:related): the state of a
    state organ, the organisation of its office, the court of its statute."""
    return {k: frozenset(v) for k, v in _common()["related"].items()}


def act_types(tag: str) -> dict[str, str]:
    """Act type names of a language, lower-cased, with their ELI type codes: {"verordening": "reg", …}."""
    return _language(tag)["act_types"]


def verb_forms(tag: str) -> tuple[VerbForm, ...]:
    """The operative verbs' forms in language ``tag``."""
    return tuple(VerbForm(*row) for row in _language(tag)["verb_forms"])


def description(iri: str, tags: tuple[str, ...]) -> list[tuple[str, str | dict[str, str]]]:
    """What a document copies of an actor or a verb: (predicate, term) pairs, its names in ``tags``
    among them; terms as in JSON-LD (an IRI as a string, a literal as a ``@value`` object)."""
    pairs = [(p, o) for p, o in _common()["described"].get(iri, ())]
    for tag in dict.fromkeys(tags):
        pairs += [(PREF_LABEL, {"@value": name, "@language": tag}) for name in _language(tag)["names"].get(iri, ())]
    return pairs


def names(tag: str) -> dict[str, list[str]]:
    """IRI → its preferred names in language ``tag``."""
    return _language(tag)["names"]


def types(iri: str) -> list[str]:
    """The classes of a registry entry."""
    return [o for p, o in _common()["described"].get(iri, ()) if p == RDF_TYPE]

