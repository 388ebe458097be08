"""The frame check sequence of the HDLC family (X.25 clause 2.2.7.4, V.42 clause 8.1.1.6).

Both Recommendations define the FCS in the same words: the ones complement of the sum of
(1) the remainder of x^k(x^(d-1) + ... + x + 1) divided by G(x), k being the number of bits
protected, and (2) the remainder of x^d times the protected content divided by G(x). The
FCS is sent highest-order coefficient first; octets of the content are sent low-order bit
first. A receiver dividing the content and FCS, register preset to all ones, finds a fixed
remainder when there is no error.
"""

from __future__ import annotations

from dataclasses import dataclass

from reference_impl.fcs.bits import BitOrder, bits_to_octets
from reference_impl.fcs.polynomial import GeneratorPolynomial
from reference_impl.fcs.register import DividingRegister


@dataclass(frozen=True)
class FrameCheckSequence:
    """One FCS length of the HDLC family: its generator and its error-free receiver remainder."""

    generator: GeneratorPolynomial
    good_remainder: int  # x^(d-1) ... x^0, as the Recommendations print it

    @property
    def bits(self) -> int:
        """Length of the FCS in bits."""
        return self.generator.degree

    @property
    def octets(self) -> int:
        """Length of the FCS in octets."""
        return self.generator.degree // 8

    def compute(self, content: bytes) -> bytes:
        """The FCS of ``content`` as the octets that follow it in the frame."""
        all_ones = (1 << self.bits) - 1
        register = DividingRegister(self.generator, preset=all_ones)  # term (1)
        register.feed_octets(content, BitOrder.LSB_FIRST)  # term (2)
        complement = [1 - bit for bit in register.remainder_bits()]
        # the FCS goes out x^(d-1) first; packing it like the content keeps that order on the line
        return bits_to_octets(complement, BitOrder.LSB_FIRST)

    def receiver_remainder(self, frame: bytes) -> int:
        """The receiver's remainder over content and FCS, register preset to all ones."""
        register = DividingRegister(self.generator, preset=(1 << self.bits) - 1)
        register.feed_octets(frame, BitOrder.LSB_FIRST)
        return register.remainder

    def is_error_free(self, frame: bytes) -> bool:
        """True when ``frame`` (content followed by its FCS) gives the error-free remainder."""
        return self.receiver_remainder(frame) == self.good_remainder


FCS_16 = FrameCheckSequence(
    GeneratorPolynomial((16, 12, 5, 0)),
    good_remainder=0b0001_1101_0000_1111,
)
FCS_32 = FrameCheckSequence(
    GeneratorPolynomial((32, 26, 23, 22, 16, 12, 11, 10, 8, 7, 5, 4, 2, 1, 0)),
    good_remainder=0b1100_0111_0000_0100_1101_1101_0111_1011,
)
