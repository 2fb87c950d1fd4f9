"""``eprdf convert``: text or Akoma Ntoso files to the graph, its serialisations and the AKN XML."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from .. import languages
from ..errors import ConverterError, ExitCode
from ..ids import RegisterNumber
from ..pipeline import BUNDLED
from ..readers import Given
from ..run import Outcome, convert_many, executor_for
from ..vocab import DEFAULT_BASE
from .messages import outcome_lines
from .stores import open_store


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True, help="Folder for the converted files.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI under which the documents' Akoma Ntoso IRIs are minted.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (for debugging only).")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also load the converted graphs into this SPARQL store.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Documents converted at once (default: the number of cores).")
@click.option("--register", default=None, metavar="P9_TA(2021)0340",
              help="The public register number, where the text prints none (one input only).")
@click.option("--date", "adopted", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="The adoption date, where the text prints none.")
@click.option("--language", type=click.Choice(languages.codes()), default=None,
              help="The text's language (ISO 639-2/T), instead of detecting it.")
def convert(inputs: tuple[Path, ...], outdir: Path, base: str, no_validate: bool, store_dir: Path | None,
            jobs: int | None, register: str | None, adopted: dt.datetime | None, language: str | None) -> None:
    """Convert INPUTS (text or Akoma Ntoso XML files); with none, the bundled resolution P10_TA(2026)0056.

    The text's own register number and date win; an option that contradicts them is a usage error.
    """
    if no_validate:
        click.secho("WARNING: --no-validate: the graphs are written WITHOUT SHACL validation", fg="red",
                    bold=True, err=True)
    sources = list(inputs or (BUNDLED,))
    if register is not None and (len(sources) > 1 or RegisterNumber.parse(register) is None):
        click.echo(f"error: --register {register!r}: give one register number such as P9_TA(2021)0340, "
                   "for one input", err=True)
        sys.exit(int(ExitCode.USAGE))
    given = Given(register=register, adopted=adopted.date() if adopted else None, language=language)
    executor = executor_for(jobs or os.cpu_count() or 1, len(sources))
    outcomes = convert_many(sources, outdir, base, not no_validate, executor, given)
    worst = ExitCode.OK
    for outcome in _with_progress(outcomes, len(sources), sys.stderr.isatty()):
        for line in outcome_lines(outcome):
            click.echo(line, err=True)
        if outcome.exit_code != ExitCode.OK:
            worst = worst or outcome.exit_code
        elif store_dir is not None and outcome.turtle is not None:
            try:
                name = open_store(store_dir).load(outcome.turtle)
            except ConverterError as error:
                click.echo(f"error: {error}", err=True)
                worst = worst or error.exit_code
                continue
            click.echo(f"loaded {outcome.turtle} into {store_dir} as <{name}>", err=True)
    sys.exit(int(worst))


def _with_progress(outcomes: Iterator[Outcome], total: int, progress: bool) -> Iterator[Outcome]:
    if not progress or total < 2:
        yield from outcomes
        return
    with click.progressbar(length=total, label="converting", file=click.get_text_stream("stderr")) as bar:
        for outcome in outcomes:
            bar.update(1)
            yield outcome
