"""The pseudo-random test patterns of ITU-T O.150 clause 5, as data.

Each is produced by a shift register of n stages whose n-th stage and one other ("tap")
stage are added modulo 2 and fed back to the first stage; the pattern is the output of the
n-th stage. Some are sent inverted (binary ONE and ZERO exchanged), which makes the longest
run of ZEROs n instead of n-1. The second 2^20-1 pattern (clause 5.5) instead forces an output
bit to ONE whenever the next 14 bits would all be ZERO.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TestPattern:
    """One O.150 pseudo-random pattern."""

    name: str
    clause: str
    stages: int
    tap: int  # the stage added to stage n for the feedback
    inverted: bool
    zero_suppression: int | None  # force a ONE when this many next bits are all ZERO
    longest_zero_run: int  # as the Recommendation states it

    @property
    def period(self) -> int:
        """Length of the pattern before it repeats: 2^n - 1 bits."""
        return (1 << self.stages) - 1


PATTERNS: dict[str, TestPattern] = {
    pattern.name: pattern
    for pattern in (
        TestPattern("prbs-9", "5.1", 9, 5, inverted=False, zero_suppression=None, longest_zero_run=8),
        TestPattern("prbs-11", "5.2", 11, 9, inverted=False, zero_suppression=None, longest_zero_run=10),
        TestPattern("prbs-15", "5.3", 15, 14, inverted=True, zero_suppression=None, longest_zero_run=15),
        TestPattern("prbs-20", "5.4", 20, 3, inverted=False, zero_suppression=None, longest_zero_run=19),
        TestPattern("prbs-20-zs", "5.5", 20, 17, inverted=False, zero_suppression=14, longest_zero_run=14),
        TestPattern("prbs-23", "5.6", 23, 18, inverted=True, zero_suppression=None, longest_zero_run=23),
        TestPattern("prbs-29", "5.7", 29, 27, inverted=True, zero_suppression=None, longest_zero_run=29),
        TestPattern("prbs-31", "5.8", 31, 28, inverted=True, zero_suppression=None, longest_zero_run=31),
    )
}


def pattern_named(name: str) -> TestPattern:
    """The pattern called ``name``; ValueError naming the known ones otherwise."""
    try:
        return PATTERNS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown O.150 pattern {name!r}: expected one of {', '.join(PATTERNS)}") from None
