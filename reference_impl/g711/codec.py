"""ITU-T G.711 pulse code modulation: A-law and mu-law, written from Tables 1a/1b and 2a/2b.

Samples are 16-bit two's complement linear PCM ("left-justified": the 13-bit A-law and 14-bit
mu-law uniform ranges of the Recommendation sit in the high bits). Codes are the 8-bit
character signals as transmitted, i.e. with the even-bit inversion of A-law (XOR 0x55) and the
all-bit inversion of mu-law already applied.

The decision levels follow the ITU-T G.191 Software Tools Library, which the official test
sequences were produced with: a negative sample's magnitude is taken as its one's complement
(~x), so a negative value lying exactly on a decision threshold is quantised to the level one
step nearer zero.
"""

from __future__ import annotations

from collections.abc import Iterable

ALAW_EVEN_BIT_INVERSION = 0x55
MULAW_BIAS = 33  # in units of the 14-bit uniform range (Table 2a)
MULAW_CLIP = 0x1FFF


def alaw_compress(sample: int) -> int:
    """Encode one 16-bit linear sample to an A-law character signal (Table 1a)."""
    # 13-bit magnitude; one's complement for negative samples (the STL's choice, see module doc)
    magnitude = (~sample if sample < 0 else sample) >> 4
    if magnitude > 15:
        segment = 1
        while magnitude > 16 + 15:
            magnitude >>= 1
            segment += 1
        magnitude = (magnitude - 16) + (segment << 4)
    if sample >= 0:
        magnitude |= 0x80
    return magnitude ^ ALAW_EVEN_BIT_INVERSION


def alaw_expand(code: int) -> int:
    """Decode one A-law character signal to a 16-bit linear sample (Table 1b)."""
    value = (code ^ ALAW_EVEN_BIT_INVERSION) & 0x7F
    segment, step = value >> 4, value & 0x0F
    if segment > 0:
        step += 16
    # the decoder output lies in the middle of the quantisation interval
    magnitude = (step << 4) + 0x08
    if segment > 1:
        magnitude <<= segment - 1
    return magnitude if code > 0x7F else -magnitude


def ulaw_compress(sample: int) -> int:
    """Encode one 16-bit linear sample to a mu-law character signal (Table 2a)."""
    biased = ((~sample if sample < 0 else sample) >> 2) + MULAW_BIAS
    biased = min(biased, MULAW_CLIP)
    segment = (biased >> 6).bit_length() + 1
    code = ((8 - segment) << 4) | (0x0F - ((biased >> segment) & 0x0F))
    return code | 0x80 if sample >= 0 else code


def ulaw_expand(code: int) -> int:
    """Decode one mu-law character signal to a 16-bit linear sample (Table 2b)."""
    inverted = ~code
    segment = (inverted >> 4) & 0x07
    step_index = inverted & 0x0F
    step = 4 << (segment + 1)
    magnitude = (0x80 << segment) + step * step_index + step // 2 - 4 * MULAW_BIAS
    return magnitude if code >= 0x80 else -magnitude


# Whole-range tables: every code and every 16-bit input is precomputed once, so the
# sequence functions below are table look-ups (the per-sample functions stay the definition).
_ALAW_DECODE = tuple(alaw_expand(c) for c in range(256))
_ULAW_DECODE = tuple(ulaw_expand(c) for c in range(256))
_ALAW_ENCODE = bytes(alaw_compress(x) for x in range(-32768, 32768))
_ULAW_ENCODE = bytes(ulaw_compress(x) for x in range(-32768, 32768))


def _check_samples(samples: Iterable[int]) -> list[int]:
    values = list(samples)
    for index, value in enumerate(values):
        if not -32768 <= value <= 32767:
            raise ValueError(f"sample {index} is {value}, outside the 16-bit range")
    return values


def _check_codes(codes: Iterable[int]) -> list[int]:
    values = list(codes)
    for index, value in enumerate(values):
        if not 0 <= value <= 255:
            raise ValueError(f"code {index} is {value}, outside 0..255")
    return values


def alaw_encode(samples: Iterable[int]) -> list[int]:
    """Encode a sequence of 16-bit linear samples to A-law codes."""
    return [_ALAW_ENCODE[x + 32768] for x in _check_samples(samples)]


def alaw_decode(codes: Iterable[int]) -> list[int]:
    """Decode a sequence of A-law codes to 16-bit linear samples."""
    return [_ALAW_DECODE[c] for c in _check_codes(codes)]


def ulaw_encode(samples: Iterable[int]) -> list[int]:
    """Encode a sequence of 16-bit linear samples to mu-law codes."""
    return [_ULAW_ENCODE[x + 32768] for x in _check_samples(samples)]


def ulaw_decode(codes: Iterable[int]) -> list[int]:
    """Decode a sequence of mu-law codes to 16-bit linear samples."""
    return [_ULAW_DECODE[c] for c in _check_codes(codes)]


def encode(law: str, samples: Iterable[int]) -> list[int]:
    """Encode with the named law ("A" or "mu")."""
    if law == "A":
        return alaw_encode(samples)
    if law == "mu":
        return ulaw_encode(samples)
    raise ValueError(f"unknown law {law!r}: expected 'A' or 'mu'")


def decode(law: str, codes: Iterable[int]) -> list[int]:
    """Decode with the named law ("A" or "mu")."""
    if law == "A":
        return alaw_decode(codes)
    if law == "mu":
        return ulaw_decode(codes)
    raise ValueError(f"unknown law {law!r}: expected 'A' or 'mu'")


class Implementation:
    """The G.711 reference as the harness drives it: one method per interface."""

    def encode(self, law: str, samples: list[int]) -> dict[str, list[int]]:
        """Interface ``encode``: 16-bit linear samples to character signals."""
        return {"codes": encode(law, samples)}

    def decode(self, law: str, codes: list[int]) -> dict[str, list[int]]:
        """Interface ``decode``: character signals to 16-bit linear samples."""
        return {"samples": decode(law, codes)}
