"""The ontology's HTML documentation, checked against the ontology as rdflib reads it from the file."""

from __future__ import annotations

import os
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import lxml.html
import pytest
from html_checker import nu_messages
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from converter.web.ontology_page import ontology_html, page_html

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "eprdf.ttl"
OWN = "https://w3id.org/eprdf/ontology#"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# The prefixes eprdf.ttl declares for the other vocabularies whose terms it declares too.
PREFIXES = {
    "http://data.europa.eu/eli/ontology#": "eli",
    "http://purl.org/dc/terms/": "dcterms",
    "http://www.w3.org/ns/prov#": "prov",
    "http://www.w3.org/ns/oa#": "oa",
    "http://www.w3.org/2004/02/skos/core#": "skos",
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def terms(graph: Graph) -> list[URIRef]:
    declared = {t for kind in KINDS for t in graph.subjects(RDF.type, kind)}
    assert all(isinstance(t, URIRef) for t in declared)
    return sorted(declared)


@pytest.fixture(scope="module")
def english() -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(ontology_html("en"))


@pytest.fixture(scope="module")
def dutch() -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(ontology_html("nl"))


def anchor(term: URIRef) -> str:
    text = str(term)
    if text.startswith(OWN):
        return text[len(OWN):]
    namespace = max((ns for ns in PREFIXES if text.startswith(ns)), key=len)
    return f"{PREFIXES[namespace]}:{text[len(namespace):]}"


def section_of(page: lxml.html.HtmlElement, term: URIRef) -> lxml.html.HtmlElement:
    found = page.xpath("//*[@id=$id]", id=anchor(term))
    assert len(found) == 1, f"{term}: {len(found)} elements with id {anchor(term)!r}"
    return found[0]


def copy(graph: Graph) -> Graph:
    """A copy to add to, with the file's prefixes."""
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True)
    for triple in graph:
        out.add(triple)
    return out


def words(text: str) -> str:
    return " ".join(text.split())


def in_language(graph: Graph, term: URIRef, predicate: URIRef, language: str) -> list[str]:
    return [str(o) for o in graph.objects(term, predicate) if isinstance(o, Literal) and o.language == language]


def test_every_declared_term_has_the_anchor_its_iri_names(graph: Graph, terms: list[URIRef],
                                                          english: lxml.html.HtmlElement) -> None:
    own = [t for t in terms if str(t).startswith(OWN)]
    assert len(own) > 80
    for term in terms:
        section = section_of(english, term)
        assert section.tag == "section" and section.get("class") == "term"
    # dereferencing …/ontology#Work lands on the element whose id is the IRI's fragment
    for term in own:
        assert section_of(english, term).get("id") == term.split("#", 1)[1]
    assert len(english.xpath("//section[@class='term']")) == len(terms)
    ids = english.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_the_page_is_self_contained_semantic_html(english: lxml.html.HtmlElement) -> None:
    assert english.get("lang") == "en"
    assert len(english.xpath("//h1")) == 1
    assert len(english.xpath("//main")) == 1 and english.xpath("//main//h1")
    assert english.xpath("//nav[@aria-labelledby='contents']/h2[@id='contents']")
    assert english.xpath("//head/meta[@charset='utf-8']") and english.xpath("//head/title/text()")
    assert not english.xpath("//script | //iframe | //object | //embed | //img | //link | //form")
    assert not english.xpath("//@src | //@srcset | //@style | //@*[starts-with(name(), 'on')]")
    css = english.xpath("string(//style)")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    # headings step down one level at a time: h1, then h2, then h3
    levels = [int(h.tag[1]) for h in english.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in pairwise(levels))
    # every in-page link has its target; every other link is a web address
    ids = set(english.xpath("//@id"))
    for href in english.xpath("//a/@href"):
        assert href[1:] in ids if href.startswith("#") else href.startswith(("http://", "https://")), href
    # the table of contents reaches every term
    listed = {href[1:] for href in english.xpath("//nav//a/@href")}
    assert set(english.xpath("//section[@class='term']/@id")) <= listed


def test_every_term_shows_its_english_label_and_comment(graph: Graph, terms: list[URIRef],
                                                        english: lxml.html.HtmlElement) -> None:
    for term in terms:
        section = section_of(english, term)
        (label,) = in_language(graph, term, RDFS.label, "en")
        (comment,) = in_language(graph, term, RDFS.comment, "en")
        assert words(label) in words(section.xpath("string(h3)")), term
        assert words(comment) in [words(p.text_content()) for p in section.xpath("p")], term
        assert not section.xpath(".//*[@lang]"), f"{term}: English text marked as another language"


def test_the_dutch_page_shows_the_dutch_labels_and_comments(graph: Graph, terms: list[URIRef],
                                                            dutch: lxml.html.HtmlElement) -> None:
    assert dutch.get("lang") == "nl"
    (title,) = in_language(graph, URIRef(OWN[:-1]), URIRef("http://purl.org/dc/terms/title"), "nl")
    assert words(dutch.xpath("string(//h1)")) == words(title)
    assert "Classes" not in dutch.xpath("//h2/text()")
    for term in terms:
        section = section_of(dutch, term)
        (label,) = in_language(graph, term, RDFS.label, "nl")
        (comment,) = in_language(graph, term, RDFS.comment, "nl")
        assert words(label) in words(section.xpath("string(h3)")), term
        assert words(comment) in [words(p.text_content()) for p in section.xpath("p")], term


