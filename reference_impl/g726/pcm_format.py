"""Input and output PCM format conversion (G.726 clauses 2.1 and 3.6): EXPAND and COMPRESS.

The ADPCM algorithm works on 14-bit two's complement uniform PCM, sl(k). Log PCM goes
through G.711 (the reference_impl.g711 functions, which work on 16-bit left-justified
samples, so the 14-bit value is the 16-bit one shifted right by 2).

Uniform ("linear") input and output follow G.726 Annex A (11/1994), which is not part of the
1990 edition: 16-bit samples whose 14 most significant bits are coded, and an output
limited to 14 bits (block LIMO) with no synchronous coding adjustment.
"""

from __future__ import annotations

from reference_impl.g711 import alaw_compress, alaw_expand, ulaw_compress, ulaw_expand

A_LAW = "A"
MU_LAW = "mu"
LINEAR = "linear"
LAWS = (A_LAW, MU_LAW, LINEAR)

SL_MIN, SL_MAX = -8192, 8191  # 14-bit two's complement


# G.711 decoding of all 256 words of each law, on the 14-bit scale (looked up every sample)
_UNIFORM = {
    A_LAW: tuple(alaw_expand(word) >> 2 for word in range(256)),
    MU_LAW: tuple(ulaw_expand(word) >> 2 for word in range(256)),
}


def expand(word: int, law: str) -> int:
    """EXPAND: sl(k), the 14-bit uniform value of an input PCM word."""
    if law == LINEAR:
        return word >> 2
    return _UNIFORM[law][word]


def compress(sr: int, law: str) -> int:
    """COMPRESS (or LIMO for uniform output): the output PCM word sp(k) for sr(k).

    sr(k) is 16-bit two's complement on the 14-bit scale of sl(k). The Recommendation
    converts it to sign and 15-bit magnitude before coding; -32768 has no such magnitude and
    comes out as a negative zero, coded as the smallest negative level (the official
    sequence ri40fa.o holds the one case where this matters).
    """
    if law == LINEAR:
        return min(max(sr, SL_MIN), SL_MAX) << 2
    negative = sr < 0
    magnitude = (-sr & 0x7FFF) if negative else sr  # IM: 15 bits, so -32768 gives 0
    if law == A_LAW:
        # A-law codes 13 bits: a positive magnitude is halved rounding down, a negative one
        # rounding up (IMAG = (IM + 1) >> 1). alaw_compress then puts a negative value lying
        # on a decision level into the level nearer zero, as the Recommendation's table does.
        if not negative:
            return alaw_compress(min((magnitude >> 1) << 3, 32767))
        halved = (magnitude + 1) >> 1
        # a negative zero is nearer zero than any negative level: -1 codes it so
        return alaw_compress(-min(halved << 3, 32768) if halved else -1)
    # mu-law codes the 14-bit magnitude the same way for either sign
    code = ulaw_compress(min(magnitude << 2, 32767))
    return code & 0x7F if negative else code
