"""Load test of the web server over a corpus: requests per second and latency percentiles of its
main kinds of request, with the server's memory and CPU.

The corpus (``benchmarks/corpus.py``) is converted and loaded into a store once and kept in CACHE
(run again, it is reused). The server is the real one, ``python -m converter serve OUTPUT --store
STORE``, in a process of its own; the load comes from Debian's ``wrk`` (a C load generator, so the
client takes little of the CPU the server needs) with ``serve_load.lua``, each connection asking
for one request after another.

Run: .venv/bin/python benchmarks/serve_load.py CACHE [--count 1000] [--seconds 25]
     [--concurrency 1 8] [--only document unit-ttl ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from converter.store import named_query
from converter.vocab import DEFAULT_BASE

LUA = Path(__file__).with_suffix(".lua")
ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
UNITS = 2000
JSON_RESULTS = "application/sparql-results+json"
EXPRESSIONS = """PREFIX epr: <https://w3id.org/eprdf/ontology#>
SELECT ?e WHERE { ?e a epr:Expression }"""
# Paragraphs at expression level, spread over the documents (the store's order is by hash).
PARAGRAPHS = """PREFIX epr: <https://w3id.org/eprdf/ontology#>
SELECT ?u WHERE { ?u a epr:ComponentExpression FILTER (CONTAINS(STR(?u), "@/!main~para_")) } LIMIT %d"""


@dataclass(frozen=True)
class Target:
    name: str
    what: str
    paths: tuple[str, ...]
    accept: str = ""


@dataclass(frozen=True)
class Result:
    requests: int
    seconds: float
    p50: float
    p95: float
    p99: float
    errors: int
    cpu: float
    rss_mb: float


def prepare(cache: Path, count: int, jobs: int) -> tuple[Path, Path]:
    """The output folder and the store of a corpus of ``count`` documents, made once in ``cache``
    (in a folder of its own for each count)."""
    cache = cache / f"{count}-documents"
    texts, output, store = cache / "texts", cache / "output", cache / "store"
    if len(list(texts.glob("*.txt"))) != count:
        shutil.rmtree(texts, ignore_errors=True)
        step(f"generating {count} documents")
        command(str(ROOT / "benchmarks" / "corpus.py"), str(texts), "--count", str(count))
    if len(list(output.glob("*.akn.xml"))) != count:
        step(f"converting {count} documents, --jobs {jobs} (the manifest skips those already converted)")
        command("-m", "converter", "convert", *map(str, sorted(texts.glob("*.txt"))), "-o", str(output),
                "--jobs", str(jobs))
    if not store.is_dir():
        step("loading the store")
        partial = cache / "store.partial"
        shutil.rmtree(partial, ignore_errors=True)
        graphs = sorted(p for p in output.glob("*.ttl") if not p.name.endswith(".ep.ttl"))
        command("-m", "converter", "load", *map(str, graphs), "--store", str(partial))
        partial.rename(store)  # a store folder is there only once it holds every document
    return output, store


def command(*args: str) -> None:
    """Run a step of the preparation in this checkout; its messages are shown only if it fails."""
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode:
        sys.exit(f"{' '.join(args[:3])} … failed (exit {done.returncode}):\n{done.stderr[-4000:]}")


def step(text: str) -> None:
    print(f"... {text}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(output: Path, store: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        server = subprocess.Popen([sys.executable, "-m", "converter", "serve", str(output), "--store", str(store),
                                   "--bind", f"127.0.0.1:{port}"], stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped (exit {server.returncode}); see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/context.jsonld", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    sys.exit(f"the server did not answer within 300 s; see {log}")


def first(base_url: str, target: Target) -> float:
    """Milliseconds for the target's first request, before any of its answers is kept."""
    request = urllib.request.Request(base_url + target.paths[0], headers={"Accept": target.accept or "*/*"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        response.read()
    return (time.perf_counter() - start) * 1000


def select(base_url: str, query: str) -> list[str]:
    request = urllib.request.Request(f"{base_url}/sparql?{urlencode({'query': query})}",
                                     headers={"Accept": JSON_RESULTS})
    with urllib.request.urlopen(request, timeout=120) as response:
        answer = json.load(response)
    variable = answer["head"]["vars"][0]
    return [row[variable]["value"] for row in answer["results"]["bindings"]]


def targets(base_url: str) -> list[Target]:
    def path(iri: str) -> str:
        return quote(iri[len(DEFAULT_BASE):], safe="/!~@:-._")

    rng = random.Random(1)
    expressions = sorted(select(base_url, EXPRESSIONS))
    units = select(base_url, PARAGRAPHS % (UNITS * 4))
    units = sorted(rng.sample(units, min(UNITS, len(units))))
    rng.shuffle(units)
    works = {u.split("/!main~")[0] for u in units}
    question = named_query("actors-ranked")
    return [
        Target("document", f"an expression's page, .html (rotating over {len(expressions):,} documents)",
               tuple(path(e) + ".html" for e in expressions)),
        Target("unit-ttl", f"a paragraph's Turtle, .ttl (rotating over {len(units):,} paragraphs of "
                           f"{len(works):,} documents)", tuple(path(u) + ".ttl" for u in units)),
        Target("sparql", "actors-ranked through /sparql (SPARQL results in JSON)",
               ("/sparql?" + urlencode({"query": question}),), JSON_RESULTS),
        Target("question", "actors-ranked as a page, /questions/actors-ranked", ("/questions/actors-ranked",)),
        Target("actor", "an actor's page, /actor/country/RUS.html", ("/actor/country/RUS.html",)),
        Target("home", "the home page, listing every work", ("/",)),
    ]


class Sampler:
    """The server's resident memory (sampled) and CPU time, its query children's included, over a run."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self.cpu_start = self._cpu()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu = self._cpu() - self.cpu_start

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, self._rss())

    def _rss(self) -> int:
        status = Path(f"/proc/{self.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) * 1024

    def _cpu(self) -> float:
        # utime, stime, and those of the children waited for (the forked queries): fields 14 to 17
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(f) for f in fields[11:15]) / TICKS


def run(base_url: str, target: Target, connections: int, seconds: int, paths_file: Path, pid: int) -> Result:
    paths_file.write_text("\n".join(target.paths) + "\n", encoding="utf-8")
    threads = min(connections, 2)
    load = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "60s",
               "-s", str(LUA), base_url, "--", str(paths_file), str(threads), target.accept]
    with Sampler(pid) as sampler:
        done = subprocess.run(load, check=True, capture_output=True, text=True)
    found = re.search(r"^RESULT (.*)$", done.stdout, re.MULTILINE)
    if found is None:
        sys.exit(f"wrk printed no result:\n{done.stdout}\n{done.stderr}")
    figures = {k: int(v) for k, v in (pair.split("=") for pair in found.group(1).split())}
    return Result(requests=figures["requests"], seconds=figures["duration_us"] / 1e6,
                  p50=figures["p50_us"] / 1000, p95=figures["p95_us"] / 1000, p99=figures["p99_us"] / 1000,
                  errors=sum(figures[k] for k in ("connect", "read", "write", "status", "timeout")),
                  cpu=sampler.cpu, rss_mb=sampler.peak / 2**20)


COLUMNS = ("request", "connections", "requests/s", "p50 ms", "p95 ms", "p99 ms", "errors", "requests",
           "server CPU (cores)", "CPU ms a request", "server RSS MB", "first request ms")


def row(cells: list[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("cache", type=Path, help="Folder for the corpus, its output and its store, reused by the "
                        "next run (remove it when the converter's output has changed).")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=25)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--only", nargs="+", default=None, help="Only these targets (document, unit-ttl, …).")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk (Debian)")
    output, store = prepare(args.cache, args.count, args.jobs)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    step(f"starting the server at {base_url}")
    server = start_server(output, store, port, args.cache / "server.log")
    try:
        chosen = [t for t in targets(base_url) if args.only is None or t.name in args.only]
        wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()[1]
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"corpus: {args.count} documents; server: python -m converter serve --store; client: wrk {wrk}, "
              f"{args.seconds} s a run after a 3 s warm-up\n")
        for target in chosen:
            print(f"- {target.name}: {target.what}")
        print(f"\n{row(list(COLUMNS))}\n{row(['---'] * len(COLUMNS))}")
        paths_file = args.cache / "paths.txt"
        for target in chosen:
            cold = f"{first(base_url, target):,.0f}"
            run(base_url, target, 1, 3, paths_file, server.pid)
            for connections in args.concurrency:
                r = run(base_url, target, connections, args.seconds, paths_file, server.pid)
                print(row([target.name, connections, f"{r.requests / r.seconds:.1f}", f"{r.p50:,.0f}", f"{r.p95:,.0f}",
                           f"{r.p99:,.0f}", r.errors, f"{r.requests:,}", f"{r.cpu / r.seconds:.2f}",
                           f"{1000 * r.cpu / max(r.requests, 1):.0f}", f"{r.rss_mb:.0f}", cold]), flush=True)
                cold = ""
        print(f"\nfirst request: the first of its kind since the server started, nothing of it cached; server CPU: "
              f"the server's and its query processes', in cores busy over the run; RSS: the server's peak; "
              f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
