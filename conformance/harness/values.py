"""Values between their three forms: vector JSON, what an implementation gets, the wire.

Vector files hold ``bytes`` as hex strings; implementations called in-process get ``bytes``;
the process protocol and the command adapter's JSON files carry bytes as hex again. Arrays
are lists of numbers everywhere (payloads already decoded by the vector loader).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from conformance.spec.model import FieldType, Interface

BINARY_TYPES = frozenset({"bytes", "payload"})

InputPreparer = Callable[[Mapping[str, Any]], dict[str, Any]]


def binary_fields(fields: Mapping[str, FieldType]) -> frozenset[str]:
    """Names of the fields whose values are bytes."""
    return frozenset(name for name, field in fields.items() if field.type in BINARY_TYPES)


def as_bytes(value: Any) -> bytes | None:
    """``value`` as bytes (from bytes, a hex string or a list of octets), or None if it is none of them."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    if isinstance(value, str):
        try:
            return bytes.fromhex(value)
        except ValueError:
            return None
    if isinstance(value, list | tuple) and all(type(item) is int and 0 <= item <= 255 for item in value):
        return bytes(value)
    return None


def input_preparer(interface: Interface) -> InputPreparer:
    """A function turning a vector's inputs into the arguments an implementation receives."""
    binary = binary_fields(interface.inputs)
    if not binary:
        return dict

    def prepare(inputs: Mapping[str, Any]) -> dict[str, Any]:
        prepared = dict(inputs)
        for name in binary & prepared.keys():
            converted = as_bytes(prepared[name])
            if converted is not None:
                prepared[name] = converted
        return prepared

    return prepare


def wire_default(value: Any) -> Any:
    """``json`` hook: bytes travel as lower-case hex, tuples as arrays."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} cannot be sent over the wire")


WIRE_ENCODER = json.JSONEncoder(separators=(",", ":"), default=wire_default, allow_nan=False)


def to_wire(value: Any) -> str:
    """Compact JSON text of ``value`` with bytes as hex."""
    return WIRE_ENCODER.encode(value)


