"""The read-only web server: every IRI under the base at the path that follows the base, as HTML
for people and RDF for programs, chosen by content negotiation; a SPARQL endpoint; a search.

Abstract resources (a work, an actor, a paragraph) answer ``303 See Other`` to one of their
representations, ``/path.ext``; those answer ``200`` with ``Link: rel=alternate`` to the others."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, unquote

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import ConverterError, LimitReached
from ..languages import by_language
from ..store import named_query
from ..store.bounded import run_bounded
from .corpus import Corpus, shipped
from .describe import Description, describe
from .negotiation import (
    AKN,
    BY_EXTENSION,
    HTML,
    RDF_REPRESENTATIONS,
    TURTLE,
    Representation,
    choose,
    preferred_languages,
)
from .pages import Alternate, Pages
from .serialize import graph_bytes
from .sparql import Limits, Reply, answer

MAX_URL = 8 * 1024
MAX_BODY = 256 * 1024
SEARCH_LIMIT = 100
# Documents the server publishes from the package as they are (hash namespaces: one document
# holds every term).
SHIPPED = {"/ontology": "eprdf.ttl", "/shapes": "eprdf.shapes.ttl"}
DOT_SEGMENT = re.compile(r"(^|/)(\.|%2e){1,2}(/|$|\?)", re.IGNORECASE)
SEARCH = """PREFIX epr: <https://w3id.org/eprdf/ontology#>
SELECT ?unit ?text WHERE { ?unit epr:text ?text FILTER (CONTAINS(LCASE(STR(?text)), LCASE(?q))) }
ORDER BY ?unit LIMIT %d"""


def create_app(corpus: Corpus, limits: Limits | None = None) -> ASGIApp:
    """The web application over ``corpus``; queries are bounded by ``limits``."""
    limits = limits or Limits()
    pages = Pages(corpus)

    def home(request: Request) -> Response:
        return HTMLResponse(pages.home())

    def search(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        if not text:
            return HTMLResponse(pages.search("", None, False))
        query = SEARCH % (SEARCH_LIMIT + 1)
        try:
            found = run_bounded(lambda: corpus.store.query(query, {"q": text}), limits.seconds, limits.memory_mb,
                                "search")
        except LimitReached as error:
            return HTMLResponse(pages.table("Search", None, error=str(error)), status_code=503)
        more = len(found.rows) > SEARCH_LIMIT
        trimmed = type(found)(found.variables, rows=found.rows[:SEARCH_LIMIT])
        return HTMLResponse(pages.search(text, trimmed, more))

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
            found = run_bounded(lambda: corpus.store.query(text, params, max_rows=limits.rows), limits.seconds,
                                limits.memory_mb, name)
        except LimitReached as error:
            return HTMLResponse(pages.table(name, None, error=str(error)), status_code=503)
        except ConverterError as error:
            return HTMLResponse(pages.table(name, None, error=str(error)), status_code=400)
        return HTMLResponse(pages.table(name, found, summary=_summary(text)))

    async def sparql(request: Request) -> Response:
        text, refusal = await _sparql_text(request)
        if refusal is not None:
            return refusal
        if text is None:
            if choose(request.headers.get("accept"), (HTML,)) is not None:
                return HTMLResponse(pages.table("SPARQL", None, form="SELECT * WHERE { ?s ?p ?o } LIMIT 10"))
            return PlainTextResponse("Give a query: ?query=… or POST it.\n", status_code=400)
        reply: Reply = await run_in_threadpool(answer, corpus.store, text, request.headers.get("accept"), limits)
        return Response(reply.body, status_code=reply.status, media_type=reply.media_type,
                        headers={"Vary": "Accept"})

    def about(request: Request) -> Response:
        iri = request.query_params.get("iri", "")
        if corpus.path(iri) is not None:
            return RedirectResponse(quote(corpus.path(iri) or "", safe="/!~@:-._"), status_code=303)
        return _resource(iri, f"/about?iri={quote(iri, safe='')}", request, query_format=True)

    def context(request: Request) -> Response:
        return Response(shipped("context.jsonld").read_bytes(), media_type="application/ld+json",
                        headers={"Access-Control-Allow-Origin": "*"})

    def resolve(request: Request) -> Response:
        path = request.url.path
        stem, extension = _split(path)
        if extension is not None:
            return _information(stem, extension, request)
        return _negotiate(path, request)

    def _negotiate(path: str, request: Request) -> Response:
        offered = _offered(path)
        if offered is None:
            return _not_found(path)
        wanted = request.query_params.get("format")
        chosen = BY_EXTENSION.get(wanted) if wanted else choose(request.headers.get("accept"), offered)
        headers = {"Vary": "Accept", "Link": _links(path, offered)}
        if chosen is None or chosen not in offered:
            return _not_acceptable(offered, headers)
        return RedirectResponse(f"{quote(path, safe='/!~@:-._')}.{chosen.extension}", status_code=303,
                                headers=headers)

    def _offered(path: str) -> tuple[Representation, ...] | None:
        if path in SHIPPED:
            return (HTML, *RDF_REPRESENTATIONS)
        if path in corpus.files:
            return (HTML, *RDF_REPRESENTATIONS, AKN)
        node = ox.NamedNode(corpus.iri(path))
        store = corpus.oxigraph
        if any(True for _ in store.quads_for_pattern(node, None, None)) or \
                any(True for _ in store.quads_for_pattern(None, None, node)):
            return (HTML, *RDF_REPRESENTATIONS)
        return None

    def _information(path: str, extension: str, request: Request) -> Response:
        offered = _offered(path)
        representation = BY_EXTENSION[extension]
        if offered is None:
            return _not_found(path)
        if representation not in offered:
            return _not_acceptable(offered, {"Link": _links(path, offered)})
        headers = {"Link": _links(path, offered)}
        if path in SHIPPED:
            return _shipped(path, representation, headers)
        if path in corpus.files:
            if extension == "html":
                page = pages.document(corpus.iri(path), _alternates(path, offered))
                return HTMLResponse(page or "", headers=headers)
            file = corpus.file(path, extension)
            if file is not None:
                return Response(file.read_bytes(), media_type=representation.content_type, headers=headers)
            triples = ox.parse(path=str(corpus.file(path, "ttl")), format=ox.RdfFormat.TURTLE)
            return Response(graph_bytes((q.triple for q in triples), extension),
                            media_type=representation.content_type, headers=headers)
        expressions = sorted(p for p in corpus.files if p.rpartition("/")[0] == path)
        if extension == "html" and expressions:  # a work: its text, in the language the reader prefers
            chosen = _preferred(expressions, request.headers.get("accept-language", ""))
            page = pages.document(corpus.iri(chosen), _alternates(path, offered))
            return HTMLResponse(page or "", headers={**headers, "Vary": "Accept-Language"})
        return _resource(corpus.iri(path), path, request, extension=extension)

    def _resource(iri: str, path: str, request: Request, extension: str | None = None,
                  query_format: bool = False) -> Response:
        if not iri.startswith(("http://", "https://")):
            return PlainTextResponse("Give the IRI of a resource: ?iri=…\n", status_code=400)
        description = describe(corpus.oxigraph, iri)
        if not description:
            return _not_found(iri)
        offered = (HTML, *RDF_REPRESENTATIONS)
        if query_format:
            wanted = request.query_params.get("format")
            chosen = BY_EXTENSION.get(wanted) if wanted else choose(request.headers.get("accept"), offered)
            if chosen is None or chosen not in offered:
                return _not_acceptable(offered, {"Vary": "Accept"})
            extension = chosen.extension
        representation = BY_EXTENSION[extension or "html"]
        alternates = [Alternate(r.extension, r.media_type, _format_href(path, r, query_format)) for r in offered]
        headers = {"Link": ", ".join(f'<{a.href}>; rel="alternate"; type="{a.media_type}"' for a in alternates)}
        if query_format:
            headers["Vary"] = "Accept"
        if representation is HTML:
            return HTMLResponse(pages.resource(description, alternates), headers=headers)
        return Response(graph_bytes(description.triples, representation.extension),
                        media_type=representation.content_type, headers=headers)

    def _shipped(path: str, representation: Representation, headers: dict[str, str]) -> Response:
        file = shipped(SHIPPED[path])
        if representation is TURTLE:
            return Response(file.read_bytes(), media_type=representation.content_type, headers=headers)
        triples = [q.triple for q in ox.parse(path=str(file), format=ox.RdfFormat.TURTLE)]
        if representation is HTML:
            iri = corpus.iri(path)
            return HTMLResponse(pages.resource(Description(iri, tuple(triples), False),
                                               _alternates(path, (HTML, *RDF_REPRESENTATIONS))), headers=headers)
        return Response(graph_bytes(triples, representation.extension), media_type=representation.content_type,
                        headers=headers)

    def _alternates(path: str, offered: tuple[Representation, ...]) -> list[Alternate]:
        return [Alternate(r.extension, r.media_type, f"{quote(path, safe='/!~@:-._')}.{r.extension}")
                for r in offered]

    def _links(path: str, offered: tuple[Representation, ...]) -> str:
        return ", ".join(f'<{a.href}>; rel="alternate"; type="{a.media_type}"' for a in _alternates(path, offered))

    routes = [
        Route("/", home), Route("/search", search), Route("/questions", questions),
        Route("/questions/{name}", question), Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/about", about), Route("/context.jsonld", context), Route("/{path:path}", resolve),
    ]
    return _Guard(Starlette(routes=routes))


def _preferred(expressions: list[str], accept_language: str) -> str:
    """The expression in the language the reader ranks highest (``Accept-Language``), else the first."""
    tags = {by_language(e.rsplit("/", 1)[1].rstrip("@")).tag: e for e in expressions}
    return next((tags[t] for t in preferred_languages(accept_language) if t in tags), expressions[0])


def _split(path: str) -> tuple[str, str | None]:
    """A path and the representation its extension names, if it names one."""
    head, dot, extension = path.rpartition(".")
    if dot and "/" not in extension and extension in BY_EXTENSION and head:
        return head, extension
    return path, None


def _format_href(path: str, representation: Representation, query_format: bool) -> str:
    if query_format:
        return f"{path}&format={representation.extension}"
    return f"{quote(path, safe='/!~@:-._')}.{representation.extension}"


def _not_found(what: str) -> Response:
    return PlainTextResponse(f"Nothing is published at {what}.\n", status_code=404)


def _not_acceptable(offered: tuple[Representation, ...], headers: dict[str, str]) -> Response:
    names = ", ".join(f"{r.media_type} (.{r.extension})" for r in offered)
    return PlainTextResponse(f"None of the accepted formats is offered here; offered: {names}.\n",
                             status_code=406, headers=headers)


def _summary(text: str) -> str:
    return next((line[1:].strip() for line in text.splitlines() if line.startswith("#")), "")


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
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = _refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _refusal(scope: Scope) -> Response | None:
    raw = scope.get("raw_path") or scope["path"].encode()
    query = scope.get("query_string", b"")
    if len(raw) + len(query) > MAX_URL:
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
