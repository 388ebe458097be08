"""Transition detector of ITU-T G.727 (block TRANS).

The same rule as G.726 clause 2.8 (reference_impl.g726.tone_transition), tr(k) = 1 when
td(k-1) is set and |dq(k)| > 24 * 2^yl(k-1), but with G.727's own limit for a large yl:
G.726 caps the threshold from an integer part of yl above 9, G.727 from one above 8, at half
G.726's cap (its dq has a 14-bit magnitude). The tone detector (TONE) is G.726's.
"""

from __future__ import annotations

THRESHOLD_CAP = 31 << 9


def transition_detected(td: int, yl: int, dq_magnitude: int) -> int:
    """TRANS: tr(k) from td(k-1), yl(k-1) (1/32768) and |dq(k)|."""
    if not td:
        return 0
    integer_part = yl >> 15
    fraction = (yl >> 10) & 0x1F  # 5 fractional bits of yl(k-1)
    threshold = (32 + fraction) << integer_part if integer_part <= 8 else THRESHOLD_CAP
    return 1 if dq_magnitude > (threshold + (threshold >> 1)) >> 1 else 0
