"""Identifiers, as value objects that parse as well as build: the public register number, the
Akoma Ntoso eIds of every unit, and every IRI of a document (the project's own, under a
configurable base, and the European Parliament's pattern-built ones).

This module owns every eId and IRI rule; no other module writes ``para_`` or ``/akn/``."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef

from .vocab import EP_DATA, KINDS

if TYPE_CHECKING:  # the model reads the register number from here; ids only reads the model's fields
    from .model import Document, Footnote, Metadata

# The first year of the European Parliament's first directly elected term; terms last five years.
FIRST_TERM_START = 1979
TERM_YEARS = 5


def term_start(term: int) -> int:
    """The year a parliamentary term began (term 10: 2024)."""
    return FIRST_TERM_START + TERM_YEARS * (term - 1)


REGISTER_PATTERN = re.compile(r"^P(?P<term>\d{1,2})_TA\((?P<year>\d{4})\)(?P<number>\d{4})$")


@dataclass(frozen=True)
class RegisterNumber:
    """The public register number of a text adopted: ``P10_TA(2026)0056``."""

    term: int
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> RegisterNumber | None:
        match = REGISTER_PATTERN.match(text.strip())
        if match is None:
            return None
        return cls(int(match["term"]), int(match["year"]), int(match["number"]))

    def __str__(self) -> str:
        return f"P{self.term}_TA({self.year}){self.number:04d}"

    @property
    def akn_number(self) -> str:
        """The Akoma Ntoso document number: the register number with its punctuation as hyphens."""
        return f"P{self.term}-TA-{self.year}-{self.number:04d}"

    @property
    def ep_document_id(self) -> str:
        """The EP's document identifier ``TA-10-2026-0056``."""
        return f"TA-{self.term}-{self.year}-{self.number:04d}"

    @property
    def oj_label(self) -> str:
        """The label the Official Journal uses: ``T10-0056/2026``."""
        return f"T{self.term}-{self.number:04d}/{self.year}"


REPORT_PATTERN = re.compile(r"^(?P<series>[ABC])(?P<term>\d{1,2})-(?P<number>\d{4})/(?P<year>\d{4})$")


@dataclass(frozen=True)
class ReportNumber:
    """The number of the report (A), motion (B) or other session document (C) a text adopts:
    ``A8-0257/2016``."""

    series: str
    term: int
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> ReportNumber | None:
        match = REPORT_PATTERN.match(text.strip())
        if match is None:
            return None
        return cls(match["series"], int(match["term"]), int(match["year"]), int(match["number"]))

    def __str__(self) -> str:
        return f"{self.series}{self.term}-{self.number:04d}/{self.year}"

    @property
    def ep_document_id(self) -> str:
        """The EP's document identifier ``A-8-2016-0257`` (the pattern of ``TA-10-2026-0056``)."""
        return f"{self.series}-{self.term}-{self.year}-{self.number:04d}"


# -- eIds (Akoma Ntoso naming convention) ---------------------------------------------------

PREFACE, PREAMBLE, BODY, FORMULA, CITATIONS, RECITALS = "preface", "preamble", "body", "formula_1", "cits", "recs"


def citation_eid(position: int) -> str:
    return f"{CITATIONS}__cit_{position}"


def recital_eid(label: str) -> str:
    return f"{RECITALS}__rec_{label}"


def paragraph_eid(label: str) -> str:
    return f"para_{label}"


def unit_eid(kind: str, label: str, position: int) -> str:
    """The eId of a citation (by position), recital (by letter) or paragraph (by number)."""
    if kind == "citation":
        return citation_eid(position)
    return recital_eid(label) if kind == "recital" else paragraph_eid(label)


def point_eid(parent: str, label: str) -> str:
    return f"{parent}__point_{label}"


def attachment_eid(position: int) -> str:
    return f"att_{position}"


def cross_heading_eid(position: int) -> str:
    return f"crossHeading_{position}"


def footnote_position(document: Document, note: Footnote) -> int:
    """A footnote's place among the notes anchored in the same unit (1-based); a note without a
    marker counts by its own number."""
    if note.anchor is None:
        return note.number
    same = [n for n in document.footnotes if n.anchor and n.anchor.unit == note.anchor.unit]
    return same.index(note) + 1


def footnote_eid(document: Document, note: Footnote) -> str:
    """``para_18__authorialNote_2`` for the second note anchored in para_18; a note with no
    marker hangs off the main body as ``authorialNote_{number}``."""
    if note.anchor is None:
        return f"authorialNote_{note.number}"
    return f"{note.anchor.unit}__authorialNote_{footnote_position(document, note)}"


# -- IRIs -------------------------------------------------------------------------------------


BASE_PATTERN = re.compile(r"^https?://[^\s<>\"{}|\\^`#?/]+(?:/[^\s<>\"{}|\\^`#?]*)?$")


def check_base(base: str) -> str:
    """The base IRI without a trailing slash, if it can stand before ``/akn/…``: an absolute http(s)
    IRI with no spaces, query or fragment. Raises ValueError otherwise."""
    if not BASE_PATTERN.match(base):
        raise ValueError(f"{base!r} is not an absolute http(s) IRI without spaces, query or fragment")
    return base.rstrip("/")


