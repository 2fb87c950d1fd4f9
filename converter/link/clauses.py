"""What each paragraph does, and to whom: its clauses, each with its operative verb (from
``ontology/verbs.ttl``), the actors it addresses, the actors it is about and the acts it concerns.

A paragraph is a list of speech acts: "benadrukt …; verzoekt de EU …; is ingenomen met …, maar
dringt er bij de EU en haar lidstaten op aan …". A clause ends at a semicolon, or where a second
operative verb takes over after ", maar" or "en". The verb is recognised by its forms in the
document's language; a form "A … B" ("dringt er bij … op aan") holds the addressees between A and B.
Otherwise the addressees are the actors named right after a requesting verb ("verzoekt de Raad",
"calls on the Commission"), or right after "dat"/"that" ("eist dat Rusland …"). Actors the text
does not name are never guessed: a clause with no named addressee has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .mentions import Mention
from .registry import VerbForm, verb_forms

# Verbs that ask someone to act: their addressees are read; every other actor of the clause is what
# it is about.
REQUESTS = frozenset({"calls-on", "urges", "encourages", "demands", "instructs", "recalls"})
# What may stand between a requesting verb and its addressees, and between two addressees.
_LINK_WORDS = r"(?:de|het|haar|zijn|hun|alle|the|its|all|their|les|la|le|l’|l'|ses|leurs|die|der|den|dem|seine|ihre)"
_BEFORE = re.compile(rf"^\s*(?:(?:nogmaals|daarom|dringend|bovendien|{_LINK_WORDS}|regeringen van|governments of|"
                     r"dat|that|que|dass|er bij|bij|om|,)\s*)*$", re.IGNORECASE)
# between two addressees a conjunction or comma is needed: "de Raad de Wagnergroep" names an object
_BETWEEN = re.compile(rf"^\s*(?:,|en|and|et|und|of|or|ou|oder)\s*(?:{_LINK_WORDS}\s*)*$", re.IGNORECASE)
# A clause boundary inside a sentence: ", maar", ", en", " en" before a second verb.
_JOINS = re.compile(r"(?:,\s*(?:maar|en|but|and|mais|et|aber|und)\s+|\s+(?:en|and|et|und)\s+)")


@dataclass(frozen=True)
class Clause:
    unit: str  # the eId of the paragraph or recital
    index: int  # 1-based position in the unit
    start: int
    end: int
    verb: str | None  # the notation of its operative verb ("calls-on"); None where there is none (recitals)
    verb_start: int | None  # where the verb begins: the clause's start, or after a repeated subject
    verb_end: int | None  # where the verb's first part ends
    addressees: tuple[str, ...]  # actors it asks to act
    about: tuple[str, ...]  # other actors it names
    acts: tuple[str, ...]  # acts and references it concerns


@cache
def forms(tag: str) -> tuple[VerbForm, ...]:
    """The verb forms of a language, longest first."""
    return tuple(sorted(verb_forms(tag), key=lambda f: (-f.length, f.head)))


def _verb_at(text: str, at: int, tag: str) -> tuple[VerbForm, int] | None:
    """The verb form that starts at ``at``, and where its head ends."""
    for form in forms(tag):
        segment = text[at:at + len(form.head)]
        # a paragraph may open with a capital ("Calls on the Council …")
        if _uncapitalised(segment) == _uncapitalised(form.head) and (at + len(form.head) == len(text) or
                                                                      not text[at + len(form.head)].isalnum()):
            if form.tail is not None and not re.search(rf"\s{re.escape(form.tail)}(?!\w)", text[at:]):
                continue
            return form, at + len(form.head)
    return None


def _uncapitalised(text: str) -> str:
    return text[:1].lower() + text[1:]


def split(text: str, tag: str, verbs: bool) -> list[tuple[int, int]]:
    """The clauses of a unit's text, as (start, end) offsets."""
    spans, start = [], 0
    for match in re.finditer(r";\s+", text):
        spans.append((start, match.start() + 1))
        start = match.end()
    spans.append((start, len(text)))
    if not verbs:
        return [s for s in spans if text[s[0]:s[1]].strip()]
    out = []
    for begin, end in spans:
        cut = begin
        for join in _JOINS.finditer(text, begin, end):
            if _verb_at(text, join.end(), tag) is not None:
                out.append((cut, join.start()))
                cut = join.end()
        out.append((cut, end))
    return [s for s in out if text[s[0]:s[1]].strip()]


def _operative_verb(text: str, start: int, tag: str, subjects: tuple[str, ...]) -> tuple[VerbForm, int, int] | None:
    """The verb at the clause's start, or after the subject where the language repeats it in
    every paragraph ("Europaparlamentet uppdrar åt talmannen …"): the form, where it begins and ends."""
    found = _verb_at(text, start, tag)
    if found is not None:
        return found[0], start, found[1]
    for subject in subjects:
        if text.startswith(subject + " ", start):
            after = start + len(subject) + 1
            found = _verb_at(text, after, tag)
            if found is not None:
                return found[0], after, found[1]
    return None


def clauses(eid: str, text: str, tag: str, mentions: list[Mention], operative: bool,
            subjects: tuple[str, ...] = ()) -> list[Clause]:
    """The clauses of one unit; ``operative`` for paragraphs (with verbs), not for recitals;
    ``subjects`` are the names of Parliament a paragraph may open with before its verb."""
    out = []
    for index, (start, end) in enumerate(split(text, tag, operative), 1):
        inside = [m for m in mentions if start <= m.start and m.end <= end and m.target]
        verb = _operative_verb(text, start, tag, subjects) if operative else None
        addressees: list[str] = []
        if verb is not None:
            form, verb_start, verb_end = verb
            inside = [m for m in inside if m.start >= verb_start]  # a repeated subject is not what it is about
            if form.verb in REQUESTS:
                addressees = _addressees(text, (form, verb_end), end, inside)
        actors = [m.target for m in inside if m.kind == "actor" and m.target]
        out.append(Clause(
            eid, index, start, end, verb[0].verb if verb else None, verb[1] if verb else None,
            verb[2] if verb else None,
            tuple(dict.fromkeys(addressees)),
            tuple(dict.fromkeys(a for a in actors if a not in addressees)),
            tuple(dict.fromkeys(m.target for m in inside if m.kind != "actor" and m.target))))
    return out


def _addressees(text: str, found: tuple[VerbForm, int], end: int, mentions: list[Mention]) -> list[str]:
    """The actors named right after the verb (or between the two parts of an "A … B" form),
    one after the other with only articles, possessives and "and" between them."""
    form, at = found
    limit = end
    if form.tail is not None:
        tail = re.search(rf"\s{re.escape(form.tail)}(?!\w)", text[at:end])
        limit = at + tail.start() if tail else end
    actors = sorted((m for m in mentions if m.kind == "actor" and at <= m.start and m.end <= limit),
                    key=lambda m: m.start)
    if form.tail is not None:  # "dringt er bij … op aan": everyone named in between is asked
        return [m.target for m in actors if m.target]
    chosen: list[str] = []
    cursor = at
    for mention in actors:
        gap = text[cursor:mention.start]
        if not ((not chosen and _BEFORE.match(gap)) or (chosen and _BETWEEN.match(gap))):
            break
        chosen.append(mention.target or "")
        cursor = mention.end
    return [c for c in chosen if c]
