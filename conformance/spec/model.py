"""The Recommendation as data: pydantic models of ``recommendation.yaml``.

Every field carries a description, which the published JSON Schema (and so an editor's
completion) shows. Unknown fields are errors, so a misspelt key never passes silently.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cache
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from license_expression import ExpressionError, Licensing, get_spdx_licensing
from pydantic import AfterValidator, BaseModel, BeforeValidator, Discriminator, Field, Tag, model_validator

from conformance.spec.adapter_settings import COMMAND_TAGS, AdapterSettings
from conformance.spec.base import Strict
from conformance.spec.fieldtypes import is_known_type

_SERIES = r"[A-Z]"
_NUMBER = r"[0-9]+(?:\.[0-9]+)*"
_PART = r"(?: (?:Annex [A-Z]|Appendix [IVXLC]+|Amendment [0-9]+|Corrigendum [0-9]+|Supplement [0-9]+))"
_AMENDING = re.compile(r"(?:^| )(?:Amendment|Corrigendum) [0-9]+$")
RECOMMENDATION_ID = re.compile(rf"^ITU-T (?:{_SERIES}\.{_NUMBER}{_PART}*|{_SERIES} Suppl\. [0-9]+)$")
_IDENTIFIER = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _key_tag(keys: dict[str, str]) -> Any:
    """A discriminator choosing a union member by which key the mapping holds.

    Without it pydantic tries every member and reports each one's complaints, so an editor who
    wrote ``path:`` would read that ``path`` is an unknown field (of the other member).
    """

    def choose(value: Any) -> str | None:
        if isinstance(value, BaseModel):
            value = value.model_dump()
        if isinstance(value, dict):
            return next((tag for key, tag in keys.items() if key in value), None)
        return None

    return choose


# Tags name the member; they never clash with field names, so error paths can drop them.
UNION_TAGS = frozenset({"in-repository", "in-git", "in-catalogue", "external"}) | COMMAND_TAGS


def _placeholder_text(value: Any) -> Any:
    """A number written where a hash belongs (``sha256: 0000``) is a placeholder, kept as its text."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def is_sha256(value: str | None) -> bool:
    """Whether ``value`` is written as a SHA-256 digest: 64 lower-case hex digits."""
    return value is not None and _SHA256.fullmatch(value) is not None


def _check_recommendation_id(value: str) -> str:
    if not RECOMMENDATION_ID.match(value):
        raise ValueError(
            f"{value!r} is not an ITU-T identifier such as 'ITU-T G.711', 'ITU-T G.107.1', "
            "'ITU-T X.690 Amendment 1' or 'ITU-T G Suppl. 65'"
        )
    return value


MAX_PATH_CHARACTERS = 1024  # PATH_MAX is 4096 bytes, a name 255: a longer path fails every system call
MAX_NAME_BYTES = 255


def _check_relative_path(value: str) -> str:
    if "\x00" in value:  # the OS refuses it, and pathlib raises ValueError on it
        raise ValueError("a path cannot hold a NUL character")
    if any("\ud800" <= character <= "\udfff" for character in value):
        raise ValueError("a path cannot hold a lone surrogate (not Unicode text)")
    path = PurePosixPath(value)
    if len(value) > MAX_PATH_CHARACTERS or any(len(part.encode()) > MAX_NAME_BYTES for part in path.parts):
        raise ValueError(
            f"a path of {len(value)} characters is too long (at most {MAX_PATH_CHARACTERS}, "
            f"and {MAX_NAME_BYTES} bytes a name)"
        )
    if "\\" in value or path.is_absolute() or re.match(r"^[A-Za-z]:", value):
        raise ValueError(f"{value!r} must be a relative path written with '/'")
    if ".." in path.parts:
        raise ValueError(f"{value!r} must not leave its folder ('..' is not allowed)")
    return value


@cache
def _spdx_licensing() -> Licensing:
    # building the SPDX index takes about 50 ms; every implementation entry needs it
    return get_spdx_licensing()


def _check_spdx(value: str) -> str:
    try:
        _spdx_licensing().parse(value, validate=True, strict=True)
    except ExpressionError as error:
        raise ValueError(f"{value!r} is not a valid SPDX licence expression: {error}") from None
    return value


RecommendationId = Annotated[str, AfterValidator(_check_recommendation_id)]
RelativePath = Annotated[str, AfterValidator(_check_relative_path)]
SpdxExpression = Annotated[str, AfterValidator(_check_spdx)]
Identifier = Annotated[str, Field(pattern=_IDENTIFIER)]


