"""Generator polynomials over GF(2), written as the Recommendations print them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratorPolynomial:
    """A generator polynomial given by the exponents of its terms, e.g. (16, 12, 5, 0)."""

    exponents: tuple[int, ...]

    def __post_init__(self) -> None:
        if not self.exponents or 0 not in self.exponents or min(self.exponents) < 0:
            raise ValueError(f"{self.exponents} is not a generator polynomial with a constant term")
        if len(set(self.exponents)) != len(self.exponents):
            raise ValueError(f"{self.exponents} repeats a term")

    @property
    def degree(self) -> int:
        """Degree of the polynomial: the number of check bits it produces."""
        return max(self.exponents)

    @property
    def coefficients(self) -> int:
        """All coefficients as an integer whose bit i is the coefficient of x^i."""
        return sum(1 << exponent for exponent in self.exponents)

    @property
    def feedback(self) -> int:
        """The coefficients below x^degree: the stages a dividing register feeds back into."""
        return self.coefficients ^ (1 << self.degree)

    def __str__(self) -> str:
        terms = []
        for exponent in sorted(self.exponents, reverse=True):
            terms.append("1" if exponent == 0 else "x" if exponent == 1 else f"x^{exponent}")
        return " + ".join(terms)
