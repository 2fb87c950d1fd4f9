"""Find references to EU acts in a text and give each its ELI or CELEX IRI.

Only documented patterns are used (docs/identifiers.md): ELI links given in the text exactly as
given; act citations through the ELI template; treaty articles through the treaty ELIs;
Commission documents through CELEX; OJ C items through their ELI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..languages import Profile
from ..vocab import CELEX
from ..vocab import ELI_DATA as ELI
from .registry import act_types

ELI_LINK = re.compile(r"http://data\.europa\.eu/eli/[A-Za-z0-9_/.\-]+?/oj\b")
OJ_C_ITEM = re.compile(r"(?<![/\w])C/(?P<year>\d{4})/(?P<number>\d{1,6})\b")
COM_DOCUMENT = re.compile(r"\bCOM\((?P<year>\d{4})\) ?(?P<number>\d{1,4})\b")


# Two-digit years (Directive 95/46/EC) above this are 19xx, the rest 20xx.
CENTURY_PIVOT = 50
# Acts of the Communities and the Union fall in these years; a number outside them is not an act's year.
FIRST_ACT_YEAR, LAST_ACT_YEAR = 1950, 2100


def _four_digit_year(year: int) -> int:
    if year >= 100:
        return year
    return year + (1900 if year > CENTURY_PIVOT else 2000)


@dataclass(frozen=True)
class Found:
    """A reference found in a text: where, as printed, and its IRI (None when unresolved)."""

    start: int
    end: int
    surface: str
    iri: str | None
    type_code: str | None = None  # ELI type segment: reg, dir, compos, …
    number: str | None = None  # "2026/261" as year/number
    issuer: tuple[int, int] | None = None  # where the issuing body is named inside the reference


def _citation_pattern(profile: Profile) -> re.Pattern[str]:
    return _compile_citation(profile.tag, profile.acts.number)


@cache
def _compile_citation(tag: str, number_word: str) -> re.Pattern[str]:
    names = sorted(act_types(tag), key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    number = re.escape(number_word)
    return re.compile(
        # the issuing body may stand between the type and the series: "decyzję Rady Europejskiej (UE) 2019/1136"
        rf"\b(?P<type>{alternatives})\s+(?:(?P<issuer>(?:[^\W\d_][\w-]*\s+){{1,3}}?)?\((?P<series>[^)\s]{{2,8}})\)\s+)?"
        rf"(?:(?P<nr>{number})\s+)?"
        rf"(?P<a>\d{{1,4}})/(?P<b>\d{{1,4}})(?:/(?P<suffix>[A-Za-z]{{2,6}}))?\b",
        re.IGNORECASE,
    )


def find(text: str, profile: Profile) -> Iterator[Found]:
    """Every act reference in ``text``; overlapping finds are left to the caller to resolve."""
    for match in ELI_LINK.finditer(text):
        yield Found(match.start(), match.end(), match.group(), match.group())
    for match in OJ_C_ITEM.finditer(text):
        yield Found(match.start(), match.end(), match.group(), f"{ELI}/C/{match['year']}/{int(match['number'])}/oj",
                    "C", f"{match['year']}/{int(match['number'])}")
    for match in _citation_pattern(profile).finditer(text):
        code = act_types(profile.tag)[match["type"].lower()]
        a, b = int(match["a"]), int(match["b"])
        # "nr. 765/2006" is number/year (acts before 2015); otherwise year/number.
        year, number = (b, a) if match["nr"] else (a, b)
        year = _four_digit_year(year)
        if not FIRST_ACT_YEAR <= year <= LAST_ACT_YEAR:
            continue
        issuer = (match.start("issuer"), match.end("issuer")) if match["issuer"] else None
        yield Found(match.start(), match.end(), match.group(), f"{ELI}/{code}/{year}/{number}/oj", code,
                    f"{year}/{number}", issuer)
    for match in profile.acts.treaty_article.finditer(text) if profile.acts.treaty_article else ():
        treaty = profile.acts.treaties[match["treaty"]]
        part = f"/art_{match['art']}" + (f"/par_{match['par']}" if match["par"] else "")
        yield Found(match.start(), match.end(), match.group(), f"{ELI}/treaty/{treaty}{part}/oj", "treaty")
    for name, treaty in profile.acts.treaties.items():
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            yield Found(match.start(), match.end(), match.group(), f"{ELI}/treaty/{treaty}/oj", "treaty")
    for match in COM_DOCUMENT.finditer(text):
        before = text[: match.start()]
        kind = "PC" if any(w in before for w in profile.acts.proposal) else \
            "DC" if any(w in before for w in profile.acts.communication) else None
        celex = f"{CELEX}/5{match['year']}{kind}{int(match['number']):04d}" if kind else None
        yield Found(match.start(), match.end(), match.group(), celex, "COM",
                    f"{match['year']}/{int(match['number']):04d}")
