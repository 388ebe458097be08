"""Adaptive quantizer and inverse adaptive quantizer (G.726 clauses 2.3 and 2.4).

The quantizer works on log2 |d(k)| normalized by the scale factor y(k): blocks LOG, SUBTB
and QUAN. The inverse quantizer undoes it: RECONST, ADDA and ANTILOG. Signals are plain
Python integers in the Recommendation's fixed-point units (y(k) in 1/512, logarithms in
1/128); the sign of dq(k) travels separately, as the code word's sign, so that a negative
zero survives as the Recommendation's sign-magnitude DQ word keeps it.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Protocol


class QuantizerTables(Protocol):
    """What the quantizer and its inverse read from a rate's tables (G.726's RateTables; the
    embedded quantizers of ITU-T G.727 have the same shape with their own levels)."""

    @property
    def decision_levels(self) -> tuple[int, ...]: ...
    @property
    def reconstruction_levels(self) -> tuple[int, ...]: ...
    @property
    def code_magnitude(self) -> tuple[int, ...]: ...
    @property
    def code_for_magnitude(self) -> tuple[tuple[int, ...], tuple[int, ...]]: ...


def log_magnitude(d: int) -> int:
    """LOG: log2 |d| as 4 bits of exponent and 7 of mantissa (log2(1 + x) taken as x)."""
    magnitude = -d if d < 0 else d
    if magnitude < 2:
        return 0
    exponent = magnitude.bit_length() - 1
    return (exponent << 7) + (((magnitude << 7) >> exponent) & 0x7F)


def quantize(d: int, y: int, tables: QuantizerTables) -> int:
    """LOG, SUBTB and QUAN: the ADPCM code word I(k) for the difference signal d(k)."""
    dln = log_magnitude(d) - (y >> 2)
    return tables.code_for_magnitude[d < 0][bisect_right(tables.decision_levels, dln)]


def inverse_quantize(code: int, y: int, tables: QuantizerTables) -> int:
    """RECONST, ADDA and ANTILOG: |dq(k)|, the magnitude of the quantized difference."""
    dql = tables.reconstruction_levels[tables.code_magnitude[code]] + (y >> 2)
    if dql < 0:
        return 0
    # 2^x taken as 1 + x: 1.mantissa shifted by the integer part
    return ((128 + (dql & 0x7F)) << 7) >> (14 - (dql >> 7))
