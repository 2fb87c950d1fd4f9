"""The structure of a legislative text that follows a resolution: Parliament's position at first
reading (and any act printed the same way): title, formula, citations, recitals, the enacting
words, chapters and sections, articles with their paragraphs and points, the closing "Done at …"
and signatures, the notes and the annexes.

Lines are recognised by the act words of the language profile (``[act]``); a text whose structure
does not come out whole (an unknown line where a provision must start, nothing after the enacting
words) is not forced: the caller keeps it whole. Text that an amending provision quotes
(‘Article 12 … ’) stays in the provision that quotes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..languages import ActStructureWords
from ..model import Provision

PARAGRAPH = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<rest>\S.*)$")
POINT = re.compile(r"^(?P<num>\((?P<label>[a-z]{1,2}|[ivxl]{1,6}|\d{1,3})\))(?:\s+(?P<rest>\S.*))?$")
RECITAL = re.compile(r"^(?P<num>\((?P<label>\d{1,3})\))(?:\s+(?P<rest>\S.*))?$")
NOTE = re.compile(r"^\((?P<label>\d{1,3})\)\s+(?P<rest>\S.*)$")
ROMAN = re.compile(r"^[ivxl]+$")
OPENING_QUOTES = ("‘", "“", "«", "„")
CLOSING_QUOTE = re.compile(r"[’”»“]\s*[;,.]*\s*$")


@dataclass(frozen=True)
class ActStructure:
    title: str
    formula: str
    citations: tuple[Provision, ...]
    recitals_intro: str
    recitals: tuple[Provision, ...]
    enacting: str
    body: tuple[Provision, ...]
    conclusions: tuple[str, ...]
    notes: tuple[Provision, ...]
    annexes: tuple[Provision, ...]


class NotAnAct(Exception):
    """The lines do not come out as an act's structure; the caller keeps them whole."""


def read_act(lines: list[tuple[int, str]], words: ActStructureWords) -> ActStructure:
    """``lines`` are (line number, text) without blank lines or page furniture."""
    return _ActReader(lines, words).run()


