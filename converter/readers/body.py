"""The structure pass over the body: from the line after the formula to the end, the citations,
recitals, paragraphs (with sub-points and cross-headings) and footnotes, with each footnote's
marker anchored at its character offset in the unit that carries it.

It reads the prepared lines (``prepare``): furniture is skipped, blank lines matter (a footnote
body starts after one), and a unit ends only where its text can end (``;``, ``.``, ``:``, ``,``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import NotATextAdopted
from ..findings import Finding, warning
from ..ids import point_eid, unit_eid
from ..languages import Profile
from ..model import Anchor, Artefact, Attachment, Footnote, Point, Unit
from .act import NotAnAct, read_act
from .lines import find_marker, join, letters, strip_markers
from .prepare import Prepared

UNIT_NUM = re.compile(r"^(?P<label>\d{1,4}|[A-Z]{1,2})\.(?:\s+(?P<rest>\S.*))?$")
DASH = re.compile(r"^(?P<num>[–—-])\s+(?P<rest>\S.*)$")
POINT = re.compile(r"^(?P<num>\((?P<a>[a-z]{1,2}|[ivxl]+)\)|(?P<b>[a-z]{1,2}|[ivxl]+)\))\s+(?P<rest>\S.*)$")
FOOTNOTE = re.compile(r"^(?:(?P<num>\((?P<p>\d{1,3})\))\s*|(?P<bare>(?P<n>\d{1,3}))\s+)(?P<rest>\S.*)$")
DASHES = ("–", "—", "-")
# The number of Parliament's position, printed above it: "P8_TC1-COD(2014)0216", "EP-PE_TC1-COD(2015)0226".
TEXT_CONSOLIDATED = re.compile(r"^(?:P\d{1,2}|EP-PE)_TC\d-[A-Z]{3}\(\d{4}\)\d{4}$")
UNIT_END = (";", ".", ":", ",")


@dataclass(frozen=True)
class Body:
    citations: tuple[Unit, ...]
    recitals: tuple[Unit, ...]
    paragraphs: tuple[Unit, ...]
    footnotes: tuple[Footnote, ...]
    layout: str  # "pdf" | "web" | "oj"
    attachments: tuple[Attachment, ...] = ()


def read_body(prepared: Prepared, profile: Profile, source: str, start: int, first: list[tuple[int, str]],
              warnings: list[Finding], artefacts: list[Artefact]) -> Body:
    """The body from line index ``start`` on; ``first`` is text glued to the formula's line."""
    return _BodyReader(prepared, profile, source, warnings, artefacts).run(start, first)


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


