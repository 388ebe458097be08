"""The full-band MNRU of ITU-T P.810 (2023) with P.50-shaped noise (48 kHz), as the STL's p50fbmnru.

Per sample, in double precision on 16-bit-scaled values:

1. the noise N(k) (noise.py) times g = 3.0287 * 10**(-Q/20), shaped by the P.50 filters
   (p50_filters.py): a second-order high-pass, then a 257-tap low-pass FIR;
2. optionally a DC-removal high-pass y(k) = x(k) - x(k-1) + alpha y(k-1) on the input, with
   alpha 0.985 (the filter of P.50 MNRUs before 2023, about 115 Hz), 0.9922 (60 Hz),
   0.9961 (30 Hz) or 0.998 (15 Hz); P.810 recommends none;
3. the output y(k) * (s + n(k)) with s = 1 (or 0 for noise only), rounded half away from zero.

The noise path is the costly part; with NumPy present, fullband_vectorised computes the same
values (the same operations in the same order) for whole signals at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from operator import add, mul

from reference_impl.p810.noise import DEFAULT_SEED, noise_samples
from reference_impl.p810.p50_filters import HIGH_PASS, LOW_PASS
from reference_impl.p810.rounding import round_full_scale

NOISE_GAIN = 3.0287
DC_FILTERS = {"none": 0.0, "115-hz": 0.985, "60-hz": 0.9922, "30-hz": 0.9961, "15-hz": 0.998}
MODES = ("modulated", "noise", "signal")


def noise_gain(q_db: float) -> float:
    """The noise gain for a ratio of ``q_db`` dB."""
    return NOISE_GAIN * pow(10.0, -0.05 * q_db)


def high_pass(values: Sequence[float]) -> list[float]:
    """The P.50 noise high-pass (transposed direct form II, from rest)."""
    b0, b1, b2, _, a1, a2 = HIGH_PASS
    d0 = d1 = 0.0
    out = []
    for value in values:
        result = value * b0 + d1
        d1 = value * b1 - result * a1 + d0
        d0 = value * b2 - result * a2
        out.append(result)
    return out


def low_pass(values: Sequence[float]) -> list[float]:
    """The P.50 257-tap low-pass FIR from rest, each output summed from tap 0 upwards."""
    taps = len(LOW_PASS)
    history = [0.0] * (taps - 1) + list(values)
    out = []
    for index in range(len(values)):
        window = history[index + taps - 1 : index - 1 if index else None : -1]
        out.append(reduce(add, map(mul, LOW_PASS, window), 0.0))
    return out


def shaped_noise(count: int, q_db: float, seed: int) -> list[float]:
    """The noise factor n(k) of every sample: scaled, then through both P.50 filters."""
    gain = noise_gain(q_db)
    return low_pass(high_pass([draw * gain for draw in noise_samples(count, seed)]))


def dc_removed(samples: Sequence[int], alpha: float) -> list[float]:
    """The input through the DC-removal high-pass with pole ``alpha``."""
    last_x = last_y = 0.0
    out = []
    for word in samples:
        y = word - last_x
        y += alpha * last_y
        last_x, last_y = float(word), y
        out.append(y)
    return out


def process(
    samples: Sequence[int],
    q_db: float,
    mode: str = "modulated",
    dc_filter: str = "none",
    *,
    wrap: bool = False,
    seed: int = DEFAULT_SEED,
) -> list[int]:
    """Full-band MNRU output for 48 kHz 16-bit ``samples``.

    ``mode``: modulated, noise (only) or signal (only, a copy); ``dc_filter``: a key of
    DC_FILTERS; ``wrap``: keep the low 16 bits of values out of range instead of clamping.
    """
    if mode not in MODES:
        raise ValueError(f"mode is {mode!r}: expected one of {', '.join(MODES)}")
    if dc_filter not in DC_FILTERS:
        raise ValueError(f"dc_filter is {dc_filter!r}: expected one of {', '.join(DC_FILTERS)}")
    if mode == "signal":
        return list(samples)
    try:
        from reference_impl.p810.fullband_vectorised import modulated_vectorised
    except ImportError:
        pass
    else:
        return modulated_vectorised(samples, q_db, mode, DC_FILTERS[dc_filter], wrap=wrap, seed=seed)
    noise = shaped_noise(len(samples), q_db, seed)
    alpha = DC_FILTERS[dc_filter]
    signal = dc_removed(samples, alpha) if alpha else [float(word) for word in samples]
    signal_gain = 0.0 if mode == "noise" else 1.0
    return round_full_scale((x * (signal_gain + n) for x, n in zip(signal, noise, strict=True)), wrap=wrap)
