"""Converting many documents: independent, so spread over processes; messages come back in
input order, and each worker handles one document at a time, so memory stays flat."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import click

from .errors import ConverterError, ExitCode
from .pipeline import ValidationFailed, convert_file

# A worker is replaced after this many documents, so whatever a long run accumulates is freed.
TASKS_PER_WORKER = 200


@dataclass(frozen=True)
class Outcome:
    source: Path
    exit_code: ExitCode
    messages: tuple[str, ...]
    turtle: Path | None = None


def convert_one(source: Path, outdir: Path, base: str, check: bool) -> Outcome:
    """Convert one file and say what happened, as the command line prints it."""
    try:
        result = convert_file(source, outdir, base, check)
    except ValidationFailed as error:
        return Outcome(source, error.exit_code, (error.report.text(), f"error: {error}"))
    except ConverterError as error:
        return Outcome(source, error.exit_code, (f"error: {error}",))
    except Exception as exc:  # a defect: reported with what failed, not as a traceback
        return Outcome(source, ExitCode.INTERNAL, (f"error: {source}: internal error "
                                                    f"({type(exc).__name__}: {exc}); please report it",))
    lines = [f"warning: {source}:{w.line}: {w.message} [{w.code}]" if w.line else
             f"warning: {source}: {w.message} [{w.code}]" for w in result.document.warnings + result.links.warnings]
    if result.report is not None:
        lines.append(f"validated {source.name}: {len(result.graph)} triples conform to the shapes")
    if result.ep_report is not None:
        shapes = ", ".join(sorted({f.shape for f in result.ep_report.findings}))
        lines.append(f"European Parliament profile (ta:Work-TA): {result.ep_report.count('violation')} "
                     f"violation(s) {shapes} (see README: what the text cannot give)")
    lines += [f"wrote {path}" for path in result.written]
    return Outcome(source, ExitCode.OK, tuple(lines), result.turtle)


def convert_many(sources: list[Path], outdir: Path, base: str, check: bool, jobs: int,
                 progress: bool = False) -> Iterator[Outcome]:
    """Outcomes in input order; with ``progress``, a progress bar on standard error."""
    if jobs == 1 or len(sources) == 1:
        results: Iterator[Outcome] = (convert_one(s, outdir, base, check) for s in sources)
        yield from _with_progress(results, len(sources), progress)
        return
    with ProcessPoolExecutor(max_workers=jobs, max_tasks_per_child=TASKS_PER_WORKER) as pool:
        n = len(sources)
        results = pool.map(convert_one, sources, [outdir] * n, [base] * n, [check] * n,
                           chunksize=max(1, min(8, n // (jobs * 8))))
        yield from _with_progress(results, n, progress)


def _with_progress(results: Iterator[Outcome], total: int, progress: bool) -> Iterator[Outcome]:
    if not progress or total < 2:
        yield from results
        return
    with click.progressbar(length=total, label="converting", file=click.get_text_stream("stderr")) as bar:
        for outcome in results:
            bar.update(1)
            yield outcome
