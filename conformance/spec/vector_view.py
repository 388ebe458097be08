"""What ``recbench vectors show`` tells: a vector set's summary, or one vector in full.

A failing vector in a report is cut to a readable size; this is the full value a command away.
Both views are plain JSON-ready mappings (bytes as hex), so the text and JSON outputs cannot
disagree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from conformance.errors import RecbenchError
from conformance.spec.loading import LoadedRecommendation
from conformance.spec.model import VectorSetEntry
from conformance.spec.vectors import TestVector, VectorSet, load_vector_set
from conformance.text import to_plain


class NoSuchVector(RecbenchError):
    """The set or the test id asked for is not in the Recommendation."""


@dataclass(frozen=True)
class VectorReference:
    """``SET`` or ``SET/N`` as typed on the command line."""

    set_id: str
    test_id: int | None

    @classmethod
    def parse(cls, text: str) -> VectorReference:
        """``alaw-encode-exhaustive/1025`` -> (set, 1025); a set alone -> (set, None)."""
        set_id, slash, test = text.strip().partition("/")
        if not set_id or (slash and not test.isdigit()):
            raise NoSuchVector(f"{text!r} is not SET or SET/N (N a test id)")
        return cls(set_id, int(test) if slash else None)


def find_entry(loaded: LoadedRecommendation, set_id: str) -> VectorSetEntry:
    """The vector-set entry ``set_id`` of ``loaded``, or ``NoSuchVector`` naming the sets there are."""
    for entry in loaded.model.vector_sets:
        if entry.id == set_id:
            return entry
    known = ", ".join(entry.id for entry in loaded.model.vector_sets) or "none"
    raise NoSuchVector(f"{loaded.model.id} has no vector set {set_id!r} (its sets: {known})")


def set_summary(loaded: LoadedRecommendation, vector_set: VectorSet) -> dict[str, Any]:
    """The set's entry, file and what its tests hold, without the tests themselves."""
    entry = vector_set.entry
    vectors = vector_set.vectors
    flags = Counter(flag for vector in vectors for flag in vector.flags)
    return {
        "recommendation": loaded.model.id,
        "set": entry.id,
        "interface": entry.interface,
        "description": entry.description,
        "covers": list(entry.covers),
        "requires": list(entry.requires),
        "file": entry.file,
        "sha256": vector_set.sha256,
        "payloads": dict(vector_set.payloads),
        "provenance": entry.provenance.model_dump(mode="json", exclude_none=True),
        "tests": len(vectors),
        "test_ids": _id_ranges([vector.id for vector in vectors]),
        "results": dict(Counter(vector.result for vector in vectors)),
        "flags": {flag: {"count": count, "meaning": vector_set.notes.get(flag, "")} for flag, count in flags.items()},
        "header": list(vector_set.header),
    }


def vector_detail(loaded: LoadedRecommendation, vector_set: VectorSet, test_id: int) -> dict[str, Any]:
    """One vector of the set in full: inputs (group parameters merged), expected outputs, result, flags."""
    vector = _vector(vector_set, test_id)
    return {
        "recommendation": loaded.model.id,
        "set": vector_set.id,
        "interface": vector_set.entry.interface,
        "id": vector.id,
        "result": vector.result,
        "comment": vector.comment,
        "flags": {flag: vector_set.notes.get(flag, "") for flag in vector.flags},
        "inputs": to_plain(vector.inputs),
        "expected": to_plain(vector.expected),
    }


def load_for_view(loaded: LoadedRecommendation, reference: VectorReference) -> VectorSet:
    """The set ``reference`` names, loaded (its file checked against the entry's sha256)."""
    return load_vector_set(find_entry(loaded, reference.set_id), loaded.folder)


def _vector(vector_set: VectorSet, test_id: int) -> TestVector:
    for vector in vector_set.vectors:
        if vector.id == test_id:
            return vector
    ranges = ", ".join(_id_ranges([vector.id for vector in vector_set.vectors])[:5])
    raise NoSuchVector(f"vector set {vector_set.id!r} has no test {test_id} (its ids: {ranges or 'none'})")


def _id_ranges(ids: list[int]) -> list[str]:
    """``[1, 2, 3, 7]`` -> ``["1-3", "7"]``."""
    ranges: list[str] = []
    start = previous = None
    for number in sorted(ids):
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            ranges.append(f"{start}-{previous}" if previous != start else str(start))
        start = previous = number
    if start is not None:
        ranges.append(f"{start}-{previous}" if previous != start else str(start))
    return ranges


__all__ = [
    "NoSuchVector",
    "VectorReference",
    "find_entry",
    "load_for_view",
    "set_summary",
    "vector_detail",
]
