"""The JSON-LD writer: compact JSON-LD that refers to the project's context by its IRI and uses its
terms. One flat node object per subject in ``@graph``, sorted by ``@id``, each property's values
sorted. Written directly from the sorted triples: the general JSON-LD algorithms (rdflib's writer,
pyld's compaction) take 10 to 20 times as long for this one flat shape.

Every value is written so that it reads back as exactly the triple's object: in the short form its
term coerces to (an IRI as a string under an ``@id`` term, a literal of the term's datatype as its
lexical form, or as JSON's own number or boolean where that is the canonical form, a language-tagged
string in the term's language map), else as an explicit ``@id`` or ``@value`` object, which no
coercion changes. Values that cannot go in a language map are written under the property's other
key (its compact or full IRI)."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.term import Node

from ..jsonld_context import ID, context
from ..vocab import CONTEXT_IRI

TYPE = RDF.type  # rdflib's namespace attribute lookup is slow in the loop
CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*")
# JSON-LD reads a number of this size or more as an xsd:double
DOUBLE_FROM = 10**21


def write(triples: list[tuple[Node, Node, Node]]) -> bytes:
    """The triples, sorted by subject with each subject's types first, as JSON-LD."""
    ctx = context()
    compact = cache(ctx.compact)
    nodes = []
    for subject, group in itertools.groupby(triples, key=lambda t: t[0]):
        node: dict[str, Any] = {"@id": compact(str(subject))}
        for predicate, pairs in itertools.groupby(group, key=lambda t: t[1]):
            objects = [o for _, _, o in pairs]
            if predicate == TYPE:
                values = sorted(compact(str(o)) for o in objects)
                node["@type"] = values[0] if len(values) == 1 else values
                continue
            term = ctx.terms.get(str(predicate))
            if term is None:
                _put(node, compact(str(predicate)), [_value(o, None, compact) for o in objects])
            elif term.language_map:
                tagged = [o for o in objects if isinstance(o, Literal) and o.language]
                if tagged:
                    node[term.name] = _language_map(tagged)
                others = [_value(o, None, compact) for o in objects if not (isinstance(o, Literal) and o.language)]
                if others:
                    _put(node, term.other, others)
            else:
                _put(node, term.name, [_value(o, term.coercion, compact) for o in objects])
        nodes.append(node)
    nodes.sort(key=lambda n: n["@id"])
    data = {"@context": CONTEXT_IRI, "@graph": nodes}
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _put(node: dict[str, Any], key: str, values: list[Any]) -> None:
    node[key] = values[0] if len(values) == 1 else sorted(values, key=_json_key)


def _language_map(literals: list[Literal]) -> dict[str, str | list[str]]:
    by_language: dict[str, list[str]] = {}
    for literal in literals:
        by_language.setdefault(literal.language, []).append(str(literal))
    return {language: texts[0] if len(texts) == 1 else sorted(texts) for language, texts in by_language.items()}


def _value(term: Node, coercion: str | None, compact: Callable[[str], str]) -> Any:
    """The JSON of one object under a key whose term coerces to ``coercion``."""
    if isinstance(term, URIRef):
        iri = compact(str(term))
        return iri if coercion == ID else {"@id": iri}
    if not isinstance(term, Literal):
        raise ValueError(f"blank node {term!r} in an exported graph")
    text = str(term)
    if term.language:
        return {"@language": term.language, "@value": text}
    if term.datatype is None or term.datatype == XSD.string:
        return text if coercion is None else {"@value": text}
    if coercion == str(term.datatype):
        native = _native(term)
        return text if native is None else native
    native = _native(term) if coercion is None else None
    return native if native is not None else {"@type": compact(str(term.datatype)), "@value": text}


def _native(term: Literal) -> int | bool | None:
    """JSON's own number or boolean for an integer or boolean in its canonical form, as JSON-LD
    reads them back (xsd:integer, xsd:boolean); None for anything else."""
    text = str(term)
    if term.datatype == XSD.integer and CANONICAL_INTEGER.fullmatch(text) and abs(number := int(text)) < DOUBLE_FROM:
        return number
    if term.datatype == XSD.boolean and text in ("true", "false"):
        return text == "true"
    return None


def _json_key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)
