"""ITU-T G.726 reference implementation: 40, 32, 24 and 16 kbit/s ADPCM.

The modules follow the Recommendation's block diagram (clauses 2 and 3, fixed point per
clause 4):

- pcm_format: input PCM format conversion (EXPAND) and output PCM format conversion
  (COMPRESS), through reference_impl.g711; uniform PCM as Annex A has it;
- adaptive_quantizer: adaptive quantizer (LOG, SUBTB, QUAN) and inverse adaptive quantizer
  (RECONST, ADDA, ANTILOG); quantizer_tables holds the per-rate tables;
- scale_factor: quantizer scale factor adaptation (MIX, FILTD, LIMB, FILTE);
- speed_control: adaptation speed control (FILTA, FILTB, SUBTC, FILTC, TRIGA, LIMA);
- predictor: adaptive predictor and reconstructed signal calculator (FMULT, FLOATA,
  FLOATB, ACCUM, UPA1, UPA2, UPB, LIMC, LIMD);
- tone_transition: tone and transition detector (TONE, TRANS);
- synchronous_coding: synchronous coding adjustment (SYNC);
- codec: the state variables and the sample loop shared by encoder and decoder;
- implementation: the interfaces of recommendations/g726, for the conformance harness.
"""

__version__ = "1.0.0"  # this reference's own version, announced when served and recorded in reports

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
