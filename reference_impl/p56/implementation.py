"""The P.56 reference as the harness calls it: one method per interface of recommendation.yaml.

Samples are 16-bit two's complement (full scale, the system overload point, is 32768);
levels are in dB relative to it (dBov).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reference_impl.p56.normalisation import ACTIVE, RMS, apply_gain, gain_for, measure_samples

NAME = "recbench-p56-reference"
VERSION = "1.0.0"


def _samples(values: Sequence[int]) -> list[int]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError("samples must be a list of integers")
    words = list(values)
    for index, value in enumerate(words):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"samples[{index}] is {value!r}, not an integer")
        if not -32768 <= value <= 32767:
            raise ValueError(f"samples[{index}] is {value}, outside -32768..32767")
    if not words:
        raise ValueError("samples is empty: a level needs at least one sample")
    return words


def _finite(value: object, field: str, *, positive: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{field} is {value!r}: expected a finite number")
    if positive and value <= 0:
        raise ValueError(f"{field} is {value!r}: expected a positive number")
    return float(value)


class Implementation:
    """Interfaces of recommendations/p56."""

    def measure(self, samples: Sequence[int], sampling_rate: float) -> dict[str, float]:
        """Active speech level (Method B), activity factor and long-term level of the signal."""
        result = measure_samples(_samples(samples), _finite(sampling_rate, "sampling_rate", positive=True))
        return {"active_level": result.active_level, "activity": result.activity,
                "long_term_level": result.long_term_level}

    def normalise(
        self, samples: Sequence[int], sampling_rate: float, target_level: float, reference: str
    ) -> dict[str, list[int]]:
        """The samples scaled so that their active (or rms) level becomes target_level dBov."""
        if reference not in (ACTIVE, RMS):
            raise ValueError(f"reference is {reference!r}: expected 'active' or 'rms'")
        words = _samples(samples)
        target = _finite(target_level, "target_level")
        measured = measure_samples(words, _finite(sampling_rate, "sampling_rate", positive=True))
        if reference == ACTIVE and measured.activity == 0.0:
            raise ValueError("the signal has no active speech (P.56 finds it silent): no gain applies")
        scaled, _ = apply_gain(words, gain_for(measured, target, reference))
        return {"samples": scaled}
