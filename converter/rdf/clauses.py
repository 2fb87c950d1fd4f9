"""Clauses: each a resource of its own under its unit's text, with its span (offsets into the
text), its place, its operative verb (a concept of ``ontology/verbs.ttl``), the actors it
addresses, the actors it is about and the acts it concerns."""

from __future__ import annotations

from rdflib import RDF, XSD, Literal, URIRef

from ..link import registry
from ..vocab import EPR, VERB_SCHEME
from .context import Context, node_of


def add_clauses(ctx: Context) -> None:
    used: set[URIRef] = set()
    for clause in ctx.links.clauses:
        text = ctx.iris.component_expression(clause.unit)
        node = URIRef(f"{text}/clause/{clause.index}")
        ctx.add(node, RDF.type, EPR.Clause)
        ctx.add(node, EPR.inUnit, text)
        ctx.add(node, EPR.clauseIndex, Literal(clause.index, datatype=XSD.integer))
        ctx.add(node, EPR.clauseStart, Literal(clause.start, datatype=XSD.integer))
        ctx.add(node, EPR.clauseEnd, Literal(clause.end, datatype=XSD.integer))
        if clause.verb:
            verb = URIRef(VERB_SCHEME + clause.verb)
            ctx.add(node, EPR.operativeVerb, verb)
            used.add(verb)
        for actor in clause.addressees:
            ctx.add(node, EPR.addresses, URIRef(actor))
        for actor in clause.about:
            ctx.add(node, EPR.about, URIRef(actor))
        for act in clause.acts:
            ctx.add(node, EPR.concernsAct, URIRef(act))
    for verb in sorted(used):  # each verb used, as the scheme names it
        for p, o in registry.description(str(verb), (ctx.tag, "en")):
            ctx.add(verb, URIRef(p), node_of(o))
