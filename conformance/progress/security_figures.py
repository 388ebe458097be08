"""Security over the period: advisories found, fixed and open per implementation, time to fix,
staleness and libyear, accepted risks with expiry, the advisory data's age, the watch list.

The advisory changes are ``HistoryStore.changes`` (the one computation of new, resolved and
still-open advisories between an implementation's runs, also behind ``deps history``): an
advisory is *found* at the run where it is new and *fixed* at the run where it is resolved, and
its time to fix is the days between the two (it may have been found before the period).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from conformance.hygiene.findings import FindingKind
from conformance.hygiene.history import AdvisoryChanges, HistoryStore, TrendPoint
from conformance.hygiene.policy import Policy, VulnerabilityIgnore
from conformance.hygiene.report import AuditRun
from conformance.hygiene.watchlist import ProjectReport
from conformance.progress.model import AdvisoryEvent, IgnoreRow, IgnoreState, Period, Security, SecurityRow, WatchRow

#: An ignore expiring this soon after the period's end is named in "action required".
EXPIRY_NOTICE_DAYS = 90


@dataclass(frozen=True)
class HistoryFigures:
    """What the audit history holds up to the period's end."""

    changes: tuple[AdvisoryChanges, ...]
    trend: tuple[TrendPoint, ...]
    last_runs: dict[str, AuditRun]  # each implementation's last run in the period, by identity
    last_run: AuditRun | None  # the period's last run


def read_history(store: HistoryStore, period: Period) -> HistoryFigures:
    """Every advisory change and trend point up to the period's end, and the period's last runs."""
    changes = tuple(store.changes(until=period.until))
    # every run's points: the trend of a long period must not be cut to the latest twenty runs
    points = tuple(point for point in store.trend(limit=max(store.run_count(), 1))
                   if point.started_at[:10] <= period.until)
    in_period = [point for point in points if period.holds(point.started_at)]
    latest = {point.identity or point.label: point.run_id for point in in_period}  # oldest first: the last wins
    loaded = {run_id: store.load_run(run_id) for run_id in {*latest.values()}}
    last_runs = {identity: run for identity, run_id in latest.items() if (run := loaded[run_id]) is not None}
    last = loaded.get(in_period[-1].run_id) if in_period else None
    return HistoryFigures(changes, points, last_runs, last)


def advisory_events(changes: Sequence[AdvisoryChanges], period: Period) -> tuple[AdvisoryEvent, ...]:
    """Each advisory's life against each implementation: found, fixed, days to fix.

    An advisory that comes back after a fix is a new event.
    """
    opened: dict[tuple[str, str], str] = {}
    labels: dict[str, str] = {}
    events: list[AdvisoryEvent] = []
    for change in sorted(changes, key=lambda item: (item.started_at, item.identity)):
        labels[change.identity] = change.label
        for advisory in change.new:
            opened[(change.identity, advisory)] = change.started_at
        for advisory in change.resolved:
            found = opened.pop((change.identity, advisory), None)
            if found is None:  # resolved without a recorded start: history began later
                continue
            events.append(_event(change.identity, change.label, advisory, found, change.started_at, period))
    for (identity, advisory), found in opened.items():
        events.append(_event(identity, labels[identity], advisory, found, None, period))
    relevant = [event for event in events
                if event.found_in_period or event.fixed_in_period
                or (event.fixed is None and event.found[:10] <= period.until)]
    return tuple(sorted(relevant, key=lambda event: (event.implementation, event.found, event.advisory)))


def _event(identity: str, label: str, advisory: str, found: str, fixed: str | None, period: Period
           ) -> AdvisoryEvent:
    days = (date.fromisoformat(fixed[:10]) - date.fromisoformat(found[:10])).days if fixed else None
    return AdvisoryEvent(
        implementation=identity, label=label, advisory=advisory, found=found[:10], fixed=fixed[:10] if fixed else None,
        days_to_fix=days, found_in_period=period.holds(found),
        fixed_in_period=fixed is not None and period.holds(fixed))


def median_days(events: Sequence[AdvisoryEvent]) -> float | None:
    """Median days to fix of the advisories fixed in the period; None when none was."""
    days = [event.days_to_fix for event in events if event.fixed_in_period and event.days_to_fix is not None]
    return float(statistics.median(days)) if days else None


