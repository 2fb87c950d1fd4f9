"""Take the README's picture of the document page: ``eprdf serve output/`` started on a free port,
the bundled resolution's work IRI opened in Debian's Chromium (as tests/test_browser.py does), the
top of the page saved at 1280 × 800.

Run: .venv/bin/python scripts/screenshot.py [PNG]    (default: docs/screenshot-document.png)
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the server and browser helpers the browser test uses

from browsing import chromium, eprdf_server  # noqa: E402

WORK = "/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot-document.png"
    with eprdf_server([ROOT / "output"]) as url, sync_playwright() as playwright, chromium(playwright) as browser:
        page = browser.new_page()
        page.goto(url + WORK)
        page.screenshot(path=target)
    print(f"{target} ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
