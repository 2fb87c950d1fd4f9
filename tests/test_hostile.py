"""Hostile and broken input: no corrupt output, no crash, no hang, no network, nothing lost.
Each test is a regression test for a defect found by trying such input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from converter.errors import ExitCode
from converter.link import link
from converter.readers import parse
from converter.vocab import EPR

SEED = ROOT / "converter" / "data" / "000_50d7cb4445c31f01.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


@pytest.mark.cli
@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_line_separators_inside_a_text_give_valid_n_triples(tmp_path: Path, seed_text: str, separator: str) -> None:
    source = _write(tmp_path, "sep.txt", seed_text.replace("verwelkomt", f"verwel{separator}komt", 1))
    assert run_cli("convert", "-o", str(tmp_path / "out"), str(source)).returncode == 0
    nt = Graph().parse(tmp_path / "out" / "sep.nt", format="nt")
    assert isomorphic(nt, Graph().parse(tmp_path / "out" / "sep.ttl", format="turtle"))


def test_decomposed_input_file_is_normalised_stated_and_linked_alike(tmp_path: Path, seed_text: str) -> None:
    from converter.pipeline import convert_file
    from converter.readers import read_file

    nfd = _write(tmp_path, "nfd.txt", unicodedata.normalize("NFD", seed_text))
    document = read_file(nfd)
    assert "unicode-normalised-nfc" in {w.code for w in document.warnings}
    reference = parse(seed_text, "nfc.txt")
    assert [u.text for u in document.units] == [u.text for u in reference.units]
    assert len(link(document).mentions) == len(link(reference).mentions)
    graph = convert_file(nfd, tmp_path / "out", run_checks=False).graph
    assert any(graph.triples((None, EPR.unicodeNormalisation, None)))


@pytest.mark.cli
def test_two_inputs_with_the_same_name_are_refused(tmp_path: Path, seed_text: str) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = _write(tmp_path / "a", "t.txt", seed_text), _write(tmp_path / "b", "t.txt", seed_text)
    result = run_cli("convert", "-o", str(tmp_path / "out"), str(first), str(second))
    assert result.returncode == ExitCode.USAGE and "same output files" in result.stderr
    assert not (tmp_path / "out").exists()


def test_four_digit_paragraph_numbers_are_read(seed_text: str) -> None:
    lines = seed_text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("29. "))
    body = [f"{n}. neemt kennis van punt {n};" for n in range(29, 1205)]
    text = "\n".join(lines[:at] + body + ["1205. " + lines[at][4:]] + lines[at + 1:])
    document = parse(text, "long.txt")
    assert len(document.paragraphs) == 1205
    assert document.paragraphs[-1].num == "1205." and document.paragraphs[-1].closing


@pytest.mark.cli
def test_a_page_break_is_layout_and_other_controls_are_refused(tmp_path: Path, seed_text: str) -> None:
    paged = _write(tmp_path, "paged.txt", seed_text.replace("verwelkomt", "verwel\fkomt", 1))
    assert run_cli("convert", "-o", str(tmp_path / "out"), str(paged)).returncode == 0
    assert "verwelkomt" in (tmp_path / "out" / "paged.ttl").read_text(encoding="utf-8")
    escaped = _write(tmp_path, "esc.txt", seed_text.replace("verwelkomt", "verwel\x1bkomt", 1))
    result = run_cli("convert", "-o", str(tmp_path / "out2"), str(escaped))
    line = seed_text[: seed_text.index("verwelkomt")].count("\n") + 1
    assert result.returncode == ExitCode.UNREADABLE
    assert f"esc.txt:{line}: a control character U+001B at column" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out2").exists()


@pytest.mark.cli
@pytest.mark.parametrize("base", ["not an iri", "https://example.org/a b", "ftp://example.org", "https://x.org/?q=1"])
def test_a_malformed_base_is_a_usage_error(tmp_path: Path, base: str) -> None:
    result = run_cli("convert", "-o", str(tmp_path), "--base", base)
    assert result.returncode == ExitCode.USAGE and "--base" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_output_files_are_readable_by_others_and_stale_temporaries_go(tmp_path: Path) -> None:
    from converter.rdf.export import TEMP_SUFFIX, write_atomic

    stale = tmp_path / f".a.ttl.x1y2{TEMP_SUFFIX}"
    stale.write_bytes(b"half")
    previous = os.umask(0o022)
    try:
        write_atomic({tmp_path / "a.ttl": b"data"})
    finally:
        os.umask(previous)
    assert (tmp_path / "a.ttl").stat().st_mode & 0o777 == 0o644
    assert not stale.exists()


@pytest.mark.cli
@pytest.mark.parametrize("umask", [0o022, 0o027], ids=oct)
def test_every_file_convert_and_load_write_is_as_readable_as_the_umask_allows(tmp_path: Path, umask: int) -> None:
    """0644 under the usual umask 022 (a web server running as another user can read them); a
    stricter umask is kept, as every other tool keeps it."""
    out, store = tmp_path / "out", tmp_path / "store"
    previous = os.umask(umask)  # the programs started below inherit it
    try:
        converted = run_cli("convert", "-o", str(out))
        loaded = run_cli("load", "--store", str(store), *map(str, sorted(out.glob("*.jsonld"))))
    finally:
        os.umask(previous)
    assert converted.returncode == 0 and loaded.returncode == 0, converted.stderr + loaded.stderr
    written = sorted(p.name for p in out.iterdir())
    assert {"manifest.json"} | {f"000_50d7cb4445c31f01.{e}" for e in ("ttl", "nt", "jsonld", "akn.xml", "ep.ttl")} \
        == set(written)
    files = [*out.iterdir(), *(p for p in store.iterdir() if p.is_file())]
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in files} == {p.name: oct(0o666 & ~umask) for p in files}


@pytest.mark.shacl
def test_a_validation_report_is_as_readable_as_the_umask_allows(tmp_path: Path) -> None:
    import dataclasses

    from converter.model import Anchor
    from converter.pipeline import BUNDLED, ValidationFailed, convert_document
    from converter.readers import read_file

    seed = read_file(BUNDLED)
    note = seed.footnotes[0]
    broken = dataclasses.replace(seed, footnotes=(
        dataclasses.replace(note, anchor=Anchor(note.anchor.unit, 10_000, note.anchor.marker)),  # type: ignore[union-attr]
        *seed.footnotes[1:]))
    previous = os.umask(0o022)
    try:
        with pytest.raises(ValidationFailed):
            convert_document(broken, "broken", tmp_path)
    finally:
        os.umask(previous)
    assert [(p.name, oct(p.stat().st_mode & 0o777)) for p in tmp_path.iterdir()] == [("broken.report.ttl", "0o644")]


@pytest.mark.cli
def test_a_remote_json_ld_context_is_not_fetched(tmp_path: Path) -> None:
    data = _write(tmp_path, "remote.jsonld", '{"@context": "http://10.255.255.1/context.jsonld", '
                  '"@id": "http://example.org/a", "name": "x"}')
    result = run_cli("validate", str(data))
    assert result.returncode == ExitCode.UNREADABLE and "remote" in result.stderr


@pytest.mark.cli
def test_xml_entities_in_rdf_are_refused(tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10}">' for n in range(1, 9))
    data = _write(tmp_path, "laughs.rdf", f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e0 "ha">{entities}'
                  '<!ENTITY f SYSTEM "file:///etc/hostname">]>'
                  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://x/">'
                  '<rdf:Description rdf:about="http://x/a"><ex:p>&e8;&f;</ex:p></rdf:Description></rdf:RDF>')
    result = run_cli("validate", str(data))
    assert result.returncode == ExitCode.UNREADABLE


def test_a_long_literal_is_read(tmp_path: Path) -> None:
    from converter.rdf.read import read_graph

    data = _write(tmp_path, "long.nt", '<http://x/a> <http://x/b> "' + "a" * 4_000_000 + '" .\n')
    graph = read_graph((data,))
    assert len(str(next(iter(graph.objects(URIRef("http://x/a"), URIRef("http://x/b")))))) == 4_000_000


@pytest.mark.cli
def test_a_dtd_anywhere_in_akoma_ntoso_is_refused(tmp_path: Path) -> None:
    padding = "<!-- " + "x" * 70_000 + " -->"
    data = _write(tmp_path, "late.akn.xml", f'<?xml version="1.0"?>{padding}<!DOCTYPE a [<!ENTITY x "y">]><a/>')
    result = run_cli("convert", "-o", str(tmp_path / "out"), str(data))
    assert result.returncode == ExitCode.UNREADABLE and "DTD" in result.stderr


@pytest.mark.cli
def test_utf16_akoma_ntoso_is_read_as_akoma_ntoso(tmp_path: Path) -> None:
    assert run_cli("convert", "-o", str(tmp_path / "a")).returncode == 0
    xml = (tmp_path / "a" / "000_50d7cb4445c31f01.akn.xml").read_text(encoding="utf-8")
    source = _write(tmp_path, "u16.akn.xml", xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    result = run_cli("convert", "-o", str(tmp_path / "b"), str(source))
    assert result.returncode == 0, result.stderr


@pytest.mark.cli
def test_an_executable_is_called_binary(tmp_path: Path) -> None:
    data = _write(tmp_path, "prog.txt", Path(sys.executable).resolve().read_bytes()[:4096])
    result = run_cli("convert", "-o", str(tmp_path / "out"), str(data))
    assert result.returncode == ExitCode.UNREADABLE
    assert "binary" in result.stderr and "UTF-16" not in result.stderr


@pytest.mark.cli
def test_an_input_over_the_size_limit_is_refused(tmp_path: Path, seed_text: str) -> None:
    big = _write(tmp_path, "big.txt", seed_text + "\n" * (2 * 1024 * 1024))
    result = run_cli("convert", "-o", str(tmp_path / "out"), "--max-size", "1", str(big))
    assert result.returncode == ExitCode.UNREADABLE and "--max-size" in result.stderr


@pytest.mark.cli
def test_sigterm_stops_a_batch_and_its_workers(tmp_path: Path, seed_text: str) -> None:
    inputs = [str(_write(tmp_path, f"d{n:02d}.txt", seed_text)) for n in range(40)]
    process = subprocess.Popen([sys.executable, "-m", "converter", "convert", "-o", str(tmp_path / "out"), "-j", "2",
                                *inputs], cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("wrote"):
            break
    os.kill(process.pid, signal.SIGTERM)
    rest = process.stderr.read()
    assert process.wait(timeout=60) == ExitCode.INTERRUPTED
    assert "interrupted" in rest
    # no worker of the group is left, and every file written is whole
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)
    for ttl in (tmp_path / "out").glob("*.ttl"):
        Graph().parse(ttl, format="turtle")
    assert not list((tmp_path / "out").glob(".*"))


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store")
    assert run_cli("convert", "-o", str(folder / "out"), "--store", str(folder / "store")).returncode == 0
    return folder / "store"


@pytest.mark.cli
def test_a_runaway_query_stops_at_its_limits(store_dir: Path) -> None:
    cross = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    rows = run_cli("query", "--store", str(store_dir), cross)
    assert rows.returncode == ExitCode.LIMIT and "more than 100,000 rows" in rows.stderr and rows.stdout == ""
    slow = run_cli("query", "--store", str(store_dir), cross + " ORDER BY ?c ?f ?i", "--timeout", "2")
    assert slow.returncode == ExitCode.LIMIT and "stopped after 2 s" in slow.stderr
    big = run_cli("query", "--store", str(store_dir), cross + " ORDER BY ?c ?f ?i", "--timeout", "600",
                  "--max-memory", "300")
    assert big.returncode == ExitCode.LIMIT and "memory" in big.stderr and "Traceback" not in big.stderr


@pytest.mark.cli
def test_a_federated_query_is_refused_unless_allowed(store_dir: Path) -> None:
    result = run_cli("query", "--store", str(store_dir),
                     "SELECT * WHERE { SERVICE <http://10.255.255.1/sparql> { ?a ?b ?c } }")
    assert result.returncode == ExitCode.USAGE and "SERVICE" in result.stderr
    quoted = run_cli("query", "--store", str(store_dir), 'SELECT ("SERVICE" AS ?x) WHERE {}')
    assert quoted.returncode == 0, quoted.stderr


@pytest.mark.cli
def test_many_readers_query_a_store_at_once(store_dir: Path) -> None:
    command = [sys.executable, "-m", "converter", "query", "--store", str(store_dir), "actors-ranked",
               "--format", "csv"]
    processes = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0, 0]
    assert len({out for out, _ in results}) == 1 and "country/UKR" in results[0][0]


def test_parameters_are_bound_in_where_clauses_not_in_strings() -> None:
    from converter.store.queries import bind

    query = 'SELECT ?x WHERE { ?x <http://x/p> "a WHERE { b" . } # WHERE {'
    bound = bind(query, {"x": ["v"]})
    assert bound == 'SELECT ?x WHERE { VALUES ?x { "v" }  ?x <http://x/p> "a WHERE { b" . } # WHERE {'


def test_a_paragraph_without_its_final_semicolon_does_not_swallow_the_next(seed_text: str) -> None:
    at = seed_text.index("\n29. ")
    cut = seed_text.rindex(";", 0, at)
    document = parse(seed_text[:cut] + seed_text[cut + 1:], "cut.txt")
    assert [p.num for p in document.paragraphs][-2:] == ["28.", "29."]
    assert [w.code for w in document.warnings] == ["unit-without-end-punctuation"]


def test_a_repeated_letter_line_is_kept_and_named(seed_text: str) -> None:
    from accounting import characters, printed

    closing = "Met de meeste hoogachting,\n"
    text = seed_text.replace(closing, closing + "\n" + closing, 1)
    document = parse(text, "twice.txt")
    assert document.letter is not None and document.letter.sender.name == "Markus Winkler"
    assert "Met de meeste hoogachting," in document.letter.body
    assert "letter-repeated-line" in {w.code for w in document.warnings}
    assert characters([text]) == characters(printed(document))


@pytest.mark.cli
def test_unusable_shapes_are_a_usage_error(tmp_path: Path) -> None:
    data = ROOT / "output" / "000_50d7cb4445c31f01.ttl"
    broken = _write(tmp_path, "broken.ttl", "@prefix sh: <http://www.w3.org/ns/shacl#> . <a> sh:path")
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = _write(tmp_path, "nothing.ttl", "<http://x/a> <http://x/b> <http://x/c> .")
    for shapes in (broken, empty, nothing):
        result = run_cli("validate", str(data), "--shapes", str(shapes))
        assert result.returncode == ExitCode.USAGE, (shapes, result.stderr)
        assert "Traceback" not in result.stderr


@pytest.mark.cli
def test_a_query_file_that_is_a_folder_is_unreadable(tmp_path: Path) -> None:
    result = run_cli("query", "-f", str(tmp_path))
    assert result.returncode == ExitCode.UNREADABLE


@pytest.mark.cli
def test_a_newline_in_a_file_name_cannot_break_a_message(tmp_path: Path) -> None:
    source = _write(tmp_path, "bad\nname.txt", "nothing here\n")
    result = run_cli("convert", "-o", str(tmp_path / "out"), str(source))
    assert result.returncode == ExitCode.NOT_A_TEXT_ADOPTED
    assert "bad\\nname.txt" in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.cli
def test_a_killed_load_leaves_every_document_whole(tmp_path: Path) -> None:
    """Killed at any moment, a load leaves each document, and the derived graph, as before it or
    as after it: one document loaded again, and twelve new ones loaded at once (then again)."""
    from converter.store import Store

    assert run_cli("convert", "-o", str(tmp_path / "out")).returncode == 0
    turtle = tmp_path / "out" / "000_50d7cb4445c31f01.ttl"
    store_dir = tmp_path / "store"
    assert run_cli("load", "--store", str(store_dir), str(turtle)).returncode == 0
    store = Store(store_dir, read_only=True)
    (work,) = store.documents()
    whole = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{work}> {{ ?s ?p ?o }} }}").records()[0]["n"]
    del store
    copies = []
    for i in range(12):  # the same document under other register numbers
        copies.append(tmp_path / f"copy{i}.ttl")
        copies[-1].write_text(turtle.read_text(encoding="utf-8").replace("2026-0056", f"2026-{9000 + i}"),
                              encoding="utf-8")
    ranked = (ROOT / "tests" / "data" / "over-documents" / "actors-ranked.rq").read_text(encoding="utf-8")
    for files in ([turtle], copies):
        for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 2.0):
            process = subprocess.Popen([sys.executable, "-m", "converter", "load", "--store", str(store_dir),
                                        *map(str, files)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            try:
                process.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            store = Store(store_dir, read_only=True)
            documents = store.documents()
            assert len(documents) in (1, 1 + len(copies))
            for document in documents:
                count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{document}> {{ ?s ?p ?o }} }}"
                assert store.query(count).records()[0]["n"] == whole
            assert store.query("actors-ranked").rows == store.query(ranked).rows
