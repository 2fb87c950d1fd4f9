"""Options that several commands share, defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..checks import DEFAULT_ENGINE, ENGINES

shacl_engine = click.option(
    "--shacl-engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
    help="SHACL engine: shifty (fast) or pySHACL (the reference); both give the same verdicts, focus nodes "
         "and shapes on the project's and the EP's shapes.")


def query_limits(seconds: float, rows: int, memory_mb: int, overrun: str) -> Callable[[Any], Any]:
    """--timeout, --max-rows and --max-memory for a command that runs queries; ``overrun`` says
    what the user gets when one is reached (an exit code, an HTTP status)."""
    def options(command: Any) -> Any:
        for option in reversed((
            click.option("--timeout", type=click.FloatRange(min=0.1), default=seconds, show_default=True,
                         metavar="SECONDS", help=f"Stop a query after this long ({overrun})."),
            click.option("--max-rows", type=click.IntRange(1), default=rows, show_default=True,
                         help=f"Stop a query whose answer has more rows ({overrun})."),
            click.option("--max-memory", type=click.IntRange(64), default=memory_mb, show_default=True, metavar="MB",
                         help=f"Stop a query that needs more memory ({overrun})."),
        )):
            command = option(command)
        return command
    return options
