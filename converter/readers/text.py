"""The text reader: the text of an EP text adopted in, a typed document model out.

The parser is language-neutral: the words it looks for come from a language profile
(``converter/languages/*.toml``). It reads three layouts: text extracted from the
EP's PDF (markers glued to words, footnote bodies at page bottoms), the EP
website's (markers "(1)", footnotes after the last paragraph) and the Official
Journal's (numbers and letters alone on their line, citations without a dash).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import languages
from ..errors import NotATextAdopted
from ..findings import Finding, warning
from ..ids import REGISTER_PATTERN, point_eid, term_start, unit_eid
from ..languages import Profile
from ..model import Anchor, Artefact, Document, Footnote, Letter, Metadata, Point, Unit
from .furniture import furniture
from .letter import parse_letter
from .lines import join, letters, strip_markers

TERM_YEARS = re.compile(r"^(?P<start>\d{4})-(?P<end>\d{4})$")
PROCEDURE = re.compile(r"\((?P<ref>\d{4}/\d{4}\((?P<type>[A-Z]{3})\))\)$")
UNIT_NUM = re.compile(r"^(?P<label>\d{1,3}|[A-Z]{1,2})\.(?:\s+(?P<rest>\S.*))?$")
DASH = re.compile(r"^(?P<num>[–—-])\s+(?P<rest>\S.*)$")
POINT = re.compile(r"^(?P<num>\((?P<a>[a-z]{1,2}|[ivxl]+)\)|(?P<b>[a-z]{1,2}|[ivxl]+)\))\s+(?P<rest>\S.*)$")
FOOTNOTE = re.compile(r"^(?P<num>\((?P<p>\d{1,3})\)|(?P<n>\d{1,3}))\s+(?P<rest>\S.*)$")
UNIT_END = (";", ".", ":", ",")


@dataclass
class _Draft:
    kind: str
    num: str
    label: str
    first: int
    lines: list[tuple[int, str]] = field(default_factory=list)
    points: list[_Draft] = field(default_factory=list)
    heading: str | None = None

    @property
    def last_text(self) -> str:
        target = self.points[-1] if self.points else self
        return target.lines[-1][1] if target.lines else ""

    @property
    def last_line(self) -> int:
        target = self.points[-1] if self.points else self
        return target.lines[-1][0] if target.lines else target.first

    def complete(self) -> bool:
        text = self.last_text
        return not text or text.endswith(UNIT_END)

    def add(self, line: int, text: str) -> None:
        (self.points[-1] if self.points else self).lines.append((line, text))


@dataclass
class _FootnoteDraft:
    number: int
    marker: str
    lines: list[tuple[int, str]]


def parse(text: str, source: str = "<text>", sha256: str | None = None) -> Document:
    """Parse the text of one EP text adopted."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = text.split("\n")
    profile = languages.for_text(lines)
    if profile is None:
        formulas = ", ".join(repr(p.formula) for p in languages.profiles())
        raise NotATextAdopted(source, "not an EP text adopted: no formula line", expected=f"one of {formulas}")
    return _Parser(lines, profile, source).run(sha256)


