"""ITU-T G.704 reference implementation: the CRC-4, CRC-5 and CRC-6 procedures."""

__version__ = "1.0.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.g704.crc import CRC_4, CRC_5, CRC_6, PROCEDURES, CrcProcedure, remainder_bits
from reference_impl.g704.implementation import Implementation

__all__ = ["CRC_4", "CRC_5", "CRC_6", "PROCEDURES", "CrcProcedure", "Implementation", "remainder_bits"]
