"""The implementation conformance statement (ICS): what an implementer claims and how to drive it.

An ICS is a YAML file (``recbench ics init ID`` writes a commented template). It names the
implementation, claims options (vector sets requiring an unclaimed option are not applicable),
declares flags (which turn ``acceptable`` vectors from inconclusive into pass), chooses the
adapter with its implementation-specific settings for testing (IXIT: command, working folder,
timeouts, caps) and may list the vectors expected to fail. Relative paths in the file are
relative to the file's folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from conformance.files import UnreadableFile, read_bounded
from conformance.spec.adapter_settings import AdapterSettings, PythonSettings, recorded_settings
from conformance.spec.base import Strict
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import Implementation, RecommendationId
from conformance.spec.python_targets import declared_version, find_module
from conformance.spec.source import MAX_YAML_BYTES, parse_yaml, yaml_location
from conformance.spec.validation_errors import field_words, located_diagnostics

ICS_SCHEMA_VERSION: Literal["recbench-ics/1"] = "recbench-ics/1"
VECTOR_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[0-9]+)?$")
# an interpreter named this way in a command means the one running recbench, so a child
# finds the same installed packages (a bare "python" may be absent or another one on PATH)
PYTHON_NAMES = frozenset({"python", "python3", f"python3.{sys.version_info.minor}"})


class ImplementationIdentity(Strict):
    """Who made what: the identity recorded in every report."""

    name: str = Field(min_length=1, description="Name of the implementation.")
    version: str = Field(min_length=1, description="Version under test.")
    vendor: str | None = Field(None, description="Organisation or person responsible for it.")
    language: str | None = Field(None, description="Programming language.")
    location: str | None = Field(
        None,
        description="Folder of its source, relative to the ICS; when inside a git repository, reports "
        "record the commit and whether the folder has uncommitted changes. Default: the ICS's folder.",
    )


class ExpectedFailure(Strict):
    """A vector (``set/id``) or a whole set (``set``) known not to pass, with why."""

    vector: str = Field(pattern=VECTOR_REFERENCE.pattern, description="'set-id/test-id' or 'set-id'.")
    reason: str | None = Field(None, description="Why it fails (bug number, known limitation).")


class NotApplicable(Strict):
    """A vector set, or every set of an interface, that the implementation cannot express, with why.

    For what options cannot say: an interface the Recommendation makes no option of, which an
    implementation of only part of it (a CRC library under a framing Recommendation) lacks.
    """

    vector_set: str | None = Field(None, min_length=1, description="Id of the vector set.")
    interface: str | None = Field(None, min_length=1, description="Name of the interface: every set of it.")
    reason: str = Field(min_length=1, description="Why the implementation cannot express it (shown in reports).")

    @model_validator(mode="after")
    def _one_target(self) -> NotApplicable:
        if (self.vector_set is None) == (self.interface is None):
            raise ValueError("give either vector_set or interface")
        return self


class Ics(Strict):
    """An implementation conformance statement for one Recommendation."""

    schema_: Literal["recbench-ics/1"] = Field(ICS_SCHEMA_VERSION, alias="schema", description="Format version.")
    recommendation: RecommendationId = Field(description="Identifier of the Recommendation, e.g. 'ITU-T G.711'.")
    edition: dt.date | None = Field(None, description="Edition implemented (approval date); checked when given.")
    implementation: ImplementationIdentity = Field(description="The implementation's identity.")
    options: list[str] = Field(default_factory=list, description="Option ids claimed.")
    flags: list[str] = Field(
        default_factory=list,
        description="Vector flags declared: an 'acceptable' vector carrying one of them passes either way.",
    )
    adapter: AdapterSettings = Field(description="How recbench drives the implementation, with its settings.")
    expected_failures: list[ExpectedFailure | str] = Field(
        default_factory=list, description="Vectors ('set/id') or sets expected not to pass."
    )
    expected_failures_file: str | None = Field(
        None, description="Text file of more expected failures, one 'set/id [# reason]' a line, relative to the ICS."
    )
    not_applicable: list[NotApplicable] = Field(
        default_factory=list,
        description="Vector sets or interfaces the implementation cannot express: reported as not applicable, "
        "with the reason, never as passed.",
    )

    def recorded(self) -> dict[str, Any]:
        """The ICS as a report records it: as validated, with paths as written, but no secret env value."""
        recorded = self.model_dump(mode="json", by_alias=True)
        recorded["adapter"] = recorded_settings(self.adapter)
        return recorded

    def declared_not_applicable(self, set_id: str, interface: str) -> str | None:
        """The reason this ICS gives for not expressing the set (by its id or its interface), or None."""
        for item in self.not_applicable:
            if item.vector_set == set_id or item.interface == interface:
                return item.reason
        return None

    @field_validator("expected_failures")
    @classmethod
    def _references(cls, values: list[ExpectedFailure | str]) -> list[ExpectedFailure | str]:
        for index, value in enumerate(values):
            if isinstance(value, str) and not VECTOR_REFERENCE.match(value):
                # the index travels in the context so that the message points at the item's line
                raise PydanticCustomError(
                    "vector_reference", "{reference} is not 'set-id/test-id' or 'set-id'",
                    {"reference": repr(value), "index": index},
                )
        return values


@dataclass(frozen=True)
class LoadedIcs:
    """A validated ICS with where it came from; relative paths resolve against ``base``."""

    model: Ics
    base: Path
    path: Path | None = None  # the ICS file, or the recommendation.yaml holding the implementation entry
    source: str = ""  # what to call it in messages
    sha256: str | None = None  # of the ICS file (None for an implementation entry)
    document: Any = None  # the round-trip YAML tree of ``path``
    prefix: tuple[str | int, ...] = ()  # where the ICS's fields sit in ``document`` (an implementation entry)

    def resolve(self, relative: str | None) -> Path:
        """A path of the ICS, made absolute."""
        return (self.base / relative).resolve() if relative else self.base.resolve()

    def diagnostic(self, message: str, *loc: str | int, code: str = "RB700") -> Diagnostic:
        """A finding located at field ``loc`` of the ICS file."""
        where = self.path or self.base
        steps: Sequence[str | int] = loc
        if self.prefix:  # an implementation entry: its adapter and location, else the entry itself
            if loc[:1] == ("adapter",):
                steps = (*self.prefix, *loc)
            elif loc[:2] == ("implementation", "location"):
                steps = (*self.prefix, "location")
            else:
                steps = self.prefix
            message = f"{field_words(list(self.prefix))}: {message}"
        line, column = yaml_location(self.document, steps) if self.document is not None else (1, 1)
        return Diagnostic(where, line, column, code, message)


def load_ics(path: Path) -> LoadedIcs:
    """Load and validate an ICS file; problems raise ``SpecError`` with located diagnostics."""
    try:
        raw = read_bounded(path, MAX_YAML_BYTES)
    except UnreadableFile as error:  # a folder, or a pipe or device whose read need not end
        if "expected a" not in error.reason:
            raise
        raise SpecError([Diagnostic(path, 1, 1, "RB700", "not a regular file")]) from None
    document = parse_yaml(raw, path)
    if not isinstance(document, dict):
        raise SpecError([Diagnostic(path, 1, 1, "RB700", "expected a mapping of fields at the top level")])
    nul = _nul_location(document, [])
    if nul is not None:  # no path, argument or variable can hold one: the OS refuses it
        line, column = yaml_location(document, nul)
        raise SpecError([Diagnostic(path, line, column, "RB700", f"{field_words(nul)}: a NUL character")])
    try:
        model = Ics.model_validate(document)
    except ValidationError as error:
        raise SpecError(located_diagnostics(error, document, path, "RB700", override=_message)) from None
    digest = hashlib.sha256(raw).hexdigest()
    return LoadedIcs(model, path.parent.resolve(), path, str(path), digest, document)


def _nul_location(node: Any, where: list[str | int]) -> list[str | int] | None:
    """Where the first text (a value or a key) holding a NUL character is, or None.

    The tree is at most ``MAX_DEPTH`` deep (``parse_yaml`` refuses deeper), so recursion is safe.
    """
    if isinstance(node, str):
        return where if "\x00" in node else None
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found = _nul_location(key, [*where, key]) or _nul_location(value, [*where, key])
        if found is not None:
            return found
    return None


def _message(detail: ErrorDetails, loc: list[str | int]) -> str | None:
    """The ICS's own wording, over the general rules of ``located_diagnostics``."""
    kind = detail["type"]
    if kind == "model_type" and detail["loc"][0] == "expected_failures":
        return "expected 'set-id/test-id', 'set-id' or a mapping with vector and reason"
    if kind == "union_tag_not_found":
        return "expected a mapping whose type is python, process or command"
    if kind == "string_pattern_mismatch":
        form = "'module:attribute'" if detail["loc"][-1] == "target" else "'set-id/test-id' or 'set-id'"
        return f"{detail['input']!r} is not {form}"
    return None


