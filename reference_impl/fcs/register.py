"""The dividing shift register that every check sequence here is built on.

Each Recommendation defines its check bits as the remainder of a modulo-2 division: the
message polynomial (first bit transmitted = highest-order coefficient), multiplied by x^d,
divided by a generator G(x) of degree d. The register below performs that division one bit at
a time, the way the Recommendations' encoder figures draw it: the incoming bit is added to
the output of the last stage, and the sum is fed back into the stages that G(x) selects.

Starting from an all-zero register, after the last bit the register holds the remainder of
x^d·M(x) / G(x): stage i is the coefficient of x^i. Starting from a preset P(x) instead adds
x^k·P(x) to the dividend (k = number of bits fed), which is how the HDLC family's "remainder
of x^k(x^15 + ... + 1)" term arises.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from reference_impl.fcs.bits import BitOrder, int_to_bits
from reference_impl.fcs.polynomial import GeneratorPolynomial

_REVERSED_OCTET = bytes(int(f"{value:08b}"[::-1], 2) for value in range(256))


class DividingRegister:
    """A shift register dividing the bits fed into it by a generator polynomial, modulo 2."""

    def __init__(self, generator: GeneratorPolynomial, preset: int = 0) -> None:
        self.generator = generator
        self._mask = (1 << generator.degree) - 1
        if not 0 <= preset <= self._mask:
            raise ValueError(f"preset {preset:#x} does not fit {generator.degree} stages")
        self.state = preset

    def feed_bit(self, bit: int) -> None:
        """Shift one bit (0 or 1) of the message into the register."""
        top = self.state >> (self.generator.degree - 1)
        self.state = (self.state << 1) & self._mask
        if top ^ bit:
            self.state ^= self.generator.feedback

    def feed_bits(self, bits: Iterable[int]) -> None:
        """Shift bits into the register in the order given (transmission order)."""
        for bit in bits:
            self.feed_bit(bit)

    def feed_octets(self, data: bytes, order: BitOrder) -> None:
        """Shift whole octets in, each sent in ``order``; equal to feeding their bits one by one."""
        degree = self.generator.degree
        if degree < 8:
            for octet in data:
                for position in range(8) if order is BitOrder.LSB_FIRST else range(7, -1, -1):
                    self.feed_bit((octet >> position) & 1)
            return
        # Eight bit steps at once: the octet's bits meet the register's top eight stages, and
        # the table (built from feed_bit itself) gives what those eight steps feed back.
        table = _octet_step_table(self.generator)
        shift = degree - 8
        for octet in data:
            first_bit_high = _REVERSED_OCTET[octet] if order is BitOrder.LSB_FIRST else octet
            index = (self.state >> shift) ^ first_bit_high
            self.state = ((self.state << 8) & self._mask) ^ table[index]

    @property
    def remainder(self) -> int:
        """The register content: bit i is the coefficient of x^i of the remainder."""
        return self.state

    def remainder_bits(self) -> list[int]:
        """The remainder's coefficients from x^(d-1) down to x^0 (the order they are sent in)."""
        return int_to_bits(self.state, self.generator.degree)


@cache
def _octet_step_table(generator: GeneratorPolynomial) -> tuple[int, ...]:
    """What eight zero-bit steps do to a register whose top eight stages hold ``index``."""
    table = []
    for index in range(256):
        register = DividingRegister(generator, preset=index << (generator.degree - 8))
        register.feed_bits([0] * 8)
        table.append(register.state)
    return tuple(table)
