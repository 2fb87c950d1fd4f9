"""Page furniture: lines that the PDF or the Official Journal print on every page and that are
never part of the text (page numbers, page counters, the journal's name, series and item
number, the edition's date, the language code). Language-specific lines come from the
language profiles."""

from __future__ import annotations

import re
from functools import cache

from .. import languages
from ..vocab import EU_LANGUAGES

# Patterns that hold in every language.
_NEUTRAL = (
    ("page-number", re.compile(r"^\d{1,3}$")),
    ("page-counter", re.compile(r"^\d{1,4}/\d{1,4}$")),
    ("oj-item", re.compile(r"^C/\d{4}/\d+$")),
    ("oj-eli", re.compile(r"^ELI: http://data\.europa\.eu/eli/C/\d{4}/\d+/oj$")),
    ("oj-date", re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}$")),
    ("oj-page", re.compile(r"^C[E]? \d{1,3}(?: ?[A-Z])?/\d{1,4}$")),
    ("oj-issn", re.compile(r"^ISSN \d{4}-\d{3}[\dX](?: \(.+\))?$")),
    ("language-code", re.compile(r"^(" + "|".join(code.upper() for code in EU_LANGUAGES) + ")$")),
)


@cache
def _by_line() -> dict[str, str]:
    """Every profile's furniture lines, to their kind."""
    return {line: kind for profile in languages.profiles() for kind, lines in profile.furniture.items()
            for line in lines}


def furniture(text: str) -> str | None:
    """The kind of page furniture ``text`` (a stripped line) is, or None if it is text."""
    for kind, pattern in _NEUTRAL:
        if pattern.match(text):
            return kind
    return _by_line().get(text)
