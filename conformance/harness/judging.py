"""The verdict rules: what one vector's outcome means, as a pure function (``judge``).

Given the vector (its inputs, expectation and flags), what the adapter brought back and the
interface's output types, ``judge`` says pass, fail, inconclusive, error or not applicable,
and why. It never raises: whatever an implementation answered, nested however deep, ends as a
judgement of that one vector.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from conformance.harness.comparison import Mismatch, compare_outputs, largest_deviation
from conformance.harness.outcomes import Broken, Outcome, Output, Rejected
from conformance.reports.verdicts import Verdict
from conformance.spec.fieldtypes import parse_array_type
from conformance.spec.model import FieldType, Interface
from conformance.spec.vectors import TestVector
from conformance.text import MAX_DEPTH, depth_exceeds

ACCEPTED_INVALID = "accepted an input that must be rejected"
TOO_DEEP = f"protocol violation: the answer nests deeper than {MAX_DEPTH} levels"


@dataclass(frozen=True, slots=True)
class Judgement:
    """A vector's verdict, why, and (for a non-pass) what the implementation provided."""

    verdict: Verdict
    reason: str = ""
    provided: Any = None  # the output values, when they are worth showing
    mismatch: Mismatch | None = None
    deviation: tuple[str, int | None, float] | None = None  # largest one within a tolerance (output, offset, size)


PASSED = Judgement(Verdict.PASS)


def judge(
    vector: TestVector, outcome: Outcome, interface: Interface, declared_flags: frozenset[str] = frozenset()
) -> Judgement:
    """The judgement of ``vector`` given ``outcome``; ``declared_flags`` are the ICS's flags."""
    if isinstance(outcome, Broken):
        return Judgement(Verdict.ERROR, outcome.reason)
    if not isinstance(outcome, Output | Rejected):  # Unsendable: this adapter cannot express the input
        return Judgement(Verdict.NOT_APPLICABLE, outcome.reason)
    expectation = vector.result
    if (
        isinstance(outcome, Output) and vector.expected is not None and expectation == "valid"
        and _exact_match(interface.outputs, vector.expected, outcome.values)
    ):
        return PASSED
    if isinstance(outcome, Output) and depth_exceeds(outcome.values):
        return Judgement(Verdict.ERROR, TOO_DEEP)
    if expectation == "invalid":
        if isinstance(outcome, Rejected):
            return PASSED
        return Judgement(Verdict.FAIL, ACCEPTED_INVALID, outcome.values)
    if isinstance(outcome, Rejected):
        if expectation == "acceptable":
            return _acceptable(vector, declared_flags, f"rejected it ({outcome.reason})")
        return Judgement(Verdict.FAIL, f"rejected a valid input: {outcome.reason}")
    if vector.expected is None:
        return _acceptable(vector, declared_flags, "accepted it") if expectation == "acceptable" else PASSED
    try:
        mismatch = compare_outputs(interface.outputs, vector.expected, outcome.values)
    except (RecursionError, ValueError, TypeError, OverflowError) as problem:  # an answer no rule foresaw
        return Judgement(Verdict.ERROR, f"the answer cannot be compared: {type(problem).__name__}", outcome.values)
    deviation = largest_deviation(interface.outputs, vector.expected, outcome.values)
    if mismatch is not None:
        return Judgement(Verdict.FAIL, mismatch.reason, outcome.values, mismatch, deviation)
    if expectation == "acceptable":
        return _acceptable(vector, declared_flags, "accepted it with the expected output")
    return PASSED if deviation is None else Judgement(Verdict.PASS, deviation=deviation)


def _acceptable(vector: TestVector, declared_flags: frozenset[str], behaviour: str) -> Judgement:
    if declared_flags.intersection(vector.flags):
        return PASSED
    flags = ", ".join(vector.flags) or "none"
    return Judgement(
        Verdict.INCONCLUSIVE,
        f"acceptable vector: the implementation {behaviour}; either is allowed, and the ICS declares "
        f"none of its flags ({flags})",
    )


_KINDS: dict[int, tuple[Mapping[str, FieldType], dict[str, type]]] = {}  # by id(outputs); keeps outputs alive


def _exact_kinds(outputs: Mapping[str, FieldType]) -> dict[str, type]:
    """Per output name: int for integer arrays, str for strings and enums, the outputs an exact comparison settles."""
    found = _KINDS.get(id(outputs))
    if found is not None and found[0] is outputs:
        return found[1]
    kinds: dict[str, type] = {}
    for name, field in outputs.items():
        if parse_array_type(field.type) is not None:
            kinds[name] = int
        elif field.type in ("string", "enum"):
            kinds[name] = str
    if len(_KINDS) > 256:  # interfaces of many Recommendations in one process: start again
        _KINDS.clear()
    _KINDS[id(outputs)] = (outputs, kinds)
    return kinds


def _exact_match(outputs: Mapping[str, FieldType], expected: Mapping[str, Any], provided: Any) -> bool:
    """True when ``provided`` certainly matches: the fast path for plain lists of integers and
    strings; False sends the answer to ``compare_outputs``, which decides."""
    if type(provided) is not dict:
        return False
    kinds = _exact_kinds(outputs)
    for name, want in expected.items():
        kind = kinds.get(name)
        got = provided.get(name)
        if kind is int:
            if type(got) is not list or got != want:
                return False
            for item in got:
                if type(item) is not int:
                    return False
        elif kind is str:
            if type(got) is not str or got != want:
                return False
        else:
            return False
    return True
