"""Which build of the converter is running: its version and a digest of its code and data. The
manifest of an output folder records it, so a re-run skips a document only when the very same
code, registry, shapes and profiles converted it; a change that keeps the version number (any
commit between releases) still converts again."""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from . import __version__

PACKAGE_DIR = Path(__file__).resolve().parent
SUFFIXES = frozenset({".py", ".toml", ".json", ".jsonld", ".ttl", ".rq", ".txt", ".xsd"})


@cache
def release() -> str:
    """``VERSION+DIGEST``: the digest covers every file the program reads, by path and content."""
    digest = hashlib.sha256()
    for name in covered():
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((PACKAGE_DIR / name).read_bytes()).digest())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def covered() -> list[str]:
    """The files the digest covers, relative to the package, sorted."""
    files = []
    for folder, dirs, names in os.walk(PACKAGE_DIR, followlinks=True):  # ontology/, shapes/ are links
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        files += [(Path(folder) / name).relative_to(PACKAGE_DIR).as_posix() for name in names
                  if Path(name).suffix in SUFFIXES]
    return sorted(files)
