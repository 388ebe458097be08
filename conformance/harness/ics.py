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
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.loading import LoadedRecommendation, field_words
from conformance.spec.model import (
    CommandAdapter,
    Implementation,
    ProcessAdapter,
    PythonAdapter,
    RecommendationId,
    Strict,
)
from conformance.spec.source import load_yaml, yaml_location

ICS_SCHEMA_VERSION: Literal["recbench-ics/1"] = "recbench-ics/1"
VECTOR_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[0-9]+)?$")
# an interpreter named this way in a command means the one running recbench, so a child
# finds the same installed packages (a bare "python" may be absent or another one on PATH)
PYTHON_NAMES = frozenset({"python", "python3", f"python3.{sys.version_info.minor}"})


class Timeouts(Strict):
    """Time limits, in seconds."""

    startup: float = Field(10.0, gt=0, description="From starting a child to its hello line (process).")
    request: float = Field(
        30.0,
        gt=0,
        description="For one answer: a request of the process protocol, one command run, or one in-process "
        "call (an in-process call cannot be interrupted: it is judged an error once it returns late).",
    )
    run: float | None = Field(
        None, gt=0, description="For the whole run; vectors not run by then are errors. None: no limit."
    )


class PythonSettings(Strict):
    """Call the implementation in-process."""

    type: Literal["python"] = Field(description="Adapter kind.")
    target: str = Field(
        pattern=r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$",
        description="'module:attribute' naming a class (instantiated without arguments) or an object "
        "with one method per interface.",
    )
    python_path: list[str] = Field(
        default_factory=list, description="Folders put in front of the import path, relative to the ICS."
    )
    isolate: bool = Field(
        False,
        description="Serve the object from a child process (python -m reference_impl._serve) instead of "
        "calling it in-process, so that crashes and hangs are contained and timeouts enforced; "
        "implied by --jobs above 1.",
    )
    batch: bool = Field(True, description="Join vectors of 'batch: concatenate' interfaces into one call.")
    batch_size: int = Field(8192, ge=1, description="Most vectors joined into one call.")
    timeouts: Timeouts = Field(default_factory=Timeouts, description="Time limits.")


class ProcessSettings(Strict):
    """Run the implementation as a long-lived child speaking the process protocol (NDJSON)."""

    type: Literal["process"] = Field(description="Adapter kind.")
    command: list[str] = Field(
        min_length=1,
        description="Program and arguments. A program with a '/' is relative to cwd; 'python' means the "
        "interpreter running recbench.",
    )
    cwd: str | None = Field(None, description="Working folder of the child, relative to the ICS (default: its folder).")
    env: dict[str, str] = Field(default_factory=dict, description="Extra environment variables of the child.")
    timeouts: Timeouts = Field(default_factory=Timeouts, description="Time limits.")
    max_output_bytes: int = Field(
        64 * 1024 * 1024, ge=1024, description="Longest response line accepted; a longer one kills the child."
    )
    max_in_flight: int = Field(64, ge=1, description="Requests sent before their answers arrive (pipelining).")
    max_restarts: int = Field(10, ge=0, description="Restarts of a crashed or hung child before giving up.")
    batch: bool = Field(True, description="Join vectors of 'batch: concatenate' interfaces into one request.")
    batch_size: int = Field(8192, ge=1, description="Most vectors joined into one request.")


class BinaryFiles(Strict):
    """For one interface: which input goes into the {input} file and which output comes from {output}."""

    input: str = Field(description="Input field written to the {input} file.")
    input_format: Literal["int16le", "uint16le", "uint8", "raw"] = Field(description="Encoding of the input file.")
    output: str = Field(description="Output field read from the {output} file.")
    output_format: Literal["int16le", "uint16le", "uint8", "raw"] = Field(
        description="Encoding of the output file."
    )


class CommandSettings(Strict):
    """Run a file-based command line once per vector (or per joined batch), for existing codec tools."""

    type: Literal["command"] = Field(description="Adapter kind.")
    command: list[str] = Field(
        min_length=1,
        description="Program and arguments with placeholders: {input}, {output}, {interface} and {NAME} for "
        "any scalar input NAME.",
    )
    cwd: str | None = Field(None, description="Working folder, relative to the ICS (default: its folder).")
    env: dict[str, str] = Field(default_factory=dict, description="Extra environment variables.")
    timeouts: Timeouts = Field(default_factory=lambda: Timeouts(request=60.0), description="Time limits.")
    max_output_bytes: int = Field(256 * 1024 * 1024, ge=1024, description="Largest output file accepted.")
    files: dict[str, BinaryFiles] = Field(
        default_factory=dict,
        description="Interfaces exchanged as binary files. Others use JSON files: {input} holds "
        '{"interface": ..., "input": {...}} and the command writes {"output": {...}} or {"rejected": "why"} '
        "to {output}.",
    )
    arguments: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="Words substituted for input values in placeholders, e.g. {law: {A: a, mu: u}}.",
    )
    rejected_exit_status: list[int] = Field(
        default_factory=list, description="Exit statuses meaning 'input rejected' (others than 0 are errors)."
    )
    batch: bool = Field(True, description="Join vectors of 'batch: concatenate' interfaces into one run.")
    batch_size: int = Field(65536, ge=1, description="Most vectors joined into one run.")


