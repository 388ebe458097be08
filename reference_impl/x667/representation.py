"""The hexadecimal, URN and OID forms of a UUID, and strict parsing of each.

Hexadecimal form (clauses 6.4 and 6.5): five groups of 8-4-4-4-12 hexadecimal digits joined by
hyphens; generated in lower case, accepted in either case. URN form (clause 8): ``urn:uuid:``
then the hexadecimal form. OID form (clause 7): the arc ``2.25`` then the single integer value
(clause 6.3) in decimal, without leading zeros.
"""

from __future__ import annotations

from reference_impl.x667.layout import UUID_LIMIT

_GROUPS = (8, 4, 4, 4, 12)
_HEX_LENGTH = sum(_GROUPS) + len(_GROUPS) - 1
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_HYPHENS = frozenset({8, 13, 18, 23})
URN_PREFIX = "urn:uuid:"
OID_PREFIX = "2.25."
_DECIMAL_DIGITS = frozenset("0123456789")


def format_hex(value: int) -> str:
    """The lower-case hexadecimal representation (clause 6.4)."""
    digits = f"{value:032x}"
    if len(digits) != 32 or value < 0:
        raise ValueError(f"{value} is not a 128-bit unsigned value")
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


def parse_hex(text: str) -> int:
    """The value of a hexadecimal representation; raise ValueError naming what is malformed."""
    if len(text) != _HEX_LENGTH:
        raise ValueError(
            f"{text!r} has {len(text)} characters, expected {_HEX_LENGTH} (8-4-4-4-12)"
        )
    for index, character in enumerate(text):
        if index in _HYPHENS:
            if character != "-":
                raise ValueError(f"{text!r}: expected '-' at position {index}")
        elif character not in _HEX_DIGITS:
            raise ValueError(
                f"{text!r}: {character!r} at position {index} is not a hexadecimal digit"
            )
    return int(text.replace("-", ""), 16)


def format_urn(value: int) -> str:
    """The URN ``urn:uuid:<hexadecimal form>`` (clause 8)."""
    return URN_PREFIX + format_hex(value)


def parse_urn(text: str) -> int:
    """The value of a ``urn:uuid:`` URN.

    The prefix is matched without regard to case, since URN scheme and namespace identifiers
    are case-insensitive (IETF RFC 8141); the rest follows :func:`parse_hex`.
    """
    if text[: len(URN_PREFIX)].lower() != URN_PREFIX:
        raise ValueError(f"{text!r} does not start with {URN_PREFIX!r}")
    return parse_hex(text[len(URN_PREFIX) :])


def format_oid(value: int) -> str:
    """The dotted OID ``2.25.<integer>`` (clause 7)."""
    if not 0 <= value < UUID_LIMIT:
        raise ValueError(f"{value} is not a 128-bit unsigned value")
    return OID_PREFIX + str(value)


def parse_oid(text: str) -> int:
    """The value of a dotted ``2.25.<integer>`` OID."""
    if not text.startswith(OID_PREFIX):
        raise ValueError(f"{text!r} does not start with {OID_PREFIX!r}")
    digits = text[len(OID_PREFIX) :]
    if not digits or not set(digits) <= _DECIMAL_DIGITS:
        raise ValueError(f"{text!r}: the arc after {OID_PREFIX!r} must be decimal digits only")
    if len(digits) > 1 and digits[0] == "0":
        raise ValueError(f"{text!r}: the UUID arc has a leading zero")
    # 2**128 has 39 decimal digits; checking the length first keeps int() off huge inputs
    if len(digits) > 39 or int(digits) >= UUID_LIMIT:
        raise ValueError(f"{text!r}: the UUID arc exceeds 2**128 - 1")
    return int(digits)
