"""Traceability: each requirement's verdict from the vector sets that cover it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from conformance.reports.model import RequirementResult, RequirementStatus, SetResult
from conformance.reports.verdicts import Verdict, VerdictTally
from conformance.spec.model import Recommendation


def trace_requirements(
    recommendation: Recommendation | Sequence[RequirementResult], results: Mapping[str, SetResult]
) -> list[RequirementResult]:
    """Requirement results from the set results of a run (``results`` by set id).

    Takes the Recommendation, or the requirement list of an earlier report (to re-trace merged shards).
    """
    if isinstance(recommendation, Recommendation):
        covering: dict[str, list[str]] = {}
        for entry in recommendation.vector_sets:
            for requirement_id in entry.covers:
                covering.setdefault(requirement_id, []).append(entry.id)
        rows = [
            RequirementResult(
                id=item.id, level=str(item.level), clause=item.clause, text=item.text,
                verification=item.verification, status="untested", covered_by=covering.get(item.id, []),
            )
            for item in recommendation.requirements
        ]
    else:
        rows = list(recommendation)
    return [_trace(row, results) for row in rows]


def _trace(row: RequirementResult, results: Mapping[str, SetResult]) -> RequirementResult:
    status, verdict = _status(row, results)
    return RequirementResult(
        id=row.id, level=row.level, clause=row.clause, text=row.text, verification=row.verification, status=status,
        verdict=verdict, covered_by=row.covered_by,
    )


def _status(row: RequirementResult, results: Mapping[str, SetResult]) -> tuple[RequirementStatus, Verdict | None]:
    if row.verification == "inspection":
        return "inspection", None
    if not row.covered_by:
        return "untested", None
    ran = [results[set_id] for set_id in row.covered_by if set_id in results]
    if not ran:
        return "not-run", None
    tally = VerdictTally()
    for result in ran:
        tally.update(result.verdict)
    if tally.verdict is Verdict.NOT_APPLICABLE:
        return "not-applicable", Verdict.NOT_APPLICABLE
    complete = all(result.complete for result in ran) and len(ran) == len(row.covered_by)
    return "tested" if complete else "partial", tally.verdict
