"""link: find the actors each unit names and the acts it cites, with character offsets.

Imports the model, ids, languages and the registry data; knows nothing of RDF output.

Actors and named references come from the registry (labels in the document's language);
acts from ``acts.find``. Where finds overlap, the longest wins ("Europese Raad" over "Raad",
"VN-Handvest" over "VN", a treaty's title over the Union it names), so nothing is doubled.
A unit cites what its own text cites and what its footnotes cite.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from ..findings import Finding, warning
from ..ids import footnote_eid
from ..languages import Profile, by_language
from ..model import Document
from ..vocab import REGISTRY_BASE
from . import acts, registry
from .clauses import Clause, clauses
from .mentions import Act, Mention

__all__ = ["Act", "Clause", "Links", "Mention", "link", "registry"]


@dataclass(frozen=True)
class Links:
    mentions: tuple[Mention, ...]
    acts: tuple[Act, ...]
    warnings: tuple[Finding, ...]
    clauses: tuple[Clause, ...] = ()
    amends: tuple[tuple[str, str], ...] = ()  # (act, the act its title says it amends)

    def actors(self) -> dict[str, set[str]]:
        """Unit eId → the actors its own text names."""
        out: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            if m.kind == "actor" and m.target:
                out[m.unit].add(m.target)
        return out

    def cited(self, document: Document) -> dict[str, set[str]]:
        """Unit eId → the acts and references its text or its footnotes cite."""
        out: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            if m.kind not in ("actor", "amended-act") and m.target:
                out[m.unit].add(m.target)
        for note in document.footnotes:
            if note.anchor is not None:
                out[note.anchor.unit] |= out.get(footnote_eid(document, note), set())
        return out


class _Matcher:
    """Longest label at each word start, tried only against labels with the same first letter."""

    def __init__(self, entries: tuple[registry.Entry, ...]) -> None:
        by_first: dict[str, list[registry.Entry]] = defaultdict(list)
        for entry in entries:
            by_first[entry.label[0]].append(entry)
        self.entries = {e.label: e for e in entries}
        self.patterns = {
            first: re.compile("(?:" + "|".join(re.escape(e.label) for e in
                                               sorted(group, key=lambda e: len(e.label), reverse=True)) + r")(?!\w)")
            for first, group in by_first.items()
        }

    def find(self, text: str) -> list[tuple[int, int, registry.Entry]]:
        found = []
        for start in (m.start() for m in re.finditer(r"(?<!\w)\w", text)):
            pattern = self.patterns.get(text[start])
            if pattern and (match := pattern.match(text, start)):
                found.append((start, match.end(), self.entries[match.group()]))
        return found


@cache
def _matcher(tag: str) -> _Matcher:
    return _Matcher(registry.entries(tag))


def link(document: Document) -> Links:
    """All mentions of actors, references and acts in the document's units and footnotes."""
    profile = by_language(document.metadata.language)
    texts = [(u.eid, u.text) for u in document.units]
    texts += [(p.eid, p.text) for u in document.units for p in u.points]
    texts += [(footnote_eid(document, n), n.text) for n in document.footnotes]
    mentions: list[Mention] = []
    found_acts: dict[str, acts.Found] = {}
    for eid, text in texts:
        for mention, found in _resolve(eid, text, profile):
            mentions.append(mention)
            if found is not None and found.iri and found.iri not in found_acts:
                found_acts[found.iri] = found
    titles = _titles(document, mentions)
    warnings = tuple(warning(None, "unresolved-reference", f"{m.unit}: {m.surface!r} has no identifier the converter "
                           "can build; kept as an unresolved reference named after its place in the text")
                     for m in mentions if m.target is None)
    act_list = tuple(Act(iri, f.type_code, f.number, f.surface, titles.get(iri))
                     for iri, f in sorted(found_acts.items()))
    by_unit: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_unit[m.unit].append(m)
    found_clauses = tuple(c for unit in document.recitals + document.paragraphs
                          for c in clauses(unit.eid, unit.text, profile.tag, by_unit[unit.eid],
                                           operative=unit.kind == "paragraph", subjects=profile.institution))
    amends = tuple(sorted({(_amending(mentions, m), m.target) for m in mentions
                           if m.kind == "amended-act" and m.target}))
    return Links(tuple(mentions), act_list, warnings, found_clauses, amends)


def _amending(mentions: list[Mention], amended: Mention) -> str:
    """The act whose title names ``amended``: the act mentioned last before it in the same text."""
    before = [m for m in mentions if m.unit == amended.unit and m.end <= amended.start and m.kind == "act"]
    return before[-1].target or ""


