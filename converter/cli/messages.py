"""Every message the command line prints about documents, findings and reports."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..checks import Report
from ..errors import printable
from ..findings import Finding, Severity
from ..run import Outcome


def warning_line(source: Path, finding: Finding) -> str:
    where = f"{printable(str(source))}:{finding.line}" if finding.line else printable(str(source))
    return f"warning: {where}: {finding.message} [{finding.code}]"


def count(findings: Sequence[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity == severity)


def outcome_lines(outcome: Outcome) -> list[str]:
    """What converting one file did, as ``convert`` prints it."""
    if outcome.skipped:
        return [f"skipped {printable(str(outcome.source))}: already converted from the same bytes by release "
                f"{outcome.release} with the same options (the output folder's manifest.json); --force converts "
                "it again"]
    if outcome.error is not None:
        lines = [report_text(outcome.violations)] if outcome.violations else []
        return [*lines, f"error: {outcome.error}"]
    lines = [warning_line(outcome.source, w) for w in outcome.warnings]
    if outcome.triples is not None:
        lines.append(f"validated {printable(outcome.source.name)}: {outcome.triples} triples conform to the shapes")
    if outcome.ep_findings is not None:
        shapes = ", ".join(sorted({f.code for f in outcome.ep_findings}))
        lines.append(f"European Parliament profile (ta:Work-TA): {count(outcome.ep_findings, Severity.VIOLATION)} "
                     f"violation(s) {shapes} (see README: what the text cannot give)")
    lines += [f"wrote {printable(str(path))}" for path in outcome.written]
    return lines


def manifest_warning(path: Path, problem: str) -> str:
    return f"warning: {printable(str(path))} {problem}: every input is converted, and it is written anew"


def report_text(findings: Sequence[Finding], limit: int = 20) -> str:
    """Grouped by shape and message, with counts, then up to ``limit`` findings in full."""
    if not findings:
        return "conforms: no violations, no warnings"
    lines = [f"{count(findings, Severity.VIOLATION)} violation(s), {count(findings, Severity.WARNING)} warning(s)"]
    groups = Counter((f.severity, f.code) for f in findings)
    example = {(f.severity, f.code): f.message for f in reversed(findings)}
    for (severity, shape), n in sorted(groups.items()):
        lines.append(f"  {n:4d} × {severity} of {shape}, e.g. {example[severity, shape]}")
    lines.append("details:")
    for f in sorted(findings, key=lambda f: (f.code, f.focus or "", f.value or ""))[:limit]:
        lines.append(f"  - {f.severity} {f.code}\n      focus: {f.focus}\n      path:  {f.path}\n"
                     f"      value: {f.value}\n      {f.message}")
    if len(findings) > limit:
        lines.append(f"  … and {len(findings) - limit} more (see the full report)")
    return "\n".join(lines)


def report_json(report: Report) -> str:
    results = [{"severity": str(f.severity), "shape": f.code, "focus": f.focus, "path": f.path, "value": f.value,
                "message": f.message} for f in report.findings]
    return json.dumps({"conforms": report.conforms, "violations": report.count(Severity.VIOLATION),
                       "warnings": report.count(Severity.WARNING), "results": results}, indent=1, ensure_ascii=False)