class Status(StrEnum):
    """Where a Recommendation stands: drafting stages, then its life in force."""

    IN_PREPARATION = "in-preparation"
    CONSENTED = "consented"
    LAST_CALL = "last-call"
    ADDITIONAL_REVIEW = "additional-review"
    APPROVED = "approved"
    IN_FORCE = "in-force"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"


class Level(StrEnum):
    """Requirement level, as the Recommendation's own wording states it."""

    SHALL = "shall"
    SHALL_NOT = "shall-not"
    SHOULD = "should"
    SHOULD_NOT = "should-not"
    MAY = "may"


MANDATORY_LEVELS = frozenset({Level.SHALL.value, Level.SHALL_NOT.value})


class RecommendationReference(Strict):
    """A normative reference to another Recommendation held in this catalogue."""

    recommendation: RecommendationId = Field(description="Identifier of the referenced Recommendation.")
    note: str | None = Field(None, description="What is taken from it.")


class DocumentReference(Strict):
    """A normative reference to a document outside this catalogue."""

    document: str = Field(min_length=1, description="Identifier of the document, e.g. 'ISO/IEC 9646-1'.")
    title: str | None = Field(None, description="Title of the document.")
    note: str | None = Field(None, description="What is taken from it.")


Reference = Annotated[
    Annotated[RecommendationReference, Tag("in-catalogue")] | Annotated[DocumentReference, Tag("external")],
    Discriminator(
        _key_tag({"recommendation": "in-catalogue", "document": "external"}),
        custom_error_type="reference",
        custom_error_message="give either 'recommendation' (in this catalogue) or 'document'",
    ),
]


class Requirement(Strict):
    """One numbered requirement of the Recommendation."""

    id: Identifier = Field(description="Stable identifier, never renumbered, e.g. 'G711-R1'.")
    clause: str = Field(min_length=1, description="Clause of the Recommendation it is taken from.")
    level: Level = Field(description="shall, shall-not, should, should-not or may.")
    text: str = Field(min_length=1, description="The requirement in the Recommendation's words.")
    verification: Literal["test", "inspection"] = Field(
        "test",
        description="test: vector sets must cover it; inspection: verified by reading the "
        "implementation or its documentation (ISO/IEC 9646 static review), so no vectors are due.",
    )


class Option(Strict):
    """A capability an implementation may claim in its ICS, e.g. 'a-law' or 'rate-32k'."""

    id: Identifier = Field(description="Option identifier claimed in an ICS.")
    text: str = Field(min_length=1, description="What claiming the option means.")


class Tolerance(Strict):
    """How far a float may lie from the expected value: within abs OR within rel of it."""

    abs: float = Field(0.0, ge=0, description="Absolute tolerance.")
    rel: float = Field(0.0, ge=0, description="Tolerance relative to the expected value.")


class FieldType(Strict):
    """The type of one input or output of an interface."""

    type: str = Field(
        description="int, bool, string, bytes, enum, float, payload, float[], intN[] or uintN[] (N 1..64)."
    )
    description: str | None = Field(None, description="What the field holds.")
    values: list[str] | None = Field(None, description="Allowed values of an enum.")
    tolerance: Tolerance | None = Field(None, description="Allowed deviation of a float or float[].")
    minimum: int | None = Field(None, description="Smallest allowed value of an int.")
    maximum: int | None = Field(None, description="Largest allowed value of an int.")

    @model_validator(mode="after")
    def _consistent(self) -> FieldType:
        if not is_known_type(self.type):
            raise ValueError(
                f"unknown type {self.type!r}: use int, bool, string, bytes, enum, float, payload, "
                "float[], intN[] or uintN[]"
            )
        if (self.type == "enum") != (self.values is not None):
            raise ValueError("'values' is required for an enum and only allowed for one")
        if self.tolerance is not None and self.type not in ("float", "float[]"):
            raise ValueError("'tolerance' only applies to float and float[]")
        if (self.minimum is not None or self.maximum is not None) and self.type != "int":
            raise ValueError("'minimum' and 'maximum' only apply to int")
        return self