# The series in an act's number, "(EU) 2019/1136", "(EC) No 765/2006", "(UE) n.º 1234/2011": it names the
# legal order of the act, not an actor, in whatever language the act's type word is written.
AUTHOR = f"{REGISTRY_BASE}european-parliament"
ACT_SERIES = re.compile(r"\((?P<series>[^\W\d_]{2,6})\)(?=\s+(?:[^\W\d_]{1,4}\.?º?\s+)?\d{1,4}/\d{1,4}\b)")


def _resolve(eid: str, text: str, profile: Profile) -> list[tuple[Mention, acts.Found | None]]:
    candidates: list[tuple[int, int, Mention, acts.Found | None]] = []
    series = [(m.start("series"), m.end("series")) for m in ACT_SERIES.finditer(text)]
    for start, end, entry in _matcher(profile.tag).find(text):
        if (start, end) in series or (start == 0 and entry.iri == AUTHOR and eid.startswith("para_")):
            continue  # a paragraph that opens with "Europaparlamentet" names its author, as "Elects …" does
        candidates.append((start, end, Mention(eid, start, end, text[start:end], entry.iri, entry.kind), None))
    found_acts = list(acts.find(text, profile))
    for found in found_acts:
        mention = Mention(eid, found.start, found.end, found.surface, found.iri, "act")
        candidates.append((found.start, found.end, mention, found))
    # a document the text refers to without an identifier stays a reference, unresolved, never dropped;
    # an identified act or a registry reference over the same words wins, actors named inside are kept
    unidentified = [(m.start(), m.end()) for pattern in profile.acts.unidentified for m in pattern.finditer(text)
                    if all(_apart(m.span(), c) for c in candidates if c[2].kind != "actor")]
    # the issuing body named inside an act's reference ("decyzję Rady Europejskiej (UE) 2019/1136"), and an
    # actor named inside an unidentified reference, are mentions of their own
    holders = [f.issuer for f in found_acts if f.issuer] + unidentified
    ties = registry.related()
    chosen: list[tuple[int, int, Mention, acts.Found | None]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        inside_holder = candidate[3] is None and any(s <= candidate[0] and candidate[1] <= e for s, e in holders)
        # a name inside a longer one is a mention too where it names an actor in its own right that the
        # longer one is tied to ("Congres van de Verenigde Staten"); "Roemeense" in "Roemeense orthodoxe
        # kerk" is not
        nested = candidate[3] is None and all(
            _apart(candidate, c) or (c[0] <= candidate[0] and candidate[1] <= c[1] and
                                     candidate[2].target in ties.get(c[2].target or "", ()))
            for c in chosen)
        clear_of_actors = all(_apart(candidate, c) for c in chosen if c[3] is None)
        if (inside_holder and clear_of_actors) or nested or all(_apart(candidate, c) for c in chosen):
            chosen.append(candidate)
    chosen += [(s, e, Mention(eid, s, e, text[s:e], None, "reference"), None) for s, e in unidentified]
    return _amended([(m, f) for _, _, m, f in sorted(chosen, key=lambda c: c[0])], text, profile)


def _apart(a: tuple[int, int, *tuple[object, ...]], b: tuple[int, int, *tuple[object, ...]]) -> bool:
    """Whether two spans (start, end, …) share no character."""
    return a[1] <= b[0] or a[0] >= b[1]


def _amended(found: list[tuple[Mention, acts.Found | None]], text: str,
             profile: Profile) -> list[tuple[Mention, acts.Found | None]]:
    """An act named after "tot wijziging van" / "amending" in another act's title is named by that
    title, not cited by the unit: its mention becomes an "amended-act" mention."""
    out = list(found)
    previous: Mention | None = None
    for k, (mention, act) in enumerate(out):
        if mention.kind != "act":
            continue
        between = text[previous.end:mention.start] if previous else ""
        if previous is not None and mention.target and previous.target != mention.target and \
                any(word in between for word in profile.acts.amending) and ";" not in between:
            out[k] = (Mention(mention.unit, mention.start, mention.end, mention.surface, mention.target,
                              "amended-act"), act)
        previous = mention
    return out


def _titles(document: Document, mentions: list[Mention]) -> dict[str, str]:
    """An act's title, where a footnote gives it: the footnote's text before the parenthesis that
    holds the act's identifier ("Richtlijn 2001/55/EG van de Raad … personen (PB L 212 …, ELI: …)")."""
    titles: dict[str, str] = {}
    for note in document.footnotes:
        eid = footnote_eid(document, note)
        text = note.text.rstrip(".")
        if not text.endswith(")"):
            continue
        opening = _matching_parenthesis(text)
        if opening <= 0:
            continue
        inside = [m for m in mentions if m.unit == eid and m.kind == "act" and m.start > opening and m.target]
        if inside:
            titles.setdefault(inside[-1].target, text[:opening].strip())  # type: ignore[arg-type]
    return titles


def _matching_parenthesis(text: str) -> int:
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return i
    return -1
