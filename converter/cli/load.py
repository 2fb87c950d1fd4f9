"""``eprdf load``: exported graphs into a SPARQL store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConverterError
from .stores import open_store


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("store"),
              show_default=True, help="The SPARQL store folder (created if missing).")
def load(files: tuple[Path, ...], store_dir: Path) -> None:
    """Load exported graphs (Turtle, JSON-LD, N-Triples) into a store, all or none; loading a document
    again replaces it."""
    try:
        for path, graph in zip(files, open_store(store_dir).load_many(files), strict=True):
            click.echo(f"loaded {path} as <{graph}>", err=True)
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))
