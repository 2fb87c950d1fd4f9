"""The description every publication carries of what it publishes, in VoID and DCAT-AP 3.

VoID says how many triples, entities, subjects, objects, classes and properties the dataset has,
how many of each class and of each property, which vocabularies it uses, and how many links it
holds into Wikidata, ELI, EUR-Lex (by CELEX number) and the European Parliament's data. DCAT-AP
describes the catalogue, the dataset (languages, period covered, licence, the rights in the text),
one distribution per download and one through the SPARQL endpoint, and the endpoint as a data
service. ``validate_dataset`` checks a description against DCAT-AP 3.0.1's shapes.

Every count is a SPARQL query over the store's published graphs: each document's, the ontology's
and the actor registry's, which is what a dump or the endpoint gives; not the store's bookkeeping
(the derived graph of tallies, the record of the vocabulary files it holds). A triple in several
graphs counts once. Nothing depends on the clock: the period covered runs from the first to the
last date of adoption, so the same store gives the same description.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, VOID

from ..checks.shacl import DEFAULT_ENGINE, Report, dcat_ap_shapes, validate
from ..errors import UsageError
from ..ids import DatasetIris, check_base
from ..store import Store
from ..vocab import (
    CELEX,
    DATA_LICENCE,
    DEFAULT_BASE,
    ELI,
    ELI_DATA,
    ELI_DL,
    EP_DATA,
    EP_LEGAL_NOTICE,
    EPVOC,
    OP_AUTHORITY,
    OP_FILE_TYPES,
    QUAD_FORMATS,
    RDF_FORMATS,
    Format,
    ep_rights,
    media_type_iri,
    op_language,
)
from .describe import INTERNAL

# The language the description is written in (the Publications Office's table; this entry is the
# example the EP's adopted-texts shapes give for a language).
DESCRIPTION_LANGUAGE = op_language("eng")
# The "latest version" address the W3C gives for the SPARQL 1.1 Protocol.
SPARQL_PROTOCOL = URIRef("http://www.w3.org/TR/sparql11-protocol/")
EXAMPLES = 3
KEYWORDS = ("European Parliament", "texts adopted", "resolutions", "Akoma Ntoso", "ELI", "linked open data")
FORMAT_NAMES = {"text/turtle": "Turtle", "application/ld+json": "JSON-LD", "application/n-triples": "N-Triples",
                "application/rdf+xml": "RDF/XML", "application/n-quads": "N-Quads", "application/trig": "TriG"}


@dataclass(frozen=True)
class Target:
    """A dataset others publish that the data links into: the IRIs of its resources begin with one
    of ``spaces``; those that begin with one of ``vocabularies`` are its terms, whose use is not a
    link to its data."""

    key: str
    title: str
    spaces: tuple[str, ...]
    homepage: str | None = None
    vocabularies: tuple[str, ...] = ()


TARGETS = (
    Target("wikidata", "Wikidata", ("http://www.wikidata.org/entity/",), "https://www.wikidata.org/"),
    Target("eli", "EU legislation by its European Legislation Identifier (ELI)", (f"{ELI_DATA}/",),
           "https://eur-lex.europa.eu/", (f"{ELI_DATA}/ontology", str(ELI_DL))),
    Target("celex", "EU documents by their CELEX number (EUR-Lex)", (f"{CELEX}/",), "https://eur-lex.europa.eu/"),
    Target("europarl", "The European Parliament's open data", (f"{EP_DATA}/",), "https://data.europarl.europa.eu/",
           (str(EPVOC),)),
    Target("op-authority", "The Publications Office's authority tables", (f"{OP_AUTHORITY}/",)),
)


@dataclass(frozen=True)
class Measures:
    """What the queries found in the published graphs."""

    triples_by_property: dict[str, int]
    entities_by_class: dict[str, int]
    entities: int
    subjects: int
    objects: int
    links: dict[tuple[str, str], int]  # (target key, predicate) → triples
    languages: tuple[str, ...]
    period: tuple[Literal, Literal] | None
    examples: tuple[str, ...]

    @property
    def triples(self) -> int:
        return sum(self.triples_by_property.values())


def published_graphs(store: Store) -> list[str]:
    """The named graphs a publication offers, in a dump or at its endpoint: every document's, the
    ontology's and the actor registry's; not the store's bookkeeping."""
    internal = {graph.value for graph in INTERNAL}
    return [graph for graph in store.graphs() if graph not in internal]