UNVERSIONED = "unversioned"  # an implementation entry that neither gives nor declares a version


def implementation_version(loaded: LoadedRecommendation, implementation: Implementation) -> str:
    """The implementation's own version: its entry's ``version``, else the ``__version__`` its package declares.

    The package is the python target's module (and its parents), or the module a process or
    command adapter runs with ``python -m MODULE``; its source is read, never run. recbench's
    own version says nothing about a reference implementation's, so it is never used.
    """
    if implementation.version is not None:
        return implementation.version
    settings = implementation.adapter
    module: str | None = None
    folders = [loaded.repository]
    if isinstance(settings, PythonSettings):
        module = settings.target.partition(":")[0]
        folders += [loaded.repository / folder for folder in settings.python_path]
    else:
        line = settings.command if isinstance(settings.command, list) else next(iter(settings.command.values()))
        if len(line) > 2 and line[0] in PYTHON_NAMES and line[1] == "-m":
            module = line[2]
    chain = find_module(module, folders) if module else None
    return (declared_version(chain) if chain else None) or UNVERSIONED


def ics_for_implementation(loaded: LoadedRecommendation, implementation: Implementation) -> LoadedIcs:
    """The ICS of an implementation the Recommendation lists: every option claimed, paths from the repository root."""
    settings = implementation.adapter
    if isinstance(settings, PythonSettings) and not settings.python_path:
        # the repository root, where reference_impl/ lives, is importable even when not installed
        settings = PythonSettings.model_validate({**settings.model_dump(), "python_path": ["."]})
    location = getattr(implementation.location, "path", None)
    model = Ics(
        recommendation=loaded.model.id,
        edition=loaded.model.edition,
        implementation=ImplementationIdentity(
            name=implementation.name, version=implementation_version(loaded, implementation),
            language=implementation.language, location=location,
        ),
        options=[option.id for option in loaded.model.options],
        adapter=settings,
    )
    source = f"implementation {implementation.name!r} of {loaded.model.id}"
    index = next((i for i, item in enumerate(loaded.model.implementations) if item is implementation), None)
    if index is None:  # an entry made elsewhere: nothing in the file to point at
        return LoadedIcs(model, loaded.repository.resolve(), None, source)
    return LoadedIcs(
        model, loaded.repository.resolve(), loaded.path, source, document=loaded.document,
        prefix=("implementations", index),
    )
