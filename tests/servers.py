"""Servers the tests start: a free port on the loopback, and a server process that is waited for
until it answers and stopped on leaving (the web server, the triple stores, nginx)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

STARTUP = 60.0  # seconds a server may take to answer; Oxigraph takes about 0.1 s here, Virtuoso 2 s


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(command: list[str], url: str, log: Path, cwd: Path | None = None) -> Iterator[None]:
    """``command`` running, its output in ``log``, once ``url`` answers; stopped on leaving."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd or log.parent, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait(process, url, log)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Poll ``url`` until it answers, failing with the server's log if it stops or never answers."""
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped with exit code {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    pytest.fail(f"the server did not answer at {url} within {STARTUP} s:\n{log.read_text()[-3000:]}")
