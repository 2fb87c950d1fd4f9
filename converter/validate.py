"""validate: pySHACL with the project's shapes (or any given), before anything is written."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, BNode, Graph, Literal, Node
from rdflib.namespace import SH

from .errors import InternalError
from .resources import PACKAGE, turtle

SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class Finding:
    severity: str
    shape: str  # the source shape, or for a SPARQL constraint, the constraint
    focus: str
    path: str | None
    value: str | None
    message: str


@dataclass(frozen=True)
class Report:
    conforms: bool
    findings: tuple[Finding, ...]
    graph: Graph

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str = "violation") -> bool:
        levels = ("violation",) if fail_on == "violation" else ("violation", "warning")
        return any(f.severity in levels for f in self.findings)

    def text(self, limit: int = 20) -> str:
        """Grouped by shape and message, with counts, then up to ``limit`` findings in full."""
        if not self.findings:
            return "conforms: no violations, no warnings"
        lines = [f"{self.count('violation')} violation(s), {self.count('warning')} warning(s)"]
        groups = Counter((f.severity, f.shape) for f in self.findings)
        example = {(f.severity, f.shape): f.message for f in reversed(self.findings)}
        for (severity, shape), n in sorted(groups.items()):
            lines.append(f"  {n:4d} × {severity} of {shape}, e.g. {example[severity, shape]}")
        lines.append("details:")
        for f in sorted(self.findings, key=lambda f: (f.shape, f.focus, f.value or ""))[:limit]:
            lines.append(f"  - {f.severity} {f.shape}\n      focus: {f.focus}\n      path:  {f.path}\n"
                         f"      value: {f.value}\n      {f.message}")
        if len(self.findings) > limit:
            lines.append(f"  … and {len(self.findings) - limit} more (see the full report)")
        return "\n".join(lines)

    def json(self) -> str:
        return json.dumps({"conforms": self.conforms,
                           "violations": self.count("violation"), "warnings": self.count("warning"),
                           "results": [f.__dict__ for f in self.findings]}, indent=1, ensure_ascii=False)


@cache
def project_shapes() -> Graph:
    return load_shapes(Path(str(PACKAGE / "shapes" / "eprdf.shapes.ttl")))


@cache
def ep_shapes() -> Graph:
    return load_shapes(Path(str(PACKAGE / "shapes" / "ep" / "eli-ep_adopted-texts-3.1.0.shacl.ttl")))


def ontology_graph() -> Graph:
    return turtle("eprdf.ttl")


def load_shapes(path: Path) -> Graph:
    """One shapes file, or every Turtle file in a folder."""
    graph = Graph()
    files = sorted(path.glob("*.ttl")) if path.is_dir() else [path]
    for file in files:
        graph.parse(file, format="turtle")
    return graph


def validate(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> Report:
    """Validate ``data``; the ontology is mixed in (ont_graph) so class targets follow subclasses."""
    try:
        conforms, report, _ = shacl_validate(
            data, shacl_graph=shapes if shapes is not None else project_shapes(),
            ont_graph=ontology if ontology is not None else ontology_graph(),
            inference="none", advanced=True, allow_warnings=True)
    except Exception as exc:  # the SHACL engine failing is a defect, reported without a traceback
        raise InternalError("validation", f"the SHACL engine failed: {type(exc).__name__}: {exc}") from None
    if not isinstance(report, Graph):  # pySHACL returns a failure object when the shapes are unusable
        raise InternalError("validation", f"the shapes could not be applied: {report}")
    return Report(bool(conforms), tuple(_findings(report, shapes if shapes is not None else project_shapes())),
                  report)


def _shape_name(shapes: Graph, report: Graph, node: Node) -> str:
    """A shape's name; an anonymous property shape is named by its node shape and path."""
    if not isinstance(node, BNode):
        return _short(report, node)
    parent = shapes.value(None, SH.property, node)
    path = shapes.value(node, SH.path)
    if isinstance(path, BNode) and shapes.value(path, SH.inversePath) is not None:
        path_text = "^" + _short(report, shapes.value(path, SH.inversePath))  # type: ignore[arg-type]
    else:
        path_text = _short(report, path) if path is not None else "?"
    return f"{_short(report, parent) if parent is not None else '?'} {path_text}"


def _findings(report: Graph, shapes: Graph) -> list[Finding]:
    for prefix, namespace in shapes.namespaces():
        report.bind(prefix, namespace, override=False)
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        def get(p: Node, r: Node = result) -> str | None:
            value = report.value(r, p)
            return None if value is None else _short(report, value)
        source = report.value(result, SH.sourceConstraint) or report.value(result, SH.sourceShape)
        out.append(Finding(
            severity=SEVERITY.get(report.value(result, SH.resultSeverity), "violation"),  # type: ignore[arg-type]
            shape=_shape_name(shapes, report, source) if source is not None else "?",
            focus=get(SH.focusNode) or "?",
            path=get(SH.resultPath),
            value=get(SH.value),
            message=get(SH.resultMessage) or "",
        ))
    return sorted(out, key=lambda f: (f.severity, f.shape, f.focus, f.value or ""))


def _short(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node)
    try:
        return graph.namespace_manager.normalizeUri(node)  # type: ignore[arg-type]
    except Exception:
        return str(node)
