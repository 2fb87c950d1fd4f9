"""Corpus scale: batch conversion, loading the store, and the competency questions' latency
on Oxigraph, with rdflib's own SPARQL engine for comparison at a size where it still finishes.

Run: .venv/bin/python benchmarks/corpus_bench.py [--count 1000] [--jobs 2] [--rdflib-docs 20]
"""

from __future__ import annotations

import argparse
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Dataset

from converter.resources import PACKAGE
from converter.store import ONTOLOGY_GRAPH, QUERIES, REGISTRY_GRAPH, Store, declared_parameters, named_query

PARAMS = {"actor": "Belarus", "act": "http://data.europa.eu/eli/dir/2001/55/oj", "document": ""}


def convert(sources: list[Path], out: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "converter", "convert", *map(str, sources), "-o", str(out),
                    "--jobs", str(jobs)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def children_max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def latency(run, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rdflib-docs", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--converted", type=Path, default=None,
                        help="Skip generating and converting: query the graphs already in this folder.")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {sys.platform}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.converted or Path(tmp) / "out"
        if args.converted is None:
            corpus = Path(tmp) / "corpus"
            subprocess.run([sys.executable, str(Path(__file__).parent / "corpus.py"), str(corpus), "--count",
                            str(args.count)], check=True, stdout=subprocess.DEVNULL)
            sources = sorted(corpus.glob("*.txt"))
            first = min(100, len(sources))
            seconds = convert(sources[:first], out, args.jobs)
            rss_small = children_max_rss_mb()
            print(f"convert+validate {first} documents, {args.jobs} jobs: {seconds:.1f} s "
                  f"({first / seconds:.2f} documents/s); peak worker memory {rss_small:.0f} MB")
            seconds = convert(sources, out, args.jobs)
            print(f"convert+validate {len(sources)} documents, {args.jobs} jobs: {seconds:.1f} s "
                  f"({len(sources) / seconds:.2f} documents/s); peak worker memory {children_max_rss_mb():.0f} MB")
        turtles = sorted(p for p in out.glob("*.ttl") if not p.name.endswith(".ep.ttl"))
        store = Store(Path(tmp) / "store")
        start = time.perf_counter()
        for path in turtles:
            store.load(path)
        print(f"load {len(turtles)} documents into the store: {time.perf_counter() - start:.1f} s, "
              f"{len(store.store):,} quads")
        documents = store.query("document-metadata").records()
        PARAMS["document"] = documents[0]["document"] or ""
        print(f"\n{'question':<24} {'oxigraph p50':>13} {'p95':>9}   rdflib ({args.rdflib_docs} docs) p50")
        dataset = Dataset(default_union=True)
        for graph, files in ((ONTOLOGY_GRAPH, ["eprdf.ttl"]), (REGISTRY_GRAPH, ["actors.ttl", "countries.ttl"])):
            for name in files:
                dataset.graph(graph).parse(str(PACKAGE / "ontology" / name), format="turtle")
        for path in turtles[: args.rdflib_docs]:
            dataset.graph(path.as_uri()).parse(path)
        for rq in sorted(QUERIES.glob("*.rq")):
            text = named_query(rq.stem)
            params = {name: PARAMS[name] for name in declared_parameters(text)}
            p50, p95 = latency(lambda name=rq.stem, p=params: store.query(name, p), args.repeat)
            bound = store.prepare(rq.stem, params)
            signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError()))
            signal.alarm(120)
            try:
                r50, _ = latency(lambda q=bound: list(dataset.query(q)), 3)
                rdflib_text = f"{r50:10.1f} ms"
            except TimeoutError:
                rdflib_text = "  > 120 s (stopped)"
            finally:
                signal.alarm(0)
            print(f"{rq.stem:<24} {p50:10.1f} ms {p95:6.1f} ms   {rdflib_text}")


if __name__ == "__main__":
    main()
