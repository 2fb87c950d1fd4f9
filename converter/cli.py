"""The command line: a thin layer over the library. Exit codes are in ``errors.ExitCode``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rdflib import Graph

from . import __version__
from .batch import convert_many
from .errors import ConverterError, ExitCode, OutputError
from .iris import DEFAULT_BASE
from .pipeline import BUNDLED
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
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Documents converted at once (default: the number of cores).")
def convert(inputs: tuple[Path, ...], outdir: Path, base: str, no_validate: bool, store_dir: Path | None,
            jobs: int | None) -> None:
    """Convert INPUTS (text or Akoma Ntoso XML files); with none, the bundled resolution P10_TA(2026)0056."""
    if no_validate:
        click.secho("WARNING: --no-validate: the graphs are written WITHOUT SHACL validation", fg="red",
                    bold=True, err=True)
    sources = list(inputs or (BUNDLED,))
    worst = ExitCode.OK
    for outcome in convert_many(sources, outdir, base, not no_validate, jobs or os.cpu_count() or 1,
                                progress=sys.stderr.isatty()):
        for line in outcome.messages:
            click.echo(line, err=True)
        if outcome.exit_code != ExitCode.OK:
            worst = worst or outcome.exit_code
        elif store_dir is not None and outcome.turtle is not None:
            try:
                name = _store(store_dir).load(outcome.turtle)
            except ConverterError as error:
                click.echo(f"error: {error}", err=True)
                worst = worst or error.exit_code
                continue
            click.echo(f"loaded {outcome.turtle} into {store_dir} as <{name}>", err=True)
    sys.exit(int(worst))


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
