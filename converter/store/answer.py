"""What a query returned, whatever store answered it."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Answer:
    """What a query returned: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()

    def records(self) -> list[dict[str, str | None]]:
        """Rows as plain dictionaries of strings (IRIs and literal values), for notebooks."""
        return [{v: (None if t is None else t.value) for v, t in zip(self.variables, row, strict=True)}
                for row in self.rows]
