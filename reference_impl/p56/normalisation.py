"""Bringing a 16-bit signal to a target level (the G.191 sv56demo procedure on P.56 levels).

The gain is 10^((target - measured) / 20), with the measured level either the P.56 active
level or the long-term RMS level. It is applied in single precision to the samples
normalised to full scale 1.0 (the gain itself rounded to single precision first), and the
result is brought back to 16 bits by truncation towards zero with hard clipping at -32768 and
32767: the arithmetic of the G.191 tool, which the official normalised files follow bit for
bit. A 16-bit sample over 32768 is exact in single precision, and the product of two single
precision numbers is exact in double, so rounding that product once to single precision is
IEEE single-precision multiplication: the pure-Python path gives the NumPy path's result.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence

from reference_impl.p56.voltmeter import Measurement, measure

try:
    import numpy as np
except ImportError:  # pragma: no cover - exercised by forcing the fallback in the tests
    np = None  # type: ignore[assignment]

FULL_SCALE = 32768.0
ACTIVE = "active"
RMS = "rms"
_SINGLE = struct.Struct("<f")


def single(value: float) -> float:
    """``value`` rounded to IEEE single precision (round to nearest even)."""
    return float(_SINGLE.unpack(_SINGLE.pack(value))[0])


def measure_samples(samples: Sequence[int], sampling_rate: float, *, vectorised: bool = True) -> Measurement:
    """The P.56 measurement of 16-bit samples (full scale 32768)."""
    return measure([s / FULL_SCALE for s in samples], sampling_rate, vectorised=vectorised)


def gain_for(measurement: Measurement, target_level: float, reference: str) -> float:
    """The linear gain that brings the measured level (active or rms) to ``target_level`` dBov."""
    level = measurement.active_level if reference == ACTIVE else measurement.long_term_level
    return float(10.0 ** ((target_level - level) / 20.0))


def apply_gain(samples: Sequence[int], gain: float, *, vectorised: bool = True) -> tuple[list[int], int]:
    """The scaled 16-bit samples (single-precision gain, truncation, hard clipping) and the
    number of them that had to be clipped."""
    if np is not None and vectorised:
        normalised = np.asarray(samples, dtype=np.float32) / np.float32(FULL_SCALE)
        scaled = (normalised * np.float32(gain)).astype(np.float64) * FULL_SCALE
        clipped = int(np.count_nonzero((scaled > 32767.0) | (scaled < -32768.0)))
        return np.trunc(np.clip(scaled, -32768.0, 32767.0)).astype(np.int64).tolist(), clipped
    g = single(gain)
    out = []
    clipped = 0
    for sample in samples:
        y = single(sample / FULL_SCALE * g) * FULL_SCALE
        if y > 32767.0 or y < -32768.0:
            clipped += 1
            y = min(max(y, -32768.0), 32767.0)
        out.append(math.trunc(y))
    return out, clipped
