"""Polyphase FIR filtering with down- or up-sampling, as the STL's hq_kernel, in single precision.

Down-sampling by D (D = 1: plain filtering) keeps the outputs at input instants 0, D, 2D, ...:
y(m) = sum over k of h(k) x(mD - k), the delay line starting at zero. Up-sampling by U
inserts U - 1 zeros after each input sample and filters, computing only the non-zero terms:
y(nU + i) = sum over j of h(i + jU) x(n - j). Every product and every partial sum is rounded
to single precision, the terms added from k = 0 (or j = 0) upwards, as the STL does.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add, mul


@dataclass(frozen=True)
class FirFilter:
    """A FIR filter of the STL: single-precision coefficients, a rate factor and its direction."""

    coefficients: tuple[float, ...]
    factor: int = 1
    upsampling: bool = False

    def output_length(self, count: int) -> int:
        """How many outputs ``count`` inputs give."""
        return count * self.factor if self.upsampling else -(-count // self.factor)

    def apply(self, signal: Sequence[float]) -> list[float]:
        """Filter single-precision ``signal`` from a zero delay line."""
        try:
            from reference_impl.stlfilter.fir_vectorised import apply_vectorised
        except ImportError:
            return self.apply_reference(signal)
        return apply_vectorised(self, signal)

    def apply_reference(self, signal: Sequence[float]) -> list[float]:
        """Pure-Python form of ``apply``, one array operation per tap."""
        if not signal:
            return []
        if self.upsampling:
            return self._up(signal)
        taps = len(self.coefficients)
        padded = array("f", [0.0] * (taps - 1)) + array("f", signal)
        count = self.output_length(len(signal))
        step = self.factor
        total = array("f", [0.0] * count)
        for k, coefficient in enumerate(self.coefficients):
            start = taps - 1 - k
            delayed = padded[start : start + (count - 1) * step + 1 : step]
            total = array("f", map(add, total, array("f", map(mul, delayed, repeat(coefficient)))))
        return total.tolist()

    def _up(self, signal: Sequence[float]) -> list[float]:
        factor = self.factor
        branch = len(self.coefficients) // factor
        padded = array("f", [0.0] * (branch - 1)) + array("f", signal)
        count = len(signal)
        out = [0.0] * (count * factor)
        for phase in range(factor):
            total = array("f", [0.0] * count)
            for j in range(branch):
                coefficient = self.coefficients[phase + j * factor]
                delayed = padded[branch - 1 - j : branch - 1 - j + count]
                total = array("f", map(add, total, array("f", map(mul, delayed, repeat(coefficient)))))
            out[phase::factor] = total.tolist()
        return out
