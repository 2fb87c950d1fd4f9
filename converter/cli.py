"""The command line: a thin layer over the library. Exit codes are in ``errors.ExitCode``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import ConverterError, ExitCode
from .iris import DEFAULT_BASE
from .pipeline import BUNDLED, convert_file


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
def convert(inputs: tuple[Path, ...], outdir: Path, base: str) -> None:
    """Convert INPUTS (text files); with none, the bundled resolution P10_TA(2026)0056."""
    sources = inputs or (BUNDLED,)
    failed: ConverterError | None = None
    for source in sources:
        try:
            result = convert_file(source, outdir, base)
        except ConverterError as error:
            click.echo(f"error: {error}", err=True)
            failed = failed or error
            continue
        for issue in result.document.warnings + result.links.warnings:
            click.echo(f"warning: {source}:{issue.line}: {issue.message} [{issue.code}]", err=True)
        for path in result.written:
            click.echo(f"wrote {path}", err=True)
    if failed is not None:
        sys.exit(int(failed.exit_code))
    sys.exit(int(ExitCode.OK))
