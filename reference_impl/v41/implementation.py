"""The V.41 reference as the harness calls it: one method per interface of recommendation.yaml."""

from __future__ import annotations

from reference_impl.fcs import parse_bit_order
from reference_impl.v41 import encoding


class Implementation:
    """Interfaces of recommendations/v41: encode_bits, encode_octets, check_block."""

    def encode_bits(self, information_bits: list[int]) -> dict[str, list[int]]:
        """Check bits of a block given as bits."""
        return {"check_bits": encoding.check_bits(information_bits)}

    def encode_octets(self, data: bytes, bit_order: str) -> dict[str, bytes]:
        """Check bits of octet data, packed in the same bit order."""
        return {"check_octets": encoding.check_octets(data, parse_bit_order(bit_order))}

    def check_block(self, block_bits: list[int]) -> dict[str, bool]:
        """Whether the receiver detects an error in a block."""
        return {"error_detected": encoding.block_has_error(block_bits)}
