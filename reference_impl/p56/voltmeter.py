"""ITU-T P.56 Method B: the active speech level of a signal (clause 4 and Annex B).

The signal (normalised so that full scale, the system overload point, is 1.0) feeds two
processes:

- Process 1 accumulates the number of samples, their sum and the sum of their squares: the
  long-term (RMS) level and the DC level come from it;
- Process 2 forms the envelope q(k) by rectifying the signal and smoothing it twice with a
  time constant of 30 ms (p(k) = g p(k-1) + (1 - g) |x(k)|, q(k) = g q(k-1) + (1 - g) p(k),
  g = exp(-1 / (30 ms * fs))), and counts, for each of 15 thresholds c_j = 2^-15 .. 2^-1
  (a 6 dB ladder), the samples in which the envelope is at or above c_j or was so less than
  a hangover of 200 ms before.

The active level is where the curve of "energy over active samples" A_j (in dB) lies the
margin M = 15.9 dB above its threshold C_j: found between the two ladder steps that bracket
the margin by the ITU-T G.191 speech voltmeter's bisection (see bisect_level), whose figures
the official normalised files depend on. The
activity factor is the long-term level's power over the active level's.

The two envelope filters are a recursion, run as a plain loop on Python floats (the same IEEE
double arithmetic as the G.191 C code, in the same order). The hangover counting is a prefix
operation, vectorised with NumPy when it is installed; without it a plain loop counts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

try:
    import numpy as np
except ImportError:  # pragma: no cover - exercised by forcing the fallback in the tests
    np = None  # type: ignore[assignment]

TIME_CONSTANT = 0.03  # s, the envelope's smoothing
HANGOVER = 0.20  # s
MARGIN = 15.9  # dB
THRESHOLDS = tuple(2.0 ** -(15 - j) for j in range(15))  # c_0 = 2^-15 .. c_14 = 2^-1
BISECTION_TOLERANCE = 0.5  # dB
LOG_OFFSET = 1.0e-20  # keeps log10 finite for an all-zero signal
SILENCE_LEVEL = -100.0  # dB reported when no sample is active


@dataclass(frozen=True)
class Measurement:
    """What the voltmeter reports for a signal (levels in dB relative to full scale, dBov)."""

    active_level: float  # -100 for a silent signal
    activity: float  # activity factor, 0..1 (0 for a silent signal)
    long_term_level: float  # RMS level
    samples: int
    dc_level: float  # mean value, full scale = 1
    maximum: float  # largest value, full scale = 1
    minimum: float  # smallest value, full scale = 1


def envelope(x: Sequence[float], sampling_rate: float) -> list[float]:
    """Process 2's envelope q(k): the rectified signal smoothed twice (first-order, 30 ms)."""
    g = math.exp(-1.0 / (sampling_rate * TIME_CONSTANT))
    h = 1 - g
    p = q = 0.0
    out = []
    for value in x:
        p = g * p + h * (value if value > 0 else -value)
        q = g * q + h * p
        out.append(q)
    return out


def activity_counts(q: Sequence[float], hangover: int, *, vectorised: bool = True) -> list[int]:
    """For each threshold c_j, the samples at or above it or within ``hangover`` samples after.

    A sample is counted when the envelope reaches c_j there, or did so at most ``hangover``
    samples before (the hangover starts full, so nothing before the first crossing counts).
    """
    if np is None or not vectorised:
        return _activity_counts_loop(q, hangover)
    envelope_values = np.asarray(q, dtype=np.float64)
    positions = np.arange(len(envelope_values))
    counts = []
    for threshold in THRESHOLDS:
        crossing = np.where(envelope_values >= threshold, positions, -(hangover + 1) - 1)
        last = np.maximum.accumulate(crossing) if len(positions) else crossing
        counts.append(int(np.count_nonzero(positions - last <= hangover)))
    return counts