def describe_dataset(store: Store, base: str = DEFAULT_BASE, sparql_endpoint: str | None = None,
                     dumps: Mapping[str, str] | None = None) -> Graph:
    """The VoID and DCAT-AP description of what ``store`` publishes under ``base``.

    ``sparql_endpoint``: the URL of the SPARQL endpoint offered, if any (a data service, a
    distribution and ``void:sparqlEndpoint``). ``dumps``: each download offered, by the extension
    of its syntax (``nq``, ``trig``, ``ttl``, ``nt``, ``jsonld``, ``rdf``) → its URL, which may be
    relative to the base. The graph has no blank nodes, so ``rdf.export.serialize`` writes it.
    """
    try:
        base = check_base(base)
    except ValueError as exc:
        raise UsageError("base", str(exc)) from None
    endpoint = _url(base, sparql_endpoint, "sparql endpoint") if sparql_endpoint is not None else None
    downloads = {ext: (_dump_format(ext), _url(base, url, f"dump {ext}")) for ext, url in sorted((dumps or {}).items())}
    iris = DatasetIris(base)
    measures = measure(store, base)
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("void", VOID), ("rdfs", RDFS),
                              ("xsd", XSD)):
        graph.bind(prefix, namespace)
    _void(graph, iris, measures, base, endpoint, [url for _, url in downloads.values()])
    _dcat(graph, iris, measures, endpoint, downloads)
    return graph


def validate_dataset(graph: Graph, engine: str = DEFAULT_ENGINE) -> Report:
    """Validate a description against DCAT-AP 3.0.1's shapes (shapes/dcat-ap/), the description alone."""
    return validate(graph, dcat_ap_shapes(), Graph(), engine)


def measure(store: Store, base: str) -> Measures:
    """Count, by SPARQL over the store's published graphs (the period, the languages and the
    example works over the documents' graphs alone).

    Where a count depends on an IRI's text (the entities under the base, the objects in others'
    IRI spaces), the query gives each distinct node once and the text is tested here: testing it
    in SPARQL for every triple took twice as long on a store on disk."""
    published = published_graphs(store)
    every, documents = _values(published), _values(store.documents())
    space = f"{base}/"

    def ask(query: str, graphs: str = every, **more: str) -> Iterator[tuple[ox.NamedNode | ox.Literal, ...]]:
        # one pass, so that no IRI put in is read as a placeholder
        values = {"GRAPHS": graphs, "SPACE": str(ox.Literal(space)), **more}
        text = re.sub(r"\b(?:GRAPHS|SPACE|OBJECTS|HIDDEN)\b", lambda m: values[m.group()], query)
        return (tuple(row) for row in store.store.query(text, use_default_graph_as_union=True))

    subjects = entities = 0
    for (subject,) in ask(SUBJECTS):
        subjects += 1
        entities += isinstance(subject, ox.NamedNode) and subject.value.startswith(space)
    linked = {o: target for (o,) in ask(IRI_OBJECTS) if (target := _target(o.value)) is not None}
    links: Counter[tuple[str, str]] = Counter()
    if linked:
        hidden = ", ".join(str(ox.NamedNode(g)) for g in sorted(set(store.graphs()) - set(published)))
        for o, p, n in ask(LINKS, OBJECTS=" ".join(map(str, linked)), HIDDEN=hidden):
            links[(linked[o].key, p.value)] += int(n.value)
    (objects,), = ask(OBJECTS)
    (first, last), = list(ask(PERIOD, documents)) or [(None, None)]
    return Measures(
        triples_by_property={p.value: int(n.value) for p, n in ask(BY_PROPERTY)},
        entities_by_class={c.value: int(n.value) for c, n in ask(BY_CLASS)},
        entities=entities, subjects=subjects, objects=int(objects.value), links=dict(links),
        languages=tuple(row[0].value for row in ask(LANGUAGES, documents)),
        period=(_date(first), _date(last)) if first is not None and last is not None else None,
        examples=tuple(row[0].value for row in ask(WORKS, documents)),
    )


