"""Mentions as Web Annotations (position and quote selectors), the direct ``epr:mentions`` and
``epr:cites`` links of each unit, the acts cited, and references left unresolved."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..link import Act, Mention
from ..vocab import ACT_TYPE_CODES, ELI, EPR, OA, OP_RESOURCE_TYPE
from .actors import describe
from .context import Context


def add_annotations(ctx: Context) -> None:
    described: set[str] = set()
    for m in ctx.links.mentions:
        source = ctx.iris.component_expression(m.unit)
        target = URIRef(m.target) if m.target else _unresolved(ctx, m)
        ann = URIRef(f"{source}/mention/{m.start}-{m.end}")
        selection, position, quote = URIRef(f"{ann}/target"), URIRef(f"{ann}/position"), URIRef(f"{ann}/quote")
        ctx.add(ann, RDF.type, OA.Annotation)
        ctx.add(ann, OA.motivatedBy, OA.identifying)
        ctx.add(ann, OA.hasBody, target)
        ctx.add(ann, OA.hasTarget, selection)
        ctx.add(selection, RDF.type, OA.SpecificResource)
        ctx.add(selection, OA.hasSource, source)
        ctx.add(selection, OA.hasSelector, position)
        ctx.add(selection, OA.hasSelector, quote)
        ctx.add(position, RDF.type, OA.TextPositionSelector)
        ctx.add(position, OA.start, Literal(m.start, datatype=XSD.integer))
        ctx.add(position, OA.end, Literal(m.end, datatype=XSD.integer))
        ctx.add(quote, RDF.type, OA.TextQuoteSelector)
        ctx.add(quote, OA.exact, Literal(m.surface))
        if m.kind == "actor":
            ctx.add(ctx.iris.component(m.unit), EPR.mentions, target)
        if m.target and m.target not in described and m.kind != "act":
            described.add(m.target)
            describe(ctx, target)
    for eid, cited in ctx.links.cited(ctx.doc).items():
        for iri in cited:
            ctx.add(ctx.iris.component(eid), EPR.cites, URIRef(iri))
    for act in ctx.links.acts:
        _act(ctx, act)
    for act, amended in ctx.links.amends:
        ctx.add(URIRef(act), ELI.amends, URIRef(amended))


def _act(ctx: Context, act: Act) -> None:
    node = URIRef(act.iri)
    ctx.add(node, RDF.type, EPR.TLCReference)
    ctx.add(node, RDFS.label, ctx.text(act.label))  # as this text prints it, so in its language
    if act.type_code in ACT_TYPE_CODES:
        ctx.add(node, RDF.type, ELI.LegalResource)
        ctx.add(node, ELI.type_document, URIRef(f"{OP_RESOURCE_TYPE}/{act.type_code.upper()}"))
    if act.number:
        ctx.add(node, EPR.actNumber, Literal(act.number))
    if act.title:
        ctx.add(node, DCTERMS.title, ctx.text(act.title))


def _unresolved(ctx: Context, m: Mention) -> URIRef:
    """A reference the converter cannot identify: named after its place in the text, never the act."""
    node = URIRef(f"{ctx.iris.component(m.unit)}/reference/{m.start}-{m.end}")
    ctx.add(node, RDF.type, EPR.TLCReference)
    ctx.add(node, RDFS.label, ctx.text(m.surface))
    ctx.add(node, EPR.unresolved, Literal(True))
    ctx.add(ctx.iris.component(m.unit), EPR.cites, node)
    return node
