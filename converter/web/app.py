"""The read-only web server: every IRI under the base at the path that follows the base, as HTML
for people and RDF for programs, chosen by content negotiation (``resolve``); a SPARQL endpoint
(``sparql``); a search and the competency questions. This module is the HTTP layer only."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, quote, unquote

from starlette.applications import Starlette
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ConverterError, LimitReached
from ..store import named_query
from ..store.answer import Answer
from ..store.bounded import run_bounded
from .corpus import Corpus, shipped
from .negotiation import HTML, RDF_REPRESENTATIONS, choose
from .pages import Alternate, Pages
from .resolve import DUMP, Reply, Resolver, dump
from .sparql import Limits, answer

MAX_URL = 8 * 1024
MAX_BODY = 256 * 1024
SEARCH_LIMIT = 100
DOT_SEGMENT = re.compile(r"(^|/)(\.|%2e){1,2}(/|$|\?)", re.IGNORECASE)
SEARCH = """PREFIX epr: <https://w3id.org/eprdf/ontology#>
SELECT ?unit ?text WHERE { ?unit epr:text ?text FILTER (CONTAINS(LCASE(STR(?text)), LCASE(?q))) }
ORDER BY ?unit LIMIT %d"""


def create_app(corpus: Corpus, limits: Limits | None = None) -> ASGIApp:
    """The web application over ``corpus``; every query a request runs is bounded by ``limits``."""
    limits = limits or Limits()
    pages = Pages(corpus)
    resolver = Resolver(corpus, pages, f"{corpus.base}/sparql")

    def bounded(job: object, what: str) -> Answer:
        return run_bounded(job, limits.seconds, limits.memory_mb, what)  # type: ignore[arg-type]

    def home(request: Request) -> Response:
        return HTMLResponse(pages.home())

    def search(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        if not text:
            return HTMLResponse(pages.search("", None, False))
        try:
            found = bounded(lambda: corpus.store.query(SEARCH % (SEARCH_LIMIT + 1), {"q": text}), "search")
        except LimitReached as error:
            return HTMLResponse(pages.table("Search", None, error=str(error)), status_code=503)
        trimmed = Answer(found.variables, rows=found.rows[:SEARCH_LIMIT])
        return HTMLResponse(pages.search(text, trimmed, len(found.rows) > SEARCH_LIMIT))

    def questions(request: Request) -> Response:
        return HTMLResponse(pages.questions())

    def question(request: Request) -> Response:
        name = request.path_params["name"]
        try:
            text = named_query(name)
        except ConverterError:
            return PlainTextResponse(f"No question is called {name!r}.\n", status_code=404)
        params = dict(request.query_params)
        try:
            found = bounded(lambda: corpus.store.query(text, params, max_rows=limits.rows), name)
        except LimitReached as error:
            return HTMLResponse(pages.table(name, None, error=str(error)), status_code=503)
        except ConverterError as error:
            return HTMLResponse(pages.table(name, None, error=str(error)), status_code=400)
        summary = next((line[1:].strip() for line in text.splitlines() if line.startswith("#")), "")
        return HTMLResponse(pages.table(name, found, summary=summary))

    async def sparql(request: Request) -> Response:
        text, refusal = await _sparql_text(request)
        if refusal is not None:
            return refusal
        if text is None:  # the endpoint itself: a form for people, its description (a data service) for programs
            if choose(request.headers.get("accept"), (HTML, *RDF_REPRESENTATIONS)) is HTML:
                return HTMLResponse(pages.table("SPARQL", None, form="SELECT * WHERE { ?s ?p ?o } LIMIT 10"))
            return _response(resolver.get("/sparql", request.headers.get("accept"), request.query_params.get("format")))
        reply = await run_in_threadpool(answer, corpus.store, text, request.headers.get("accept"), limits)
        return _response(reply)

    def about(request: Request) -> Response:
        """Others' resources the store describes (a cited act), by ``?iri=``."""
        iri = request.query_params.get("iri", "")
        if not iri.startswith(("http://", "https://")):
            return PlainTextResponse("Give the IRI of a resource: ?iri=…\n", status_code=400)
        path = corpus.path(iri)
        if path is not None:
            return Response(status_code=303, headers={"Location": quote(path, safe="/!~@:-._")})
        wanted = request.query_params.get("format")
        own = f"/about?iri={quote(iri, safe='')}"
        offered = (HTML, *RDF_REPRESENTATIONS)
        chosen = next((r for r in offered if r.extension == wanted), None) if wanted else \
            choose(request.headers.get("accept"), offered)
        if chosen is None:
            return PlainTextResponse("None of the accepted formats is offered here.\n", status_code=406)
        shown = [Alternate(r.extension, r.media_type, f"{own}&format={r.extension}") for r in offered]
        headers = {"Vary": "Accept",
                   "Link": ", ".join(f'<{a.href}>; rel="alternate"; type="{a.media_type}"' for a in shown)}
        return _response(resolver.description(iri, chosen, shown, headers))

    def download(request: Request) -> Response:
        return StreamingResponse(iterate_in_threadpool(dump(corpus)), media_type="application/n-quads")

    def context(request: Request) -> Response:
        return Response(shipped("context.jsonld").read_bytes(), media_type="application/ld+json")

    def resolve(request: Request) -> Response:
        return _response(resolver.get(request.url.path, request.headers.get("accept"),
                                      request.query_params.get("format"),
                                      request.headers.get("accept-language", "")))

    routes = [
        Route("/", home), Route("/search", search), Route("/questions", questions),
        Route("/questions/{name}", question), Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/about", about), Route("/context.jsonld", context), Route(DUMP, download),
        Route("/{path:path}", resolve),
    ]
    # The dataset's description counts every triple (minutes at 1,000 documents): begin at start-up,
    # so that its first reader waits less; the other requests are answered meanwhile.
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        threading.Thread(target=resolver.dataset, daemon=True).start()
        yield

    return _Guard(Starlette(routes=routes, lifespan=lifespan))


