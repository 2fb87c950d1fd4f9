"""The project's JSON-LD context (``ontology/context.jsonld``), published at ``CONTEXT_IRI``: its
terms as the JSON-LD writer uses them, and that IRI resolved to the packaged copy for every reader
of JSON-LD, which never fetches a context."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from .errors import UnreadableInput
from .resources import path
from .vocab import CONTEXT_IRI

ID = "@id"


@dataclass(frozen=True)
class Term:
    """A property's term: its key in a node object, the coercion its values are read with (``@id``,
    a datatype IRI, or None), whether it holds a language map, and the key for the values that do
    not fit it (its compact IRI, or its full IRI where the term is named by its compact IRI)."""

    name: str
    coercion: str | None
    language_map: bool
    other: str


@dataclass(frozen=True)
class Context:
    """The context as read: its prefixes and its property terms."""

    definition: dict[str, Any]  # the value of the file's "@context"
    namespaces: tuple[tuple[str, str], ...]  # (namespace IRI, prefix), the longest first
    terms: dict[str, Term]  # by property IRI

    def compact(self, iri: str) -> str:
        """The IRI as prefix:local, or whole where no prefix fits (or the local part begins with
        "//", which JSON-LD reads as an IRI of its own)."""
        for namespace, prefix in self.namespaces:
            local = iri[len(namespace):]
            if iri.startswith(namespace) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri

    def expand(self, value: str) -> str:
        prefix, _, local = value.partition(":")
        return next((namespace + local for namespace, p in self.namespaces if p == prefix), value)


@cache
def context() -> Context:
    definition: dict[str, Any] = json.loads(path("ontology", "context.jsonld").read_text(encoding="utf-8"))["@context"]
    prefixes = {name: iri for name, iri in definition.items() if isinstance(iri, str)}
    namespaces = tuple(sorted(((iri, name) for name, iri in prefixes.items()), key=lambda pair: -len(pair[0])))
    partial = Context(definition, namespaces, {})
    terms = {}
    for name, term in definition.items():
        if isinstance(term, dict):
            iri = partial.expand(term["@id"])
            coercion = term.get("@type")
            terms[iri] = Term(name, coercion if coercion in (None, ID) else partial.expand(coercion),
                              term.get("@container") == "@language", iri if ":" in name else partial.compact(iri))
    return Context(definition, namespaces, terms)


def resolved(data: bytes, source: str) -> bytes:
    """A JSON-LD document with every reference to the project's context replaced by the context
    itself, so that it parses offline. A reference to any other context, which would have to be
    fetched, is refused; bytes that are not JSON are returned as they are, for the parser to report."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return data
    remote: list[str] = []
    replaced = _inline(document, remote)
    if remote:
        raise UnreadableInput(source, f"its @context names a remote document, {remote[0]!r}, and no context is "
                              "fetched", expected=f"the context written into the file, or {CONTEXT_IRI}, which is "
                              "known without fetching")
    if not replaced:
        return data
    try:
        return json.dumps(document, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except ValueError:  # a number too large for a float, which json read as infinity
        raise UnreadableInput(source, "a number in the file is too large to be read") from None


def _inline(document: Any, remote: list[str]) -> bool:
    """Replace, in place, the references to our context in every ``@context`` of the document; note
    the references to other contexts. Whether anything was replaced. A literal's ``@value`` is data
    and left alone. Iterative: the JSON reader allows deeper nesting than Python's call stack."""
    ours = context().definition
    replaced = False
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack += item
        elif isinstance(item, dict):
            for key, value in item.items():
                if key == "@context":
                    entries = value if isinstance(value, list) else [value]
                    new = [_entry(entry, ours, remote) for entry in entries]
                    if any(n is not e for n, e in zip(new, entries, strict=True)):
                        replaced = True
                        item[key] = new if isinstance(value, list) else new[0]
                    stack += [n for n in new if isinstance(n, dict) and n is not ours]  # scoped contexts
                elif key != "@value":
                    stack.append(value)
    return replaced


def _entry(entry: Any, ours: dict[str, Any], remote: list[str]) -> Any:
    """One entry of an ``@context``: ours for its IRI, and under a context that imports it (its own
    entries over ours, as JSON-LD 1.1 merges them); any other as it is, noting an IRI to fetch."""
    if entry == CONTEXT_IRI:
        return ours
    if isinstance(entry, str):
        remote.append(entry)
    elif isinstance(entry, dict):
        imported = entry.get("@import")
        if imported == CONTEXT_IRI:
            return {**ours, **{key: value for key, value in entry.items() if key != "@import"}}
        if isinstance(imported, str):
            remote.append(imported)
    return entry