def in_other_expression(iri: str, resource: str) -> bool:
    """Whether ``iri``, named under ``resource``, belongs to one of its expressions (``…/nld@/…``,
    ``…/nld@.ttl``) rather than to the resource itself."""
    return EXPRESSION_STEP.match(iri, len(resource)) is not None


EXPRESSION_STEP = re.compile(r"/[a-z]{3}@(?:[/.]|$)")


def slug(text: str) -> str:
    """A lower-case, hyphenated IRI segment: "Mr. Remco Nehmelman" → "mr-remco-nehmelman"."""
    return re.sub(r"[^0-9a-z]+", "-", text.lower()).strip("-")


def procedure_id(reference: str) -> str:
    """2026/2599(RSP) → 2026-2599."""
    return reference.split("(")[0].replace("/", "-")


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
        return self.metadata.register.akn_number

    @property
    def work(self) -> URIRef:
        m = self.metadata
        name, date = KINDS[m.kind].akn_name, m.adopted.isoformat()
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
        return URIRef(f"{self.base}/procedure/{procedure_id(ref)}") if ref else None

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

    @property
    def software_family(self) -> URIRef:
        """The converter as such, whatever its release."""
        return URIRef(f"{self.base}/software/eprdf")

    def software(self, version: str) -> URIRef:
        return URIRef(f"{self.software_family}/{version}")

    def letter(self, date: str, reference: str) -> URIRef:
        return URIRef(f"{self.base}/letter/europarl/{date}/{slug(reference)}")

    def person(self, name: str) -> URIRef:
        return URIRef(f"{self.base}/person/{slug(name)}")

    def organization(self, name: str) -> URIRef:
        return URIRef(f"{self.base}/organization/{slug(name)}")

    # -- the European Parliament's IRIs for the same things (docs/identifiers.md patterns) ----

    @property
    def ep_document_id(self) -> str:
        return self.metadata.register.ep_document_id

    @property
    def ep_work(self) -> URIRef:
        return URIRef(f"{EP_DATA}/eli/dl/doc/{self.ep_document_id}")

    @property
    def ep_adopted_document(self) -> URIRef | None:
        """The EP's IRI of the report or motion the text adopts, where the text prints its number."""
        report = ReportNumber.parse(self.metadata.report_number or "")
        return URIRef(f"{EP_DATA}/eli/dl/doc/{report.ep_document_id}") if report else None

    def ep_expression(self, tag: str) -> URIRef:
        return URIRef(f"{self.ep_work}/{tag}")

    @property
    def ep_procedure(self) -> URIRef | None:
        ref = self.metadata.procedure
        return URIRef(f"{EP_DATA}/eli/dl/proc/{procedure_id(ref)}") if ref else None

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




def term_key(iri: str) -> str:
    """A path segment for a class or property of the data: its local name and the start of the
    SHA-256 of its IRI (two vocabularies may both have a ``Work``): ``Work-5c0a81f2``."""
    local = re.sub(r"[^A-Za-z0-9_]+", "-", re.split(r"[#/]", iri.rstrip("#/"))[-1]).strip("-")[:40]
    digest = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:8]
    return f"{local}-{digest}" if local else digest


@dataclass(frozen=True)
class DatasetIris:
    """Every IRI of the dataset description, under the base: plain paths, so that a server answers
    for them as it does for a document's."""

    base: str

    @property
    def catalogue(self) -> URIRef:
        return URIRef(f"{self.base}/catalogue")

    @property
    def dataset(self) -> URIRef:
        return URIRef(f"{self.base}/dataset")

    @property
    def service(self) -> URIRef:
        """The SPARQL endpoint as a data service."""
        return URIRef(f"{self.base}/sparql")

    @property
    def publisher(self) -> URIRef:
        return URIRef(f"{self.base}/project")

    @property
    def homepage(self) -> URIRef:
        return URIRef(f"{self.base}/")

    def distribution(self, name: str) -> URIRef:
        """A distribution: ``nq``, ``trig`` … for a download, ``sparql`` for the endpoint."""
        return URIRef(f"{self.dataset}/{name}")

    @property
    def period(self) -> URIRef:
        return URIRef(f"{self.dataset}/period")

    @property
    def rights(self) -> URIRef:
        return URIRef(f"{self.dataset}/rights")

    def class_partition(self, cls: str) -> URIRef:
        return URIRef(f"{self.dataset}/class/{term_key(cls)}")

    def property_partition(self, prop: str) -> URIRef:
        return URIRef(f"{self.dataset}/property/{term_key(prop)}")

    def target(self, name: str) -> URIRef:
        """Another publisher's dataset the links point into, as this description names it."""
        return URIRef(f"{self.dataset}/linked/{name}")

    def linkset(self, target: str, predicate: str) -> URIRef:
        return URIRef(f"{self.dataset}/links/{target}/{term_key(predicate)}")
