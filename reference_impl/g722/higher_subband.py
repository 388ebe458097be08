"""Higher sub-band ADPCM (clauses 3 and 4, detailed in clause 6): 2-bit encoder and decoder.

The higher sub-band is coded at 16 kbit/s in every mode: a 4-level adaptive quantiser
(QUANTH) sends the 2-bit code IH, from which the decoder rebuilds RH exactly as the encoder's
own reconstruction.
"""

from __future__ import annotations

from collections.abc import Iterable

from reference_impl.g722.predictor import AdaptivePredictor
from reference_impl.g722.tables import IHN, IHP, ILB, Q2, QQ2, RIH_OF_IH, WH
from reference_impl.g722.wordlength import limit, saturate

DETH_RESET = 8  # quantiser scale factor after reset (every other variable is 0)
NBH_MAX = 22528  # upper limit of the log scale factor NBH
LOG_LEAK = 32512  # 1 - 2**-7, in 2**-15


def quanth(eh: int, deth: int) -> int:
    """QUANTH: quantise the difference signal EH with scale factor DETH to the 2-bit code IH."""
    magnitude = eh if eh >= 0 else -(eh + 1)  # one's complement for negative EH, as QUANTL
    mih = 2 if magnitude >= (Q2 * deth) >> 12 else 1
    return IHN[mih] if eh < 0 else IHP[mih]


def invqah(ih: int, deth: int) -> int:
    """INVQAH (and the decoder's INVQBH): quantised difference signal DH from IH."""
    return (deth * QQ2[ih]) >> 15


def logsch(ih: int, nbh: int) -> int:
    """LOGSCH: update the log scale factor NBH from IH, with leakage."""
    nbph = ((nbh * LOG_LEAK) >> 15) + WH[RIH_OF_IH[ih]]
    return max(0, min(NBH_MAX, nbph))


def scaleh(nbph: int) -> int:
    """SCALEH: the scale factor DETH from the log scale factor NBPH (an inverse logarithm)."""
    mantissa = ILB[(nbph >> 6) & 31]
    shift = 10 - (nbph >> 11)
    base = mantissa >> shift if shift >= 0 else mantissa << -shift
    return base << 2


def encode(xh: Iterable[int]) -> list[int]:
    """Higher sub-band ADPCM encoder from reset: the 2-bit code IH for each sample of XH."""
    predictor = AdaptivePredictor()
    nbh, deth = 0, DETH_RESET
    codes = []
    for sample in xh:
        eh = saturate(sample - predictor.s)  # SUBTH
        ih = quanth(eh, deth)
        dh = invqah(ih, deth)
        nbh = logsch(ih, nbh)
        deth = scaleh(nbh)
        predictor.adapt(dh)
        codes.append(ih)
    return codes


def decode(ih_codes: Iterable[int]) -> list[int]:
    """Higher sub-band ADPCM decoder from reset: the signal RH for each 2-bit code IH."""
    predictor = AdaptivePredictor()
    nbh, deth = 0, DETH_RESET
    rh: list[int] = []
    for ih in ih_codes:
        dh = invqah(ih, deth)
        rh.append(limit(predictor.s + dh))  # RECONS, then LIMIT
        nbh = logsch(ih, nbh)
        deth = scaleh(nbh)
        predictor.adapt(dh)
    return rh
