"""Lower sub-band ADPCM (clauses 3 and 4, detailed in clause 6): 6-bit encoder, 6/5/4-bit decoder.

The encoder quantises the difference between the lower sub-band signal XL and its estimate
with a 60-level adaptive quantiser (QUANTL) and sends the 6-bit code IL. Only the four most
significant bits of IL (ILR = IL >> 2) drive the adaptation of the scale factor and of the
predictor, in the encoder and in every decoder mode, so that a decoder that receives only 5 or
4 of the bits (modes 2 and 3) stays in step with the encoder: the codec is embedded.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import cache

from reference_impl.g722.predictor import AdaptivePredictor
from reference_impl.g722.tables import ILB, ILN, ILP, Q6, QQ4, QQ5, QQ6, RIL_OF_ILR, WL
from reference_impl.g722.wordlength import limit, saturate

DETL_RESET = 32  # quantiser scale factor after reset (clause 6: every other variable is 0)
NBL_MAX = 18432  # upper limit of the log scale factor NBL
LOG_LEAK = 32512  # 1 - 2**-7, in 2**-15


@cache
def decision_levels(detl: int) -> tuple[int, ...]:
    """QUANTL's decision levels Q6(MIL) scaled by DETL (truncated), for MIL = 0..29."""
    return tuple((level * detl) >> 12 for level in Q6)


def quantl(el: int, detl: int) -> int:
    """QUANTL: quantise the difference signal EL with scale factor DETL to the 6-bit code IL."""
    # |EL|, taken as the one's complement for negative EL so that -1 quantises like 0
    magnitude = el if el >= 0 else -(el + 1)
    # interval MIL in 1..30: the highest whose lower decision level is <= |EL|
    mil = bisect_right(decision_levels(detl), magnitude, 1, 30)
    return ILN[mil] if el < 0 else ILP[mil]


def invqal(il: int, detl: int) -> int:
    """INVQAL: quantised difference signal DLT from the 4-bit code ILR = IL >> 2."""
    return (detl * QQ4[il >> 2]) >> 15


def invqbl(il: int, detl: int, mode: int) -> int:
    """INVQBL: the decoder's quantised difference DL from 6, 5 or 4 bits of IL (mode 1, 2, 3)."""
    if mode == 1:
        return (detl * QQ6[il]) >> 15
    if mode == 2:
        return (detl * QQ5[il >> 1]) >> 15
    return (detl * QQ4[il >> 2]) >> 15


def logscl(il: int, nbl: int) -> int:
    """LOGSCL: update the log scale factor NBL from the 4-bit code IL >> 2, with leakage."""
    nbpl = ((nbl * LOG_LEAK) >> 15) + WL[RIL_OF_ILR[il >> 2]]
    return max(0, min(NBL_MAX, nbpl))


def scalel(nbpl: int) -> int:
    """SCALEL: the scale factor DETL from the log scale factor NBPL (an inverse logarithm)."""
    mantissa = ILB[(nbpl >> 6) & 31]
    shift = 8 - (nbpl >> 11)
    base = mantissa >> shift if shift >= 0 else mantissa << -shift
    return base << 2


def encode(xl: Iterable[int]) -> list[int]:
    """Lower sub-band ADPCM encoder from reset: the 6-bit code IL for each sample of XL."""
    predictor = AdaptivePredictor()
    nbl, detl = 0, DETL_RESET
    codes = []
    for sample in xl:
        el = saturate(sample - predictor.s)  # SUBTL
        il = quantl(el, detl)
        dlt = invqal(il, detl)
        nbl = logscl(il, nbl)
        detl = scalel(nbl)
        predictor.adapt(dlt)
        codes.append(il)
    return codes


def decode(il_codes: Iterable[int], mode: int) -> list[int]:
    """Lower sub-band ADPCM decoder from reset: the signal RL for each 6-bit code IL."""
    predictor = AdaptivePredictor()
    nbl, detl = 0, DETL_RESET
    rl: list[int] = []
    for il in il_codes:
        dl = invqbl(il, detl, mode)
        rl.append(limit(predictor.s + dl))  # RECONS, then LIMIT
        dlt = invqal(il, detl)
        nbl = logscl(il, nbl)
        detl = scalel(nbl)
        predictor.adapt(dlt)
    return rl

