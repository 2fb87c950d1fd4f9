"""readers: an input file in, the document model out.

``read_file`` sniffs the input and hands it to one reader per format: ``text`` (the PDF's,
the EP website's and the Official Journal's layouts, after ``decode``) and ``akn`` (Akoma
Ntoso XML). Readers import the model, ids, languages and errors, never a later stage.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import UnreadableInput
from ..model import Document
from .akn import read_akn
from .decode import decode
from .text import parse

__all__ = ["parse", "read_akn", "read_file"]


def read_file(path: Path, name: str | None = None) -> Document:
    """Read, decode and parse one file (text, or Akoma Ntoso XML); errors name the file."""
    source = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(source, f"cannot be read: {exc.strerror}") from None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return read_akn(data, source)
    return parse(decode(data, source), source=source, sha256=hashlib.sha256(data).hexdigest())
