"""``eprdf query``: SPARQL text, a file, or a named competency question, over a store or output/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConverterError, ExitCode, UsageError, printable
from ..store.bounded import run_bounded
from .options import query_limits
from .render import render
from .stores import read_store


@click.command()
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path), default=None,
              help="Read the query from a .rq file.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Query this store; without it, the graphs in output/ (in memory).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (an IRI if VALUE is one, else a string).")
@click.option("--format", "out_format", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True)
@query_limits(30.0, 100_000, 8192, "exit 7")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses reach other endpoints over the network.")
def query(query: str | None, query_file: Path | None, store_dir: Path | None, params: tuple[str, ...],
          out_format: str, timeout: float, max_rows: int, max_memory: int, allow_service: bool) -> None:
    """Run a SPARQL query: its text, a file (-f), or the NAME of one in queries/ (see README).

    The query runs in a process of its own, stopped when it takes longer than --timeout, returns
    more than --max-rows rows or needs more than --max-memory (exit 7). A store is opened
    read-only, so any number of queries can read it at once.
    """
    try:
        if (query is None) == (query_file is None):
            raise UsageError("query", "give a query, a query NAME, or -f FILE (one of them)")
        text = query if query_file is None else query_file.read_text(encoding="utf-8")
        bindings = dict(_param(p) for p in params)

        def answer() -> str:
            store = read_store(store_dir)
            return render(store.query(text, bindings, max_rows=max_rows, allow_service=allow_service), out_format)

        output = run_bounded(answer, timeout, max_memory, "query")
    except OSError as exc:
        click.echo(f"error: {printable(str(query_file))}: cannot be read: {exc.strerror}", err=True)
        sys.exit(int(ExitCode.UNREADABLE))
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))
    click.echo(output, nl=False)


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise UsageError("--param", f"{text!r} is not NAME=VALUE")
    return name, value
