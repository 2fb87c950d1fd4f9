"""The text reader: the text of an EP text adopted in, a typed document model out.

The parser is language-neutral: the words it looks for come from a language profile
(``converter/languages/*.toml``). It reads three layouts: text extracted from the
EP's PDF (markers glued to words, footnote bodies at page bottoms), the EP
website's (markers "(1)", footnotes after the last paragraph) and the Official
Journal's (numbers and letters alone on their line, citations without a dash).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import languages
from ..errors import NotATextAdopted, UsageError
from ..findings import Finding, warning
from ..ids import REGISTER_PATTERN, RegisterNumber, point_eid, term_start, unit_eid
from ..languages import Profile, formula_in
from ..model import Anchor, Artefact, Document, Footnote, Metadata, Point, Unit
from .furniture import furniture
from .header import TERM_YEARS, Header, read_header
from .letter import parse_letter
from .lines import join, letters, strip_markers

PROCEDURE = re.compile(r"(?P<ref>\d{4}/\d{4}\((?P<type>[A-Z]{3})\))")
UNIT_NUM = re.compile(r"^(?P<label>\d{1,4}|[A-Z]{1,2})\.(?:\s+(?P<rest>\S.*))?$")
DASH = re.compile(r"^(?P<num>[–—-])\s+(?P<rest>\S.*)$")
POINT = re.compile(r"^(?P<num>\((?P<a>[a-z]{1,2}|[ivxl]+)\)|(?P<b>[a-z]{1,2}|[ivxl]+)\))\s+(?P<rest>\S.*)$")
FOOTNOTE = re.compile(r"^(?:(?P<num>\((?P<p>\d{1,3})\))\s*|(?P<bare>(?P<n>\d{1,3}))\s+)(?P<rest>\S.*)$")
DASHES = ("–", "—", "-")
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
        """Whether the unit can end here; a number or dash alone on its line awaits its text."""
        target = self.points[-1] if self.points else self
        if not target.lines:
            return self.kind != "citation"
        return self.last_text.endswith(UNIT_END)

    def add(self, line: int, text: str) -> None:
        (self.points[-1] if self.points else self).lines.append((line, text))


@dataclass
class _FootnoteDraft:
    number: int
    marker: str
    lines: list[tuple[int, str]]


def parse(text: str, source: str = "<text>", sha256: str | None = None, *, given: Given | None = None) -> Document:
    """Parse the text of one EP text adopted. ``given`` holds what the text may not print (the
    register number, the adoption date, the language), from the user or the file name."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    given = given or Given()
    lines = text.split("\n")
    if given.language is not None:
        profile = languages.by_language(given.language)
    else:
        found = languages.for_text(lines)
        if found is None:
            formulas = ", ".join(repr(p.formula) for p in languages.profiles())
            raise NotATextAdopted(source, "not an EP text adopted: no formula line",
                                  expected=f"one of {formulas} (languages: {', '.join(languages.codes())})")
        profile = found
    return _Parser(lines, profile, source, given).run(sha256)


@dataclass(frozen=True)
class Given:
    """Metadata from outside the text: options, or the file name (which the text overrides)."""

    register: str | None = None
    adopted: dt.date | None = None
    language: str | None = None
    register_from_name: str | None = None


