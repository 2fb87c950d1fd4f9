"""The SPARQL 1.1 Protocol, read-only: a query from GET or POST (form or direct body), answered in a
process of its own that is killed when it overruns its time (Oxigraph's own timeout does not stop a
cross product or a long sort) and stopped when its answer has too many rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import ConverterError, LimitReached
from ..store import Store
from ..store.bounded import run_bounded
from ..store.results import RESULT_FORMATS, answer_bytes, load_result_writers
from .negotiation import RDF_REPRESENTATIONS, Representation, choose
from .resolve import Reply
from .serialize import graph_bytes

# Comments (an IRI with # stays: it is inside <>), then the PREFIX and BASE declarations.
COMMENT = re.compile(r"(?m)#[^\n]*$")
PROLOGUE = re.compile(r"(?is)^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*")
UPDATE = re.compile(r"(?i)(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b")
GRAPH_FORMS = re.compile(r"(?i)(?:CONSTRUCT|DESCRIBE)\b")
RESULTS = tuple(Representation(name, media) for media, name in RESULT_FORMATS.items())


@dataclass(frozen=True)
class Limits:
    seconds: float = 10.0
    rows: int = 10_000
    memory_mb: int = 2048


def is_update(text: str) -> bool:
    return bool(UPDATE.match(_body(text)))


def _body(text: str) -> str:
    """The request's text from its first keyword after the prologue."""
    return PROLOGUE.sub("", COMMENT.sub("", text), count=1)


def answer(store: Store, text: str, accept: str | None, limits: Limits) -> Reply:
    """The reply to a query: its answer in the format the client accepts, or a refusal."""
    if is_update(text):
        return Reply(403, "text/plain; charset=utf-8", b"This endpoint is read-only: SPARQL updates are refused.\n")
    kind = _kind(text)
    offered = RDF_REPRESENTATIONS if kind == "graph" else RESULTS
    chosen = choose(accept, offered)
    if chosen is None:
        names = ", ".join(r.media_type for r in offered)
        return Reply(406, "text/plain; charset=utf-8",
                     f"No acceptable format; this answer is offered as: {names}\n".encode())

    load_result_writers()

    def job() -> str:
        found = store.query(text, max_rows=limits.rows)
        if found.triples or (kind == "graph" and found.boolean is None and not found.variables):
            return graph_bytes(found.triples, chosen.extension).decode("utf-8")
        return answer_bytes(found, chosen.media_type).decode("utf-8")

    try:
        body = run_bounded(job, limits.seconds, limits.memory_mb, "query")
    except LimitReached as error:
        return Reply(503, "text/plain; charset=utf-8", f"{error}\n".encode())
    except ConverterError as error:
        return Reply(400, "text/plain; charset=utf-8", f"{error}\n".encode())
    return Reply(200, chosen.content_type, body.encode("utf-8"), {"Vary": "Accept"})


def _kind(text: str) -> str:
    """"graph" for CONSTRUCT and DESCRIBE, "results" otherwise (a guess from the first keyword; a
    wrong guess only changes which formats are offered)."""
    return "graph" if GRAPH_FORMS.match(_body(text)) else "results"
