"""run: converting many documents. Each document is independent, so an executor spreads the
per-document work (``convert_one``) over workers; outcomes come back in input order as plain,
picklable values, and the command line says what they mean. The manifest of the output folder
lets a re-run skip what is already converted. Imports the pipeline only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..checks import DEFAULT_ENGINE
from ..errors import ConverterError, ExitCode, printable
from ..findings import Finding
from ..pipeline import ValidationFailed, convert_file, output_stem
from ..readers import MAX_INPUT_BYTES, Given
from ..release import release
from .executors import Dask, Executor, ProcessPool, Sequential
from .manifest import Manifest, conversion_options, source_sha256

__all__ = ["Dask", "Executor", "Manifest", "Outcome", "ProcessPool", "Sequential", "convert_many", "convert_one",
           "executor_for"]


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
    skipped: bool = False  # converted before from the same bytes, release and options (the manifest says)
    release: str | None = None  # the converter release that wrote the files, in the process that did


def convert_one(source: Path, outdir: Path, base: str, run_checks: bool, given: Given | None = None,
                max_bytes: int = MAX_INPUT_BYTES, engine: str = DEFAULT_ENGINE) -> Outcome:
    """Convert one file; every failure becomes an outcome, never an exception."""
    try:
        result = convert_file(source, outdir, base, run_checks, given, max_bytes, engine)
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
                   written=result.written, turtle=result.turtle, release=release())


def lost_outcome(source: Path, error: BaseException) -> Outcome:
    """A document whose every worker died while converting it (out of memory, killed, a crash)."""
    return Outcome(source, ExitCode.CLUSTER, f"{printable(str(source))}: not converted: the Dask workers running it "
                                             f"died ({error}); it may need more memory than a worker has")


def executor_for(jobs: int, documents: int, dask: bool = False, scheduler: str | None = None) -> Executor:
    """On Dask when asked (the scheduler at ``scheduler``, or ``jobs`` local workers); otherwise one
    process for one document or one job, and a pool of ``jobs`` processes for more."""
    if dask:
        return Dask(scheduler, jobs, lost=lost_outcome)
    return Sequential() if jobs == 1 or documents == 1 else ProcessPool(jobs)


def convert_many(sources: list[Path], outdir: Path, base: str, run_checks: bool, executor: Executor,
                 given: Given | None = None, max_bytes: int = MAX_INPUT_BYTES, manifest: Manifest | None = None,
                 force: bool = False, engine: str = DEFAULT_ENGINE) -> Iterator[Outcome]:
    """Outcomes in input order. With a ``manifest``, a source it records as converted (same bytes,
    release and options, files still there) is skipped unless ``force``, and every conversion is
    recorded in it; it is saved however the iteration ends (close the iterator when leaving early)."""
    convert = partial(convert_one, outdir=outdir, base=base, run_checks=run_checks, given=given, max_bytes=max_bytes,
                      engine=engine)
    if manifest is None:
        yield from executor.map(convert, sources)
        return
    options = conversion_options(base, run_checks, given)
    # the parent hashes each source before any is converted; a source changed meanwhile is
    # recorded under its old hash, so the next run sees the new bytes and converts it again
    hashes = [source_sha256(source, max_bytes) for source in sources]
    skip = [not force and sha256 is not None and manifest.converted(sha256, source.name, release(), options)
            for source, sha256 in zip(sources, hashes, strict=True)]
    todo = [source for source, skipped in zip(sources, skip, strict=True) if not skipped]
    try:
        results = executor.map(convert, todo) if todo else iter(())
        try:
            for source, sha256, skipped in zip(sources, hashes, skip, strict=True):
                if skipped:
                    yield Outcome(source, ExitCode.OK, turtle=outdir / f"{output_stem(source)}.ttl", skipped=True,
                                  release=release())
                    continue
                outcome = next(results)
                if outcome.exit_code == ExitCode.OK and sha256 is not None and outcome.release is not None:
                    manifest.record(sha256, source.name, outcome.release, options, [p.name for p in outcome.written])
                    manifest.save_if_due()
                yield outcome
        finally:
            close = getattr(results, "close", None)
            if close is not None:  # stops the executor's workers now, not when the generator is collected
                close()
    finally:
        manifest.save()
