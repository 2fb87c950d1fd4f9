"""Executors: where the per-document work runs. Each maps a function over items and yields the
results in input order; the function and its results must be picklable for a process pool or a
cluster. Leaving an executor's iteration early (an error, Ctrl-C, SIGTERM) stops its workers at once."""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar, cast

from ..errors import ClusterUnavailable, UsageError

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


class Dask:
    """On a Dask cluster: the scheduler at ``scheduler`` (its workers must see the items' paths), or,
    without one, a cluster of ``jobs`` worker processes on this machine, started for the run.

    Each worker process runs one item at a time: the conversion is CPU-bound Python, so threads
    would only take turns. An item whose every worker died running it (distributed retries it on
    others first) becomes ``lost(item, error)`` when given, so one document cannot stop a corpus.
    ``distributed`` is imported only here: it takes a second to import.
    """

    def __init__(self, scheduler: str | None, jobs: int,
                 lost: Callable[[Any, BaseException], Any] | None = None) -> None:
        self.scheduler = scheduler
        self.jobs = jobs
        self.lost = lost

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        results = self._results(fn, list(items))
        next(results)  # connect now: a cluster that cannot be used is reported before any result
        return cast(Iterator[R], results)

    def _results(self, fn: Callable[[T], R], work: list[T]) -> Iterator[R | None]:
        client, cluster = self._connect()  # first: it says what to install when distributed is missing
        from distributed import CancelledError, KilledWorker

        pending: deque[Any] = deque()
        try:
            # pure=False: the same item given twice is converted twice, as with the other executors
            pending.extend(client.map(fn, work, pure=False))
            yield None
            for item in work:
                future = pending.popleft()  # dropped as soon as read, so the cluster forgets the result
                try:
                    result = future.result()
                except KilledWorker as error:
                    if self.lost is None:
                        raise
                    result = self.lost(item, error)
                except CancelledError:
                    raise ClusterUnavailable(self._where(), "the cluster was lost during the run; the documents "
                                             "reported were converted, run again for the others") from None
                yield result
        finally:
            if pending:
                client.cancel(list(pending))
            client.close()
            if cluster is not None:
                cluster.close()

    def _where(self) -> str:
        return self.scheduler or "the local Dask cluster"

    def _connect(self) -> tuple[Any, Any]:
        try:
            import distributed
        except ImportError:
            raise ClusterUnavailable("--executor dask", "needs the packages dask and distributed, which are not "
                                     "installed: pip install 'eprdf[cluster]'") from None
        if self.scheduler is not None:
            try:
                # checked first: a client given a malformed address fails in its destructor too, with a traceback
                distributed.comm.get_address_host_port(self.scheduler)
            except ValueError as error:
                raise UsageError(f"--scheduler {self.scheduler}",
                                 f"not a scheduler address ({error}); give one such as tcp://10.0.0.5:8786") from None
            try:
                # waits as long as dask's distributed.comm.timeouts.connect (30 s unless configured)
                return distributed.Client(self.scheduler, set_as_default=False), None
            except Exception as error:  # OSError when nobody answers; whatever else the client raises, said plainly
                raise ClusterUnavailable(self.scheduler, f"no Dask scheduler can be reached there ({error}); start one "
                                         "(dask scheduler) and give the address it prints, or leave out --scheduler "
                                         "to use the cores of this machine") from None
        try:
            # the scheduler runs in this process; its own reports of lost workers would only repeat
            # what the outcomes say
            cluster = distributed.LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                               dashboard_address=None, silence_logs=logging.CRITICAL)
        except (OSError, RuntimeError) as error:
            raise ClusterUnavailable(self._where(), f"cannot be started ({error})") from None
        try:
            return distributed.Client(cluster, set_as_default=False), cluster
        except BaseException:
            cluster.close()
            raise
