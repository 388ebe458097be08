"""Bit sequences in transmission order, and their packing into octets.

The Recommendations define check sequences over a serial bit stream, first bit transmitted
first. Octet-oriented data becomes such a stream in one of two orders: low-order bit first
(HDLC family: X.25, V.42) or high-order bit first (ATM cell headers, I.432.1).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum


class BitOrder(StrEnum):
    """Which bit of each octet is transmitted first."""

    LSB_FIRST = "lsb-first"
    MSB_FIRST = "msb-first"


def parse_bit_order(name: str) -> BitOrder:
    """The bit order called ``name`` ('lsb-first' or 'msb-first'); ValueError otherwise."""
    try:
        return BitOrder(name)
    except ValueError:
        raise ValueError(f"unknown bit order {name!r}: expected 'lsb-first' or 'msb-first'") from None


def validated_bits(bits: Iterable[int], field: str = "bits") -> list[int]:
    """Return ``bits`` as a list, refusing any item that is not 0 or 1 (naming ``field``)."""
    values = list(bits)
    for index, value in enumerate(values):
        if value not in (0, 1) or isinstance(value, bool):
            raise ValueError(f"{field}[{index}] is {value!r}, not a bit (0 or 1)")
    return values


def octets_to_bits(data: bytes, order: BitOrder) -> list[int]:
    """The bits of ``data`` in transmission order."""
    positions = range(8) if order is BitOrder.LSB_FIRST else range(7, -1, -1)
    return [(octet >> position) & 1 for octet in data for position in positions]


def bits_to_octets(bits: Sequence[int], order: BitOrder) -> bytes:
    """Pack bits, given in transmission order, into octets; the count must be a multiple of 8."""
    if len(bits) % 8:
        raise ValueError(f"{len(bits)} bits do not fill a whole number of octets")
    octets = bytearray()
    for start in range(0, len(bits), 8):
        chunk = bits[start : start + 8]
        if order is BitOrder.MSB_FIRST:
            chunk = chunk[::-1]
        octets.append(sum(bit << position for position, bit in enumerate(chunk)))
    return bytes(octets)


def int_to_bits(value: int, width: int) -> list[int]:
    """The ``width`` low bits of ``value``, highest first (x^(width-1) coefficient first)."""
    return [(value >> position) & 1 for position in range(width - 1, -1, -1)]


def bits_to_int(bits: Sequence[int]) -> int:
    """The integer whose binary digits, highest first, are ``bits``."""
    value = 0
    for bit in bits:
        value = (value << 1) | bit
    return value
