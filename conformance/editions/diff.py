"""The semantic diff of two versions of one Recommendation: what changed as requirements and vectors.

Both versions are read through a ``Revision`` (a git commit's objects, or the work tree), with the
same loaders as everything else. The diff says which metadata changed; which requirements were
added, removed, reworded (whitespace aside, since YAML folds text), or changed level, a rise
in strength (``should`` → ``shall``) marked; which options and interfaces changed (an input's or
output's type); which vector sets were added, removed or changed, and for a changed vector file
which test ids were added, removed, or changed their expectation (expected outputs, result or
flags). A test id that names different inputs in the two versions has been reused for another
test: implementers who pinned the id would silently compare against something else, so it is a
finding. ``invalidated_results`` says which stored conformance results no longer hold.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from conformance.editions.revisions import (
    Revision,
    WorkTree,
    at_revision,
    find_at,
    load_at,
    locate_recommendation,
    repository_path,
)
from conformance.errors import RecbenchError
from conformance.harness.store import ResultsStore
from conformance.spec.model import FieldType, Interface, Level, Recommendation, VectorSetEntry
from conformance.spec.source import MAX_JSON_BYTES
from conformance.spec.vectors import parse_vector_bytes

ItemStatus = Literal["added", "removed", "changed"]

#: How binding a level is: a change to a higher number strengthens the requirement.
STRENGTH: dict[str, int] = {
    Level.MAY.value: 1,
    Level.SHOULD.value: 2,
    Level.SHOULD_NOT.value: 2,
    Level.SHALL.value: 3,
    Level.SHALL_NOT.value: 3,
}

_METADATA = ("id", "title", "edition", "status", "study_group", "question", "editors", "keywords", "summary",
             "references")


@dataclass(frozen=True)
class Change:
    """One field that differs: its name, the value before and after (JSON-ready)."""

    field: str
    before: Any
    after: Any
    note: str | None = None  # 'strengthened' / 'weakened' for a requirement level


@dataclass(frozen=True)
class ItemDiff:
    """A requirement, option, interface or vector set that was added, removed or changed."""

    id: str
    status: ItemStatus
    changes: tuple[Change, ...] = ()
    detail: str | None = None  # what an added item is, or a removed one was ('shall, clause 2: ...')

    def change(self, name: str) -> Change | None:
        """The change of field ``name``, if it changed."""
        return next((item for item in self.changes if item.field == name), None)


@dataclass(frozen=True)
class VectorFileDiff:
    """What changed inside the vector file of a set present in both versions."""

    set_id: str
    file_before: str
    file_after: str
    sha256_before: str | None
    sha256_after: str | None
    tests_before: int = 0
    tests_after: int = 0
    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()
    expectation_changed: tuple[int, ...] = ()
    reused: tuple[int, ...] = ()  # same id, other inputs: a finding
    duplicated: tuple[int, ...] = ()  # ids given twice in the newer file: a finding
    problem: str | None = None  # a version of the file that could not be read


@dataclass(frozen=True)
class Finding:
    """Something the editor must fix before release, found by the diff."""

    kind: Literal["reused-test-id", "duplicate-test-id", "unreadable-vector-file"]
    set_id: str
    message: str


@dataclass(frozen=True)
class InvalidatedResult:
    """A stored conformance run whose results for some vector sets no longer hold."""

    run_id: int
    implementation: str
    version: str
    started: str
    sets: tuple[str, ...]


@dataclass(frozen=True)
class RecommendationDiff:
    """The semantic diff of ``before`` → ``after`` (labels say which revisions)."""

    recommendation: str
    before: str
    after: str
    metadata: tuple[Change, ...]
    requirements: tuple[ItemDiff, ...]
    options: tuple[ItemDiff, ...]
    interfaces: tuple[ItemDiff, ...]
    vector_sets: tuple[ItemDiff, ...]
    vector_files: tuple[VectorFileDiff, ...]
    findings: tuple[Finding, ...]
    invalidated: tuple[InvalidatedResult, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing differs."""
        return not (self.metadata or self.requirements or self.options or self.interfaces or self.vector_sets
                    or self.vector_files)


