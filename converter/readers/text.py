"""The text reader: the text of an EP text adopted in, a typed document model out.

Language-neutral: the words it looks for come from a language profile (``languages/*.toml``),
chosen by the formula line. After the pre-pass (``prepare``) it finds the zones of the file: the
formula; before it, a transmittal letter (``letter``) and the header (``header``); after it, the
body (``body``). It reads the EP website's layouts (current and old), the Official Journal's
(before and since October 2023), copies that flattened them, and the text of the EP's PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .. import languages
from ..errors import NotATextAdopted, UsageError
from ..findings import NORMALISED_NFC, Finding, warning
from ..ids import REGISTER_PATTERN, RegisterNumber, term_start
from ..languages import Profile, formula_in
from ..model import Artefact, Document, Metadata
from .body import read_body
from .header import TERM_YEARS, Header, read_header
from .letter import parse_letter
from .prepare import prepare

PROCEDURE = re.compile(r"(?P<ref>\d{4}/\d{4}\((?P<type>[A-Z]{3})\))")


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
    document = _Parser(lines, profile, source, given).run(sha256)
    if given.normalised:
        note = warning(None, NORMALISED_NFC, "the input was not in Unicode NFC (decomposed accents, as macOS and some "
                       "PDF extractors write them); it was normalised to NFC before reading")
        document = replace(document, warnings=(note, *document.warnings))
    return document


@dataclass(frozen=True)
class Given:
    """Metadata from outside the text: options, or the file name (which the text overrides)."""

    register: str | None = None
    adopted: dt.date | None = None
    language: str | None = None
    register_from_name: str | None = None
    normalised: bool = False  # the decoder normalised the input to NFC


class _Parser:
    def __init__(self, lines: list[str], profile: Profile, source: str, given: Given) -> None:
        self.lines = lines
        self.profile = profile
        self.source = source
        self.given = given
        self.prepared = prepare(lines)
        self.cells = self.prepared.cells
        self.warnings: list[Finding] = []
        self.artefacts: list[Artefact] = list(self.prepared.borders)

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
            letter = parse_letter(self.lines[:header_at], 1, self.profile, self.source, self.warn)
        zone = []
        for i in range(header_at, formula_at):
            text = self.stripped(i)
            if not text or not self.artefact(i, text):
                zone.append((i + 1, text))
        metadata = self.metadata(read_header(zone, self.profile), formula_at)
        first = [(formula_at + 1, glued)] if glued else []
        body = read_body(self.prepared, self.profile, self.source, formula_at + 1, first, self.warnings,
                         self.artefacts)
        return Document(
            source_name=Path(self.source).name,
            source_sha256=sha256,
            layout=body.layout,
            metadata=metadata,
            formula=formula,
            citations=body.citations,
            recitals=body.recitals,
            paragraphs=body.paragraphs,
            footnotes=body.footnotes,
            attachments=body.attachments,
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
        kind = self.prepared.furniture.get(index)
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
