"""Turn input bytes into text, naming the encoding problem when that fails.

What comes out is NFC-normalised Unicode with ``\\n`` line ends. Form feeds and vertical tabs
(the page breaks PDF-to-text tools emit) are layout and are taken out; any other control
character is an input error that names its line and column.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from ..errors import UnreadableInput

# Page breaks: layout, not text.
PAGE_BREAKS = {"\f", "\v"}
_ALLOWED_CONTROLS = {"\n", "\t"} | PAGE_BREAKS
# Bytes looked at to tell UTF-16 without a byte order mark, and the share of them that must read
# as text in UTF-16 for the file to be taken for it.
SNIFF_BYTES = 200
ZERO_SHARE = 0.4  # at least this share of one side's bytes are zero …
STRAY_SHARE = 0.05  # … and at most this share of the other side's


@dataclass(frozen=True)
class Decoded:
    text: str
    normalised: bool  # the input was not in NFC (macOS, some PDF extractors) and was normalised


def decode(data: bytes, source: str) -> Decoded:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else."""
    if not data.strip():
        raise UnreadableInput(source, "the file is empty", expected="the text of an EP text adopted")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _clean(data.decode("utf-16"), source)
        except UnicodeDecodeError as exc:
            raise UnreadableInput(source, f"UTF-16 byte order mark, but invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data:
        if _reads_as_utf16(data):
            raise UnreadableInput(source, "the file looks like UTF-16 without a byte order mark",
                                  expected="UTF-8, or UTF-16 with a byte order mark")
        raise UnreadableInput(source, "the file is binary (it contains NUL bytes)", expected="a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start: exc.start + 4]
        raise UnreadableInput(
            source, f"not valid UTF-8 at byte {exc.start} (bytes {bad!r}); "
            "convert it to UTF-8 first (for example with iconv -f cp1252 -t utf-8)",
            line=line) from None
    return _clean(text, source)


def _reads_as_utf16(data: bytes) -> bool:
    """UTF-16 of Latin, Greek or Cyrillic text has its zero bytes on one side of every pair;
    binary files (executables, images) have them on both."""
    sample = data[:SNIFF_BYTES]
    half = len(sample) // 2
    if half < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > ZERO_SHARE * half and min(even, odd) < STRAY_SHARE * half


def _clean(text: str, source: str) -> Decoded:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for index, ch in enumerate(text):
        if (ord(ch) < 32 and ch not in _ALLOWED_CONTROLS) or ch == "\x7f":
            line = text.count("\n", 0, index) + 1
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            raise UnreadableInput(source, f"a control character U+{ord(ch):04X} at column {column}; a text "
                                  "adopted holds none (only page breaks, which are taken out)", line=line)
    for page_break in PAGE_BREAKS:
        text = text.replace(page_break, "")
    normal = unicodedata.normalize("NFC", text)
    return Decoded(normal, normal != text)
