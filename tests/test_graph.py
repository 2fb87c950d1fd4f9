"""The RDF graph of the seed: IRIs, text, terms, serialisations, and the committed output/."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from pyshacl import validate
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, SH

from converter.errors import OutputError
from converter.ids import Iris, footnote_eid
from converter.jsonld_context import resolved
from converter.link import link
from converter.model import Document
from converter.rdf import build
from converter.rdf.ep_view import ep_view
from converter.rdf.export import write_atomic
from converter.resources import ontology
from converter.run.manifest import MANIFEST_NAME
from converter.vocab import DEFAULT_BASE, ELI, EPR

WORK = "https://w3id.org/eprdf/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"
STEM = "000_50d7cb4445c31f01"


@pytest.fixture(scope="module")
def graph(seed: Document) -> Graph:
    return build(seed, link(seed))


def text_of(graph: Graph, eid: str) -> str:
    return str(graph.value(URIRef(f"{WORK}/nld@/!main~{eid}"), EPR.text))


def test_work_expression_and_units_follow_the_naming_convention(graph: Graph) -> None:
    work = URIRef(WORK)
    assert (work, RDF.type, EPR.Resolution) in graph
    assert (work, ELI.is_realized_by, URIRef(f"{WORK}/nld@")) in graph
    assert (URIRef(f"{WORK}/nld@.ttl"), ELI.embodies, URIRef(f"{WORK}/nld@")) in graph
    for eid in ("para_12", "cits__cit_1", "recs__rec_A", "para_12__authorialNote_1", "para_18__authorialNote_2"):
        work_level, expression = URIRef(f"{WORK}/!main~{eid}"), URIRef(f"{WORK}/nld@/!main~{eid}")
        assert graph.value(work_level, EPR.eId) == Literal(eid)
        assert (expression, ELI.realizes, work_level) in graph


def test_metadata_and_links_to_the_european_parliament(graph: Graph) -> None:
    work = URIRef(WORK)
    assert graph.value(work, EPR.registerNumber) == Literal("P10_TA(2026)0056")
    date = graph.value(work, ELI.date_document)
    assert date is not None and date.datatype == URIRef("http://www.w3.org/2001/XMLSchema#date")
    assert str(date) == "2026-02-24"
    assert not list(graph.triples((None, OWL.sameAs, None)))
    linked = {str(o) for o in graph.objects(None, EPR.europarlResource)}
    assert linked == {
        "https://data.europarl.europa.eu/eli/dl/doc/TA-10-2026-0056",
        "https://data.europarl.europa.eu/eli/dl/doc/TA-10-2026-0056/nl",
        "https://data.europarl.europa.eu/eli/dl/proc/2026-2599",
        "https://data.europarl.europa.eu/eli/dl/event/MTG-PL-2026-02-24",
        "https://data.europarl.europa.eu/org/ep-10",
    }
    titles = list(graph.objects(URIRef(f"{WORK}/nld@"), ELI.title))
    assert [t.language for t in titles] == ["nl"]
    procedure = graph.value(work, EPR.procedure)
    assert graph.value(procedure, EPR.procedureReference) == Literal("2026/2599(RSP)")
    assert graph.value(procedure, EPR.procedureType) == URIRef(
        "https://data.europarl.europa.eu/def/ep-procedure-types/RSP")


def test_every_unit_text_and_count_matches_the_model(graph: Graph, seed: Document) -> None:
    for unit in seed.units:
        assert text_of(graph, unit.eid) == unit.text
        assert graph.value(URIRef(f"{WORK}/!main~{unit.eid}"), EPR.num) == Literal(unit.num)
    for note in seed.footnotes:
        assert text_of(graph, footnote_eid(seed, note)) == note.text
    counts = {cls: len(set(graph.subjects(RDF.type, cls)))
              for cls in (EPR.Citation, EPR.Recital, EPR.Paragraph, EPR.AuthorialNote)}
    assert counts == {EPR.Citation: len(seed.citations), EPR.Recital: len(seed.recitals),
                      EPR.Paragraph: len(seed.paragraphs), EPR.AuthorialNote: len(seed.footnotes)}
    texts = list(graph.objects(None, EPR.text))
    assert all(t.language == "nl" for t in texts)


def test_footnotes_hang_off_the_unit_with_their_marker(graph: Graph, seed: Document) -> None:
    para18 = URIRef(f"{WORK}/!main~para_18")
    notes = sorted(str(n) for n in graph.objects(para18, EPR.authorialNote))
    assert notes == [f"{WORK}/!main~para_18__authorialNote_1", f"{WORK}/!main~para_18__authorialNote_2"]
    note = URIRef(f"{WORK}/nld@/!main~para_18__authorialNote_2")
    offset = int(graph.value(note, EPR.markerOffset))
    assert text_of(graph, "para_18")[:offset].endswith("van 29 februari 2024")
    assert graph.value(note, EPR.markerIn) == URIRef(f"{WORK}/nld@/!main~para_18")


def test_letter_is_its_own_resource_with_people(graph: Graph) -> None:
    letter = URIRef("https://w3id.org/eprdf/letter/europarl/2026-03-06/d-301059")
    assert graph.value(letter, EPR.transmits) == URIRef(WORK)
    sender, addressee = graph.value(letter, EPR.sender), graph.value(letter, EPR.addressee)
    assert graph.value(sender, RDFS.label) == Literal("Markus Winkler")
    assert (sender, RDF.type, EPR.TLCPerson) in graph
    institution = graph.value(addressee, EPR.memberOf)
    assert graph.value(institution, RDFS.label) == Literal("Eerste Kamer der Staten-Generaal", lang="nl")


def test_every_project_term_has_english_and_dutch_comments() -> None:
    onto = ontology()
    ours = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(EPR))}
    assert len(ours) > 60
    for term in ours:
        assert {c.language for c in onto.objects(term, RDFS.comment)} >= {"en", "nl"}, term
    header = URIRef("https://w3id.org/eprdf/ontology")
    assert onto.value(header, OWL.versionIRI) is not None


@pytest.mark.cli
def test_the_three_serialisations_are_the_same_graph(tmp_path: Path) -> None:
    result = run_cli("convert", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    graphs = [Graph().parse(tmp_path / f"{STEM}.{ext}", format=fmt) for ext, fmt in (("ttl", "turtle"), ("nt", "nt"))]
    # the JSON-LD refers to the published context, which rdflib would fetch: give it the packaged one
    jsonld = tmp_path / f"{STEM}.jsonld"
    graphs.append(Graph().parse(data=resolved(jsonld.read_bytes(), str(jsonld)), format="json-ld"))
    assert len(graphs[0]) > 400
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[0], graphs[2])


@pytest.mark.cli
def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([os.sys.executable, "-m", "converter", "convert", "-o", str(out)], cwd=ROOT, env=env,
                       check=True, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1]


@pytest.mark.cli
def test_committed_output_is_current(tmp_path: Path) -> None:
    result = run_cli("convert", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name != MANIFEST_NAME}
    committed = {p.name: p.read_bytes() for p in (ROOT / "output").iterdir() if p.name in fresh}
    assert committed == fresh, "output/ is stale: run `python -m converter convert`"


def test_turtle_parses_with_an_independent_parser() -> None:
    rapper = shutil.which("rapper")
    assert rapper, "Debian's raptor2-utils (rapper) is needed: scripts/setup.sh installs it"
    turtle = ROOT / "output" / f"{STEM}.ttl"
    result = subprocess.run([rapper, "-i", "turtle", "-c", str(turtle)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"returned {len(Graph().parse(turtle))} triples" in result.stderr


@pytest.mark.cli
def test_base_iri_is_configurable(tmp_path: Path) -> None:
    result = run_cli("convert", "-o", str(tmp_path), "--base", "http://example.org/data/")
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(tmp_path / f"{STEM}.ttl")
    work = URIRef("http://example.org/data/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056")
    assert (work, RDF.type, EPR.Resolution) in graph
    assert not any(str(s).startswith("https://w3id.org/eprdf/akn") for s in graph.subjects())


def test_a_failed_write_leaves_previous_output_intact(tmp_path: Path) -> None:
    first, blocker = tmp_path / "a.ttl", tmp_path / "file"
    first.write_bytes(b"previous")
    blocker.write_bytes(b"")
    with pytest.raises(OutputError):
        write_atomic({first: b"new", blocker / "b.nt": b"new"})  # the second cannot be created
    assert first.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl", "file"]  # no temporary files left


@pytest.mark.cli
def test_unwritable_output_folder_is_exit_code_5(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    result = run_cli("convert", "-o", str(tmp_path / "file" / "out"))
    assert result.returncode == 5
    assert "cannot be written" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.shacl
def test_ep_profile_view_meets_the_eps_shape_except_where_documented(seed: Document) -> None:
    """ta:Work-TA cannot be met in three places (README): its identifier pattern rejects its own
    example form, and the PE number and the adopted motion (eli-dl:adopts) are not in the text."""
    view = ep_view(seed, Iris(DEFAULT_BASE, seed.metadata))
    shapes = Graph().parse(ROOT / "shapes" / "ep" / "eli-ep_adopted-texts-3.1.0.shacl.ttl")
    conforms, report, _ = validate(view, shacl_graph=shapes, advanced=True, inference="none")
    sources = sorted(str(s).rsplit("#", 1)[1] for s in report.objects(None, SH.sourceShape))
    assert not conforms
    assert sources == ["P10", "P16", "P25"]