class _Parser:
    def __init__(self, lines: list[str], profile: Profile, source: str) -> None:
        self.lines = lines
        self.profile = profile
        self.source = source
        self.warnings: list[Finding] = []
        self.artefacts: list[Artefact] = []

    def error(self, problem: str, line: int | None = None, **kw: str) -> NotATextAdopted:
        return NotATextAdopted(self.source, problem, line=line, **kw)

    def warn(self, line: int, code: str, message: str) -> None:
        self.warnings.append(warning(line, code, message))

    def stripped(self, index: int) -> str:
        return self.lines[index].strip()

    # -- the zones of the file -------------------------------------------------

    def run(self, sha256: str) -> Document:
        register_at = next((i for i in range(len(self.lines)) if REGISTER_PATTERN.match(self.stripped(i))), None)
        if register_at is None:
            raise self.error("not an EP text adopted: no public register number",
                             expected="a line such as P10_TA(2026)0056")
        formula_at = next(i for i in range(len(self.lines)) if self.stripped(i) == self.profile.formula)
        if formula_at < register_at:
            raise self.error("the formula comes before the register number", line=formula_at + 1,
                             expected=f"{self.profile.formula!r} after the titles")
        header_at, header = self.header(register_at)
        letter = self.front_matter(header_at)
        metadata = self.metadata(register_at, formula_at, header)
        citations, recitals, paragraphs, footnotes, layout = self.body(formula_at + 1)
        return Document(
            source_name=Path(self.source).name,
            source_sha256=sha256,
            layout=layout,
            metadata=metadata,
            formula=self.profile.formula,
            citations=citations,
            recitals=recitals,
            paragraphs=paragraphs,
            footnotes=footnotes,
            letter=letter,
            artefacts=tuple(self.artefacts),
            warnings=tuple(self.warnings),
        )

    def header(self, register_at: int) -> tuple[int, dict[str, str]]:
        """The masthead above the register number: institution, term years, collection."""
        found: dict[str, str] = {}
        i = register_at - 1
        start = register_at
        while i >= 0:
            text = self.stripped(i)
            if not text:
                i -= 1
                continue
            if text == self.profile.collection and "collection" not in found:
                found["collection"] = text
            elif TERM_YEARS.match(text) and "term_years" not in found:
                found["term_years"] = text
            elif text == self.profile.institution and "institution" not in found:
                found["institution"] = text
            else:
                break
            start = i
            i -= 1
        return start, found

    def front_matter(self, header_at: int) -> Letter | None:
        """The transmittal letter, or Official Journal masthead lines, before the header."""
        zone = self.lines[:header_at]
        if not any(line.strip() for line in zone):
            return None
        if any(line.strip().startswith(self.profile.letter.subject) for line in zone):
            return parse_letter(zone, 1, self.profile, self.source)
        for i, line in enumerate(zone):
            text = line.strip()
            if text and not self.artefact(i, text):
                raise self.error("unrecognised text before the header", line=i + 1,
                                 expected=f"a transmittal letter (with {self.profile.letter.subject!r}) "
                                 f"or the header {self.profile.institution!r}", found=text)
        return None

    def artefact(self, index: int, text: str) -> bool:
        kind = furniture(text)
        if kind is not None:
            self.artefacts.append(Artefact(index + 1, kind, text))
        return kind is not None

    def metadata(self, register_at: int, formula_at: int, header: dict[str, str]) -> Metadata:
        register = self.stripped(register_at)
        reg = REGISTER_PATTERN.match(register)
        assert reg is not None
        term = int(reg["term"])
        title_lines = [(i, self.stripped(i)) for i in range(register_at + 1, formula_at) if self.stripped(i)]
        long_at = next((k for k, (_, t) in enumerate(title_lines) if self.profile.long_title.match(t)), None)
        if long_at is None:
            raise self.error("no long title", line=register_at + 2,
                             expected=f"a title matching {self.profile.long_title.pattern!r}")
        short_title = join([t for _, t in title_lines[:long_at]])
        long_title = join([t for _, t in title_lines[long_at:]])
        match = self.profile.long_title.match(long_title)
        assert match is not None
        line = title_lines[long_at][0] + 1
        kind = self.profile.kind(match["kind"])
        if kind is None:
            raise self.error("unknown document kind", line=line, expected=", ".join(self.profile.kinds),
                             found=match["kind"])
        adopted = self.profile.parse_date(match["date"])
        if adopted is None:
            raise self.error("the adoption date in the long title is not a date", line=line, found=match["date"])
        if adopted.year != int(reg["year"]):
            self.warn(line, "date-register-mismatch",
                      f"adopted in {adopted.year} but the register number {register} says {reg['year']}")
        term_years = header.get("term_years")
        if term_years and int(term_years[:4]) != term_start(term):
            self.warn(register_at + 1, "term-mismatch",
                      f"the header says {term_years} but {register} is in term {term}")
        procedure = PROCEDURE.search(long_title)
        return Metadata(
            register_number=register,
            term=term,
            term_years=term_years,
            kind=kind,
            short_title=short_title,
            long_title=long_title,
            adopted=adopted,
            procedure=procedure["ref"] if procedure else None,
            procedure_type=procedure["type"] if procedure else None,
            language=self.profile.language,
            institution=header.get("institution"),
            collection=header.get("collection"),
        )

    # -- the preamble and body -------------------------------------------------

    def body(self, start: int) -> tuple[tuple[Unit, ...], tuple[Unit, ...], tuple[Unit, ...],
                                        tuple[Footnote, ...], str]:
        drafts: list[_Draft] = []
        notes: list[_FootnoteDraft] = []
        note: _FootnoteDraft | None = None
        note_done = False
        blank_before = True
        alone_numbers = False
        heading: tuple[int, str] | None = None
        for i in range(start, len(self.lines)):
            text = self.stripped(i)
            if not text:
                blank_before = True
                if note is not None:
                    note, note_done = None, False
                continue
            if self.artefact(i, text):
                continue
            number = i + 1
            current = drafts[-1] if drafts else None
            fn = FOOTNOTE.match(text)
            if fn and (blank_before or note is not None) and int(fn["p"] or fn["n"]) == len(notes) + 1 \
                    and (fn["rest"][0].isupper() or fn["rest"][0] in "(“\"'‘"):
                note = _FootnoteDraft(len(notes) + 1, fn["num"], [(number, fn["rest"])])
                notes.append(note)
                note_done = fn["rest"].endswith(".")
                blank_before = False
                continue
            if note is not None and not note_done:
                note.lines.append((number, text))
                note_done = text.endswith(".")
                blank_before = False
                continue
            note = None
            blank_before = False
            started = self.start_unit(text, number, drafts, current)
            if started is not None:
                if started.kind == "paragraph" and heading is not None:
                    started.heading = heading[1]
                    heading = None
                alone_numbers = alone_numbers or (not started.lines and started.kind != "citation")
                drafts.append(started)
                continue
            if current is None:
                raise self.error("text before the first citation, recital or paragraph", line=number,
                                 expected="a citation ('– " + self.profile.citation + " …'), a recital or "
                                 "a numbered paragraph", found=text)
            if self.is_heading(i, text, current):
                heading = (number, text)
                continue
            if current.kind != "citation" and current.complete() and self.start_point(text, number, current):
                continue
            current.add(number, text)
        if heading is not None:
            raise self.error("a heading with no paragraph after it", line=heading[0], found=heading[1])
        return self.finish(drafts, notes, alone_numbers)

    def start_unit(self, text: str, number: int, drafts: list[_Draft], current: _Draft | None) -> _Draft | None:
        if current is not None and not current.complete():
            return None
        kinds = {d.kind for d in drafts}
        if "recital" not in kinds and "paragraph" not in kinds:
            dash = DASH.match(text)
            if dash:
                return _Draft("citation", dash["num"], "", number, [(number, dash["rest"])])
            if text.startswith(self.profile.citation + " "):
                return _Draft("citation", "", "", number, [(number, text)])
        unit = UNIT_NUM.match(text)
        if unit is None:
            return None
        label = unit["label"]
        kind = "paragraph" if label.isdigit() else "recital"
        if kind == "recital" and "paragraph" in kinds:
            return None
        lines = [(number, unit["rest"])] if unit["rest"] else []
        return _Draft(kind, label + ".", label, number, lines)

    def start_point(self, text: str, number: int, current: _Draft) -> bool:
        if not current.last_text.endswith((":", ";")) or (not current.points and not current.last_text.endswith(":")):
            return False
        point = POINT.match(text) or DASH.match(text)
        if point is None:
            return False
        current.points.append(_Draft("point", point["num"], point.groupdict().get("a") or
                                     point.groupdict().get("b") or "", number, [(number, point["rest"])]))
        return True

    def is_heading(self, index: int, text: str, current: _Draft) -> bool:
        """A cross-heading: a line without end punctuation between two paragraphs (or recitals and paragraphs)."""
        if current.kind == "citation" or not current.last_text.endswith((";", ".")) or text.endswith(UNIT_END):
            return False
        for j in range(index + 1, len(self.lines)):
            after = self.stripped(j)
            if after:
                unit = UNIT_NUM.match(after)
                return bool(unit and unit["label"].isdigit())
        return False

    # -- from drafts to the model ----------------------------------------------

    def finish(self, drafts: list[_Draft], notes: list[_FootnoteDraft], alone_numbers: bool
               ) -> tuple[tuple[Unit, ...], tuple[Unit, ...], tuple[Unit, ...], tuple[Footnote, ...], str]:
        if not any(d.kind == "paragraph" for d in drafts):
            raise self.error("no numbered paragraphs after the preamble", line=len(self.lines),
                             expected="paragraphs numbered 1., 2., …")
        last = drafts[-1]
        if not last.last_text.endswith("."):
            raise self.error(f"the text ends in the middle of {last.kind} {last.num} (truncated?)",
                             line=last.last_line, expected="a last paragraph ending with '.'",
                             found=last.last_text[-40:])
        anchors: dict[int, Anchor] = {}
        next_marker = 1
        counters = {"citation": 0, "recital": 0, "paragraph": 0}
        seen: set[str] = set()
        units: dict[str, list[Unit]] = {"citation": [], "recital": [], "paragraph": []}
        for draft in drafts:
            counters[draft.kind] += 1
            eid = unit_eid(draft.kind, draft.label, counters[draft.kind])
            if eid in seen:
                eid = f"{eid}_{counters[draft.kind]}"
            seen.add(eid)
            unit_text, markers, next_marker = strip_markers([t for _, t in draft.lines], next_marker, len(notes) + 1)
            self.anchor(anchors, markers, eid, draft, len(notes))
            points = []
            for k, p in enumerate(draft.points, 1):
                point = point_eid(eid, p.label or str(k))
                point_text, markers, next_marker = strip_markers([t for _, t in p.lines], next_marker,
                                                                 len(notes) + 1)
                self.anchor(anchors, markers, point, p, len(notes))
                points.append(Point(p.num, point, point_text, (p.first, p.last_line)))
            units[draft.kind].append(Unit(
                kind=draft.kind, num=draft.num, label=draft.label, eid=eid, text=unit_text,
                lines=(draft.first, draft.last_line), points=tuple(points), heading=draft.heading,
                closing=draft.kind == "paragraph" and draft is last and
                bool(self.profile.closing_paragraph.match(unit_text))))
        footnotes = []
        for note in notes:
            anchor = anchors.get(note.number)
            if anchor is None:
                self.warn(note.lines[0][0], "footnote-without-marker",
                          f"footnote {note.number} has no marker in the text")
            footnotes.append(Footnote(note.number, note.marker, join([t for _, t in note.lines]),
                                      (note.lines[0][0], note.lines[-1][0]), anchor))
        self.check_sequence(units["paragraph"], [str(n) for n in range(1, len(units["paragraph"]) + 1)],
                            "paragraph-numbering")
        self.check_sequence(units["recital"], [letters(n) for n in range(1, len(units["recital"]) + 1)],
                            "recital-lettering")
        layout = "oj" if alone_numbers else "web" if any(f.marker.startswith("(") for f in footnotes) else "pdf"
        return (tuple(units["citation"]), tuple(units["recital"]), tuple(units["paragraph"]),
                tuple(footnotes), layout)

    def anchor(self, anchors: dict[int, Anchor], markers: list[tuple[int, int, str]], eid: str,
               draft: _Draft, notes: int) -> None:
        for offset, number, printed in markers:
            if number > notes:
                self.warn(draft.first, "marker-without-footnote",
                          f"footnote marker {printed} in {eid} has no footnote text")
            else:
                anchors[number] = Anchor(eid, offset, printed)

    def check_sequence(self, units: list[Unit], expected: list[str], code: str) -> None:
        for unit, want in zip(units, expected, strict=True):
            if unit.label != want:
                self.warn(unit.lines[0], code, f"{unit.kind} {unit.num} where {want}. was expected")
                return

