"""run: converting many documents. Each document is independent, so an executor spreads the
per-document work (``convert_one``) over workers; outcomes come back in input order as plain,
picklable values, and the command line says what they mean. Imports the pipeline only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..errors import ConverterError, ExitCode
from ..findings import Finding
from ..pipeline import ValidationFailed, convert_file
from ..readers import MAX_INPUT_BYTES, Given
from .executors import Executor, ProcessPool, Sequential

__all__ = ["Executor", "Outcome", "ProcessPool", "Sequential", "convert_many", "convert_one", "executor_for"]


@dataclass(frozen=True)
class Outcome:
    """What converting one file did."""

    source: Path
    exit_code: ExitCode
    error: str | None = None  # the error, as a sentence naming file, place and problem
    warnings: tuple[Finding, ...] = ()  # the reader's and the linker's
    violations: tuple[Finding, ...] = ()  # SHACL results, when the graph did not conform
    triples: int | None = None  # the size of the graph that conformed; None when not validated
    ep_findings: tuple[Finding, ...] | None = None  # the EP profile's results on the EP view
    written: tuple[Path, ...] = ()
    turtle: Path | None = None


def convert_one(source: Path, outdir: Path, base: str, run_checks: bool, given: Given | None = None,
                max_bytes: int = MAX_INPUT_BYTES) -> Outcome:
    """Convert one file; every failure becomes an outcome, never an exception."""
    try:
        result = convert_file(source, outdir, base, run_checks, given, max_bytes)
    except ValidationFailed as error:
        return Outcome(source, error.exit_code, str(error), violations=error.report.findings)
    except ConverterError as error:
        return Outcome(source, error.exit_code, str(error))
    except Exception as exc:  # a defect: reported with what failed, not as a traceback
        return Outcome(source, ExitCode.INTERNAL,
                       f"{source}: internal error ({type(exc).__name__}: {exc}); please report it")
    return Outcome(source, ExitCode.OK, warnings=result.document.warnings + result.links.warnings,
                   triples=len(result.graph) if result.report is not None else None,
                   ep_findings=result.ep_report.findings if result.ep_report is not None else None,
                   written=result.written, turtle=result.turtle)


def executor_for(jobs: int, documents: int) -> Executor:
    """One process for one document or one job; otherwise a pool of ``jobs`` processes."""
    return Sequential() if jobs == 1 or documents == 1 else ProcessPool(jobs)


def convert_many(sources: list[Path], outdir: Path, base: str, run_checks: bool, executor: Executor,
                 given: Given | None = None, max_bytes: int = MAX_INPUT_BYTES) -> Iterator[Outcome]:
    """Outcomes in input order."""
    yield from executor.map(partial(convert_one, outdir=outdir, base=base, run_checks=run_checks, given=given,
                                    max_bytes=max_bytes), sources)