def security_rows(history: HistoryFigures, events: Sequence[AdvisoryEvent], period: Period) -> tuple[SecurityRow, ...]:
    """One row per implementation audited in the period."""
    points: dict[str, list[TrendPoint]] = {}
    for point in history.trend:
        if period.holds(point.started_at):
            points.setdefault(point.identity or point.label, []).append(point)
    stale = _stale_counts(history.last_runs)
    rows = []
    for identity, series in sorted(points.items()):
        own = [event for event in events if event.implementation == identity]
        still_open = sorted(event.advisory for event in own if event.fixed is None)
        rows.append(SecurityRow(
            implementation=identity, label=series[-1].label, audit_runs=len(series),
            found=sum(event.found_in_period for event in own), fixed=sum(event.fixed_in_period for event in own),
            open=len(still_open), open_advisories=tuple(still_open), median_days_to_fix=median_days(own),
            stale_dependencies=stale.get(identity), libyear_first=series[0].libyear_total,
            libyear_last=series[-1].libyear_total))
    return tuple(sorted(rows, key=lambda row: (row.label, row.implementation)))


def _stale_counts(runs: dict[str, AuditRun]) -> dict[str, int]:
    """Dependencies with a staleness finding, per implementation, in its last run of the period."""
    counts: dict[str, int] = {}
    for identity, run in runs.items():
        for implementation in run.implementations:
            if (implementation.identity or implementation.label) == identity:
                counts[identity] = len({finding.package for finding in implementation.findings
                                        if finding.kind is FindingKind.STALE and finding.package is not None})
    return counts


def ignore_rows(policy: Policy, period: Period) -> tuple[IgnoreRow, ...]:
    """The policy's ignores, each with where it stands at the period's end."""
    end = date.fromisoformat(period.until)
    start = date.fromisoformat(period.since) if period.since else None
    return tuple(IgnoreRow(advisory=ignore.id, package=ignore.package, reason=ignore.reason,
                           expires=ignore.expires.isoformat() if ignore.expires else None,
                           state=_ignore_state(ignore, start, end))
                 for ignore in sorted(policy.ignores, key=lambda item: (item.expires or date.max, item.id)))


def _ignore_state(ignore: VulnerabilityIgnore, start: date | None, end: date) -> IgnoreState:
    if ignore.expires is None:
        return "no expiry"
    if ignore.is_expired(end):
        return "expired before period" if start is not None and ignore.expires < start else "expired in period"
    if ignore.expires <= end + timedelta(days=EXPIRY_NOTICE_DAYS):
        return "expires within 90 days"
    return "active"


def watch_rows(reports: Sequence[ProjectReport]) -> tuple[WatchRow, ...]:
    """The watch list's projects as ``deps watch`` reports them."""
    return tuple(WatchRow(name=report.name, relied_on=report.relied_on,
                          advisories=tuple(vulnerability.id for vulnerability in report.vulnerabilities),
                          unevaluated=len(report.unevaluated), health_score=report.health_score,
                          commits_behind=report.commits_behind, attention=report.attention)
                 for report in reports)


def security_section(history: HistoryFigures | None, policy: Policy, policy_source: str, period: Period,
                     watch: tuple[WatchRow, ...] | None) -> Security:
    """The whole security section (``history`` None: no audit history at all)."""
    figures = history or HistoryFigures((), (), {}, None)
    events = advisory_events(figures.changes, period)
    rows = security_rows(figures, events, period)
    audited = {row.implementation for row in rows}
    # an implementation not audited in the period has no open state to report
    events = tuple(event for event in events if event.implementation in audited)
    in_period = [point for point in figures.trend if period.holds(point.started_at)]
    runs = sorted({point.started_at for point in in_period})
    last = figures.last_run
    # the history's own dates (the run's start as stored, the data date it recorded)
    data_date = in_period[-1].advisory_data_date if in_period else None
    age = ((date.fromisoformat(runs[-1][:10]) - date.fromisoformat(data_date[:10])).days
           if runs and data_date else None)
    return Security(
        audit_runs=len(runs), first_run=runs[0][:10] if runs else None, last_run=runs[-1][:10] if runs else None,
        policy_source=policy_source, advisory_data_date=data_date, advisory_data_age_days=age,
        advisory_records=last.advisory_data.records if last else None,
        max_advisory_age_days=policy.max_advisory_age_days,
        found=sum(row.found for row in rows), fixed=sum(row.fixed for row in rows),
        open=sum(row.open for row in rows), median_days_to_fix=median_days(events),
        implementations=rows, events=events, ignores=ignore_rows(policy, period), watch_list=watch)
