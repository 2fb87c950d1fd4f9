"""The document and its FRBR levels: work, expression, manifestations; procedure, sitting, term;
the links to the European Parliament's IRIs for the same things; the expression's licence and
rights."""

from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Literal
from rdflib.namespace import DCTERMS, PROV

from ..vocab import (
    DATA_LICENCE,
    ELI,
    ELI_FORMAT_TYPES,
    EP_TEXT_ADOPTED,
    EPR,
    KINDS,
    OP_EP,
    ep_rights,
    media_type_iri,
    op_language,
)
from .context import Context


def add_frbr(ctx: Context) -> None:
    # The EP's IRIs are linked with epr:europarlResource, never owl:sameAs: they are built from its
    # patterns, not seen, and ours carry the conversion's own statements (provenance, files,
    # anomalies) that identity would hand to the EP's resources (ontology/eprdf.ttl).
    m, iris, work, expr = ctx.doc.metadata, ctx.iris, ctx.iris.work, ctx.iris.expression
    kind = KINDS[m.kind]
    ctx.add(work, RDF.type, kind.rdf_class)
    ctx.add(work, EPR.aknName, Literal(kind.akn_name))
    ctx.add(work, EPR.registerNumber, Literal(m.register_number))
    ctx.add(work, ELI.date_document, Literal(m.adopted.isoformat(), datatype=XSD.date))
    ctx.add(work, ELI.work_type, EP_TEXT_ADOPTED)
    ctx.add(work, DCTERMS.creator, OP_EP)
    ctx.add(work, ELI.is_realized_by, expr)
    for code in sorted({w.code for w in ctx.doc.warnings}):
        ctx.add(work, EPR.sourceAnomaly, Literal(code))
    ctx.add(work, EPR.europarlResource, iris.ep_work)
    ctx.add(work, EPR.adoptedAt, iris.sitting)
    ctx.add(iris.sitting, RDF.type, EPR.PlenarySitting)
    ctx.add(iris.sitting, EPR.europarlResource, iris.ep_sitting)
    ctx.add(work, EPR.parliamentaryTerm, iris.term)
    ctx.add(iris.term, RDF.type, EPR.ParliamentaryTerm)
    ctx.add(iris.term, EPR.termNumber, Literal(m.term, datatype=XSD.integer))
    if m.term_years:
        ctx.add(iris.term, RDFS.label, Literal(m.term_years))
    ctx.add(iris.term, EPR.europarlResource, iris.ep_term)
    if iris.procedure is not None and iris.ep_procedure is not None and iris.ep_procedure_type is not None:
        ctx.add(work, EPR.procedure, iris.procedure)
        ctx.add(iris.procedure, RDF.type, EPR.Procedure)
        ctx.add(iris.procedure, EPR.procedureReference, Literal(m.procedure))
        ctx.add(iris.procedure, EPR.procedureType, iris.ep_procedure_type)
        ctx.add(iris.procedure, EPR.europarlResource, iris.ep_procedure)

    ep_expression = iris.ep_expression(ctx.tag)
    ctx.add(expr, RDF.type, EPR.Expression)
    ctx.add(expr, ELI.realizes, work)
    ctx.add(expr, ELI.language, op_language(m.language))
    ctx.add(expr, EPR.languageCode, Literal(m.language))
    ctx.add(expr, ELI.title, ctx.text(m.long_title))
    ctx.add(expr, ELI.title_short, ctx.text(m.short_title))
    ctx.add(expr, EPR.europarlResource, ep_expression)
    ctx.add(expr, PROV.wasDerivedFrom, ep_expression)
    ctx.add(expr, DCTERMS.license, DATA_LICENCE)
    ctx.add(expr, DCTERMS.rights, ep_rights(m.adopted.year))
    for extension in ctx.manifestations:
        manifestation = iris.manifestation(extension)
        ctx.add(expr, ELI.is_embodied_by, manifestation)
        ctx.add(manifestation, RDF.type, EPR.Manifestation)
        ctx.add(manifestation, ELI.embodies, expr)
        ctx.add(manifestation, ELI.media_type, media_type_iri(extension))
        if extension in ELI_FORMAT_TYPES:
            ctx.add(manifestation, ELI["format"], ELI_FORMAT_TYPES[extension])
