"""The P.810 reference as the harness calls it: one method per interface of recommendations/p810."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reference_impl.p810 import fullband, narrowband
from reference_impl.p810.noise import check_seed

NAME = "recbench-p810-reference"
VERSION = "1.0.0"
OVERFLOW = ("clamp", "wrap")


def _checked_samples(values: Sequence[int]) -> list[int]:
    """The samples as a list, or ValueError naming the first one that is not a 16-bit integer."""
    words = list(values)
    for index, value in enumerate(words):
        if isinstance(value, bool) or not isinstance(value, int) or not -32768 <= value <= 32767:
            raise ValueError(f"samples[{index}] is {value!r}, not a 16-bit integer")
    return words


def _checked_q(q: float) -> float:
    if isinstance(q, bool) or not isinstance(q, int | float) or not math.isfinite(q):
        raise ValueError(f"q is {q!r}: expected a finite number of dB")
    return float(q)


class Implementation:
    """Interfaces of recommendations/p810: each call starts the MNRU from rest and the noise from its seed."""

    def narrowband(self, q: float, mode: str, seed: int, samples: Sequence[int]) -> dict[str, list[int]]:
        """The narrow-band (8 kHz) MNRU at ``q`` dB."""
        words = _checked_samples(samples)
        return {"samples": narrowband.process(words, _checked_q(q), mode, check_seed(seed))}

    def fullband_p50(
        self, q: float, mode: str, dc_filter: str, overflow: str, seed: int, samples: Sequence[int]
    ) -> dict[str, list[int]]:
        """The full-band (48 kHz) MNRU with P.50-shaped noise at ``q`` dB."""
        if overflow not in OVERFLOW:
            raise ValueError(f"overflow is {overflow!r}: expected clamp or wrap")
        words = _checked_samples(samples)
        output = fullband.process(
            words, _checked_q(q), mode, dc_filter, wrap=overflow == "wrap", seed=check_seed(seed)
        )
        return {"samples": output}
