"""Real texts adopted, as the EP website, EUR-Lex and copies of them print them: every file of
``../shared/realtexts/`` and ``tests/realtexts/`` against the counts written by hand in its SOURCES.md."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest
from conftest import run_cli
from realtexts import RealText, real_texts

from converter import languages
from converter.errors import ExitCode
from converter.ids import Iris, footnote_eid
from converter.link import link
from converter.model import Document
from converter.pipeline import convert_file
from converter.readers import read_file
from converter.vocab import DEFAULT_BASE

TEXTS = real_texts()
# Old pages print no adoption date: they convert only when it is given (--date).
UNDATED = {"nl_P5_TA-2001-0531"}
DATED = [t for t in TEXTS if t.id not in UNDATED]


def test_the_real_texts_are_there() -> None:
    assert len(TEXTS) >= 31
    assert len({t.language for t in TEXTS}) >= 16


@pytest.mark.parametrize("text", DATED, ids=lambda t: t.id)
def test_structure_matches_the_hand_counts(text: RealText) -> None:
    document = read_file(text.path)
    counted = (len(document.citations), len(document.recitals), len(document.paragraphs), len(document.footnotes))
    assert counted == (text.citations, text.recitals, text.paragraphs, text.footnotes)
    assert document.metadata.register_number == text.register
    assert languages.by_language(document.metadata.language).tag == text.language
    # every footnote printed in a real text has its marker found in the text
    assert all(note.anchor is not None for note in document.footnotes)
    assert document.paragraphs[-1].closing, document.paragraphs[-1].text


@pytest.mark.shacl
@pytest.mark.parametrize("text", DATED, ids=lambda t: t.id)
def test_every_real_text_converts_and_conforms(text: RealText, tmp_path: Path) -> None:
    result = convert_file(text.path, tmp_path)
    assert result.report is not None and result.report.conforms
    assert {p.name for p in result.written} >= {f"{text.id}.ttl", f"{text.id}.akn.xml"}


@pytest.mark.cli
def test_an_undated_old_page_asks_for_the_date(tmp_path: Path) -> None:
    path = next(t.path for t in TEXTS if t.id == "nl_P5_TA-2001-0531")
    result = run_cli("convert", "-o", str(tmp_path), str(path))
    assert result.returncode == ExitCode.NOT_A_TEXT_ADOPTED
    assert "--date" in result.stderr and "no adoption date" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.cli
def test_an_option_that_contradicts_the_text_is_a_usage_error(tmp_path: Path) -> None:
    path = next(t.path for t in TEXTS if t.id == "nl_P9_TA-2019-0002")
    result = run_cli("convert", "-o", str(tmp_path), str(path), "--date", "2019-07-17")
    assert result.returncode == ExitCode.USAGE
    assert "2019-07-17 contradicts the adoption date 2019-07-16" in result.stderr
    result = run_cli("convert", "-o", str(tmp_path), str(path), "--register", "P9_TA(2019)0003")
    assert result.returncode == ExitCode.USAGE
    assert list(tmp_path.iterdir()) == []


def test_the_register_number_comes_from_the_file_name_when_the_text_has_none() -> None:
    text = next(t for t in TEXTS if t.id == "en_P9_TA-2019-0002")
    document = read_file(text.path)
    assert document.metadata.register_number == "P9_TA(2019)0002"
    assert "register-from-file-name" in {w.code for w in document.warnings}


def test_a_text_in_no_supported_language_is_refused_with_the_list() -> None:
    from converter.errors import NotATextAdopted
    from converter.readers import parse

    with pytest.raises(NotATextAdopted) as caught:
        parse("Parlamento Europeo,\n1. testo.\n", "x.txt")
    assert "nld" in str(caught.value) and "swe" in str(caught.value)


# -- one work, many languages ---------------------------------------------------------------------

GROUPS = {register: group for register, group in
          ((r, [t for t in DATED if t.register == r]) for r in sorted({t.register for t in DATED})) if len(group) > 1}
PAIRS = [(a, b) for group in GROUPS.values() for a, b in combinations(group, 2)]


def _work_units(document: Document) -> tuple[str, set[str]]:
    iris = Iris(DEFAULT_BASE, document.metadata)
    units = {str(iris.component(u.eid)) for u in document.units}
    units |= {str(iris.component(footnote_eid(document, n))) for n in document.footnotes}
    return str(iris.work), units


def test_there_are_parallel_texts() -> None:
    assert len(GROUPS) >= 3 and len(PAIRS) >= 15


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0].id}~{p[1].language}")
def test_parallel_texts_share_the_work_and_its_units(pair: tuple[RealText, RealText]) -> None:
    first, second = (read_file(t.path) for t in pair)
    assert _work_units(first) == _work_units(second)
    assert first.metadata.adopted == second.metadata.adopted and first.metadata.kind == second.metadata.kind


def _links(document: Document) -> dict[str, set[str]]:
    """Unit → what it links to; an article of a treaty counts as the treaty (one language may name
    the article where another names only the treaty)."""
    found = link(document)
    out: dict[str, set[str]] = defaultdict(set)
    for unit, targets in list(found.actors().items()) + list(found.cited(document).items()):
        out[unit] |= {t.split("/art_")[0] + "/oj" if "/art_" in t else t for t in targets}
    return {unit: targets for unit, targets in out.items() if targets}


# Where the language versions themselves say different things, the links differ with them. Each
# entry quotes both texts.
SOURCE_DIFFERENCES = {
    # fr: "conformément auquel il a été consulté par le Conseil"; sv: "i enlighet med vilket Europeiska
    # rådet har hört parlamentet"
    ("P7_TA(2011)0110", "cits__cit_2"),
    # fr: "par lettre du 18 février 2011, le Conseil a consulté le Parlement européen"; sv: "Genom en
    # skrivelse av den 18 februari 2011 konsulterade Europeiska rådet Europaparlamentet"
    ("P7_TA(2011)0110", "recs__rec_A"),
}


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0].id}~{p[1].language}")
def test_parallel_texts_link_the_same_actors_and_acts_in_each_unit(pair: tuple[RealText, RealText]) -> None:
    first, second = (_links(read_file(t.path)) for t in pair)
    units = (set(first) | set(second)) - {u for r, u in SOURCE_DIFFERENCES if r == pair[0].register}
    assert {u: first.get(u, set()) for u in units} == {u: second.get(u, set()) for u in units}
    assert sum(len(v) for v in first.values()) >= 3  # the texts do link: agreement is not vacuous


def test_the_parallel_texts_link_what_the_english_text_links() -> None:
    english = _links(read_file(next(t.path for t in TEXTS if t.id == "en_P9_TA-2019-0002")))
    assert english["cits__cit_4"] == {"http://data.europa.eu/eli/dec/2019/1136/oj",
                                      "https://w3id.org/eprdf/actor/european-commission",
                                      "https://w3id.org/eprdf/actor/european-council"}
    assert english["para_3"] == {"https://w3id.org/eprdf/actor/council-of-the-eu",
                                 "https://w3id.org/eprdf/actor/european-commission",
                                 "https://w3id.org/eprdf/actor/european-council"}


def test_an_act_series_is_not_a_mention_of_the_union() -> None:
    """'(EU)' in 'päätöksen (EU) 2019/1136' is part of the act's number, in any language."""
    finnish = read_file(next(t.path for t in TEXTS if t.id == "fi_P9_TA-2019-0002"))
    assert "https://w3id.org/eprdf/actor/european-union" not in _links(finnish).get("cits__cit_4", set())


