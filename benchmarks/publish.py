"""How long ``publish`` takes on the bundled output (its resolution's graph, the EP's view, the
ontology and the registry) against each server the tests start: Oxigraph's server and Virtuoso 7
on this machine. Prints, per server: the server's start, the whole ``publish`` command as a
process the first time (new graphs) and then again (graphs replaced, medians of 5), and each
graph's PUT in one process (medians of 5).

    .venv/bin/python benchmarks/publish.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import triplestores  # noqa: E402

from converter.store.remote import GraphStore, publication  # noqa: E402

FILES = sorted((ROOT / "output").glob("*.ttl"))
RUNS = 5


def _command(server: triplestores.Server) -> float:
    credentials = ["--user", server.user, "--password-env", "PUBLISH_PASSWORD"] if server.user else []
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "converter", "publish", *map(str, FILES), "--endpoint", server.store,
                    *credentials], check=True, capture_output=True, cwd=ROOT,
                   env={**os.environ, "PUBLISH_PASSWORD": server.password or ""})
    return time.perf_counter() - start


def main() -> None:
    graphs = list(publication(FILES))
    for name, start_server in (("oxigraph", triplestores.oxigraph), ("virtuoso", triplestores.virtuoso)):
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            with start_server(Path(folder)) as server:
                print(f"{name}: answering after {time.perf_counter() - began:.2f} s")
                print(f"  publish, new graphs: {_command(server):.2f} s")
                again = [_command(server) for _ in range(RUNS)]
                print(f"  publish again (graphs replaced): {statistics.median(again):.2f} s "
                      f"(min {min(again):.2f}, max {max(again):.2f})")
                with GraphStore(server.store, server.user, server.password) as store:
                    for graph in graphs:
                        times = []
                        for _ in range(RUNS):
                            start = time.perf_counter()
                            store.put(graph)
                            times.append(time.perf_counter() - start)
                        print(f"  PUT <{graph.name}> ({graph.triples:,} triples, {len(graph.body) / 1e6:.2f} MB): "
                              f"{statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
