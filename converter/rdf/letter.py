"""The transmittal letter as a resource of its own, with its sender and addressee as persons."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..model import Letter, Person
from ..vocab import EPR, OP_EP
from .actors import describe, registered
from .context import Context


def add_letter(ctx: Context, letter: Letter) -> None:
    node = ctx.iris.letter(letter.date.isoformat(), letter.reference)
    ctx.add(node, RDF.type, EPR.TransmittalLetter)
    ctx.add(node, EPR.transmits, ctx.iris.work)
    ctx.add(node, EPR.reference, Literal(letter.reference))
    ctx.add(node, DCTERMS.date, Literal(letter.date.isoformat(), datatype=XSD.date))
    ctx.add(node, EPR.subject, ctx.text(letter.subject))
    ctx.add(node, EPR.salutation, ctx.text(letter.salutation))
    ctx.add(node, EPR.transmittedTitle, ctx.text(letter.transmitted_title))
    ctx.add(node, EPR.body, ctx.text("\n\n".join(letter.body)))
    ctx.add(node, EPR.sender, _person(ctx, letter.sender))
    ctx.add(node, EPR.addressee, _person(ctx, letter.addressee))
    ctx.add(node, DCTERMS.creator, OP_EP)


def _person(ctx: Context, person: Person) -> URIRef:
    node = registered(ctx, person.name) or ctx.iris.person(person.name)
    describe(ctx, node)
    ctx.add(node, RDF.type, EPR.TLCPerson)
    ctx.add(node, RDFS.label, Literal(person.name))
    if person.function:
        ctx.add(node, EPR.function, ctx.text(person.function))
    if person.institution:
        org = registered(ctx, person.institution) or ctx.iris.organization(person.institution)
        describe(ctx, org)
        ctx.add(node, EPR.memberOf, org)
        ctx.add(org, RDF.type, EPR.TLCOrganization)
        ctx.add(org, RDFS.label, ctx.text(person.institution))
    if person.address:
        ctx.add(node, EPR.postalAddress, Literal("\n".join(person.address)))
    return node
