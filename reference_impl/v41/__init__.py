"""ITU-T V.41 reference implementation: 16-bit code-independent error control."""

from reference_impl.v41.encoding import GENERATOR, block_has_error, check_bits, check_octets
from reference_impl.v41.implementation import Implementation

__all__ = ["GENERATOR", "Implementation", "block_has_error", "check_bits", "check_octets"]
