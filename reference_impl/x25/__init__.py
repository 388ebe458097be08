"""ITU-T X.25 reference implementation: LAPB frame check sequence and transparency."""

__version__ = "1.0.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.x25.frame import (
    accept_frame,
    frame_check_sequence,
    insert_zeros,
    transmit_frame,
)
from reference_impl.x25.implementation import Implementation

__all__ = ["Implementation", "accept_frame", "frame_check_sequence", "insert_zeros", "transmit_frame"]
