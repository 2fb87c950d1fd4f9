"""Links from units to actors and acts, against a gold file written by reading the seed."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, SKOS
from samples import WORDS, make_spec, render

from converter.link import link
from converter.model import Document
from converter.rdf import build
from converter.readers import parse
from converter.resources import turtle
from converter.vocab import ELI, EPR, OA, REGISTRY_FILES

HERE = Path(__file__).parent
GOLD = json.loads((HERE / "golden" / "seed-links.json").read_text(encoding="utf-8"))
ACTOR = "https://w3id.org/eprdf/actor/"
BASE = "https://w3id.org/eprdf/"


def expand(key: str) -> str:
    return key if key.startswith("http") else BASE + key


def test_actor_links_against_the_gold_file(seed: Document) -> None:
    links = link(seed)
    found = {(unit, actor) for unit, actors in links.actors().items() for actor in actors}
    gold = {(unit, ACTOR + a) for unit, entry in GOLD.items() if unit != "_about" for a in entry["actors"]}
    true = len(found & gold)
    precision, recall = true / len(found), true / len(gold)
    print(f"\nunit→actor links: {len(gold)} in the gold file, {len(found)} found, "
          f"precision {precision:.3f}, recall {recall:.3f}")
    print("missed:", sorted(gold - found), "extra:", sorted(found - gold))
    assert precision >= 0.97 and recall >= 0.97


def test_acts_are_cited_from_the_right_units_with_exactly_the_right_iris(seed: Document) -> None:
    cited = link(seed).cited(seed)
    for unit, entry in GOLD.items():
        if unit != "_about":
            assert cited.get(unit, set()) == {expand(a) for a in entry["acts"]}, unit


def test_every_eli_given_in_the_seed_is_used_exactly(seed: Document) -> None:
    acts = {a.iri for a in link(seed).acts}
    for eli in ("http://data.europa.eu/eli/reg/2026/261/oj", "http://data.europa.eu/eli/dir/2001/55/oj",
                "http://data.europa.eu/eli/C/2024/6745/oj", "http://data.europa.eu/eli/compos/2001/931/oj"):
        assert eli in acts


def test_act_titles_come_from_the_footnotes(seed: Document) -> None:
    titles = {a.iri: a.title for a in link(seed).acts}
    assert titles["http://data.europa.eu/eli/dir/2001/55/oj"].startswith("Richtlijn 2001/55/EG van de Raad van 20 juli")
    assert titles["http://data.europa.eu/eli/dir/2001/55/oj"].endswith("van de opvang van deze personen")
    assert titles["http://publications.europa.eu/resource/celex/52026PC0020"].startswith("Voorstel van de Commissie")
    assert titles["http://data.europa.eu/eli/compos/2001/931/oj"] is None  # footnote 5 gives no title


def test_every_mention_selects_exactly_its_surface_string(seed: Document) -> None:
    graph = build(seed, link(seed))
    texts = {s: str(o) for s, o in graph.subject_objects(EPR.text)}
    annotations = list(graph.subjects(RDF.type, OA.Annotation))
    assert len(annotations) > 300
    for ann in annotations:
        target = graph.value(ann, OA.hasTarget)
        source = graph.value(target, OA.hasSource)
        selectors = list(graph.objects(target, OA.hasSelector))
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in graph)
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in graph)
        start, end = int(graph.value(position, OA.start)), int(graph.value(position, OA.end))
        assert texts[source][start:end] == str(graph.value(quote, OA.exact)), ann


def test_one_direct_triple_per_unit_and_actor(seed: Document) -> None:
    graph = build(seed, link(seed))
    belarus = URIRef(ACTOR + "country/BLR")
    units = sorted(str(s).rsplit("~", 1)[1] for s in graph.subjects(EPR.mentions, belarus))
    assert units == ["para_11", "para_2", "recs__rec_C", "recs__rec_H"]
    directive = URIRef("http://data.europa.eu/eli/dir/2001/55/oj")
    assert sorted(str(s).rsplit("~", 1)[1] for s in graph.subjects(EPR.cites, directive)) == [
        "para_18", "para_18__authorialNote_1"]


# Identifiers docs/identifiers.md lists as verified (countries are checked against their tables below).
VERIFIED = {
    "http://www.wikidata.org/entity/" + q for q in
    ("Q458", "Q8889", "Q8896", "Q8880", "Q8886", "Q672941", "Q7184", "Q8908", "Q1065", "Q37470", "Q47423",
     "Q47488", "Q41984", "Q81299", "Q148")
} | {
    "http://publications.europa.eu/resource/authority/corporate-body/" + c for c in
    ("EURUN", "EP", "CONSIL", "COM", "EURCOU", "HRUFASP", "EEAS", "NATO", "COU_EUR")
} | {"https://data.europarl.europa.eu/org/EU_PARLIAMENT"}


def test_no_identity_link_without_a_verified_source() -> None:
    with (HERE / "data" / "wikidata-countries.tsv").open(encoding="utf-8") as handle:
        qids_by_name = {row["label_en"]: row["qid"] for row in csv.DictReader(handle, delimiter="\t")}
    graph = turtle(*REGISTRY_FILES)
    for actor, match in graph.subject_objects(SKOS.exactMatch):
        iri = str(match)
        if str(actor).startswith(ACTOR + "country/"):
            code = str(actor).rsplit("/", 1)[1]
            if "wikidata" in iri:
                names = {str(label) for prop in (SKOS.prefLabel, SKOS.altLabel)
                         for label in graph.objects(actor, prop) if label.language == "en"}
                assert iri in VERIFIED or any(qids_by_name.get(n) == iri.rsplit("/", 1)[1] for n in names), actor
            else:
                assert iri == f"http://publications.europa.eu/resource/authority/country/{code}", actor
        else:
            assert iri in VERIFIED, (actor, iri)
    unverified = [a for a in graph.subjects(RDF.type, SKOS.Concept)
                  if not str(a).startswith(ACTOR + "country/") and (a, SKOS.exactMatch, None) not in graph]
    assert unverified
    for actor in unverified:
        assert graph.value(actor, SKOS.editorialNote) is not None, actor


@pytest.mark.parametrize(("text", "expected"), [
    ("verzoekt de Raad om sancties;", {"council-of-the-eu"}),
    ("het besluit van de Europese Raad;", {"european-council"}),
    ("de Raad van Europa en de Raad;", {"council-of-europe", "council-of-the-eu"}),
    ("verzoekt de Commissie en de bevoegde commissie;", {"european-commission"}),
    ("de doelstellingen van de Unie;", {"european-union"}),
    ("los te maken van het Patriarchaat Moskou;", {"moscow-patriarchate"}),
    ("overeenkomstig artikel 51 van het VN-Handvest;", set()),
    ("de Verchovna Rada en de Verkhovna Rada;", {"verkhovna-rada"}),
    ("Russische troepen en de Russische Federatie en Rusland;", {"country/RUS"}),
    ("de VS, de Verenigde Staten en de Amerikaanse regering;", {"country/USA"}),
    ("de NAVO en de Noord-Atlantische Verdragsorganisatie;", {"nato"}),
    # the Parliament's name for Belarus before 2020 (resolution of 2006 on Belarus, paragraph 19)
    ("de presidentsverkiezingen in Wit-Rusland; het beleid van de Europese Unie ten aanzien van Wit-Rusland;",
     {"country/BLR", "european-union"}),
])
def test_disambiguation(text: str, expected: set[str], seed: Document) -> None:
    assert _actors(text, "nld") == {ACTOR + e for e in expected}


def test_the_french_texts_name_belarus_as_the_parliament_does() -> None:
    # the 2006 resolution on Belarus, paragraph 19, in French: "l'élection présidentielle au Belarus"
    assert _actors("la conduite de l'élection présidentielle au Belarus et à ses résultats;", "fra") == {
        ACTOR + "country/BLR"}


@pytest.mark.parametrize(("language", "text", "surface", "actor"), [
    # TA-9-2021-0420_DE, first citation
    ("deu", "unter Hinweis auf seine vorangegangenen Entschließungen zu Belarus",
     "seine vorangegangenen Entschließungen", "country/BLR"),
    # TA-8-2018-0383_FR, first citation
    ("fra", "vu ses résolutions antérieures sur le Yémen", "ses résolutions antérieures", "country/YEM"),
])
def test_earlier_resolutions_are_a_reference_in_other_languages(language: str, text: str, surface: str,
                                                                actor: str) -> None:
    document = parse(f"P10_TA(2026)0001\nT\n{_long_title(language)}\n\n{WORDS[language]['formula']}\n\n"
                     f"1. {text}.\n")
    links = link(document)
    assert [m.surface for m in links.mentions if m.kind == "reference"] == [surface]
    assert links.actors()["para_1"] == {ACTOR + actor}


def _actors(text: str, language: str) -> set[str]:
    unit = f"P10_TA(2026)0001\nT\n{_long_title(language)}\n\n{WORDS[language]['formula']}\n\n1. {text[:-1]}.\n"
    document = parse(unit)
    return link(document).actors().get("para_1", set())


def _long_title(language: str) -> str:
    return WORDS[language]["long"].format(day=1, month=WORDS[language]["months"][0], year=2026,
                                          proc="2026/0001(RSP)")


@pytest.mark.parametrize(("language", "text", "iri"), [
    ("nld", "Uitvoeringsverordening (EU) 2024/1234 van de Raad;", "http://data.europa.eu/eli/reg_impl/2024/1234/oj"),
    ("nld", "Besluit (GBVB) 2022/266 van de Raad;", "http://data.europa.eu/eli/dec/2022/266/oj"),
    ("nld", "Verordening (EG) nr. 765/2006 van de Raad;", "http://data.europa.eu/eli/reg/2006/765/oj"),
    ("nld", "Gemeenschappelijk Standpunt 2001/931/GBVB;", "http://data.europa.eu/eli/compos/2001/931/oj"),
    ("nld", "overeenkomstig artikel 4, lid 3, VEU;", "http://data.europa.eu/eli/treaty/teu_2016/art_4/par_3/oj"),
    ("nld", "het Verdrag betreffende de werking van de Europese Unie;", "http://data.europa.eu/eli/treaty/tfeu_2016/oj"),
    ("eng", "Regulation (EU) 2026/261 of the European Parliament;", "http://data.europa.eu/eli/reg/2026/261/oj"),
    ("eng", "Directive 2001/55/EC;", "http://data.europa.eu/eli/dir/2001/55/oj"),
    ("eng", "Council Regulation (EC) No 765/2006;", "http://data.europa.eu/eli/reg/2006/765/oj"),
    ("eng", "Article 42(7) TEU;", "http://data.europa.eu/eli/treaty/teu_2016/art_42/par_7/oj"),
    ("eng", "the Commission proposal (COM(2026)0020);", "http://publications.europa.eu/resource/celex/52026PC0020"),
    ("eng", "its resolution (OJ C, C/2024/6745, ELI: http://data.europa.eu/eli/C/2024/6745/oj);",
     "http://data.europa.eu/eli/C/2024/6745/oj"),
])
def test_act_citations(language: str, text: str, iri: str) -> None:
    document = parse(f"P10_TA(2026)0001\nT\n{_long_title(language)}\n\n{WORDS[language]['formula']}\n\n"
                     f"1. {text[:-1]}.\n")
    assert link(document).cited(document)["para_1"] == {iri}


def test_a_com_document_without_a_kind_stays_unresolved() -> None:
    document = parse(f"P10_TA(2026)0001\nT\n{_long_title('eng')}\n\nThe European Parliament,\n\n"
                     "1. notes COM(2026)0020.\n")
    links = link(document)
    assert [m.target for m in links.mentions if m.kind == "act"] == [None]
    assert [w.code for w in links.warnings] == ["unresolved-reference"]
    graph = build(document, links)
    (node,) = graph.subjects(EPR.unresolved, None)
    assert "celex" not in str(node) and str(node).endswith("/reference/6-19")


# What each fragment of the generated documents names, in both languages.
FRAGMENT_ACTORS = {
    0: {"council-of-the-eu", "european-commission", "european-union", "country/RUS"},
    1: {"country/BLR", "country/RUS"},
    2: {"member-states", "country/UKR"},
    3: {"country/USA", "nato", "european-union"},
    4: {"country/UKR"},
}


@pytest.mark.parametrize("language", ["nld", "eng"])
def test_the_same_actors_are_linked_in_dutch_and_english(language: str) -> None:
    rng = random.Random(7)
    spec = make_spec(rng, language)
    document = parse(render(spec, "web", rng))
    fragments = WORDS[language]["fragments"]
    actors = link(document).actors()
    for unit, text in zip(document.recitals, spec.recitals, strict=True):
        expected = set().union(*(FRAGMENT_ACTORS[i] for i, f in enumerate(fragments) if f in text))
        assert actors.get(unit.eid, set()) == {ACTOR + e for e in expected}, unit.eid


def test_an_act_named_in_another_acts_title_is_amended_not_cited(seed: Document) -> None:
    found = link(seed)
    amending, amended = "http://data.europa.eu/eli/reg/2026/261/oj", "http://data.europa.eu/eli/reg/2017/1938/oj"
    assert found.amends == ((amending, amended),)
    assert amended not in found.cited(seed).get("para_16", set())
    assert (URIRef(amending), ELI.amends, URIRef(amended)) in build(seed, found)


def test_references_without_identifier_are_kept_as_unresolved_references(seed: Document) -> None:
    """Read off the text: five documents it names without giving an identifier."""
    found = link(seed)
    unresolved = sorted((m.unit, m.surface) for m in found.mentions if m.target is None)
    assert unresolved == [("cits__cit_1", "zijn eerdere resoluties"),
                          ("para_12", "het besluit van de Europese Raad van 18 december 2025"),
                          ("para_13", "het voorstel van de Commissie voor een herstelbetalingslening"),
                          ("para_16", "REPowerEU-routekaart"), ("para_25", "blokkeringsverordening")]
    assert sum(w.code == "unresolved-reference" for w in found.warnings) == 5
    # the actors named inside them are still mentions
    assert "https://w3id.org/eprdf/actor/european-council" in found.actors()["para_12"]
