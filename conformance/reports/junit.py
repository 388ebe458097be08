"""JUnit XML from a report, for CI dashboards.

One ``testsuite`` for the vector sets (one ``testcase`` each) and one for the requirements.
Mapping: fail -> ``<failure>``, error -> ``<error>``, not-applicable -> ``<skipped>``,
inconclusive -> ``<failure type="inconclusive">`` (never a silent pass). A set whose every
non-passing vector is in the expected-failure list is ``<skipped type="expected-failure">``;
a listed vector that passed makes its set a ``<failure type="unexpected-pass">``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from conformance.reports.failures import describe, failing
from conformance.reports.model import Report, RequirementResult, SetResult
from conformance.reports.verdicts import NON_PASSING, Verdict

DETAIL_LINES = 50  # vectors listed in the text of a failing set
# characters XML 1.0 forbids even when escaped; reasons quote implementations (terminal colour
# codes in a child's stderr, a NUL in a rejection message), so they are written as \xNN instead
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_junit(report: Report) -> str:
    """The report as a JUnit XML document."""
    root = ET.Element("testsuites", name=f"recbench {report.recommendation.id}")
    suite = ET.SubElement(root, "testsuite", name=f"{report.recommendation.id} vector sets",
                          timestamp=report.started.isoformat())
    properties = ET.SubElement(suite, "properties")
    for name, value in _properties(report):
        ET.SubElement(properties, "property", name=name, value=value)
    unexpected_passes = set(report.expected_failures.unexpected_passes)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    elapsed = 0.0
    for result in report.sets:
        kind = _set_case(suite, report, result, unexpected_passes)
        totals["tests"] += 1
        elapsed += result.seconds
        if kind:
            totals[kind] += 1
    _attributes(suite, totals, elapsed)
    requirements = ET.SubElement(root, "testsuite", name=f"{report.recommendation.id} requirements",
                                 timestamp=report.started.isoformat())
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for row in report.requirements:
        kind = _requirement_case(requirements, report, row)
        totals["tests"] += 1
        if kind:
            totals[kind] += 1
    _attributes(requirements, totals, 0.0)
    ET.indent(root)
    text = _NOT_XML.sub(lambda match: f"\\x{ord(match[0]):02x}", ET.tostring(root, encoding="unicode"))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _attributes(suite: ET.Element, totals: dict[str, int], seconds: float) -> None:
    for key, value in totals.items():
        suite.set(key, str(value))
    suite.set("time", f"{seconds:.3f}")


def _properties(report: Report) -> list[tuple[str, str]]:
    implementation = report.implementation
    found = [
        ("recommendation", report.recommendation.id),
        ("edition", report.recommendation.edition.isoformat()),
        ("implementation", f"{implementation.name} {implementation.version}"),
        ("adapter", implementation.adapter),
        ("verdict", report.verdict.value),
        ("passed", str(report.passed).lower()),
        ("complete", str(report.complete).lower()),
        ("recbench", report.environment.recbench),
    ]
    if implementation.git is not None:
        found.append(("git", implementation.git.commit + (" (dirty)" if implementation.git.dirty else "")))
    return found


def _set_case(suite: ET.Element, report: Report, result: SetResult, unexpected_passes: set[str]) -> str | None:
    case = ET.SubElement(suite, "testcase", classname=report.recommendation.id, name=result.id,
                         time=f"{result.seconds:.3f}")
    counts = ", ".join(f"{count} {verdict.value}" for verdict, count in result.counts.items())
    passes = [ref for ref in unexpected_passes if ref == result.id or ref.startswith(result.id + "/")]
    if passes:
        ET.SubElement(case, "failure", type="unexpected-pass",
                      message=f"listed as expected to fail, but passed: {', '.join(sorted(passes)[:10])}")
        return "failures"
    if result.verdict is Verdict.NOT_APPLICABLE:
        ET.SubElement(case, "skipped", message=f"not applicable: {result.reason}")
        return "skipped"
    if result.verdict not in NON_PASSING:
        return None
    if result.unexpected_failures == 0:
        ET.SubElement(case, "skipped", type="expected-failure",
                      message=f"{result.verdict.value}, every non-passing vector is an expected failure ({counts})")
        return "skipped"
    text = _details(report.recommendation.id, result)
    if result.verdict is Verdict.ERROR:
        element = ET.SubElement(case, "error", type="error", message=result.reason)
        kind = "errors"
    else:
        element = ET.SubElement(case, "failure", type=result.verdict.value, message=result.reason)
        kind = "failures"
    element.text = f"{counts}\n{text}"
    return kind


def _details(recommendation: str, result: SetResult) -> str:
    lines: list[str] = []
    for vector in failing(result):
        if len(lines) >= DETAIL_LINES:
            lines.append("…")
            break
        lines.append("\n".join(describe(recommendation, result.id, vector, indent="")))
    return "\n".join(lines)


def _requirement_case(suite: ET.Element, report: Report, row: RequirementResult) -> str | None:
    case = ET.SubElement(suite, "testcase", classname=f"{report.recommendation.id} requirements",
                         name=f"{row.id} ({row.level}, clause {row.clause})")
    if row.status in ("untested", "inspection", "not-run", "not-applicable"):
        messages = {
            "untested": "untested: no vector set covers it",
            "inspection": "verified by inspection, not by vectors",
            "not-run": "none of its vector sets ran",
            "not-applicable": "its vector sets require options not claimed",
        }
        ET.SubElement(case, "skipped", message=messages[row.status])
        return "skipped"
    sets = {result.id: result for result in report.sets}
    failing = [sets[set_id] for set_id in row.covered_by if set_id in sets and sets[set_id].verdict in NON_PASSING]
    if failing and all(result.unexpected_failures == 0 for result in failing):
        ET.SubElement(case, "skipped", type="expected-failure",
                      message="its non-passing vectors are all expected failures")
        return "skipped"
    if row.verdict is Verdict.ERROR:
        ET.SubElement(case, "error", message=f"covered by {', '.join(row.covered_by)}: error")
        return "errors"
    if row.verdict in (Verdict.FAIL, Verdict.INCONCLUSIVE):
        assert row.verdict is not None
        ET.SubElement(case, "failure", type=row.verdict.value,
                      message=f"covered by {', '.join(row.covered_by)}: {row.verdict.value}")
        return "failures"
    return None
