"""The verdict rules, called directly: every expectation against every kind of outcome."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.harness.judging import ACCEPTED_INVALID, TOO_DEEP, judge
from conformance.harness.outcomes import Broken, Output, Rejected, Unsendable
from conformance.reports.verdicts import Verdict
from conformance.spec.model import Interface
from conformance.spec.vectors import TestVector as Vector

NEGATE = Interface.model_validate({
    "name": "negate", "inputs": {"values": {"type": "int16[]"}}, "outputs": {"values": {"type": "int16[]"}}})
SCALE = Interface.model_validate({
    "name": "scale", "inputs": {"values": {"type": "float[]"}},
    "outputs": {"values": {"type": "float[]", "tolerance": {"abs": 0.5}}}})


def vector(result: str = "valid", expected: dict[str, Any] | None = None, flags: tuple[str, ...] = ()) -> Vector:
    return Vector(1, {"values": [1, 2]}, expected, result, "", flags)


VALID = vector(expected={"values": [-1, -2]})


def nested(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(("test", "outcome", "verdict", "reason"), [
    (VALID, Output({"values": [-1, -2]}), Verdict.PASS, ""),
    (VALID, Output({"values": [-1, 2]}), Verdict.FAIL, "item at offset 1"),
    (VALID, Output({"values": [-1.0, -2]}), Verdict.FAIL, "expected an integer"),
    (VALID, Output([1, 2]), Verdict.FAIL, "expected a mapping of outputs"),
    (VALID, Output({}), Verdict.FAIL, "missing"),
    (VALID, Rejected("no"), Verdict.FAIL, "rejected a valid input: no"),
    (VALID, Broken("crashed"), Verdict.ERROR, "crashed"),
    (VALID, Unsendable("too wide"), Verdict.NOT_APPLICABLE, "too wide"),
    (vector("invalid"), Rejected("no"), Verdict.PASS, ""),
    (vector("invalid"), Output({"values": []}), Verdict.FAIL, ACCEPTED_INVALID),
    (vector("acceptable", flags=("F",)), Rejected("no"), Verdict.INCONCLUSIVE, "declares none of its flags (F)"),
    (vector("acceptable", flags=("F",)), Output({}), Verdict.INCONCLUSIVE, "accepted it"),
    (VALID, Output({"values": nested(900)}), Verdict.ERROR, TOO_DEEP),
    (VALID, Output({"values": [nested(40)]}), Verdict.ERROR, TOO_DEEP),
    (VALID, Output({"values": ["\ud800", -2]}), Verdict.FAIL, "item at offset 0"),
])
def test_verdict_rules(test: Vector, outcome: Any, verdict: Verdict, reason: str) -> None:
    judgement = judge(test, outcome, NEGATE)
    assert judgement.verdict is verdict
    assert reason in judgement.reason


def test_a_declared_flag_turns_acceptable_into_pass() -> None:
    acceptable = vector("acceptable", flags=("F",))
    assert judge(acceptable, Rejected("no"), NEGATE, frozenset({"F"})).verdict is Verdict.PASS
    assert judge(acceptable, Rejected("no"), NEGATE, frozenset({"G"})).verdict is Verdict.INCONCLUSIVE


def test_floats_are_judged_within_the_tolerance() -> None:
    test = vector(expected={"values": [1.0]})
    assert judge(test, Output({"values": [1.4]}), SCALE).verdict is Verdict.PASS
    failed = judge(test, Output({"values": [1.6]}), SCALE)
    assert failed.verdict is Verdict.FAIL and failed.mismatch is not None and failed.mismatch.offset == 0


def test_odd_answers_never_raise() -> None:
    for values in (None, 7, "text", b"\x00", float("nan"), {"values": float("inf")}, {"values": {"a": [1]}},
                   {"values": [10**400]}, {"values": [[]] * 3}, {1: 2}):
        assert judge(VALID, Output(values), NEGATE).verdict in (Verdict.FAIL, Verdict.ERROR)
