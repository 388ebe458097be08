"""``recbench lint``: schema errors plus semantic rules over Recommendations, each with a code.

Every code is registered, with its explanation, in ``conformance.codes``; lint reports the
RB1xx-RB6xx ones (RB7xx belong to the ICS, checked by the harness).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from conformance.codes import CODES
from conformance.errors import RecbenchError
from conformance.files import read_bounded
from conformance.spec.adapter_settings import PythonSettings
from conformance.spec.catalog import find_repository, linked_recommendation, load_catalog, recommendation_files
from conformance.spec.diagnostics import Diagnostic, SpecError
from conformance.spec.fetched import cached_path
from conformance.spec.fieldtypes import type_problem
from conformance.spec.loading import RECOMMENDATION_FILE, LoadedRecommendation, load_recommendation
from conformance.spec.model import (
    MANDATORY_LEVELS,
    FieldType,
    PathLocation,
    RecommendationReference,
    VectorSetEntry,
    is_sha256,
)
from conformance.spec.python_targets import look_up_target
from conformance.spec.source import MAX_JSON_BYTES, json_location
from conformance.spec.validation_cache import clean_types_digest, known_valid, remember_valid
from conformance.spec.vectors import NotFetched, VectorSet, inside, load_vector_set, payload_files

RULES = CODES  # the registry (conformance.codes) under the name lint has always exported
MAX_TYPE_FINDINGS = 10


@dataclass
class LintResult:
    """Findings of a lint run, the files looked at, and fixes applied."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    fixed: list[Diagnostic] = field(default_factory=list)
    #: Recommendation and vector files that could not be read as what they are (not only linted
    #: findings): nothing can run on them, so the CLI treats them as unusable input.
    unreadable: list[Path] = field(default_factory=list)


class UnusableInput(Exception):
    """The paths given to lint hold nothing it can check."""


def lint_paths(paths: Iterable[Path], *, fix: bool = False) -> LintResult:
    """Lint each Recommendation file or folder named, or every one under a repository root (with the
    root's ``studygroup.yaml``, when it has one); a ``studygroup.yaml`` may also be named."""
    # the progress package's import is light (its models): the file is that package's to read
    from conformance.progress.studygroup import STUDYGROUP_FILE

    files: list[Path] = []
    studygroups: list[Path] = []
    for path in paths:
        if path.name == STUDYGROUP_FILE and path.is_file():
            studygroups.append(path)
        elif path.is_file():
            files.append(path)
        elif (path / RECOMMENDATION_FILE).is_file():
            files.append(path / RECOMMENDATION_FILE)
        elif path.is_dir() and (found := _found_below(path)):
            files.extend(found)
            if (path / "recommendations").is_dir() and (path / STUDYGROUP_FILE).is_file():
                studygroups.append(path / STUDYGROUP_FILE)
        else:
            raise UnusableInput(f"{path}: no {RECOMMENDATION_FILE} here")
    result = LintResult(files=files)
    known_ids = _catalog_ids([*files, *studygroups])
    for path in studygroups:
        _lint_studygroup(path, known_ids, result)
    for path in files:
        linked = linked_recommendation(path)
        if linked is not None:
            result.diagnostics.append(linked)
            result.unreadable.append(path)
            continue
        try:
            loaded = load_recommendation(path)
        except SpecError as error:
            result.diagnostics.extend(error.diagnostics)
            result.unreadable.append(path)
            continue
        findings = list(lint_recommendation(loaded, known_ids))
        result.unreadable.extend(_unreadable_vector_files(loaded, findings))
        if fix:
            fixable = [item for item in findings if item.code == "RB301"]
            if fixable:
                apply_hash_fixes(loaded)
                result.fixed.extend(fixable)
                findings = list(lint_recommendation(load_recommendation(path), known_ids))
        result.diagnostics.extend(findings)
    result.diagnostics.sort()
    return result


def _lint_studygroup(path: Path, known_ids: set[str], result: LintResult) -> None:
    """The study group's data file, linted like a Recommendation (RB9xx)."""
    from conformance.progress.studygroup import lint_studygroup, load_studygroup

    try:
        loaded = load_studygroup(path)
    except RecbenchError as error:
        result.diagnostics.extend(error.diagnostics)
        result.unreadable.append(path)
        return
    result.diagnostics.extend(lint_studygroup(loaded, known_ids))


