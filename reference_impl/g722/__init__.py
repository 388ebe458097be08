"""ITU-T G.722 reference implementation: 7 kHz audio coding within 64 kbit/s (SB-ADPCM).

Modules follow the Recommendation's structure: ``qmf`` (transmit and receive QMF),
``lower_subband`` and ``higher_subband`` (the sub-band ADPCM encoders and decoders with their
quantisers and scale factor adaptation), ``predictor`` (the pole-zero adaptive predictor both
sub-bands share), ``tables`` and ``wordlength`` (its constants and 16/15-bit limits), and
``codec`` (the whole encoder and the decoder in modes 1, 2 and 3).
"""

__version__ = "1.0.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.g722.codec import MODES, decode, encode
from reference_impl.g722.implementation import Implementation

__all__ = ["MODES", "Implementation", "decode", "encode"]
