"""Named queries (``queries/*.rq``) and parameters: values bound as RDF terms, never spliced
in as text."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from ..errors import UsageError
from ..resources import PACKAGE

QUERIES = Path(str(PACKAGE / "queries"))


def query_text(query: str) -> str:
    """The text of a query given as text or as the name of one in ``queries/``."""
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
    """Bind ``params`` (each a list of values) as VALUES blocks at the top of the WHERE clauses.

    Values are turned into RDF terms first (an IRI if the value is one, a string literal
    otherwise) and written by the RDF library, so no user text is spliced into the query. In a
    query without sub-queries, a parameter used only inside one ``GRAPH`` block is bound at the
    top of that block: Oxigraph joins a VALUES block outside ``GRAPH ?g { … }`` only after
    matching the whole block in every graph (seconds at a thousand documents), and joining it
    there or inside gives the same answers when nothing but groups and GRAPH blocks lie between.
    """
    if not params:
        return query
    check_parameters(query, params)
    clean = code_only(query)
    blocks = [(position, name) for name in sorted(params) for position in _places(clean, name)]
    for position, name in sorted(blocks, reverse=True):
        values = " ".join(_term(v) for v in params[name])
        query = f"{query[:position]} VALUES ?{name} {{ {values} }} {query[position:]}"
    return query


def bound_in_graph(query: str, name: str) -> bool:
    """Whether ``bind`` binds ``?name`` inside a GRAPH block, where Oxigraph joins it first (at a
    thousand documents, faster than substituting it)."""
    clean = code_only(query)
    return _places(clean, name) != _wheres(clean)


def _places(clean: str, name: str) -> list[int]:
    """Where to bind ``?name``: at the top of every WHERE clause, sub-queries included, so each sees
    the same values; in a query without sub-queries, perhaps inside a GRAPH block."""
    starts = _wheres(clean)
    return [_innermost_group(clean, starts[0], name)] if len(starts) == 1 else starts


def _wheres(clean: str) -> list[int]:
    """Where the WHERE clauses' groups begin (just after their "{")."""
    starts = [m.end() for m in re.finditer(r"\bWHERE\s*\{", clean, re.IGNORECASE)]
    if not starts:
        first = re.search(r"\{", clean)
        if first is None:
            raise UsageError("query", "no WHERE clause to bind parameters in")
        starts = [first.end()]
    return starts


# What comes before a group's "{": a GRAPH block, or a group that changes what joining means.
_GRAPH = re.compile(r"\bGRAPH\s*(?:[?$]\w+|[\w.-]*:[\w.-]*)?\s*$", re.IGNORECASE)
_NOT_A_JOIN = re.compile(r"\b(?:OPTIONAL|MINUS|EXISTS|UNION)\s*$|\bSERVICE\b[^{}]*$"
                         r"|\bVALUES\s*(?:[?$]\w+|\([^()]*\))\s*$", re.IGNORECASE)


def _innermost_group(clean: str, where: int, name: str) -> int:
    """Where to bind ``?name`` in the WHERE clause whose "{" ends at ``where``: at the top of the
    innermost GRAPH block holding every use of it in the clause, when only plain groups and GRAPH
    blocks lie around its uses (so that they are joined with the rest); else at the top of the clause."""
    groups: dict[int, tuple[int, bool]] = {}  # each group's "{": its "}", and whether it is only joined
    opened: list[tuple[int, bool]] = []
    for m in re.finditer(r"[{}]", clean[where - 1:]):
        position = where - 1 + m.start()
        if m.group() == "{":
            opened.append((position, not _NOT_A_JOIN.search(clean[max(0, position - 200):position])))
            continue
        start, joined = opened.pop()
        groups[start] = (position, joined and not re.match(r"\s*UNION\b", clean[position + 1:], re.IGNORECASE))
        if not opened:
            break
    end = groups[where - 1][0]
    uses = [m.start() for m in re.finditer(rf"[?$]{name}\b", clean) if where <= m.start() < end]
    if not uses:
        return where
    around = set.intersection(*({start for start, (close, _) in groups.items() if start < use < close}
                                for use in uses))
    if not all(groups[start][1] for start in around if start != where - 1):
        return where
    graphs = [start for start in around if _GRAPH.search(clean[max(0, start - 200):start])]
    return max(graphs) + 1 if graphs else where


def projected(query: str) -> set[str] | None:
    """The variables a SELECT query's outermost projection names (None for ``SELECT *`` and for
    other forms): Oxigraph substitutes only those. A variable inside ``(… AS ?x)`` is an
    expression's input, not projected."""
    clean = code_only(query)
    select = re.search(r"\bSELECT\b", clean, re.IGNORECASE)
    if select is None:
        return None
    end = re.compile(r"\bWHERE\b|\{", re.IGNORECASE).search(clean, select.end())
    head = clean[select.end():end.start() if end else len(clean)]
    while "(" in head:  # innermost parentheses first
        head = re.sub(r"\([^()]*\)", " ", head)
    if re.search(r"(?<![?$\w])\*", head):
        return None
    return set(re.findall(r"[?$](\w+)", head))


def check_parameters(query: str, params: dict[str, list[str]]) -> None:
    for name in params:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise UsageError("--param", f"{name!r} is not a SPARQL variable name")
        if not re.search(rf"[?$]{name}\b", query):
            raise UsageError("--param", f"the query has no variable ?{name} to bind")


def term_node(value: str) -> ox.NamedNode | ox.Literal:
    """An IRI if the value is one, else a string literal."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", value) and " " not in value:
        try:
            return ox.NamedNode(value)
        except ValueError:
            pass
    return ox.Literal(value)


def _term(value: str) -> str:
    return str(term_node(value))


# What is not SPARQL syntax inside a query: comments, IRIs and string literals (long ones first).
_NOT_CODE = re.compile(
    r"#[^\n]*"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|'''(?:[^\\]|\\.)*?'''"
    r'|"""(?:[^\\]|\\.)*?"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"',
    re.DOTALL)


def code_only(query: str) -> str:
    """The query with comments, IRIs and strings blanked out (same length, so positions still
    match): a keyword found in what remains is a keyword, not text a user wrote."""
    return _NOT_CODE.sub(lambda m: " " * len(m.group()), query)


def check_no_service(query: str) -> None:
    """Refuse federated queries: a SERVICE clause makes the store fetch from the network."""
    if re.search(r"\bSERVICE\b", code_only(query), re.IGNORECASE):
        raise UsageError("query", "the query has a SERVICE clause, which would reach the network",
                         expected="a query over the store only (--allow-service permits federated queries)")
