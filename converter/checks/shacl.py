"""SHACL validation with the project's shapes (or any given), before anything is written.

Two engines give the same verdicts, focus nodes and source shapes (tests/test_engines.py, and the
W3C test suite in tests/w3c-shacl/): shifty (Rust, the default: about 15 times faster) and pySHACL (the
reference). Both run the SHACL-SPARQL features the EP's shapes need (SPARQL targets) and no
inference; the ontology is mixed into the data so class targets follow subclasses. Each shapes
graph is compiled once per process.

Anonymous property shapes get IRIs of their own before either engine sees them, so a finding
names its shape ("eprsh:Procedure epr:procedureReference") whichever engine reported it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import SH

from ..errors import InternalError, UnreadableInput, UsageError
from ..findings import Finding, Severity
from ..rdf.read import read_graph
from ..resources import PACKAGE, turtle

SEVERITY = {SH.Violation: Severity.VIOLATION, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}
ENGINES = ("shifty", "pyshacl")
DEFAULT_ENGINE = "shifty"
# The IRIs given to anonymous property shapes: local to a run, never in an output.
SHAPE_IRI = "urn:eprdf:property-shape:"


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


@cache
def dcat_ap_shapes() -> Graph:
    """DCAT-AP 3.0.1's shapes, for the dataset description (shapes/dcat-ap/SOURCE.txt). Its data
    service shape names two property shapes the file never defines: they constrain nothing, and
    pySHACL refuses the whole file for them, so the references go."""
    graph = load_shapes(Path(str(PACKAGE / "shapes" / "dcat-ap")))
    # two files give their shapes the prefix ":", each its own: name them for reports
    graph.bind("dcatap-core", "https://semiceu.github.io/DCAT-AP/releases/3.0.0/html/shacl/shapes.ttl#")
    graph.bind("dcatap-recommended", "http://data.europa.eu/r5r#")
    for shape, prop in list(graph.subject_objects(SH.property)):
        if not any(True for _ in graph.predicate_objects(prop)):
            graph.remove((shape, SH.property, prop))
    return graph


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


@dataclass
class Shapes:
    """A shapes graph compiled for validation: its anonymous property shapes named, each engine's
    prepared form made on first use."""

    graph: Graph
    names: dict[URIRef, str] = field(default_factory=dict)  # a named anonymous shape → its name

    @cached_property
    def shifty(self) -> Any:
        import shifty  # the Rust engine, imported by the commands that validate

        try:
            # given the graph, shifty writes it as N-Triples after the graph's prefixes, so every
            # literal keeps its lexical form (rdflib's Turtle writer prints some ill-typed ones bare)
            return shifty.PreparedValidator(self.graph)
        except Exception as exc:  # shapes the engine cannot plan: the user's to fix
            raise UsageError("shapes", f"the shapes cannot be applied: {exc}") from None


_compiled: dict[int, tuple[Graph, Shapes]] = {}


def compiled(shapes: Graph) -> Shapes:
    """The compiled form of ``shapes``, made once per process."""
    kept = _compiled.get(id(shapes))
    if kept is None or kept[0] is not shapes:
        kept = (shapes, _name_property_shapes(shapes))
        _compiled[id(shapes)] = kept
    return kept[1]


def _name_property_shapes(shapes: Graph) -> Shapes:
    """A copy of ``shapes`` where every anonymous property shape of a named shape is an IRI, and
    the name each such shape goes by: its node shape and its path."""
    out = Graph()
    for prefix, namespace in shapes.namespaces():
        out.bind(prefix, namespace)
    named: dict[Node, URIRef] = {}
    names: dict[URIRef, str] = {}
    for parent, shape in sorted(shapes.subject_objects(SH.property), key=lambda pair: (str(pair[0]), str(pair[1]))):
        if isinstance(shape, BNode) and shape not in named:
            iri = URIRef(f"{SHAPE_IRI}{len(named) + 1}")
            named[shape] = iri
            owner = "?" if isinstance(parent, BNode) else _short(shapes, parent)
            path = shapes.value(shape, SH.path)
            names[iri] = f"{owner} {_path_text(shapes, path) if path is not None else '?'}"
    for s, p, o in shapes:
        out.add((named.get(s, s), p, named.get(o, o)))
    return Shapes(out, names)


def _path_text(graph: Graph, path: Node) -> str:
    """A path as SHACL writes it: ``epr:num``, or ``^epr:authorialNote`` for an inverse one."""
    inverse = graph.value(path, SH.inversePath) if isinstance(path, BNode) else None
    return "^" + _short(graph, inverse) if inverse is not None else _short(graph, path)


def validate(data: Graph, shapes: Graph | None = None, ontology: Graph | None = None,
             engine: str = DEFAULT_ENGINE, ntriples: bytes | None = None) -> Report:
    """Validate ``data`` with ``engine``; the ontology is mixed in so class targets follow subclasses.
    Warnings and infos do not make a graph non-conforming. ``ntriples``, the same graph already
    written as N-Triples, spares writing it again."""
    chosen = compiled(shapes if shapes is not None else project_shapes())
    report = engine_report(engine, data, chosen, ontology if ontology is not None else ontology_graph(), ntriples)
    findings = tuple(_findings(report, chosen))
    return Report(not any(f.severity == Severity.VIOLATION for f in findings), findings, report)


def engine_report(engine: str, data: Graph, shapes: Shapes, ontology: Graph | None = None,
                  ntriples: bytes | None = None) -> Graph:
    """The validation report ``engine`` gives on ``data`` (with ``ontology`` mixed in), run as the
    converter runs it: SHACL-SPARQL on, no inference, no SHACL rules, unsupported features an error."""
    if engine not in ENGINES:
        raise UsageError("--shacl-engine", f"unknown SHACL engine {engine!r}", expected=", ".join(ENGINES))
    try:
        if engine == "shifty":
            mixed = (ntriples or _ntriples(data)) + (_ntriples(ontology) if ontology is not None else b"")
            _, report, _ = shapes.shifty.validate(mixed, graph_mode="data", infer=False, on_unsupported="error")
            return report
        from pyshacl import validate as shacl_validate  # 150 ms of imports, for the commands that validate

        if not data.store.context_aware:  # pySHACL mixes the ontology in through named graphs
            data = _copy(data)
        _, report, _ = shacl_validate(data, shacl_graph=shapes.graph, ont_graph=ontology, inference="none",
                                      advanced=True, allow_warnings=True)
    except (UsageError, InternalError):
        raise
    except Exception as exc:  # the SHACL engine failing is a defect, reported without a traceback
        raise InternalError("validation", f"the SHACL engine ({engine}) failed: {type(exc).__name__}: {exc}") from None
    if not isinstance(report, Graph):  # pySHACL returns a failure object when the shapes are unusable
        raise InternalError("validation", f"the shapes could not be applied: {report}")
    return report


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace)
    for triple in graph:
        out.add(triple)
    return out


def _ntriples(graph: Graph) -> bytes:
    # rdflib's own N-Triples writer: unsorted (the engine does not care) and so fast
    if graph is ontology_graph():  # the same for every document: written once
        return _ontology_ntriples()
    return graph.serialize(format="nt", encoding="utf-8")


@cache
def _ontology_ntriples() -> bytes:
    return ontology_graph().serialize(format="nt", encoding="utf-8")


def _findings(report: Graph, shapes: Shapes) -> list[Finding]:
    for prefix, namespace in shapes.graph.namespaces():
        report.bind(prefix, namespace, override=False)
    out = []
    # the report's own results; results nested in sh:detail are optional in SHACL, and not every
    # engine gives them
    for result in report.objects(None, SH.result):
        def get(p: Node, r: Node = result) -> str | None:
            value = report.value(r, p)
            return None if value is None else _short(report, value)
        # a named SPARQL constraint names the rule; otherwise the shape does (some engines give
        # no sh:sourceConstraint, and the project's SPARQL rules are shapes of their own)
        constraint = report.value(result, SH.sourceConstraint)
        source = constraint if isinstance(constraint, URIRef) else report.value(result, SH.sourceShape)
        out.append(Finding(
            severity=SEVERITY.get(report.value(result, SH.resultSeverity), Severity.VIOLATION),  # type: ignore[arg-type]
            code=(shapes.names.get(source) or _short(report, source)) if source is not None else "?",
            focus=get(SH.focusNode) or "?",
            path=_path(report, report.value(result, SH.resultPath), shapes, report.value(result, SH.sourceShape)),
            value=get(SH.value),
            message=get(SH.resultMessage) or "",
        ))
    return sorted(out, key=lambda f: (f.severity, f.code, f.focus or "", f.value or ""))


def _path(report: Graph, path: Node | None, shapes: Shapes, shape: Node | None) -> str | None:
    """A result's path, from the report, or from its shape where the report gives a complex path
    as a bare blank node (not every engine copies the path's structure into its report)."""
    if path is None:
        return None
    if isinstance(path, BNode) and report.value(path, SH.inversePath) is None:
        declared = shapes.graph.value(shape, SH.path) if shape is not None else None
        return _path_text(shapes.graph, declared) if declared is not None else "?"
    return _path_text(report, path)


def _short(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node)
    try:
        return graph.namespace_manager.normalizeUri(node)  # type: ignore[arg-type]
    except Exception:
        return str(node)
