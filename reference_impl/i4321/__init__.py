"""ITU-T I.432.1 reference implementation: ATM cell header error control (HEC)."""

__version__ = "1.0.0"  # this reference's own version, announced when served and recorded in reports

from reference_impl.i4321.hec import (
    COSET,
    GENERATOR,
    HeaderReceiver,
    Outcome,
    coset_remainder,
    header_error_control,
    receive_headers,
    syndrome,
)
from reference_impl.i4321.implementation import Implementation

__all__ = [
    "COSET",
    "GENERATOR",
    "HeaderReceiver",
    "Implementation",
    "Outcome",
    "coset_remainder",
    "header_error_control",
    "receive_headers",
    "syndrome",
]
