"""``eprdf convert``: text or Akoma Ntoso files to the graph, its serialisations and the AKN XML."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NoReturn

import click

from .. import languages
from ..errors import ConverterError, ExitCode, printable
from ..ids import RegisterNumber, check_base
from ..pipeline import BUNDLED, output_stem
from ..readers import MAX_INPUT_BYTES, Given
from ..run import Manifest, Outcome, convert_many, executor_for
from ..vocab import DEFAULT_BASE
from .messages import manifest_warning, outcome_lines
from .options import shacl_engine
from .stores import open_store

MB = 1024 * 1024


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True, help="Folder for the converted files.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI under which the documents' Akoma Ntoso IRIs are minted.")
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (for debugging only).")
@shacl_engine
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Also load the converted graphs into this SPARQL store.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Documents converted at once (default: the number of cores).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where documents are converted: processes of this machine, or a Dask cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="With --executor dask: the cluster's scheduler, e.g. tcp://10.0.0.5:8786 (default: a local "
                   "cluster of --jobs worker processes).")
@click.option("--force", is_flag=True,
              help="Convert every input, even those the output folder's manifest records as converted.")
@click.option("--register", default=None, metavar="P9_TA(2021)0340",
              help="The public register number, where the text prints none (one input only).")
@click.option("--date", "adopted", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="The adoption date, where the text prints none.")
@click.option("--language", type=click.Choice(languages.codes()), default=None,
              help="The text's language (ISO 639-2/T), instead of detecting it.")
@click.option("--max-size", type=click.IntRange(1), default=MAX_INPUT_BYTES // MB, show_default=True,
              metavar="MB", help="Refuse inputs larger than this (exit 3).")
def convert(inputs: tuple[Path, ...], outdir: Path, base: str, no_validate: bool, shacl_engine: str,
            store_dir: Path | None,
            jobs: int | None, executor: str, scheduler: str | None, force: bool, register: str | None,
            adopted: dt.datetime | None, language: str | None, max_size: int) -> None:
    """Convert INPUTS (text or Akoma Ntoso XML files); with none, the bundled resolution P10_TA(2026)0056.

    The text's own register number and date win; an option that contradicts them is a usage error.
    An input the output folder's manifest.json records as converted from the same bytes, by this
    release, with the same options, is skipped (--force converts it again).
    """
    if no_validate:
        click.secho("WARNING: --no-validate: the graphs are written WITHOUT SHACL validation", fg="red",
                    bold=True, err=True)
    sources = list(inputs or (BUNDLED,))
    if scheduler is not None and executor != "dask":
        _usage(f"--scheduler {printable(scheduler)}: give it with --executor dask")
    if scheduler is not None and jobs is not None:
        _usage("--jobs sets the workers of a local cluster; with --scheduler, the cluster's workers decide")
    try:
        base = check_base(base)
    except ValueError as exc:
        _usage(f"--base {exc}")
    if register is not None and (len(sources) > 1 or RegisterNumber.parse(register) is None):
        _usage(f"--register {printable(register)!r}: give one register number such as P9_TA(2021)0340, for one input")
    clashes = _same_output(sources)
    if clashes:
        _usage(f"these inputs would write the same output files in {printable(str(outdir))}: {clashes}; "
               "convert them into different folders (-o)")
    given = Given(register=register, adopted=adopted.date() if adopted else None, language=language)
    if executor == "dask":
        # a worker on another machine has another working directory: it needs the paths whole
        sources, outdir = [source.absolute() for source in sources], outdir.absolute()
    manifest = Manifest(outdir)
    if manifest.problem is not None:
        click.echo(manifest_warning(manifest.path, manifest.problem), err=True)
    run = executor_for(jobs or os.cpu_count() or 1, len(sources), dask=executor == "dask", scheduler=scheduler)
    outcomes = convert_many(sources, outdir, base, not no_validate, run, given, max_size * MB, manifest, force,
                            shacl_engine)
    try:
        with stop_on_sigterm(), closing(outcomes):  # closing: the manifest is saved and workers stopped
            worst = _report(outcomes, len(sources), store_dir)
    except KeyboardInterrupt:
        click.echo("interrupted: the files written are whole (see the 'wrote' lines above); the other inputs "
                   "were not converted", err=True)
        sys.exit(int(ExitCode.INTERRUPTED))
    except ConverterError as error:  # the cluster, or the manifest that cannot be written
        click.echo(f"error: {error}", err=True)
        sys.exit(int(error.exit_code))
    sys.exit(int(worst))


def _usage(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(int(ExitCode.USAGE))


def _same_output(sources: list[Path]) -> str:
    """Inputs whose outputs would overwrite each other (same name in different folders)."""
    by_stem: dict[str, list[Path]] = {}
    for source in sources:
        by_stem.setdefault(output_stem(source), []).append(source)
    return "; ".join(" and ".join(printable(str(p)) for p in paths) for paths in by_stem.values() if len(paths) > 1)


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM stops the run as Ctrl-C does: workers are terminated, no file is left half-written."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report(outcomes: Iterator[Outcome], total: int, store_dir: Path | None) -> ExitCode:
    worst = ExitCode.OK
    for outcome in _with_progress(outcomes, total, sys.stderr.isatty()):
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
            click.echo(f"loaded {printable(str(outcome.turtle))} into {printable(str(store_dir))} as <{name}>",
                       err=True)
    return worst


def _with_progress(outcomes: Iterator[Outcome], total: int, progress: bool) -> Iterator[Outcome]:
    if not progress or total < 2:
        yield from outcomes
        return
    with click.progressbar(length=total, label="converting", file=click.get_text_stream("stderr")) as bar:
        for outcome in outcomes:
            bar.update(1)
            yield outcome
