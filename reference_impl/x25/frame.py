"""ITU-T X.25 LAPB frames: the 16-bit FCS (clause 2.2.7.4), transparency, and frame checks.

A frame on the line is: flag, address, control, information (if any), FCS, flag. Octets of
the address, control and information fields are sent low-order bit first; the FCS is sent
x^15 coefficient first. Between the flags, the transmitter inserts a 0 after every five
contiguous 1s (the FCS included), so that no flag pattern appears inside a frame.
"""

from __future__ import annotations

from collections.abc import Iterable

from reference_impl.fcs import FCS_16, BitOrder, octets_to_bits

FLAG_BITS = (0, 1, 1, 1, 1, 1, 1, 0)
# address (1 octet), control (1 octet) and FCS (2 octets): fewer bits make an invalid frame
MINIMUM_FRAME_BITS = 32


def frame_check_sequence(content: bytes) -> bytes:
    """The two FCS octets that follow ``content`` (address, control, information)."""
    return FCS_16.compute(content)


def insert_zeros(bits: Iterable[int]) -> list[int]:
    """Transparency: a 0 after each run of five contiguous 1s."""
    stuffed: list[int] = []
    ones = 0
    for bit in bits:
        stuffed.append(bit)
        ones = ones + 1 if bit else 0
        if ones == 5:
            stuffed.append(0)
            ones = 0
    return stuffed


def transmit_frame(content: bytes) -> list[int]:
    """The bits sent on the line for a frame with ``content``, opening and closing flags included."""
    protected = octets_to_bits(content + frame_check_sequence(content), BitOrder.LSB_FIRST)
    return [*FLAG_BITS, *insert_zeros(protected), *FLAG_BITS]


def accept_frame(frame: bytes) -> bytes:
    """Check a received frame (content then FCS, flags and inserted zeros removed).

    Returns the content of a valid frame; raises ValueError for an invalid frame (fewer than
    32 bits between the flags) or a frame with an FCS error, both of which are discarded.
    """
    if len(frame) * 8 < MINIMUM_FRAME_BITS:
        raise ValueError(
            f"invalid frame: {len(frame) * 8} bits between flags, fewer than {MINIMUM_FRAME_BITS}"
        )
    if not FCS_16.is_error_free(frame):
        raise ValueError(f"FCS error: receiver remainder {FCS_16.receiver_remainder(frame):#06x}")
    return frame[: -FCS_16.octets]
