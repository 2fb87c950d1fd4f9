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
    clean = code_only(query)
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
