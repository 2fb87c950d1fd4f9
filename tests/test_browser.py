"""The published pages in a real browser: ``eprdf serve`` started as a user starts it, Debian's
Chromium driven by Playwright through the links a reader follows (a work's IRI to its text, a
paragraph, an actor, a cited act, a footnote, the search box, the keyboard), the expected values
read from the Akoma Ntoso files and the registry. Every request the browser makes stays on
127.0.0.1: links to others' sites are stopped and recorded, and the browser must log no error."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browsing import chromium, eprdf_server
from lxml import etree
from playwright.sync_api import BrowserContext, Page, Route, expect, sync_playwright
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from samples import WORDS, Spec, render

from converter.pipeline import convert_file
from converter.readers import Given

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"
AKN_FILE = OUTPUT / "000_50d7cb4445c31f01.akn.xml"
ACTORS = ROOT / "converter" / "ontology" / "actors.ttl"
WORK = "/akn/eu/statement/resolution/europarl/2026-02-24/P10-TA-2026-0056"
EXPRESSION = f"{WORK}/nld@"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
UNIT = "self::a:citation or self::a:recital or self::a:paragraph or self::a:point or self::a:authorialNote"
ACT = "Verordening (EU) 2026/261"

pytestmark = pytest.mark.cli  # the server runs as the command line starts it, in a subprocess


# -- what the source files say ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def akn() -> etree._ElementTree:
    return etree.parse(str(AKN_FILE))


def words(text: str) -> str:
    return " ".join(text.split())


def text_without_notes(element: etree._Element) -> str:
    """A unit's text as printed in its place: footnotes stand at the end of the page."""
    return words("".join(element.xpath(".//text()[not(ancestor::a:authorialNote)]", namespaces=NS)))


def units_mentioning(akn: etree._ElementTree, iri: str) -> set[str]:
    """The eIds of the units whose text mentions the registry entry ``iri``."""
    local = {t.get("eId") for t in akn.xpath("//a:references/*[@href=$iri]", namespaces=NS, iri=iri)}
    assert local, iri
    return {m.xpath(f"ancestor::*[{UNIT}][1]/@eId", namespaces=NS)[0]
            for m in akn.xpath(f"//*[@refersTo][ancestor::*[{UNIT}]]", namespaces=NS)
            if m.get("refersTo").lstrip("#") in local}


def units_containing(akn: etree._ElementTree, needle: str) -> set[str]:
    """The eIds of the units whose own text (a footnote is a unit of its own) has ``needle``."""
    found = set()
    for unit in akn.xpath(f"//*[{UNIT}]", namespaces=NS):
        own = "".join(unit.xpath(f".//text()[ancestor::*[{UNIT}][1][@eId=$eid]]", namespaces=NS,
                                 eid=unit.get("eId")))
        if needle.lower() in own.lower():
            found.add(unit.get("eId"))
    return found


def eids(hrefs: list[str], documents: set[str]) -> set[str]:
    """The eIds of unit links, each checked to lead to a unit of one of ``documents``."""
    found = set()
    for href in hrefs:
        document, _, eid = unquote(urlsplit(href).path).partition("/!main~")
        assert document in documents and eid, href
        found.add(eid)
    return found


# -- the server, the browser, a page ------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second document, with what the bundled one lacks: a cross-heading and points (Dutch,
    printed as the EP website prints it)."""
    w = WORDS["nld"]
    spec = Spec("nld", 10, 2026, 77, 12, 3, "2026/2555(RSP)", [f"{w['citation']} {w['cit_fragments'][1]},"],
                [f"{w['recital']} {w['fragments'][1]};"],
                [w["fragments"][0] + ";", w["fragments"][2] + ";", w["closing"]],
                heading_before=1, points_in=0, points=[w["fragments"][3] + ";", w["fragments"][4] + ";"])
    folder = tmp_path_factory.mktemp("sample")
    source = folder / "nl_sample.txt"
    source.write_text(render(spec, "web", random.Random(0)), encoding="utf-8")
    convert_file(source, folder / "output", given=Given())
    return folder / "output"


@pytest.fixture(scope="module")
def server(sample: Path) -> Iterator[str]:
    with eprdf_server([OUTPUT, sample]) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[BrowserContext]:
    with sync_playwright() as playwright, chromium(playwright) as context:
        context.set_default_timeout(15_000)
        yield context


@dataclass
class Visit:
    """One test's tab, with every request it made and every error the browser logged."""

    page: Page
    root: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stopped: list[str] = field(default_factory=list)  # requests for others' sites, aborted before they left
    leaving: set[str] = field(default_factory=set)  # others' addresses a test expects a click to request

    def open(self, path: str) -> None:
        response = self.page.goto(self.root + path)
        assert response is not None and response.status == 200, (path, response and response.status)

    @property
    def path(self) -> str:
        return unquote(urlsplit(self.page.url).path)

    @property
    def fragment(self) -> str:
        return urlsplit(self.page.url).fragment


