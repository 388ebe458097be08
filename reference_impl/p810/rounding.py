"""Turning the MNRU's floating-point output back into 16-bit samples, as the STL programs do."""

from __future__ import annotations

import math
from collections.abc import Iterable

INT16_MIN, INT16_MAX = -32768, 32767


def round_normalised(values: Iterable[float]) -> list[int]:
    """Samples in -1..1 to 16-bit words: scaled by 32768, rounded half away from zero, clipped.

    This is the STL's fl2sh with rounding, which the narrow-band demonstration program uses.
    """
    words = []
    for value in values:
        scaled = value * 32768.0
        scaled = scaled + 0.5 if scaled >= 0.0 else scaled - 0.5
        words.append(INT16_MAX if scaled > INT16_MAX else INT16_MIN if scaled < INT16_MIN else math.trunc(scaled))
    return words


def round_full_scale(values: Iterable[float], *, wrap: bool) -> list[int]:
    """Samples in 16-bit units to words, rounded half away from zero (p50fbmnru's conversion).

    Values beyond the 16-bit range are clamped, or with ``wrap`` kept to their low 16 bits as
    the STL's ``--overflow`` option leaves them (a C conversion through a 32-bit integer).
    """
    words = []
    for value in values:
        rounded = math.trunc(value + 0.5) if value > 0.0 else math.trunc(value - 0.5)
        if INT16_MIN <= rounded <= INT16_MAX:
            words.append(rounded)
        elif wrap:
            words.append(((rounded & 0xFFFF) ^ 0x8000) - 0x8000)
        else:
            words.append(INT16_MAX if rounded > 0 else INT16_MIN)
    return words
