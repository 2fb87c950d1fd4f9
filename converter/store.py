"""An embedded SPARQL store (Oxigraph): one named graph per document, the ontology and the
registry in their own, the union of all as the default graph for querying."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import ConverterError, ExitCode, UnreadableInput
from .resources import PACKAGE

ONTOLOGY_GRAPH = "https://w3id.org/eprdf/ontology"
REGISTRY_GRAPH = "https://w3id.org/eprdf/actor/"
FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
           ".json": ox.RdfFormat.JSON_LD}
REALIZED_BY = ox.NamedNode("http://data.europa.eu/eli/ontology#is_realized_by")
QUERIES = Path(str(PACKAGE / "queries"))
ACTOR_KEYS = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?a ?key WHERE {{ GRAPH <{REGISTRY_GRAPH}> {{
  {{ ?a skos:exactMatch ?key }} UNION {{ ?a skos:prefLabel|skos:altLabel ?key }}
  UNION {{ ?a skos:inScheme ?scheme BIND (?a AS ?key) }} }} }}"""


class UsageError(ConverterError):
    """A query that cannot run as given: syntax, unknown name, parameters."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class Answer:
    """What a query returned: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()

    def records(self) -> list[dict[str, str | None]]:
        """Rows as plain dictionaries of strings (IRIs and literal values), for notebooks."""
        return [{v: (None if t is None else t.value) for v, t in zip(self.variables, row, strict=True)}
                for row in self.rows]


class Store:
    """``Store(path)`` opens (or creates) a persistent store; ``Store()`` is in memory."""

    def __init__(self, path: Path | None = None) -> None:
        self.store = ox.Store(str(path)) if path is not None else ox.Store()
        self._actor_index: dict[str, set[str]] | None = None
        self._add_vocabularies()

    def _add_vocabularies(self) -> None:
        for graph, names in ((ONTOLOGY_GRAPH, ("eprdf.ttl",)), (REGISTRY_GRAPH, ("actors.ttl", "countries.ttl"))):
            name = ox.NamedNode(graph)
            self.store.clear_graph(name)
            for file in names:
                self.store.bulk_load(path=str(PACKAGE / "ontology" / file), format=ox.RdfFormat.TURTLE,
                                     to_graph=name)

    def load(self, path: Path) -> str:
        """Load one exported graph into the named graph of its document (its work IRI), replacing
        what an earlier load of the same document put there. Returns the graph name."""
        fmt = FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise UnreadableInput(str(path), f"unknown RDF syntax for extension {path.suffix!r}",
                                  expected=", ".join(sorted(FORMATS)))
        try:
            quads = list(ox.parse(path=str(path), format=fmt))
        except (SyntaxError, ValueError, OSError) as exc:
            raise UnreadableInput(str(path), f"not loadable: {exc}") from None
        works = sorted({q.subject.value for q in quads if q.predicate == REALIZED_BY})
        name = ox.NamedNode(works[0] if len(works) == 1 else path.resolve().as_uri())
        self.store.clear_graph(name)
        self.store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, name) for q in quads)
        return name.value

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def _values(self, params: dict[str, str] | None) -> dict[str, list[str]]:
        """Each parameter's values; an ``actor`` is resolved against the registry first (its
        registry IRI, a Wikidata or authority-table IRI, or any of its names)."""
        return {name: self.actors(value) if name == "actor" else [value] for name, value in (params or {}).items()}

    def prepare(self, query: str, params: dict[str, str] | None = None) -> str:
        """The query's text (or the named one's) with its parameters bound in VALUES blocks."""
        return bind(_text(query), self._values(params))

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

    def query(self, query: str, params: dict[str, str] | None = None) -> Answer:
        """Run a query (its text, or the name of one in ``queries/``) with parameters bound as terms.

        A parameter with one value is substituted before the query is planned (fast: the planner
        sees a constant) when the query projects it; otherwise it is bound with VALUES.
        """
        text, values = _text(query), self._values(params)
        check_parameters(text, values)
        try:
            result = None
            if values and all(len(v) == 1 for v in values.values()):
                substitutions = {ox.Variable(k): _term_node(v[0]) for k, v in values.items()}
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
            return Answer(variables, rows=tuple(tuple(s[v] for v in variables) for s in result))
        return Answer((), triples=tuple(result))


def _text(query: str) -> str:
    return named_query(query) if re.fullmatch(r"[a-z0-9-]+", query) else query


def named_query(name: str) -> str:
    path = QUERIES / f"{name}.rq"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in QUERIES.glob("*.rq")))
        raise UsageError(name, "no such query", expected=f"one of {known}, a file (-f) or SPARQL text")
    return path.read_text(encoding="utf-8")


def declared_parameters(query: str) -> list[str]:
    """The parameters a query's header comment declares ("# Parameters: ?actor: …")."""
    header = re.search(r"^#\s*Parameters:(.*)$", query, re.MULTILINE)
    return re.findall(r"\?(\w+):", header.group(1)) if header else []


def bind(query: str, params: dict[str, list[str]]) -> str:
    """Bind ``params`` (each a list of values) as a VALUES block at the top of the WHERE clauses.

    Values are turned into RDF terms first (an IRI if the value is one, a string literal
    otherwise) and written by the RDF library, so no user text is spliced into the query.
    """
    if not params:
        return query
    check_parameters(query, params)
    block = " ".join(f"VALUES ?{name} {{ {' '.join(_term(v) for v in values)} }}"
                     for name, values in sorted(params.items()))
    # at the top of every WHERE clause, sub-queries included, so each sees the same values
    clean = _without_comments(query)
    starts = [m.end() for m in re.finditer(r"\bWHERE\s*\{", clean, re.IGNORECASE)]
    if not starts:
        first = re.search(r"\{", clean)
        if first is None:
            raise UsageError("query", "no WHERE clause to bind parameters in")
        starts = [first.end()]
    for position in reversed(starts):
        query = query[:position] + " " + block + " " + query[position:]
    return query


def check_parameters(query: str, params: dict[str, list[str]]) -> None:
    for name in params:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise UsageError("--param", f"{name!r} is not a SPARQL variable name")
        if not re.search(rf"[?$]{name}\b", query):
            raise UsageError("--param", f"the query has no variable ?{name} to bind")


def _term_node(value: str) -> ox.NamedNode | ox.Literal:
    """An IRI if the value is one, else a string literal."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", value) and " " not in value:
        try:
            return ox.NamedNode(value)
        except ValueError:
            pass
    return ox.Literal(value)


def _term(value: str) -> str:
    return str(_term_node(value))


def _without_comments(query: str) -> str:
    """The query with comments blanked out (same length), so positions still match."""
    return re.sub(r"#[^\n]*", lambda m: " " * len(m.group()), query)


def load_all(store: Store, paths: Iterable[Path]) -> list[str]:
    return [store.load(p) for p in paths]
