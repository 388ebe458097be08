"""``studygroup.yaml``: what a study group knows about itself that no repository data can tell.

The progress report (:mod:`conformance.progress.assembly`) computes every figure it can from the
results store, the audit history, the policy and git; the study group, its Questions, the
rapporteur, the meetings held, training events, liaisons and the group's own notes on the
Resolution 90 items come from this file. Every section is optional: what the file does not
record is shown as "not recorded" in the report, never invented.

The file sits at the repository root and is linted by ``recbench lint`` (RB900-RB902).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from conformance.errors import Diagnostic, RecbenchError
from conformance.files import UnreadableFile, read_bounded
from conformance.spec.base import Strict
from conformance.spec.model import RecommendationId
from conformance.spec.source import MAX_YAML_BYTES, parse_yaml, yaml_location
from conformance.spec.validation_errors import located_diagnostics

STUDYGROUP_FILE = "studygroup.yaml"
_STUDY_PERIOD = re.compile(r"^(20[0-9]{2})-(20[0-9]{2})$")
_QUESTION = r"^Q[0-9]+/[0-9]+$"


class Res90Item(StrEnum):
    """The five things Resolution 90 (Rev. Geneva, 2022) asks study groups to report progress on."""

    TOOL = "open-source-as-tool"
    REFERENCE_IMPLEMENTATIONS = "reference-implementations"
    SECURITY = "security"
    TRAINING = "training"
    ENGAGEMENT = "engagement"


RES90_TITLES: dict[Res90Item, str] = {
    Res90Item.TOOL: "Open source as a working tool of the study group",
    Res90Item.REFERENCE_IMPLEMENTATIONS: "Reference implementations in Recommendations",
    Res90Item.SECURITY: "Security of the open-source code",
    Res90Item.TRAINING: "Training and capacity building",
    Res90Item.ENGAGEMENT: "Engagement with open-source projects and communities",
}


class Contact(Strict):
    """The person reporting: a rapporteur or an editor."""

    name: str = Field(min_length=1, description="Name as it appears in the document header.")
    role: Literal["rapporteur", "associate-rapporteur", "editor", "chair", "vice-chair", "liaison"] = Field(
        description="The person's role in the group.")
    organization: str | None = Field(None, min_length=1, description="Organization and country.")
    email: str | None = Field(None, pattern=r"^[^@\s]+@[^@\s]+$", description="E-mail address.")


class Meeting(Strict):
    """A meeting of the group (or of a Question) held in the period."""

    date: dt.date = Field(description="First day of the meeting.")
    end: dt.date | None = Field(None, description="Last day, when longer than one day.")
    place: str = Field(min_length=1, description="City, or 'virtual'.")
    kind: Literal["study-group", "working-party", "rapporteur-group", "other"] = Field(
        description="What kind of meeting.")
    document: str | None = Field(None, min_length=1, description="Its report (e.g. 'SG16-R12').")

    @model_validator(mode="after")
    def _ordered(self) -> Meeting:
        if self.end is not None and self.end < self.date:
            raise ValueError("end is before date")
        return self


class TrainingEvent(Strict):
    """A training event held: a workshop, a tutorial session, a hackathon."""

    date: dt.date = Field(description="Day of the event.")
    title: str = Field(min_length=1, description="Title of the event.")
    format: Literal["in-person", "online", "hybrid"] = Field(description="How it was held.")
    participants: int | None = Field(None, ge=0, description="People who took part, when counted.")
    link: str | None = Field(None, min_length=1, description="Where its material is published.")


class Tutorial(Strict):
    """A tutorial published: a file in this repository (dated by git) or a page elsewhere."""

    title: str = Field(min_length=1, description="Title of the tutorial.")
    path: str | None = Field(None, min_length=1, description="File in this repository; git dates it.")
    link: str | None = Field(None, min_length=1, description="Or its address elsewhere.")
    published: dt.date | None = Field(None, description="Publication day (default for a path: its first commit).")

    @model_validator(mode="after")
    def _somewhere(self) -> Tutorial:
        if self.path is None and self.link is None:
            raise ValueError("give the path or the link of the tutorial")
        return self


class Liaison(Strict):
    """A liaison or working relation with an open-source community."""

    community: str = Field(min_length=1, description="The project or community.")
    topic: str = Field(min_length=1, description="What the relation is about.")
    since: dt.date | None = Field(None, description="When it started.")
    status: Literal["active", "planned", "closed"] = Field("active", description="Where it stands.")
    link: str | None = Field(None, min_length=1, description="A public record of it.")


class Res90Note(Strict):
    """The group's own words on one Resolution 90 item, with evidence links, beside the computed figures."""

    item: Res90Item = Field(description="The item: " + ", ".join(item.value for item in Res90Item) + ".")
    note: str = Field(min_length=1, description="What the group did or plans.")
    evidence: list[str] = Field(default_factory=list, description="Links or documents that show it.")


