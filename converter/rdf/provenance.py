"""Provenance (PROV-O): the source file by name, SHA-256 and layout, and the conversion by this
release of the converter. No timestamps, so the same input gives the same bytes."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import DCTERMS, PROV

from .. import __version__
from ..findings import NORMALISED_NFC
from ..vocab import EPR
from .context import Context


def add_provenance(ctx: Context) -> None:
    sha = ctx.doc.source_sha256
    source = ctx.iris.source(sha)
    run = ctx.iris.conversion(sha, __version__)
    software = ctx.iris.software(__version__)
    ctx.add(source, RDF.type, EPR.SourceFile)
    ctx.add(source, DCTERMS.title, Literal(ctx.doc.source_name))
    ctx.add(source, EPR.sha256, Literal(sha))
    ctx.add(source, EPR.layout, Literal(ctx.doc.layout))
    if any(w.code == NORMALISED_NFC for w in ctx.doc.warnings):
        ctx.add(source, EPR.unicodeNormalisation, Literal("NFC"))
    ctx.add(run, RDF.type, EPR.Conversion)
    ctx.add(run, PROV.used, source)
    ctx.add(run, PROV.wasAssociatedWith, software)
    ctx.add(software, RDF.type, EPR.Software)
    ctx.add(software, RDFS.label, Literal(f"eprdf {__version__}"))
    ctx.add(ctx.iris.expression, PROV.wasDerivedFrom, source)
    ctx.add(ctx.iris.expression, PROV.wasGeneratedBy, run)