# Each query reads the graphs bound to ?graph. A triple is counted once, whatever number of
# graphs hold it (the store's union of graphs repeats it).
BY_PROPERTY = """SELECT ?p (COUNT(*) AS ?n) WHERE {
  { SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?graph { GRAPHS } GRAPH ?graph { ?s ?p ?o } } }
} GROUP BY ?p"""
BY_CLASS = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?graph { GRAPHS } GRAPH ?graph { ?s a ?class FILTER (isIRI(?class)) }
} GROUP BY ?class"""
SUBJECTS = """SELECT DISTINCT ?s WHERE { VALUES ?graph { GRAPHS } GRAPH ?graph { ?s ?p ?o } }"""
OBJECTS = """SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { VALUES ?graph { GRAPHS } GRAPH ?graph { ?s ?p ?o } }"""
IRI_OBJECTS = """SELECT DISTINCT ?o WHERE { VALUES ?graph { GRAPHS } GRAPH ?graph { ?s ?p ?o } FILTER (isIRI(?o)) }"""
# The triples whose object is one of OBJECTS, found from the objects (the store's index by
# object); the graph is then one of the published ones (not one of HIDDEN). A type is not a link.
LINKS = """SELECT ?o ?p (COUNT(*) AS ?n) WHERE {
  { SELECT DISTINCT ?s ?p ?o WHERE {
      VALUES ?o { OBJECTS } GRAPH ?graph { ?s ?p ?o }
      FILTER (?graph NOT IN (HIDDEN) && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) } }
} GROUP BY ?o ?p"""
PERIOD = f"""SELECT (MIN(?date) AS ?first) (MAX(?date) AS ?last) WHERE {{
  VALUES ?graph {{ GRAPHS }} GRAPH ?graph {{ ?work <{ELI.is_realized_by}> ?expression ; <{ELI.date_document}> ?date }}
}}"""
LANGUAGES = f"""SELECT DISTINCT ?language WHERE {{
  VALUES ?graph {{ GRAPHS }} GRAPH ?graph {{ ?expression <{ELI.language}> ?language FILTER (isIRI(?language)) }}
}} ORDER BY ?language"""
# Works of ours (the EP's view of a document names the EP's work).
WORKS = f"""SELECT DISTINCT ?work WHERE {{
  VALUES ?graph {{ GRAPHS }} GRAPH ?graph {{ ?work <{ELI.is_realized_by}> ?expression }}
  FILTER (STRSTARTS(STR(?work), SPACE))
}} ORDER BY ?work LIMIT {EXAMPLES}"""


def _target(iri: str) -> Target | None:
    """The dataset of others an IRI names a resource of, if any."""
    return next((t for t in TARGETS if iri.startswith(t.spaces) and not iri.startswith(t.vocabularies)), None)


def _values(graphs: list[str]) -> str:
    return " ".join(str(ox.NamedNode(g)) for g in graphs)


def _date(term: ox.NamedNode | ox.Literal) -> Literal:
    datatype = term.datatype.value if isinstance(term, ox.Literal) else None
    return Literal(term.value, datatype=URIRef(datatype) if datatype else None)


def _dump_format(extension: str) -> Format:
    known = {ext: f for f in (*QUAD_FORMATS, *RDF_FORMATS) for ext in f.extensions}
    if extension not in known:
        raise UsageError(f"dump {extension}", "not an RDF syntax the description knows",
                         expected=", ".join(sorted(known)))
    return known[extension]


def _url(base: str, url: str, what: str) -> URIRef:
    """``url`` resolved against the base, if it is an IRI once resolved."""
    resolved = urljoin(f"{base}/", url)
    try:
        ox.NamedNode(resolved)
    except ValueError:
        raise UsageError(what, "not a URL", found=url) from None
    return URIRef(resolved)


def _namespace(iri: str) -> str:
    """A term's vocabulary: its IRI up to the last "#" or "/" (none for an IRI without either)."""
    return iri[:max(iri.rfind("#"), iri.rfind("/")) + 1]


