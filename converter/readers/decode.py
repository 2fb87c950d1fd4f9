"""Turn input bytes into text, naming the encoding problem when that fails."""

from __future__ import annotations

import codecs

from ..errors import UnreadableInput

_CONTROL_OK = {"\n", "\r", "\t", "\f"}
# A text may hold a few stray control characters (PDF extraction); more than this many, or more
# than one in CONTROL_SHARE characters, and the file is binary.
CONTROL_ALLOWANCE = 8
CONTROL_SHARE = 100
# Bytes looked at to tell UTF-16 without a byte order mark.
SNIFF_BYTES = 200


def decode(data: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else."""
    if not data.strip():
        raise UnreadableInput(source, "the file is empty", expected="the text of an EP text adopted")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _normalise(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise UnreadableInput(source, f"UTF-16 byte order mark, but invalid UTF-16 at byte {exc.start}") from None
    elif _looks_like_bom_less_utf16(data):
        raise UnreadableInput(
            source, "the file looks like UTF-16 without a byte order mark",
            expected="UTF-8, or UTF-16 with a byte order mark")
    if b"\x00" in data:
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
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _CONTROL_OK)
    if controls > max(CONTROL_ALLOWANCE, len(text) // CONTROL_SHARE):
        raise UnreadableInput(source, f"the file is binary ({controls} control characters)", expected="a text file")
    return _normalise(text)


def _looks_like_bom_less_utf16(data: bytes) -> bool:
    sample = data[:SNIFF_BYTES]
    return len(sample) >= 8 and (sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
