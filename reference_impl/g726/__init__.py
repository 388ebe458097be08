"""ITU-T G.726 reference implementation: 40, 32, 24 and 16 kbit/s ADPCM."""

from reference_impl.g726.codec import decode, decode_scheduled, encode, encode_scheduled
from reference_impl.g726.implementation import Implementation
from reference_impl.g726.quantizer_tables import RATES, RateTables

__all__ = [
    "RATES",
    "Implementation",
    "RateTables",
    "decode",
    "decode_scheduled",
    "encode",
    "encode_scheduled",
]
