"""The transmittal letter: fields picked out of lines that PDF extraction put out of order."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..errors import NotATextAdopted
from ..languages import Profile
from ..model import Letter, Person
from .lines import join

Block = list[tuple[int, str]]

_REFERENCE_DATE = re.compile(r"^(?P<ref>[A-Z]{1,3} ?\d{3,})\s+(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{4})$")


def blocks(lines: list[str], first: int) -> list[Block]:
    """Group non-blank lines into blank-separated blocks of (line number, stripped text)."""
    out: list[Block] = []
    current: Block = []
    for offset, raw in enumerate(lines):
        text = raw.strip()
        if text:
            current.append((first + offset, text))
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def parse_letter(lines: list[str], first: int, profile: Profile, source: str,
                 warn: Callable[[int, str, str], None]) -> Letter:
    """Read the letter's fields from ``lines`` (source lines ``first``.. of the file)."""
    words = profile.letter
    if words is None:
        raise NotATextAdopted(source, f"a transmittal letter in {profile.language}, which has no letter words",
                              line=first)
    found = blocks(lines, first)
    letterhead = tuple(t for b in found for _, t in b if t in profile.institution)
    found = [[(n, t) for n, t in b if t not in profile.institution] for b in found]
    found = [b for b in found if b]
    if not found:
        raise NotATextAdopted(source, "the text before the header is empty", line=first)
    span = (found[0][0][0], found[-1][-1][0])

    def take(test: Callable[[Block], object], what: str) -> Block:
        for block in found:
            if test(block):
                found.remove(block)
                return block
        raise NotATextAdopted(
            source, f"the transmittal letter has no {what}", line=first,
            expected=f"a {what} before the header of the text adopted")

    sender_block = found.pop(0)
    ref_block = take(lambda b: len(b) == 1 and _REFERENCE_DATE.match(b[0][1]), "reference and date line")
    ref = _REFERENCE_DATE.match(ref_block[0][1])
    assert ref is not None
    try:
        date = dt.date(int(ref["y"]), int(ref["m"]), int(ref["d"]))
    except ValueError:
        raise NotATextAdopted(source, "the letter's date is not a calendar date", line=ref_block[0][0],
                              found=ref_block[0][1]) from None
    salutation = take(lambda b: words.salutation.match(b[0][1]), "salutation")
    closing = take(lambda b: words.closing.match(b[0][1]), "closing formula")
    signatory = _next_block_after(found, closing[-1][0])
    while signatory is not None and words.closing.match(signatory[0][1]):
        # a closing formula printed twice: the repeat stays in the letter's body, the name follows it
        warn(signatory[0][0], "letter-repeated-line", f"the closing formula {signatory[0][1]!r} is printed again; "
             "the repeat is kept with the letter's body")
        signatory = _next_block_after(found, signatory[-1][0])
    if signatory is None:
        raise NotATextAdopted(source, "the letter has no signatory after its closing formula", line=closing[0][0])
    found.remove(signatory)
    annex = take(lambda b: b[0][1] == words.annex, f"annex label ({words.annex!r})")
    subject = take(lambda b: b[0][1].startswith(words.subject), f"subject line ({words.subject!r})")
    surname_match = words.salutation.match(salutation[0][1])
    surname = (surname_match["surname"] if surname_match else "").strip()
    addressee = take(lambda b: bool(surname) and b[0][1].endswith(surname) and len(b) > 1, "addressee block")
    title = take(lambda b: b[0][1].lower().startswith(words.documents), "title of the transmitted document")
    return Letter(
        sender=Person(name=join([t for _, t in signatory]), role=join([t for _, t in sender_block]),
                      function=join([t for _, t in sender_block])),
        reference=ref["ref"],
        date=date,
        addressee=_addressee(addressee, words.of),
        salutation=salutation[0][1],
        closing=closing[0][1],
        subject_label=words.subject,
        subject=join([t for _, t in subject])[len(words.subject):].strip(),
        annex_label=annex[0][1],
        transmitted_title=join([t for _, t in title]),
        body=tuple(join([t for _, t in b]) for b in sorted(found)),
        letterhead=letterhead,
        lines=span,
    )


def _next_block_after(found: list[Block], line: int) -> Block | None:
    later = [b for b in found if b[0][0] > line]
    return min(later, key=lambda b: b[0][0]) if later else None


def _addressee(block: Block, of: tuple[str, ...]) -> Person:
    """Name, then function and institution, then the postal address (from the first line with a digit)."""
    texts = [t for _, t in block]
    address_at = next((i for i, t in enumerate(texts[1:], 1) if any(c.isdigit() for c in t)), len(texts))
    role = join(texts[1:address_at])
    function, institution = role, None
    for word in of:
        if word in role:
            function, institution = role.split(word, 1)
            break
    return Person(name=texts[0], role=role or None, function=function or None, institution=institution,
                  address=tuple(texts[address_at:]))
