"""Adaptive predictor and reconstructed signal calculator (G.726 clause 2.7).

The signal estimate se(k) comes from a second-order section (poles a1, a2 on the
reconstructed signal sr) and a sixth-order section (zeros b1..b6 on the quantized
difference signal dq). Products are taken in the Recommendation's own small floating-point
format (FLOATA, FLOATB, FMULT) and summed with 16-bit wrap-around (ACCUM); the coefficients
follow the sign-sign gradient updates UPA1, UPA2 and UPB with the stability limits LIMC and
LIMD. Coefficients are 16-bit two's complement numbers in 1/16384.
"""

from __future__ import annotations

# A floating-point value is (sign, exponent, mantissa): 1 bit, 4 bits and a 6-bit mantissa
# whose top bit is set, i.e. magnitude ~= mantissa * 2^(exponent - 6). Zero is coded
# (s, 0, 32), which FMULT then multiplies as if it were 1/2, keeping its sign.
Float = tuple[int, int, int]

FLOAT_ZERO: Float = (0, 0, 32)
A2_LIMIT = 12288  # |a2| <= 0.75
A1_BOUND = 15360  # |a1| <= 1 - 2^-4 - a2


def wrap16(value: int) -> int:
    """The value modulo 2^16, read as 16-bit two's complement (the Rec's word arithmetic)."""
    return ((value + 0x8000) & 0xFFFF) - 0x8000


def to_float(sign: int, magnitude: int) -> Float:
    """FLOATA (and the second half of FLOATB): a 15-bit magnitude in floating point."""
    if magnitude == 0:
        return (sign, 0, 32)
    exponent = magnitude.bit_length()
    return (sign, exponent, (magnitude << 6) >> exponent)


def reconstructed_to_float(sr: int) -> Float:
    """FLOATB: the 16-bit two's complement sr(k) in floating point (-32768 has magnitude 0)."""
    if sr < 0:
        return to_float(1, -sr & 0x7FFF)
    return to_float(0, sr)


def _coefficient_float(coefficient: int) -> tuple[int, int, int]:
    """Sign, exponent (less 19, see fmult) and mantissa of a coefficient for FMULT.

    FMULT takes the coefficient's magnitude in 1/4096 (13 bits) from its 16-bit two's
    complement shifted right by 2, so -32768 (like 0) has magnitude 0.
    """
    sign = 1 if coefficient < 0 else 0
    magnitude = (-(coefficient >> 2) if sign else coefficient >> 2) & 0x1FFF
    exponent = magnitude.bit_length()
    return sign, exponent - 19, ((magnitude << 6) >> exponent) if magnitude else 32


def _coefficient_table() -> tuple[tuple[int, int, int], ...]:
    """_coefficient_float of every 16-bit coefficient, indexed by it (negative from the end)."""
    shared: dict[tuple[int, int, int], tuple[int, int, int]] = {}
    entries = [_coefficient_float(c) for c in (*range(32768), *range(-32768, 0))]
    return tuple(shared.setdefault(entry, entry) for entry in entries)


# FMULT converts the coefficient to floating point on every call; with a table of all 2^16
# coefficients (about 900 distinct entries, shared) that is one look-up.
_COEFFICIENT_FLOAT = _coefficient_table()


def fmult(coefficient: int, value: Float) -> int:
    """FMULT: coefficient times a floating-point signal value, as 16-bit two's complement.

    Mantissas multiply with rounding; the product, with exponent e = e1 + e2, is
    (mantissa << 7) >> (26 - e) in the Recommendation, i.e. the mantissa shifted left by
    e - 19 (kept to 15 bits) or right by 19 - e.
    """
    coefficient_sign, coefficient_exponent, coefficient_mantissa = _COEFFICIENT_FLOAT[coefficient]
    sign, exponent, mantissa = value
    product = (mantissa * coefficient_mantissa + 48) >> 4
    shift = exponent + coefficient_exponent
    magnitude = (product << shift) & 0x7FFF if shift >= 0 else product >> -shift
    return -magnitude if sign ^ coefficient_sign else magnitude


def signal_estimate(
    a1: int, a2: int, b: list[int], sr1: Float, sr2: Float, dq_history: list[Float]
) -> tuple[int, int]:
    """FMULT and ACCUM: (se(k), sez(k)), the signal estimate and its sixth-order part."""
    sezi = wrap16(sum(map(fmult, b, dq_history)))
    sei = wrap16(sezi + fmult(a1, sr1) + fmult(a2, sr2))
    return sei >> 1, sezi >> 1


def update_a2(a1: int, a2: int, pk0: int, pk1: int, pk2: int, sigpk: int) -> int:
    """UPA2 and LIMC: a2(k) = (1 - 2^-7) a2 + 2^-7 {sgn p sgn p(k-2) - f(a1) sgn p sgn p(k-1)}."""
    if sigpk:
        gain = 0
    else:
        f_a1 = 4 * a1 if -8191 <= a1 <= 8191 else (32764 if a1 > 0 else -32764)
        gain = ((-16384 if pk0 ^ pk2 else 16384) + (f_a1 if pk0 ^ pk1 else -f_a1)) >> 7
    a2t = a2 + gain - (a2 >> 7)  # |a2| <= 0.75 and |gain| < 2^-5: no 16-bit overflow to wrap
    return -A2_LIMIT if a2t < -A2_LIMIT else (A2_LIMIT if a2t > A2_LIMIT else a2t)


def update_a1(a1: int, a2p: int, pk0: int, pk1: int, sigpk: int) -> int:
    """UPA1 and LIMD: a1(k) = (1 - 2^-8) a1 + 3 2^-8 sgn p(k) sgn p(k-1), |a1| <= 1 - 2^-4 - a2."""
    gain = 0 if sigpk else (-192 if pk0 ^ pk1 else 192)
    a1t = a1 + gain - (a1 >> 8)  # |a1| <= 1.6875 and |gain| < 2^-6: no 16-bit overflow to wrap
    bound = A1_BOUND - a2p
    return -bound if a1t < -bound else (bound if a1t > bound else a1t)


def update_zeros(
    b: list[int], dq_sign: int, dq_magnitude: int, dq_history: list[Float], leak_shift: int
) -> list[int]:
    """UPB: b_i(k) = (1 - 2^-8) b_i + 2^-7 sgn dq(k) sgn dq(k-i), for i = 1..6.

    The leak is 2^-9 at 40 kbit/s. sgn dq(k) counts as zero when dq(k) = 0, so the
    coefficients then only leak; the stored dq(k-i) keep their sign even when zero.
    """
    # (the 16-bit wrap-around of wrap16 is written out: this runs six times a sample)
    if dq_magnitude == 0:
        return [((bi - (bi >> leak_shift) + 0x8000) & 0xFFFF) - 0x8000 for bi in b]
    gain = (128, -128) if dq_sign == 0 else (-128, 128)  # indexed by the sign of dq(k-i)
    return [
        ((bi + gain[history[0]] - (bi >> leak_shift) + 0x8000) & 0xFFFF) - 0x8000
        for bi, history in zip(b, dq_history, strict=True)
    ]