@pytest.mark.shacl
def test_two_languages_load_into_one_store_and_read_side_by_side(tmp_path: Path) -> None:
    from converter.store import Store

    store = Store()
    texts = [t for t in TEXTS if t.id in ("nl_P9_TA-2019-0002", "en_P9_TA-2019-0002")]
    names = {store.load(convert_file(t.path, tmp_path).turtle) for t in texts}
    assert len(names) == 1
    rows = store.query("parallel-text", {"document": names.pop(), "languages": "nld,eng"}).records()
    units = [r["eId"] for r in rows]
    assert units[:3] == ["formula_1", "formula_1", "cits__cit_1"]
    assert units.count("para_3") == 2 and units.index("cits__cit_4__authorialNote_1") < units.index("cits__cit_5")
    by_language = {(r["eId"], r["language"]): r["text"] for r in rows}
    assert by_language["para_1", "eng"].startswith("Elects Ursula von der Leyen")
    assert by_language["para_1", "nld"].startswith("verkiest Ursula von der Leyen")
    assert by_language["cits__cit_4__authorialNote_1", "nld"] == "PB L 179I van 3.7.2019, blz. 2."
    # loading a language again replaces that language only
    store.load(tmp_path / "en_P9_TA-2019-0002.ttl")
    again = store.query("parallel-text", {"document": rows[0]["document"], "languages": "nld,eng"}).records()
    assert again == rows


