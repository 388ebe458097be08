"""The progress report as frozen dataclasses: every figure computed, nothing left to the writers.

The writers (``conformance.progress.writers``) only lay these out; the JSON form is this model
as it stands (:data:`ProgressReportDocument` gives its published schema). A section the
study group's file does not record is ``None`` here and "not recorded" in every format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import RootModel

REPORT_FORMAT: Literal["recbench-progress/1"] = "recbench-progress/1"
NOT_RECORDED = "not recorded"

ActionStatus = Literal["in place", "partial", "attention", "not recorded"]
ConformanceChange = Literal["new", "unchanged", "improved", "regressed", "changed", "not run in period"]
IgnoreState = Literal["active", "expires within 90 days", "expired in period", "expired before period",
                      "no expiry"]


@dataclass(frozen=True)
class Period:
    """The reporting period: ``since`` (None: from the first record) to ``until``, both inclusive."""

    since: str | None
    until: str

    def holds(self, day: str) -> bool:
        """Whether the ISO date (or the date part of a timestamp) ``day`` lies in the period."""
        day = day[:10]
        return (self.since is None or day >= self.since) and day <= self.until

    def before(self, day: str) -> bool:
        """Whether ``day`` lies before the period (in the previous one)."""
        return self.since is not None and day[:10] < self.since

    @property
    def words(self) -> str:
        """The period as a reader says it."""
        return f"{self.since or 'the first record'} to {self.until}"


@dataclass(frozen=True)
class ContactLine:
    """One contact of the document header."""

    name: str
    role: str
    organization: str | None
    email: str | None


@dataclass(frozen=True)
class Header:
    """The ITU document header and the data snapshot the report was made from."""

    title: str
    study_period: str | None
    study_groups: tuple[int, ...]
    study_groups_from: Literal["studygroup.yaml", "catalogue"]
    questions: tuple[str, ...]
    questions_from: Literal["studygroup.yaml", "catalogue"]
    source: str | None
    purpose: str
    contacts: tuple[ContactLine, ...] | None
    keywords: tuple[str, ...]
    abstract: str
    period: Period
    snapshot_date: str
    recbench_version: str
    commit: str | None
    commit_date: str | None
    dirty: bool | None
    studygroup_file: str | None


@dataclass(frozen=True)
class ActionRow:
    """One Resolution 90 item: its status computed from the data, the evidence, the group's note."""

    item: str
    title: str
    status: ActionStatus
    evidence: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class RecommendationRow:
    """A Recommendation kept as machine-readable text, with its implementations and coverage."""

    id: str
    title: str
    study_group: int
    question: str | None
    edition: str
    status: str
    tested_requirements: int
    covered_requirements: int
    inspection_requirements: int
    vector_sets: int
    reference_implementations: int
    third_party_implementations: int
    commits_in_period: int | None


@dataclass(frozen=True)
class ProvenanceRow:
    """Vector sets of one provenance kind under one licence."""

    kind: str
    licence: str
    vector_sets: int


@dataclass(frozen=True)
class LicenceRow:
    """Implementations (or vector sets) under one licence."""

    licence: str
    count: int


@dataclass(frozen=True)
class ConformanceRow:
    """An implementation's conformance: its latest whole run in the period against the previous period."""

    recommendation: str
    implementation: str
    version: str
    kind: Literal["reference", "third-party"]
    adapter: str
    runs_in_period: int
    verdict: str | None
    passed: bool | None
    run_at: str | None
    commit: str | None
    previous_verdict: str | None
    previous_run_at: str | None
    change: ConformanceChange


@dataclass(frozen=True)
class AdvisoryEvent:
    """One advisory against one implementation: when the audit history first and last saw it."""

    implementation: str
    label: str
    advisory: str
    found: str
    fixed: str | None
    days_to_fix: int | None
    found_in_period: bool
    fixed_in_period: bool


@dataclass(frozen=True)
class SecurityRow:
    """The period's audit figures of one implementation."""

    implementation: str
    label: str
    audit_runs: int
    found: int
    fixed: int
    open: int
    open_advisories: tuple[str, ...]
    median_days_to_fix: float | None
    stale_dependencies: int | None
    libyear_first: float | None
    libyear_last: float | None


@dataclass(frozen=True)
class IgnoreRow:
    """An accepted risk of the policy (an ignore) and where it stands at the end of the period."""

    advisory: str
    package: str | None
    reason: str
    expires: str | None
    state: IgnoreState


@dataclass(frozen=True)
class WatchRow:
    """A project of the watch list, as ``recbench deps watch`` sees it today."""

    name: str
    relied_on: str
    advisories: tuple[str, ...]
    unevaluated: int
    health_score: float | None
    commits_behind: int | None
    attention: bool


@dataclass(frozen=True)
class Security:
    """Advisories, staleness, accepted risks and data age over the period."""

    audit_runs: int
    first_run: str | None
    last_run: str | None
    policy_source: str
    advisory_data_date: str | None
    advisory_data_age_days: int | None
    advisory_records: int | None
    max_advisory_age_days: int | None
    found: int
    fixed: int
    open: int
    median_days_to_fix: float | None
    implementations: tuple[SecurityRow, ...]
    events: tuple[AdvisoryEvent, ...]
    ignores: tuple[IgnoreRow, ...]
    watch_list: tuple[WatchRow, ...] | None


@dataclass(frozen=True)
class MeetingLine:
    """A meeting held in the period."""

    date: str
    end: str | None
    place: str
    kind: str
    document: str | None


@dataclass(frozen=True)
class TrainingLine:
    """A training event held in the period."""

    date: str
    title: str
    format: str
    participants: int | None
    link: str | None


@dataclass(frozen=True)
class TutorialLine:
    """A tutorial and when it was published (from the file, else from git)."""

    title: str
    where: str
    published: str | None
    in_period: bool


@dataclass(frozen=True)
class LiaisonLine:
    """A liaison with an open-source community."""

    community: str
    topic: str
    status: str
    since: str | None
    link: str | None


@dataclass(frozen=True)
class Training:
    """Training: events held and tutorials published (None: not recorded)."""

    events: tuple[TrainingLine, ...] | None
    participants: int | None
    tutorials: tuple[TutorialLine, ...] | None


@dataclass(frozen=True)
class Engagement:
    """Meetings held and liaisons with open-source communities (None: not recorded)."""

    meetings: tuple[MeetingLine, ...] | None
    liaisons: tuple[LiaisonLine, ...] | None


@dataclass(frozen=True)
class Licensing:
    """Licences of the code (implementations) and of the vectors."""

    implementations: tuple[LicenceRow, ...]
    vectors: tuple[LicenceRow, ...]


@dataclass(frozen=True)
class Reproduction:
    """How to reproduce one figure of the report."""

    figure: str
    command: str


@dataclass(frozen=True)
class ProgressReport:
    """The whole report."""

    format: Literal["recbench-progress/1"]
    header: Header
    actions: tuple[ActionRow, ...]
    recommendations: tuple[RecommendationRow, ...]
    provenance: tuple[ProvenanceRow, ...]
    conformance: tuple[ConformanceRow, ...]
    security: Security
    training: Training
    engagement: Engagement
    licensing: Licensing
    action_required: tuple[str, ...]
    reproduce: tuple[Reproduction, ...]
    notes: tuple[str, ...]


class ProgressReportDocument(RootModel[ProgressReport]):
    """The report's JSON form (``recbench report progress --format json``), as published."""
