"""The error models of the ITU-T G.191 error insertion device (EID), with its random numbers.

- The random numbers come from the linear congruential generator x(k) = 69069 x(k-1) + 1 mod
  2^32, each read as x / 2^32 in [0, 1). The tools seed it from the clock; for reproducible
  runs (their portability tests, and every reference file) the seed is 314159265.
- Random bit errors and random frame erasures use a Gilbert-Elliot channel (G.191 clause on
  the EID): a "good" state without errors and a "bad" one with error probability 1/2, the
  transitions P(good->bad) = 2 (1 - gamma) rate and P(bad->good) = (1 - gamma)(1 - 2 rate);
  gamma = 0 gives independent errors at ``rate``, gamma near 1 long bursts. Each decision
  draws two numbers: one for the state transition, one for the error.
- Burst frame erasures use the Bellcore model: a chain of 11 states (0 = after a good
  frame); from state s the next frame is erased with probability p(s), p(1..10) fixed
  (0.85, 0.825, ... 0.45, 0) and p(0) chosen for the target rate, which is quantised to
  steps of 0.5 % (1 to 60 for 0.5 % to 30 %). One number is drawn per frame.

All arithmetic is IEEE double, as in the G.191 C code: the same seed gives the same pattern.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

PORTABILITY_SEED = 314159265
_MULTIPLIER = 69069
_MODULUS = 1 << 32
BAD_STATE_ERROR_RATE = 0.5
BELLCORE_PROBABILITIES = (0.0023, 0.85, 0.825, 0.8, 0.775, 0.75, 0.725, 0.7, 0.6, 0.45, 0.0)
BELLCORE_STEPS = range(1, 61)  # rates of 0.5 % .. 30 %, in steps of 0.5 %


@dataclass
class RandomNumbers:
    """The EID's linear congruential generator (32-bit state)."""

    seed: int = PORTABILITY_SEED

    def next(self) -> float:
        """The next number in [0, 1)."""
        self.seed = (_MULTIPLIER * self.seed + 1) % _MODULUS
        return self.seed / _MODULUS


@dataclass
class GilbertElliot:
    """The two-state channel: ``decide()`` is 1 for an error (or erasure), 0 otherwise."""

    rate: float
    gamma: float = 0.0
    numbers: RandomNumbers = field(default_factory=RandomNumbers)
    bad: bool = False  # the EID starts in the good state

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 0.5:
            raise ValueError(f"rate {self.rate!r}: a Gilbert-Elliot rate lies in 0 .. 0.5")
        if not 0.0 <= self.gamma <= 1.0:
            raise ValueError(f"gamma {self.gamma!r}: the correlation lies in 0 .. 1")
        p = (1.0 - self.gamma) * 2.0 * self.rate
        q = (1.0 - self.gamma) * (1.0 - 2.0 * self.rate)
        # thresholds on the random number: below the first, the first state is entered
        self._thresholds = ((1.0 - p, 1.0), (q, 1.0))  # from good, from bad: (to good, to bad)

    def decide(self) -> int:
        """One decision: the state transition, then the error in the new state."""
        return self.decisions(1)[0]

    def decisions(self, count: int) -> list[int]:
        """``count`` decisions in a row (the same as calling decide() that often, faster).

        A number x / 2^32 is below a threshold t exactly when x is below t * 2^32 (a power of
        two scales exactly), so the loop compares the generator's integers.
        """
        (good_stay, _), (bad_leave, _) = self._thresholds
        stay_good, leave_bad = good_stay * _MODULUS, bad_leave * _MODULUS
        half = BAD_STATE_ERROR_RATE * _MODULUS
        seed, bad = self.numbers.seed, self.bad
        out = []
        append = out.append
        for _ in range(count):
            seed = (_MULTIPLIER * seed + 1) & 0xFFFFFFFF
            # from good: stay below 1 - P, else go bad; from bad: back to good below Q
            bad = (seed >= leave_bad) if bad else (seed >= stay_good)
            seed = (_MULTIPLIER * seed + 1) & 0xFFFFFFFF
            append(1 if bad and seed < half else 0)
        self.numbers.seed, self.bad = seed, bad
        return out


def bellcore_step(rate: float) -> int:
    """The Bellcore model's rate index (1 .. 60) for a rate given as a fraction (0.005 .. 0.3)."""
    index = int(200 * rate + 0.5)
    if index not in BELLCORE_STEPS:
        raise ValueError(f"rate {rate!r}: the Bellcore model covers 0.005 .. 0.30 in steps of 0.005")
    return index


@dataclass
class Bellcore:
    """The Bellcore burst frame-erasure model: ``decide()`` is 1 for an erased frame."""

    step: int  # rate in units of 0.5 %
    numbers: RandomNumbers = field(default_factory=RandomNumbers)
    state: int = 0

    def __post_init__(self) -> None:
        if self.step not in BELLCORE_STEPS:
            raise ValueError(f"step {self.step!r}: expected 1 .. 60 (0.5 % .. 30 %)")
        erasure_rate = self.step / 200.0
        # p(0) such that the stationary erasure rate is the target: the chain's expected
        # erasures after a first one are the sum of the products p(1) .. p(i)
        burst = 1.0 + sum(math.prod(BELLCORE_PROBABILITIES[1:i + 1]) for i in range(1, 10))
        first = ((1.0 / (1.0 - erasure_rate)) - 1.0) / burst
        self._probabilities = (first, *BELLCORE_PROBABILITIES[1:])

    def decide(self) -> int:
        """One frame: erased (1) or not (0)."""
        erased = math.floor(self.numbers.next() + self._probabilities[self.state])
        self.state = self.state + 1 if erased else 0
        return int(erased)