class _Parser:
    def __init__(self, lines: list[str], profile: Profile, source: str, given: Given) -> None:
        self.lines = lines
        self.profile = profile
        self.source = source
        self.given = given
        self.warnings: list[Finding] = []
        self.artefacts: list[Artefact] = []
        self.cells = [line.strip() for line in lines]
        for i, cell in enumerate(self.cells):
            # a copy that flattened the Official Journal's table ends every cell with " |"
            if cell.endswith("|") and (cell == "|" or cell[-2] == " "):
                self.cells[i] = cell[:-1].rstrip()
                self.artefacts.append(Artefact(i + 1, "table-cell", "|"))

    def error(self, problem: str, line: int | None = None, **kw: str) -> NotATextAdopted:
        return NotATextAdopted(self.source, problem, line=line, **kw)

    def warn(self, line: int | None, code: str, message: str) -> None:
        self.warnings.append(warning(line, code, message))

    def stripped(self, index: int) -> str:
        return self.cells[index]

    # -- the zones of the file -------------------------------------------------

    def run(self, sha256: str) -> Document:
        formula_at, formula, glued = self.formula()
        register_at = next((i for i in range(formula_at) if REGISTER_PATTERN.match(self.stripped(i))), None)
        letter = None
        header_at = 0
        if self.profile.letter is not None and any(
                self.stripped(i).startswith(self.profile.letter.subject) for i in range(formula_at)):
            if register_at is None:
                raise self.error("not an EP text adopted: a transmittal letter but no public register number",
                                 expected="a line such as P10_TA(2026)0056")
            header_at = self.masthead_start(register_at)
            letter = parse_letter(self.lines[:header_at], 1, self.profile, self.source)
        zone = []
        for i in range(header_at, formula_at):
            text = self.stripped(i)
            if not text or not self.artefact(i, text):
                zone.append((i + 1, text))
        metadata = self.metadata(read_header(zone, self.profile), formula_at)
        first = [(formula_at + 1, glued)] if glued else []
        citations, recitals, paragraphs, footnotes, layout = self.body(formula_at + 1, first)
        return Document(
            source_name=Path(self.source).name,
            source_sha256=sha256,
            layout=layout,
            metadata=metadata,
            formula=formula,
            citations=citations,
            recitals=recitals,
            paragraphs=paragraphs,
            footnotes=footnotes,
            letter=letter,
            artefacts=tuple(self.artefacts),
            warnings=tuple(self.warnings),
        )

    def formula(self) -> tuple[int, str, str]:
        """Where the formula stands, as printed, and a first citation glued to it."""
        for i in range(len(self.lines)):
            found = formula_in(self.profile, self.stripped(i))
            if found is not None:
                return i, found[0], found[1]
        raise self.error(f"not an EP text adopted: no formula line ({self.profile.language})",
                         expected=" or ".join(repr(f) for f in self.profile.formulas))

    def masthead_start(self, register_at: int) -> int:
        """The first line of the masthead above the register number (institution, term years,
        collection), where a transmittal letter in front of it ends."""
        start = register_at
        for i in range(register_at - 1, -1, -1):
            text = self.stripped(i)
            if not text:
                continue
            if text not in self.profile.institution and not TERM_YEARS.match(text) and \
                    text.lower() not in (c.lower() for c in self.profile.collection):
                break
            start = i
        return start

    def artefact(self, index: int, text: str) -> bool:
        kind = furniture(text)
        if kind is not None:
            self.artefacts.append(Artefact(index + 1, kind, text))
        return kind is not None

    def metadata(self, header: Header, formula_at: int) -> Metadata:
        for line, text in header.notes:
            self.warn(line, "unknown-header-line", f"a header line of no known kind, kept as a note: {text!r}")
        for line, text in header.oj_items:
            self.artefacts.append(Artefact(line, "oj-item", text))
        register = self.register(header, formula_at)
        reg = RegisterNumber.parse(register)
        assert reg is not None
        if not header.long_title:
            kinds = ", ".join(repr(k) for k in self.profile.kinds)
            raise self.error("no long title", line=formula_at, expected=f"a title starting with one of {kinds}")
        line = header.long_title_line
        found = self.profile.kind(header.long_title)
        assert found is not None
        adopted = self.adopted(header, line)
        if adopted.year != reg.year:
            self.warn(line, "date-register-mismatch",
                      f"adopted in {adopted.year} but the register number {register} says {reg.year}")
        if header.term_years and int(header.term_years[:4]) != term_start(reg.term):
            self.warn(header.register_line, "term-mismatch",
                      f"the header says {header.term_years} but {register} is in term {reg.term}")
        procedure = PROCEDURE.search(header.long_title)
        return Metadata(
            register_number=register,
            term=reg.term,
            term_years=header.term_years,
            kind=found[1],
            short_title=header.short_title,
            long_title=header.long_title,
            adopted=adopted,
            procedure=procedure["ref"] if procedure else None,
            procedure_type=procedure["type"] if procedure else None,
            language=self.profile.language,
            institution=header.institution,
            collection=header.collection,
            report_number=header.report,
            procedure_line=header.procedure_line,
            date_line=header.date_line,
            header_notes=tuple(text for _, text in header.notes),
        )

    def register(self, header: Header, formula_at: int) -> str:
        """The register number the text prints; else the one given; else the file name's."""
        given = self.given.register
        if header.register is not None:
            if given is not None and given != header.register:
                raise UsageError("--register", f"{given} contradicts the register number {header.register} "
                                 f"that {self.source} prints on line {header.register_line}")
            return header.register
        if given is not None:
            return given
        if self.given.register_from_name is not None:
            self.warn(None, "register-from-file-name",
                      f"the text prints no register number; {self.given.register_from_name} is taken from the "
                      "file name")
            return self.given.register_from_name
        raise self.error("not an EP text adopted: no public register number", line=formula_at,
                         expected="a line such as P10_TA(2026)0056, or give it with --register")

    def adopted(self, header: Header, line: int | None) -> dt.date:
        """The adoption date the long title prints; else the sitting's date line; else the one given."""
        printed = self.profile.parse_date(header.long_title) or header.sitting
        given = self.given.adopted
        if printed is not None:
            if given is not None and given != printed:
                raise UsageError("--date", f"{given.isoformat()} contradicts the adoption date "
                                 f"{printed.isoformat()} that {self.source} prints on line {line}")
            return printed
        if given is not None:
            return given
        raise self.error("the text prints no adoption date", line=line,
                         expected="a date in the long title or the sitting's date line; give it with --date "
                         "YYYY-MM-DD")

    # -- the preamble and body -------------------------------------------------

    def body(self, start: int, first: list[tuple[int, str]]) -> tuple[tuple[Unit, ...], tuple[Unit, ...],
                                                                     tuple[Unit, ...],
                                        tuple[Footnote, ...], str]:
        drafts: list[_Draft] = []
        notes: list[_FootnoteDraft] = []
        note: _FootnoteDraft | None = None
        note_done = False
        blank_before = True
        alone_numbers = False
        heading: tuple[int, str] | None = None
        items = [(line - 1, text) for line, text in first]
        items += [(i, self.stripped(i)) for i in range(start, len(self.lines))]
        for i, text in items:
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
                note = _FootnoteDraft(len(notes) + 1, fn["num"] or fn["bare"], [(number, fn["rest"])])
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
            after_blank, blank_before = blank_before, False
            started = self.start_unit(text, number, drafts, current) or \
                self.start_unnumbered(text, number, drafts, current, after_blank)
            if started is not None:
                if started.kind == "paragraph" and heading is not None:
                    started.heading = heading[1]
                    heading = None
                alone_numbers = alone_numbers or (not started.lines and started.kind != "citation")
                drafts.append(started)
                continue
            if current is None:
                raise self.error("text before the first citation, recital or paragraph", line=number,
                                 expected="a citation ('– " + self.profile.citation[0] + " …'), a recital or "
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
            if text in DASHES:  # the dash alone on its line, the citation on the next
                return _Draft("citation", text, "", number, [])
            if self.opens_citation(text):
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

    def start_unnumbered(self, text: str, number: int, drafts: list[_Draft], current: _Draft | None,
                         after_blank: bool) -> _Draft | None:
        """A paragraph printed without its number (a copy that lost the numbers): a new block that
        starts with a capital after the citations, or after another such paragraph."""
        if current is None or not after_blank or not current.complete() or not text[:1].isupper():
            return None
        if (current.kind == "paragraph" and current.num == "") or \
                (current.kind == "citation" and not self.opens_citation(text) and \
                not any(d.kind != "citation" for d in drafts)):
            position = sum(1 for d in drafts if d.kind == "paragraph") + 1
            self.warn(number, "paragraph-unnumbered", f"a paragraph printed without a number; numbered {position} "
                      "by its position")
            return _Draft("paragraph", "", str(position), number, [(number, text)])
        return None

    def opens_citation(self, text: str) -> bool:
        lowered = text.lower()
        return any(lowered.startswith(opener.lower()) and lowered[len(opener):][:1] in (" ", ",", "")
                   for opener in self.profile.citation)

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