class _BodyReader:
    def __init__(self, prepared: Prepared, profile: Profile, source: str, warnings: list[Finding],
                 artefacts: list[Artefact]) -> None:
        self.cells = prepared.cells
        self.furniture = prepared.furniture
        self.profile = profile
        self.source = source
        self.warnings = warnings
        self.artefacts = artefacts
        self.orphans: set[int] = set()  # footnote markers found without a footnote text

    def error(self, problem: str, line: int | None = None, **kw: str) -> NotATextAdopted:
        return NotATextAdopted(self.source, problem, line=line, **kw)

    def warn(self, line: int | None, code: str, message: str) -> None:
        self.warnings.append(warning(line, code, message))

    def artefact(self, index: int, text: str) -> bool:
        kind = self.furniture.get(index)
        if kind is not None:
            self.artefacts.append(Artefact(index + 1, kind, text))
        return kind is not None

    def run(self, start: int, first: list[tuple[int, str]]) -> Body:
        drafts: list[_Draft] = []
        notes: list[_FootnoteDraft] = []
        note: _FootnoteDraft | None = None
        note_done = False
        blank_before = True
        alone_numbers = False
        heading: tuple[int, str] | None = None
        items = [(line - 1, text) for line, text in first]
        items += [(i, self.cells[i]) for i in range(start, len(self.cells))]
        attachment: list[tuple[int, str]] | None = None
        for i, text in items:
            if attachment is not None:
                if text and not self.artefact(i, text):
                    attachment.append((i + 1, text))
                continue
            if not text:
                blank_before = True
                if note is not None:
                    note, note_done = None, False
                continue
            if self.artefact(i, text):
                continue
            number = i + 1
            current = drafts[-1] if drafts else None
            closed = current is not None and self.closes(current)
            fn = FOOTNOTE.match(text)
            if fn and (blank_before or note is not None or closed) and int(fn["p"] or fn["n"]) == len(notes) + 1 \
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
            if closed:  # what follows the resolution: Parliament's position, an annex
                attachment = [(number, text)]
                continue
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
        attachments = (self.attachment(attachment),) if attachment is not None else ()
        return Body(*self.finish(drafts, notes, alone_numbers), attachments)

    def attachment(self, lines: list[tuple[int, str]]) -> Attachment:
        """What follows the closing paragraph: its structure where the language's act words read
        it whole, else the lines kept whole with a warning."""
        first, span = lines[0], (lines[0][0], lines[-1][0])
        num = first[1] if TEXT_CONSOLIDATED.match(first[1]) else None
        rest = lines[1:] if num else lines
        problem = "the language has no act words"
        if self.profile.act is not None:
            try:
                act = read_act(rest, self.profile.act)
            except NotAnAct as error:
                problem = str(error)
            else:
                return Attachment(num, "", span, act.title, act.formula, act.citations, act.recitals_intro,
                                  act.recitals, act.enacting, act.body, act.conclusions, act.notes, act.annexes)
        self.warn(first[0], "attachment-kept-whole", "the text after the closing paragraph (Parliament's position "
                  f"or an annex) is kept whole as an attachment; its structure is not read ({problem})")
        return Attachment(num, "\n".join(t for _, t in rest), span)

    def closes(self, draft: _Draft) -> bool:
        """Whether ``draft`` is the resolution's closing paragraph ("instructs its President to
        forward …"), whole: after it come only footnotes and attachments."""
        return draft.kind == "paragraph" and not draft.points and draft.last_text.endswith(".") and \
            bool(self.profile.closing_paragraph.match(join([t for _, t in draft.lines])))

    def start_unit(self, text: str, number: int, drafts: list[_Draft], current: _Draft | None) -> _Draft | None:
        if current is not None and not current.complete():
            return self.start_after_unfinished(text, number, drafts, current)
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

    def start_after_unfinished(self, text: str, number: int, drafts: list[_Draft], current: _Draft) -> _Draft | None:
        """The next paragraph or recital by its number, after one whose text has no end punctuation:
        a unit that lost its final ";" must not swallow the next one."""
        unit = UNIT_NUM.match(text)
        if unit is None or not unit["rest"] or current.kind not in ("paragraph", "recital"):
            return None
        done = sum(1 for d in drafts if d.kind == current.kind)
        expected = str(done + 1) if current.kind == "paragraph" else letters(done + 1)
        if unit["label"] != expected:
            return None
        self.warn(current.last_line, "unit-without-end-punctuation",
                  f"{current.kind} {current.num} ends without ';' or '.' ({current.last_text[-30:]!r}); "
                  f"{expected}. on the next line is taken to start the next {current.kind}")
        return _Draft(current.kind, expected + ".", expected, number, [(number, unit["rest"])])

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
        for j in range(index + 1, len(self.cells)):
            after = self.cells[j]
            if after:
                unit = UNIT_NUM.match(after)
                return bool(unit and unit["label"].isdigit())
        return False

    # -- from drafts to the model ----------------------------------------------

    def finish(self, drafts: list[_Draft], notes: list[_FootnoteDraft], alone_numbers: bool
               ) -> tuple[tuple[Unit, ...], tuple[Unit, ...], tuple[Unit, ...], tuple[Footnote, ...], str]:
        if not any(d.kind == "paragraph" for d in drafts):
            raise self.error("no numbered paragraphs after the preamble", line=len(self.cells),
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
            unit_text, markers, next_marker = strip_markers([t for _, t in draft.lines], next_marker, len(notes))
            self.anchor(anchors, markers, eid, draft, next_marker, unit_text)
            points = []
            for k, p in enumerate(draft.points, 1):
                point = point_eid(eid, p.label or str(k))
                point_text, markers, next_marker = strip_markers([t for _, t in p.lines], next_marker, len(notes))
                self.anchor(anchors, markers, point, p, next_marker, point_text)
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
               draft: _Draft, next_marker: int, text: str) -> None:
        """Record where each footnote's marker stood. A marker whose footnote text is missing stays in
        the unit's text, as printed, with a warning."""
        for offset, number, printed in markers:
            anchors[number] = Anchor(eid, offset, printed)
        orphan = find_marker(text, next_marker)
        if orphan is not None and next_marker not in self.orphans:
            self.orphans.add(next_marker)
            self.warn(draft.first, "marker-without-footnote",
                      f"footnote marker {orphan.group(1)} in {eid} has no footnote text; it is kept in the text")

    def check_sequence(self, units: list[Unit], expected: list[str], code: str) -> None:
        for unit, want in zip(units, expected, strict=True):
            if unit.label != want:
                self.warn(unit.lines[0], code, f"{unit.kind} {unit.num} where {want}. was expected")
                return

