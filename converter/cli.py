"""The command line: a thin layer over the library. Exit codes are in ``errors.ExitCode``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rdflib import Graph

from . import __version__
from .errors import ConverterError, ExitCode, OutputError
from .iris import DEFAULT_BASE
from .pipeline import BUNDLED, ValidationFailed, convert_file
from .rdf_input import FORMATS_BY_EXTENSION, read_graph
from .results import render
from .store import Store, UsageError
from .validate import ep_shapes, project_shapes, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eprdf")
def main() -> None:
    """Convert European Parliament texts adopted into linked open data."""


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True, help="Folder for the converted files.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI under which the documents' Akoma Ntoso IRIs are minted.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (for debugging only).")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also load the converted graphs into this SPARQL store.")
def convert(inputs: tuple[Path, ...], outdir: Path, base: str, no_validate: bool, store_dir: Path | None) -> None:
    """Convert INPUTS (text files); with none, the bundled resolution P10_TA(2026)0056."""
    if no_validate:
        click.secho("WARNING: --no-validate: the graphs are written WITHOUT SHACL validation", fg="red",
                    bold=True, err=True)
    failed: ConverterError | None = None
    for source in inputs or (BUNDLED,):
        try:
            result = convert_file(source, outdir, base, check=not no_validate)
        except ValidationFailed as error:
            click.echo(error.report.text(), err=True)
            click.echo(f"error: {error}", err=True)
            failed = failed or error
            continue
        except ConverterError as error:
            click.echo(f"error: {error}", err=True)
            failed = failed or error
            continue
        for issue in result.document.warnings + result.links.warnings:
            where = f"{source}:{issue.line}" if issue.line else str(source)
            click.echo(f"warning: {where}: {issue.message} [{issue.code}]", err=True)
        if result.report is not None:
            click.echo(f"validated {source.name}: {len(result.graph)} triples conform to the shapes", err=True)
        if result.ep_report is not None:
            shapes = sorted({f.shape for f in result.ep_report.findings})
            click.echo(f"European Parliament profile (ta:Work-TA): {result.ep_report.count('violation')} "
                       f"violation(s) {', '.join(shapes)} (see README: what the text cannot give)", err=True)
        for path in result.written:
            click.echo(f"wrote {path}", err=True)
        if store_dir is not None:
            turtle = next(p for p in result.written if p.suffix == ".ttl" and not p.name.endswith(".ep.ttl"))
            click.echo(f"loaded {turtle} into {store_dir} as <{_store(store_dir).load(turtle)}>", err=True)
    sys.exit(int(failed.exit_code) if failed else int(ExitCode.OK))


_stores: dict[Path, Store] = {}


def _store(path: Path) -> Store:
    """One open store per folder for the whole command (Oxigraph locks the folder)."""
    if path not in _stores:
        try:
            _stores[path] = Store(path)
        except OSError as exc:
            raise OutputError(str(path), f"the store cannot be opened: {exc}") from None
    return _stores[path]


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("store"),
              show_default=True, help="The SPARQL store folder (created if missing).")
def load(files: tuple[Path, ...], store_dir: Path) -> None:
    """Load exported graphs (Turtle, JSON-LD, N-Triples) into a store; loading a document again replaces it."""
    try:
        store = _store(store_dir)
        for path in files:
            click.echo(f"loaded {path} as <{store.load(path)}>", err=True)
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))


@main.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Read the query from a .rq file.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Query this store; without it, the graphs in output/ (in memory).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (an IRI if VALUE is one, else a string).")
@click.option("--format", "out_format", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
def query(query: str | None, query_file: Path | None, store_dir: Path | None, params: tuple[str, ...],
          out_format: str) -> None:
    """Run a SPARQL query: its text, a file (-f), or the NAME of one in queries/ (see README)."""
    try:
        if (query is None) == (query_file is None):
            raise UsageError("query", "give a query, a query NAME, or -f FILE (one of them)")
        text = query if query_file is None else query_file.read_text(encoding="utf-8")
        bindings = dict(_param(p) for p in params)
        if store_dir is not None:
            store = _store(store_dir)
        else:
            store = Store()
            for path in sorted(Path("output").glob("*.ttl")):
                if not path.name.endswith(".ep.ttl"):
                    store.load(path)
        answer = store.query(text, bindings)
    except OSError as exc:
        click.echo(f"error: {query_file}: cannot be read: {exc.strerror}", err=True)
        sys.exit(int(ExitCode.UNREADABLE))
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))
    click.echo(render(answer, out_format), nl=False)


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise UsageError("--param", f"{text!r} is not NAME=VALUE")
    return name, value


@main.command(name="validate")
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--shapes", "shapes_path", default=None,
              help="Shapes file or folder; 'ep' for the European Parliament's shapes for texts adopted. "
                   "Default: the project's shapes.")
@click.option("--format", "report_format", type=click.Choice(["text", "turtle", "json"]), default="text",
              show_default=True, help="Report format, on standard output.")
@click.option("--input-format", type=click.Choice(sorted(set(FORMATS_BY_EXTENSION.values()))), default=None,
              help="RDF syntax of DATA when the file extension does not tell.")
@click.option("--fail-on", type=click.Choice(["violation", "warning"]), default="violation", show_default=True,
              help="Lowest severity that makes the exit code 1.")
def validate_command(data: tuple[Path, ...], shapes_path: str | None, report_format: str,
                     input_format: str | None, fail_on: str) -> None:
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
            shapes = read_shapes(Path(shapes_path))
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))
    report = validate(graph, shapes)
    if report_format == "turtle":
        click.echo(report.graph.serialize(format="turtle"))
    elif report_format == "json":
        click.echo(report.json())
    else:
        click.echo(report.text())
    click.echo(f"{', '.join(str(p) for p in data)}: {report.count('violation')} violation(s), "
               f"{report.count('warning')} warning(s)", err=True)
    sys.exit(int(ExitCode.INVALID) if report.fails(fail_on) else int(ExitCode.OK))


def read_shapes(path: Path) -> Graph:
    files = sorted(path.glob("*.ttl")) if path.is_dir() else [path]
    return read_graph(tuple(files), "turtle")
