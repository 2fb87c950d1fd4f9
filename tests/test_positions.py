"""Parliament's position at first reading, read into its structure. No complete real position could
be found (stored copies stop after about 2,000 characters), so the tests use four complete acts of
the European Parliament and of the Council as the Official Journal prints them (tests/positions/,
sources and hand counts in its SOURCES.md): a position is the act's text as Parliament adopted it.
Each is appended, under a position number, to a real text adopted, as the EP prints a legislative
resolution followed by its position."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from accounting import characters, printed

from converter.akn.writer import to_akn
from converter.checks import check_akn
from converter.link import link
from converter.model import Attachment, Document, Provision
from converter.pipeline import convert_document
from converter.readers import parse, read_akn
from converter.vocab import DEFAULT_BASE

HERE = Path(__file__).resolve().parent
RESOLUTION = HERE / "realtexts" / "en_P8_TA-2016-0330.txt"
# The Official Journal's page head above each act (date, language, journal, page) is not part of a position.
PAGE_HEAD = 4


def _counts() -> dict[str, tuple[int, int, int, int, int]]:
    """file → (recitals, articles, chapters, sections, annexes), as counted by hand in SOURCES.md."""
    out = {}
    for line in (HERE / "positions" / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| `en_"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            chapters = int(re.match(r"\d+", cells[7]).group())
            sections = int(re.search(r"/\s*(\d+)", cells[7]).group(1))
            first = [int(re.match(r"\d+", cells[i]).group()) for i in (5, 6, 8)]
            out[cells[0].strip("`")] = (first[0], first[1], chapters, sections, first[2])
    return out


COUNTS = _counts()


def _with_position(act: str) -> tuple[str, Document]:
    lines = (HERE / "positions" / act).read_text(encoding="utf-8").split("\n")[PAGE_HEAD:]
    source = RESOLUTION.read_text(encoding="utf-8") + "\nP8_TC1-COD(2016)0001\n" + "\n".join(lines)
    return source, parse(source, RESOLUTION.name)


def _all(provisions: tuple[Provision, ...]) -> list[Provision]:
    return [p for item in provisions for p in [item, *_all(item.children)]]


def test_the_acts_are_there() -> None:
    assert len(COUNTS) == 4


@pytest.mark.parametrize("act", sorted(COUNTS))
def test_a_position_is_read_into_its_structure(act: str) -> None:
    source, document = _with_position(act)
    (attachment,) = document.attachments
    assert attachment.structured and attachment.num == "P8_TC1-COD(2016)0001"
    assert attachment.formula == "THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,"
    provisions = _all(attachment.body)
    counted = (len(attachment.recitals), sum(p.kind == "article" for p in provisions),
               sum(p.kind == "chapter" for p in provisions), sum(p.kind == "section" for p in provisions),
               len(attachment.annexes))
    assert counted == COUNTS[act]
    assert attachment.conclusions[0].startswith("Done at ")
    assert "attachment-kept-whole" not in {w.code for w in document.warnings}
    # the resolution before it is untouched
    assert (len(document.citations), len(document.recitals), len(document.paragraphs)) == (3, 2, 2)
    assert characters([source]) == characters(printed(document))


def test_paragraphs_points_and_sub_points_nest() -> None:
    _, document = _with_position("en_32020R1056.txt")
    articles = {p.num: p for p in _all(document.attachments[0].body) if p.kind == "article"}
    scope = articles["Article 2"]
    assert scope.heading == "Scope" and [c.num for c in scope.children] == ["1.", "2.", "3."]
    point_a = scope.children[0].children[0]
    assert point_a.num == "(a)" and [s.num for s in point_a.children] == ["(i)", "(ii)", "(iii)", "(iv)", "(v)"]
    assert point_a.children[0].text.startswith("Article 6(1) of EEC Council Regulation No 11")
    definitions = articles["Article 3"]
    assert definitions.heading == "Definitions" and len(definitions.children) == 18
    assert definitions.children[0].eid == "art_3__point_1"


def test_quoted_replacement_text_stays_in_the_amending_point() -> None:
    _, document = _with_position("en_32017D2380.txt")
    articles = [p for p in _all(document.attachments[0].body) if p.kind == "article"]
    assert [a.num for a in articles] == ["Article 1", "Article 2"]
    first = articles[0].children[0]
    assert first.num == "(1)" and first.text.startswith("Article 12 is replaced by the following:\n‘Article 12")
    assert first.text.endswith("at the initiative of the European Parliament or of the Council.’;")


@pytest.mark.shacl
@pytest.mark.parametrize("act", sorted(COUNTS))
def test_a_position_converts_conforms_and_reads_back_from_akoma_ntoso(act: str, tmp_path: Path) -> None:
    _, document = _with_position(act)
    result = convert_document(document, "position", tmp_path)
    assert result.report is not None and result.report.conforms
    xml = to_akn(document, link(document), DEFAULT_BASE)
    assert check_akn(xml) == []
    back = read_akn(xml, "position.akn.xml").attachments[0]
    assert back == _without_lines(document.attachments[0])


def _without_lines(attachment: Attachment) -> Attachment:
    def strip(p: Provision) -> Provision:
        return dataclasses.replace(p, lines=(0, 0), children=tuple(strip(c) for c in p.children))

    return dataclasses.replace(attachment, lines=(0, 0), **{
        name: tuple(strip(p) for p in getattr(attachment, name))
        for name in ("citations", "recitals", "body", "notes", "annexes")})


def test_a_position_the_act_words_do_not_read_is_kept_whole() -> None:
    """An English act after a Dutch resolution: the Dutch act words find no Dutch formula."""
    dutch = (HERE.parent.parent / "shared" / "realtexts" / "nl_P9_TA-2019-0002.txt").read_text(encoding="utf-8")
    act = (HERE / "positions" / "en_32017D2380.txt").read_text(encoding="utf-8").split("\n")[PAGE_HEAD:]
    source = dutch + "\nP9_TC1-COD(2019)0001\n" + "\n".join(act)
    document = parse(source, "nl_P9_TA-2019-0002.txt")
    (attachment,) = document.attachments
    assert not attachment.structured and attachment.text.startswith("DECISION (EU) 2017/2380")
    assert "attachment-kept-whole" in {w.code for w in document.warnings}
    assert characters([source]) == characters(printed(document))
