"""Converting a corpus: the manifest that makes a re-run skip what is done (for every executor),
and the Dask executor on a real local cluster of two worker processes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from servers import free_port

from converter.errors import ExitCode
from converter.run import Dask, Manifest, Outcome, Sequential, convert_many
from converter.run.manifest import MANIFEST_NAME
from converter.vocab import DEFAULT_BASE

REAL = ROOT / "tests" / "realtexts"
# three short real texts in three languages that convert without options, and one that cannot be read
TEXTS = ("cs_P7_TA-2013-0561.txt", "sk_P9_TA-2019-0092.txt", "hu_P8_TA-2016-0118.txt")
GARBAGE = "garbage.txt"


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _convert(source: Path, out: Path, base: str = DEFAULT_BASE, force: bool = False) -> Outcome:
    """One document through ``convert_many`` with the folder's manifest, as ``convert`` runs it."""
    [outcome] = convert_many([source], out, base, False, Sequential(), manifest=Manifest(out), force=force)
    return outcome


# -- the manifest, with the sequential executor ----------------------------------------------------

def test_a_rerun_skips_a_converted_document_and_force_converts_it(tmp_path: Path) -> None:
    source = Path(shutil.copy(REAL / TEXTS[0], tmp_path))
    out = tmp_path / "out"
    first = _convert(source, out)
    assert first.exit_code == ExitCode.OK and not first.skipped and len(first.written) == 5
    before = _mtimes(out)
    again = _convert(source, out)
    assert again.skipped and again.exit_code == ExitCode.OK and again.written == ()
    assert again.turtle == out / "cs_P7_TA-2013-0561.ttl"
    assert _mtimes(out) == before  # nothing rewritten, not even the manifest
    forced = _convert(source, out, force=True)
    assert not forced.skipped and forced.written == first.written


def test_other_options_a_changed_source_or_a_lost_file_convert_again(tmp_path: Path) -> None:
    source = Path(shutil.copy(REAL / TEXTS[0], tmp_path))
    out = tmp_path / "out"
    _convert(source, out)
    assert not _convert(source, out, base="http://example.org/data").skipped
    assert _convert(source, out, base="http://example.org/data").skipped
    (out / "cs_P7_TA-2013-0561.nt").unlink()
    assert not _convert(source, out, base="http://example.org/data").skipped
    source.write_bytes(source.read_bytes() + b"\n")
    assert not _convert(source, out, base="http://example.org/data").skipped
    documents = json.loads((out / MANIFEST_NAME).read_text())["documents"]
    # one entry for the stem: the conversion its files now hold
    assert list(documents) == [hashlib.sha256(source.read_bytes()).hexdigest()]
    [entry] = documents.values()
    assert entry["cs_P7_TA-2013-0561.txt"]["options"]["base"] == "http://example.org/data"


def test_a_broken_manifest_is_reported_and_written_anew(tmp_path: Path) -> None:
    source = Path(shutil.copy(REAL / TEXTS[0], tmp_path))
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST_NAME).write_text("{not json")
    assert Manifest(out).problem is not None
    assert not _convert(source, out).skipped
    assert Manifest(out).problem is None and _convert(source, out).skipped


# -- the Dask executor on a local cluster --------------------------------------------------------

def _dies_on_four(item: int | Path) -> int | Path:
    """Item 4 kills its worker, as a worker killed for its memory dies; a path is touched slowly."""
    if isinstance(item, Path):
        time.sleep(0.5)
        item.touch()
        return item
    if item == 4:
        time.sleep(0.5)  # lets the worker report the items it finished before, which would be lost with it
        os._exit(1)
    return item * 10


@pytest.mark.cli
def test_an_item_that_kills_its_workers_is_lost_alone_and_leaving_early_cancels_the_rest(tmp_path: Path) -> None:
    import dask
    import distributed  # noqa: F401  its defaults join dask's config now, not inside the block that restores it

    markers = [tmp_path / f"{n}.done" for n in range(40)]
    # distributed tries an item on other workers before it gives up; once is enough here
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        results = Dask(None, 2, lost=lambda item, error: ("lost", item)).map(_dies_on_four, [0, 1, 2, 3, 4, *markers])
    assert [next(results) for _ in range(5)] == [0, 10, 20, 30, ("lost", 4)]
    results.close()  # type: ignore[attr-defined]
    time.sleep(1)
    assert len(list(tmp_path.glob("*.done"))) < 20


# -- the command line ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / GARBAGE).write_bytes(bytes(range(256)) * 8)
    return [Path(shutil.copy(REAL / name, folder)) for name in TEXTS] + [folder / GARBAGE]


