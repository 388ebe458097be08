"""Second-order IIR sections of the STL (cascade and parallel form), in single precision.

Both structures keep coefficients and delay lines in single precision and mix in double-
precision constants (gain, direct path) as the STL's C expressions do; each operation is
rounded where the C code rounds it (a float product, a float sum, an assignment to a float).
Down-sampling by D outputs at input instants 0, D, 2D, ...; up-sampling by U feeds U - 1 zeros
after each input sample and outputs at every instant.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass


def _output_length(count: int, factor: int, upsampling: bool) -> int:
    return count * factor if upsampling else -(-count // factor)


def _rate_frame(signal: Sequence[float], factor: int, upsampling: bool) -> tuple[Sequence[float], int]:
    """The samples a filter runs over and every how many of them it outputs (module docstring)."""
    if upsampling:
        return [value if k % factor == 0 else 0.0 for value in signal for k in range(factor)], 1
    return signal, factor


@dataclass(frozen=True)
class CascadeIir:
    """Sections in cascade: section n is (1 + a1 z^-1 + a2 z^-2) / (1 + b1 z^-1 + b2 z^-2)."""

    numerators: tuple[float, ...]  # a1, a2 of each section
    denominators: tuple[float, ...]  # b1, b2 of each section
    gain: float
    factor: int = 1
    upsampling: bool = False

    def output_length(self, count: int) -> int:
        """How many outputs ``count`` inputs give."""
        return _output_length(count, self.factor, self.upsampling)

    def apply(self, signal: Sequence[float]) -> list[float]:
        """Filter single-precision ``signal`` from a zero state."""
        cell = array("f", [0.0])
        sections = [
            (self.numerators[2 * n], self.numerators[2 * n + 1], self.denominators[2 * n], self.denominators[2 * n + 1])
            for n in range(len(self.numerators) // 2)
        ]
        state = [[0.0, 0.0, 0.0, 0.0] for _ in sections]  # x(k-1), x(k-2), y(k-1), y(k-2)
        gain = self.gain
        inputs, keep = _rate_frame(signal, self.factor, self.upsampling)
        out = []
        for index, sample in enumerate(inputs):
            x = sample
            y = 0.0
            for (a1, a2, b1, b2), memory in zip(sections, state, strict=True):
                cell[0] = a1 * memory[0]
                y = x + cell[0]
                cell[0] = a2 * memory[1]
                y += cell[0]
                cell[0] = b1 * memory[2]
                feedback = cell[0]
                cell[0] = b2 * memory[3]
                cell[0] = feedback + cell[0]
                y -= cell[0]
                memory[1] = memory[0]
                cell[0] = x
                memory[0] = cell[0]
                memory[3] = memory[2]
                cell[0] = y
                memory[2] = cell[0]
                x = y
            if index % keep == 0:
                cell[0] = y * gain
                out.append(cell[0])
        return out


@dataclass(frozen=True)
class ParallelIir:
    """Sections in parallel after a direct path: y = gain (K x + sum of the sections' outputs).

    Section n holds w(k) = 2 (x(k) - c1 w(k-2) - c2 w(k-1)) and outputs
    b3 w(k) + b2 w(k-1) + b1 w(k-2) (the STL's b[n][2], b[n][1], b[n][0]).
    """

    numerators: tuple[float, ...]  # b1, b2, b3 of each section
    denominators: tuple[float, ...]  # c1, c2 of each section
    direct: float
    gain: float
    factor: int = 1
    upsampling: bool = False

    def output_length(self, count: int) -> int:
        """How many outputs ``count`` inputs give."""
        return _output_length(count, self.factor, self.upsampling)

    def apply(self, signal: Sequence[float]) -> list[float]:
        """Filter single-precision ``signal`` from a zero state."""
        cell = array("f", [0.0])
        sections = [
            (*self.numerators[3 * n : 3 * n + 3], *self.denominators[2 * n : 2 * n + 2])
            for n in range(len(self.denominators) // 2)
        ]
        state = [[0.0, 0.0] for _ in sections]  # w(k-2), w(k-1)
        direct, gain = self.direct, self.gain
        inputs, keep = _rate_frame(signal, self.factor, self.upsampling)
        out = []
        for index, x in enumerate(inputs):
            emit = index % keep == 0
            if emit:
                cell[0] = direct * x
                y = cell[0]
            for (b1, b2, b3, c1, c2), memory in zip(sections, state, strict=True):
                cell[0] = c1 * memory[0]
                cell[0] = x - cell[0]
                partial = cell[0]
                cell[0] = c2 * memory[1]
                cell[0] = partial - cell[0]
                w = 2.0 * cell[0]  # exact: the doubling of a float stays a float
                if emit:
                    cell[0] = b3 * w
                    term = cell[0]
                    cell[0] = b2 * memory[1]
                    cell[0] = term + cell[0]
                    term = cell[0]
                    cell[0] = b1 * memory[0]
                    cell[0] = term + cell[0]
                    cell[0] = y + cell[0]
                    y = cell[0]
                memory[0] = memory[1]
                memory[1] = w
            if emit:
                cell[0] = y * gain
                out.append(cell[0])
        return out
