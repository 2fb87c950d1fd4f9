"""readers: an input file in, the document model out.

``read_file`` sniffs the input and hands it to one reader per format: ``text`` (the PDF's,
the EP website's and the Official Journal's layouts, after ``decode``) and ``akn`` (Akoma
Ntoso XML). Readers import the model, ids, languages and errors, never a later stage.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path

from ..errors import UnreadableInput
from ..ids import RegisterNumber
from ..model import Document
from .akn import read_akn
from .decode import decode
from .text import Given, parse

__all__ = ["MAX_INPUT_BYTES", "Given", "parse", "read_akn", "read_file", "register_from_name"]

# The largest input read unless the user raises it: the longest texts adopted are a few MB.
MAX_INPUT_BYTES = 20 * 1024 * 1024
XML_DECLARATION = re.compile(r"^<\?xml[^>]*\?>")
# The EP's file names: TA-9-2021-0340_IT.html, P9_TA(2021)0340, P9_TA-2021-0340 (and with a prefix).
_NAME_PATTERNS = (
    re.compile(r"(?<![A-Za-z0-9])TA-(?P<term>\d{1,2})-(?P<year>\d{4})-(?P<number>\d{4})(?!\d)"),
    re.compile(r"(?<![A-Za-z0-9])P(?P<term>\d{1,2})_TA[(-](?P<year>\d{4})[)-]?(?P<number>\d{4})(?!\d)"),
)


def register_from_name(name: str) -> str | None:
    """The register number an EP file name carries, if it follows one of the EP's patterns."""
    for pattern in _NAME_PATTERNS:
        match = pattern.search(name)
        if match:
            return str(RegisterNumber(int(match["term"]), int(match["year"]), int(match["number"])))
    return None


def read_file(path: Path, name: str | None = None, given: Given | None = None,
              max_bytes: int = MAX_INPUT_BYTES) -> Document:
    """Read, decode and parse one file (text, or Akoma Ntoso XML); errors name the file. The file
    name supplies the register number where the text prints none."""
    source = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(source, f"cannot be read: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise UnreadableInput(source, f"the file has {len(data):,} bytes, more than the limit of {max_bytes:,}",
                              expected="a text adopted (raise the limit with --max-size if this one is real)")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return read_akn(data, source)
    decoded = decode(data, source)
    if decoded.text.lstrip().startswith("<"):  # Akoma Ntoso in UTF-16
        return read_akn(XML_DECLARATION.sub("", decoded.text.lstrip(), count=1).encode("utf-8"), source)
    given = replace(given or Given(), register_from_name=register_from_name(path.name),
                    normalised=decoded.normalised)
    return parse(decoded.text, source=source, sha256=hashlib.sha256(data).hexdigest(), given=given)
