"""The HTML pages: what each shows, gathered from the store and the Akoma Ntoso files, and
rendered by the templates in ``templates/`` (Jinja2, every value escaped)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from rdflib import RDF, RDFS
from rdflib.namespace import DCTERMS, SKOS

from ..languages import by_language
from ..store import QUERIES, declared_parameters
from ..store.answer import Answer
from ..vocab import ELI, EPR
from .akn_html import markup, read_page
from .corpus import Corpus
from .describe import INBOUND_LIMIT, Description

LABEL_PREDICATES = tuple(ox.NamedNode(str(p)) for p in (SKOS.prefLabel, RDFS.label, ELI.title_short, ELI.title,
                                                         DCTERMS.title))
TYPE = ox.NamedNode(str(RDF.type))
TEXT = ox.NamedNode(str(EPR.text))
NUM = ox.NamedNode(str(EPR.num))
REGISTER = ox.NamedNode(str(EPR.registerNumber))
REALIZES = ox.NamedNode(str(ELI.realizes))
EXPRESSION = ox.NamedNode(str(EPR.Expression))
LANGUAGE_CODE = ox.NamedNode(str(EPR.languageCode))
# What a link pointing here says, as a heading of the page it points to.
INBOUND_HEADINGS = {str(EPR.mentions): "Units that mention it", str(EPR.addresses): "Clauses that address it",
                    str(EPR.about): "Clauses about it",
                    str(EPR.cites): "Units that cite it", str(ELI.cites): "Units that cite it"}
# Links a page does not list: a mention's annotation points at its actor, and the page lists the
# units that mention the actor already (the RDF representations keep them).
HIDDEN_INBOUND = frozenset({"http://www.w3.org/ns/oa#hasBody"})
PREFIXES = {"https://w3id.org/eprdf/ontology#": "epr:", "http://data.europa.eu/eli/ontology#": "eli:",
            "http://purl.org/dc/terms/": "dcterms:", "http://www.w3.org/2004/02/skos/core#": "skos:",
            "http://www.w3.org/ns/prov#": "prov:", "http://www.w3.org/ns/oa#": "oa:",
            "http://www.w3.org/2000/01/rdf-schema#": "rdfs:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
            "http://www.w3.org/2002/07/owl#": "owl:"}
COMPONENT = re.compile(r"^(?P<work>.+?)(?:/(?P<language>[a-z]{3})@)?/!main~(?P<eid>[^/]+)$")


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("converter.web", "templates"), autoescape=select_autoescape(["html"]),
                       trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Alternate:
    name: str
    media_type: str
    href: str


class Pages:
    """The pages of one corpus; labels are looked up in its store once each."""

    def __init__(self, corpus: Corpus, live: bool = True) -> None:
        """``live``: served by the web server, with search and SPARQL (not a static site)."""
        self.corpus = corpus
        self.live = live
        self.store = corpus.oxigraph
        self._labels: dict[str, str] = {}

    def _render(self, template: str, **values: object) -> str:
        values.setdefault("alternates", ())
        values.setdefault("query", None)
        return environment().get_template(template).render(live=self.live, **values)

    # -- links and labels ------------------------------------------------------------------

    def href(self, iri: str) -> str:
        """Where a link to ``iri`` goes: our page for IRIs under the base and for others' resources
        the store describes (cited acts), the IRI itself otherwise."""
        path = self.corpus.path(iri)
        if path is not None:
            return quote(path, safe="/!~@:#-._")
        if iri.startswith(("http://", "https://")) and self._known(iri):
            return "/about?iri=" + quote(iri, safe="")
        return iri

    def own_href(self, iri: str) -> str:
        """Our page for IRIs under the base; others' IRIs as they are (a cited act's ELI)."""
        path = self.corpus.path(iri)
        return quote(path, safe="/!~@:#-._") if path is not None else iri

    def _known(self, iri: str) -> bool:
        return any(True for _ in self.store.quads_for_pattern(ox.NamedNode(iri), None, None))

    def label(self, iri: str) -> str:
        found = self._labels.get(iri)
        if found is None:
            found = self._labels[iri] = self._find_label(iri)
        return found

    def _find_label(self, iri: str) -> str:
        node = ox.NamedNode(iri)
        for predicate in LABEL_PREDICATES:
            values = [q.object for q in self.store.quads_for_pattern(node, predicate, None)]
            if values:
                english = [v for v in values if isinstance(v, ox.Literal) and v.language == "en"]
                return min(english or values, key=lambda v: v.value).value
        component = COMPONENT.match(iri)
        if component:
            register = self._register(component["work"])
            unit = ox.NamedNode(f"{component['work']}/!main~{component['eid']}")  # the number is the work's
            number = next((q.object.value for q in self.store.quads_for_pattern(unit, NUM, None)), None)
            return f"{register} {number or component['eid']}" + (f" ({component['language']})"
                                                                   if component["language"] else "")
        for namespace, prefix in PREFIXES.items():
            if iri.startswith(namespace):
                return prefix + iri[len(namespace):]
        return iri

    def _register(self, work: str) -> str:
        return next((q.object.value for q in self.store.quads_for_pattern(ox.NamedNode(work), REGISTER, None)),
                    work.rsplit("/", 1)[-1])

    def value(self, term: object) -> dict[str, str | None]:
        if isinstance(term, ox.NamedNode):
            return {"href": self.href(term.value), "label": self.label(term.value), "lang": None}
        if isinstance(term, ox.Literal):
            return {"href": None, "label": term.value, "lang": term.language}
        return {"href": None, "label": str(term), "lang": None}

    # -- pages -----------------------------------------------------------------------------

    def home(self) -> str:
        rows = []
        for work in self._works():
            expressions = self._expressions(work)
            first = expressions[0] if expressions else None
            rows.append({"href": self.href(work), "number": self._register(work),
                         "date": self._first(work, ELI.date_document), "title": self.label(first) if first else "",
                         "lang": self._tag(first) if first else "",
                         "languages": [{"href": self.href(e) + ".html", "tag": self._tag(e)} for e in expressions]})
        rows.sort(key=lambda r: (r["date"], r["number"]), reverse=True)
        return self._render("home.html", title="Documents", documents=rows, base=self.corpus.base)

    def document(self, expression: str, alternates: list[Alternate]) -> str | None:
        """The text of an expression, from its Akoma Ntoso file; None when it has none."""
        path = self.corpus.path(expression)
        akn = self.corpus.file(path, "akn") if path else None
        if akn is None:
            return None
        work = expression.rsplit("/", 1)[0]

        def unit_href(eid: str) -> str:
            return self.href(f"{expression}/!main~{eid}")

        page = read_page(akn, self.href, unit_href, self.own_href)
        languages = [{"href": self.href(e) + ".html", "tag": self._tag(e), "current": e == expression}
                     for e in self._expressions(work)]
        return self._render("document.html", title=page.title, page=page, lang=by_language(page.language).tag,
                      body=Markup(markup(page.body)), notes=[Markup(markup(n)) for n in page.notes],
                      letter=Markup(markup(page.letter)) if page.letter is not None else None,
                      languages=languages, work_href=self.href(work), alternates=alternates)

    def resource(self, description: Description, alternates: list[Alternate]) -> str:
        iri = description.iri
        node = ox.NamedNode(iri)
        outbound: dict[str, list[object]] = {}
        inbound: dict[str, list[ox.NamedNode]] = {}
        for triple in description.triples:
            if triple.subject == node:
                outbound.setdefault(triple.predicate.value, []).append(triple.object)
            elif triple.object == node and isinstance(triple.subject, ox.NamedNode) \
                    and not triple.subject.value.startswith(iri):
                inbound.setdefault(triple.predicate.value, []).append(triple.subject)
        statements = [{"property": self.value(ox.NamedNode(p)), "objects": [self.value(v) for v in values]}
                      for p, values in sorted(outbound.items(), key=lambda kv: self.label(kv[0]))]
        groups = [{"heading": INBOUND_HEADINGS.get(p, f"Resources whose {self.label(p)} is this"),
                   "members": [self._listed(s) for s in sorted(set(subjects), key=lambda s: s.value)]}
                  for p, subjects in sorted(inbound.items()) if p not in HIDDEN_INBOUND]
        text = next((v for v in outbound.get(str(EPR.text), []) if isinstance(v, ox.Literal)), None)
        number = next((v.value for v in outbound.get(str(EPR.num), [])), None)
        kinds = ", ".join(self.label(t.value) for t in outbound.get(str(RDF.type), []) if isinstance(t, ox.NamedNode))
        component = COMPONENT.match(iri)
        document = None
        if component and component["language"]:
            expression = f"{component['work']}/{component['language']}@"
            document = {"href": f"{self.href(expression)}.html#{component['eid']}", "label": self.label(expression)}
        return self._render("resource.html", title=self.label(iri), iri=iri, kind=kinds, statements=statements,
                      inbound=groups, truncated=description.truncated, limit=INBOUND_LIMIT,
                      text={"value": text.value, "lang": text.language} if text else None, number=number,
                      document=document, alternates=alternates)

    def _listed(self, subject: ox.NamedNode) -> dict[str, str | None]:
        text = next((q.object for q in self.store.quads_for_pattern(subject, TEXT, None)), None)
        unit = subject
        if text is None and "/clause/" in subject.value:  # a clause: show its unit's text
            unit = ox.NamedNode(subject.value.split("/clause/")[0])
            text = next((q.object for q in self.store.quads_for_pattern(unit, TEXT, None)), None)
        shown = text.value if isinstance(text, ox.Literal) else None
        return {"href": self.href(subject.value), "label": self.label(unit.value),
                "text": shown[:300] + ("…" if shown and len(shown) > 300 else "") if shown else None,
                "lang": text.language if isinstance(text, ox.Literal) else None}

    def search(self, query: str, answer: Answer | None, more: bool) -> str:
        results = []
        for unit, text in (answer.rows if answer else ()):
            results.append({"href": self.href(unit.value), "label": self.label(unit.value), "text": text.value,
                            "lang": text.language})
        return self._render("search.html", title="Search", query=query, results=results, more=more)

    def questions(self) -> str:
        listed = []
        for path in sorted(QUERIES.glob("*.rq")):
            text = path.read_text(encoding="utf-8")
            comment = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
            listed.append({"name": path.stem, "summary": comment[0] if comment else "", "text": text,
                           "parameters": declared_parameters(text)})
        return self._render("questions.html", title="Questions", questions=listed)

    def table(self, title: str, answer: Answer | None, summary: str = "", error: str = "", form: str = "") -> str:
        shown = None
        if answer is not None:
            rows = [[self.value(cell) if cell is not None else {"href": None, "label": ""} for cell in row]
                    for row in answer.rows]
            shown = {"variables": answer.variables, "rows": rows, "boolean": answer.boolean}
        return self._render("table.html", title=title, summary=summary, answer=shown, error=error, form=form)

    # -- what the store says of works and expressions -----------------------------------------

    def _works(self) -> list[str]:
        # from the documents' expressions: every unit realises a unit of its work too, about fifty
        # times as many statements to read
        expressions = {q.subject for q in self.store.quads_for_pattern(None, TYPE, EXPRESSION)}
        return sorted({q.object.value for e in expressions for q in self.store.quads_for_pattern(e, REALIZES, None)
                       if "/!main~" not in q.object.value})

    def _expressions(self, work: str) -> list[str]:
        return sorted({q.subject.value for q in self.store.quads_for_pattern(None, REALIZES, ox.NamedNode(work))})

    def _tag(self, expression: str) -> str:
        code = self._first(expression, EPR.languageCode)
        return by_language(code).tag if code else ""

    def _first(self, iri: str, predicate: object) -> str:
        return next((q.object.value for q in self.store.quads_for_pattern(ox.NamedNode(iri),
                                                                          ox.NamedNode(str(predicate)), None)), "")
