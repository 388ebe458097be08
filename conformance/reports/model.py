"""The conformance report: one run of one implementation against one Recommendation's vectors.

The canonical form is JSON (``report.schema.json``); JUnit XML and HTML are derived from it.
It carries everything needed to reproduce the run: the Recommendation's identity and the
sha256 of every vector file and payload, the implementation's identity (git commit and dirty
flag when it lives in a repository), the ICS, the recbench version and the platform.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from conformance.reports.verdicts import Verdict
from conformance.spec.adapter_settings import AdapterType

REPORT_SCHEMA_VERSION: Literal["recbench-report/1"] = "recbench-report/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class RecommendationInfo(_Model):
    """Which Recommendation, which edition, from which file."""

    id: str = Field(description="Identifier, e.g. 'ITU-T G.711'.")
    title: str = Field(description="Title.")
    edition: dt.date = Field(description="Edition (approval date).")
    folder: str = Field(description="Folder name in the catalogue.")
    sha256: str = Field(description="SHA-256 of recommendation.yaml.")
    vector_sets: list[str] = Field(
        default_factory=list, description="Every vector set of the Recommendation, in its order."
    )
    release: str | None = Field(
        None, description="The released edition (its tag, e.g. 'G.711/2026-11') whose manifest the vector files match."
    )


class GitState(_Model):
    """Where the implementation's source stands in git."""

    commit: str = Field(description="Commit id of HEAD.")
    dirty: bool = Field(description="True when its folder has uncommitted or untracked changes.")
    branch: str | None = Field(None, description="Branch name, if HEAD is on one.")


class ImplementationInfo(_Model):
    """The implementation under test."""

    name: str = Field(description="Name from the ICS.")
    version: str = Field(description="Version from the ICS.")
    vendor: str | None = Field(None, description="Vendor from the ICS.")
    language: str | None = Field(None, description="Language from the ICS.")
    adapter: AdapterType = Field(description="Adapter used.")
    target: str = Field(description="What the adapter drove: 'module:object' or the command line.")
    served_as: str | None = Field(None, description="Name and version the child announced in its hello line.")
    location: str | None = Field(None, description="Folder of the source, relative to the ICS or repository.")
    git: GitState | None = Field(None, description="Git state of that folder, when it is in a repository.")


class Environment(_Model):
    """Where the run happened."""

    recbench: str = Field(description="recbench version.")
    python: str = Field(description="Python version running the harness.")
    platform: str = Field(description="Operating system and machine.")


class Selection(_Model):
    """Which vector sets the run was asked for."""

    select: list[str] = Field(default_factory=list, description="--select patterns (empty: all).")
    skip: list[str] = Field(default_factory=list, description="--skip patterns.")
    shard: str | None = Field(None, description="'I/N' when the run is one shard of N.")
    sets: list[str] = Field(default_factory=list, description="Vector sets this run was responsible for.")


class VectorResult(_Model):
    """A vector that did not pass, or one the expected-failure list names."""

    id: int = Field(description="Test id in the vector file.")
    verdict: Verdict = Field(description="Verdict of the vector.")
    reason: str = Field("", description="Why (for anything but pass).")
    comment: str | None = Field(None, description="The test's comment.")
    flags: list[str] = Field(default_factory=list, description="The test's flags.")
    result: Literal["valid", "invalid", "acceptable"] = Field("valid", description="What the vector expects.")
    inputs: dict[str, Any] | None = Field(
        None, description="The vector's inputs, long arrays cut at the difference (`recbench vectors show` has all)."
    )
    expected: dict[str, Any] | None = Field(None, description="Expected outputs (long arrays excerpted).")
    provided: dict[str, Any] | None = Field(None, description="Outputs provided (long arrays excerpted).")
    expected_failure: bool = Field(False, description="Listed in the expected-failure list.")


class VectorFileInfo(_Model):
    """A vector file and the payloads it references."""

    file: str = Field(description="Path relative to the Recommendation's folder.")
    sha256: str = Field(description="SHA-256 of the file.")
    payloads: dict[str, str] = Field(default_factory=dict, description="Payload file -> SHA-256.")


class Deviation(_Model):
    """The largest difference seen between a provided and an expected value compared within a tolerance."""

    value: float = Field(description="|provided - expected|.")
    vector: int = Field(description="Test id of the vector where it was seen.")
    output: str = Field(description="The output.")
    offset: int | None = Field(None, description="Item of the output (None for a single number).")
    tolerance: str = Field("", description="The tolerance it was compared within, in words.")

    def describe(self) -> str:
        """'largest deviation 0.5 (samples[17] of vector 3; tolerance abs 1)'."""
        where = self.output if self.offset is None else f"{self.output}[{self.offset}]"
        tolerance = f"; tolerance {self.tolerance}" if self.tolerance else ""
        return f"largest deviation {self.value:g} ({where} of vector {self.vector}{tolerance})"


