"""Conformance per implementation over the period, from the results store (``harness.store``).

A row stands for one (Recommendation, implementation, version), as the results matrix keys it;
its verdict is that of the latest *whole* run started in the period (a ``--select`` or shard
run never stands for an implementation, as in ``ResultsStore.matrix``), compared with the
latest whole run of the same implementation before the period.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from conformance.harness.store import StoredRun
from conformance.progress.model import ConformanceChange, ConformanceRow, Period
from conformance.reports.verdicts import Verdict, worst

Kinds = Mapping[tuple[str, str], str]
"""(Recommendation id, implementation name) -> 'reference' or 'third-party', from the catalogue."""


def conformance_rows(runs: Iterable[StoredRun], period: Period, kinds: Kinds) -> tuple[ConformanceRow, ...]:
    """One row per (Recommendation, implementation, version) with a whole run up to the period's end."""
    whole = sorted((run for run in runs if run.whole and run.started[:10] <= period.until),
                   key=lambda run: (run.started, run.id))
    latest: dict[tuple[str, str, str], StoredRun] = {}
    counted: dict[tuple[str, str, str], int] = {}
    before: dict[tuple[str, str], StoredRun] = {}
    for run in whole:
        if period.holds(run.started):
            key = (run.recommendation, run.implementation, run.version)
            latest[key] = run
            counted[key] = counted.get(key, 0) + 1
        elif period.before(run.started):
            before[(run.recommendation, run.implementation)] = run
    rows: list[ConformanceRow] = []
    for key, run in latest.items():
        previous = before.get(key[:2])
        rows.append(_row(key, run, counted[key], previous, kinds))
    ran = {key[:2] for key in latest}
    for pair, previous in before.items():
        if pair not in ran:
            rows.append(_row((*pair, previous.version), None, 0, previous, kinds))
    return tuple(sorted(rows, key=lambda row: (row.recommendation, row.implementation, row.version)))


def _row(key: tuple[str, str, str], run: StoredRun | None, count: int, previous: StoredRun | None,
         kinds: Kinds) -> ConformanceRow:
    recommendation, implementation, version = key
    shown = run or previous
    assert shown is not None
    return ConformanceRow(
        recommendation=recommendation, implementation=implementation, version=version,
        kind="reference" if kinds.get((recommendation, implementation)) == "reference" else "third-party",
        adapter=shown.adapter, runs_in_period=count,
        verdict=run.verdict if run else None, passed=run.passed if run else None,
        run_at=run.started if run else None, commit=run.git_commit if run else None,
        previous_verdict=previous.verdict if previous else None,
        previous_run_at=previous.started if previous else None,
        change=_change(run, previous),
    )


def _change(run: StoredRun | None, previous: StoredRun | None) -> ConformanceChange:
    if run is None:
        return "not run in period"
    if previous is None:
        return "new"
    if run.passed != previous.passed:
        return "improved" if run.passed else "regressed"
    if run.verdict == previous.verdict:
        return "unchanged"
    now, then = Verdict(run.verdict), Verdict(previous.verdict)
    # same passed flag, other verdict (pass -> inconclusive): the worse one says which way it went
    return "regressed" if worst([now, then]) is now else "improved"
