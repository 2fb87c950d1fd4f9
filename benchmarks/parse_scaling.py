"""Parse time against input size: the bundled resolution's body repeated 1×, 10× and 100×, its
paragraphs renumbered so the result is still one valid text adopted. Linear means the time per
line stays flat.

Run: .venv/bin/python benchmarks/parse_scaling.py [--repeat N]
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import time

from converter.pipeline import BUNDLED
from converter.readers import parse
from converter.readers.decode import decode

PARAGRAPH = re.compile(r"^(\d{1,3})\. ", re.MULTILINE)


def scaled(text: str, times: int) -> str:
    """The text with its numbered paragraphs (before the closing one) repeated ``times`` times."""
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("1. "))
    last = max(i for i, line in enumerate(lines) if PARAGRAPH.match(line))
    head, body, tail = lines[:first], lines[first:last], lines[last:]
    out, number = list(head), 0

    def renumber(match: re.Match[str]) -> str:
        nonlocal number
        number += 1
        return f"{number}. "

    for _ in range(times):
        out += [PARAGRAPH.sub(renumber, line) for line in body]
    out += [PARAGRAPH.sub(renumber, line) for line in tail]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    text = decode(BUNDLED.read_bytes(), str(BUNDLED)).text
    print(f"{'size':>5} {'lines':>7} {'paragraphs':>10} {'parse (ms)':>11} {'µs per line':>12}")
    for times in (1, 10, 100):
        big = scaled(text, times)
        document = parse(big, "scaled.txt")
        samples = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            parse(big, "scaled.txt")
            samples.append(time.perf_counter() - start)
        median = statistics.median(samples)
        lines = big.count("\n") + 1
        print(f"{times:>4}× {lines:>7} {len(document.paragraphs):>10} {median * 1000:>11.1f} "
              f"{median / lines * 1e6:>12.1f}")


if __name__ == "__main__":
    main()