def _void(g: Graph, iris: DatasetIris, m: Measures, base: str, endpoint: URIRef | None,
          downloads: list[URIRef]) -> None:
    dataset = iris.dataset
    g.add((dataset, RDF.type, VOID.Dataset))
    for p, count in ((VOID.triples, m.triples), (VOID.entities, m.entities), (VOID.distinctSubjects, m.subjects),
                     (VOID.distinctObjects, m.objects), (VOID.classes, len(m.entities_by_class)),
                     (VOID.properties, len(m.triples_by_property))):
        g.add((dataset, p, Literal(count)))
    g.add((dataset, VOID.uriSpace, Literal(f"{base}/")))
    if endpoint is not None:
        g.add((dataset, VOID.sparqlEndpoint, endpoint))
    for url in downloads:
        g.add((dataset, VOID.dataDump, url))
    for vocabulary in {_namespace(t) for t in (*m.triples_by_property, *m.entities_by_class)} - {""}:
        g.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for work in m.examples:
        g.add((dataset, VOID.exampleResource, URIRef(work)))
    for cls, count in m.entities_by_class.items():
        partition = iris.class_partition(cls)
        g.add((dataset, VOID.classPartition, partition))
        g.add((partition, RDF.type, VOID.Dataset))
        g.add((partition, VOID["class"], URIRef(cls)))
        g.add((partition, VOID.entities, Literal(count)))
    for prop, count in m.triples_by_property.items():
        partition = iris.property_partition(prop)
        g.add((dataset, VOID.propertyPartition, partition))
        g.add((partition, RDF.type, VOID.Dataset))
        g.add((partition, VOID.property, URIRef(prop)))
        g.add((partition, VOID.triples, Literal(count)))
    for target in TARGETS:
        found = {p: n for (key, p), n in m.links.items() if key == target.key}
        if not found:
            continue
        other = iris.target(target.key)
        g.add((other, RDF.type, VOID.Dataset))
        g.add((other, DCTERMS.title, Literal(target.title, lang="en")))
        if target.homepage is not None:
            g.add((other, FOAF.homepage, URIRef(target.homepage)))
        for space in target.spaces:
            g.add((other, VOID.uriSpace, Literal(space)))
        for predicate, count in found.items():
            linkset = iris.linkset(target.key, predicate)
            g.add((dataset, VOID.subset, linkset))
            g.add((linkset, RDF.type, VOID.Linkset))
            g.add((linkset, VOID.subjectsTarget, dataset))
            g.add((linkset, VOID.objectsTarget, other))
            g.add((linkset, VOID.linkPredicate, URIRef(predicate)))
            g.add((linkset, VOID.triples, Literal(count)))


