"""One type for every problem a stage reports: parser and linker warnings, SHACL results,
schema errors. A finding never stops a stage; errors that do are in ``errors``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """Ordered from worst to mildest; the names are SHACL's."""

    VIOLATION = "violation"
    WARNING = "warning"
    INFO = "info"

    def at_least(self, threshold: Severity) -> bool:
        order = list(Severity)
        return order.index(self) <= order.index(threshold)


@dataclass(frozen=True)
class Finding:
    """What was found, where.

    ``code`` names the rule: a warning code (``paragraph-numbering``) or the SHACL shape that
    produced the result. ``line`` is the source line (1-based) when the input is text;
    ``focus``, ``path`` and ``value`` are the SHACL result's, as short names.
    """

    severity: Severity
    code: str
    message: str
    line: int | None = None
    focus: str | None = None
    path: str | None = None
    value: str | None = None


# The reader's warning that the input was normalised to Unicode NFC; provenance states it.
NORMALISED_NFC = "unicode-normalised-nfc"


def warning(line: int | None, code: str, message: str) -> Finding:
    return Finding(Severity.WARNING, code, message, line=line)
