"""Executors: where the per-document work runs. Each maps a function over items and yields the
results in input order; the function and its results must be picklable for a process pool.
Leaving an executor's iteration early (an error, Ctrl-C, SIGTERM) stops its workers at once."""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# A worker is replaced after this many documents, so whatever a long run accumulates is freed.
TASKS_PER_WORKER = 200
# Items sent to a worker at once: enough to keep workers busy, few enough to keep order and memory.
MAX_CHUNK = 8


class Executor(Protocol):
    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]: ...


class Sequential:
    """In this process, one item after the other."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        return (fn(item) for item in items)


class ProcessPool:
    """Across ``jobs`` local processes; each worker handles one item at a time, so memory stays flat."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        work = list(items)
        chunk = max(1, min(MAX_CHUNK, len(work) // (self.jobs * MAX_CHUNK)))
        # the pool's context manager terminates the workers however the iteration ends
        with multiprocessing.get_context("fork").Pool(self.jobs, initializer=_quiet_worker,
                                                      maxtasksperchild=TASKS_PER_WORKER) as pool:
            yield from pool.imap(fn, work, chunksize=chunk)


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the parent, which stops them, and die quietly when it does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
