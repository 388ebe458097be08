"""ITU-T G.192 bitstreams and the ITU-T G.191 error insertion device (EID): reference.

- softbits: G.192 words (soft bits, sync words) and the byte and compact forms of the tools;
- truncation: cutting embedded bitstreams to a lower rate (truncate);
- generators: the EID's random numbers, Gilbert-Elliot channel and Bellcore burst model;
- patterns: error patterns as gen-patt and eid8k write them;
- insertion: applying a pattern (eid-xor) and the EID on a bitstream (eiddemo);
- implementation: the interfaces of recommendations/g192, for the conformance harness.
"""

from reference_impl.g192.generators import PORTABILITY_SEED, Bellcore, GilbertElliot, RandomNumbers
from reference_impl.g192.implementation import Implementation
from reference_impl.g192.insertion import apply_pattern, disturb
from reference_impl.g192.patterns import decisions, eid8k_file, pattern_file
from reference_impl.g192.truncation import BitstreamError, truncate

__all__ = [
    "PORTABILITY_SEED", "Bellcore", "BitstreamError", "GilbertElliot", "Implementation", "RandomNumbers",
    "apply_pattern", "decisions", "disturb", "eid8k_file", "pattern_file", "truncate",
]
