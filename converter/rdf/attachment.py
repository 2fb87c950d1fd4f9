"""What follows the resolution (Parliament's position, an annex) as components of the work: the
attachment itself and, where its structure was read, every provision (citations, recitals,
chapters, sections, articles, paragraphs, points, notes, annexes) under it, each with its number
as printed, its own text and its Akoma Ntoso element name."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ..ids import attachment_eid
from ..model import Attachment, Provision
from ..vocab import EPR
from .context import Context


def add_attachment(ctx: Context, attachment: Attachment, n: int) -> None:
    eid = attachment_eid(n)
    text = attachment.title if attachment.structured else attachment.text
    node = ctx.component(eid, EPR.Attachment, ctx.iris.work, 3 + n, num=attachment.num, text=text or None)
    if not attachment.structured:
        return
    position = 0
    for kind, line in (("formula", attachment.formula), ("recitalsIntro", attachment.recitals_intro),
                       ("enactingFormula", attachment.enacting)):
        position += 1
        _provision(ctx, Provision(kind, "", kind, None, line, (), (0, 0)), eid, node, position)
    for provision in (*attachment.citations, *attachment.recitals, *attachment.body, *attachment.notes,
                      *attachment.annexes):
        position += 1
        _provision(ctx, provision, eid, node, position)
    for k, line in enumerate(attachment.conclusions, 1):
        position += 1
        _provision(ctx, Provision("conclusion", "", f"conclusion_{k}", None, line, (), (0, 0)), eid, node, position)


def _provision(ctx: Context, provision: Provision, prefix: str, parent: URIRef, position: int) -> None:
    node = ctx.component(f"{prefix}__{provision.eid}", EPR.Provision, parent, position, num=provision.num,
                         text=provision.text or None)
    ctx.add(node, EPR.provisionType, Literal(provision.kind))
    if provision.heading:
        ctx.add(node, EPR.headingText, ctx.text(provision.heading))
    for k, child in enumerate(provision.children, 1):
        _provision(ctx, child, prefix, node, k)
