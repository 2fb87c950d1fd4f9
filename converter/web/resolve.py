"""Linked-data resolution, without HTTP: what a request path under the base answers — a 303 to
the representation the client prefers for an abstract resource, or the representation itself
(a page, RDF in four syntaxes, an expression's exported files). The web server and the static
site both answer from here."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import quote

import pyoxigraph as ox

from ..languages import by_language
from .corpus import Corpus, shipped
from .dataset import describe_dataset, published_graphs
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
from .ontology_page import ontology_html
from .pages import Alternate, Pages
from .serialize import graph_bytes

# Documents published from the package as they are (hash namespaces: one document holds every term).
SHIPPED = {"/ontology": "eprdf.ttl", "/shapes": "eprdf.shapes.ttl"}
RESOURCE = (HTML, *RDF_REPRESENTATIONS)
EXPRESSION = (*RESOURCE, AKN)
SAFE = "/!~@:-._"
# The first path segments of the dataset description's IRIs (catalogue, dataset and its parts,
# publisher, data service), and where the whole published data can be downloaded.
DATASET_SEGMENTS = frozenset({"catalogue", "dataset", "project", "sparql"})
DUMP = "/dump.nq"
# The languages the ontology's page is written in.
ONTOLOGY_LANGUAGES = ("en", "nl")


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def href(path: str, representation: Representation | None = None) -> str:
    """A path (and a representation's extension) as it is written in a link."""
    return quote(path, safe=SAFE) + (f".{representation.extension}" if representation else "")


def split(path: str) -> tuple[str, Representation | None]:
    """A path and the representation its extension names, if it names one (``/x/RUS.ttl``)."""
    head, dot, extension = path.rpartition(".")
    if dot and "/" not in extension and extension in BY_EXTENSION and head:
        return head, BY_EXTENSION[extension]
    return path, None


class Resolver:
    """Answers for the IRIs of one corpus. The store does not change while it runs, so a few
    descriptions are kept: a client (or the static site) asks for several formats of one resource.
    The dataset's description (VoID, DCAT-AP) is made the first time one of its IRIs is asked for,
    and kept: it counts every triple."""

    def __init__(self, corpus: Corpus, pages: Pages, sparql_endpoint: str | None = None) -> None:
        self.corpus, self.pages, self.sparql_endpoint = corpus, pages, sparql_endpoint
        self.describe = lru_cache(maxsize=64)(self._describe)
        self._dataset: ox.Store | None = None
        self._lock = threading.Lock()

    def dataset(self) -> ox.Store:
        """The dataset's description, in a store of its own (made once, whichever thread asks first)."""
        with self._lock:
            return self._made_dataset()

    def _made_dataset(self) -> ox.Store:
        if self._dataset is None:
            graph = describe_dataset(self.corpus.store, self.corpus.base, self.sparql_endpoint, {"nq": DUMP})
            store = ox.Store()
            store.extend(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
            self._dataset = store
        return self._dataset

    def _describe(self, iri: str) -> Description:
        found = describe(self.corpus.oxigraph, iri)
        if not found and self._about_dataset(iri):
            found = describe(self.dataset(), iri)
        return found

    def _about_dataset(self, iri: str) -> bool:
        path = self.corpus.path(iri)
        return path is not None and path.split("/")[1] in DATASET_SEGMENTS

    def offered(self, path: str) -> tuple[Representation, ...] | None:
        """The representations of the resource at ``path``; None when nothing is published there."""
        if path in SHIPPED:
            return RESOURCE
        if path in self.corpus.files:
            return EXPRESSION
        node = ox.NamedNode(self.corpus.iri(path))
        stores = [self.corpus.oxigraph] + ([self.dataset()] if self._about_dataset(node.value) else [])
        for store in stores:
            if any(True for _ in store.quads_for_pattern(node, None, None)) or \
                    any(True for _ in store.quads_for_pattern(None, None, node)):
                return RESOURCE
        return None

    def get(self, path: str, accept: str | None = None, wanted: str | None = None,
            accept_language: str = "") -> Reply:
        """The answer for a request path: ``wanted`` is a ``?format=``, ``accept`` the header."""
        stem, representation = split(path)
        if representation is not None:
            return self.representation(stem, representation, accept_language)
        offered = self.offered(path)
        if offered is None:
            return not_found(path)
        chosen = BY_EXTENSION.get(wanted or "") if wanted else choose(accept, offered)
        headers = {"Vary": "Accept", "Link": links(path, offered)}
        if chosen is None or chosen not in offered:
            return not_acceptable(offered, headers)
        return Reply(303, "text/plain", headers={**headers, "Location": href(path, chosen)})

    def representation(self, path: str, representation: Representation, accept_language: str = "") -> Reply:
        offered = self.offered(path)
        if offered is None:
            return not_found(path)
        headers = {"Link": links(path, offered)}
        if representation not in offered:
            return not_acceptable(offered, headers)
        if path in SHIPPED:
            return self._shipped(path, representation, headers, accept_language)
        if path in self.corpus.files:
            return self._expression(path, representation, headers)
        expressions = sorted(p for p in self.corpus.files if p.rpartition("/")[0] == path)
        if representation is HTML and expressions:  # a work: its text, in the language the reader prefers
            tags = {by_language(e.rsplit("/", 1)[1].rstrip("@")).tag: e for e in expressions}
            chosen = next((tags[t] for t in preferred_languages(accept_language) if t in tags), expressions[0])
            page = self.pages.document(self.corpus.iri(chosen), alternates(path, offered))
            return Reply(200, HTML.content_type, (page or "").encode(), {**headers, "Vary": "Accept-Language"})
        return self.description(self.corpus.iri(path), representation, alternates(path, offered), headers)

    def description(self, iri: str, representation: Representation, shown: list[Alternate],
                    headers: dict[str, str]) -> Reply:
        """The representation of a resource the store describes, under the base or not (a cited act)."""
        found: Description = self.describe(iri)
        if not found:
            return not_found(iri)
        if representation is HTML:
            return Reply(200, HTML.content_type, self.pages.resource(found, shown).encode(), headers)
        return Reply(200, representation.content_type, graph_bytes(found.triples, representation.extension), headers)

    def _expression(self, path: str, representation: Representation, headers: dict[str, str]) -> Reply:
        if representation is HTML:
            page = self.pages.document(self.corpus.iri(path), alternates(path, EXPRESSION)) or ""
            return Reply(200, HTML.content_type, page.encode(), headers)
        file = self.corpus.file(path, representation.extension)
        if file is not None:  # the manifestation: the file as it was exported
            return Reply(200, representation.content_type, file.read_bytes(), headers)
        exported = ox.parse(path=str(self.corpus.file(path, "ttl")), format=ox.RdfFormat.TURTLE)
        return Reply(200, representation.content_type,
                     graph_bytes((q.triple for q in exported), representation.extension), headers)

    def _shipped(self, path: str, representation: Representation, headers: dict[str, str],
                 accept_language: str = "") -> Reply:
        file = shipped(SHIPPED[path])
        if representation is TURTLE:
            return Reply(200, representation.content_type, file.read_bytes(), headers)
        if representation is HTML and path == "/ontology":
            language = next((t for t in preferred_languages(accept_language) if t in ONTOLOGY_LANGUAGES), "en")
            return Reply(200, HTML.content_type, ontology_html(language).encode(),
                         {**headers, "Vary": "Accept-Language"})
        triples = tuple(q.triple for q in ox.parse(path=str(file), format=ox.RdfFormat.TURTLE))
        if representation is HTML:
            found = Description(self.corpus.iri(path), triples, False)
            return Reply(200, HTML.content_type, self.pages.resource(found, alternates(path, RESOURCE)).encode(),
                         headers)
        return Reply(200, representation.content_type, graph_bytes(triples, representation.extension), headers)


def alternates(path: str, offered: tuple[Representation, ...]) -> list[Alternate]:
    return [Alternate(r.extension, r.media_type, href(path, r)) for r in offered]


def links(path: str, offered: tuple[Representation, ...]) -> str:
    return ", ".join(f'<{a.href}>; rel="alternate"; type="{a.media_type}"' for a in alternates(path, offered))


def not_found(what: str) -> Reply:
    return Reply(404, "text/plain; charset=utf-8", f"Nothing is published at {what}.\n".encode())


def not_acceptable(offered: tuple[Representation, ...], headers: dict[str, str]) -> Reply:
    names = ", ".join(f"{r.media_type} (.{r.extension})" for r in offered)
    return Reply(406, "text/plain; charset=utf-8",
                 f"None of the accepted formats is offered here; offered: {names}.\n".encode(), headers)


def dump(corpus: Corpus, batch: int = 50_000) -> Iterator[bytes]:
    """Everything published, as N-Quads, a batch of quads at a time (a corpus of 1,000 documents
    is about a gigabyte): each document's graph, the ontology's and the registry's."""
    store = corpus.oxigraph
    for graph in published_graphs(corpus.store):
        quads = store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        while chunk := list(itertools.islice(quads, batch)):
            yield ox.serialize(chunk, format=ox.RdfFormat.N_QUADS)
