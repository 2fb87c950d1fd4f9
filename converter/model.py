"""The document model: what a text adopted says, with no RDF in it.

Every unit keeps its number exactly as printed, its text (joined across line and
page breaks, footnote markers taken out) and the 1-based source line span it came
from, so later stages can point users back at the input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any

from .findings import Finding
from .ids import RegisterNumber

LineSpan = tuple[int, int]


@dataclass(frozen=True)
class Anchor:
    """Where a footnote marker stood: the unit's eId and the character offset in its text."""

    unit: str
    offset: int
    marker: str


@dataclass(frozen=True)
class Footnote:
    number: int
    marker: str
    text: str
    lines: LineSpan
    anchor: Anchor | None


@dataclass(frozen=True)
class Point:
    """A sub-point of a recital or paragraph: a), i), or a dash item."""

    num: str
    eid: str
    text: str
    lines: LineSpan


@dataclass(frozen=True)
class Unit:
    """A citation, recital or paragraph.

    ``num`` is the label as printed ("–", "A.", "12."); ``label`` is its bare value
    ("1", "A", "12") used in eIds. ``text`` is the intro when the unit has points.
    """

    kind: str  # "citation" | "recital" | "paragraph"
    num: str
    label: str
    eid: str
    text: str
    lines: LineSpan
    points: tuple[Point, ...] = ()
    heading: str | None = None  # cross-heading printed just before a paragraph
    closing: bool = False  # the final "instructs its President to forward" paragraph


@dataclass(frozen=True)
class Provision:
    """A part of a legislative text: a citation, recital, chapter, section, article, paragraph,
    point, note or annex. ``num`` as printed ("Article 3", "1.", "(a)"); ``eid`` within the act;
    ``text`` the provision's own lines (an intro where it has children), one per source line."""

    kind: str
    num: str
    eid: str
    heading: str | None
    text: str
    children: tuple[Provision, ...]
    lines: LineSpan


@dataclass(frozen=True)
class Attachment:
    """What follows the resolution itself (Parliament's position at first reading, an annex).
    ``num`` is the position's number as printed above it ("P8_TC1-COD(2014)0216"). Where its
    structure is read, it is in the fields from ``title`` on and ``text`` is empty; otherwise
    ``text`` holds it whole, one line per source line."""

    num: str | None
    text: str
    lines: LineSpan
    title: str = ""
    formula: str = ""
    citations: tuple[Provision, ...] = ()
    recitals_intro: str = ""
    recitals: tuple[Provision, ...] = ()
    enacting: str = ""
    body: tuple[Provision, ...] = ()
    conclusions: tuple[str, ...] = ()
    notes: tuple[Provision, ...] = ()
    annexes: tuple[Provision, ...] = ()

    @property
    def structured(self) -> bool:
        return bool(self.formula)


@dataclass(frozen=True)
class Person:
    """A person as the letter prints them; ``role`` is the printed function line(s),
    ``function`` and ``institution`` the two halves of it."""

    name: str
    role: str | None = None
    function: str | None = None
    institution: str | None = None
    address: tuple[str, ...] = ()


@dataclass(frozen=True)
class Letter:
    """The transmittal letter in front of the text adopted (fields, not reflowed prose)."""

    sender: Person
    reference: str
    date: dt.date
    addressee: Person
    salutation: str
    closing: str
    subject_label: str  # "Betreft:"
    subject: str
    annex_label: str
    transmitted_title: str
    body: tuple[str, ...]
    letterhead: tuple[str, ...]
    lines: LineSpan


@dataclass(frozen=True)
class Artefact:
    """A line recognised as a PDF artefact (page number, running header) and left out."""

    line: int
    kind: str
    text: str


@dataclass(frozen=True)
class Metadata:
    register_number: str  # P10_TA(2026)0056
    term: int
    term_years: str | None  # "2024-2029" as printed in the header
    kind: str  # resolution, legislative-resolution, decision, recommendation, ...
    short_title: str
    long_title: str
    adopted: dt.date
    procedure: str | None  # 2026/2599(RSP)
    procedure_type: str | None  # RSP
    language: str  # ISO 639-2/T
    institution: str | None  # "Europees Parlement" as printed in the header
    collection: str | None  # "AANGENOMEN TEKSTEN" as printed
    report_number: str | None = None  # "A8-0257/2016": the report or motion adopted, where printed
    procedure_line: str | None = None  # "(Consultation)" as printed under the long title
    date_line: str | None = None  # "Tuesday, 16 July 2019 - Strasbourg" as the EP website prints it
    header_notes: tuple[str, ...] = ()  # header lines of no known kind, kept as printed

    @property
    def register(self) -> RegisterNumber:
        found = RegisterNumber.parse(self.register_number)
        if found is None:
            raise ValueError(f"not a register number: {self.register_number!r}")
        return found


@dataclass(frozen=True)
class Document:
    source_name: str
    source_sha256: str
    layout: str  # "pdf" | "web" | "oj"
    metadata: Metadata
    formula: str
    citations: tuple[Unit, ...]
    recitals: tuple[Unit, ...]
    paragraphs: tuple[Unit, ...]
    footnotes: tuple[Footnote, ...]
    letter: Letter | None = None
    attachments: tuple[Attachment, ...] = ()
    artefacts: tuple[Artefact, ...] = ()
    warnings: tuple[Finding, ...] = field(default=())

    @property
    def units(self) -> tuple[Unit, ...]:
        return self.citations + self.recitals + self.paragraphs

    def unit(self, eid: str) -> Unit:
        for unit in self.units:
            if unit.eid == eid:
                return unit
        raise KeyError(eid)

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value
