"""Fuzzing with a bounded budget: real texts mutated at random (lines deleted, duplicated, swapped,
joined, cut off, renumbered; odd characters inserted) are either converted with nothing lost or
refused with a clear error; never a crash. ``HYPOTHESIS_PROFILE=long`` runs it for hours (README)."""

from __future__ import annotations

import contextlib
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import judge, mutate, sources

SOURCES = sources()


@settings(max_examples=200, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), which=st.integers(min_value=0),
       times=st.integers(min_value=1, max_value=4))
def test_a_mutated_real_text_converts_whole_or_is_refused(seed: int, which: int, times: int) -> None:
    name, text = SOURCES[which % len(SOURCES)]
    mutated, applied = mutate(text, random.Random(seed), times)
    verdict = judge(name, mutated)
    assert verdict.kind in ("converted", "refused"), (name, applied, verdict.detail)


def _garble(data: bytes, rng: random.Random, times: int) -> bytes:
    """Byte-level damage: cut, repeat or overwrite a stretch, or insert something odd."""
    for _ in range(times):
        at, size = rng.randrange(len(data)), rng.randint(1, 200)
        action = rng.randrange(4)
        if action == 0:
            data = data[:at] + data[at + size:]
        elif action == 1:
            data = data[:at] + data[at:at + size] * 2 + data[at + size:]
        elif action == 2:
            data = data[:at] + bytes(rng.randrange(256) for _ in range(size)) + data[at + size:]
        else:
            data = data[:at] + rng.choice([b"<!DOCTYPE x>", b"&amp;", b"\x00", b"]]>", b"<a>", b'"', b"@prefix",
                                           b"\xff\xfe", b"\\u0000"]) + data[at:]
    return data


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from converter.pipeline import BUNDLED, convert_file

    folder = tmp_path_factory.mktemp("fuzz")
    convert_file(BUNDLED, folder, run_checks=False)
    return {ext: (folder / f"000_50d7cb4445c31f01.{ext}").read_bytes() for ext in ("akn.xml", "ttl", "nt", "jsonld")}


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), times=st.integers(min_value=1, max_value=3),
       which=st.sampled_from(["akn.xml", "ttl", "nt", "jsonld"]))
def test_damaged_akoma_ntoso_and_rdf_are_read_or_refused(outputs: dict[str, bytes], tmp_path_factory:
                                                         pytest.TempPathFactory, seed: int, times: int,
                                                         which: str) -> None:
    from converter.errors import ConverterError
    from converter.rdf.read import read_graph
    from converter.readers import read_file

    path = tmp_path_factory.mktemp("damaged") / f"damaged.{which}"
    path.write_bytes(_garble(outputs[which], random.Random(seed), times))
    with contextlib.suppress(ConverterError):  # refused with a message naming the file: what is asked
        read_file(path) if which == "akn.xml" else read_graph((path,))