class SetResult(_Model):
    """The result of one vector set."""

    id: str = Field(description="Vector set id.")
    interface: str = Field(description="Interface exercised.")
    verdict: Verdict = Field(description="Worst verdict of its vectors (not-applicable when not run).")
    reason: str = Field("", description="Reason of the first vector with the worst verdict, or why not applicable.")
    requires: list[str] = Field(default_factory=list, description="Options it requires.")
    covers: list[str] = Field(default_factory=list, description="Requirements it covers.")
    vectors: int = Field(0, description="Number of vectors in the set.")
    counts: dict[Verdict, int] = Field(default_factory=dict, description="Vectors per verdict.")
    results: list[VectorResult] = Field(
        default_factory=list, description="Vectors that did not pass (and listed ones), by id."
    )
    details_omitted: int = Field(
        0, description="Non-passing, unlisted vectors beyond the detail cap (counted, not shown)."
    )
    listed: bool = Field(False, description="The whole set is in the expected-failure list.")
    unexpected_failures: int = Field(
        0, description="Non-passing vectors not in the expected-failure list (a set that could not run counts one)."
    )
    source: VectorFileInfo | None = Field(None, description="The vector file (None when it could not be loaded).")
    complete: bool = Field(True, description="False when the run stopped while the set was running.")
    seconds: float = Field(0.0, description="Wall time spent on the set.")
    largest_deviation: Deviation | None = Field(
        None, description="For outputs compared within a tolerance: the largest difference seen (passing vectors too)."
    )

    def remarks(self) -> str:
        """The reason and the largest deviation, for a report's table."""
        deviation = self.largest_deviation.describe() if self.largest_deviation else ""
        return "; ".join(part for part in (self.reason, deviation) if part)


RequirementStatus = Literal["tested", "partial", "untested", "inspection", "not-run", "not-applicable"]


class RequirementResult(_Model):
    """A requirement and what the covering vector sets say about it."""

    id: str = Field(description="Requirement id.")
    level: str = Field(description="shall, should, may ...")
    clause: str = Field(description="Clause of the Recommendation.")
    text: str = Field("", description="The requirement's text.")
    verification: Literal["test", "inspection"] = Field(description="How it is verified.")
    status: RequirementStatus = Field(
        description="tested: every covering set ran; partial: some did (others not selected, or "
        "interrupted); untested: no vector set covers it; inspection: verified by inspection, not "
        "vectors; not-run: none of its sets ran; not-applicable: its sets require options not claimed."
    )
    verdict: Verdict | None = Field(None, description="Worst verdict of the covering sets that ran.")
    covered_by: list[str] = Field(default_factory=list, description="Vector sets covering it.")


class ExpectedFailures(_Model):
    """How the run compared with the expected-failure list."""

    listed: list[str] = Field(default_factory=list, description="Entries of the list ('set' or 'set/id').")
    matched: list[str] = Field(default_factory=list, description="Listed vectors that indeed did not pass.")
    unexpected_passes: list[str] = Field(
        default_factory=list, description="Listed vectors or sets that passed: the list is stale (fails the run)."
    )
    unexpected_failures: list[str] = Field(
        default_factory=list, description="Vectors that did not pass and are not listed (fail the run); the first ones."
    )
    unexpected_failure_count: int = Field(0, description="How many vectors did not pass and are not listed.")


class Report(_Model):
    """A conformance report."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, json_schema_extra={"title": "recbench conformance report"}
    )

    schema_: Literal["recbench-report/1"] = Field(
        REPORT_SCHEMA_VERSION, alias="schema", description="Format version."
    )
    complete: bool = Field(description="False for a partial report (run interrupted or still going).")
    passed: bool = Field(
        description="The run's outcome: no unexpected non-passing vector and no listed vector passing."
    )
    verdict: Verdict = Field(description="Worst verdict of the sets run (not-applicable when nothing ran).")
    reason: str = Field("", description="Reason of the first set with the worst verdict.")
    counts: dict[Verdict, int] = Field(default_factory=dict, description="Vectors per verdict, all sets.")
    recommendation: RecommendationInfo = Field(description="The Recommendation.")
    implementation: ImplementationInfo = Field(description="The implementation.")
    ics: dict[str, Any] = Field(description="The ICS as validated (paths as written).")
    ics_source: str = Field(description="The ICS file, or which implementation entry it was made from.")
    ics_sha256: str | None = Field(None, description="SHA-256 of the ICS file.")
    environment: Environment = Field(description="recbench, Python, platform.")
    started: dt.datetime = Field(description="Start time (UTC).")
    finished: dt.datetime | None = Field(None, description="End time (UTC); None while running.")
    selection: Selection = Field(default_factory=Selection, description="Vector sets asked for.")
    sets: list[SetResult] = Field(default_factory=list, description="Vector sets, in the Recommendation's order.")
    requirements: list[RequirementResult] = Field(default_factory=list, description="Traceability.")
    expected_failures: ExpectedFailures = Field(default_factory=ExpectedFailures, description="Expected failures.")
    notes: list[str] = Field(default_factory=list, description="Harness remarks: restarts, stderr tails, limits.")

    def to_json(self) -> str:
        """The canonical JSON text: fields in model order, two-space indent, final newline."""
        return self.model_dump_json(by_alias=True, indent=2) + "\n"
