"""The adaptive predictor of one sub-band: a second-order pole section and a sixth-order zero section.

Both sub-band ADPCM coders of G.722 use the same predictor (blocks PARREC, RECONS, UPPOL2,
UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ and PREDIC). The Recommendation names its variables
per band, with an L or H suffix (AL1 or AH1, BL1..BL6 or BH1..BH6, DLT or DH, PLT or PH,
RLT or RH, SZL or SZH, SL or SH); here they carry the band-neutral part of the name.

Units: the coefficients A1, A2 and B1..B6 are in 2**-14 (A1 = 16384 is 1.0); signals are
16-bit words. Every product is truncated to the word (an arithmetic shift right by 15) before
it is summed, as the Recommendation specifies.
"""

from __future__ import annotations

from reference_impl.g722.wordlength import WORD_MAX, WORD_MIN, saturate

ZERO_SECTION_ORDER = 6

# Leakage factors of the coefficient updates, in 2**-15.
POLE2_LEAK = 32512  # 1 - 2**-7
POLE1_LEAK = 32640  # 1 - 2**-8
ZERO_LEAK = 32640  # 1 - 2**-8

A2_LIMIT = 12288  # |A2| <= 0.75
A1_MARGIN = 15360  # |A1| <= 1 - 2**-4 - A2
A2_STEP = 128  # 2**-7
A1_STEP = 192  # 3 * 2**-8
B_STEP = 128  # 2**-7


class AdaptivePredictor:
    """Signal estimate S of one sub-band, adapted by each quantised difference signal D.

    A new instance is in the reset state: every variable zero.
    """

    __slots__ = ("a1", "a2", "b", "d", "p1", "p2", "r1", "r2", "s", "sz")

    def __init__(self) -> None:
        self.a1 = 0  # A1, A2: pole section coefficients
        self.a2 = 0
        self.b = [0] * ZERO_SECTION_ORDER  # B1..B6: zero section coefficients
        self.d = [0] * ZERO_SECTION_ORDER  # D1..D6: past quantised difference signals
        self.p1 = 0  # P1, P2: past partially reconstructed signals
        self.p2 = 0
        self.r1 = 0  # R1, R2: past reconstructed signals
        self.r2 = 0
        self.sz = 0  # SZ: output of the zero section
        self.s = 0  # S: signal estimate for the next sample

    def adapt(self, d: int) -> int:
        """Take the quantised difference D of this sample; return the estimate S for the next.

        Two signs are "the same" when both are negative or both are not: the Recommendation
        takes the sign of a zero sample as positive in every comparison below.
        """
        # PARREC: partially reconstructed signal P = D + SZ. Only its sign is ever used, and
        # limiting a sum to 16 bits never changes its sign, so no limiting is needed.
        p = d + self.sz
        # RECONS: reconstructed signal R = S + D.
        r = saturate(self.s + d)

        a1, a2, p1 = self.a1, self.a2, self.p1
        p_follows_p1 = (p ^ p1) >= 0

        # UPPOL2: A2 <- (1 - 2**-7) A2 + 2**-7 sgn(P) sgn(P2) - 2**-7 f(A1) sgn(P) sgn(P1),
        # with f(A1) = 4 A1 limited to the 16-bit word (that is, to +-2 in these units). The
        # negation is limited too: -(-32768) becomes 32767, which the STL sequences exercise.
        tilt = saturate(4 * a1)
        if p_follows_p1:
            tilt = saturate(-tilt)
        a2 = (
            ((a2 * POLE2_LEAK) >> 15)
            + (tilt >> 7)
            + (A2_STEP if (p ^ self.p2) >= 0 else -A2_STEP)
        )
        if a2 > A2_LIMIT:
            a2 = A2_LIMIT
        elif a2 < -A2_LIMIT:
            a2 = -A2_LIMIT

        # UPPOL1: A1 <- (1 - 2**-8) A1 + 3 * 2**-8 sgn(P) sgn(P1), limited to
        # |A1| <= 1 - 2**-4 - A2 (with the new A2) to keep the pole section stable.
        a1 = ((a1 * POLE1_LEAK) >> 15) + (A1_STEP if p_follows_p1 else -A1_STEP)
        bound = A1_MARGIN - a2
        if a1 > bound:
            a1 = bound
        elif a1 < -bound:
            a1 = -bound

        # UPZERO: Bi <- (1 - 2**-8) Bi + 2**-7 sgn(D) sgn(Di); no step at all when D is zero.
        # |Bi| stays within the 16-bit word by construction, so no limiting is needed.
        # (Both lists always hold six values. zip() is called without strict=True here and in
        # FILTEZ because the keyword argument alone adds some 15% to the cost of a sample.)
        step = B_STEP if d else 0
        self.b = b = [
            ((bi * ZERO_LEAK) >> 15) + (step if (di ^ d) >= 0 else -step)
            for bi, di in zip(self.b, self.d)  # noqa: B905
        ]

        # DELAYA: shift the delay lines by one sample.
        self.d = past_d = [d, *self.d[:-1]]
        self.a1, self.a2 = a1, a2
        self.p1, self.p2 = p, p1
        self.r1, r2 = r, self.r1
        self.r2 = r2

        # FILTEP: pole section output SP = A1 R1 + A2 R2 (R doubled and limited to the word,
        # then each product truncated: A * 2R / 2**15 is A R / 2**14).
        sp = saturate(((a1 * saturate(r + r)) >> 15) + ((a2 * saturate(r2 + r2)) >> 15))

        # FILTEZ: zero section output SZ = sum of Bi Di, accumulated from B6 D6 down to B1 D1
        # with every partial sum limited to the word. Di never exceeds 10228 in magnitude, so
        # doubling it cannot overflow.
        sz = 0
        for bi, di in zip(b[::-1], past_d[::-1]):  # noqa: B905
            sz += (bi * (di + di)) >> 15
            if sz > WORD_MAX:
                sz = WORD_MAX
            elif sz < WORD_MIN:
                sz = WORD_MIN
        self.sz = sz

        # PREDIC: signal estimate S = SP + SZ.
        self.s = saturate(sp + sz)
        return self.s
