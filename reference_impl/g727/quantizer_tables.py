"""The embedded quantizers of ITU-T G.727 and the adaptation tables of its core quantizers.

G.727 quantizes the difference signal with a 5-, 4-, 3- or 2-bit quantizer whose decision
levels are nested: dropping the least significant bit of a code word gives the code word of
the next coarser quantizer (the "embedded" property, clause 2.3), so a network may discard
enhancement bits without telling the decoder. The adaptation (scale factor, speed control,
predictor) runs on the core bits only, so W(I) and F(I) exist for the 4-, 3- and 2-bit core
quantizers (Tables 6 to 8); there is no 5-bit core.

Units as in G.726 (reference_impl.g726.quantizer_tables): decision and reconstruction
levels of the normalized quantizer log2 |d| - y in 1/128, W(I) in 1/16, F(I) an integer.
Every table is indexed by the quantizer output magnitude |I| (0 = the lowest interval).
Unlike G.726 the lowest interval has a finite reconstruction level, and both signs of it are
sent: a negative code word is the one's complement of its magnitude, always.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Quantizer:
    """One of the embedded quantizers (Tables 1 to 5 of G.727)."""

    bits: int  # bits per code word
    decision_levels: tuple[int, ...]  # lower edge of the intervals |I| = 1, 2, ...
    reconstruction_levels: tuple[int, ...]  # DQLN for |I| = 0, 1, ...

    # The same tables indexed by the code word I(k) itself, filled in by __post_init__.
    code_sign: tuple[int, ...] = field(init=False, repr=False)  # 1 for a negative code word
    code_magnitude: tuple[int, ...] = field(init=False, repr=False)  # |I(k)|
    code_for_magnitude: tuple[tuple[int, ...], tuple[int, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.reconstruction_levels) != 1 << (self.bits - 1):
            raise ValueError(f"{self.bits}-bit quantizer: {len(self.reconstruction_levels)} levels")
        if len(self.decision_levels) != len(self.reconstruction_levels) - 1:
            raise ValueError(f"{self.bits}-bit quantizer: {len(self.decision_levels)} decision levels")
        codes = range(1 << self.bits)
        signs = tuple(code >> (self.bits - 1) for code in codes)
        magnitudes = tuple(self.all_ones - code if sign else code for code, sign in zip(codes, signs, strict=True))
        positive = tuple(range(len(self.reconstruction_levels)))
        negative = tuple(self.all_ones - magnitude for magnitude in positive)
        object.__setattr__(self, "code_sign", signs)
        object.__setattr__(self, "code_magnitude", magnitudes)
        object.__setattr__(self, "code_for_magnitude", (positive, negative))

    @property
    def sign_bit(self) -> int:
        """The code word's sign bit, 1 << (bits - 1)."""
        return 1 << (self.bits - 1)

    @property
    def all_ones(self) -> int:
        """The code word with every bit set; a negative code is this minus the magnitude."""
        return (1 << self.bits) - 1


@dataclass(frozen=True, slots=True)
class CoreAdaptation:
    """W(I) and F(I) of a core quantizer (Tables 6 to 8 of G.727), indexed by |I|."""

    scale_multipliers: tuple[int, ...]  # W(|I|), 1/16
    speed_function: tuple[int, ...]  # F(|I|)


QUANTIZERS: dict[int, Quantizer] = {
    q.bits: q
    for q in (
        Quantizer(
            bits=5,
            decision_levels=(-135, -7, 69, 123, 166, 202, 233, 261, 286, 310, 333, 356, 380, 405, 439),
            reconstruction_levels=(
                -264, -61, 34, 97, 145, 184, 217, 246, 273, 298, 321, 344, 367, 391, 419, 456,
            ),
        ),
        Quantizer(
            bits=4,
            decision_levels=(-7, 123, 202, 261, 310, 356, 405),
            reconstruction_levels=(-135, 68, 165, 232, 285, 332, 377, 428),
        ),
        Quantizer(bits=3, decision_levels=(123, 261, 356), reconstruction_levels=(-11, 199, 307, 395)),
        Quantizer(bits=2, decision_levels=(261,), reconstruction_levels=(116, 365)),
    )
}

CORE_ADAPTATION: dict[int, CoreAdaptation] = {
    4: CoreAdaptation(
        scale_multipliers=(-12, 4, 27, 50, 98, 184, 340, 1108),
        speed_function=(0, 0, 0, 1, 1, 1, 3, 7),
    ),
    3: CoreAdaptation(scale_multipliers=(-4, 30, 137, 582), speed_function=(0, 1, 2, 7)),
    2: CoreAdaptation(scale_multipliers=(-22, 439), speed_function=(0, 7)),
}

# (total bits, core bits) pairs G.727 defines: 5 bits with a core of 4, 3 or 2, and so on
BIT_COMBINATIONS = tuple(
    (total, core) for total in (5, 4, 3, 2) for core in (4, 3, 2) if core <= total
)
