"""Expected-failure entries with their evidence, drafted from a report's non-passing vectors.

A deviation is kept as an expected failure whose reason states what was seen: the vector, its
input, the expected value, the value provided and the requirements its set covers, so that a
change on either side (the implementation fixed, the vectors corrected) shows as a stale entry.
The lines are in the form of an ICS's ``expected_failures_file``: ``set/id  # evidence``.
"""

from __future__ import annotations

from conformance.reports.failures import failing, value_text
from conformance.reports.model import Report

EVIDENCE_WIDTH = 300  # characters of each value in a line: enough to see a one-sample difference


def expected_failure_lines(report: Report) -> list[str]:
    """One line per vector of ``report`` that did not pass (listed or not), with its evidence.

    Sets whose vectors were not all kept in detail (more failures than the report's cap) are
    named in a comment line, since an entry cannot be drafted for a vector the report omits.
    """
    lines: list[str] = []
    for result in report.sets:
        requirements = ", ".join(result.covers)
        for vector in failing(result):
            parts = [f"{vector.verdict.value}"]
            for label, values in (("input", vector.inputs), ("expected", vector.expected),
                                  ("provided", vector.provided)):
                if values is not None:
                    parts.append(f"{label} {_short(value_text(values))}")
                elif label == "expected" and vector.result == "invalid":
                    parts.append("expected a rejection")
            if vector.provided is None and vector.reason:
                parts.append(f"said {_short(vector.reason)}")
            parts.append(f"requirement {requirements}" if result.covers else "its set covers no requirement")
            lines.append(f"{result.id}/{vector.id}  # {'; '.join(parts)}")
        if result.details_omitted:
            lines.append(f"# {result.id}: {result.details_omitted} more non-passing vectors are not in the report")
    return lines


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EVIDENCE_WIDTH else flat[: EVIDENCE_WIDTH - 1] + "…"
