"""ITU-T G.711 reference implementation (A-law and mu-law PCM)."""

__version__ = "0.1.0"  # this reference's own version, announced when served and recorded in reports

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
