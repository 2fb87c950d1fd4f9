"""Dutch, English, French and German texts in the PDF, website and Official Journal layouts."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from accounting import characters, printed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from samples import WORDS, Spec, make_spec, render

from converter.model import Document
from converter.readers import parse

LAYOUTS = ("pdf", "web", "oj")


def check(spec: Spec, layout: str, document: Document) -> None:
    """The parsed document says what the spec says."""
    m = document.metadata
    assert (m.register_number, m.term, m.language, m.kind) == (spec.register, spec.term, spec.language, "resolution")
    assert m.adopted == dt.date(spec.year, spec.month, spec.day)
    assert m.procedure == spec.procedure and m.procedure_type == "RSP"
    assert m.short_title == spec.words["short"]
    assert document.layout == (layout if layout != "web" or spec.footnotes else "pdf")
    assert [c.text for c in document.citations] == spec.citations
    assert [r.text for r in document.recitals] == spec.recitals
    expected = list(spec.paragraphs)
    if spec.points_in is not None:
        expected[spec.points_in] = f"{spec.words['intro']}:"
        points = document.paragraphs[spec.points_in].points
        assert [(p.num, p.text) for p in points] == [(f"{chr(97 + k)})", t) for k, t in enumerate(spec.points)]
    assert [p.text for p in document.paragraphs] == expected
    assert [p.label for p in document.paragraphs] == [str(n) for n in range(1, len(expected) + 1)]
    headings = {i: p.heading for i, p in enumerate(document.paragraphs) if p.heading}
    assert headings == ({spec.heading_before: spec.words["heading"]} if spec.heading_before is not None else {})
    assert document.paragraphs[-1].closing
    assert len(document.footnotes) == len(spec.footnotes)
    for note in document.footnotes:
        kind, index, after = spec.footnotes[note.number]
        assert note.text == spec.footnote_text(note.number)
        unit = (document.recitals if kind == "recital" else document.paragraphs)[index]
        assert note.anchor is not None and note.anchor.unit == unit.eid
        assert note.anchor.offset == len(" ".join(unit.text.split(" ")[:after]))
    assert document.warnings == ()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("language", sorted(WORDS))
def test_each_language_and_layout(language: str, layout: str) -> None:
    rng = random.Random(f"{language}-{layout}")
    for _ in range(5):
        spec = make_spec(rng, language)
        text = render(spec, layout, rng)
        check(spec, layout, parse(text, f"{language}.{layout}.txt"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), language=st.sampled_from(sorted(WORDS)), layout=st.sampled_from(LAYOUTS),
       width=st.integers(30, 110))
def test_generated_variations_parse_faithfully(seed: int, language: str, layout: str, width: int) -> None:
    """The no-loss property and the structure hold however the lines fall."""
    rng = random.Random(seed)
    spec = make_spec(rng, language)
    text = render(spec, layout, rng, width)
    document = parse(text, "generated.txt")
    check(spec, layout, document)
    assert characters(printed(document)) == characters([text])
