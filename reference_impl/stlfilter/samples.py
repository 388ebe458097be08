"""16-bit samples to the STL filters' normalised single-precision values and back (sh2fl, fl2sh)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

ROUNDINGS = ("nearest", "truncate")


def checked_words(values: Sequence[int]) -> list[int]:
    """The samples as a list, or ValueError naming the first one that is not a 16-bit integer."""
    words = list(values)
    for index, value in enumerate(words):
        if isinstance(value, bool) or not isinstance(value, int) or not -32768 <= value <= 32767:
            raise ValueError(f"samples[{index}] is {value!r}, not a 16-bit integer")
    return words


def from_words(samples: Sequence[int]) -> list[float]:
    """Samples divided by 32768 (exact in single precision)."""
    return [word / 32768.0 for word in samples]


def to_words(values: Iterable[float], rounding: str = "nearest") -> list[int]:
    """Normalised values times 32768, rounded half away from zero (or truncated), clipped to 16 bits."""
    if rounding not in ROUNDINGS:
        raise ValueError(f"rounding is {rounding!r}: expected nearest or truncate")
    half = 0.5 if rounding == "nearest" else 0.0
    words = []
    for value in values:
        scaled = value * 32768.0
        scaled = scaled + half if scaled >= 0.0 else scaled - half
        words.append(32767 if scaled > 32767.0 else -32768 if scaled < -32768.0 else math.trunc(scaled))
    return words
