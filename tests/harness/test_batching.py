"""Joining vectors into batches and splitting answers."""

from __future__ import annotations

from conformance.harness.batching import join_plan, joined_expected, joined_request, partition, split_outputs
from conformance.spec import vectors as vector_files
from conformance.spec.model import FieldType, Interface

ENCODE = Interface(
    name="encode", batch="concatenate",
    inputs={"law": FieldType(type="enum", values=["A", "mu"]), "samples": FieldType(type="int16[]")},
    outputs={"codes": FieldType(type="uint8[]")},
)


def vector(number: int, law: str, samples: list[int], result: str = "valid") -> vector_files.TestVector:
    expected = {"codes": [s % 256 for s in samples]} if result != "invalid" else None
    return vector_files.TestVector(number, {"law": law, "samples": samples}, expected, result)


def test_plan_needs_concatenate_and_array_outputs() -> None:
    plan = join_plan(ENCODE)
    assert plan is not None and plan.array_inputs == ("samples",) and plan.shared_inputs == ("law",)
    assert join_plan(ENCODE.model_copy(update={"batch": "none"})) is None
    scalar_out = ENCODE.model_copy(update={"outputs": {"n": FieldType(type="int")}})
    assert join_plan(scalar_out) is None


def test_partition_groups_by_shared_inputs_and_keeps_special_vectors_alone() -> None:
    vectors = [
        vector(1, "A", [1]), vector(2, "mu", [2]), vector(3, "A", [3, 4]), vector(4, "A", [40000], "invalid"),
        vector(5, "A", [5], "acceptable"), vector(6, "mu", [6]), vector(7, "A", [7]),
        vector_files.TestVector(8, {"law": "A", "samples": "not a list"}, {"codes": [1]}, "valid"),
    ]
    plan = join_plan(ENCODE)
    batches, singles = partition(plan, vectors, batch_size=2)
    assert [(batch.positions, batch.shared) for batch in batches] == [
        ([0, 2], (("law", "A"),)), ([1, 5], (("law", "mu"),)),
    ]
    assert sorted(singles) == [3, 4, 6, 7]  # invalid, acceptable, the odd one left over, a malformed one
    assert partition(None, vectors, 100) == ([], list(range(8)))


def test_join_and_split_round_trip() -> None:
    vectors = [vector(1, "A", [1, 2]), vector(2, "A", []), vector(3, "A", [3])]
    plan = join_plan(ENCODE)
    assert plan is not None
    [batch], _ = partition(plan, vectors, batch_size=10)
    assert joined_request(plan, batch, vectors) == {"law": "A", "samples": [1, 2, 3]}
    assert joined_expected(plan, batch, vectors) == {"codes": [1, 2, 3]}
    shares = list(split_outputs(plan, batch, vectors, {"codes": [10, 20, 30]}))
    assert shares == [(0, {"codes": [10, 20]}), (1, {"codes": []}), (2, {"codes": [30]})]
