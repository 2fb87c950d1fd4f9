"""export: serialise deterministically (same graph, same bytes) and write atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import Graph

from ..errors import OutputError
from ..resources import jsonld_context
from ..vocab import rdf_format


def serialize(graph: Graph, extension: str) -> bytes:
    """The graph as Turtle, JSON-LD or N-Triples, byte-for-byte stable across runs."""
    if extension == "nt":
        # N-Triples lines end at "\n" only: U+2028, U+2029 and U+0085 are text inside literals
        lines = graph.serialize(format="nt").split("\n")
        return ("\n".join(sorted(line for line in lines if line.strip())) + "\n").encode("utf-8")
    if extension == "jsonld":
        # rdflib's JSON-LD writer follows set iteration order: sort nodes and value lists afterwards.
        data = json.loads(graph.serialize(format="json-ld", context=jsonld_context()))
        nodes = data.get("@graph", [])
        for node in nodes:
            for key, value in node.items():
                if isinstance(value, list):
                    node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        data["@graph"] = sorted(nodes, key=lambda n: n.get("@id", ""))
        return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    fmt = rdf_format(extension)
    if fmt is None:
        raise KeyError(extension)
    return graph.serialize(format=fmt.name, encoding="utf-8")


# Files are written as any tool writes them: readable by all unless the umask says otherwise
# (a web server running as another user must be able to serve them).
FILE_MODE = 0o666
TEMP_SUFFIX = ".eprdf-tmp"


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_atomic(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it, then rename them all into place.

    Nothing is renamed until every file is written, so a failure leaves the previous outputs intact.
    """
    temps: list[tuple[str, Path]] = []
    mode = FILE_MODE & ~_umask()
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            for stale in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):  # left by a killed run
                stale.unlink(missing_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, mode)
        for tmp, path in temps:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise OutputError(str(exc.filename or "output"), f"cannot be written: {exc.strerror}") from None
