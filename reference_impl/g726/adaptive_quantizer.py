"""Adaptive quantizer and inverse adaptive quantizer (G.726 clauses 2.3 and 2.4).

The quantizer works on log2 |d(k)| normalized by the scale factor y(k): blocks LOG, SUBTB
and QUAN. The inverse quantizer undoes it: RECONST, ADDA and ANTILOG. Signals are plain
Python integers in the Recommendation's fixed-point units; DQ, a sign-magnitude word in the
Recommendation, is returned as its sign and magnitude so that a negative zero survives.
"""

from __future__ import annotations

from bisect import bisect_right

from reference_impl.g726.quantizer_tables import RateTables


def log_magnitude(d: int) -> int:
    """LOG: log2 |d| as 4 bits of exponent and 7 of mantissa (log2(1 + x) taken as x)."""
    magnitude = -d if d < 0 else d
    exponent = max(magnitude.bit_length() - 1, 0)
    mantissa = ((magnitude << 7) >> exponent) & 0x7F
    return (exponent << 7) + mantissa


def quantize(d: int, y: int, tables: RateTables) -> int:
    """LOG, SUBTB and QUAN: the ADPCM code word I(k) for the difference signal d(k)."""
    dln = log_magnitude(d) - (y >> 2)
    magnitude = bisect_right(tables.decision_levels, dln)
    code = tables.all_ones - magnitude if d < 0 else magnitude
    # the zero level is sent as the all-ones word (negative zero), never as all zeros
    if code == 0 and tables.has_zero_level:
        return tables.all_ones
    return code


def code_magnitude(code: int, tables: RateTables) -> int:
    """|I|: the magnitude index of a code word (one's complement for negative words)."""
    return (tables.all_ones - code) if code & tables.sign_bit else code


def inverse_quantize(code: int, y: int, tables: RateTables) -> tuple[int, int]:
    """RECONST, ADDA and ANTILOG: dq(k) as (sign, magnitude), sign 1 for negative."""
    sign = 1 if code & tables.sign_bit else 0
    dql = tables.reconstruction_levels[code_magnitude(code, tables)] + (y >> 2)
    if dql < 0:
        return sign, 0
    exponent = dql >> 7
    mantissa = 128 + (dql & 0x7F)  # 2^x taken as 1 + x
    return sign, (mantissa << 7) >> (14 - exponent)
