"""Tone and transition detector (G.726 clause 2.8): blocks TONE and TRANS.

A partial-band signal (such as an FSK modem tone) shows as a strongly negative a2; when such
a signal ends, a large quantized difference trips the transition detector, which resets the
predictor and forces fast adaptation (TRIGA, TRIGB).
"""

from __future__ import annotations

TONE_THRESHOLD = -11776  # a2 < -0.71875


def tone_detected(a2p: int) -> int:
    """TONE: td(k) = 1 when the limited a2 is below -0.71875."""
    return 1 if a2p < TONE_THRESHOLD else 0


def transition_detected(td: int, yl: int, dq_magnitude: int) -> int:
    """TRANS: tr(k) = 1 when td(k-1) is set and |dq(k)| > 24 * 2^(yl(k-1))."""
    if not td:
        return 0
    integer_part = yl >> 15
    fraction = (yl >> 10) & 0x1F  # 5 fractional bits of yl(k-1)
    threshold = (32 + fraction) << integer_part if integer_part <= 9 else 31 << 10
    return 1 if dq_magnitude > (threshold + (threshold >> 1)) >> 1 else 0
