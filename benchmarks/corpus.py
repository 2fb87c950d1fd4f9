"""Make a realistic corpus of EP texts adopted from the bundled resolution's real units.

Each document draws its citations, recitals and paragraphs (with their footnotes, and so their
actors and acts) from P10_TA(2026)0056 in varying numbers and order, gets its own register
number, adoption date and procedure, and is printed in the PDF layout: wrapped lines, markers
glued to words, footnote bodies at a page bottom inside their paragraph, page numbers.

Run: .venv/bin/python benchmarks/corpus.py OUTDIR [--count N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import textwrap
from pathlib import Path

from converter.model import Document, Unit
from converter.pipeline import BUNDLED
from converter.readers import read_file
from converter.readers.lines import letters

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]



def render(seed: Document, rng: random.Random, index: int) -> str:
    term = rng.choice([9, 10])
    year = rng.randint(2019, 2023) if term == 9 else rng.randint(2024, 2029)
    adopted = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 360))
    citations = rng.choices(seed.citations, k=rng.randint(1, 8))
    recitals = rng.choices(seed.recitals, k=rng.randint(1, 40))
    paragraphs = [*rng.choices(seed.paragraphs[:-1], k=rng.randint(1, 45)), seed.paragraphs[-1]]
    notes_by_unit = {}
    for note in seed.footnotes:
        if note.anchor:
            notes_by_unit.setdefault(note.anchor.unit, []).append(note)
    lines = ["Europees Parlement", f"{1979 + 5 * (term - 1)}-{1984 + 5 * (term - 1)}", "", "AANGENOMEN TEKSTEN", "",
             f"P{term}_TA({year}){index % 10000:04d}", seed.metadata.short_title,
             f"Resolutie van het Europees Parlement van {adopted.day} {MONTHS[adopted.month - 1]} {year} over "
             f"{seed.metadata.short_title.lower()} ({year}/{rng.randint(2000, 2999)}(RSP))", "", seed.formula, ""]
    number = 0
    for unit in citations:
        lines += [*textwrap.wrap(f"– {unit.text}", 90), ""]
    for k, unit in enumerate(recitals, 1):
        lines += [*_unit(f"{letters(k)}.", unit, [], rng), ""]
    for k, unit in enumerate(paragraphs, 1):
        notes = notes_by_unit.get(unit.eid, [])
        numbered = [(number + i + 1, n) for i, n in enumerate(notes)]
        number += len(notes)
        lines += [*_unit(f"{k}.", unit, numbered, rng), ""]
    return "\n".join(lines) + "\n"


def _unit(num: str, unit: Unit, notes: list, rng: random.Random) -> list[str]:
    text = unit.text
    for new_number, note in sorted(notes, key=lambda t: t[1].anchor.offset, reverse=True):
        offset = note.anchor.offset
        text = text[:offset] + str(new_number) + text[offset:]
    wrapped = textwrap.wrap(f"{num} {text}", 90, break_on_hyphens=False)
    out: list[str] = []
    for i, line in enumerate(wrapped):
        out.append(line)
        if notes and i == len(wrapped) // 2:
            for new_number, note in notes:
                out += ["", *textwrap.wrap(f"{new_number} {note.text}", 90, break_on_hyphens=False)]
            if rng.random() < 0.5:
                out += ["", str(rng.randint(2, 30)), ""]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    seed = read_file(BUNDLED)
    rng = random.Random(args.seed)
    args.outdir.mkdir(parents=True, exist_ok=True)
    for index in range(1, args.count + 1):
        (args.outdir / f"doc{index:05d}.txt").write_text(render(seed, rng, index), encoding="utf-8")
    print(f"wrote {args.count} documents to {args.outdir}")


if __name__ == "__main__":
    main()
