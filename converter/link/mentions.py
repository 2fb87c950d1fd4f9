"""What the linker finds: mentions of actors, references and acts, with their offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    unit: str  # eId of the unit, sub-point or footnote whose text it is in
    start: int
    end: int
    surface: str
    target: str | None  # the actor, reference or act IRI; None for a reference that cannot be resolved
    kind: str  # "actor" | "reference" | "act"


@dataclass(frozen=True)
class Act:
    iri: str
    type_code: str | None
    number: str | None
    label: str  # the first way the text writes it
    title: str | None  # from a footnote that gives the act's title
