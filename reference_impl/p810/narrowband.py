"""The narrow-band MNRU of ITU-T P.810 clause 5 (8 kHz), as the STL's MNRU_process runs it.

Per sample, in double precision on the signal normalised to -1..1:

1. a DC-removal high-pass y(k) = x(k) - x(k-1) + 0.985 y(k-1) on the input;
2. the modulated noise n(k) = N(k) * g * y(k), with N(k) the STL noise (noise.py) and
   g = 0.3793 * 10**(-Q/20), the gain that gives a signal-to-modulated-noise ratio of Q dB;
3. the sum s * y(k) + n(k), s = 1 (or 0 for noise only), through the output low-pass filter:
   two second-order sections in transposed direct form II;
4. the result stored in single precision, then scaled to 16 bits with rounding.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from reference_impl.p810.noise import DEFAULT_SEED, noise_samples
from reference_impl.p810.rounding import round_normalised

NOISE_GAIN = 0.3793  # the STL's calibration of its noise source for an SNR of Q dB
DC_POLE = 0.985
# Output low-pass filter: (a0, a1, a2) numerators and (b1, b2) denominators of each section.
LOW_PASS_SECTIONS: tuple[tuple[tuple[float, float, float], tuple[float, float]], ...] = (
    ((0.775841885724, 1.54552788762, 0.775841885724), (1.23307153957, 0.430807372835)),
    ((0.775841885724, 1.51915539326, 0.775841885724), (1.71128410940, 0.859087959597)),
)
MODES = ("modulated", "noise", "signal")


def noise_gain(q_db: float) -> float:
    """The noise gain for a ratio of ``q_db`` dB."""
    return NOISE_GAIN * pow(10.0, -0.05 * q_db)


def process(samples: Sequence[int], q_db: float, mode: str = "modulated", seed: int = DEFAULT_SEED) -> list[int]:
    """MNRU output for 8 kHz 16-bit ``samples``; ``mode``: modulated, noise (only) or signal (only)."""
    if mode not in MODES:
        raise ValueError(f"mode is {mode!r}: expected one of {', '.join(MODES)}")
    signal_gain = 0.0 if mode == "noise" else 1.0
    gain = 0.0 if mode == "signal" else noise_gain(q_db)
    noise = noise_samples(len(samples), seed) if mode != "signal" else [0.0] * len(samples)
    (first_a, first_b), (second_a, second_b) = LOW_PASS_SECTIONS
    a10, a11, a12 = first_a
    b10, b11 = first_b
    a20, a21, a22 = second_a
    b20, b21 = second_b
    d10 = d11 = d20 = d21 = 0.0
    last_x = last_y = 0.0
    out = []
    for word, draw in zip(samples, noise, strict=True):
        x = word / 32768.0
        y = x - last_x
        y += DC_POLE * last_y
        last_x, last_y = x, y
        modulated = draw * (gain * y) if mode != "signal" else 0.0
        value = modulated + y * signal_gain
        first = value * a10 + d11
        d11 = value * a11 - first * b10 + d10
        d10 = value * a12 - first * b11
        second = first * a20 + d21
        d21 = first * a21 - second * b20 + d20
        d20 = first * a22 - second * b21
        out.append(second)
    return round_normalised(array("f", out))
