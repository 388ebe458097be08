"""Transmit and receive quadrature mirror filters (clauses 3.1 and 4.4, detailed in clause 5).

The transmit QMF splits the 16 kHz input into the lower and higher sub-band signals XL and
XH at 8 kHz; the receive QMF interpolates the decoded sub-band signals RL and RH back to
16 kHz. Both use the same 24-tap linear-phase FIR filter, split into its even-indexed and
odd-indexed coefficients. Neither is recursive, so each output is a plain function of the
input signal: the ``*_reference`` functions here are the definition, and ``transmit`` and
``receive`` use the bit-identical NumPy form in ``qmf_vectorised`` when NumPy is installed.

Both filters start from an all-zero delay line, the state the ITU-T G.191 test sequences were
produced from (the codec is reset once, before the first sample).
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import mul

from reference_impl.g722.tables import QMF_COEFFICIENTS
from reference_impl.g722.wordlength import limit, saturate

EVEN_COEFFICIENTS = QMF_COEFFICIENTS[0::2]  # h0, h2, ..., h22
ODD_COEFFICIENTS = QMF_COEFFICIENTS[1::2]  # h1, h3, ..., h23
TAPS_PER_PHASE = 12

# The coefficients are in 2**-13. The transmit sums are scaled by 2**-14: 2**-13 for the
# coefficients and 1/2 from the 16-bit input word to the 15-bit sub-band signals. The receive
# sums are scaled by 2**-11: 2**-13, times 2 (the interpolator's gain) and 2 again from the
# 15-bit sub-band signals to the 16-bit output word.
TRANSMIT_SHIFT = 14
RECEIVE_SHIFT = 11


def transmit_reference(samples: Sequence[int]) -> tuple[list[int], list[int]]:
    """Transmit QMF from a zero delay line: (XL, XH), one value of each per input sample pair.

    For the pair (xin(j-1), xin(j)): XA = sum of h(2i) xin(j-2i), XB = sum of h(2i+1)
    xin(j-2i-1), i = 0..11; XL = XA + XB and XH = XA - XB, each limited to 15 bits.
    """
    if len(samples) % 2:
        raise ValueError("the transmit QMF takes whole pairs of samples")
    newer = [0] * TAPS_PER_PHASE  # xin(j), xin(j-2), ..., xin(j-22)
    older = [0] * TAPS_PER_PHASE  # xin(j-1), xin(j-3), ..., xin(j-23)
    xl: list[int] = []
    xh: list[int] = []
    for j in range(1, len(samples), 2):
        newer = [samples[j], *newer[:-1]]
        older = [samples[j - 1], *older[:-1]]
        xa = sum(map(mul, EVEN_COEFFICIENTS, newer))
        xb = sum(map(mul, ODD_COEFFICIENTS, older))
        xl.append(limit((xa + xb) >> TRANSMIT_SHIFT))
        xh.append(limit((xa - xb) >> TRANSMIT_SHIFT))
    return xl, xh


def receive_reference(rl: Sequence[int], rh: Sequence[int]) -> list[int]:
    """Receive QMF from a zero delay line: two output samples per (RL, RH) pair.

    With XD = RL - RH and XS = RL + RH: xout(j) = 2 sum of h(2i) XD(i) and xout(j+1) =
    2 sum of h(2i+1) XS(i), i = 0..11 over the latest 12 values, each limited to 16 bits.
    """
    if len(rl) != len(rh):
        raise ValueError("the receive QMF takes as many RH values as RL values")
    xd_line = [0] * TAPS_PER_PHASE
    xs_line = [0] * TAPS_PER_PHASE
    out: list[int] = []
    for low, high in zip(rl, rh, strict=True):
        xd_line = [low - high, *xd_line[:-1]]
        xs_line = [low + high, *xs_line[:-1]]
        out.append(saturate(sum(map(mul, EVEN_COEFFICIENTS, xd_line)) >> RECEIVE_SHIFT))
        out.append(saturate(sum(map(mul, ODD_COEFFICIENTS, xs_line)) >> RECEIVE_SHIFT))
    return out


try:
    from reference_impl.g722.qmf_vectorised import receive_vectorised, transmit_vectorised
except ImportError:  # NumPy is optional: the reference functions serve on their own
    transmit = transmit_reference
    receive = receive_reference
else:
    transmit = transmit_vectorised
    receive = receive_vectorised
