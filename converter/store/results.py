"""Query answers in the SPARQL 1.1 result formats (JSON, XML, CSV), written by rdflib's result
serialisers: for the SPARQL endpoint and for ``query --format json``."""

from __future__ import annotations

from rdflib import Variable, plugin
from rdflib.query import Result, ResultSerializer

from ..rdf.read import rdflib_term
from .answer import Answer

# media type → rdflib's serialiser name
RESULT_FORMATS = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
}


def load_result_writers() -> None:
    """Import rdflib's SPARQL result writers, which it imports on first use with its whole SPARQL
    engine (a tenth of a second of CPU). A query answered in a forked process would import them
    anew each time: call this in the parent first."""
    for name in RESULT_FORMATS.values():
        plugin.get(name, ResultSerializer)


def answer_bytes(answer: Answer, media_type: str) -> bytes:
    """A SELECT or ASK answer in a SPARQL results format (one of ``RESULT_FORMATS``)."""
    if answer.boolean is not None:
        result = Result("ASK")
        result.askAnswer = answer.boolean
    else:
        result = Result("SELECT")
        result.vars = [Variable(v) for v in answer.variables]
        result.bindings = [{Variable(v): rdflib_term(t) for v, t in zip(answer.variables, row, strict=True)
                            if t is not None} for row in answer.rows]
    return result.serialize(format=RESULT_FORMATS[media_type], encoding="utf-8")
