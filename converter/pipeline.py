"""The whole pipeline for one file: parse → link → build → validate → export."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .export import write_atomic
from .model import Document
from .parse import parse_file

BUNDLED = Path(str(resources.files("converter") / "data" / "000_50d7cb4445c31f01.txt"))


@dataclass(frozen=True)
class Result:
    document: Document
    written: tuple[Path, ...]


def convert_file(source: Path, outdir: Path) -> Result:
    document = parse_file(source)
    target = outdir / f"{source.stem}.json"
    data = json.dumps(document.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_atomic(target, data.encode("utf-8"))
    return Result(document, (target,))
