"""NumPy form of the full-band MNRU's noise path, bit-identical to fullband.process.

Only the non-recursive steps are vectorised: the index generator (an LCG, advanced for all
samples by jumping ahead), the sums of eight table entries, the 257-tap FIR (accumulated tap
by tap, in the same order as the per-sample loop), the output product and the rounding. The
second-order high-pass and the DC-removal filter are recursive and stay sample by sample.
Importing this module raises ImportError when NumPy is not installed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from reference_impl.p810.fullband import dc_removed, high_pass, noise_gain
from reference_impl.p810.noise import (
    DRAWS_PER_SAMPLE,
    INDEX_SHIFT,
    SEED_MASK,
    SEED_MULTIPLIER,
    check_seed,
    gaussian_table,
)
from reference_impl.p810.p50_filters import LOW_PASS

_TAPS = np.array(LOW_PASS, dtype=np.float64)


def index_states(count: int, seed: int) -> np.ndarray:
    """The first ``count`` states after ``seed`` of s -> (253 s + 1) mod 2**24."""
    states = np.empty(count, dtype=np.int64)
    if not count:
        return states
    states[0] = (SEED_MULTIPLIER * seed + 1) & SEED_MASK
    filled, multiplier, increment = 1, SEED_MULTIPLIER, 1  # s(k + filled) = multiplier s(k) + increment
    while filled < count:
        step = min(filled, count - filled)
        states[filled : filled + step] = (multiplier * states[:step] + increment) & SEED_MASK
        if step == filled:  # compose the jump with itself: filled -> 2 filled
            increment = (multiplier * increment + increment) & SEED_MASK
            multiplier = (multiplier * multiplier) & SEED_MASK
        filled += step
    return states


def noise_vectorised(count: int, seed: int) -> np.ndarray:
    """noise.noise_samples as an array (float64 holding the single-precision values)."""
    table = np.array(gaussian_table(), dtype=np.float64)
    draws = table[index_states(count * DRAWS_PER_SAMPLE, check_seed(seed)) >> INDEX_SHIFT]
    draws = draws.reshape(count, DRAWS_PER_SAMPLE)
    total = draws[:, 0].copy()
    for column in range(1, DRAWS_PER_SAMPLE):
        total += draws[:, column]
    return (total / 2).astype(np.float32).astype(np.float64)


def low_pass_vectorised(values: np.ndarray) -> np.ndarray:
    """fullband.low_pass for a whole array: tap by tap, from tap 0, as the loop sums."""
    out = np.zeros(len(values), dtype=np.float64)
    for tap, coefficient in enumerate(_TAPS[: len(values)]):
        out[tap:] += coefficient * values[: len(values) - tap]
    return out


def modulated_vectorised(
    samples: Sequence[int], q_db: float, mode: str, alpha: float, *, wrap: bool, seed: int
) -> list[int]:
    """fullband.process for the modulated and noise-only modes."""
    noise = noise_vectorised(len(samples), seed) * noise_gain(q_db)
    shaped = low_pass_vectorised(np.array(high_pass(noise.tolist()), dtype=np.float64))
    signal = np.array(dc_removed(samples, alpha) if alpha else samples, dtype=np.float64)
    out = signal * ((0.0 if mode == "noise" else 1.0) + shaped)
    rounded = np.trunc(np.where(out > 0.0, out + 0.5, out - 0.5)).astype(np.int64)
    if wrap:
        rounded = ((rounded & 0xFFFF) ^ 0x8000) - 0x8000
    words: list[int] = np.clip(rounded, -32768, 32767).tolist()
    return words
