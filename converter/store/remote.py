"""A remote store reached by the SPARQL 1.1 Graph Store Protocol: each work's graph, the registry
and the ontology put (HTTP PUT, which replaces a graph whole) into named graphs of their own, with
the names the embedded store gives them. Every file is read and checked before the first request."""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from ..errors import RemoteStoreError, UnreadableInput, UsageError, printable
from ..resources import PACKAGE
from .embedded import VOCABULARIES, rdf_syntax, read_triples, work_of

N_TRIPLES = "application/n-triples"
# Connecting is quick or fails; a server may take its time to index a large graph before it answers.
TIMEOUT = httpx.Timeout(300.0, connect=10.0)
# How much of a refusal's body a message quotes.
EXCERPT = 300


@dataclass(frozen=True)
class Graph:
    """One named graph to put: its name, the files it is made of and its triples as N-Triples."""

    name: str
    sources: tuple[Path, ...]
    title: str  # the files, as messages name them
    body: bytes
    triples: int


def publication(paths: Sequence[Path]) -> Iterator[Graph]:
    """The graphs publishing ``paths`` puts: the ontology and the registry, then one per work,
    holding every file of that work (each language an expression of it), in the order of the
    works' first files. Every file is read and checked before the first graph is given (raising
    UnreadableInput for one that is not a converted document's graph), then read again for its
    work's graph, so that only one graph is held in memory at a time."""
    syntaxes = [rdf_syntax(path) for path in paths]  # every extension, before any file is read
    works: dict[str, list[Path]] = {}
    for path, syntax in zip(paths, syntaxes, strict=True):
        work = work_of(read_triples(path, syntax))
        if work is None:
            raise UnreadableInput(str(path), "not a converted document's graph: it names no single work",
                                  expected="a file written by convert (.ttl, .jsonld or .nt), whose expressions "
                                           "are eli:is_realized_by one work")
        works.setdefault(work, []).append(path)
    for name, files in VOCABULARIES:
        sources = tuple(Path(str(PACKAGE / "ontology" / file)) for file in files)
        yield _graph(name, sources, ", ".join(f"ontology/{file}" for file in files))
    for work, sources in works.items():
        yield _graph(work, tuple(sources), ", ".join(printable(str(source)) for source in sources))


def _graph(name: str, sources: tuple[Path, ...], title: str) -> Graph:
    triples = {f"{q.subject} {q.predicate} {q.object} .\n" for source in sources
               for q in read_triples(source, rdf_syntax(source))}
    # sorted, so that the same files give the same request
    return Graph(name, sources, title, "".join(sorted(triples)).encode("utf-8"), len(triples))


class GraphStore:
    """A SPARQL 1.1 Graph Store Protocol endpoint (``…/store`` of Oxigraph's server,
    ``…/sparql-graph-crud-auth`` of Virtuoso), written to with HTTP Basic or Digest authentication,
    whichever the server asks for. A ``GraphLoader``: queries go to the server's own SPARQL endpoint."""

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None) -> None:
        try:
            url = httpx.URL(endpoint)
        except httpx.InvalidURL as exc:
            raise UsageError("--endpoint", f"not a URL: {exc}", found=endpoint) from None
        if url.scheme not in ("http", "https") or not url.host:
            raise UsageError("--endpoint", "not an HTTP URL", expected="http://host:port/path or https://…",
                             found=endpoint)
        if url.userinfo:  # it would be shown in every message
            raise UsageError("--endpoint", "credentials in the URL", expected="--user and --password-env")
        self.endpoint = endpoint
        self._user = user
        auth = _Challenged(user, password or "") if user is not None else None
        self._client = httpx.Client(auth=auth, timeout=TIMEOUT)

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def load(self, path: Path) -> str:
        """Publish one exported graph (see ``load_many``); returns its graph's name."""
        return self.load_many([path])[0]

    def load_many(self, paths: Sequence[Path]) -> list[str]:
        """Publish exported graphs with the ontology and the registry; returns each file's graph name."""
        names = {path: graph.name for graph in self.publish(paths) for path in graph.sources}
        return [names[path] for path in paths]

    def publish(self, paths: Sequence[Path]) -> Iterator[Graph]:
        """Put every graph of ``publication(paths)``, yielding each once the server has taken it.
        Putting a graph replaces what the server held under its name, so publishing again leaves
        the same triples."""
        for graph in publication(paths):
            self.put(graph)
            yield graph

    def put(self, graph: Graph) -> None:
        where = f"{self.endpoint} (graph <{graph.name}>)"
        try:
            response = self._client.put(self.endpoint, params={"graph": graph.name}, content=graph.body,
                                        headers={"Content-Type": f"{N_TRIPLES}; charset=utf-8"})
        except httpx.TimeoutException as exc:
            raise RemoteStoreError(where, f"the server did not answer in time ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            raise RemoteStoreError(self.endpoint, f"no server could be reached: {str(exc) or type(exc).__name__}",
                                   expected="a running SPARQL 1.1 Graph Store Protocol endpoint at this address"
                                   ) from None
        if response.is_success:
            return
        status = f"HTTP {response.status_code} {response.reason_phrase}"
        if response.status_code == 401:
            if self._user is None:
                raise RemoteStoreError(self.endpoint, f"the server asks for credentials ({status})",
                                       expected="--user and --password-env")
            raise RemoteStoreError(self.endpoint, f"the server refused the credentials of user {self._user!r} "
                                                  f"({status})", expected="the user's right password")
        refused = "forbids writing" if response.status_code == 403 else "refused"
        moved = response.headers.get("location") if response.is_redirect else None
        raise RemoteStoreError(where, f"the server {refused} the graph of {graph.title} ({status}): "
                                      f"{_excerpt(response.text)!r}",
                               expected=f"the endpoint's address, which it gives as {moved}" if moved else None)


class _Challenged(httpx.Auth):
    """HTTP Basic or Digest authentication, whichever the server's first challenge asks for."""

    requires_request_body = True  # a challenged request is sent again, body and all

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._chosen is None:
            response = yield request
            challenges = response.headers.get_list("www-authenticate")
            if response.status_code != 401 or not challenges:
                return
            digest = any(c.lower().startswith("digest ") for c in challenges)
            self._chosen = self._digest if digest else self._basic
        yield from self._chosen.auth_flow(request)


def _excerpt(body: str) -> str:
    """The start of a response's body as one line of text (markup taken out)."""
    text = " ".join(re.sub(r"<[^>]*>", " ", body).split())
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"
