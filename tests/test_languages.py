"""Every one of the 24 official languages has a profile the parser can use.

Real texts are the measure (test_realtexts.py); for the languages with no real text found (bg, el,
et, ga, hr, lt, lv, ro: see tests/realtexts/SOURCES.md) this is the only test, so it is run for all:
a short document made from the profile's own words and CLDR's month names must parse back to what
it was made from. It shows the profile is complete and consistent, not that it matches the EP's wording.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.dates import get_month_names

from converter import languages
from converter.languages import Profile
from converter.readers import parse
from converter.vocab import EU_LANGUAGES

PROFILES = languages.profiles()
ADOPTED = dt.date(2019, 7, 16)


def test_one_profile_for_each_official_language() -> None:
    assert sorted(p.tag for p in PROFILES) == sorted(EU_LANGUAGES)
    assert len({p.language for p in PROFILES}) == 24


def _group_end(pattern: str, start: int) -> int:
    depth = 0
    for i in range(start, len(pattern)):
        if pattern[i] == "(" and pattern[i - 1:i] != "\\":
            depth += 1
        elif pattern[i] == ")" and pattern[i - 1:i] != "\\":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError(pattern)


def _month(profile: Profile, number: int) -> str:
    extra = [name for name, n in profile.extra_months.items() if n == number]
    return extra[0] if extra else get_month_names("wide", context="format", locale=profile.tag)[number]


def render_date(profile: Profile, date: dt.date) -> str:
    """The profile's date pattern written out: groups filled in, optional parts left out."""
    values = {"day": str(date.day), "month": _month(profile, date.month), "year": str(date.year)}
    pattern, out, i = profile.date.pattern, "", 0
    while i < len(pattern):
        named = re.match(r"\(\?P<(\w+)>", pattern[i:])
        if named:
            out += values[named.group(1)]
            i = _group_end(pattern, i) + 1
        elif pattern.startswith("(?:", i):
            i = _group_end(pattern, i) + 1
            i += 1 if pattern[i:i + 1] == "?" else 0
        elif pattern[i] == "[":
            out += pattern[i + 1]
            i = pattern.index("]", i) + 1
        elif pattern[i] == "\\":
            out += pattern[i + 1]
            i += 2
        else:
            out += pattern[i]
            i += 1
    return out


def made_from(profile: Profile) -> str:
    phrase = next(iter(profile.kinds))
    recital = f"{profile.recital[0]} " if profile.recital else ""
    return "\n".join([
        profile.collection[0], "Test", "P9_TA(2019)0002", "",
        f"{phrase} {render_date(profile, ADOPTED)} (2019/2041(INS))", "",
        profile.formula, "",
        f"– {profile.citation[0]} 17,", "",
        f"A. {recital}123;", "",
        "1. 456;", "",
        "2. 789.", "",
    ])


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.language)
def test_a_document_in_the_profiles_words_parses_back(profile: Profile) -> None:
    document = parse(made_from(profile), f"{profile.language}.txt")
    m = document.metadata
    assert m.language == profile.language
    assert m.kind == next(iter(profile.kinds.values()))
    assert m.adopted == ADOPTED
    assert (m.procedure, m.register_number) == ("2019/2041(INS)", "P9_TA(2019)0002")
    assert (len(document.citations), len(document.recitals), len(document.paragraphs)) == (1, 1, 2)
    assert document.citations[0].text == f"{profile.citation[0]} 17,"


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.language)
def test_every_month_of_the_profile_resolves(profile: Profile) -> None:
    for month in range(1, 13):
        date = dt.date(2019, month, 3)
        assert profile.parse_date(f"x {render_date(profile, date)} y") == date, render_date(profile, date)