def _response(reply: Reply) -> Response:
    return Response(reply.body, status_code=reply.status, headers={"Content-Type": reply.media_type, **reply.headers})


async def _sparql_text(request: Request) -> tuple[str | None, Response | None]:
    """The query a SPARQL Protocol request carries, or the response refusing it."""
    if request.method == "GET":
        if "update" in request.query_params:
            return None, _read_only()
        return request.query_params.get("query"), None
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        return None, PlainTextResponse(f"A query may have at most {MAX_BODY:,} bytes.\n", status_code=413)
    body = await request.body()
    if len(body) > MAX_BODY:
        return None, PlainTextResponse(f"A query may have at most {MAX_BODY:,} bytes.\n", status_code=413)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/sparql-update":
        return None, _read_only()
    if media == "application/sparql-query":
        return body.decode("utf-8", "replace"), None
    if media == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8", "replace"))
        if "update" in form:
            return None, _read_only()
        return (form.get("query") or [None])[0], None
    return None, PlainTextResponse("POST a query as application/sparql-query or as a form.\n", status_code=415)


def _read_only() -> Response:
    return PlainTextResponse("This endpoint is read-only: SPARQL updates are refused.\n", status_code=403)


class _Guard:
    """Refusals before any route runs: methods other than GET and HEAD (and POST to /sparql),
    dot segments in the path (a path names an IRI, never a file), and oversized request lines."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refusal = _refusal(scope) if scope["type"] == "http" else None
        await (refusal or self.app)(scope, receive, send)


def _refusal(scope: Scope) -> Response | None:
    raw = scope.get("raw_path") or scope["path"].encode()
    if len(raw) + len(scope.get("query_string", b"")) > MAX_URL:
        return PlainTextResponse(f"The request's address is longer than {MAX_URL:,} bytes.\n", status_code=414)
    method, path = scope["method"], scope["path"]
    allowed = "GET, HEAD, POST" if path == "/sparql" else "GET, HEAD"
    if method not in allowed.split(", "):
        return PlainTextResponse(f"{method} is not allowed here; allowed: {allowed}.\n", status_code=405,
                                 headers={"Allow": allowed})
    text = raw.decode("latin-1")
    if DOT_SEGMENT.search(text) or DOT_SEGMENT.search(unquote(text)) or DOT_SEGMENT.search(path):
        return PlainTextResponse("A path may not have '.' or '..' segments.\n", status_code=400)
    return None
