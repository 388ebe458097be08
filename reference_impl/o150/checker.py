"""A pattern checker for the O.150 test patterns: synchronise, count bit errors, re-synchronise.

O.150 leaves the receiver's synchronisation criteria to the measuring equipment; recbench
fixes them here so that the counts are exact and comparable:

- Acquisition: at position p, the n received bits p..p+n-1 are loaded as the register state
  (n = number of stages); the generator so loaded must reproduce received bits p..p+2n-1
  exactly. If it does not, acquisition is retried at p+1. Bits spent acquiring are not counted.
- Tracking: every following bit is compared with the generator's output and counted; a
  difference is a bit error.
- Loss of synchronisation: when 16 or more of the last 64 compared bits are in error. The
  errors counted so far stay counted; acquisition restarts at the next bit.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from reference_impl.o150.generator import PatternGenerator
from reference_impl.o150.patterns import TestPattern

LOSS_WINDOW = 64
LOSS_THRESHOLD = 16


@dataclass(frozen=True)
class CheckResult:
    """What a checker found in a received bit sequence."""

    compared: int  # bits compared while synchronised
    errors: int  # of those, bits that differed from the pattern
    sync_losses: int  # times synchronisation was lost
    synchronised: bool  # whether the checker was synchronised after the last bit


def _acquire(pattern: TestPattern, received: Sequence[int], position: int) -> PatternGenerator | None:
    """A generator in step with ``received`` after bit position+2n-1, if that stretch is clean."""
    stages = pattern.stages
    window = received[position : position + stages]
    try:
        generator = PatternGenerator.synchronised_to(pattern, window)
    except ValueError:
        return None  # an all-ZERO register state: no pattern position looks like this
    expected = generator.bits(2 * stages)
    if expected != list(received[position : position + 2 * stages]):
        return None
    return generator


def check(pattern: TestPattern, received: Sequence[int]) -> CheckResult:
    """Run the checker over ``received`` (bits as sent on the line)."""
    stages = pattern.stages
    compared = errors = losses = 0
    generator: PatternGenerator | None = None
    recent: deque[int] = deque(maxlen=LOSS_WINDOW)
    position = 0
    while position < len(received):
        if generator is None:
            if position + 2 * stages > len(received):
                break
            generator = _acquire(pattern, received, position)
            if generator is None:
                position += 1
                continue
            recent.clear()
            position += 2 * stages
            continue
        error = generator.next_bit() ^ received[position]
        compared += 1
        errors += error
        recent.append(error)
        position += 1
        if sum(recent) >= LOSS_THRESHOLD:
            losses += 1
            generator = None
    return CheckResult(compared, errors, losses, generator is not None)
