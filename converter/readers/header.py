"""The header of a text adopted: every line between the front matter and the formula.

The EP prints the same items in different orders and forms: the PDF has the institution, the
term's years and "AANGENOMEN TEKSTEN" above the register number; the EP website has "Texts
adopted", the sitting's date line, the short title, then the register number (with the report
number glued to it on some pages); the Official Journal puts the register number first and an
item number "(2018/C 204/31)" after the procedure line; old pages have no register number and no
date. So each line is recognised for what it is, not by its place; lines that are none of the
known items make up the short title, and any other group of them is kept as a note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..ids import REGISTER_PATTERN, REPORT_PATTERN
from ..languages import Profile
from .lines import join

TERM_YEARS = re.compile(r"^(?P<start>\d{4})-(?P<end>\d{4})$")
REGISTER_LINE = re.compile(REGISTER_PATTERN.pattern.rstrip("$") + r"\s*(?P<report>[ABC]\d{1,2}-\d{4}/\d{4})?$")
REPORT = re.compile(REPORT_PATTERN.pattern.replace("^", "^(?P<report>", 1).replace("$", ")$"))
# The Official Journal's number for the item: "(2018/C 204/31)", "(C/2024/1775)", "(2011/C 33 E/18)".
_OJ_NUMBER = r"\d{4}/C \d{1,3}(?: ?[A-Z])?/\d{1,3}"
OJ_ITEM = re.compile(rf"^(?:{_OJ_NUMBER}|\((?:{_OJ_NUMBER}|C/\d{{4}}/\d{{1,6}})\))$")


@dataclass
class Header:
    """What the header printed, each item with its source line (1-based)."""

    institution: str | None = None
    term_years: str | None = None
    collection: str | None = None
    date_line: str | None = None
    sitting: dt.date | None = None
    register: str | None = None
    register_line: int | None = None
    report: str | None = None
    short_title: str = ""
    long_title: str = ""
    long_title_line: int | None = None
    procedure_line: str | None = None
    procedure: str | None = None  # the procedure line's code (consultation, consent, …)
    oj_items: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # lines of no known kind, beyond the short title


def read_header(lines: list[tuple[int, str]], profile: Profile) -> Header:
    """``lines`` are (line number, stripped text) of the header zone, blank lines included as ''."""
    header = Header()
    groups: list[list[tuple[int, str]]] = [[]]  # runs of unrecognised lines, split by recognised ones
    i = 0
    while i < len(lines):
        number, text = lines[i]
        i += 1
        if not text:
            if groups[-1]:
                groups.append([])
            continue
        if header.long_title_line is None and profile.kind(text) is not None and not _is_known(text, profile):
            title = [text]
            # the long title runs on over lines until a blank line, and past it while a parenthesis is open
            while i < len(lines) and ((lines[i][1] and not _is_known(lines[i][1], profile)) or _unbalanced(title)):
                if lines[i][1]:
                    title.append(lines[i][1])
                i += 1
            header.long_title, header.long_title_line = join(title), number
            if groups[-1]:
                groups.append([])
            continue
        if not _take(header, number, text, profile):
            groups[-1].append((number, text))
            continue
        if groups[-1]:
            groups.append([])
    found = [g for g in groups if g]
    if found:
        header.short_title = join([t for _, t in found[0]])
        header.notes = [line for group in found[1:] for line in group]
    return header


def _unbalanced(lines: list[str]) -> bool:
    text = " ".join(lines)
    return text.count("(") > text.count(")")


def _is_known(text: str, profile: Profile) -> bool:
    return _take(Header(), 0, text, profile)


def _take(header: Header, number: int, text: str, profile: Profile) -> bool:
    """Record ``text`` in ``header`` if it is a header item of a known kind."""
    lowered = text.lower()
    register = REGISTER_LINE.match(text)
    if register and header.register is None:
        header.register, header.register_line = text[: register.start("report")] if register["report"] else text, \
            number
        header.register = header.register.strip()
        header.report = register["report"] or header.report
    elif REPORT.match(text) and header.report is None:
        header.report = text
    elif lowered in (c.lower() for c in profile.collection) and header.collection is None:
        header.collection = text
    elif text in profile.institution and header.institution is None:
        header.institution = text
    elif TERM_YEARS.match(text) and header.term_years is None:
        header.term_years = text
    elif header.date_line is None and profile.date_line is not None and profile.date_line.match(text) and \
            (sitting := profile.parse_date(text, profile.date_line)) is not None:
        header.date_line, header.sitting = text, sitting
    elif (code := profile.procedure(text)) is not None and header.procedure_line is None:
        header.procedure_line, header.procedure = text, code
    elif OJ_ITEM.match(text):
        header.oj_items.append((number, text))
    else:
        return False
    return True
