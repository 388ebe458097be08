"""The 128-bit UUID value and its fields (X.667 clauses 6.1 to 6.3, 9, 11 and 12.2).

A UUID is held as a Python ``int`` in 0 .. 2**128 - 1: the single integer value of clause 6.3,
which is the 16 octets of the binary representation (clause 6.2) read as an unsigned
big-endian number. Every field is then a fixed run of bits of that integer.
"""

from __future__ import annotations

from enum import StrEnum

UUID_BITS = 128
UUID_LIMIT = 1 << UUID_BITS

# Bit positions counted from the least significant bit of the 128-bit value.
_VERSION_SHIFT = 76  # the four most significant bits of VersionAndTimeHigh (octet 6)
_VARIANT_SHIFT = 56  # the most significant bits of VariantAndClockSeqHigh (octet 8)

X667_VARIANT_BITS = 0b10  # clause 11, Table 1: the variant specified by this Recommendation


class Variant(StrEnum):
    """The variant field's interpretations (clause 11, Table 1)."""

    NCS = "ncs"  # 0xx: reserved, NCS backward compatibility
    X667 = "x667"  # 10x: this Recommendation
    MICROSOFT = "microsoft"  # 110: reserved, Microsoft backward compatibility
    FUTURE = "future"  # 111: reserved for future definition


def check_value(value: int) -> int:
    """Return ``value`` if it is a 128-bit unsigned integer, else raise ValueError."""
    if not 0 <= value < UUID_LIMIT:
        raise ValueError(f"{value} is not a 128-bit unsigned value")
    return value


def variant_of(value: int) -> Variant:
    """The variant named by the most significant bits of octet 8 (clause 11)."""
    top = (check_value(value) >> _VARIANT_SHIFT) & 0xFF
    if top & 0x80 == 0:
        return Variant.NCS
    if top & 0x40 == 0:
        return Variant.X667
    if top & 0x20 == 0:
        return Variant.MICROSOFT
    return Variant.FUTURE


def version_of(value: int) -> int:
    """The 4-bit version field (clause 12.2); meaningful only for the X.667 variant."""
    return (check_value(value) >> _VERSION_SHIFT) & 0xF


def stamp(value: int, version: int) -> int:
    """Overwrite the version (clause 12.2) and variant (clause 11) bits of a 128-bit value."""
    if not 0 <= version <= 0xF:
        raise ValueError(f"version {version} does not fit in four bits")
    value = check_value(value) & ~(0xF << _VERSION_SHIFT) & ~(0b11 << (_VARIANT_SHIFT + 6))
    return value | (version << _VERSION_SHIFT) | (X667_VARIANT_BITS << (_VARIANT_SHIFT + 6))


def compare(first: int, second: int) -> int:
    """Order two UUIDs as clause 9 does: -1, 0 or 1.

    Clause 9 compares field by field from TimeLow down to Node, each as an unsigned integer;
    because the fields are laid out most significant first, that is the order of the single
    integer values.
    """
    check_value(first)
    check_value(second)
    return (first > second) - (first < second)
