"""The bundled resolution, P10_TA(2026)0056, against what a careful reader sees in it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from accounting import characters, printed

from converter.model import Document

GOLDEN = Path(__file__).parent / "golden" / "seed-model.json"


def test_counts(seed: Document) -> None:
    assert (len(seed.citations), len(seed.recitals), len(seed.paragraphs), len(seed.footnotes)) == (2, 10, 29, 5)
    assert [r.label for r in seed.recitals] == list("ABCDEFGHIJ")
    assert [p.label for p in seed.paragraphs] == [str(n) for n in range(1, 30)]
    assert seed.warnings == ()
    assert seed.layout == "pdf"


def test_metadata(seed: Document) -> None:
    m = seed.metadata
    assert m.register_number == "P10_TA(2026)0056"
    assert (m.term, m.term_years, m.register.year, m.register.number) == (10, "2024-2029", 2026, 56)
    assert m.kind == "resolution"
    assert m.adopted == dt.date(2026, 2, 24)
    assert (m.procedure, m.procedure_type) == ("2026/2599(RSP)", "RSP")
    assert m.language == "nld"
    assert m.short_title == ("Vier jaar sinds het begin van de Russische aanvalsoorlog tegen Oekraïne en de Europese "
                             "bijdragen aan een rechtvaardige vrede en duurzame veiligheid voor Oekraïne")
    assert m.long_title.startswith("Resolutie van het Europees Parlement van 24 februari 2026 over vier jaar")
    assert m.long_title.endswith("duurzame veiligheid voor Oekraïne (2026/2599(RSP))")


def test_letter(seed: Document) -> None:
    letter = seed.letter
    assert letter is not None
    assert letter.sender.function == "De adjunct-secretaris-generaal"
    assert letter.sender.name == "Markus Winkler"
    assert (letter.reference, letter.date) == ("D 301059", dt.date(2026, 3, 6))
    assert letter.addressee.name == "Mr. Remco Nehmelman"
    assert letter.addressee.function == "Griffier"
    assert letter.addressee.institution == "Eerste Kamer der Staten-Generaal"
    assert letter.addressee.address == ("Binnenhof 22", "Postbus 20017", "2500 EA Den Haag", "NEDERLAND")
    assert letter.subject == ("Tijdens de vergadering van 24 februari 2026 door het Europees Parlement "
                              "aangenomen document")
    assert letter.annex_label == "Bijlage"
    assert letter.body[1].startswith("Het Europees Parlement heeft besloten onderstaand document")
    assert letter.transmitted_title.startswith("resolutie over vier jaar sinds het begin")


def test_footnote_anchors(seed: Document) -> None:
    where = {n.number: (n.anchor.unit if n.anchor else None) for n in seed.footnotes}
    assert where == {1: "para_12", 2: "para_16", 3: "para_18", 4: "para_18", 5: "para_21"}
    before_after = {1: ("steunlening", ";"), 2: ("Russische olie", ";"), 3: ("richtlijn tijdelijke bescherming", " zo"),
                    4: ("van 29 februari 2024", " aan de Commissie"), 5: ("bestrijding van het terrorisme", ";")}
    for note in seed.footnotes:
        assert note.anchor is not None
        text = seed.unit(note.anchor.unit).text
        before, after = before_after[note.number]
        assert text[: note.anchor.offset].endswith(before)
        assert text[note.anchor.offset:].startswith(after)


def test_footnote_bodies_leave_the_paragraphs(seed: Document) -> None:
    para14 = seed.unit("para_14").text
    assert "Voorstel van de Commissie" not in para14
    assert "gezamenlijke ontwikkeling in de EU en productie door de Oekraïense industrie" in para14
    assert seed.unit("para_21").text.endswith("strafrechtelijke sancties tegen hen toe te passen;")
    assert seed.footnotes[0].text.endswith("(COM(2026)0020).")
    assert seed.footnotes[4].text == "PB L 344 van 28.12.2001, blz. 93, ELI: http://data.europa.eu/eli/compos/2001/931/oj."


def test_pdf_artefacts(seed: Document) -> None:
    assert [(a.line, a.text) for a in seed.artefacts] == [(343, "9")]
    recital_c = seed.unit("recs__rec_C").text
    assert recital_c.endswith("meer dan 1 400 burgers uit 36 Afrikaanse landen voor Rusland vechten;")
    assert "EU-sancties" in seed.unit("recs__rec_D").text
    assert "niet-aflatende EU-steun" in seed.footnotes[3].text
    assert "het VN-Handvest vormt" in seed.unit("para_2").text
    assert "“Roemeense orthodoxe kerk in Oekraïne” te erkennen" in seed.unit("para_6").text
    assert seed.unit("para_29").closing and not seed.unit("para_28").closing


def test_every_unit_is_clean_running_text(seed: Document) -> None:
    for unit in seed.units:
        assert unit.text == unit.text.strip()
        assert "  " not in unit.text and "\n" not in unit.text, unit.eid
    assert [u.lines for u in seed.citations] == [(50, 50), (52, 52)]
    assert seed.unit("para_1").lines == (121, 133)


def test_nothing_lost_nothing_added(seed: Document, seed_path: Path) -> None:
    source = characters([seed_path.read_text(encoding="utf-8")])
    assert characters(printed(seed)) == source


def test_golden_model(seed: Document) -> None:
    """The golden file was read unit by unit against the seed; any change to it must be read again."""
    assert seed.to_dict() == json.loads(GOLDEN.read_text(encoding="utf-8"))
