"""The whole pipeline for one document: read → link → build → check → export. It returns what it
did and prints nothing; the command line says it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib import Graph

from .akn.writer import to_akn
from .checks import DEFAULT_ENGINE, Report, check_akn, ep_shapes, validate
from .errors import ConverterError, ExitCode
from .findings import Severity
from .ids import Iris
from .link import Links, link
from .model import Document
from .rdf import build
from .rdf.ep_view import ep_view
from .rdf.export import serialize, serialize_all, write_atomic
from .readers import MAX_INPUT_BYTES, Given, read_file
from .vocab import DEFAULT_BASE, EXPORTED, MANIFESTATIONS

BUNDLED = Path(str(resources.files("converter") / "data" / "000_50d7cb4445c31f01.txt"))


class AknInvalid(ConverterError):
    """The Akoma Ntoso manifestation does not meet the OASIS schema (a defect of the converter)."""

    exit_code = ExitCode.INVALID


class ValidationFailed(ConverterError):
    """The graph violates the shapes: nothing was written but the report."""

    exit_code = ExitCode.INVALID

    def __init__(self, source: str, report: Report, report_path: Path) -> None:
        self.report = report
        self.report_path = report_path
        super().__init__(source, f"the graph violates the shapes ({report.count(Severity.VIOLATION)} violation(s)); "
                         f"no output written; full report in {report_path}")


@dataclass(frozen=True)
class Result:
    document: Document
    links: Links
    graph: Graph
    report: Report | None  # None when validation was skipped
    ep_report: Report | None
    written: tuple[Path, ...]
    turtle: Path  # the document's Turtle file, what ``load`` puts in a store


def output_stem(source: Path) -> str:
    """The name the outputs of ``source`` share: its file name without the extension."""
    return source.name[: -len(".akn.xml")] if source.name.endswith(".akn.xml") else source.stem


def convert_file(source: Path, outdir: Path, base: str = DEFAULT_BASE, run_checks: bool = True,
                 given: Given | None = None, max_bytes: int = MAX_INPUT_BYTES, engine: str = DEFAULT_ENGINE) -> Result:
    """Convert one text (or Akoma Ntoso XML) file into ``outdir/<stem>.ttl``, ``.jsonld``, ``.nt`` and
    ``.akn.xml``, and the European Parliament profile view into ``outdir/<stem>.ep.ttl``; ``given``
    supplies what the text does not print (register number, adoption date, language)."""
    return convert_document(read_file(source, given=given, max_bytes=max_bytes), output_stem(source), outdir, base,
                            run_checks, engine)


def convert_document(document: Document, stem: str, outdir: Path, base: str = DEFAULT_BASE,
                     run_checks: bool = True, engine: str = DEFAULT_ENGINE) -> Result:
    """Link, build, validate with ``engine`` (unless ``run_checks`` is false) and write one parsed document."""
    links = link(document)
    graph = build(document, links, base, MANIFESTATIONS)
    xml = to_akn(document, links, base)
    view = ep_view(document, Iris(base, document.metadata))
    report_path = outdir / f"{stem}.report.ttl"
    report = ep_report = None
    exported = serialize_all(graph, EXPORTED)  # nothing is written before the graph conforms
    if run_checks:
        report = validate(graph, engine=engine, ntriples=exported["nt"])
        if report.fails():
            write_atomic({report_path: report.graph.serialize(format="turtle", encoding="utf-8")})
            raise ValidationFailed(document.source_name, report, report_path)
        ep_report = validate(view, ep_shapes(), engine=engine)
        problems = check_akn(xml)
        if problems:
            raise AknInvalid(document.source_name, "the Akoma Ntoso XML is not valid: " +
                             "; ".join(f"line {p.line}: {p.message}" if p.line else p.message for p in problems[:5]))
    files = {outdir / f"{stem}.{extension}": data for extension, data in exported.items()}
    files[outdir / f"{stem}.ep.ttl"] = serialize(view, "ttl")
    files[outdir / f"{stem}.akn.xml"] = xml
    write_atomic(files)
    report_path.unlink(missing_ok=True)  # a report left by an earlier failed run no longer applies
    return Result(document, links, graph, report, ep_report, tuple(files), outdir / f"{stem}.ttl")
