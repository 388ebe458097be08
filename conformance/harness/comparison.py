"""Comparing what an implementation provided with what a vector expects, by the output types.

Integer arrays and bytes must match exactly, and a difference is reported at its first
differing offset; floats match within the tolerance the interface declares (absolute or
relative, whichever is looser).
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from conformance.harness.values import BINARY_TYPES, as_bytes
from conformance.spec.fieldtypes import parse_array_type
from conformance.spec.model import FieldType, Tolerance
from conformance.text import to_plain

EXCERPT_ITEMS = 16  # items shown around a difference in a long array


@dataclass(frozen=True, slots=True)
class Mismatch:
    """Why a provided output does not match the expected one."""

    field: str
    reason: str
    offset: int | None = None  # first differing index of an array or byte string


def compare_outputs(
    outputs: Mapping[str, FieldType], expected: Mapping[str, Any], provided: Any
) -> Mismatch | None:
    """The first mismatch between ``provided`` and ``expected`` (fields in declaration order), or None."""
    if not isinstance(provided, Mapping):
        return Mismatch("", f"the implementation returned {_kind(provided)}, expected a mapping of outputs")
    for name, field in outputs.items():
        if name not in expected:
            continue  # a vector constrains only the outputs it names
        if name not in provided:
            return Mismatch(name, f"output {name!r} is missing")
        mismatch = compare_value(name, field, expected[name], provided[name])
        if mismatch is not None:
            return mismatch
    for name in expected:
        if name not in outputs and name not in provided:
            return Mismatch(name, f"output {name!r} is missing")
    return None


@cache
def _category(type_name: str) -> str:
    if type_name in BINARY_TYPES:
        return "bytes"
    if type_name == "float[]":
        return "floats"
    if parse_array_type(type_name) is not None:
        return "integers"
    return type_name


def compare_value(name: str, field: FieldType, expected: Any, provided: Any) -> Mismatch | None:
    """Compare one output value by its declared type."""
    kind = _category(field.type)
    if kind == "integers":
        if type(provided) is list and provided == expected and all(type(item) is int for item in provided):
            return None
        return _compare_integers(name, expected, provided)
    if kind == "bytes":
        return _compare_bytes(name, expected, provided)
    if kind == "floats":
        return _compare_floats(name, expected, provided, field.tolerance)
    if kind == "float":
        if not _is_number(provided):
            return Mismatch(name, f"{name}: expected a number, provided {_kind(provided)}")
        if _close(float(provided), float(expected), field.tolerance):
            return None
        tolerance = _tolerance_words(field.tolerance)
        return Mismatch(name, f"{name}: expected {expected!r}{tolerance}, provided {provided!r}")
    if kind == "int" and (type(provided) is not int):
        return Mismatch(name, f"{name}: expected the integer {expected!r}, provided {_kind(provided)}")
    if kind == "bool" and not isinstance(provided, bool):
        return Mismatch(name, f"{name}: expected {expected!r}, provided {_kind(provided)}")
    if provided == expected and type(provided) is type(expected):
        return None
    return Mismatch(name, f"{name}: expected {expected!r}, provided {provided!r}")


def as_integer_list(value: Any) -> list[Any] | None:
    """``value`` as a list when it is a sequence of integers (list, tuple, bytes, array), else None."""
    if type(value) is list:
        return value
    if isinstance(value, str | Mapping) or not hasattr(value, "__iter__"):
        return None
    try:
        return [operator.index(item) for item in value]
    except TypeError:
        return None


def _compare_integers(name: str, expected: Sequence[Any], provided: Any) -> Mismatch | None:
    values = as_integer_list(provided)
    if values is None:
        return Mismatch(name, f"{name}: expected a list of integers, provided {_kind(provided)}")
    if values == expected:
        for index, item in enumerate(values):
            if type(item) is not int:  # 1.0 == 1 in Python, but a float is not an integer output
                return Mismatch(name, f"{name}: item {index} is {_kind(item)}, expected an integer", index)
        return None
    return _first_difference(name, expected, values, "item")


def _compare_bytes(name: str, expected: Any, provided: Any) -> Mismatch | None:
    want = as_bytes(expected)
    got = as_bytes(provided)
    if got is None:
        return Mismatch(name, f"{name}: expected bytes, provided {_kind(provided)}")
    if want is None:
        return Mismatch(name, f"{name}: the vector's expected value is not bytes")
    if got == want:
        return None
    return _first_difference(name, want, got, "byte")


def _first_difference(name: str, expected: Sequence[Any], provided: Sequence[Any], unit: str) -> Mismatch:
    offset = next(
        (index for index, (want, got) in enumerate(zip(expected, provided, strict=False)) if want != got),
        min(len(expected), len(provided)),
    )
    lengths = f"length {len(expected)}" if len(expected) == len(provided) else (
        f"lengths: expected {len(expected)}, provided {len(provided)}"
    )
    if offset < len(expected) and offset < len(provided):
        show = (lambda v: f"0x{v:02x}") if unit == "byte" else repr
        detail = f"expected {show(expected[offset])}, provided {show(provided[offset])}"
    elif offset >= len(provided):
        detail = "provided ends there"
    else:
        detail = "provided has extra items from there"
    return Mismatch(name, f"{name}: first differing {unit} at offset {offset}: {detail} ({lengths})", offset)


def _compare_floats(
    name: str, expected: Sequence[Any], provided: Any, tolerance: Tolerance | None
) -> Mismatch | None:
    if not isinstance(provided, list | tuple):
        return Mismatch(name, f"{name}: expected a list of numbers, provided {_kind(provided)}")
    for index, (want, got) in enumerate(zip(expected, provided, strict=False)):
        if not _is_number(got):
            return Mismatch(name, f"{name}: item {index} is {_kind(got)}, expected a number", index)
        if not _close(float(got), float(want), tolerance):
            return Mismatch(
                name,
                f"{name}: first item out of tolerance at offset {index}: expected {want!r}"
                f"{_tolerance_words(tolerance)}, provided {got!r}",
                index,
            )
    if len(expected) != len(provided):
        return _first_difference(name, expected, provided, "item")
    return None


def largest_deviation(
    outputs: Mapping[str, FieldType], expected: Mapping[str, Any], provided: Any
) -> tuple[str, int | None, float] | None:
    """Among the outputs compared within a tolerance: the output, offset (None for a scalar) and
    size of the largest |provided - expected|; None when no such output was compared."""
    if not isinstance(provided, Mapping):
        return None
    largest: tuple[str, int | None, float] | None = None
    for name, field in outputs.items():
        if field.tolerance is None or name not in expected or name not in provided:
            continue
        kind, want, got = _category(field.type), expected[name], provided[name]
        if kind == "floats" and isinstance(want, list | tuple) and isinstance(got, list | tuple):
            # over the common length: a length difference is the comparison's finding, not a deviation
            pairs: list[tuple[int | None, Any, Any]] = [
                (i, w, g) for i, (w, g) in enumerate(zip(want, got, strict=False))]
        elif kind == "float":
            pairs = [(None, want, got)]
        else:
            continue
        for offset, w, g in pairs:
            if _is_number(w) and _is_number(g):
                deviation = abs(float(g) - float(w))
                if not math.isnan(deviation) and (largest is None or deviation > largest[2]):
                    largest = (name, offset, deviation)
    return largest


def _close(got: float, want: float, tolerance: Tolerance | None) -> bool:
    if got == want:
        return True
    if tolerance is None or math.isnan(got) or math.isnan(want):
        return False
    difference = abs(got - want)
    return difference <= tolerance.abs or difference <= tolerance.rel * abs(want)


def _tolerance_words(tolerance: Tolerance | None) -> str:
    words = tolerance_words(tolerance)
    return f" (tolerance {words})" if words else ""


def tolerance_words(tolerance: Tolerance | None) -> str:
    """A tolerance as words, e.g. 'abs 1 or rel 1e-06'; empty for none."""
    if tolerance is None or (tolerance.abs == 0 and tolerance.rel == 0):
        return ""
    parts = [f"abs {tolerance.abs:g}"] if tolerance.abs else []
    parts += [f"rel {tolerance.rel:g}"] if tolerance.rel else []
    return " or ".join(parts)


def _is_number(value: Any) -> bool:
    return type(value) is int or type(value) is float


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, bytes | bytearray):
        return f"{len(value)} bytes"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} items"
    if isinstance(value, Mapping):
        return "a mapping"
    return f"a {type(value).__name__}"


def excerpt(values: Mapping[str, Any] | None, mismatch: Mismatch | None = None) -> dict[str, Any] | None:
    """A report-sized copy of ``values``: bytes as hex, long arrays cut to a window at the difference."""
    if values is None:
        return None
    shown: dict[str, Any] = {}
    for name, value in values.items():
        offset = mismatch.offset if mismatch is not None and mismatch.field == name else None
        shown[str(name)] = _excerpt_value(value, offset)
    return shown


def excerpt_inputs(
    inputs: Mapping[str, Any], mismatch: Mismatch | None, expected: Mapping[str, Any] | None
) -> dict[str, Any] | None:
    """``inputs`` report-sized, long arrays cut at the place that corresponds to the difference.

    The place is proportional: a codec's k-th output sample comes from about the same fraction
    of its input (G.722 encodes two samples per code), so the window shows the input that
    produced the differing output.
    """
    offset = mismatch.offset if mismatch is not None else None
    wanted = expected.get(mismatch.field) if mismatch is not None and expected is not None else None
    length = _length(wanted)
    shown: dict[str, Any] = {}
    for name, value in inputs.items():
        at = None
        if offset is not None and length:
            at = offset * (_length(value) or 0) // length
        shown[str(name)] = _excerpt_value(value, at)
    return shown


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, list | tuple | bytes | bytearray | memoryview) else None


def _excerpt_value(value: Any, offset: int | None) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        if len(data) <= EXCERPT_ITEMS * 4:
            return data.hex()
        start = _window_start(offset, len(data))
        return {"length": len(data), "start": start, "hex": data[start:start + EXCERPT_ITEMS * 2].hex()}
    if isinstance(value, list | tuple):
        if len(value) <= EXCERPT_ITEMS * 2:
            return to_plain(value)
        start = _window_start(offset, len(value))
        return {"length": len(value), "start": start, "items": to_plain(value[start:start + EXCERPT_ITEMS])}
    if isinstance(value, str) and len(value) > 256:
        return value[:256] + "…"
    return to_plain(value)


def _window_start(offset: int | None, length: int) -> int:
    if offset is None:
        return 0
    return max(0, min(offset - EXCERPT_ITEMS // 4, length - 1))