class _ActReader:
    def __init__(self, lines: list[tuple[int, str]], words: ActStructureWords) -> None:
        self.lines = lines
        self.words = words
        self.at = 0

    def peek(self) -> str | None:
        return self.lines[self.at][1] if self.at < len(self.lines) else None

    def take(self) -> tuple[int, str]:
        line = self.lines[self.at]
        self.at += 1
        return line

    def run(self) -> ActStructure:
        title = self.until(lambda t: bool(self.words.formula.match(t)), "formula")
        formula = self.take()[1]
        citations = tuple(Provision("citation", "", f"cit_{n}", None, text, (), (line, line))
                          for n, (line, text) in enumerate(self.until(lambda t: t == self.words.whereas, "'Whereas:'"),
                                                           1))
        recitals_intro = self.take()[1]
        recitals = self.recitals()
        if self.peek() is None:
            raise NotAnAct("no enacting words after the recitals")
        enacting = self.take()[1]
        body = self.body()
        conclusions, notes, annexes = self.end()
        return ActStructure(" ".join(t for _, t in title), formula, citations, recitals_intro, recitals, enacting,
                            body, conclusions, notes, annexes)

    def until(self, stop: Callable[[str], bool], what: str) -> list[tuple[int, str]]:
        taken = []
        while self.peek() is not None and not stop(self.peek()):
            taken.append(self.take())
        if self.peek() is None:
            raise NotAnAct(f"no {what}")
        return taken

    def recitals(self) -> tuple[Provision, ...]:
        out: list[Provision] = []
        while (text := self.peek()) is not None and not self.words.enacting.match(text):
            line, text = self.take()
            match = RECITAL.match(text)
            if match and match["label"] == str(len(out) + 1):
                body = [match["rest"]] if match["rest"] else []
                out.append(Provision("recital", match["num"], f"rec_{match['label']}", None, "", (), (line, line)))
                out[-1] = _with_text(out[-1], body)
            elif out:
                out[-1] = _with_text(out[-1], [*_lines(out[-1]), text], last=line)
            else:
                raise NotAnAct(f"line {line}: {text[:40]!r} where the first recital was expected")
        return tuple(out)

    def body(self) -> tuple[Provision, ...]:
        """Chapters, sections and articles up to the closing "Done at"."""
        top: list[Provision] = []
        chapter: list[Provision] | None = None
        section: list[Provision] | None = None
        while (text := self.peek()) is not None and not self.words.done.match(text):
            line = self.lines[self.at][0]
            if (match := self.words.chapter.match(text)) is not None:
                self.take()
                chapter, section = [], None
                top.append(self.container("chapter", text, f"chp_{match['num']}", line, chapter))
            elif (match := self.words.section.match(text)) is not None and chapter is not None:
                self.take()
                section = []
                chapter.append(self.container("section", text, f"sec_{match['num']}", line, section))
            elif (match := self.words.article.match(text)) is not None:
                self.take()
                article = self.article(text, f"art_{match['num']}", line)
                (section if section is not None else chapter if chapter is not None else top).append(article)
            else:
                raise NotAnAct(f"line {line}: {text[:40]!r} where a chapter, section or article was expected")
        if self.peek() is None:
            raise NotAnAct("no closing 'Done at'")
        return tuple(_close(p) for p in top)

    def container(self, kind: str, num: str, eid: str, line: int, children: list[Provision]) -> Provision:
        heading = self.take()[1] if self.peek() is not None and not self.starts_provision(self.peek()) else None
        # the children list is filled as the body is read; _close turns it into the tuple
        return Provision(kind, num, eid, heading, "", children, (line, line))  # type: ignore[arg-type]

    def starts_provision(self, text: str) -> bool:
        return any(p.match(text) for p in (self.words.chapter, self.words.section, self.words.article)) or \
            self.words.done.match(text)

    def article(self, num: str, eid: str, line: int) -> Provision:
        heading = None
        if (text := self.peek()) is not None and not self.starts_provision(text) and not PARAGRAPH.match(text) \
                and not POINT.match(text) and not text.rstrip().endswith((".", ":", ";", ",")) \
                and not text.startswith(OPENING_QUOTES):
            heading = self.take()[1]
        own: list[str] = []
        children: list[Provision] = []
        last = line
        quoting = False
        previous = heading or num
        while (text := self.peek()) is not None and (quoting or not self.starts_provision(text)):
            at, text = self.take()
            last = at
            # text an amending provision quotes ("… replaced by the following:" ‘Article 12 …’) is
            # part of that provision, whatever it looks like
            if quoting or (text.startswith(OPENING_QUOTES) and previous.endswith(":")):
                quoting = not CLOSING_QUOTE.search(text)
                _append(children, own, text, at)
                previous = text
                continue
            previous = text
            paragraph = PARAGRAPH.match(text)
            if paragraph and paragraph["num"] == str(sum(1 for c in children if c.kind == "paragraph") + 1):
                children.append(Provision("paragraph", f"{paragraph['num']}.", f"{eid}__para_{paragraph['num']}",
                                          None, paragraph["rest"], (), (at, at)))
                continue
            point = POINT.match(text)
            if point:
                _add_point(children, eid, point["num"], point["label"], point["rest"] or "", at)
                continue
            _append(children, own, text, at)
        return Provision("article", num, eid, heading, "\n".join(own), tuple(_close(c) for c in children),
                         (line, last))

    def end(self) -> tuple[tuple[str, ...], tuple[Provision, ...], tuple[Provision, ...]]:
        conclusions: list[str] = []
        notes: list[Provision] = []
        annexes: list[Provision] = []
        while (text := self.peek()) is not None:
            line, text = self.take()
            annex = self.words.annex.match(text)
            note = NOTE.match(text)
            if annex:
                annexes.append(Provision("annex", text, f"anx_{annex['num'] or len(annexes) + 1}", None, "", (),
                                         (line, line)))
            elif annexes:
                annexes[-1] = _with_text(annexes[-1], [*_lines(annexes[-1]), text], last=line)
            elif note and note["label"] == str(len(notes) + 1):
                notes.append(Provision("note", f"({note['label']})", f"note_{note['label']}", None, note["rest"], (),
                                       (line, line)))
            elif notes:
                notes[-1] = _with_text(notes[-1], [*_lines(notes[-1]), text], last=line)
            else:
                conclusions.append(text)
        return tuple(conclusions), tuple(notes), tuple(annexes)


