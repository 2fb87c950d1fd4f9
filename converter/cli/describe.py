"""``eprdf describe``: the VoID and DCAT-AP description of converted graphs or of a store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ConverterError, ExitCode, UsageError, printable
from ..findings import Severity
from ..rdf.export import WRITERS, serialize, write_atomic
from ..vocab import DEFAULT_BASE
from ..web.dataset import describe_dataset, validate_dataset
from .messages import report_text
from .options import shacl_engine
from .stores import read_store


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Describe this store; without it, FILES (or the graphs in output/), in memory.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="The base of the publication's IRIs.")
@click.option("--sparql", "endpoint", default=None, metavar="URL",
              help="The SPARQL endpoint the publication offers (absolute, or relative to the base).")
@click.option("--dump", "dumps", multiple=True, metavar="EXT=URL",
              help="A download the publication offers, by the extension of its syntax: nq=dump/eprdf.nq.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The description's file: .ttl, .nt or .jsonld.")
@shacl_engine
def describe(files: tuple[Path, ...], store_dir: Path | None, base: str, endpoint: str | None,
             dumps: tuple[str, ...], output: Path, shacl_engine: str) -> None:
    """Describe converted graphs in VoID and DCAT-AP 3, checked against DCAT-AP 3.0.1's shapes.

    Exit codes: 0 written, 1 the description violates DCAT-AP (nothing written), 2 usage error,
    3 input unreadable, 5 the file cannot be written.
    """
    try:
        extension = output.suffix.lstrip(".")
        if extension not in WRITERS:
            raise UsageError("-o", f"{printable(output.name)}: no RDF syntax to write it in",
                             expected=", ".join(f".{e}" for e in WRITERS))
        if store_dir is not None and files:
            raise UsageError("--store", "give converted graphs or a store, not both")
        downloads = dict(_dump(d) for d in dumps)
        graph = describe_dataset(read_store(store_dir, files), base, endpoint, downloads)
        report = validate_dataset(graph, shacl_engine)
        if not report.conforms:
            click.echo(report_text(report.findings), err=True)
            click.echo(f"error: the description violates DCAT-AP; {printable(str(output))} is not written", err=True)
            sys.exit(int(ExitCode.INVALID))
        write_atomic({output: serialize(graph, extension)})
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))
    click.echo(f"described the dataset in {len(graph)} triples in {printable(str(output))}; DCAT-AP: "
               f"{report.count(Severity.WARNING)} recommended propert(ies) not given", err=True)


def _dump(text: str) -> tuple[str, str]:
    extension, sep, url = text.partition("=")
    if not sep or not url:
        raise UsageError("--dump", f"{text!r} is not EXT=URL")
    return extension, url
