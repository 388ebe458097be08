"""The SB-ADPCM codec of ITU-T G.722 (Figures 3 and 4): whole signals, each from reset.

Encoder: transmit QMF, then the lower (6-bit) and higher (2-bit) sub-band ADPCM encoders,
multiplexed into one 8-bit code per pair of 16 kHz samples: I = IH * 64 + IL. The encoder does
not depend on the mode: it always sends all 8 bits.

Decoder: demultiplexed, the lower sub-band decoder uses 6, 5 or 4 bits of IL (mode 1, 2 or 3:
64, 56 or 48 kbit/s; the remaining bits may carry auxiliary data and are ignored), the higher
sub-band decoder uses IH, and the receive QMF gives two 16 kHz samples per code.

Samples are 16-bit two's complement words (the Recommendation's 14-bit uniform PCM sits in
the high bits); the two sub-bands are independent of each other, so each is run over the
whole signal in turn.
"""

from __future__ import annotations

from collections.abc import Sequence

from reference_impl.g722 import higher_subband, lower_subband, qmf

MODES = (1, 2, 3)


def encode(samples: Sequence[int]) -> list[int]:
    """Encode 16 kHz samples (an even number) to one 8-bit code per sample pair, from reset."""
    xl, xh = qmf.transmit(samples)
    il = lower_subband.encode(xl)
    ih = higher_subband.encode(xh)
    return [(high << 6) | low for high, low in zip(ih, il, strict=True)]


def decode(mode: int, codes: Sequence[int]) -> list[int]:
    """Decode 8-bit codes in mode 1, 2 or 3 to two 16 kHz samples per code, from reset."""
    if mode not in MODES:
        raise ValueError(f"mode {mode!r} is not a G.722 mode: expected 1, 2 or 3")
    rl = lower_subband.decode([code & 0x3F for code in codes], mode)
    rh = higher_subband.decode([code >> 6 for code in codes])
    return qmf.receive(rl, rh)
