"""The Akoma Ntoso XML manifestation: valid against the strict OASIS schema, and read back."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from lxml import etree
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV
from samples import WORDS, make_spec, render

from converter.akn.schema import NS
from converter.akn.writer import to_akn
from converter.checks import check_akn
from converter.errors import ExitCode
from converter.ids import footnote_eid
from converter.link import link
from converter.model import Document
from converter.rdf import build
from converter.readers import parse, read_akn
from converter.vocab import DEFAULT_BASE, ELI, EPR

A = {"a": NS}
STEM = "000_50d7cb4445c31f01"
WORK = "/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"


@pytest.fixture(scope="module")
def xml(seed: Document) -> bytes:
    return to_akn(seed, link(seed), DEFAULT_BASE)


def test_seed_is_valid_against_the_strict_schema_and_every_reference_resolves(xml: bytes) -> None:
    assert check_akn(xml) == []
    assert (ROOT / "output" / f"{STEM}.akn.xml").read_bytes() == xml


def test_frbr_metadata_and_structure(xml: bytes, seed: Document) -> None:
    root = etree.fromstring(xml)
    statement = root.find("a:statement", A)
    assert statement.get("name") == "resolution"
    assert statement.find("a:meta/a:identification/a:FRBRWork/a:FRBRuri", A).get("value") == WORK
    assert statement.find("a:meta/a:identification/a:FRBRWork/a:FRBRcountry", A).get("value") == "eu"
    expression = statement.find("a:meta/a:identification/a:FRBRExpression", A)
    assert expression.find("a:FRBRuri", A).get("value") == WORK + "/nld@"
    assert expression.find("a:FRBRlanguage", A).get("language") == "nld"
    aliases = {a.get("name"): a.get("value") for a in statement.findall(".//a:FRBRalias", A)}
    assert aliases == {"registerNumber": "P10_TA(2026)0056", "procedure": "2026/2599(RSP)",
                       "europarl": "https://data.europarl.europa.eu/eli/dl/doc/TA-10-2026-0056"}
    eids = root.xpath("//@eId")
    assert len(eids) == len(set(eids))
    units = {u.eid for u in seed.units} | {footnote_eid(seed, n) for n in seed.footnotes}
    assert units <= set(eids)
    assert [c.get("eId") for c in statement.findall("a:preamble/a:citations/a:citation", A)] == [
        "cits__cit_1", "cits__cit_2"]
    assert statement.find("a:preamble/a:formula/a:p", A).text == "Het Europees Parlement,"


def test_footnotes_sit_at_their_markers(xml: bytes) -> None:
    root = etree.fromstring(xml)
    note = root.xpath("//a:authorialNote[@eId='para_12__authorialNote_1']", namespaces=A)[0]
    assert note.get("marker") == "1" and note.get("placement") == "bottom"
    paragraph = root.xpath("//a:paragraph[@eId='para_12']//a:p", namespaces=A)[0]
    before = (paragraph.text or "") + "".join(
        "".join(child.itertext()) + (child.tail or "") for child in paragraph if child is not note)
    assert (before.endswith("de steunlening;") and note.tail == ";") or note.getparent().tail is not None
    assert len(root.xpath("//a:paragraph[@eId='para_18']//a:authorialNote", namespaces=A)) == 2


def test_mentions_are_inline_elements_pointing_at_references(xml: bytes) -> None:
    root = etree.fromstring(xml)
    belarus = root.xpath("//a:TLCOrganization[@href='https://w3id.org/eprdf/actor/country/BLR']", namespaces=A)[0]
    refs = root.xpath(f"//a:organization[@refersTo='#{belarus.get('eId')}']", namespaces=A)
    assert {"".join(r.itertext()) for r in refs} == {"Belarus", "Belarussische"}
    eli = root.xpath("//a:paragraph[@eId='para_16']//a:ref", namespaces=A)
    assert [(r.get("href"), r.text) for r in eli] == [("http://data.europa.eu/eli/reg/2026/261/oj",
                                                       "Verordening (EU) 2026/261")]
    assert root.xpath("//a:TLCReference[@href='http://data.europa.eu/eli/dir/2001/55/oj']/@name", namespaces=A) == [
        "legalAct"]


def test_check_finds_what_the_schema_cannot(xml: bytes) -> None:
    broken = xml.replace(b'refersTo="#actor_country_BLR"', b'refersTo="#nowhere"', 1)
    assert broken != xml
    assert [f.message for f in check_akn(broken)] == ["refersTo='#nowhere' points at no eId"]
    invalid = xml.replace(b"<num>1.</num>", b"<nom>1.</nom>")
    assert invalid != xml
    assert any("nom" in problem.message for problem in check_akn(invalid))


def _comparable(document: Document) -> dict:
    """The model without what only a text source has: line numbers, artefacts, file identity."""
    def units(items: tuple) -> tuple:
        return tuple(dataclasses.replace(u, lines=(0, 0), points=tuple(dataclasses.replace(p, lines=(0, 0))
                                                                         for p in u.points)) for u in items)
    return dataclasses.replace(
        document, source_name="", source_sha256="", layout="", artefacts=(), warnings=(),
        citations=units(document.citations), recitals=units(document.recitals),
        paragraphs=units(document.paragraphs),
        footnotes=tuple(dataclasses.replace(f, lines=(0, 0)) for f in document.footnotes),
        letter=dataclasses.replace(document.letter, lines=(0, 0)) if document.letter else None).to_dict()


def _without_provenance(graph: Graph) -> Graph:
    out = Graph()
    sources = set(graph.subjects(EPR.sha256, None)) | set(graph.subjects(PROV.used, None))
    for s, p, o in graph:
        if s not in sources and p not in (PROV.wasDerivedFrom, PROV.wasGeneratedBy):
            out.add((s, p, o))
    return out


def test_round_trip_of_the_seed(seed: Document, xml: bytes) -> None:
    again = read_akn(xml, "seed.akn.xml")
    assert _comparable(again) == _comparable(seed)
    assert isomorphic(_without_provenance(build(again, link(again))), _without_provenance(build(seed, link(seed))))


@pytest.mark.parametrize("layout", ["pdf", "web", "oj"])
@pytest.mark.parametrize("language", sorted(WORDS))
def test_round_trip_of_every_language_and_layout(language: str, layout: str) -> None:
    rng = random.Random(f"akn-{language}-{layout}")
    for _ in range(3):
        document = parse(render(make_spec(rng, language), layout, rng))
        xml = to_akn(document, link(document), DEFAULT_BASE)
        assert check_akn(xml) == []
        assert _comparable(read_akn(xml, "x.akn.xml")) == _comparable(document)


def test_the_graph_links_the_akn_manifestation(seed: Document) -> None:
    graph = build(seed, link(seed))
    manifestation = URIRef(f"{DEFAULT_BASE}{WORK}/nld@.akn")
    assert (manifestation, ELI.embodies, URIRef(f"{DEFAULT_BASE}{WORK}/nld@")) in graph
    # the IANA media type as ELI's eli:media_type asks for it; eli:format, the entry of ELI's own
    # table of format types for Akoma Ntoso (which ELI spells with https)
    assert (manifestation, ELI.media_type, URIRef("http://www.iana.org/assignments/media-types/application/akn+xml")) \
        in graph
    assert (manifestation, ELI["format"], URIRef("https://www.iana.org/assignments/media-types/application/akn+xml")) \
        in graph


@pytest.mark.cli
def test_convert_reads_akn_as_input(tmp_path: Path) -> None:
    result = run_cli("convert", str(ROOT / "output" / f"{STEM}.akn.xml"), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{STEM}.akn.xml").read_bytes() == (ROOT / "output" / f"{STEM}.akn.xml").read_bytes()


@pytest.mark.parametrize("payload", [
    b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<akomaNtoso>&xxe;</akomaNtoso>',
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;">]>\n<akomaNtoso>&lol2;</akomaNtoso>',
])
@pytest.mark.cli
def test_entities_and_dtds_are_refused(tmp_path: Path, payload: bytes) -> None:
    source = tmp_path / "evil.akn.xml"
    source.write_bytes(payload)
    result = run_cli("convert", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == ExitCode.UNREADABLE
    assert "declares a DTD or entities, which are refused" in result.stderr
    assert not (tmp_path / "out").exists()
