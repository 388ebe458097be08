"""Estimated mean opinion score from the rating factor R (Annex B, equation B-4)."""

from __future__ import annotations

import math


def mos_from_rating(r: float) -> float:
    """MOS_CQE for a rating R: 1 below 0, 4.5 above 100, the cubic of Annex B between."""
    if isinstance(r, bool) or not isinstance(r, int | float) or not math.isfinite(r):
        raise ValueError(f"R must be a finite number, not {r!r}")
    if r < 0:
        return 1.0
    if r > 100:
        return 4.5
    return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6
