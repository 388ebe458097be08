"""The two word-length limits of G.722's fixed-point arithmetic."""

from __future__ import annotations

WORD_MAX = 32767
WORD_MIN = -32768
SUBBAND_MAX = 16383
SUBBAND_MIN = -16384


def saturate(value: int) -> int:
    """Limit a sum or difference to the 16-bit two's complement word it is stored in."""
    if value > WORD_MAX:
        return WORD_MAX
    if value < WORD_MIN:
        return WORD_MIN
    return value


def limit(value: int) -> int:
    """Block LIMIT: clip a sub-band signal to the 15-bit range -16384..16383."""
    if value > SUBBAND_MAX:
        return SUBBAND_MAX
    if value < SUBBAND_MIN:
        return SUBBAND_MIN
    return value