class StudyGroup(Strict):
    """The study group's own data for the progress report (``studygroup.yaml``)."""

    study_period: str = Field(description="ITU-T study period, e.g. '2025-2028'.")
    study_groups: list[int] = Field(
        min_length=1, description="Study group numbers the report is for (one for a group's own repository).")
    questions: list[str] | None = Field(
        None, description="Questions reporting (e.g. 'Q10/16'); default: those the Recommendations name.")
    source: str = Field(min_length=1, description="The document's source, as its header shows it.")
    title: str | None = Field(None, min_length=1, description="Title of the document (a default is given).")
    keywords: list[str] = Field(default_factory=list, description="Keywords of the document header.")
    recommendations: list[RecommendationId] | None = Field(
        None, description="Recommendations the report covers; default: every one of the catalogue.")
    contacts: list[Contact] | None = Field(None, description="Who reports; absent: not recorded.")
    meetings: list[Meeting] | None = Field(None, description="Meetings held; absent: not recorded.")
    training: list[TrainingEvent] | None = Field(None, description="Training events held; absent: not recorded.")
    tutorials: list[Tutorial] | None = Field(None, description="Tutorials published; absent: not recorded.")
    liaisons: list[Liaison] | None = Field(None, description="Liaisons with open-source communities; "
                                           "absent: not recorded.")
    res90: list[Res90Note] = Field(default_factory=list, description="The group's notes per Res. 90 item.")

    @field_validator("study_period")
    @classmethod
    def _period(cls, value: str) -> str:
        match = _STUDY_PERIOD.match(value)
        if match is None or int(match[2]) - int(match[1]) != 3:
            raise ValueError("expected a four-year study period such as '2025-2028'")
        return value

    @field_validator("study_groups")
    @classmethod
    def _groups(cls, value: list[int]) -> list[int]:
        for number in value:
            if not 1 <= number <= 20:
                raise ValueError(f"{number} is not an ITU-T study group number (1-20)")
        return value

    @field_validator("questions")
    @classmethod
    def _questions(cls, value: list[str] | None) -> list[str] | None:
        for question in value or []:
            if not re.match(_QUESTION, question):
                raise ValueError(f"{question!r} is not a Question such as 'Q10/16'")
        return value

    @property
    def period_years(self) -> tuple[int, int]:
        """First and last year of the study period."""
        first, last = self.study_period.split("-")
        return int(first), int(last)


@dataclass(frozen=True)
class LoadedStudyGroup:
    """A validated ``studygroup.yaml`` with its round-trip tree, for locating findings."""

    model: StudyGroup
    path: Path
    document: Any

    def diagnostic(self, code: str, message: str, *loc: str | int) -> Diagnostic:
        """A finding located at the field ``loc`` of this file."""
        return Diagnostic(self.path, *yaml_location(self.document, loc), code, message)


def load_studygroup(path: Path) -> LoadedStudyGroup:
    """Read and validate ``studygroup.yaml``; problems raise ``RecbenchError`` with located diagnostics."""
    try:
        raw = read_bounded(path, MAX_YAML_BYTES, follow_symlinks=False)
    except UnreadableFile as error:
        raise RecbenchError([Diagnostic(path, 1, 1, "RB900", f"cannot read the file ({error.reason})")]) from None
    document = parse_yaml(raw, path)  # RB101/RB102 for YAML that cannot be read safely
    if not isinstance(document, dict):
        raise RecbenchError([Diagnostic(path, 1, 1, "RB900", "expected a mapping of fields at the top level")])
    try:
        model = StudyGroup.model_validate(document)
    except ValidationError as error:
        raise RecbenchError(located_diagnostics(error, document, path, "RB900")) from None
    return LoadedStudyGroup(model, path, document)


def lint_studygroup(loaded: LoadedStudyGroup, known_ids: set[str]) -> list[Diagnostic]:
    """The semantic findings about a valid file: unknown Recommendations, dates outside the period."""
    found: list[Diagnostic] = []
    for index, identifier in enumerate(loaded.model.recommendations or []):
        if identifier not in known_ids:
            found.append(loaded.diagnostic("RB901", f"{identifier} is not in the catalogue", "recommendations", index))
    first, last = loaded.model.period_years
    dated: list[tuple[str, Sequence[Meeting | TrainingEvent]]] = [
        ("meetings", loaded.model.meetings or []), ("training", loaded.model.training or [])]
    for section, entries in dated:
        for index, entry in enumerate(entries):
            if not first <= entry.date.year <= last:
                found.append(loaded.diagnostic(
                    "RB902", f"{section}[{index}]: {entry.date.isoformat()} lies outside the study period "
                    f"{loaded.model.study_period}", section, index, "date"))
    return sorted(found)
