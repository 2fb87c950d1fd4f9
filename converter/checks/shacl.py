"""SHACL validation: pySHACL with the project's shapes (or any given), before anything is written.

pySHACL runs with ``advanced=True`` (the EP's shapes select their targets with SPARQL) and
without inference; the ontology is mixed in so class targets follow subclasses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, Node
from rdflib.namespace import SH

from ..errors import InternalError, UnreadableInput, UsageError
from ..findings import Finding, Severity
from ..rdf.read import read_graph
from ..resources import PACKAGE, turtle

SEVERITY = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


@dataclass(frozen=True)
class Report:
    conforms: bool
    findings: tuple[Finding, ...]
    graph: Graph

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: Severity = Severity.VIOLATION) -> bool:
        """Whether any finding is at least as severe as ``fail_on``."""
        return any(f.severity.at_least(fail_on) for f in self.findings)


@cache
def project_shapes() -> Graph:
    return load_shapes(Path(str(PACKAGE / "shapes" / "eprdf.shapes.ttl")))


@cache
def ep_shapes() -> Graph:
    return load_shapes(Path(str(PACKAGE / "shapes" / "ep" / "eli-ep_adopted-texts-3.1.0.shacl.ttl")))


def ontology_graph() -> Graph:
    return turtle("eprdf.ttl")


def load_shapes(path: Path) -> Graph:
    """One shapes file, or every Turtle file in a folder. Shapes that cannot be read, or hold no
    shape, are a usage error: validating against them would say nothing."""
    files = sorted(path.glob("*.ttl")) if path.is_dir() else [path]
    try:
        graph = read_graph(tuple(files), "turtle")
    except UnreadableInput as error:
        raise UsageError(error.source, f"the shapes cannot be read: {error.problem}", line=error.line) from None
    shapes = {s for cls in (SH.NodeShape, SH.PropertyShape) for s in graph.subjects(RDF.type, cls)}
    shapes |= set(graph.subjects(SH.targetClass, None)) | set(graph.subjects(SH.path, None))
    if not shapes:
        raise UsageError(str(path), "no SHACL shapes found", expected="Turtle files with sh:NodeShape or "
                         "sh:PropertyShape")
    return graph


def validate(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None) -> Report:
    """Validate ``data``; the ontology is mixed in (ont_graph) so class targets follow subclasses."""
    from pyshacl import validate as shacl_validate  # 150 ms of imports, for the commands that validate

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
            severity=SEVERITY.get(report.value(result, SH.resultSeverity), Severity.VIOLATION),  # type: ignore[arg-type]
            code=_shape_name(shapes, report, source) if source is not None else "?",
            focus=get(SH.focusNode) or "?",
            path=get(SH.resultPath),
            value=get(SH.value),
            message=get(SH.resultMessage) or "",
        ))
    return sorted(out, key=lambda f: (f.severity, f.code, f.focus or "", f.value or ""))


def _short(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node)
    try:
        return graph.namespace_manager.normalizeUri(node)  # type: ignore[arg-type]
    except Exception:
        return str(node)
