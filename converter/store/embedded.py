"""An embedded SPARQL store (Oxigraph): one named graph per document, the ontology and the
registry in their own, the union of all as the default graph for querying."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from ..errors import LimitReached, UnreadableInput, UsageError
from ..jsonld_context import resolved
from ..resources import PACKAGE
from ..vocab import (
    ACT_TYPE_FILES,
    ELI,
    ONTOLOGY_GRAPH,
    RDF_FORMATS,
    REGISTRY_BASE,
    REGISTRY_FILES,
    VERB_FORM_FILES,
    rdf_format,
)
from . import derived
from .answer import Answer
from .derived import DERIVED_GRAPH, Share
from .queries import bind, bound_in_graph, check_no_service, check_parameters, projected, query_text, term_node

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


VOCABULARIES = ((ONTOLOGY_GRAPH, ("eprdf.ttl", *VERB_FORM_FILES, *ACT_TYPE_FILES)), (REGISTRY_GRAPH, REGISTRY_FILES))
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
# left unresolved. The work-level triples are the same in every language and stay. (Full IRIs: a
# request of several operations can declare prefixes only before the first.)
REPLACE_EXPRESSION = """
DELETE { GRAPH ?graph { ?s ?p ?o } } WHERE {
  GRAPH ?graph {
    { ?expression <http://www.w3.org/ns/prov#wasDerivedFrom>|<http://www.w3.org/ns/prov#wasGeneratedBy> ?s .
      ?s ?p ?o }
    UNION { ?annotation <http://www.w3.org/ns/oa#hasBody> ?s . ?s <https://w3id.org/eprdf/ontology#unresolved> true .
            ?s ?p ?o FILTER (STRSTARTS(STR(?annotation), STR(?expression))) }
    UNION { ?annotation <http://www.w3.org/ns/oa#hasBody> ?reference .
            ?reference <https://w3id.org/eprdf/ontology#unresolved> true . ?s ?p ?reference
            BIND (?reference AS ?o) FILTER (STRSTARTS(STR(?annotation), STR(?expression))) }
    UNION { ?s ?p ?o FILTER (STRSTARTS(STR(?s), STR(?expression))) }
  }
}"""


# Named graphs that are not documents.
NOT_DOCUMENTS = frozenset({ONTOLOGY_GRAPH, VOCABULARY_STATE.value, REGISTRY_GRAPH, DERIVED_GRAPH})


@dataclass(frozen=True)
class _File:
    """What reading an exported graph tells before anything is written: its document's graph,
    how loading it replaces what is there, and its document's share of the derived graph."""

    path: Path
    format: ox.RdfFormat
    graph: str
    expressions: tuple[str, ...]  # empty: the file names no single work, its graph is replaced whole
    share: Share
    new: bool = False  # its document is new to the store: bulk-ingested


