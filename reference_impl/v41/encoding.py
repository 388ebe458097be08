"""ITU-T V.41 code-independent error control: the 16 check bits of a block, and the check.

The information bits are the coefficients of the message polynomial, first bit sent = highest
power; multiplied by x^16 and divided by x^16 + x^12 + x^5 + 1, the remainder's coefficients
(x^15 first) are the check bits sent after them. The encoder starts each block with its
register at zero. The whole block (information then check bits) is then divisible by the
generator, which is what the receiver tests.

V.41 works on a serial bit stream. For octet data the bit order of each octet must be chosen:
low-order bit first gives the algorithm catalogued as CRC-16/KERMIT (alias CRC-16/V-41-LSB),
high-order bit first the one catalogued as CRC-16/XMODEM (alias CRC-16/V-41-MSB).
"""

from __future__ import annotations

from collections.abc import Iterable

from reference_impl.fcs import (
    BitOrder,
    DividingRegister,
    GeneratorPolynomial,
    bits_to_octets,
    validated_bits,
)

GENERATOR = GeneratorPolynomial((16, 12, 5, 0))
CHECK_BITS = GENERATOR.degree


def check_bits(information_bits: Iterable[int]) -> list[int]:
    """The 16 check bits of a block, in the order they are sent (x^15 coefficient first)."""
    register = DividingRegister(GENERATOR)
    register.feed_bits(validated_bits(information_bits, "information_bits"))
    return register.remainder_bits()


def check_octets(data: bytes, order: BitOrder) -> bytes:
    """The check bits of octet data sent in ``order``, packed into two octets the same way."""
    register = DividingRegister(GENERATOR)
    register.feed_octets(data, order)
    return bits_to_octets(register.remainder_bits(), order)


def block_has_error(block_bits: Iterable[int]) -> bool:
    """True when a received block (information then check bits) is not divisible by G(x)."""
    bits = validated_bits(block_bits, "block_bits")
    if len(bits) < CHECK_BITS:
        raise ValueError(f"a block has at least {CHECK_BITS} bits (its check bits); got {len(bits)}")
    register = DividingRegister(GENERATOR)
    register.feed_bits(bits)
    return register.remainder != 0