def _unreadable_vector_files(loaded: LoadedRecommendation, findings: list[Diagnostic]) -> list[Path]:
    """The vector files among ``findings`` that ``load_vector_set`` refused outright."""
    refused = {"RB302", "RB304"}
    vector_files = {(loaded.folder / entry.file).resolve() for entry in loaded.model.vector_sets}
    paths = {item.path.resolve() for item in findings if item.code in refused}
    return sorted(path for path in paths if path in vector_files)


def _found_below(path: Path) -> list[Path]:
    if (path / "recommendations").is_dir():
        return recommendation_files(path)
    return sorted(path.glob(f"*/{RECOMMENDATION_FILE}"))


def _catalog_ids(files: list[Path]) -> set[str]:
    ids: set[str] = set()
    roots = {find_repository(path.parent) for path in files}
    for root in roots:
        if root is not None:
            ids |= load_catalog(root).ids
    return ids


def lint_recommendation(loaded: LoadedRecommendation, known_ids: set[str]) -> Iterator[Diagnostic]:
    """Every semantic finding about one loaded Recommendation."""
    yield from _duplicate_ids(loaded)
    yield from _cross_references(loaded)
    yield from _uncovered_requirements(loaded)
    yield from _references(loaded, known_ids | {loaded.model.id})
    yield from _implementations(loaded)
    yield from _vector_files(loaded)


def _duplicate_ids(loaded: LoadedRecommendation) -> Iterator[Diagnostic]:
    model = loaded.model
    groups: dict[str, list[str]] = {
        "requirements": [item.id for item in model.requirements],
        "options": [item.id for item in model.options],
        "interfaces": [item.name for item in model.interfaces],
        "vector_sets": [item.id for item in model.vector_sets],
        "implementations": [item.name for item in model.implementations],
    }
    for section, ids in groups.items():
        counts = Counter(ids)
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if counts[item_id] > 1 and item_id in seen:
                key = "name" if section in ("interfaces", "implementations") else "id"
                yield loaded.diagnostic("RB200", f"duplicate id {item_id!r} in {section}", section, index, key)
            seen.add(item_id)


def _cross_references(loaded: LoadedRecommendation) -> Iterator[Diagnostic]:
    model = loaded.model
    requirements = {item.id for item in model.requirements}
    options = {item.id for item in model.options}
    interfaces = {item.name for item in model.interfaces}
    for index, entry in enumerate(model.vector_sets):
        if entry.interface not in interfaces:
            yield loaded.diagnostic(
                "RB203",
                f"vector set {entry.id!r} names unknown interface {entry.interface!r}",
                "vector_sets",
                index,
                "interface",
            )
        for position, requirement in enumerate(entry.covers):
            if requirement not in requirements:
                yield loaded.diagnostic(
                    "RB201",
                    f"vector set {entry.id!r} covers unknown requirement {requirement!r}",
                    "vector_sets",
                    index,
                    "covers",
                    position,
                )
        for position, option in enumerate(entry.requires):
            if option not in options:
                yield loaded.diagnostic(
                    "RB202",
                    f"vector set {entry.id!r} requires unknown option {option!r}",
                    "vector_sets",
                    index,
                    "requires",
                    position,
                )


def _uncovered_requirements(loaded: LoadedRecommendation) -> Iterator[Diagnostic]:
    covered = {requirement for entry in loaded.model.vector_sets for requirement in entry.covers}
    for index, requirement in enumerate(loaded.model.requirements):
        if (
            requirement.level in MANDATORY_LEVELS
            and requirement.verification == "test"
            and requirement.id not in covered
        ):
            yield loaded.diagnostic(
                "RB210",
                f"{requirement.level} requirement {requirement.id!r} is covered by no vector set",
                "requirements",
                index,
                "id",
            )


def _references(loaded: LoadedRecommendation, known_ids: set[str]) -> Iterator[Diagnostic]:
    base = loaded.model.base
    if base is not None and base not in known_ids:
        yield loaded.diagnostic(
            "RB401", f"base Recommendation {base!r} of this amendment or corrigendum is not in the catalogue", "base"
        )
    for index, reference in enumerate(loaded.model.references):
        if isinstance(reference, RecommendationReference) and reference.recommendation not in known_ids:
            yield loaded.diagnostic(
                "RB400",
                f"referenced Recommendation {reference.recommendation!r} is not in the catalogue "
                "(reference it as a document if it is kept elsewhere)",
                "references",
                index,
                "recommendation",
            )


