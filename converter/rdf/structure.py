"""The document's parts as Akoma Ntoso components: preface, preamble (formula, citations,
recitals), main body (paragraphs, cross-headings, points), footnotes at their markers, and
attachments kept whole."""

from __future__ import annotations

from rdflib import XSD, Literal, URIRef

from ..ids import (
    BODY,
    CITATIONS,
    FORMULA,
    PREAMBLE,
    PREFACE,
    RECITALS,
    cross_heading_eid,
    footnote_eid,
    footnote_position,
)
from ..model import Footnote, Point, Unit
from ..vocab import EPR
from .attachment import add_attachment
from .context import Context

UNIT_CLASSES = {"citation": EPR.Citation, "recital": EPR.Recital, "paragraph": EPR.Paragraph}


def add_structure(ctx: Context) -> None:
    work, doc = ctx.iris.work, ctx.doc
    ctx.component(PREFACE, EPR.Preface, work, 1)
    preamble = ctx.component(PREAMBLE, EPR.Preamble, work, 2)
    body = ctx.component(BODY, EPR.MainBody, work, 3)
    ctx.component(FORMULA, EPR.Formula, preamble, 1, text=doc.formula)
    cits = ctx.component(CITATIONS, EPR.Citations, preamble, 2)
    recs = ctx.component(RECITALS, EPR.Recitals, preamble, 3)
    for position, unit in enumerate(doc.citations, 1):
        _unit(ctx, unit, cits, position)
    for position, unit in enumerate(doc.recitals, 1):
        _unit(ctx, unit, recs, position)
    position = headings = 0
    for unit in doc.paragraphs:
        if unit.heading is not None:
            headings += 1
            position += 1
            heading = ctx.component(cross_heading_eid(headings), EPR.CrossHeading, body, position, text=unit.heading)
        position += 1
        node = _unit(ctx, unit, body, position)
        if unit.heading is not None:
            ctx.add(node, EPR.heading, heading)
        if unit.closing:
            ctx.add(node, EPR.closing, Literal(True))
    for note in doc.footnotes:
        _footnote(ctx, note, body)
    for n, attachment in enumerate(doc.attachments, 1):
        add_attachment(ctx, attachment, n)


def _unit(ctx: Context, unit: Unit | Point, parent: URIRef, position: int) -> URIRef:
    cls = UNIT_CLASSES[unit.kind] if isinstance(unit, Unit) else EPR.Point
    node = ctx.component(unit.eid, cls, parent, position, num=unit.num, text=unit.text)
    if isinstance(unit, Unit):
        for k, point in enumerate(unit.points, 1):
            _unit(ctx, point, node, k)
    return node


def _footnote(ctx: Context, note: Footnote, body: URIRef) -> None:
    eid = footnote_eid(ctx.doc, note)
    if note.anchor is None:
        parent, position = body, len(ctx.doc.paragraphs) + note.number
    else:
        parent, position = ctx.iris.component(note.anchor.unit), footnote_position(ctx.doc, note)
    node = ctx.component(eid, EPR.AuthorialNote, parent, position, num=note.marker, text=note.text)
    if note.anchor is not None:
        ctx.add(parent, EPR.authorialNote, node)
        expr = ctx.iris.component_expression(eid)
        ctx.add(expr, EPR.marker, Literal(note.anchor.marker))
        ctx.add(expr, EPR.markerIn, ctx.iris.component_expression(note.anchor.unit))
        ctx.add(expr, EPR.markerOffset, Literal(note.anchor.offset, datatype=XSD.integer))
