"""Putting a report together from its parts: totals, overall verdict, traceability, expected failures.

The same function builds partial snapshots while a run goes, the final report, and the report
merged from shards, so the three always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from conformance.reports.model import (
    REPORT_SCHEMA_VERSION,
    Environment,
    ExpectedFailures,
    ImplementationInfo,
    RecommendationInfo,
    Report,
    RequirementResult,
    Selection,
    SetResult,
)
from conformance.reports.traceability import trace_requirements
from conformance.reports.verdicts import NON_PASSING, Verdict, VerdictTally
from conformance.spec.model import Recommendation

LISTED_REFERENCES = 1000  # most "set/id" references kept in each expected-failure list of a report


@dataclass(frozen=True)
class RunHeader:
    """What a report says of its run before any result: identity, ICS, environment, selection, times."""

    recommendation: RecommendationInfo
    implementation: ImplementationInfo
    ics: dict[str, Any]
    ics_source: str
    ics_sha256: str | None
    environment: Environment
    started: dt.datetime
    selection: Selection
    listed: tuple[str, ...] = ()  # the expected-failure list's entries
    finished: dt.datetime | None = None
    notes: tuple[str, ...] = ()

    @classmethod
    def of(cls, report: Report) -> RunHeader:
        """The header of an existing report (to merge shards)."""
        return cls(
            report.recommendation, report.implementation, report.ics, report.ics_source, report.ics_sha256,
            report.environment, report.started, report.selection, tuple(report.expected_failures.listed),
            report.finished, tuple(report.notes),
        )

    def served_as(self, served: str) -> RunHeader:
        """This header with the name and version the implementation announced."""
        implementation = ImplementationInfo.model_validate({**self.implementation.model_dump(), "served_as": served})
        return dataclasses.replace(self, implementation=implementation)

    def finished_at(self, when: dt.datetime) -> RunHeader:
        """This header with the run's end time."""
        return dataclasses.replace(self, finished=when)


def assemble(
    header: RunHeader,
    sets: Sequence[SetResult],
    requirements: Recommendation | Sequence[RequirementResult],
    *,
    complete: bool,
    notes: Sequence[str] = (),
) -> Report:
    """``header`` (identity, ICS, selection, start) completed with ``sets`` and what follows from them."""
    order = {set_id: index for index, set_id in enumerate(header.selection.sets)}
    ordered = sorted(sets, key=lambda result: order.get(result.id, len(order)))
    tally = VerdictTally()
    counts: dict[Verdict, int] = {}
    for result in ordered:
        tally.update(result.verdict, f"{result.id}: {result.reason}" if result.reason else "")
        for verdict, count in result.counts.items():
            counts[verdict] = counts.get(verdict, 0) + count
    expected = _expected_failures(header.listed, ordered)
    ran = any(result.verdict is not Verdict.NOT_APPLICABLE for result in ordered)
    # a shard may fall on no set at all and still be part of a passing campaign; a whole run with
    # nothing to run (a Recommendation without vector sets yet) has shown nothing: not a pass
    empty_shard = not header.selection.sets and header.selection.shard is not None
    passed = (
        complete
        and (ran or empty_shard)
        and expected.unexpected_failure_count == 0
        and not expected.unexpected_passes
    )
    reason = tally.reason
    if not ran and not empty_shard and not reason:
        reason = ("no applicable vector set ran" if header.selection.sets
                  else "the Recommendation has no vector set to run")
    return Report(
        schema_=REPORT_SCHEMA_VERSION,
        complete=complete,
        passed=passed,
        verdict=tally.verdict,
        reason=reason,
        counts={verdict: counts[verdict] for verdict in Verdict if counts.get(verdict)},
        recommendation=header.recommendation,
        implementation=header.implementation,
        ics=header.ics,
        ics_source=header.ics_source,
        ics_sha256=header.ics_sha256,
        environment=header.environment,
        started=header.started,
        finished=header.finished,
        selection=header.selection,
        sets=ordered,
        requirements=trace_requirements(requirements, {result.id: result for result in ordered}),
        expected_failures=expected,
        notes=[*header.notes, *notes],
    )


def _expected_failures(listed: Sequence[str], sets: Sequence[SetResult]) -> ExpectedFailures:
    matched: list[str] = []
    unexpected_passes: list[str] = []
    unexpected: list[str] = []
    count = 0
    whole = {entry for entry in listed if "/" not in entry}
    for result in sets:
        count += result.unexpected_failures
        if result.id in whole:
            if result.verdict is Verdict.PASS:
                unexpected_passes.append(result.id)
            elif result.verdict in NON_PASSING:
                matched.append(result.id)
        for vector in result.results:
            reference = f"{result.id}/{vector.id}"
            if vector.expected_failure and result.id not in whole:
                if vector.verdict is Verdict.PASS:
                    unexpected_passes.append(reference)
                elif vector.verdict in NON_PASSING:
                    matched.append(reference)
            elif not vector.expected_failure and vector.verdict in NON_PASSING and len(unexpected) < LISTED_REFERENCES:
                unexpected.append(reference)
        if result.unexpected_failures and not result.results and len(unexpected) < LISTED_REFERENCES:
            unexpected.append(result.id)  # the set could not run, or its details were all omitted
    return ExpectedFailures(
        listed=list(listed),
        matched=matched[:LISTED_REFERENCES],
        unexpected_passes=unexpected_passes,
        unexpected_failures=unexpected,
        unexpected_failure_count=count,
    )
