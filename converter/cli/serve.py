"""``eprdf serve``: the converted documents as linked open data over HTTP (see README, Publishing)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConverterError, ExitCode, UsageError
from ..vocab import DEFAULT_BASE
from .options import query_limits


@click.command()
@click.argument("outputs", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Answer from this store (made by 'load'; opened read-only) instead of loading OUTPUTS in memory.")
@click.option("--bind", "address", default="127.0.0.1:8080", show_default=True, metavar="HOST:PORT",
              help="Where to listen.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="The base the IRIs were minted under; the server answers for each at the path after it.")
@query_limits(10.0, 10_000, 2048, "HTTP 503")
def serve(outputs: tuple[Path, ...], store_dir: Path | None, address: str, base: str, timeout: float, max_rows: int,
          max_memory: int) -> None:
    """Serve the documents of OUTPUT folders (default: output/, unless --store is given): every IRI
    under the base, as HTML and RDF by content negotiation, and a read-only SPARQL endpoint at
    /sparql. With --store alone, the expressions have no document page nor Akoma Ntoso file."""
    import uvicorn  # the web stack is loaded only by the commands that publish

    from ..web.app import create_app
    from ..web.corpus import Corpus
    from ..web.sparql import Limits

    try:
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise UsageError("--bind", f"{address!r} is not HOST:PORT")
        folders = list(outputs) or ([] if store_dir is not None else [Path("output")])
        corpus = Corpus.open(folders, store_dir, base)
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))
    app = create_app(corpus, Limits(timeout, max_rows, max_memory))
    click.echo(f"serving {len(corpus.files)} document(s) at http://{address}/ (Ctrl-C stops)", err=True)
    try:
        uvicorn.run(app, host=host.strip("[]"), port=int(port), log_level="warning",
                    h11_max_incomplete_event_size=16 * 1024)
    except OSError as exc:
        click.echo(f"error: --bind {address}: cannot listen: {exc.strerror}", err=True)
        sys.exit(int(ExitCode.USAGE))
