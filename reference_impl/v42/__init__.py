"""ITU-T V.42 reference implementation: the LAPM 16-bit and 32-bit frame check sequences."""

from reference_impl.v42.fcs import accept_frame, frame_check_sequence
from reference_impl.v42.implementation import Implementation

__all__ = ["Implementation", "accept_frame", "frame_check_sequence"]
