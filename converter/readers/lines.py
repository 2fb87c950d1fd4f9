"""Joining printed lines into running text, and taking footnote markers out of it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache


def joiner(previous: str) -> str:
    """What goes between a line ending in ``previous`` and the next line.

    A line-end hyphen after a letter or digit belongs to the word (EU-sancties,
    niet-aflatende, VN-Handvest), so nothing is added; otherwise one space.
    """
    if len(previous) >= 2 and previous.endswith("-") and previous[-2].isalnum():
        return ""
    return " "


def join(lines: Sequence[str]) -> str:
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        text = line if not text else text + joiner(text) + line
    return text


_AFTER = r"(?=[\s;,.:)\]”\"’]|$)"


@cache
def _marker_patterns(number: int) -> tuple[re.Pattern[str], ...]:
    n = str(number)
    return (
        # glued to a word: steunlening1; olie2; terrorisme5;
        re.compile(rf"(?<=[^\W\d_]{{2}})({n}){_AFTER}"),
        # glued to a closing quote or bracket: “garantiemacht”3
        re.compile(rf"(?<=[”\"’)\]])({n}){_AFTER}"),
        # glued to a year: februari 20244 is 2024 with marker 4
        re.compile(rf"(?<=\b(?:19|20)\d\d)({n}){_AFTER}"),
        # the web and Official Journal style: bescherming(3)
        re.compile(rf"(?<=[^\s\d(])(\({n}\))"),
        # and after a year: "van 2 juli 2019(1)" (a number in brackets after any other number is a
        # paragraph of an article: "Article 17(7)")
        re.compile(rf"(?<=\b(?:19|20)\d\d)(\({n}\))"),
        # and after an act's number: "Decision (EU) 2019/1136(1)"
        re.compile(rf"(?:(?<=\d/\d)|(?<=\d/\d\d)|(?<=\d/\d\d\d)|(?<=\d/\d\d\d\d))(\({n}\))"),
    )


def find_marker(line: str, number: int, start: int = 0) -> re.Match[str] | None:
    """The earliest place from ``start`` where footnote marker ``number`` is glued into ``line``."""
    found = [m for p in _marker_patterns(number) if (m := p.search(line, start))]
    return min(found, key=lambda m: m.start(1)) if found else None


def strip_markers(lines: Sequence[str], first: int, last: int) -> tuple[str, list[tuple[int, int, str]], int]:
    """Join ``lines`` taking out markers numbered ``first`` onwards (up to ``last``).

    Returns the text, the markers as (offset in text, number, marker as printed),
    and the next marker number still to find.
    """
    number = first
    text = ""
    markers: list[tuple[int, int, str]] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        local: list[tuple[int, int, str]] = []
        pos = 0
        while number <= last and (match := find_marker(line, number, pos)):
            pos = match.start(1)
            local.append((pos, number, match.group(1)))
            line = line[:pos] + line[match.end(1):]
            number += 1
        base = 0 if not text else len(text) + len(joiner(text))
        text = line if not text else text + joiner(text) + line
        markers.extend((base + pos, n, printed) for pos, n, printed in local)
    return text, markers, number


def letters(n: int) -> str:
    """1 → A, 26 → Z, 27 → AA: how recitals are lettered."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out
