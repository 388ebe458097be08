"""The O.150 reference as the harness calls it: one method per interface of recommendation.yaml."""

from __future__ import annotations

from reference_impl.fcs import validated_bits
from reference_impl.o150 import checker
from reference_impl.o150.generator import pattern_bits
from reference_impl.o150.patterns import pattern_named

MAXIMUM_COUNT = 1 << 24  # a bound on one call's output, so a bad request cannot exhaust memory


class Implementation:
    """Interfaces of recommendations/o150: generate, check."""

    def generate(self, pattern: str, offset: int, count: int) -> dict[str, list[int]]:
        """Bits offset..offset+count-1 of the named pattern, from its defined first bit."""
        definition = pattern_named(pattern)
        if offset < 0:
            raise ValueError(f"offset {offset} is negative")
        if not 0 <= count <= MAXIMUM_COUNT:
            raise ValueError(f"count {count} is outside 0..{MAXIMUM_COUNT}")
        return {"bits": pattern_bits(definition, offset, count)}

    def check(self, pattern: str, bits: list[int]) -> dict[str, object]:
        """Bit errors and synchronisation losses of a received sequence."""
        result = checker.check(pattern_named(pattern), validated_bits(bits))
        return {
            "compared": result.compared,
            "errors": result.errors,
            "sync_losses": result.sync_losses,
            "synchronised": result.synchronised,
        }
