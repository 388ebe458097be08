"""ITU-T G.711 reference implementation (A-law and mu-law PCM)."""

from reference_impl.g711.codec import (
    Implementation,
    alaw_compress,
    alaw_decode,
    alaw_encode,
    alaw_expand,
    decode,
    encode,
    ulaw_compress,
    ulaw_decode,
    ulaw_encode,
    ulaw_expand,
)

__all__ = [
    "Implementation",
    "alaw_compress",
    "alaw_decode",
    "alaw_encode",
    "alaw_expand",
    "decode",
    "encode",
    "ulaw_compress",
    "ulaw_decode",
    "ulaw_encode",
    "ulaw_expand",
]
