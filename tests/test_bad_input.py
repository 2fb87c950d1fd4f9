"""Bad input through the command line: a clear message, a documented exit code, no output file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from converter.errors import ExitCode
from converter.readers import parse


@pytest.fixture
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


def convert(tmp_path: Path, name: str, data: bytes) -> tuple[int, str, list[Path]]:
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "out"
    result = run_cli("convert", str(source), "-o", str(out))
    written = sorted(out.iterdir()) if out.exists() else []
    return result.returncode, result.stderr, written


@pytest.mark.parametrize(("name", "data", "code", "message"), [
    ("empty.txt", b"", ExitCode.UNREADABLE, "the file is empty"),
    ("blank.txt", b"\n \n\t\n", ExitCode.UNREADABLE, "the file is empty"),
    ("binary.txt", bytes(range(256)) * 8, ExitCode.UNREADABLE, "binary"),
    ("latin1.txt", "Het Europees Parlement,\nOekraïne\n".encode("cp1252"), ExitCode.UNREADABLE,
     "latin1.txt:2: not valid UTF-8 at byte 29"),
    ("utf16-nobom.txt", "Het Europees Parlement,\n".encode("utf-16-le"), ExitCode.UNREADABLE,
     "UTF-16 without a byte order mark"),
    ("letter.txt", b"Geachte heer,\n\nDit is een brief.\n", ExitCode.NOT_A_TEXT_ADOPTED,
     "letter.txt: not an EP text adopted: no formula line"),
])
@pytest.mark.cli
def test_unusable_input(tmp_path: Path, name: str, data: bytes, code: ExitCode, message: str) -> None:
    returncode, stderr, written = convert(tmp_path, name, data)
    assert returncode == code
    assert message in stderr
    assert "Traceback" not in stderr
    assert written == []


@pytest.mark.cli
def test_missing_file(tmp_path: Path) -> None:
    result = run_cli("convert", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"))
    assert result.returncode == ExitCode.UNREADABLE
    assert "nope.txt: cannot be read: No such file or directory" in result.stderr


@pytest.mark.cli
def test_truncated_text(tmp_path: Path, seed_text: str) -> None:
    cut = seed_text[: seed_text.index("de president, de regering")]
    returncode, stderr, written = convert(tmp_path, "cut.txt", cut.encode())
    assert returncode == ExitCode.NOT_A_TEXT_ADOPTED
    assert "cut.txt:465: the text ends in the middle of paragraph 29." in stderr
    assert "expected a last paragraph ending with '.'" in stderr
    assert written == []


@pytest.mark.cli
def test_no_register_number(tmp_path: Path, seed_text: str) -> None:
    returncode, stderr, _ = convert(tmp_path, "noreg.txt", seed_text.replace("P10_TA(2026)0056", "").encode())
    assert returncode == ExitCode.NOT_A_TEXT_ADOPTED
    assert "no public register number; expected a line such as P10_TA(2026)0056" in stderr


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
@pytest.mark.cli
def test_bom_encodings_are_read(tmp_path: Path, seed_text: str, encoding: str) -> None:
    returncode, stderr, written = convert(tmp_path, "seed.txt", seed_text.encode(encoding))
    assert returncode == ExitCode.OK, stderr
    assert [p.name for p in written]


@pytest.mark.cli
def test_numbering_gap_is_a_warning(tmp_path: Path, seed_text: str) -> None:
    text = seed_text.replace("\n6. verwelkomt", "\n7. verwelkomt", 1)
    returncode, stderr, written = convert(tmp_path, "gap.txt", text.encode())
    assert returncode == ExitCode.OK
    assert "gap.txt:169: paragraph 7. where 6. was expected [paragraph-numbering]" in stderr
    assert written
    assert [w.code for w in parse(text).warnings] == ["paragraph-numbering"]


def test_recital_gap_is_a_warning(seed_text: str) -> None:
    document = parse(seed_text.replace("\nF. overwegende", "\nG. overwegende", 1))
    assert [(w.line, w.code) for w in document.warnings] == [(92, "recital-lettering")]


def test_marker_without_footnote_body(seed_text: str) -> None:
    start = seed_text.index("5 PB L 344")
    text = seed_text[:start] + seed_text[seed_text.index("\n", start) + 1:]
    document = parse(text)
    assert len(document.footnotes) == 4
    assert [w.code for w in document.warnings] == ["marker-without-footnote"]
    assert "footnote marker 5 in para_21 has no footnote text" in document.warnings[0].message
    # with no footnote to move it to, the marker stays in the text as printed: nothing is lost
    assert "terrorisme5;" in document.unit("para_21").text


def test_footnote_body_without_marker(seed_text: str) -> None:
    document = parse(seed_text.replace("steunlening1;", "steunlening;"))
    codes = [(w.code, w.line) for w in document.warnings]
    assert ("footnote-without-marker", 285) in codes