@pytest.fixture
def visit(browser: BrowserContext, server: str) -> Iterator[Visit]:
    page = browser.new_page()
    visit = Visit(page, server)
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: visit.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: visit.errors.append(str(error)))

    def stop(route: Route) -> None:  # a link to another site is followed no further than its request
        visit.stopped.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^(?!" + re.escape(server) + r"/)"), stop)
    yield visit
    page.close()
    away = [u for u in visit.requests if not u.startswith(server + "/")]
    assert sorted(set(away)) == sorted(visit.leaving), "requests for other hosts than 127.0.0.1"
    assert sorted(away) == sorted(visit.stopped), "requests for other hosts that were not stopped"
    assert visit.errors == []


# -- a reader's way through the pages -------------------------------------------------------------------

def test_the_work_iri_leads_to_the_document_page_in_its_language(
        visit: Visit, akn: etree._ElementTree, tmp_path: Path) -> None:
    page = visit.page
    response = page.goto(visit.root + WORK)
    assert response is not None and response.status == 200
    first = response.request.redirected_from
    assert first is not None and first.url == visit.root + WORK and first.response().status == 303
    assert visit.path == f"{WORK}.html"
    assert page.locator("html").get_attribute("lang") == "en"
    language = akn.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language")
    assert (language, page.locator("article").get_attribute("lang")) == ("nld", "nl")
    expect(page.locator("h1")).to_have_count(1)
    assert words(page.locator("h1").inner_text()) == words(akn.find(".//a:shortTitle", NS).text)
    page.screenshot(path=tmp_path / "document.png", full_page=True)
    assert (tmp_path / "document.png").stat().st_size > 10_000


def test_a_paragraph_number_leads_to_its_page_which_links_back_to_it(visit: Visit, akn: etree._ElementTree) -> None:
    paragraph = akn.find(".//a:paragraph[@eId='para_16']", NS)
    visit.open(f"{EXPRESSION}.html")
    page = visit.page
    page.locator("[id='para_16']").get_by_role("link", name=paragraph.find("a:num", NS).text, exact=True).click()
    page.wait_for_url(re.compile(r".*/!main~para_16\.html$"))
    assert visit.path == f"{EXPRESSION}/!main~para_16.html"
    assert words(page.locator("main blockquote").inner_text()) == text_without_notes(paragraph.find("a:content", NS))
    back = page.locator("main a[href$='#para_16']")
    expect(back).to_have_count(1)
    back.click()
    page.wait_for_url(re.compile(r".*#para_16$"))
    assert visit.path == f"{EXPRESSION}.html"
    expect(page.locator("[id='para_16']")).to_be_in_viewport()


def test_an_actor_mention_leads_to_the_actors_page_with_the_units_that_mention_it(
        visit: Visit, akn: etree._ElementTree, tmp_path: Path) -> None:
    actor = URIRef("https://w3id.org/eprdf/actor/wagner-group")
    visit.open(WORK)
    page = visit.page
    page.locator("[id='para_16']").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r".*para_16\.html$"))
    page.go_back()
    assert visit.path == f"{WORK}.html"
    page.get_by_role("link", name="Wagnergroep", exact=True).first.click()
    page.wait_for_url(re.compile(r".*/actor/wagner-group\.html$"))
    registry = Graph().parse(ACTORS, format="turtle")
    english = [str(v) for v in registry.objects(actor, SKOS.prefLabel) if isinstance(v, Literal) and v.language == "en"]
    assert english and page.locator("h1").inner_text() == english[0]
    listed = page.locator("section", has=page.get_by_role("heading", name="Units that mention it")).locator("a")
    hrefs = [a.get_attribute("href") for a in listed.all()]
    assert eids(hrefs, {WORK, EXPRESSION}) == units_mentioning(akn, str(actor))
    page.screenshot(path=tmp_path / "actor.png", full_page=True)
    assert (tmp_path / "actor.png").stat().st_size > 10_000


def test_a_cited_act_leads_to_its_eli_and_no_further(visit: Visit, akn: etree._ElementTree) -> None:
    eli = akn.xpath("//a:ref[. = $name]/@href", namespaces=NS, name=ACT)[0]
    visit.leaving.add(eli)
    visit.open(f"{EXPRESSION}.html")
    with visit.page.expect_event("requestfailed") as stopped:
        visit.page.get_by_role("link", name=ACT, exact=True).first.click()
    assert stopped.value.url == eli == "http://data.europa.eu/eli/reg/2026/261/oj"
    assert stopped.value.is_navigation_request() and visit.stopped == [eli]


