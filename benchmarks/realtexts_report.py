"""How many real texts adopted convert with exact structure, by layout and by language: each file of
../shared/realtexts and tests/realtexts is converted (with validation) and its citations, recitals,
paragraphs and footnotes compared with the hand counts in its SOURCES.md. Prints the README's tables.

Run: .venv/bin/python benchmarks/realtexts_report.py
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from realtexts import real_texts

from converter.errors import ConverterError
from converter.pipeline import convert_file


def main() -> None:
    tried: Counter[tuple[str, str]] = Counter()
    exact: Counter[tuple[str, str]] = Counter()
    failures = []
    with tempfile.TemporaryDirectory() as out:
        for text in real_texts():
            layout = text.layout.split(" (")[0]
            tried["layout", layout] += 1
            tried["language", text.language] += 1
            try:
                d = convert_file(text.path, Path(out)).document
            except ConverterError as error:
                failures.append(f"{text.id}: exit {int(error.exit_code)}: {error.problem}")
                continue
            counted = (len(d.citations), len(d.recitals), len(d.paragraphs), len(d.footnotes))
            if counted == (text.citations, text.recitals, text.paragraphs, text.footnotes):
                exact["layout", layout] += 1
                exact["language", text.language] += 1
            else:
                failures.append(f"{text.id}: counted {counted}")
    for axis in ("layout", "language"):
        print(f"\n| {axis} | exact structure / tried |\n|---|---|")
        for (kind, name), n in sorted(tried.items()):
            if kind == axis:
                print(f"| {name} | {exact[kind, name]} / {n} |")
    total = sum(n for (kind, _), n in tried.items() if kind == "layout")
    print(f"\ntotal: {sum(n for (k, _), n in exact.items() if k == 'layout')} / {total}")
    for line in failures:
        print("not exact:", line)


if __name__ == "__main__":
    main()
