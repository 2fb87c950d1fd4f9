"""The real texts adopted the tests read: ``../shared/realtexts/`` and ``tests/realtexts/``, each
with the counts written by hand in its folder's SOURCES.md (never derived from the parser)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDERS = (HERE.parent.parent / "shared" / "realtexts", HERE / "realtexts")


@dataclass(frozen=True)
class RealText:
    path: Path
    register: str
    language: str
    layout: str
    citations: int
    recitals: int
    paragraphs: int
    footnotes: int

    @property
    def id(self) -> str:
        return self.path.stem


def _number(cell: str) -> int:
    """The first number of a hand-count cell ("6 (`–  gezien`)", "**1/1** (…)", "2 (unnumbered)")."""
    match = re.search(r"\d+", cell)
    return int(match.group()) if match else 0


def _rows(sources: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in sources.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if header is None:
            header = [c.lower() for c in cells]
        elif not set(cells[0]) <= set("-: "):
            rows.append(dict(zip(header, cells, strict=False)))
    return rows


def real_texts() -> list[RealText]:
    found = []
    for folder in FOLDERS:
        sources = folder / "SOURCES.md"
        if not sources.exists():
            continue
        for row in _rows(sources):
            name = row.get("file", "")
            if not name.endswith(".txt") or not (folder / name).exists():
                continue
            note_key = next(k for k in row if k.startswith("footnotes"))
            found.append(RealText(
                path=folder / name,
                register=re.sub(r"\s+\(.*\)$", "", row["doc id"]).strip(),
                language=row["lang"],
                layout=row.get("layout", _layout_of(row)),
                citations=_number(row["citations"]),
                recitals=_number(row["recitals"]),
                paragraphs=_number(row["paras"]),
                footnotes=_number(row[note_key]),
            ))
    return found


def _layout_of(row: dict[str, str]) -> str:
    """The shared SOURCES.md names the layout in its 'complete because' cell."""
    text = row.get("complete because", "").lower() + " " + row.get("source address (as stored)", "").lower()
    if "old-format" in text:
        return "doceo old"
    if "new-format" in text:
        return "doceo new"
    if "mirror" in text:
        return "EUR-Lex table, flattened by a mirror"
    return "EUR-Lex OJ C new" if "eur-lex" in text or "eurlex" in text else "other"
