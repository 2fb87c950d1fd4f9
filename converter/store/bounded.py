"""Running a piece of work in a child process that is killed when it overruns its time, or dies
when it overruns its memory. A query engine cannot be stopped from inside once a cross product
or a long sort has begun; a process can."""

from __future__ import annotations

import multiprocessing
import os
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

from ..errors import ConverterError, LimitReached

MB = 1024 * 1024
T = TypeVar("T")


def run_bounded(job: Callable[[], T], seconds: float, memory_mb: int, what: str) -> T:
    """``job()``'s result, computed in a forked child; a ConverterError it raises is raised here."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(job, sender, memory_mb), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise LimitReached(what, f"stopped after {seconds:g} s", expected="a narrower query, or a higher --timeout")
        try:
            outcome, payload = receiver.recv()
        except EOFError:
            raise LimitReached(what, f"stopped: it needed more than {memory_mb:,} MB of memory",
                               expected="a narrower query, or a higher --max-memory") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
    if outcome == "error":
        raise payload
    return payload


def _child(job: Callable[[], object], sender: Connection, memory_mb: int) -> None:
    # the engine's own report of a failed allocation would only garble the parent's message
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * MB, memory_mb * MB))
    try:
        result: tuple[str, object] = ("ok", job())
    except ConverterError as error:
        result = ("error", error)
    except MemoryError:
        return
    sender.send(result)
    sender.close()
