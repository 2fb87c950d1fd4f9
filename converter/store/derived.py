"""The derived graph: what the corpus-wide competency questions need, computed from each
document's graph when it is loaded and written in the same transaction as the document.

Without it, ``actor-pairs``, ``actors-ranked``, ``acts-cited``, ``condemned-actors`` and
``footnotes-and-acts`` join and group every unit of every document on each run: seconds at a
thousand documents. Their queries read this graph instead, for the same answers.

It holds two kinds of record:

* tallies: a count under a key of terms (the units mentioning two actors, the clauses condemning
  something about an actor …) that adds up over documents. A load adds the tallies of the
  documents it adds, and subtracts those of the version a document replaces. A key's answer is
  the sum of its tallies, so a bulk load, which can add triples but not remove them, keeps every
  answer right; the next load that can remove triples merges each key's tallies into one.
* footnotes: one record per row of ``footnotes-and-acts``, naming its document, replaced with it.

A document's share is computed here from its own triples, as the questions' ``GRAPH ?document``
patterns match them; the tests compare both on a corpus. Counts of distinct units and clauses add
up because their IRIs are minted under the document's work, so no two documents share one.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..vocab import ELI, EPR, VERB_SCHEME

DERIVED_GRAPH = "https://w3id.org/eprdf/derived"
DRV = "https://w3id.org/eprdf/derived#"
# Rewritten from every document whenever this module changes (its SHA-256 is kept in the graph).
DIGEST = ox.Literal(hashlib.sha256(Path(__file__).read_bytes()).hexdigest())
STATE = ox.NamedNode(DERIVED_GRAPH)

# Each kind of tally and the properties of its key, in order.
TALLIES: dict[str, tuple[str, ...]] = {
    "PairTally": ("first", "second"),            # units mentioning both actors
    "MentionTally": ("actor",),                  # units mentioning the actor
    "CitationTally": ("act",),                   # units citing the act, directly or by a footnote
    "CitingUnitTally": ("act", "eId"),           # documents where a unit with that eId cites it
    "ActLabelTally": ("act", "label"),           # documents naming the act so
    "CondemnationTally": ("actor",),             # clauses condemning something about the actor
    "CondemnedParagraphTally": ("actor", "num"),  # documents where such a clause is in that paragraph
    "CondemnedLabelTally": ("actor", "label"),   # documents naming the actor so in English
}
FOOTNOTE = ("num", "eId", "anchoredIn", "offset", "act")

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Key = tuple[str, tuple[Term, ...]]
Footnote = tuple[Term | None, ...]

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
_AUTHORIAL_NOTE_CLASS = ox.NamedNode(str(EPR.AuthorialNote))
_CONDEMNS = ox.NamedNode(f"{VERB_SCHEME}condemns")
_EPR = {name: ox.NamedNode(str(EPR[name])) for name in (
    "mentions", "cites", "eId", "num", "unresolved", "operativeVerb", "about", "addresses", "inUnit",
    "authorialNote", "markerOffset")}
_REALIZES = ox.NamedNode(str(ELI.realizes))
_READ = frozenset({*_EPR.values(), _REALIZES, _RDF_TYPE, _RDFS_LABEL, _PREF_LABEL})
_COUNT = ox.NamedNode(f"{DRV}count")
_DOCUMENT = ox.NamedNode(f"{DRV}document")


@dataclass
class Share:
    """What one document adds to the derived graph."""

    tallies: Counter[Key] = field(default_factory=Counter)
    footnotes: list[Footnote] = field(default_factory=list)


class _Graph:
    """One document's triples of the predicates the questions read, indexed on first use."""

    def __init__(self, triples: Iterable[ox.Triple | ox.Quad]) -> None:
        self.statements: defaultdict[ox.NamedNode, list[tuple[Term, Term]]] = defaultdict(list)
        for t in triples:
            if t.predicate in _READ:
                self.statements[t.predicate].append((t.subject, t.object))
        self._objects: dict[ox.NamedNode, dict[Term, dict[Term, None]]] = {}
        self._subjects: dict[ox.NamedNode, dict[Term, dict[Term, None]]] = {}

    def of(self, subject: Term, predicate: ox.NamedNode) -> list[Term]:
        """The objects of ``subject predicate ?o``, once each (a file may repeat a triple)."""
        if predicate not in self._objects:
            self._objects[predicate] = _index(self.statements[predicate])
        return list(self._objects[predicate].get(subject, ()))

    def having(self, predicate: ox.NamedNode, value: Term) -> list[Term]:
        """The subjects of ``?s predicate value``, once each."""
        if predicate not in self._subjects:
            self._subjects[predicate] = _index((o, s) for s, o in self.statements[predicate])
        return list(self._subjects[predicate].get(value, ()))

    def pairs(self, predicate: ox.NamedNode) -> list[tuple[Term, Term]]:
        return list(dict.fromkeys(self.statements[predicate]))


