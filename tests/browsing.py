"""A real ``eprdf serve`` in a subprocess and Debian's Chromium driven by Playwright, for
tests/test_browser.py and scripts/screenshot.py. Playwright cannot fetch a browser of its own
where the network is closed, so it drives the system's; the flags keep Chromium from reaching out
(updates, sync, QUIC probes), which on a closed network would leave it waiting on connections."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from servers import free_port, running

if TYPE_CHECKING:  # the Apache test takes a free port from here without loading Playwright
    from playwright.sync_api import BrowserContext, Playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextmanager
def eprdf_server(outputs: list[Path]) -> Iterator[str]:
    """``python -m converter serve OUTPUTS --bind 127.0.0.1:PORT`` on a free port, as a user starts
    it; yields its root URL once it answers, and stops it on leaving."""
    url = f"http://127.0.0.1:{free_port()}"
    folder = Path(tempfile.mkdtemp(prefix="eprdf-serve-"))
    command = [sys.executable, "-m", "converter", "serve", *map(str, outputs), "--bind", url.removeprefix("http://")]
    try:
        with running(command, url + "/", folder / "server.log", cwd=ROOT):
            yield url
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
