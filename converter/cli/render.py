"""Query answers as a table, CSV, TSV or JSON (SPARQL 1.1 results), or Turtle for triples."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

from ..errors import printable
from ..store import Answer


def render(answer: Answer, fmt: str) -> str:
    if answer.boolean is not None:
        return json.dumps({"head": {}, "boolean": answer.boolean}) + "\n" if fmt == "json" else \
            f"{str(answer.boolean).lower()}\n"
    if not answer.variables:
        return ox.serialize(list(answer.triples), format=ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(answer.variables, row, strict=True) if t is not None}
                    for row in answer.rows]
        return json.dumps({"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1) + "\n"
    values = [[_plain(t) for t in row] for row in answer.rows]
    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(answer.variables)
        writer.writerows(values)
        return out.getvalue()
    values = [[_shown(t) for t in row] for row in answer.rows]
    widths = [max([len(v)] + [min(len(r[i]), 80) for r in values]) for i, v in enumerate(answer.variables)]
    lines = [" | ".join(v.ljust(w) for v, w in zip(answer.variables, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    for row in values:
        cells = [(c if len(c) <= 80 else c[:77] + "...").ljust(w) for c, w in zip(row, widths, strict=True)]
        lines.append(" | ".join(cells).rstrip())
    lines.append(f"({len(values)} row{'s' if len(values) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _plain(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    return "" if term is None else term.value


def _shown(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    """A value for the terminal: control characters from the data shown as escapes."""
    return printable(_plain(term))


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out
