"""languages: the words of each language the language-neutral stages look for.

Each of the 24 official languages has a TOML profile in this folder (``nld.toml`` …); adding a
language means adding a file, not code. A profile holds, as the EP prints them:

- ``formula`` (the line that opens the preamble), ``institution``, ``collection`` ("Texts
  adopted"), ``editions`` (words that may follow the sitting's date line);
- ``citation`` and ``recital``: the words that open citations and recitals, every form;
- ``closing_paragraph``: a pattern for the final "instructs its President to forward" paragraph;
- ``date`` and ``date_line``: patterns for a date in the long title and for the EP website's
  sitting line, with groups ``day``, ``month`` (a month's name) and ``year``; month names come
  from CLDR (Babel), with ``months`` for forms CLDR lacks;
- ``[kinds]``: phrases of the long title naming the kind of text; ``[procedures]``: the
  procedure line's words; ``[oj]`` and ``[furniture]``: page furniture of the Official Journal;
- ``[acts]``: act words, the treaties' names, and optionally a ``treaty_article`` pattern;
- ``[letter]`` (optional): the words of the transmittal letter sent to national parliaments;
- ``[act]`` (optional): the words that structure Parliament's position (formula, "Whereas:",
  enacting words, chapter, section, article and annex headings, "Done at").

Comments in the files give the source of each value and mark what was not verified. This package
imports nothing else of the converter.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class LetterWords:
    subject: str
    salutation: re.Pattern[str]
    closing: re.Pattern[str]
    annex: str
    of: tuple[str, ...]
    documents: tuple[str, ...]  # what the transmitted document's title starts with ("resolutie")


@dataclass(frozen=True)
class ActWords:
    number: str  # "nr." in "Verordening (EG) nr. 765/2006"
    proposal: tuple[str, ...]
    communication: tuple[str, ...]
    treaty_article: re.Pattern[str] | None
    treaties: dict[str, str]  # name as printed → ELI treaty segment (teu_2016)
    amending: tuple[str, ...] = ()  # "tot wijziging van": the act named next is amended, not cited
    unidentified: tuple[re.Pattern[str], ...] = ()  # references to documents the text gives no identifier for


@dataclass(frozen=True)
class ActStructureWords:
    """The words that structure a legislative text in this language (Parliament's position)."""

    formula: re.Pattern[str]  # "THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,"
    whereas: str  # "Whereas:"
    enacting: re.Pattern[str]  # "HAVE ADOPTED THIS REGULATION:"
    chapter: re.Pattern[str]  # groups: num
    section: re.Pattern[str]
    article: re.Pattern[str]
    annex: re.Pattern[str]
    done: re.Pattern[str]  # "Done at …": where the closing date and signatures begin


@dataclass(frozen=True)
class Profile:
    language: str  # ISO 639-2/T
    tag: str  # BCP 47
    formulas: tuple[str, ...]
    institution: tuple[str, ...]
    collection: tuple[str, ...]
    editions: tuple[str, ...]
    citation: tuple[str, ...]
    recital: tuple[str, ...]
    closing_paragraph: re.Pattern[str]
    date: re.Pattern[str]
    date_line: re.Pattern[str] | None
    extra_months: dict[str, int]
    kinds: dict[str, str]  # phrase of the long title → kind, longest phrase first
    procedures: dict[str, str]  # procedure line as printed → procedure code
    acts: ActWords
    letter: LetterWords | None
    furniture: dict[str, tuple[str, ...]]  # page furniture by kind ("oj-masthead": the journal's name …)
    issn: re.Pattern[str] | None
    act: ActStructureWords | None  # the words of a legislative text's structure, where known

    @property
    def formula(self) -> str:
        return self.formulas[0]

    @cached_property
    def _months(self) -> dict[str, int]:
        from babel.dates import get_month_names  # imported here: only dates need the CLDR data

        names: dict[str, int] = {}
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context=context, locale=self.tag).items():
                    names.setdefault(name.lower().rstrip("."), number)
        names.update({k.lower(): v for k, v in self.extra_months.items()})
        return names

    def month(self, name: str) -> int | None:
        return self._months.get(name.lower().rstrip("."))

    def parse_date(self, text: str, pattern: re.Pattern[str] | None = None) -> dt.date | None:
        """The first date ``text`` prints the way this language does ("24 februari 2026",
        "2013. június 12-i", "2019 m. liepos 16 d.")."""
        for match in (pattern or self.date).finditer(text):
            month = self.month(match["month"])
            if month is None:
                continue
            try:
                return dt.date(int(match["year"]), month, int(match["day"]))
            except ValueError:
                return None
        return None

    def kind(self, title: str) -> tuple[str, str] | None:
        """The kind of text a long title names, and the phrase that names it, looked for near
        the title's start (in some languages the date comes first)."""
        head = title[:KIND_WINDOW].lower()
        for phrase, kind in self.kinds.items():
            if phrase.lower() in head:
                return phrase, kind
        return None

    def procedure(self, line: str) -> str | None:
        """The procedure code of a printed procedure line ("(Consultation)")."""
        inner = line.strip()
        if not (inner.startswith("(") and inner.endswith(")")):
            return None
        inner = inner[1:-1].strip().lower()
        return next((code for words, code in self.procedures.items() if words.lower() == inner), None)


