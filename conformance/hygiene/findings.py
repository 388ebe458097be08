"""The one typed finding model of the dependency audit."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class FindingKind(StrEnum):
    """What a finding is about."""

    VULNERABILITY = "vulnerability"
    STALE = "stale"
    YANKED = "yanked"
    UNPINNED = "unpinned"
    UNHASHED = "unhashed"
    LICENCE = "licence"
    REPOSITORY = "repository"
    IGNORE = "ignore"  # an ignore rule of the policy that has expired
    INVENTORY = "inventory"  # a missing lock or an entry that could not be read


class Severity(StrEnum):
    """Severity of a finding, from the CVSS qualitative scale plus 'info'."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Position on the scale, 0 (info) to 4 (critical)."""
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3,
          Severity.CRITICAL: 4}


class Location(BaseModel):
    """Where a finding points: a file (relative to the audited root when possible) and line."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    line: int | None = None


class Finding(BaseModel):
    """One finding of one audited implementation.

    ``violation`` is true when the policy forbids what the finding describes and no ignore of
    the policy accepts it (an ignored finding says ``ignored``, with the reason and expiry);
    an audit with any violation has violated the policy.
    """

    model_config = ConfigDict(extra="forbid")

    kind: FindingKind
    rule: str = Field(description="Stable rule or advisory identifier, e.g. PYSEC-2019-217 or "
                                  "unhashed-pin")
    severity: Severity
    violation: bool
    title: str
    detail: str = ""
    implementation: str
    package: str | None = None
    version: str | None = Field(default=None, description="The pinned version, or the commit of "
                                "a GIT dependency")
    ecosystem: str | None = Field(default=None, description="OSV ecosystem of the package (GIT: "
                                  "a repository at a commit)")
    aliases: list[str] = Field(default_factory=list)
    fix_versions: list[str] = Field(default_factory=list)
    cvss_vector: str | None = None
    cvss_score: float | None = None
    location: Location | None = None
    references: list[str] = Field(default_factory=list, description="Links of the advisory "
                                  "(its own page first when it has one)")
    ignored: bool = False
    ignore_reason: str | None = None
    ignore_expires: date | None = Field(default=None, description="Last day the ignore applies")

    @property
    def counts_against_policy(self) -> bool:
        """A violation that no ignore rule covers."""
        return self.violation and not self.ignored
