"""Shared engine of the check-sequence references: generator polynomials, bit order, division.

Used by the V.41, V.42, X.25, I.432.1 and G.704 reference implementations; it is the one
place the modulo-2 division is written.
"""

from reference_impl.fcs.bits import (
    BitOrder,
    bits_to_int,
    bits_to_octets,
    int_to_bits,
    octets_to_bits,
    parse_bit_order,
    validated_bits,
)
from reference_impl.fcs.hdlc import FCS_16, FCS_32, FrameCheckSequence
from reference_impl.fcs.polynomial import GeneratorPolynomial
from reference_impl.fcs.register import DividingRegister

__all__ = [
    "FCS_16",
    "FCS_32",
    "BitOrder",
    "DividingRegister",
    "FrameCheckSequence",
    "GeneratorPolynomial",
    "bits_to_int",
    "bits_to_octets",
    "int_to_bits",
    "octets_to_bits",
    "parse_bit_order",
    "validated_bits",
]
