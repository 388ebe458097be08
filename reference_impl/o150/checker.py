"""A pattern checker for the O.150 test patterns: synchronise, count bit errors, re-synchronise.

O.150 leaves the receiver's synchronisation criteria to the measuring equipment; recbench
fixes them here so that the counts are exact and comparable:

- Acquisition: at position p, the n received bits p..p+n-1 are loaded as the register state
  (n = number of stages); the generator so loaded must reproduce received bits p..p+2n-1
  exactly. If it does not, acquisition is retried at p+1. Bits spent acquiring are not counted.
  A zero-suppressed pattern sends a ONE where the register holds a ZERO followed by enough
  ZEROs, so a received ONE in the window may stand for a register ZERO: the ONEs just before a
  run of `zero_suppression` ZEROs (at most n-1 minus that many, the register's longest run of
  ZEROs less the run the line keeps) are also tried as ZEROs, the loading as received first.
  Without this, every window holding a forced ONE failed and the bits before it were lost.
- Tracking: every following bit is compared with the generator's output and counted; a
  difference is a bit error.
- Loss of synchronisation: when 16 or more of the last 64 compared bits are in error. The
  errors counted so far stay counted; acquisition restarts at the next bit.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import product

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


def _loadings(pattern: TestPattern, stretch: Sequence[int]) -> Iterator[list[int]]:
    """Register contents the first n bits of ``stretch`` may stand for, the bits as received first.

    On a zero-suppressed line, a run of ZEROs as long as the suppression allows may be preceded
    by ONEs forced in place of register ZEROs: none, one, … up to the register's longest run of
    ZEROs less that many, nearest the run first. Only forced ONEs inside the window matter.
    """
    stages, zeros = pattern.stages, pattern.zero_suppression
    window = list(stretch[:stages])
    yield window
    if zeros is None:
        return
    most = stages - 1 - zeros
    runs: list[list[int]] = []  # per run of ZEROs: the ONEs before it that may be forced, nearest first
    for start in range(1, len(stretch) - zeros + 1):
        if stretch[start - 1] != 1 or any(stretch[start : start + zeros]):
            continue
        ones: list[int] = []
        while len(ones) < most and start - 1 - len(ones) >= 0 and stretch[start - 1 - len(ones)] == 1:
            ones.append(start - 1 - len(ones))
        if any(at < stages for at in ones):
            runs.append(ones)
    seen = {tuple(window)}
    for counts in product(*(range(len(ones) + 1) for ones in runs)):
        loading = list(window)
        for ones, count in zip(runs, counts, strict=True):
            for at in ones[:count]:
                if at < stages:
                    loading[at] = 0
        if tuple(loading) not in seen:
            seen.add(tuple(loading))
            yield loading


def _acquire(pattern: TestPattern, received: Sequence[int], position: int) -> PatternGenerator | None:
    """A generator in step with ``received`` after bit position+2n-1, if that stretch is clean."""
    stretch = list(received[position : position + 2 * pattern.stages])
    for loading in _loadings(pattern, stretch):
        try:
            generator = PatternGenerator.synchronised_to(pattern, loading)
        except ValueError:
            continue  # an all-ZERO register state: no pattern position looks like this
        if generator.bits(len(stretch)) == stretch:
            return generator
    return None


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
