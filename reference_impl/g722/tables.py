"""Constant tables of ITU-T G.722, in the fixed-point units the Recommendation's blocks use.

Every table is indexed the way its block indexes it (by code word, by quantiser interval or by
the 5-bit mantissa of the log scale factor), so a reader can hold it beside the block text.
"""

from __future__ import annotations

# Transmit and receive QMF: the 24 coefficients h0..h23 in units of 2**-13. The filter is
# linear-phase, so h(23 - i) == h(i); only the 12 independent values are written out.
_QMF_HALF = (3, -11, -11, 53, 12, -156, 32, 362, -210, -805, 951, 3876)
QMF_COEFFICIENTS: tuple[int, ...] = _QMF_HALF + tuple(reversed(_QMF_HALF))

# QUANTL: the 6-bit lower sub-band quantiser's decision levels Q6(MIL), MIL = 1..29, for a
# unit scale factor in units of 2**-12 (index 0 is unused). Interval MIL spans
# Q6(MIL) <= |EL| / DETL < Q6(MIL+1); interval 30 is open-ended.
Q6: tuple[int, ...] = (
    0, 35, 72, 110, 150, 190, 233, 276, 323, 370,
    422, 473, 530, 587, 650, 714, 786, 858, 940, 1023,
    1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919,
)  # fmt: skip

# QUANTL: the 6-bit code IL emitted for quantiser interval MIL (1..30) of a negative (ILN) or
# positive-or-zero (ILP) difference signal. Codes 0..3 are never emitted.
ILN: tuple[int, ...] = (
    0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
    18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4,
)  # fmt: skip
ILP: tuple[int, ...] = (
    0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
    46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32,
)  # fmt: skip

# Inverse quantiser outputs for a unit scale factor, in units of 2**-15 (scaled by 8 from
# the Recommendation's 12-bit representation), indexed by code word.
# QQ6: 6-bit code IL (mode 1 decoder, INVQBL). Codes 0..3 are not emitted by the encoder;
# the table still gives them an output so that any received code decodes.
QQ6: tuple[int, ...] = (
    -136, -136, -136, -136, -24808, -21904, -19008, -16704,
    -14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
    -7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
    -3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
    24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
    10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
    4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
    1688, 1360, 1040, 728, 432, 136, -432, -136,
)  # fmt: skip
# QQ5: the 5-bit code IL >> 1 (mode 2 decoder, INVQBL).
QQ5: tuple[int, ...] = (
    -280, -280, -23352, -17560, -14120, -11664, -9752, -8184,
    -6864, -5712, -4696, -3784, -2960, -2208, -1520, -880,
    23352, 17560, 14120, 11664, 9752, 8184, 6864, 5712,
    4696, 3784, 2960, 2208, 1520, 880, 280, -280,
)  # fmt: skip
# QQ4: the 4-bit code ILR = IL >> 2 (INVQAL in encoder and decoder, mode 3 INVQBL).
QQ4: tuple[int, ...] = (
    0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
    20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
)  # fmt: skip

# LOGSCL: log scale factor multiplier WL, indexed by the 3-bit magnitude RIL of the 4-bit
# code; RIL is given per 4-bit code word ILR by RIL_OF_ILR.
WL: tuple[int, ...] = (-60, -30, 58, 172, 334, 538, 1198, 3042)
RIL_OF_ILR: tuple[int, ...] = (0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0)

# SCALEL / SCALEH: ILB, the inverse logarithm 2048 * 2**(i/32) of the log scale factor's
# 5-bit mantissa, rounded to an integer.
ILB: tuple[int, ...] = (
    2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383,
    2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
    2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371,
    3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
)  # fmt: skip

# QUANTH: the single decision level of the 2-bit higher sub-band quantiser (units of 2**-12).
Q2 = 564
# QUANTH: the 2-bit code IH for interval MIH (1 or 2) of a negative (IHN) or positive (IHP) signal.
IHN: tuple[int, ...] = (0, 1, 0)
IHP: tuple[int, ...] = (0, 3, 2)
# INVQAH / INVQBH: inverse quantiser output (units of 2**-15), indexed by IH.
QQ2: tuple[int, ...] = (-7408, -1616, 7408, 1616)
# LOGSCH: log scale factor multiplier WH, indexed by the magnitude RIH of IH (RIH_OF_IH).
WH: tuple[int, ...] = (0, -214, 798)
RIH_OF_IH: tuple[int, ...] = (2, 1, 2, 1)