class Interface(Strict):
    """A function an implementation exposes, with typed inputs and outputs."""

    name: Identifier = Field(description="Interface name; implementations expose it under this name.")
    description: str | None = Field(None, description="What the interface does.")
    batch: Literal["none", "concatenate"] = Field(
        "none",
        description="'concatenate' when the interface is stateless over its array inputs, so that "
        "the harness may join several vectors into one call.",
    )
    inputs: dict[str, FieldType] = Field(description="Inputs by name.")
    outputs: dict[str, FieldType] = Field(description="Outputs by name.")


class Provenance(Strict):
    """Where a vector set comes from and under what licence."""

    kind: Literal["official", "derived", "generated"] = Field(
        description="official: published with the Recommendation or by ITU-T; derived: computed "
        "from its tables or text; generated: produced by a program, checked independently."
    )
    origin: str = Field(min_length=1, description="Source: document, clause, repository and commit.")
    license: str = Field(min_length=1, description="Licence of the vector data.")


class LicenceClass(StrEnum):
    """What the licence of data fetched on demand allows, and so why it is fetched rather than shipped."""

    REDISTRIBUTABLE = "redistributable"
    CONFORMANCE_USE_ONLY = "conformance-use-only"
    FETCH_ONLY = "fetch-only"


def _check_download_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http(s) URL with a host")
    if parts.username is not None or parts.password is not None:
        # the Recommendation is published: a token written here would be published with it
        raise ValueError("a URL in a Recommendation cannot carry credentials")
    return value


DownloadUrl = Annotated[str, AfterValidator(_check_download_url)]


class FetchedFile(Strict):
    """A payload file kept outside the repository, downloaded on demand and pinned by its SHA-256."""

    file: RelativePath = Field(
        description="The payload as the vector file references it: relative to the vector file's folder."
    )
    url: DownloadUrl = Field(description="Where `recbench vectors fetch` downloads it (http or https).")
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the file (64 lower-case hex digits): a download with other bytes is refused, "
        "and the file is cached under this digest.",
    )


class FetchedData(Strict):
    """Payloads of a vector set that are too large to ship: fetched into the user's cache on demand."""

    licence_class: LicenceClass = Field(
        description="redistributable: may be copied anywhere, fetched only for its size; conformance-use-only: "
        "may be downloaded for conformance testing, not redistributed; fetch-only: every user downloads it "
        "from the URL, nothing may keep or pass on a copy."
    )
    files: list[FetchedFile] = Field(min_length=1, description="The payloads fetched on demand.")

    @model_validator(mode="after")
    def _distinct(self) -> FetchedData:
        seen: set[str] = set()
        for item in self.files:
            name = PurePosixPath(item.file).as_posix()
            if name in seen:
                raise ValueError(f"{item.file!r} is listed twice")
            seen.add(name)
        return self


class VectorSetEntry(Strict):
    """A set of test vectors for one interface, stored in a JSON file beside the Recommendation."""

    id: Identifier = Field(description="Stable identifier of the vector set.")
    interface: str = Field(description="Name of the interface the vectors exercise.")
    file: RelativePath = Field(description="Vector file, relative to the Recommendation's folder.")
    sha256: Annotated[str | None, BeforeValidator(_placeholder_text)] = Field(
        None,
        description="SHA-256 of the vector file (64 lower-case hex digits). Missing, a placeholder or a "
        "wrong value is a lint finding (RB301) that `recbench lint --fix` fills in.",
    )
    provenance: Provenance = Field(description="Origin and licence of the vectors.")
    covers: list[str] = Field(default_factory=list, description="Requirement ids the vectors test.")
    requires: list[str] = Field(
        default_factory=list, description="Option ids an implementation must claim for the set to apply."
    )
    description: str | None = Field(None, description="What the set exercises.")
    fetch: FetchedData | None = Field(
        None,
        description="Payloads of the vector file that are not in the repository but downloaded on demand "
        "(`recbench vectors fetch`); the vector file itself always is in the repository.",
    )

    def fetched(self, payload: str) -> FetchedFile | None:
        """The fetch entry of ``payload`` (a path relative to the vector file's folder), or None."""
        if self.fetch is None:
            return None
        name = PurePosixPath(payload).as_posix()
        return next((item for item in self.fetch.files if PurePosixPath(item.file).as_posix() == name), None)


class PathLocation(Strict):
    """An implementation kept in this repository."""

    path: RelativePath = Field(description="Folder, relative to the repository root.")


