"""Vector-set files: the JSON envelope (after Wycheproof), its validation and its loading.

A file holds groups of tests; a group's ``parameters`` are inputs shared by its tests. Arrays
and payloads may be inline or a reference to a binary file beside the vectors
(``{"file": ..., "format": ..., "sha256": ...}``), resolved and hash-checked on load. A payload
the set's entry lists under ``fetch`` is read from the cache (``spec/fetched``), never beside the
vectors; one that is not there makes the set unusable (RB307).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import jsonschema
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from conformance.files import read_bounded
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.fetched import cached_path, missing_payload
from conformance.spec.model import RelativePath, VectorSetEntry
from conformance.spec.source import json_location, load_json, parse_json
from conformance.spec.validation_cache import known_valid, remember_valid
from conformance.spec.validation_errors import located_diagnostics

VECTOR_SCHEMA_VERSION = "recbench-vectors/1"
PAYLOAD_FORMATS = ("int16le", "uint16le", "uint8", "raw")
MAX_PAYLOAD_BYTES = 256 * 1024 * 1024


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class PayloadReference(_Strict):
    """A binary payload kept in a file beside the vectors instead of inline."""

    file: RelativePath = Field(description="File, relative to the vector file's folder.")
    format: Literal["int16le", "uint16le", "uint8", "raw"] = Field(
        description="How the bytes read: 16-bit little-endian words (signed or unsigned), bytes, "
        "or raw (passed through as bytes)."
    )
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the file.")


class VectorTest(_Strict):
    """One test: input, expected output and the verdict rule."""

    id: int = Field(ge=0, description="Stable integer id, unique in the file, never renumbered.")
    comment: str = Field("", description="What the test checks.")
    input: dict[str, Any] = Field(default_factory=dict, description="Inputs (merged over the group parameters).")
    expected: dict[str, Any] | None = Field(None, description="Expected outputs (omitted for invalid tests).")
    result: Literal["valid", "invalid", "acceptable"] = Field(
        "valid",
        description="valid: outputs must match; invalid: the input must be rejected; acceptable: "
        "either, inconclusive unless the ICS declares one of the test's flags.",
    )
    flags: list[str] = Field(default_factory=list, description="Flags, explained in the file's notes.")


class VectorGroup(_Strict):
    """Tests sharing parameters."""

    parameters: dict[str, Any] = Field(default_factory=dict, description="Inputs shared by the tests.")
    comment: str = Field("", description="What the group exercises.")
    tests: list[VectorTest] = Field(description="The tests.")


class VectorFile(_Strict):
    """A vector-set file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, json_schema_extra={"title": "recbench vector set"})

    schema_: Literal["recbench-vectors/1"] = Field(alias="schema", description="Format version.")
    recommendation: str = Field(description="Identifier of the Recommendation.")
    vector_set: str = Field(alias="vectorSet", description="Id of the vector set in the Recommendation.")
    interface: str = Field(description="Interface exercised.")
    header: list[str] = Field(default_factory=list, description="Free text describing the set.")
    notes: dict[str, str] = Field(default_factory=dict, description="Meaning of each flag.")
    number_of_tests: int = Field(alias="numberOfTests", ge=0, description="Count of tests in the file.")
    groups: list[VectorGroup] = Field(description="Groups of tests.")


@cache
def vector_file_validator() -> jsonschema.protocols.Validator:
    """A jsonschema validator for vector files, built from the model's schema."""
    from conformance.spec.schemas import schema_for

    schema = schema_for("vectors")
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema)


@dataclass(frozen=True, slots=True)
class NotFetched:
    """Stands for a fetched payload not in the cache, when the loader was asked to go on (lint only)."""

    file: str
    sha256: str


@dataclass(frozen=True, slots=True)
class TestVector:
    """One test with its group parameters merged into its inputs and payloads resolved."""

    id: int
    inputs: dict[str, Any]
    expected: dict[str, Any] | None
    result: str
    comment: str = ""
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class VectorSet:
    """A loaded vector set: the Recommendation's entry, the file's header and its tests."""

    entry: VectorSetEntry
    path: Path
    sha256: str
    header: tuple[str, ...]
    notes: dict[str, str]
    vectors: list[TestVector] = field(repr=False)
    payloads: dict[str, str] = field(default_factory=dict)  # file -> sha256, for reports
    document: dict[str, Any] = field(default_factory=dict, repr=False)  # the file as parsed

    @property
    def id(self) -> str:
        return self.entry.id


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inside(folder: Path, relative: str) -> Path | None:
    """Resolve ``relative`` under ``folder``; None when it (or a symlink on the way) leaves it.

    A path no system call accepts (a NUL, a name over 255 bytes, a lone surrogate) is None
    too: it cannot name a file there. The models refuse such paths first, located.
    """
    try:
        candidate = (folder / relative).resolve()
        candidate.relative_to(folder.resolve())
    except (ValueError, OSError):
        return None
    return candidate


