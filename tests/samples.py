"""Small EP texts adopted, made from a spec, in each language and each of the three layouts.

A spec says what the document holds; ``render`` prints it the way the PDF extraction,
the EP website or the Official Journal would. Tests parse the rendering and compare
the model with the spec, so the expected values never come from the parser.
"""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass, field

from converter.readers.lines import letters

WORDS = {
    "nld": dict(
        journal="Publicatieblad van de Europese Unie", series="C-serie",
        institution="Europees Parlement", collection="AANGENOMEN TEKSTEN", formula="Het Europees Parlement,",
        short="Steun voor Oekraïne en sancties tegen Rusland",
        long="Resolutie van het Europees Parlement van {day} {month} {year} over steun voor Oekraïne ({proc})",
        months=["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                "oktober", "november", "december"],
        citation="gezien", recital="overwegende dat",
        fragments=["de Raad en de Commissie de EU-sancties tegen Rusland moeten uitbreiden",
                   "Belarus de Russische strijdkrachten blijft steunen", "de lidstaten Oekraïne steunen",
                   "de Verenigde Staten en de NAVO samenwerken met de Unie",
                   "de niet-aflatende agressie tegen Oekraïne moet ophouden"],
        cit_fragments=["zijn eerdere resoluties over Oekraïne", "het Handvest van de Verenigde Naties",
                       "artikel 136 van zijn Reglement"],
        footnote="Publicatieblad van de Europese Unie over de maatregelen tegen Rusland",
        heading="Sancties en verantwoording", intro="verzoekt de Commissie om",
        closing="verzoekt zijn Voorzitter deze resolutie te doen toekomen aan de Raad en de Commissie."),
    "eng": dict(
        journal="Official Journal of the European Union", series="Series C",
        institution="European Parliament", collection="TEXTS ADOPTED", formula="The European Parliament,",
        short="Support for Ukraine and sanctions against Russia",
        long="European Parliament resolution of {day} {month} {year} on support for Ukraine ({proc})",
        months=["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"],
        citation="having regard to", recital="whereas",
        fragments=["the Council and the Commission must widen the EU-wide sanctions against Russia",
                   "Belarus continues to support the Russian armed forces", "the Member States support Ukraine",
                   "the United States and NATO work with the Union",
                   "the never-ending aggression against Ukraine must stop"],
        cit_fragments=["its previous resolutions on Ukraine", "the Charter of the United Nations",
                       "Rule 136 of its Rules of Procedure"],
        footnote="Official Journal of the European Union on the measures against Russia",
        heading="Sanctions and accountability", intro="calls on the Commission to",
        closing="instructs its President to forward this resolution to the Council and the Commission."),
    "fra": dict(
        journal="Journal officiel de l’Union européenne", series="Série C",
        institution="Parlement européen", collection="TEXTES ADOPTÉS", formula="Le Parlement européen,",
        short="Soutien à l’Ukraine et sanctions contre la Russie",
        long="Résolution du Parlement européen du {day} {month} {year} sur le soutien à l’Ukraine ({proc})",
        months=["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                "octobre", "novembre", "décembre"],
        citation="vu", recital="considérant que",
        fragments=["le Conseil et la Commission doivent étendre les sanctions contre la Russie",
                   "le Bélarus continue de soutenir les forces armées russes",
                   "les États membres soutiennent l’Ukraine",
                   "les États-Unis et l’OTAN coopèrent avec l’Union",
                   "l’agression contre l’Ukraine doit cesser"],
        cit_fragments=["ses résolutions antérieures sur l’Ukraine", "la charte des Nations unies",
                       "l’article 136 de son règlement intérieur"],
        footnote="Journal officiel de l’Union européenne sur les mesures contre la Russie",
        heading="Sanctions et responsabilité", intro="invite la Commission à",
        closing="charge sa présidente de transmettre la présente résolution au Conseil et à la Commission."),
    "deu": dict(
        journal="Amtsblatt der Europäischen Union", series="Reihe C",
        institution="Europäisches Parlament", collection="ANGENOMMENE TEXTE", formula="Das Europäische Parlament,",
        short="Unterstützung der Ukraine und Sanktionen gegen Russland",
        long="Entschließung des Europäischen Parlaments vom {day}. {month} {year} zur Unterstützung der Ukraine "
             "({proc})",
        months=["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                "November", "Dezember"],
        citation="unter Hinweis auf", recital="in der Erwägung, dass",
        fragments=["der Rat und die Kommission die EU-Sanktionen gegen Russland ausweiten müssen",
                   "Belarus die russischen Streitkräfte weiter unterstützt",
                   "die Mitgliedstaaten die Ukraine unterstützen",
                   "die Vereinigten Staaten und die NATO mit der Union zusammenarbeiten",
                   "die Aggression gegen die Ukraine enden muss"],
        cit_fragments=["seine früheren Entschließungen zur Ukraine", "die Charta der Vereinten Nationen",
                       "Artikel 136 seiner Geschäftsordnung"],
        footnote="Amtsblatt der Europäischen Union zu den Maßnahmen gegen Russland",
        heading="Sanktionen und Rechenschaftspflicht", intro="fordert die Kommission auf,",
        closing="beauftragt seine Präsidentin, diese Entschließung dem Rat und der Kommission zu übermitteln."),
}


@dataclass
class Spec:
    language: str
    term: int
    year: int
    number: int
    day: int
    month: int
    procedure: str
    citations: list[str]
    recitals: list[str]
    paragraphs: list[str]
    # footnote number → (kind, index of the unit, word after which the marker stands)
    footnotes: dict[int, tuple[str, int, int]] = field(default_factory=dict)
    heading_before: int | None = None  # index of a paragraph that gets a cross-heading
    points_in: int | None = None  # index of a paragraph with sub-points a), b)
    points: list[str] = field(default_factory=list)

    @property
    def register(self) -> str:
        return f"P{self.term}_TA({self.year}){self.number:04d}"

    @property
    def words(self) -> dict:
        return WORDS[self.language]

    def footnote_text(self, n: int) -> str:
        return f"{self.words['footnote']} {self.year} nr {n}."


def make_spec(rng: random.Random, language: str) -> Spec:
    w = WORDS[language]
    n_cit, n_rec, n_par = rng.randint(1, 4), rng.randint(1, 30), rng.randint(2, 30)
    citations = [f"{w['citation']} {rng.choice(w['cit_fragments'])}," for _ in range(n_cit)]
    recitals = [f"{w['recital']} " + "; ".join(rng.sample(w["fragments"], rng.randint(1, 3))) + ";"
                for _ in range(n_rec)]
    paragraphs = [" ".join(rng.sample(w["fragments"], rng.randint(1, 4))) + ";" for _ in range(n_par - 1)]
    paragraphs.append(w["closing"])
    spec = Spec(language, rng.choice([9, 10]), rng.randint(2019, 2029), rng.randint(1, 999), rng.randint(1, 28),
                rng.randint(1, 12), f"{rng.randint(2019, 2029)}/{rng.randint(2000, 2999)}(RSP)",
                citations, recitals, paragraphs)
    units = [("recital", i) for i in range(n_rec)] + [("paragraph", i) for i in range(n_par - 1)]
    for n, (kind, index) in enumerate(sorted(rng.sample(units, rng.randint(0, min(4, len(units))))), 1):
        text = (spec.recitals if kind == "recital" else spec.paragraphs)[index]
        spec.footnotes[n] = (kind, index, rng.randint(1, len(text.split()) - 1))
    if n_par > 2 and rng.random() < 0.5:
        spec.heading_before = rng.randint(1, n_par - 2)
    if rng.random() < 0.5:
        spec.points_in = rng.randint(0, n_par - 2)
        spec.points = [rng.choice(w["fragments"]) + ";" for _ in range(rng.randint(2, 3))]
    # footnotes must be numbered in reading order
    if spec.points_in is not None:
        spec.footnotes = {n: v for n, v in spec.footnotes.items() if v[:2] != ("paragraph", spec.points_in)}
    order = sorted(spec.footnotes.values(), key=lambda v: (v[0] != "recital", v[1], v[2]))
    spec.footnotes = {n: v for n, v in enumerate(order, 1)}
    return spec


def _with_markers(spec: Spec, kind: str, index: int, text: str, style: str) -> str:
    words = text.split(" ")
    for n, (k, i, after) in sorted(spec.footnotes.items(), reverse=True):
        if (k, i) == (kind, index):
            words[after - 1] += f"({n})" if style == "paren" else str(n) if words[after - 1][-1].isalpha() \
                else f"({n})"
    return " ".join(words)


def render(spec: Spec, layout: str, rng: random.Random, width: int = 70) -> str:
    """Print ``spec`` as the ``layout`` ("pdf", "web", "oj") would."""
    w = spec.words
    month = w["months"][spec.month - 1]
    out: list[str] = []
    if layout == "oj":
        out += [w["journal"], w["series"], spec.language[:2].upper(), f"C/{spec.year}/{spec.number + 1000}", "",
                "1/3", ""]
    out += [w["institution"], f"{1979 + 5 * (spec.term - 1)}-{1984 + 5 * (spec.term - 1)}", "",
            w["collection"], "", spec.register, w["short"],
            w["long"].format(day=spec.day, month=month, year=spec.year, proc=spec.procedure), "", w["formula"], ""]
    style = "glued" if layout == "pdf" else "paren"
    pending: list[int] = []

    def wrap(text: str) -> list[str]:
        if layout == "web":
            return [text]
        return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=True)

    def emit(num: str, text: str, kind: str, index: int) -> None:
        marked = _with_markers(spec, kind, index, text, style)
        lines = wrap(marked)
        if layout == "oj" and num:
            out.extend([num, ""])
            first = lines
        else:
            first = [f"{num} {lines[0]}".lstrip(), *lines[1:]]
        notes = [n for n, (k, i, _) in spec.footnotes.items() if (k, i) == (kind, index)]
        for k, line in enumerate(first):
            out.append(line)
            if layout == "pdf" and k < len(first) - 1 and rng.random() < 0.08:
                out.extend(["", str(rng.randint(2, 40)), ""])  # a page break inside the unit
            if layout != "web" and notes and k == len(first) - 2:
                # footnote bodies at the page bottom, inside the unit
                for n in notes:
                    out.append("")
                    body = f"{n} {spec.footnote_text(n)}" if layout == "pdf" else f"({n}) {spec.footnote_text(n)}"
                    out.extend(wrap(body))
                notes = []
        if layout != "web" and notes:
            for n in notes:
                out.append("")
                body = f"{n} {spec.footnote_text(n)}" if layout == "pdf" else f"({n}) {spec.footnote_text(n)}"
                out.extend(wrap(body))
        pending.extend(notes)
        out.append("")

    for text in spec.citations:
        if layout == "oj":
            out.extend(wrap(text))
            out.append("")
        else:
            emit("–", text, "citation", 0)
    for i, text in enumerate(spec.recitals):
        emit(f"{letters(i + 1)}.", text, "recital", i)
    for i, text in enumerate(spec.paragraphs):
        if spec.heading_before == i:
            out.extend([w["heading"], ""])
        if spec.points_in == i:
            emit(f"{i + 1}.", f"{w['intro']}:", "paragraph", -1)
            for k, point in enumerate(spec.points):
                out.extend(wrap(f"{chr(97 + k)}) {point}"))
                out.append("")
            continue
        emit(f"{i + 1}.", text, "paragraph", i)
    if layout == "web":
        for n in sorted(spec.footnotes):
            out.extend([f"({n}) {spec.footnote_text(n)}", ""])
    return "\n".join(out) + "\n"