class GitLocation(Strict):
    """An implementation kept in another git repository, pinned to a commit."""

    git: str = Field(min_length=1, description="Clone URL of the repository.")
    commit: str = Field(pattern=r"^[0-9a-f]{40}$", description="Full commit id.")


Location = Annotated[
    Annotated[PathLocation, Tag("in-repository")] | Annotated[GitLocation, Tag("in-git")],
    Discriminator(
        _key_tag({"path": "in-repository", "git": "in-git", "commit": "in-git"}),
        custom_error_type="location",
        custom_error_message="give either 'path' (in this repository) or 'git' and 'commit'",
    ),
]


class Implementation(Strict):
    """An implementation of the Recommendation that conformance runs can exercise."""

    name: Identifier = Field(description="Name, unique within the Recommendation (e.g. 'reference').")
    kind: Literal["reference", "third-party"] = Field(description="reference or third-party.")
    language: str = Field(min_length=1, description="Programming language.")
    version: str | None = Field(
        None, min_length=1,
        description="Version of the implementation; default: the __version__ its Python package declares "
        "(the target's, or that of the module a 'python -m MODULE' command runs), read without importing it.",
    )
    location: Location = Field(description="Where the source lives: {path} or {git, commit}.")
    license: SpdxExpression = Field(description="SPDX licence expression of the implementation.")
    adapter: AdapterSettings = Field(description="How the harness drives it, with the settings an ICS may give.")
    lock: RelativePath | None = Field(
        None, description="Dependency lock, relative to the repository root (audited by `recbench deps`)."
    )


class Recommendation(Strict):
    """A machine-readable ITU-T Recommendation: identity, requirements, interfaces, vectors."""

    id: RecommendationId = Field(description="Identifier in ITU-T form, e.g. 'ITU-T G.711'.")
    title: str = Field(min_length=1, description="Title of the Recommendation.")
    edition: dt.date = Field(description="Approval date of the edition described (YYYY-MM-DD).")
    status: Status = Field(description="Drafting stage or life-cycle state.")
    study_group: int = Field(ge=1, le=20, description="Responsible ITU-T study group number.")
    question: str | None = Field(None, pattern=r"^Q[0-9]+/[0-9]+$", description="Responsible Question, e.g. 'Q10/16'.")
    base: RecommendationId | None = Field(
        None,
        description="For an amendment or corrigendum kept as its own entry: the Recommendation it changes, "
        "e.g. 'ITU-T X.690' for 'ITU-T X.690 Amendment 1'.",
    )
    editors: list[str] = Field(default_factory=list, description="Editors of the edition.")
    keywords: list[str] = Field(default_factory=list, description="Keywords.")
    summary: str | None = Field(None, description="One-paragraph summary.")
    references: list[Reference] = Field(default_factory=list, description="Normative references.")
    requirements: list[Requirement] = Field(default_factory=list, description="Numbered requirements.")
    options: list[Option] = Field(default_factory=list, description="Options an implementation may claim.")
    interfaces: list[Interface] = Field(default_factory=list, description="Interfaces implementations expose.")
    vector_sets: list[VectorSetEntry] = Field(default_factory=list, description="Test-vector sets.")
    implementations: list[Implementation] = Field(default_factory=list, description="Known implementations.")

    @model_validator(mode="after")
    def _question_matches_study_group(self) -> Recommendation:
        if self.question is not None and not self.question.endswith(f"/{self.study_group}"):
            raise ValueError(f"question {self.question!r} does not belong to study group {self.study_group}")
        return self

    @model_validator(mode="after")
    def _base_is_what_it_amends(self) -> Recommendation:
        if self.base is None:
            return self
        rest = self.id.removeprefix(f"{self.base} ") if self.id.startswith(f"{self.base} ") else None
        if rest is None or not _AMENDING.search(rest):
            raise ValueError(
                f"base {self.base!r} is only for an amendment or corrigendum of it, "
                f"such as '{self.base} Amendment 1' (this entry is {self.id!r})"
            )
        return self

    def interface(self, name: str) -> Interface | None:
        """The interface called ``name``, if declared."""
        return next((item for item in self.interfaces if item.name == name), None)

    def vector_set(self, set_id: str) -> VectorSetEntry | None:
        """The vector set with id ``set_id``, if declared."""
        return next((item for item in self.vector_sets if item.id == set_id), None)

    def implementation(self, name: str) -> Implementation | None:
        """The implementation called ``name``, if declared."""
        return next((item for item in self.implementations if item.name == name), None)
