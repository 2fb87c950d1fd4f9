"""``eprdf publish``: exported graphs to a triple store, by the SPARQL 1.1 Graph Store Protocol."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import ConverterError, ExitCode, UsageError
from .convert import stop_on_sigterm


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store Protocol endpoint (Oxigraph: http://host:7878/store; Virtuoso: "
                   "http://host:8890/sparql-graph-crud-auth).")
@click.option("--user", help="The user to authenticate as (HTTP Basic or Digest, as the server asks).")
@click.option("--password-env", metavar="VAR",
              help="The environment variable holding the user's password (never on the command line).")
def publish(files: tuple[Path, ...], endpoint: str, user: str | None, password_env: str | None) -> None:
    """Put exported graphs (Turtle, JSON-LD, N-Triples) into a triple store: one named graph per work
    (its IRI; every language given goes into it), the ontology and the registry in graphs of their own.
    Each graph is replaced whole, so publishing again leaves the same triples. Every file is read
    before the first request: a file that is not a converted graph stops the command before anything
    is sent."""
    from ..store.remote import GraphStore  # httpx, 20 ms: imported by this command only

    try:
        with stop_on_sigterm(), GraphStore(endpoint, user, _password(user, password_env)) as store:
            for graph in store.publish(files):
                click.echo(f"published {graph.title} as <{graph.name}> ({graph.triples:,} triples)", err=True)
    except KeyboardInterrupt:
        click.echo("interrupted: the graphs published above are on the server; the one being sent may or may not "
                   "have been replaced, and the others were not: run the command again", err=True)
        sys.exit(int(ExitCode.INTERRUPTED))
    except ConverterError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))


def _password(user: str | None, variable: str | None) -> str | None:
    if variable is None:
        if user is not None:
            raise UsageError("--user", "a user needs a password", expected="--password-env VAR")
        return None
    if user is None:
        raise UsageError("--password-env", "a password needs a user", expected="--user")
    if variable not in os.environ:
        raise UsageError("--password-env", f"the environment variable {variable} is not set")
    return os.environ[variable]
