"""The rate-dependent tables of G.726: quantizer, reconstruction, W(I) and F(I), per bit rate.

Everything else in the algorithm is common to the four rates; a rate only chooses the number
of bits per ADPCM code word and these tables (G.726 clauses 2.3 to 2.6 and the fixed-point
tables of clause 4). Values are in the Recommendation's fixed-point units:

- decision levels and reconstruction levels of the normalized quantizer, log2 |d| - y, in
  units of 1/128 (7 fractional bits); -2048 stands for minus infinity (a zero output);
- W(I), the scale factor multiplier, in units of 1/16;
- F(I), the adaptation speed function, as an integer 0..7.

Every table is indexed by the quantizer output magnitude |I| (0 = the lowest interval).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MINUS_INFINITY = -2048  # reconstruction level of the zero output, below every Y(k)/4 offset


@dataclass(frozen=True, slots=True)
class RateTables:
    """The quantizer characteristics of one bit rate."""

    rate: int  # kbit/s
    bits: int  # bits per ADPCM code word
    decision_levels: tuple[int, ...]  # lower edge of the intervals |I| = 1, 2, ...
    reconstruction_levels: tuple[int, ...]  # DQLN for |I| = 0, 1, ...
    scale_multipliers: tuple[int, ...]  # W(|I|)
    speed_function: tuple[int, ...]  # F(|I|)
    has_zero_level: bool  # the lowest interval outputs zero (all rates but 16 kbit/s)
    predictor_leak_shift: int  # leak of the sixth-order predictor b_i: 2^-8, or 2^-9 at 40 kbit/s

    # The same tables indexed by the code word I(k) itself, filled in by __post_init__.
    code_sign: tuple[int, ...] = field(init=False, repr=False)  # 1 for a negative code word
    code_magnitude: tuple[int, ...] = field(init=False, repr=False)  # |I(k)|
    code_for_magnitude: tuple[tuple[int, ...], tuple[int, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        codes = range(1 << self.bits)
        signs = tuple(code >> (self.bits - 1) for code in codes)
        # a negative code word is the one's complement of its magnitude
        magnitudes = tuple(self.all_ones - code if code >> (self.bits - 1) else code for code in codes)
        positive = tuple(range(len(self.reconstruction_levels)))
        negative = tuple(self.all_ones - magnitude for magnitude in positive)
        if self.has_zero_level:
            # the zero level is sent as the all-ones word (negative zero) whatever the sign
            positive = (self.all_ones, *positive[1:])
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


RATE_16 = RateTables(
    rate=16,
    bits=2,
    decision_levels=(261,),
    reconstruction_levels=(116, 365),
    scale_multipliers=(-22, 439),
    speed_function=(0, 7),
    has_zero_level=False,
    predictor_leak_shift=8,
)

RATE_24 = RateTables(
    rate=24,
    bits=3,
    decision_levels=(8, 218, 331),
    reconstruction_levels=(MINUS_INFINITY, 135, 273, 373),
    scale_multipliers=(-4, 30, 137, 582),
    speed_function=(0, 1, 2, 7),
    has_zero_level=True,
    predictor_leak_shift=8,
)

RATE_32 = RateTables(
    rate=32,
    bits=4,
    decision_levels=(-124, 80, 178, 246, 300, 349, 400),
    reconstruction_levels=(MINUS_INFINITY, 4, 135, 213, 273, 323, 373, 425),
    scale_multipliers=(-12, 18, 41, 64, 112, 198, 355, 1122),
    speed_function=(0, 0, 0, 1, 1, 1, 3, 7),
    has_zero_level=True,
    predictor_leak_shift=8,
)

RATE_40 = RateTables(
    rate=40,
    bits=5,
    decision_levels=(-122, -16, 68, 139, 198, 250, 298, 339, 378, 413, 445, 475, 502, 528, 553),
    reconstruction_levels=(
        MINUS_INFINITY, -66, 28, 104, 169, 224, 274, 318,
        358, 395, 429, 459, 488, 514, 539, 566,
    ),
    scale_multipliers=(14, 14, 24, 39, 40, 41, 58, 100, 141, 179, 219, 280, 358, 440, 529, 696),
    speed_function=(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6),
    has_zero_level=True,
    predictor_leak_shift=9,
)

RATES: dict[int, RateTables] = {t.rate: t for t in (RATE_16, RATE_24, RATE_32, RATE_40)}
