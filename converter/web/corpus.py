"""What the web server and the static site publish: the converted documents of one or more output
folders, in a store, with the files each document was written to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..errors import UnreadableInput
from ..resources import path as resource_path
from ..store import Store
from ..vocab import DEFAULT_BASE

# The files of a document in an output folder, by the extension of its manifestation IRI.
FILE_SUFFIXES = {"ttl": ".ttl", "jsonld": ".jsonld", "nt": ".nt", "akn": ".akn.xml"}
# The Akoma Ntoso file names its manifestation near the top; reading the head is enough.
MANIFESTATION = re.compile(rb'<FRBRManifestation>\s*<FRBRthis value="([^"]+)\.akn"')
HEAD_BYTES = 8192


@dataclass
class Corpus:
    """The store to answer from, the base its IRIs are under, and for each expression path
    (``/akn/…/nld@``) the stem of its files (``output/000_….``)."""

    store: Store
    base: str = DEFAULT_BASE
    files: dict[str, Path] = field(default_factory=dict)

    @classmethod
    def open(cls, outputs: list[Path], store_dir: Path | None = None, base: str = DEFAULT_BASE) -> Corpus:
        """The documents of ``outputs``: loaded into an in-memory store, or answered from the store
        at ``store_dir`` (opened read-only: it must already hold them, see ``eprdf load``). With a
        store and no output folder, there are no files: no document pages, no Akoma Ntoso."""
        files = _document_files(outputs) if outputs or store_dir is None else {}
        if store_dir is not None:
            try:
                store = Store(store_dir, read_only=True)
            except OSError as exc:
                raise UnreadableInput(str(store_dir), f"the store cannot be opened: {exc}",
                                      expected="a store folder made by 'load' or 'convert --store'") from None
        else:
            store = Store()
            store.load_many([stem.with_name(stem.name + "ttl") for stem in files.values()])
        return cls(store, base.rstrip("/"), files)

    @property
    def oxigraph(self) -> ox.Store:
        return self.store.store

    def iri(self, path: str) -> str:
        """The IRI a request path stands for."""
        return self.base + path

    def path(self, iri: str) -> str | None:
        """The request path of an IRI under the base; None for others' IRIs."""
        return iri[len(self.base):] if iri.startswith(self.base + "/") else None

    def file(self, expression_path: str, extension: str) -> Path | None:
        """The file holding an expression in a format, if it was converted to that format."""
        stem = self.files.get(expression_path)
        if stem is None or extension not in FILE_SUFFIXES:
            return None
        found = stem.with_name(stem.name + FILE_SUFFIXES[extension].lstrip("."))
        return found if found.is_file() else None


def _document_files(outputs: list[Path]) -> dict[str, Path]:
    """Each expression path with its files' stem (the file name up to and with its first dot),
    read from the Akoma Ntoso file's head."""
    found: dict[str, Path] = {}
    for folder in outputs:
        if not folder.is_dir():
            raise UnreadableInput(str(folder), "is not a folder", expected="an output folder written by 'convert'")
        for akn in sorted(folder.glob("*.akn.xml")):
            with akn.open("rb") as handle:
                match = MANIFESTATION.search(handle.read(HEAD_BYTES))
            if match is None:
                raise UnreadableInput(str(akn), "names no FRBRManifestation in its first 8 KB",
                                      expected="an Akoma Ntoso file written by 'convert'")
            stem = akn.with_name(akn.name[: -len("akn.xml")])
            if not stem.with_name(stem.name + "ttl").is_file():
                raise UnreadableInput(str(akn), f"has no Turtle file beside it ({stem.name}ttl)",
                                      expected="the files 'convert' wrote for one document, together")
            found[match.group(1).decode()] = stem
    if not found:
        raise UnreadableInput(", ".join(str(o) for o in outputs), "holds no converted document",
                              expected="an output folder written by 'convert' (*.akn.xml and *.ttl)")
    return found


def shipped(name: str) -> Path:
    """A file the package ships and the server publishes as it is (the ontology, the shapes, the
    JSON-LD context)."""
    folder = "shapes" if name.endswith(".shapes.ttl") else "ontology"
    return resource_path(folder, name)
