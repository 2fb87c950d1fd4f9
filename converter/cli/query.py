"""``eprdf query``: SPARQL text, a file, or a named competency question, over a store or output/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConverterError, ExitCode, UsageError
from ..store import Store
from .render import render
from .stores import open_store


@click.command()
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
            store = open_store(store_dir)
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
