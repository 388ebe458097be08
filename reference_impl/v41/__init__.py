"""ITU-T V.41 reference implementation: 16-bit code-independent error control."""

__version__ = "1.0.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.v41.encoding import GENERATOR, block_has_error, check_bits, check_octets
from reference_impl.v41.implementation import Implementation

__all__ = ["GENERATOR", "Implementation", "block_has_error", "check_bits", "check_octets"]
