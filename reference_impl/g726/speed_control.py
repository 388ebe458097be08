"""Adaptation speed control (G.726 clause 2.6): FILTA, FILTB, SUBTC, FILTC, TRIGA and LIMA.

Short- and long-term averages of F(I) (dms, dml) drive the unlimited speed control
parameter ap(k); al(k) is ap limited to 1. Units: F(I) integer, dms in 1/512 (so F << 9),
dml in 1/2048, ap in 1/256 (so 256 = 1), al in 1/64.
"""

from __future__ import annotations

AP_AT_TRANSITION = 256  # ap is forced to 1 when the transition detector fires
Y_SPEED_THRESHOLD = 1536  # y(k) below 3 (in 1/512) always counts as a fast-changing signal


def limit_speed(ap: int) -> int:
    """LIMA: al(k) = 1 if ap(k-1) > 1, else ap(k-1), in 1/64."""
    return 64 if ap >= 256 else ap >> 2


def update_short_average(f: int, dms: int) -> int:
    """FILTA: dms(k) = (1 - 2^-5) dms(k-1) + 2^-5 F[I(k)]."""
    return dms + (((f << 9) - dms) >> 5)


def update_long_average(f: int, dml: int) -> int:
    """FILTB: dml(k) = (1 - 2^-7) dml(k-1) + 2^-7 F[I(k)]."""
    return dml + (((f << 11) - dml) >> 7)


def update_speed(ap: int, dms: int, dml: int, tone: int, y: int, transition: int) -> int:
    """SUBTC, FILTC and TRIGA: ap(k) from the new averages, tone flag and scale factor."""
    if transition:
        return AP_AT_TRANSITION
    difference = (dms << 2) - dml
    stationary = (
        y >= Y_SPEED_THRESHOLD and abs(difference) < (dml >> 3) and not tone
    )
    target = 0 if stationary else 1 << 9
    return ap + ((target - ap) >> 4)
