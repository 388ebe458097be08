"""Synchronous coding adjustment of ITU-T G.727 (block SYNC).

As in G.726 clause 3.7, the decoder re-quantizes its log PCM output with the full (core plus
enhancement) quantizer and moves the PCM word one level towards the received code word when
the two differ. The step is taken on the PCM word in sign-magnitude form (the transmitted
word with the law's even-bit or all-bit inversion undone), and G.727 steps over the mu-law
zero of the other sign: from -0 up to +1 and from +0 down to -1 (G.726 steps from -0 to +0).
"""

from __future__ import annotations

from reference_impl.g726.adaptive_quantizer import quantize
from reference_impl.g726.pcm_format import A_LAW, expand
from reference_impl.g727.quantizer_tables import Quantizer

_INVERSION = {A_LAW: 0xD5, "mu": 0xFF}  # transmitted word XOR this = sign-magnitude word
_NEGATIVE = 0x80  # sign bit of the sign-magnitude word
_LARGEST = 0x7F  # largest magnitude


def _step_up(word: int, law: str) -> int:
    """The sign-magnitude PCM word one level up (towards +maximum)."""
    if word > _NEGATIVE:
        return word - 1  # a smaller negative magnitude
    if word == _NEGATIVE:
        return 0x01 if law != A_LAW else 0x00
    return word if word == _LARGEST else word + 1


def _step_down(word: int, law: str) -> int:
    """The sign-magnitude PCM word one level down (towards -maximum)."""
    if word == 0xFF:
        return word
    if word >= _NEGATIVE:
        return word + 1
    if word > 0:
        return word - 1
    return 0x81 if law != A_LAW else _NEGATIVE


def adjust(sp: int, code: int, se: int, y: int, law: str, quantizer: Quantizer) -> int:
    """SYNC: sd(k), the output PCM word after the synchronous coding adjustment."""
    requantized = quantize(expand(sp, law) - se, y, quantizer)
    if requantized == code:
        return sp
    inversion = _INVERSION[law]
    # order on the signal axis: the code word with its sign bit inverted
    if requantized ^ quantizer.sign_bit < code ^ quantizer.sign_bit:
        return _step_up(sp ^ inversion, law) ^ inversion
    return _step_down(sp ^ inversion, law) ^ inversion
