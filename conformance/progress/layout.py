"""The report laid out once, as headings, paragraphs, lists and tables of text, for every writer.

Markdown, HTML and Word show the same words and the same cells because they all render these
blocks; only the JSON writer reads the model itself. Values a section does not record are
written "not recorded".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from conformance.progress.model import NOT_RECORDED, ProgressReport, Security


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class HeaderBlock:
    """The ITU document header: the issuing body and study period, then labelled fields."""

    organization: tuple[str, ...]
    document: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]


Block = Heading | Paragraph | Bullets | Table | HeaderBlock


def _value(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Table:
    return Table(tuple(columns), tuple(tuple(_value(cell) for cell in row) for row in rows))


def _not_recorded(what: str) -> Paragraph:
    return Paragraph(f"{what}: {NOT_RECORDED}.")


def layout(report: ProgressReport) -> tuple[Block, ...]:
    """Every block of the report, in reading order."""
    return tuple(_blocks(report))


def _blocks(report: ProgressReport) -> Iterator[Block]:
    header = report.header
    groups = ", ".join(str(number) for number in header.study_groups) or NOT_RECORDED
    contacts = "; ".join(
        ", ".join(part for part in (item.name, item.role, item.organization, item.email) if part)
        for item in header.contacts) if header.contacts is not None else NOT_RECORDED
    commit = (f"{header.commit[:12]} of {header.commit_date}" + (" (uncommitted changes)" if header.dirty else "")
              if header.commit else "not a git checkout")
    yield HeaderBlock(
        organization=("INTERNATIONAL TELECOMMUNICATION UNION", "TELECOMMUNICATION STANDARDIZATION SECTOR",
                      f"STUDY PERIOD {header.study_period or NOT_RECORDED}"),
        document=(f"Study Group{'s' if len(header.study_groups) > 1 else ''} {groups}",
                  f"Period {header.period.words}", f"Date {header.snapshot_date}"),
        fields=(
            ("Question(s)", ", ".join(header.questions) or NOT_RECORDED),
            ("Source", header.source or NOT_RECORDED),
            ("Title", header.title),
            ("Purpose", header.purpose),
            ("Contact", contacts),
            ("Keywords", "; ".join(header.keywords)),
            ("Abstract", header.abstract),
            ("Data snapshot", f"{header.snapshot_date}, recbench {header.recbench_version}, commit {commit}"),
        ))
    yield Heading(1, header.title)
    yield Heading(2, "1 Actions on Resolution 90")
    yield _table(("Item", "Status", "Evidence", "Group's note"),
                 [(row.title, row.status, "; ".join(row.evidence), row.note or "") for row in report.actions])
    yield Heading(2, "2 Action required")
    yield Bullets(report.action_required) if report.action_required else Paragraph("None.")
    yield from _recommendations(report)
    yield from _conformance(report)
    yield from _security(report.security)
    yield from _training(report)
    yield from _engagement(report)
    yield Heading(2, "8 Licensing of code and vectors")
    yield _table(("Implementation licence", "Implementations"),
                 [(row.licence, row.count) for row in report.licensing.implementations])
    yield _table(("Vector licence", "Vector sets"), [(row.licence, row.count) for row in report.licensing.vectors])
    yield from _annex(report)


def _recommendations(report: ProgressReport) -> Iterator[Block]:
    rows = report.recommendations
    yield Heading(2, "3 Recommendations with machine-readable text and reference implementations")
    covered = sum(row.covered_requirements for row in rows)
    tested = sum(row.tested_requirements for row in rows)
    yield Paragraph(f"Recommendations kept as machine-readable text: {len(rows)}; with a reference implementation: "
                    f"{sum(row.reference_implementations > 0 for row in rows)}. "
                    f"Vectors cover {covered} of {tested} mandatory requirements verified by test.")
    yield _table(("Recommendation", "SG", "Question", "Edition", "Status", "Mandatory covered", "Inspection",
                  "Vector sets", "Reference impl.", "Third-party impl.", "Commits in period"),
                 [(row.id, row.study_group, row.question, row.edition, row.status,
                   f"{row.covered_requirements}/{row.tested_requirements}", row.inspection_requirements,
                   row.vector_sets, row.reference_implementations, row.third_party_implementations,
                   row.commits_in_period) for row in rows])
    yield Heading(3, "Vector sets by provenance and licence")
    yield _table(("Provenance", "Licence", "Vector sets"),
                 [(row.kind, row.licence, row.vector_sets) for row in report.provenance])


def _conformance(report: ProgressReport) -> Iterator[Block]:
    rows = report.conformance
    yield Heading(2, "4 Conformance per implementation")
    ran = [row for row in rows if row.runs_in_period]
    passed = sum(bool(row.passed) for row in ran)
    third = sum(row.kind == "third-party" for row in ran)
    yield Paragraph(f"Implementations run in the period: {len(ran)} ({third} third-party), of which {passed} passed "
                    "the latest whole run. Changes are against the latest whole run before the period.")
    yield _table(("Recommendation", "Implementation", "Version", "Kind", "Runs", "Verdict", "Passed", "Run at",
                  "Before the period", "Change"),
                 [(row.recommendation, row.implementation, row.version, row.kind, row.runs_in_period, row.verdict,
                   row.passed, (row.run_at or "")[:10] or None, row.previous_verdict, row.change) for row in rows])


def _security(security: Security) -> Iterator[Block]:
    yield Heading(2, "5 Security of the open-source code")
    data = (f"advisory data of {security.advisory_data_date} ({security.advisory_records} records), "
            f"{security.advisory_data_age_days} days old at the last audit"
            if security.advisory_data_date else "advisory data: no audit in the period")
    median = f"{security.median_days_to_fix:g} days" if security.median_days_to_fix is not None else "-"
    yield Paragraph(f"Dependency audits in the period: {security.audit_runs}"
                    + (f" ({security.first_run} to {security.last_run})" if security.audit_runs else "")
                    + f"; {data}; policy {security.policy_source}.")
    yield _table(("Advisories found", "Fixed", "Open at the end", "Median time to fix"),
                 [(security.found, security.fixed, security.open, median)])
    yield Heading(3, "Per implementation")
    yield _table(("Implementation", "Audits", "Found", "Fixed", "Open", "Median days to fix", "Stale dependencies",
                  "Libyear first", "Libyear last"),
                 [(row.label, row.audit_runs, row.found, row.fixed, row.open, row.median_days_to_fix,
                   row.stale_dependencies, row.libyear_first, row.libyear_last) for row in security.implementations])
    yield Heading(3, "Accepted risks")
    if security.ignores:
        yield _table(("Advisory", "Package", "Expires", "State", "Reason"),
                     [(row.advisory, row.package or "any", row.expires or "never", row.state, row.reason)
                      for row in security.ignores])
    else:
        yield Paragraph(f"None: {security.policy_source} accepts no advisory.")
    yield Heading(3, "Watched projects")
    if security.watch_list is None:
        yield _not_recorded("Watch list (watchlist.yaml)")
    else:
        yield _table(("Project", "Relied on", "Advisories", "Not evaluated", "Health", "Commits behind", "Attention"),
                     [(row.name, row.relied_on[:12], ", ".join(row.advisories) or "none", row.unevaluated,
                       row.health_score, row.commits_behind, row.attention) for row in security.watch_list])


def _training(report: ProgressReport) -> Iterator[Block]:
    training = report.training
    yield Heading(2, "6 Training")
    yield Heading(3, "Events held")
    yield from _recorded("Training events", training.events, ("Date", "Title", "Format", "Participants", "Material"),
                         lambda row: (row.date, row.title, row.format, row.participants, row.link),
                         empty="None in the period.")
    yield Heading(3, "Tutorials published")
    yield from _recorded("Tutorials", training.tutorials, ("Title", "Where", "Published", "In period"),
                         lambda row: (row.title, row.where, row.published, row.in_period))


def _engagement(report: ProgressReport) -> Iterator[Block]:
    engagement = report.engagement
    yield Heading(2, "7 Engagement with open-source communities")
    yield Heading(3, "Meetings held")
    yield from _recorded("Meetings", engagement.meetings, ("Date", "End", "Place", "Kind", "Report"),
                         lambda row: (row.date, row.end, row.place, row.kind, row.document),
                         empty="None in the period.")
    yield Heading(3, "Liaisons")
    yield from _recorded("Liaisons", engagement.liaisons, ("Community", "Topic", "Status", "Since", "Link"),
                         lambda row: (row.community, row.topic, row.status, row.since, row.link))


def _recorded(what: str, rows: Sequence[Any] | None, header: tuple[str, ...], cells: Callable[[Any], tuple[Any, ...]],
              *, empty: str | None = None) -> Iterator[Block]:
    """A table of what studygroup.yaml records: 'not recorded' when it records nothing, ``empty`` for none."""
    if rows is None:
        yield _not_recorded(what)
    elif not rows and empty is not None:
        yield Paragraph(empty)
    else:
        yield _table(header, [cells(row) for row in rows])


def _annex(report: ProgressReport) -> Iterator[Block]:
    yield Heading(2, "Annex A Full tables")
    yield Heading(3, "A.1 Advisories per implementation")
    if report.security.events:
        yield _table(("Implementation", "Advisory", "Found", "Fixed", "Days to fix"),
                     [(row.label, row.advisory, row.found, row.fixed or "open", row.days_to_fix)
                      for row in report.security.events])
    else:
        yield Paragraph("No advisory was found against an audited implementation.")
    yield Heading(3, "A.2 How to reproduce every figure")
    yield _table(("Figure", "Command"), [(row.figure, row.command) for row in report.reproduce])
    if report.notes:
        yield Heading(3, "A.3 Notes on the data")
        yield Bullets(report.notes)
