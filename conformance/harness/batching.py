"""Joining vectors of ``batch: concatenate`` interfaces into one call, and splitting the answer.

An interface declared stateless over its array inputs may be called once with the arrays of
many vectors joined end to end, provided the vectors share every other input. The joined
answer is split back by each vector's expected output lengths. Only ``valid`` vectors with
expected outputs are joined; ``invalid`` and ``acceptable`` ones are always called alone.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from conformance.spec.fieldtypes import is_array_type
from conformance.spec.model import Interface
from conformance.spec.vectors import TestVector


@dataclass(frozen=True)
class JoinPlan:
    """The array inputs to join and the array outputs to split, for one interface."""

    array_inputs: tuple[str, ...]
    shared_inputs: tuple[str, ...]  # every other input: equal within a batch
    array_outputs: tuple[str, ...]
    integer_outputs: frozenset[str]


def join_plan(interface: Interface) -> JoinPlan | None:
    """The plan for an interface, or None when it does not allow joining."""
    if interface.batch != "concatenate":
        return None
    array_inputs = tuple(name for name, field in interface.inputs.items() if is_array_type(field.type))
    array_outputs = tuple(name for name, field in interface.outputs.items() if is_array_type(field.type))
    if not array_inputs or not array_outputs or len(array_outputs) != len(interface.outputs):
        return None
    shared = tuple(name for name in interface.inputs if name not in array_inputs)
    integers = frozenset(name for name in array_outputs if interface.outputs[name].type != "float[]")
    return JoinPlan(array_inputs, shared, array_outputs, integers)


@dataclass
class Batch:
    """Vectors (by position in the set) joined into one request."""

    positions: list[int]
    shared: tuple[tuple[str, Any], ...]


def partition(
    plan: JoinPlan | None, vectors: Sequence[TestVector], batch_size: int
) -> tuple[list[Batch], list[int]]:
    """Batches of joinable vectors and the positions of the vectors to call alone.

    Joinable: a ``valid`` vector with expected outputs, giving exactly the interface's inputs,
    lists for the array inputs and outputs, and hashable values for the others. This loop runs
    once per vector of every joinable set, so it is written for speed (no per-vector calls).
    """
    if plan is None or batch_size < 2:
        return [], list(range(len(vectors)))
    singles: list[int] = []
    groups: dict[Hashable, list[int]] = {}
    names = plan.shared_inputs
    shared_of: Callable[[Mapping[str, Any]], Any] = itemgetter(*names) if names else (lambda _: ())
    first_in, *more_in = plan.array_inputs
    first_out, *more_out = plan.array_outputs
    size = len(plan.array_inputs) + len(names)
    for position, vector in enumerate(vectors):
        expected = vector.expected
        inputs = vector.inputs
        if expected is not None and len(inputs) == size and vector.result == "valid":
            try:
                if type(inputs[first_in]) is list and type(expected[first_out]) is list and (
                    not more_in or all(type(inputs[name]) is list for name in more_in)
                ) and (not more_out or all(type(expected[name]) is list for name in more_out)):
                    key = shared_of(inputs)
                    group = groups.get(key)
                    if group is None:
                        groups[key] = [position]
                    else:
                        group.append(position)
                    continue
            except (KeyError, TypeError):  # an input missing, or a value that cannot be a key
                pass
        singles.append(position)
    batches: list[Batch] = []
    for key, positions in groups.items():
        values: tuple[Any, ...] = (key,) if len(names) == 1 else key  # type: ignore[assignment]
        shared = tuple(zip(names, values, strict=True))
        for start in range(0, len(positions), batch_size):
            chunk = positions[start:start + batch_size]
            if len(chunk) > 1:
                batches.append(Batch(chunk, shared))
            else:
                singles.extend(chunk)
    return batches, singles


def joined_request(plan: JoinPlan, batch: Batch, vectors: Sequence[TestVector]) -> dict[str, Any]:
    """The inputs of one call standing for every vector of ``batch``."""
    request: dict[str, Any] = dict(batch.shared)
    for name in plan.array_inputs:
        joined: list[Any] = []
        extend = joined.extend
        for position in batch.positions:
            extend(vectors[position].inputs[name])
        request[name] = joined
    return request


def joined_expected(plan: JoinPlan, batch: Batch, vectors: Sequence[TestVector]) -> dict[str, list[Any]]:
    """The expected outputs of ``batch`` joined the same way."""
    joined: dict[str, list[Any]] = {}
    for name in plan.array_outputs:
        values: list[Any] = []
        extend = values.extend
        for position in batch.positions:
            extend(vectors[position].expected[name])  # type: ignore[index]
        joined[name] = values
    return joined


def split_outputs(
    plan: JoinPlan, batch: Batch, vectors: Sequence[TestVector], provided: Mapping[str, list[Any]]
) -> Iterator[tuple[int, dict[str, list[Any]]]]:
    """Each vector's share of a joined answer, cut by its expected lengths (the totals must match)."""
    offsets = dict.fromkeys(plan.array_outputs, 0)
    for position in batch.positions:
        expected = vectors[position].expected
        assert expected is not None
        share: dict[str, list[Any]] = {}
        for name in plan.array_outputs:
            start = offsets[name]
            end = start + len(expected[name])
            share[name] = provided[name][start:end]
            offsets[name] = end
        yield position, share
