"""An embedded SPARQL store (Oxigraph): one named graph per document, the ontology and the
registry in their own, the union of all as the default graph for querying."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from ..errors import LimitReached, UnreadableInput, UsageError
from ..resources import PACKAGE
from ..vocab import ELI, ONTOLOGY_GRAPH, RDF_FORMATS, REGISTRY_BASE, REGISTRY_FILES, VERB_FORM_FILES, rdf_format
from .answer import Answer
from .queries import bind, check_no_service, check_parameters, query_text, term_node

T = TypeVar("T")
REGISTRY_GRAPH = REGISTRY_BASE
# Parameters that take a comma-separated list of values.
LIST_PARAMETERS = frozenset({"languages"})
LOADABLE = tuple(f for f in RDF_FORMATS if f.name != "xml")
REALIZED_BY = ox.NamedNode(str(ELI.is_realized_by))
ACTOR_KEYS = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?key WHERE {{ GRAPH <{REGISTRY_GRAPH}> {{
  {{ ?a skos:exactMatch ?key }} UNION {{ ?a skos:prefLabel|skos:altLabel ?key }}
  UNION {{ ?a skos:inScheme ?scheme BIND (?a AS ?key) }} }} }}"""


VOCABULARIES = ((ONTOLOGY_GRAPH, ("eprdf.ttl", *VERB_FORM_FILES)), (REGISTRY_GRAPH, REGISTRY_FILES))
# Where the store records which vocabulary files it holds (their SHA-256), so they are reloaded
# only when they change.
VOCABULARY_STATE = ox.NamedNode(f"{ONTOLOGY_GRAPH}/loaded")
SHA256 = ox.NamedNode("https://w3id.org/eprdf/ontology#sha256")


def _vocabulary_digest() -> str:
    digest = hashlib.sha256()
    for _, names in VOCABULARIES:
        for name in names:
            digest.update((PACKAGE / "ontology" / name).read_bytes())
    return digest.hexdigest()


