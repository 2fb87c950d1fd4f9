"""Query answers as a table, CSV, TSV or JSON (SPARQL 1.1 results), or Turtle for triples."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox

from ..errors import printable
from ..store import Answer
from ..store.results import answer_bytes


def render(answer: Answer, fmt: str) -> str:
    if fmt == "json" and (answer.boolean is not None or answer.variables):
        return answer_bytes(answer, "application/sparql-results+json").decode("utf-8") + "\n"
    if answer.boolean is not None:
        return f"{str(answer.boolean).lower()}\n"
    if not answer.variables:
        return ox.serialize(list(answer.triples), format=ox.RdfFormat.TURTLE).decode("utf-8")
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
