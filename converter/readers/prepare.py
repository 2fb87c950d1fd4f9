"""The normalising pre-pass over the lines of a text, before any structure is read.

Guarantees: there is one cell per input line, at the same index; a cell is the line without the
whitespace around it and without the cell border a flattened Official Journal table leaves
(`` |``; each border removed is recorded as an artefact); every line that is page furniture has
its kind in ``furniture``. Nothing is joined, dropped or reordered here: the structure passes
(``header``, ``text``, ``body``) decide what each line is and whether furniture is text's or page's.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Artefact
from .furniture import furniture


@dataclass(frozen=True)
class Prepared:
    cells: list[str]
    furniture: dict[int, str]  # line index → kind of page furniture
    borders: tuple[Artefact, ...]  # table-cell borders taken off


def prepare(lines: list[str]) -> Prepared:
    cells, borders = [], []
    for i, line in enumerate(lines):
        cell = line.strip()
        if cell.endswith("|") and (cell == "|" or cell[-2] == " "):
            cell = cell[:-1].rstrip()
            borders.append(Artefact(i + 1, "table-cell", "|"))
        cells.append(cell)
    kinds = {i: kind for i, cell in enumerate(cells) if cell and (kind := furniture(cell)) is not None}
    return Prepared(cells, kinds, tuple(borders))
