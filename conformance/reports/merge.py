"""``recbench report merge``: one report from the reports of a campaign's shards (or disjoint runs)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from conformance.errors import RecbenchError
from conformance.reports.assembly import RunHeader, assemble
from conformance.reports.model import Report, Selection


class MergeError(RecbenchError):
    """The reports cannot be merged; the message says why."""


def merge_reports(
    reports: Sequence[Report], names: Sequence[str] | None = None, notes: Sequence[str] = ()
) -> Report:
    """Merge reports of the same Recommendation, implementation and ICS covering disjoint vector sets.

    The result is complete when every part is, and, for shards, when all N shards are present.
    ``names`` (e.g. the files) say which report a message is about; default 'report 1', 'report 2' ...
    ``notes`` are the merger's own remarks, put before the parts' notes.
    """
    if not reports:
        raise MergeError("no reports to merge")
    labels = list(names) if names is not None else [f"report {index}" for index in range(1, len(reports) + 1)]
    first = reports[0]
    for label, report in zip(labels[1:], reports[1:], strict=True):
        _same(first, report, labels[0], label)
    seen: dict[str, str] = {}
    for label, report in zip(labels, reports, strict=True):
        for result in report.sets:
            if result.id in seen:
                raise MergeError(f"vector set {result.id!r} is in {seen[result.id]} and {label}")
            seen[result.id] = label
    complete = all(report.complete for report in reports)
    if any(report.selection.shard for report in reports):
        shards = [_shard(report, label) for label, report in zip(labels, reports, strict=True)]
        counts = {count for _, count in shards}
        if len(counts) != 1:
            raise MergeError(f"the shards come from different splits: {', '.join(map(str, sorted(counts)))}")
        indices = [index for index, _ in shards]
        if len(set(indices)) != len(indices):
            raise MergeError("the same shard is given twice")
        complete = complete and len(indices) == counts.pop()
    order = first.recommendation.vector_sets or [set_id for report in reports for set_id in report.selection.sets]
    responsible = {set_id for report in reports for set_id in report.selection.sets}
    header = dataclasses.replace(
        RunHeader.of(first),
        started=min(report.started for report in reports),
        finished=max((report.finished for report in reports if report.finished), default=None),
        selection=Selection(select=first.selection.select, skip=first.selection.skip, shard=None,
                            sets=[set_id for set_id in order if set_id in responsible]),
        notes=(),
    )
    remarks = list(notes)
    for index, report in enumerate(reports, 1):
        label = report.selection.shard or f"part {index}"
        remarks += [f"[{label}] {note}" for note in report.notes]
    return assemble(
        header, [result for report in reports for result in report.sets], first.requirements,
        complete=complete, notes=remarks,
    )


def _shard(report: Report, label: str) -> tuple[int, int]:
    """(I, N) of a shard's report; the report was read from a file, so its text is checked."""
    text = report.selection.shard
    if text is None:
        raise MergeError(f"some reports are shards and some are not ({label} is not)")
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise MergeError(f"{label}: shard {text!r} is not I/N")
    return int(index), int(count)


def _same(first: Report, other: Report, first_label: str, label: str) -> None:
    checks = [
        ("Recommendation", first.recommendation.id, other.recommendation.id),
        ("edition", first.recommendation.edition, other.recommendation.edition),
        ("recommendation.yaml sha256", first.recommendation.sha256, other.recommendation.sha256),
        ("implementation", (first.implementation.name, first.implementation.version),
         (other.implementation.name, other.implementation.version)),
        ("ICS", first.ics, other.ics),
        ("git commit", first.implementation.git.commit if first.implementation.git else None,
         other.implementation.git.commit if other.implementation.git else None),
    ]
    for what, mine, theirs in checks:
        if mine != theirs:
            raise MergeError(f"{label} differs from {first_label} in its {what}: {theirs!r} vs {mine!r}")
