"""NumPy form of fir.FirFilter.apply, bit-identical: float32 arrays, one multiply and add per tap.

Importing this module raises ImportError when NumPy is not installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from reference_impl.stlfilter.fir import FirFilter


def apply_vectorised(fir: FirFilter, signal: Sequence[float]) -> list[float]:
    """Filter single-precision ``signal`` from a zero delay line (see fir.py)."""
    if not len(signal):
        return []
    coefficients = np.array(fir.coefficients, dtype=np.float32)
    values = np.asarray(signal, dtype=np.float32)
    count = len(values)
    if fir.upsampling:
        factor = fir.factor
        branch = len(coefficients) // factor
        padded = np.concatenate([np.zeros(branch - 1, dtype=np.float32), values])
        out = np.empty(count * factor, dtype=np.float32)
        for phase in range(factor):
            total = np.zeros(count, dtype=np.float32)
            for j in range(branch):
                total += padded[branch - 1 - j : branch - 1 - j + count] * coefficients[phase + j * factor]
            out[phase::factor] = total
        result: list[float] = out.tolist()
        return result
    taps = len(coefficients)
    padded = np.concatenate([np.zeros(taps - 1, dtype=np.float32), values])
    outputs = fir.output_length(count)
    step = fir.factor
    total = np.zeros(outputs, dtype=np.float32)
    for k in range(taps):
        start = taps - 1 - k
        total += padded[start : start + (outputs - 1) * step + 1 : step] * coefficients[k]
    result = total.tolist()
    return result
