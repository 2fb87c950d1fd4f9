"""One open store per folder for the whole command (Oxigraph locks the folder)."""

from __future__ import annotations

from pathlib import Path

from ..errors import OutputError
from ..store import Store

_stores: dict[Path, Store] = {}


def open_store(path: Path) -> Store:
    if path not in _stores:
        try:
            _stores[path] = Store(path)
        except OSError as exc:
            raise OutputError(str(path), f"the store cannot be opened: {exc}") from None
    return _stores[path]
