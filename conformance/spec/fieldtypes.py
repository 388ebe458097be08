"""The small type system of interface inputs and outputs, and checking values against it.

Type names: ``int``, ``bool``, ``string``, ``bytes``, ``enum``, ``float``, ``payload`` and arrays
``intN[]`` / ``uintN[]`` (N from 1 to 64) and ``float[]``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

SCALAR_TYPES = frozenset({"int", "bool", "string", "bytes", "enum", "float", "payload"})
_HEX = re.compile(r"(?:[0-9a-fA-F]{2})*")
_ARRAY = re.compile(r"^(?P<kind>u?int)(?P<bits>[1-9][0-9]?)\[\]$")


@dataclass(frozen=True)
class ArrayType:
    """An integer array type such as ``int16[]`` or ``uint5[]``."""

    signed: bool
    bits: int

    @property
    def minimum(self) -> int:
        return -(1 << (self.bits - 1)) if self.signed else 0

    @property
    def maximum(self) -> int:
        return (1 << (self.bits - 1)) - 1 if self.signed else (1 << self.bits) - 1


def parse_array_type(name: str) -> ArrayType | None:
    """Return the integer array type a name denotes, or None if it is not one."""
    match = _ARRAY.match(name)
    if not match:
        return None
    bits = int(match["bits"])
    if not 1 <= bits <= 64:
        return None
    return ArrayType(signed=match["kind"] == "int", bits=bits)


def is_known_type(name: str) -> bool:
    """True when ``name`` is a type of the system."""
    return name in SCALAR_TYPES or name == "float[]" or parse_array_type(name) is not None


def is_array_type(name: str) -> bool:
    """True for types whose values are sequences (and may be joined for batching)."""
    return name == "float[]" or parse_array_type(name) is not None


def type_problem(
    name: str,
    value: Any,
    *,
    values: list[str] | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
) -> str | None:
    """Describe why ``value`` (as decoded from JSON, payloads resolved) is not of type ``name``."""
    array = parse_array_type(name)
    if array is not None:
        if not isinstance(value, list | tuple):
            return f"expected a list of {name[:-2]} integers, got {_kind(value)}"
        low, high = array.minimum, array.maximum
        for index, item in enumerate(value):
            if type(item) is not int:
                return f"item {index} is {_kind(item)}, expected an integer"
            if not low <= item <= high:
                return f"item {index} is {item}, outside {name[:-2]} range {low}..{high}"
        return None
    if name == "float[]":
        if not isinstance(value, list | tuple):
            return f"expected a list of numbers, got {_kind(value)}"
        for index, item in enumerate(value):
            if not _is_number(item):
                return f"item {index} is {_kind(item)}, expected a number"
        return None
    if name == "int":
        if type(value) is not int:
            return f"expected an integer, got {_kind(value)}"
        if minimum is not None and value < minimum:
            return f"{value} is below the minimum {minimum}"
        if maximum is not None and value > maximum:
            return f"{value} is above the maximum {maximum}"
        return None
    if name == "bool":
        return None if isinstance(value, bool) else f"expected true or false, got {_kind(value)}"
    if name == "string":
        return None if isinstance(value, str) else f"expected a string, got {_kind(value)}"
    if name in ("bytes", "payload"):
        if isinstance(value, bytes):
            return None
        if isinstance(value, str):
            return None if _HEX.fullmatch(value) else "expected bytes as an even number of hex digits"
        return f"expected bytes (hex string or payload reference), got {_kind(value)}"
    if name == "enum":
        if value not in (values or []):
            return f"{value!r} is not one of {', '.join(map(repr, values or []))}"
        return None
    if name == "float":
        return None if _is_number(value) else f"expected a number, got {_kind(value)}"
    return f"unknown type {name!r}"


def to_native(name: str, value: Any) -> Any:
    """Convert a JSON value of type ``name`` to what implementations receive (hex -> bytes)."""
    if name in ("bytes", "payload") and isinstance(value, str):
        return bytes.fromhex(value)
    return value


def _is_number(value: Any) -> bool:
    return (type(value) is int or type(value) is float) and not (isinstance(value, float) and math.isnan(value))


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bytes):
        return "bytes"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
