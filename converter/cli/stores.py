"""The stores a command opens: one per folder for the whole command when it writes (Oxigraph
locks the folder), read-only when it reads."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import OutputError, UnreadableInput
from ..store import Store

_stores: dict[Path, Store] = {}


def open_store(path: Path) -> Store:
    if path not in _stores:
        try:
            _stores[path] = Store(path)
        except OSError as exc:
            raise OutputError(str(path), f"the store cannot be opened: {exc}") from None
    return _stores[path]


def read_store(store_dir: Path | None, files: Sequence[Path] = ()) -> Store:
    """The store a command reads: a store folder opened read-only; else ``files``, or the graphs in
    output/, in memory."""
    if store_dir is not None:
        try:
            return Store(store_dir, read_only=True)
        except OSError as exc:
            raise UnreadableInput(str(store_dir), f"the store cannot be opened: {exc}",
                                  expected="a store folder made by 'load' or 'convert --store'") from None
    store = Store()
    store.load_many(list(files) or sorted(p for p in Path("output").glob("*.ttl") if not p.name.endswith(".ep.ttl")))
    return store
