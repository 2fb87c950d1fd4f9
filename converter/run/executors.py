"""Executors: where the per-document work runs. Each maps a function over items and yields the
results in input order; the function and its results must be picklable for a process pool."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
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
        with ProcessPoolExecutor(max_workers=self.jobs, max_tasks_per_child=TASKS_PER_WORKER) as pool:
            yield from pool.map(fn, work, chunksize=chunk)