@pytest.fixture(scope="module")
def runs(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str, int]]:
    """The corpus converted one document after the other, and on a local Dask cluster of two workers."""
    folder = tmp_path_factory.mktemp("runs")
    done = {}
    for name, options in (("local", ("-j", "1")), ("dask", ("--executor", "dask", "-j", "2"))):
        result = run_cli("convert", "-o", str(folder / name), *options, *map(str, corpus))
        done[name] = (folder / name, result.stderr, result.returncode)
    return done


@pytest.mark.cli
def test_dask_writes_the_same_bytes_as_a_local_run(runs: dict[str, tuple[Path, str, int]]) -> None:
    local, dask_ = _contents(runs["local"][0]), _contents(runs["dask"][0])
    assert sorted(local) == sorted([MANIFEST_NAME] + [f"{Path(name).stem}.{ext}" for name in TEXTS
                                                       for ext in ("ttl", "jsonld", "nt", "ep.ttl", "akn.xml")])
    assert dask_ == local


@pytest.mark.cli
def test_a_failing_document_is_reported_and_the_others_written(corpus: list[Path],
                                                               runs: dict[str, tuple[Path, str, int]]) -> None:
    out, stderr, returncode = runs["dask"]
    assert returncode == ExitCode.UNREADABLE, stderr
    [error] = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert error.startswith(f"error: {corpus[3]}:") and "binary" in error
    assert "Traceback" not in stderr
    for name in TEXTS:
        assert f"wrote {out / Path(name).stem}.ttl" in stderr
    assert GARBAGE not in (out / MANIFEST_NAME).read_text()


@pytest.mark.cli
def test_a_rerun_skips_what_is_done_and_converts_what_changed(tmp_path: Path, corpus: list[Path],
                                                              runs: dict[str, tuple[Path, str, int]]) -> None:
    sources = [Path(shutil.copy2(source, tmp_path)) for source in corpus[:3]]
    out = Path(shutil.copytree(runs["dask"][0], tmp_path / "out"))
    before = _mtimes(out)
    again = run_cli("convert", "-o", str(out), "--executor", "dask", "-j", "2", *map(str, sources))
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("skipped ") == 3 and "wrote" not in again.stderr
    assert _mtimes(out) == before
    changed = sources[2]
    changed.write_bytes(changed.read_bytes() + b"\n")
    third = run_cli("convert", "-o", str(out), "--executor", "dask", "-j", "2", *map(str, sources))
    assert third.returncode == 0, third.stderr
    assert third.stderr.count("skipped ") == 2 and f"wrote {out / changed.stem}.ttl" in third.stderr
    after = _mtimes(out)
    assert {n for n in after if after[n] != before[n]} == {MANIFEST_NAME} | {
        f"{changed.stem}.{ext}" for ext in ("ttl", "jsonld", "nt", "ep.ttl", "akn.xml")}


@pytest.mark.cli
def test_a_scheduler_nobody_answers_at_is_a_clear_error(tmp_path: Path, corpus: list[Path]) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    result = run_cli("convert", "-o", str(tmp_path / "out"), "--executor", "dask", "--scheduler", address,
                     str(corpus[0]), env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert result.returncode == ExitCode.CLUSTER, result.stderr
    assert f"error: {address}: no Dask scheduler can be reached there" in result.stderr
    assert "dask scheduler" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.cli
def test_a_scheduler_without_the_dask_executor_is_a_usage_error(tmp_path: Path, corpus: list[Path]) -> None:
    result = run_cli("convert", "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:8786", str(corpus[0]))
    assert result.returncode == ExitCode.USAGE and "--executor dask" in result.stderr


@pytest.mark.cli
def test_without_distributed_the_error_says_what_to_install(tmp_path: Path, corpus: list[Path]) -> None:
    # None in sys.modules is how Python marks a module as not importable
    code = "import sys; sys.modules['distributed'] = None; from converter.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code, "convert", "-o", str(tmp_path / "out"), "--executor", "dask",
                             str(corpus[0])], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == ExitCode.CLUSTER, result.stderr
    assert "pip install 'eprdf[cluster]'" in result.stderr and "Traceback" not in result.stderr


def test_the_release_covers_code_and_every_file_the_program_reads() -> None:
    from converter import __version__
    from converter.release import covered, release

    files = set(covered())
    assert {"pipeline.py", "ontology/countries.ttl", "shapes/eprdf.shapes.ttl", "data/registry/nl.json",
            "languages/nld.toml", "queries/actor-pairs.rq", "data/000_50d7cb4445c31f01.txt"} <= files
    assert not any("__pycache__" in f for f in files)
    assert release().startswith(__version__ + "+")
