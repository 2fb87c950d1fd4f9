"""Fuzzing at length: mutate real texts at random and count how each mutated text fares (converted
whole, refused with a clear error, crashed, lost text, hung). Prints the README's table; any case
that is not converted or refused is printed with its seed, to reproduce it.

Run: .venv/bin/python benchmarks/reliability.py [--cases N] [--seed S] [--timeout SECONDS]
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from mutations import Verdict, judge, mutate, sources


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Hang


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=int, default=20)
    args = parser.parse_args()
    texts = sources()
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    signal.signal(signal.SIGALRM, _alarm)
    for case in range(args.cases):
        seed = rng.getrandbits(32)
        name, text = texts[case % len(texts)]
        mutated, applied = mutate(text, random.Random(seed), 1 + case % 4)
        signal.alarm(args.timeout)
        try:
            verdict = judge(name, mutated)
        except _Hang:
            verdict = Verdict("hang", f"more than {args.timeout} s")
        finally:
            signal.alarm(0)
        counts[verdict.kind] += 1
        if verdict.kind not in ("converted", "refused"):
            print(f"{verdict.kind}: {name} seed={seed} mutations={applied}: {verdict.detail}")
    print("\n| cases | converted whole | refused with a clear error | crashes | losses | hangs |")
    print("|---|---|---|---|---|---|")
    print(f"| {args.cases:,} | {counts['converted']:,} | {counts['refused']:,} | {counts['crash']} | "
          f"{counts['loss']} | {counts['hang']} |")


if __name__ == "__main__":
    main()
