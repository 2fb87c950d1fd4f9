"""Per-stage time for the bundled resolution, and the wall time of the whole `convert` command.

Run: .venv/bin/python benchmarks/pipeline.py [--repeat N]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from converter.checks import ontology_graph, project_shapes, validate
from converter.link import link, registry
from converter.pipeline import BUNDLED
from converter.rdf import build
from converter.rdf.export import serialize
from converter.readers import read_file
from converter.vocab import EXPORTED as FORMATS


def timed(action: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
          f"{Path('/proc/cpuinfo').read_text().count('processor')} cores" if Path("/proc/cpuinfo").exists() else "")
    start = time.perf_counter()
    registry.entries("nl"), registry.related(), project_shapes(), ontology_graph()
    print(f"{'load registry+shapes':<20} {(time.perf_counter() - start) * 1000:8.1f} ms (once per process)")
    stages: dict[str, float] = {}
    stages["parse"], document = timed(lambda: read_file(BUNDLED), args.repeat)
    stages["link"], links = timed(lambda: link(document), args.repeat)  # type: ignore[arg-type]
    stages["build"], graph = timed(lambda: build(document, links), args.repeat)  # type: ignore[arg-type]
    stages["validate"], _ = timed(lambda: validate(graph), max(3, args.repeat // 5))  # type: ignore[arg-type]
    for extension in FORMATS:
        stages[f"serialize {extension}"], _ = timed(lambda e=extension: serialize(graph, e), args.repeat)
    print(f"triples: {len(graph)}")  # type: ignore[arg-type]
    for stage, seconds in stages.items():
        print(f"{stage:<20} {seconds * 1000:8.1f} ms (median)")
    rest = sum(v for k, v in stages.items() if k != "validate")
    print(f"{'all but validate':<20} {rest * 1000:8.1f} ms; validate costs {stages['validate'] / rest:.1f}x that")
    walls = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "converter", "convert", "-o", out], check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
    print(f"{'convert (process)':<20} {statistics.median(walls) * 1000:8.1f} ms wall (median of 5)")


if __name__ == "__main__":
    main()
