"""CPU time per document by stage, over a generated corpus converted in one process, as a worker
of `convert --jobs` runs it (imports and start-up paid once, before the first document).

Run: .venv/bin/python benchmarks/stages.py [--count 100] [--engine shifty|pyshacl]
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import converter.pipeline as pipeline
from converter.checks import DEFAULT_ENGINE, ENGINES
from converter.pipeline import convert_file

# The stages as the pipeline module calls them; each is wrapped to add its CPU time.
STAGES = {"read": "read_file", "link": "link", "build": "build", "akn": "to_akn", "ep view": "ep_view",
          "validate (both shapes)": "validate", "check akn": "check_akn", "serialise": "serialize_all",
          "write": "write_atomic"}


def instrument(spent: dict[str, float]) -> None:
    for stage, name in STAGES.items():
        original = getattr(pipeline, name)

        def timed(*args: Any, _original: Callable[..., Any] = original, _stage: str = stage, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_stage] += time.process_time() - start

        setattr(pipeline, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--engine", choices=ENGINES, default=DEFAULT_ENGINE)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; engine {args.engine}")
    spent: dict[str, float] = defaultdict(float)
    instrument(spent)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        subprocess.run([sys.executable, str(Path(__file__).parent / "corpus.py"), str(corpus), "--count",
                        str(args.count)], check=True, stdout=subprocess.DEVNULL)
        sources = sorted(corpus.glob("*.txt"))
        convert_file(sources[0], out, engine=args.engine)  # start-up: caches, compiled shapes, schema
        spent.clear()
        start = time.process_time()
        for source in sources[1:]:
            convert_file(source, out, engine=args.engine)
        total = time.process_time() - start
    documents = len(sources) - 1
    print(f"{documents} documents, CPU per document:")
    for stage in STAGES:
        print(f"  {stage:<24} {spent[stage] / documents * 1000:7.1f} ms")
    rest = total - sum(spent.values())
    print(f"  {'other':<24} {rest / documents * 1000:7.1f} ms")
    print(f"  {'total':<24} {total / documents * 1000:7.1f} ms: {documents / total:.1f} documents per CPU second")


if __name__ == "__main__":
    main()
