"""Mutations of real texts adopted, for fuzzing: what a careless copy, a broken extractor or a hostile
sender does to a file. Each takes the text's lines and a random source and returns new lines."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from realtexts import real_texts

from converter.errors import ConverterError
from converter.readers import parse

SEED = Path(__file__).resolve().parent.parent / "converter" / "data" / "000_50d7cb4445c31f01.txt"
# Characters that break naive software: separators, joiners, combining marks, bidi controls, a
# character outside the BMP, a replacement character, and the controls a PDF extractor emits.
ODD = ["\u2028", "\u2029", "\u0085", "\u200b", "\u200d", "\ufeff", "\u0301", "\u202e", "\U0001f600", "\ufffd",
       "\f", "\v", "\x1b", "\x00", "\u00a0", "\t", "(1)", "1.", "A.", "–", "|"]


def _delete(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines))
    return lines[:i] + lines[i + rng.randint(1, 3):]


def _duplicate(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines))
    return [*lines[:i + 1], *lines[i:]]


def _swap(lines: list[str], rng: random.Random) -> list[str]:
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    out = list(lines)
    out[i], out[j] = out[j], out[i]
    return out


def _truncate(lines: list[str], rng: random.Random) -> list[str]:
    return lines[: rng.randrange(1, len(lines))] if len(lines) > 1 else lines


def _insert(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(len(lines))
    line = lines[i]
    at = rng.randint(0, len(line))
    return [*lines[:i], line[:at] + rng.choice(ODD) + line[at:], *lines[i + 1:]]


def _renumber(lines: list[str], rng: random.Random) -> list[str]:
    numbered = [i for i, line in enumerate(lines) if re.match(r"^\s*\d{1,3}\.", line)]
    if not numbered:
        return lines
    i = rng.choice(numbered)
    number = str(rng.choice([0, 1, 7, 99, 1000, 10_000]))
    return [*lines[:i], re.sub(r"\d{1,3}", number, lines[i], count=1), *lines[i + 1:]]


def _join(lines: list[str], rng: random.Random) -> list[str]:
    i = rng.randrange(max(1, len(lines) - 1))
    return [*lines[:i], lines[i] + lines[i + 1] if i + 1 < len(lines) else lines[i], *lines[i + 2:]]


MUTATIONS: dict[str, Callable[[list[str], random.Random], list[str]]] = {
    "delete": _delete, "duplicate": _duplicate, "swap": _swap, "truncate": _truncate, "insert": _insert,
    "renumber": _renumber, "join": _join,
}


def sources() -> list[tuple[str, str]]:
    """(name, text) of the bundled resolution and every dated real text."""
    found = [(SEED.name, SEED.read_text(encoding="utf-8"))]
    found += [(t.path.name, t.path.read_text(encoding="utf-8")) for t in real_texts() if "P5_TA" not in t.id]
    return found


def mutate(text: str, rng: random.Random, times: int) -> tuple[str, list[str]]:
    lines, applied = text.split("\n"), []
    for _ in range(times):
        name = rng.choice(sorted(MUTATIONS))
        lines = MUTATIONS[name](lines, rng) or [""]
        applied.append(name)
    return "\n".join(lines), applied


@dataclass(frozen=True)
class Verdict:
    kind: str  # "converted" | "refused" | "crash" | "loss"
    detail: str


def judge(name: str, text: str) -> Verdict:
    """Read a mutated text the way ``convert`` does (decode, parse, link, build) and say how it went:
    converted with nothing lost, refused with a clear error, crashed, or lost text."""
    from accounting import characters, printed

    from converter.link import link
    from converter.rdf import build
    from converter.readers.decode import decode

    try:
        decoded = decode(text.encode("utf-8"), name)
        document = parse(decoded.text, name)
        build(document, link(document))
    except ConverterError as error:
        return Verdict("refused", f"exit {int(error.exit_code)}: {error.problem}")
    except Exception as exc:  # the defect the fuzzing looks for
        return Verdict("crash", f"{type(exc).__name__}: {exc}")
    held = characters(printed(document))
    if "register-from-file-name" in {w.code for w in document.warnings}:
        held -= characters([document.metadata.register_number])
    if held != characters([decoded.text]):
        source = characters([decoded.text])
        return Verdict("loss", f"{source - held} missing, {held - source} added")
    return Verdict("converted", "")
