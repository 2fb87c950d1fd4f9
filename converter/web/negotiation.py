"""Content negotiation: the representations a resource has, each with its media type and file
extension, and the choice among them by an ``Accept`` header, a ``?format=`` or an extension."""

from __future__ import annotations

from dataclasses import dataclass

from ..vocab import AKN_MEDIA_TYPE


@dataclass(frozen=True)
class Representation:
    """A way of representing a resource: its extension (the name ``?format=`` takes too), its
    media type and the other media types clients send for it."""

    extension: str
    media_type: str
    aliases: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.extension != "akn" else self.media_type


HTML = Representation("html", "text/html", ("application/xhtml+xml",))
TURTLE = Representation("ttl", "text/turtle", ("application/x-turtle",))
JSONLD = Representation("jsonld", "application/ld+json", ("application/json",))
NTRIPLES = Representation("nt", "application/n-triples", ("text/plain",))
RDFXML = Representation("rdf", "application/rdf+xml", ("application/xml", "text/xml"))
AKN = Representation("akn", AKN_MEDIA_TYPE)

# In the order of preference when a client accepts several equally (a browser's */* gets HTML).
RDF_REPRESENTATIONS = (TURTLE, JSONLD, NTRIPLES, RDFXML)
ALL = (HTML, *RDF_REPRESENTATIONS, AKN)
BY_EXTENSION = {r.extension: r for r in ALL}


def parse_accept(header: str, media: bool = True) -> list[tuple[str, float]]:
    """The ranges of an ``Accept`` (media types) or ``Accept-Language`` header with their quality,
    malformed parts ignored."""
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        name = fields[0].lower()
        if not name or (media and "/" not in name):
            continue
        quality = 1.0
        for field in fields[1:]:
            key, _, value = field.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    quality = 0.0
        ranges.append((name, quality))
    return ranges


def preferred_languages(header: str) -> list[str]:
    """The primary language subtags an ``Accept-Language`` header asks for, best first."""
    ranked = sorted(parse_accept(header, media=False), key=lambda r: -r[1])
    return [name.split("-")[0] for name, quality in ranked if quality > 0]


def _quality(ranges: list[tuple[str, float]], representation: Representation) -> float:
    """The quality the client gives a representation: that of the most specific range matching it."""
    best, specificity = 0.0, -1
    for media, quality in ranges:
        kind, _, sub = media.partition("/")
        for offered in (representation.media_type, *representation.aliases):
            offered_kind = offered.split("/")[0]
            if media == offered:
                rank = 2
            elif sub == "*" and kind == offered_kind:
                rank = 1
            elif media == "*/*":
                rank = 0
            else:
                continue
            # an exact range for the media type itself outranks one for an alias
            rank = rank * 2 + (offered == representation.media_type)
            if rank > specificity:
                best, specificity = quality, rank
    return best


def choose(accept: str | None, offered: tuple[Representation, ...]) -> Representation | None:
    """The representation the client prefers among ``offered``; None when it accepts none (406).
    No header means anything; ties go to the order of ``offered``."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    scored = [(_quality(ranges, r), -i, r) for i, r in enumerate(offered)]
    quality, _, chosen = max(scored, key=lambda s: (s[0], s[1]))
    return chosen if quality > 0 else None
