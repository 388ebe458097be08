"""Quantizer scale factor adaptation (G.726 clause 2.5): blocks MIX, FILTD, LIMB and FILTE.

The scale factor y(k) mixes a fast (unlocked) factor yu(k) and a slow (locked) factor
yl(k) with the speed control parameter al(k). Units: y and yu in 1/512 (9 fractional bits),
yl in 1/32768 (15 fractional bits), W(I) in 1/16, al in 1/64.
"""

from __future__ import annotations

YU_MIN = 544  # 1.06
YU_MAX = 5120  # 10.00


def mix(al: int, yu: int, yl: int) -> int:
    """MIX: y(k) = al yu(k-1) + (1 - al) yl(k-1); the product truncates its magnitude."""
    slow = yl >> 6
    difference = yu - slow
    if difference >= 0:
        return slow + ((difference * al) >> 6)
    return slow - ((-difference * al) >> 6)


def update_fast_factor(w: int, y: int) -> int:
    """FILTD and LIMB: yu(k) = (1 - 2^-5) y(k) + 2^-5 W(I), limited to [1.06, 10]."""
    yu = y + (((w << 5) - y) >> 5)
    return YU_MIN if yu < YU_MIN else (YU_MAX if yu > YU_MAX else yu)


def update_slow_factor(yu: int, yl: int) -> int:
    """FILTE: yl(k) = (1 - 2^-6) yl(k-1) + 2^-6 yu(k)."""
    return yl + yu + ((-yl) >> 6)
