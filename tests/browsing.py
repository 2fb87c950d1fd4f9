"""A real ``eprdf serve`` in a subprocess and Debian's Chromium driven by Playwright, for
tests/test_browser.py and scripts/screenshot.py. Playwright cannot fetch a browser of its own
where the network is closed, so it drives the system's; the flags keep Chromium from reaching out
(updates, sync, QUIC probes), which on a closed network would leave it waiting on connections."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:  # the Apache test takes a free port from here without loading Playwright
    from playwright.sync_api import BrowserContext, Playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def eprdf_server(outputs: list[Path]) -> Iterator[str]:
    """``python -m converter serve OUTPUTS --bind 127.0.0.1:PORT`` on a free port, as a user starts
    it; yields its root URL once it answers, and stops it on leaving."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "converter", "serve", *map(str, outputs),
                                "--bind", f"127.0.0.1:{port}"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                if httpx.get(url + "/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"eprdf serve did not answer at {url}: {process.communicate()[1]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def chromium(playwright: Playwright, width: int = 1280, height: int = 800) -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh profile, its window ``width`` × ``height``."""
    assert Path(CHROMIUM).exists(), "Chromium is missing: run scripts/setup.sh (Debian's chromium)"
    profile = tempfile.mkdtemp(prefix="eprdf-chromium-")
    try:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": width, "height": height})
        try:
            yield context
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