def _dcat(g: Graph, iris: DatasetIris, m: Measures, endpoint: URIRef | None,
          downloads: dict[str, tuple[Format, URIRef]]) -> None:
    """The DCAT-AP classes, each with what DCAT-AP requires and what it recommends where the value is
    known. The shapes check the class of every object (no inference): the classes stated of others'
    IRIs (a language, a media type, the licence) are the ranges their properties declare."""
    catalogue, dataset, publisher = iris.catalogue, iris.dataset, iris.publisher
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal("The eprdf project", lang="en")))
    g.add((DATA_LICENCE, RDF.type, DCTERMS.LicenseDocument))
    if m.period is not None:  # the data holds texts of the European Parliament's
        years = "–".join(sorted({str(date)[:4] for date in m.period}))
        g.add((iris.rights, RDF.type, DCTERMS.RightsStatement))
        g.add((iris.rights, RDFS.label, Literal(f"The European Parliament's text in the data: {ep_rights(years)}. Its "
                                                "reuse is authorised on the terms of the European Parliament's legal "
                                                "notice.", lang="en")))
        g.add((iris.rights, RDFS.seeAlso, URIRef(EP_LEGAL_NOTICE)))

    g.add((catalogue, RDF.type, DCAT.Catalog))
    g.add((catalogue, DCTERMS.title, Literal("Texts adopted by the European Parliament as linked open data",
                                             lang="en")))
    g.add((catalogue, DCTERMS.description, Literal(
        "The texts adopted by the European Parliament converted to linked open data by eprdf: the dataset, its "
        "downloads and the services that serve it.", lang="en")))
    g.add((catalogue, DCTERMS.publisher, publisher))
    g.add((catalogue, DCTERMS.license, DATA_LICENCE))
    g.add((catalogue, DCTERMS.language, DESCRIPTION_LANGUAGE))
    g.add((DESCRIPTION_LANGUAGE, RDF.type, DCTERMS.LinguisticSystem))
    g.add((catalogue, FOAF.homepage, iris.homepage))
    g.add((iris.homepage, RDF.type, FOAF.Document))
    g.add((catalogue, DCAT.dataset, dataset))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("Texts adopted by the European Parliament", lang="en")))
    g.add((dataset, DCTERMS.description, Literal(
        "Texts adopted by the European Parliament (resolutions, legislative resolutions, decisions, "
        "recommendations), each a work with an expression per language: its citations, recitals, paragraphs and "
        "footnotes with their text, the actors each mentions and the acts each cites; with the ontology of its "
        "terms and the registry of the actors. Links to ELI and EUR-Lex for the acts, to Wikidata and the "
        "Publications Office's authority tables for the actors, and to the European Parliament's own data.",
        lang="en")))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCTERMS.license, DATA_LICENCE))
    if m.period is not None:
        g.add((dataset, DCTERMS.rights, iris.rights))
    for keyword in KEYWORDS:
        g.add((dataset, DCAT.keyword, Literal(keyword, lang="en")))
    for language in m.languages:
        g.add((dataset, DCTERMS.language, URIRef(language)))
        g.add((URIRef(language), RDF.type, DCTERMS.LinguisticSystem))
    if m.period is not None:
        g.add((dataset, DCTERMS.temporal, iris.period))
        g.add((iris.period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((iris.period, DCAT.startDate, m.period[0]))
        g.add((iris.period, DCAT.endDate, m.period[1]))

    for extension, (syntax, url) in downloads.items():
        name = FORMAT_NAMES[syntax.media_type]
        whole = (f"Every graph of the dataset in one {name} file: each document's, the ontology's and the actor "
                 "registry's as a named graph." if syntax in QUAD_FORMATS else
                 f"Every triple of the dataset in one {name} file, the graphs merged.")
        distribution = _distribution(g, iris, extension, f"The dataset as {name}", whole, url, m.period is not None)
        g.add((distribution, DCAT.downloadURL, url))
        media = media_type_iri(extension)
        g.add((distribution, DCAT.mediaType, media))
        g.add((media, RDF.type, DCTERMS.MediaType))
        file_type = OP_FILE_TYPES.get(syntax.media_type)
        if file_type is not None:
            g.add((distribution, DCTERMS["format"], file_type))
            g.add((file_type, RDF.type, DCTERMS.MediaTypeOrExtent))

    if endpoint is not None:
        service = iris.service
        g.add((catalogue, DCAT.service, service))
        g.add((service, RDF.type, DCAT.DataService))
        g.add((service, DCTERMS.title, Literal("SPARQL endpoint", lang="en")))
        g.add((service, DCTERMS.description, Literal(
            "SPARQL 1.1 queries over the dataset: each document's graph, the ontology's and the actor registry's.",
            lang="en")))
        g.add((service, DCAT.endpointURL, endpoint))
        g.add((service, DCAT.servesDataset, dataset))
        g.add((service, DCTERMS.conformsTo, SPARQL_PROTOCOL))
        g.add((SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard))
        g.add((service, DCTERMS.publisher, publisher))
        g.add((service, DCTERMS.license, DATA_LICENCE))
        g.add((service, DCAT.keyword, Literal("SPARQL", lang="en")))
        distribution = _distribution(g, iris, "sparql", "The dataset through its SPARQL endpoint",
                                     "The dataset as the SPARQL endpoint serves it.", endpoint, m.period is not None)
        g.add((distribution, DCAT.accessService, service))


def _distribution(g: Graph, iris: DatasetIris, name: str, title: str, description: str, access: URIRef,
                  rights: bool) -> URIRef:
    distribution = iris.distribution(name)
    g.add((iris.dataset, DCAT.distribution, distribution))
    g.add((distribution, RDF.type, DCAT.Distribution))
    g.add((distribution, DCTERMS.title, Literal(title, lang="en")))
    g.add((distribution, DCTERMS.description, Literal(description, lang="en")))
    g.add((distribution, DCAT.accessURL, access))
    g.add((distribution, DCTERMS.license, DATA_LICENCE))
    if rights:
        g.add((distribution, DCTERMS.rights, iris.rights))
    return distribution