def _implementations(loaded: LoadedRecommendation) -> Iterator[Diagnostic]:
    root = loaded.repository
    for index, implementation in enumerate(loaded.model.implementations):
        location = implementation.location
        if isinstance(location, PathLocation) and not (root / location.path).is_dir():
            yield loaded.diagnostic(
                "RB500",
                f"implementation {implementation.name!r}: path {location.path!r} does not exist",
                "implementations",
                index,
                "location",
                "path",
            )
        adapter = implementation.adapter
        if isinstance(adapter, PythonSettings):
            folders = [root, *(root / folder for folder in adapter.python_path)]
            found = look_up_target(adapter.target, folders)
            if found.missing is not None:
                yield loaded.diagnostic(
                    "RB502",
                    f"implementation {implementation.name!r}: target {adapter.target!r} cannot be imported: no "
                    f"{found.missing} in the repository, its python_path or the installed packages "
                    "(looked up without importing anything)",
                    "implementations", index, "adapter", "target")
        if implementation.lock is not None and not (root / implementation.lock).is_file():
            yield loaded.diagnostic(
                "RB501",
                f"implementation {implementation.name!r}: lock {implementation.lock!r} does not exist",
                "implementations",
                index,
                "lock",
            )


def _vector_files(loaded: LoadedRecommendation) -> Iterator[Diagnostic]:
    payloads: str | None = None
    for index, entry in enumerate(loaded.model.vector_sets):
        target = inside(loaded.folder, entry.file)
        if target is None:
            yield loaded.diagnostic(
                "RB600", f"vector file {entry.file!r} leaves the folder", "vector_sets", index, "file"
            )
            continue
        if not target.is_file():
            yield loaded.diagnostic("RB300", f"vector file {entry.file!r} not found", "vector_sets", index, "file")
            continue
        # A set found clean is not read again while its file, every other file of the folder (its
        # payloads), its entry, its interface and recbench are unchanged: reading the catalogue's
        # 215 vector files is most of what lint costs. Sets fetching payloads are always read.
        marker = None
        if entry.fetch is None:
            payloads = payloads or _folder_digest(loaded.folder)
            marker = _clean_set_marker(loaded, entry, target, payloads)
        if marker is not None and known_valid(marker):
            continue
        findings = list(_vector_file_findings(loaded, index, entry))
        yield from findings
        if marker is not None and not findings:
            remember_valid(marker)


def _clean_set_marker(loaded: LoadedRecommendation, entry: VectorSetEntry, target: Path, payloads: str) -> str | None:
    """The marker name for 'this set lints clean' at these contents, or None when the file cannot be read."""
    try:
        digest = hashlib.sha256(read_bounded(target, MAX_JSON_BYTES)).hexdigest()
    except RecbenchError:
        return None
    interface = loaded.model.interface(entry.interface)
    described = f"{loaded.model.id}\0{entry.model_dump_json()}\0{interface.model_dump_json() if interface else ''}"
    return clean_types_digest(f"set {digest} {payloads}", described)


def _folder_digest(folder: Path) -> str:
    """The sha256 of every file under ``folder`` but its YAML and JSON files: the payloads vector files use."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".json", ".yaml") or path.is_symlink() or not path.is_file():
            continue
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _vector_file_findings(loaded: LoadedRecommendation, index: int, entry: VectorSetEntry) -> Iterator[Diagnostic]:
    """Everything lint says about one set's vector file (the file exists inside the folder)."""
    try:
        # lint checks the repository: a payload fetched on demand need not be on this machine
        vector_set = load_vector_set(entry, loaded.folder, check_hash=False, absent_fetched_ok=True)
    except SpecError as error:
        yield from error.diagnostics
        return
    if vector_set.sha256 != entry.sha256:
        yield _hash_finding(loaded, index, entry, vector_set.sha256)
    yield from _vector_header(loaded, vector_set)
    yield from _vector_flags(vector_set)
    yield from _fetched_payloads(loaded, index, vector_set)
    interface = loaded.model.interface(entry.interface)
    absent = entry.fetch is not None and any(not cached_path(item.sha256).is_file() for item in entry.fetch.files)
    if interface is not None:
        # 277,000 values in the catalogue: checked once per file content and interface
        marker = clean_types_digest(vector_set.sha256, interface.model_dump_json())
        if known_valid(marker):
            return
        findings = list(_vector_types(vector_set, interface.inputs, interface.outputs))
        yield from findings
        if not findings and not absent:  # the values of a payload not fetched yet went unchecked
            remember_valid(marker)


