"""The Akoma Ntoso manifestation against the OASIS schema (strict), and what the schema cannot
see: every ``refersTo`` and ``href="#…"`` must resolve to an eId."""

from __future__ import annotations

from lxml import etree

from ..akn.schema import safe_parser, schema
from ..findings import Finding, Severity


def check_akn(xml: bytes) -> list[Finding]:
    """Every schema error and dangling reference, as violations."""
    tree = etree.fromstring(xml, parser=safe_parser())
    found = [] if schema().validate(tree) else [
        Finding(Severity.VIOLATION, "akn-schema", e.message, line=e.line) for e in schema().error_log]
    ids = set(tree.xpath("//@eId"))
    for attr in ("refersTo", "href"):
        for value in tree.xpath(f"//@{attr}"):
            if value.startswith("#") and value[1:] not in ids:
                found.append(Finding(Severity.VIOLATION, "akn-reference", f"{attr}={value!r} points at no eId"))
    return found
