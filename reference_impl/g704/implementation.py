"""The G.704 reference as the harness calls it: one method per interface of recommendation.yaml."""

from __future__ import annotations

from reference_impl.fcs import validated_bits
from reference_impl.g704 import crc


class Implementation:
    """Interfaces of recommendations/g704: remainder, block_check_bits, errored_blocks."""

    def remainder(self, procedure: str, bits: list[int]) -> dict[str, list[int]]:
        """The procedure's polynomial division over any bit sequence."""
        generator = crc.procedure_named(procedure).generator
        return {"check_bits": crc.remainder_bits(generator, validated_bits(bits))}

    def block_check_bits(self, procedure: str, block: list[int]) -> dict[str, list[int]]:
        """Check bits computed over one multiframe or sub-multiframe."""
        return {"check_bits": crc.procedure_named(procedure).check_bits(block)}

    def errored_blocks(self, procedure: str, stream: list[int]) -> dict[str, list[int]]:
        """Per protected block, 1 when the received check bits disagree."""
        return {"errored": crc.procedure_named(procedure).errored_blocks(stream)}
