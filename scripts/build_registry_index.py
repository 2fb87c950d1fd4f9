"""Rebuild the registry index (converter/data/registry/) from the Turtle files of ontology/, after
any change to the registry, the act types or the verbs. A test fails while it is out of date.

Run: .venv/bin/python scripts/build_registry_index.py
"""

from __future__ import annotations

from pathlib import Path

from converter.link.registry_index import build

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "converter" / "data" / "registry"


def main() -> None:
    files = build()
    for stale in TARGET.glob("*.json"):
        if stale.name not in files:
            stale.unlink()
    for name, text in sorted(files.items()):
        (TARGET / name).write_text(text, encoding="utf-8")
    print(f"{len(files)} files in {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
