"""The STL's MNRU noise source, reproduced exactly: a Gaussian table read by a 24-bit LCG.

The ITU-T G.191 STL draws the MNRU noise in two steps. At start-up a table of 8192 Gaussian
values (mean 0, variance 4, cut at +-8) is filled by rejection sampling from a 32-bit linear
congruential generator that imitates VAX Fortran's RAN (multiplier 69069, start 314159265,
the top 24 bits of each state scaled to 0..1). Each noise sample then adds eight table
entries picked by a second LCG, seed(k+1) = (253 seed(k) + 1) mod 2**24 (the DSP32C RAN24
that ran16_32c imitates), whose top 13 bits are the index, and halves the sum. The STL keeps
that second seed in a float (12345.0 at start); as every state is an integer below 2**24 the
float holds it exactly, so integer arithmetic gives the same sequence.
"""

from __future__ import annotations

import math
from array import array
from functools import cache

TABLE_SIZE = 8192
DRAWS_PER_SAMPLE = 8
INDEX_SHIFT = 11  # a 24-bit state's top 13 bits index the 8192-entry table
SEED_MASK = (1 << 24) - 1
SEED_MULTIPLIER = 253
DEFAULT_SEED = 12345  # the STL's demonstration programs start every run from it

_VAX_MULTIPLIER = 69069
_VAX_START = 314159265
_TABLE_LOW, _TABLE_SPAN, _TABLE_SPREAD = -8.0, 16.0, 8.0  # mean - 4 sigma, 8 sigma, 2 sigma**2


def _to_float32(values: list[float]) -> list[float]:
    return array("f", values).tolist()


@cache
def gaussian_table() -> tuple[float, ...]:
    """The 8192 single-precision Gaussian values, as the STL fills them at start-up."""
    state = _VAX_START

    def uniform() -> float:
        nonlocal state
        state = (state * _VAX_MULTIPLIER + 1) & 0xFFFFFFFF
        return (state & 0xFFFFFF00) / 4294967296.0

    values = []
    while len(values) < TABLE_SIZE:
        candidate = _TABLE_LOW + _TABLE_SPAN * uniform()
        density = math.exp(-candidate * candidate / _TABLE_SPREAD)
        if uniform() <= density:
            values.append(candidate)
    return tuple(_to_float32(values))


def check_seed(seed: int) -> int:
    """``seed`` when it is a valid state of the index generator (0 .. 2**24 - 1), else ValueError."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= SEED_MASK:
        raise ValueError(f"seed is {seed!r}: expected an integer from 0 to {SEED_MASK}")
    return seed


def noise_samples(count: int, seed: int = DEFAULT_SEED) -> list[float]:
    """``count`` noise samples from the index generator's ``seed`` (pure Python)."""
    table = gaussian_table()
    state = check_seed(seed)
    sums = []
    for _ in range(count):
        total = 0.0
        for _ in range(DRAWS_PER_SAMPLE):
            state = (SEED_MULTIPLIER * state + 1) & SEED_MASK
            total += table[state >> INDEX_SHIFT]
        sums.append(total / 2)
    return _to_float32(sums)
