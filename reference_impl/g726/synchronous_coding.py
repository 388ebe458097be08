"""Synchronous coding adjustment (G.726 clause 3.7): block SYNC.

The decoder re-quantizes its own log PCM output sp(k) as the next encoder in a tandem
would, and nudges sp(k) one PCM level up or down when that would not reproduce the received
ADPCM code I(k). Tandem ADPCM - PCM - ADPCM links then add no further distortion.
"""

from __future__ import annotations

from reference_impl.g726.adaptive_quantizer import quantize
from reference_impl.g726.pcm_format import A_LAW, expand
from reference_impl.g726.quantizer_tables import RateTables


def _alaw_level(code: int) -> int:
    """Signed position of an A-law code on the value axis: -128 .. 127, no zero level."""
    value = code ^ 0x55
    magnitude = value & 0x7F
    return magnitude if value & 0x80 else -magnitude - 1


def _alaw_code(level: int) -> int:
    value = level | 0x80 if level >= 0 else -level - 1
    return value ^ 0x55


def _mulaw_step(code: int, up: bool) -> int:
    """The mu-law code one level up or down; both zero codes (0xFF, 0x7F) stand for 0."""
    positive = code & 0x80
    magnitude = 0x7F - (code & 0x7F)  # 0 for the zero level, 127 for the largest
    level = magnitude if positive else -magnitude
    if up:
        if not positive and magnitude == 0:
            return 0xFF  # negative zero steps up to positive zero
        level = min(level + 1, 127)
    else:
        level = max(level - 1, -127)
    if level > 0 or (level == 0 and positive):
        return 0x80 | (0x7F - level)
    return 0x7F - (-level)


def _step(code: int, law: str, up: bool) -> int:
    if law == A_LAW:
        level = _alaw_level(code)
        return _alaw_code(min(level + 1, 127) if up else max(level - 1, -128))
    return _mulaw_step(code, up)


def _order(code: int, tables: RateTables) -> int:
    """Position of an ADPCM code on the signal axis: the sign bit inverted."""
    return code ^ tables.sign_bit


def adjust(sp: int, code: int, se: int, y: int, law: str, tables: RateTables) -> int:
    """SYNC: sd(k), the output PCM word after the synchronous coding adjustment."""
    requantized = quantize(expand(sp, law) - se, y, tables)
    if requantized == code:
        return sp
    return _step(sp, law, up=_order(requantized, tables) < _order(code, tables))