def _index(pairs: Iterable[tuple[Term, Term]]) -> dict[Term, dict[Term, None]]:
    index: defaultdict[Term, dict[Term, None]] = defaultdict(dict)
    for key, value in pairs:
        index[key][value] = None
    return index


def share(triples: Iterable[ox.Triple | ox.Quad]) -> Share:
    """The tallies and footnote rows of one document's graph."""
    graph = _Graph(triples)
    found = Share()
    _mentions(graph, found.tallies)
    _citations(graph, found.tallies)
    _condemnations(graph, found.tallies)
    found.footnotes = _footnotes(graph)
    return found


def _mentions(graph: _Graph, tallies: Counter[Key]) -> None:
    """actors-ranked and actor-pairs: ``?unit epr:mentions ?a , ?b FILTER (STR(?a) < STR(?b))``."""
    mentioned: defaultdict[Term, list[Term]] = defaultdict(list)
    for unit, actor in graph.pairs(_EPR["mentions"]):
        mentioned[unit].append(actor)
        tallies["MentionTally", (actor,)] += 1
    for actors in mentioned.values():
        named = sorted((a for a in actors if not isinstance(a, ox.BlankNode)), key=lambda a: a.value)
        for i, first in enumerate(named):
            for second in named[i + 1:]:
                if first.value < second.value:
                    tallies["PairTally", (first, second)] += 1


def _citations(graph: _Graph, tallies: Counter[Key]) -> None:
    """acts-cited: ``?unit epr:cites ?act ; epr:eId ?eId``, the act not ``epr:unresolved true``,
    named by ``rdfs:label|skos:prefLabel``."""
    units: defaultdict[Term, set[Term]] = defaultdict(set)
    eids: defaultdict[Term, dict[Term, None]] = defaultdict(dict)
    for unit, act in graph.pairs(_EPR["cites"]):
        unit_eids = graph.of(unit, _EPR["eId"])
        if unit_eids and _TRUE not in graph.of(act, _EPR["unresolved"]):
            units[act].add(unit)
            eids[act].update(dict.fromkeys(unit_eids))
    for act, citing in units.items():
        tallies["CitationTally", (act,)] += len(citing)
        for eid in eids[act]:
            tallies["CitingUnitTally", (act, eid)] += 1
        for label in dict.fromkeys(graph.of(act, _RDFS_LABEL) + graph.of(act, _PREF_LABEL)):
            tallies["ActLabelTally", (act, label)] += 1


def _condemnations(graph: _Graph, tallies: Counter[Key]) -> None:
    """condemned-actors: ``?c epr:operativeVerb verb:condemns ; epr:about|epr:addresses ?actor ;
    epr:inUnit ?text . ?text eli:realizes ?paragraph . ?paragraph epr:num ?num``."""
    clauses: defaultdict[Term, set[Term]] = defaultdict(set)
    nums: defaultdict[Term, dict[Term, None]] = defaultdict(dict)
    for clause in graph.having(_EPR["operativeVerb"], _CONDEMNS):
        printed = [num for text in graph.of(clause, _EPR["inUnit"]) for paragraph in graph.of(text, _REALIZES)
                   for num in graph.of(paragraph, _EPR["num"])]
        if not printed:
            continue
        for actor in graph.of(clause, _EPR["about"]) + graph.of(clause, _EPR["addresses"]):
            clauses[actor].add(clause)
            nums[actor].update(dict.fromkeys(printed))
    for actor, condemning in clauses.items():
        tallies["CondemnationTally", (actor,)] += len(condemning)
        for num in nums[actor]:
            tallies["CondemnedParagraphTally", (actor, num)] += 1
        for label in graph.of(actor, _PREF_LABEL):
            if isinstance(label, ox.Literal) and label.language == "en":
                tallies["CondemnedLabelTally", (actor, label)] += 1


