"""Reading RDF files given by users, with parse errors that name the file, line and column."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.sax import SAXParseException

from rdflib import Graph

from ..errors import UnreadableInput
from ..vocab import RDF_FORMATS, rdf_format

SYNTAXES = tuple(sorted(f.name for f in RDF_FORMATS))


def read_graph(paths: tuple[Path, ...], input_format: str | None = None) -> Graph:
    """Parse every file into one graph."""
    graph = Graph()
    for path in paths:
        known = rdf_format(path.suffix)
        fmt = input_format or (known.name if known else None)
        if fmt is None:
            extensions = sorted(f".{e}" for f in RDF_FORMATS for e in f.extensions)
            raise UnreadableInput(str(path), f"unknown RDF syntax for extension {path.suffix!r}",
                                  expected="--input-format or one of " + ", ".join(extensions))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableInput(str(path), f"cannot be read: {exc.strerror}") from None
        try:
            graph.parse(data=data, format=fmt)
        except Exception as exc:  # each rdflib parser raises its own kind; all mean "not parseable"
            line, column = _nt_line(data) if fmt == "nt" else _location(exc)
            where = f" at column {column}" if column else ""
            message = " ".join(str(exc).split())[:300] or type(exc).__name__
            raise UnreadableInput(str(path), f"not parseable as {fmt}{where}: {message}", line=line) from None
    return graph


def _location(exc: Exception) -> tuple[int | None, int | None]:
    if isinstance(exc, json.JSONDecodeError):
        return exc.lineno, exc.colno
    if isinstance(exc, SAXParseException):
        return exc.getLineNumber(), exc.getColumnNumber()
    text = str(exc)
    line = re.search(r"(?:at line|line) (\d+)", text)
    column = re.search(r"(?:col(?:umn)?|char) (\d+)", text)
    return (int(line.group(1)) if line else None, int(column.group(1)) if column else None)


def _nt_line(data: bytes) -> tuple[int | None, int | None]:
    """N-Triples lines stand alone, so the first line that fails alone is where the file fails."""
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        try:
            Graph().parse(data=line, format="nt")
        except Exception:
            return number, None
    return None, None