def _lines(provision: Provision) -> list[str]:
    return provision.text.split("\n") if provision.text else []


def _with_text(provision: Provision, lines: list[str], last: int | None = None) -> Provision:
    return Provision(provision.kind, provision.num, provision.eid, provision.heading, "\n".join(lines),
                     provision.children, (provision.lines[0], last or provision.lines[1]))


def _append(children: list[Provision], own: list[str], text: str, line: int) -> None:
    """A line that starts no provision continues the innermost open one (a point's text, a
    paragraph's subparagraph), or the article's own text."""
    if not children:
        own.append(text)
        return
    children[-1] = _append_deepest(children[-1], text, line)


def _append_deepest(provision: Provision, text: str, line: int) -> Provision:
    kids = list(provision.children)
    if kids and (kids[-1].kind != "point" or _continues(kids[-1], text)):
        kids[-1] = _append_deepest(kids[-1], text, line)
        return Provision(provision.kind, provision.num, provision.eid, provision.heading, provision.text,
                         tuple(kids), (provision.lines[0], line))
    return _with_text(provision, [*_lines(provision), text], last=line)


def _continues(point: Provision, text: str) -> bool:
    """Whether ``text`` goes on with this point (or its last sub-point) rather than with the
    paragraph around it: the point has no text yet, its sentence is not finished, or the line
    starts in lower case."""
    if point.children:
        return _continues(point.children[-1], text)
    return not point.text or not point.text.rstrip().endswith((";", ".", ":", " or", " and")) or \
        text[:1].islower()


def _add_point(children: list[Provision], eid: str, num: str, label: str, rest: str, line: int) -> None:
    """A point goes under the last paragraph (or the article), or under the last point when it is
    a sub-point: (i), (ii) … after a lettered point."""
    parent = children[-1] if children and children[-1].kind == "paragraph" else None
    siblings = list(parent.children) if parent else children
    last = siblings[-1] if siblings else None
    if last is not None and last.kind == "point" and _is_subpoint(label, last):
        sub = list(last.children)
        sub.append(Provision("point", num, f"{last.eid}__point_{label}", None, rest, (), (line, line)))
        siblings[-1] = Provision(last.kind, last.num, last.eid, last.heading, last.text, tuple(sub),
                                 (last.lines[0], line))
    else:
        base = parent.eid if parent else eid
        siblings.append(Provision("point", num, f"{base}__point_{label}", None, rest, (), (line, line)))
    if parent is not None:
        children[-1] = Provision(parent.kind, parent.num, parent.eid, parent.heading, parent.text, tuple(siblings),
                                 (parent.lines[0], line))
    else:
        children[:] = siblings


def _is_subpoint(label: str, last: Provision) -> bool:
    """(i), (ii) … after a lettered point are its sub-points; (i) after (h) is the next letter."""
    if not ROMAN.match(label):
        return False
    if last.children:
        return True
    last_label = last.num.strip("()")
    return len(last_label) == 1 and last_label.isalpha() and label == "i" and last_label != "h"


def _close(provision: Provision) -> Provision:
    children = provision.children
    if isinstance(children, list):
        children = tuple(_close(c) for c in children)
    return Provision(provision.kind, provision.num, provision.eid, provision.heading, provision.text, children,
                     provision.lines)
