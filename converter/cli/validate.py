"""``eprdf validate``: any RDF files against the project's shapes, the EP's, or given ones."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..checks import ep_shapes, load_shapes, project_shapes, validate
from ..errors import ConverterError, ExitCode, InternalError, UsageError, printable
from ..findings import Severity
from ..rdf.read import SYNTAXES, read_graph
from .messages import report_json, report_text
from .options import shacl_engine


@click.command(name="validate")
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--shapes", "shapes_path", default=None,
              help="Shapes file or folder; 'ep' for the European Parliament's shapes for texts adopted. "
                   "Default: the project's shapes.")
@click.option("--format", "report_format", type=click.Choice(["text", "turtle", "json"]), default="text",
              show_default=True, help="Report format, on standard output.")
@click.option("--input-format", type=click.Choice(SYNTAXES), default=None,
              help="RDF syntax of DATA when the file extension does not tell.")
@click.option("--fail-on", type=click.Choice([Severity.VIOLATION.value, Severity.WARNING.value]),
              default=Severity.VIOLATION.value,
              show_default=True, help="Lowest severity that makes the exit code 1.")
@shacl_engine
def validate_command(data: tuple[Path, ...], shapes_path: str | None, report_format: str,
                     input_format: str | None, fail_on: str, shacl_engine: str) -> None:
    """Validate RDF files (Turtle, JSON-LD, N-Triples, RDF/XML) against SHACL shapes.

    Exit codes: 0 conforms, 1 violations (or warnings with --fail-on warning), 2 usage error,
    3 input unreadable or not parseable.
    """
    try:
        graph = read_graph(data, input_format)
        if shapes_path is None:
            shapes = project_shapes()
        elif shapes_path == "ep":
            shapes = ep_shapes()
        else:
            shapes = load_shapes(Path(shapes_path))
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))
    try:
        report = validate(graph, shapes, engine=shacl_engine)
    except (InternalError, UsageError) as error:
        if shapes_path in (None, "ep"):
            raise
        click.echo(f"error: --shapes {printable(shapes_path)}: the shapes could not be applied: {error.problem}",
                   err=True)
        sys.exit(int(ExitCode.USAGE))
    if report_format == "turtle":
        click.echo(report.graph.serialize(format="turtle"))
    elif report_format == "json":
        click.echo(report_json(report))
    else:
        click.echo(report_text(report.findings))
    click.echo(f"{', '.join(printable(str(p)) for p in data)}: {report.count(Severity.VIOLATION)} violation(s), "
               f"{report.count(Severity.WARNING)} warning(s)", err=True)
    sys.exit(int(ExitCode.INVALID) if report.fails(Severity(fail_on)) else int(ExitCode.OK))
