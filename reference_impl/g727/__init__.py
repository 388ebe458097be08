"""ITU-T G.727 reference implementation: 5-, 4-, 3- and 2-bit embedded ADPCM.

- quantizer_tables: the nested quantizers of 5 to 2 bits and the core W(I), F(I) tables;
- transition: the transition detector with G.727's threshold limit;
- synchronous_coding: the synchronous coding adjustment with G.727's step;
- codec: state variables and the sample loop, on the blocks G.727 shares with G.726
  (reference_impl.g726: PCM conversion, quantizer arithmetic, scale factor, speed control,
  predictor, tone detector);
- implementation: the interfaces of recommendations/g727, for the conformance harness.
"""

from reference_impl.g727.codec import decode, encode
from reference_impl.g727.implementation import Implementation
from reference_impl.g727.quantizer_tables import BIT_COMBINATIONS, QUANTIZERS

__all__ = ["BIT_COMBINATIONS", "QUANTIZERS", "Implementation", "decode", "encode"]
