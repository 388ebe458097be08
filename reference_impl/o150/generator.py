"""The O.150 pattern generator: the shift register of clause 5, and jumping ahead in it.

The register is held as an integer whose bit i-1 is stage Q_i. Each clock outputs Q_n (then
inverted, or forced to ONE, as the pattern requires) and shifts Q_tap XOR Q_n into Q_1. Every
generator starts with all stages at ONE, which O.150 fixes for the 2^9-1 pattern ("begins with
the first ONE of 9 consecutive ONEs") and recbench uses for all, so the first bits are defined.
"""

from __future__ import annotations

from collections.abc import Sequence

from reference_impl.o150.patterns import TestPattern


class PatternGenerator:
    """Produces one O.150 pattern bit by bit, from a given register state."""

    def __init__(self, pattern: TestPattern, state: int | None = None) -> None:
        self.pattern = pattern
        self._mask = (1 << pattern.stages) - 1
        self.state = self._mask if state is None else state
        if not 0 < self.state <= self._mask:
            raise ValueError(f"register state {self.state:#x} is zero or wider than {pattern.stages} stages")
        zeros = pattern.zero_suppression
        # stages n-1 down to n-zeros hold the next `zeros` output bits
        self._lookahead = 0 if zeros is None else ((1 << zeros) - 1) << (pattern.stages - 1 - zeros)

    @classmethod
    def synchronised_to(cls, pattern: TestPattern, window: Sequence[int]) -> PatternGenerator:
        """A generator whose next n register outputs are ``window`` (as sent, before inversion)."""
        if len(window) != pattern.stages:
            raise ValueError(f"{pattern.name} needs {pattern.stages} bits to synchronise; got {len(window)}")
        state = 0
        for bit in window:  # the first bit goes out first, so it sits in stage n
            state = (state << 1) | (bit ^ pattern.inverted)
        if state == 0:
            raise ValueError(f"{pattern.stages} bits that put every stage at zero cannot come from {pattern.name}")
        return cls(pattern, state)

    def next_bit(self) -> int:
        """Output one bit of the pattern and clock the register."""
        stages, tap = self.pattern.stages, self.pattern.tap
        last = (self.state >> (stages - 1)) & 1
        output = last ^ self.pattern.inverted
        if self._lookahead and not self.state & self._lookahead:
            output = 1
        feedback = last ^ ((self.state >> (tap - 1)) & 1)
        self.state = ((self.state << 1) | feedback) & self._mask
        return output

    def bits(self, count: int) -> list[int]:
        """The next ``count`` bits of the pattern."""
        return [self.next_bit() for _ in range(count)]

    def advance(self, steps: int) -> None:
        """Clock the register ``steps`` times without output, in O(n^2 log steps) time.

        The register outputs a sequence s with s[j+n] = s[j+n-tap] + s[j] (mod 2), whose
        characteristic polynomial is c(x) = x^n + x^(n-tap) + 1. Reading the current stages as
        s[0..n-1], the bit s[j] is the sum of s[i] over the terms x^i of x^j mod c(x); so the
        state `steps` clocks later follows from x^steps mod c(x) and its next n-1 multiples by x.
        """
        if steps < 0:
            raise ValueError(f"cannot go back {-steps} steps")
        stages = self.pattern.stages
        modulus = (1 << stages) | (1 << (stages - self.pattern.tap)) | 1
        current = [(self.state >> (stages - 1 - i)) & 1 for i in range(stages)]  # s[0..n-1]
        known = sum(bit << i for i, bit in enumerate(current))
        term = _power_of_x(steps % self.pattern.period, modulus, stages)
        state = 0
        for _ in range(stages):
            state = (state << 1) | (bin(term & known).count("1") & 1)
            term = _times_x(term, modulus, stages)
        self.state = state


def _times_x(polynomial: int, modulus: int, degree: int) -> int:
    """``polynomial`` times x, reduced modulo ``modulus`` (of the given degree)."""
    polynomial <<= 1
    if polynomial >> degree:
        polynomial ^= modulus
    return polynomial


def _multiply(left: int, right: int, modulus: int, degree: int) -> int:
    """Product of two polynomials over GF(2), reduced modulo ``modulus``."""
    product = 0
    while right:
        if right & 1:
            product ^= left
        right >>= 1
        left = _times_x(left, modulus, degree)
    return product


def _power_of_x(exponent: int, modulus: int, degree: int) -> int:
    """x^exponent modulo ``modulus``, by repeated squaring."""
    result, base = 1, 0b10
    while exponent:
        if exponent & 1:
            result = _multiply(result, base, modulus, degree)
        base = _multiply(base, base, modulus, degree)
        exponent >>= 1
    return result


def pattern_bits(pattern: TestPattern, offset: int, count: int) -> list[int]:
    """Bits ``offset`` to ``offset + count - 1`` of the pattern, counted from its first bit."""
    generator = PatternGenerator(pattern)
    generator.advance(offset)
    return generator.bits(count)