def test_every_statement_about_a_term_is_a_link_to_where_it_is_defined(graph: Graph, terms: list[URIRef],
                                                                       english: lxml.html.HtmlElement) -> None:
    shown = 0
    for term in terms:
        links = set(section_of(english, term).xpath(".//a/@href"))
        for predicate, value in graph.predicate_objects(term):
            if predicate in (RDFS.label, RDFS.comment) or (predicate == RDF.type and value in KINDS):
                continue
            assert isinstance(value, URIRef), (term, predicate, value)
            # our terms by their anchor on this page, others by their own IRI
            expected = f"#{anchor(value)}" if str(value).startswith(OWN) else str(value)
            assert expected in links, (term, predicate, value)
            shown += 1
    # sub-classes, sub-properties, domains, ranges, the inverse, characteristics, defined-by
    assert shown > 140
    work = section_of(english, URIRef(OWN + "Work"))
    assert {"http://data.europa.eu/eli/ontology#Work", "http://purl.org/vocab/frbr/core#Work"} <= \
        set(work.xpath(".//a/@href"))


def test_a_term_lists_the_terms_below_it(graph: Graph, english: lxml.html.HtmlElement) -> None:
    pairs = [(child, parent) for p in (RDFS.subClassOf, RDFS.subPropertyOf)
             for child, parent in graph.subject_objects(p) if str(parent).startswith(OWN)]
    assert len(pairs) > 20
    for child, parent in pairs:
        assert f"#{anchor(child)}" in section_of(english, parent).xpath(".//a/@href"), (child, parent)


def test_other_languages_fall_back(graph: Graph) -> None:
    work = URIRef(OWN + "Work")
    for asked, shown in (("fr", "en"), ("nl-BE", "nl"), ("EN", "en")):
        page = lxml.html.document_fromstring(ontology_html(asked))
        assert page.get("lang") == shown
        (label,) = in_language(graph, work, RDFS.label, shown)
        assert words(section_of(page, work).xpath("string(h3)")).startswith(label)
    for bad in ("", "en\"><script>", "e", "en_GB"):
        with pytest.raises(ValueError, match="not a language tag"):
            ontology_html(bad)


def test_a_text_in_another_language_than_the_page_says_so(graph: Graph) -> None:
    partial = copy(graph)
    work, unit = URIRef(OWN + "Work"), URIRef(OWN + "Unit")
    partial.remove((work, RDFS.label, Literal("werk", lang="nl")))
    partial.remove((unit, RDFS.label, None))
    partial.add((unit, RDFS.label, Literal("Einheit", lang="de")))
    partial.add((unit, RDFS.label, Literal("unité", lang="fr")))
    page = lxml.html.document_fromstring(page_html(partial, "nl"))
    (english,) = section_of(page, work).xpath("h3/span")
    assert (english.get("lang"), english.text) == ("en", "work")
    # nothing in nl or en: the first language there is, so the page is the same every time
    (german,) = section_of(page, unit).xpath("h3/span")
    assert (german.get("lang"), german.text) == ("de", "Einheit")
    assert section_of(page, URIRef(OWN + "Resolution")).xpath("string(h3)").startswith("resolutie")
    assert not section_of(page, URIRef(OWN + "Resolution")).xpath(".//*[@lang]")


def test_values_from_the_graph_are_escaped_and_never_active(graph: Graph) -> None:
    hostile = copy(graph)
    work = URIRef(OWN + "Work")
    hostile.set((work, RDFS.label, Literal("<script>alert(1)</script> & co", lang="en")))
    hostile.add((work, RDFS.seeAlso, URIRef("javascript:alert(1)")))
    page = page_html(hostile, "en")
    tree = lxml.html.document_fromstring(page)
    assert not tree.xpath("//script")
    assert "<script>alert(1)</script> &amp; co" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert section_of(tree, work).xpath("string(h3)").startswith("<script>alert(1)</script> & co")
    assert not tree.xpath("//a[starts-with(@href, 'javascript:')]")
    assert "javascript:alert(1)" in section_of(tree, work).text_content()


def test_a_union_of_classes_is_shown_as_its_members(graph: Graph) -> None:
    ontology = copy(graph)
    cites, union, members = URIRef(OWN + "cites"), BNode(), BNode()
    Collection(ontology, members, [URIRef(OWN + "Work"), URIRef("http://data.europa.eu/eli/ontology#Expression")])
    ontology.add((union, OWL.unionOf, members))
    ontology.set((cites, RDFS.range, union))
    section = section_of(lxml.html.document_fromstring(page_html(ontology, "en")), cites)
    (range_,) = section.xpath(".//dt[.='Range']/following-sibling::dd[1]")
    assert words(range_.text_content()) == "one of work, eli:Expression"
    assert range_.xpath(".//a/@href") == ["#Work", "http://data.europa.eu/eli/ontology#Expression"]


@pytest.mark.cli  # three interpreters in subprocesses
def test_the_page_is_the_same_bytes_whatever_the_hash_seed() -> None:
    code = "import sys; from converter.web.ontology_page import ontology_html; sys.stdout.write(ontology_html('nl'))"
    pages = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(pages) == 1 and pages == {ontology_html("nl")}


@pytest.mark.cli  # the checker's command line in a Java subprocess, about 5 s
def test_the_w3c_nu_html_checker_finds_nothing(tmp_path: Path) -> None:
    messages = nu_messages({f"ontology.{language}": ontology_html(language) for language in ("en", "nl")}, tmp_path)
    assert messages == [], messages
