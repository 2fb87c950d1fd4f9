"""The ontology's documentation: one HTML page for the ontology and every class and property it
declares.

The terms are hash IRIs of the ontology (``…/ontology#Work``), so dereferencing a term fetches this
page and the browser scrolls to the element whose id is the term's local name. Terms of other
vocabularies that the ontology declares too are documented under their prefixed name
(``eli:title``): ``dcterms:title`` and ``eli:title`` share a local name, and so do ``epr:isPartOf``
and ``dcterms:isPartOf``.

The page is built as an lxml tree, so every value from the graph is escaped by the serialiser; it
loads nothing from elsewhere and runs no script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml.html import HtmlElement, tostring
from lxml.html.builder import E
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from .. import resources

ONTOLOGY_FILE = "eprdf.ttl"
# Text within a line: an element, or a bare string where no markup is needed.
Inline = HtmlElement | str

# The words of the page itself, in the languages the ontology is written in; any other language
# gets the English page, with the ontology's own texts in that language where it has them.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Contents", "classes": "Classes", "object-properties": "Object properties",
        "datatype-properties": "Datatype properties", "annotation-properties": "Annotation properties",
        "iri": "IRI", "version": "Version", "version-iri": "Version IRI", "licence": "Licence",
        "creator": "Creator", "see-also": "See also", "types": "Also a", "sub-class-of": "Sub-class of",
        "sub-property-of": "Sub-property of", "inverse-of": "Inverse of", "domain": "Domain", "range": "Range",
        "defined-by": "Defined by", "sub-classes": "Sub-classes", "sub-properties": "Sub-properties",
        "one-of": "one of", "anonymous": "an anonymous class expression",
    },
    "nl": {
        "contents": "Inhoud", "classes": "Klassen", "object-properties": "Objecteigenschappen",
        "datatype-properties": "Datatype-eigenschappen", "annotation-properties": "Annotatie-eigenschappen",
        "iri": "IRI", "version": "Versie", "version-iri": "Versie-IRI", "licence": "Licentie",
        "creator": "Maker", "see-also": "Zie ook", "types": "Ook een", "sub-class-of": "Subklasse van",
        "sub-property-of": "Subeigenschap van", "inverse-of": "Omgekeerde van", "domain": "Domein",
        "range": "Bereik", "defined-by": "Gedefinieerd door", "sub-classes": "Subklassen",
        "sub-properties": "Subeigenschappen", "one-of": "een van", "anonymous": "een anonieme klasse-expressie",
    },
}
FALLBACK = "en"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class Section:
    kind: URIRef
    anchor: str  # also the key of its heading in WORDS


# In this order; a term declared as two kinds is documented once, in the first.
SECTIONS = (Section(OWL.Class, "classes"), Section(OWL.ObjectProperty, "object-properties"),
            Section(OWL.DatatypeProperty, "datatype-properties"),
            Section(OWL.AnnotationProperty, "annotation-properties"))
# What is said of a term, in the order shown (rdf:type less the kind of its section) …
TERM_ROWS = ((RDF.type, "types"), (RDFS.subClassOf, "sub-class-of"), (RDFS.subPropertyOf, "sub-property-of"),
             (OWL.inverseOf, "inverse-of"), (RDFS.domain, "domain"), (RDFS.range, "range"),
             (RDFS.isDefinedBy, "defined-by"), (RDFS.seeAlso, "see-also"))
# … what the page's other terms say of it …
REVERSE_ROWS = ((RDFS.subClassOf, "sub-classes"), (RDFS.subPropertyOf, "sub-properties"))
# … and of the ontology.
ONTOLOGY_ROWS = ((OWL.versionInfo, "version"), (OWL.versionIRI, "version-iri"), (DCTERMS.license, "licence"),
                 (DCTERMS.creator, "creator"), (RDFS.seeAlso, "see-also"))
# Linked where the IRI is a web address; any other scheme is shown as text, never made a link.
LINKABLE = ("http://", "https://")

STYLE = """
body { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 52rem; margin: 0 auto; padding: 1rem;
       color: #1b1b1b; background: #fff; }
code { font-family: ui-monospace, monospace; font-size: 0.95em; overflow-wrap: anywhere; }
a { color: #0b57a4; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
nav ol ol { columns: 15rem; }
section.term { border-top: 1px solid #bbb; margin-top: 1.5rem; }
section.term:target { background: #fff6d5; outline: 2px solid #c9a400; }
h3 code { font-weight: normal; margin-left: 0.5rem; }
"""


def ontology_html(language: str = "en") -> str:
    """The documentation page of the ontology in ``language`` (a BCP 47 tag): its texts in that
    language where the ontology has them, otherwise in English."""
    return page_html(resources.turtle(ONTOLOGY_FILE), language)


def page_html(graph: Graph, language: str) -> str:
    """The documentation page of the one ``owl:Ontology`` in ``graph`` and the terms it declares."""
    if not LANGUAGE_TAG.fullmatch(language):
        raise ValueError(f"not a language tag: {language!r}")
    page = _Page(graph, language.lower())
    return tostring(page.html(), doctype="<!DOCTYPE html>", encoding="unicode", method="html", pretty_print=True)


class _Page:
    def __init__(self, graph: Graph, language: str) -> None:
        self.graph = graph
        # nl-BE reads what is written in nl where nothing is written in nl-BE.
        self.preferred = (language, language.split("-")[0], FALLBACK, "")
        self.page_language = next(tag for tag in (*self.preferred[:2], FALLBACK) if tag in WORDS)
        self.words = WORDS[self.page_language]
        ontology = graph.value(predicate=RDF.type, object=OWL.Ontology, any=False)
        if not isinstance(ontology, URIRef):
            raise ValueError("the graph declares no ontology with an IRI")
        self.ontology = ontology
        self.own = f"{ontology}#"
        self.sections: dict[URIRef, list[URIRef]] = {}
        self.anchors: dict[URIRef, str] = {}
        taken = {"contents"} | {s.anchor for s in SECTIONS}
        for section in SECTIONS:
            terms = [t for t in graph.subjects(RDF.type, section.kind)
                     if isinstance(t, URIRef) and t not in self.anchors]
            for term in terms:
                anchor = self.anchor(term)
                if anchor in taken:
                    raise ValueError(f"{term} would have the anchor {anchor!r}, which the page already uses")
                taken.add(anchor)
                self.anchors[term] = anchor
            if terms:
                self.sections[section.kind] = sorted(terms, key=self.term_order)

    # -- names -----------------------------------------------------------------------------------

    def is_own(self, term: URIRef) -> bool:
        return str(term).startswith(self.own)

    def anchor(self, term: URIRef) -> str:
        return str(term)[len(self.own):] if self.is_own(term) else self.prefixed(term)

    def term_order(self, term: URIRef) -> tuple[bool, str, str]:
        anchor = self.anchors[term]
        return not self.is_own(term), anchor.casefold(), anchor

    def prefixed(self, iri: URIRef) -> str:
        """``prefix:local`` by the longest namespace bound in the graph, or the whole IRI."""
        text = str(iri)
        fits = [(len(ns), prefix, text[len(ns):]) for prefix, ns in self.graph.namespaces()
                if text.startswith(ns) and len(text) > len(ns) and not re.search(r"[/#?]", text[len(ns):])]
        if not fits:
            return text
        _, prefix, local = min(fits, key=lambda fit: (-fit[0], fit[1]))
        return f"{prefix}:{local}"

    # -- texts -----------------------------------------------------------------------------------

    def pick(self, literals: list[Literal]) -> list[Literal]:
        """The literals in the language asked for, else in its primary language, else in English, else
        untagged, else in the first language there is."""
        by_language: dict[str, list[Literal]] = {}
        for literal in literals:
            by_language.setdefault((literal.language or "").lower(), []).append(literal)
        if not by_language:
            return []
        chosen = next((by_language[tag] for tag in self.preferred if tag in by_language),
                      by_language[min(by_language)])
        return sorted(chosen, key=str)

    def texts(self, subject: Node, predicate: URIRef) -> list[Literal]:
        return self.pick([o for o in self.graph.objects(subject, predicate) if isinstance(o, Literal)])

    def label(self, term: URIRef) -> Literal | None:
        labels = self.texts(term, RDFS.label)
        return labels[0] if labels else None

    def lang(self, literal: Literal) -> dict[str, str]:
        """A lang attribute where the literal's language is not the page's."""
        if literal.language and literal.language.lower() != self.page_language:
            return {"lang": literal.language}
        return {}

    def text(self, tag: str, literal: Literal) -> HtmlElement:
        return E(tag, self.lang(literal), str(literal))

    def inline(self, literal: Literal) -> Inline:
        """A literal within other text: in a span only where it needs its own lang attribute."""
        return self.text("span", literal) if self.lang(literal) else str(literal)

    # -- values ----------------------------------------------------------------------------------

    def ref(self, node: Node) -> Inline:
        """A value as the reader follows it: our terms by their anchor, others by their IRI."""
        if isinstance(node, Literal):
            return self.inline(node)
        if isinstance(node, URIRef):
            if self.is_own(node) and node in self.anchors:
                return E.a(self.name(node), href=f"#{self.anchors[node]}")
            return self.iri(node, self.prefixed(node))
        members = self.graph.value(node, OWL.unionOf)
        if members is not None:
            return E.span(f"{self.words['one-of']} ", *_joined(self.refs(Collection(self.graph, members))))
        return E.span(self.words["anonymous"])

    def name(self, term: URIRef) -> Inline:
        """How a link to a term on the page reads: our terms by their label, others by prefixed name."""
        label = self.label(term) if self.is_own(term) else None
        return self.inline(label) if label is not None else E.code(self.anchors[term])

    def iri(self, iri: URIRef, shown: str) -> HtmlElement:
        name = E.code(shown)
        return E.a(name, href=str(iri)) if str(iri).startswith(LINKABLE) else name

    def refs(self, nodes: Iterable[Node]) -> list[Inline]:
        """Values in a stable order (by their markup: our terms first, then others by name)."""
        return sorted((self.ref(n) for n in nodes), key=_markup)

    def values(self, subject: Node, predicate: URIRef, leave_out: frozenset[Node] = frozenset()) -> list[Inline]:
        objects = [o for o in self.graph.objects(subject, predicate) if o not in leave_out]
        literals = self.pick([o for o in objects if isinstance(o, Literal)])
        return self.refs([o for o in objects if not isinstance(o, Literal)] + literals)

    def rows(self, pairs: list[tuple[str, list[Inline]]]) -> HtmlElement:
        items: list[HtmlElement] = []
        for word, shown in pairs:
            if shown:
                items += [E.dt(self.words[word]), E.dd(*_joined(shown))]
        return E.dl(*items)

    # -- the page --------------------------------------------------------------------------------

    def html(self) -> HtmlElement:
        titles = self.texts(self.ontology, DCTERMS.title)
        title = self.text("h1", titles[0]) if titles else E.h1(E.code(str(self.ontology)))
        descriptions = [self.text("p", d) for d in self.texts(self.ontology, DCTERMS.description)]
        about = self.rows([("iri", [E.code(str(self.ontology))])]
                          + [(word, self.values(self.ontology, p)) for p, word in ONTOLOGY_ROWS])
        head = E.head(E.meta(charset="utf-8"), E.meta(name="viewport", content="width=device-width, initial-scale=1"),
                      E.title(*title.itertext()), E.style(STYLE))
        main = E.main(title, *descriptions, about, self.contents(),
                      *(self.section(s) for s in SECTIONS if s.kind in self.sections))
        return E.html(head, E.body(main), lang=self.page_language)

    def contents(self) -> HtmlElement:
        entries = []
        for section in SECTIONS:
            if section.kind in self.sections:
                terms = [E.li(E.a(self.name(t), href=f"#{self.anchors[t]}")) for t in self.sections[section.kind]]
                entries.append(E.li(E.a(self.words[section.anchor], href=f"#{section.anchor}"), E.ol(*terms)))
        return E.nav(E.h2(self.words["contents"], id="contents"), E.ol(*entries), {"aria-labelledby": "contents"})

    def section(self, section: Section) -> HtmlElement:
        return E.section(E.h2(self.words[section.anchor], id=section.anchor),
                         *(self.term(t, section.kind) for t in self.sections[section.kind]),
                         {"aria-labelledby": section.anchor})

    def term(self, term: URIRef, kind: URIRef) -> HtmlElement:
        anchor = self.anchors[term]
        label = self.label(term)
        heading = E.h3(*([self.inline(label), " "] if label is not None else []), E.code(self.prefixed(term)))
        comments = [self.text("p", c) for c in self.texts(term, RDFS.comment)]
        # Our terms are defined here; another vocabulary's term is followed to its definition.
        pairs = [("iri", [E.code(str(term)) if self.is_own(term) else self.iri(term, str(term))])]
        pairs += [(word, self.values(term, p, frozenset({kind}) if p == RDF.type else frozenset()))
                  for p, word in TERM_ROWS]
        pairs += [(word, self.refs(s for s in self.graph.subjects(p, term) if s in self.anchors))
                  for p, word in REVERSE_ROWS]
        return E.section(heading, *comments, self.rows(pairs), {"class": "term", "id": anchor})


def _joined(elements: list[Inline]) -> list[Inline]:
    """Elements separated by commas, for an inline list."""
    out: list[Inline] = []
    for i, element in enumerate(elements):
        out += [", ", element] if i else [element]
    return out


def _markup(value: Inline) -> str:
    return value if isinstance(value, str) else tostring(value, encoding="unicode")