def diff_revisions(
    before: Revision, before_path: str, after: Revision, after_path: str, *, store: ResultsStore | None = None
) -> RecommendationDiff:
    """The diff of the ``recommendation.yaml`` at ``before_path`` in ``before`` and ``after_path`` in ``after``."""
    old = load_at(before, before_path).model
    new = load_at(after, after_path).model
    vector_files = tuple(
        _vector_file_diff(before, _beside(before_path, old_entry.file), old_entry,
                          after, _beside(after_path, new_entry.file), new_entry)
        for old_entry in old.vector_sets
        if (new_entry := new.vector_set(old_entry.id)) is not None and new_entry.sha256 != old_entry.sha256
    )
    vector_sets = _items(
        {item.id: item for item in old.vector_sets}, {item.id: item for item in new.vector_sets},
        _vector_set_changes,
        lambda entry: f"{entry.file}, interface {entry.interface}, covers {', '.join(entry.covers) or 'nothing'}",
    )
    changed = (*(item.id for item in vector_sets if item.status == "removed"), *(item.set_id for item in vector_files))
    return RecommendationDiff(
        recommendation=new.id,
        before=before.label,
        after=after.label,
        metadata=_metadata(old, new),
        requirements=_items(
            {item.id: item.model_dump() for item in old.requirements},
            {item.id: item.model_dump() for item in new.requirements},
            _requirement_changes,
            lambda item: f"{item['level']}, clause {item['clause']}: {_normal(item['text'])}",
        ),
        options=_items(
            {item.id: item.model_dump() for item in old.options},
            {item.id: item.model_dump() for item in new.options},
            _plain_changes,
            lambda item: _normal(item["text"]),
        ),
        interfaces=_items(
            {item.name: item for item in old.interfaces}, {item.name: item for item in new.interfaces},
            _interface_changes,
            _signature,
        ),
        vector_sets=vector_sets,
        vector_files=vector_files,
        findings=tuple(_findings(vector_files)),
        invalidated=invalidated_results(store, new, changed) if store is not None else (),
    )


def diff_recommendation(
    root: Path, identifier: str, before: str, after: str | None = None, *, store: Path | None = None
) -> RecommendationDiff:
    """The diff of ``identifier`` from revision ``before`` to ``after`` (default: the work tree).

    Both versions are read from git objects (the work tree from disk); the Recommendation is
    looked up by id at each, so a moved folder is followed. ``store`` (a results store file)
    adds the stored results the change invalidates; a missing file means none.
    """
    repository, folder, full_id = locate_recommendation(root, identifier, after or "HEAD")
    try:
        prefix = repository_path(repository, root)
        name = folder.rsplit("/", 1)[-1]
        old = at_revision(repository, before)
        new: Revision = WorkTree(root) if after is None else at_revision(repository, after)
        old_path = find_at(old, full_id, folder=name, prefix=prefix)
        new_path = find_at(new, full_id, folder=name, prefix="" if after is None else prefix)
        for label, path in ((old.label, old_path), (new.label, new_path)):
            if path is None:
                raise RecbenchError(f"{full_id} is not in the repository at {label}")
        assert old_path is not None and new_path is not None
        if store is None or not store.is_file():
            return diff_revisions(old, old_path, new, new_path)
        try:
            with ResultsStore(store) as results:
                return diff_revisions(old, old_path, new, new_path, store=results)
        except (ValueError, sqlite3.DatabaseError) as error:
            raise RecbenchError(f"{store}: the results store cannot be read ({error})") from None
    finally:
        repository.close()


def _beside(recommendation_path: str, file: str) -> str:
    return (PurePosixPath(recommendation_path).parent / file).as_posix()


def _normal(text: Any) -> Any:
    """Text compared as words: YAML folding and re-wrapping are not rewording."""
    return " ".join(text.split()) if isinstance(text, str) else text


