"""Contents octets of the primitive types (X.690 8.2 to 8.23) under DER (10.2, 11.1, 11.2).

Each type has an encoder from the JSON value model and a decoder back to it; both enforce the
value's constraints (character repertoires, OID arcs, time forms) so that what the encoder
accepts is exactly what the decoder produces.

Value model: BOOLEAN true/false; INTEGER and ENUMERATED JSON integers; NULL null; OBJECT
IDENTIFIER "1.2.840.113549"; BIT STRING a string of '0' and '1'; OCTET STRING lower-case hex
(either case accepted on input); character strings and times JSON strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reference_impl.x690.schema import Kind
from reference_impl.x690.times import generalized_time_problem, utc_time_problem
from reference_impl.x690.tlv import base128

_PRINTABLE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 '()+,-./:=?")
_OID_TEXT = re.compile(r"(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))+")
_HEX = re.compile(r"([0-9a-fA-F]{2})*")


class ValueModelError(ValueError):
    """A JSON value that does not fit its type."""


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise ValueModelError(message)


# -- encoding ------------------------------------------------------------------------------

def encode_contents(kind: Kind, value: Any) -> bytes:
    """Contents octets of a primitive value, or ValueModelError if it does not fit ``kind``."""
    return _ENCODERS[kind](value)


def _encode_boolean(value: Any) -> bytes:
    _need(isinstance(value, bool), f"BOOLEAN value must be true or false, not {value!r}")
    return b"\xff" if value else b"\x00"  # 11.1: TRUE is all ones


def _encode_integer(value: Any) -> bytes:
    _need(type(value) is int, f"INTEGER/ENUMERATED value must be an integer, not {value!r}")
    # fewest octets of two's complement (8.3.2): the magnitude's bits plus a sign bit
    magnitude = value if value >= 0 else ~value
    return value.to_bytes(magnitude.bit_length() // 8 + 1, "big", signed=True)  # type: ignore[no-any-return]


def _encode_null(value: Any) -> bytes:
    _need(value is None, f"NULL value must be null, not {value!r}")
    return b""


def _encode_oid(value: Any) -> bytes:
    arcs = oid_arcs(value)
    first = arcs[0] * 40 + arcs[1]  # 8.19.4: the first two arcs share one subidentifier
    return b"".join(base128(arc) for arc in (first, *arcs[2:]))


def oid_arcs(value: Any) -> list[int]:
    """The arcs of a dotted OID value, checked against X.680 32.x (first arc 0..2, etc.)."""
    _need(isinstance(value, str) and _OID_TEXT.fullmatch(value) is not None,
          f"OBJECT IDENTIFIER value must be dotted decimal arcs without leading zeros, not {value!r}")
    arcs = [int(arc) for arc in value.split(".")]
    _need(arcs[0] <= 2, f"OBJECT IDENTIFIER {value}: the first arc must be 0, 1 or 2")
    _need(arcs[0] == 2 or arcs[1] < 40,
          f"OBJECT IDENTIFIER {value}: below arcs 0 and 1 the second arc must be under 40")
    return arcs


def _encode_bit_string(value: Any) -> bytes:
    _need(isinstance(value, str) and set(value) <= {"0", "1"},
          f"BIT STRING value must be a string of '0' and '1', not {value!r}")
    unused = -len(value) % 8
    padded = value + "0" * unused  # 11.2.1: unused bits are zero
    octets = int(padded, 2).to_bytes(len(padded) // 8, "big") if padded else b""
    return bytes([unused]) + octets


def _encode_octet_string(value: Any) -> bytes:
    _need(isinstance(value, str) and _HEX.fullmatch(value) is not None,
          f"OCTET STRING value must be hexadecimal digit pairs, not {value!r}")
    return bytes.fromhex(value)


def _string_encoder(kind: Kind) -> Callable[[Any], bytes]:
    def encode(value: Any) -> bytes:
        _need(isinstance(value, str), f"{kind} value must be a string, not {value!r}")
        problem = character_problem(kind, value)
        _need(problem is None, problem or "")
        return value.encode("utf-8" if kind is Kind.UTF8_STRING else "ascii")  # type: ignore[no-any-return]
    return encode


def character_problem(kind: Kind, text: str) -> str | None:
    """Why ``text`` is not a value of the string or time type ``kind``, or None."""
    if kind is Kind.UTF8_STRING:
        if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
            return "UTF8String value holds a surrogate code point"
        return None
    if kind is Kind.PRINTABLE_STRING:
        bad = sorted(set(text) - _PRINTABLE)
        return f"PrintableString may not hold {''.join(bad)!r} (X.680 41.4)" if bad else None
    if kind is Kind.IA5_STRING:
        return None if all(ord(c) < 0x80 for c in text) else "IA5String holds a non-ASCII character"
    if kind is Kind.VISIBLE_STRING:
        if all(0x20 <= ord(c) < 0x7F for c in text):
            return None
        return "VisibleString holds a control or non-ASCII character"
    if kind is Kind.UTC_TIME:
        return utc_time_problem(text)
    if kind is Kind.GENERALIZED_TIME:
        return generalized_time_problem(text)
    raise AssertionError(kind)


_ENCODERS: dict[Kind, Callable[[Any], bytes]] = {
    Kind.BOOLEAN: _encode_boolean,
    Kind.INTEGER: _encode_integer,
    Kind.ENUMERATED: _encode_integer,
    Kind.NULL: _encode_null,
    Kind.OBJECT_IDENTIFIER: _encode_oid,
    Kind.BIT_STRING: _encode_bit_string,
    Kind.OCTET_STRING: _encode_octet_string,
    **{kind: _string_encoder(kind) for kind in (
        Kind.UTF8_STRING, Kind.PRINTABLE_STRING, Kind.IA5_STRING, Kind.VISIBLE_STRING,
        Kind.UTC_TIME, Kind.GENERALIZED_TIME,
    )},
}


# -- decoding ------------------------------------------------------------------------------

def decode_contents(kind: Kind, contents: bytes) -> tuple[Any, str | None]:
    """The value of primitive contents octets, or (None, why they are not valid DER)."""
    return _DECODERS[kind](contents)


def _decode_boolean(contents: bytes) -> tuple[Any, str | None]:
    if len(contents) != 1:
        return None, f"BOOLEAN contents are {len(contents)} octets, not one (8.2.1)"
    if contents[0] not in (0x00, 0xFF):
        return None, f"BOOLEAN contents 0x{contents[0]:02X} are neither 0x00 nor 0xFF (11.1)"
    return contents[0] == 0xFF, None


def _decode_integer(contents: bytes) -> tuple[Any, str | None]:
    if not contents:
        return None, "INTEGER/ENUMERATED contents are empty (8.3.1)"
    if len(contents) > 1 and (
        (contents[0] == 0x00 and contents[1] < 0x80) or (contents[0] == 0xFF and contents[1] >= 0x80)
    ):
        return None, "INTEGER/ENUMERATED contents are not in the fewest octets (8.3.2)"
    return int.from_bytes(contents, "big", signed=True), None


def _decode_null(contents: bytes) -> tuple[Any, str | None]:
    if contents:
        return None, "NULL contents are not empty (8.8.2)"
    return None, None


def _decode_oid(contents: bytes) -> tuple[Any, str | None]:
    if not contents:
        return None, "OBJECT IDENTIFIER contents are empty (8.19.2)"
    if contents[-1] & 0x80:
        return None, "OBJECT IDENTIFIER contents end inside a subidentifier (8.19.2)"
    subidentifiers = []
    number, fresh = 0, True
    for octet in contents:
        if fresh and octet == 0x80:
            return None, "an OBJECT IDENTIFIER subidentifier starts with 0x80 (8.19.2)"
        number = (number << 7) | (octet & 0x7F)
        fresh = not octet & 0x80
        if fresh:
            subidentifiers.append(number)
            number = 0
    first = subidentifiers[0]
    top = min(first // 40, 2)  # 8.19.4: X*40+Y with X in 0..2, Y < 40 unless X is 2
    arcs = [top, first - 40 * top, *subidentifiers[1:]]
    return ".".join(map(str, arcs)), None


def _decode_bit_string(contents: bytes) -> tuple[Any, str | None]:
    if not contents:
        return None, "BIT STRING contents lack the initial octet (8.6.2)"
    unused = contents[0]
    if unused > 7:
        return None, f"BIT STRING initial octet {unused} exceeds 7 (8.6.2.2)"
    if len(contents) == 1:
        if unused:
            return None, "an empty BIT STRING must have initial octet 0 (8.6.2.3)"
        return "", None
    if contents[-1] & ((1 << unused) - 1):
        return None, "BIT STRING unused bits are not zero (11.2.1)"
    bits = "".join(f"{octet:08b}" for octet in contents[1:])
    return bits[: len(bits) - unused], None


def _decode_octet_string(contents: bytes) -> tuple[Any, str | None]:
    return contents.hex(), None


def _string_decoder(kind: Kind) -> Callable[[bytes], tuple[Any, str | None]]:
    def decode(contents: bytes) -> tuple[Any, str | None]:
        try:
            text = contents.decode("utf-8" if kind is Kind.UTF8_STRING else "ascii")
        except UnicodeDecodeError as error:
            return None, f"{kind} contents are not valid {error.encoding}: {error.reason}"
        problem = character_problem(kind, text)
        return (None, problem) if problem else (text, None)
    return decode


_DECODERS: dict[Kind, Callable[[bytes], tuple[Any, str | None]]] = {
    Kind.BOOLEAN: _decode_boolean,
    Kind.INTEGER: _decode_integer,
    Kind.ENUMERATED: _decode_integer,
    Kind.NULL: _decode_null,
    Kind.OBJECT_IDENTIFIER: _decode_oid,
    Kind.BIT_STRING: _decode_bit_string,
    Kind.OCTET_STRING: _decode_octet_string,
    **{kind: _string_decoder(kind) for kind in (
        Kind.UTF8_STRING, Kind.PRINTABLE_STRING, Kind.IA5_STRING, Kind.VISIBLE_STRING,
        Kind.UTC_TIME, Kind.GENERALIZED_TIME,
    )},
}
