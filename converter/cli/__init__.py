"""cli: the command line, a thin layer over the library with one module per command. All
messages to users are worded here (``messages``); exit codes come from ``errors.ExitCode``."""

from __future__ import annotations

import click

from .. import __version__
from .convert import convert
from .describe import describe
from .load import load
from .publish import publish
from .query import query
from .serve import serve
from .site import site
from .validate import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eprdf")
def main() -> None:
    """Convert European Parliament texts adopted into linked open data."""


for command in (convert, describe, load, publish, query, serve, site, validate_command):
    main.add_command(command)
