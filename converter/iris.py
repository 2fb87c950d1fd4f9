"""IRIs: the project's own (Akoma Ntoso naming convention under a configurable base) and the
European Parliament's and Publications Office's, built only from their documented patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from .model import Metadata

DEFAULT_BASE = "https://w3id.org/eprdf"

# Akoma Ntoso document names for each kind (the "name" attribute of <statement>).
AKN_NAMES = {
    "resolution": "resolution",
    "legislative-resolution": "legislativeResolution",
    "decision": "decision",
    "recommendation": "recommendation",
}

EP_DATA = "https://data.europarl.europa.eu"
OP_AUTHORITY = "http://publications.europa.eu/resource/authority"


def slug(text: str) -> str:
    """A lower-case, hyphenated IRI segment: "Mr. Remco Nehmelman" → "mr-remco-nehmelman"."""
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Iris:
    """Every IRI of one document.

    The Work IRI is ``{base}/akn/eu/statement/{name}/europarl/{adopted}/{number}`` where
    ``number`` is the register number with its punctuation as hyphens
    (P10_TA(2026)0056 → P10-TA-2026-0056).
    """

    base: str
    metadata: Metadata

    @property
    def number(self) -> str:
        return re.sub(r"[_()]", "-", self.metadata.register_number)

    @property
    def work(self) -> URIRef:
        m = self.metadata
        name, date = AKN_NAMES[m.kind], m.adopted.isoformat()
        return URIRef(f"{self.base}/akn/eu/statement/{name}/europarl/{date}/{self.number}")

    @property
    def expression(self) -> URIRef:
        return URIRef(f"{self.work}/{self.metadata.language}@")

    def manifestation(self, extension: str) -> URIRef:
        return URIRef(f"{self.expression}.{extension}")

    def component(self, eid: str) -> URIRef:
        return URIRef(f"{self.work}/!main~{eid}")

    def component_expression(self, eid: str) -> URIRef:
        return URIRef(f"{self.expression}/!main~{eid}")

    @property
    def procedure(self) -> URIRef | None:
        ref = self.metadata.procedure
        return URIRef(f"{self.base}/procedure/{_procedure_id(ref)}") if ref else None

    @property
    def sitting(self) -> URIRef:
        return URIRef(f"{self.base}/sitting/europarl/{self.metadata.adopted.isoformat()}")

    @property
    def term(self) -> URIRef:
        return URIRef(f"{self.base}/term/europarl/{self.metadata.term}")

    def source(self, sha256: str) -> URIRef:
        return URIRef(f"{self.base}/source/sha256/{sha256}")

    def conversion(self, sha256: str, version: str) -> URIRef:
        return URIRef(f"{self.base}/conversion/{sha256}/{version}")

    def software(self, version: str) -> URIRef:
        return URIRef(f"{self.base}/software/eprdf/{version}")

    def letter(self, date: str, reference: str) -> URIRef:
        return URIRef(f"{self.base}/letter/europarl/{date}/{slug(reference)}")

    def person(self, name: str) -> URIRef:
        return URIRef(f"{self.base}/person/{slug(name)}")

    def organization(self, name: str) -> URIRef:
        return URIRef(f"{self.base}/organization/{slug(name)}")

    # -- the European Parliament's IRIs for the same things (IDENTIFIERS.md patterns) ----

    @property
    def ep_document_id(self) -> str:
        m = self.metadata
        return f"TA-{m.term}-{m.year}-{m.number:04d}"

    @property
    def ep_work(self) -> URIRef:
        return URIRef(f"{EP_DATA}/eli/dl/doc/{self.ep_document_id}")

    def ep_expression(self, tag: str) -> URIRef:
        return URIRef(f"{self.ep_work}/{tag}")

    @property
    def ep_procedure(self) -> URIRef | None:
        ref = self.metadata.procedure
        return URIRef(f"{EP_DATA}/eli/dl/proc/{_procedure_id(ref)}") if ref else None

    @property
    def ep_procedure_type(self) -> URIRef | None:
        kind = self.metadata.procedure_type
        return URIRef(f"{EP_DATA}/def/ep-procedure-types/{kind}") if kind else None

    @property
    def ep_sitting(self) -> URIRef:
        return URIRef(f"{EP_DATA}/eli/dl/event/MTG-PL-{self.metadata.adopted.isoformat()}")

    @property
    def ep_term(self) -> URIRef:
        return URIRef(f"{EP_DATA}/org/ep-{self.metadata.term}")


EP_TEXT_ADOPTED = URIRef(f"{EP_DATA}/def/ep-document-types/TEXT_ADOPTED")
EP_ORGANISATION = URIRef(f"{EP_DATA}/org/EU_PARLIAMENT")
OP_EP = URIRef(f"{OP_AUTHORITY}/corporate-body/EP")


def op_language(code: str) -> URIRef:
    """The Publications Office language table entry for an ISO 639-2/T code (nld → NLD)."""
    return URIRef(f"{OP_AUTHORITY}/language/{code.upper()}")


def _procedure_id(reference: str) -> str:
    """2026/2599(RSP) → 2026-2599."""
    return reference.split("(")[0].replace("/", "-")
