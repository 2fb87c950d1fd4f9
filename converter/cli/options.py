"""Options that several commands share, defined once."""

from __future__ import annotations

import click

from ..checks import DEFAULT_ENGINE, ENGINES

shacl_engine = click.option(
    "--shacl-engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
    help="SHACL engine: shifty (fast) or pySHACL (the reference); both give the same verdicts, focus nodes "
         "and shapes on the project's and the EP's shapes.")
