"""NumPy form of the QMF filters, bit-identical to ``qmf.transmit_reference``/``receive_reference``.

The QMF is the only part of G.722 that is not sample-recursive, so it is the only part worth
vectorising: each phase of the filter is one integer convolution over the whole signal.
Importing this module raises ImportError when NumPy is not installed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from reference_impl.g722.tables import QMF_COEFFICIENTS

_EVEN = np.array(QMF_COEFFICIENTS[0::2], dtype=np.int64)
_ODD = np.array(QMF_COEFFICIENTS[1::2], dtype=np.int64)
_TRANSMIT_SHIFT = 14
_RECEIVE_SHIFT = 11


def _phase(signal: np.ndarray, coefficients: np.ndarray) -> np.ndarray:
    """The causal FIR output sum of h(i) signal(n - i) for every n, from zero history."""
    if not len(signal):  # np.convolve refuses empty input
        return signal
    return np.convolve(signal, coefficients)[: len(signal)]


def transmit_vectorised(samples: Sequence[int]) -> tuple[list[int], list[int]]:
    """Transmit QMF from a zero delay line: (XL, XH), one value of each per input sample pair."""
    if len(samples) % 2:
        raise ValueError("the transmit QMF takes whole pairs of samples")
    signal = np.asarray(samples, dtype=np.int64)
    xa = _phase(signal[1::2], _EVEN)  # newer sample of each pair with h0, h2, ...
    xb = _phase(signal[0::2], _ODD)  # older sample of each pair with h1, h3, ...
    xl: list[int] = np.clip((xa + xb) >> _TRANSMIT_SHIFT, -16384, 16383).tolist()
    xh: list[int] = np.clip((xa - xb) >> _TRANSMIT_SHIFT, -16384, 16383).tolist()
    return xl, xh


def receive_vectorised(rl: Sequence[int], rh: Sequence[int]) -> list[int]:
    """Receive QMF from a zero delay line: two output samples per (RL, RH) pair."""
    if len(rl) != len(rh):
        raise ValueError("the receive QMF takes as many RH values as RL values")
    low = np.asarray(rl, dtype=np.int64)
    high = np.asarray(rh, dtype=np.int64)
    out = np.empty(2 * len(low), dtype=np.int64)
    out[0::2] = _phase(low - high, _EVEN) >> _RECEIVE_SHIFT
    out[1::2] = _phase(low + high, _ODD) >> _RECEIVE_SHIFT
    samples: list[int] = np.clip(out, -32768, 32767).tolist()
    return samples
