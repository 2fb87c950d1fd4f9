"""What the no-loss property compares: every printed character of the input, and of the model."""

from __future__ import annotations

from collections import Counter

from converter.model import Attachment, Document, Provision


def printed(document: Document) -> list[str]:
    """Every string the model holds as printed in the input, plus the artefacts it recognised."""
    m = document.metadata
    out = [m.register_number, m.term_years or "", m.short_title, m.long_title, m.institution or "",
           m.collection or "", document.formula, m.report_number or "", m.procedure_line or "", m.date_line or "",
           *m.header_notes]
    for unit in document.units:
        out += [unit.num, unit.text, unit.heading or ""]
        for point in unit.points:
            out += [point.num, point.text]
    for note in document.footnotes:
        out += [note.marker, note.text]
        if note.anchor:
            out.append(note.anchor.marker)
    letter = document.letter
    if letter:
        out += [letter.sender.name, letter.sender.role or "", f"{letter.reference} {letter.date:%d.%m.%Y}",
                letter.salutation, letter.closing, letter.annex_label, letter.transmitted_title,
                letter.addressee.name, letter.addressee.role or "", *letter.addressee.address,
                *letter.body, *letter.letterhead, letter.subject_label, letter.subject]
    for attachment in document.attachments:
        out += [attachment.num or "", attachment.text, attachment.title, attachment.formula,
                attachment.recitals_intro, attachment.enacting, *attachment.conclusions]
        for provision in _provisions(attachment):
            out += [provision.num, provision.heading or "", provision.text]
    out += [a.text for a in document.artefacts]
    return out


def characters(texts: list[str]) -> Counter[str]:
    return Counter(ch for text in texts for ch in text if not ch.isspace())


def _provisions(attachment: Attachment) -> list[Provision]:
    out: list[Provision] = []

    def walk(items: tuple[Provision, ...]) -> None:
        for item in items:
            out.append(item)
            walk(item.children)

    walk(attachment.citations + attachment.recitals + attachment.body + attachment.notes + attachment.annexes)
    return out