@pytest.mark.parametrize("text", DATED, ids=lambda t: t.id)
def test_akoma_ntoso_of_every_real_text_is_valid_and_reads_back(text: RealText) -> None:
    from converter.akn.writer import to_akn
    from converter.checks import check_akn
    from converter.readers import read_akn

    document = read_file(text.path)
    xml = to_akn(document, link(document), DEFAULT_BASE)
    assert check_akn(xml) == []
    back = read_akn(xml, text.path.name)
    assert back.metadata == document.metadata
    assert [(u.eid, u.num, u.text) for u in back.units] == [(u.eid, u.num, u.text) for u in document.units]


@pytest.mark.parametrize("text", DATED, ids=lambda t: t.id)
def test_nothing_printed_is_lost(text: RealText) -> None:
    """Every printed character of the real text is in the model, or is a recognised artefact
    (the register number counts once when the file name, not the text, gives it)."""
    from accounting import characters, printed

    document = read_file(text.path)
    source = text.path.read_text(encoding="utf-8")
    held = printed(document)
    if "register-from-file-name" in {w.code for w in document.warnings}:
        held.remove(document.metadata.register_number)
    assert characters([source]) == characters(held)


def test_what_follows_the_closing_paragraph_is_kept_whole_as_an_attachment(tmp_path: Path) -> None:
    """A legislative resolution is followed by Parliament's position. Its opening is printed as in
    the Official Journal (``P8_TC1-COD(2014)0216`` above ``Position of the European Parliament
    adopted at first reading on …``: OJ C 50, 9.2.2018, p. 152, CELEX 52016AP0075); the rest of the
    position here is made up. Nothing of it may end in the last paragraph or be dropped."""
    from accounting import characters, printed

    from converter.akn.writer import to_akn
    from converter.readers import parse, read_akn

    real = next(t for t in TEXTS if t.id == "en_P8_TA-2016-0330")
    position = ["P8_TC1-COD(2014)0216",
                "Position of the European Parliament adopted at first reading on 9 March 2016 with a view to the "
                "adoption of Directive (EU) 2016/… of the European Parliament and of the Council",
                "", "(1)", "", "A first recital.", "", "Article 1", "", "This Directive applies.", ""]
    source = real.path.read_text(encoding="utf-8") + "\n".join(position)
    document = parse(source, real.path.name)
    assert (len(document.paragraphs), len(document.footnotes)) == (real.paragraphs, real.footnotes)
    assert document.paragraphs[-1].text.endswith("Member States.")
    (attachment,) = document.attachments
    assert attachment.num == "P8_TC1-COD(2014)0216"
    assert attachment.text.split("\n") == [line for line in position[1:] if line]
    assert "attachment-kept-whole" in {w.code for w in document.warnings}
    assert characters([source]) == characters(printed(document))
    back = read_akn(to_akn(document, link(document), DEFAULT_BASE), "x.akn.xml")
    assert back.attachments == tuple(a.__class__(a.num, a.text, (0, 0)) for a in document.attachments)
