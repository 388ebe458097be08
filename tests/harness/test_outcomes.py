"""The one rule turning a parsed answer into an outcome, and the published schema agreeing with it."""

from __future__ import annotations

from typing import Any

import pydantic
import pytest

from conformance.harness.outcomes import Broken, Output, Rejected, outcome_of
from conformance.harness.protocol import Response


def nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def test_each_key_has_its_outcome() -> None:
    assert outcome_of({"id": 1, "output": {"values": [1]}}) == Output({"values": [1]})
    assert outcome_of({"rejected": "too long"}) == Rejected("too long")
    assert outcome_of({"error": "oops"}) == Broken("the implementation reported an error: oops")


@pytest.mark.parametrize("keys", [("output", "rejected"), ("output", "error"), ("rejected", "error"),
                                  ("output", "rejected", "error")])
def test_more_than_one_key_is_a_protocol_violation(keys: tuple[str, ...]) -> None:
    answer = {"id": 1, **{key: {"output": {}, "rejected": "r", "error": "e"}[key] for key in keys}}
    outcome = outcome_of(answer)
    held = f"protocol violation: the answer holds {', '.join(keys)};"
    assert isinstance(outcome, Broken) and outcome.reason.startswith(held)
    with pytest.raises(pydantic.ValidationError):
        Response.model_validate(answer)  # the published schema says the same


def test_none_of_the_keys_or_no_object_is_a_protocol_violation() -> None:
    assert "holds none of output, rejected, error" in outcome_of({"id": 3}).reason  # type: ignore[union-attr]
    assert outcome_of([1]) == Broken("protocol violation: the answer is not a JSON object")


@pytest.mark.parametrize("depth", [40, 300, 900])
def test_an_answer_nested_too_deep_is_broken_before_anything_prints_it(depth: int) -> None:
    for answer in ({"output": {"values": nested(depth)}}, {"rejected": nested(depth)}, {"error": nested(depth)}):
        assert outcome_of(answer) == Broken("protocol violation: the answer nests deeper than 32 levels")


def test_texts_are_made_safe_and_output_values_left_alone() -> None:
    assert outcome_of({"rejected": "bad \ud800"}) == Rejected("bad \\ud800")
    assert outcome_of({"error": "\udfff"}) == Broken("the implementation reported an error: \\udfff")
    assert outcome_of({"rejected": ["\ud800", 3]}) == Rejected("['\\\\ud800', 3]")
    assert outcome_of({"output": {"values": ["\ud800"]}}) == Output({"values": ["\ud800"]})  # judged as given
