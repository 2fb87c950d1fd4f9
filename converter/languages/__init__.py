"""languages: the words of each language the language-neutral stages look for.

Each profile is a TOML file in this folder (``nld.toml`` …); adding a language means adding a
file, not code. Profiles hold the formula, the citation and recital openers, the title
patterns, act words, the transmittal letter's words, and the page furniture the Official
Journal prints in that language. This package imports nothing else of the converter.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class LetterWords:
    subject: str
    salutation: re.Pattern[str]
    closing: re.Pattern[str]
    annex: str
    of: tuple[str, ...]


@dataclass(frozen=True)
class ActWords:
    number: str  # "nr." in "Verordening (EG) nr. 765/2006"
    proposal: tuple[str, ...]
    communication: tuple[str, ...]
    treaty_article: re.Pattern[str]
    treaties: dict[str, str]  # name as printed → ELI treaty segment (teu_2016)


@dataclass(frozen=True)
class Profile:
    language: str  # ISO 639-2/T
    tag: str  # BCP 47
    formula: str
    institution: str
    collection: str
    citation: str
    recital: str
    long_title: re.Pattern[str]
    closing_paragraph: re.Pattern[str]
    months: tuple[str, ...]
    kinds: dict[str, str]
    letter: LetterWords
    acts: ActWords
    furniture: dict[str, tuple[str, ...]]  # page furniture by kind ("oj-masthead": the journal's name …)

    def parse_date(self, text: str) -> dt.date | None:
        """A date as the long title prints it ("24 februari 2026", "1er mars 2026", "24. Februar 2026")."""
        match = re.fullmatch(r"(\d{1,2})(?:er|\.)? (\w+) (\d{4})", text.strip())
        if not match:
            return None
        months = [m.lower() for m in self.months]
        month = match.group(2).lower()
        if month not in months:
            return None
        try:
            return dt.date(int(match.group(3)), months.index(month) + 1, int(match.group(1)))
        except ValueError:
            return None

    def kind(self, word: str) -> str | None:
        return self.kinds.get(word.lower())


def _load(text: str) -> Profile:
    data = tomllib.loads(text)
    letter, acts = data["letter"], data["acts"]
    return Profile(
        language=data["language"],
        tag=data["tag"],
        formula=data["formula"],
        institution=data["institution"],
        collection=data["collection"],
        citation=data["citation"],
        recital=data["recital"],
        long_title=re.compile(data["long_title"]),
        closing_paragraph=re.compile(data["closing_paragraph"]),
        months=tuple(data["months"]),
        kinds={k.lower(): v for k, v in data["kinds"].items()},
        letter=LetterWords(
            subject=letter["subject"],
            salutation=re.compile(letter["salutation"]),
            closing=re.compile(letter["closing"]),
            annex=letter["annex"],
            of=tuple(letter["of"]),
        ),
        acts=ActWords(
            number=acts["number"],
            proposal=tuple(acts["proposal"]),
            communication=tuple(acts["communication"]),
            treaty_article=re.compile(acts["treaty_article"].format(
                treaties="|".join(re.escape(t) for t in sorted(acts["treaties"], key=len, reverse=True)))),
            treaties=dict(acts["treaties"]),
        ),
        furniture={kind: tuple(lines) for kind, lines in data["furniture"].items()},
    )


@cache
def profiles() -> tuple[Profile, ...]:
    """All bundled profiles, ordered by language code."""
    folder = resources.files(__name__)
    found = [_load(f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".toml")]
    return tuple(sorted(found, key=lambda p: p.language))


def for_text(lines: list[str]) -> Profile | None:
    """The profile whose formula ("Het Europees Parlement,") stands alone on a line."""
    stripped = {line.strip() for line in lines}
    for profile in profiles():
        if profile.formula in stripped:
            return profile
    return None


def by_language(code: str) -> Profile:
    """The profile for an ISO 639-2/T code."""
    for profile in profiles():
        if profile.language == code:
            return profile
    raise KeyError(code)