# Where the kind phrase may stand in a long title: after a date and the institution's name at most.
KIND_WINDOW = 90


def _strings(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _load(text: str) -> Profile:
    data = tomllib.loads(text)
    acts, oj = data["acts"], data.get("oj", {})
    treaties = dict(acts["treaties"])
    treaty_article = acts.get("treaty_article")
    letter = data.get("letter")
    furniture = {"oj-masthead": _strings(oj.get("masthead", ())), "oj-series": _strings(oj.get("series", ()))}
    furniture.update({kind: _strings(lines) for kind, lines in data.get("furniture", {}).items()})
    return Profile(
        language=data["language"],
        tag=data["tag"],
        formulas=_strings(data["formula"]),
        institution=_strings(data["institution"]),
        collection=_strings(data["collection"]),
        editions=_strings(data.get("editions", ())),
        citation=_strings(data["citation"]),
        recital=_strings(data["recital"]),
        closing_paragraph=re.compile(data["closing_paragraph"]),
        date=re.compile(data["date"]),
        date_line=re.compile(data["date_line"]) if data.get("date_line") else None,
        extra_months={k: int(v) for k, v in data.get("months", {}).items()},
        kinds=dict(sorted(data["kinds"].items(), key=lambda kv: -len(kv[0]))),
        procedures=dict(data.get("procedures", {})),
        acts=ActWords(
            number=acts["number"],
            proposal=_strings(acts.get("proposal", ())),
            communication=_strings(acts.get("communication", ())),
            treaty_article=re.compile(treaty_article.format(treaties="|".join(
                re.escape(t) for t in sorted(treaties, key=len, reverse=True)))) if treaty_article else None,
            treaties=treaties,
            amending=_strings(acts.get("amending", ())),
            unidentified=tuple(re.compile(p) for p in acts.get("unidentified", ())),
        ),
        letter=LetterWords(
            subject=letter["subject"],
            salutation=re.compile(letter["salutation"]),
            closing=re.compile(letter["closing"]),
            annex=letter["annex"],
            of=_strings(letter["of"]),
            documents=_strings(letter["documents"]),
        ) if letter else None,
        furniture=furniture,
        issn=re.compile(oj["issn"]) if oj.get("issn") else None,
        act=ActStructureWords(
            formula=re.compile(act["formula"]), whereas=act["whereas"], enacting=re.compile(act["enacting"]),
            chapter=re.compile(act["chapter"]), section=re.compile(act["section"]),
            article=re.compile(act["article"]), annex=re.compile(act["annex"]), done=re.compile(act["done"]),
        ) if (act := data.get("act")) else None,
    )


@cache
def profiles() -> tuple[Profile, ...]:
    """All bundled profiles, ordered by language code."""
    folder = resources.files(__name__)
    found = [_load(f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".toml")]
    return tuple(sorted(found, key=lambda p: p.language))


def codes() -> list[str]:
    return [p.language for p in profiles()]


def formula_in(profile: Profile, line: str) -> tuple[str, str] | None:
    """The formula ``line`` starts with, and what follows it on the line (a first citation glued
    to it by a copy that flattened the layout), if the line is a formula line."""
    text = line.strip()
    for formula in profile.formulas:
        bare = formula.rstrip(",")
        if text in (formula, bare, formula + ","):
            return text, ""
        if text.startswith(formula) and text[len(formula):].lstrip()[:1] in ("-", "–", "—"):
            return formula, text[len(formula):].strip()
    return None


def for_text(lines: list[str]) -> Profile | None:
    """The profile whose formula stands on a line of its own (or opens a flattened line); where
    several match, the one whose citation words open most lines."""
    candidates = [p for p in profiles() if any(formula_in(p, line) for line in lines)]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None

    def openers(profile: Profile) -> int:
        starts = tuple(w.lower() for w in profile.citation + profile.recital if w)
        return sum(1 for line in lines if line.strip().lstrip("–—- ").lower().startswith(starts))

    return max(candidates, key=openers)


def by_language(code: str) -> Profile:
    """The profile for an ISO 639-2/T code (``nld``) or a BCP 47 tag (``nl``)."""
    for profile in profiles():
        if code in (profile.language, profile.tag):
            return profile
    raise KeyError(code)
