"""Per-stage time for the bundled resolution, and the whole `convert` command as a process against
a process that only reads the same Turtle with rdflib and writes it again (wall and CPU time).

Run: .venv/bin/python benchmarks/pipeline.py [--repeat N]
"""

from __future__ import annotations

import argparse
import platform
import resource
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
from converter.rdf.export import serialize, serialize_all
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
    stages["write all formats"], _ = timed(lambda: serialize_all(graph, FORMATS), args.repeat)  # type: ignore[arg-type]
    print(f"triples: {len(graph)}")  # type: ignore[arg-type]
    for stage, seconds in stages.items():
        print(f"{stage:<20} {seconds * 1000:8.1f} ms (median)")
    rest = sum(v for k, v in stages.items() if k != "validate" and not k.startswith("serialize "))
    print(f"{'all but validate':<20} {rest * 1000:8.1f} ms; validate costs {stages['validate'] / rest:.1f}x that")
    with tempfile.TemporaryDirectory() as out:
        convert = process([sys.executable, "-m", "converter", "convert", "-o", out, "--force"])
        turtle = Path(out) / "000_50d7cb4445c31f01.ttl"
        baseline = process([sys.executable, "-c", "import sys, rdflib; g = rdflib.Graph().parse(sys.argv[1]); "
                            "g.serialize(sys.argv[1] + '.copy', format='turtle')", str(turtle)])
    for name, (wall, cpu) in (("convert (process)", convert), ("rdflib read+write", baseline)):
        print(f"{name:<20} {wall * 1000:8.1f} ms wall, {cpu * 1000:8.1f} ms CPU (median of 5)")
    print(f"{'convert / baseline':<20} {convert[0] / baseline[0]:8.2f}x wall, {convert[1] / baseline[1]:.2f}x CPU")


def process(command: list[str], repeat: int = 5) -> tuple[float, float]:
    """Median wall and CPU time (user + system, of the child) of a command."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)

if __name__ == "__main__":
    main()