# What one language's load put in its work's graph: the expression and everything named under it
# (its units' texts, mentions, manifestations), its provenance, and the references its mentions
# left unresolved. The work-level triples are the same in every language and stay.
REPLACE_EXPRESSION = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX epr: <https://w3id.org/eprdf/ontology#>
DELETE { GRAPH ?graph { ?s ?p ?o } } WHERE {
  GRAPH ?graph {
    { ?expression prov:wasDerivedFrom|prov:wasGeneratedBy ?s . ?s ?p ?o }
    UNION { ?annotation oa:hasBody ?s . ?s epr:unresolved true . ?s ?p ?o
            FILTER (STRSTARTS(STR(?annotation), STR(?expression))) }
    UNION { ?annotation oa:hasBody ?reference . ?reference epr:unresolved true . ?s ?p ?reference
            BIND (?reference AS ?o) FILTER (STRSTARTS(STR(?annotation), STR(?expression))) }
    UNION { ?s ?p ?o FILTER (STRSTARTS(STR(?s), STR(?expression))) }
  }
}"""


class Store:
    """The embedded store: ``Store(path)`` opens (or creates) a persistent store; ``Store()`` is in
    memory. The ontology and the registry are (re)loaded only when they differ from what the
    store holds."""

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        if read_only and path is None:
            raise ValueError("only a store on disk can be opened read-only")
        self.store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path) if path else None)
        self._actor_index: dict[str, set[str]] | None = None
        if not read_only:  # readers query what the last writer loaded; any number may read at once
            self._add_vocabularies()

    def _add_vocabularies(self) -> None:
        digest = ox.Literal(_vocabulary_digest())
        if any(True for _ in self.store.quads_for_pattern(VOCABULARY_STATE, SHA256, digest, VOCABULARY_STATE)):
            return
        for graph, names in VOCABULARIES:
            name = ox.NamedNode(graph)
            self.store.clear_graph(name)
            for file in names:
                self.store.bulk_load(path=str(PACKAGE / "ontology" / file), format=ox.RdfFormat.TURTLE,
                                     to_graph=name)
        self.store.clear_graph(VOCABULARY_STATE)
        self.store.add(ox.Quad(VOCABULARY_STATE, SHA256, digest, VOCABULARY_STATE))

    def load(self, path: Path) -> str:
        """Load one exported graph into the named graph of its document (its work IRI). Each language
        is an expression of the work: loading another language adds it; loading a language again
        replaces what its earlier load put there. Returns the graph name."""
        known = rdf_format(path.suffix)
        if known is None or known not in LOADABLE:
            raise UnreadableInput(str(path), f"unknown RDF syntax for extension {path.suffix!r}",
                                  expected=", ".join(sorted(f".{e}" for f in LOADABLE for e in f.extensions)))
        try:
            quads = list(ox.parse(path=str(path), format=ox.RdfFormat.from_media_type(known.media_type)))
        except (SyntaxError, ValueError, OSError) as exc:
            raise UnreadableInput(str(path), f"not loadable: {exc}") from None
        works = sorted({q.subject.value for q in quads if q.predicate == REALIZED_BY})
        name = ox.NamedNode(works[0] if len(works) == 1 else path.resolve().as_uri())
        expressions = sorted({q.object.value for q in quads if q.predicate == REALIZED_BY})
        if len(works) == 1 and expressions:
            removal = " ; ".join(REPLACE_EXPRESSION.replace("?graph", f"<{name.value}>")
                                 .replace("?expression", f"<{expression}>") for expression in expressions)
        else:
            removal = f"CLEAR SILENT GRAPH <{name.value}>"
        triples = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                               format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        # one update, so one transaction: a load killed half-way leaves the earlier version whole
        self.store.update(f"{removal} ; INSERT DATA {{ GRAPH <{name.value}> {{ {triples} }} }}")
        return name.value

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def _values(self, params: dict[str, str] | None) -> dict[str, list[str]]:
        """Each parameter's values; an ``actor`` is resolved against the registry first (its
        registry IRI, a Wikidata or authority-table IRI, or any of its names)."""
        return {name: self.actors(value) if name == "actor" else
                [v.strip() for v in value.split(",")] if name in LIST_PARAMETERS else [value]
                for name, value in (params or {}).items()}

    def prepare(self, query: str, params: dict[str, str] | None = None) -> str:
        """The query's text (or the named one's) with its parameters bound in VALUES blocks."""
        return bind(query_text(query), self._values(params))

    def actors(self, key: str) -> list[str]:
        """The registry actors that ``key`` names or identifies."""
        if self._actor_index is None:
            index: dict[str, set[str]] = {}
            for row in self.store.query(ACTOR_KEYS):
                index.setdefault(row["key"].value.lower(), set()).add(row["a"].value)
            self._actor_index = index
        found = sorted(self._actor_index.get(key.strip().lower(), set()))
        if not found:
            raise UsageError("--param", f"no actor of the registry is called or identified by {key!r}")
        return found

    def query(self, query: str, params: dict[str, str] | None = None, max_rows: int | None = None,
              allow_service: bool = False) -> Answer:
        """Run a query (its text, or the name of one in ``queries/``) with parameters bound as terms.

        A parameter with one value is substituted before the query is planned (fast: the planner
        sees a constant) when the query projects it; otherwise it is bound with VALUES. More than
        ``max_rows`` answers raise LimitReached; a SERVICE clause is refused unless allowed.
        """
        text, values = query_text(query), self._values(params)
        check_parameters(text, values)
        if not allow_service:
            check_no_service(text)
        try:
            result = None
            if values and all(len(v) == 1 for v in values.values()):
                substitutions = {ox.Variable(k): term_node(v[0]) for k, v in values.items()}
                try:
                    result = self.store.query(text, use_default_graph_as_union=True, substitutions=substitutions)
                except RuntimeError:  # a parameter the SELECT does not project: bind it with VALUES
                    result = None
            if result is None:
                result = self.store.query(bind(text, values), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise UsageError("query", f"SPARQL syntax error: {exc}") from None
        if isinstance(result, ox.QueryBoolean):
            return Answer((), boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            return Answer(variables, rows=tuple(tuple(s[v] for v in variables) for s in _bounded(result, max_rows)))
        return Answer((), triples=tuple(_bounded(result, max_rows)))


def _bounded(results: Iterable[T], max_rows: int | None) -> Iterator[T]:
    """The results, stopping the query as soon as there are more than ``max_rows``."""
    for count, item in enumerate(results, 1):
        if max_rows is not None and count > max_rows:
            raise LimitReached("query", f"the answer has more than {max_rows:,} rows",
                               expected="a narrower query, or a higher --max-rows")
        yield item