AdapterSettings = Annotated[PythonSettings | ProcessSettings | CommandSettings, Field(discriminator="type")]


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
    path: Path | None = None  # None when made from a Recommendation's implementation entry
    source: str = ""  # what to call it in messages
    sha256: str | None = None
    document: Any = None

    def resolve(self, relative: str | None) -> Path:
        """A path of the ICS, made absolute."""
        return (self.base / relative).resolve() if relative else self.base.resolve()

    def diagnostic(self, message: str, *loc: str | int) -> Diagnostic:
        """A finding located at field ``loc`` of the ICS file."""
        where = self.path or self.base
        line, column = yaml_location(self.document, loc) if self.document is not None else (1, 1)
        return Diagnostic(where, line, column, "RB700", message)


def load_ics(path: Path) -> LoadedIcs:
    """Load and validate an ICS file; problems raise ``SpecError`` with located diagnostics."""
    if path.exists() and not path.is_file():  # a folder, or a pipe that would block the read
        raise SpecError([Diagnostic(path, 1, 1, "RB700", "not a regular file")])
    document = load_yaml(path)
    if not isinstance(document, dict):
        raise SpecError([Diagnostic(path, 1, 1, "RB700", "expected a mapping of fields at the top level")])
    nul = _nul_location(document, [])
    if nul is not None:  # no path, argument or variable can hold one: the OS refuses it
        line, column = yaml_location(document, nul)
        raise SpecError([Diagnostic(path, line, column, "RB700", f"{field_words(nul)}: a NUL character")])
    try:
        model = Ics.model_validate(document)
    except ValidationError as error:
        found = []
        for detail in error.errors(include_url=False):
            if detail["loc"][-1:] == ("str",):
                continue  # a mapping entry of expected_failures is not a string either: that is no news
            loc = _editor_path(detail)
            line, column = yaml_location(document, loc)
            found.append(Diagnostic(path, line, column, "RB700", f"{field_words(loc)}: {_message(detail)}"))
        raise SpecError(sorted(set(found))) from None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return LoadedIcs(model, path.parent.resolve(), path, str(path), digest, document)


def _nul_location(node: Any, where: list[str | int]) -> list[str | int] | None:
    """Where the first text (a value or a key) holding a NUL character is, or None."""
    if isinstance(node, str):
        return where if "\x00" in node else None
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        found = _nul_location(key, [*where, key]) or _nul_location(value, [*where, key])
        if found is not None:
            return found
    return None


def _editor_path(detail: ErrorDetails) -> list[str | int]:
    """A pydantic error path as the author wrote the file: without union member names or the adapter's tag."""
    loc = detail["loc"]
    path: list[str | int] = []
    for position, step in enumerate(loc):
        if isinstance(step, str) and step[:1].isupper():
            continue  # a union member's model name
        if position == 1 and loc[0] == "adapter":
            continue  # the discriminator's tag ('process' ...), not a field such as 'command'
        path.append(step)
    index = detail.get("ctx", {}).get("index")
    return [*path, index] if isinstance(index, int) else path


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against the schema)"
    if kind == "missing":
        return "required field is missing"
    if kind == "model_type":  # pydantic names the model class, which the author never wrote
        if detail["loc"][0] == "expected_failures":
            return "expected 'set-id/test-id', 'set-id' or a mapping with vector and reason"
        return "expected a mapping of fields"
    if kind == "union_tag_not_found":
        return "expected a mapping whose type is python, process or command"
    if kind == "string_pattern_mismatch":
        form = "'module:attribute'" if detail["loc"][-1] == "target" else "'set-id/test-id' or 'set-id'"
        return f"{detail['input']!r} is not {form}"
    message = detail["msg"].removeprefix("Value error, ")
    if kind == "string_type" and isinstance(detail.get("input"), int | float):
        message += " (write it in quotes)"
    return message


def ics_for_implementation(loaded: LoadedRecommendation, implementation: Implementation) -> LoadedIcs:
    """The ICS of an implementation the Recommendation lists: every option claimed, paths from the repository root."""
    from conformance import __version__

    entry = implementation.adapter
    settings: PythonSettings | ProcessSettings | CommandSettings
    if isinstance(entry, PythonAdapter):
        settings = PythonSettings(type="python", target=entry.target, python_path=["."])
    elif isinstance(entry, ProcessAdapter):
        settings = ProcessSettings(type="process", command=list(entry.command), cwd=entry.cwd)
    else:
        assert isinstance(entry, CommandAdapter)
        settings = CommandSettings(type="command", command=list(entry.command), cwd=entry.cwd)
    location = getattr(implementation.location, "path", None)
    model = Ics(
        recommendation=loaded.model.id,
        edition=loaded.model.edition,
        implementation=ImplementationIdentity(
            name=implementation.name, version=__version__, language=implementation.language, location=location,
        ),
        options=[option.id for option in loaded.model.options],
        adapter=settings,
    )
    return LoadedIcs(
        model, loaded.repository.resolve(), None,
        f"implementation {implementation.name!r} of {loaded.model.id}",
    )