def _activity_counts_loop(q: Sequence[float], hangover: int) -> list[int]:
    """activity_counts without NumPy: the per-sample hangover counters of the G.191 voltmeter."""
    counts = [0] * len(THRESHOLDS)
    hang = [hangover] * len(THRESHOLDS)
    for value in q:
        for j, threshold in enumerate(THRESHOLDS):
            if value >= threshold:
                counts[j] += 1
                hang[j] = 0
            elif hang[j] < hangover:
                counts[j] += 1
                hang[j] += 1
    return counts


def bisect_level(upper: float, lower: float, upper_threshold: float, lower_threshold: float) -> float:
    """The level between two ladder steps at which A - C meets the margin, the G.191 way.

    ``upper`` is A_j (dB) of the step where A - C fell to the margin or below, ``lower`` A_(j-1);
    the thresholds are their C. The middle of the bracket moves by halves towards the margin
    until A - C is within 0.5 dB of it. As in the G.191 voltmeter, the moved bound becomes the
    new middle itself, so the bracket can stop narrowing; after 20 steps the tolerance grows
    by 10 % a step until the middle qualifies. Keeping this, rather than a textbook bisection,
    is what reproduces the STL's figures and normalised files.
    """
    tolerance = BISECTION_TOLERANCE
    if abs(upper - upper_threshold - MARGIN) < tolerance:
        return upper
    if abs(lower - lower_threshold - MARGIN) < tolerance:
        return lower
    middle = (upper + lower) / 2.0
    middle_threshold = (upper_threshold + lower_threshold) / 2.0
    iterations = 1
    while abs(difference := middle - middle_threshold - MARGIN) > tolerance:
        iterations += 1
        if iterations > 20:
            tolerance *= 1.1
        if difference > tolerance:
            middle = (upper + middle) / 2.0
            middle_threshold = (upper_threshold + middle_threshold) / 2.0
            lower, lower_threshold = middle, middle_threshold
        elif difference < -tolerance:
            middle = (middle + lower) / 2.0
            middle_threshold = (middle_threshold + lower_threshold) / 2.0
            upper, upper_threshold = middle, middle_threshold
    return middle


def measure(x: Sequence[float], sampling_rate: float, *, vectorised: bool = True) -> Measurement:
    """Active level, activity and long-term level of a signal normalised to full scale 1.0."""
    n = len(x)
    total = squares = 0.0
    for value in x:  # sequential sums, as the Recommendation's accumulators
        total += value
        squares += value * value
    hangover = math.floor(HANGOVER * sampling_rate + 0.5)
    counts = activity_counts(envelope(x, sampling_rate), hangover, vectorised=vectorised)
    long_term = 10 * math.log10(squares / n + LOG_OFFSET) if n else 10 * math.log10(LOG_OFFSET)
    active, activity = _active_level(squares, counts, long_term)
    return Measurement(
        active_level=active, activity=activity, long_term_level=long_term, samples=n,
        dc_level=total / n if n else 0.0,
        maximum=max(x) if n else 0.0, minimum=min(x) if n else 0.0,
    )


def _active_level(squares: float, counts: list[int], long_term: float) -> tuple[float, float]:
    """(active level, activity factor) from the sum of squares and the activity counts."""
    if counts[0] == 0:
        return SILENCE_LEVEL, 0.0

    def energy(j: int) -> float:  # A_j, dB
        return 10 * math.log10(squares / counts[j] + LOG_OFFSET)

    def threshold(j: int) -> float:  # C_j, dB
        return 20 * math.log10(THRESHOLDS[j] + (LOG_OFFSET if j else 0.0))

    if energy(0) - threshold(0) < MARGIN:
        return SILENCE_LEVEL, 0.0
    for j in range(1, len(THRESHOLDS)):
        if counts[j] and energy(j) - threshold(j) <= MARGIN:
            level = bisect_level(energy(j), energy(j - 1), threshold(j), threshold(j - 1))
            return level, 10 ** ((long_term - level) / 10)
    return SILENCE_LEVEL, 0.0
