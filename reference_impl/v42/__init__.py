"""ITU-T V.42 reference implementation: the LAPM 16-bit and 32-bit frame check sequences."""

__version__ = "1.0.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.v42.fcs import accept_frame, frame_check_sequence
from reference_impl.v42.implementation import Implementation

__all__ = ["Implementation", "accept_frame", "frame_check_sequence"]