def _json_ready(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _metadata(old: Recommendation, new: Recommendation) -> tuple[Change, ...]:
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    return tuple(
        Change(name, before[name], after[name])
        for name in _METADATA
        if _normal(before[name]) != _normal(after[name])
    )


def _items(
    old: dict[str, Any], new: dict[str, Any], compare: Any, describe: Any = None
) -> tuple[ItemDiff, ...]:
    def detail(value: Any) -> str | None:
        return None if describe is None else str(describe(value))

    diffs = [ItemDiff(key, "removed", detail=detail(value)) for key, value in old.items() if key not in new]
    for key, value in new.items():
        if key not in old:
            diffs.append(ItemDiff(key, "added", detail=detail(value)))
            continue
        changes = tuple(compare(old[key], value))
        if changes:
            diffs.append(ItemDiff(key, "changed", changes))
    order: dict[str, int] = {}
    for key in [*new, *old]:  # the newer version's order, then what it no longer has
        order.setdefault(key, len(order))
    return tuple(sorted(diffs, key=lambda item: order[item.id]))


def _plain_changes(old: dict[str, Any], new: dict[str, Any]) -> Iterable[Change]:
    for name in new:
        if _normal(old.get(name)) != _normal(new.get(name)):
            yield Change(name, _json_ready(old.get(name)), _json_ready(new.get(name)))


def _requirement_changes(old: dict[str, Any], new: dict[str, Any]) -> Iterable[Change]:
    for change in _plain_changes(old, new):
        if change.field == "level":
            rise = STRENGTH[change.after] - STRENGTH[change.before]
            note = "strengthened" if rise > 0 else "weakened" if rise < 0 else None
            yield Change("level", change.before, change.after, note)
        else:
            yield change


def _type_text(field_type: FieldType) -> str:
    """A field's type with what constrains it: 'int16[]', 'enum [a, b]', 'int 0..255', 'float ±0.001'."""
    text = field_type.type
    if field_type.values is not None:
        text += f" [{', '.join(field_type.values)}]"
    if field_type.minimum is not None or field_type.maximum is not None:
        low = "" if field_type.minimum is None else field_type.minimum
        high = "" if field_type.maximum is None else field_type.maximum
        text += f" {low}..{high}"
    if field_type.tolerance is not None:
        text += f" ±abs {field_type.tolerance.abs:g} rel {field_type.tolerance.rel:g}"
    return text


def _signature(interface: Interface) -> str:
    def fields(section: dict[str, FieldType]) -> str:
        return ", ".join(f"{name}: {_type_text(field_type)}" for name, field_type in section.items())

    return f"({fields(interface.inputs)}) -> ({fields(interface.outputs)})"


def _interface_changes(old: Interface, new: Interface) -> Iterable[Change]:
    for section in ("inputs", "outputs"):
        before: dict[str, FieldType] = getattr(old, section)
        after: dict[str, FieldType] = getattr(new, section)
        for name in [*after, *(key for key in before if key not in after)]:
            was = _type_text(before[name]) if name in before else None
            now = _type_text(after[name]) if name in after else None
            if was != now:
                yield Change(f"{section}.{name}", was, now)
    if old.batch != new.batch:
        yield Change("batch", old.batch, new.batch)
    if _normal(old.description) != _normal(new.description):
        yield Change("description", old.description, new.description)


def _vector_set_changes(old: VectorSetEntry, new: VectorSetEntry) -> Iterable[Change]:
    yield from _plain_changes(old.model_dump(mode="json"), new.model_dump(mode="json"))


def _tests(document: dict[str, Any]) -> tuple[dict[int, tuple[str, str]], list[int]]:
    """Each test id → (its inputs, its expectation) as canonical JSON, and every id in file order."""
    found: dict[int, tuple[str, str]] = {}
    order: list[int] = []
    for group in document["groups"]:
        shared = group.get("parameters", {})
        for test in group["tests"]:
            inputs = json.dumps({**shared, **test.get("input", {})}, sort_keys=True)
            expectation = json.dumps(
                {"expected": test.get("expected"), "result": test.get("result", "valid"),
                 "flags": sorted(test.get("flags", []))},
                sort_keys=True,
            )
            order.append(test["id"])
            found.setdefault(test["id"], (inputs, expectation))
    return found, order


def _vector_file_diff(
    before: Revision, old_path: str, old: VectorSetEntry, after: Revision, new_path: str, new: VectorSetEntry
) -> VectorFileDiff:
    def heading(**found: Any) -> VectorFileDiff:
        return VectorFileDiff(new.id, old.file, new.file, old.sha256, new.sha256, **found)

    try:
        old_document = parse_vector_bytes(before.read(old_path, MAX_JSON_BYTES), before.where(old_path))
        new_document = parse_vector_bytes(after.read(new_path, MAX_JSON_BYTES), after.where(new_path))
    except RecbenchError as error:
        return heading(problem=error.lines[0])
    old_tests, old_order = _tests(old_document)
    new_tests, new_order = _tests(new_document)
    common = [test_id for test_id in new_tests if test_id in old_tests]
    return heading(
        tests_before=len(old_order),
        tests_after=len(new_order),
        added=tuple(sorted(test_id for test_id in new_tests if test_id not in old_tests)),
        removed=tuple(sorted(test_id for test_id in old_tests if test_id not in new_tests)),
        expectation_changed=tuple(sorted(
            test_id for test_id in common
            if old_tests[test_id][0] == new_tests[test_id][0] and old_tests[test_id][1] != new_tests[test_id][1]
        )),
        reused=tuple(sorted(test_id for test_id in common if old_tests[test_id][0] != new_tests[test_id][0])),
        duplicated=tuple(sorted(test_id for test_id, count in Counter(new_order).items() if count > 1)),
    )


def _findings(files: Sequence[VectorFileDiff]) -> Iterable[Finding]:
    for item in files:
        if item.problem is not None:
            yield Finding("unreadable-vector-file", item.set_id, item.problem)
        for test_id in item.reused:
            yield Finding(
                "reused-test-id", item.set_id,
                f"test id {test_id} of {item.set_id} now names other inputs: give the new test a new id",
            )
        for test_id in item.duplicated:
            yield Finding("duplicate-test-id", item.set_id, f"test id {test_id} is given twice in {item.file_after}")


def invalidated_results(
    store: ResultsStore, recommendation: Recommendation, changed: Sequence[str]
) -> tuple[InvalidatedResult, ...]:
    """The latest stored runs whose results for a changed (or removed) vector set came from other vectors.

    A run recorded after the change (its set's file hash is the new one) still holds.
    """
    if not changed:
        return ()
    now = {entry.id: entry.sha256 for entry in recommendation.vector_sets}
    found = []
    for run in store.matrix():
        if run.recommendation != recommendation.id:
            continue
        report = store.report(run.id)
        if report is None:
            continue
        stale = tuple(
            result.id for result in report.sets
            if result.id in changed and (result.source is None or result.source.sha256 != now.get(result.id))
            and result.verdict.value != "not-applicable"
        )
        if stale:
            found.append(InvalidatedResult(run.id, run.implementation, run.version, run.started, stale))
    return tuple(found)
