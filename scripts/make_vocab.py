"""Regenerate ontology/countries.ttl, ontology/institutions.ttl and ontology/act-types.ttl from
the EU Publications Office tables and the Wikidata country list kept in ../shared/vocab (a
development-time step; the generated files are committed and are what the program reads).

Run: .venv/bin/python scripts/make_vocab.py [VOCAB_DIR]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from converter.vocab import DATA_LICENCE

ROOT = Path(__file__).resolve().parent.parent
EPR = Namespace("https://w3id.org/eprdf/ontology#")
ACTOR = Namespace("https://w3id.org/eprdf/actor/")
ACT_TYPE = Namespace("https://w3id.org/eprdf/act-type/")
OP = "http://publications.europa.eu/resource/authority/"
OPA = Namespace("http://publications.europa.eu/ontology/authority/")
WIKIDATA = "http://www.wikidata.org/entity/"
EU_LANGUAGES = {"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
                "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"}
# Entries of the Countries table that the registry holds as actors of their own: EUR is the European
# Union (actors.ttl: actor:european-union, with the same identifiers).
NOT_COUNTRIES = {"EUR"}
# Act types the citation finder knows, with the ELI type segment of each (docs/identifiers.md).
ACT_TYPES = ["REG", "REG_IMPL", "REG_DEL", "DIR", "DIR_IMPL", "DIR_DEL", "DEC", "DEC_IMPL", "DEC_DEL",
             "DEC_FRAMW", "COMPOS", "JOINT_ACTION"]


def scheme(graph: Graph, node: URIRef, title: str, source: str) -> None:
    graph.add((node, RDF.type, SKOS.ConceptScheme))
    graph.add((node, DCTERMS.title, Literal(title, lang="en")))
    graph.add((node, DCTERMS.source, Literal(source, lang="en")))
    graph.add((node, DCTERMS.license, DATA_LICENCE))


def countries(vocab: Path) -> Graph:
    op = Graph().parse(vocab / "op-country-skos.rdf", format="xml")
    qids: dict[str, list[str]] = {}
    with (vocab / "wikidata-countries.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            qids.setdefault(row["label_en"], []).append(row["qid"])
    out = Graph()
    out.bind("skos", SKOS)
    out.bind("epr", EPR)
    # The countries join the actor registry's scheme, which actors.ttl declares and names; this
    # file says only where its part of the registry comes from.
    out.add((ACTOR[""], DCTERMS.source, Literal(
        "EU Publications Office Countries table (op-country-skos.rdf, NAL 20221214-0) and Wikidata QIDs "
        "(wikidata-countries.tsv), matched on the English name: the countries; see ontology/SOURCES.txt",
        lang="en")))
    for concept in sorted(set(op.subjects(SKOS.inScheme, URIRef(OP + "country")))):
        if str(op.value(concept, OPA.deprecated)) == "true":
            continue
        code = str(concept).rsplit("/", 1)[1]
        if code in NOT_COUNTRIES:
            continue
        node = ACTOR[f"country/{code}"]
        out.add((node, RDF.type, SKOS.Concept))
        out.add((node, RDF.type, EPR.TLCOrganization))
        out.add((node, SKOS.inScheme, ACTOR[""]))
        out.add((node, SKOS.notation, Literal(code)))
        out.add((node, SKOS.exactMatch, concept))
        english = set()
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in op.objects(concept, prop):
                if label.language in EU_LANGUAGES:
                    out.add((node, prop, label))
                    if label.language == "en":
                        english.add(str(label))
        found = {q for name in english for q in qids.get(name, [])}
        if len(found) == 1:
            out.add((node, SKOS.exactMatch, URIRef(WIKIDATA + found.pop())))
    return out


def act_types(vocab: Path) -> Graph:
    op = Graph().parse(vocab / "op-resource-type-skos.rdf", format="xml")
    out = Graph()
    out.bind("skos", SKOS)
    scheme(out, ACT_TYPE[""], "Act types the citation finder knows",
           "EU Publications Office Resource Types table (op-resource-type-skos.rdf); see ontology/SOURCES.txt")
    for code in ACT_TYPES:
        concept = URIRef(OP + "resource-type/" + code)
        node = ACT_TYPE[code]
        out.add((node, RDF.type, SKOS.Concept))
        out.add((node, SKOS.inScheme, ACT_TYPE[""]))
        out.add((node, SKOS.notation, Literal(code.lower())))
        out.add((node, SKOS.exactMatch, concept))
        for label in op.objects(concept, SKOS.prefLabel):
            if label.language in EU_LANGUAGES:
                out.add((node, SKOS.prefLabel, label))
    return out


def institutions(vocab: Path) -> Graph:
    """The names of the registry's EU institutions and bodies in every EU language, from the
    Corporate bodies table: its preferred name becomes a preferred label where the curated registry
    has none in that language (an alternative label where it has one), its short names
    alternative labels."""
    table = Graph().parse(vocab / "op-nal-extract.ttl", format="turtle")
    curated = Graph().parse(ROOT / "ontology" / "actors.ttl", format="turtle")
    out = Graph()
    out.bind("skos", SKOS)
    out.bind("actor", ACTOR)
    for actor, body in sorted(curated.subject_objects(SKOS.exactMatch)):
        if not str(body).startswith(OP + "corporate-body/") or (body, SKOS.prefLabel, None) not in table:
            continue
        named = {label.language for label in curated.objects(actor, SKOS.prefLabel)}
        known = set(curated.objects(actor, SKOS.prefLabel)) | set(curated.objects(actor, SKOS.altLabel))
        preferred = {label for label in table.objects(body, SKOS.prefLabel) if label.language not in named}
        for prop, labels in ((SKOS.prefLabel, preferred),
                             (SKOS.altLabel, (set(table.objects(body, SKOS.prefLabel)) - preferred) |
                              set(table.objects(body, SKOS.altLabel)))):
            for label in labels:
                if label.language in EU_LANGUAGES and label not in known and (prop == SKOS.prefLabel or
                                                                            label not in preferred):
                    out.add((actor, prop, label))
    return out


def main() -> None:
    vocab = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "vocab"
    countries(vocab).serialize(ROOT / "ontology" / "countries.ttl", format="turtle")
    act_types(vocab).serialize(ROOT / "ontology" / "act-types.ttl", format="turtle")
    institutions(vocab).serialize(ROOT / "ontology" / "institutions.ttl", format="turtle")


if __name__ == "__main__":
    main()
