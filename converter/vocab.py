"""The project's tables: namespaces, document kinds, RDF formats and their media types, and the
EU's published IRIs the graph points at. One table per concern; every stage reads them here."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDFS, XSD, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

DEFAULT_BASE = "https://w3id.org/eprdf"
# Where the JSON-LD context (ontology/context.jsonld) is published, whatever --base the data uses:
# the JSON-LD files refer to it, and the program resolves it to its own copy, never fetching it.
CONTEXT_IRI = f"{DEFAULT_BASE}/context.jsonld"

EPR = Namespace("https://w3id.org/eprdf/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
EPVOC = Namespace("https://data.europarl.europa.eu/def/epvoc#")
ELI_DL = Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")

# Prefixes bound in the document graph (and so in its Turtle).
PREFIXES = {
    "epr": EPR, "eli": ELI, "dcterms": DCTERMS, "skos": SKOS, "prov": PROV, "owl": OWL, "oa": OA,
    "rdfs": RDFS, "xsd": XSD,
}

EP_DATA = "https://data.europarl.europa.eu"
OP_AUTHORITY = "http://publications.europa.eu/resource/authority"
ELI_DATA = "http://data.europa.eu/eli"
CELEX = "http://publications.europa.eu/resource/celex"
# IANA media types, as ELI's eli:media_type asks for them (its definition names this base, http).
IANA = "http://www.iana.org/assignments/media-types"
EP_TEXT_ADOPTED = URIRef(f"{EP_DATA}/def/ep-document-types/TEXT_ADOPTED")
EP_ORGANISATION = URIRef(f"{EP_DATA}/org/EU_PARLIAMENT")
OP_EP = URIRef(f"{OP_AUTHORITY}/corporate-body/EP")
OP_RESOURCE_TYPE = f"{OP_AUTHORITY}/resource-type"
# ELI type segments of the EU act types (act-types.ttl); OJ C items, treaties and COM documents differ.
ACT_TYPE_CODES = frozenset({"reg", "reg_impl", "reg_del", "dir", "dir_impl", "dir_del", "dec", "dec_impl",
                            "dec_del", "dec_framw", "compos", "joint_action"})

REGISTRY_BASE = "https://w3id.org/eprdf/actor/"
# The files of ontology/ that make up the actor registry.
REGISTRY_FILES = ("actors.ttl", "countries.ttl", "institutions.ttl", "forms.ttl")
# The operative verbs of clauses (a SKOS scheme with the forms of each language).
VERB_FILE = "verbs.ttl"
# … and the forms of the verbs in the languages beyond nl, en, fr and de.
VERB_FORM_FILES = (VERB_FILE, "verb-forms.ttl")
VERB_SCHEME = "https://w3id.org/eprdf/verb/"
# The act types the citation finder knows, and the forms of their names texts print.
ACT_TYPE_FILES = ("act-types.ttl", "act-type-forms.ttl")
ONTOLOGY_GRAPH = "https://w3id.org/eprdf/ontology"

# The licence of the data the project writes and publishes: converted graphs, ontology, registry and
# shapes (the software is EUPL-1.2, LICENSE). One spelling everywhere; ontology/eprdf.ttl states it too.
DATA_LICENCE = URIRef("http://creativecommons.org/licenses/by/4.0/")
# The European Parliament's legal notice, whose reuse terms the EP's own text inside the data keeps.
EP_LEGAL_NOTICE = "https://www.europarl.europa.eu/legal-notice/en/"


def ep_rights(year: int | str) -> Literal:
    """The EP's notice for its text of ``year`` (or of years: "2019–2026"), in the words its legal
    notice asks reusers to keep."""
    return Literal(f"© European Union, {year} – Source: European Parliament", lang="en")


def op_language(code: str) -> URIRef:
    """The Publications Office language table entry for an ISO 639-2/T code (nld → NLD)."""
    return URIRef(f"{OP_AUTHORITY}/language/{code.upper()}")


@dataclass(frozen=True)
class Kind:
    """A kind of text adopted: its model name, ontology class and Akoma Ntoso document name."""

    name: str
    rdf_class: URIRef
    akn_name: str


KINDS = {k.name: k for k in (
    Kind("resolution", EPR.Resolution, "resolution"),
    Kind("legislative-resolution", EPR.LegislativeResolution, "legislativeResolution"),
    Kind("decision", EPR.Decision, "decision"),
    Kind("recommendation", EPR.Recommendation, "recommendation"),
)}


def kind_from_akn(akn_name: str) -> Kind | None:
    return next((k for k in KINDS.values() if k.akn_name == akn_name), None)


@dataclass(frozen=True)
class Format:
    """An RDF syntax: rdflib's name for it, its media type, and its file extensions (the first is
    the one written)."""

    name: str
    media_type: str
    extensions: tuple[str, ...]


RDF_FORMATS = (
    Format("turtle", "text/turtle", ("ttl", "turtle")),
    Format("json-ld", "application/ld+json", ("jsonld", "json")),
    Format("nt", "application/n-triples", ("nt",)),
    Format("xml", "application/rdf+xml", ("rdf", "xml", "owl")),
)
AKN_MEDIA_TYPE = "application/akn+xml"
# Syntaxes that keep named graphs: a dump of a whole store, one graph per document.
QUAD_FORMATS = (
    Format("nquads", "application/n-quads", ("nq",)),
    Format("trig", "application/trig", ("trig",)),
)
# The Publications Office's file-type table entries for the media types, where verified: only
# RDF_TURTLE, which DCAT-AP 3.0.1's own shapes file gives as its format (shapes/dcat-ap/shapes.ttl).
OP_FILE_TYPES = {"text/turtle": URIRef(f"{OP_AUTHORITY}/file-type/RDF_TURTLE")}
# What ``convert`` writes for each document, by extension, in this order; ``akn`` is the XML.
EXPORTED = ("ttl", "jsonld", "nt")
MANIFESTATIONS = (*EXPORTED, "akn")


def rdf_format(extension: str) -> Format | None:
    """The RDF syntax of a file extension (with or without the dot, any case)."""
    ext = extension.lower().lstrip(".")
    return next((f for f in RDF_FORMATS if ext in f.extensions), None)


def media_type(extension: str) -> str:
    if extension == "akn":
        return AKN_MEDIA_TYPE
    fmt = rdf_format(extension) or next((f for f in QUAD_FORMATS if extension in f.extensions), None)
    if fmt is None:
        raise KeyError(extension)
    return fmt.media_type


def media_type_iri(extension: str) -> URIRef:
    """The IANA IRI of a written file's media type: the value of its manifestation's eli:media_type."""
    return URIRef(f"{IANA}/{media_type(extension)}")


# eli:format takes an entry of ELI's own table of format types (eli:FormatTypeTable in ELI 1.5, which
# spells them with https): the file type as a user sees it. Of what convert writes only the Akoma
# Ntoso XML has an entry there; Turtle, JSON-LD and N-Triples have none, so their manifestations
# carry eli:media_type alone rather than a value ELI does not list.
ELI_FORMAT_TYPES = {"akn": URIRef("https://www.iana.org/assignments/media-types/application/akn+xml")}

# The EU's 24 official languages, ISO 639-1, in the Official Journal's order.
EU_LANGUAGES = ("bg", "es", "cs", "da", "de", "et", "el", "en", "fr", "ga", "hr", "it", "lv", "lt", "hu", "mt",
                "nl", "pl", "pt", "ro", "sk", "sl", "fi", "sv")
