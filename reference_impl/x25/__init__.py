"""ITU-T X.25 reference implementation: LAPB frame check sequence and transparency."""

from reference_impl.x25.frame import (
    accept_frame,
    frame_check_sequence,
    insert_zeros,
    transmit_frame,
)
from reference_impl.x25.implementation import Implementation

__all__ = ["Implementation", "accept_frame", "frame_check_sequence", "insert_zeros", "transmit_frame"]
