"""The audit's result model: one AuditRun holding one report per implementation."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from conformance.hygiene.findings import Finding

REPORT_SCHEMA: Literal["recbench-audit/1"] = "recbench-audit/1"


class SkippedReport(BaseModel):
    """An input entry that was not audited, and why."""

    model_config = ConfigDict(extra="forbid")

    source: str
    line: int | None = None
    text: str
    reason: str


class RemediationReport(BaseModel):
    """The smallest upgrade of a vulnerable dependency that clears its advisories."""

    model_config = ConfigDict(extra="forbid")

    version: str = Field(description="The version to upgrade to")
    clears: int = Field(description="How many of the pin's advisories it clears")
    remaining: list[str] = Field(default_factory=list, description="Advisories still affecting "
                                 "it (empty: it clears all)")


class DependencyReport(BaseModel):
    """One dependency with what the audit learnt about it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    version: str | None
    ecosystem: str = Field(default="PyPI", description="OSV ecosystem (GIT: a repository at a commit)")
    purl: str | None = None
    commit: str | None = Field(default=None, description="Pinned commit of a GIT dependency")
    repository_url: str | None = None
    specifier: str | None = None
    source: str
    line: int | None = None
    hashes: list[str] = Field(default_factory=list, description="File hashes the lock gives, "
                              "as algorithm:hex")
    licence: str | None = None
    vulnerabilities: list[str] = Field(default_factory=list)
    remediation: RemediationReport | None = None
    pinned_release: datetime | None = None
    newest_version: str | None = None
    newest_release: datetime | None = None
    days_since_pinned_release: int | None = None
    days_since_newest_release: int | None = None
    versions_behind: int | None = None
    libyear: float | None = None
    yanked: bool = False
    inactive: bool = False
    release_data_fetched_at: datetime | None = None


class RepositoryCheckReport(BaseModel):
    """One Scorecard-style check."""

    model_config = ConfigDict(extra="forbid")

    name: str
    weight: float
    score: int | None
    reason: str


class RepositoryReport(BaseModel):
    """Repository health of the implementation's location."""

    model_config = ConfigDict(extra="forbid")

    path: str
    head: str | None
    dirty: bool
    last_commit: datetime | None
    days_since_last_commit: int | None
    commits_90_days: int
    commits_365_days: int
    contributors_365_days: int
    absence_factor: int
    tags: int
    signed_tags: int
    score: float | None
    checks: list[RepositoryCheckReport]


class ImplementationReport(BaseModel):
    """Everything audited for one implementation."""

    model_config = ConfigDict(extra="forbid")

    name: str
    recommendation: str | None = None
    label: str
    identity: str | None = Field(default=None, description="Stable key of the implementation's "
                                 "history: Recommendation and implementation name, or the path")
    licence: str | None = None
    lock: str | None = None
    inventory_format: str | None = None
    dependencies: list[DependencyReport] = Field(default_factory=list)
    skipped: list[SkippedReport] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    libyear_total: float | None = None
    repository: RepositoryReport | None = None

    @property
    def violations(self) -> list[Finding]:
        """Findings that break the policy and are not ignored."""
        return [f for f in self.findings if f.counts_against_policy]


class AdvisorySourceReport(BaseModel):
    """One import into the advisory database."""

    model_config = ConfigDict(extra="forbid")

    location: str
    description: str
    imported_at: str
    records: int


class AdvisoryDataReport(BaseModel):
    """Which advisory data the audit used, and how old it is."""

    model_config = ConfigDict(extra="forbid")

    records: int
    data_date: str | None = Field(description="Date of the data: the oldest of the dates (newest "
                                  "advisory modification) of the imports in use")
    sources: list[AdvisorySourceReport]
    ecosystems: dict[str, str | None] = Field(
        default_factory=dict, description="Date of the newest advisory of each ecosystem the "
        "audit evaluated (null: no advisory of it in the database)")


class IndexReport(BaseModel):
    """Which package index supplied release data, and how old the cached data is."""

    model_config = ConfigDict(extra="forbid")

    url: str | None
    origin: str
    offline: bool
    oldest_data: datetime | None = None
    errors: list[str] = Field(default_factory=list)


class AuditRun(BaseModel):
    """The result of one audit run."""

    model_config = ConfigDict(extra="forbid")

    schema_: Literal["recbench-audit/1"] = Field(REPORT_SCHEMA, alias="schema",
                                                 description="Format identifier of the report")
    run_id: str
    tool_version: str
    started_at: datetime
    finished_at: datetime
    policy_source: str
    advisory_data: AdvisoryDataReport
    index: IndexReport
    implementations: list[ImplementationReport]
    policy_findings: list[Finding] = Field(default_factory=list, description="Findings about "
                                           "the policy itself, such as expired ignores")

    @property
    def findings(self) -> list[Finding]:
        """Every finding: the policy's, then each implementation's."""
        return [*self.policy_findings, *(f for impl in self.implementations for f in impl.findings)]

    @property
    def violations(self) -> list[Finding]:
        """Every unignored violation across implementations and the policy."""
        return [f for f in self.findings if f.counts_against_policy]

    @property
    def policy_violated(self) -> bool:
        """True when any finding violates the policy and no ignore covers it.

        The library says what happened; which exit status that is, is the command line's choice.
        """
        return bool(self.violations)
