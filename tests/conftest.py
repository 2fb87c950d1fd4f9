from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from converter.model import Document
from converter.pipeline import BUNDLED
from converter.readers import read_file

ROOT = Path(__file__).resolve().parent.parent

# HYPOTHESIS_PROFILE=long runs the fuzzing tests for hours instead of seconds.
settings.register_profile("long", max_examples=1_000_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return BUNDLED


@pytest.fixture(scope="session")
def seed(seed_path: Path) -> Document:
    return read_file(seed_path)


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m converter`` as a user would, capturing both streams; ``env`` adds variables."""
    return subprocess.run([sys.executable, "-m", "converter", *args], cwd=cwd or ROOT, capture_output=True,
                          text=True, input=None if stdin is None else stdin.decode(), timeout=300,
                          env=None if env is None else {**os.environ, **env})
