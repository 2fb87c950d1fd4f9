"""The shapes catch real defects: every shape passes on the seed's graph and fails on a mutation of it."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SH, SKOS
from samples import make_spec, render

from converter.checks import ontology_graph, project_shapes, validate
from converter.errors import ExitCode
from converter.link import link
from converter.model import Anchor, Document
from converter.pipeline import ValidationFailed, convert_document
from converter.rdf import build
from converter.readers import parse
from converter.vocab import DATA_LICENCE, ELI, EPR, OA

WORK = "https://w3id.org/eprdf/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"
W, X = WORK + "/!main~", WORK + "/nld@/!main~"
EXPRESSION = URIRef(WORK + "/nld@")
EP_WORK = URIRef("https://data.europarl.europa.eu/eli/dl/doc/TA-10-2026-0056")
BELARUS = URIRef("https://w3id.org/eprdf/actor/country/BLR")


@pytest.fixture(scope="module")
def seed_graph(seed: Document) -> Graph:
    return build(seed, link(seed))


@pytest.fixture(scope="module")
def small_graph(seed: Document) -> Graph:
    """The seed cut to recitals A-C and paragraphs 1-21: every unit the mutations touch, every
    footnote and the letter, at three quarters of the size, so each mutation validates faster."""
    small = dataclasses.replace(seed, recitals=seed.recitals[:3], paragraphs=seed.paragraphs[:21])
    graph = build(small, link(small))
    assert validate(graph).conforms
    return graph


def copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def replace(g: Graph, s: URIRef, p: URIRef, o: object) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))  # type: ignore[arg-type]


def drop_subject(g: Graph, s: URIRef) -> None:
    g.remove((s, None, None))
    g.remove((None, None, s))


def move_mention(g: Graph) -> None:
    position = URIRef(X + "para_11/mention/264-271/position")
    replace(g, position, OA.start, Literal(265, datatype=XSD.integer))
    replace(g, position, OA.end, Literal(272, datatype=XSD.integer))


def remove_recital(g: Graph) -> None:
    drop_subject(g, URIRef(W + "recs__rec_B"))
    drop_subject(g, URIRef(X + "recs__rec_B"))


MUTATIONS: dict[str, tuple[Callable[[Graph], None], str]] = {
    # the ten the issue names
    "drop a unit's text": (lambda g: g.remove((URIRef(X + "para_3"), EPR.text, None)),
                           "eprsh:ComponentExpression-text"),
    "duplicate a paragraph number": (lambda g: replace(g, URIRef(W + "para_5"), EPR.num, Literal("4.")),
                                     "eprsh:ParagraphNumbering"),
    "remove a recital": (remove_recital, "eprsh:RecitalLettering"),
    "date with the wrong datatype": (lambda g: replace(g, URIRef(WORK), ELI.date_document, Literal("2026-02-24")),
                                     "eprsh:Document-date"),
    "break an ELI IRI": (lambda g: g.add((URIRef(W + "para_18"), EPR.cites,
                                          URIRef("http://data.europa.eu/eli/dir/2001/55"))), "eprsh:Act"),
    "move a mention's offsets by one": (move_mention, "eprsh:MentionOffsets"),
    "anchor a footnote twice": (lambda g: g.add((URIRef(W + "para_1"), EPR.authorialNote,
                                                 URIRef(W + "para_12__authorialNote_1"))),
                                "eprsh:FootnoteAnchor ^epr:authorialNote"),
    "attach a unit to two parents": (lambda g: g.add((URIRef(W + "para_3"), EPR.isPartOf, URIRef(W + "recs"))),
                                     "eprsh:Component-parent"),
    "remove an actor's Dutch label": (lambda g: g.remove((BELARUS, SKOS.prefLabel, Literal("Belarus", lang="nl"))),
                                      "eprsh:Actor-textLanguageLabel"),
    "remove an actor's English label": (lambda g: g.remove((BELARUS, SKOS.prefLabel, Literal("Belarus", lang="en"))),
                                        "eprsh:Actor-englishLabel"),
    "malformed QID": (lambda g: replace(g, BELARUS, SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/184")),
                      "eprsh:Actor-identifiers"),
    # one for every other shape
    "malformed register number": (lambda g: replace(g, URIRef(WORK), EPR.registerNumber, Literal("P10-TA-2026-56")),
                                  "eprsh:Document-registerNumber"),
    "no expression": (lambda g: g.remove((URIRef(WORK), ELI.is_realized_by, None)), "eprsh:Document-expression"),
    "wrong work type": (lambda g: replace(g, URIRef(WORK), ELI.work_type, URIRef("http://example.org/x")),
                        "eprsh:Document-workType"),
    "no author": (lambda g: g.remove((URIRef(WORK), DCTERMS.creator, None)), "eprsh:Document-creator"),
    "malformed procedure": (lambda g: replace(g, URIRef("https://w3id.org/eprdf/procedure/2026-2599"),
                                              EPR.procedureReference, Literal("2026-2599")),
                            "eprsh:Procedure epr:procedureReference"),
    "two procedures": (lambda g: g.add((URIRef(WORK), EPR.procedure, URIRef("https://w3id.org/eprdf/procedure/x"))),
                       "eprsh:Document-procedure"),
    "no term": (lambda g: g.remove((URIRef(WORK), EPR.parliamentaryTerm, None)), "eprsh:Document-term"),
    "unknown Akoma Ntoso name": (lambda g: replace(g, URIRef(WORK), EPR.aknName, Literal("act")),
                                 "eprsh:Document-aknName"),
    "title without language": (lambda g: replace(g, URIRef(WORK + "/nld@"), ELI.title, Literal("x")),
                               "eprsh:Expression eli:title"),
    "no eId": (lambda g: g.remove((URIRef(W + "para_7"), EPR.eId, None)), "eprsh:Component-eId"),
    "duplicate eId": (lambda g: replace(g, URIRef(W + "para_7"), EPR.eId, Literal("para_8")), "eprsh:UniqueEIds"),
    "no position": (lambda g: g.remove((URIRef(W + "para_7"), EPR.position, None)), "eprsh:Component-position"),
    "same position twice": (lambda g: replace(g, URIRef(W + "para_7"), EPR.position,
                                              Literal(8, datatype=XSD.integer)), "eprsh:SiblingOrder"),
    "no number": (lambda g: g.remove((URIRef(W + "recs__rec_C"), EPR.num, None)), "eprsh:NumberedUnit-num"),
    "unit without text": (lambda g: drop_subject(g, URIRef(X + "para_9")), "eprsh:NumberedUnit-text"),
    "text realising two units": (lambda g: g.add((URIRef(X + "para_9"), ELI.realizes, URIRef(W + "para_8"))),
                                 "eprsh:ComponentExpression-realizes"),
    "marker outside the text": (lambda g: replace(g, URIRef(X + "para_12__authorialNote_1"), EPR.markerOffset,
                                                  Literal(99999, datatype=XSD.integer)),
                                "eprsh:MarkerOffset"),
    "two footnotes numbered 1": (lambda g: replace(g, URIRef(W + "para_16__authorialNote_1"), EPR.num, Literal("1")),
                                 "eprsh:FootnoteNumbering"),
    "footnote anchored nowhere": (lambda g: g.remove((None, EPR.authorialNote, URIRef(W + "para_21__authorialNote_1"))),
                                  "eprsh:FootnoteAnchoring"),
    "mention without body": (lambda g: g.remove((URIRef(X + "para_11/mention/264-271"), OA.hasBody, None)),
                             "eprsh:Mention oa:hasBody"),
    "actor without a Top Level Class": (lambda g: g.remove((BELARUS, RDF.type, EPR.TLCOrganization)), "eprsh:Actor"),
    "two Dutch labels": (lambda g: g.add((BELARUS, SKOS.prefLabel, Literal("Wit-Rusland", lang="nl"))),
                         "eprsh:Actor-labels"),
    "letter date as text": (lambda g: replace(g, URIRef("https://w3id.org/eprdf/letter/europarl/2026-03-06/d-301059"),
                                              DCTERMS.date, Literal("6 maart 2026")), "eprsh:Letter dcterms:date"),
    "letter without sender": (lambda g: g.remove((None, EPR.sender, None)), "eprsh:Letter epr:sender"),
    "position below 1": (lambda g: replace(g, URIRef(W + "para_7"), EPR.position, Literal(0, datatype=XSD.integer)),
                         "eprsh:Component-position"),
    # two statements of one fact that must agree
    "mention body a malformed ELI": (lambda g: replace(g, URIRef(X + "para_16/mention/37-62"), OA.hasBody,
                                                       URIRef("http://data.europa.eu/eli/reg/2026/261")),
                                     "eprsh:MentionBodyDescribed"),
    "mention body not the unit's actor": (lambda g: replace(g, URIRef(X + "para_11/mention/264-271"), OA.hasBody,
                                                            URIRef("https://w3id.org/eprdf/actor/country/ZAF")),
                                          "eprsh:MentionAgrees"),
    "unit without the mention's link": (lambda g: g.remove((URIRef(W + "para_11"), EPR.mentions,
                                                            URIRef("https://w3id.org/eprdf/actor/g7"))),
                                        "eprsh:MentionAgrees"),
    "clause addresses an actor its unit does not name": (
        lambda g: g.add((URIRef(X + "para_21/clause/1"), EPR.addresses, URIRef("https://w3id.org/eprdf/actor/country/ZAF"))),
        "eprsh:ClauseAgrees"),
    "clause beyond its unit's text": (lambda g: replace(g, URIRef(X + "para_21/clause/1"), EPR.clauseEnd,
                                                        Literal(99999, datatype=XSD.integer)), "eprsh:ClauseAgrees"),
    "clause with two verbs": (lambda g: g.add((URIRef(X + "para_21/clause/1"), EPR.operativeVerb,
                                               URIRef("https://w3id.org/eprdf/verb/condemns"))),
                              "eprsh:Clause epr:operativeVerb"),
    "footnote marker in another unit": (lambda g: replace(g, URIRef(X + "para_12__authorialNote_1"), EPR.markerIn,
                                                          URIRef(X + "para_13")), "eprsh:FootnoteMarkerAgrees"),
    # the European Parliament's resources: linked, never identified with ours
    "our work the same as the EP's": (lambda g: g.add((URIRef(WORK), OWL.sameAs, EP_WORK)),
                                      "eprsh:NoIdentityWithEuroparl"),
    "the EP's expression the same as ours": (lambda g: g.add((URIRef(str(EP_WORK) + "/nl"), OWL.sameAs, EXPRESSION)),
                                             "eprsh:NoIdentityWithEuroparl"),
    "EP link to a register number": (lambda g: replace(g, URIRef(WORK), EPR.europarlResource,
                                                       URIRef("https://data.europarl.europa.eu/eli/dl/doc/P10_TA-2026-0056")),
                                     "eprsh:Document-europarlResource"),
    "expression derived from no source file": (
        lambda g: g.remove((EXPRESSION, PROV.wasDerivedFrom, next(g.subjects(RDF.type, EPR.SourceFile)))),
        "eprsh:Expression prov:wasDerivedFrom"),
    "expression linked to the EP's work": (lambda g: replace(g, EXPRESSION, EPR.europarlResource, EP_WORK),
                                           "eprsh:Expression epr:europarlResource"),
    # licence and rights
    "licence spelled with https": (lambda g: replace(g, EXPRESSION, DCTERMS.license,
                                                     URIRef(str(DATA_LICENCE).replace("http:", "https:"))),
                                   "eprsh:Expression dcterms:license"),
    "no licence": (lambda g: g.remove((EXPRESSION, DCTERMS.license, None)), "eprsh:Expression dcterms:license"),
    "rights without a language": (lambda g: replace(g, EXPRESSION, DCTERMS.rights,
                                                    Literal("© European Union, 2026 – Source: European Parliament")),
                                  "eprsh:Expression dcterms:rights"),
    "rights without the year": (lambda g: replace(g, EXPRESSION, DCTERMS.rights,
                                                  Literal("© European Union – Source: European Parliament", lang="en")),
                                "eprsh:Expression dcterms:rights"),
    # manifestations
    "media type as eli:format": (lambda g: g.add((URIRef(WORK + "/nld@.ttl"), ELI["format"],
                                                  URIRef("http://www.iana.org/assignments/media-types/text/turtle"))),
                                 "eprsh:Manifestation eli:format"),
    "no media type": (lambda g: g.remove((URIRef(WORK + "/nld@.nt"), ELI.media_type, None)),
                      "eprsh:Manifestation eli:media_type"),
    "media type of ELI's format table": (
        lambda g: replace(g, URIRef(WORK + "/nld@.akn"), ELI.media_type,
                          URIRef("https://www.iana.org/assignments/media-types/application/akn+xml")),
        "eprsh:Manifestation eli:media_type"),
    # offsets as strings: only a datatype constraint sees them (a SPARQL comparison with a string fails)
    "marker offset as a string": (lambda g: replace(g, URIRef(X + "para_12__authorialNote_1"), EPR.markerOffset,
                                                    Literal("553")), "eprsh:FootnoteMarker-offset"),
    "mention start as a string": (lambda g: replace(g, URIRef(X + "para_11/mention/264-271/position"), OA.start,
                                                    Literal("264")), "eprsh:TextPosition-start"),
    "mention end as a string": (lambda g: replace(g, URIRef(X + "para_11/mention/264-271/position"), OA.end,
                                                  Literal("271")), "eprsh:TextPosition-end"),
}


@pytest.mark.shacl
def test_the_seed_graph_conforms_and_every_shape_has_targets(seed_graph: Graph) -> None:
    report = validate(seed_graph)
    assert report.conforms, report.findings
    shapes = project_shapes()
    named = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    targeted = {s for s in named if any((s, p, None) in shapes for p in
                                        (SH.targetClass, SH.targetObjectsOf, SH.targetNode, SH.targetSubjectsOf))}
    # every shape that selects its own targets finds some in the seed (so "conforms" is not vacuous)
    assert targeted
    for shape in targeted:
        classes = {c for cls in shapes.objects(shape, SH.targetClass)
                   for c in {cls} | {s for s, _, _ in _subclass_triples(cls)}}
        found = any((None, RDF.type, c) in seed_graph for c in classes) or any(
            (None, prop, None) in seed_graph for prop in shapes.objects(shape, SH.targetObjectsOf)) or any(
            (None, prop, None) in seed_graph for prop in shapes.objects(shape, SH.targetSubjectsOf))
        assert found, shape


def _subclass_triples(cls: URIRef) -> list[tuple[URIRef, URIRef, URIRef]]:
    return list(ontology_graph().triples((None, RDFS.subClassOf * "+", cls)))  # type: ignore[arg-type]


@pytest.mark.shacl
@pytest.mark.parametrize("name", list(MUTATIONS))
def test_each_mutation_is_caught_by_the_expected_shape(small_graph: Graph, name: str) -> None:
    mutate, expected = MUTATIONS[name]
    graph = copy(small_graph)
    mutate(graph)
    report = validate(graph)
    caught = sorted({f.code for f in report.findings if f.severity == "violation"})
    print(f"\n{name}: caught by {', '.join(caught)}")
    assert not report.conforms
    assert expected in caught


def test_every_named_shape_has_a_violating_mutation() -> None:
    shapes = project_shapes()
    named = {shapes.namespace_manager.normalizeUri(s) for s in shapes.subjects()
             if isinstance(s, URIRef) and str(s).startswith("https://w3id.org/eprdf/shapes#")
             and ((s, RDF.type, SH.NodeShape) in shapes or (s, RDF.type, SH.PropertyShape) in shapes
                  or (s, RDF.type, SH.SPARQLConstraint) in shapes)}
    covered = {expected.split(" ")[0] for _, expected in MUTATIONS.values()}
    # eprsh:Expression, eprsh:Procedure, eprsh:Document, eprsh:Component, eprsh:NumberedUnit,
    # eprsh:ComponentExpression, eprsh:FootnoteMarker and eprsh:TextPosition are reached through
    # their property shapes above
    containers = {"eprsh:Document", "eprsh:Component", "eprsh:NumberedUnit", "eprsh:ComponentExpression",
                  "eprsh:FootnoteMarker", "eprsh:TextPosition"}
    assert named - covered - containers == set()


@pytest.mark.shacl
def test_convert_refuses_to_write_an_invalid_graph(seed: Document, tmp_path: Path) -> None:
    note = seed.footnotes[0]
    broken_note = dataclasses.replace(note, anchor=Anchor(note.anchor.unit, 10_000, note.anchor.marker))  # type: ignore[union-attr]
    broken = dataclasses.replace(seed, footnotes=(broken_note, *seed.footnotes[1:]))
    with pytest.raises(ValidationFailed) as caught:
        convert_document(broken, "broken", tmp_path)
    assert caught.value.exit_code == ExitCode.INVALID
    assert {f.code for f in caught.value.report.findings} == {"eprsh:MarkerOffset"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.report.ttl"]
    report = Graph().parse(tmp_path / "broken.report.ttl")
    assert (None, RDF.type, SH.ValidationReport) in report


@pytest.mark.cli
def test_validate_exit_codes(tmp_path: Path, seed_graph: Graph) -> None:
    good = tmp_path / "good.ttl"
    seed_graph.serialize(good, format="turtle")
    assert run_cli("validate", str(good)).returncode == ExitCode.OK

    bad = copy(seed_graph)
    MUTATIONS["malformed QID"][0](bad)
    bad_path = tmp_path / "bad.jsonld"
    bad.serialize(bad_path, format="json-ld")
    result = run_cli("validate", str(bad_path), "--format", "json")
    assert result.returncode == ExitCode.INVALID
    assert '"shape": "eprsh:Actor-identifiers"' in result.stdout
    assert "1 violation(s)" in result.stderr

    assert run_cli("validate").returncode == ExitCode.USAGE
    assert run_cli("validate", str(good), "--format", "yaml").returncode == ExitCode.USAGE

    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix x: <http://x/> .\nx:a x:b x:c .\nx:a x:b "unclosed .\n', encoding="utf-8")
    result = run_cli("validate", str(broken))
    assert result.returncode == ExitCode.UNREADABLE
    assert "broken.ttl:3: not parseable as turtle" in result.stderr
    nt = tmp_path / "broken.nt"
    nt.write_text("<http://x/a> <http://x/b> <http://x/c> .\n<http://x/a> <http://x/b> .\n", encoding="utf-8")
    result = run_cli("validate", str(nt))
    assert result.returncode == ExitCode.UNREADABLE and "broken.nt:2:" in result.stderr
    assert run_cli("validate", str(tmp_path / "missing.ttl")).returncode == ExitCode.UNREADABLE


@pytest.mark.cli
def test_warnings_fail_only_when_asked(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <http://x/S> a sh:NodeShape ; sh:targetNode <http://x/a> ;
            sh:property [ sh:path <http://x/label> ; sh:minCount 1 ; sh:severity sh:Warning ] .""", encoding="utf-8")
    data = tmp_path / "data.nt"
    data.write_text("<http://x/a> <http://x/b> <http://x/c> .\n", encoding="utf-8")
    assert run_cli("validate", str(data), "--shapes", str(shapes)).returncode == ExitCode.OK
    result = run_cli("validate", str(data), "--shapes", str(shapes), "--fail-on", "warning")
    assert result.returncode == ExitCode.INVALID


@pytest.mark.cli
def test_the_ep_view_against_the_eps_shapes_through_the_command_line(tmp_path: Path) -> None:
    assert run_cli("convert", "-o", str(tmp_path)).returncode == 0
    result = run_cli("validate", str(tmp_path / "000_50d7cb4445c31f01.ep.ttl"), "--shapes", "ep")
    assert result.returncode == ExitCode.INVALID
    assert "3 violation(s)" in result.stdout


@pytest.mark.shacl
def test_documents_with_more_than_26_recitals_validate() -> None:
    rng = random.Random(3)
    spec = make_spec(rng, "nld")
    while len(spec.recitals) <= 27:
        spec = make_spec(rng, "nld")
    document = parse(render(spec, "pdf", rng))
    assert document.recitals[26].label == "AA"
    report = validate(build(document, link(document)))
    assert report.conforms, report.findings