class Store:
    """The embedded store: ``Store(path)`` opens (or creates) a persistent store; ``Store()`` is in
    memory. The ontology and the registry are (re)loaded only when they differ from what the
    store holds; the derived graph is rewritten from the documents when its code changed."""

    def __init__(self, path: Path | None = None, read_only: bool = False) -> None:
        if read_only and path is None:
            raise ValueError("only a store on disk can be opened read-only")
        self.store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path) if path else None)
        self._actor_index: dict[str, set[str]] | None = None
        if not read_only:  # readers query what the last writer loaded; any number may read at once
            if path is not None:
                # the files of a bulk load stopped before it committed; now that this store holds
                # the folder's lock, no load can be writing them
                for leftover in path.glob("bulk-*.sst"):
                    leftover.unlink()
            self._add_vocabularies()
            self._derive_all()

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

    def _derive_all(self) -> None:
        """Write the derived graph again from every document, unless this code wrote it."""
        graph = ox.NamedNode(DERIVED_GRAPH)
        if any(True for _ in self.store.quads_for_pattern(derived.STATE, SHA256, derived.DIGEST, graph)):
            return
        tallies: Counter[derived.Key] = Counter()
        quads: list[ox.Quad] = [ox.Quad(derived.STATE, SHA256, derived.DIGEST, graph)]
        for name in self.documents():
            found = derived.share(self.store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
            tallies.update(found.tallies)
            quads += derived.footnote_quads(name, found.footnotes)
        quads += derived.tally_quads(tallies)
        self.store.update(f"CLEAR SILENT GRAPH <{DERIVED_GRAPH}> ; INSERT DATA {{ {_n_quads(quads)} }}")

    def load(self, path: Path) -> str:
        """Load one exported graph (see ``load_many``); returns its graph name."""
        return self.load_many([path])[0]

    def load_many(self, paths: Sequence[Path]) -> list[str]:
        """Load exported graphs, each into the named graph of its document (its work IRI). Each
        language is an expression of the work: loading another language adds it; loading a language
        again replaces what its earlier load put there. Returns each file's graph name.

        Documents new to the store, one file each, go in by one bulk ingestion with their share of
        the derived graph; the others (a language added to a work the store holds, one loaded
        again, two files of one work) then by one SPARQL update, which also rewrites the derived
        graph's tallies. Each is one transaction: a load stopped at any moment leaves every document
        and the derived graph as they were before it or after it. A file that cannot be read is
        refused and nothing is loaded.

        A bulk ingestion that at least doubles the number of documents is followed by a compaction
        of the store: its index files overlap each other, and until RocksDB merges them the
        questions take three to four times as long (merging them took 14 s after 1,000 documents).
        """
        syntaxes = [rdf_syntax(path) for path in paths]  # before any file is read
        held = len(self.documents())
        shared: set[str] = set()
        while True:
            files: list[_File] = []
            try:
                self.store.bulk_extend(self._new_documents(list(zip(paths, syntaxes, strict=True)), shared, files))
                break
            except _SharedGraph:
                # a file names the graph of one already ingested: find every such graph, start again
                counts = Counter(_read(path, syntax).graph for path, syntax in zip(paths, syntaxes, strict=True))
                shared = {graph for graph, count in counts.items() if count > 1}
        replacing = [f for f in files if not f.new]
        if replacing:
            self._replace(replacing)
        else:
            self._merge_tallies()
        if len(files) - len(replacing) >= max(held, 1):
            self.store.optimize()
        return [f.graph for f in files]

    def _new_documents(self, paths: list[tuple[Path, ox.RdfFormat]], shared: set[str],
                       files: list[_File]) -> Iterator[ox.Quad]:
        """The quads of the files whose documents are new to the store, read one at a time (a
        thousand documents need not be held in memory), then their share of the derived graph.
        Every file read is appended to ``files``."""
        tallies: Counter[derived.Key] = Counter()
        added: set[str] = set()
        for path, syntax in paths:
            triples = list(read_triples(path, syntax))
            file = _file(path, syntax, triples)
            new = file.graph not in shared and not self.store.contains_named_graph(ox.NamedNode(file.graph))
            if new and file.graph in added:
                raise _SharedGraph
            files.append(replace(file, new=new))
            if new:
                added.add(file.graph)
                graph = ox.NamedNode(file.graph)
                yield from (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
                yield from derived.footnote_quads(file.graph, file.share.footnotes)
                tallies.update(file.share.tallies)
        yield from derived.tally_quads(tallies)

    def _replace(self, files: list[_File]) -> None:
        """Apply loads that change documents the store holds, with their share of the derived graph,
        in one update. What the documents become is worked out first on a copy of them in memory,
        by the same statements."""
        graphs = list(dict.fromkeys(f.graph for f in files))
        scratch = ox.Store()
        for name in graphs:
            scratch.extend(self.store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
        before = [derived.share(scratch.quads_for_pattern(None, None, None, ox.NamedNode(g))) for g in graphs]
        statements = [_statement(f) for f in files]
        for statement in statements:
            scratch.update(statement)
        after = [derived.share(scratch.quads_for_pattern(None, None, None, ox.NamedNode(g))) for g in graphs]
        change: Counter[derived.Key] = Counter()
        for old, new in zip(before, after, strict=True):
            change.subtract(old.tallies)
            change.update(new.tallies)
        removed, added = derived.read_tallies(self.store).rewrite(change)
        for name, new in zip(graphs, after, strict=True):
            added += derived.footnote_quads(name, new.footnotes)
        # the derived graph's removals first, while the transaction has written nothing to read through
        statements = [*map(derived.drop_footnotes, graphs), f"DELETE DATA {{ {_n_quads(removed)} }}", *statements,
                      f"INSERT DATA {{ {_n_quads(added)} }}"]
        # one update, so one transaction: a load killed half-way leaves the earlier version whole
        self.store.update(" ;\n".join(statements))

    def _merge_tallies(self) -> None:
        """Merge each key's tallies into one record, so that the questions sum few of them."""
        removed, added = derived.read_tallies(self.store).rewrite(Counter())
        if removed:
            self.store.update(f"DELETE DATA {{ {_n_quads(removed)} }} ; INSERT DATA {{ {_n_quads(added)} }}")

    def documents(self) -> list[str]:
        """The named graphs of documents."""
        return [name for name in self.graphs() if name not in NOT_DOCUMENTS]

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

        A parameter is bound with VALUES inside the GRAPH block that uses it where ``bind`` can put
        it there; else, with one value that the query projects, substituted before the query is
        planned; else bound with VALUES at the top. More than ``max_rows`` answers raise
        LimitReached; a SERVICE clause is refused unless allowed.
        """
        text, values = query_text(query), self._values(params)
        check_parameters(text, values)
        if not allow_service:
            check_no_service(text)
        shown = projected(text)
        single = {k: v[0] for k, v in values.items()
                  if len(v) == 1 and (shown is None or k in shown) and not bound_in_graph(text, k)}
        try:
            try:
                result = self.store.query(bind(text, {k: v for k, v in values.items() if k not in single}),
                                          use_default_graph_as_union=True,
                                          substitutions={ox.Variable(k): term_node(v) for k, v in single.items()})
            except RuntimeError:  # a substitution Oxigraph refuses: bind every parameter with VALUES
                result = self.store.query(bind(text, values), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise UsageError("query", f"SPARQL syntax error: {exc}") from None
        if isinstance(result, ox.QueryBoolean):
            return Answer((), boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            return Answer(variables, rows=tuple(tuple(s) for s in _bounded(result, max_rows)))
        return Answer((), triples=tuple(_bounded(result, max_rows)))


class _SharedGraph(Exception):
    """Two files of a load name one graph new to the store."""


def rdf_syntax(path: Path) -> ox.RdfFormat:
    known = rdf_format(path.suffix)
    if known is None or known not in LOADABLE:
        raise UnreadableInput(str(path), f"unknown RDF syntax for extension {path.suffix!r}",
                              expected=", ".join(sorted(f".{e}" for f in LOADABLE for e in f.extensions)))
    return ox.RdfFormat.from_media_type(known.media_type)


def _read(path: Path, syntax: ox.RdfFormat) -> _File:
    return _file(path, syntax, list(read_triples(path, syntax)))


def work_of(triples: Iterable[ox.Quad | ox.Triple]) -> str | None:
    """The work whose expressions the triples realize: the name of its document's graph. None
    when they name no work or several."""
    works = {t.subject.value for t in triples if t.predicate == REALIZED_BY}
    return works.pop() if len(works) == 1 else None


def _file(path: Path, syntax: ox.RdfFormat, triples: list[ox.Quad]) -> _File:
    """What a file's triples say: its document's graph name (its work IRI, or the file's own IRI
    when it names no single work), the expressions it realizes and its share of the derived graph."""
    work = work_of(triples)
    expressions = tuple(sorted({t.object.value for t in triples if t.predicate == REALIZED_BY}))
    return _File(path, syntax, work or path.resolve().as_uri(), expressions if work else (), derived.share(triples))


def read_triples(path: Path, syntax: ox.RdfFormat) -> Iterator[ox.Quad]:
    """The file's triples, its blank nodes made unique to this reading so that two files (or a
    file and the store) never share one by their labels."""
    try:
        if syntax == ox.RdfFormat.JSON_LD:  # read whole, to give it the project's context
            yield from ox.parse(resolved(path.read_bytes(), str(path)), format=syntax, rename_blank_nodes=True)
        else:
            yield from ox.parse(path=str(path), format=syntax, rename_blank_nodes=True)
    except (SyntaxError, ValueError, OSError) as exc:
        raise UnreadableInput(str(path), f"not loadable: {exc}") from None


def _statement(file: _File) -> str:
    """The SPARQL update loading one file: what its earlier load put in the graph goes, its triples come."""
    if file.expressions:
        removal = " ; ".join(REPLACE_EXPRESSION.replace("?graph", f"<{file.graph}>")
                             .replace("?expression", f"<{expression}>") for expression in file.expressions)
    else:
        removal = f"CLEAR SILENT GRAPH <{file.graph}>"
    triples = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in read_triples(file.path, file.format)),
                           format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return f"{removal} ; INSERT DATA {{ GRAPH <{file.graph}> {{ {triples} }} }}"


def _n_quads(quads: Iterable[ox.Quad]) -> str:
    """Quads as the body of INSERT DATA: each graph's triples in a GRAPH block."""
    return "".join(f"GRAPH {quad.graph_name} {{ {quad.subject} {quad.predicate} {quad.object} }} " for quad in quads)


def _bounded(results: Iterable[T], max_rows: int | None) -> Iterator[T]:
    """The results, stopping the query as soon as there are more than ``max_rows``."""
    for count, item in enumerate(results, 1):
        if max_rows is not None and count > max_rows:
            raise LimitReached("query", f"the answer has more than {max_rows:,} rows",
                               expected="a narrower query, or a higher --max-rows")
        yield item