def _footnotes(graph: _Graph) -> list[Footnote]:
    """footnotes-and-acts: each ``?note a epr:AuthorialNote ; epr:num ?num ; epr:eId ?eId``, with
    its anchor (``?unit epr:authorialNote ?note ; epr:eId ?anchoredIn . ?expression eli:realizes
    ?note ; epr:markerOffset ?offset``) and each act it cites, where it has them."""
    rows: list[Footnote] = []
    for note in graph.having(_RDF_TYPE, _AUTHORIAL_NOTE_CLASS):
        anchors: list[tuple[Term | None, Term | None]] = [
            (anchored, offset)
            for unit in graph.having(_EPR["authorialNote"], note) for anchored in graph.of(unit, _EPR["eId"])
            for expression in graph.having(_REALIZES, note) for offset in graph.of(expression, _EPR["markerOffset"])]
        acts: list[Term | None] = [*graph.of(note, _EPR["cites"])] or [None]
        rows += [(num, eid, anchored, offset, act) for num in graph.of(note, _EPR["num"])
                 for eid in graph.of(note, _EPR["eId"]) for anchored, offset in anchors or [(None, None)]
                 for act in acts]
    return rows


def tally_quads(tallies: Counter[Key]) -> Iterator[ox.Quad]:
    """Each non-zero tally as a record of the derived graph. Records are IRIs, not blank nodes, so
    that a later update can name the ones it removes."""
    graph = ox.NamedNode(DERIVED_GRAPH)
    for (kind, terms), count in tallies.items():
        if count:
            record = ox.NamedNode(f"{DERIVED_GRAPH}/tally/{uuid.uuid4().hex}")
            yield ox.Quad(record, _RDF_TYPE, ox.NamedNode(f"{DRV}{kind}"), graph)
            for name, term in zip(TALLIES[kind], terms, strict=True):
                yield ox.Quad(record, ox.NamedNode(f"{DRV}{name}"), term, graph)
            yield ox.Quad(record, _COUNT, ox.Literal(str(count), datatype=_INTEGER), graph)


def footnote_quads(document: str, rows: Iterable[Footnote]) -> Iterator[ox.Quad]:
    graph = ox.NamedNode(DERIVED_GRAPH)
    for row in rows:
        record = ox.BlankNode()
        yield ox.Quad(record, _RDF_TYPE, ox.NamedNode(f"{DRV}Footnote"), graph)
        yield ox.Quad(record, _DOCUMENT, ox.NamedNode(document), graph)
        for name, term in zip(FOOTNOTE, row, strict=True):
            if term is not None:
                yield ox.Quad(record, ox.NamedNode(f"{DRV}{name}"), term, graph)


@dataclass
class Tallies:
    """The tallies a store holds: each key's sum, and the quads of its records."""

    totals: Counter[Key] = field(default_factory=Counter)
    records: defaultdict[Key, list[ox.Quad]] = field(default_factory=lambda: defaultdict(list))

    def rewrite(self, change: Counter[Key]) -> tuple[list[ox.Quad], list[ox.Quad]]:
        """The quads to remove and those to add so that each key changed by ``change``, and each
        key with several records, has one record of its new sum (none if it is zero)."""
        keys = {key for key, count in change.items() if count}
        keys |= {key for key, quads in self.records.items() if len({q.subject for q in quads}) > 1}
        sums = Counter({key: self.totals[key] + change[key] for key in keys})
        return [q for key in keys for q in self.records.get(key, ())], list(tally_quads(sums))


def read_tallies(store: ox.Store) -> Tallies:
    graph = ox.NamedNode(DERIVED_GRAPH)
    found = Tallies()
    for record in {q.subject for q in store.quads_for_pattern(None, _COUNT, None, graph)}:
        quads = list(store.quads_for_pattern(record, None, None, graph))
        values = {q.predicate: q.object for q in quads}
        kind = values[_RDF_TYPE].value.removeprefix(DRV)
        key = (kind, tuple(values[ox.NamedNode(f"{DRV}{name}")] for name in TALLIES[kind]))
        found.totals[key] += int(values[_COUNT].value)
        found.records[key] += quads
    return found


def drop_footnotes(document: str) -> str:
    """The SPARQL update removing a document's footnote rows."""
    return (f"DELETE {{ GRAPH <{DERIVED_GRAPH}> {{ ?r ?p ?o }} }} "
            f"WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?r <{_DOCUMENT.value}> <{document}> ; ?p ?o }} }}")