def _fetched_payloads(loaded: LoadedRecommendation, index: int, vector_set: VectorSet) -> Iterator[Diagnostic]:
    """RB308: each payload fetched on demand must be one the vector file references, with the same sha256."""
    if vector_set.entry.fetch is None:
        return
    referenced = {PurePosixPath(name).as_posix(): digest for name, digest in payload_files(vector_set.document).items()}
    for number, item in enumerate(vector_set.entry.fetch.files):
        where = ("vector_sets", index, "fetch", "files", number)
        declared = referenced.get(PurePosixPath(item.file).as_posix())
        if declared is None:
            yield loaded.diagnostic(
                "RB308", f"vector set {vector_set.id!r}: fetched file {item.file!r} is not a payload of "
                f"{vector_set.entry.file}", *where, "file")
        elif declared != item.sha256:
            yield loaded.diagnostic(
                "RB308", f"vector set {vector_set.id!r}: fetched file {item.file!r} is pinned to sha256 "
                f"{item.sha256}, {vector_set.entry.file} references it with {declared}", *where, "sha256")


def _hash_finding(loaded: LoadedRecommendation, index: int, entry: VectorSetEntry, digest: str) -> Diagnostic:
    """RB301 for a missing, placeholder or wrong sha256: at the value, or at the entry's file when there is none."""
    if entry.sha256 is None:
        return loaded.diagnostic(
            "RB301", f"vector set {entry.id!r}: no sha256; that of {entry.file} is {digest}",
            "vector_sets", index, "file")
    what = "" if is_sha256(entry.sha256) else f"{entry.sha256!r} is no SHA-256 (64 lower-case hex digits); "
    return loaded.diagnostic(
        "RB301", f"vector set {entry.id!r}: {what}sha256 of {entry.file} is {digest}", "vector_sets", index, "sha256")


def _vector_header(loaded: LoadedRecommendation, vector_set: VectorSet) -> Iterator[Diagnostic]:
    document, entry = vector_set.document, vector_set.entry
    checks = (
        ("recommendation", loaded.model.id),
        ("vectorSet", entry.id),
        ("interface", entry.interface),
    )
    text: str | None = None
    for key, wanted in checks:
        if document.get(key) != wanted:
            text = text or vector_set.path.read_text("utf-8")
            line, column = json_location(text, [key])
            yield Diagnostic(
                vector_set.path,
                line,
                column,
                "RB305",
                f"{key} is {document.get(key)!r}, the Recommendation says {wanted!r}",
            )


def _vector_flags(vector_set: VectorSet) -> Iterator[Diagnostic]:
    # after Wycheproof: every flag is explained once in the notes, and an 'acceptable' test
    # needs a flag, since an ICS can only declare acceptable behaviour by flag
    explained = vector_set.notes.keys()
    text: str | None = None
    positions = [(g, t) for g, group in enumerate(vector_set.document["groups"]) for t in range(len(group["tests"]))]
    for vector, (g, t) in zip(vector_set.vectors, positions, strict=True):
        problems = [
            f"flag {flag!r} is not explained in the file's notes" for flag in vector.flags if flag not in explained
        ]
        if vector.result == "acceptable" and not vector.flags:
            problems.append("an 'acceptable' test needs a flag that an ICS can declare")
        for problem in problems:
            text = text or vector_set.path.read_text("utf-8")
            line, column = json_location(text, ["groups", g, "tests", t, "flags" if vector.flags else "result"])
            yield Diagnostic(vector_set.path, line, column, "RB306", f"test {vector.id}: {problem}")


def _vector_types(
    vector_set: VectorSet, inputs: dict[str, FieldType], outputs: dict[str, FieldType]
) -> Iterator[Diagnostic]:
    text: str | None = None
    found = 0
    positions = [(g, t) for g, group in enumerate(vector_set.document["groups"]) for t in range(len(group["tests"]))]
    for vector, (g, t) in zip(vector_set.vectors, positions, strict=True):
        problems: list[tuple[list[str | int], str]] = []
        if vector.result != "invalid":
            problems += _fields_problems(vector.inputs, inputs, "input")
            if vector.result == "valid" and vector.expected is None:
                problems.append((["expected"], "a valid test needs expected outputs"))
        if vector.expected is not None:
            problems += _fields_problems(vector.expected, outputs, "expected", partial=vector.result != "valid")
        for loc, message in problems:
            found += 1
            if found > MAX_TYPE_FINDINGS:
                continue
            text = text or vector_set.path.read_text("utf-8")
            line, column = json_location(text, ["groups", g, "tests", t, *loc])
            yield Diagnostic(vector_set.path, line, column, "RB303", f"test {vector.id}: {message}")
    if found > MAX_TYPE_FINDINGS:
        yield Diagnostic(vector_set.path, 1, 1, "RB303", f"{found - MAX_TYPE_FINDINGS} more type findings not shown")