def test_a_footnote_marker_leads_to_its_note_and_the_note_back_to_it(visit: Visit, akn: etree._ElementTree) -> None:
    first = akn.find(".//a:authorialNote", NS)
    visit.open(f"{EXPRESSION}.html")
    page = visit.page
    marker = page.locator("sup").get_by_role("link", name=first.get("marker"), exact=True)
    marker_id = marker.get_attribute("id")
    marker.click()
    page.wait_for_url(re.compile(r".*#.+$"))
    note = page.locator(f"[id='{visit.fragment}']")
    assert words(first.xpath("string(.)")) in words(note.inner_text())
    expect(note).to_be_in_viewport()
    note.locator(f"a[href='#{marker_id}']").click()
    page.wait_for_url(re.compile(f".*#{re.escape(marker_id)}$"))
    expect(marker).to_be_in_viewport()


def test_the_keyboard_reaches_skip_to_content_first_and_it_moves_focus_to_main(visit: Visit) -> None:
    visit.open(f"{EXPRESSION}.html")
    page = visit.page
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.textContent]")
    assert focused == ["A", "Skip to content"]
    page.keyboard.press("Enter")
    assert visit.fragment == "main"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


def test_the_search_box_finds_the_units_with_the_words(visit: Visit, akn: etree._ElementTree) -> None:
    visit.open(f"{EXPRESSION}.html")
    page = visit.page
    page.get_by_role("searchbox", name="Search the texts").fill("Wagnergroep")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/search\?q=Wagnergroep$"))
    hrefs = [a.get_attribute("href") for a in page.locator("main ol > li > a").all()]
    expected = units_containing(akn, "Wagnergroep")
    assert expected and eids(hrefs, {WORK, EXPRESSION}) == expected


# -- accessibility basics, as the browser builds the page -----------------------------------------------

DOM_AUDIT = """() => {
  const problems = [];
  for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('no alt: ' + img.src);
  const controls = 'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea';
  for (const c of document.querySelectorAll(controls)) if (!c.labels.length) problems.push('no label: ' + c.outerHTML);
  let last = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Number(h.tagName[1]);
    if (level > last + 1) problems.push(`h${level} after h${last}: ${h.textContent.trim()}`);
    last = level;
  }
  if (document.querySelectorAll('h1').length !== 1) problems.push('not one h1');
  return problems;
}"""
LANDMARKS = ("banner", "navigation", "main", "contentinfo")
# The ontology's documentation is a document of its own, made to be published anywhere (its links
# are in the page or absolute): no site banner or footer, its content in main and its contents nav.
OWN_LANDMARKS = {"/ontology": ("navigation", "main")}


def accessibility_problems(page: Page, landmarks: tuple[str, ...] = LANDMARKS) -> list[str]:
    """What the page's DOM and Chromium's accessibility tree (what a screen reader is given) show
    wrong: images without alt, form controls without a label, skipped heading levels, missing or
    unnamed landmarks, links and buttons without a name."""
    problems = page.evaluate(DOM_AUDIT)
    session = page.context.new_cdp_session(page)
    try:
        nodes = [n for n in session.send("Accessibility.getFullAXTree")["nodes"] if not n.get("ignored")]
    finally:
        session.detach()

    def role(node: dict) -> str:
        return node.get("role", {}).get("value", "")

    def name(node: dict) -> str:
        return str(node.get("name", {}).get("value", "")).strip()

    roles = [role(n) for n in nodes]
    problems += [f"no {landmark} landmark" for landmark in landmarks if landmark not in roles]
    problems += ["navigation without a name" for n in nodes if role(n) == "navigation" and not name(n)]
    problems += [f"{role(n)} without a name" for n in nodes if role(n) in ("link", "button") and not name(n)]
    return problems


def sample_expression(sample: Path) -> str:
    akn = etree.parse(str(next(sample.glob("*.akn.xml"))))
    return akn.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")


@pytest.mark.parametrize("page_path", [
    "/", f"{WORK}", f"{EXPRESSION}/!main~para_16", "/actor/wagner-group", "/actor/country/RUS",
    "/about?iri=http%3A%2F%2Fdata.europa.eu%2Feli%2Freg%2F2026%2F261%2Foj", "/search?q=Wagnergroep", "/questions",
    "/sparql", "/ontology", "sample"])
def test_every_page_has_labels_headings_in_order_landmarks_and_named_links(
        visit: Visit, sample: Path, page_path: str) -> None:
    if page_path == "sample":  # a document with a cross-heading and points
        page_path = sample_expression(sample)
        visit.open(page_path)
        expect(visit.page.get_by_role("heading", name=WORDS["nld"]["heading"])).to_be_visible()
    else:
        visit.open(page_path)
    assert accessibility_problems(visit.page, OWN_LANDMARKS.get(page_path, LANDMARKS)) == []