def parse_vector_file(path: Path) -> tuple[dict[str, Any], bytes, str]:
    """Read a vector file and validate it against the published schema.

    Returns the document, its bytes and their sha256. Validation results are cached by hash.
    """
    document, raw = load_json(path)
    return document, raw, validate_vector_document(document, raw, path)


def parse_vector_bytes(raw: bytes, path: Path) -> dict[str, Any]:
    """Parse and validate the bytes of a vector file that ``path`` names (in diagnostics).

    For text that is not a file of the work tree, such as a git blob of an older revision.
    """
    document = parse_json(raw, path, "RB302")
    validate_vector_document(document, raw, path)
    return dict(document)


def validate_vector_document(document: Any, raw: bytes, path: Path) -> str:
    """Check a parsed vector file against the published schema; returns the sha256 of ``raw``."""
    digest = hashlib.sha256(raw).hexdigest()
    if known_valid(digest):
        return digest
    errors = sorted(vector_file_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        text = _text(raw)
        diagnostics = []
        for error in errors[:20]:
            where = list(error.absolute_path)
            line, column = json_location(text, where)
            diagnostics.append(Diagnostic(path, line, column, "RB302", f"{_path_words(where)}: {error.message}"))
        raise SpecError(diagnostics)
    remember_valid(digest)
    return digest


def count_vectors(entry: VectorSetEntry, folder: Path) -> int:
    """How many tests the vector file of ``entry`` holds, counted in its groups (for listings; not validated).

    Raise ``SpecError`` when the file cannot be read as JSON or has no groups of tests to count.
    """
    path = inside(folder, entry.file)
    if path is None:
        raise SpecError([Diagnostic(folder / entry.file, 1, 1, "RB600", "path leaves the Recommendation's folder")])
    document, _ = load_json(path)
    groups = document.get("groups") if isinstance(document, dict) else None
    if not isinstance(groups, list) or not all(
            isinstance(group, dict) and isinstance(group.get("tests"), list) for group in groups):
        raise SpecError([Diagnostic(path, 1, 1, "RB302", "no groups of tests to count")])
    return sum(len(group["tests"]) for group in groups)


def vector_counts(entries: Sequence[VectorSetEntry], folder: Path) -> dict[str, int | None]:
    """Tests per vector set (None for a file that cannot be counted), for ``show``."""
    counts: dict[str, int | None] = {}
    for entry in entries:
        try:
            counts[entry.id] = count_vectors(entry, folder)
        except SpecError:
            counts[entry.id] = None
    return counts


def _text(raw: bytes) -> str:
    """The text of a vector file ``load_json`` accepted (so UTF-8, perhaps after a BOM)."""
    return raw.decode("utf-8-sig")


def _path_words(loc: list[Any]) -> str:
    words = ""
    for step in loc:
        words += f"[{step}]" if isinstance(step, int) else (f".{step}" if words else str(step))
    return words or "file"


def _dotted(loc: list[str | int]) -> str:
    return ".".join(str(step) for step in loc) or "payload"


def decode_payload(data: bytes, payload_format: str) -> list[int] | bytes:
    """Decode a payload's bytes by its declared format."""
    if payload_format == "raw":
        return data
    if payload_format == "uint8":
        return list(data)
    if len(data) % 2:
        raise ValueError(f"{len(data)} bytes is not a whole number of 16-bit words")
    code = "h" if payload_format == "int16le" else "H"
    return list(struct.unpack(f"<{len(data) // 2}{code}", data))


def payload_files(document: dict[str, Any]) -> dict[str, str]:
    """The payload files a validated vector file references (relative to its folder) -> declared sha256.

    The same places ``load_vector_set`` resolves: group parameters, test inputs and expected
    outputs whose value is a ``{"file": ...}`` reference.
    """
    found: dict[str, str] = {}
    for group in document["groups"]:
        places = [group.get("parameters", {})]
        for test in group["tests"]:
            places += [test.get("input", {}), test.get("expected") or {}]
        for values in places:
            for value in values.values():
                if isinstance(value, dict) and isinstance(value.get("file"), str):
                    found[value["file"]] = str(value.get("sha256", ""))
    return found


def load_vector_set(
    entry: VectorSetEntry, folder: Path, *, check_hash: bool = True, absent_fetched_ok: bool = False
) -> VectorSet:
    """Load the vector set ``entry`` of the Recommendation in ``folder``, resolving payloads.

    A fetched payload not in the cache is an error (RB307) naming the command that gets it,
    unless ``absent_fetched_ok`` (for lint, which checks the repository, not this machine's
    cache): then its values are a ``NotFetched``.
    """
    path = inside(folder, entry.file)
    if path is None:
        raise SpecError([Diagnostic(folder / entry.file, 1, 1, "RB600", "path leaves the Recommendation's folder")])
    document, raw, digest = parse_vector_file(path)
    if check_hash and digest != entry.sha256:
        says = f"says {entry.sha256}" if entry.sha256 is not None else "gives none"
        raise SpecError([Diagnostic(
            path, 1, 1, "RB301", f"sha256 is {digest}, the Recommendation {says} (`recbench lint --fix` updates it)")])
    payloads: dict[str, str] = {}
    decoded: dict[tuple[str, str], list[int] | bytes | NotFetched] = {}
    fetching = _Fetching(entry, str(document["recommendation"]), absent_fetched_ok)

    def resolve(values: dict[str, Any], where: tuple[Any, ...]) -> dict[str, Any]:
        if not any(isinstance(value, dict) for value in values.values()):
            return values
        resolved = dict(values)
        for name, value in values.items():
            if isinstance(value, dict) and "file" in value:
                resolved[name] = _resolve_payload(
                    path, raw, folder, value, (*where, name), decoded, payloads, fetching)
        return resolved

    vectors: list[TestVector] = []
    seen: set[int] = set()
    for g, group in enumerate(document["groups"]):
        shared = resolve(group.get("parameters", {}), ("groups", g, "parameters"))
        for t, test in enumerate(group["tests"]):
            where = ("groups", g, "tests", t)
            test_id = test["id"]
            if test_id in seen:
                line, column = json_location(_text(raw), [*where, "id"])
                raise SpecError([Diagnostic(path, line, column, "RB305", f"duplicate test id {test_id}")])
            seen.add(test_id)
            inputs = {**shared, **resolve(test.get("input", {}), (*where, "input"))}
            expected = test.get("expected")
            if expected is not None:
                expected = resolve(expected, (*where, "expected"))
            vectors.append(
                TestVector(
                    test_id,
                    inputs,
                    expected,
                    test.get("result", "valid"),
                    test.get("comment", ""),
                    tuple(test.get("flags", ())),
                )
            )
    if len(vectors) != document["numberOfTests"]:
        raise SpecError(
            [
                Diagnostic(
                    path,
                    *json_location(_text(raw), ["numberOfTests"]),
                    "RB305",
                    f"numberOfTests is {document['numberOfTests']} but the file holds {len(vectors)} tests",
                )
            ]
        )
    return VectorSet(
        entry,
        path,
        digest,
        tuple(document.get("header", ())),
        dict(document.get("notes", {})),
        vectors,
        payloads,
        document,
    )


@dataclass(frozen=True, slots=True)
class _Fetching:
    """What payload resolution needs to know about fetched payloads."""

    entry: VectorSetEntry
    recommendation: str
    absent_ok: bool


def _resolve_payload(
    vector_path: Path,
    raw: bytes,
    folder: Path,
    value: dict[str, Any],
    where: tuple[Any, ...],
    decoded: dict[tuple[str, str], list[int] | bytes | NotFetched],
    payloads: dict[str, str],
    fetching: _Fetching,
) -> list[int] | bytes | NotFetched:
    def fail(code: str, message: str) -> SpecError:
        line, column = json_location(_text(raw), list(where))
        return SpecError([Diagnostic(vector_path, line, column, code, message)])

    try:
        reference = PayloadReference.model_validate(value)
    except ValidationError as error:
        first = located_diagnostics(error, _text(raw), vector_path, "RB304", prefix=where, words=_dotted)[0]
        code = "RB600" if "leave its folder" in first.message else "RB304"
        message = f"payload reference, field {first.message}"
        raise SpecError([Diagnostic(vector_path, first.line, first.column, code, message)]) from None
    key = (reference.file, reference.format)
    if key in decoded:
        return decoded[key]
    fetched = fetching.entry.fetched(reference.file)
    if fetched is not None:
        # the cache holds it under the pinned digest; the check below compares it with the reference's
        try:
            data = read_bounded(cached_path(fetched.sha256), MAX_PAYLOAD_BYTES)
        except SpecError:
            if fetching.absent_ok:
                decoded[key] = NotFetched(reference.file, reference.sha256)
                return decoded[key]
            raise fail("RB307", missing_payload(fetching.entry.id, fetching.recommendation, fetched)) from None
    else:
        data = _beside(vector_path, folder, reference.file, fail)
    digest = hashlib.sha256(data).hexdigest()
    if digest != reference.sha256:
        raise fail("RB304", f"payload {reference.file!r} has sha256 {digest}, expected {reference.sha256}")
    try:
        values = decode_payload(data, reference.format)
    except ValueError as error:
        raise fail("RB304", f"payload {reference.file!r}: {error}") from None
    payloads[reference.file] = digest
    decoded[key] = values
    return values


def _beside(vector_path: Path, folder: Path, relative: str, fail: Callable[[str, str], SpecError]) -> bytes:
    """The bytes of a payload kept in the repository, beside the vector file."""
    try:
        target: Path | None = (vector_path.parent / relative).resolve()
    except (ValueError, OSError):  # refused by the model already; a path no system call takes
        target = None
    if target is None or not target.is_relative_to(folder.resolve()):
        raise fail("RB600", f"payload {relative!r} leaves the Recommendation's folder")
    try:
        return read_bounded(target, MAX_PAYLOAD_BYTES)
    except SpecError:
        raise fail("RB304", f"payload {relative!r} not found") from None