def _fields_problems(
    values: dict[str, Any], declared: dict[str, FieldType], section: str, *, partial: bool = False
) -> list[tuple[list[str | int], str]]:
    problems: list[tuple[list[str | int], str]] = []
    for name in values.keys() - declared.keys():
        problems.append(([section, name], f"{section} {name!r} is not declared by the interface"))
    for name, field_type in declared.items():
        if name not in values:
            if not partial:
                problems.append(([section], f"{section} {name!r} is missing"))
            continue
        if isinstance(values[name], NotFetched):  # its bytes are checked once fetched, when the set loads
            continue
        problem = type_problem(
            field_type.type,
            values[name],
            values=field_type.values,
            minimum=field_type.minimum,
            maximum=field_type.maximum,
        )
        if problem:
            problems.append(([section, name], f"{section} {name!r}: {problem}"))
    return problems


def apply_hash_fixes(loaded: LoadedRecommendation) -> int:
    """Write each vector set's sha256 in place, touching nothing else in the file.

    A wrong value, a placeholder (``<hex of the JSON file>``, ``"0000"``) and a missing field are
    all filled: the value is replaced where it stands; a missing field is added after ``file``
    (on a line of its own in a block mapping, before the next key in a flow mapping). Positions
    come from the round-trip YAML tree, so comments, order and formatting stay as the editor
    wrote them. The file is replaced atomically.
    """
    lines = loaded.path.read_text("utf-8").splitlines(keepends=True)
    edits: list[tuple[int, int, int, str]] = []  # line, start, end, new text
    for index, entry in enumerate(loaded.model.vector_sets):
        target = inside(loaded.folder, entry.file)
        if target is None or not target.is_file():
            continue
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
        if digest == entry.sha256:
            continue
        node = loaded.document["vector_sets"][index]
        flow = node.fa.flow_style()
        if "sha256" in node:
            line, column = node.lc.value("sha256")
            end = _scalar_end(lines[line], column, flow)
            written = lines[line][column]
            quote = written if written in "\"'" else ('"' if re.fullmatch(r"[0-9]+(e[0-9]+)?", digest) else "")
            edits.append((line, column, end, f"{quote}{digest}{quote}"))
            continue
        line, column = node.lc.value("file")
        end = _scalar_end(lines[line], column, flow)
        if flow:
            edits.append((line, end, end, f', sha256: "{digest}"'))
        else:
            key_column = node.lc.key("file")[1]
            edits.append((line + 1, 0, 0, " " * key_column + f'sha256: "{digest}"\n'))
    for line, start, end, text in sorted(edits, reverse=True):  # from the end: earlier positions stay valid
        if line == len(lines):
            lines.append("")
        elif start == 0 and end == 0 and not lines[line - 1].endswith("\n"):
            lines[line - 1] += "\n"
        lines[line] = lines[line][:start] + text + lines[line][end:]
    if edits:
        temporary = loaded.path.with_name(f".{loaded.path.name}.tmp")
        temporary.write_text("".join(lines), encoding="utf-8")
        os.replace(temporary, loaded.path)
    return len(edits)


def _scalar_end(text: str, column: int, flow: bool) -> int:
    """Where the scalar starting at ``column`` of ``text`` ends (quoted, or plain up to a comment or separator)."""
    quote = text[column] if column < len(text) else ""
    if quote == '"':
        position = column + 1
        while position < len(text) and text[position] != '"':
            position += 2 if text[position] == "\\" else 1
        return min(position + 1, len(text))
    if quote == "'":
        position = column + 1
        while position < len(text):
            if text[position] == "'" and text[position + 1 : position + 2] != "'":
                return position + 1
            position += 2 if text[position] == "'" else 1
        return len(text)
    end = len(text.rstrip("\r\n"))
    comment = text.find(" #", column)
    if comment != -1:
        end = min(end, comment)
    if flow:
        for separator in (",", "}", "]"):
            found = text.find(separator, column)
            if found != -1:
                end = min(end, found)
    return column + len(text[column:end].rstrip())
